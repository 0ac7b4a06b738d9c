//! Test helpers: a Runtime API peer, a client of local servers.
//!
//! Enable the `testing` feature in `[dev-dependencies]`.

mod client;
mod runtime_api;

pub use client::{LocalClient, TestResponse};
pub use runtime_api::{Outcome, RuntimeApiPeer};
