#[faaskit::handler(crate = faaskit)]
async fn hello(event: serde_json::Value) -> serde_json::Value {
    event
}

#[faaskit::handler(crate = "my faaskit", main = false)]
async fn goodbye(event: serde_json::Value) -> serde_json::Value {
    event
}
