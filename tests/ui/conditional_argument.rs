#[faaskit::handler]
async fn hello(name: String, #[cfg(any())] context: faaskit::Context) -> String {
    name
}

#[faaskit::handler(main = false)]
async fn nested(name: String, #[cfg_attr(all(), cfg(any()))] context: faaskit::Context) -> String {
    name
}
