//! Conversions to the `aws_lambda_events` types, for code written against them.

use aws_lambda_events::dynamodb as aws;
use serde_json::value::RawValue;

use super::event::DynamoDbEvent;
use super::image::{Failure, ImageError, ImageName};
use super::kinds::StreamViewType;
use super::record::DynamoDbRecord;
use super::wire::field;
use crate::batch::BatchResponse;

/// Reads a raw image as a `serde_dynamo::Item`, empty when absent.
fn item(raw: Option<&RawValue>, name: ImageName) -> Result<serde_dynamo::Item, ImageError> {
    match raw {
        None => Ok(serde_dynamo::Item::default()),
        Some(raw) => serde_json::from_str(raw.get()).map_err(|err| Failure::wire(&err).into_error(name)),
    }
}

impl From<StreamViewType> for aws::StreamViewType {
    fn from(view: StreamViewType) -> Self {
        match view {
            StreamViewType::KeysOnly => Self::KeysOnly,
            StreamViewType::NewImage => Self::NewImage,
            StreamViewType::OldImage => Self::OldImage,
            StreamViewType::NewAndOldImages => Self::NewAndOldImages,
        }
    }
}

impl<T> TryFrom<&DynamoDbRecord<T>> for aws::EventRecord {
    type Error = ImageError;

    /// Converts a record, its images read from their AttributeValue JSON.
    ///
    /// # Errors
    ///
    /// When an image is not AttributeValue JSON (only records that failed to decode can be).
    fn try_from(record: &DynamoDbRecord<T>) -> Result<Self, ImageError> {
        // Handed on whole, raw images included: its decode error, if any, counts as read.
        let _ = record.error.get();
        let mut change = aws::StreamRecord::default();
        if let Some(time) = record.approximate_creation_time() {
            change.approximate_creation_date_time = time;
        }
        change.keys = item(record.raw_keys(), ImageName::Keys)?;
        change.new_image = item(record.raw_new_image(), ImageName::NewImage)?;
        change.old_image = item(record.raw_old_image(), ImageName::OldImage)?;
        change.sequence_number = record.sequence_number().map(str::to_owned);
        change.size_bytes = record.size_bytes.map_or(0, |size| i64::try_from(size).unwrap_or(i64::MAX));
        change.stream_view_type = record.stream_view_type.map(Into::into);

        let mut out = aws::EventRecord::default();
        out.aws_region = record.aws_region().unwrap_or_default().to_owned();
        out.change = change;
        out.event_id = record.event_id().unwrap_or_default().to_owned();
        out.event_name = record.event_name.as_str().to_owned();
        out.event_source = record.event_source().map(str::to_owned);
        out.event_version = record.event_version().map(str::to_owned);
        out.event_source_arn = record.event_source_arn().map(str::to_owned);
        out.user_identity = record.user_identity.as_ref().map(|identity| {
            let mut aws_identity = aws::UserIdentity::default();
            aws_identity.type_ = identity.kind.clone();
            aws_identity.principal_id = identity.principal_id.clone();
            aws_identity
        });
        out.record_format = record.record_format().map(str::to_owned);
        out.table_name = record.text.get(field::TABLE_NAME).map(str::to_owned);
        Ok(out)
    }
}

impl<T> TryFrom<&DynamoDbEvent<T>> for aws::Event {
    type Error = ImageError;

    /// Converts an event to the `aws_lambda_events` type, images as `serde_dynamo::Item`s.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::dynamodb::DynamoDbEvent;
    ///
    /// let event: DynamoDbEvent = serde_json::from_str(r#"{"Records": [{"eventID": "1",
    ///     "eventName": "INSERT", "dynamodb": {"Keys": {"Id": {"N": "101"}}, "SizeBytes": 12}}]}"#).unwrap();
    /// let aws = aws_lambda_events::dynamodb::Event::try_from(&event).unwrap();
    /// assert_eq!(aws.records[0].event_name, "INSERT");
    /// assert_eq!(
    ///     aws.records[0].change.keys.get("Id"),
    ///     Some(&serde_dynamo::AttributeValue::N("101".into()))
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// When an image is not AttributeValue JSON (only records that failed to decode can be).
    fn try_from(event: &DynamoDbEvent<T>) -> Result<Self, ImageError> {
        let mut out = aws::Event::default();
        out.records = event.iter().map(aws::EventRecord::try_from).collect::<Result<_, _>>()?;
        Ok(out)
    }
}

impl<T> TryFrom<DynamoDbEvent<T>> for aws::Event {
    type Error = ImageError;

    /// Converts an event to the `aws_lambda_events` type; see the conversion of `&DynamoDbEvent`.
    ///
    /// # Errors
    ///
    /// When an image is not AttributeValue JSON.
    fn try_from(event: DynamoDbEvent<T>) -> Result<Self, ImageError> {
        Self::try_from(&event)
    }
}

impl From<BatchResponse> for aws_lambda_events::streams::DynamoDbEventResponse {
    /// The `aws_lambda_events` form of a batch response.
    fn from(response: BatchResponse) -> Self {
        let mut aws_response = Self::default();
        aws_response.batch_item_failures = response
            .batch_item_failures
            .into_iter()
            .map(|failure| {
                let mut aws_failure = aws_lambda_events::streams::DynamoDbBatchItemFailure::default();
                aws_failure.item_identifier = Some(failure.item_identifier);
                aws_failure
            })
            .collect();
        aws_response
    }
}
