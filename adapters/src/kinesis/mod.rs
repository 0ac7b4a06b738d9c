//! Kinesis Data Streams events, with each record's data decoded into your type.
//!
//! Take a [`KinesisEvent<T>`] in a handler: each record carries its partition key, sequence
//! number and arrival time, and its base64 data decoded into `T`: [`Binary`](crate::body::Binary)
//! (the default) for bytes, [`Text`](crate::body::Text) for text, or any `serde::Deserialize`
//! type for JSON.
//!
//! ```
//! use faaskit::batch::BatchResponse;
//! use faaskit::kinesis::KinesisEvent;
//!
//! #[derive(serde::Deserialize)]
//! struct Reading { sensor: String, celsius: f64 }
//!
//! // In a function: `#[faaskit::handler]` on this `async fn`.
//! async fn on_readings(event: KinesisEvent<Reading>) -> BatchResponse {
//!     event.process(|record| async move {
//!         if let Some(reading) = record.data() {
//!             println!("{} reads {}°C ({})", reading.sensor, reading.celsius, record.partition_key());
//!         }
//!         Ok::<_, std::convert::Infallible>(())
//!     }).await
//! }
//! # let event = serde_json::from_str(r#"{"Records": []}"#).unwrap();
//! # let response = tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(on_readings(event));
//! # assert!(response.is_success());
//! ```
//!
//! Data that is not a `T` fails only its record, which [`KinesisEvent::process`] reports for
//! retry (`batchItemFailures`, by sequence number), stopping there to keep the shard's order.
//! Events convert to `aws_lambda_events::kinesis::KinesisEvent` with `TryFrom`.
//!
//! Not covered: the tumbling-window variant of the event (`KinesisTimeWindowEvent`), Kinesis
//! Data Firehose and Kinesis Data Analytics events, KPL aggregated records (they arrive
//! as their aggregate bytes: take them as `Binary`), and the gzip data of CloudWatch Logs
//! subscriptions (take it as `Binary` and decompress it; a `T` it cannot be names the gzip).

mod event;
mod example;
mod interop;
mod record;
mod wire;

pub use event::KinesisEvent;
pub use example::SampleData;
pub use record::{DataError, EncryptionType, KinesisRecord};
