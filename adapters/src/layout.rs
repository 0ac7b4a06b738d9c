//! Reading a JSON object by a static description of the fields a record keeps, straight into a
//! [`TextBuilder`]: no intermediate struct, no string allocated per field, every other field
//! skipped unread.
//!
//! A layout is a table of [`Entry`]s: a string kept as a field of the record's text, an
//! unsigned number, or a nested object with a table of its own. Required entries that are
//! missing give serde's usual `missing field` error, at the path where they were expected.

// S3 reads its records through the tables; SQS and DynamoDB use only `TextSeed`.
#![cfg_attr(not(feature = "s3"), allow(dead_code))]

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};

use crate::record_text::{Span, TextBuilder};

/// What one JSON field becomes.
pub(crate) enum Slot {
    /// A string (or `null`) kept as the text field of this index.
    Text(usize),
    /// An unsigned integer (or `null`) kept as the number of this index.
    Number(usize),
    /// An object (or `null`) read by its own table.
    Object(&'static [Entry]),
}

/// One JSON field a layout reads.
pub(crate) struct Entry {
    name: &'static str,
    slot: Slot,
    required: bool,
}

impl Entry {
    /// An optional string field.
    pub(crate) const fn text(name: &'static str, field: usize) -> Self {
        Self { name, slot: Slot::Text(field), required: false }
    }

    /// An optional unsigned number.
    pub(crate) const fn number(name: &'static str, index: usize) -> Self {
        Self { name, slot: Slot::Number(index), required: false }
    }

    /// An optional nested object.
    pub(crate) const fn object(name: &'static str, entries: &'static [Entry]) -> Self {
        Self { name, slot: Slot::Object(entries), required: false }
    }

    /// The same entry, required: absent (or `null`), it is a `missing field` error.
    pub(crate) const fn required(self) -> Self {
        Self { required: true, ..self }
    }
}

/// Reads one object by `entries` into `builder`; answers whether the object was there.
pub(crate) struct ObjectSeed<'b, const N: usize> {
    builder: &'b mut TextBuilder<N>,
    entries: &'static [Entry],
    optional: bool,
}

impl<'b, const N: usize> ObjectSeed<'b, N> {
    /// The seed of an object that must be there (a record).
    pub(crate) fn new(builder: &'b mut TextBuilder<N>, entries: &'static [Entry]) -> Self {
        Self { builder, entries, optional: false }
    }

    /// The seed of an object that may be absent or `null`.
    pub(crate) fn optional(builder: &'b mut TextBuilder<N>, entries: &'static [Entry]) -> Self {
        Self { builder, entries, optional: true }
    }
}

impl<'de, const N: usize> DeserializeSeed<'de> for ObjectSeed<'_, N> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        if self.optional { deserializer.deserialize_option(self) } else { deserializer.deserialize_map(self) }
    }
}

impl<'de, const N: usize> Visitor<'de> for ObjectSeed<'_, N> {
    type Value = bool;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut seen = 0u64;
        while let Some(found) = map.next_key_seed(KeySeed(self.entries))? {
            let Some(index) = found else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let present = match self.entries[index].slot {
                Slot::Text(field) => map.next_value_seed(TextSeed::new(&mut *self.builder, field))?,
                Slot::Number(number) => {
                    let value: Option<u64> = map.next_value()?;
                    self.builder.set_number(number, value);
                    value.is_some()
                }
                Slot::Object(entries) => map.next_value_seed(ObjectSeed::optional(&mut *self.builder, entries))?,
            };
            if present {
                seen |= 1 << index;
            }
        }
        for (index, entry) in self.entries.iter().enumerate() {
            if entry.required && seen & (1 << index) == 0 {
                return Err(A::Error::missing_field(entry.name));
            }
        }
        Ok(true)
    }
}

/// Reads a key: the index of its entry, or `None` for a field the layout skips.
struct KeySeed(&'static [Entry]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Option<usize>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        self.visit_bytes(key.as_bytes())
    }

    fn visit_bytes<E: serde::de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|entry| same_name(entry.name.as_bytes(), key)))
    }
}

/// `name == key`, without a `memcmp` call for the usual field names of 8 to 16 bytes: their
/// first and last eight bytes, compared as two integers, cover them whole.
fn same_name(name: &[u8], key: &[u8]) -> bool {
    if name.len() != key.len() {
        return false;
    }
    let eight = |bytes: &[u8]| <[u8; 8]>::try_from(bytes).map(u64::from_ne_bytes).ok();
    match (name.len(), name.split_at_checked(8), key.split_at_checked(8)) {
        (8..=16, Some((name_head, _)), Some((key_head, _))) => {
            let tail = name.len() - 8;
            eight(name_head) == eight(key_head) && eight(&name[tail..]) == eight(&key[tail..])
        }
        _ => name == key,
    }
}

/// Reads a string (or `null`) into a text field; answers whether it was there.
pub(crate) struct TextSeed<'b, const N: usize> {
    builder: &'b mut TextBuilder<N>,
    field: usize,
}

impl<'b, const N: usize> TextSeed<'b, N> {
    /// The seed of text field `field`.
    pub(crate) fn new(builder: &'b mut TextBuilder<N>, field: usize) -> Self {
        Self { builder, field }
    }
}

impl<'de, const N: usize> DeserializeSeed<'de> for TextSeed<'_, N> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        let span = SpanSeed::new(&mut *self.builder).deserialize(deserializer)?;
        Ok(self.builder.assign(self.field, span))
    }
}

/// Reads a string (or `null`) into the text, outside the numbered fields: its span, or
/// [`Span::ABSENT`] for `null`.
pub(crate) struct SpanSeed<'b, const N: usize> {
    builder: &'b mut TextBuilder<N>,
}

impl<'b, const N: usize> SpanSeed<'b, N> {
    /// The seed of a string appended to `builder`.
    pub(crate) fn new(builder: &'b mut TextBuilder<N>) -> Self {
        Self { builder }
    }
}

impl<'de, const N: usize> DeserializeSeed<'de> for SpanSeed<'_, N> {
    type Value = Span;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Span, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for SpanSeed<'_, N> {
    type Value = Span;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Span, E> {
        Ok(Span::ABSENT)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Span, E> {
        Ok(Span::ABSENT)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Span, D::Error> {
        // Not `deserialize_bytes`: serde_json would then skip its checks for control characters,
        // and its scan of short strings is slower that way.
        deserializer.deserialize_str(self)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Span, E> {
        Ok(self.builder.push(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: &[Entry] = &[Entry::text("name", 1).required(), Entry::number("size", 0)];
    const OUTER: &[Entry] = &[Entry::text("id", 0), Entry::object("inner", INNER).required()];

    fn read(json: &str) -> Result<TextBuilder<2>, String> {
        let mut builder = TextBuilder::default();
        let mut deserializer = serde_json::Deserializer::from_str(json);
        match ObjectSeed::new(&mut builder, OUTER).deserialize(&mut deserializer) {
            Ok(_) => Ok(builder),
            Err(err) => Err(err.to_string()),
        }
    }

    #[test]
    fn keeps_the_fields_of_the_layout_and_skips_the_rest() {
        let Ok(builder) = read(r#"{"id": "a\"b", "other": [1, {"x": 2}], "inner": {"name": "n", "size": 7}}"#) else {
            panic!("reads");
        };
        assert_eq!(builder.number(0), Some(7));
        let text = builder.record();
        builder.finish();
        assert_eq!((text.get(0), text.get(1)), (Some("a\"b"), Some("n")));
    }

    #[test]
    fn reports_missing_and_mistyped_fields() {
        let missing = read(r#"{"id": "a"}"#).err().unwrap_or_default();
        assert!(missing.contains("missing field `inner`"), "{missing}");
        let nested = read(r#"{"inner": {"size": 1}}"#).err().unwrap_or_default();
        assert!(nested.contains("missing field `name`"), "{nested}");
        let mistyped = read(r#"{"id": 5, "inner": {"name": "n"}}"#).err().unwrap_or_default();
        assert!(mistyped.contains("invalid type: integer `5`, expected a string"), "{mistyped}");
        let array = read(r#"{"id": [1], "inner": {"name": "n"}}"#).err().unwrap_or_default();
        assert!(array.contains("expected a string"), "{array}");
        assert!(read(r#"{"inner": null}"#).err().unwrap_or_default().contains("missing field `inner`"));
    }

    #[test]
    fn compares_names_of_every_length() {
        for name in
            ["s3", "eventName", "eventTime", "sourceIPAddress", "requestParameters", "abcdefgh", "abcdefghijklmnop"]
        {
            assert!(same_name(name.as_bytes(), name.as_bytes()), "{name}");
            let mut other = name.as_bytes().to_vec();
            let last = other.len() - 1;
            other[last] ^= 1;
            assert!(!same_name(name.as_bytes(), &other), "{name}");
            other[last] ^= 1;
            other[0] ^= 1;
            assert!(!same_name(name.as_bytes(), &other), "{name}");
        }
        assert!(!same_name(b"eventName", b"eventTime"));
        assert!(!same_name(b"eventName", b"eventNam"));
    }

    #[test]
    fn reads_from_other_deserializers_too() {
        let value = serde_json::json!({"id": "v", "inner": {"name": "n"}});
        let mut builder = TextBuilder::<2>::default();
        ObjectSeed::new(&mut builder, OUTER).deserialize(value).unwrap();
        assert_eq!(builder.get(0), Some("v"));
    }
}
