//! The sample event `example-event` prints: the shape AWS documents, with a body of the
//! handler's own type.

use faaskit_core::ExampleEvent;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::event::SqsEvent;
use crate::body::Text;

/// A body type with a sample body, for the sample event of [`SqsEvent`].
///
/// Implemented for [`Text`] (the text of the AWS documentation's sample) and for every
/// `serde::Deserialize` type (JSON traced from the type).
///
/// # Examples
///
/// ```
/// use faaskit_adapters::sqs::SampleBody;
///
/// #[derive(serde::Deserialize)]
/// #[allow(dead_code)]
/// struct Order { order_id: String, amount: f64 }
///
/// assert_eq!(Order::sample_body(), r#"{"amount":0.0,"order_id":"order_id"}"#);
/// ```
pub trait SampleBody {
    /// A body, as it travels in the message.
    fn sample_body() -> String;
}

impl SampleBody for Text {
    fn sample_body() -> String {
        "Hello from SQS!".to_owned()
    }
}

impl<T: DeserializeOwned> SampleBody for T {
    fn sample_body() -> String {
        faaskit_core::trace_sample::<T>().map_or_else(|| "Hello from SQS!".to_owned(), |sample| sample.to_string())
    }
}

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
        assert_eq!(event.records()[0].body().map(Text::as_str), Some("Hello from SQS!"));
    }
}
