//! An SNS event, as Lambda receives it from a topic.

use serde::Deserialize;

use super::record::SnsRecord;
use crate::body::{FromBody, Text};

/// An SNS event: its records (Lambda delivers one per invocation today, but every record is
/// read), each message decoded into `T`.
///
/// `T` is [`Text`] (the default) for the message as published, or any `serde::Deserialize`
/// type for JSON messages ([`S3Event`](crate::s3) for S3 notifications sent to a topic).
///
/// # Examples
///
/// ```
/// use faaskit::sns::SnsEvent;
///
/// // In a function: `#[faaskit::handler]` on this `async fn`.
/// async fn alerts(event: SnsEvent) -> Vec<String> {
///     event.records().iter().map(|record| format!("{}: {}", record.topic_arn(), record.message().as_str())).collect()
/// }
/// # let event: SnsEvent = serde_json::from_str(r#"{"Records": [{"Sns": {"MessageId": "m",
/// #     "TopicArn": "arn:aws:sns:us-east-1:1:alerts", "Message": "disk full"}}]}"#).unwrap();
/// # let out = tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(alerts(event));
/// # assert_eq!(out, ["arn:aws:sns:us-east-1:1:alerts: disk full"]);
/// ```
///
/// # Errors
///
/// SNS has no partial batch response: a message that is not a `T` fails the invocation (SNS
/// retries it, then sends it to the subscription's dead-letter queue), with an error naming
/// the record, the message id and the path in the message.
#[derive(Clone, Debug, Deserialize)]
#[serde(bound(deserialize = "T: FromBody"))]
pub struct SnsEvent<T = Text> {
    #[serde(rename = "Records")]
    records: Vec<SnsRecord<T>>,
}

impl<T> SnsEvent<T> {
    /// The records.
    pub fn records(&self) -> &[SnsRecord<T>] {
        &self.records
    }

    /// The records, owned.
    pub fn into_records(self) -> Vec<SnsRecord<T>> {
        self.records
    }

    /// Iterates over the records.
    pub fn iter(&self) -> std::slice::Iter<'_, SnsRecord<T>> {
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
}

impl<T> IntoIterator for SnsEvent<T> {
    type Item = SnsRecord<T>;
    type IntoIter = std::vec::IntoIter<SnsRecord<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SnsEvent<T> {
    type Item = &'a SnsRecord<T>;
    type IntoIter = std::slice::Iter<'a, SnsRecord<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.iter()
    }
}

impl<T: FromBody> TryFrom<aws_lambda_events::sns::SnsEvent> for SnsEvent<T> {
    type Error = serde_json::Error;

    /// The faaskit event of an `aws_lambda_events` one, messages decoded into `T`.
    ///
    /// # Errors
    ///
    /// When a message is not a `T`.
    fn try_from(event: aws_lambda_events::sns::SnsEvent) -> Result<Self, Self::Error> {
        serde_json::from_value(serde_json::to_value(event)?)
    }
}
