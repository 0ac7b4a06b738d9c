//! `sqs-orders` written by hand on `lambda_runtime` and `aws_lambda_events`: the reference the
//! faaskit example is measured against. Same output: the `batchItemFailures` of messages whose
//! body is not an order or whose amount is negative.

use aws_lambda_events::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde::Deserialize;

#[derive(Deserialize)]
struct Order {
    #[allow(dead_code)]
    order_id: String,
    amount: f64,
}

async fn orders(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in event.payload.records {
        let order = message.body.as_deref().and_then(|body| serde_json::from_str::<Order>(body).ok());
        if order.is_none_or(|order| order.amount < 0.0) {
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = message.message_id.unwrap_or_default();
            response.batch_item_failures.push(failure);
        }
    }
    Ok(response)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(orders)).await
}
