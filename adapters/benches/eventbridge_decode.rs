//! Decoding EventBridge events: faaskit against the usual way, for small and large details.
//!
//! - `faaskit`: `EventBridgeEvent<Order>` as a handler receives it.
//! - `raw`: `serde_json` into `aws_lambda_events::eventbridge::EventBridgeEvent` (detail as a
//!   `serde_json::Value`), then `serde_json::from_value` of the detail into `Order`.
//! - `ignored_any`: `serde_json` into `serde::de::IgnoredAny`, the cost of reading the JSON.
//!
//! `cargo bench -p faaskit-adapters --features eventbridge --bench eventbridge_decode`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
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
    let mut group = c.benchmark_group("eventbridge_decode");
    group.measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500)).sample_size(30);
    for lines in [1, 10, 100] {
        let payload = event(lines);
        assert_eq!(faaskit(&payload), raw(&payload));
        group.throughput(Throughput::Bytes(payload.len() as u64));
        group.bench_with_input(BenchmarkId::new("faaskit", lines), &payload, |b, p| b.iter(|| faaskit(black_box(p))));
        group.bench_with_input(BenchmarkId::new("raw", lines), &payload, |b, p| b.iter(|| raw(black_box(p))));
        group.bench_with_input(BenchmarkId::new("ignored_any", lines), &payload, |b, p| {
            b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(p)).expect("JSON"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
