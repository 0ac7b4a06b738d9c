//! SQS events: every message, bodies decoded into your type, partial batch failures.
//!
//! Take an [`SqsEvent<T>`] in a handler: each [`SqsMessage`] carries its message id, receipt
//! handle, [attributes](SqsAttributes) (FIFO group and deduplication ids included), [message
//! attributes](MessageAttribute) and its body decoded into `T`: [`Text`](crate::body::Text)
//! (the default) for the text as sent, or any `serde::Deserialize` type for JSON.
//!
//! ```
//! use faaskit::batch::BatchResponse;
//! use faaskit::sqs::SqsEvent;
//!
//! #[derive(serde::Deserialize)]
//! struct Order { order_id: String, amount: f64 }
//!
//! // In a function: `#[faaskit::handler]` on this `async fn`.
//! async fn orders(event: SqsEvent<Order>) -> BatchResponse {
//!     event.process(|message| async move {
//!         let order = message.body().ok_or("no order")?;
//!         if order.amount < 0.0 { return Err("negative amount"); }
//!         println!("order {} for {}", order.order_id, order.amount);
//!         Ok(())
//!     }).await
//! }
//! # let event = serde_json::from_str(r#"{"Records": []}"#).unwrap();
//! # let response = tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(orders(event));
//! # assert!(response.is_success());
//! ```
//!
//! **Partial batch failures**: [`SqsEvent::process`] returns the `batchItemFailures` response
//! naming every message that failed, whether its body did not decode or your code returned an
//! error; on a FIFO queue it stops at the first failure and reports that message and every
//! later one. Enable `ReportBatchItemFailures` on the event source mapping.
//!
//! **Envelopes**: `SqsEvent<S3Event>` for S3 notifications sent to a queue,
//! `SqsEvent<SnsNotification<T>>` for SNS messages delivered to a queue (without raw message
//! delivery), and `SqsEvent<SnsNotification<S3Event>>` for S3 to SNS to SQS. Events convert to
//! and from `aws_lambda_events::sqs::SqsEvent` (without message attributes'
//! `stringListValues` and `binaryListValues`, which SQS reserves and never fills).

mod attributes;
mod event;
mod example;
mod interop;
mod message;
mod wire;

pub use attributes::{MessageAttribute, SqsAttributes};
pub use event::SqsEvent;
pub use message::{MessageError, SqsMessage};
