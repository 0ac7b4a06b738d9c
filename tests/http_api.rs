//! The `http-api` example, run for real: a plain HTTP server locally, HTTP events of every format
//! through the local Invoke API, and the same events on the Lambda Runtime API. Every path must
//! give the same answers.

mod support;

use faaskit::testing::{
    AlbEvent, ApiGatewayRestEvent, FunctionUrlEvent, HttpApiEvent, HttpEventResponse, LocalClient, RuntimeApiPeer,
    TestPayload,
};
use http::{HeaderMap, HeaderValue, Method, Request};
use serde_json::{Value, json};
use support::{LambdaFunction, LocalFunction};

const HTTP_API: &str = env!("CARGO_BIN_EXE_http-api");

/// The JSON `POST /echo` sends and must get back.
fn echo_body() -> Value {
    json!({"order": 7, "items": ["a", "b c"], "note": "Zoë & co"})
}

/// The requests of the contract.
fn hello() -> Request<String> {
    Request::get("/hello/Ana").header("user-agent", "faaskit-test").body(String::new()).expect("request")
}
fn echo() -> Request<String> {
    Request::post("/echo").header("content-type", "application/json").body(echo_body().to_string()).expect("request")
}
fn missing() -> Request<String> {
    Request::get("/nowhere/at/all").body(String::new()).expect("request")
}
/// A known path with a method it does not route: another route, so `404` too.
fn wrong_method() -> Request<String> {
    Request::post("/hello/Ana").body(String::new()).expect("request")
}

/// An event format, and the event of a request in it.
type Format = (&'static str, fn(Request<String>) -> Box<dyn TestPayload>);

/// Every event format the function must answer, with stages and base paths in the path.
fn formats() -> Vec<Format> {
    vec![
        ("REST API, stage prod", |r| Box::new(ApiGatewayRestEvent::from_request(r).stage("prod"))),
        ("REST API, custom domain with a base path", |r| {
            Box::new(ApiGatewayRestEvent::from_request(r).custom_domain("api.example.com", "shop"))
        }),
        ("REST API, resource /hello/{name}", |r| {
            let resource = if r.uri().path().starts_with("/hello/") { "/hello/{name}" } else { "/{proxy+}" };
            let tail = r.uri().path().trim_start_matches("/hello/").trim_start_matches('/').to_owned();
            let param = if resource == "/hello/{name}" { "name" } else { "proxy" };
            Box::new(ApiGatewayRestEvent::from_request(r).stage("v1").resource(resource, &[(param, &tail)]))
        }),
        ("HTTP API, $default stage", |r| Box::new(HttpApiEvent::from_request(r))),
        ("HTTP API, stage prod", |r| Box::new(HttpApiEvent::from_request(r).stage("prod"))),
        ("ALB", |r| Box::new(AlbEvent::from_request(r))),
        ("ALB, multi-value headers", |r| Box::new(AlbEvent::from_request(r).multi_value_headers(true))),
        ("Function URL", |r| Box::new(FunctionUrlEvent::from_request(r))),
    ]
}

/// Checks the answers, whichever way they came: to `hello()`, `echo()`, `missing()` and
/// `wrong_method()`, in that order.
fn check_contract(label: &str, answers: &[HttpEventResponse]) {
    let [hello, echo, missing, wrong_method] = answers else { panic!("{label}: four answers, got {answers:?}") };
    assert_eq!(hello.status, 200, "{label}: {hello:?}");
    assert_eq!(hello.text(), "Hello, Ana!", "{label}");
    assert!(hello.header("content-type").is_some_and(|t| t.starts_with("text/plain")), "{label}: {hello:?}");
    assert_eq!(echo.status, 200, "{label}: {echo:?}");
    assert_eq!(echo.header("content-type"), Some("application/json"), "{label}");
    assert_eq!(serde_json::from_slice::<Value>(&echo.body).expect("JSON"), echo_body(), "{label}");
    assert_eq!(missing.status, 404, "{label}: {missing:?}");
    assert_eq!(wrong_method.status, 404, "{label}: {wrong_method:?}");
}

fn from_local(response: &faaskit::testing::TestResponse) -> HttpEventResponse {
    HttpEventResponse {
        status: response.status.as_u16(),
        headers: response.headers.clone(),
        body: response.body.to_vec(),
    }
}

#[tokio::test]
async fn serves_plain_http_locally() {
    let function = LocalFunction::start(HTTP_API, &[]);
    let client = &function.client;
    let hello = client.get("/hello/Ana").await.expect("server answers");
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    let echo =
        client.send(Method::POST, "/echo", headers, echo_body().to_string().into()).await.expect("server answers");
    let missing = client.get("/nowhere/at/all").await.expect("server answers");
    let wrong_method = client.post("/hello/Ana", "").await.expect("server answers");
    let wrong_path_for_get = client.get("/echo").await.expect("server answers");
    assert_eq!(wrong_path_for_get.status, 404);
    let answers = [&hello, &echo, &missing, &wrong_method].map(from_local);
    check_contract("local HTTP", &answers);
    let escaped = client.get("/hello/Zo%C3%AB%20M").await.expect("server answers");
    assert_eq!(escaped.text(), "Hello, Zoë M!");
}

#[tokio::test]
async fn refuses_bodies_over_6_mb_locally() {
    use std::io::{Read, Write};
    let function = LocalFunction::start(HTTP_API, &[]);
    // As curl sends a large body: headers first, the body only after `100 Continue`. The server
    // must refuse from the declared length, before any of the body is sent.
    let mut stream = std::net::TcpStream::connect(function.addr).expect("connects");
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).expect("timeout");
    let length = 6 * 1024 * 1024 + 1;
    write!(
        stream,
        "POST /echo HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: {length}\r\nexpect: 100-continue\r\n\r\n"
    )
    .expect("writes");
    let mut head = [0_u8; 64];
    let read = stream.read(&mut head).expect("an answer");
    let status_line = String::from_utf8_lossy(&head[..read]);
    assert!(status_line.starts_with("HTTP/1.1 413"), "{status_line}");
    // At 6 MB exactly once in the event (nothing JSON escapes: `[ 0,0,…,0]`), the body is
    // accepted; with its quotes escaped there, a 6 MB string is over.
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    let zeros = (6 * 1024 * 1024 - 4) / 2;
    let body = format!("[ {}0]", "0,".repeat(zeros));
    assert_eq!(body.len(), 6 * 1024 * 1024);
    let response = function
        .client
        .send(Method::POST, "/echo", headers.clone(), body.clone().into())
        .await
        .expect("server answers");
    assert_eq!(response.status, 200);
    assert_eq!(response.body.len(), body.len() - 1, "the same array, without the space");
    let quoted = format!("\"{}\"", "x".repeat(6 * 1024 * 1024 - 2));
    let response = function.client.send(Method::POST, "/echo", headers, quoted.into()).await.expect("server answers");
    assert_eq!(response.status, 413);
    // The function never saw either request: the server's log says why each was refused.
    let refusals = function.wait_for_lines(&["WARN", "request refused"], 2).await;
    assert!(
        refusals[0].contains("request refused: its Content-Length is over the limit of 6291456 bytes"),
        "{refusals:?}"
    );
    assert!(refusals[1].contains("its body takes 6291458 bytes in a Lambda event"), "{refusals:?}");
    assert!(refusals.iter().all(|line| line.contains("status=413 method=\"POST\" path=\"/echo\"")), "{refusals:?}");
}

#[tokio::test]
async fn answers_every_event_format_on_the_local_invoke_api() {
    let function = LocalFunction::start(HTTP_API, &[]);
    for (label, event) in formats() {
        let mut answers = Vec::new();
        for request in [hello(), echo(), missing(), wrong_method()] {
            let response =
                function.client.invoke("http-api", event(request).to_payload()).await.expect("server answers");
            assert_eq!(response.status, 200, "{label}");
            assert!(!response.is_function_error(), "{label}: {}", response.text());
            let json = response.json().expect("JSON");
            answers
                .push(HttpEventResponse::from_json(&json).unwrap_or_else(|| panic!("{label}: not a response: {json}")));
        }
        check_contract(label, &answers);
    }
}

/// The JSON an Invoke API call answers.
async fn invoke(client: &LocalClient, event: impl TestPayload) -> Value {
    client.invoke("http-api", event.to_payload()).await.expect("server answers").json().expect("JSON")
}

#[tokio::test]
async fn answers_each_format_in_its_own_response_format() {
    let function = LocalFunction::start(HTTP_API, &[]);
    let client = &function.client;
    let rest = invoke(client, ApiGatewayRestEvent::from_request(hello())).await;
    assert_eq!(rest["multiValueHeaders"]["content-type"], json!(["text/plain; charset=utf-8"]), "{rest}");
    assert_eq!(rest["isBase64Encoded"], false);
    let v2 = invoke(client, HttpApiEvent::from_request(hello())).await;
    assert!(v2.get("multiValueHeaders").is_none() && v2["headers"]["content-type"].is_string(), "{v2}");
    let alb = invoke(client, AlbEvent::from_request(hello())).await;
    assert_eq!(alb["statusDescription"], "200 OK");
    assert!(alb.get("multiValueHeaders").is_none() && alb["headers"].is_object(), "{alb}");
    let alb_multi = invoke(client, AlbEvent::from_request(hello()).multi_value_headers(true)).await;
    assert!(alb_multi.get("headers").is_none() && alb_multi["multiValueHeaders"].is_object(), "{alb_multi}");
}

#[tokio::test]
async fn reports_events_that_are_not_http_as_decode_errors() {
    let function = LocalFunction::start(HTTP_API, &[]);
    let response = function.client.invoke("http-api", r#"{"Records": []}"#).await.expect("server answers");
    assert!(response.is_function_error());
    let body = response.json().expect("JSON");
    assert_eq!(body["errorType"], "Faaskit.DecodeError");
    assert!(body["errorMessage"].as_str().is_some_and(|m| m.contains("not an HTTP request")), "{body}");
}

#[tokio::test]
async fn answers_every_event_format_on_the_runtime_api() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let _function = LambdaFunction::start(HTTP_API, "http-api", &peer, &[]);
    for (label, event) in formats() {
        let mut answers = Vec::new();
        for request in [hello(), echo(), missing(), wrong_method()] {
            let outcome = peer.invoke(event(request).to_payload()).await;
            let json = outcome.json().unwrap_or_else(|| panic!("{label}: {outcome:?}"));
            answers
                .push(HttpEventResponse::from_json(&json).unwrap_or_else(|| panic!("{label}: not a response: {json}")));
        }
        check_contract(label, &answers);
    }
}

#[test]
fn prints_a_sample_http_event() {
    let output = std::process::Command::new(HTTP_API)
        .env("FAASKIT_PRINT_EXAMPLE_EVENT", "1")
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let sample: Value = serde_json::from_slice(&output.stdout).expect("a JSON sample on stdout");
    assert_eq!(sample["version"], "2.0");
    assert!(sample["requestContext"]["http"]["method"].is_string(), "{sample}");
}

#[tokio::test]
async fn runs_its_shutdown_hook_when_told_to_stop() {
    let mut function = LocalFunction::start(HTTP_API, &[]);
    assert_eq!(function.client.get("/hello/Ana").await.expect("answers").text(), "Hello, Ana!");
    function.signal("TERM");
    let status = function.wait_exit(std::time::Duration::from_secs(10)).await.expect("exits");
    assert!(status.success(), "{status:?}");
    assert!(function.logs().iter().any(|line| line.contains("http-api: shutting down")), "{:?}", function.logs());
}
