#[faaskit::handler(nmae = "greeter")]
async fn hello(event: serde_json::Value) -> serde_json::Value {
    event
}
