//! HTTP functions: API Gateway, ALB and Function URL events as `http` requests, axum routers
//! and any `tower::Service` as the function.
//!
//! Write the function once against the `http` crate's types, as an `axum::Router` or any
//! `tower::Service<http::Request<Body>>`. On Lambda, faaskit turns each HTTP-shaped event into
//! an `http::Request` and the service's `http::Response` into that event's response format:
//!
//! | event | detected by | response |
//! | --- | --- | --- |
//! | API Gateway REST API (payload 1.0) | `httpMethod` | `multiValueHeaders` |
//! | API Gateway HTTP API (payload 2.0) | `requestContext.http` | `headers` (joined) + `cookies` |
//! | ALB | `requestContext.elb` | `multiValueHeaders` if the request had them, else `headers` |
//! | Lambda Function URL | payload 2.0 on a `*.lambda-url.*` domain | as HTTP API |
//! | API Gateway WebSocket API | `requestContext.connectionId` | `statusCode` + `body`; the request is `POST /{routeKey}` |
//!
//! Locally, the same service serves real HTTP through hyper, with no event in between, and the
//! Invoke API accepts HTTP events and answers in their formats, so both paths can be tested.
//!
//! ```no_run
//! use faaskit::http::axum::{Router, extract::Path, routing::get};
//!
//! async fn hello(Path(name): Path<String>) -> String {
//!     format!("Hello, {name}!")
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     faaskit::http::run(Router::new().route("/hello/{name}", get(hello)))
//! }
//! ```
//!
//! What the service sees:
//!
//! - **the path the client asked the API for**: without the REST API stage (`/prod/hello/Ana`
//!   routes as `/hello/Ana`) or a custom domain's base path (when the route has a template: an
//!   HTTP API's `$default` route says nothing of the base path, so `/v1/hello` on a custom
//!   domain mapped at `v1` routes as `/v1/hello` there, as it does with `lambda_http`); with the
//!   escapes it was sent with
//!   (an HTTP API passes the path decoded: faaskit escapes it again, so a `%252F` the client sent
//!   is still `%2F` in a `Path` extractor, but a `%2F` reached the API as a `/`);
//! - **the query string** with repeated keys in order and escapes kept;
//! - **every header value**, and payload 2.0 `cookies` as one `cookie` header;
//! - **the body as bytes**, base64-decoded when the event says so, up to Lambda's 6 MB: axum's
//!   own 2 MB default limit on body extractors is lifted (a `DefaultBodyLimit` the application
//!   sets still applies);
//! - in the request's extensions: the Lambda [`Context`](faaskit_core::Context) and
//!   [`State<T>`](faaskit_core::State) (both axum extractors), and the event's typed
//!   [`RequestContext`] (an extractor too; or [`RequestExt`]).
//!
//! **Middleware** is tower's: `Router::layer` takes any `tower::Layer` (timeouts, CORS, compression
//! from `tower-http`...) and axum's `middleware::from_fn`, and it runs the same on Lambda and in
//! the local server. Inside it, [`RequestExt`] reads the Lambda context:
//!
//! ```
//! use faaskit::http::RequestExt;
//! use faaskit::http::axum::{Router, extract::Request, middleware::{self, Next}, response::Response, routing::get};
//!
//! async fn log_request_id(request: Request, next: Next) -> Response {
//!     let request_id = request.lambda_context().map(|context| context.request_id().to_owned());
//!     let response = next.run(request).await;
//!     faaskit::tracing::info!(?request_id, status = %response.status(), "answered");
//!     response
//! }
//!
//! let app: Router = Router::new().route("/", get(|| async { "hi" })).layer(middleware::from_fn(log_request_id));
//! # let _ = faaskit::http::handler("api", app);
//! ```
//!
//! A handler that panics or whose service fails answers `500 Internal Server Error` with a short
//! body; the details go to the logs. (Under `panic = "abort"`, the release profile `cargo lambda`
//! builds with, a panic ends the process as in any Lambda function.)
//!
//! Interop: [`RequestContext`] holds the `aws_lambda_events` request context types, and
//! [`request_from_aws`] builds the request of an `aws_lambda_events` event value.
//!
//! Not covered: response streaming (the response body is read whole, as buffered Lambda
//! responses are), and WebSocket management API calls (send to a connection with the AWS SDK).

mod context;
mod example;
mod format;
mod interop;
mod path;
mod request;
mod response;
mod service;
mod wire;

pub use context::{RequestContext, RequestExt};
#[cfg(feature = "testing")]
pub(crate) use faaskit_core::__private::is_textual;
pub use format::EventFormat;
pub use interop::request_from_aws;
pub use request::decode_request;
pub use response::encode_response;
pub use service::{IntoHttpService, handler, run};

/// The `axum` faaskit is built on, for applications that do not depend on it themselves (or
/// want the same version): `use faaskit::http::axum::{Router, routing::get};`.
pub use axum;

/// Support for the code `#[faaskit::http]` generates. Not a public API.
#[doc(hidden)]
pub mod __private {
    use axum::Router;
    use axum::extract::{FromRequest, FromRequestParts};
    use axum::handler::Handler;
    use axum::response::IntoResponse;
    use axum::routing::{MethodFilter, on};

    /// An argument of an HTTP handler other than the last: an extractor of the request's parts.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot come before the last argument of a faaskit HTTP handler",
        label = "not an extractor of the request's parts",
        note = "every argument but the last reads only the request's parts (`Path<T>`, `Query<T>`, `HeaderMap`, `Method`, `Context`, `State<T>`, `RequestContext`); `Json<T>`, `Form<T>`, `String`, `Bytes` and the request itself read the body, so one of them may come last"
    )]
    pub trait PartsExtractor {}

    impl<T: FromRequestParts<()>> PartsExtractor for T {}

    /// Checks an argument before the last is a [`PartsExtractor`], with the error at its type.
    pub fn parts_extractor<T: PartsExtractor>() {}

    /// The last argument of an HTTP handler: any extractor.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is not an extractor a faaskit HTTP handler can take",
        label = "not an axum extractor",
        note = "a faaskit HTTP handler's arguments are axum extractors: `Path<T>`, `Query<T>`, `Json<T>`, `Form<T>`, `HeaderMap`, `String`, `Bytes`, `Context`, `State<T>`, `RequestContext`..."
    )]
    pub trait LastExtractor<M> {}

    impl<T: FromRequest<(), M>, M> LastExtractor<M> for T {}

    /// Checks the last argument is a [`LastExtractor`], with the error at its type.
    pub fn last_extractor<T: LastExtractor<M>, M>() {}

    /// What an HTTP handler returns: a response.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be returned from a faaskit HTTP handler",
        label = "does not implement `axum::response::IntoResponse`",
        note = "an HTTP handler returns a response: `String`, `&'static str`, `Json<T>`, `(StatusCode, T)`, `http::Response<Body>`, `Result<T, E>` of responses, or `impl IntoResponse`"
    )]
    pub trait HandlerResponse {}

    impl<T: IntoResponse> HandlerResponse for T {}

    /// Checks the return type is a [`HandlerResponse`], with the error at the type.
    pub fn response<T: HandlerResponse>() {}

    /// An `async fn` the attribute serves: an axum handler. The checks above say, at the
    /// argument or return type, why a function is not one; this error only points back to them.
    #[diagnostic::on_unimplemented(
        message = "this function cannot serve HTTP requests: see the errors at its argument and return types",
        label = "not an axum handler",
        note = "a faaskit HTTP handler is an `async fn` whose arguments are axum extractors (at most one reading the body, and last), whose return type implements `IntoResponse`, and whose future is `Send`: with no error at an argument or the return type, look for an `Rc` or a `RefCell` borrow held across an `.await`"
    )]
    pub trait AxumHandler<T>: Handler<T, ()> {}

    impl<H: Handler<T, ()>, T> AxumHandler<T> for H {}

    /// A router that serves `handler` for every path and method.
    pub fn fallback<H: AxumHandler<T>, T: 'static>(handler: H) -> Router {
        Router::new().fallback(handler)
    }

    /// The sample event of a handler that answers `path` for `methods`: a request it routes.
    pub fn routed_sample(path: &str, methods: &[&str]) -> Option<serde_json::Value> {
        Some(super::example::routed_sample_event(path, methods))
    }

    /// A router that serves `handler` on `path` for `methods` (all methods when empty).
    pub fn route<H: AxumHandler<T>, T: 'static>(path: &str, methods: &[&str], handler: H) -> Router {
        let mut filter: Option<MethodFilter> = None;
        for method in methods {
            let one = match method.to_ascii_uppercase().as_str() {
                "GET" => MethodFilter::GET,
                "POST" => MethodFilter::POST,
                "PUT" => MethodFilter::PUT,
                "DELETE" => MethodFilter::DELETE,
                "PATCH" => MethodFilter::PATCH,
                "HEAD" => MethodFilter::HEAD,
                "OPTIONS" => MethodFilter::OPTIONS,
                _ => MethodFilter::TRACE,
            };
            filter = Some(filter.map_or(one, |all| all.or(one)));
        }
        match filter {
            Some(filter) => Router::new().route(path, on(filter, handler)),
            None => Router::new().route(path, axum::routing::any(handler)),
        }
    }
}
