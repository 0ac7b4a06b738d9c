//! Decoding EventBridge events: faaskit against the usual way, for small and large details.
//!
//! - `faaskit`: `EventBridgeEvent<Order>` as a handler receives it.
//! - `raw`: `serde_json` into `aws_lambda_events::eventbridge::EventBridgeEvent` (detail as a
//!   `serde_json::Value`), then `serde_json::from_value` of the detail into `Order`.
//! - `ignored_any`: `serde_json` into `serde::de::IgnoredAny`, the cost of reading the JSON.
//!
//! `cargo bench -p faaskit-adapters --features eventbridge --bench eventbridge_decode`

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use faaskit_adapters::eventbridge::EventBridgeEvent;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
struct Order {
    order_id: String,
    lines: Vec<Line>,
}

#[derive(Deserialize)]
struct Line {
    sku: String,
    quantity: u32,
}

/// An event whose detail holds `lines` order lines.
fn event(lines: usize) -> Vec<u8> {
    let lines: Vec<_> = (0..lines).map(|n| json!({"sku": format!("SKU-{n:05}"), "quantity": n % 5 + 1})).collect();
    serde_json::to_vec(&json!({
        "version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "Order Placed",
        "source": "com.example.shop", "account": "111122223333", "time": "2024-05-01T12:00:00Z", "region": "us-east-1",
        "resources": ["arn:aws:events:us-east-1:111122223333:event-bus/shop"],
        "detail": {"order_id": "o-1", "lines": lines}
    }))
    .expect("JSON")
}

fn touch(order: &Order) -> usize {
    order.order_id.len() + order.lines.iter().map(|line| line.sku.len() + line.quantity as usize).sum::<usize>()
}

fn faaskit(payload: &[u8]) -> usize {
    let event: EventBridgeEvent<Order> = faaskit_core::decode_event(payload).expect("decodes");
    touch(&event.detail)
}

fn raw(payload: &[u8]) -> usize {
    let event: aws_lambda_events::eventbridge::EventBridgeEvent = serde_json::from_slice(payload).expect("decodes");
    let order: Order = serde_json::from_value(event.detail).expect("an order");
    touch(&order)
}

fn bench(c: &mut Criterion) {
    common::compare(c, "eventbridge_decode", event, faaskit, raw);
}

criterion_group!(benches, bench);
criterion_main!(benches);
