//! An S3 event notification: every record of it.

use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};

use super::record::S3Record;
use super::wire::EventWire;
use crate::intern::Interner;

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
/// use faaskit_adapters::s3::S3Event;
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
        let wire = EventWire::deserialize(deserializer)?;
        let Some(records) = wire.records else {
            if wire.event.as_deref() == Some("s3:TestEvent") {
                return Ok(Self { records: Vec::new(), test_event: true });
            }
            return Err(D::Error::custom("not an S3 event notification: missing field `Records`"));
        };
        let mut shared = Interner::default();
        let records = records
            .into_iter()
            .enumerate()
            .map(|(index, record)| {
                S3Record::from_wire(record, &mut shared)
                    .map_err(|err| D::Error::custom(format!("record {index}: {err}")))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { records, test_event: false })
    }
}

impl Serialize for S3Event {
    /// Writes the event as S3 does (keys encoded again), so it can travel on.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::interop::to_wire_json(self).serialize(serializer)
    }
}
