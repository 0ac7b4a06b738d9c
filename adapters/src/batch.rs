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
//!
//! A batch that runs past the function's timeout fails whole, and Lambda retries all of it.
//! [`process_until`] and [`process_concurrently_until`] start no record after a given time and
//! report the ones not started, so that the work done stays done.

use std::fmt::Display;
use std::future::Future;
use std::time::{Duration, Instant, SystemTime};

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
pub async fn process<R, F, Fut, E>(records: Vec<R>, ordering: Ordering, handle: F) -> BatchResponse
where
    R: BatchRecord,
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    process_in_order(records, ordering, None, handle).await
}

/// Processes records one at a time, in order, as [`process`] does, but starts no record at or
/// after `stop_at` (the first excepted): those are reported for retry, with the ones already
/// processed left done.
///
/// A batch that runs past the function's timeout fails whole: SQS makes every message visible
/// again, processed or not, and a stream retries the batch from its start. Stopping a little
/// before the deadline keeps the work done and lets the next invocation go on from the first
/// record not started. Take `context.deadline()` less a margin longer than the slowest record
/// plus the time to return: a record started before `stop_at` is let finish, and one that
/// overruns the real deadline still fails the whole batch.
///
/// - The batch's first record always starts, whatever the time, so that every invocation makes
///   progress: a `stop_at` already passed (a margin as long as the timeout) would otherwise
///   report the same records on every invocation until they expired or went to the dead-letter
///   queue.
/// - The response means something only with `ReportBatchItemFailures` on the event source
///   mapping. Without it Lambda reads any successful answer as "all processed": SQS deletes
///   every message and a stream moves past the batch, so the records not started are lost.
/// - On SQS, a reported message comes back once its visibility timeout has passed, and each
///   report counts as a receive towards the queue's `maxReceiveCount`: leave that headroom.
///   Streams retry from the first record reported; count each stop as a possible retry attempt
///   (`MaximumRetryAttempts`).
///
/// # Examples
///
/// ```
/// use std::time::{Duration, SystemTime};
///
/// use faaskit::batch::{self, BatchRecord, Ordering};
///
/// struct Job(&'static str);
///
/// impl BatchRecord for Job {
///     fn item_identifier(&self) -> &str {
///         self.0
///     }
///
///     fn decode_error(&self) -> Option<&dyn std::error::Error> {
///         None
///     }
/// }
///
/// # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
/// let stop_at = SystemTime::now() + Duration::from_millis(50);
/// let jobs = vec![Job("1"), Job("2"), Job("3")];
/// let response = batch::process_until(jobs, Ordering::Unordered, stop_at, |job| async move {
///     if job.0 == "1" {
///         tokio::time::sleep(Duration::from_millis(100)).await; // runs past `stop_at`
///     }
///     Ok::<_, String>(())
/// })
/// .await;
/// assert_eq!(response.failed_identifiers(), ["2", "3"], "not started: reported for retry");
/// # });
/// ```
pub async fn process_until<R, F, Fut, E>(
    records: Vec<R>,
    ordering: Ordering,
    stop_at: SystemTime,
    handle: F,
) -> BatchResponse
where
    R: BatchRecord,
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    process_in_order(records, ordering, Some(StopAt::new(stop_at)), handle).await
}

async fn process_in_order<R, F, Fut, E>(
    records: Vec<R>,
    ordering: Ordering,
    stop_at: Option<StopAt>,
    mut handle: F,
) -> BatchResponse
where
    R: BatchRecord,
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    let mut response = BatchResponse::default();
    take_charge(&records);
    let mut records = records.into_iter().enumerate().peekable();
    let mut why = "the batch's stop time came: records not started are reported for retry";
    while let Some((_, record)) = records.next_if(|(index, _)| may_start(*index, stop_at)) {
        let (failed, id) = handle_one(record, &mut handle).await;
        if failed {
            response.fail(id);
            if ordering == Ordering::StopAtFirstFailure {
                why = "later records not processed: reported for retry to keep order";
                break;
            }
        }
    }
    let skipped = records.map(|(_, record)| record.item_identifier().to_owned()).collect();
    report_not_started(&mut response, skipped, why);
    response
}

/// Whether the record at `index` of a batch may start now: the first always does, so that every
/// invocation makes progress; the others only before the stop time.
fn may_start(index: usize, stop_at: Option<StopAt>) -> bool {
    index == 0 || !stop_at.is_some_and(StopAt::passed)
}

/// When a batch stops starting records, on the monotonic clock: a change of the wall clock
/// while the batch runs does not move it.
#[derive(Clone, Copy)]
struct StopAt(Instant);

impl StopAt {
    fn new(stop_at: SystemTime) -> Self {
        let left = stop_at.duration_since(SystemTime::now()).unwrap_or_default();
        let now = Instant::now();
        Self(now.checked_add(left).unwrap_or(now + Duration::from_secs(60 * 60 * 24 * 365)))
    }

    fn passed(self) -> bool {
        Instant::now() >= self.0
    }
}

/// Asks each record for its decode error: processing answers for every record from here on
/// (each is handled or reported, or the invocation fails and the batch comes back), so a record
/// dropped unprocessed, by a timeout, say, is not named as one dropped unread.
fn take_charge<R: BatchRecord>(records: &[R]) {
    for record in records {
        let _ = record.decode_error();
    }
}

/// Reports `skipped` records, which follow one another in the batch, as failed, and logs why
/// with the first and the last of them (they name them all).
fn report_not_started(response: &mut BatchResponse, skipped: Vec<String>, why: &'static str) {
    if let (Some(first), Some(last)) = (skipped.first(), skipped.last()) {
        tracing::warn!(count = skipped.len(), first = %first, last = %last, "{why}");
    }
    for id in skipped {
        response.fail(id);
    }
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
    // `handle` is called inside the record's scope: a panic in the closure's own body, before
    // its future, names the record too.
    match faaskit_core::__private::handling_record(id, async move { handle(record).await }).await {
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
    process_at_once(records, limit, None, handle).await
}

/// Processes records concurrently, at most `limit` at a time, as [`process_concurrently`] does,
/// but starts no record at or after `stop_at` (the first excepted): those are reported for retry.
/// For unordered sources only; [`process_until`] says what to know about the stop time.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, SystemTime};
///
/// use faaskit::batch::{self, BatchRecord};
///
/// struct Job(u32);
///
/// impl BatchRecord for Job {
///     fn item_identifier(&self) -> &str {
///         ["0", "1", "2", "3"][self.0 as usize]
///     }
///
///     fn decode_error(&self) -> Option<&dyn std::error::Error> {
///         None
///     }
/// }
///
/// # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
/// let stop_at = SystemTime::now() + Duration::from_millis(200);
/// let jobs = (0..4).map(Job).collect();
/// // Two at a time, each 400 ms: `0` and `1` start at once; when they end, `stop_at` has passed.
/// let response = batch::process_concurrently_until(jobs, 2, stop_at, |_| async {
///     tokio::time::sleep(Duration::from_millis(400)).await;
///     Ok::<_, String>(())
/// })
/// .await;
/// assert_eq!(response.failed_identifiers(), ["2", "3"], "not started: reported for retry");
/// # });
/// ```
pub async fn process_concurrently_until<R, F, Fut, E>(
    records: Vec<R>,
    limit: usize,
    stop_at: SystemTime,
    handle: F,
) -> BatchResponse
where
    R: BatchRecord,
    F: Fn(R) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    process_at_once(records, limit, Some(StopAt::new(stop_at)), handle).await
}

/// What became of one record processed concurrently.
enum Outcome {
    Done,
    Failed,
    NotStarted,
}

async fn process_at_once<R, F, Fut, E>(
    records: Vec<R>,
    limit: usize,
    stop_at: Option<StopAt>,
    handle: F,
) -> BatchResponse
where
    R: BatchRecord,
    F: Fn(R) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    take_charge(&records);
    let handle = &handle;
    // A record's future is first polled when a place among the `limit` frees up: the stop time
    // is checked then, when the record would start.
    let mut outcomes: Vec<(usize, String, Outcome)> = futures_util::stream::iter(records.into_iter().enumerate())
        .map(|(index, record)| async move {
            if !may_start(index, stop_at) {
                return (index, record.item_identifier().to_owned(), Outcome::NotStarted);
            }
            let mut handle = handle;
            let (failed, id) = handle_one(record, &mut handle).await;
            (index, id, if failed { Outcome::Failed } else { Outcome::Done })
        })
        .buffer_unordered(limit.max(1))
        .collect()
        .await;
    outcomes.sort_by_key(|(index, _, _)| *index);
    let mut response = BatchResponse::default();
    let mut skipped = Vec::new();
    for (_, id, outcome) in outcomes {
        match outcome {
            Outcome::Done => {}
            Outcome::Failed => response.fail(id),
            Outcome::NotStarted => skipped.push(id),
        }
    }
    // Records start in order, so the ones not started are the batch's last.
    report_not_started(
        &mut response,
        skipped,
        "the batch's stop time came: records not started are reported for retry",
    );
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

    /// A time well past, and one well ahead.
    fn passed() -> SystemTime {
        SystemTime::now() - Duration::from_secs(1)
    }

    fn ahead() -> SystemTime {
        SystemTime::now() + Duration::from_secs(60)
    }

    #[tokio::test]
    async fn a_stop_time_ahead_changes_nothing() {
        for ordering in [Ordering::Unordered, Ordering::StopAtFirstFailure] {
            let until = process_until(items(), ordering, ahead(), |_| async { Ok::<_, String>(()) }).await;
            let plain = process(items(), ordering, |_| async { Ok::<_, String>(()) }).await;
            assert_eq!(until, plain, "{ordering:?}");
        }
        let until = process_concurrently_until(items(), 2, ahead(), |_| async { Ok::<_, String>(()) }).await;
        assert_eq!(until.failed_identifiers(), ["b"]);
    }

    #[tokio::test]
    async fn a_record_running_at_the_stop_time_finishes_and_the_rest_are_reported() {
        let stop_at = SystemTime::now() + Duration::from_millis(200);
        let mut seen = Vec::new();
        let response = process_until(items(), Ordering::Unordered, stop_at, |item| {
            seen.push(item.id);
            async move {
                if item.id == "a" {
                    tokio::time::sleep(Duration::from_millis(400)).await;
                }
                Ok::<_, String>(())
            }
        })
        .await;
        assert_eq!(seen, ["a"], "`a` ran to its end; nothing started after the stop time");
        assert_eq!(response.failed_identifiers(), ["b", "c", "d"]);
    }

    #[tokio::test]
    async fn an_ordered_failure_after_the_stop_time_reports_the_rest_once() {
        let stop_at = SystemTime::now() + Duration::from_millis(200);
        let response = process_until(items(), Ordering::StopAtFirstFailure, stop_at, |item| async move {
            tokio::time::sleep(Duration::from_millis(300)).await;
            Err::<(), _>(format!("{} failed", item.id))
        })
        .await;
        assert_eq!(response.failed_identifiers(), ["a", "b", "c", "d"], "each once, in order");
    }

    #[tokio::test]
    async fn an_ordered_failure_before_the_stop_time_stops_the_batch_there() {
        let broken_later = || {
            vec![
                Item { id: "a", broken: None },
                Item { id: "b", broken: None },
                Item { id: "c", broken: Some(std::io::Error::other("bad body")) },
                Item { id: "d", broken: None },
            ]
        };
        let mut seen = Vec::new();
        let response = process_until(broken_later(), Ordering::StopAtFirstFailure, ahead(), |item| {
            seen.push(item.id);
            async move { if item.id == "b" { Err("b failed") } else { Ok(()) } }
        })
        .await;
        assert_eq!(seen, ["a", "b"]);
        assert_eq!(response.failed_identifiers(), ["b", "c", "d"], "the failure and every later record, once");
    }

    #[tokio::test]
    async fn concurrent_records_not_started_by_the_stop_time_are_reported_in_order() {
        let stop_at = SystemTime::now() + Duration::from_millis(200);
        let started = std::sync::Mutex::new(Vec::new());
        let response = process_concurrently_until(items(), 2, stop_at, |item| {
            started.lock().expect("not poisoned").push(item.id);
            async move {
                tokio::time::sleep(Duration::from_millis(400)).await;
                if item.id == "a" { Err("a failed") } else { Ok(()) }
            }
        })
        .await;
        // `b` did not decode, so `a` and `c` were the two running when the stop time came.
        assert_eq!(started.into_inner().unwrap(), ["a", "c"]);
        assert_eq!(response.failed_identifiers(), ["a", "b", "d"]);
    }

    /// A stop time already passed when the batch starts (a margin as long as the function's
    /// timeout, or a slow start) must not leave the batch where it was: on a stream the next
    /// invocation gets the same records, and on SQS each report adds to the messages' receive
    /// count, so a batch that starts nothing never moves until its records expire or go to the DLQ.
    #[tokio::test]
    async fn a_batch_whose_stop_time_has_passed_still_processes_its_first_record() {
        for ordering in [Ordering::Unordered, Ordering::StopAtFirstFailure] {
            let mut seen = Vec::new();
            let response = process_until(items(), ordering, passed(), |item| {
                seen.push(item.id);
                async { Ok::<_, String>(()) }
            })
            .await;
            assert_eq!(seen, ["a"], "{ordering:?}: the first record makes progress");
            assert_eq!(response.failed_identifiers(), ["b", "c", "d"], "{ordering:?}");
        }
        let started = std::sync::Mutex::new(Vec::new());
        let response = process_concurrently_until(items(), 3, passed(), |item| {
            started.lock().expect("not poisoned").push(item.id);
            async { Ok::<_, String>(()) }
        })
        .await;
        assert_eq!(started.into_inner().unwrap(), ["a"]);
        assert_eq!(response.failed_identifiers(), ["b", "c", "d"]);
    }
}
