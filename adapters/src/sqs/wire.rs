//! The SQS event as Lambda writes it, read once: each message's strings into one shared text,
//! its body handed to `T`, its message attributes into a map; everything else skipped unread.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::attributes::MessageAttribute;
use crate::layout::{Entry, ObjectSeed, TextSeed};
use crate::record_text::{RecordText, TextBuilder};

/// The index of each string in an [`SqsMessage`](super::SqsMessage)'s text.
pub(crate) mod field {
    pub(crate) const MESSAGE_ID: usize = 0;
    pub(crate) const RECEIPT_HANDLE: usize = 1;
    pub(crate) const MD5_OF_BODY: usize = 2;
    pub(crate) const MD5_OF_MESSAGE_ATTRIBUTES: usize = 3;
    pub(crate) const EVENT_SOURCE: usize = 4;
    pub(crate) const EVENT_SOURCE_ARN: usize = 5;
    pub(crate) const REGION: usize = 6;
    pub(crate) const APPROXIMATE_RECEIVE_COUNT: usize = 7;
    pub(crate) const SENT_TIMESTAMP: usize = 8;
    pub(crate) const SENDER_ID: usize = 9;
    pub(crate) const APPROXIMATE_FIRST_RECEIVE_TIMESTAMP: usize = 10;
    pub(crate) const MESSAGE_GROUP_ID: usize = 11;
    pub(crate) const MESSAGE_DEDUPLICATION_ID: usize = 12;
    pub(crate) const SEQUENCE_NUMBER: usize = 13;
    pub(crate) const AWS_TRACE_HEADER: usize = 14;
    pub(crate) const DEAD_LETTER_QUEUE_SOURCE_ARN: usize = 15;
    /// How many there are.
    pub(crate) const COUNT: usize = 16;
}

/// The system attributes SQS sets (`attributes`), each kept as a text field.
pub(crate) const ATTRIBUTES: &[Entry] = &[
    Entry::text("ApproximateReceiveCount", field::APPROXIMATE_RECEIVE_COUNT),
    Entry::text("SentTimestamp", field::SENT_TIMESTAMP),
    Entry::text("SenderId", field::SENDER_ID),
    Entry::text("ApproximateFirstReceiveTimestamp", field::APPROXIMATE_FIRST_RECEIVE_TIMESTAMP),
    Entry::text("MessageGroupId", field::MESSAGE_GROUP_ID),
    Entry::text("MessageDeduplicationId", field::MESSAGE_DEDUPLICATION_ID),
    Entry::text("SequenceNumber", field::SEQUENCE_NUMBER),
    Entry::text("AWSTraceHeader", field::AWS_TRACE_HEADER),
    Entry::text("DeadLetterQueueSourceArn", field::DEAD_LETTER_QUEUE_SOURCE_ARN),
];

/// One message as read, before its body is decoded.
pub(crate) struct MessageParts {
    pub(crate) text: RecordText<{ field::COUNT }>,
    pub(crate) body: Option<String>,
    pub(crate) message_attributes: BTreeMap<String, MessageAttribute>,
}

/// Reads `Records`: every message, through one reused [`TextBuilder`].
pub(crate) fn read_event<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<MessageParts>, D::Error> {
    deserializer.deserialize_map(EventVisitor)
}

/// The keys at the top of the event.
#[derive(Deserialize)]
#[serde(field_identifier)]
enum TopKey {
    Records,
    #[serde(other)]
    Other,
}

struct EventVisitor;

impl<'de> Visitor<'de> for EventVisitor {
    type Value = Vec<MessageParts>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an SQS event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut records = None;
        while let Some(key) = map.next_key::<TopKey>()? {
            match key {
                TopKey::Records => records = Some(map.next_value_seed(RecordsSeed)?),
                TopKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        records.ok_or_else(|| A::Error::missing_field("Records"))
    }
}

struct RecordsSeed;

impl<'de> DeserializeSeed<'de> for RecordsSeed {
    type Value = Vec<MessageParts>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed {
    type Value = Vec<MessageParts>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a list of SQS messages")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut messages = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        let mut builder = TextBuilder::default();
        while let Some(message) = seq.next_element_seed(MessageSeed { builder: &mut builder })? {
            messages.push(message);
        }
        Ok(messages)
    }
}

/// The keys of one message.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum MessageKey {
    MessageId,
    ReceiptHandle,
    Body,
    Attributes,
    MessageAttributes,
    Md5OfBody,
    Md5OfMessageAttributes,
    EventSource,
    #[serde(rename = "eventSourceARN")]
    EventSourceArn,
    AwsRegion,
    #[serde(other)]
    Other,
}

/// Reads one message into the shared builder.
pub(crate) struct MessageSeed<'b> {
    pub(crate) builder: &'b mut TextBuilder<{ field::COUNT }>,
}

impl<'de> DeserializeSeed<'de> for MessageSeed<'_> {
    type Value = MessageParts;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<MessageParts, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for MessageSeed<'_> {
    type Value = MessageParts;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an SQS message")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MessageParts, A::Error> {
        let builder = self.builder;
        builder.clear();
        let (mut body, mut message_attributes) = (None, BTreeMap::new());
        while let Some(key) = map.next_key::<MessageKey>()? {
            let text_field = match key {
                MessageKey::MessageId => field::MESSAGE_ID,
                MessageKey::ReceiptHandle => field::RECEIPT_HANDLE,
                MessageKey::Md5OfBody => field::MD5_OF_BODY,
                MessageKey::Md5OfMessageAttributes => field::MD5_OF_MESSAGE_ATTRIBUTES,
                MessageKey::EventSource => field::EVENT_SOURCE,
                MessageKey::EventSourceArn => field::EVENT_SOURCE_ARN,
                MessageKey::AwsRegion => field::REGION,
                MessageKey::Body => {
                    body = map.next_value()?;
                    continue;
                }
                MessageKey::Attributes => {
                    map.next_value_seed(ObjectSeed::optional(&mut *builder, ATTRIBUTES))?;
                    continue;
                }
                MessageKey::MessageAttributes => {
                    message_attributes = map.next_value::<Option<_>>()?.unwrap_or_default();
                    continue;
                }
                MessageKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            map.next_value_seed(TextSeed::new(&mut *builder, text_field))?;
        }
        if builder.get(field::MESSAGE_ID).is_none() {
            return Err(A::Error::missing_field("messageId"));
        }
        Ok(MessageParts { text: builder.finish(), body, message_attributes })
    }
}
