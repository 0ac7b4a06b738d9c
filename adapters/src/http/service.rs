//! An HTTP service run as a Lambda function: the events in, the service's responses out.

use std::borrow::Cow;
use std::convert::Infallible;
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::task::{Context, Poll};

use axum::body::{Body, HttpBody};
use axum::extract::DefaultBodyLimit;
use bytes::Bytes;
use faaskit_core::{BoxError, Error, Handler, HttpService, Invocation};
use futures_util::FutureExt as _;
use http::{HeaderValue, Request, Response, StatusCode, header};
use serde_json::value::RawValue;
use tower::util::{BoxCloneSyncService, Oneshot};
use tower::{Layer as _, Service, ServiceExt as _};

use super::{decode_request, encode_response, example};

/// A service that can be run as an HTTP function: an `axum::Router`, or any
/// `tower::Service<http::Request<Body>>` that returns `http::Response`s.
///
/// The service must be `Clone + Send + Sync` (one clone serves each request). Its errors answer
/// `500 Internal Server Error` with a short body, the error itself logged.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be run as a faaskit HTTP function",
    label = "not a `tower::Service<http::Request<Body>>` returning `http::Response`",
    note = "an HTTP function is an `axum::Router` (with its state provided: `Router<()>`) or a `tower::Service<http::Request<faaskit::Body>, Response = http::Response<B>>` that is `Clone + Send + Sync + 'static`"
)]
pub trait IntoHttpService {
    /// Type-erases the service.
    fn into_http_service(self) -> HttpService;
}

impl<S, B> IntoHttpService for S
where
    S: Service<Request<Body>, Response = Response<B>> + Clone + Send + Sync + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    fn into_http_service(self) -> HttpService {
        // A request body is at most Lambda's 6 MB before it reaches the service (the local
        // server answers 413 above it, and Lambda refuses larger events), so axum's own 2 MB
        // default limit on body extractors is lifted. A limit the application sets on its
        // routes still applies: its layer runs after this one.
        //
        // An `axum::Router` turns its handlers into routes on every request until it is given its
        // state; `axum::serve` does this once, and so does faaskit (three allocations and a
        // clone of each handler less per request, see BENCHMARKS.md). A router is always ready,
        // never fails and answers `Response<Body>` already, so it needs no `Infallibly` around
        // it: that would only clone it and wrap its future once more on every request.
        if let Some(router) = (&self as &dyn std::any::Any).downcast_ref::<axum::Router>() {
            return BoxCloneSyncService::new(router.clone().layer(DefaultBodyLimit::disable()).with_state::<()>(()));
        }
        BoxCloneSyncService::new(DefaultBodyLimit::disable().layer(Infallibly(self)))
    }
}

/// A service whose failures are `500` responses: it waits for readiness inside each call, so
/// a readiness error is answered like any other.
#[derive(Clone)]
struct Infallibly<S>(S);

impl<S, B> Service<Request<Body>> for Infallibly<S>
where
    S: Service<Request<Body>, Response = Response<B>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Response = Response<Body>;
    type Error = Infallible;
    /// Named, not boxed: the type-erased service around it boxes it once already.
    type Future = futures_util::future::Map<Oneshot<S, Request<Body>>, AnswerFn<B, S::Error>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        self.0.clone().oneshot(request).map(answer as AnswerFn<B, S::Error>)
    }
}

/// Turns what the service gave into the response sent.
type AnswerFn<B, E> = fn(Result<Response<B>, E>) -> Result<Response<Body>, Infallible>;

fn answer<B, E>(result: Result<Response<B>, E>) -> Result<Response<Body>, Infallible>
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
    E: Into<BoxError>,
{
    Ok(match result {
        Ok(response) => response.map(Body::new),
        Err(err) => {
            let err: BoxError = err.into();
            tracing::error!(error = %err, "the HTTP service failed");
            internal_server_error()
        }
    })
}

/// The function that serves `service`: real HTTP in the local server, and HTTP events (API
/// Gateway REST, HTTP and WebSocket APIs, ALB, Function URLs) on Lambda and on the local
/// Invoke API, each answered in its own response format.
///
/// Register it with an [`App`](faaskit_core::App), or let [`run`] do it.
///
/// # Examples
///
/// ```
/// use faaskit::http::axum::{Router, extract::Path, routing::get};
/// use faaskit::http;
///
/// let app = Router::new().route("/hello/{name}", get(|Path(name): Path<String>| async move {
///     format!("Hello, {name}!")
/// }));
/// let handler = http::handler("api", app);
/// assert!(handler.is_http());
/// ```
pub fn handler(name: impl Into<Cow<'static, str>>, service: impl IntoHttpService) -> Handler {
    let service = service.into_http_service();
    let events = service.clone();
    Handler::from_raw(name, move |invocation| Box::pin(serve_event(events.clone(), invocation)))
        .with_http_service(service)
        .with_example_event(example::sample_event)
}

/// Runs `service` as the binary's function, named after the binary; the `main` of an HTTP
/// function written without the attribute.
///
/// On Lambda (`AWS_LAMBDA_RUNTIME_API` set) it answers HTTP events; otherwise it serves real
/// HTTP on `FAASKIT_ADDR` (default `127.0.0.1:9000` and `[::1]:9000`) and the Invoke API beside it.
///
/// # Examples
///
/// ```no_run
/// use faaskit::http::axum::{Router, routing::get};
///
/// fn main() -> std::process::ExitCode {
///     faaskit::http::run(Router::new().route("/", get(|| async { "Hello!" })))
/// }
/// ```
pub fn run(service: impl IntoHttpService) -> ExitCode {
    faaskit_core::__private::run_main(vec![handler(binary_name(), service)], true)
}

/// The running binary's name, the function's name on the local Invoke API.
fn binary_name() -> String {
    faaskit_core::__private::binary_file_name()
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or_else(|| "function".to_owned())
}

/// One HTTP event: decoded into a request, served, its response encoded in the event's format.
///
/// # Errors
///
/// A payload that is not an HTTP event fails the invocation (a decode error); everything after
/// that (handler errors, panics) is a `500` response. Under `panic = "abort"` a panic ends the
/// process instead, and the invocation fails as `Faaskit.Panic`, which API Gateway and Function
/// URLs answer with `502`.
pub(crate) async fn serve_event(service: HttpService, invocation: Invocation) -> Result<Box<RawValue>, Error> {
    let (format, mut request) = decode_request(invocation.payload())?;
    invocation.extend_http_request(&mut request);
    drop(invocation);
    let response = match AssertUnwindSafe(service.oneshot(request)).catch_unwind().await {
        Ok(Ok(response)) => response,
        Ok(Err(never)) => match never {},
        Err(panic) => {
            // faaskit's panic hook, when installed, has logged it with its location already.
            if !faaskit_core::__private::panic_logged_by_hook() {
                let message = faaskit_core::__private::panic_message(panic.as_ref());
                tracing::error!(panic.message = message, "HTTP handler panicked");
            }
            internal_server_error()
        }
    };
    encode_response(format, response).await
}

/// The `500` a failed or panicked handler answers: a short body, the details in the logs.
pub(crate) fn internal_server_error() -> Response<Body> {
    let mut response = Response::new(Body::from("Internal Server Error"));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}
