//! Partial batch failures: process records one at a time, report the ones that failed.
//!
//! With `ReportBatchItemFailures` enabled on the event source mapping, a function reports the
//! records that failed in `{"batchItemFailures": [{"itemIdentifier": ...}]}`: SQS makes only those
//! messages visible again; Kinesis and DynamoDB Streams retry from the lowest reported sequence
//! number on. A record fails when its body did not decode or when your code returns an error for
//! it; either way it is reported, never dropped.
//!
//! Ordered sources (FIFO queues, streams) stop at the first failure and report it and every
//! later record, so that order holds when Lambda retries.

use std::fmt::Display;
use std::future::Future;

use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

/// The response that tells Lambda which records to retry.
///
/// # Examples
///
/// ```
/// use faaskit::batch::BatchResponse;
///
/// let mut response = BatchResponse::default();
/// response.fail("059f36b4-87a3-44ab-83d2-661975830a7d");
/// assert_eq!(
///     serde_json::to_value(&response).unwrap(),
///     serde_json::json!({"batchItemFailures": [{"itemIdentifier": "059f36b4-87a3-44ab-83d2-661975830a7d"}]})
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchResponse {
    /// The records to retry.
    pub batch_item_failures: Vec<BatchItemFailure>,
}

/// One record to retry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchItemFailure {
    /// The SQS message id, or the Kinesis / DynamoDB Streams sequence number.
    pub item_identifier: String,
}

impl BatchResponse {
    /// Reports a record as failed.
    pub fn fail(&mut self, item_identifier: impl Into<String>) {
        self.batch_item_failures.push(BatchItemFailure { item_identifier: item_identifier.into() });
    }

    /// The identifiers of the failed records, in order.
    pub fn failed_identifiers(&self) -> Vec<&str> {
        self.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect()
    }

    /// Whether every record succeeded.
    pub fn is_success(&self) -> bool {
        self.batch_item_failures.is_empty()
    }
}

/// A record of a batch that supports partial failures.
pub trait BatchRecord {
    /// The identifier Lambda expects in `batchItemFailures`.
    fn item_identifier(&self) -> &str;

    /// Why the record's payload did not decode, if it did not; such a record fails without
    /// reaching your code.
    fn decode_error(&self) -> Option<&dyn std::error::Error>;
}

/// How a batch is processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ordering {
    /// Every record is processed; each failure is reported on its own (standard SQS queues).
    Unordered,
    /// Processing stops at the first failure, which is reported with every later record
    /// (FIFO queues, Kinesis and DynamoDB streams), so order holds on retry.
    StopAtFirstFailure,
}

/// Processes records one at a time, in order, and reports the failures.
///
/// `handle` is called for each record whose payload decoded. An `Err` fails the record and is
/// logged with its identifier; undecodable records fail without calling `handle`.
pub async fn process<R, F, Fut, E>(records: Vec<R>, ordering: Ordering, mut handle: F) -> BatchResponse
where
    R: BatchRecord,
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    let mut response = BatchResponse::default();
    let mut records = records.into_iter();
    while let Some(record) = records.next() {
        let (failed, id) = handle_one(record, &mut handle).await;
        if failed {
            response.fail(id);
            if ordering == Ordering::StopAtFirstFailure {
                let skipped: Vec<String> = records.map(|r| r.item_identifier().to_owned()).collect();
                if let (Some(first), Some(last)) = (skipped.first(), skipped.last()) {
                    // They follow one another in the batch: the first and the last name them all.
                    tracing::warn!(
                        count = skipped.len(),
                        first = %first,
                        last = %last,
                        "later records not processed: reported for retry to keep order"
                    );
                }
                for id in skipped {
                    response.fail(id);
                }
                break;
            }
        }
    }
    response
}

/// Handles one record: whether it failed (its payload did not decode, or `handle` returned an
/// error, each logged with the record's identifier), and that identifier. A panic in `handle`
/// is logged with the identifier too.
async fn handle_one<R, F, Fut, E>(record: R, handle: &mut F) -> (bool, String)
where
    R: BatchRecord,
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    let id = record.item_identifier().to_owned();
    if let Some(err) = record.decode_error() {
        tracing::warn!(item = %id, error = %err, "record failed: its payload did not decode");
        return (true, id);
    }
    match faaskit_core::__private::handling_record(id, handle(record)).await {
        (Ok(()), id) => (false, id),
        (Err(err), id) => {
            tracing::warn!(item = %id, error = %err, "record failed");
            (true, id)
        }
    }
}

/// Processes records concurrently, at most `limit` at a time, and reports the failures in
/// record order. For unordered sources only.
pub async fn process_concurrently<R, F, Fut, E>(records: Vec<R>, limit: usize, handle: F) -> BatchResponse
where
    R: BatchRecord,
    F: Fn(R) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    let handle = &handle;
    let mut outcomes: Vec<(usize, String, bool)> = futures_util::stream::iter(records.into_iter().enumerate())
        .map(|(index, record)| async move {
            let mut handle = handle;
            let (failed, id) = handle_one(record, &mut handle).await;
            (index, id, failed)
        })
        .buffer_unordered(limit.max(1))
        .collect()
        .await;
    outcomes.sort_by_key(|(index, _, _)| *index);
    let mut response = BatchResponse::default();
    for (_, id, failed) in outcomes {
        if failed {
            response.fail(id);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Item {
        id: &'static str,
        broken: Option<std::io::Error>,
    }

    impl BatchRecord for Item {
        fn item_identifier(&self) -> &str {
            self.id
        }

        fn decode_error(&self) -> Option<&dyn std::error::Error> {
            self.broken.as_ref().map(|e| e as &dyn std::error::Error)
        }
    }

    fn items() -> Vec<Item> {
        vec![
            Item { id: "a", broken: None },
            Item { id: "b", broken: Some(std::io::Error::other("bad body")) },
            Item { id: "c", broken: None },
            Item { id: "d", broken: None },
        ]
    }

    #[tokio::test]
    async fn unordered_reports_each_failure() {
        let mut seen = Vec::new();
        let response = process(items(), Ordering::Unordered, |item| {
            seen.push(item.id);
            async move { if item.id == "c" { Err("c is bad") } else { Ok(()) } }
        })
        .await;
        assert_eq!(response.failed_identifiers(), ["b", "c"]);
        assert_eq!(seen, ["a", "c", "d"], "undecodable records never reach the handler");
    }

    #[tokio::test]
    async fn ordered_stops_at_the_first_failure() {
        let mut seen = Vec::new();
        let response = process(items(), Ordering::StopAtFirstFailure, |item| {
            seen.push(item.id);
            async { Ok::<_, String>(()) }
        })
        .await;
        assert_eq!(response.failed_identifiers(), ["b", "c", "d"]);
        assert_eq!(seen, ["a"]);
    }

    #[tokio::test]
    async fn concurrent_reports_in_record_order() {
        let response = process_concurrently(items(), 3, |item| async move {
            tokio::time::sleep(std::time::Duration::from_millis(if item.id == "a" { 30 } else { 1 })).await;
            if item.id == "a" || item.id == "d" { Err("failed") } else { Ok(()) }
        })
        .await;
        assert_eq!(response.failed_identifiers(), ["a", "b", "d"]);
    }
}
