//! What a handler's caller reads when an S3 event does not decode: the record, its path, why.

#![cfg(feature = "s3")]

use faaskit_adapters::s3::S3Event;
use serde_json::{Value, json};

fn record(key: Value) -> Value {
    json!({
        "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
        "eventTime": "2024-05-01T12:00:00.000Z", "eventName": "ObjectCreated:Put",
        "s3": {"bucket": {"name": "photos"}, "object": {"key": key, "size": 3}}
    })
}

fn error_of(event: &Value) -> String {
    let payload = serde_json::to_vec(event).expect("JSON");
    match faaskit_core::decode_event::<S3Event>(&payload) {
        Ok(event) => panic!("decoded {event:?}"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn a_key_of_the_wrong_type_names_its_record_and_path() {
    let error = error_of(&json!({"Records": [record(json!("a.txt")), record(json!(7))]}));
    assert!(error.contains("record 1"), "{error}");
    assert!(error.contains("Records[1].s3.object.key"), "{error}");
    assert!(error.contains("invalid type: integer `7`, expected a string"), "{error}");
}

#[test]
fn a_missing_bucket_name_is_a_missing_field() {
    let mut broken = record(json!("a.txt"));
    broken["s3"]["bucket"] = json!({"arn": "arn:aws:s3:::photos"});
    let error = error_of(&json!({"Records": [broken]}));
    assert!(error.contains("Records[0].s3.bucket") && error.contains("missing field `name`"), "{error}");
}

#[test]
fn a_key_whose_escapes_are_not_utf8_is_named() {
    let error = error_of(&json!({"Records": [record(json!("ok")), record(json!("bad/%FF.txt"))]}));
    let expected = "cannot decode the aws:s3 event as S3Event: record 1 (key bad/%FF.txt): at Records[1]: the object key `bad/%FF.txt` does not decode: its percent escapes are not UTF-8 at line 1 column";
    assert!(error.starts_with(expected), "{error}");
}

#[test]
fn a_raw_control_character_in_a_string_is_refused() {
    let payload =
        br#"{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "photos"}, "object": {"key": "a
b"}}}]}"#;
    let error = faaskit_core::decode_event::<S3Event>(payload).expect_err("a raw newline is not JSON").to_string();
    assert!(error.contains("control character"), "{error}");
}

#[test]
fn escaped_and_unicode_strings_decode() {
    let mut sent = record(json!("caf\u{e9}+%E2%82%AC/\"quoted\""));
    sent["s3"]["bucket"]["name"] = json!("tab\there");
    let event: S3Event = serde_json::from_value(json!({"Records": [sent]})).expect("decodes from a Value too");
    assert_eq!(event.records()[0].key(), "café €/\"quoted\"");
    assert_eq!(event.records()[0].bucket(), "tab\there");
    let payload = serde_json::to_vec(&json!({"Records": [record(json!("caf\u{e9}+%E2%82%AC"))]})).expect("JSON");
    let event: S3Event = faaskit_core::decode_event(&payload).expect("decodes");
    assert_eq!(event.records()[0].key(), "café €");
    assert_eq!(event.records()[0].size(), Some(3));
}
