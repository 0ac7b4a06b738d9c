#[faaskit::handler]
async fn hello(event: serde_json::Value, file: std::fs::File) -> serde_json::Value {
    let _ = file;
    event
}
