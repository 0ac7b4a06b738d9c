//! The SQS event as Lambda writes it, read once: every message's strings into the event's one
//! shared text, each body decoded into `T` where the decoder unescaped it, message attributes
//! into the same text; everything else skipped unread.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};

use super::message::{MessageError, SqsMessage};
use super::message_attributes::MessageAttributesSeed;
use crate::body::{BodyError, FromBody};
use crate::layout::{Entry, ObjectSeed, TextSeed};
use crate::record_text::TextBuilder;
use crate::records::ReadRecord;

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

/// A message's body as read (`None`: it had none, decoded from the empty text), or why it did
/// not decode: which message, and what in the body was wrong.
pub(crate) fn decoded_body<T: FromBody>(
    body: Option<Result<T, BodyError>>,
    index: Option<usize>,
    message_id: &str,
) -> Result<T, MessageError> {
    body.unwrap_or_else(|| T::from_text(String::new())).map_err(|err| MessageError::new(err, index, message_id))
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

impl<T: FromBody> ReadRecord<{ field::COUNT }> for SqsMessage<T> {
    const LIST: &'static str = "a list of SQS messages";

    fn read<'de, D: Deserializer<'de>>(
        builder: &mut TextBuilder<{ field::COUNT }>,
        index: usize,
        deserializer: D,
    ) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MessageVisitor { builder, index, body: PhantomData })
    }
}

/// Reads one message into the event's builder, its body into a `T`.
struct MessageVisitor<'b, T> {
    builder: &'b mut TextBuilder<{ field::COUNT }>,
    /// The message's place in its batch.
    index: usize,
    body: PhantomData<T>,
}

impl<'de, T: FromBody> Visitor<'de> for MessageVisitor<'_, T> {
    type Value = SqsMessage<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an SQS message")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SqsMessage<T>, A::Error> {
        let builder = self.builder;
        let mut body = None;
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
                    body = map.next_value_seed(BodySeed(PhantomData))?;
                    continue;
                }
                MessageKey::Attributes => {
                    map.next_value_seed(ObjectSeed::optional(&mut *builder, ATTRIBUTES))?;
                    continue;
                }
                MessageKey::MessageAttributes => {
                    // A repeated key replaces the first, as a map read from the JSON would.
                    builder.clear_list();
                    map.next_value_seed(MessageAttributesSeed { builder: &mut *builder })?;
                    continue;
                }
                MessageKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            map.next_value_seed(TextSeed::new(&mut *builder, text_field))?;
        }
        let Some(message_id) = builder.get(field::MESSAGE_ID) else {
            return Err(A::Error::missing_field("messageId"));
        };
        let body = decoded_body(body, Some(self.index), message_id);
        Ok(SqsMessage::new(builder.record(), body))
    }
}

/// Reads a message's body and decodes it into `T` in place: a JSON body is parsed from the
/// decoder's unescaped text, with no copy. A body that is not a `T` is kept as its error, so
/// that it fails only its message; a body that is not a string fails the event.
struct BodySeed<T>(PhantomData<T>);

impl<'de, T: FromBody> DeserializeSeed<'de> for BodySeed<T> {
    type Value = Option<Result<T, BodyError>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: FromBody> Visitor<'de> for BodySeed<T> {
    type Value = Option<Result<T, BodyError>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a message body (a string)")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }

    fn visit_str<E: serde::de::Error>(self, body: &str) -> Result<Self::Value, E> {
        Ok(Some(T::from_borrowed_text(body)))
    }

    fn visit_string<E: serde::de::Error>(self, body: String) -> Result<Self::Value, E> {
        Ok(Some(T::from_text(body)))
    }
}
