//! `hello` written on `lambda_runtime` alone, with its logs set up the way `cargo lambda new`
//! and lambda_runtime's examples write it (`lambda_runtime::tracing::init_default_subscriber`:
//! Lambda's log level and text or JSON format). faaskit's `hello` logs in those formats too, so
//! this is the like-for-like reference; `raw-hello`, which logs nothing, is the strict one.
//!
//! Same contract as `examples/src/bin/hello.rs`: `{"name": "Ana"}` gives `{"message": "Hello, Ana!"}`.

#[path = "../../src/raw_hello.rs"]
mod raw_hello;

use lambda_runtime::{Error, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::tracing::init_default_subscriber();
    lambda_runtime::run(service_fn(raw_hello::hello)).await
}
