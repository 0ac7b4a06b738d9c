//! The `hello` function written on `lambda_runtime` alone, shared by the two raw references:
//! `raw-hello` (no logs) and `raw-hello-logged` (`bench/logged-reference`, logs set up the way
//! `cargo lambda new` writes it).
//!
//! Same contract as `examples/src/bin/hello.rs`: `{"name": "Ana"}` gives `{"message": "Hello, Ana!"}`.

use lambda_runtime::{Error, LambdaEvent};
use serde::{Deserialize, Serialize};

/// The event.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Greeting {
    #[serde(default)]
    name: Option<String>,
}

/// The answer.
#[derive(Serialize)]
pub(crate) struct Reply {
    message: String,
}

/// Greets the name given, or the world.
///
/// # Errors
///
/// None: the signature is the one `lambda_runtime::service_fn` takes.
pub(crate) async fn hello(event: LambdaEvent<Greeting>) -> Result<Reply, Error> {
    let name = event.payload.name.as_deref().map(str::trim).filter(|name| !name.is_empty()).unwrap_or("world");
    Ok(Reply { message: format!("Hello, {name}!") })
}
