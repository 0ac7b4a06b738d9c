#[faaskit::http(path = "/hello")]
async fn hello() -> &'static str {
    "hello"
}
