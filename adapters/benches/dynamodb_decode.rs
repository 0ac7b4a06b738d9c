//! Decoding DynamoDB stream batches with typed images: faaskit against the usual way.
//!
//! - `faaskit`: `DynamoDbEvent<Order>` as a handler receives it (`faaskit_core::decode_event`).
//! - `raw`: `serde_json` into `aws_lambda_events::dynamodb::Event`, then
//!   `serde_dynamo::from_item` of each image into `Order`, as a handler would do by hand.
//! - `ignored_any`: `serde_json` into `serde::de::IgnoredAny`, the cost of reading the JSON.
//!
//! `cargo bench -p faaskit-adapters --features dynamodb --bench dynamodb_decode`

mod common;

use std::hint::black_box;

use aws_lambda_events::dynamodb as aws;
use criterion::{Criterion, criterion_group, criterion_main};
use faaskit_adapters::dynamodb::DynamoDbEvent;
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Serialize, Deserialize)]
struct Order {
    pk: String,
    sk: String,
    customer_id: String,
    email: String,
    status: String,
    total: f64,
    quantity: u32,
    created_at: i64,
    paid: bool,
    note: Option<String>,
    tags: Vec<String>,
    lines: Vec<Line>,
    shipping: Address,
}

#[derive(Debug, Serialize, Deserialize)]
struct Line {
    sku: String,
    quantity: u32,
    price: f64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Address {
    street: String,
    city: String,
    postcode: String,
    country: String,
}

fn order(n: usize, status: &str) -> Order {
    Order {
        pk: format!("CUSTOMER#{:06}", n % 977),
        sk: format!("ORDER#{n:08}"),
        customer_id: format!("c-{:06}", n % 977),
        email: format!("customer{n}@example.com"),
        status: status.to_owned(),
        total: 12.5 + n as f64 * 3.25,
        quantity: (n % 7 + 1) as u32,
        created_at: 1_700_000_000 + n as i64,
        paid: n % 2 == 0,
        note: (n % 3 == 0).then(|| "leave at the door".to_owned()),
        tags: vec!["gift".into(), format!("campaign-{}", n % 5)],
        lines: (0..3)
            .map(|i| Line { sku: format!("SKU-{n}-{i}"), quantity: i + 1, price: 9.99 + f64::from(i) })
            .collect(),
        shipping: Address {
            street: format!("{n} Main Street"),
            city: "Springfield".into(),
            postcode: format!("{:05}", n % 99_999),
            country: "US".into(),
        },
    }
}

fn image(order: &Order) -> serde_json::Value {
    let item: serde_dynamo::Item = serde_dynamo::to_item(order).expect("serde_dynamo writes orders");
    serde_json::to_value(item).expect("JSON")
}

/// A batch of `count` MODIFY records with new and old images, as DynamoDB Streams writes it.
fn batch(count: usize) -> Vec<u8> {
    let records: Vec<_> = (0..count)
        .map(|n| {
            let new = order(n, "shipped");
            json!({
                "eventID": format!("{n:032x}"),
                "eventName": "MODIFY",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": "us-east-1",
                "dynamodb": {
                    "ApproximateCreationDateTime": 1_700_000_000 + n,
                    "Keys": {"pk": {"S": new.pk}, "sk": {"S": new.sk}},
                    "NewImage": image(&new),
                    "OldImage": image(&order(n, "placed")),
                    "SequenceNumber": format!("{:021}", 100_000_000_000_000_000_000u128 + n as u128),
                    "SizeBytes": 812,
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                },
                "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2023-11-14T22:13:20.000",
            })
        })
        .collect();
    serde_json::to_vec(&json!({ "Records": records })).expect("JSON")
}

fn faaskit(payload: &[u8]) -> usize {
    let event: DynamoDbEvent<Order> = faaskit_core::decode_event(payload).expect("decodes");
    event.iter().filter(|record| record.new_image().is_some() && record.old_image().is_some()).count()
}

fn raw(payload: &[u8]) -> usize {
    let event: aws::Event = serde_json::from_slice(payload).expect("decodes");
    let mut decoded = 0;
    for record in event.records {
        let new: Order = serde_dynamo::from_item(record.change.new_image).expect("typed");
        let old: Order = serde_dynamo::from_item(record.change.old_image).expect("typed");
        black_box((new, old));
        decoded += 1;
    }
    decoded
}

fn bench(c: &mut Criterion) {
    // Each decoder counts the records it read; check that against the batch size too.
    let payload = |count| {
        let payload = batch(count);
        assert_eq!(faaskit(&payload), count);
        payload
    };
    common::compare(c, "dynamodb_decode", payload, faaskit, raw);
}

criterion_group!(benches, bench);
criterion_main!(benches);
