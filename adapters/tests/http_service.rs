//! HTTP functions through the whole pipeline in-process: routing behind stages, the Lambda
//! `Context`, `State<T>` and the `RequestContext` from the request, panics and service errors
//! answered as `500`.

#![cfg(all(feature = "http", feature = "testing"))]

use std::convert::Infallible;

use axum::Router;
use axum::extract::Path;
use axum::routing::{get, post};
use faaskit_adapters::http::{self, RequestContext};
use faaskit_adapters::testing::{ApiGatewayRestEvent, HttpApiEvent, HttpEventResponse};
use faaskit_core::testing::{TestFunction, TestPayload};
use faaskit_core::{Context, Error, Handler, State};
use serde_json::{Value, json};

struct Greeting(&'static str);

fn app() -> Router {
    Router::new()
        .route(
            "/hello/{name}",
            get(
                |Path(name): Path<String>, greeting: State<Greeting>| async move { format!("{}, {name}!", greeting.0) },
            ),
        )
        .route(
            "/whoami",
            get(|ctx: Context, context: RequestContext| async move {
                format!(
                    "{} {} {}",
                    ctx.request_id(),
                    context.source_ip().unwrap_or("-"),
                    context.claim("sub").unwrap_or("-")
                )
            }),
        )
        .route("/panic", get(panics))
        .route("/$connect", post(|| async { "connected" }))
}

async fn panics() -> &'static str {
    panic!("the database is on fire")
}

async fn function(handler: Handler) -> TestFunction {
    TestFunction::new(handler.with_init(|| Ok::<_, Error>(Greeting("Hello")))).await.expect("prepares")
}

async fn call(function: &TestFunction, event: impl TestPayload) -> HttpEventResponse {
    let json = function.invoke(event).await.expect("an HTTP response, not a function error");
    HttpEventResponse::from_json(&json).unwrap_or_else(|| panic!("not a response: {json}"))
}

fn get_request(path: &str) -> ::http::Request<&'static str> {
    ::http::Request::get(path).body("").expect("request")
}

#[tokio::test]
async fn routes_behind_a_stage_with_state() {
    let function = function(http::handler("api", app())).await;
    for event in [
        Box::new(ApiGatewayRestEvent::from_request(get_request("/hello/Ana")).stage("prod")) as Box<dyn TestPayload>,
        Box::new(ApiGatewayRestEvent::from_request(get_request("/hello/Ana")).custom_domain("api.example.com", "shop")),
        Box::new(HttpApiEvent::from_request(get_request("/hello/Ana")).stage("prod")),
    ] {
        let response = call(&function, event.to_payload()).await;
        assert_eq!((response.status, response.text()), (200, "Hello, Ana!".to_owned()));
    }
}

#[tokio::test]
async fn the_lambda_context_and_the_request_context_are_extractable() {
    let function = function(http::handler("api", app())).await;
    let event = HttpApiEvent::from_request(get_request("/whoami"))
        .authorizer(json!({"jwt": {"claims": {"sub": "user-42"}, "scopes": null}}));
    let context = function.context().request_id("req-7").build();
    let json = function.invoke_with_context(event, context).await.expect("a response");
    let response = HttpEventResponse::from_json(&json).expect("a response");
    assert_eq!(response.text(), "req-7 203.0.113.10 user-42");
    let rest =
        ApiGatewayRestEvent::from_request(get_request("/whoami")).authorizer(json!({"claims": {"sub": "cognito-9"}}));
    assert!(call(&function, rest).await.text().ends_with("203.0.113.10 cognito-9"));
}

#[tokio::test]
async fn a_panic_is_a_500_with_a_short_body() {
    let function = function(http::handler("api", app())).await;
    let response = call(&function, HttpApiEvent::from_request(get_request("/panic"))).await;
    assert_eq!(response.status, 500);
    assert_eq!(response.text(), "Internal Server Error");
    // The function keeps serving.
    let ok = call(&function, HttpApiEvent::from_request(get_request("/hello/Ana"))).await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn a_service_error_is_a_500() {
    let failing = tower::service_fn(|_: ::http::Request<axum::body::Body>| async {
        Err::<::http::Response<String>, _>(std::io::Error::other("upstream refused"))
    });
    let function = function(http::handler("failing", failing)).await;
    let response = call(&function, HttpApiEvent::from_request(get_request("/"))).await;
    assert_eq!((response.status, response.text()), (500, "Internal Server Error".to_owned()));
}

#[tokio::test]
async fn any_tower_service_is_a_function() {
    let echo = tower::service_fn(|request: ::http::Request<axum::body::Body>| async move {
        Ok::<_, Infallible>(::http::Response::new(format!("{} {}", request.method(), request.uri())))
    });
    let function = function(http::handler("echo", echo)).await;
    let response = call(&function, ApiGatewayRestEvent::from_request(get_request("/a/b?c=d%20e")).stage("dev")).await;
    assert_eq!(response.text(), "GET /a/b?c=d%20e");
}

#[tokio::test]
async fn websocket_events_route_as_post_to_their_route_key() {
    let function = function(http::handler("ws", app())).await;
    let event = json!({
        "requestContext": {"routeKey": "$connect", "eventType": "CONNECT", "connectionId": "abc=", "stage": "prod",
                           "requestId": "r1", "identity": {"sourceIp": "1.2.3.4"}, "requestTimeEpoch": 0, "connectedAt": 0},
        "isBase64Encoded": false
    });
    let json: Value = function.invoke(event).await.expect("a response");
    assert_eq!(json["statusCode"], 200, "{json}");
    assert_eq!(json["body"], "connected");
}

#[tokio::test]
async fn events_that_are_not_http_fail_the_invocation() {
    let function = function(http::handler("api", app())).await;
    let error = function.invoke(json!({"Records": []})).await.expect_err("not HTTP");
    assert_eq!(error.error_type, "Faaskit.DecodeError");
}

/// A 3 MB POST: above axum's own 2 MB default body limit, within Lambda's 6 MB.
fn three_megabytes() -> ::http::Request<String> {
    let body = format!("\"{}\"", "x".repeat(3 * 1024 * 1024));
    ::http::Request::post("/echo").header("content-type", "application/json").body(body).expect("request")
}

#[tokio::test]
async fn bodies_up_to_lambdas_limit_reach_axum_extractors() {
    let echo =
        Router::new().route("/echo", post(|axum::Json(body): axum::Json<Value>| async move { axum::Json(body) }));
    let function = function(http::handler("echo", echo)).await;
    let response = call(&function, HttpApiEvent::from_request(three_megabytes())).await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.body.len(), 3 * 1024 * 1024 + 2);
}

#[tokio::test]
async fn bodies_up_to_lambdas_limit_reach_the_extractors_of_any_service() {
    use axum::handler::HandlerWithoutStateExt as _;
    // A handler as a service of its own, not a `Router`.
    let length = (|body: String| async move { body.len().to_string() }).into_service();
    let function = function(http::handler("length", length)).await;
    let response = call(&function, HttpApiEvent::from_request(three_megabytes())).await;
    assert_eq!((response.status, response.text()), (200, (3 * 1024 * 1024 + 2).to_string()));
}

#[tokio::test]
async fn a_body_limit_the_application_sets_still_applies() {
    let echo = Router::new()
        .route("/echo", post(|body: String| async move { body.len().to_string() }))
        .layer(axum::extract::DefaultBodyLimit::max(1024));
    let function = function(http::handler("echo", echo)).await;
    let response = call(&function, HttpApiEvent::from_request(three_megabytes())).await;
    assert_eq!(response.status, 413, "{}", response.text());
}

#[faaskit::http(main = false, route = "/greet/{name}", method = "POST")]
async fn greet(Path(name): Path<String>, axum::Json(body): axum::Json<Value>) -> String {
    format!("{name} {body}")
}

#[tokio::test]
async fn a_routed_function_prints_a_sample_event_it_answers() {
    let handler = <greet as faaskit::HandlerDefinition>::handler();
    let sample = handler.example_event().expect("a sample event");
    let function = TestFunction::new(handler).await.expect("prepares");
    let response = call(&function, sample).await;
    assert_eq!((response.status, response.text()), (200, "name {}".to_owned()));
}
