//! Decoding DynamoDB stream batches with typed images: faaskit against the usual way.
//!
//! - `faaskit`: `DynamoDbEvent<Order>` as a handler receives it (`faaskit_core::decode_event`).
//! - `raw`: `serde_json` into `aws_lambda_events::dynamodb::Event`, then
//!   `serde_dynamo::from_item` of each image into `Order`, as a handler would do by hand.
//! - `ignored_any`: `serde_json` into `serde::de::IgnoredAny`, the cost of reading the JSON.
//!
//! `cargo bench -p faaskit-adapters --features dynamodb --bench dynamodb_decode`

use std::hint::black_box;
use std::time::Duration;

use aws_lambda_events::dynamodb as aws;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
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
    let mut group = c.benchmark_group("dynamodb_decode");
    group.measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500)).sample_size(30);
    for count in [1, 10, 100] {
        let payload = batch(count);
        assert_eq!(faaskit(&payload), count);
        assert_eq!(raw(&payload), count);
        group.throughput(Throughput::Bytes(payload.len() as u64));
        group.bench_with_input(BenchmarkId::new("faaskit", count), &payload, |b, p| b.iter(|| faaskit(black_box(p))));
        group.bench_with_input(BenchmarkId::new("raw", count), &payload, |b, p| b.iter(|| raw(black_box(p))));
        group.bench_with_input(BenchmarkId::new("ignored_any", count), &payload, |b, p| {
            b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(p)).expect("JSON"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
