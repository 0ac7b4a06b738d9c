//! Test helpers: the whole pipeline in-process, a local server per test, a Runtime API peer,
//! a client of local servers, test payloads.
//!
//! Enable the `testing` feature in `[dev-dependencies]`.

mod client;
mod function;
mod logs;
mod payload;
mod runtime_api;
mod server;

pub use client::{LocalClient, TestResponse};
pub use function::{FunctionError, TestFunction};
pub use logs::show_logs_in_tests;
pub use payload::{AsJson, TestPayload};
pub use runtime_api::{InvokeOptions, Outcome, RuntimeApiPeer};
pub use server::TestServer;
