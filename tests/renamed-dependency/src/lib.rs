//! Handlers of a crate that knows faaskit as `fk`: each attribute says `crate = "fk"`, and the
//! binary lists them in `fk::main!`.

use axum::Router;
use axum::routing::get;

/// Greets by name: the Lambda-event form.
#[fk::handler(crate = "fk", main = false)]
pub async fn greet(event: serde_json::Value, context: fk::Context) -> Result<String, fk::Error> {
    let name = event["name"].as_str().ok_or_else(|| fk::Error::new("MissingName", "no `name`"))?;
    Ok(format!("Hello, {name}, from {}!", context.function_name()))
}

/// The HTTP form, a router.
#[fk::http(crate = "fk", name = "api", main = false)]
pub fn api() -> Router {
    Router::new().route("/ping", get(|| async { "pong" }))
}

/// The HTTP form, one axum handler on a route.
#[fk::http(crate = "fk", name = "pong", route = "/pong", method = "GET", main = false)]
pub async fn pong() -> &'static str {
    "ping"
}
