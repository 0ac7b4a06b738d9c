//! `sqs-orders`: processes orders from an SQS queue, reporting the ones that failed.
//!
//! | input | output |
//! | --- | --- |
//! | an SQS event whose bodies are `{"order_id": string, "amount": number}` | `{"batchItemFailures": [{"itemIdentifier": "<messageId>"}, ...]}`, in record order |
//!
//! A message fails when its body does not decode or `amount < 0`; every other message is
//! done, and `batchItemFailures` is empty when all are. On a FIFO queue processing stops at the
//! first failure, which is reported with every later message. Enable `ReportBatchItemFailures`
//! on the event source mapping.
//!
//! ```text
//! cargo run -p faaskit-examples --bin sqs-orders
//! ./target/debug/sqs-orders example-event > sqs.json
//! curl -s -XPOST localhost:9000/2015-03-31/functions/sqs-orders/invocations -d @sqs.json
//! ```

use std::fmt;

use faaskit::batch::BatchResponse;
use faaskit::sqs::SqsEvent;
use serde::{Deserialize, Serialize};

/// An order, the body of each message.
#[derive(Debug, Serialize, Deserialize)]
pub struct Order {
    /// The order's id.
    pub order_id: String,
    /// Its amount; negative amounts are refused.
    pub amount: f64,
}

/// Why an order was refused.
#[derive(Debug)]
pub struct NegativeAmount(f64);

impl fmt::Display for NegativeAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the amount {} is negative", self.0)
    }
}

/// Processes each order; the failed ones are retried by SQS.
#[faaskit::handler(name = "sqs-orders")]
async fn sqs_orders(event: SqsEvent<Order>) -> BatchResponse {
    event
        .process(|message| async move {
            let Some(order) = message.body() else { return Ok(()) };
            if order.amount < 0.0 {
                return Err(NegativeAmount(order.amount));
            }
            faaskit::tracing::info!(order = %order.order_id, amount = order.amount, "order accepted");
            Ok(())
        })
        .await
}

#[cfg(test)]
mod tests {
    use faaskit::testing::{SqsEventBuilder, TestFunction};
    use serde_json::json;

    use super::*;

    fn order(id: &str, amount: f64) -> Order {
        Order { order_id: id.into(), amount }
    }

    #[tokio::test]
    async fn reports_bad_bodies_and_negative_amounts() {
        let event = SqsEventBuilder::new("orders")
            .message_json(&order("o-1", 10.0))
            .message_text("{\"order_id\": 7}")
            .message_json(&order("o-3", -1.0))
            .message_json(&order("o-4", 0.0))
            .build();
        let ids: Vec<String> = event.iter().map(|m| m.message_id().to_owned()).collect();
        let response = sqs_orders(event).await;
        assert_eq!(response.failed_identifiers(), [ids[1].as_str(), ids[2].as_str()]);
    }

    #[tokio::test]
    async fn stops_at_the_first_failure_on_a_fifo_queue() {
        let builder = SqsEventBuilder::new("orders")
            .fifo("customer-1")
            .message_json(&order("o-1", 1.0))
            .message_json(&order("o-2", -2.0))
            .message_json(&order("o-3", 3.0));
        let function = TestFunction::of::<sqs_orders>().await.expect("no init");
        let output = function.invoke(&builder).await.expect("a batch response");
        let ids: Vec<String> = builder.build::<Order>().iter().map(|m| m.message_id().to_owned()).collect();
        assert_eq!(output, json!({"batchItemFailures": [{"itemIdentifier": ids[1]}, {"itemIdentifier": ids[2]}]}));
    }
}
