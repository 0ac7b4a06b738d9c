//! SNS events and notifications, written as SNS writes them.

use bytes::Bytes;
use faaskit_core::testing::TestPayload;
use serde::Serialize;
use serde_json::{Value, json};

use crate::body::FromBody;
use crate::sns::SnsEvent;

/// The id of the subscription that delivers the events, in its ARN and its unsubscribe URL.
const SUBSCRIPTION_ID: &str = "2bcfbf39-05c3-41de-beaa-fcfcc21c8f55";

/// Builds an SNS event the way SNS writes it: message ids, timestamps, and the signature
/// fields filled with placeholders. [`notification_body`](Self::notification_body) gives the
/// JSON SNS writes into a subscribed SQS queue, for envelope tests.
///
/// # Examples
///
/// ```
/// use faaskit::testing::{SnsEventBuilder, SqsEventBuilder};
///
/// let sns = SnsEventBuilder::new("alerts").subject("disk").message_text("disk full");
/// let event = sns.build::<faaskit::body::Text>();
/// assert_eq!(event.records()[0].message().as_str(), "disk full");
/// assert_eq!(event.records()[0].subject(), Some("disk"));
///
/// // The same message delivered through an SQS queue.
/// let sqs = SqsEventBuilder::new("alerts-queue").message_text(&sns.notification_body(0));
/// let event = sqs.build::<faaskit::sns::SnsNotification>();
/// assert_eq!(event.records()[0].body().unwrap().message().as_str(), "disk full");
/// ```
#[derive(Clone, Debug)]
pub struct SnsEventBuilder {
    topic: String,
    subject: Option<String>,
    records: Vec<Value>,
}

impl SnsEventBuilder {
    /// An event of topic `topic`, with no message yet.
    pub fn new(topic: &str) -> Self {
        Self { topic: topic.to_owned(), subject: None, records: Vec::new() }
    }

    /// The subject of the messages added after this call.
    #[must_use]
    pub fn subject(mut self, subject: &str) -> Self {
        self.subject = Some(subject.to_owned());
        self
    }

    fn topic_arn(&self) -> String {
        format!("arn:aws:sns:us-east-1:123456789012:{}", self.topic)
    }

    /// Adds a message whose text is `message`.
    #[must_use]
    pub fn message_text(mut self, message: &str) -> Self {
        let n = self.records.len() + 1;
        let topic_arn = self.topic_arn();
        self.records.push(json!({
            "Type": "Notification",
            "MessageId": format!("95df01b4-ee98-5cb9-9903-{n:012}"),
            "TopicArn": topic_arn,
            "Subject": self.subject,
            "Message": message,
            "Timestamp": format!("2024-05-01T12:00:{:02}.000Z", n % 60),
            "SignatureVersion": "1",
            "Signature": "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
            "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem",
            "UnsubscribeUrl": format!("https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={topic_arn}:{SUBSCRIPTION_ID}"),
            "MessageAttributes": {}
        }));
        self
    }

    /// Adds a message whose text is `value` as JSON.
    ///
    /// # Panics
    ///
    /// When `value` cannot be written as JSON.
    #[must_use]
    pub fn message_json<T: Serialize>(self, value: &T) -> Self {
        let message = serde_json::to_string(value).unwrap_or_else(|err| panic!("the message is not JSON: {err}"));
        self.message_text(&message)
    }

    /// Adds a `String` message attribute to the last message added.
    ///
    /// # Panics
    ///
    /// When no message was added yet: an attribute belongs to a message.
    #[must_use]
    pub fn attribute(mut self, name: &str, value: &str) -> Self {
        let Some(last) = self.records.last_mut() else {
            panic!("SnsEventBuilder::attribute({name:?}, ..) before any message: add a message first");
        };
        last["MessageAttributes"][name] = json!({"Type": "String", "Value": value});
        self
    }

    /// The event's wire JSON, as Lambda receives it from the topic.
    pub fn to_json(&self) -> Value {
        let records: Vec<Value> = self
            .records
            .iter()
            .map(|sns| {
                json!({
                    "EventVersion": "1.0",
                    "EventSubscriptionArn": format!("{}:{SUBSCRIPTION_ID}", self.topic_arn()),
                    "EventSource": "aws:sns",
                    "Sns": sns
                })
            })
            .collect();
        json!({ "Records": records })
    }

    /// The JSON body SNS writes into a subscribed SQS queue for message `index` (without raw
    /// message delivery), with the URL fields spelled as SNS spells them there.
    ///
    /// # Panics
    ///
    /// When there is no message `index`.
    pub fn notification_body(&self, index: usize) -> String {
        let mut body = self.records[index].clone();
        if let Some(fields) = body.as_object_mut() {
            // In the JSON SNS writes to a queue, `Subject` appears only when the message had one,
            // and `MessageAttributes` only when it had attributes (Lambda's event has both always).
            if fields.get("Subject").is_some_and(Value::is_null) {
                fields.remove("Subject");
            }
            if fields.get("MessageAttributes").and_then(Value::as_object).is_some_and(serde_json::Map::is_empty) {
                fields.remove("MessageAttributes");
            }
            for (from, to) in [("SigningCertUrl", "SigningCertURL"), ("UnsubscribeUrl", "UnsubscribeURL")] {
                if let Some(value) = fields.remove(from) {
                    fields.insert(to.to_owned(), value);
                }
            }
        }
        body.to_string()
    }

    /// The event decoded from its wire JSON, messages into `T`, as a handler receives it.
    ///
    /// # Panics
    ///
    /// When a message is not a `T` (SNS events fail as a whole): build the wire JSON with
    /// [`to_json`](Self::to_json) to test that.
    pub fn build<T: FromBody>(&self) -> SnsEvent<T> {
        faaskit_core::decode_event(self.to_payload().as_ref()).unwrap_or_else(|err| panic!("{err}"))
    }
}

impl TestPayload for SnsEventBuilder {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "SnsEventBuilder::attribute(\"tenant\", ..) before any message")]
    fn an_attribute_needs_a_message() {
        let _ = SnsEventBuilder::new("alerts").attribute("tenant", "acme");
    }
}
