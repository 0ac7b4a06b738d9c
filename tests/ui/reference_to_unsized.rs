#[faaskit::handler]
async fn hello(name: &str, bytes: &[u8]) -> String {
    format!("{name} {}", bytes.len())
}
