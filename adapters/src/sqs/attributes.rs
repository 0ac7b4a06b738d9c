//! What SQS says about a message (`attributes`) and what the sender attached
//! (`messageAttributes`).

use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// The system attributes SQS sets on a message, FIFO ones included.
///
/// # Examples
///
/// ```
/// use faaskit::sqs::SqsAttributes;
///
/// let attributes: SqsAttributes = serde_json::from_str(r#"{
///     "ApproximateReceiveCount": "2", "SentTimestamp": "1545082649183",
///     "MessageGroupId": "orders-1", "MessageDeduplicationId": "d-1", "SequenceNumber": "18849496460467696128"
/// }"#).unwrap();
/// assert_eq!(attributes.approximate_receive_count(), Some(2));
/// assert_eq!(attributes.sent_timestamp().unwrap().timestamp_millis(), 1545082649183);
/// assert_eq!(attributes.message_group_id.as_deref(), Some("orders-1"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SqsAttributes {
    /// How many times the message was received (as sent: a decimal string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_receive_count: Option<String>,
    /// When the message was sent, in milliseconds since the epoch (as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_timestamp: Option<String>,
    /// Who sent the message (an account or IAM principal id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<String>,
    /// When the message was first received, in milliseconds since the epoch (as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_first_receive_timestamp: Option<String>,
    /// FIFO queues: the message group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_group_id: Option<String>,
    /// FIFO queues: the deduplication id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_deduplication_id: Option<String>,
    /// FIFO queues: the message's sequence number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<String>,
    /// The X-Ray trace header of the sender.
    #[serde(rename = "AWSTraceHeader", default, skip_serializing_if = "Option::is_none")]
    pub aws_trace_header: Option<String>,
    /// The queue the message was moved from, on a dead-letter queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter_queue_source_arn: Option<String>,
}

fn millis(text: Option<&str>) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp_millis(text?.parse().ok()?)
}

impl SqsAttributes {
    /// `ApproximateReceiveCount` as a number.
    pub fn approximate_receive_count(&self) -> Option<u32> {
        self.approximate_receive_count.as_deref()?.parse().ok()
    }

    /// `SentTimestamp` as a time.
    pub fn sent_timestamp(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        millis(self.sent_timestamp.as_deref())
    }

    /// `ApproximateFirstReceiveTimestamp` as a time.
    pub fn approximate_first_receive_timestamp(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        millis(self.approximate_first_receive_timestamp.as_deref())
    }
}

/// An attribute the sender attached to a message.
///
/// # Examples
///
/// ```
/// use faaskit::sqs::MessageAttribute;
///
/// let attribute: MessageAttribute =
///     serde_json::from_str(r#"{"stringValue": "42", "dataType": "Number"}"#).unwrap();
/// assert_eq!(attribute.as_str(), Some("42"));
/// assert_eq!(attribute.data_type, "Number");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageAttribute {
    /// `String`, `Number` or `Binary`, with an optional custom suffix (`Number.int`).
    pub data_type: String,
    /// The value of a `String` or `Number` attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_value: Option<String>,
    /// The value of a `Binary` attribute, base64-encoded as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary_value: Option<String>,
}

impl MessageAttribute {
    /// The value of a `String` or `Number` attribute.
    pub fn as_str(&self) -> Option<&str> {
        self.string_value.as_deref()
    }

    /// The bytes of a `Binary` attribute; `None` when absent or not base64.
    pub fn binary(&self) -> Option<Vec<u8>> {
        base64::engine::general_purpose::STANDARD.decode(self.binary_value.as_deref()?).ok()
    }
}
