//! The `axum-router` example, run for real: its unchanged axum routes answer the same over plain
//! HTTP locally, through the Invoke API behind a REST API stage (and the other event formats),
//! and on the Lambda Runtime API.

mod support;

use faaskit::testing::{
    AlbEvent, ApiGatewayRestEvent, FunctionUrlEvent, HttpApiEvent, HttpEventResponse, RuntimeApiPeer, TestPayload,
};
use http::{HeaderMap, HeaderValue, Method, Request};
use serde_json::{Value, json};
use support::{LambdaFunction, LocalFunction};

const AXUM_ROUTER: &str = env!("CARGO_BIN_EXE_axum-router");

/// One step of the scenario: a request and the status and JSON (or text) it must answer.
struct Step {
    method: Method,
    path: &'static str,
    body: Option<Value>,
    status: u16,
    answer: Value,
}

/// A scenario that uses every route, in order (the todos live in the process).
fn scenario() -> Vec<Step> {
    let step = |method: Method, path, body, status, answer| Step { method, path, body, status, answer };
    vec![
        step(Method::GET, "/health", None, 200, json!("ok")),
        step(Method::GET, "/api/todos", None, 200, json!([])),
        step(
            Method::POST,
            "/api/todos",
            Some(json!({"title": "write docs"})),
            201,
            json!({"id": 1, "title": "write docs", "done": false}),
        ),
        step(
            Method::POST,
            "/api/todos",
            Some(json!({"title": "ship"})),
            201,
            json!({"id": 2, "title": "ship", "done": false}),
        ),
        step(Method::PUT, "/api/todos/1/done", None, 200, json!({"id": 1, "title": "write docs", "done": true})),
        step(Method::GET, "/api/todos/2", None, 200, json!({"id": 2, "title": "ship", "done": false})),
        step(Method::GET, "/api/todos?done=true", None, 200, json!([{"id": 1, "title": "write docs", "done": true}])),
        step(Method::GET, "/api/todos/9", None, 404, json!({"error": "no todo 9"})),
        step(Method::PUT, "/api/todos/9/done", None, 404, json!({"error": "no todo 9"})),
        step(Method::GET, "/api/todos/abc", None, 400, Value::Null),
        step(Method::GET, "/api/todos?done=maybe", None, 400, Value::Null),
        step(Method::POST, "/health", None, 405, Value::Null),
        step(Method::GET, "/api/nothing", None, 404, Value::Null),
    ]
}

fn request(step: &Step) -> Request<String> {
    let mut builder = Request::builder().method(step.method.clone()).uri(step.path);
    if step.body.is_some() {
        builder = builder.header("content-type", "application/json");
    }
    builder.body(step.body.as_ref().map(Value::to_string).unwrap_or_default()).expect("request")
}

fn check(label: &str, step: &Step, status: u16, body: &[u8]) {
    assert_eq!(status, step.status, "{label}: {} {}", step.method, step.path);
    let what = format!("{label}: {} {}: {}", step.method, step.path, String::from_utf8_lossy(body));
    match &step.answer {
        Value::Null => {}
        Value::String(text) => assert_eq!(String::from_utf8_lossy(body), *text, "{what}"),
        answer => assert_eq!(serde_json::from_slice::<Value>(body).ok().as_ref(), Some(answer), "{what}"),
    }
}

#[tokio::test]
async fn serves_its_routes_over_plain_http_locally() {
    let function = LocalFunction::start(AXUM_ROUTER, &[]);
    for step in scenario() {
        let mut headers = HeaderMap::new();
        if step.body.is_some() {
            headers.insert("content-type", HeaderValue::from_static("application/json"));
        }
        let body = step.body.as_ref().map(Value::to_string).unwrap_or_default();
        let response =
            function.client.send(step.method.clone(), step.path, headers, body.into()).await.expect("server answers");
        check("local HTTP", &step, response.status.as_u16(), &response.body);
    }
}

/// Each event format, with the REST API behind a stage and behind a custom domain's base path.
/// An event format, and the event of a request in it.
type Format = (&'static str, fn(Request<String>) -> Box<dyn TestPayload>);

fn formats() -> Vec<Format> {
    vec![
        ("REST API, stage prod", |r| Box::new(ApiGatewayRestEvent::from_request(r).stage("prod"))),
        ("REST API, custom domain", |r| {
            Box::new(ApiGatewayRestEvent::from_request(r).custom_domain("api.example.com", "todo"))
        }),
        ("HTTP API, stage beta", |r| Box::new(HttpApiEvent::from_request(r).stage("beta"))),
        ("ALB", |r| Box::new(AlbEvent::from_request(r).multi_value_headers(true))),
        ("Function URL", |r| Box::new(FunctionUrlEvent::from_request(r))),
    ]
}

#[tokio::test]
async fn serves_its_routes_through_the_invoke_api_in_every_format() {
    for (label, event) in formats() {
        // A fresh process per format: the scenario expects no todos at the start.
        let function = LocalFunction::start(AXUM_ROUTER, &[]);
        for step in scenario() {
            let response = function
                .client
                .invoke("axum-router", event(request(&step)).to_payload())
                .await
                .expect("server answers");
            assert!(!response.is_function_error(), "{label}: {}", response.text());
            let json = response.json().expect("JSON");
            let answer =
                HttpEventResponse::from_json(&json).unwrap_or_else(|| panic!("{label}: not a response: {json}"));
            check(label, &step, answer.status, &answer.body);
        }
    }
}

#[tokio::test]
async fn serves_its_routes_behind_a_rest_api_stage_on_the_runtime_api() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let _function = LambdaFunction::start(AXUM_ROUTER, "axum-router", &peer, &[]);
    for step in scenario() {
        let outcome = peer.invoke(ApiGatewayRestEvent::from_request(request(&step)).stage("prod").to_payload()).await;
        let json = outcome.json().unwrap_or_else(|| panic!("{} {}: {outcome:?}", step.method, step.path));
        let answer = HttpEventResponse::from_json(&json).unwrap_or_else(|| panic!("not a response: {json}"));
        check("Runtime API, REST stage prod", &step, answer.status, &answer.body);
    }
}
