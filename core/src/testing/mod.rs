//! Test helpers: a Runtime API peer, a client of local servers, test payloads.
//!
//! Enable the `testing` feature in `[dev-dependencies]`.

mod client;
mod payload;
mod runtime_api;

pub use client::{LocalClient, TestResponse};
pub use payload::TestPayload;
pub use runtime_api::{Outcome, RuntimeApiPeer};
