//! The sample event `example-event` prints: the shape AWS documents, with a message of the
//! handler's own type.

use faaskit_core::ExampleEvent;
use serde_json::{Value, json};

use super::event::SnsEvent;
use crate::body::SampleBody;

impl<T: SampleBody> ExampleEvent for SnsEvent<T> {
    fn example_event() -> Value {
        json!({"Records": [{
            "EventVersion": "1.0",
            "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:alerts:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
            "EventSource": "aws:sns",
            "Sns": sample_notification(T::sample_body())
        }]})
    }
}

/// A notification carrying `message`, as SNS writes it (also in the body of an SQS message).
pub(crate) fn sample_notification(message: String) -> Value {
    json!({
        "Type": "Notification",
        "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
        "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts",
        "Subject": "example subject",
        "Message": message,
        "Timestamp": "2024-05-01T12:00:00.000Z",
        "SignatureVersion": "1",
        "Signature": "EXAMPLE",
        "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem",
        "UnsubscribeUrl": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=EXAMPLE",
        "MessageAttributes": {"severity": {"Type": "String", "Value": "high"}}
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::Text;

    #[test]
    fn the_sample_decodes() {
        let event: SnsEvent = serde_json::from_value(SnsEvent::<Text>::example_event()).unwrap();
        assert_eq!(event.records()[0].message().as_str(), "Hello from faaskit!");
        assert_eq!(event.records()[0].notification().message_attribute("severity").unwrap().value, "high");
    }
}
