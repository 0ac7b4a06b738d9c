//! The test builders name each record as the batch response will: their `item_identifiers`
//! are the identifiers the decoded records report, in order.

#![cfg(all(feature = "sqs", feature = "kinesis", feature = "dynamodb", feature = "testing"))]

use faaskit_adapters::batch::BatchRecord;
use faaskit_adapters::testing::{DynamoDbEventBuilder, KinesisEventBuilder, SqsEventBuilder};
use serde_json::{Value, json};

fn identifiers<R: BatchRecord>(records: &[R]) -> Vec<String> {
    records.iter().map(|record| record.item_identifier().to_owned()).collect()
}

#[test]
fn sqs_builders_name_records_by_message_id() {
    let builder = SqsEventBuilder::new("orders").message_text("a").message_text("b").message_text("c");
    let ids = builder.item_identifiers();
    assert_eq!(ids.len(), 3);
    assert_eq!(ids, identifiers(builder.build::<String>().records()));
    assert_eq!(ids[0], builder.to_json()["Records"][0]["messageId"]);
}

#[test]
fn kinesis_builders_name_records_by_sequence_number() {
    let builder = KinesisEventBuilder::new("clicks").record_json("k1", &json!(1)).record_bytes("k2", b"\xff");
    let ids = builder.item_identifiers();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(ids, identifiers(builder.build::<Value>().records()));
}

#[test]
fn dynamodb_builders_name_records_by_sequence_number() {
    let key = json!({"id": 1});
    let builder = DynamoDbEventBuilder::new("Orders").insert(&key, &json!({"id": 1})).remove(&key, &json!({"id": 1}));
    let ids = builder.item_identifiers();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(ids, identifiers(builder.build::<Value>().records()));
}
