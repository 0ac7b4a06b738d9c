struct Opaque;

type Reply<T> = Result<T, Opaque>;

#[faaskit::handler]
async fn hello(_event: serde_json::Value) -> Reply<String> {
    Err(Opaque)
}
