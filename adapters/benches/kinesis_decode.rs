//! Decoding Kinesis batches with JSON data: faaskit against the usual way.
//!
//! - `faaskit`: `KinesisEvent<Reading>` as a handler receives it, data base64-decoded and read.
//! - `raw`: `serde_json` into `aws_lambda_events::kinesis::KinesisEvent` (data base64-decoded
//!   into bytes), then `serde_json::from_slice` of each record's data into `Reading`.
//! - `ignored_any`: `serde_json` into `serde::de::IgnoredAny`, the cost of reading the JSON.
//!
//! `cargo bench -p faaskit-adapters --features kinesis --bench kinesis_decode`

mod common;

use base64::Engine as _;
use criterion::{Criterion, criterion_group, criterion_main};
use faaskit_adapters::kinesis::KinesisEvent;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
struct Reading {
    sensor: String,
    celsius: f64,
}

fn batch(count: usize) -> Vec<u8> {
    let records: Vec<_> = (0..count)
        .map(|n| {
            let data = json!({"sensor": format!("sensor-{}", n % 16), "celsius": 20.0 + n as f64 / 10.0}).to_string();
            json!({
                "kinesis": {
                    "kinesisSchemaVersion": "1.0", "partitionKey": format!("sensor-{}", n % 16),
                    "sequenceNumber": format!("49590338271490256608559692538361571095921575989136{n:06}"),
                    "data": base64::engine::general_purpose::STANDARD.encode(data),
                    "approximateArrivalTimestamp": 1545084650.987
                },
                "eventSource": "aws:kinesis", "eventVersion": "1.0",
                "eventID": format!("shardId-000000000006:49590338271490256608559692538361571095921575989136{n:06}"),
                "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
                "awsRegion": "us-east-1", "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/sensors"
            })
        })
        .collect();
    serde_json::to_vec(&json!({ "Records": records })).expect("JSON")
}

fn faaskit(payload: &[u8]) -> usize {
    let event: KinesisEvent<Reading> = faaskit_core::decode_event(payload).expect("decodes");
    event.iter().map(|record| record.data().map_or(0, |r| r.sensor.len() + r.celsius as usize)).sum()
}

fn raw(payload: &[u8]) -> usize {
    let event: aws_lambda_events::kinesis::KinesisEvent = serde_json::from_slice(payload).expect("decodes");
    let mut total = 0;
    for record in event.records {
        let reading: Reading = serde_json::from_slice(&record.kinesis.data).expect("a reading");
        total += reading.sensor.len() + reading.celsius as usize;
    }
    total
}

fn bench(c: &mut Criterion) {
    common::compare(c, "kinesis_decode", batch, faaskit, raw);
}

criterion_group!(benches, bench);
criterion_main!(benches);
