//! A batch of SQS messages, as Lambda delivers it, and partial batch failures.

use std::fmt::Display;
use std::future::Future;
use std::time::SystemTime;

use serde::Deserialize;
use serde::de::Deserializer;

use super::message::{MessageError, SqsMessage};
use crate::batch::{self, BatchResponse, Ordering};
use crate::body::{FromBody, Text};
use crate::records::read_records;

/// An SQS event: a batch of messages, bodies decoded into `T`.
///
/// `T` is [`Text`] (the default) for the bodies as sent, or any `serde::Deserialize` type for
/// JSON bodies. A message whose body does not decode fails alone; [`process`](Self::process)
/// reports it in `batchItemFailures` without calling your code.
///
/// # Examples
///
/// ```
/// use faaskit::sqs::SqsEvent;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// #[derive(serde::Deserialize)]
/// struct Order { order_id: String, amount: f64 }
///
/// let payload = r#"{"Records": [
///     {"messageId": "a", "body": "{\"order_id\": \"o-1\", \"amount\": 5}"},
///     {"messageId": "b", "body": "not JSON"},
///     {"messageId": "c", "body": "{\"order_id\": \"o-3\", \"amount\": -1}"},
///     {"messageId": "d", "body": "{\"order_id\": \"o-4\", \"amount\": 7}"}
/// ]}"#;
/// let event: SqsEvent<Order> = serde_json::from_str(payload).unwrap();
/// let response = event.process(|message| async move {
///     let order = message.body().ok_or("no order")?;
///     if order.amount < 0.0 { return Err("negative amount"); }
///     Ok(())
/// }).await;
/// // `b` did not decode, `c` failed: both are retried, the others are done.
/// assert_eq!(response.failed_identifiers(), ["b", "c"]);
/// # });
/// ```
#[derive(Clone, Debug)]
pub struct SqsEvent<T = Text> {
    records: Vec<SqsMessage<T>>,
}

impl<T> SqsEvent<T> {
    /// An event of these messages.
    pub fn new(mut records: Vec<SqsMessage<T>>) -> Self {
        crate::unread_error::one_event(records.iter_mut().map(|message| &mut message.error));
        Self { records }
    }

    /// The messages, in the order SQS delivered them.
    pub fn records(&self) -> &[SqsMessage<T>] {
        &self.records
    }

    /// The messages, owned.
    pub fn into_records(self) -> Vec<SqsMessage<T>> {
        self.records
    }

    /// The messages, owned, when every one decoded.
    ///
    /// For a handler that uses the messages together rather than one by one through
    /// [`process`](Self::process): returned with `?`, a message that did not decode fails the
    /// invocation (`Faaskit.DecodeError`), so Lambda retries the batch and nothing is skipped.
    /// [`into_records`](Self::into_records) hands over every message, its body `None` when
    /// they did not decode.
    ///
    /// The error must reach the answer (`?`): a handler that drops it answers as if the whole
    /// batch were processed, and no warning names the records.
    ///
    /// # Errors
    ///
    /// The first message whose body did not decode: its error names the message, its `messageId`
    /// and what was wrong.
    pub fn try_into_records(mut self) -> Result<Vec<SqsMessage<T>>, MessageError> {
        match crate::unread_error::take_first(self.records.iter_mut().map(|message| &mut message.error)) {
            Some(error) => Err(error),
            None => Ok(self.records),
        }
    }

    /// Iterates over the messages.
    pub fn iter(&self) -> std::slice::Iter<'_, SqsMessage<T>> {
        self.records.iter()
    }

    /// How many messages the batch holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the batch holds no message.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Whether the batch comes from a FIFO queue.
    pub fn is_fifo(&self) -> bool {
        self.records.iter().any(SqsMessage::is_fifo)
    }

    /// How a batch from this queue must be processed: in order, stopping at the first failure,
    /// for a FIFO queue; every message on its own otherwise.
    pub fn ordering(&self) -> Ordering {
        if self.is_fifo() { Ordering::StopAtFirstFailure } else { Ordering::Unordered }
    }

    /// Processes the messages one at a time, in order, and reports the failures for retry.
    ///
    /// `f` is called for each message whose body decoded; a body that did not decode, or an
    /// `Err` from `f`, fails the message. On a standard queue every message is processed and
    /// each failure reported; on a FIFO queue processing stops at the first failure, and that
    /// message and every later one are reported, so the group's order holds when SQS retries.
    /// Enable `ReportBatchItemFailures` on the event source mapping and return the response.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::sqs::SqsEvent;
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let fifo = r#"{"Records": [
    ///     {"messageId": "1", "body": "ok", "eventSourceARN": "arn:aws:sqs:us-east-1:1:orders.fifo"},
    ///     {"messageId": "2", "body": "fail", "eventSourceARN": "arn:aws:sqs:us-east-1:1:orders.fifo"},
    ///     {"messageId": "3", "body": "ok", "eventSourceARN": "arn:aws:sqs:us-east-1:1:orders.fifo"}
    /// ]}"#;
    /// let event: SqsEvent = serde_json::from_str(fifo).unwrap();
    /// let response = event.process(|message| async move {
    ///     if message.body().map(|body| body.as_str()) == Some("fail") { Err("refused") } else { Ok(()) }
    /// }).await;
    /// assert_eq!(response.failed_identifiers(), ["2", "3"]);
    /// # });
    /// ```
    pub async fn process<F, Fut, E>(self, f: F) -> BatchResponse
    where
        F: FnMut(SqsMessage<T>) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: Display,
    {
        let ordering = self.ordering();
        batch::process(self.records, ordering, f).await
    }

    /// Processes the messages as [`process`](Self::process) does, but starts none at or after
    /// `stop_at`: those are reported for retry, and the ones already processed stay done.
    ///
    /// A batch that runs past the function's timeout fails whole: SQS makes every message of it
    /// visible again, the processed ones too. Pass the invocation's deadline less a margin longer
    /// than the slowest message takes; a message started before `stop_at` is let finish, and the
    /// first message always starts. Enable `ReportBatchItemFailures` on the event source mapping:
    /// without it SQS deletes the messages not started. Each report counts towards the queue's
    /// `maxReceiveCount`; [`batch::process_until`] says more.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use faaskit::Context;
    /// use faaskit::batch::BatchResponse;
    /// use faaskit::sqs::SqsEvent;
    ///
    /// #[faaskit::handler]
    /// async fn orders(event: SqsEvent, context: Context) -> BatchResponse {
    ///     // Each message takes well under a second: start none in the last two.
    ///     let stop_at = context.deadline() - Duration::from_secs(2);
    ///     event.process_until(stop_at, |message| async move {
    ///         println!("{}", message.message_id());
    ///         Ok::<_, std::convert::Infallible>(())
    ///     }).await
    /// }
    /// ```
    pub async fn process_until<F, Fut, E>(self, stop_at: SystemTime, f: F) -> BatchResponse
    where
        F: FnMut(SqsMessage<T>) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: Display,
    {
        let ordering = self.ordering();
        batch::process_until(self.records, ordering, stop_at, f).await
    }

    /// Processes up to `limit` messages at a time and reports the failures for retry.
    ///
    /// For standard queues. A FIFO batch is processed in order, one message at a time, as
    /// [`process`](Self::process) does, whatever `limit` says.
    pub async fn process_concurrently<F, Fut, E>(self, limit: usize, f: F) -> BatchResponse
    where
        F: Fn(SqsMessage<T>) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: Display,
    {
        match self.ordering() {
            Ordering::StopAtFirstFailure => batch::process(self.records, Ordering::StopAtFirstFailure, f).await,
            Ordering::Unordered => batch::process_concurrently(self.records, limit, f).await,
        }
    }

    /// Processes up to `limit` messages at a time, as
    /// [`process_concurrently`](Self::process_concurrently) does, but starts none at or after
    /// `stop_at`: those are reported for retry (see [`process_until`](Self::process_until)).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use faaskit::Context;
    /// use faaskit::batch::BatchResponse;
    /// use faaskit::sqs::SqsEvent;
    ///
    /// #[faaskit::handler]
    /// async fn orders(event: SqsEvent, context: Context) -> BatchResponse {
    ///     let stop_at = context.deadline() - Duration::from_secs(2);
    ///     event.process_concurrently_until(8, stop_at, |message| async move {
    ///         println!("{}", message.message_id());
    ///         Ok::<_, std::convert::Infallible>(())
    ///     }).await
    /// }
    /// ```
    pub async fn process_concurrently_until<F, Fut, E>(self, limit: usize, stop_at: SystemTime, f: F) -> BatchResponse
    where
        F: Fn(SqsMessage<T>) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: Display,
    {
        match self.ordering() {
            Ordering::StopAtFirstFailure => {
                batch::process_until(self.records, Ordering::StopAtFirstFailure, stop_at, f).await
            }
            Ordering::Unordered => batch::process_concurrently_until(self.records, limit, stop_at, f).await,
        }
    }
}

impl<T> Default for SqsEvent<T> {
    fn default() -> Self {
        Self { records: Vec::new() }
    }
}

impl<T> IntoIterator for SqsEvent<T> {
    type Item = SqsMessage<T>;
    type IntoIter = std::vec::IntoIter<SqsMessage<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SqsEvent<T> {
    type Item = &'a SqsMessage<T>;
    type IntoIter = std::slice::Iter<'a, SqsMessage<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.records.iter()
    }
}

impl<'de, T: FromBody> Deserialize<'de> for SqsEvent<T> {
    /// Reads the event as Lambda writes it. An envelope that is not an SQS event fails the
    /// whole event; a body that is not a `T` fails only its message.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::new(read_records(deserializer)?))
    }
}
