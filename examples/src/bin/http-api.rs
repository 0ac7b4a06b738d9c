//! `http-api`: a small HTTP API, the same through every HTTP event format and over plain HTTP.
//!
//! | request | response |
//! | --- | --- |
//! | `GET /hello/{name}` | `200`, `text/plain`, `Hello, {name}!` |
//! | `POST /echo` with a JSON body (`content-type: application/json`) | `200`, `application/json`, the same JSON |
//! | any other route: another path, or another method on these paths (`POST /hello/Ana`) | `404` |
//! | a body over 6 MB (locally) | `413` |
//!
//! On Lambda it answers API Gateway REST API (any stage: `/prod/hello/Ana` routes as
//! `/hello/Ana`), HTTP API, ALB and Function URL events; locally it is a plain HTTP server.
//!
//! ```text
//! cargo run -p faaskit-examples --bin http-api
//! curl -s localhost:9000/hello/Ana
//! curl -s localhost:9000/echo -H 'content-type: application/json' -d '{"a":1}'
//! # an HTTP event through the Invoke API: the sample is an HTTP API `GET /`, which this API
//! # answers with 404; its path set to /hello/Ana, it answers 200 "Hello, Ana!"
//! ./target/debug/http-api example-event | sed 's#"/"#"/hello/Ana"#' > event.json
//! curl -s -XPOST localhost:9000/2015-03-31/functions/http-api/invocations -d @event.json
//! ```

use axum::extract::Path;
use axum::http::StatusCode;
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

/// Another method on a known path: as API Gateway answers a route it does not have, `404`
/// (axum would answer `405`).
async fn no_such_route() -> StatusCode {
    StatusCode::NOT_FOUND
}

/// Runs once when the process is told to stop.
async fn on_shutdown() {
    faaskit::tracing::warn!("http-api: shutting down");
}

/// The API: the router is the function. Bodies up to Lambda's 6 MB reach its extractors;
/// faaskit answers `413` above that.
#[faaskit::http(name = "http-api", shutdown = on_shutdown)]
fn app() -> Router {
    Router::new()
        .route("/hello/{name}", get(hello))
        .route("/echo", post(echo))
        .method_not_allowed_fallback(no_such_route)
}

#[cfg(test)]
mod tests {
    use faaskit::testing::{AlbEvent, ApiGatewayRestEvent, HttpApiEvent, HttpEventResponse, TestFunction};

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

    #[tokio::test]
    async fn answers_a_rest_api_event_behind_its_stage() {
        let function = TestFunction::of::<app>().await.expect("prepares");
        let request = http::Request::get("/hello/Zo%C3%AB").body("").expect("request");
        let json = function.invoke(ApiGatewayRestEvent::from_request(request).stage("prod")).await.expect("a response");
        let response = HttpEventResponse::from_json(&json).expect("a REST API response");
        assert_eq!((response.status, response.text()), (200, "Hello, Zoë!".to_owned()));
    }

    #[tokio::test]
    async fn echoes_through_http_api_and_alb_events() {
        let function = TestFunction::of::<app>().await.expect("prepares");
        let request = || {
            http::Request::post("/echo").header("content-type", "application/json").body(r#"{"n":1}"#).expect("request")
        };
        for json in [
            function.invoke(HttpApiEvent::from_request(request())).await.expect("a response"),
            function.invoke(AlbEvent::from_request(request()).multi_value_headers(true)).await.expect("a response"),
        ] {
            let response = HttpEventResponse::from_json(&json).expect("a response");
            assert_eq!(response.header("content-type"), Some("application/json"));
            assert_eq!(response.text(), r#"{"n":1}"#);
        }
        let missing =
            function.invoke(HttpApiEvent::from_request(http::Request::get("/nope").body("").expect("request"))).await;
        assert_eq!(missing.expect("a response")["statusCode"], 404);
    }

    /// The other form of `#[faaskit::http]`: one axum handler on one route and method.
    #[faaskit::http(route = "/greet/{name}", method = "GET", main = false)]
    async fn greet(Path(name): Path<String>, ctx: faaskit::Context) -> String {
        format!("Hi {name} ({})", ctx.request_id())
    }

    /// And an axum handler that answers every path and method.
    #[faaskit::http(name = "anything", main = false)]
    async fn anything(request: http::Request<faaskit::Body>) -> String {
        format!("{} {}", request.method(), request.uri())
    }

    async fn status_and_text(function: &TestFunction, request: http::Request<&'static str>) -> (u16, String) {
        let json = function.invoke(ApiGatewayRestEvent::from_request(request).stage("prod")).await.expect("a response");
        let response = HttpEventResponse::from_json(&json).expect("a response");
        (response.status, response.text())
    }

    #[tokio::test]
    async fn a_single_handler_answers_its_route_and_method() {
        let function = TestFunction::of::<greet>().await.expect("prepares");
        let context = function.context().request_id("req-1").build();
        let event = ApiGatewayRestEvent::from_request(http::Request::get("/greet/Ana").body("").expect("request"));
        let json = function.invoke_with_context(event, context).await.expect("a response");
        assert_eq!(HttpEventResponse::from_json(&json).expect("a response").text(), "Hi Ana (req-1)");
        let wrong_method = http::Request::post("/greet/Ana").body("").expect("request");
        assert_eq!(status_and_text(&function, wrong_method).await.0, 405);
        assert_eq!(status_and_text(&function, http::Request::get("/other").body("").expect("request")).await.0, 404);
    }

    #[tokio::test]
    async fn a_fallback_handler_answers_every_path() {
        let function = TestFunction::of::<anything>().await.expect("prepares");
        assert_eq!(function.name(), "anything");
        let request = http::Request::delete("/a/b%20c?d=e").body("").expect("request");
        assert_eq!(status_and_text(&function, request).await, (200, "DELETE /a/b%20c?d=e".to_owned()));
    }
}
