//! `http-api`: a small HTTP API, the same through every HTTP event format and over plain HTTP.
//!
//! | request | response |
//! | --- | --- |
//! | `GET /hello/{name}` | `200`, `text/plain`, `Hello, {name}!` |
//! | `POST /echo` with a JSON body (`content-type: application/json`) | `200`, `application/json`, the same JSON |
//! | any other route | `404` |
//! | a body over 6 MB (locally) | `413` |
//!
//! On Lambda it answers API Gateway REST API (any stage: `/prod/hello/Ana` routes as
//! `/hello/Ana`), HTTP API, ALB and Function URL events; locally it is a plain HTTP server.
//!
//! ```text
//! cargo run -p faaskit-examples --bin http-api
//! curl -s localhost:9000/hello/Ana
//! curl -s localhost:9000/echo -H 'content-type: application/json' -d '{"a":1}'
//! # an HTTP event through the Invoke API:
//! FAASKIT_PRINT_EXAMPLE_EVENT=1 ./target/debug/http-api > event.json
//! curl -s -XPOST localhost:9000/2015-03-31/functions/http-api/invocations -d @event.json
//! ```

use axum::extract::{DefaultBodyLimit, Path};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

/// `GET /hello/{name}`.
async fn hello(Path(name): Path<String>) -> String {
    format!("Hello, {name}!")
}

/// `POST /echo`: the JSON it was sent.
async fn echo(Json(body): Json<Value>) -> Json<Value> {
    Json(body)
}

/// The API: the router is the function.
///
/// faaskit already refuses bodies over Lambda's 6 MB (413), so axum's own 2 MB default limit
/// on extractors is lifted.
#[faaskit::http(name = "http-api")]
fn app() -> Router {
    Router::new().route("/hello/{name}", get(hello)).route("/echo", post(echo)).layer(DefaultBodyLimit::disable())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn greets_by_name() {
        assert_eq!(hello(Path("Ana".to_owned())).await, "Hello, Ana!");
    }

    #[tokio::test]
    async fn echoes_json() {
        let body = serde_json::json!({"a": [1, 2], "b": "ü"});
        assert_eq!(echo(Json(body.clone())).await.0, body);
    }
}
