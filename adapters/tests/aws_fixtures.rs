//! Every `aws_lambda_events` fixture of the S3, SQS, SNS, Kinesis and EventBridge sources
//! decodes through `faaskit_core::decode_event` (the production path), with its records and
//! fields checked. (DynamoDB and HTTP fixtures: `dynamodb_event.rs`, `http_event.rs`.)

#![cfg(all(feature = "s3", feature = "sqs", feature = "sns", feature = "kinesis", feature = "eventbridge"))]

use faaskit_adapters::body::{Binary, Text};
use faaskit_adapters::eventbridge::{EventBridgeEvent, ScheduledEvent};
use faaskit_adapters::kinesis::{EncryptionType, KinesisEvent};
use faaskit_adapters::s3::{Created, S3Event, S3EventKind};
use faaskit_adapters::sns::SnsEvent;
use faaskit_adapters::sqs::SqsEvent;
use faaskit_core::decode_event;
use serde_json::Value;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("fixtures/aws_lambda_events/", $name)).as_slice()
    };
}

#[test]
fn s3_fixtures() {
    for payload in [fixture!("example-s3-event.json"), fixture!("example-s3-event-with-decoded.json")] {
        let event: S3Event = decode_event(payload).unwrap();
        assert_eq!(event.len(), 1);
        let record = &event.records()[0];
        assert_eq!(
            (record.bucket(), record.key(), record.raw_key()),
            ("sourcebucket", "Happy Face.jpg", "Happy%20Face.jpg")
        );
        assert_eq!(record.size(), Some(1024));
        assert_eq!(record.kind(), &S3EventKind::Created(Created::Put));
        assert_eq!(record.region(), Some("us-east-1"));
        assert_eq!(record.etag(), Some("d41d8cd98f00b204e9800998ecf8427e"));
        assert_eq!(record.event_time().map(|t| t.to_rfc3339()), Some("1970-01-01T00:00:00.123+00:00".to_owned()));
        let aws = aws_lambda_events::s3::S3Event::from(&event);
        let owner = aws.records[0].s3.bucket.owner_identity.as_ref().and_then(|owner| owner.principal_id.as_deref());
        assert_eq!(owner, Some("EXAMPLE"));
        assert_eq!(aws.records[0].s3.schema_version.as_deref(), Some("1.0"));
        let back = S3Event::try_from(aws).unwrap();
        assert_eq!(back.records()[0].key(), "Happy Face.jpg");
        assert_eq!(back, event);
    }
}

#[test]
fn sqs_fixtures() {
    let event: SqsEvent = decode_event(fixture!("example-sqs-event.json")).unwrap();
    assert_eq!(event.len(), 1);
    let message = &event.records()[0];
    assert_eq!(message.message_id(), "MessageID_1");
    assert_eq!(message.body().map(Text::as_str), Some("Message Body"));
    assert_eq!(message.receipt_handle(), Some("MessageReceiptHandle"));
    assert_eq!(message.md5_of_body(), Some("fce0ea8dd236ccb3ed9b37dae260836f"));
    assert_eq!(message.queue_name(), Some("SQSQueue"));
    assert_eq!(message.attributes().approximate_receive_count(), Some(2));
    assert_eq!(message.message_attribute("Attribute3").map(|a| a.data_type.as_str()), Some("Binary"));
    assert_eq!(message.message_attribute("Attribute3").and_then(|a| a.binary()), Some(b"1100".to_vec()));

    let event: SqsEvent<Value> = decode_event(fixture!("example-sqs-event-obj.json")).unwrap();
    assert_eq!(event.records()[0].body(), Some(&serde_json::json!({"a": "Test", "b": 123})));
}

#[test]
fn sns_fixtures() {
    for payload in [fixture!("example-sns-event.json"), fixture!("example-sns-event-pascal-case.json")] {
        let event: SnsEvent = decode_event(payload).unwrap();
        let record = &event.records()[0];
        assert_eq!(record.message().as_str(), "Hello\r\nworld!");
        assert_eq!(record.subject(), Some("Greetings"));
        assert_eq!(record.topic_arn(), "arn:aws:sns:us-east-1:246796806071:snsNetTest");
        assert_eq!(record.notification().timestamp().map(|t| t.timestamp_millis()), Some(1_439_920_952_111));
        assert!(record.notification().signing_cert_url().is_some_and(|url| url.ends_with(".pem")));
    }
    let event: SnsEvent<Value> = decode_event(fixture!("example-sns-event-obj.json")).unwrap();
    assert_eq!(event.records()[0].message(), &serde_json::json!({"foo": "Hello world!", "bar": 123}));

    let alarm: SnsEvent<Value> =
        decode_event(fixture!("example-cloudwatch-alarm-sns-payload-single-metric.json")).unwrap();
    assert_eq!(alarm.records()[0].message()["AlarmName"], "EXAMPLE");
}

#[test]
fn kinesis_fixtures() {
    let event: KinesisEvent<Text> = decode_event(fixture!("example-kinesis-event.json")).unwrap();
    assert_eq!(event.len(), 2);
    for record in event.iter() {
        assert_eq!(record.data().map(Text::as_str), Some("Hello World"));
        assert_eq!(record.partition_key(), "s1");
    }
    let event: KinesisEvent<Binary> = decode_event(fixture!("example-kinesis-event-encrypted.json")).unwrap();
    assert_eq!(event.records()[0].encryption_type(), EncryptionType::Kms);
    assert_eq!(event.records()[1].encryption_type(), EncryptionType::None);
}

#[test]
fn eventbridge_fixtures() {
    let event: EventBridgeEvent = decode_event(fixture!("example-eventbridge-event-obj.json")).unwrap();
    assert_eq!(event.detail_type, "EC2 Instance State-change Notification");
    assert_eq!(event.detail["state"], "pending");
    assert_eq!(event.resources, ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"]);

    #[derive(serde::Deserialize)]
    struct StateChange {
        #[serde(rename = "instance-id")]
        instance_id: String,
        state: String,
    }
    let typed: EventBridgeEvent<StateChange> = decode_event(fixture!("example-eventbridge-event-obj.json")).unwrap();
    assert_eq!((typed.detail.instance_id.as_str(), typed.detail.state.as_str()), ("i-abcd1111", "pending"));

    let schedule: ScheduledEvent = decode_event(fixture!("example-eventbridge-schedule.json")).unwrap();
    assert_eq!(schedule.rule_name(), Some("my-scheduled-rule"));
    let not_scheduled = decode_event::<ScheduledEvent>(fixture!("example-eventbridge-event-obj.json")).unwrap_err();
    assert!(not_scheduled.message().contains("not a scheduled event: source `aws.ec2`"), "{not_scheduled}");
}

/// `aws_lambda_events` writes the envelope fields a fixture leaves out as `null`; the conversion
/// takes them as empty, and the time back in EventBridge's form.
#[test]
fn eventbridge_events_convert_from_aws_lambda_events() {
    let aws: aws_lambda_events::eventbridge::EventBridgeEvent =
        serde_json::from_slice(fixture!("example-eventbridge-event-obj.json")).unwrap();
    assert_eq!(aws.version, None, "the fixture has no version");
    let event = EventBridgeEvent::<serde_json::Value>::try_from(aws).unwrap();
    let direct: EventBridgeEvent = decode_event(fixture!("example-eventbridge-event-obj.json")).unwrap();
    assert_eq!(event, direct);
    assert_eq!(event.time_raw, "2021-11-11T21:29:54Z");
}

#[test]
fn a_replayed_event_names_its_replay() {
    let payload = br#"{"version": "0", "id": "1", "source": "shop", "detail-type": "Order Placed",
        "replay-name": "orders-2026-12", "detail": {}}"#;
    let event: EventBridgeEvent = decode_event(payload).unwrap();
    assert_eq!(event.replay_name.as_deref(), Some("orders-2026-12"));
    let live: EventBridgeEvent = decode_event(fixture!("example-eventbridge-event-obj.json")).unwrap();
    assert_eq!(live.replay_name, None);
}

#[test]
fn detail_errors_name_the_path() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Order {
        total: f64,
    }
    let payload = br#"{"id": "1", "source": "shop", "detail-type": "Order Placed", "detail": {"total": "lots"}}"#;
    let error = decode_event::<EventBridgeEvent<Order>>(payload).unwrap_err();
    assert!(error.message().contains("detail.total"), "{error}");
}
