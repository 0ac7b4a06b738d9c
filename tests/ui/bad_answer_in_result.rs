#[faaskit::handler]
async fn hello(_event: serde_json::Value) -> Result<std::time::Instant, String> {
    Ok(std::time::Instant::now())
}
