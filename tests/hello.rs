//! The `hello` example, run for real: as a local server over HTTP, and in Lambda mode against a
//! Runtime API peer. Both must answer the same JSON.

mod support;

use faaskit::testing::{InvokeOptions, RuntimeApiPeer};
use serde_json::{Value, json};
use support::{LambdaFunction, LocalFunction, wait_for};

const HELLO: &str = env!("CARGO_BIN_EXE_hello");

/// The contract of `hello`: input, and the JSON the caller receives.
fn contract() -> Vec<(&'static str, Value)> {
    vec![
        (r#"{"name": "Ana"}"#, json!({"message": "Hello, Ana!"})),
        (r#"{}"#, json!({"message": "Hello, world!"})),
        (r#"{"name": null}"#, json!({"message": "Hello, world!"})),
        (r#"{"name": "Zoë"}"#, json!({"message": "Hello, Zoë!"})),
    ]
}

/// Payloads that are not an object of `hello`'s shape, and what the error must say.
fn bad_payloads() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            r#"{"name": 5}"#,
            "cannot decode the event as Greeting: at name: invalid type: integer `5`, expected a string",
        ),
        (r#""Ana""#, "cannot decode the event as Greeting: invalid type: string \"Ana\", expected struct Greeting"),
        (r#"{"nme": "Ana"}"#, "cannot decode the event as Greeting: at nme: unknown field `nme`, expected `name`"),
        ("true", "cannot decode the event as Greeting: invalid type: boolean `true`, expected struct Greeting"),
    ]
}

#[tokio::test]
async fn answers_over_the_local_invoke_api() {
    let function = LocalFunction::start(HELLO, &[]);
    // No payload is `{}`, as on Lambda.
    for (input, expected) in contract().into_iter().chain([("", json!({"message": "Hello, world!"}))]) {
        let response = function.client.invoke("hello", input).await.expect("server answers");
        assert_eq!(response.status, 200, "{input}");
        assert!(!response.is_function_error(), "{input}: {}", response.text());
        assert_eq!(response.header("content-type"), Some("application/json"));
        assert_eq!(response.json().expect("JSON"), expected, "{input}");
    }
}

#[tokio::test]
async fn reports_bad_payloads_as_function_errors_and_keeps_serving() {
    let function = LocalFunction::start(HELLO, &[]);
    for (input, message) in bad_payloads() {
        let response = function.client.invoke("hello", input).await.expect("server answers");
        assert_eq!(response.status, 200, "the Invoke API answers 200 for function errors");
        assert_eq!(response.header("x-amz-function-error"), Some("Unhandled"));
        let body = response.json().expect("JSON error");
        assert_eq!(body["errorType"], "Faaskit.DecodeError", "{input}");
        let text = body["errorMessage"].as_str().expect("message");
        assert!(text.starts_with(message), "{input}: {text}");
        // The next valid invocation succeeds.
        let ok = function.client.invoke("hello", r#"{"name":"Ana"}"#).await.expect("server answers");
        assert_eq!(ok.json().expect("JSON"), json!({"message": "Hello, Ana!"}));
    }
}

#[tokio::test]
async fn answers_to_the_emulator_and_cargo_lambda_names() {
    let function = LocalFunction::start(HELLO, &[]);
    for name in ["function", "_"] {
        let response = function.client.invoke(name, r#"{"name":"Ana"}"#).await.expect("server answers");
        assert_eq!(response.json().expect("JSON"), json!({"message": "Hello, Ana!"}), "{name}");
    }
    let unknown = function.client.invoke("goodbye", "{}").await.expect("server answers");
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.header("x-amzn-errortype"), Some("ResourceNotFoundException"));
    let body = unknown.json().expect("JSON");
    // `message` for the AWS CLI and SDKs, `errorType` and `errorMessage` for `cargo lambda invoke`.
    assert_eq!(body["message"], "Function not found: goodbye; this server hosts hello");
    assert_eq!(body["errorType"], "ResourceNotFoundException");
    assert_eq!(body["errorMessage"], body["message"]);
}

/// The largest request Lambda takes gets a greeting a few bytes larger still: within Lambda's
/// response limit, which is 100 bytes over its request limit.
#[tokio::test]
async fn greets_the_largest_name_lambda_takes() {
    let function = LocalFunction::start(HELLO, &[]);
    let name = "x".repeat(6 * 1024 * 1024 - r#"{"name":""}"#.len());
    let response = function.client.invoke("hello", format!(r#"{{"name":"{name}"}}"#)).await.expect("server answers");
    assert_eq!(response.header("x-amz-function-error"), None);
    assert_eq!(response.body.len(), 6_291_467, "the greeting's JSON, under the 6,291,556-byte limit");
}

#[tokio::test]
async fn logs_where_it_listens() {
    let function = LocalFunction::start(HELLO, &[]);
    let expected = format!("faaskit local server listening on http://{}", function.addr);
    assert!(function.logs().iter().any(|line| line.contains(&expected)), "{:?}", function.logs());
}

#[tokio::test]
async fn answers_the_same_json_on_the_runtime_api() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let _function = LambdaFunction::start(HELLO, "hello", &peer, &[]);
    // Several invocations in a row, on one process.
    for (input, expected) in contract() {
        let outcome = peer.invoke(input).await;
        assert_eq!(outcome.json(), Some(expected), "{input}: {outcome:?}");
    }
}

/// The request id the peer was given is the one the function logs under.
#[tokio::test]
async fn logs_under_the_request_id_lambda_sends() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let function = LambdaFunction::start(HELLO, "hello", &peer, &[]);
    let options = InvokeOptions::new().request_id("c0ffee00-0000-4000-8000-000000000001");
    let outcome = peer.invoke_with(r#"{"name":"Ana"}"#, options).await;
    assert_eq!(outcome.json(), Some(json!({"message": "Hello, Ana!"})));
    wait_for(|| function.logs().iter().any(|line| line.contains("c0ffee00-0000-4000-8000-000000000001")).then_some(()))
        .await;
}

#[tokio::test]
async fn registers_no_extension_without_a_shutdown_hook() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let _function = LambdaFunction::start(HELLO, "hello", &peer, &[]);
    let outcome = peer.invoke(r#"{"name":"Ana"}"#).await;
    assert_eq!(outcome.json(), Some(json!({"message": "Hello, Ana!"})));
    // Only functions with a hook ask Lambda for SIGTERM (see the faults example's tests).
    assert!(peer.registered_extensions().is_empty(), "{:?}", peer.registered_extensions());
}

/// What is not JSON Lambda refuses before invoking (`InvalidRequestContentException`): so do the
/// local Invoke API (`400`) and the Runtime API peer.
#[tokio::test]
async fn refuses_payloads_that_are_not_json() {
    let function = LocalFunction::start(HELLO, &[]);
    for input in [&br#"{"name": "Ana""#[..], b"not json", b"{\"name\": \"\xff\"}"] {
        let response = function.client.invoke("hello", input).await.expect("server answers");
        assert_eq!(response.status, 400);
        assert_eq!(response.header("x-amzn-errortype"), Some("InvalidRequestContentException"));
        let body = response.json().expect("JSON error");
        let message = body["message"].as_str().expect("a message");
        assert!(
            message.starts_with("Could not parse request body into json: Could not parse payload into json: "),
            "{message}"
        );
    }
    let ok = function.client.invoke("hello", r#"{"name":"Ana"}"#).await.expect("server answers");
    assert_eq!(ok.json().expect("JSON"), json!({"message": "Hello, Ana!"}));
    // The server's output says why each was refused: the function never ran to log anything.
    let refusals = function.wait_for_lines(&["WARN", "invocation refused: Could not parse request body"], 3).await;
    assert!(refusals.iter().all(|line| line.contains("InvalidRequestContentException")), "{refusals:#?}");
}

#[tokio::test]
async fn reports_bad_payloads_on_the_runtime_api_and_keeps_serving() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let _function = LambdaFunction::start(HELLO, "hello", &peer, &[]);
    for (input, message) in bad_payloads() {
        let outcome = peer.invoke(input).await;
        assert_eq!(outcome.error_type(), Some("Faaskit.DecodeError"), "{input}: {outcome:?}");
        assert!(outcome.error_message().is_some_and(|m| m.starts_with(message)), "{input}: {outcome:?}");
        let ok = peer.invoke(r#"{"name":"Ana"}"#).await;
        assert_eq!(ok.json(), Some(json!({"message": "Hello, Ana!"})));
    }
}

#[tokio::test]
async fn speaks_the_cargo_lambda_watch_url_form() {
    let peer = RuntimeApiPeer::start_with_base_path("/.rt").await.expect("peer");
    assert!(peer.runtime_api().starts_with("http://127.0.0.1:") && peer.runtime_api().ends_with("/.rt"));
    let _function = LambdaFunction::start(HELLO, "hello", &peer, &[]);
    let outcome = peer.invoke(r#"{"name":"Ana"}"#).await;
    assert_eq!(outcome.json(), Some(json!({"message": "Hello, Ana!"})));
}

#[tokio::test]
async fn names_missing_lambda_variables_instead_of_panicking() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let (status, logs) = run_in_lambda_mode(&[("AWS_LAMBDA_RUNTIME_API", &peer.runtime_api())]);
    assert!(!status.success());
    // In the function's logs (stdout, where Lambda's log lines go), once.
    let message = "AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_MEMORY_SIZE, AWS_LAMBDA_FUNCTION_VERSION are not set";
    assert_eq!(logs.matches(message).count(), 1, "{logs}");
    assert!(!logs.contains("panicked"), "{logs}");
}

#[test]
fn prints_a_sample_event() {
    for command in [vec!["example-event"], vec![]] {
        let output = std::process::Command::new(HELLO)
            .args(&command)
            .env("FAASKIT_PRINT_EXAMPLE_EVENT", if command.is_empty() { "1" } else { "0" })
            .env_remove("AWS_LAMBDA_RUNTIME_API")
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let sample: Value = serde_json::from_slice(&output.stdout).expect("a JSON sample on stdout");
        assert!(sample.get("name").is_some_and(Value::is_string), "{sample}");
    }
}

/// `hello example-event | head -c1` and `hello --help | head -1`: a reader that stops reading
/// has what it wanted, so the binary ends quietly, where `println!` would panic; a stdout that
/// cannot be written (a full disk) is an error that says so.
#[test]
fn prints_to_a_reader_that_stops_reading_without_a_panic() {
    for args in [&["example-event"][..], &["--help"]] {
        let mut child = std::process::Command::new(HELLO)
            .args(args)
            .env_remove("AWS_LAMBDA_RUNTIME_API")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        // The reader goes away before the binary has started: its write finds no reader.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {:?} {stderr}", output.status);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let output = std::process::Command::new(HELLO)
        .arg("example-event")
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .stdout(full)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("cannot write to stdout"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test]
async fn logs_json_lines_lambda_understands() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let function = LambdaFunction::start(
        HELLO,
        "hello",
        &peer,
        &[("AWS_LAMBDA_LOG_FORMAT", "JSON"), ("AWS_LAMBDA_LOG_LEVEL", "INFO")],
    );
    for name in ["Ana", "Bo"] {
        let outcome = peer.invoke(format!(r#"{{"name":"{name}"}}"#)).await;
        assert!(outcome.json().is_some(), "{outcome:?}");
    }
    let greetings = wait_for(|| {
        let lines: Vec<Value> = function.logs().iter().filter_map(|line| serde_json::from_str(line).ok()).collect();
        let greetings: Vec<Value> = lines
            .into_iter()
            .filter(|line| line["message"].as_str().is_some_and(|m| m.starts_with("greeting")))
            .collect();
        (greetings.len() == 2).then_some(greetings)
    })
    .await;
    for (line, (name, cold)) in greetings.iter().zip([("Ana", true), ("Bo", false)]) {
        assert_eq!(line["message"], format!("greeting {name}"), "{line}");
        assert_eq!(line["level"], "INFO", "{line}");
        assert!(line["timestamp"].is_string(), "{line}");
        assert!(line["requestId"].as_str().is_some_and(|id| id.starts_with("00000000-0000-4000-8000-")), "{line}");
        assert_eq!(line["cold_start"], cold, "{line}");
    }
    assert!(!function.logs().iter().any(|line| line.contains(r#""name":"Ana""#)), "payloads are not logged");
}

#[tokio::test]
async fn returns_the_log_of_an_invocation_when_asked_for_its_tail() {
    use base64::Engine as _;
    let function = LocalFunction::start(HELLO, &[]);
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amz-log-type", http::HeaderValue::from_static("Tail"));
    let path = "/2015-03-31/functions/hello/invocations";
    let response = function
        .client
        .send(http::Method::POST, path, headers, r#"{"name":"Ana"}"#.into())
        .await
        .expect("server answers");
    assert_eq!(response.json().expect("JSON"), json!({"message": "Hello, Ana!"}));
    let encoded = response.header("x-amz-log-result").expect("the log tail");
    let log = base64::engine::general_purpose::STANDARD.decode(encoded).expect("base64");
    let log = String::from_utf8(log).expect("text");
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines[0].starts_with("START RequestId: "), "{log}");
    // The function's own line, as the local log writes it, without terminal colours.
    assert!(lines.iter().any(|line| line.contains("greeting Ana") && !line.contains('\u{1b}')), "{log}");
    assert!(lines[lines.len() - 2].starts_with("END RequestId: "), "{log}");
    assert!(lines[lines.len() - 1].starts_with("REPORT RequestId: "), "{log}");
}

#[tokio::test]
async fn names_a_log_setting_it_cannot_use_even_when_that_setting_would_hide_it() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let function =
        LambdaFunction::start(HELLO, "hello", &peer, &[("AWS_LAMBDA_LOG_LEVEL", "LOUD"), ("RUST_LOG", "error")]);
    assert_eq!(peer.invoke(r#"{"name":"Ana"}"#).await.json(), Some(json!({"message": "Hello, Ana!"})));
    let warning = "AWS_LAMBDA_LOG_LEVEL=`LOUD` is not TRACE, DEBUG, INFO, WARN, ERROR or FATAL; it is ignored";
    wait_for(|| function.logs().iter().any(|line| line.contains(warning)).then_some(())).await;
    // RUST_LOG=error applies: no INFO line.
    assert!(!function.logs().iter().any(|line| line.contains("greeting")), "{:?}", function.logs());

    // A level misspelt is not taken as a target name that turns every log off.
    let function = LocalFunction::start(HELLO, &[("RUST_LOG", "warning")]);
    assert!(function.logs().iter().any(|line| line.contains("RUST_LOG=`warning` reads `warning` as a target name")));
    function.client.invoke("hello", r#"{"name":"Ana"}"#).await.expect("server answers");
    wait_for(|| function.logs().iter().any(|line| line.contains("greeting Ana")).then_some(())).await;
}

#[tokio::test]
async fn keeps_request_ids_on_the_lines_a_stricter_level_lets_through() {
    let peer = RuntimeApiPeer::start().await.expect("peer");
    let function = LambdaFunction::start(
        HELLO,
        "hello",
        &peer,
        &[("AWS_LAMBDA_LOG_FORMAT", "JSON"), ("AWS_LAMBDA_LOG_LEVEL", "WARN")],
    );
    let outcome = peer.invoke(r#"{"name": 5}"#).await;
    assert_eq!(outcome.error_type(), Some("Faaskit.DecodeError"), "{outcome:?}");
    let ok = peer.invoke(r#"{"name":"Ana"}"#).await;
    assert_eq!(ok.json(), Some(json!({"message": "Hello, Ana!"})));
    let failures = wait_for(|| {
        let lines: Vec<Value> = function.logs().iter().filter_map(|line| serde_json::from_str(line).ok()).collect();
        let failures: Vec<Value> = lines.into_iter().filter(|line| line["level"] == "ERROR").collect();
        (!failures.is_empty()).then_some(failures)
    })
    .await;
    // One report of the failure, with its request id; no INFO lines at WARN.
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0]["message"], "invocation failed", "{}", failures[0]);
    assert!(failures[0]["requestId"].as_str().is_some_and(|id| id.len() == 36), "{}", failures[0]);
    assert_eq!(failures[0]["errorType"], "Faaskit.DecodeError", "{}", failures[0]);
    assert!(!function.logs().iter().any(|line| line.contains(r#""level":"INFO""#)), "{:?}", function.logs());
}

/// Runs `hello` locally to its end with `args` and `envs`: its exit status, stdout and stderr.
fn run_to_end(args: &[&str], envs: &[(&str, &str)]) -> (std::process::ExitStatus, String, String) {
    let output = std::process::Command::new(HELLO)
        .args(args)
        .envs(envs.iter().copied())
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .env_remove("FAASKIT_PRINT_EXAMPLE_EVENT")
        .env("FAASKIT_ADDR", "127.0.0.1:0")
        .output()
        .expect("hello runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
    (output.status, text(output.stdout), text(output.stderr))
}

/// Runs `hello` to its end with only `envs` set: its exit status, and its stdout and stderr
/// together (in Lambda mode its logs go to stdout).
fn run_in_lambda_mode(envs: &[(&str, &str)]) -> (std::process::ExitStatus, String) {
    let output = std::process::Command::new(HELLO).env_clear().envs(envs.iter().copied()).output().expect("hello runs");
    let logs = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status, logs)
}

#[test]
fn prints_its_usage_and_refuses_unknown_arguments() {
    let (status, usage, _) = run_to_end(&["--help"], &[]);
    assert!(status.success());
    assert!(usage.starts_with("hello: a faaskit function.\n"), "{usage}");
    assert!(usage.contains("hello example-event [HANDLER]"), "{usage}");
    let (status, stdout, stderr) = run_to_end(&["exmaple-event"], &[]);
    assert!(!status.success());
    assert_eq!(stdout, "", "it does not serve");
    assert!(stderr.contains("unknown argument `exmaple-event`"), "{stderr}");
    let (status, _, stderr) = run_to_end(&["example-event", "helo"], &[]);
    assert!(!status.success());
    assert!(stderr.contains("no handler named `helo`; this binary hosts hello"), "{stderr}");
}

#[test]
fn reports_a_bad_setting_once_and_stops() {
    let (status, _, stderr) = run_to_end(&[], &[("FAASKIT_TIMEOUT", "0")]);
    assert!(!status.success());
    let message = "FAASKIT_TIMEOUT=`0` is not a number of seconds above 0 and at most 900 (Lambda's limit)";
    assert_eq!(stderr.matches(message).count(), 1, "{stderr}");
    assert!(stderr.contains("Faaskit.ConfigError"), "{stderr}");
}

#[test]
fn names_the_runtime_api_when_it_cannot_be_reached() {
    let (status, logs) = run_in_lambda_mode(&[
        ("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1"),
        ("AWS_LAMBDA_FUNCTION_NAME", "hello"),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
    ]);
    assert!(!status.success());
    assert!(logs.contains("Faaskit.RuntimeApiError"), "{logs}");
    assert!(logs.contains("lambda_runtime stopped serving the Lambda Runtime API at 127.0.0.1:1: "), "{logs}");
}

/// A refusal's log line quotes what the client sent (here a percent-decoded function name), so
/// a client must not be able to end that line and write one of its own into the server's output.
#[tokio::test]
async fn a_refusal_cannot_forge_a_log_line() {
    let function = LocalFunction::start(HELLO, &[]);
    let forged = "2026-01-01T00:00:00.000000Z  INFO forged: deploy approved";
    let name = format!("nope%0A{}", forged.replace(' ', "%20"));
    let response = function.client.invoke(&name, "{}").await.expect("server answers");
    assert_eq!(response.status, 404);
    let logs = wait_for(|| {
        let logs = function.logs();
        logs.iter().any(|line| line.contains("invocation refused")).then_some(logs)
    })
    .await;
    assert!(!logs.iter().any(|line| line.starts_with(forged)), "a forged line in the server's output: {logs:#?}");
}

/// A log line that quotes the event (`greeting {name}`) with a line break in the name.
const FORGING_NAME: &str = "Ana\nSTART RequestId: forged Version: $LATEST";

/// On Lambda each line of stdout is a log event of its own: a line break in logged text must not
/// split a record into events without its request id, nor let the event's sender write one.
#[tokio::test]
async fn keeps_a_record_with_a_line_break_one_line_on_lambda() {
    for format in ["Text", "JSON"] {
        let peer = RuntimeApiPeer::start().await.expect("peer");
        let function = LambdaFunction::start(HELLO, "hello", &peer, &[("AWS_LAMBDA_LOG_FORMAT", format)]);
        let options = InvokeOptions::new().request_id("c0ffee00-0000-4000-8000-00000000000a");
        let outcome = peer.invoke_with(json!({ "name": FORGING_NAME }).to_string(), options).await;
        assert_eq!(outcome.json(), Some(json!({ "message": format!("Hello, {FORGING_NAME}!") })));
        let logs = wait_for(|| {
            let logs = function.logs();
            logs.iter().any(|line| line.contains("greeting Ana")).then_some(logs)
        })
        .await;
        assert!(!logs.iter().any(|line| line.starts_with("START")), "{format}: a line of its own: {logs:#?}");
        let line = logs.iter().find(|line| line.contains("greeting Ana")).expect("seen above");
        assert!(line.contains("c0ffee00-0000-4000-8000-00000000000a"), "{format}: {line:?}");
        let expected = if format == "Text" { "greeting Ana\rSTART RequestId: forged" } else { r"greeting Ana\nSTART" };
        assert!(line.contains(expected), "{format}: {line:?}");
    }
}

/// Locally the record keeps its line breaks, and the lines after its first are indented, so a
/// line that starts at the left edge is always a record of the server's.
#[tokio::test]
async fn indents_the_later_lines_of_a_local_record() {
    let function = LocalFunction::start(HELLO, &[]);
    let response = function.client.invoke("hello", json!({ "name": FORGING_NAME }).to_string()).await.expect("answers");
    assert_eq!(response.status, 200);
    let logs = wait_for(|| {
        let logs = function.logs();
        // The record's second line is read after its first: wait for both.
        let at = logs.iter().position(|line| line.ends_with("greeting Ana"))?;
        (logs.len() > at + 1).then(|| logs[at..].to_vec())
    })
    .await;
    assert!(logs.get(1).is_some_and(|line| line.starts_with("    START RequestId: forged")), "{logs:#?}");
    assert!(!logs.iter().any(|line| line.starts_with("START")), "a line of its own: {logs:#?}");
}
