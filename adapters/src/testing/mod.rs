//! Event builders that write payloads the way each AWS service writes them.
//!
//! Each builder produces the wire JSON ([`TestPayload`](faaskit_core::testing::TestPayload)) and the typed
//! event decoded from it, so a test exercises the same decoding as production.

#[cfg(feature = "dynamodb")]
mod dynamodb;
#[cfg(feature = "eventbridge")]
mod eventbridge;
#[cfg(feature = "http")]
mod http;
#[cfg(feature = "kinesis")]
mod kinesis;
#[cfg(feature = "s3")]
mod s3;
#[cfg(feature = "sns")]
mod sns;
#[cfg(feature = "sqs")]
mod sqs;

#[cfg(feature = "dynamodb")]
pub use dynamodb::*;
#[cfg(feature = "eventbridge")]
pub use eventbridge::*;
#[cfg(feature = "http")]
pub use http::*;
#[cfg(feature = "kinesis")]
pub use kinesis::*;
#[cfg(feature = "s3")]
pub use s3::*;
#[cfg(feature = "sns")]
pub use sns::*;
#[cfg(feature = "sqs")]
pub use sqs::*;
