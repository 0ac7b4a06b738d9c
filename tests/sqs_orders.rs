//! The `sqs-orders` example, run for real, locally and on a Runtime API peer: the
//! `batchItemFailures` of the messages whose body did not decode or whose amount is negative,
//! in record order; on a FIFO queue, the first failure and every later message.

mod support;

use faaskit::testing::{SqsEventBuilder, TestPayload};
use serde_json::{Value, json};
use support::{Expect, assert_contract};

const SQS_ORDERS: &str = env!("CARGO_BIN_EXE_sqs-orders");

fn payload(builder: &SqsEventBuilder) -> String {
    String::from_utf8(builder.to_payload().to_vec()).expect("UTF-8")
}

fn failures(builder: &SqsEventBuilder, indexes: &[usize]) -> Value {
    let records = builder.to_json()["Records"].clone();
    let failed: Vec<Value> = indexes.iter().map(|&i| json!({"itemIdentifier": records[i]["messageId"]})).collect();
    json!({ "batchItemFailures": failed })
}

#[tokio::test]
async fn reports_failed_orders_in_both_modes() {
    let standard = SqsEventBuilder::new("orders")
        .message_json(&json!({"order_id": "o-1", "amount": 10.5}))
        .message_text("not JSON")
        .message_json(&json!({"order_id": "o-3", "amount": -1}))
        .message_json(&json!({"order_id": "o-4"}))
        .message_json(&json!({"order_id": "o-5", "amount": 0}));
    let fifo = SqsEventBuilder::new("orders")
        .fifo("customer-7")
        .message_json(&json!({"order_id": "f-1", "amount": 1}))
        .message_json(&json!({"order_id": "f-2", "amount": -2}))
        .message_json(&json!({"order_id": "f-3", "amount": 3}))
        .message_json(&json!({"order_id": "f-4", "amount": 4}));
    let fifo_bad_body = SqsEventBuilder::new("orders.fifo")
        .fifo("customer-8")
        .message_text("{\"order_id\": ")
        .message_json(&json!({"order_id": "g-2", "amount": 2}));
    let all_good = SqsEventBuilder::new("orders").message_json(&json!({"order_id": "o-9", "amount": 99}));
    let aws_fixture = include_str!("../adapters/tests/fixtures/aws_lambda_events/example-sqs-event.json");
    let cases = vec![
        (payload(&standard), Expect::Output(failures(&standard, &[1, 2, 3]))),
        (payload(&fifo), Expect::Output(failures(&fifo, &[1, 2, 3]))),
        (payload(&fifo_bad_body), Expect::Output(failures(&fifo_bad_body, &[0, 1]))),
        (payload(&all_good), Expect::Output(json!({"batchItemFailures": []}))),
        // The AWS sample's body is text, not an order: reported, not dropped.
        (aws_fixture.to_owned(), Expect::Output(json!({"batchItemFailures": [{"itemIdentifier": "MessageID_1"}]}))),
        (r#"{"Records": {}}"#.to_owned(), Expect::Error("Faaskit.DecodeError", "Records")),
        (
            r#"{"Records": [{"body": "{}"}]}"#.to_owned(),
            Expect::Error("Faaskit.DecodeError", "missing field `messageId`"),
        ),
        (payload(&all_good), Expect::Output(json!({"batchItemFailures": []}))),
    ];
    assert_contract(SQS_ORDERS, "sqs-orders", &cases).await;
}
