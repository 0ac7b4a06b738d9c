//! Decoding SQS batches with JSON bodies: faaskit against the usual way.
//!
//! - `faaskit`: `SqsEvent<Order>` as a handler receives it, bodies decoded.
//! - `raw`: `serde_json` into `aws_lambda_events::sqs::SqsEvent`, then `serde_json::from_str`
//!   of each body into `Order`, as a handler would do.
//! - `ignored_any`: `serde_json` into `serde::de::IgnoredAny`, the cost of reading the JSON.
//!
//! `cargo bench -p faaskit-adapters --features sqs --bench sqs_decode`

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use faaskit_adapters::sqs::SqsEvent;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
struct Order {
    order_id: String,
    amount: f64,
    customer: String,
    items: Vec<String>,
}

fn batch(count: usize) -> Vec<u8> {
    let records: Vec<_> = (0..count)
        .map(|n| {
            let body = json!({"order_id": format!("order-{n}"), "amount": 10.5 * n as f64, "customer": format!("c-{}", n % 7),
                              "items": ["sku-1", "sku-2"]})
            .to_string();
            json!({
                "messageId": format!("00000000-0000-4000-8000-{n:012}"),
                "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a/mQ0XhxSrzN0eCdQZrNA2tj5wATKAnl9Yi0vO1eI2Aqjt1TyYZIXD7i3rXTi1gxWdEydMfs",
                "body": body,
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183",
                               "SenderId": "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp": "1545082649185"},
                "messageAttributes": {"tenant": {"stringValue": "acme", "stringListValues": [], "binaryListValues": [], "dataType": "String"}},
                "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders",
                "awsRegion": "us-east-1"
            })
        })
        .collect();
    serde_json::to_vec(&json!({ "Records": records })).expect("JSON")
}

fn touch(order: &Order) -> usize {
    order.order_id.len() + order.customer.len() + order.items.len() + order.amount as usize
}

fn faaskit(payload: &[u8]) -> usize {
    let event: SqsEvent<Order> = faaskit_core::decode_event(payload).expect("decodes");
    event.iter().map(|message| message.body().map_or(0, touch) + message.message_id().len()).sum()
}

fn raw(payload: &[u8]) -> usize {
    let event: aws_lambda_events::sqs::SqsEvent = serde_json::from_slice(payload).expect("decodes");
    let mut total = 0;
    for message in event.records {
        let order: Order = serde_json::from_str(message.body.as_deref().unwrap_or_default()).expect("an order");
        total += touch(&order) + message.message_id.unwrap_or_default().len();
    }
    total
}

fn bench(c: &mut Criterion) {
    common::compare(c, "sqs_decode", batch, faaskit, raw);
}

criterion_group!(benches, bench);
criterion_main!(benches);
