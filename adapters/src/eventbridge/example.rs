//! The sample events `example-event` prints.

use faaskit_core::ExampleEvent;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::event::EventBridgeEvent;
use super::scheduled::ScheduledEvent;

fn envelope(source: &str, detail_type: &str, resources: Value, detail: Value) -> Value {
    json!({
        "version": "0",
        "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type": detail_type,
        "source": source,
        "account": "123456789012",
        "time": "2024-05-01T12:00:00Z",
        "region": "us-east-1",
        "resources": resources,
        "detail": detail
    })
}

impl<T: DeserializeOwned> ExampleEvent for EventBridgeEvent<T> {
    fn example_event() -> Value {
        let detail = faaskit_core::trace_sample::<T>().unwrap_or_else(|| json!({}));
        envelope("com.example.app", "Example Event", json!([]), detail)
    }
}

impl ExampleEvent for ScheduledEvent {
    fn example_event() -> Value {
        envelope(
            "aws.events",
            "Scheduled Event",
            json!(["arn:aws:events:us-east-1:123456789012:rule/nightly"]),
            json!({}),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eventbridge::S3ObjectDetail;

    #[test]
    fn the_samples_decode() {
        let event: ScheduledEvent = serde_json::from_value(ScheduledEvent::example_event()).unwrap();
        assert_eq!(event.rule_name(), Some("nightly"));
        let event: EventBridgeEvent<S3ObjectDetail> =
            serde_json::from_value(EventBridgeEvent::<S3ObjectDetail>::example_event()).unwrap();
        assert_eq!(event.detail.bucket.name, "name");
    }
}
