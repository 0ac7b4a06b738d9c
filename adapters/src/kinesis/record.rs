//! One record of a Kinesis stream: its data decoded, where it came from, when it arrived.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::wire::{RecordWire, decode_data};
use crate::batch::BatchRecord;
use crate::body::{Binary, BodyError, FromBody};
use crate::intern::Interner;
use crate::unread_error::UnreadError;

/// One record of a Kinesis data stream, its base64 data decoded into `T`.
///
/// `T` is [`Binary`] (the default) for the bytes as sent, [`Text`](crate::body::Text) for
/// UTF-8 text, or any `serde::Deserialize` type for JSON data. In a
/// [`KinesisEvent`](super::KinesisEvent), data that does not decode into `T` fails only its record
/// (see [`decode_error`](Self::decode_error)); a record read alone fails to decode instead.
///
/// # Examples
///
/// ```
/// use faaskit::kinesis::KinesisRecord;
///
/// #[derive(serde::Deserialize)]
/// struct Reading { sensor: String, celsius: f64 }
///
/// // {"sensor":"s1","celsius":21.5}
/// let record: KinesisRecord<Reading> = serde_json::from_str(r#"{
///     "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
///     "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/sensors",
///     "kinesis": {
///         "partitionKey": "s1", "approximateArrivalTimestamp": 1545084650.987,
///         "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
///         "data": "eyJzZW5zb3IiOiJzMSIsImNlbHNpdXMiOjIxLjV9"
///     }
/// }"#).unwrap();
/// assert_eq!(record.data().map(|r| r.celsius), Some(21.5));
/// assert_eq!(record.partition_key(), "s1");
/// assert_eq!(record.shard_id(), Some("shardId-000000000006"));
/// assert_eq!(record.stream_name(), Some("sensors"));
/// ```
#[derive(Clone, Debug)]
pub struct KinesisRecord<T = Binary> {
    pub(crate) event_id: Option<String>,
    pub(crate) event_name: Option<Arc<str>>,
    pub(crate) event_source: Option<Arc<str>>,
    pub(crate) event_version: Option<Arc<str>>,
    pub(crate) event_source_arn: Option<Arc<str>>,
    pub(crate) aws_region: Option<Arc<str>>,
    pub(crate) invoke_identity_arn: Option<Arc<str>>,
    pub(crate) approximate_arrival_timestamp: Option<f64>,
    pub(crate) encryption_type: EncryptionType,
    pub(crate) partition_key: String,
    pub(crate) sequence_number: String,
    pub(crate) schema_version: Option<Arc<str>>,
    pub(crate) data_base64: Box<str>,
    pub(crate) data: Option<T>,
    pub(crate) error: UnreadError<DataError>,
}

/// How the producer's data was encrypted at rest (`encryptionType`); Lambda receives it
/// decrypted either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EncryptionType {
    /// Not encrypted (`NONE`, or absent).
    #[default]
    None,
    /// Encrypted with an AWS KMS key (`KMS`).
    Kms,
}

impl<T> KinesisRecord<T> {
    /// The record's data, decoded; `None` when it did not decode into `T`.
    ///
    /// Such a record is reported only if the handler reports it (through `process` or
    /// `try_into_records`, or once it has read [`decode_error`](Self::decode_error)); dropped
    /// with its error unread, it is named in a warning.
    pub fn data(&self) -> Option<&T> {
        self.data.as_ref()
    }

    /// The record's data, taken out of the record.
    pub fn into_data(self) -> Option<T> {
        self.data
    }

    /// The data decoded into another type, from the record's base64 text.
    ///
    /// # Errors
    ///
    /// When the data is not a `U`.
    pub fn data_as<U: FromBody>(&self) -> Result<U, BodyError> {
        decode_data(&self.data_base64)
    }

    /// The data as sent: base64 text.
    pub fn data_base64(&self) -> &str {
        &self.data_base64
    }

    /// Why the data did not decode into `T`, if it did not; such a record fails without
    /// reaching your code in [`KinesisEvent::process`](super::KinesisEvent::process).
    pub fn decode_error(&self) -> Option<&DataError> {
        self.error.get()
    }

    /// The key the producer chose; it decides the shard (`partitionKey`).
    pub fn partition_key(&self) -> &str {
        &self.partition_key
    }

    /// The record's sequence number in its shard: what a partial batch failure reports.
    pub fn sequence_number(&self) -> &str {
        &self.sequence_number
    }

    /// When the stream received the record (`approximateArrivalTimestamp`), parsed on demand.
    pub fn approximate_arrival_time(&self) -> Option<DateTime<Utc>> {
        let seconds = self.approximate_arrival_timestamp?;
        if !seconds.is_finite() {
            return None;
        }
        DateTime::from_timestamp_millis((seconds * 1000.0).round() as i64)
    }

    /// How the data was encrypted at rest.
    pub fn encryption_type(&self) -> EncryptionType {
        self.encryption_type
    }

    /// The record's id: `shardId-...:sequenceNumber` (`eventID`).
    pub fn event_id(&self) -> Option<&str> {
        self.event_id.as_deref()
    }

    /// The shard the record was read from, from its event id (`shardId-000000000006`).
    pub fn shard_id(&self) -> Option<&str> {
        self.event_id.as_deref()?.split_once(':').map(|(shard, _)| shard)
    }

    /// The ARN of the stream (`eventSourceARN`).
    pub fn event_source_arn(&self) -> Option<&str> {
        self.event_source_arn.as_deref()
    }

    /// The name of the stream, from its ARN (`...:stream/sensors` is `sensors`).
    pub fn stream_name(&self) -> Option<&str> {
        let rest = self.event_source_arn.as_deref()?.split_once(":stream/")?.1;
        rest.split('/').next()
    }

    /// The service the record comes from: `aws:kinesis`.
    pub fn event_source(&self) -> Option<&str> {
        self.event_source.as_deref()
    }

    /// The kind of event: `aws:kinesis:record`.
    pub fn event_name(&self) -> Option<&str> {
        self.event_name.as_deref()
    }

    /// The version of the event format (`eventVersion`).
    pub fn event_version(&self) -> Option<&str> {
        self.event_version.as_deref()
    }

    /// The region of the stream (`awsRegion`).
    pub fn aws_region(&self) -> Option<&str> {
        self.aws_region.as_deref()
    }

    /// The role Lambda read the stream with (`invokeIdentityArn`).
    pub fn invoke_identity_arn(&self) -> Option<&str> {
        self.invoke_identity_arn.as_deref()
    }

    /// The version of the record schema (`kinesisSchemaVersion`).
    pub fn schema_version(&self) -> Option<&str> {
        self.schema_version.as_deref()
    }
}

impl<T> BatchRecord for KinesisRecord<T> {
    fn item_identifier(&self) -> &str {
        &self.sequence_number
    }

    fn decode_error(&self) -> Option<&dyn std::error::Error> {
        self.error.get().map(|err| err as &dyn std::error::Error)
    }
}

impl<'de, T: FromBody> Deserialize<'de> for KinesisRecord<T> {
    /// Reads one record as Lambda writes it in `Records`. Read alone (the body of an SQS message,
    /// say), a record whose data is not a `T` fails with that error, so that the outer record
    /// is reported rather than processed without its data.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = RecordWire::deserialize(deserializer)?;
        let mut record = wire.into_record(None, &mut Interner::default());
        match record.error.take() {
            Some(error) => Err(serde::de::Error::custom(error)),
            None => Ok(record),
        }
    }
}

/// Record data that did not decode into the type the handler asked for.
///
/// # Examples
///
/// ```
/// use faaskit::kinesis::KinesisEvent;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Reading { celsius: f64 }
///
/// // The data is {"celsius":"warm"}.
/// let event: KinesisEvent<Reading> = serde_json::from_str(r#"{"Records": [{"kinesis": {
///     "sequenceNumber": "42", "data": "eyJjZWxzaXVzIjoid2FybSJ9"}}]}"#).unwrap();
/// let err = event.records()[0].decode_error().unwrap();
/// assert_eq!(err.body_error().path(), "celsius");
/// assert!(err.to_string().starts_with(
///     "record 0 (sequenceNumber 42): the body is not a valid Reading: at celsius: invalid type: string \"warm\""
/// ));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError(Box<DataErrorInner>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct DataErrorInner {
    body: BodyError,
    index: Option<usize>,
    sequence_number: String,
}

impl DataError {
    pub(crate) fn new(body: BodyError, index: Option<usize>, sequence_number: &str) -> Self {
        faaskit_core::__private::remember_error_type::<Self>();
        Self(Box::new(DataErrorInner { body, index, sequence_number: sequence_number.to_owned() }))
    }

    /// What did not decode, and where in the data.
    pub fn body_error(&self) -> &BodyError {
        &self.0.body
    }

    /// The index of the record in its event, when it came from one.
    pub fn record_index(&self) -> Option<usize> {
        self.0.index
    }

    /// The sequence number of the record.
    pub fn sequence_number(&self) -> &str {
        &self.0.sequence_number
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("record")?;
        if let Some(index) = self.0.index {
            write!(f, " {index}")?;
        }
        match self.0.sequence_number.as_str() {
            // Kinesis always sends one; a hand-made event may not.
            "" => write!(f, " (no sequenceNumber): {}", self.0.body),
            sequence_number => write!(f, " (sequenceNumber {sequence_number}): {}", self.0.body),
        }
    }
}

/// Returned from a handler, a record that did not decode is a `Faaskit.DecodeError`, as an
/// event that did not decode is.
impl faaskit_core::ErrorType for DataError {
    fn error_type(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(faaskit_core::Error::DECODE)
    }
}

impl std::error::Error for DataError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0.body)
    }
}
