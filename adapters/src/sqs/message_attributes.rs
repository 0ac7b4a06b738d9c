//! A message's attributes (`messageAttributes`), read into its event's shared text as spans and
//! built into [`MessageAttribute`]s when first asked for.
//!
//! Every attribute is read and checked when the event is (a `dataType` missing or a value of the
//! wrong type fails the event, as before), but its strings cost no allocation of their own: the
//! name, data type and value are appended to the event's text, their spans to the message's list,
//! and the map is built from them
//! on the first call to [`SqsMessage::message_attributes`](super::SqsMessage::message_attributes).

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};

use super::attributes::MessageAttribute;
use super::wire::field;
use crate::layout::SpanSeed;
use crate::record_text::{RecordText, Span, TextBuilder};

/// Where the strings of one message attribute sit in its message's text.
#[derive(Clone, Copy, Debug)]
struct AttributeSpans {
    name: Span,
    data_type: Span,
    string_value: Span,
    binary_value: Span,
}

/// How many spans an attribute takes in its message's list.
const SPANS_PER_ATTRIBUTE: usize = 4;

impl AttributeSpans {
    /// The attribute's spans in the order its message's list keeps them.
    fn into_list(self) -> [Span; SPANS_PER_ATTRIBUTE] {
        [self.name, self.data_type, self.string_value, self.binary_value]
    }

    /// The attribute whose spans [`into_list`](Self::into_list) gave.
    fn from_list([name, data_type, string_value, binary_value]: [Span; SPANS_PER_ATTRIBUTE]) -> Self {
        Self { name, data_type, string_value, binary_value }
    }

    /// Adds the attribute to the message's list.
    fn push_to(self, builder: &mut TextBuilder<{ field::COUNT }>) {
        for span in self.into_list() {
            builder.push_to_list(span);
        }
    }
}

/// Builds the attributes a message's list holds; a later attribute of the same name replaces
/// an earlier one, as a map read from the JSON would.
pub(crate) fn build(text: &RecordText<{ field::COUNT }>) -> BTreeMap<String, MessageAttribute> {
    let owned = |span| text.slice(span).map(str::to_owned);
    text.list()
        .chunks_exact(SPANS_PER_ATTRIBUTE)
        .filter_map(|spans| spans.try_into().ok().map(AttributeSpans::from_list))
        .map(|attribute| {
            let built = MessageAttribute {
                data_type: owned(attribute.data_type).unwrap_or_default(),
                string_value: owned(attribute.string_value),
                binary_value: owned(attribute.binary_value),
            };
            (owned(attribute.name).unwrap_or_default(), built)
        })
        .collect()
}

/// Reads `messageAttributes` (an object, or `null`) into the builder: each attribute's strings
/// into the text, their spans into the message's list.
pub(crate) struct MessageAttributesSeed<'b> {
    pub(crate) builder: &'b mut TextBuilder<{ field::COUNT }>,
}

impl<'de> DeserializeSeed<'de> for MessageAttributesSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for MessageAttributesSeed<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a map of message attributes")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(name) = map.next_key_seed(NameSeed(SpanSeed::new(&mut *self.builder)))? {
            let value = map.next_value_seed(AttributeSeed { builder: &mut *self.builder })?;
            AttributeSpans { name, ..value }.push_to(self.builder);
        }
        Ok(())
    }
}

/// An attribute's name: a string, never `null`.
struct NameSeed<'b>(SpanSeed<'b, { field::COUNT }>);

impl<'de> DeserializeSeed<'de> for NameSeed<'_> {
    type Value = Span;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Span, D::Error> {
        deserializer.deserialize_str(self.0)
    }
}

/// The keys of one attribute.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum AttributeKey {
    DataType,
    StringValue,
    BinaryValue,
    #[serde(other)]
    Other,
}

/// One attribute's object; its name is filled in by the caller.
struct AttributeSeed<'b> {
    builder: &'b mut TextBuilder<{ field::COUNT }>,
}

impl<'de> DeserializeSeed<'de> for AttributeSeed<'_> {
    type Value = AttributeSpans;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<AttributeSpans, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AttributeSeed<'_> {
    type Value = AttributeSpans;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("struct MessageAttribute")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AttributeSpans, A::Error> {
        let (mut data_type, mut string_value, mut binary_value) = (None, None, None);
        while let Some(key) = map.next_key::<AttributeKey>()? {
            let (slot, name) = match key {
                AttributeKey::DataType => (&mut data_type, "dataType"),
                AttributeKey::StringValue => (&mut string_value, "stringValue"),
                AttributeKey::BinaryValue => (&mut binary_value, "binaryValue"),
                AttributeKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if slot.is_some() {
                return Err(A::Error::duplicate_field(name));
            }
            *slot = Some(match key {
                // A data type is a string, never `null`.
                AttributeKey::DataType => map.next_value_seed(NameSeed(SpanSeed::new(&mut *self.builder)))?,
                _ => map.next_value_seed(SpanSeed::new(&mut *self.builder))?,
            });
        }
        Ok(AttributeSpans {
            name: Span::ABSENT,
            data_type: data_type.ok_or_else(|| A::Error::missing_field("dataType"))?,
            string_value: string_value.unwrap_or(Span::ABSENT),
            binary_value: binary_value.unwrap_or(Span::ABSENT),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<BTreeMap<String, MessageAttribute>, String> {
        let mut builder = TextBuilder::default();
        let seed = MessageAttributesSeed { builder: &mut builder };
        seed.deserialize(&mut serde_json::Deserializer::from_str(json)).map_err(|err| err.to_string())?;
        let text = builder.record();
        builder.finish();
        Ok(build(&text))
    }

    #[test]
    fn reads_what_the_derived_type_reads() {
        let json = r#"{
            "tenant": {"stringValue": "acme", "stringListValues": [], "binaryListValues": [], "dataType": "String"},
            "blob": {"binaryValue": "AQI=", "dataType": "Binary"},
            "count": {"stringValue": null, "dataType": "Number"}
        }"#;
        let derived: BTreeMap<String, MessageAttribute> = serde_json::from_str(json).expect("derived");
        assert_eq!(read(json).expect("read"), derived);
        assert_eq!(read("null").expect("null"), BTreeMap::new());
        assert_eq!(read("{}").expect("empty"), BTreeMap::new());
    }

    #[test]
    fn refuses_what_the_derived_type_refuses() {
        for (json, expected) in [
            (r#"{"a": {"stringValue": "x"}}"#, "missing field `dataType`"),
            (r#"{"a": {"dataType": null}}"#, "invalid type: null, expected a string"),
            (r#"{"a": {"dataType": "String", "stringValue": 5}}"#, "invalid type: integer `5`, expected a string"),
            (r#"{"a": {"dataType": "String", "dataType": "Number"}}"#, "duplicate field `dataType`"),
            (r#"{"a": "String"}"#, "invalid type: string \"String\", expected struct MessageAttribute"),
            (r#"[]"#, "invalid type: sequence, expected a map of message attributes"),
        ] {
            let err = read(json).expect_err(json);
            assert!(err.starts_with(expected), "{json}: {err}");
            serde_json::from_str::<BTreeMap<String, MessageAttribute>>(json)
                .expect_err("the derived type refuses it too");
        }
    }
}
