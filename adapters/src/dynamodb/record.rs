//! One change of a DynamoDB stream: what happened, to which item, with its images decoded.

use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::image::{self, ImageError, ImageName};
use super::kinds::{EventName, StreamViewType, UserIdentity};
use super::wire::{field, read_record};
use crate::batch::BatchRecord;
use crate::record_text::RecordText;
use crate::unread_error::UnreadError;

/// One record of a DynamoDB stream: the change, the item's keys, and its images as `T`.
///
/// Images are decoded from AttributeValue JSON when the event is; in a
/// [`DynamoDbEvent`](super::DynamoDbEvent), one that does not decode into `T` fails only its
/// record (see [`decode_error`](Self::decode_error)). A record read alone (a handler's whole
/// event, or the data of a Kinesis record) fails to decode instead, and so does a JSON array of
/// records read as `Vec<DynamoDbRecord<T>>`, whole: to fail its records one by one, read it as
/// `Vec<Box<serde_json::value::RawValue>>` and decode each.
///
/// The records of one event share its strings (ids, ARNs, sequence numbers) in one text: a
/// clone does not copy them, and a record kept after its event keeps that text.
///
/// # Examples
///
/// ```
/// use faaskit::dynamodb::{DynamoDbRecord, EventName};
///
/// #[derive(serde::Deserialize)]
/// struct Order { id: u64, total: f64 }
///
/// let record: DynamoDbRecord<Order> = serde_json::from_str(r#"{
///     "eventID": "1", "eventName": "INSERT", "eventSource": "aws:dynamodb",
///     "dynamodb": {
///         "Keys": {"id": {"N": "7"}},
///         "NewImage": {"id": {"N": "7"}, "total": {"N": "19.5"}},
///         "SequenceNumber": "111", "SizeBytes": 26, "StreamViewType": "NEW_IMAGE"
///     }
/// }"#).unwrap();
/// assert_eq!(record.event_name(), EventName::Insert);
/// assert_eq!(record.keys()["id"], 7);
/// assert_eq!(record.new_image().map(|order| order.total), Some(19.5));
/// assert!(record.old_image().is_none());
/// ```
#[derive(Clone)]
pub struct DynamoDbRecord<T = Value> {
    pub(crate) text: RecordText<{ field::COUNT }>,
    pub(crate) event_name: EventName,
    pub(crate) user_identity: Option<UserIdentity>,
    pub(crate) approximate_creation_date_time: Option<f64>,
    pub(crate) size_bytes: Option<u64>,
    pub(crate) stream_view_type: Option<StreamViewType>,
    /// The keys as plain JSON, built on the first call to [`keys`](Self::keys).
    pub(crate) keys: OnceLock<Map<String, Value>>,
    pub(crate) new_image: Option<T>,
    pub(crate) old_image: Option<T>,
    pub(crate) raw_keys: Option<Box<RawValue>>,
    pub(crate) raw_new: Option<Box<RawValue>>,
    pub(crate) raw_old: Option<Box<RawValue>>,
    pub(crate) error: UnreadError<ImageError>,
}

/// The images of a record, taken out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Images<T> {
    /// The item before the change.
    pub old: Option<T>,
    /// The item after the change.
    pub new: Option<T>,
}

impl<T> DynamoDbRecord<T> {
    /// The kind of change: insert, modify or remove.
    pub fn event_name(&self) -> EventName {
        self.event_name
    }

    /// The record's unique id (`eventID`).
    pub fn event_id(&self) -> Option<&str> {
        self.text.get(field::EVENT_ID)
    }

    /// The sequence number of the change in its shard (`SequenceNumber`): what a partial batch
    /// failure reports.
    pub fn sequence_number(&self) -> Option<&str> {
        self.text.get(field::SEQUENCE_NUMBER)
    }

    /// The primary key of the changed item, as plain JSON (`{"Id": 101}`).
    ///
    /// The keys are checked when the event is read (a record whose keys are not AttributeValue
    /// JSON fails), and built into this map on the first call: a handler that never asks for
    /// them does not pay for a map. Empty when the record has no keys, or they failed.
    pub fn keys(&self) -> &Map<String, Value> {
        self.keys
            .get_or_init(|| self.raw_keys.as_deref().and_then(|raw| image::plain_keys(raw.get())).unwrap_or_default())
    }

    /// The primary key decoded into your type.
    ///
    /// # Examples
    ///
    /// ```
    /// # let record: faaskit::dynamodb::DynamoDbRecord = serde_json::from_str(
    /// #     r#"{"eventName": "REMOVE", "dynamodb": {"Keys": {"pk": {"S": "user#1"}, "sk": {"N": "3"}}}}"#).unwrap();
    /// #[derive(serde::Deserialize)]
    /// struct Key { pk: String, sk: u32 }
    ///
    /// let key: Key = record.keys_as().unwrap();
    /// assert_eq!((key.pk.as_str(), key.sk), ("user#1", 3));
    /// ```
    ///
    /// # Errors
    ///
    /// When the keys are not a `K`.
    pub fn keys_as<K: DeserializeOwned + 'static>(&self) -> Result<K, ImageError> {
        let raw = self.raw_keys.as_deref().map_or("{}", RawValue::get);
        image::decode(raw).map_err(|failure| failure.into_error(ImageName::Keys))
    }

    /// The item after the change: present for inserts and modifications when the stream
    /// captures new images; `None` otherwise, or when the record failed to decode
    /// ([`decode_error`](Self::decode_error) tells the two apart; a record dropped with its error
    /// unread is named in a warning).
    pub fn new_image(&self) -> Option<&T> {
        self.new_image.as_ref()
    }

    /// The item before the change: present for modifications and removals when the stream
    /// captures old images; `None` otherwise, or when the record failed to decode.
    pub fn old_image(&self) -> Option<&T> {
        self.old_image.as_ref()
    }

    /// The new image decoded into another type, from the record's AttributeValue JSON.
    ///
    /// # Errors
    ///
    /// When the image is not a `U`.
    pub fn new_image_as<U: DeserializeOwned + 'static>(&self) -> Result<Option<U>, ImageError> {
        decode_raw(self.raw_new.as_deref(), ImageName::NewImage)
    }

    /// The old image decoded into another type, from the record's AttributeValue JSON.
    ///
    /// # Errors
    ///
    /// When the image is not a `U`.
    pub fn old_image_as<U: DeserializeOwned + 'static>(&self) -> Result<Option<U>, ImageError> {
        decode_raw(self.raw_old.as_deref(), ImageName::OldImage)
    }

    /// Takes the images out of the record.
    pub fn into_images(self) -> Images<T> {
        Images { old: self.old_image, new: self.new_image }
    }

    /// The new image, taken out of the record.
    pub fn into_new_image(self) -> Option<T> {
        self.new_image
    }

    /// The old image, taken out of the record.
    pub fn into_old_image(self) -> Option<T> {
        self.old_image
    }

    /// The AttributeValue JSON of the keys, as written.
    pub fn raw_keys(&self) -> Option<&RawValue> {
        self.raw_keys.as_deref()
    }

    /// The AttributeValue JSON of the new image, as written.
    pub fn raw_new_image(&self) -> Option<&RawValue> {
        self.raw_new.as_deref()
    }

    /// The AttributeValue JSON of the old image, as written.
    pub fn raw_old_image(&self) -> Option<&RawValue> {
        self.raw_old.as_deref()
    }

    /// Why an image did not decode, if one did not; such a record fails without reaching your
    /// code in [`DynamoDbEvent::process`](super::DynamoDbEvent::process).
    pub fn decode_error(&self) -> Option<&ImageError> {
        self.error.get()
    }

    /// When the change was written to the stream (`ApproximateCreationDateTime`), parsed on
    /// demand.
    ///
    /// DynamoDB Streams write it in seconds; Kinesis Data Streams for DynamoDB in milliseconds or
    /// microseconds (the table's `ApproximateCreationDateTimePrecision`). The unit is told by the
    /// magnitude: no time in seconds before the year 5000 reaches 10^11, nor one in milliseconds
    /// since 1973 falls below it; microseconds since 1973 are past 10^14.
    pub fn approximate_creation_time(&self) -> Option<DateTime<Utc>> {
        let value = self.approximate_creation_date_time?;
        if !value.is_finite() {
            return None;
        }
        match value.abs() {
            magnitude if magnitude >= 1e14 => DateTime::from_timestamp_micros(value.round() as i64),
            magnitude if magnitude >= 1e11 => DateTime::from_timestamp_millis(value.round() as i64),
            _ => DateTime::from_timestamp_millis((value * 1000.0).round() as i64),
        }
    }

    /// What the stream captures of each item (`StreamViewType`).
    pub fn stream_view_type(&self) -> Option<StreamViewType> {
        self.stream_view_type
    }

    /// The size of the stream record in bytes (`SizeBytes`).
    pub fn size_bytes(&self) -> Option<u64> {
        self.size_bytes
    }

    /// The service the record comes from: `aws:dynamodb`.
    pub fn event_source(&self) -> Option<&str> {
        self.text.get(field::EVENT_SOURCE)
    }

    /// The version of the record format (`eventVersion`).
    pub fn event_version(&self) -> Option<&str> {
        self.text.get(field::EVENT_VERSION)
    }

    /// The region of the table (`awsRegion`).
    pub fn aws_region(&self) -> Option<&str> {
        self.text.get(field::REGION)
    }

    /// The ARN of the stream (`eventSourceARN`).
    pub fn event_source_arn(&self) -> Option<&str> {
        self.text.get(field::EVENT_SOURCE_ARN)
    }

    /// The name of the table: `tableName` when written (Kinesis Data Streams for DynamoDB),
    /// otherwise read from the stream ARN (`...:table/Orders/stream/...` is `Orders`).
    pub fn table_name(&self) -> Option<&str> {
        if let Some(name) = self.text.get(field::TABLE_NAME) {
            return Some(name);
        }
        let arn = self.text.get(field::EVENT_SOURCE_ARN)?;
        let rest = arn.split_once(":table/")?.1;
        Some(rest.split('/').next().unwrap_or(rest))
    }

    /// The record format (`recordFormat`), written on records delivered through Kinesis.
    pub fn record_format(&self) -> Option<&str> {
        self.text.get(field::RECORD_FORMAT)
    }

    /// Who made the change; present on deletions by Time to Live.
    pub fn user_identity(&self) -> Option<&UserIdentity> {
        self.user_identity.as_ref()
    }

    /// Whether this is a removal by Time to Live rather than by a user.
    pub fn is_time_to_live_removal(&self) -> bool {
        self.event_name == EventName::Remove && self.user_identity.as_ref().is_some_and(UserIdentity::is_time_to_live)
    }
}

fn decode_raw<U: DeserializeOwned + 'static>(raw: Option<&RawValue>, name: ImageName) -> Result<Option<U>, ImageError> {
    raw.map(|raw| image::decode(raw.get()).map_err(|failure| failure.into_error(name))).transpose()
}

impl<T: fmt::Debug> fmt::Debug for DynamoDbRecord<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamoDbRecord")
            .field("event_id", &self.event_id())
            .field("event_name", &self.event_name)
            .field("event_version", &self.event_version())
            .field("event_source", &self.event_source())
            .field("aws_region", &self.aws_region())
            .field("event_source_arn", &self.event_source_arn())
            .field("user_identity", &self.user_identity)
            .field("record_format", &self.record_format())
            .field("table_name", &self.text.get(field::TABLE_NAME))
            .field("approximate_creation_date_time", &self.approximate_creation_date_time)
            .field("sequence_number", &self.sequence_number())
            .field("size_bytes", &self.size_bytes)
            .field("stream_view_type", &self.stream_view_type)
            .field("keys", self.keys())
            .field("new_image", &self.new_image)
            .field("old_image", &self.old_image)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl<T> BatchRecord for DynamoDbRecord<T> {
    /// The sequence number; empty when the record has none (Lambda then retries the batch).
    fn item_identifier(&self) -> &str {
        self.sequence_number().unwrap_or_default()
    }

    fn decode_error(&self) -> Option<&dyn std::error::Error> {
        self.error.get().map(|err| err as &dyn std::error::Error)
    }
}

impl<'de, T: DeserializeOwned + 'static> Deserialize<'de> for DynamoDbRecord<T> {
    /// Reads one stream record, as Lambda writes it in `Records` (or as Kinesis Data Streams for
    /// DynamoDB writes it in a record's data). Read alone, a record whose keys or an image do not
    /// decode fails with that error, so that a `KinesisEvent<DynamoDbRecord<T>>` reports it.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_record(deserializer)
    }
}
