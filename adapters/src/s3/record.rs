//! One S3 record: the bucket, the object with its key decoded, and what happened to it.

use std::fmt;

use chrono::{DateTime, Utc};

use super::key::{KeyError, decode_key_into};
use super::kind::S3EventKind;
use super::wire::{SIZE, field};
use crate::record_text::{RecordText, TextBuilder};

/// One record of an S3 event notification: one object, one change.
///
/// The key is decoded the way S3 encodes it ([`key`](Self::key)); the key as sent stays
/// available ([`raw_key`](Self::raw_key)).
///
/// The records of one event share its strings in one text: a clone is cheap, and a record kept
/// after its event keeps that text.
///
/// # Examples
///
/// ```
/// use faaskit::s3::S3Event;
///
/// let event: S3Event = serde_json::from_str(r#"{"Records": [{
///     "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "eu-west-1",
///     "eventTime": "2024-05-01T12:00:00.000Z", "eventName": "ObjectCreated:Put",
///     "s3": {
///         "bucket": {"name": "photos", "arn": "arn:aws:s3:::photos"},
///         "object": {"key": "holiday+photos/%C3%A9t%C3%A9.jpg", "size": 1024, "eTag": "d41d8cd9",
///                    "sequencer": "0055AED6DCD90281E5"}
///     }
/// }]}"#).unwrap();
/// let record = &event.records()[0];
/// assert_eq!(record.bucket(), "photos");
/// assert_eq!(record.key(), "holiday photos/été.jpg");
/// assert_eq!(record.raw_key(), "holiday+photos/%C3%A9t%C3%A9.jpg");
/// assert_eq!(record.size(), Some(1024));
/// assert!(record.kind().is_created());
/// assert_eq!(record.event_time().unwrap().to_rfc3339(), "2024-05-01T12:00:00+00:00");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct S3Record {
    text: RecordText<{ field::COUNT }>,
    size: Option<u64>,
    kind: S3EventKind,
}

impl S3Record {
    /// The record whose fields `builder` holds, its key decoded. Its text reads back once the
    /// builder is finished.
    ///
    /// # Errors
    ///
    /// When the key's escapes are not UTF-8.
    pub(crate) fn from_builder(builder: &mut TextBuilder<{ field::COUNT }>) -> Result<Self, KeyError> {
        if builder.derive(field::KEY, field::RAW_KEY, decode_key_into).is_err() {
            return Err(KeyError::new(builder.get(field::RAW_KEY).unwrap_or_default()));
        }
        let kind = S3EventKind::from_event_name(builder.get(field::EVENT_NAME).unwrap_or_default());
        Ok(Self { text: builder.record(), size: builder.number(SIZE), kind })
    }

    fn required(&self, index: usize) -> &str {
        self.text.get(index).unwrap_or_default()
    }

    /// The bucket's name.
    pub fn bucket(&self) -> &str {
        self.required(field::BUCKET)
    }

    /// The bucket's ARN.
    pub fn bucket_arn(&self) -> Option<&str> {
        self.text.get(field::BUCKET_ARN)
    }

    /// The principal id of the bucket's owner.
    pub fn bucket_owner(&self) -> Option<&str> {
        self.text.get(field::BUCKET_OWNER)
    }

    /// The object key, decoded: `holiday photos/été.jpg` for `holiday+photos/%C3%A9t%C3%A9.jpg`.
    pub fn key(&self) -> &str {
        self.required(field::KEY)
    }

    /// The object key as S3 sent it, form-encoded.
    pub fn raw_key(&self) -> &str {
        self.required(field::RAW_KEY)
    }

    /// The object's size in bytes (absent on removals).
    pub fn size(&self) -> Option<u64> {
        self.size
    }

    /// The object's ETag.
    pub fn etag(&self) -> Option<&str> {
        self.text.get(field::ETAG)
    }

    /// The object's version id, in a versioned bucket.
    pub fn version_id(&self) -> Option<&str> {
        self.text.get(field::VERSION_ID)
    }

    /// The sequencer: for one key, a later event has a greater sequencer (compare as
    /// hexadecimal strings of equal length).
    pub fn sequencer(&self) -> Option<&str> {
        self.text.get(field::SEQUENCER)
    }

    /// The record's `eventName` as sent, for example `ObjectCreated:Put`.
    pub fn event_name(&self) -> &str {
        self.required(field::EVENT_NAME)
    }

    /// What happened to the object.
    pub fn kind(&self) -> &S3EventKind {
        &self.kind
    }

    /// The bucket's region.
    pub fn region(&self) -> Option<&str> {
        self.text.get(field::REGION)
    }

    /// When the event happened; `None` when absent or not an RFC 3339 time.
    pub fn event_time(&self) -> Option<DateTime<Utc>> {
        let text = self.text.get(field::EVENT_TIME)?;
        DateTime::parse_from_rfc3339(text).ok().map(|time| time.with_timezone(&Utc))
    }

    /// The event time as sent.
    pub fn event_time_raw(&self) -> Option<&str> {
        self.text.get(field::EVENT_TIME)
    }

    /// The principal that caused the event.
    pub fn principal_id(&self) -> Option<&str> {
        self.text.get(field::PRINCIPAL_ID)
    }

    /// The IP address the request came from.
    pub fn source_ip_address(&self) -> Option<&str> {
        self.text.get(field::SOURCE_IP)
    }

    /// The id of the bucket's notification configuration.
    pub fn configuration_id(&self) -> Option<&str> {
        self.text.get(field::CONFIGURATION_ID)
    }

    /// The record's `eventVersion`.
    pub fn event_version(&self) -> Option<&str> {
        self.text.get(field::EVENT_VERSION)
    }

    /// The record's `eventSource` (`aws:s3`).
    pub fn event_source(&self) -> Option<&str> {
        self.text.get(field::EVENT_SOURCE)
    }
}

impl fmt::Debug for S3Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Record")
            .field("event_name", &self.event_name())
            .field("bucket", &self.bucket())
            .field("key", &self.key())
            .field("raw_key", &self.raw_key())
            .field("size", &self.size)
            .field("etag", &self.etag())
            .field("version_id", &self.version_id())
            .field("sequencer", &self.sequencer())
            .field("region", &self.region())
            .field("event_time", &self.event_time_raw())
            .finish_non_exhaustive()
    }
}
