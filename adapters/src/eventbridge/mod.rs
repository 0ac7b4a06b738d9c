//! EventBridge events: `detail` decoded into your type, scheduled events, and S3 object events.
//!
//! Take an [`EventBridgeEvent<T>`] in a handler: `detail` is decoded into `T`, beside the
//! source, detail-type, account, region, time and resources. [`ScheduledEvent`] is the event
//! of a schedule rule; [`S3ObjectDetail`] the detail of S3 object events
//! (`EventBridgeEvent<S3ObjectDetail>`).
//!
//! ```
//! use faaskit::eventbridge::EventBridgeEvent;
//!
//! #[derive(serde::Deserialize)]
//! struct OrderPlaced { order_id: String }
//!
//! // In a function: `#[faaskit::handler]` on this `async fn`.
//! async fn on_order(event: EventBridgeEvent<OrderPlaced>) -> String {
//!     format!("{} from {}", event.detail.order_id, event.source)
//! }
//! # let event = serde_json::from_str(r#"{"id": "1", "source": "shop", "detail-type": "Order Placed",
//! #     "detail": {"order_id": "o-1"}}"#).unwrap();
//! # let out = tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(on_order(event));
//! # assert_eq!(out, "o-1 from shop");
//! ```
//!
//! Events convert from `aws_lambda_events::eventbridge::EventBridgeEvent` with `TryFrom`.

mod event;
mod example;
mod s3_object;
mod scheduled;

pub use event::EventBridgeEvent;
pub use s3_object::{S3Bucket, S3Object, S3ObjectDetail};
pub use scheduled::ScheduledEvent;
