#[faaskit::handler]
async fn hello(_event: serde_json::Value) -> std::time::Instant {
    std::time::Instant::now()
}
