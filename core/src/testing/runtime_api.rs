//! A Lambda Runtime API peer that lives in the test: run a function binary against it as Lambda
//! would, and see what the function reported.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{Mutex, mpsc, oneshot};

use super::TestPayload;

/// What a function reported for one invocation.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The function answered: the response body it posted.
    Response(Bytes),
    /// The function failed: the `Lambda-Runtime-Function-Error-Type` header and the body.
    Error {
        /// The error type header.
        error_type: Option<String>,
        /// The posted error body (`{"errorType", "errorMessage"}`).
        body: serde_json::Value,
    },
}

impl Outcome {
    /// The response as JSON, if the function answered.
    pub fn json(&self) -> Option<serde_json::Value> {
        match self {
            Self::Response(body) => serde_json::from_slice(body).ok(),
            Self::Error { .. } => None,
        }
    }

    /// The reported `errorType`, if the function failed.
    pub fn error_type(&self) -> Option<&str> {
        match self {
            Self::Error { body, .. } => body.get("errorType").and_then(serde_json::Value::as_str),
            Self::Response(_) => None,
        }
    }

    /// The reported `errorMessage`, if the function failed.
    pub fn error_message(&self) -> Option<&str> {
        match self {
            Self::Error { body, .. } => body.get("errorMessage").and_then(serde_json::Value::as_str),
            Self::Response(_) => None,
        }
    }
}

/// What the peer sends with one invocation besides its payload: its request id, and how long
/// the function has (the `Lambda-Runtime-Deadline-Ms` header, counted from when the function
/// takes it from `/next`; 3 s by default, Lambda's default timeout).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
///
/// use faaskit::testing::InvokeOptions;
///
/// let options = InvokeOptions::new().request_id("req-1").time_limit(Duration::from_secs(2));
/// # let _ = options;
/// ```
#[derive(Clone, Debug)]
pub struct InvokeOptions {
    request_id: Option<String>,
    time_limit: Duration,
    trace_id: Option<String>,
    client_context: Option<String>,
    cognito_identity: Option<String>,
}

impl Default for InvokeOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl InvokeOptions {
    /// A fresh request id per invocation, and 3 s to run (Lambda's default timeout).
    pub fn new() -> Self {
        Self {
            request_id: None,
            time_limit: crate::context::DEFAULT_TIMEOUT,
            trace_id: None,
            client_context: None,
            cognito_identity: None,
        }
    }

    /// Sends this request id (the `Lambda-Runtime-Aws-Request-Id` header).
    #[must_use]
    pub fn request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Gives the function this long: its deadline is this much after it takes the invocation.
    #[must_use]
    pub fn time_limit(mut self, time_limit: Duration) -> Self {
        self.time_limit = time_limit;
        self
    }

    /// Sends this X-Ray trace header (`Lambda-Runtime-Trace-Id`), in place of one made up
    /// from the deadline.
    #[must_use]
    pub fn trace_id(mut self, trace_id: impl Into<String>) -> Self {
        self.trace_id = Some(trace_id.into());
        self
    }

    /// Sends this client context (`Lambda-Runtime-Client-Context`), as a mobile SDK's caller
    /// gives it: `{"client": {...}, "custom": {...}, "env": {...}}`. `lambda_runtime` parses it
    /// strictly (see the README), so a test meets what Lambda would hand on.
    #[must_use]
    pub fn client_context(mut self, client_context: &serde_json::Value) -> Self {
        self.client_context = Some(client_context.to_string());
        self
    }

    /// Sends this Cognito identity (`Lambda-Runtime-Cognito-Identity`):
    /// `{"cognitoIdentityId": ..., "cognitoIdentityPoolId": ...}`.
    #[must_use]
    pub fn cognito_identity(mut self, identity: &serde_json::Value) -> Self {
        self.cognito_identity = Some(identity.to_string());
        self
    }
}

/// Who waits for an invocation's outcome, until someone gives it: the function (through `/next`
/// and its answer), an init error, or the caller's wait for the function to take it.
type Waiter = Arc<std::sync::Mutex<Option<oneshot::Sender<Outcome>>>>;

/// Takes the waiter's sender, if no one has yet.
fn take(waiter: &Waiter) -> Option<oneshot::Sender<Outcome>> {
    waiter.lock().ok().and_then(|mut slot| slot.take())
}

struct Queued {
    request_id: String,
    payload: Bytes,
    deadline: Duration,
    /// The trace header the options gave, in place of one made up from the deadline.
    trace_id: Option<String>,
    /// The client context and identity headers the options gave.
    headers: Vec<(&'static str, String)>,
    done: Waiter,
}

/// How long an invocation may wait in the queue beyond its time limit before the peer gives up
/// on the function taking it (its process exited, or never started).
const TAKE_GRACE: Duration = if cfg!(test) { Duration::from_millis(300) } else { Duration::from_secs(10) };

/// An invocation the function has taken from `/next`: the number of its hand-over (a request id
/// given twice is still told apart by its timer), and who waits for its outcome.
struct InFlight {
    handed: u64,
    done: oneshot::Sender<Outcome>,
}

struct Shared {
    queue: Mutex<mpsc::UnboundedReceiver<Queued>>,
    sender: mpsc::UnboundedSender<Queued>,
    in_flight: std::sync::Mutex<HashMap<String, InFlight>>,
    handed: AtomicU64,
    in_flight_now: AtomicUsize,
    in_flight_max: AtomicUsize,
    connections: AtomicUsize,
    next_id: AtomicU64,
    /// What every invocation gets once the function reported an init error.
    init_error: std::sync::Mutex<Option<Outcome>>,
    extensions: std::sync::Mutex<Vec<String>>,
    base_path: String,
    /// The ARN `/next` hands on: `function:test` until [`RuntimeApiPeer::lambda_environment`]
    /// names the function.
    function_arn: std::sync::Mutex<String>,
}

/// An in-process Lambda Runtime API, serving `/next`, `/response`, `/error` and `/init/error`.
///
/// # Examples
///
/// ```no_run
/// use faaskit::testing::RuntimeApiPeer;
///
/// # async fn run() -> std::io::Result<()> {
/// let peer = RuntimeApiPeer::start().await?;
/// let mut function = std::process::Command::new("target/debug/hello")
///     .envs(peer.lambda_environment("hello"))
///     .spawn()?;
/// let outcome = peer.invoke(r#"{"name":"Ana"}"#).await;
/// assert_eq!(outcome.json(), Some(serde_json::json!({"message": "Hello, Ana!"})));
/// function.kill()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RuntimeApiPeer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Arc<tokio::sync::Notify>,
}

impl RuntimeApiPeer {
    /// Starts a peer on an ephemeral loopback port, answering at the root as Lambda does.
    ///
    /// # Errors
    ///
    /// When no loopback port can be bound.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with_base_path("").await
    }

    /// Starts a peer whose API lives under `base_path`, as `cargo lambda watch` serves it
    /// (`AWS_LAMBDA_RUNTIME_API=http://127.0.0.1:9000/.rt`).
    ///
    /// # Errors
    ///
    /// When no loopback port can be bound.
    pub async fn start_with_base_path(base_path: &str) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let (sender, receiver) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            queue: Mutex::new(receiver),
            sender,
            in_flight: std::sync::Mutex::new(HashMap::new()),
            handed: AtomicU64::new(0),
            in_flight_now: AtomicUsize::new(0),
            in_flight_max: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            next_id: AtomicU64::new(1),
            init_error: std::sync::Mutex::new(None),
            extensions: std::sync::Mutex::new(Vec::new()),
            base_path: base_path.trim_end_matches('/').to_owned(),
            function_arn: std::sync::Mutex::new(function_arn("test")),
        });
        let stop = Arc::new(tokio::sync::Notify::new());
        tokio::spawn(accept_loop(listener, Arc::clone(&shared), Arc::clone(&stop)));
        Ok(Self { addr, shared, stop })
    }

    /// The value of `AWS_LAMBDA_RUNTIME_API` for this peer: `host:port`, or a URL with the base path.
    pub fn runtime_api(&self) -> String {
        if self.shared.base_path.is_empty() {
            self.addr.to_string()
        } else {
            format!("http://{}{}", self.addr, self.shared.base_path)
        }
    }

    /// The environment Lambda gives a function named `function_name`, pointing at this peer.
    ///
    /// The invocations' ARN (`lambda-runtime-invoked-function-arn`) names that function from
    /// then on, as Lambda's would.
    pub fn lambda_environment(&self, function_name: &str) -> Vec<(String, String)> {
        *lock(&self.shared.function_arn) = function_arn(function_name);
        vec![
            ("AWS_LAMBDA_RUNTIME_API".into(), self.runtime_api()),
            ("AWS_LAMBDA_FUNCTION_NAME".into(), function_name.into()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE".into(), "128".into()),
            ("AWS_LAMBDA_FUNCTION_VERSION".into(), "$LATEST".into()),
            ("AWS_LAMBDA_LOG_GROUP_NAME".into(), format!("/aws/lambda/{function_name}")),
            ("AWS_LAMBDA_LOG_STREAM_NAME".into(), "test-stream".into()),
            ("AWS_REGION".into(), "us-east-1".into()),
        ]
    }

    /// Queues an invocation and waits for the function's outcome. The payload is any that
    /// [`TestFunction::invoke`](super::TestFunction::invoke) takes: text, bytes, a
    /// `serde_json::Value`, an event builder.
    ///
    /// As Lambda does, the peer hands on no payload as `{}`, answers a payload over 6 MB or not
    /// JSON without invoking (`RequestTooLargeException`, `InvalidRequestContentException`), fails
    /// an answer over 6,291,556 bytes (`Function.ResponseSizeTooLarge`), and, after an
    /// `/init/error`, fails every invocation with that error. A function that does not answer
    /// within the time limit (3 s unless [`InvokeOptions`] says otherwise) times out
    /// (`Sandbox.Timedout`); one that is not taken from `/next` within that and 10 s more (its
    /// process exited) fails with `Faaskit.NotTaken`. Unlike Lambda, the peer cannot reset the
    /// process after a timeout: the handler runs on, and the next invocation waits for it (kill
    /// and restart the process for a fresh one).
    pub async fn invoke(&self, payload: impl TestPayload) -> Outcome {
        self.enqueue(payload).await
    }

    /// Queues an invocation with its own request id or time limit, and waits for its outcome.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// use faaskit::testing::{InvokeOptions, RuntimeApiPeer};
    ///
    /// # async fn run(peer: RuntimeApiPeer) {
    /// // A handler that stops early when little time is left, given 200 ms.
    /// let options = InvokeOptions::new().request_id("batch-1").time_limit(Duration::from_millis(200));
    /// let outcome = peer.invoke_with(r#"{"records": []}"#, options).await;
    /// # }
    /// ```
    pub async fn invoke_with(&self, payload: impl TestPayload, options: InvokeOptions) -> Outcome {
        self.enqueue_with(payload, options).await
    }

    /// Queues an invocation; the returned future completes with its outcome. Queue several to
    /// have a concurrent function take them at once.
    pub fn enqueue(&self, payload: impl TestPayload) -> impl std::future::Future<Output = Outcome> + Send + 'static {
        self.enqueue_with(payload, InvokeOptions::new())
    }

    /// Queues an invocation with its own request id or time limit; the returned future
    /// completes with its outcome.
    pub fn enqueue_with(
        &self,
        payload: impl TestPayload,
        options: InvokeOptions,
    ) -> impl std::future::Future<Output = Outcome> + Send + 'static {
        let (done, outcome) = oneshot::channel();
        let done: Waiter = Arc::new(std::sync::Mutex::new(Some(done)));
        let id = self.shared.next_id.fetch_add(1, Ordering::Relaxed);
        let mut payload = payload.to_payload();
        if payload.is_empty() {
            // As Lambda hands on no payload.
            payload = Bytes::from_static(crate::local::invoke::EMPTY_PAYLOAD);
        }
        let request_id = options.request_id.unwrap_or_else(|| format!("00000000-0000-4000-8000-{id:012}"));
        let take_within = options.time_limit.saturating_add(TAKE_GRACE);
        let headers = [
            ("lambda-runtime-client-context", options.client_context),
            ("lambda-runtime-cognito-identity", options.cognito_identity),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)))
        .collect();
        let queued = Queued {
            request_id,
            payload,
            deadline: options.time_limit,
            trace_id: options.trace_id,
            headers,
            done: Arc::clone(&done),
        };
        // What Lambda answers without invoking: a payload it refuses, or after an init error.
        let sent = match refused(&queued.payload).or_else(|| self.init_failure()) {
            Some(answer) => {
                if let Some(sender) = take(&done) {
                    let _ = sender.send(answer);
                }
                true
            }
            None => self.shared.sender.send(queued).is_ok(),
        };
        async move {
            let stopped = |_| Outcome::Error {
                error_type: None,
                body: serde_json::json!({"errorMessage": "the peer stopped before the function answered"}),
            };
            if !sent {
                return Outcome::Error {
                    error_type: None,
                    body: serde_json::json!({"errorMessage": "the peer is gone"}),
                };
            }
            let mut outcome = outcome;
            tokio::select! {
                received = &mut outcome => received.unwrap_or_else(stopped),
                () = tokio::time::sleep(take_within) => match take(&done) {
                    // Still queued: no function is taking invocations.
                    Some(_) => not_taken(take_within),
                    // Taken meanwhile: its deadline bounds the wait.
                    None => outcome.await.unwrap_or_else(stopped),
                },
            }
        }
    }

    /// The most invocations the function held at once (taken from `/next`, not yet answered).
    pub fn max_in_flight(&self) -> usize {
        self.shared.in_flight_max.load(Ordering::Relaxed)
    }

    /// How many connections the function has opened to the peer.
    ///
    /// `lambda_runtime`'s client keeps a connection open from one request to the next, but
    /// opens another when the previous one is not back in its pool yet as the next request
    /// goes out; how often that happens depends on timing. Each new connection costs the
    /// function about a third of an invocation's instructions (some 30,000), so the
    /// benchmarks report this count next to what they measure.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::Relaxed)
    }

    /// The body of an `/init/error` report, if the function sent one.
    pub fn init_error(&self) -> Option<serde_json::Value> {
        match self.init_failure()? {
            Outcome::Error { body, .. } => Some(body),
            Outcome::Response(_) => None,
        }
    }

    fn init_failure(&self) -> Option<Outcome> {
        self.shared.init_error.lock().ok().and_then(|guard| guard.clone())
    }

    /// The names of the extensions that registered with the Extensions API, in order.
    ///
    /// `lambda_runtime` registers one when a function has a shutdown hook, so that Lambda sends
    /// it `SIGTERM` before shutting down.
    pub fn registered_extensions(&self) -> Vec<String> {
        self.shared.extensions.lock().map(|names| names.clone()).unwrap_or_default()
    }

    /// Stops accepting connections.
    pub fn stop(&self) {
        self.stop.notify_waiters();
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, stop: Arc<tokio::sync::Notify>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
            () = stop.notified() => return,
        };
        shared.connections.fetch_add(1, Ordering::Relaxed);
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| serve(Arc::clone(&shared), request));
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

async fn serve(shared: Arc<Shared>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path().to_owned();
    let path = path.strip_prefix(shared.base_path.as_str()).unwrap_or(&path).to_owned();
    if let Some(route) = path.strip_prefix("/2020-01-01/extension/") {
        return Ok(extension(&shared, request.method(), route, request.headers()).await);
    }
    let Some(route) = path.strip_prefix("/2018-06-01/runtime/") else {
        return Ok(status(StatusCode::NOT_FOUND));
    };
    let method = request.method().clone();
    match (method, route) {
        (Method::GET, "invocation/next") => Ok(next(&shared).await),
        (Method::POST, "init/error") => {
            let error_type = error_type_header(request.headers());
            let outcome = Outcome::Error { error_type, body: read_json(request).await };
            if let Ok(mut guard) = shared.init_error.lock() {
                *guard = Some(outcome.clone());
            }
            fail_queued(&shared, &outcome).await;
            Ok(status(StatusCode::ACCEPTED))
        }
        (Method::POST, route) => {
            let mut segments = route.split('/');
            match (segments.next(), segments.next(), segments.next()) {
                (Some("invocation"), Some(id), Some(kind @ ("response" | "error"))) => {
                    let id = id.to_owned();
                    let error_type = error_type_header(request.headers());
                    let body = request.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
                    // As Lambda does, an answer over its response limit fails the invocation,
                    // and the function is told with a 413.
                    let oversized = kind == "response" && body.len() > crate::MAX_RESPONSE_BYTES;
                    let outcome = if oversized {
                        let error = crate::local::response_too_large(body.len());
                        let body =
                            serde_json::json!({"errorType": error.error_type(), "errorMessage": error.message()});
                        Outcome::Error { error_type: None, body }
                    } else if kind == "response" {
                        Outcome::Response(body)
                    } else {
                        Outcome::Error { error_type, body: serde_json::from_slice(&body).unwrap_or_default() }
                    };
                    match finish(&shared, &id, None, outcome) {
                        true if oversized => Ok(status(StatusCode::PAYLOAD_TOO_LARGE)),
                        true => Ok(status(StatusCode::ACCEPTED)),
                        // Unknown, already answered, or timed out.
                        false => Ok(status(StatusCode::BAD_REQUEST)),
                    }
                }
                _ => Ok(status(StatusCode::NOT_FOUND)),
            }
        }
        _ => Ok(status(StatusCode::NOT_FOUND)),
    }
}

/// Hands `outcome` to whoever waits for invocation `id` (only if it is hand-over `handed`, when
/// given); `false` when no one does.
fn finish(shared: &Shared, id: &str, handed: Option<u64>, outcome: Outcome) -> bool {
    let waiter = shared.in_flight.lock().ok().and_then(|mut map| {
        let matches = map.get(id).is_some_and(|in_flight| handed.is_none_or(|handed| in_flight.handed == handed));
        matches.then(|| map.remove(id)).flatten()
    });
    let Some(waiter) = waiter else { return false };
    shared.in_flight_now.fetch_sub(1, Ordering::Relaxed);
    let _ = waiter.done.send(outcome);
    true
}

/// The `Lambda-Runtime-Function-Error-Type` header of an error report.
/// The ARN Lambda hands on for the function `name` in the peer's account and region.
fn function_arn(name: &str) -> String {
    format!("arn:aws:lambda:us-east-1:123456789012:function:{name}")
}

/// The value behind `mutex`, whether or not a panic poisoned it.
fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn error_type_header(headers: &http::HeaderMap) -> Option<String> {
    headers.get("lambda-runtime-function-error-type").and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// Fails every invocation still queued with `outcome`. A `/next` waiting on an empty queue holds
/// it meanwhile; then there is nothing to fail, and invocations queued later fail at once.
async fn fail_queued(shared: &Shared, outcome: &Outcome) {
    let mut queue = shared.queue.lock().await;
    while let Ok(queued) = queue.try_recv() {
        if let Some(sender) = take(&queued.done) {
            let _ = sender.send(outcome.clone());
        }
    }
}

/// What Lambda answers, without invoking, for a payload it refuses: over its limit, or not JSON.
fn refused(payload: &[u8]) -> Option<Outcome> {
    let (error_type, message) = if payload.len() > crate::MAX_PAYLOAD_BYTES {
        ("RequestTooLargeException", crate::local::request_too_large_message(crate::MAX_PAYLOAD_BYTES))
    } else {
        ("InvalidRequestContentException", crate::local::not_json(payload)?)
    };
    Some(Outcome::Error {
        error_type: None,
        body: serde_json::json!({"errorType": error_type, "errorMessage": message}),
    })
}

/// The outcome of an invocation no function took from `/next` in `waited`.
fn not_taken(waited: Duration) -> Outcome {
    let message = format!(
        "no function took this invocation from /next within {:.2} s (its time limit and {} s more): did the \
         function's process exit, or not start?",
        waited.as_secs_f64(),
        TAKE_GRACE.as_secs_f64()
    );
    Outcome::Error {
        error_type: None,
        body: serde_json::json!({"errorType": "Faaskit.NotTaken", "errorMessage": message}),
    }
}

async fn next(shared: &Arc<Shared>) -> Response<Full<Bytes>> {
    // The next invocation still waited for (one the caller gave up on is skipped).
    let (queued, done) = {
        let mut queue = shared.queue.lock().await;
        loop {
            let Some(queued) = queue.recv().await else {
                return status(StatusCode::GONE);
            };
            if let Some(done) = take(&queued.done) {
                break (queued, done);
            }
        }
    };
    let deadline_ms = crate::deadline::later_time(SystemTime::now(), queued.deadline)
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    let handed = shared.handed.fetch_add(1, Ordering::Relaxed);
    if let Ok(mut map) = shared.in_flight.lock() {
        map.insert(queued.request_id.clone(), InFlight { handed, done });
    }
    let now = shared.in_flight_now.fetch_add(1, Ordering::Relaxed) + 1;
    shared.in_flight_max.fetch_max(now, Ordering::Relaxed);
    // As Lambda does, the invocation times out at its deadline: also when the function's process
    // died with it, which the peer cannot otherwise tell.
    let watcher = Arc::clone(shared);
    let (id, limit) = (queued.request_id.clone(), queued.deadline);
    tokio::spawn(async move {
        tokio::time::sleep(limit).await;
        let timed_out = crate::pipeline::timed_out(&id, limit);
        let body = serde_json::json!({"errorType": timed_out.error_type(), "errorMessage": timed_out.message()});
        finish(&watcher, &id, Some(handed), Outcome::Error { error_type: None, body });
    });
    let Queued { request_id, payload, trace_id, headers: given, .. } = queued;
    let mut response = Response::new(Full::new(payload));
    let headers = response.headers_mut();
    let pairs = [
        ("lambda-runtime-aws-request-id", request_id),
        ("lambda-runtime-deadline-ms", deadline_ms.to_string()),
        ("lambda-runtime-invoked-function-arn", lock(&shared.function_arn).clone()),
        (
            "lambda-runtime-trace-id",
            trace_id.unwrap_or_else(|| format!("Root=1-00000000-{deadline_ms:024x};Sampled=0")),
        ),
        ("content-type", "application/json".to_owned()),
    ];
    for (name, value) in pairs.into_iter().chain(given) {
        if let Ok(value) = http::HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

async fn read_json(request: Request<Incoming>) -> serde_json::Value {
    let body = request.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    serde_json::from_slice(&body).unwrap_or_default()
}

fn status(code: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = code;
    response
}

/// The Extensions API, enough for registration: `register` answers with an identifier, and
/// `event/next` waits (this peer never sends extension events; a shutdown is a signal).
async fn extension(shared: &Shared, method: &Method, route: &str, headers: &http::HeaderMap) -> Response<Full<Bytes>> {
    match (method, route) {
        (&Method::POST, "register") => {
            let name = headers
                .get("lambda-extension-name")
                .and_then(|value| value.to_str().ok())
                .unwrap_or("unnamed")
                .to_owned();
            let identifier = {
                let Ok(mut names) = shared.extensions.lock() else {
                    return status(StatusCode::INTERNAL_SERVER_ERROR);
                };
                names.push(name);
                format!("00000000-0000-4000-9000-{:012}", names.len())
            };
            let body =
                serde_json::json!({"functionName": "test", "functionVersion": "$LATEST", "handler": "bootstrap"});
            Response::builder()
                .status(StatusCode::OK)
                .header("lambda-extension-identifier", identifier)
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(Full::new(Bytes::from(body.to_string())))
                .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
        }
        (&Method::GET, "event/next") => std::future::pending().await,
        _ => status(StatusCode::NOT_FOUND),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sends_the_request_id_and_deadline_it_was_given() {
        use http_body_util::Empty;
        use hyper_util::client::legacy::Client;
        use hyper_util::rt::TokioExecutor;

        let peer = RuntimeApiPeer::start().await.expect("starts");
        let options = InvokeOptions::new().request_id("req-given").time_limit(Duration::from_millis(1_500));
        let outcome = peer.enqueue_with("{}", options);
        let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
        let next = format!("http://{}/2018-06-01/runtime/invocation/next", peer.addr);
        let before = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_millis();
        let response = client.get(next.parse().expect("uri")).await.expect("next");
        let header = |name: &str| response.headers()[name].to_str().expect("text").to_owned();
        assert_eq!(header("lambda-runtime-aws-request-id"), "req-given");
        let deadline: u128 = header("lambda-runtime-deadline-ms").parse().expect("millis");
        assert!((before + 1_500..before + 3_000).contains(&deadline), "deadline {deadline}, taken at {before}");
        assert_eq!(
            header("lambda-runtime-invoked-function-arn"),
            "arn:aws:lambda:us-east-1:123456789012:function:test"
        );
        drop(outcome);

        // Once the environment names the function, so does the ARN.
        let environment = peer.lambda_environment("orders");
        assert!(environment.contains(&("AWS_LAMBDA_FUNCTION_NAME".to_owned(), "orders".to_owned())));
        let outcome = peer.enqueue_with("{}", InvokeOptions::new());
        let response = client.get(next.parse().expect("uri")).await.expect("next");
        let arn = response.headers()["lambda-runtime-invoked-function-arn"].to_str().expect("text");
        assert_eq!(arn, "arn:aws:lambda:us-east-1:123456789012:function:orders");
        peer.stop();
        drop(outcome);
    }

    #[tokio::test]
    async fn sends_the_trace_client_context_and_identity_it_was_given() {
        use http_body_util::Empty;
        use hyper_util::client::legacy::Client;
        use hyper_util::rt::TokioExecutor;

        let peer = RuntimeApiPeer::start().await.expect("starts");
        let client_context = serde_json::json!({"client": {"installation_id": "i-1"}, "custom": {}, "env": {}});
        let identity = serde_json::json!({"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"});
        let options = InvokeOptions::new()
            .trace_id("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
            .client_context(&client_context)
            .cognito_identity(&identity);
        let outcome = peer.enqueue_with("{}", options);
        let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
        let next = format!("http://{}/2018-06-01/runtime/invocation/next", peer.addr);
        let response = client.get(next.parse().expect("uri")).await.expect("next");
        let header = |name: &str| response.headers()[name].to_str().expect("text").to_owned();
        assert_eq!(header("lambda-runtime-trace-id"), "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        let sent: serde_json::Value = serde_json::from_str(&header("lambda-runtime-client-context")).expect("JSON");
        assert_eq!(sent, client_context);
        let sent: serde_json::Value = serde_json::from_str(&header("lambda-runtime-cognito-identity")).expect("JSON");
        assert_eq!(sent, identity);
        peer.stop();
        drop(outcome);
    }

    /// A stand-in for a function: raw calls to the peer's Runtime API.
    struct FakeFunction {
        base: String,
        client: hyper_util::client::legacy::Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
    }

    impl FakeFunction {
        fn of(peer: &RuntimeApiPeer) -> Self {
            let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
            Self { base: format!("http://{}/2018-06-01/runtime", peer.addr), client }
        }

        /// Takes the next invocation; its request id.
        async fn next(&self) -> String {
            let uri = format!("{}/invocation/next", self.base).parse().expect("uri");
            let response = self.client.get(uri).await.expect("next");
            response.headers()["lambda-runtime-aws-request-id"].to_str().expect("text").to_owned()
        }

        async fn post(&self, route: &str, error_type: Option<&str>, body: &'static str) -> StatusCode {
            let mut request = Request::post(format!("{}/{route}", self.base));
            if let Some(error_type) = error_type {
                request = request.header("lambda-runtime-function-error-type", error_type);
            }
            let request = request.body(Full::new(Bytes::from_static(body.as_bytes()))).expect("request");
            self.client.request(request).await.expect("posts").status()
        }
    }

    /// A time limit too long for the clock (`Duration::MAX`, "no limit") is a deadline decades
    /// away, not a panic.
    #[tokio::test]
    async fn takes_a_time_limit_too_long_for_the_clock() {
        let peer = RuntimeApiPeer::start().await.expect("starts");
        let function = FakeFunction::of(&peer);
        let outcome = peer.enqueue_with("{}", InvokeOptions::new().time_limit(Duration::MAX));
        let id = function.next().await;
        assert_eq!(function.post(&format!("invocation/{id}/response"), None, "1").await, StatusCode::ACCEPTED);
        assert_eq!(outcome.await, Outcome::Response(Bytes::from_static(b"1")));
    }

    /// As on Lambda, an invocation the function takes and never answers (it hangs, or its
    /// process died) times out at its deadline; an answer after that is refused.
    #[tokio::test]
    async fn an_invocation_left_unanswered_times_out_at_its_deadline() {
        let peer = RuntimeApiPeer::start().await.expect("starts");
        let function = FakeFunction::of(&peer);
        let outcome = peer.enqueue_with("{}", InvokeOptions::new().time_limit(Duration::from_millis(200)));
        let id = function.next().await;
        let outcome = tokio::time::timeout(Duration::from_secs(10), outcome).await.expect("an outcome by the deadline");
        assert_eq!(outcome.error_type(), Some("Sandbox.Timedout"));
        assert_eq!(
            outcome.error_message(),
            Some(format!("RequestId: {id} Error: Task timed out after 0.20 seconds").as_str())
        );
        let late = function.post(&format!("invocation/{id}/response"), None, "\"late\"").await;
        assert_eq!(late, StatusCode::BAD_REQUEST);

        // One answered in time is not touched by its timer, even when its request id comes again.
        let options = || InvokeOptions::new().request_id("again").time_limit(Duration::from_millis(300));
        let first = peer.enqueue_with("{}", options());
        assert_eq!(function.next().await, "again");
        assert_eq!(function.post("invocation/again/response", None, "1").await, StatusCode::ACCEPTED);
        assert_eq!(first.await, Outcome::Response(Bytes::from_static(b"1")));
        tokio::time::sleep(Duration::from_millis(200)).await;
        let second = peer.enqueue_with("{}", options().time_limit(Duration::from_secs(5)));
        assert_eq!(function.next().await, "again");
        // The first one's timer has fired meanwhile; it must not end the second.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(function.post("invocation/again/response", None, "2").await, StatusCode::ACCEPTED);
        assert_eq!(second.await, Outcome::Response(Bytes::from_static(b"2")));
    }

    /// As on Lambda, once the function reports an init error, the invocations waiting for it and
    /// every later one fail with that error.
    #[tokio::test]
    async fn an_init_error_fails_the_waiting_and_later_invocations() {
        let peer = RuntimeApiPeer::start().await.expect("starts");
        let function = FakeFunction::of(&peer);
        let waiting = peer.enqueue("{}");
        let report = r#"{"errorType":"Faaskit.InitError","errorMessage":"no database"}"#;
        assert_eq!(function.post("init/error", Some("Unhandled"), report).await, StatusCode::ACCEPTED);
        let expected = Outcome::Error {
            error_type: Some("Unhandled".to_owned()),
            body: serde_json::json!({"errorType": "Faaskit.InitError", "errorMessage": "no database"}),
        };
        let waited = tokio::time::timeout(Duration::from_secs(10), waiting).await.expect("fails at once");
        assert_eq!(waited, expected);
        let later = tokio::time::timeout(Duration::from_secs(10), peer.invoke("{}")).await.expect("fails at once");
        assert_eq!(later, expected);
        assert_eq!(
            peer.init_error(),
            Some(serde_json::json!({"errorType": "Faaskit.InitError", "errorMessage": "no database"}))
        );
    }

    /// A FakeFunction's `next` with the payload it was handed.
    async fn next_payload(peer: &RuntimeApiPeer) -> Bytes {
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http::<Full<Bytes>>();
        let uri = format!("http://{}/2018-06-01/runtime/invocation/next", peer.addr).parse().expect("uri");
        let response = client.get(uri).await.expect("next");
        response.into_body().collect().await.expect("body").to_bytes()
    }

    /// As Lambda, the peer hands on no payload as `{}`, and answers without invoking a payload
    /// over 6 MB or one that is not JSON.
    #[tokio::test]
    async fn refuses_what_lambda_refuses() {
        let peer = RuntimeApiPeer::start().await.expect("starts");
        let empty = peer.enqueue("");
        assert_eq!(next_payload(&peer).await, "{}");
        drop(empty);
        let huge = peer.invoke(format!("\"{}\"", "x".repeat(crate::MAX_PAYLOAD_BYTES))).await;
        assert_eq!(huge.error_type(), Some("RequestTooLargeException"));
        assert_eq!(
            huge.error_message(),
            Some("Request must be smaller than 6291456 bytes for the InvokeFunction operation")
        );
        let truncated = peer.invoke(r#"{"name": "Ana""#).await;
        assert_eq!(truncated.error_type(), Some("InvalidRequestContentException"));
        assert!(
            truncated.error_message().is_some_and(|m| m.starts_with("Could not parse request body into json: ")),
            "{truncated:?}"
        );
        let bytes = peer.invoke(b"\"\xff\"".to_vec()).await;
        assert_eq!(
            bytes.error_message(),
            Some("Could not parse request body into json: Could not parse payload into json: invalid UTF-8 at byte 1")
        );
    }

    /// As on Lambda, an answer over 6,291,556 bytes fails the invocation, and the function hears
    /// `413`; one at the limit is the answer.
    #[tokio::test]
    async fn fails_an_answer_over_the_response_limit() {
        let peer = RuntimeApiPeer::start().await.expect("starts");
        let function = FakeFunction::of(&peer);
        let body: &'static str = Box::leak("x".repeat(crate::MAX_RESPONSE_BYTES + 1).into_boxed_str());
        let over = peer.enqueue("{}");
        let id = function.next().await;
        assert_eq!(
            function.post(&format!("invocation/{id}/response"), None, body).await,
            StatusCode::PAYLOAD_TOO_LARGE
        );
        let over = over.await;
        assert_eq!(over.error_type(), Some("Function.ResponseSizeTooLarge"));
        assert_eq!(
            over.error_message(),
            Some("Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes).")
        );
        let fits = peer.enqueue("{}");
        let id = function.next().await;
        let at_limit = &body[1..];
        assert_eq!(function.post(&format!("invocation/{id}/response"), None, at_limit).await, StatusCode::ACCEPTED);
        assert!(matches!(fits.await, Outcome::Response(answer) if answer.len() == crate::MAX_RESPONSE_BYTES));
    }

    /// An invocation no function takes (its process exited, or never started) ends, with an
    /// error that says so, after its time limit and a grace period; a function that comes later
    /// does not get it.
    #[tokio::test]
    async fn an_invocation_no_function_takes_ends() {
        let peer = RuntimeApiPeer::start().await.expect("starts");
        let outcome = peer.invoke_with("{}", InvokeOptions::new().time_limit(Duration::from_millis(200))).await;
        assert_eq!(outcome.error_type(), Some("Faaskit.NotTaken"));
        assert!(outcome.error_message().is_some_and(|m| m.contains("within 0.50 s")), "{outcome:?}");
        let next = peer.enqueue_with("{}", InvokeOptions::new().request_id("after"));
        assert_eq!(FakeFunction::of(&peer).next().await, "after", "the abandoned one is skipped");
        drop(next);
    }

    #[tokio::test]
    async fn counts_the_connections_the_function_opens() {
        let peer = RuntimeApiPeer::start().await.expect("starts");
        assert_eq!(peer.connections(), 0);
        let addr = peer.addr;
        let first = tokio::net::TcpStream::connect(addr).await.expect("connects");
        let second = tokio::net::TcpStream::connect(addr).await.expect("connects");
        // The peer counts a connection once it has accepted it.
        for _ in 0..100 {
            if peer.connections() == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(peer.connections(), 2);
        drop((first, second));
    }
}
