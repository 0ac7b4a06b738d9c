//! DynamoDB changes delivered by Kinesis Data Streams for DynamoDB (`KinesisEvent<DynamoDbRecord<T>>`):
//! the record is the Kinesis data, its `ApproximateCreationDateTime` in milliseconds or
//! microseconds, and an image that does not decode fails its Kinesis record.

#![cfg(all(feature = "kinesis", feature = "dynamodb", feature = "sqs"))]

use base64::Engine as _;
use faaskit_adapters::dynamodb::DynamoDbRecord;
use faaskit_adapters::kinesis::{KinesisEvent, KinesisRecord};
use faaskit_adapters::sqs::SqsEvent;
use faaskit_core::decode_event;
use serde_json::json;

/// One Kinesis event whose record's data is `change`, as DynamoDB writes it to the stream.
fn kinesis_of(change: &serde_json::Value) -> Vec<u8> {
    let data = base64::engine::general_purpose::STANDARD.encode(change.to_string());
    json!({"Records": [{"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "FC6DB76D",
        "sequenceNumber": "49628566489653659107048838082246518393102916603510521906", "data": data,
        "approximateArrivalTimestamp": 1649930049.016}, "eventSource": "aws:kinesis",
        "eventID": "shardId-000000000003:49628566489653659107048838082246518393102916603510521906",
        "eventSourceARN": "arn:aws:kinesis:ap-northeast-2:123456789012:stream/businfo"}]})
    .to_string()
    .into_bytes()
}

fn change(created: u64) -> serde_json::Value {
    json!({"awsRegion": "ap-northeast-2", "eventID": "6f773704-d244-414f-9590-5e9e9045409d", "eventName": "INSERT",
        "userIdentity": null, "recordFormat": "application/json", "tableName": "businfo",
        "dynamodb": {"ApproximateCreationDateTime": created,
                     "Keys": {"RouteId": {"S": "222000076"}},
                     "NewImage": {"RouteId": {"S": "222000076"}, "RemainSeatCnt": {"S": "44"}},
                     "SizeBytes": 120},
        "eventSource": "aws:dynamodb"})
}

#[test]
fn the_creation_time_is_read_in_milliseconds_or_microseconds() {
    for (created, micros) in
        [(1_649_930_048_474, 1_649_930_048_474_000), (1_649_930_048_474_123, 1_649_930_048_474_123)]
    {
        let event: KinesisEvent<DynamoDbRecord> = decode_event(&kinesis_of(&change(created))).unwrap();
        let time = event.records()[0].data().and_then(DynamoDbRecord::approximate_creation_time);
        assert_eq!(time.map(|time| time.timestamp_micros()), Some(micros), "{created}");
    }
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Seats {
    remain_seat_cnt: u32, // written as {"S": "44"}
}

#[tokio::test]
async fn an_image_that_does_not_decode_fails_its_kinesis_record() {
    let payload = kinesis_of(&change(1_649_930_048_474));
    let event: KinesisEvent<DynamoDbRecord<Seats>> = decode_event(&payload).unwrap();
    let error = event.records()[0].decode_error().expect("the record failed").to_string();
    assert!(error.contains("the NewImage is not a valid Seats: at RemainSeatCnt"), "{error}");
    let mut called = false;
    let response = event
        .process(|_| {
            called = true;
            async { Ok::<_, String>(()) }
        })
        .await;
    assert!(!called);
    assert_eq!(response.failed_identifiers(), ["49628566489653659107048838082246518393102916603510521906"]);
    let event: KinesisEvent<DynamoDbRecord<Seats>> = decode_event(&payload).unwrap();
    assert!(event.try_into_records().is_err());
}

#[tokio::test]
async fn a_kinesis_record_in_an_sqs_message_fails_its_message() {
    let record = json!({"kinesis": {"sequenceNumber": "1", "partitionKey": "p", "data": "b29wcw=="}}).to_string();
    let payload = json!({"Records": [{"messageId": "m-1", "body": record}]}).to_string();
    let event: SqsEvent<KinesisRecord<Seats>> = decode_event(payload.as_bytes()).unwrap();
    let response = event.process(|_| async { Ok::<_, String>(()) }).await;
    assert_eq!(response.failed_identifiers(), ["m-1"]);
}

/// Seconds stay seconds up to the year 5138, fractions and times before 1970 included; the
/// first value past that is milliseconds.
#[test]
fn the_creation_time_unit_is_told_by_its_magnitude() {
    let at = |created: serde_json::Value| {
        let mut record = change(0);
        record["dynamodb"]["ApproximateCreationDateTime"] = created;
        let record: DynamoDbRecord = serde_json::from_value(record).expect("decodes");
        record.approximate_creation_time().map(|time| time.timestamp_millis())
    };
    assert_eq!(at(json!(1_428_537_600.5)), Some(1_428_537_600_500));
    assert_eq!(at(json!(-1.5)), Some(-1_500));
    assert_eq!(at(json!(99_999_999_999_u64)), Some(99_999_999_999_000));
    assert_eq!(at(json!(100_000_000_000_u64)), Some(100_000_000_000));
    assert_eq!(at(json!(1e20)), None, "past chrono's range");
}

/// A record that is the whole event fails as a decode error naming the record and the image.
#[test]
fn a_lone_record_whose_image_does_not_decode_is_a_decode_error() {
    let mut record = change(1_649_930_048_474);
    record["dynamodb"]["SequenceNumber"] = json!("111000000000000000000001");
    let payload = record.to_string();
    let error = decode_event::<DynamoDbRecord<Seats>>(payload.as_bytes()).expect_err("the image is not Seats");
    assert!(error.is(faaskit_core::Error::DECODE), "{error}");
    assert!(error.message().contains("the NewImage is not a valid Seats: at RemainSeatCnt"), "{error}");
    assert!(error.message().contains("record (SequenceNumber 111000000000000000000001): the NewImage"), "{error}");
}

/// Keys that are not AttributeValue JSON fail the Kinesis record too.
#[test]
fn keys_that_do_not_decode_fail_their_kinesis_record() {
    let mut record = change(1_649_930_048_474);
    record["dynamodb"]["Keys"] = json!({"RouteId": "222000076"});
    let event: KinesisEvent<DynamoDbRecord> = decode_event(&kinesis_of(&record)).unwrap();
    let error = event.records()[0].decode_error().expect("the record failed").to_string();
    assert!(error.contains("the Keys are not a valid"), "{error}");
}
