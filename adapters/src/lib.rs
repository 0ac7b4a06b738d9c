//! Typed AWS event sources for faaskit.
//!
//! Each source lives in its own module behind its own feature. A handler names the event it
//! takes by type and receives values that are already right: decoded S3 keys, bodies decoded
//! into your types, typed DynamoDB images, base64 Kinesis data as bytes.
//!
//! For interop, [`aws_lambda_events`] is the crate the events convert to or from.
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
#[cfg(test)]
mod test_logs;
#[cfg(any(feature = "sqs", feature = "kinesis", feature = "dynamodb"))]
mod unread_error;

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

/// The `aws_lambda_events` crate faaskit's events convert to or from, with the features of the
/// sources enabled: for interop, without a dependency (and a version to keep in step) of your own.
///
/// # Examples
///
/// ```
/// use faaskit::aws_lambda_events::s3::S3Event as AwsS3Event;
/// use faaskit::ExampleEvent;
/// use faaskit::s3::S3Event;
///
/// let event: S3Event = serde_json::from_value(S3Event::example_event()).unwrap();
/// let aws = AwsS3Event::from(&event);
/// assert_eq!(aws.records[0].s3.bucket.name.as_deref(), Some("photos-bucket"));
/// ```
pub use aws_lambda_events;

/// Event builders that write payloads the way each AWS service writes them.
#[cfg(feature = "testing")]
pub mod testing;
