//! `try_into_records` on the batch sources: every record, or the first one that did not decode,
//! which a handler returns with `?` as a `Faaskit.DecodeError`.

#![cfg(all(feature = "sqs", feature = "kinesis", feature = "dynamodb"))]

use faaskit_adapters::dynamodb::DynamoDbEvent;
use faaskit_adapters::kinesis::KinesisEvent;
use faaskit_adapters::sqs::SqsEvent;
use faaskit_core::Error;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Deserialize, PartialEq)]
struct Order {
    amount: f64,
}

fn sqs(bodies: &[&str]) -> SqsEvent<Order> {
    let records: Vec<Value> =
        bodies.iter().enumerate().map(|(i, body)| json!({"messageId": format!("m-{i}"), "body": body})).collect();
    serde_json::from_value(json!({ "Records": records })).expect("an SQS event")
}

fn kinesis(data: &[&str]) -> KinesisEvent<Order> {
    let records: Vec<Value> = data
        .iter()
        .enumerate()
        .map(|(i, data)| json!({"kinesis": {"sequenceNumber": format!("s-{i}"), "partitionKey": "p", "data": data}}))
        .collect();
    serde_json::from_value(json!({ "Records": records })).expect("a Kinesis event")
}

fn dynamodb(new_images: &[Value]) -> DynamoDbEvent<Order> {
    let records: Vec<Value> = new_images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            json!({"eventID": i.to_string(), "eventName": "INSERT",
                   "dynamodb": {"Keys": {"id": {"N": "1"}}, "NewImage": image, "SequenceNumber": format!("{i}00")}})
        })
        .collect();
    serde_json::from_value(json!({ "Records": records })).expect("a DynamoDB event")
}

/// What a handler returning `Result<_, faaskit::Error>` reports when it returns `error` with
/// `?` (which converts through `From`); returning the error type itself, or boxed, reports the
/// same.
fn reported<E: faaskit_core::ErrorType + Clone + Send + Sync + 'static>(error: E) -> (String, String) {
    fn with_question_mark<E: std::error::Error + Send + Sync + 'static>(error: E) -> Result<(), Error> {
        Err(error)?
    }
    let typed = Error::from_typed(error.clone());
    // A handler returning `Box<dyn Error + Send + Sync>` reports the same.
    let boxed = Error::from_boxed(Box::new(error.clone()));
    let converted = with_question_mark(error).expect_err("an error");
    assert_eq!((converted.error_type(), converted.message()), (typed.error_type(), typed.message()));
    assert_eq!((boxed.error_type(), boxed.message()), (typed.error_type(), typed.message()));
    (converted.error_type().to_owned(), converted.message().to_owned())
}

#[test]
fn every_record_when_all_decoded() {
    let orders = sqs(&[r#"{"amount": 1}"#, r#"{"amount": 2}"#]).try_into_records().expect("all decoded");
    assert_eq!(orders.iter().map(|m| m.body().map(|o| o.amount)).collect::<Vec<_>>(), [Some(1.0), Some(2.0)]);
    // {"amount": 3} and {"amount": 4}
    let records = kinesis(&["eyJhbW91bnQiOiAzfQ==", "eyJhbW91bnQiOiA0fQ=="]).try_into_records().expect("all decoded");
    assert_eq!(records.iter().map(|r| r.data().map(|o| o.amount)).collect::<Vec<_>>(), [Some(3.0), Some(4.0)]);
    let records = dynamodb(&[json!({"amount": {"N": "5"}})]).try_into_records().expect("all decoded");
    assert_eq!(records[0].new_image(), Some(&Order { amount: 5.0 }));
    assert!(sqs(&[]).try_into_records().expect("an empty batch").is_empty());
}

#[test]
fn the_first_record_that_did_not_decode_is_a_decode_error_naming_it() {
    let error = sqs(&[r#"{"amount": 1}"#, r#"{"amount": "lots"}"#, "not JSON"]).try_into_records().unwrap_err();
    let (error_type, message) = reported(error);
    assert_eq!(error_type, "Faaskit.DecodeError");
    assert!(message.starts_with("message 1 (messageId m-1): the body is not a valid Order: at amount"), "{message}");

    // {"amount": 3}, then "not base64!"
    let error = kinesis(&["eyJhbW91bnQiOiAzfQ==", "not base64!"]).try_into_records().unwrap_err();
    let (error_type, message) = reported(error);
    assert_eq!(error_type, "Faaskit.DecodeError");
    assert!(message.starts_with("record 1 (sequenceNumber s-1):"), "{message}");

    let error =
        dynamodb(&[json!({"amount": {"N": "5"}}), json!({"amount": {"S": "five"}})]).try_into_records().unwrap_err();
    let (error_type, message) = reported(error);
    assert_eq!(error_type, "Faaskit.DecodeError");
    assert!(
        message.starts_with(
            "record 1 (SequenceNumber 100): the NewImage is not a valid Order: at amount (Records[1].dynamodb.NewImage.amount.S)"
        ),
        "{message}"
    );
}

/// A hand-written message without a `body` (SQS always sends one) says that it has none,
/// rather than what the empty text is not; a handler that takes text gets the empty text.
#[test]
fn a_message_without_a_body_says_so() {
    let payload = json!({"Records": [{"messageId": "m-0"}]});
    let error = serde_json::from_value::<SqsEvent<Order>>(payload.clone())
        .expect("an SQS event")
        .try_into_records()
        .unwrap_err();
    let (error_type, message) = reported(error);
    assert_eq!(error_type, "Faaskit.DecodeError");
    assert_eq!(message, "message 0 (messageId m-0): the message has no `body`");
    let texts = serde_json::from_value::<SqsEvent>(payload).expect("an SQS event").try_into_records();
    assert_eq!(texts.expect("text takes the empty text")[0].body().map(|text| text.as_str()), Some(""));
}
