//! The sample event `example-event` prints: the shape AWS documents, with a body of the
//! handler's own type.

use faaskit_core::ExampleEvent;
use serde_json::{Value, json};

use super::event::SqsEvent;
use crate::body::SampleBody;

impl<T: SampleBody> ExampleEvent for SqsEvent<T> {
    fn example_event() -> Value {
        let body = T::sample_body();
        let digest = crate::md5::hex_digest(body.as_bytes());
        json!({"Records": [{
            "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
            "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
            "body": body,
            "attributes": {
                "ApproximateReceiveCount": "1",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185"
            },
            "messageAttributes": {},
            "md5OfBody": digest,
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:my-queue",
            "awsRegion": "us-east-1"
        }]})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::Text;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Order {
        order_id: String,
        amount: f64,
    }

    #[test]
    fn the_sample_decodes_into_the_handlers_type() {
        let event: SqsEvent<Order> = serde_json::from_value(SqsEvent::<Order>::example_event()).unwrap();
        assert!(event.records()[0].body().is_some());
        let event: SqsEvent = serde_json::from_value(SqsEvent::<Text>::example_event()).unwrap();
        assert_eq!(event.records()[0].body().map(Text::as_str), Some("Hello from faaskit!"));
    }
}
