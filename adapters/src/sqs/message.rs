//! One SQS message: its body decoded, what SQS and the sender said about it.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use super::attributes::{MessageAttribute, SqsAttributes};
use super::message_attributes;
use super::wire::field;
use crate::batch::BatchRecord;
use crate::body::BodyError;
use crate::record_text::RecordText;

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
/// # Examples
///
/// ```
/// use faaskit_adapters::sqs::SqsEvent;
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
    /// Built from `text` when first asked for; boxed, so that a message stays small to move.
    attributes: OnceLock<Box<SqsAttributes>>,
    body: Option<T>,
    error: Option<MessageError>,
    /// Built from the spans in `text`'s list when first asked for.
    message_attributes: OnceLock<BTreeMap<String, MessageAttribute>>,
}

impl<T> SqsMessage<T> {
    /// The message whose strings `text` holds, its body decoded, or why not.
    pub(crate) fn new(text: RecordText<{ field::COUNT }>, body: Result<T, MessageError>) -> Self {
        let (body, error) = match body {
            Ok(body) => (Some(body), None),
            Err(err) => (None, Some(err)),
        };
        Self { text, attributes: OnceLock::new(), body, error, message_attributes: OnceLock::new() }
    }

    /// A message converted from another type (read with no attribute spans), its message
    /// attributes already built.
    pub(crate) fn with_message_attributes(mut self, attributes: BTreeMap<String, MessageAttribute>) -> Self {
        self.message_attributes = OnceLock::from(attributes);
        self
    }

    /// The message's body, decoded; `None` when it did not decode into `T`.
    pub fn body(&self) -> Option<&T> {
        self.body.as_ref()
    }

    /// The message's body, taken out of the message.
    pub fn into_body(self) -> Option<T> {
        self.body
    }

    /// Why the body did not decode, if it did not.
    pub fn decode_error(&self) -> Option<&MessageError> {
        self.error.as_ref()
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
    pub fn attributes(&self) -> &SqsAttributes {
        self.attributes.get_or_init(|| {
            let text = |index| self.text.get(index).map(str::to_owned);
            Box::new(SqsAttributes {
                approximate_receive_count: text(field::APPROXIMATE_RECEIVE_COUNT),
                sent_timestamp: text(field::SENT_TIMESTAMP),
                sender_id: text(field::SENDER_ID),
                approximate_first_receive_timestamp: text(field::APPROXIMATE_FIRST_RECEIVE_TIMESTAMP),
                message_group_id: text(field::MESSAGE_GROUP_ID),
                message_deduplication_id: text(field::MESSAGE_DEDUPLICATION_ID),
                sequence_number: text(field::SEQUENCE_NUMBER),
                aws_trace_header: text(field::AWS_TRACE_HEADER),
                dead_letter_queue_source_arn: text(field::DEAD_LETTER_QUEUE_SOURCE_ARN),
            })
        })
    }

    /// The attributes the sender attached, by name.
    pub fn message_attributes(&self) -> &BTreeMap<String, MessageAttribute> {
        self.message_attributes.get_or_init(|| message_attributes::build(&self.text))
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

    /// Whether the message came from a FIFO queue (its ARN ends in `.fifo`, or it has a
    /// message group).
    pub fn is_fifo(&self) -> bool {
        self.queue_name().is_some_and(|name| name.ends_with(".fifo"))
            || self.text.get(field::MESSAGE_GROUP_ID).is_some()
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
        self.error.as_ref().map(|err| err as &dyn std::error::Error)
    }
}

/// A message whose body did not decode: which message, and what in the body was wrong.
///
/// # Examples
///
/// ```
/// use faaskit_adapters::sqs::SqsEvent;
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

impl std::error::Error for MessageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0.body)
    }
}

#[cfg(test)]
mod tests {
    use super::super::SqsEvent;

    #[test]
    fn debug_shows_the_fields_by_name() {
        let event: SqsEvent = serde_json::from_str(
            r#"{"Records": [{"messageId": "m-1", "body": "hi", "attributes": {"MessageGroupId": "g"}}]}"#,
        )
        .expect("an SQS event");
        let shown = format!("{:?}", event.records()[0]);
        assert!(shown.contains(r#"message_id: "m-1""#), "{shown}");
        assert!(shown.contains(r#"message_group_id: Some("g")"#), "{shown}");
    }
}
