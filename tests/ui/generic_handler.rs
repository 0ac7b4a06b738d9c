#[faaskit::handler]
async fn hello<T: serde::de::DeserializeOwned>(_event: T) -> String {
    String::new()
}
