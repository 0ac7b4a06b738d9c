//! Typed AWS event sources for faaskit.
//!
//! Each source lives in its own module behind its own feature. A handler names the event it
//! takes by type and receives values that are already right: decoded S3 keys, bodies decoded
//! into your types, typed DynamoDB images, base64 Kinesis data as bytes. Every event type
//! converts to its `aws_lambda_events` counterpart for interop.
//!
//! Event types implement `serde::Deserialize` (faaskit decodes them like any event) and
//! [`ExampleEvent`](faaskit_core::ExampleEvent) (a realistic sample for `example-event`).

pub mod batch;
pub mod body;
#[cfg(feature = "kinesis")]
mod intern;
#[cfg(any(feature = "s3", feature = "sqs", feature = "dynamodb"))]
mod layout;
#[cfg(feature = "sqs")]
mod md5;
#[cfg(any(feature = "s3", feature = "sqs", feature = "dynamodb"))]
mod record_text;
#[cfg(any(feature = "s3", feature = "sqs", feature = "dynamodb"))]
mod records;
#[cfg(any(feature = "sqs", feature = "sns"))]
mod sample_body;

#[cfg(feature = "dynamodb")]
pub mod dynamodb;
#[cfg(feature = "eventbridge")]
pub mod eventbridge;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "kinesis")]
pub mod kinesis;
#[cfg(feature = "s3")]
pub mod s3;
#[cfg(feature = "sns")]
pub mod sns;
#[cfg(feature = "sqs")]
pub mod sqs;

/// Event builders that write payloads the way each AWS service writes them.
#[cfg(feature = "testing")]
pub mod testing;
