//! SQS events, written as SQS writes them.

use bytes::Bytes;
use faaskit_core::testing::TestPayload;
use serde::Serialize;
use serde_json::{Value, json};

use crate::body::FromBody;
use crate::md5::hex_digest;
use crate::sqs::SqsEvent;

/// Builds an SQS event the way SQS writes it: message ids, receipt handles, the MD5 of each
/// body, timestamps and, for FIFO queues, group ids, deduplication ids and sequence numbers.
///
/// # Examples
///
/// ```
/// use faaskit::testing::SqsEventBuilder;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Order { order_id: String, amount: f64 }
///
/// let builder = SqsEventBuilder::new("orders")
///     .message_json(&Order { order_id: "o-1".into(), amount: 5.0 })
///     .message_text("not an order");
/// let wire = builder.to_json();
/// assert_eq!(wire["Records"][1]["md5OfBody"], "f64a55db58045e2e353cc15091afce62");
///
/// let event = builder.build::<Order>();
/// assert_eq!(event.records()[0].body().map(|order| order.amount), Some(5.0));
/// assert!(event.records()[1].decode_error().is_some());
/// ```
#[derive(Clone, Debug)]
pub struct SqsEventBuilder {
    queue: String,
    group: Option<String>,
    records: Vec<Value>,
}

impl SqsEventBuilder {
    /// An event of queue `queue` (a name ending in `.fifo` is a FIFO queue), with no message.
    pub fn new(queue: &str) -> Self {
        Self { queue: queue.to_owned(), group: None, records: Vec::new() }
    }

    /// Makes the queue a FIFO queue (`.fifo` added to its name); the messages added after this
    /// call are in message group `group`.
    #[must_use]
    pub fn fifo(mut self, group: &str) -> Self {
        if !self.queue.ends_with(".fifo") {
            self.queue.push_str(".fifo");
        }
        self.group = Some(group.to_owned());
        self
    }

    /// Adds a message whose body is `body`, as sent.
    #[must_use]
    pub fn message_text(mut self, body: &str) -> Self {
        let n = self.records.len() + 1;
        let mut attributes = json!({
            "ApproximateReceiveCount": "1",
            "SentTimestamp": (1_714_564_800_000_u64 + n as u64).to_string(),
            "SenderId": "AIDAIENQZJOLO23YVJ4VO",
            "ApproximateFirstReceiveTimestamp": (1_714_564_800_010_u64 + n as u64).to_string()
        });
        if let Some(group) = &self.group {
            attributes["MessageGroupId"] = Value::from(group.as_str());
            attributes["MessageDeduplicationId"] = Value::from(hex_digest(format!("{group}/{n}/{body}").as_bytes()));
            attributes["SequenceNumber"] = Value::from(format!("{}", 18_849_496_460_467_696_128_u128 + n as u128));
        }
        self.records.push(json!({
            "messageId": format!("00000000-0000-4000-8000-{n:012}"),
            "receiptHandle": format!("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a{n:04}"),
            "body": body,
            "attributes": attributes,
            "messageAttributes": {},
            "md5OfBody": hex_digest(body.as_bytes()),
            "eventSource": "aws:sqs",
            "eventSourceARN": format!("arn:aws:sqs:us-east-1:123456789012:{}", self.queue),
            "awsRegion": "us-east-1"
        }));
        self
    }

    /// Adds a message whose body is `value` as JSON.
    ///
    /// # Panics
    ///
    /// When `value` cannot be written as JSON (a map with non-string keys).
    #[must_use]
    pub fn message_json<T: Serialize>(self, value: &T) -> Self {
        let body = serde_json::to_string(value).unwrap_or_else(|err| panic!("the body is not JSON: {err}"));
        self.message_text(&body)
    }

    /// Adds a `String` message attribute to the last message added.
    #[must_use]
    pub fn attribute(mut self, name: &str, value: &str) -> Self {
        if let Some(last) = self.records.last_mut() {
            last["messageAttributes"][name] = json!({"stringValue": value, "dataType": "String"});
        }
        self
    }

    /// The identifier each record has in a [`BatchResponse`](crate::batch::BatchResponse), in
    /// the order the records were added: its message id (`messageId`). To compare with
    /// [`failed_identifiers`](crate::batch::BatchResponse::failed_identifiers).
    pub fn item_identifiers(&self) -> Vec<String> {
        self.records.iter().map(|record| record["messageId"].as_str().unwrap_or_default().to_owned()).collect()
    }

    /// The event's wire JSON.
    pub fn to_json(&self) -> Value {
        json!({ "Records": self.records })
    }

    /// The event decoded from its wire JSON into bodies of `T`, as a handler receives it.
    ///
    /// # Panics
    ///
    /// Never: the envelope is always an SQS event, and bodies that are not `T` fail only their
    /// message.
    pub fn build<T: FromBody>(&self) -> SqsEvent<T> {
        faaskit_core::decode_event(self.to_payload().as_ref()).unwrap_or_else(|err| panic!("{err}"))
    }
}

impl TestPayload for SqsEventBuilder {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}
