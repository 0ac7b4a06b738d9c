//! Load test of a local server with a mix of good and bad requests: zero unexpected answers,
//! zero lost requests, and memory that stays flat.
//!
//! ```text
//! load-check --binary target/debug/faults [--seconds 20] [--connections 16]
//! ```
//!
//! Runs the `faults` example locally (1 s invocation timeout) and sends, round-robin from each
//! connection: echoes (checked byte for byte), requested failures, panics, truncated JSON, the
//! wrong JSON type, invalid UTF-8, 10,000 levels of nesting, unknown function names, and now and
//! then a sleep past the deadline and a 7 MB body. Each kind has one expected answer; anything
//! else is unexpected, and a request without an answer is lost. RSS is read after a warm-up and
//! at the end. Exits non-zero on any unexpected or lost request.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use faaskit::testing::{LocalClient, TestResponse};
use faaskit_bench::{Result, arg, required_arg, rss_kib, spawn_local_quiet};
use http::{HeaderMap, Method, StatusCode};

const INVOKE: &str = "/2015-03-31/functions/function/invocations";

/// One kind of request and the answer it must get.
struct Case {
    name: &'static str,
    path: &'static str,
    body: Bytes,
    /// `None` for a success whose body must equal `ok_body`.
    error_type: Option<&'static str>,
    status: StatusCode,
    ok_body: Option<&'static str>,
    /// Sent once every `every` requests of a connection (the cases sent every time come first).
    every: usize,
}

fn cases() -> Vec<Case> {
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let huge = format!(r#"{{"action":"echo","message":"{}"}}"#, "x".repeat(7 * 1024 * 1024));
    let case = |name, path, body: Bytes, error_type, status, ok_body, every| Case {
        name,
        path,
        body,
        error_type,
        status,
        ok_body,
        every,
    };
    vec![
        case(
            "echo",
            INVOKE,
            Bytes::from_static(br#"{"action":"echo","message":"hi"}"#),
            None,
            StatusCode::OK,
            Some(r#"{"echo":"hi"}"#),
            1,
        ),
        case(
            "fail",
            INVOKE,
            Bytes::from_static(br#"{"action":"fail","message":"no"}"#),
            Some("RequestedFailure"),
            StatusCode::OK,
            None,
            1,
        ),
        case(
            "panic",
            INVOKE,
            Bytes::from_static(br#"{"action":"panic","message":"boom"}"#),
            Some("Faaskit.Panic"),
            StatusCode::OK,
            None,
            1,
        ),
        case(
            "truncated",
            INVOKE,
            Bytes::from_static(br#"{"action":"echo","mess"#),
            Some("InvalidRequestContentException"),
            StatusCode::BAD_REQUEST,
            None,
            1,
        ),
        case(
            "wrong-type",
            INVOKE,
            Bytes::from_static(b"[1,2,3]"),
            Some("Faaskit.DecodeError"),
            StatusCode::OK,
            None,
            1,
        ),
        case(
            "invalid-utf8",
            INVOKE,
            Bytes::from_static(b"{\"action\":\"echo\",\"message\":\"\xff\xfe\"}"),
            Some("InvalidRequestContentException"),
            StatusCode::BAD_REQUEST,
            None,
            1,
        ),
        case("nested-10000", INVOKE, Bytes::from(nested), Some("Faaskit.DecodeError"), StatusCode::OK, None, 1),
        case(
            "unknown-function",
            "/2015-03-31/functions/nobody/invocations",
            Bytes::from_static(b"{}"),
            None,
            StatusCode::NOT_FOUND,
            None,
            1,
        ),
        case(
            "timeout",
            INVOKE,
            Bytes::from_static(br#"{"action":"sleep","ms":5000}"#),
            Some("Sandbox.Timedout"),
            StatusCode::OK,
            None,
            200,
        ),
        case("7MB", INVOKE, Bytes::from(huge), None, StatusCode::PAYLOAD_TOO_LARGE, None, 100),
    ]
}

fn expected(case: &Case, response: &TestResponse) -> bool {
    if response.status != case.status {
        return false;
    }
    match (case.error_type, case.ok_body) {
        // A function's error comes with `200` and `X-Amz-Function-Error`; a payload refused before
        // invoking (not JSON: `400`) with its own status and no such header.
        (Some(error_type), _) => {
            response.is_function_error() == (case.status == StatusCode::OK)
                && response.json().ok().and_then(|body| body["errorType"].as_str().map(|t| t == error_type))
                    == Some(true)
        }
        (None, Some(body)) => !response.is_function_error() && response.body == body.as_bytes(),
        (None, None) => true,
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let binary = PathBuf::from(required_arg("--binary")?);
    let seconds = arg("--seconds", 20.0f64);
    let connections = arg("--connections", 16usize);
    let (child, addr) = spawn_local_quiet(&binary, &[("FAASKIT_TIMEOUT", "1")]).await?;
    let pid = child.id().ok_or("the server exited")?;
    let cases = Arc::new(cases());
    let client = LocalClient::new(addr);
    for case in cases.iter().filter(|case| case.every == 1) {
        let response = client
            .send(Method::POST, case.path, HeaderMap::new(), case.body.clone())
            .await
            .map_err(|err| err.to_string())?;
        if !expected(case, &response) {
            return Err(format!("warm-up: {} got {} {}", case.name, response.status, response.text()).into());
        }
    }
    let rss_start = rss_kib(pid).unwrap_or(0);

    let counts: Arc<Vec<[AtomicUsize; 3]>> = Arc::new(cases.iter().map(|_| Default::default()).collect());
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let tasks: Vec<_> = (0..connections)
        .map(|connection| {
            let (client, cases, counts) = (client.clone(), Arc::clone(&cases), Arc::clone(&counts));
            tokio::spawn(async move {
                let mut sent = connection;
                while Instant::now() < deadline {
                    sent += 1;
                    let commons = cases.iter().filter(|case| case.every == 1).count();
                    let index = cases
                        .iter()
                        .position(|case| case.every > 1 && sent % case.every == case.every / 2)
                        .unwrap_or(sent % commons);
                    let case = &cases[index];
                    let slot = match client.send(Method::POST, case.path, HeaderMap::new(), case.body.clone()).await {
                        Ok(response) if expected(case, &response) => 0,
                        Ok(response) => {
                            eprintln!("unexpected: {} got {} {:.200}", case.name, response.status, response.text());
                            1
                        }
                        Err(err) => {
                            eprintln!("lost: {}: {err}", case.name);
                            2
                        }
                    };
                    counts[index][slot].fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for task in tasks {
        task.await?;
    }
    let rss_end = rss_kib(pid).unwrap_or(0);
    let (mut total, mut unexpected, mut lost) = (0, 0, 0);
    for (case, count) in cases.iter().zip(counts.iter()) {
        let [ok, bad, gone] = [0, 1, 2].map(|slot| count[slot].load(Ordering::Relaxed));
        println!("  {:<17} {ok:>7} as expected, {bad} unexpected, {gone} lost", case.name);
        total += ok + bad + gone;
        unexpected += bad;
        lost += gone;
    }
    println!(
        "load-check {seconds}s x {connections} connections: {total} requests, {unexpected} unexpected, {lost} lost; \
         RSS {rss_start} KiB after warm-up, {rss_end} KiB at the end"
    );
    if unexpected > 0 || lost > 0 {
        return Err("some requests were not answered as expected".into());
    }
    Ok(())
}
