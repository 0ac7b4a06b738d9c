//! What batch processing logs: each failed record by its identifier, the records left
//! unprocessed after a failure by their count, first and last, and a record that did not decode
//! dropped without anyone reading why.

#![cfg(feature = "kinesis")]

use faaskit_adapters::body::Text;
use faaskit_adapters::kinesis::KinesisEvent;
use serde_json::{Value, json};

/// The crate's own test log writer.
#[path = "../src/test_logs.rs"]
mod test_logs;

use test_logs::Logs;

fn kinesis(sequence_numbers: &[&str]) -> KinesisEvent<Text> {
    // "hi"
    let records: Vec<Value> =
        sequence_numbers.iter().map(|seq| json!({"kinesis": {"sequenceNumber": seq, "data": "aGk="}})).collect();
    serde_json::from_value(json!({ "Records": records })).expect("a Kinesis event")
}

#[tokio::test]
async fn names_the_failed_record_and_the_range_left_unprocessed() {
    let (logs, _guard) = Logs::capture();
    let event = kinesis(&["s-1", "s-2", "s-3", "s-4"]);
    let response =
        event.process(|record| async move { if record.sequence_number() == "s-2" { Err("no") } else { Ok(()) } }).await;
    assert_eq!(response.failed_identifiers(), ["s-2", "s-3", "s-4"]);
    let text = logs.text();
    let failed = text.lines().find(|line| line.contains("record failed")).expect("the failure is logged");
    assert!(failed.contains("item=s-2") && failed.contains("error=no"), "{failed}");
    let skipped = text.lines().find(|line| line.contains("later records not processed")).expect("the rest is logged");
    assert!(skipped.contains("count=2") && skipped.contains("first=s-3") && skipped.contains("last=s-4"), "{skipped}");
}

/// A record that did not decode, dropped by a handler that skipped it (`if let Some(body)`)
/// without reading why, is named in a warning: unreported, Lambda would count it as processed.
/// One passed to `process` or `try_into_records`, or whose `decode_error()` was read, is not.
#[cfg(all(feature = "sqs", feature = "dynamodb"))]
mod unread_errors {
    use faaskit_adapters::dynamodb::DynamoDbEvent;
    use faaskit_adapters::sqs::SqsEvent;
    use serde_json::json;

    use super::*;

    const DROPPED: &str = "dropped without its error being read";

    #[derive(Clone, serde::Deserialize)]
    struct Count {
        n: u32,
    }

    fn sqs() -> SqsEvent<Count> {
        let records = json!({"Records": [
            {"messageId": "a", "body": "{\"n\": 1}"},
            {"messageId": "b", "body": "garbage"},
            {"messageId": "c", "body": "{\"n\": \"three\"}"}
        ]});
        serde_json::from_value(records).expect("an SQS event")
    }

    fn dynamodb() -> DynamoDbEvent<Count> {
        let records = json!({"Records": [
            {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "1", "NewImage": {"n": {"N": "1"}}}},
            {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "2", "NewImage": {"n": {"S": "x"}}}}
        ]});
        serde_json::from_value(records).expect("a DynamoDB event")
    }

    fn kinesis_json() -> KinesisEvent<Value> {
        // "{}" and "nope"
        let records = json!({"Records": [
            {"kinesis": {"sequenceNumber": "k-1", "data": "e30="}},
            {"kinesis": {"sequenceNumber": "k-2", "data": "bm9wZQ=="}}
        ]});
        serde_json::from_value(records).expect("a Kinesis event")
    }

    #[test]
    fn a_skipped_record_is_named_when_dropped() {
        let text = Logs::of(|| {
            let event = sqs();
            let sum: u32 = event.iter().filter_map(|message| message.body()).map(|count| count.n).sum();
            assert_eq!(sum, 1);
            drop(event);
            let images = dynamodb().into_records().into_iter().filter_map(|record| record.into_images().new).count();
            assert_eq!(images, 1);
            assert_eq!(kinesis_json().iter().filter(|record| record.data().is_some()).count(), 1);
        });
        let dropped: Vec<&str> = text.lines().filter(|line| line.contains("dropped without")).collect();
        assert_eq!(dropped.len(), 3, "one warning per event: {text}");
        // One event's records make one warning, with their count, the first and the last.
        assert!(dropped[0].contains("2 records that did not decode were dropped without their errors being read"));
        assert!(
            dropped[0].contains("first=message 1 (messageId b)") && dropped[0].contains("last=message 2 (messageId c)")
        );
        for (line, record) in dropped[1..].iter().zip(["SequenceNumber 2", "sequenceNumber k-2"]) {
            assert!(line.contains("WARN") && line.contains(DROPPED) && line.contains(record), "{record}: {line}");
        }
    }

    /// Records dropped by a panic or a cancelled `process` are not named: the invocation fails,
    /// and Lambda retries the batch. Nor are records handed on to `aws_lambda_events` types, or
    /// those a clone of the event reported.
    #[tokio::test]
    async fn a_record_dropped_by_a_failed_invocation_or_handed_on_is_not() {
        let (logs, _guard) = Logs::capture();
        let panicked = std::panic::AssertUnwindSafe(
            sqs().process(|_| async { panic!("the handler panicked") as Result<(), &str> }),
        );
        assert!(futures_util::FutureExt::catch_unwind(panicked).await.is_err());
        let slow = sqs().process(|_| async {
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            Ok::<_, &str>(())
        });
        assert!(tokio::time::timeout(std::time::Duration::from_millis(20), slow).await.is_err());
        let event = sqs();
        let response = event.clone().process(|_| async { Ok::<_, &str>(()) }).await;
        assert_eq!(response.failed_identifiers(), ["b", "c"]);
        drop(event);
        let event = dynamodb();
        let aws = aws_lambda_events::dynamodb::Event::try_from(&event).expect("converts");
        assert_eq!(aws.records.len(), 2);
        drop(event);
        let text = logs.text();
        assert!(!text.contains("dropped without"), "{text}");
    }

    #[tokio::test]
    async fn a_record_reported_or_read_is_not() {
        let (logs, _guard) = Logs::capture();
        let response = sqs().process(|_| async { Ok::<_, &str>(()) }).await;
        assert_eq!(response.failed_identifiers(), ["b", "c"]);
        assert!(sqs().try_into_records().is_err());
        let event = sqs();
        let failed: Vec<&str> = event
            .iter()
            .filter(|message| message.decode_error().is_some())
            .map(|message| message.message_id())
            .collect();
        assert_eq!(failed, ["b", "c"]);
        drop(event);
        // A stream stops at the first failure; the records after it are reported unread.
        let response = dynamodb().process(|_| async { Ok::<_, &str>(()) }).await;
        assert_eq!(response.failed_identifiers(), ["2"]);
        let response = kinesis_json().process(|_| async { Err::<(), _>("stop") }).await;
        assert_eq!(response.failed_identifiers(), ["k-1", "k-2"]);
        let text = logs.text();
        assert!(!text.contains("dropped without"), "{text}");
    }
}
