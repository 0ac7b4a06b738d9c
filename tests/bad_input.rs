//! Bad input, per event source and for the local server: truncated payloads, the wrong JSON
//! type, missing fields, invalid UTF-8, 10,000 levels of nesting, wrong base64 and payloads over
//! 6 MB. Each gets a clear error (or, for one bad record of a batch, that record reported),
//! nothing panics, and the next valid invocation succeeds. What is not JSON, or over 6 MB, is
//! refused before the handler runs, as Lambda refuses it.
//!
//! The counts are printed: `cargo test -p faaskit-examples --test bad_input -- --nocapture`.

use faaskit::dynamodb::DynamoDbEvent;
use faaskit::eventbridge::EventBridgeEvent;
use faaskit::kinesis::KinesisEvent;
use faaskit::s3::S3Event;
use faaskit::sns::SnsEvent;
use faaskit::sqs::SqsEvent;
use faaskit::testing::{FunctionError, TestFunction, TestServer};
use faaskit::{Error, ExampleEvent, Handler, Invocation};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The body type the batch sources decode into.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Order {
    order_id: String,
    amount: f64,
}

const NESTING: usize = 10_000;
const HUGE: usize = 7 * 1024 * 1024;

/// A bad payload and what makes it bad.
struct BadPayload {
    what: String,
    bytes: Vec<u8>,
}

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// The first string leaf of `value`, depth first.
fn first_string(value: &mut Value) -> Option<&mut Value> {
    match value {
        Value::String(_) => Some(value),
        Value::Array(items) => items.iter_mut().find_map(first_string),
        Value::Object(map) => map.values_mut().find_map(first_string),
        _ => None,
    }
}

/// Every string leaf of `value` that holds base64 or a JSON body, by key.
fn strings_named<'a>(value: &'a mut Value, keys: &[&str], found: &mut Vec<&'a mut Value>) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|item| strings_named(item, keys, found)),
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if keys.contains(&key.as_str()) && item.is_string() {
                    found.push(item);
                } else {
                    strings_named(item, keys, found);
                }
            }
        }
        _ => {}
    }
}

/// The bad variants of a valid `sample` of a source.
fn corpus(sample: &Value) -> Vec<BadPayload> {
    let text = sample.to_string();
    let bad = |what: &str, bytes: Vec<u8>| BadPayload { what: what.to_owned(), bytes };
    let mut payloads = vec![
        bad("empty", Vec::new()),
        bad("truncated in half", text.as_bytes()[..text.len() / 2].to_vec()),
        bad("truncated by one byte", text.as_bytes()[..text.len() - 1].to_vec()),
        bad("an array", b"[]".to_vec()),
        bad("a string", br#""Records""#.to_vec()),
        bad("a number", b"42".to_vec()),
        bad("null", b"null".to_vec()),
        bad("Records not an array", br#"{"Records": {"0": {}}}"#.to_vec()),
        bad("a record of the wrong type", br#"{"Records": [42]}"#.to_vec()),
        bad("a record missing its fields", br#"{"Records": [{}]}"#.to_vec()),
        bad("nested 10,000 levels", nested(NESTING).into_bytes()),
        bad("invalid UTF-8", {
            let mut bytes = text.clone().into_bytes();
            if let Some(quote) = bytes.iter().position(|&b| b == b'"') {
                bytes.splice(quote + 1..quote + 1, [0xff, 0xfe]);
            }
            bytes
        }),
    ];
    let mut deep = sample.clone();
    if let Some(leaf) = first_string(&mut deep) {
        *leaf = serde_json::from_str::<Value>(&nested(100)).expect("100 levels parse");
        payloads.push(bad("a field of the wrong type", deep.to_string().into_bytes()));
    }
    let deep = nested(NESTING);
    payloads
        .push(bad("a field nested 10,000 levels", format!(r#"{{"Records": {deep}, "detail": {deep}}}"#).into_bytes()));
    for (keys, what, replacement) in [
        (&["data", "B"][..], "wrong base64", Value::from("%%% not base64 %%%")),
        (&["body", "Message", "message"][..], "a body that is not JSON", Value::from("{\"order_id\": ")),
        (&["body", "Message", "message"][..], "a body nested 10,000 levels", Value::from(nested(NESTING))),
    ] {
        let mut changed = sample.clone();
        let mut found = Vec::new();
        strings_named(&mut changed, keys, &mut found);
        if found.is_empty() {
            continue;
        }
        for leaf in found {
            *leaf = replacement.clone();
        }
        payloads.push(bad(what, changed.to_string().into_bytes()));
    }
    let mut huge = sample.clone();
    if let Some(leaf) = first_string(&mut huge) {
        *leaf = Value::from("x".repeat(HUGE));
        payloads.push(bad("over 6 MB", huge.to_string().into_bytes()));
    }
    payloads
}

/// How a source took its corpus.
#[derive(Default, Debug)]
struct Tally {
    decode_errors: usize,
    records_reported: usize,
    refused: usize,
    not_json: usize,
}

/// Whether Lambda takes `bytes` as a payload: UTF-8 JSON, or nothing (handed on as `{}`).
fn is_json(bytes: &[u8]) -> bool {
    bytes.is_empty()
        || std::str::from_utf8(bytes).is_ok_and(|text| serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok())
}

/// A handler that decodes `E` and answers `null`, as a function of that source would.
fn decoder<E: DeserializeOwned + Send + 'static>(name: &'static str) -> Handler {
    Handler::new(name, |invocation: Invocation| async move {
        let _event: E = invocation.event()?;
        Ok::<_, Error>(Value::Null)
    })
}

async fn survives<E: DeserializeOwned + ExampleEvent + Send + 'static>(source: &'static str) -> Tally {
    let sample = E::example_event();
    let function = TestFunction::new(decoder::<E>(source)).await.expect("no init");
    function.invoke(&sample).await.unwrap_or_else(|err| panic!("{source}: its own sample fails: {err}"));
    let mut tally = Tally::default();
    for bad in corpus(&sample) {
        match function.invoke(bad.bytes.clone()).await {
            // Over 6 MB: Lambda refuses it before invoking, and so does TestFunction.
            Err(FunctionError { error_type, .. }) if bad.bytes.len() > faaskit::MAX_PAYLOAD_BYTES => {
                assert_eq!(error_type, FunctionError::REQUEST_TOO_LARGE, "{source}, {}", bad.what);
                tally.refused += 1;
            }
            // Not JSON: so does Lambda.
            Err(FunctionError { error_type, error_message }) if !is_json(&bad.bytes) => {
                assert_eq!(error_type, FunctionError::INVALID_REQUEST_CONTENT, "{source}, {}", bad.what);
                assert!(error_message.starts_with("Could not parse request body into json: "), "{error_message}");
                tally.not_json += 1;
            }
            Err(FunctionError { error_type, error_message }) => {
                assert_eq!(error_type, Error::DECODE, "{source}, {}: {error_message}", bad.what);
                assert!(
                    error_message.len() > 20 && error_message.len() < 2_000,
                    "{source}, {}: {error_message}",
                    bad.what
                );
                tally.decode_errors += 1;
            }
            // A bad record of a batch decodes into that record's own error.
            Ok(_) => tally.records_reported += 1,
        }
        let next = function.invoke(&sample).await;
        assert!(next.is_ok(), "{source}: the next valid invocation after {} fails: {next:?}", bad.what);
    }
    println!(
        "{source:<12} {} bad payloads: {} clear decode errors, {} decoded (bad records flagged in the batch), {} not JSON and {} over 6 MB refused as Lambda refuses them, 0 panics",
        tally.decode_errors + tally.records_reported + tally.refused + tally.not_json,
        tally.decode_errors,
        tally.records_reported,
        tally.not_json,
        tally.refused
    );
    tally
}

#[tokio::test]
async fn every_event_source_survives_bad_input() {
    let tallies = [
        survives::<S3Event>("s3").await,
        survives::<SnsEvent<Order>>("sns").await,
        survives::<SqsEvent<Order>>("sqs").await,
        survives::<DynamoDbEvent<Order>>("dynamodb").await,
        survives::<KinesisEvent<Order>>("kinesis").await,
        survives::<EventBridgeEvent<Order>>("eventbridge").await,
    ];
    for tally in &tallies {
        assert!(tally.decode_errors >= 10, "{tally:?}");
        assert!(tally.not_json >= 2, "truncated, and invalid UTF-8: {tally:?}");
        assert_eq!(tally.refused, 1, "the payload over 6 MB: {tally:?}");
    }
}

/// A record whose body is bad fails alone: it is reported, and the good ones are processed.
#[tokio::test]
async fn a_bad_record_is_reported_not_dropped() {
    let sample = SqsEvent::<Order>::example_event();
    let mut records = sample["Records"].as_array().expect("records").clone();
    let mut bad = records[0].clone();
    bad["messageId"] = Value::from("bad-one");
    bad["body"] = Value::from("{\"order_id\": ");
    records.push(bad);
    let payload = serde_json::json!({ "Records": records });
    let event: SqsEvent<Order> = faaskit::decode_event(payload.to_string().as_bytes()).expect("the envelope decodes");
    let response = event.process(|_| async { Ok::<_, Error>(()) }).await;
    assert_eq!(response.failed_identifiers(), ["bad-one"]);
}

#[tokio::test]
async fn the_local_server_survives_bad_input() {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Greeting {
        name: String,
    }
    let handler = Handler::new("hello", |invocation: Invocation| async move {
        let greeting: Greeting = invocation.event()?;
        Ok::<_, Error>(format!("Hello, {}!", greeting.name))
    });
    let server = TestServer::start(vec![handler]).await.expect("starts");
    let sample = serde_json::json!({"name": "Ana"});
    let (mut function_errors, mut refused, mut not_json) = (0, 0, 0);
    let mut payloads = corpus(&sample);
    payloads.push(BadPayload { what: "7 MB of JSON".into(), bytes: format!("\"{}\"", "x".repeat(HUGE)).into_bytes() });
    for bad in payloads {
        let oversized = bad.bytes.len() > faaskit::MAX_PAYLOAD_BYTES;
        let response = server.client().invoke("hello", &bad.bytes).await.expect("the server answers");
        match response.status.as_u16() {
            413 if oversized => refused += 1,
            400 if !is_json(&bad.bytes) => {
                assert_eq!(response.header("x-amzn-errortype"), Some("InvalidRequestContentException"), "{}", bad.what);
                not_json += 1;
            }
            200 if !oversized => {
                assert!(response.is_function_error(), "{}: {}", bad.what, response.text());
                let body = response.json().expect("a JSON error");
                assert_eq!(body["errorType"], Error::DECODE, "{}: {body}", bad.what);
                function_errors += 1;
            }
            status => panic!("{}: unexpected status {status}: {}", bad.what, response.text()),
        }
        let next = server.client().invoke("hello", sample.to_string()).await.expect("the server answers");
        assert_eq!(next.json().expect("JSON"), "Hello, Ana!", "after {}", bad.what);
    }
    println!(
        "local server: {function_errors} function errors (Faaskit.DecodeError), {not_json} not JSON refused with 400, \
         {refused} refused with 413, 0 lost"
    );
    assert_eq!(refused, 2, "the two payloads over 6 MB");
    assert!(not_json >= 2, "truncated, and invalid UTF-8");
}
