#[faaskit::handler]
async fn hello(_event: serde_json::Value) -> std::io::Result<Vec<std::time::Instant>> {
    Ok(vec![std::time::Instant::now()])
}
