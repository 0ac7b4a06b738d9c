#[faaskit::handler(main = false)]
async fn hello(_event: serde_json::Value) -> &'static str {
    "hello"
}

faaskit::main!(hello, hello);
