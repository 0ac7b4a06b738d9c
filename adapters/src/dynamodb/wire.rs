//! The stream event as Lambda writes it, read once: every record's strings into the event's
//! one shared text, each image kept as raw JSON, then decoded into `T`, so that an image that
//! does not decode fails only its own record.
//!
//! The images are decoded once the whole list is read, not as each record is: reading every
//! envelope in one stretch and decoding every image in another measured faster than taking
//! turns (`BENCHMARKS.md`, section 2), most likely because each stretch keeps its own code and
//! data in the caches.

use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::image::{self, ImageName};
use super::kinds::{EventName, StreamViewType, UserIdentity};
use super::record::DynamoDbRecord;
use crate::layout::TextSeed;
use crate::record_text::{RecordText, TextBuilder};
use crate::records::ReadRecord;

/// The index of each string in a [`DynamoDbRecord`]'s text.
pub(crate) mod field {
    pub(crate) const EVENT_ID: usize = 0;
    pub(crate) const EVENT_VERSION: usize = 1;
    pub(crate) const EVENT_SOURCE: usize = 2;
    pub(crate) const REGION: usize = 3;
    pub(crate) const EVENT_SOURCE_ARN: usize = 4;
    pub(crate) const RECORD_FORMAT: usize = 5;
    pub(crate) const TABLE_NAME: usize = 6;
    pub(crate) const SEQUENCE_NUMBER: usize = 7;
    /// How many there are.
    pub(crate) const COUNT: usize = 8;
}

/// A record as read, its images not decoded yet.
pub(crate) struct RecordWire {
    text: RecordText<{ field::COUNT }>,
    event_name: EventName,
    user_identity: Option<UserIdentity>,
    stream: Stream,
}

impl ReadRecord<{ field::COUNT }> for RecordWire {
    const LIST: &'static str = "a list of DynamoDB stream records";

    fn read<'de, D: Deserializer<'de>>(
        builder: &mut TextBuilder<{ field::COUNT }>,
        _index: usize,
        deserializer: D,
    ) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RecordVisitor { builder })
    }
}

/// Reads one record on its own, with a text of its own (a record of Kinesis Data Streams for
/// DynamoDB, say).
pub(crate) fn read_record<'de, T: DeserializeOwned + 'static, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<DynamoDbRecord<T>, D::Error> {
    let mut builder = TextBuilder::default();
    let wire = deserializer.deserialize_map(RecordVisitor { builder: &mut builder })?;
    builder.finish();
    let mut record = wire.into_record(None);
    // A lone record is a whole payload, or the body of an outer record (Kinesis Data Streams for
    // DynamoDB): an image that does not decode must fail it, as it would fail a record of a
    // stream event, or the outer record would count as processed with its image missing.
    match (record.error.take(), record.sequence_number()) {
        (Some(error), Some(sequence_number)) => {
            Err(D::Error::custom(format_args!("record (SequenceNumber {sequence_number}): {error}")))
        }
        (Some(error), None) => Err(D::Error::custom(error)),
        (None, _) => Ok(record),
    }
}

/// The keys of one record.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum RecordKey {
    #[serde(rename = "eventID")]
    EventId,
    EventName,
    EventVersion,
    EventSource,
    AwsRegion,
    #[serde(rename = "eventSourceARN")]
    EventSourceArn,
    UserIdentity,
    RecordFormat,
    TableName,
    Dynamodb,
    #[serde(other)]
    Other,
}

/// Reads one record into the event's builder, its images kept as raw JSON.
struct RecordVisitor<'b> {
    builder: &'b mut TextBuilder<{ field::COUNT }>,
}

impl<'de> Visitor<'de> for RecordVisitor<'_> {
    type Value = RecordWire;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a DynamoDB stream record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let builder = self.builder;
        let mut event_name = None;
        let mut user_identity = None;
        let mut stream = None;
        while let Some(key) = map.next_key::<RecordKey>()? {
            let text_field = match key {
                RecordKey::EventId => field::EVENT_ID,
                RecordKey::EventVersion => field::EVENT_VERSION,
                RecordKey::EventSource => field::EVENT_SOURCE,
                RecordKey::AwsRegion => field::REGION,
                RecordKey::EventSourceArn => field::EVENT_SOURCE_ARN,
                RecordKey::RecordFormat => field::RECORD_FORMAT,
                RecordKey::TableName => field::TABLE_NAME,
                RecordKey::EventName => {
                    event_name = Some(map.next_value::<EventName>()?);
                    continue;
                }
                RecordKey::UserIdentity => {
                    user_identity = map.next_value::<Option<UserIdentity>>()?;
                    continue;
                }
                RecordKey::Dynamodb => {
                    stream = Some(map.next_value_seed(StreamSeed { builder: &mut *builder })?);
                    continue;
                }
                RecordKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            map.next_value_seed(TextSeed::new(&mut *builder, text_field))?;
        }
        let event_name = event_name.ok_or_else(|| A::Error::missing_field("eventName"))?;
        let stream = stream.ok_or_else(|| A::Error::missing_field("dynamodb"))?;
        Ok(RecordWire { text: builder.record(), event_name, user_identity, stream })
    }
}

/// The keys of a record's `dynamodb` object.
#[derive(Deserialize)]
#[serde(field_identifier)]
enum StreamKey {
    ApproximateCreationDateTime,
    Keys,
    NewImage,
    OldImage,
    SequenceNumber,
    SizeBytes,
    StreamViewType,
    #[serde(other)]
    Other,
}

/// The `dynamodb` object of a record, but for its sequence number, which goes to the text.
#[derive(Default)]
struct Stream {
    approximate_creation_date_time: Option<f64>,
    keys: Option<Box<RawValue>>,
    new_image: Option<Box<RawValue>>,
    old_image: Option<Box<RawValue>>,
    size_bytes: Option<u64>,
    stream_view_type: Option<StreamViewType>,
}

/// Reads a record's `dynamodb` object.
struct StreamSeed<'b> {
    builder: &'b mut TextBuilder<{ field::COUNT }>,
}

impl<'de> DeserializeSeed<'de> for StreamSeed<'_> {
    type Value = Stream;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Stream, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for StreamSeed<'_> {
    type Value = Stream;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("the `dynamodb` object of a stream record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Stream, A::Error> {
        let mut stream = Stream::default();
        while let Some(key) = map.next_key::<StreamKey>()? {
            match key {
                StreamKey::ApproximateCreationDateTime => stream.approximate_creation_date_time = map.next_value()?,
                StreamKey::Keys => stream.keys = present(map.next_value()?),
                StreamKey::NewImage => stream.new_image = present(map.next_value()?),
                StreamKey::OldImage => stream.old_image = present(map.next_value()?),
                StreamKey::SizeBytes => stream.size_bytes = map.next_value()?,
                StreamKey::StreamViewType => stream.stream_view_type = map.next_value()?,
                StreamKey::SequenceNumber => {
                    map.next_value_seed(TextSeed::new(&mut *self.builder, field::SEQUENCE_NUMBER))?;
                }
                StreamKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(stream)
    }
}

/// A raw image, or nothing when absent or `null`.
fn present(raw: Option<Box<RawValue>>) -> Option<Box<RawValue>> {
    raw.filter(|raw| raw.get() != "null")
}

impl RecordWire {
    /// The record, its images decoded into `T`; `index` places errors in their event, if any.
    pub(crate) fn into_record<T: DeserializeOwned + 'static>(self, index: Option<usize>) -> DynamoDbRecord<T> {
        let Self { text, event_name, user_identity, stream } = self;
        let mut error = None;
        let mut fail = |name: ImageName, failure: image::Failure| {
            if error.is_none() {
                let err = failure.into_error(name);
                error = Some(match index {
                    Some(index) => err.in_record(index, text.get(field::SEQUENCE_NUMBER)),
                    None => err,
                });
            }
        };
        // Checked now, built into a map only if the handler asks (`DynamoDbRecord::keys`).
        if let Some(Err(failure)) = stream.keys.as_deref().map(|raw| image::check_plain(raw.get())) {
            fail(ImageName::Keys, failure);
        }
        let mut decode = |name: ImageName, raw: Option<&RawValue>| match raw.map(|raw| image::decode::<T>(raw.get())) {
            None => None,
            Some(Ok(value)) => Some(value),
            Some(Err(failure)) => {
                fail(name, failure);
                None
            }
        };
        let new_image = decode(ImageName::NewImage, stream.new_image.as_deref());
        let old_image = decode(ImageName::OldImage, stream.old_image.as_deref());
        DynamoDbRecord {
            text,
            event_name,
            user_identity,
            approximate_creation_date_time: stream.approximate_creation_date_time,
            size_bytes: stream.size_bytes,
            stream_view_type: stream.stream_view_type,
            keys: OnceLock::new(),
            new_image,
            old_image,
            raw_keys: stream.keys,
            raw_new: stream.new_image,
            raw_old: stream.old_image,
            error: crate::unread_error::UnreadError::new(error),
        }
    }
}
