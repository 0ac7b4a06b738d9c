//! Reading an event's `Records` through one [`TextBuilder`]: every record's strings go to the
//! event's shared text, which the builder hands to all of them once the list is read.

// S3 reads the top of its event itself (for its test message), and only the list here.
#![cfg_attr(not(any(feature = "sqs", feature = "dynamodb")), allow(dead_code))]

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::record_text::TextBuilder;

/// A record read straight into its event's builder.
pub(crate) trait ReadRecord<const N: usize>: Sized {
    /// What a list of these records is, for errors: `a list of SQS messages`.
    const LIST: &'static str;

    /// Reads record `index` of its event; `builder` holds nothing of it yet.
    ///
    /// # Errors
    ///
    /// When the record is not one: the event fails.
    fn read<'de, D: Deserializer<'de>>(
        builder: &mut TextBuilder<N>,
        index: usize,
        deserializer: D,
    ) -> Result<Self, D::Error>;
}

/// Reads `{"Records": [...]}`, skipping every other key.
///
/// # Errors
///
/// When `Records` is missing or `null`, or is not a list of `R`.
pub(crate) fn read_records<'de, R: ReadRecord<N>, const N: usize, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<R>, D::Error> {
    deserializer.deserialize_map(EventVisitor(PhantomData))
}

/// The keys at the top of the event.
#[derive(Deserialize)]
#[serde(field_identifier)]
enum TopKey {
    Records,
    #[serde(other)]
    Other,
}

struct EventVisitor<R, const N: usize>(PhantomData<R>);

impl<'de, R: ReadRecord<N>, const N: usize> Visitor<'de> for EventVisitor<R, N> {
    type Value = Vec<R>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "an object with `Records`, {}", R::LIST)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<R>, A::Error> {
        let mut records = None;
        while let Some(key) = map.next_key::<TopKey>()? {
            match key {
                TopKey::Records => records = map.next_value_seed(RecordsSeed::<R, N>::new())?,
                TopKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        records.ok_or_else(|| A::Error::missing_field("Records"))
    }
}

/// Reads a list of records (or `null`, which is `None`) through one builder.
pub(crate) struct RecordsSeed<R, const N: usize>(PhantomData<R>);

impl<R, const N: usize> RecordsSeed<R, N> {
    /// The seed of a list of `R`.
    pub(crate) fn new() -> Self {
        Self(PhantomData)
    }
}

impl<'de, R: ReadRecord<N>, const N: usize> DeserializeSeed<'de> for RecordsSeed<R, N> {
    type Value = Option<Vec<R>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, R: ReadRecord<N>, const N: usize> Visitor<'de> for RecordsSeed<R, N> {
    type Value = Option<Vec<R>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(R::LIST)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut records = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        let mut builder = TextBuilder::default();
        while let Some(record) =
            seq.next_element_seed(RecordSeed { builder: &mut builder, index: records.len(), record: PhantomData })?
        {
            records.push(record);
        }
        builder.finish();
        Ok(Some(records))
    }
}

/// Reads record `index` into the event's builder.
struct RecordSeed<'b, R, const N: usize> {
    builder: &'b mut TextBuilder<N>,
    index: usize,
    record: PhantomData<R>,
}

impl<'de, R: ReadRecord<N>, const N: usize> DeserializeSeed<'de> for RecordSeed<'_, R, N> {
    type Value = R;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<R, D::Error> {
        self.builder.clear();
        R::read(self.builder, self.index, deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of one string field, `id`.
    #[derive(Debug)]
    struct Named(crate::record_text::RecordText<1>);

    impl ReadRecord<1> for Named {
        const LIST: &'static str = "a list of named records";

        fn read<'de, D: Deserializer<'de>>(
            builder: &mut TextBuilder<1>,
            index: usize,
            deserializer: D,
        ) -> Result<Self, D::Error> {
            let id = String::deserialize(deserializer)?;
            builder.set(0, &format!("{index}:{id}"));
            Ok(Self(builder.record()))
        }
    }

    fn read(json: &str) -> Result<Vec<String>, String> {
        let records = read_records::<Named, 1, _>(&mut serde_json::Deserializer::from_str(json))
            .map_err(|err| err.to_string())?;
        Ok(records.iter().map(|record| record.0.get(0).unwrap_or_default().to_owned()).collect())
    }

    #[test]
    fn reads_every_record_into_the_shared_text() {
        assert_eq!(
            read(r#"{"other": [1], "Records": ["a", "b", "c"]}"#),
            Ok(vec!["0:a".into(), "1:b".into(), "2:c".into()])
        );
        assert_eq!(read(r#"{"Records": []}"#), Ok(vec![]));
    }

    #[test]
    fn names_what_is_missing_or_wrong() {
        for missing in [r#"{}"#, r#"{"Records": null}"#] {
            let err = read(missing).unwrap_err();
            assert!(err.starts_with("missing field `Records`"), "{err}");
        }
        let err = read(r#"{"Records": {"a": 1}}"#).unwrap_err();
        assert!(err.contains("expected a list of named records"), "{err}");
        let err = read(r#"{"Records": ["a", 2]}"#).unwrap_err();
        assert!(err.contains("invalid type: integer `2`"), "{err}");
        let err = read("[]").unwrap_err();
        assert!(err.contains("expected an object with `Records`, a list of named records"), "{err}");
    }
}
