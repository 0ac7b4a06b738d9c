// `main = false` with a mistake beside it: the only error is the mistake, not a second `main`.
#[faaskit::handler(main = false, logging = maybe)]
async fn hello(event: serde_json::Value) -> serde_json::Value {
    event
}

fn main() {}
