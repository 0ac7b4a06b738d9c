//! `hello` written on `lambda_runtime` alone: the reference the faaskit `hello` is measured against.
//!
//! Same contract as `examples/src/bin/hello.rs`: `{"name": "Ana"}` gives `{"message": "Hello, Ana!"}`.

use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Greeting {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Serialize)]
struct Reply {
    message: String,
}

async fn hello(event: LambdaEvent<Greeting>) -> Result<Reply, Error> {
    let name = event.payload.name.as_deref().map(str::trim).filter(|name| !name.is_empty()).unwrap_or("world");
    Ok(Reply { message: format!("Hello, {name}!") })
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(hello)).await
}
