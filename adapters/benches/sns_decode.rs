//! Decoding SNS events with JSON messages: faaskit against the usual way.
//!
//! - `faaskit`: `SnsEvent<Alert>` as a handler receives it, messages decoded.
//! - `raw`: `serde_json` into `aws_lambda_events::sns::SnsEvent`, then `serde_json::from_str`
//!   of each message into `Alert`.
//! - `ignored_any`: `serde_json` into `serde::de::IgnoredAny`, the cost of reading the JSON.
//!
//! `cargo bench -p faaskit-adapters --features sns --bench sns_decode`

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use faaskit_adapters::sns::SnsEvent;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
struct Alert {
    level: String,
    text: String,
}

fn batch(count: usize) -> Vec<u8> {
    let records: Vec<_> = (0..count)
        .map(|n| {
            json!({
                "EventVersion": "1.0", "EventSource": "aws:sns",
                "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:alerts:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
                "Sns": {
                    "Type": "Notification", "MessageId": format!("95df01b4-ee98-5cb9-9903-{n:012}"),
                    "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Subject": "disk",
                    "Message": json!({"level": "high", "text": format!("disk {n} is 91% full")}).to_string(),
                    "Timestamp": "2024-05-01T12:00:00.000Z", "SignatureVersion": "1",
                    "Signature": "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
                    "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem",
                    "UnsubscribeUrl": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=EXAMPLE",
                    "MessageAttributes": {"team": {"Type": "String", "Value": "storage"}}
                }
            })
        })
        .collect();
    serde_json::to_vec(&json!({ "Records": records })).expect("JSON")
}

fn faaskit(payload: &[u8]) -> usize {
    let event: SnsEvent<Alert> = faaskit_core::decode_event(payload).expect("decodes");
    event.iter().map(|record| record.message().level.len() + record.message().text.len()).sum()
}

fn raw(payload: &[u8]) -> usize {
    let event: aws_lambda_events::sns::SnsEvent = serde_json::from_slice(payload).expect("decodes");
    let mut total = 0;
    for record in event.records {
        let alert: Alert = serde_json::from_str(&record.sns.message).expect("an alert");
        total += alert.level.len() + alert.text.len();
    }
    total
}

fn bench(c: &mut Criterion) {
    common::compare(c, "sns_decode", batch, faaskit, raw);
}

criterion_group!(benches, bench);
criterion_main!(benches);
