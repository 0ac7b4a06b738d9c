#[faaskit::http(route = "/now", method = "GET")]
async fn now() -> std::time::Instant {
    std::time::Instant::now()
}
