//! A batch of DynamoDB stream records, as Lambda delivers it.

use std::fmt::Display;
use std::future::Future;
use std::time::SystemTime;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::Value;

use super::image::ImageError;
use super::record::DynamoDbRecord;
use super::wire::RecordWire;
use crate::batch::{self, BatchResponse, Ordering};
use crate::records::read_records;

/// A DynamoDB Streams event: a batch of changes, images decoded into `T`.
///
/// `T` is any `serde::Deserialize` type, read from AttributeValue JSON
/// (`{"Id": {"N": "101"}}`) in one pass, or `serde_json::Value` (the default) for plain JSON
/// (`{"Id": 101}`). A record whose image is not a `T` fails alone: it carries its
/// [`decode_error`](DynamoDbRecord::decode_error), and [`process`](Self::process) reports it
/// for retry without calling your code.
///
/// # Examples
///
/// ```
/// use faaskit::dynamodb::{DynamoDbEvent, EventName};
///
/// #[derive(serde::Deserialize)]
/// struct Order { id: u64, status: String }
///
/// let payload = r#"{"Records": [{
///     "eventID": "c4ca4238a0b923820dcc509a6f75849b", "eventName": "MODIFY",
///     "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
///     "dynamodb": {
///         "ApproximateCreationDateTime": 1428537600,
///         "Keys": {"id": {"N": "101"}},
///         "NewImage": {"id": {"N": "101"}, "status": {"S": "shipped"}},
///         "OldImage": {"id": {"N": "101"}, "status": {"S": "placed"}},
///         "SequenceNumber": "4421584500000000017450439091", "SizeBytes": 59,
///         "StreamViewType": "NEW_AND_OLD_IMAGES"
///     },
///     "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2015-06-27T00:48:05.899"
/// }]}"#;
/// let event: DynamoDbEvent<Order> = serde_json::from_str(payload).unwrap();
/// for record in &event {
///     assert_eq!(record.event_name(), EventName::Modify);
///     assert_eq!(record.old_image().unwrap().status, "placed");
///     assert_eq!(record.new_image().unwrap().status, "shipped");
///     assert_eq!(record.table_name(), Some("Orders"));
/// }
/// ```
#[derive(Clone, Debug)]
pub struct DynamoDbEvent<T = Value> {
    records: Vec<DynamoDbRecord<T>>,
}

impl<T> DynamoDbEvent<T> {
    /// An event of these records.
    pub fn new(records: Vec<DynamoDbRecord<T>>) -> Self {
        Self { records }
    }

    /// The records, in stream order.
    pub fn records(&self) -> &[DynamoDbRecord<T>] {
        &self.records
    }

    /// The records, owned.
    pub fn into_records(self) -> Vec<DynamoDbRecord<T>> {
        self.records
    }

    /// The records, owned, when every one decoded.
    ///
    /// For a handler that uses the records together rather than one by one through
    /// [`process`](Self::process): returned with `?`, a record that did not decode fails the
    /// invocation (`Faaskit.DecodeError`), so Lambda retries the batch and nothing is skipped.
    /// [`into_records`](Self::into_records) hands over every record, its keys and images `None` when
    /// they did not decode.
    ///
    /// The error must reach the answer (`?`): a handler that drops it answers as if the whole
    /// batch were processed, and no warning names the records.
    ///
    /// # Errors
    ///
    /// The first record whose keys or an image did not decode: its error names the record, its
    /// `SequenceNumber`, the image and the attribute.
    pub fn try_into_records(mut self) -> Result<Vec<DynamoDbRecord<T>>, ImageError> {
        match crate::unread_error::take_first(self.records.iter_mut().map(|record| &mut record.error)) {
            Some(error) => Err(error),
            None => Ok(self.records),
        }
    }

    /// Iterates over the records.
    pub fn iter(&self) -> std::slice::Iter<'_, DynamoDbRecord<T>> {
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
    /// `f` is called for each record whose images decoded. Streams are ordered: at the first
    /// failure (an image that did not decode, or an `Err` from `f`) processing stops, and that
    /// record and every later one are reported by sequence number. Enable
    /// `ReportBatchItemFailures` on the event source mapping and return the response.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::dynamodb::DynamoDbEvent;
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let payload = r#"{"Records": [
    ///     {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "1", "NewImage": {"n": {"N": "1"}}}},
    ///     {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "2", "NewImage": {"n": {"S": "two"}}}},
    ///     {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "3", "NewImage": {"n": {"N": "3"}}}}
    /// ]}"#;
    /// #[derive(serde::Deserialize)]
    /// struct Counter { n: u32 }
    ///
    /// let event: DynamoDbEvent<Counter> = serde_json::from_str(payload).unwrap();
    /// let response = event.process(|record| async move {
    ///     // A REMOVE has no new image: an error here would stop the stream at every delete.
    ///     if let Some(counter) = record.new_image() {
    ///         println!("n = {}", counter.n);
    ///     }
    ///     Ok::<_, &str>(())
    /// }).await;
    /// // Record 2 is not a Counter: it and every later record are retried, in order.
    /// assert_eq!(response.failed_identifiers(), ["2", "3"]);
    /// # });
    /// ```
    pub async fn process<F, Fut, E>(self, f: F) -> BatchResponse
    where
        F: FnMut(DynamoDbRecord<T>) -> Fut,
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
    /// use faaskit::dynamodb::DynamoDbEvent;
    ///
    /// #[faaskit::handler]
    /// async fn changes(event: DynamoDbEvent<serde_json::Value>, context: Context) -> BatchResponse {
    ///     // Each record takes well under a second: start none in the last two.
    ///     let stop_at = context.deadline() - Duration::from_secs(2);
    ///     event.process_until(stop_at, |record| async move {
    ///         println!("{:?}", record.sequence_number());
    ///         Ok::<_, std::convert::Infallible>(())
    ///     }).await
    /// }
    /// ```
    pub async fn process_until<F, Fut, E>(self, stop_at: SystemTime, f: F) -> BatchResponse
    where
        F: FnMut(DynamoDbRecord<T>) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: Display,
    {
        batch::process_until(self.records, Ordering::StopAtFirstFailure, stop_at, f).await
    }
}

impl<T> Default for DynamoDbEvent<T> {
    fn default() -> Self {
        Self { records: Vec::new() }
    }
}

impl<T> IntoIterator for DynamoDbEvent<T> {
    type Item = DynamoDbRecord<T>;
    type IntoIter = std::vec::IntoIter<DynamoDbRecord<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a DynamoDbEvent<T> {
    type Item = &'a DynamoDbRecord<T>;
    type IntoIter = std::slice::Iter<'a, DynamoDbRecord<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.iter()
    }
}

impl<'de, T: DeserializeOwned + 'static> Deserialize<'de> for DynamoDbEvent<T> {
    /// Reads the event as Lambda writes it. An envelope that is not a stream event fails the
    /// whole event; an image that is not a `T` fails only its record.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wires: Vec<RecordWire> = read_records(deserializer)?;
        let mut records: Vec<DynamoDbRecord<T>> =
            wires.into_iter().enumerate().map(|(index, wire)| wire.into_record(Some(index))).collect();
        crate::unread_error::one_event(records.iter_mut().map(|record| &mut record.error));
        Ok(Self { records })
    }
}
