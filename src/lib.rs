//! Write AWS Lambda functions as plain async Rust functions.
//!
//! One attribute turns an `async fn` into a deployable binary. The function stays a plain
//! function your tests call; its arguments are recognised by type (the event, [`Context`],
//! [`State`]); its result becomes the JSON Lambda returns or an error with a meaningful
//! `errorType`. The same binary speaks the Lambda Runtime API when `AWS_LAMBDA_RUNTIME_API` is
//! set, and is a local HTTP server otherwise: on `127.0.0.1:9000` and `[::1]:9000`, on
//! `0.0.0.0:$PORT` when `PORT` is set, or on `FAASKIT_ADDR`.
//!
//! ```no_run
//! use faaskit::{Context, Error};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Deserialize)]
//! struct Greeting { name: Option<String> }
//!
//! #[derive(Serialize)]
//! struct Reply { message: String }
//!
//! #[faaskit::handler]
//! async fn hello(event: Greeting, ctx: Context) -> Result<Reply, Error> {
//!     let name = event.name.unwrap_or_else(|| "world".into());
//!     Ok(Reply { message: format!("Hello, {name}! ({})", ctx.request_id()) })
//! }
//! ```
//!
//! # Features
//!
//! | feature | what it adds |
//! | --- | --- |
//! | `macros` (default) | `#[faaskit::handler]` (and `#[faaskit::http]` with `http`) |
//! | `s3`, `sns`, `sqs`, `dynamodb`, `kinesis`, `eventbridge` | typed events of each source |
//! | `http` | HTTP functions: API Gateway, ALB and Function URLs, axum routers |
//! | `all-sources` | every event source |
//! | `testing` | test contexts, event builders, the in-process pipeline, a local server per test |

#![cfg_attr(docsrs, feature(doc_cfg))]

/// Makes an `async fn` a Lambda function, and the binary it is in a runnable one.
///
/// ```no_run
/// # use faaskit::{Context, Error, State};
/// # #[derive(serde::Deserialize)] struct Order { id: String }
/// # struct Db;
/// # async fn connect() -> Result<Db, Error> { Ok(Db) }
/// #[faaskit::handler(init = connect)]
/// async fn place_order(order: Order, ctx: Context, db: State<Db>) -> Result<String, Error> {
///     Ok(order.id)
/// }
/// ```
///
/// - **Arguments** are recognised by type: the event (any `serde::Deserialize` type, or a typed
///   adapter such as `faaskit::s3::S3Event`), [`Context`], [`State<T>`], and any type of your
///   own that implements [`FromInvocation`] (a tenant read from the context, say). At most one
///   event.
/// - **The return** is any `Serialize` value, or `Result<T, E>` (or an alias of it) with `E` a
///   `std::error::Error` (its `errorType` is the type's name, or what its [`ErrorType`] says),
///   a [`faaskit::Error`](Error), or anything `Display`. A `Result` hidden behind
///   `impl Serialize` is a value like any other: its `Err` would be an answer, not an error.
/// - **The function stays a plain async function** with its name; unit tests call it directly.
///   Beside it, in the type namespace, the attribute defines a hidden type of the same name,
///   which `TestFunction::of::<place_order>()` and `faaskit::main!` name: no module or type in
///   scope may share the function's name (a `mod handler` beside an `fn handler`).
///
/// Keys:
///
/// | key | meaning | default |
/// | --- | --- | --- |
/// | `name = "..."` | the handler's name on the Invoke API and for `_HANDLER` | the function's name |
/// | `init = path` | a `fn` or `async fn` returning `Result<T, E>`, run once at cold start; its `T` is `State<T>` | none |
/// | `shutdown = path` | an `async fn()` run once when the process is told to stop (SIGTERM on Lambda, through `lambda_runtime`'s graceful shutdown; SIGINT or SIGTERM locally, after in-flight invocations finish) | none |
/// | `main = false` | do not generate `main`; list the handler in `faaskit::main!` instead | `true` |
/// | `logging = false` | do not set up `tracing`; install your own subscriber | `true` |
/// | `crate = "path"` | where the generated code finds faaskit: a renamed dependency (`fk = { package = "faaskit" }` takes `crate = "fk"`) or a re-export (`crate = "my_sdk::faaskit"`) | `"::faaskit"` |
///
/// Misuse is a compile error at the offending token: a function that is not `async`, an argument
/// that is not an event, `Context`, `State<T>` or another [`FromInvocation`] type, a reference
/// argument, two event arguments, a return type that is not serializable, an unknown key.
#[cfg(feature = "macros")]
pub use faaskit_macros::handler;

/// Makes an HTTP function: of a function that builds an `axum::Router`, or of an axum handler.
///
/// Two forms, told apart by `async`:
///
/// ```no_run
/// use faaskit::http::axum::{Router, extract::Path, routing::get};
///
/// async fn hello(Path(name): Path<String>) -> String {
///     format!("Hello, {name}!")
/// }
///
/// /// The whole router is the function: its routes match on Lambda as they do on a server.
/// #[faaskit::http]
/// fn app() -> Router {
///     Router::new().route("/hello/{name}", get(hello))
/// }
/// ```
///
/// ```no_run
/// use faaskit::http::axum::extract::Path;
///
/// /// One axum handler: its arguments are extractors (`Json<T>`, `Path`, `Query`, `Context`,
/// /// `State<T>`, `RequestContext`, the request itself); it returns anything `IntoResponse`,
/// /// `Result<T, faaskit::Error>` included (an error is logged, and answered `500`).
/// #[faaskit::http(route = "/hello/{name}", method = "GET")]
/// async fn hello(Path(name): Path<String>, ctx: faaskit::Context) -> String {
///     format!("Hello, {name}! ({})", ctx.request_id())
/// }
/// ```
///
/// Its re-export of axum has the `Json`, `Query` and `Form` extractors, so an application needs
/// no `axum` dependency of its own:
///
/// ```no_run
/// use faaskit::http::axum::{Json, extract::Query};
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// struct Page { page: u32 }
///
/// #[faaskit::http(route = "/pages", method = "GET, POST")]
/// async fn pages(Query(query): Query<Page>, Json(body): Json<serde_json::Value>) -> Json<Page> {
///     Json(Page { page: query.page + body["skip"].as_u64().unwrap_or(0) as u32 })
/// }
/// ```
///
/// Keys:
///
/// | key | meaning | default |
/// | --- | --- | --- |
/// | `route = "/path/{param}"` | the path an `async fn` handler answers on (axum syntax); others answer 404 | every path |
/// | `method = "GET, POST"` | the methods it answers on `route`; others answer 405 | every method |
/// | `name = "..."` | the handler's name on the Invoke API and for `_HANDLER` | the function's name |
/// | `init = path` | a `fn` or `async fn` returning `Result<T, E>`, run once at cold start; its `T` is `State<T>` | none |
/// | `shutdown = path` | an `async fn()` run once when the process is told to stop (SIGTERM on Lambda, through `lambda_runtime`'s graceful shutdown; SIGINT or SIGTERM locally, after in-flight invocations finish) | none |
/// | `main = false` | do not generate `main`; list the function in `faaskit::main!` instead | `true` |
/// | `logging = false` | do not set up `tracing` | `true` |
/// | `crate = "path"` | where the generated code finds faaskit, as for `#[handler]` | `"::faaskit"` |
///
/// The function serves real HTTP locally, and API Gateway (REST, HTTP, WebSocket), ALB and
/// Function URL events on Lambda and on the local Invoke API; see [`http`](mod@http).
/// Misuse is a compile error at the offending token: a router function with arguments or no
/// return type, `route` on a router function, `method` without `route`, a reference argument,
/// an argument that is not an axum extractor, a body extractor (`Json<T>`, `String`...) before
/// the last argument, a return type that is not a response.
#[cfg(all(feature = "macros", feature = "http"))]
pub use faaskit_macros::http;

pub use faaskit_core::{
    App, Body, BoxError, ClientApplication, ClientContext, CognitoIdentity, Context, ContextBuilder, DEFAULT_ADDR,
    Error, ErrorType, EventFuture, EventService, ExampleEvent, FromInvocation, FunctionConfig, Handler,
    HandlerDefinition, HttpService, Init, IntoInit, Invocation, LocalSettings, MAX_PAYLOAD_BYTES, MAX_RESPONSE_BYTES,
    RawEvent, State, StateRequirement, decode_event, encode_output, trace_sample,
};

/// The `tracing` crate, for logs that carry the invocation's request id.
pub use tracing;

pub use faaskit_adapters::{batch, body};

/// The `aws_lambda_events` crate faaskit's events convert to or from, with the features of the
/// enabled sources: for interop without a dependency (and a version to keep in step) of your own.
///
/// Which way each source converts:
///
/// | source | from `aws_lambda_events` | to `aws_lambda_events` |
/// | --- | --- | --- |
/// | S3 | `S3Event::try_from` | `From<&S3Event>`, `From<&S3Record>` |
/// | SQS | `SqsEvent::from` | `From<SqsEvent<Text>>`; `From<BatchResponse>` for `SqsBatchResponse` |
/// | SNS | `SnsEvent::try_from` | |
/// | EventBridge | `EventBridgeEvent::try_from` (of `EventBridgeEvent<serde_json::Value>`) | |
/// | DynamoDB | | `TryFrom<&DynamoDbEvent<T>>`, `TryFrom<DynamoDbEvent<T>>`, `TryFrom<&DynamoDbRecord<T>>`; `From<BatchResponse>` for `DynamoDbEventResponse` |
/// | Kinesis | | `TryFrom<&KinesisEvent<T>>`, `TryFrom<KinesisEvent<T>>`, `TryFrom<&KinesisRecord<T>>`; `From<BatchResponse>` for `KinesisEventResponse` |
/// | HTTP | `http::request_from_aws` (any of its HTTP events) | |
pub use faaskit_adapters::aws_lambda_events;

#[cfg(feature = "dynamodb")]
#[cfg_attr(docsrs, doc(cfg(feature = "dynamodb")))]
pub use faaskit_adapters::dynamodb;
#[cfg(feature = "eventbridge")]
#[cfg_attr(docsrs, doc(cfg(feature = "eventbridge")))]
pub use faaskit_adapters::eventbridge;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use faaskit_adapters::http;
#[cfg(feature = "kinesis")]
#[cfg_attr(docsrs, doc(cfg(feature = "kinesis")))]
pub use faaskit_adapters::kinesis;
#[cfg(feature = "s3")]
#[cfg_attr(docsrs, doc(cfg(feature = "s3")))]
pub use faaskit_adapters::s3;
#[cfg(feature = "sns")]
#[cfg_attr(docsrs, doc(cfg(feature = "sns")))]
pub use faaskit_adapters::sns;
#[cfg(feature = "sqs")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqs")))]
pub use faaskit_adapters::sqs;

#[doc = include_str!("testing_guide.md")]
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing {
    // Empty when no event source feature is enabled.
    #[allow(unused_imports, unreachable_pub)]
    pub use faaskit_adapters::testing::*;
    pub use faaskit_core::testing::*;
}

/// Hosts several handlers in one binary: generates `main` for the handlers listed.
///
/// Annotate each with `#[faaskit::handler(main = false)]` and list them by name or path
/// (`handlers::hello`). On Lambda, `_HANDLER` (the function's *Handler* setting) picks the one
/// that runs; locally, each is served under its own name on the Invoke API. With several HTTP
/// functions, each serves real HTTP locally under `/<name>/`, the prefix removed before its
/// routes match; one HTTP function serves at `/`. faaskit sets up logging unless one of the
/// handlers says `logging = false`. Handler names must be unique: two handlers of one name (one
/// listed twice, or two functions named alike) are a compile error that names it.
///
/// The macro *is* `fn main`: write it at the top level of `main.rs`, not inside a function (there
/// the `main` it defines would never run, so that is a compile error).
///
/// ```no_run
/// # mod bin { // `main.rs`, as a module: a doctest would put the macro inside its own `fn main`.
/// #[faaskit::handler(main = false)]
/// async fn hello(_: serde_json::Value) -> &'static str { "hello" }
///
/// mod farewells {
///     #[faaskit::handler(main = false)]
///     pub async fn goodbye(_: serde_json::Value) -> &'static str { "goodbye" }
/// }
///
/// faaskit::main!(hello, farewells::goodbye);
/// # }
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! main {
    ($($handler:path),+ $(,)?) => {
        fn main() -> $crate::__private::MainExit {
            $crate::__private::MainExit($crate::__private::run_main(
                ::std::vec![$(<$handler as $crate::__private::HandlerDefinition>::handler()),+],
                true $(&& <$handler as $crate::__private::HandlerDefinition>::LOGGING)+,
            ))
        }
        // Inside a function, this `main` would never run: `self::main` is then another one.
        const _: () = $crate::__private::top_level_main(self::main);
        const _: () = $crate::__private::distinct_names(&[$(<$handler as $crate::__private::HandlerDefinition>::NAME),+]);
    };
}

#[doc(hidden)]
pub use faaskit_core::__private;

/// The README's Rust examples, compiled as doc tests so that they cannot rot.
///
/// Compiled, not run: the `main` an attribute generates sits inside rustdoc's own. And the
/// body of a `#[tokio::test]` function is not even compiled here, since rustdoc builds doc
/// tests without `cfg(test)`; `answers_through_the_whole_pipeline` in
/// `examples/src/bin/s3-inventory.rs` runs the README's testing example.
#[cfg(all(doctest, feature = "all-sources", feature = "testing"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeExamples;
