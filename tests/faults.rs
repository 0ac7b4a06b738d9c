//! The `faults` example, run for real: every kind of failure is reported to the caller and the
//! process goes on serving; under `panic = "abort"` the panicking invocation is still reported.

mod support;

use std::time::Duration;

use faaskit::testing::{InvokeOptions, RuntimeApiPeer};
use serde_json::json;
use support::{LambdaFunction, LocalFunction, build_with_profile, wait_for};

const FAULTS: &str = env!("CARGO_BIN_EXE_faults");

#[tokio::test]
async fn reports_each_failure_locally_and_keeps_serving() {
    let function = LocalFunction::start(FAULTS, &[("FAASKIT_TIMEOUT", "0.5")]);
    let cases = [
        (json!({"action": "fail", "message": "card declined"}), "RequestedFailure", "card declined"),
        (
            json!({"action": "panic", "message": "the disk is on fire"}),
            "Faaskit.Panic",
            "handler panicked: the disk is on fire",
        ),
        (json!({"action": "sleep", "ms": 5000}), "Sandbox.Timedout", "Error: Task timed out after 0.50 seconds"),
        (
            json!({"action": "explode"}),
            "Faaskit.DecodeError",
            "cannot decode the event as Fault: at action: unknown variant `explode`, expected one of `echo`, `sleep`, `fail`, `panic`",
        ),
    ];
    for (payload, error_type, message) in cases {
        let response = function.client.invoke("faults", payload.to_string()).await.expect("answers");
        assert_eq!(response.status, 200);
        assert_eq!(response.header("x-amz-function-error"), Some("Unhandled"), "{payload}");
        let body = response.json().expect("JSON");
        assert_eq!(body["errorType"], error_type, "{payload}: {body}");
        assert!(body["errorMessage"].as_str().is_some_and(|m| m.contains(message)), "{payload}: {body}");
        let next =
            function.client.invoke("faults", r#"{"action":"echo","message":"still here"}"#).await.expect("answers");
        assert_eq!(next.json().expect("JSON"), json!({"echo": "still here"}), "after {payload}");
    }
}

#[tokio::test]
async fn honours_invocation_types() {
    let function = LocalFunction::start(FAULTS, &[]);
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amz-invocation-type", http::HeaderValue::from_static("Event"));
    let path = "/2015-03-31/functions/faults/invocations";
    let accepted = function
        .client
        .send(http::Method::POST, path, headers.clone(), r#"{"action":"echo","message":"later"}"#.into())
        .await
        .expect("answers");
    assert_eq!(accepted.status, 202);
    headers.insert("x-amz-invocation-type", http::HeaderValue::from_static("DryRun"));
    let dry = function.client.send(http::Method::POST, path, headers, "{}".into()).await.expect("answers");
    assert_eq!(dry.status, 204);
    let get = function.client.get(path).await.expect("answers");
    assert_eq!(get.status, 405);
}

#[tokio::test]
async fn refuses_payloads_over_six_megabytes() {
    let function = LocalFunction::start(FAULTS, &[]);
    let message = "x".repeat(6 * 1024 * 1024);
    let payload = json!({"action": "echo", "message": message}).to_string();
    let response = function.client.invoke("faaskit", payload.clone()).await.expect("answers");
    assert_eq!(response.status, 404);
    let response = function.client.invoke("faults", payload).await.expect("answers");
    assert_eq!(response.status, 413);
    assert_eq!(response.header("x-amzn-errortype"), Some("RequestTooLargeException"));
    let next = function.client.invoke("faults", r#"{"action":"echo","message":"ok"}"#).await.expect("answers");
    assert_eq!(next.json().expect("JSON"), json!({"echo": "ok"}));
}

/// An answer over Lambda's response limit (6,291,556 bytes, 100 more than a request's) fails as
/// on Lambda, is logged, and the server goes on; one at the limit is served.
#[tokio::test]
async fn reports_and_logs_an_answer_over_the_response_limit_then_serves_on() {
    let function = LocalFunction::start(FAULTS, &[]);
    // `{"filler":"…"}` is the filler and 13 bytes.
    let at_limit = function.client.invoke("faults", r#"{"action":"oversize","bytes":6291543}"#).await.expect("answers");
    assert_eq!(at_limit.header("x-amz-function-error"), None);
    assert_eq!(at_limit.body.len(), 6_291_556);
    let over = function.client.invoke("faults", r#"{"action":"oversize","bytes":6291544}"#).await.expect("answers");
    assert_eq!(over.header("x-amz-function-error"), Some("Unhandled"));
    let body = over.json().expect("JSON");
    assert_eq!(body["errorType"], "Function.ResponseSizeTooLarge");
    let message = "Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes).";
    assert_eq!(body["errorMessage"], message);
    wait_for(|| {
        function.logs().into_iter().find(|line| {
            line.contains("invocation failed")
                && line.contains("Function.ResponseSizeTooLarge")
                && line.contains(message)
        })
    })
    .await;
    let next = function.client.invoke("faults", r#"{"action":"echo","message":"ok"}"#).await.expect("answers");
    assert_eq!(next.json().expect("JSON"), json!({"echo": "ok"}));
}

#[tokio::test]
async fn finishes_in_flight_invocations_on_sigterm() {
    let mut function = LocalFunction::start(FAULTS, &[]);
    let client = function.client.clone();
    let in_flight = tokio::spawn(async move { client.invoke("faults", r#"{"action":"sleep","ms":700}"#).await });
    wait_for(|| function.logs().iter().any(|line| line.contains("fault requested")).then_some(())).await;
    function.signal("TERM");
    let response = in_flight.await.expect("joins").expect("the in-flight invocation is answered");
    assert_eq!(response.json().expect("JSON"), json!({"slept_ms": 700}));
    let status = function.wait_exit(Duration::from_secs(10)).await.expect("exits after draining");
    assert!(status.success(), "{status:?}");
    assert!(function.logs().iter().any(|line| line.contains("faults: shutdown hook ran")), "{:?}", function.logs());
}

/// Sends `faults` an `Event` invocation that sleeps `ms`, and checks it is accepted (`202`).
async fn sleep_as_event(function: &LocalFunction, ms: u64) {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amz-invocation-type", http::HeaderValue::from_static("Event"));
    let path = "/2015-03-31/functions/faults/invocations";
    let payload = serde_json::json!({"action": "sleep", "ms": ms}).to_string();
    let accepted = function.client.send(http::Method::POST, path, headers, payload.into()).await.expect("answers");
    assert_eq!(accepted.status, 202);
}

/// An `Event` invocation answered `202` still runs to its end when the server is told to stop,
/// before the shutdown hook.
#[tokio::test]
async fn finishes_event_invocations_on_sigterm() {
    let mut function = LocalFunction::start(FAULTS, &[("RUST_LOG", "debug")]);
    sleep_as_event(&function, 700).await;
    wait_for(|| function.logs().iter().any(|line| line.contains("fault requested")).then_some(())).await;
    function.signal("TERM");
    let status = function.wait_exit(Duration::from_secs(10)).await.expect("exits after draining");
    assert!(status.success(), "{status:?}");
    let logs = function.logs();
    let position = |text: &str| logs.iter().position(|line| line.contains(text));
    let succeeded =
        position("invocation succeeded").unwrap_or_else(|| panic!("the invocation ran to its end: {logs:#?}"));
    let hook = position("faults: shutdown hook ran").expect("the hook ran");
    assert!(succeeded < hook, "{logs:#?}");
}

/// A second signal while requests drain stops the server at once, with the exit code a shell
/// gives a process that signal ends (128 + 15 for SIGTERM).
#[tokio::test]
async fn a_second_signal_stops_at_once() {
    let mut function = LocalFunction::start(FAULTS, &[("RUST_LOG", "info")]);
    sleep_as_event(&function, 20000).await;
    function.signal("TERM");
    wait_for(|| function.logs().iter().any(|line| line.contains("Ctrl-C again to stop now")).then_some(())).await;
    function.signal("TERM");
    let status = function.wait_exit(Duration::from_secs(5)).await.expect("stops at once, not after the invocation");
    assert_eq!(status.code(), Some(143), "{status:?}");
    assert!(function.logs().iter().any(|line| line.contains("stopping now")), "{:?}", function.logs());
}

#[tokio::test]
async fn runs_the_shutdown_hook_on_sigterm_in_lambda_mode() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let mut function = LambdaFunction::start(FAULTS, "faults", &peer, &[]);
    let outcome = peer.invoke(r#"{"action":"echo","message":"hi"}"#).await;
    assert_eq!(outcome.json(), Some(json!({"echo": "hi"})));
    // lambda_runtime registered its no-op extension, so that Lambda would send SIGTERM.
    assert_eq!(peer.registered_extensions(), ["_lambda-rust-runtime-no-op-graceful-shutdown-helper"]);
    function.signal("TERM");
    let status = function.wait_exit(Duration::from_secs(10)).await.expect("exits on SIGTERM");
    assert!(status.success(), "{status:?}");
    assert!(function.logs().iter().any(|line| line.contains("faults: shutdown hook ran")), "{:?}", function.logs());
}

#[tokio::test]
async fn reports_each_failure_on_the_runtime_api_and_keeps_serving() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let _function = LambdaFunction::start(FAULTS, "faults", &peer, &[]);
    let fail = peer.invoke(r#"{"action":"fail","message":"card declined"}"#).await;
    assert_eq!(fail.error_type(), Some("RequestedFailure"), "{fail:?}");
    assert_eq!(fail.error_message(), Some("card declined"));
    let panic = peer.invoke(r#"{"action":"panic","message":"boom"}"#).await;
    assert_eq!(panic.error_type(), Some("Faaskit.Panic"), "{panic:?}");
    assert_eq!(panic.error_message(), Some("handler panicked: boom"));
    let ok = peer.invoke(r#"{"action":"echo","message":"still here"}"#).await;
    assert_eq!(ok.json(), Some(json!({"echo": "still here"})));
}

/// A panic message of several lines (as `assert_eq!` writes) is reported as one log line on
/// Lambda, so one CloudWatch event under the invocation's request id, not one event per line.
#[tokio::test]
async fn reports_a_panic_of_several_lines_as_one_log_line() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let function = LambdaFunction::start(FAULTS, "faults", &peer, &[]);
    let options = InvokeOptions::new().request_id("c0ffee00-0000-4000-8000-0000000000b2");
    let message = "assertion `left == right` failed\n  left: 1\n right: 2";
    let panic = peer.invoke_with(json!({"action": "panic", "message": message}).to_string(), options).await;
    assert_eq!(panic.error_type(), Some("Faaskit.Panic"), "{panic:?}");
    let logs = wait_for(|| {
        let logs = function.logs();
        logs.iter().any(|line| line.contains("ERROR") && line.contains("panicked")).then_some(logs)
    })
    .await;
    let report = logs.iter().find(|line| line.contains("ERROR") && line.contains("panicked")).expect("seen above");
    assert!(report.contains("c0ffee00-0000-4000-8000-0000000000b2"), "{report:?}");
    assert!(report.contains("failed\r  left: 1\r right: 2"), "{report:?}");
    assert!(!logs.iter().any(|line| line.starts_with("  left") || line.starts_with(" right")), "{logs:#?}");
}

/// An answer over Lambda's response limit is reported as Lambda reports it
/// (`Function.ResponseSizeTooLarge`) without being posted (the Runtime API would refuse it with a
/// `413` after the whole upload), and logged under the invocation's request id: `lambda_runtime`'s
/// line about a refused answer names none. The function serves on.
#[tokio::test]
async fn logs_an_oversized_answer_under_its_request_id() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let function = LambdaFunction::start(FAULTS, "faults", &peer, &[("AWS_LAMBDA_LOG_FORMAT", "JSON")]);
    let options = InvokeOptions::new().request_id("c0ffee00-0000-4000-8000-0000000000c1");
    let over = peer.invoke_with(r#"{"action":"oversize","bytes":6291600}"#, options).await;
    assert_eq!(over.error_type(), Some("Function.ResponseSizeTooLarge"), "{over:?}");
    let logs = wait_for(|| {
        let logs = function.logs();
        logs.iter().any(|line| line.contains("Function.ResponseSizeTooLarge")).then_some(logs)
    })
    .await;
    let failed = logs.iter().find(|line| line.contains("Function.ResponseSizeTooLarge")).expect("seen above");
    assert!(failed.contains(r#""requestId":"c0ffee00-0000-4000-8000-0000000000c1""#), "{failed}");
    assert!(!logs.iter().any(|line| line.contains("non-200 response")), "posted anyway: {logs:#?}");
    let ok = peer.invoke(r#"{"action":"echo","message":"still here"}"#).await;
    assert_eq!(ok.json(), Some(json!({"echo": "still here"})));
}

/// Under `panic = "abort"` (as `cargo lambda build --release` builds), the report of a panic of
/// several lines still reaches stdout as one line before the process aborts.
#[tokio::test]
async fn reports_a_panic_of_several_lines_as_one_log_line_under_panic_abort() {
    let binary = build_with_profile("faults", "abort");
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let mut function = LambdaFunction::start(&binary, "faults", &peer, &[]);
    let options = InvokeOptions::new().request_id("c0ffee00-0000-4000-8000-0000000000b3");
    let message = "assertion `left == right` failed\n  left: 1\n right: 2";
    let panic = peer.invoke_with(json!({"action": "panic", "message": message}).to_string(), options).await;
    assert_eq!(panic.error_type(), Some("Faaskit.Panic"), "{panic:?}");
    let status = function.wait_exit(Duration::from_secs(10)).await.expect("the process aborts");
    assert!(!status.success(), "{status:?}");
    let logs = function.logs();
    let reports: Vec<&String> = logs.iter().filter(|line| line.contains("panicked")).collect();
    assert_eq!(reports.len(), 1, "{logs:#?}");
    assert!(reports[0].contains("c0ffee00-0000-4000-8000-0000000000b3"), "{logs:#?}");
    assert!(reports[0].contains("failed\r  left: 1\r right: 2"), "{logs:#?}");
    assert!(!logs.iter().any(|line| line.starts_with("  left") || line.starts_with(" right")), "{logs:#?}");
}

#[tokio::test]
async fn serves_invocations_concurrently_when_lambda_allows() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let _function = LambdaFunction::start(FAULTS, "faults", &peer, &[("AWS_LAMBDA_MAX_CONCURRENCY", "4")]);
    let pending: Vec<_> = (0..4).map(|_| peer.enqueue(r#"{"action":"sleep","ms":400}"#)).collect();
    for outcome in futures_join(pending).await {
        assert_eq!(outcome.json(), Some(json!({"slept_ms": 400})));
    }
    assert!(peer.max_in_flight() >= 2, "the function held {} invocations at once", peer.max_in_flight());
}

/// On Lambda Managed Instances Lambda does not stop an invocation past its deadline: faaskit
/// does, so that a hung handler frees its slot for the next invocation.
#[tokio::test]
async fn stops_an_invocation_at_its_deadline_when_serving_concurrently() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let _function = LambdaFunction::start(FAULTS, "faults", &peer, &[("AWS_LAMBDA_MAX_CONCURRENCY", "2")]);
    let short = || InvokeOptions::new().time_limit(Duration::from_millis(300));
    let hung: Vec<_> = (0..2).map(|_| peer.enqueue_with(r#"{"action":"sleep","ms":20000}"#, short())).collect();
    for outcome in futures_join(hung).await {
        assert_eq!(outcome.error_type(), Some("Sandbox.Timedout"));
    }
    // Both slots were held by the sleeping invocations; stopped at their deadline, they are free.
    let next = peer.enqueue(r#"{"action":"echo","message":"next"}"#);
    let next = tokio::time::timeout(Duration::from_secs(10), next).await.expect("served long before the sleeps end");
    assert_eq!(next.json(), Some(json!({"echo": "next"})));
}

#[tokio::test]
async fn serves_one_at_a_time_by_default() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let _function = LambdaFunction::start(FAULTS, "faults", &peer, &[]);
    let pending: Vec<_> = (0..3).map(|_| peer.enqueue(r#"{"action":"sleep","ms":50}"#)).collect();
    for outcome in futures_join(pending).await {
        assert_eq!(outcome.json(), Some(json!({"slept_ms": 50})));
    }
    assert_eq!(peer.max_in_flight(), 1);
}

#[tokio::test]
async fn reports_init_failures_to_the_runtime_api() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    // Queued before the function starts, as Lambda's first invocation is: it gets the init error.
    let invocation = peer.enqueue(r#"{"action":"echo","message":"hi"}"#);
    let mut function = LambdaFunction::start(FAULTS, "faults", &peer, &[("FAULTS_FAIL_INIT", "1")]);
    let status = function.wait_exit(Duration::from_secs(30)).await.expect("exits");
    assert!(!status.success());
    let report = peer.init_error().expect("an /init/error report");
    assert_eq!(report["errorType"], "Faaskit.InitError");
    assert_eq!(
        report["errorMessage"],
        "handler `faults`: init failed: RequestedFailure: FAULTS_FAIL_INIT=1 asked init to fail"
    );
    let outcome = tokio::time::timeout(Duration::from_secs(10), invocation).await.expect("fails, not waits");
    assert_eq!(outcome.error_type(), Some("Faaskit.InitError"));
}

#[tokio::test]
async fn reports_an_init_panic_to_the_runtime_api() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let mut function = LambdaFunction::start(FAULTS, "faults", &peer, &[("FAULTS_FAIL_INIT", "panic")]);
    let status = function.wait_exit(Duration::from_secs(30)).await.expect("exits");
    assert_eq!(status.code(), Some(1), "a clean exit, not a panic's 101");
    let report = peer.init_error().expect("an /init/error report");
    assert_eq!(report["errorType"], "Faaskit.InitError");
    assert_eq!(
        report["errorMessage"],
        "handler `faults`: a panic stopped the function from starting: FAULTS_FAIL_INIT=panic asked init to panic"
    );
    let logs = function.logs();
    assert!(
        logs.iter().any(|line| line.contains("ERROR panicked in the init function of handler `faults`")
            && line.contains("faults.rs")),
        "{logs:#?}"
    );
}

/// Settings Lambda mode cannot start with are reported as init errors, not only logged.
#[tokio::test]
async fn reports_bad_settings_to_the_runtime_api() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let mut function = LambdaFunction::start(FAULTS, "faults", &peer, &[("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots")]);
    let status = function.wait_exit(Duration::from_secs(30)).await.expect("exits");
    assert_eq!(status.code(), Some(1));
    let report = peer.init_error().expect("an /init/error report");
    assert_eq!(report["errorType"], "Faaskit.ConfigError");
    assert_eq!(report["errorMessage"], "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=`lots` is not a number of megabytes");
}

#[tokio::test]
async fn reports_an_init_panic_before_aborting_under_panic_abort() {
    let binary = build_with_profile("faults", "abort");
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let mut function = LambdaFunction::start(&binary, "faults", &peer, &[("FAULTS_FAIL_INIT", "panic")]);
    let status = function.wait_exit(Duration::from_secs(30)).await.expect("the process aborts");
    assert!(!status.success(), "{status:?}");
    let report = peer.init_error().expect("an /init/error report");
    assert_eq!(report["errorType"], "Faaskit.InitError");
    assert_eq!(
        report["errorMessage"],
        "handler `faults`: a panic stopped the function from starting: FAULTS_FAIL_INIT=panic asked init to panic"
    );
}

/// Locally, a build that aborts on panic cannot answer the request of a handler that panics:
/// the server says so when it starts.
#[tokio::test]
async fn warns_locally_that_a_panic_stops_an_abort_build() {
    let binary = build_with_profile("faults", "abort");
    let function = LocalFunction::start(&binary, &[]);
    wait_for(|| {
        function.logs().into_iter().find(|line| line.contains("WARN") && line.contains("this build aborts on panic"))
    })
    .await;
    let unwinding = LocalFunction::start(FAULTS, &[]);
    let ok = unwinding.client.invoke("faults", r#"{"action":"echo","message":"hi"}"#).await.expect("answers");
    assert_eq!(ok.json().expect("JSON"), json!({"echo": "hi"}));
    assert!(!unwinding.logs().iter().any(|line| line.contains("this build aborts on panic")), "{:?}", unwinding.logs());
}

#[tokio::test]
async fn reports_a_panic_before_aborting_under_panic_abort() {
    let binary = build_with_profile("faults", "abort");
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let mut function = LambdaFunction::start(&binary, "faults", &peer, &[]);
    let ok = peer.invoke(r#"{"action":"echo","message":"before"}"#).await;
    assert_eq!(ok.json(), Some(json!({"echo": "before"})));
    let panic = peer.invoke(r#"{"action":"panic","message":"abort me"}"#).await;
    assert_eq!(panic.error_type(), Some("Faaskit.Panic"), "{panic:?}");
    assert_eq!(panic.error_message(), Some("handler panicked: abort me"));
    let status = function.wait_exit(Duration::from_secs(10)).await.expect("the process aborts");
    assert!(!status.success(), "{status:?}");
}

async fn futures_join<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        outputs.push(handle.await.expect("joins"));
    }
    outputs
}
