struct Opaque;

#[faaskit::handler]
async fn hello(_event: serde_json::Value) -> Result<String, Opaque> {
    Err(Opaque)
}
