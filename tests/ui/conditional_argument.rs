#[faaskit::handler]
async fn hello(name: String, #[cfg(any())] context: faaskit::Context) -> String {
    name
}
