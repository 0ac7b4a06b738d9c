//! Conversions to the `aws_lambda_events` types, for code written against them.

use aws_lambda_events::kinesis as aws;

use super::event::KinesisEvent;
use super::record::{EncryptionType, KinesisRecord};
use crate::batch::BatchResponse;
use crate::body::{Binary, BodyError};

impl From<EncryptionType> for aws::KinesisEncryptionType {
    fn from(kind: EncryptionType) -> Self {
        match kind {
            EncryptionType::None => Self::None,
            EncryptionType::Kms => Self::Kms,
        }
    }
}

impl<T> TryFrom<&KinesisRecord<T>> for aws::KinesisEventRecord {
    type Error = BodyError;

    /// Converts a record, its data decoded from base64 again.
    ///
    /// # Errors
    ///
    /// When the data is not base64 (only records that failed to decode can have such data).
    fn try_from(record: &KinesisRecord<T>) -> Result<Self, BodyError> {
        // Handed on whole, raw data included: its decode error, if any, counts as read.
        let _ = record.error.get();
        let Binary(bytes) = record.data_as::<Binary>()?;
        let mut kinesis = aws::KinesisRecord::default();
        if let Some(time) = record.approximate_arrival_time() {
            kinesis.approximate_arrival_timestamp.0 = time;
        }
        kinesis.data.0 = bytes;
        kinesis.encryption_type = record.encryption_type.into();
        kinesis.partition_key = record.partition_key.clone();
        kinesis.sequence_number = record.sequence_number.clone();
        kinesis.kinesis_schema_version = record.schema_version().map(str::to_owned);

        let mut out = aws::KinesisEventRecord::default();
        out.aws_region = record.aws_region().map(str::to_owned);
        out.event_id = record.event_id.clone();
        out.event_name = record.event_name().map(str::to_owned);
        out.event_source = record.event_source().map(str::to_owned);
        out.event_source_arn = record.event_source_arn().map(str::to_owned);
        out.event_version = record.event_version().map(str::to_owned);
        out.invoke_identity_arn = record.invoke_identity_arn().map(str::to_owned);
        out.kinesis = kinesis;
        Ok(out)
    }
}

impl<T> TryFrom<&KinesisEvent<T>> for aws::KinesisEvent {
    type Error = BodyError;

    /// Converts an event to the `aws_lambda_events` type, data as bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::kinesis::KinesisEvent;
    ///
    /// let event: KinesisEvent = serde_json::from_str(
    ///     r#"{"Records": [{"kinesis": {"partitionKey": "p", "sequenceNumber": "1", "data": "aGk="}}]}"#,
    /// ).unwrap();
    /// let aws = aws_lambda_events::kinesis::KinesisEvent::try_from(&event).unwrap();
    /// assert_eq!(aws.records[0].kinesis.data.0, b"hi");
    /// ```
    ///
    /// # Errors
    ///
    /// When a record's data is not base64 (only records that failed to decode can have it).
    fn try_from(event: &KinesisEvent<T>) -> Result<Self, BodyError> {
        let mut out = aws::KinesisEvent::default();
        out.records = event.iter().map(aws::KinesisEventRecord::try_from).collect::<Result<_, _>>()?;
        Ok(out)
    }
}

impl<T> TryFrom<KinesisEvent<T>> for aws::KinesisEvent {
    type Error = BodyError;

    /// Converts an event to the `aws_lambda_events` type; see the conversion of `&KinesisEvent`.
    ///
    /// # Errors
    ///
    /// When a record's data is not base64.
    fn try_from(event: KinesisEvent<T>) -> Result<Self, BodyError> {
        Self::try_from(&event)
    }
}

impl From<BatchResponse> for aws_lambda_events::streams::KinesisEventResponse {
    /// The `aws_lambda_events` form of a batch response.
    fn from(response: BatchResponse) -> Self {
        let mut aws_response = Self::default();
        aws_response.batch_item_failures = response
            .batch_item_failures
            .into_iter()
            .map(|failure| {
                let mut aws_failure = aws_lambda_events::streams::KinesisBatchItemFailure::default();
                aws_failure.item_identifier = Some(failure.item_identifier);
                aws_failure
            })
            .collect();
        aws_response
    }
}
