//! The runtime of faaskit: handlers, the Lambda Runtime API mode and the local function server.
//!
//! Applications depend on the `faaskit` crate, which re-exports this one; see its documentation.
//! The pieces:
//!
//! - [`Handler`] and [`App`]: named functions, run on Lambda or locally;
//! - [`FromInvocation`]: how handler arguments are recognised by type (the event, [`Context`],
//!   [`State`]);
//! - [`Error`] and [`ErrorType`]: what a failed invocation reports;
//! - [`LocalSettings`]: where the local server listens.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod app;
mod base64_text;
mod context;
mod deadline;
mod decode;
mod encode;
mod error;
mod error_response;
mod event_layer;
mod extract;
mod function_config;
mod handler;
mod http_body_size;
mod http_extract;
mod invocation;
mod lambda;
mod lazy_context;
mod local;
mod logging;
mod loose_json;
mod panic_report;
mod pipeline;
mod request_id;
mod sample;
mod shutdown_hook;
mod state;
#[cfg(all(test, feature = "testing"))]
mod test_handlers;
mod typed_errors;

#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;

#[doc(hidden)]
pub mod __private;

pub use app::App;
pub use context::{ClientApplication, ClientContext, CognitoIdentity, Context, ContextBuilder};
pub use decode::decode_event;
pub use encode::encode_output;
pub use error::{BoxError, Error, ErrorType};
pub use event_layer::EventService;
pub use extract::{FromInvocation, RawEvent};
pub use function_config::FunctionConfig;
pub use handler::{EventFuture, Handler, HandlerDefinition, HttpService, Init, IntoInit};
pub use invocation::Invocation;
pub use local::{DEFAULT_ADDR, LocalSettings, MAX_PAYLOAD_BYTES, MAX_RESPONSE_BYTES};
pub use sample::{ExampleEvent, trace_sample};
pub use state::{State, StateRequirement};

/// The HTTP body type of HTTP functions (axum's).
pub use axum_core::body::Body;
