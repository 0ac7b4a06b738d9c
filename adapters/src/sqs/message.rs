//! One SQS message: its body decoded, what SQS and the sender said about it.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use super::attributes::{MessageAttribute, SqsAttributes};
use super::wire::field;
use crate::batch::BatchRecord;
use crate::body::BodyError;
use crate::record_text::RecordText;
use crate::unread_error::UnreadError;

/// One message of an SQS batch, its body decoded into `T`.
///
/// `T` is [`Text`](crate::body::Text) (the default) for the body as sent, or any
/// `serde::Deserialize` type for a JSON body (an [`S3Event`](crate::s3) or an
/// [`SnsNotification`](crate::sns) for the usual envelopes). A body that does not decode fails
/// only its message: [`body`](Self::body) is `None` and [`decode_error`](Self::decode_error)
/// says why.
///
/// The messages of one batch share its strings (ids, receipt handles, attributes) in one
/// text: a clone is cheap, and a message kept after its batch keeps that text.
///
/// [`attributes`](Self::attributes) and [`message_attributes`](Self::message_attributes) are
/// kept as SQS wrote them and read when first asked for, so a handler that never looks at them
/// does not pay for them. An attribute object that is not one fails the event, as any envelope
/// field of the wrong type does; an object whose entries are not what SQS sends (a number where
/// a string belongs, a message attribute with no `dataType`) reads as empty, with a warning in
/// the logs that names the message and what was wrong.
///
/// # Examples
///
/// ```
/// use faaskit::sqs::SqsEvent;
///
/// #[derive(serde::Deserialize)]
/// struct Order { order_id: String, amount: f64 }
///
/// let event: SqsEvent<Order> = serde_json::from_str(r#"{"Records": [{
///     "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
///     "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
///     "body": "{\"order_id\": \"o-1\", \"amount\": 12.5}",
///     "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183"},
///     "messageAttributes": {"tenant": {"stringValue": "acme", "dataType": "String"}},
///     "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders",
///     "awsRegion": "us-east-1"
/// }]}"#).unwrap();
/// let message = &event.records()[0];
/// assert_eq!(message.body().map(|order| order.amount), Some(12.5));
/// assert_eq!(message.message_attribute("tenant").and_then(|a| a.as_str()), Some("acme"));
/// assert_eq!(message.queue_name(), Some("orders"));
/// ```
#[derive(Clone)]
pub struct SqsMessage<T> {
    text: RecordText<{ field::COUNT }>,
    /// Read from `text` when first asked for; boxed, so that a message stays small to move.
    attributes: OnceLock<Box<SqsAttributes>>,
    body: Option<T>,
    pub(crate) error: UnreadError<MessageError>,
    /// Read from `text` when first asked for.
    message_attributes: OnceLock<BTreeMap<String, MessageAttribute>>,
}

impl<T> SqsMessage<T> {
    /// The message whose strings `text` holds, its body decoded, or why not.
    pub(crate) fn new(text: RecordText<{ field::COUNT }>, body: Result<T, MessageError>) -> Self {
        let (body, error) = match body {
            Ok(body) => (Some(body), None),
            Err(err) => (None, Some(err)),
        };
        Self {
            text,
            attributes: OnceLock::new(),
            body,
            error: UnreadError::new(error),
            message_attributes: OnceLock::new(),
        }
    }

    /// A message converted from another type, its message attributes already built.
    pub(crate) fn with_message_attributes(mut self, attributes: BTreeMap<String, MessageAttribute>) -> Self {
        self.message_attributes = OnceLock::from(attributes);
        self
    }

    /// The message's body, decoded; `None` when it did not decode into `T`.
    ///
    /// Such a message is reported only if the handler reports it: through
    /// [`SqsEvent::process`](super::SqsEvent::process) or
    /// [`try_into_records`](super::SqsEvent::try_into_records), or by its id once it has read
    /// [`decode_error`](Self::decode_error). Dropped with its error unread, it is named in a
    /// warning: unreported, Lambda deletes it as processed.
    pub fn body(&self) -> Option<&T> {
        self.body.as_ref()
    }

    /// The message's body, taken out of the message.
    pub fn into_body(self) -> Option<T> {
        self.body
    }

    /// Why the body did not decode, if it did not.
    pub fn decode_error(&self) -> Option<&MessageError> {
        self.error.get()
    }

    /// The message id: what `batchItemFailures` reports.
    pub fn message_id(&self) -> &str {
        self.text.get(field::MESSAGE_ID).unwrap_or_default()
    }

    /// The receipt handle, to delete or change the visibility of the message yourself.
    pub fn receipt_handle(&self) -> Option<&str> {
        self.text.get(field::RECEIPT_HANDLE)
    }

    /// What SQS says about the message: receive count, timestamps, FIFO group and dedup ids.
    ///
    /// Read when first asked for.
    ///
    /// # Errors
    ///
    /// Nothing to handle: attributes that are not what SQS sends read as empty, and a warning
    /// in the logs names the message and what was wrong.
    pub fn attributes(&self) -> &SqsAttributes {
        self.attributes.get_or_init(|| Box::new(self.read_object(field::ATTRIBUTES, "attributes")))
    }

    /// The attributes the sender attached, by name.
    ///
    /// Read when first asked for.
    ///
    /// # Errors
    ///
    /// Nothing to handle: message attributes that are not what SQS sends (one without a
    /// `dataType`, for instance) read as empty, and a warning in the logs names the message and
    /// what was wrong.
    pub fn message_attributes(&self) -> &BTreeMap<String, MessageAttribute> {
        self.message_attributes.get_or_init(|| self.read_object(field::MESSAGE_ATTRIBUTES, "messageAttributes"))
    }

    /// Reads the object kept as text field `index` (`name` in the JSON): empty when the message
    /// has none, or when it is not a `V`, which the logs then say.
    fn read_object<V: DeserializeOwned + Default>(&self, index: usize, name: &str) -> V {
        let Some(text) = self.text.get(index) else {
            return V::default();
        };
        serde_json::from_str(text).unwrap_or_else(|err| {
            tracing::warn!(item = %self.message_id(), error = %err, "the message's `{name}` could not be read; it reads as empty");
            V::default()
        })
    }

    /// One attribute the sender attached.
    pub fn message_attribute(&self, name: &str) -> Option<&MessageAttribute> {
        self.message_attributes().get(name)
    }

    /// The MD5 digest of the body, as SQS computed it.
    pub fn md5_of_body(&self) -> Option<&str> {
        self.text.get(field::MD5_OF_BODY)
    }

    /// The MD5 digest of the message attributes, as SQS computed it.
    pub fn md5_of_message_attributes(&self) -> Option<&str> {
        self.text.get(field::MD5_OF_MESSAGE_ATTRIBUTES)
    }

    /// The queue's ARN.
    pub fn event_source_arn(&self) -> Option<&str> {
        self.text.get(field::EVENT_SOURCE_ARN)
    }

    /// The queue's name: the last part of its ARN.
    pub fn queue_name(&self) -> Option<&str> {
        self.event_source_arn()?.rsplit(':').next()
    }

    /// The queue's region.
    pub fn region(&self) -> Option<&str> {
        self.text.get(field::REGION)
    }

    /// The event source (`aws:sqs`).
    pub fn event_source(&self) -> Option<&str> {
        self.text.get(field::EVENT_SOURCE)
    }

    /// Whether the message came from a FIFO queue: its queue's ARN ends in `.fifo`.
    ///
    /// A message with no ARN (a hand-written test event) counts as FIFO when it has a message
    /// group. With an ARN, the group alone does not decide: standard queues take message groups
    /// too (fair queues), and keep their unordered processing.
    pub fn is_fifo(&self) -> bool {
        match self.queue_name() {
            Some(name) => name.ends_with(".fifo"),
            None => self.attributes().message_group_id.is_some(),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for SqsMessage<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqsMessage")
            .field("message_id", &self.message_id())
            .field("body", &self.body)
            .field("error", &self.error)
            .field("attributes", self.attributes())
            .field("message_attributes", self.message_attributes())
            .field("receipt_handle", &self.receipt_handle())
            .field("md5_of_body", &self.md5_of_body())
            .field("event_source_arn", &self.event_source_arn())
            .field("region", &self.region())
            .finish_non_exhaustive()
    }
}

impl<T> BatchRecord for SqsMessage<T> {
    fn item_identifier(&self) -> &str {
        self.message_id()
    }

    fn decode_error(&self) -> Option<&dyn std::error::Error> {
        self.error.get().map(|err| err as &dyn std::error::Error)
    }
}

/// A message whose body did not decode: which message, and what in the body was wrong.
///
/// # Examples
///
/// ```
/// use faaskit::sqs::SqsEvent;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Order { amount: f64 }
///
/// let event: SqsEvent<Order> = serde_json::from_str(
///     r#"{"Records": [{"messageId": "m-1", "body": "{\"amount\": \"lots\"}"}]}"#,
/// ).unwrap();
/// let err = event.records()[0].decode_error().unwrap();
/// assert!(err.to_string().starts_with("message 0 (messageId m-1): the body is not a valid Order: at amount:"), "{err}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageError(Box<MessageErrorInner>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct MessageErrorInner {
    body: BodyError,
    index: Option<usize>,
    message_id: String,
}

impl MessageError {
    pub(crate) fn new(body: BodyError, index: Option<usize>, message_id: &str) -> Self {
        faaskit_core::__private::remember_error_type::<Self>();
        Self(Box::new(MessageErrorInner { body, index, message_id: message_id.to_owned() }))
    }

    /// What did not decode, and where in the body.
    pub fn body_error(&self) -> &BodyError {
        &self.0.body
    }

    /// The index of the message in its batch.
    pub fn record_index(&self) -> Option<usize> {
        self.0.index
    }

    /// The message id.
    pub fn message_id(&self) -> &str {
        &self.0.message_id
    }
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.index {
            Some(index) => write!(f, "message {index} (messageId {}): {}", self.0.message_id, self.0.body),
            None => write!(f, "message (messageId {}): {}", self.0.message_id, self.0.body),
        }
    }
}

/// Returned from a handler, a record that did not decode is a `Faaskit.DecodeError`, as an
/// event that did not decode is.
impl faaskit_core::ErrorType for MessageError {
    fn error_type(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(faaskit_core::Error::DECODE)
    }
}

impl std::error::Error for MessageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0.body)
    }
}

#[cfg(test)]
mod tests {
    use crate::test_logs::Logs;

    use super::super::{MessageAttribute, SqsAttributes, SqsEvent};

    fn one_message(json: &str) -> super::SqsMessage<crate::body::Text> {
        let event: SqsEvent = serde_json::from_str(&format!(r#"{{"Records": [{json}]}}"#)).expect("an SQS event");
        event.into_records().remove(0)
    }

    #[test]
    fn debug_shows_the_fields_by_name() {
        let message = one_message(r#"{"messageId": "m-1", "body": "hi", "attributes": {"MessageGroupId": "g"}}"#);
        let shown = format!("{message:?}");
        assert!(shown.contains(r#"message_id: "m-1""#), "{shown}");
        assert!(shown.contains(r#"message_group_id: Some("g")"#), "{shown}");
    }

    #[test]
    fn reads_the_attributes_when_asked_for_as_sqs_wrote_them() {
        let message = one_message(
            r#"{"messageId": "m-1", "body": "hi",
                "attributes": {"ApproximateReceiveCount": "3", "SenderId": "AID\u00c9", "MessageGroupId": null,
                               "SequenceNumber": "18849496460467696128", "Unknown": {"nested": [1, 2]}},
                "messageAttributes": {
                    "tenant": {"stringValue": "acme", "stringListValues": [], "binaryListValues": [], "dataType": "String"},
                    "blob": {"binaryValue": "AQI=", "dataType": "Binary"}
                }}"#,
        );
        let attributes = message.attributes();
        assert_eq!(attributes.approximate_receive_count(), Some(3));
        assert_eq!(attributes.sender_id.as_deref(), Some("AIDÉ"), "escapes are read");
        assert_eq!(attributes.message_group_id, None);
        assert_eq!(attributes.sequence_number.as_deref(), Some("18849496460467696128"));
        assert_eq!(message.message_attribute("tenant").and_then(MessageAttribute::as_str), Some("acme"));
        assert_eq!(message.message_attribute("blob").and_then(MessageAttribute::binary), Some(vec![1, 2]));
        assert_eq!(message.message_attributes().len(), 2);
    }

    #[test]
    fn a_later_attribute_object_replaces_an_earlier_one() {
        let message = one_message(
            r#"{"messageId": "m-1", "attributes": {"SenderId": "first"}, "attributes": {"SentTimestamp": "5"},
                "messageAttributes": {"a": {"dataType": "String"}}, "messageAttributes": null}"#,
        );
        assert_eq!(
            message.attributes(),
            &SqsAttributes { sent_timestamp: Some("5".into()), ..SqsAttributes::default() }
        );
        assert!(message.message_attributes().is_empty());
    }

    #[test]
    fn reads_the_attributes_from_any_deserializer() {
        let json = serde_json::json!({"Records": [{"messageId": "m-1", "attributes": {"SenderId": "s"},
                                                   "messageAttributes": {"a": {"stringValue": "x", "dataType": "String"}}}]});
        let from_value: SqsEvent = serde_json::from_value(json.clone()).expect("from a value");
        let from_reader: SqsEvent = serde_json::from_reader(json.to_string().as_bytes()).expect("from a reader");
        for event in [from_value, from_reader] {
            assert_eq!(event.records()[0].attributes().sender_id.as_deref(), Some("s"));
            assert_eq!(event.records()[0].message_attribute("a").and_then(MessageAttribute::as_str), Some("x"));
        }
    }

    #[test]
    fn entries_sqs_does_not_send_read_as_empty_and_the_logs_say_why() {
        let message = one_message(
            r#"{"messageId": "m-7", "body": "still here",
                "attributes": {"ApproximateReceiveCount": 2},
                "messageAttributes": {"tenant": {"stringValue": "acme"}}}"#,
        );
        let logs = Logs::of(|| {
            assert_eq!(message.attributes(), &SqsAttributes::default());
            assert!(message.message_attributes().is_empty());
            // Read once: asking again logs nothing more.
            assert_eq!(message.attributes().approximate_receive_count(), None);
        });
        assert_eq!(message.body().map(|body| body.as_str()), Some("still here"));
        let lines: Vec<&str> = logs.lines().collect();
        assert_eq!(lines.len(), 2, "{logs}");
        assert!(lines[0].contains("WARN"), "{logs}");
        assert!(lines[0].contains("item=m-7"), "{logs}");
        assert!(lines[0].contains("`attributes`"), "{logs}");
        assert!(lines[0].contains("invalid type: integer `2`, expected a string"), "{logs}");
        assert!(lines[1].contains("`messageAttributes`"), "{logs}");
        assert!(lines[1].contains("missing field `dataType`"), "{logs}");
    }

    #[test]
    fn a_queue_is_fifo_by_its_arn_or_without_one_by_its_message_group() {
        let fifo = |json: &str| one_message(json).is_fifo();
        let group = r#""attributes": {"MessageGroupId": "g"}"#;
        assert!(fifo(r#"{"messageId": "1", "eventSourceARN": "arn:aws:sqs:us-east-1:1:orders.fifo"}"#));
        assert!(!fifo(r#"{"messageId": "1", "eventSourceARN": "arn:aws:sqs:us-east-1:1:orders"}"#));
        assert!(
            !fifo(&format!(r#"{{"messageId": "1", "eventSourceARN": "arn:aws:sqs:us-east-1:1:fair", {group}}}"#)),
            "a fair queue is a standard queue with message groups"
        );
        assert!(fifo(&format!(r#"{{"messageId": "1", {group}}}"#)));
        assert!(!fifo(r#"{"messageId": "1"}"#));
    }
}
