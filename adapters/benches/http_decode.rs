//! Decoding API Gateway requests into `http::Request`: faaskit against the usual way.
//!
//! - `faaskit`: `faaskit_adapters::http::decode_request`, what an HTTP function does with each
//!   event (lean borrowed wire structs; the request context is kept as JSON, decoded on use).
//! - `raw`: `serde_json` into `aws_lambda_events::apigw::ApiGatewayProxyRequest` (REST, payload
//!   1.0) or `ApiGatewayV2httpRequest` (HTTP API, payload 2.0), then the hand conversion into
//!   `http::Request` a handler would write: path and query, headers, body (base64 when flagged),
//!   the request context in the extensions.
//! - `ignored_any`: `serde_json` into `serde::de::IgnoredAny`, the cost of reading the JSON.
//!
//! Payloads: the `aws_lambda_events` fixtures (`v1`, `v2`), and the same with a 16 KB JSON body
//! (`v1_16kb`, `v2_16kb`).
//!
//! `cargo bench -p faaskit-adapters --features http --bench http_decode`

mod common;

use std::hint::black_box;
use std::time::Duration;

use aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayV2httpRequest};
use axum::body::Body;
use base64::Engine as _;
use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use http::Request;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/aws_lambda_events/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))).expect("JSON fixture")
}

/// The fixture with a JSON body of about `size` bytes.
fn with_body(mut event: Value, size: usize) -> Value {
    let items: Vec<Value> = (0..size / 64)
        .map(|i| serde_json::json!({"sku": format!("SKU-{i:06}"), "qty": i % 9 + 1, "note": "gift \"wrap\""}))
        .collect();
    event["body"] = Value::from(serde_json::json!({ "items": items }).to_string());
    event
}

fn payloads() -> Vec<(&'static str, Bytes)> {
    let v1 = fixture("example-apigw-request.json");
    let v2 = fixture("example-apigw-v2-request-jwt-authorizer.json");
    vec![
        ("v1", Bytes::from(v1.to_string())),
        ("v1_16kb", Bytes::from(with_body(v1, 16 * 1024).to_string())),
        ("v2", Bytes::from(v2.to_string())),
        ("v2_16kb", Bytes::from(with_body(v2, 16 * 1024).to_string())),
    ]
}

fn faaskit(payload: &Bytes) -> Request<Body> {
    faaskit_adapters::http::decode_request(payload).expect("decodes").1
}

fn body(text: Option<String>, base64: bool) -> Body {
    match text {
        Some(text) if base64 => Body::from(base64::engine::general_purpose::STANDARD.decode(text).expect("base64")),
        Some(text) => Body::from(text),
        None => Body::empty(),
    }
}

/// The hand conversion of a REST API event.
fn raw_v1(payload: &Bytes) -> Request<Body> {
    let event: ApiGatewayProxyRequest = serde_json::from_slice(payload).expect("decodes");
    let mut uri = event.path.unwrap_or_else(|| "/".to_owned());
    for (index, (key, value)) in event.multi_value_query_string_parameters.iter().enumerate() {
        uri.push(if index == 0 { '?' } else { '&' });
        uri.extend(utf8_percent_encode(key, NON_ALPHANUMERIC));
        uri.push('=');
        uri.extend(utf8_percent_encode(value, NON_ALPHANUMERIC));
    }
    let mut request = Request::new(body(event.body, event.is_base64_encoded));
    *request.method_mut() = event.http_method;
    *request.uri_mut() = uri.parse().expect("uri");
    *request.headers_mut() = event.multi_value_headers;
    request.extensions_mut().insert(event.request_context);
    request
}

/// The hand conversion of an HTTP API event.
fn raw_v2(payload: &Bytes) -> Request<Body> {
    let event: ApiGatewayV2httpRequest = serde_json::from_slice(payload).expect("decodes");
    let mut uri = event.raw_path.unwrap_or_else(|| "/".to_owned());
    if let Some(query) = event.raw_query_string.filter(|query| !query.is_empty()) {
        uri.push('?');
        uri.push_str(&query);
    }
    let mut request = Request::new(body(event.body, event.is_base64_encoded));
    *request.method_mut() = event.request_context.http.method.clone();
    *request.uri_mut() = uri.parse().expect("uri");
    *request.headers_mut() = event.headers;
    if let Some(cookies) = event.cookies.filter(|cookies| !cookies.is_empty()) {
        request.headers_mut().insert(http::header::COOKIE, cookies.join("; ").parse().expect("cookie"));
    }
    request.extensions_mut().insert(event.request_context);
    request
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("http_decode");
    group.measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_secs(1)).sample_size(20);
    for (name, payload) in payloads() {
        let raw: fn(&Bytes) -> Request<Body> = if name.starts_with("v1") { raw_v1 } else { raw_v2 };
        // Both decode the same request.
        let (ours, theirs) = (faaskit(&payload), raw(&payload));
        assert_eq!((ours.method(), ours.uri().path()), (theirs.method(), theirs.uri().path()), "{name}");
        assert_eq!(ours.headers().len(), theirs.headers().len(), "{name}");
        group.throughput(Throughput::Bytes(payload.len() as u64));
        group.bench_with_input(BenchmarkId::new("faaskit", name), &payload, |b, p| b.iter(|| faaskit(black_box(p))));
        group.bench_with_input(BenchmarkId::new("raw", name), &payload, |b, p| b.iter(|| raw(black_box(p))));
        group.bench_with_input(BenchmarkId::new("ignored_any", name), &payload, |b, p| {
            b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(p)).expect("JSON"))
        });
    }
    group.finish();
    for (name, payload) in payloads() {
        let raw: fn(&Bytes) -> Request<Body> = if name.starts_with("v1") { raw_v1 } else { raw_v2 };
        let headers = |request: Request<Body>| request.headers().len();
        common::report_interleaved(
            &format!("http_decode/{name}"),
            &payload,
            payload.len(),
            |p| headers(faaskit(p)),
            |p| headers(raw(p)),
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
