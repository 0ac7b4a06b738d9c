//! A batch of Kinesis records, as Lambda delivers it.

use std::fmt::Display;
use std::future::Future;
use std::time::SystemTime;

use serde::Deserialize;
use serde::de::Deserializer;

use super::record::{DataError, KinesisRecord};
use super::wire::EventWire;
use crate::batch::{self, BatchResponse, Ordering};
use crate::body::{Binary, FromBody};
use crate::intern::Interner;

/// A Kinesis Data Streams event: a batch of records, data decoded into `T`.
///
/// `T` is [`Binary`] (the default) for the bytes as sent, [`Text`](crate::body::Text) for
/// UTF-8 text, or any `serde::Deserialize` type for JSON data. A record whose data is not a
/// `T` fails alone: it carries its [`decode_error`](KinesisRecord::decode_error), and
/// [`process`](Self::process) reports it for retry without calling your code.
///
/// # Examples
///
/// ```
/// use faaskit::body::Text;
/// use faaskit::kinesis::KinesisEvent;
///
/// let payload = r#"{"Records": [{
///     "kinesis": {
///         "kinesisSchemaVersion": "1.0", "partitionKey": "1",
///         "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
///         "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==", "approximateArrivalTimestamp": 1545084650.987
///     },
///     "eventSource": "aws:kinesis", "eventVersion": "1.0",
///     "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
///     "eventName": "aws:kinesis:record", "awsRegion": "us-east-2",
///     "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
///     "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"
/// }]}"#;
/// let event: KinesisEvent<Text> = serde_json::from_str(payload).unwrap();
/// let record = &event.records()[0];
/// assert_eq!(record.data().map(Text::as_str), Some("Hello, this is a test."));
/// assert_eq!(record.approximate_arrival_time().unwrap().timestamp_millis(), 1545084650987);
/// ```
#[derive(Clone, Debug)]
pub struct KinesisEvent<T = Binary> {
    records: Vec<KinesisRecord<T>>,
}

impl<T> KinesisEvent<T> {
    /// An event of these records.
    pub fn new(records: Vec<KinesisRecord<T>>) -> Self {
        Self { records }
    }

    /// The records, in stream order.
    pub fn records(&self) -> &[KinesisRecord<T>] {
        &self.records
    }

    /// The records, owned.
    pub fn into_records(self) -> Vec<KinesisRecord<T>> {
        self.records
    }

    /// The records, owned, when every one decoded.
    ///
    /// For a handler that uses the records together rather than one by one through
    /// [`process`](Self::process): returned with `?`, a record that did not decode fails the
    /// invocation (`Faaskit.DecodeError`), so Lambda retries the batch and nothing is skipped.
    /// [`into_records`](Self::into_records) hands over every record, its data `None` when
    /// they did not decode.
    ///
    /// The error must reach the answer (`?`): a handler that drops it answers as if the whole
    /// batch were processed, and no warning names the records.
    ///
    /// # Errors
    ///
    /// The first record whose data did not decode: its error names the record, its
    /// `sequenceNumber` and what was wrong.
    pub fn try_into_records(mut self) -> Result<Vec<KinesisRecord<T>>, DataError> {
        match crate::unread_error::take_first(self.records.iter_mut().map(|record| &mut record.error)) {
            Some(error) => Err(error),
            None => Ok(self.records),
        }
    }

    /// Iterates over the records.
    pub fn iter(&self) -> std::slice::Iter<'_, KinesisRecord<T>> {
        self.records.iter()
    }

    /// How many records the batch holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the batch holds no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Processes the records one at a time, in order, and reports the failures for retry.
    ///
    /// `f` is called for each record whose data decoded. Streams are ordered: at the first
    /// failure (data that did not decode, or an `Err` from `f`) processing stops, and that
    /// record and every later one are reported by sequence number. Enable
    /// `ReportBatchItemFailures` on the event source mapping and return the response.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::kinesis::KinesisEvent;
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// #[derive(serde::Deserialize)]
    /// struct Click { page: String }
    ///
    /// // {"page":"/"}, then "oops" (not JSON), then {"page":"/a"}
    /// let payload = r#"{"Records": [
    ///     {"kinesis": {"sequenceNumber": "1", "data": "eyJwYWdlIjoiLyJ9"}},
    ///     {"kinesis": {"sequenceNumber": "2", "data": "b29wcw=="}},
    ///     {"kinesis": {"sequenceNumber": "3", "data": "eyJwYWdlIjoiL2EifQ=="}}
    /// ]}"#;
    /// let event: KinesisEvent<Click> = serde_json::from_str(payload).unwrap();
    /// let response = event.process(|record| async move {
    ///     let click = record.data().ok_or("no data")?;
    ///     println!("{}", click.page);
    ///     Ok::<_, &str>(())
    /// }).await;
    /// assert_eq!(response.failed_identifiers(), ["2", "3"]);
    /// # });
    /// ```
    pub async fn process<F, Fut, E>(self, f: F) -> BatchResponse
    where
        F: FnMut(KinesisRecord<T>) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: Display,
    {
        batch::process(self.records, Ordering::StopAtFirstFailure, f).await
    }

    /// Processes the records as [`process`](Self::process) does, but starts none at or after
    /// `stop_at`: those are reported for retry, and the stream goes on from the first of them.
    ///
    /// A batch that runs past the function's timeout is retried from its start, the records
    /// already processed with it. Pass the invocation's deadline less a margin longer than the
    /// slowest record takes; a record started before `stop_at` is let finish, and the first
    /// record always starts. Enable `ReportBatchItemFailures` on the event source mapping:
    /// without it the stream moves past the records not started. [`batch::process_until`] says
    /// more.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use faaskit::batch::BatchResponse;
    /// use faaskit::Context;
    /// use faaskit::kinesis::KinesisEvent;
    ///
    /// #[faaskit::handler]
    /// async fn changes(event: KinesisEvent<serde_json::Value>, context: Context) -> BatchResponse {
    ///     // Each record takes well under a second: start none in the last two.
    ///     let stop_at = context.deadline() - Duration::from_secs(2);
    ///     event.process_until(stop_at, |record| async move {
    ///         println!("{}", record.sequence_number());
    ///         Ok::<_, std::convert::Infallible>(())
    ///     }).await
    /// }
    /// ```
    pub async fn process_until<F, Fut, E>(self, stop_at: SystemTime, f: F) -> BatchResponse
    where
        F: FnMut(KinesisRecord<T>) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: Display,
    {
        batch::process_until(self.records, Ordering::StopAtFirstFailure, stop_at, f).await
    }
}

impl<T> Default for KinesisEvent<T> {
    fn default() -> Self {
        Self { records: Vec::new() }
    }
}

impl<T> IntoIterator for KinesisEvent<T> {
    type Item = KinesisRecord<T>;
    type IntoIter = std::vec::IntoIter<KinesisRecord<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a KinesisEvent<T> {
    type Item = &'a KinesisRecord<T>;
    type IntoIter = std::slice::Iter<'a, KinesisRecord<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.iter()
    }
}

impl<'de, T: FromBody> Deserialize<'de> for KinesisEvent<T> {
    /// Reads the event as Lambda writes it. An envelope that is not a Kinesis event fails the
    /// whole event; data that is not a `T` fails only its record.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = EventWire::deserialize(deserializer)?;
        let mut shared = Interner::default();
        let mut records: Vec<KinesisRecord<T>> = wire
            .records
            .into_iter()
            .enumerate()
            .map(|(index, record)| record.into_record(Some(index), &mut shared))
            .collect();
        crate::unread_error::one_event(records.iter_mut().map(|record| &mut record.error));
        Ok(Self { records })
    }
}
