//! The Kinesis event as Lambda writes it, read once; each record's data decoded after it.

use std::borrow::Cow;

use base64::Engine as _;
use serde::Deserialize;

use super::record::{EncryptionType, KinesisRecord};
use crate::body::{BodyError, FromBody};
use crate::intern::Interner;

/// `{"Records": [...]}`.
#[derive(Deserialize)]
#[serde(expecting = "a Kinesis event object")]
pub(crate) struct EventWire<'a> {
    #[serde(rename = "Records", borrow)]
    pub(crate) records: Vec<RecordWire<'a>>,
}

/// One record, as written. Text is borrowed from the payload where it can be.
#[derive(Deserialize)]
#[serde(expecting = "a Kinesis record object")]
pub(crate) struct RecordWire<'a> {
    #[serde(rename = "eventID", default, borrow)]
    event_id: Option<Cow<'a, str>>,
    #[serde(rename = "eventName", default, borrow)]
    event_name: Option<Cow<'a, str>>,
    #[serde(rename = "eventSource", default, borrow)]
    event_source: Option<Cow<'a, str>>,
    #[serde(rename = "eventVersion", default, borrow)]
    event_version: Option<Cow<'a, str>>,
    #[serde(rename = "eventSourceARN", default, borrow)]
    event_source_arn: Option<Cow<'a, str>>,
    #[serde(rename = "awsRegion", default, borrow)]
    aws_region: Option<Cow<'a, str>>,
    #[serde(rename = "invokeIdentityArn", default, borrow)]
    invoke_identity_arn: Option<Cow<'a, str>>,
    #[serde(borrow)]
    kinesis: DataWire<'a>,
}

/// The `kinesis` object of a record.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(expecting = "a record's `kinesis` object")]
struct DataWire<'a> {
    #[serde(default)]
    approximate_arrival_timestamp: Option<f64>,
    #[serde(borrow)]
    data: Cow<'a, str>,
    #[serde(default)]
    encryption_type: Option<EncryptionType>,
    #[serde(default, borrow)]
    partition_key: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    sequence_number: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    kinesis_schema_version: Option<Cow<'a, str>>,
}

/// Decodes a record's base64 data, then reads it as a `T`.
pub(crate) fn decode_data<T: FromBody>(base64: &str) -> Result<T, BodyError> {
    match base64::engine::general_purpose::STANDARD.decode(base64) {
        Ok(bytes) => {
            let gzip = bytes.starts_with(&[0x1f, 0x8b]);
            T::from_bytes(bytes).map_err(|err| if gzip { gzip_error::<T>() } else { err })
        }
        Err(err) => Err(BodyError::encoding(
            std::any::type_name::<T>(),
            format!(
                "the data is not valid base64: {}",
                faaskit_core::__private::describe_base64_error(&err, base64.as_bytes())
            ),
        )),
    }
}

/// Data that is gzip (CloudWatch Logs subscriptions send theirs so) cannot be a `T` as it is.
fn gzip_error<T>() -> BodyError {
    let type_name = std::any::type_name::<T>();
    BodyError::encoding(
        type_name,
        format!(
            "the data is gzip-compressed (CloudWatch Logs subscriptions send it so), so it is not a {}: take \
             `KinesisEvent<Binary>` and decompress it",
            faaskit_core::__private::readable_type_name(type_name)
        ),
    )
}

impl RecordWire<'_> {
    /// Decodes the data into `T`; `index` places errors in their event, if any.
    pub(crate) fn into_record<T: FromBody>(self, index: Option<usize>, shared: &mut Interner) -> KinesisRecord<T> {
        let data = self.kinesis;
        let sequence_number = data.sequence_number.map(Cow::into_owned).unwrap_or_default();
        let (value, error) = match decode_data::<T>(&data.data) {
            Ok(value) => (Some(value), None),
            Err(err) => (None, Some(super::record::DataError::new(err, index, &sequence_number))),
        };
        KinesisRecord {
            event_id: self.event_id.map(Cow::into_owned),
            event_name: shared.intern_opt(self.event_name),
            event_source: shared.intern_opt(self.event_source),
            event_version: shared.intern_opt(self.event_version),
            event_source_arn: shared.intern_opt(self.event_source_arn),
            aws_region: shared.intern_opt(self.aws_region),
            invoke_identity_arn: shared.intern_opt(self.invoke_identity_arn),
            approximate_arrival_timestamp: data.approximate_arrival_timestamp,
            encryption_type: data.encryption_type.unwrap_or_default(),
            partition_key: data.partition_key.map(Cow::into_owned).unwrap_or_default(),
            sequence_number,
            schema_version: shared.intern_opt(data.kinesis_schema_version),
            data_base64: data.data.into(),
            data: value,
            error: crate::unread_error::UnreadError::new(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::KinesisEvent;

    #[test]
    fn data_that_is_not_base64_is_named_as_such_with_its_record() {
        let payload = r#"{"Records": [
            {"kinesis": {"data": "eyJpZCI6IDF9", "sequenceNumber": "1"}},
            {"kinesis": {"data": "@@@@", "sequenceNumber": "2"}}
        ]}"#;
        let event: KinesisEvent<serde_json::Value> = faaskit_core::decode_event(payload.as_bytes()).expect("an event");
        assert!(event.records()[0].decode_error().is_none());
        let error = event.records()[1].decode_error().expect("the second record fails").to_string();
        assert_eq!(
            error,
            "record 1 (sequenceNumber 2): the data is not valid base64: `@` at offset 0 is not a base64 character"
        );
        let payload = r#"{"Records": [{"kinesis": {"data": "@@@@"}}]}"#;
        let event: KinesisEvent<serde_json::Value> = faaskit_core::decode_event(payload.as_bytes()).expect("an event");
        let error = event.records()[0].decode_error().expect("it fails").to_string();
        assert!(error.starts_with("record 0 (no sequenceNumber): the data is not valid base64"), "{error}");
        let body = decode_data::<serde_json::Value>("eyJpZCI6").expect_err("not JSON");
        assert!(body.to_string().starts_with("the body is not a valid Value: "), "{body}");
    }

    #[test]
    fn gzip_data_is_named_as_such() {
        // The first bytes of a CloudWatch Logs subscription's data: gzip's magic number.
        let gzip = base64::engine::general_purpose::STANDARD.encode([0x1f, 0x8b, 0x08, 0x00, 0x00]);
        let error = decode_data::<serde_json::Value>(&gzip).expect_err("not JSON");
        assert_eq!(
            error.to_string(),
            "the data is gzip-compressed (CloudWatch Logs subscriptions send it so), so it is not a Value: take \
             `KinesisEvent<Binary>` and decompress it"
        );
        let raw = decode_data::<crate::body::Binary>(&gzip).expect("bytes as they are");
        assert_eq!(raw.0[..2], [0x1f, 0x8b]);
    }
}
