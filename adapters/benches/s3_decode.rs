//! Decoding S3 event notifications: faaskit against the usual way.
//!
//! - `faaskit`: `S3Event` as a handler receives it (`faaskit_core::decode_event`), keys decoded.
//! - `raw`: `serde_json` into `aws_lambda_events::s3::S3Event`, then each key form-decoded by
//!   hand (`+` to space, then percent-decoding), as a handler would do.
//! - `ignored_any`: `serde_json` into `serde::de::IgnoredAny`, the cost of reading the JSON.
//!
//! `cargo bench -p faaskit-adapters --features s3 --bench s3_decode`

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use faaskit_adapters::s3::S3Event;
use serde_json::json;

fn batch(count: usize) -> Vec<u8> {
    let records: Vec<_> = (0..count)
        .map(|n| {
            json!({
                "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
                "eventTime": format!("2024-05-01T12:{:02}:00.000Z", n % 60), "eventName": "ObjectCreated:Put",
                "userIdentity": {"principalId": "AWS:AIDAJDPLRKLG7UEXAMPLE"},
                "requestParameters": {"sourceIPAddress": "203.0.113.7"},
                "responseElements": {"x-amz-request-id": format!("C3D13FE58DE4C8{n:02}"),
                    "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
                "s3": {
                    "s3SchemaVersion": "1.0", "configurationId": "inventory",
                    "bucket": {"name": "photos-bucket", "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                               "arn": "arn:aws:s3:::photos-bucket"},
                    "object": {"key": format!("holiday+photos/{n:04}/%C3%A9t%C3%A9+{n}.jpg"), "size": 1024 + n,
                               "eTag": "d41d8cd98f00b204e9800998ecf8427e", "versionId": "096fKKXTRTtl3on89fVO.nfljtsv6qko",
                               "sequencer": format!("0055AED6DCD9028{n:04X}")}
                }
            })
        })
        .collect();
    serde_json::to_vec(&json!({ "Records": records })).expect("JSON")
}

fn faaskit(payload: &[u8]) -> usize {
    let event: S3Event = faaskit_core::decode_event(payload).expect("decodes");
    event.iter().map(|record| record.key().len() + record.bucket().len() + record.size().unwrap_or(0) as usize).sum()
}

fn raw(payload: &[u8]) -> usize {
    let event: aws_lambda_events::s3::S3Event = serde_json::from_slice(payload).expect("decodes");
    let mut total = 0;
    for record in event.records {
        let spaced = record.s3.object.key.unwrap_or_default().replace('+', " ");
        let key = percent_encoding::percent_decode_str(&spaced).decode_utf8().expect("UTF-8").into_owned();
        let bucket = record.s3.bucket.name.unwrap_or_default();
        total += key.len() + bucket.len() + record.s3.object.size.unwrap_or(0) as usize;
    }
    total
}

fn bench(c: &mut Criterion) {
    common::compare(c, "s3_decode", batch, faaskit, raw);
}

criterion_group!(benches, bench);
criterion_main!(benches);
