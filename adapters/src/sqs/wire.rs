//! The SQS event as Lambda writes it, read once: every message's strings into the event's one
//! shared text, each body decoded into `T` where the decoder unescaped it, the two attribute
//! objects kept as written, to be read when first asked for; everything else skipped unread.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Unexpected, Visitor};
use serde_json::value::RawValue;

use super::message::{MessageError, SqsMessage};
use crate::body::{BodyError, FromBody};
use crate::layout::TextSeed;
use crate::record_text::TextBuilder;
use crate::records::ReadRecord;

/// The index of each string in an [`SqsMessage`]'s text.
pub(crate) mod field {
    pub(crate) const MESSAGE_ID: usize = 0;
    pub(crate) const RECEIPT_HANDLE: usize = 1;
    pub(crate) const MD5_OF_BODY: usize = 2;
    pub(crate) const MD5_OF_MESSAGE_ATTRIBUTES: usize = 3;
    pub(crate) const EVENT_SOURCE: usize = 4;
    pub(crate) const EVENT_SOURCE_ARN: usize = 5;
    pub(crate) const REGION: usize = 6;
    /// `attributes`, the JSON object as written.
    pub(crate) const ATTRIBUTES: usize = 7;
    /// `messageAttributes`, the JSON object as written.
    pub(crate) const MESSAGE_ATTRIBUTES: usize = 8;
    /// How many there are.
    pub(crate) const COUNT: usize = 9;
}

/// A message's body as read (`None`: it had none, decoded from the empty text), or why it did
/// not decode: which message, and what in the body was wrong.
///
/// A message without a `body` (hand-written; SQS always sends one) that the handler's type
/// cannot take as empty text says so, rather than what the empty text is not.
pub(crate) fn decoded_body<T: FromBody>(
    body: Option<Result<T, BodyError>>,
    index: Option<usize>,
    message_id: &str,
) -> Result<T, MessageError> {
    let body = body.unwrap_or_else(|| {
        T::from_text(String::new()).map_err(|err| BodyError::encoding(err.type_name(), "the message has no `body`"))
    });
    body.map_err(|err| MessageError::new(err, index, message_id))
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
                    map.next_value_seed(ObjectTextSeed { builder: &mut *builder, field: field::ATTRIBUTES })?;
                    continue;
                }
                MessageKey::MessageAttributes => {
                    map.next_value_seed(ObjectTextSeed { builder: &mut *builder, field: field::MESSAGE_ATTRIBUTES })?;
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

/// Reads an object (or `null`) into a text field as written, checked as JSON but not read: the
/// message reads it when first asked for. Whatever else it is fails the event, as it did when
/// the object was read field by field. A repeated key replaces the first, as a map read from the
/// JSON would.
struct ObjectTextSeed<'b> {
    builder: &'b mut TextBuilder<{ field::COUNT }>,
    field: usize,
}

impl<'de> DeserializeSeed<'de> for ObjectTextSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // Boxed, not borrowed: a borrowed raw value would refuse readers and `serde_json::Value`.
        let raw = Option::<Box<RawValue>>::deserialize(deserializer)?;
        let Some(text) = raw.as_deref().map(RawValue::get).filter(|text| *text != "null") else {
            self.builder.unset(self.field);
            return Ok(());
        };
        let kind = match text.as_bytes().first() {
            Some(b'{') => {
                self.builder.set(self.field, text);
                return Ok(());
            }
            Some(b'"') => "string",
            Some(b'[') => "sequence",
            Some(b't' | b'f') => "boolean",
            _ => "number",
        };
        Err(D::Error::invalid_type(Unexpected::Other(kind), &"an object"))
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

#[cfg(test)]
mod tests {
    use super::super::SqsEvent;

    #[test]
    fn an_attribute_object_that_is_not_one_fails_the_event() {
        for (value, kind) in
            [(r#""x""#, "string"), ("[]", "sequence"), ("5", "number"), ("-1", "number"), ("true", "boolean")]
        {
            for key in ["attributes", "messageAttributes"] {
                let json = format!(r#"{{"Records": [{{"messageId": "m-1", "{key}": {value}}}]}}"#);
                let err = serde_json::from_str::<SqsEvent>(&json).expect_err(&json).to_string();
                assert!(err.starts_with(&format!("invalid type: {kind}, expected an object")), "{json}: {err}");
            }
        }
    }

    #[test]
    fn an_attribute_object_that_is_not_json_fails_the_event() {
        let json = r#"{"Records": [{"messageId": "m-1", "attributes": {"SenderId": }}]}"#;
        let err = serde_json::from_str::<SqsEvent>(json).expect_err("not JSON").to_string();
        assert!(err.starts_with("expected value at line 1 column"), "{err}");
    }
}
