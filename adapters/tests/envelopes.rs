//! Nested deliveries decode in one step: S3 through SNS, through SQS, and through SNS then
//! SQS; an SNS message through SQS; S3 object events through EventBridge. Payloads are
//! written as AWS writes them: the inner event is a JSON string inside the outer one.

#![cfg(all(feature = "s3", feature = "sqs", feature = "sns", feature = "eventbridge", feature = "testing"))]

use faaskit_adapters::eventbridge::{EventBridgeEvent, S3ObjectDetail};
use faaskit_adapters::s3::S3Event;
use faaskit_adapters::sns::{SnsEvent, SnsNotification};
use faaskit_adapters::sqs::SqsEvent;
use faaskit_adapters::testing::{EventBridgeEventBuilder, S3EventBuilder, SnsEventBuilder, SqsEventBuilder};
use faaskit_core::decode_event;
use serde_json::json;

fn s3_notification() -> S3EventBuilder {
    S3EventBuilder::new("uploads").put("inbox/été 2024+q1.csv", 2048).put("inbox/a%b.txt", 1)
}

fn keys(event: &S3Event) -> Vec<&str> {
    event.iter().map(|record| record.key()).collect()
}

#[test]
fn s3_through_sns() {
    let s3 = s3_notification().to_json().to_string();
    let payload = SnsEventBuilder::new("uploads-topic").subject("Amazon S3 Notification").message_text(&s3).to_json();
    let event: SnsEvent<S3Event> = decode_event(payload.to_string().as_bytes()).unwrap();
    assert_eq!(keys(event.records()[0].message()), ["inbox/été 2024+q1.csv", "inbox/a%b.txt"]);
    assert_eq!(event.records()[0].subject(), Some("Amazon S3 Notification"));
}

#[test]
fn s3_through_sqs() {
    let s3 = s3_notification().to_json().to_string();
    let payload = SqsEventBuilder::new("uploads-queue").message_text(&s3).to_json();
    let event: SqsEvent<S3Event> = decode_event(payload.to_string().as_bytes()).unwrap();
    let notification = event.records()[0].body().expect("an S3 event");
    assert_eq!(keys(notification), ["inbox/été 2024+q1.csv", "inbox/a%b.txt"]);
    assert_eq!(notification.records()[0].size(), Some(2048));
}

#[test]
fn the_s3_test_event_through_sqs_is_an_empty_test_event() {
    let test_event = json!({"Service": "Amazon S3", "Event": "s3:TestEvent", "Time": "2024-05-01T12:00:00.000Z",
        "Bucket": "uploads", "RequestId": "5582815E1AEA5ADF", "HostId": "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"});
    let event = SqsEventBuilder::new("uploads-queue").message_json(&test_event).build::<S3Event>();
    let notification = event.records()[0].body().expect("decodes");
    assert!(notification.is_test_event() && notification.is_empty());
}

#[test]
fn s3_through_sns_then_sqs() {
    let s3 = s3_notification().to_json().to_string();
    let sns = SnsEventBuilder::new("uploads-topic").message_text(&s3);
    let event = SqsEventBuilder::new("uploads-queue")
        .message_text(&sns.notification_body(0))
        .build::<SnsNotification<S3Event>>();
    let notification = event.records()[0].body().expect("an SNS notification of an S3 event");
    assert_eq!(notification.topic_arn(), "arn:aws:sns:us-east-1:123456789012:uploads-topic");
    assert_eq!(keys(notification.message()), ["inbox/été 2024+q1.csv", "inbox/a%b.txt"]);
}

#[test]
fn an_sns_message_through_sqs() {
    #[derive(Debug, serde::Serialize, serde::Deserialize, PartialEq)]
    struct Alert {
        level: String,
        text: String,
    }
    let alert = Alert { level: "high".into(), text: "disk full".into() };
    let sns = SnsEventBuilder::new("alerts").subject("disk").message_json(&alert).attribute("team", "storage");
    let event =
        SqsEventBuilder::new("alerts-queue").message_text(&sns.notification_body(0)).build::<SnsNotification<Alert>>();
    let notification = event.records()[0].body().expect("decodes");
    assert_eq!(notification.message(), &alert);
    assert_eq!(notification.subject(), Some("disk"));
    assert_eq!(notification.message_attribute("team").map(|a| a.value.as_str()), Some("storage"));
}

#[test]
fn a_bad_inner_payload_fails_only_its_sqs_message() {
    let good = SnsEventBuilder::new("uploads-topic").message_text(&s3_notification().to_json().to_string());
    let bad = SnsEventBuilder::new("uploads-topic")
        .message_text(r#"{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {}}}]}"#);
    let event = SqsEventBuilder::new("uploads-queue")
        .message_text(&good.notification_body(0))
        .message_text(&bad.notification_body(0))
        .build::<SnsNotification<S3Event>>();
    assert!(event.records()[0].body().is_some());
    let error = event.records()[1].decode_error().expect("the second message fails").to_string();
    assert!(error.starts_with("message 1 (messageId 00000000-0000-4000-8000-000000000002)"), "{error}");
    assert!(error.contains("SNS message") && error.contains("missing field `name`"), "{error}");
}

#[test]
fn s3_object_events_through_eventbridge() {
    let detail = json!({"version": "0", "bucket": {"name": "uploads"},
        "object": {"key": "inbox/report 2024.csv", "size": 2048, "etag": "b1946ac92492d2347c6235b4d2611184",
                   "version-id": "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", "sequencer": "00617F08299329D189"},
        "request-id": "N4N7GDK58NMKJ12R", "requester": "123456789012", "source-ip-address": "1.2.3.4", "reason": "PutObject"});
    let builder =
        EventBridgeEventBuilder::new("aws.s3", "Object Created").resource("arn:aws:s3:::uploads").detail(&detail);
    let event: EventBridgeEvent<S3ObjectDetail> = builder.build();
    assert_eq!(event.detail.object.key, "inbox/report 2024.csv");
    assert_eq!(event.detail.object.version_id.as_deref(), Some("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e"));
    assert_eq!(event.resources, ["arn:aws:s3:::uploads"]);

    let deleted = EventBridgeEventBuilder::new("aws.s3", "Object Deleted")
        .detail(&json!({"bucket": {"name": "uploads"}, "object": {"key": "old.txt"}, "deletion-type": "Delete Marker Created"}))
        .build::<S3ObjectDetail>();
    assert_eq!(deleted.detail.deletion_type.as_deref(), Some("Delete Marker Created"));
    assert_eq!(deleted.detail.object.size, None);
}
