//! SNS events: every record, messages decoded into your type; and the SNS notification that
//! travels inside SQS messages.
//!
//! Take an [`SnsEvent<T>`] in a handler: each [`SnsRecord`] carries the topic ARN, message id,
//! subject, timestamp, message attributes and signature fields, and the message decoded into
//! `T`: [`Text`](crate::body::Text) (the default) or any `serde::Deserialize` type for JSON.
//!
//! ```
//! use faaskit::sns::SnsEvent;
//!
//! #[derive(serde::Deserialize)]
//! struct Alert { level: String, text: String }
//!
//! // In a function: `#[faaskit::handler]` on this `async fn`.
//! async fn on_alert(event: SnsEvent<Alert>) {
//!     for record in event.records() {
//!         println!("[{}] {} ({:?})", record.message().level, record.message().text, record.subject());
//!     }
//! }
//! # let event = serde_json::from_str(r#"{"Records": []}"#).unwrap();
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(on_alert(event));
//! ```
//!
//! **Envelopes**: `SnsEvent<S3Event>` for S3 notifications sent to a topic;
//! [`SnsNotification<T>`] is the body SNS writes into a subscribed SQS queue, so
//! `SqsEvent<SnsNotification<T>>` reads SNS through SQS, and
//! `SqsEvent<SnsNotification<S3Event>>` reads S3 to SNS to SQS in one step. Events convert
//! from `aws_lambda_events::sns::SnsEvent` with `TryFrom`.

mod event;
mod example;
mod notification;
mod record;

pub use event::SnsEvent;
pub(crate) use example::sample_notification;
pub use notification::{SnsMessageAttribute, SnsNotification};
pub use record::SnsRecord;
