#[faaskit::http(method = "GET")]
async fn hello() -> &'static str {
    "hello"
}
