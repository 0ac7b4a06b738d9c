//! The stream event as Lambda writes it, read once; images are kept as raw JSON, then decoded.
//!
//! The envelope is read with derived `Deserialize` impls into the structs below, skipping what
//! nobody reads. Each image is kept as raw JSON and decoded after its record, so an image that
//! does not decode fails only its own record.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::image::{self, ImageName};
use super::kinds::{EventName, StreamViewType, UserIdentity};
use super::record::DynamoDbRecord;

/// `{"Records": [...]}`.
#[derive(Deserialize)]
pub(crate) struct EventWire {
    #[serde(rename = "Records")]
    pub(crate) records: Vec<RecordWire>,
}

/// One record, as written.
#[derive(Deserialize)]
pub(crate) struct RecordWire {
    #[serde(rename = "eventID", default)]
    event_id: Option<String>,
    #[serde(rename = "eventName")]
    event_name: EventName,
    #[serde(rename = "eventVersion", default)]
    event_version: Option<String>,
    #[serde(rename = "eventSource", default)]
    event_source: Option<String>,
    #[serde(rename = "awsRegion", default)]
    aws_region: Option<String>,
    #[serde(rename = "eventSourceARN", default)]
    event_source_arn: Option<String>,
    #[serde(rename = "userIdentity", default)]
    user_identity: Option<UserIdentity>,
    #[serde(rename = "recordFormat", default)]
    record_format: Option<String>,
    #[serde(rename = "tableName", default)]
    table_name: Option<String>,
    dynamodb: StreamRecordWire,
}

/// The `dynamodb` object of a record.
#[derive(Deserialize)]
struct StreamRecordWire {
    #[serde(rename = "ApproximateCreationDateTime", default)]
    approximate_creation_date_time: Option<f64>,
    #[serde(rename = "Keys", default)]
    keys: Option<Box<RawValue>>,
    #[serde(rename = "NewImage", default)]
    new_image: Option<Box<RawValue>>,
    #[serde(rename = "OldImage", default)]
    old_image: Option<Box<RawValue>>,
    #[serde(rename = "SequenceNumber", default)]
    sequence_number: Option<String>,
    #[serde(rename = "SizeBytes", default)]
    size_bytes: Option<u64>,
    #[serde(rename = "StreamViewType", default)]
    stream_view_type: Option<StreamViewType>,
}

/// A raw image, or nothing when absent or `null`.
fn present(raw: Option<Box<RawValue>>) -> Option<Box<RawValue>> {
    raw.filter(|raw| raw.get() != "null")
}

impl RecordWire {
    /// Decodes the images into `T`; `index` places errors in their event, if any.
    pub(crate) fn into_record<T: DeserializeOwned + 'static>(self, index: Option<usize>) -> DynamoDbRecord<T> {
        let stream = self.dynamodb;
        let raw_keys = present(stream.keys);
        let raw_new = present(stream.new_image);
        let raw_old = present(stream.old_image);
        let mut error = None;
        let mut fail = |name: ImageName, failure: image::Failure| {
            if error.is_none() {
                let err = failure.into_error(name);
                error = Some(match index {
                    Some(index) => err.in_record(index, stream.sequence_number.as_deref()),
                    None => err,
                });
            }
        };
        let keys =
            match raw_keys.as_deref().map(|raw| image::decode::<serde_json::Map<String, serde_json::Value>>(raw.get()))
            {
                None => serde_json::Map::new(),
                Some(Ok(keys)) => keys,
                Some(Err(failure)) => {
                    fail(ImageName::Keys, failure);
                    serde_json::Map::new()
                }
            };
        let mut decode = |name: ImageName, raw: Option<&RawValue>| match raw.map(|raw| image::decode::<T>(raw.get())) {
            None => None,
            Some(Ok(value)) => Some(value),
            Some(Err(failure)) => {
                fail(name, failure);
                None
            }
        };
        let new_image = decode(ImageName::NewImage, raw_new.as_deref());
        let old_image = decode(ImageName::OldImage, raw_old.as_deref());
        DynamoDbRecord {
            event_id: self.event_id,
            event_name: self.event_name,
            event_version: self.event_version,
            event_source: self.event_source,
            aws_region: self.aws_region,
            event_source_arn: self.event_source_arn,
            user_identity: self.user_identity,
            record_format: self.record_format,
            table_name: self.table_name,
            approximate_creation_date_time: stream.approximate_creation_date_time,
            sequence_number: stream.sequence_number,
            size_bytes: stream.size_bytes,
            stream_view_type: stream.stream_view_type,
            keys,
            new_image,
            old_image,
            raw_keys,
            raw_new,
            raw_old,
            error,
        }
    }
}
