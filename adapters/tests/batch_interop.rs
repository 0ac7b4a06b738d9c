//! A batch response converts into each `aws_lambda_events` response type, which says the same
//! to Lambda.

#![cfg(all(feature = "sqs", feature = "kinesis", feature = "dynamodb"))]

use aws_lambda_events::sqs::SqsBatchResponse;
use aws_lambda_events::streams::{DynamoDbEventResponse, KinesisEventResponse};
use faaskit_adapters::batch::BatchResponse;
use serde_json::json;

fn response() -> BatchResponse {
    let mut response = BatchResponse::default();
    response.fail("49590338271490256608559692538361571095921575989136588802");
    response.fail("m-2");
    response
}

#[test]
fn every_source_s_response_type_says_the_same() {
    let expected = json!({"batchItemFailures": [
        {"itemIdentifier": "49590338271490256608559692538361571095921575989136588802"},
        {"itemIdentifier": "m-2"},
    ]});
    assert_eq!(serde_json::to_value(response()).expect("JSON"), expected);
    assert_eq!(serde_json::to_value(SqsBatchResponse::from(response())).expect("JSON"), expected);
    assert_eq!(serde_json::to_value(KinesisEventResponse::from(response())).expect("JSON"), expected);
    assert_eq!(serde_json::to_value(DynamoDbEventResponse::from(response())).expect("JSON"), expected);
    let none = json!({"batchItemFailures": []});
    assert_eq!(serde_json::to_value(KinesisEventResponse::from(BatchResponse::default())).expect("JSON"), none);
}
