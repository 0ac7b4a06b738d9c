//! faaskit: write AWS Lambda functions as plain async Rust functions.

#[cfg(feature = "macros")]
pub use faaskit_macros::handler;

pub use faaskit_core::*;
