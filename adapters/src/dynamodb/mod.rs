//! DynamoDB Streams events, with images decoded straight into your types.
//!
//! Take a [`DynamoDbEvent<T>`] in a handler: each record says what changed
//! ([`EventName::Insert`], [`Modify`](EventName::Modify), [`Remove`](EventName::Remove)), and
//! carries the item's keys and its new and old images decoded from AttributeValue JSON into
//! `T`, or into plain `serde_json::Value` (`{"Id": {"N": "101"}}` is `{"Id": 101}`; numbers
//! beyond `f64`'s 16 digits keep all theirs only in a `String` field, see [`decode_item`]).
//!
//! ```
//! use faaskit::batch::BatchResponse;
//! use faaskit::dynamodb::{DynamoDbEvent, EventName};
//!
//! #[derive(serde::Deserialize)]
//! struct Order { id: String, total: f64 }
//!
//! // In a function: `#[faaskit::handler]` on this `async fn`.
//! async fn on_change(event: DynamoDbEvent<Order>) -> BatchResponse {
//!     event.process(|record| async move {
//!         if let (EventName::Insert, Some(order)) = (record.event_name(), record.new_image()) {
//!             println!("new order {} for {}", order.id, order.total);
//!         }
//!         Ok::<_, std::convert::Infallible>(())
//!     }).await
//! }
//! # let event = serde_json::from_str(r#"{"Records": []}"#).unwrap();
//! # let response = tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(on_change(event));
//! # assert!(response.is_success());
//! ```
//!
//! Images are decoded straight from AttributeValue JSON into `T`, with `serde_dynamo`'s
//! semantics (see [`decode_item`]) and no intermediate map: about twice as fast as
//! `serde_json` into `aws_lambda_events` plus `serde_dynamo::from_item` (1.9x to 2.4x on
//! batches of 100 records; `BENCHMARKS.md` in the repository has the figures). A record's
//! keys are checked with the event and built into a map on the first call to
//! [`DynamoDbRecord::keys`]. An image that
//! is not a `T` fails only its record, which [`DynamoDbEvent::process`] reports for retry
//! (`batchItemFailures`, by sequence number), stopping there to keep the stream's order.
//! Events convert to `aws_lambda_events::dynamodb::Event` with `TryFrom`.
//!
//! Not covered: the tumbling-window variant of the event (`TimeWindowEvent`).

mod event;
mod example;
mod image;
mod interop;
mod kinds;
mod record;
mod scalars;
mod tag;
mod transcode;
mod wire;

pub use event::DynamoDbEvent;
pub use image::{ImageError, ImageName, decode_item};
pub use kinds::{EventName, StreamViewType, UserIdentity};
pub use record::{DynamoDbRecord, Images};
