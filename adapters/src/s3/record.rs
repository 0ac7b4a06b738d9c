//! One S3 record: the bucket, the object with its key decoded, and what happened to it.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::key::{KeyError, decode_key};
use super::kind::S3EventKind;
use super::wire::RecordWire;
use crate::intern::Interner;

/// One record of an S3 event notification: one object, one change.
///
/// The key is decoded the way S3 encodes it ([`key`](Self::key)); the key as sent stays
/// available ([`raw_key`](Self::raw_key)).
///
/// # Examples
///
/// ```
/// use faaskit_adapters::s3::S3Event;
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Record {
    pub(crate) event_version: Option<Arc<str>>,
    pub(crate) event_source: Option<Arc<str>>,
    pub(crate) aws_region: Option<Arc<str>>,
    pub(crate) event_time: Option<Box<str>>,
    pub(crate) event_name: Arc<str>,
    pub(crate) kind: S3EventKind,
    pub(crate) principal_id: Option<Box<str>>,
    pub(crate) source_ip_address: Option<Box<str>>,
    pub(crate) configuration_id: Option<Arc<str>>,
    pub(crate) bucket: Arc<str>,
    pub(crate) bucket_arn: Option<Arc<str>>,
    pub(crate) bucket_owner: Option<Arc<str>>,
    pub(crate) key: String,
    pub(crate) raw_key: Box<str>,
    pub(crate) size: Option<u64>,
    pub(crate) etag: Option<Box<str>>,
    pub(crate) version_id: Option<Box<str>>,
    pub(crate) sequencer: Option<Box<str>>,
}

fn boxed(text: Option<Cow<'_, str>>) -> Option<Box<str>> {
    text.map(|text| Box::from(text.as_ref()))
}

impl S3Record {
    pub(crate) fn from_wire(wire: RecordWire<'_>, shared: &mut Interner) -> Result<Self, KeyError> {
        let key = decode_key(&wire.s3.object.key)?;
        let event_name = shared.intern(&wire.event_name);
        Ok(Self {
            kind: S3EventKind::from_event_name(&event_name),
            event_name,
            event_version: shared.intern_opt(wire.event_version),
            event_source: shared.intern_opt(wire.event_source),
            aws_region: shared.intern_opt(wire.aws_region),
            event_time: boxed(wire.event_time),
            principal_id: boxed(wire.user_identity.and_then(|identity| identity.principal_id)),
            source_ip_address: boxed(wire.request_parameters.and_then(|parameters| parameters.source_ip_address)),
            configuration_id: shared.intern_opt(wire.s3.configuration_id),
            bucket: shared.intern(&wire.s3.bucket.name),
            bucket_arn: shared.intern_opt(wire.s3.bucket.arn),
            bucket_owner: shared.intern_opt(wire.s3.bucket.owner_identity.and_then(|owner| owner.principal_id)),
            key,
            raw_key: Box::from(wire.s3.object.key.as_ref()),
            size: wire.s3.object.size,
            etag: boxed(wire.s3.object.e_tag),
            version_id: boxed(wire.s3.object.version_id),
            sequencer: boxed(wire.s3.object.sequencer),
        })
    }

    /// The bucket's name.
    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// The bucket's ARN.
    pub fn bucket_arn(&self) -> Option<&str> {
        self.bucket_arn.as_deref()
    }

    /// The principal id of the bucket's owner.
    pub fn bucket_owner(&self) -> Option<&str> {
        self.bucket_owner.as_deref()
    }

    /// The object key, decoded: `holiday photos/été.jpg` for `holiday+photos/%C3%A9t%C3%A9.jpg`.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The object key as S3 sent it, form-encoded.
    pub fn raw_key(&self) -> &str {
        &self.raw_key
    }

    /// The object's size in bytes (absent on removals).
    pub fn size(&self) -> Option<u64> {
        self.size
    }

    /// The object's ETag.
    pub fn etag(&self) -> Option<&str> {
        self.etag.as_deref()
    }

    /// The object's version id, in a versioned bucket.
    pub fn version_id(&self) -> Option<&str> {
        self.version_id.as_deref()
    }

    /// The sequencer: for one key, a later event has a greater sequencer (compare as
    /// hexadecimal strings of equal length).
    pub fn sequencer(&self) -> Option<&str> {
        self.sequencer.as_deref()
    }

    /// The record's `eventName` as sent, for example `ObjectCreated:Put`.
    pub fn event_name(&self) -> &str {
        &self.event_name
    }

    /// What happened to the object.
    pub fn kind(&self) -> &S3EventKind {
        &self.kind
    }

    /// The bucket's region.
    pub fn region(&self) -> Option<&str> {
        self.aws_region.as_deref()
    }

    /// When the event happened; `None` when absent or not an RFC 3339 time.
    pub fn event_time(&self) -> Option<DateTime<Utc>> {
        let text = self.event_time.as_deref()?;
        DateTime::parse_from_rfc3339(text).ok().map(|time| time.with_timezone(&Utc))
    }

    /// The event time as sent.
    pub fn event_time_raw(&self) -> Option<&str> {
        self.event_time.as_deref()
    }

    /// The principal that caused the event.
    pub fn principal_id(&self) -> Option<&str> {
        self.principal_id.as_deref()
    }

    /// The IP address the request came from.
    pub fn source_ip_address(&self) -> Option<&str> {
        self.source_ip_address.as_deref()
    }

    /// The id of the bucket's notification configuration.
    pub fn configuration_id(&self) -> Option<&str> {
        self.configuration_id.as_deref()
    }

    /// The record's `eventVersion`.
    pub fn event_version(&self) -> Option<&str> {
        self.event_version.as_deref()
    }

    /// The record's `eventSource` (`aws:s3`).
    pub fn event_source(&self) -> Option<&str> {
        self.event_source.as_deref()
    }
}
