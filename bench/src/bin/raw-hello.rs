//! `hello` written on `lambda_runtime` alone, logging nothing: the reference the faaskit `hello`
//! is measured against.
//!
//! Same contract as `examples/src/bin/hello.rs`: `{"name": "Ana"}` gives `{"message": "Hello, Ana!"}`.

#[path = "../raw_hello.rs"]
mod raw_hello;

use lambda_runtime::{Error, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(raw_hello::hello)).await
}
