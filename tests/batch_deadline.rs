//! A batch that would run past the function's timeout: with `process`, the invocation times out
//! and Lambda retries the whole batch, the records already processed with it; with
//! `process_until(deadline less a margin)`, the records not started are reported and the ones
//! done stay done. Run through `TestFunction`, which times an invocation out at its deadline as
//! Lambda does.

use std::sync::Mutex;
use std::time::Duration;

use faaskit::Context;
use faaskit::batch::BatchResponse;
use faaskit::kinesis::KinesisEvent;
use faaskit::sqs::SqsEvent;
use faaskit::testing::{KinesisEventBuilder, SqsEventBuilder, TestFunction};
use serde_json::Value;

/// How long each record takes.
const PER_RECORD: Duration = Duration::from_millis(150);
/// The invocation's timeout: enough for a few records of the batch, never for all.
const TIMEOUT: Duration = Duration::from_millis(2_000);
/// Start no record in the last `MARGIN` of the invocation: far more than one record takes, so
/// that a loaded machine still finishes the last one in time.
const MARGIN: Duration = Duration::from_millis(1_200);
const RECORDS: usize = 20;

/// The ids of the messages `slow_queue` processed, in order.
static MESSAGES_DONE: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// The sequence numbers of the records `slow_stream` processed, in order.
static RECORDS_DONE: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn taken(done: &Mutex<Vec<String>>) -> Vec<String> {
    std::mem::take(&mut *done.lock().expect("not poisoned"))
}

#[faaskit::handler(main = false)]
async fn slow_queue(event: SqsEvent, context: Context) -> BatchResponse {
    event
        .process_until(context.deadline() - MARGIN, |message| async move {
            tokio::time::sleep(PER_RECORD).await;
            MESSAGES_DONE.lock().expect("not poisoned").push(message.message_id().to_owned());
            Ok::<_, std::convert::Infallible>(())
        })
        .await
}

#[faaskit::handler(main = false)]
async fn slow_queue_without_a_stop(event: SqsEvent) -> BatchResponse {
    event
        .process(|_| async move {
            tokio::time::sleep(PER_RECORD).await;
            Ok::<_, std::convert::Infallible>(())
        })
        .await
}

#[faaskit::handler(main = false)]
async fn slow_stream(event: KinesisEvent, context: Context) -> BatchResponse {
    event
        .process_until(context.deadline() - MARGIN, |record| async move {
            tokio::time::sleep(PER_RECORD).await;
            RECORDS_DONE.lock().expect("not poisoned").push(record.sequence_number().to_owned());
            Ok::<_, std::convert::Infallible>(())
        })
        .await
}

fn reported(response: &Value) -> Vec<String> {
    let failures = response["batchItemFailures"].as_array().unwrap_or_else(|| panic!("a batch response: {response}"));
    failures.iter().map(|failure| failure["itemIdentifier"].as_str().expect("an identifier").to_owned()).collect()
}

/// Every record either processed or reported, never both, in batch order: a prefix processed,
/// the rest reported.
fn assert_split(ids: &[String], processed: &[String], reported: &[String]) {
    assert!(!processed.is_empty(), "at least the first record is processed before the stop time");
    assert!(!reported.is_empty(), "the batch cannot all fit: some records are reported");
    assert_eq!(processed, &ids[..processed.len()], "the records processed are the batch's first");
    assert_eq!(reported, &ids[processed.len()..], "the rest, reported in order");
}

#[tokio::test]
async fn sqs_reports_the_messages_not_started_and_keeps_the_ones_done() {
    let mut builder = SqsEventBuilder::new("orders");
    for n in 0..RECORDS {
        builder = builder.message_text(&format!("order {n}"));
    }
    let ids: Vec<String> = builder.to_json()["Records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|record| record["messageId"].as_str().expect("an id").to_owned())
        .collect();

    let plain = TestFunction::of::<slow_queue_without_a_stop>().await.expect("prepares");
    let timed_out = plain.invoke_with_context(&builder, plain.context().timeout(TIMEOUT).build()).await;
    let err = timed_out.expect_err("the whole batch runs past the timeout");
    assert_eq!(err.error_type, faaskit::Error::TIMEOUT, "{err:?}");

    let function = TestFunction::of::<slow_queue>().await.expect("prepares");
    let response =
        function.invoke_with_context(&builder, function.context().timeout(TIMEOUT).build()).await.expect("answers");
    assert_split(&ids, &taken(&MESSAGES_DONE), &reported(&response));
}

#[tokio::test]
async fn a_stream_goes_on_from_the_first_record_not_started() {
    let mut builder = KinesisEventBuilder::new("clicks");
    for n in 0..RECORDS {
        builder = builder.record_bytes("k", format!("click {n}").as_bytes());
    }
    let ids: Vec<String> = builder.to_json()["Records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|record| record["kinesis"]["sequenceNumber"].as_str().expect("a sequence number").to_owned())
        .collect();
    let function = TestFunction::of::<slow_stream>().await.expect("prepares");
    let response =
        function.invoke_with_context(&builder, function.context().timeout(TIMEOUT).build()).await.expect("answers");
    assert_split(&ids, &taken(&RECORDS_DONE), &reported(&response));
}

/// A stop time well ahead: only a failure stops these batches.
fn an_hour_ahead() -> std::time::SystemTime {
    std::time::SystemTime::now() + Duration::from_secs(3600)
}

/// What `handle` saw and what the response reported, given the ids of a four-record batch of an
/// ordered source whose second record fails before the stop time: the first two were seen, and
/// the second and every later one reported; none after the failure ran.
fn assert_stopped_at_the_second(ids: &[String], seen: &[String], reported: &[&str], source: &str) {
    assert_eq!(seen, &ids[..2], "{source}: nothing after the failure is processed");
    assert_eq!(reported, &ids[1..], "{source}: the failure and every later record are reported");
}

#[tokio::test]
async fn process_until_keeps_the_order_of_ordered_sources() {
    use faaskit::dynamodb::DynamoDbEvent;
    use faaskit::testing::DynamoDbEventBuilder;

    // FIFO SQS, through process_until and process_concurrently_until.
    let mut fifo = SqsEventBuilder::new("orders").fifo("customer-1");
    for n in 0..4 {
        fifo = fifo.message_text(&format!("order {n}"));
    }
    let ids = fifo.item_identifiers();
    for concurrently in [false, true] {
        let seen = Mutex::new(Vec::new());
        let handle = |message: faaskit::sqs::SqsMessage<_>| {
            let id = message.message_id().to_owned();
            seen.lock().expect("not poisoned").push(id.clone());
            let fails = id == ids[1];
            async move { if fails { Err("refused") } else { Ok(()) } }
        };
        let event: SqsEvent = fifo.build();
        let response = if concurrently {
            event.process_concurrently_until(4, an_hour_ahead(), handle).await
        } else {
            event.process_until(an_hour_ahead(), handle).await
        };
        let source = if concurrently { "FIFO, concurrently" } else { "FIFO" };
        assert_stopped_at_the_second(&ids, &seen.into_inner().unwrap(), &response.failed_identifiers(), source);
    }

    // Kinesis.
    let mut stream = KinesisEventBuilder::new("clicks");
    for n in 0..4 {
        stream = stream.record_bytes("k", format!("click {n}").as_bytes());
    }
    let ids = stream.item_identifiers();
    let mut seen = Vec::new();
    let event: KinesisEvent = stream.build();
    let response = event
        .process_until(an_hour_ahead(), |record| {
            let id = record.sequence_number().to_owned();
            seen.push(id.clone());
            let fails = id == ids[1];
            async move { if fails { Err("refused") } else { Ok(()) } }
        })
        .await;
    assert_stopped_at_the_second(&ids, &seen, &response.failed_identifiers(), "Kinesis");

    // DynamoDB Streams.
    let mut table = DynamoDbEventBuilder::new("orders");
    for n in 0..4 {
        table = table.insert(&serde_json::json!({"id": n}), &serde_json::json!({"id": n}));
    }
    let ids = table.item_identifiers();
    let mut seen = Vec::new();
    let event: DynamoDbEvent = table.build();
    let response = event
        .process_until(an_hour_ahead(), |record| {
            let id = record.sequence_number().expect("a sequence number").to_owned();
            seen.push(id.clone());
            let fails = id == ids[1];
            async move { if fails { Err("refused") } else { Ok(()) } }
        })
        .await;
    assert_stopped_at_the_second(&ids, &seen, &response.failed_identifiers(), "DynamoDB");
}
