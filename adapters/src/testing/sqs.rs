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

/// The ARN of the queue `queue`.
fn queue_arn(queue: &str) -> String {
    format!("arn:aws:sqs:us-east-1:123456789012:{queue}")
}

/// Writes the FIFO attributes of the `n`th message, in message group `group`, into `attributes`.
fn add_group(attributes: &mut Value, group: &str, n: usize, body: &str) {
    attributes["MessageGroupId"] = Value::from(group);
    attributes["MessageDeduplicationId"] = Value::from(hex_digest(format!("{group}/{n}/{body}").as_bytes()));
    attributes["SequenceNumber"] = Value::from(format!("{}", 18_849_496_460_467_696_128_u128 + n as u128));
}

impl SqsEventBuilder {
    /// An event of queue `queue`, with no message. A name ending in `.fifo` is a FIFO queue,
    /// whose messages are in message group `default` until [`fifo`](Self::fifo) names another.
    pub fn new(queue: &str) -> Self {
        Self { queue: queue.to_owned(), group: None, records: Vec::new() }
    }

    /// Makes the queue a FIFO queue (`.fifo` added to its name); the messages added after this
    /// call are in message group `group`, those added before it in group `default` (one event
    /// comes from one queue).
    #[must_use]
    pub fn fifo(mut self, group: &str) -> Self {
        if !self.queue.ends_with(".fifo") {
            self.queue.push_str(".fifo");
            for (index, record) in self.records.iter_mut().enumerate() {
                record["eventSourceARN"] = Value::from(queue_arn(&self.queue));
                let body = record["body"].as_str().unwrap_or_default().to_owned();
                add_group(&mut record["attributes"], "default", index + 1, &body);
            }
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
        // SQS writes a FIFO queue's message group on every message.
        let group = self.group.as_deref().or_else(|| self.queue.ends_with(".fifo").then_some("default"));
        if let Some(group) = group {
            add_group(&mut attributes, group, n, body);
        }
        self.records.push(json!({
            "messageId": format!("00000000-0000-4000-8000-{n:012}"),
            "receiptHandle": format!("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a{n:04}"),
            "body": body,
            "attributes": attributes,
            "messageAttributes": {},
            "md5OfBody": hex_digest(body.as_bytes()),
            "eventSource": "aws:sqs",
            "eventSourceARN": queue_arn(&self.queue),
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

    /// Adds a `String` message attribute to the last message added, with the
    /// `md5OfMessageAttributes` digest SQS writes for a message's attributes.
    ///
    /// # Panics
    ///
    /// When no message was added yet: an attribute belongs to a message.
    #[must_use]
    pub fn attribute(mut self, name: &str, value: &str) -> Self {
        let last = self.last(&format!("attribute({name:?}, ..)"));
        last["messageAttributes"][name] = json!({
            "stringValue": value,
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": "String",
        });
        last["md5OfMessageAttributes"] = Value::from(attributes_digest(&last["messageAttributes"]));
        self
    }

    /// Sets how many times the last message added has been received (`ApproximateReceiveCount`,
    /// 1 unless set): for a handler that gives up on a message after some receives.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::testing::SqsEventBuilder;
    ///
    /// let event = SqsEventBuilder::new("orders").message_text("retried").receive_count(5).build::<String>();
    /// assert_eq!(event.records()[0].attributes().approximate_receive_count(), Some(5));
    /// ```
    ///
    /// # Panics
    ///
    /// When no message was added yet.
    #[must_use]
    pub fn receive_count(mut self, count: u32) -> Self {
        self.last(&format!("receive_count({count})"))["attributes"]["ApproximateReceiveCount"] =
            Value::from(count.to_string());
        self
    }

    /// Sets the last message's id (`messageId`), which its failure is reported under.
    ///
    /// # Panics
    ///
    /// When no message was added yet.
    #[must_use]
    pub fn message_id(mut self, id: &str) -> Self {
        self.last(&format!("message_id({id:?})"))["messageId"] = Value::from(id);
        self
    }

    /// The last message added, for a setter named `call`.
    fn last(&mut self, call: &str) -> &mut Value {
        match self.records.last_mut() {
            Some(last) => last,
            None => panic!("SqsEventBuilder::{call} before any message: add a message first"),
        }
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

/// The MD5 digest SQS gives a message's attributes: for each, in order of name, its name, data
/// type, transport type (1 for text, 2 for binary) and value, the strings each after their
/// length (four bytes, big-endian).
fn attributes_digest(attributes: &Value) -> String {
    /// A string after its length.
    fn put(bytes: &mut Vec<u8>, field: &[u8]) {
        bytes.extend_from_slice(&(field.len() as u32).to_be_bytes());
        bytes.extend_from_slice(field);
    }
    let mut named: Vec<(&String, &Value)> = attributes.as_object().map(|map| map.iter().collect()).unwrap_or_default();
    named.sort_by(|(a, _), (b, _)| a.as_bytes().cmp(b.as_bytes()));
    let mut bytes = Vec::new();
    for (name, attribute) in named {
        put(&mut bytes, name.as_bytes());
        put(&mut bytes, attribute["dataType"].as_str().unwrap_or_default().as_bytes());
        // The builder writes text attributes only.
        bytes.push(1);
        put(&mut bytes, attribute["stringValue"].as_str().unwrap_or_default().as_bytes());
    }
    hex_digest(&bytes)
}

impl TestPayload for SqsEventBuilder {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digests of a message SQS delivered to Lambda (a captured event: body `Sample
    /// content.`, one attribute).
    #[test]
    fn writes_the_digests_sqs_writes() {
        let json = SqsEventBuilder::new("notification-queue")
            .message_text("Sample content.")
            .attribute("sample-attribute", "sample-value")
            .to_json();
        let record = &json["Records"][0];
        assert_eq!(record["md5OfBody"], "b58e1d0a86521415d25b85b89f6ad6cd");
        assert_eq!(record["md5OfMessageAttributes"], "7c815262be77a62f56671125069ca888");
        assert_eq!(
            record["messageAttributes"]["sample-attribute"],
            json!({"stringValue": "sample-value", "stringListValues": [], "binaryListValues": [], "dataType": "String"})
        );
        // Attributes are digested in order of name, whatever the order they were added in.
        let digest = |pairs: &[(&str, &str)]| {
            let builder = pairs.iter().fold(SqsEventBuilder::new("q").message_text("b"), |b, (k, v)| b.attribute(k, v));
            builder.to_json()["Records"][0]["md5OfMessageAttributes"].clone()
        };
        assert_eq!(digest(&[("a", "1"), ("b", "2")]), digest(&[("b", "2"), ("a", "1")]));
        assert_ne!(digest(&[("a", "1")]), digest(&[("a", "2")]));
        assert!(
            SqsEventBuilder::new("q").message_text("b").to_json()["Records"][0].get("md5OfMessageAttributes").is_none()
        );
    }

    #[test]
    fn a_fifo_queue_s_messages_have_a_group() {
        let json = SqsEventBuilder::new("orders.fifo").message_text("a").fifo("tenant-1").message_text("b").to_json();
        let attributes = |index: usize| json["Records"][index]["attributes"].clone();
        assert_eq!(attributes(0)["MessageGroupId"], "default");
        assert_eq!(attributes(1)["MessageGroupId"], "tenant-1");
        for index in 0..2 {
            assert!(attributes(index)["MessageDeduplicationId"].is_string(), "{json}");
            assert!(attributes(index)["SequenceNumber"].is_string(), "{json}");
        }
        let standard = SqsEventBuilder::new("orders").message_text("a").to_json();
        assert!(standard["Records"][0]["attributes"].get("MessageGroupId").is_none());

        // Made FIFO after a message: that message is the FIFO queue's too.
        let late = SqsEventBuilder::new("orders").message_text("a").fifo("tenant-1").message_text("b");
        let json = late.to_json();
        for (index, group) in [(0, "default"), (1, "tenant-1")] {
            let record = &json["Records"][index];
            assert_eq!(record["eventSourceARN"], "arn:aws:sqs:us-east-1:123456789012:orders.fifo", "{json}");
            assert_eq!(record["attributes"]["MessageGroupId"], group, "{json}");
        }
        assert!(late.build::<String>().records().iter().all(|message| message.is_fifo()));
    }

    #[test]
    fn sets_the_last_message_s_id_and_receive_count() {
        let builder =
            SqsEventBuilder::new("orders").message_text("a").message_text("b").message_id("m-b").receive_count(4);
        assert_eq!(builder.item_identifiers()[1], "m-b");
        let event = builder.build::<String>();
        let counts: Vec<_> = event.iter().map(|message| message.attributes().approximate_receive_count()).collect();
        assert_eq!(counts, [Some(1), Some(4)]);
        assert_eq!(event.records()[1].message_id(), "m-b");
    }

    #[test]
    #[should_panic(expected = "SqsEventBuilder::receive_count(2) before any message")]
    fn a_receive_count_needs_a_message() {
        let _ = SqsEventBuilder::new("orders").receive_count(2);
    }

    #[test]
    #[should_panic(expected = "SqsEventBuilder::attribute(\"tenant\", ..) before any message")]
    fn an_attribute_needs_a_message() {
        let _ = SqsEventBuilder::new("orders").attribute("tenant", "acme");
    }
}
