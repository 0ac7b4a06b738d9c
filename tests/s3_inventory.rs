//! The `s3-inventory` example, run for real, locally and on a Runtime API peer: one item per
//! record, keys decoded, event names as sent; bad payloads answered with a clear error.

mod support;

use faaskit::testing::{S3EventBuilder, TestPayload};
use serde_json::{Value, json};
use support::{Expect, assert_contract};

const S3_INVENTORY: &str = env!("CARGO_BIN_EXE_s3-inventory");

fn payload(builder: &impl TestPayload) -> String {
    String::from_utf8(builder.to_payload().to_vec()).expect("UTF-8")
}

fn item(bucket: &str, key: &str, size: Option<u64>, event: &str) -> Value {
    json!({"bucket": bucket, "key": key, "size": size, "event": event})
}

#[tokio::test]
async fn lists_real_world_events_in_both_modes() {
    let aws_fixture = include_str!("../adapters/tests/fixtures/aws_lambda_events/example-s3-event.json");
    let keys = S3EventBuilder::new("photos")
        .put("holiday photos/été.jpg", 2048)
        .put("a+b c.txt", 1)
        .put("dir/sub dir/100% 日本語.png", 3)
        .delete("old/report 2023.csv");
    let multipart = S3EventBuilder::new("backups").region("eu-west-1").record(
        &faaskit::s3::S3EventKind::from_event_name("ObjectCreated:CompleteMultipartUpload"),
        "db/dump.tar.gz",
        Some(5 << 30),
    );
    let cases = vec![
        (aws_fixture.to_owned(), Expect::Output(json!([item("sourcebucket", "Happy Face.jpg", Some(1024), "ObjectCreated:Put")]))),
        (
            payload(&keys),
            Expect::Output(json!([
                item("photos", "holiday photos/été.jpg", Some(2048), "ObjectCreated:Put"),
                item("photos", "a+b c.txt", Some(1), "ObjectCreated:Put"),
                item("photos", "dir/sub dir/100% 日本語.png", Some(3), "ObjectCreated:Put"),
                item("photos", "old/report 2023.csv", None, "ObjectRemoved:Delete"),
            ])),
        ),
        (payload(&multipart), Expect::Output(json!([item("backups", "db/dump.tar.gz", Some(5 << 30), "ObjectCreated:CompleteMultipartUpload")]))),
        (r#"{"Records": []}"#.to_owned(), Expect::Output(json!([]))),
        (
            r#"{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}, "object": {"key": "bad%C3%28.jpg"}}}]}"#.to_owned(),
            Expect::Error("Faaskit.DecodeError", "record 0 (key bad%C3%28.jpg): at Records[0]: the object key `bad%C3%28.jpg` does not decode"),
        ),
        (r#"{"Records": [{"eventName": "ObjectCreated:Put"}]}"#.to_owned(), Expect::Error("Faaskit.DecodeError", "missing field `s3`")),
        (r#"{"detail": {}}"#.to_owned(), Expect::Error("Faaskit.DecodeError", "not an S3 event notification")),
        (r#"{"Records": [{"eventName"#.to_owned(), Expect::NotJson),
        (payload(&S3EventBuilder::new("last").put("still here.txt", 9)), Expect::Output(json!([item("last", "still here.txt", Some(9), "ObjectCreated:Put")]))),
    ];
    assert_contract(S3_INVENTORY, "s3-inventory", &cases).await;
}

#[test]
fn prints_a_sample_event_it_accepts() {
    let output = std::process::Command::new(S3_INVENTORY).arg("example-event").output().expect("runs");
    assert!(output.status.success());
    let sample: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(sample["Records"][0]["s3"]["object"]["key"], "holiday+photos/%C3%A9t%C3%A9.jpg");
}
