//! S3 event notifications: every record, keys decoded the way S3 encodes them.
//!
//! Take an [`S3Event`] in a handler: one [`S3Record`] per record, with the bucket, the object's
//! key **decoded** (S3 form-encodes keys in notifications: `+` is a space, `%2B` a plus, escapes
//! are UTF-8, so `holiday+photos/%C3%A9t%C3%A9.jpg` is `holiday photos/été.jpg`), the raw key,
//! size, ETag, version id, sequencer, region, event time and what happened
//! ([`S3EventKind`]).
//!
//! ```
//! use faaskit::s3::{Created, S3Event, S3EventKind};
//!
//! // In a function: `#[faaskit::handler]` on this `async fn`.
//! async fn on_upload(event: S3Event) -> usize {
//!     event.iter().filter(|record| matches!(record.kind(), S3EventKind::Created(_))).count()
//! }
//! # let event = serde_json::from_str(r#"{"Records": []}"#).unwrap();
//! # assert_eq!(tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(on_upload(event)), 0);
//! ```
//!
//! `S3Event` is also the body type of S3 notifications delivered through SQS
//! (`SqsEvent<S3Event>`), SNS (`SnsEvent<S3Event>`) or both
//! (`SqsEvent<SnsNotification<S3Event>>`). Events convert to and from
//! `aws_lambda_events::s3::S3Event`, whose `event_time` is not optional: a record without
//! `eventTime` gets the Unix epoch there, and a time comes back written to the millisecond.
//!
//! Not covered: S3 Batch Operations and Object Lambda events; the extra data of some kinds of
//! event (`glacierEventData` of restores, `lifecycleEventData` of lifecycle transitions,
//! `intelligentTieringEventData`) and the `responseElements` request ids (when a support case
//! needs them, take the payload as a [`RawEvent`](faaskit_core::RawEvent), read them from it,
//! and decode the event with [`decode_event`](faaskit_core::decode_event)).

mod event;
mod example;
mod interop;
mod key;
mod kind;
mod record;
mod wire;

pub use event::S3Event;
pub use key::{KeyError, decode_key, encode_key};
pub use kind::{Created, Removed, Restore, S3EventKind};
pub use record::S3Record;
