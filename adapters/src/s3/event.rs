//! An S3 event notification: every record of it.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::record::S3Record;
use super::wire::{RECORD, field};
use crate::layout::ObjectSeed;
use crate::record_text::TextBuilder;
use crate::records::{ReadRecord, RecordsSeed};

/// An S3 event notification, as Lambda receives it from S3 (or inside an SNS or SQS message).
///
/// One [`S3Record`] per record, never only the first. The `s3:TestEvent` message S3 sends when
/// a notification is configured decodes as an event with no records ([`is_test_event`]).
///
/// [`is_test_event`]: Self::is_test_event
///
/// # Examples
///
/// ```
/// use faaskit::s3::S3Event;
///
/// // In a function: `#[faaskit::handler]` on this `async fn`.
/// async fn inventory(event: S3Event) -> Vec<String> {
///     event.records().iter().map(|record| format!("{}/{}", record.bucket(), record.key())).collect()
/// }
/// # let event: S3Event = serde_json::from_str(r#"{"Records": [{"eventName": "ObjectCreated:Put",
/// #     "s3": {"bucket": {"name": "b"}, "object": {"key": "a+b%2Bc"}}}]}"#).unwrap();
/// # let keys = tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(inventory(event));
/// # assert_eq!(keys, ["b/a b+c"]);
/// ```
///
/// # Errors
///
/// Decoding fails, naming the record, when the payload is not an S3 event notification or a
/// key's escapes are not UTF-8.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct S3Event {
    records: Vec<S3Record>,
    test_event: bool,
}

impl S3Event {
    /// An event of these records.
    pub fn new(records: Vec<S3Record>) -> Self {
        Self { records, test_event: false }
    }

    /// The records, in the order S3 sent them.
    pub fn records(&self) -> &[S3Record] {
        &self.records
    }

    /// The records, owned.
    pub fn into_records(self) -> Vec<S3Record> {
        self.records
    }

    /// Iterates over the records.
    pub fn iter(&self) -> std::slice::Iter<'_, S3Record> {
        self.records.iter()
    }

    /// How many records the event holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the event holds no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Whether this is the `s3:TestEvent` S3 sends when a notification is configured.
    pub fn is_test_event(&self) -> bool {
        self.test_event
    }
}

impl IntoIterator for S3Event {
    type Item = S3Record;
    type IntoIter = std::vec::IntoIter<S3Record>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.into_iter()
    }
}

impl<'a> IntoIterator for &'a S3Event {
    type Item = &'a S3Record;
    type IntoIter = std::slice::Iter<'a, S3Record>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.iter()
    }
}

impl<'de> Deserialize<'de> for S3Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EventVisitor)
    }
}

/// The keys at the top of the event.
#[derive(Deserialize)]
#[serde(field_identifier)]
enum TopKey {
    Records,
    Event,
    #[serde(other)]
    Other,
}

/// Reads the top of the event: `Records`, or the `Event` of S3's test message.
struct EventVisitor;

impl<'de> Visitor<'de> for EventVisitor {
    type Value = S3Event;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an S3 event notification")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S3Event, A::Error> {
        let mut records = None;
        let mut test_event = false;
        while let Some(key) = map.next_key::<TopKey>()? {
            match key {
                TopKey::Records => records = map.next_value_seed(RecordsSeed::new())?,
                TopKey::Event => test_event = map.next_value::<Option<String>>()?.as_deref() == Some("s3:TestEvent"),
                TopKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match records {
            Some(records) => Ok(S3Event { records, test_event: false }),
            None if test_event => Ok(S3Event { records: Vec::new(), test_event: true }),
            None => Err(A::Error::custom("not an S3 event notification: missing field `Records`")),
        }
    }
}

impl ReadRecord<{ field::COUNT }> for S3Record {
    const LIST: &'static str = "a list of S3 records";

    fn read<'de, D: Deserializer<'de>>(
        builder: &mut TextBuilder<{ field::COUNT }>,
        _index: usize,
        deserializer: D,
    ) -> Result<Self, D::Error> {
        ObjectSeed::new(&mut *builder, RECORD).deserialize(deserializer)?;
        // Not prefixed with the record: faaskit's decode error names the record and its path.
        S3Record::from_builder(builder).map_err(D::Error::custom)
    }
}

impl Serialize for S3Event {
    /// Writes the event as S3 does (keys encoded again), so it can travel on.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::interop::to_wire_json(self).serialize(serializer)
    }
}
