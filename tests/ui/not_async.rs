#[faaskit::handler]
fn hello(event: serde_json::Value) -> serde_json::Value {
    event
}
