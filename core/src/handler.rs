//! A named handler: how one invocation is served, plus what it needs at cold start.

use std::borrow::Cow;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum_core::body::Body;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::shutdown_hook::ShutdownHook;
use crate::state::{StateRequirement, StateValue};
use crate::{Error, Invocation};

/// The future of one event invocation: the JSON the caller receives, or the error it receives.
pub type EventFuture = Pin<Box<dyn Future<Output = Result<Box<RawValue>, Error>> + Send>>;

/// The type-erased function that serves one event invocation.
pub(crate) type EventFn = Arc<dyn Fn(Invocation) -> EventFuture + Send + Sync>;

/// An HTTP service run as a function: an `axum::Router` or any `tower::Service` on `http` types.
pub type HttpService = tower::util::BoxCloneSyncService<http::Request<Body>, http::Response<Body>, Infallible>;

type InitFuture = Pin<Box<dyn Future<Output = Result<StateValue, Error>> + Send>>;
pub(crate) type InitFn = Box<dyn FnOnce() -> InitFuture + Send>;

/// A type-erased init function, ready to run at cold start (what [`IntoInit`] makes; nothing
/// to build or call by hand).
#[doc(hidden)]
pub struct Init(pub(crate) InitFn);

/// A named function the binary serves: on Lambda, the one `_HANDLER` names; locally, one of many.
///
/// The attribute macros build these; build one by hand to register a closure without them.
///
/// # Examples
///
/// ```
/// use faaskit::{Error, Handler, Invocation};
///
/// #[derive(serde::Deserialize)]
/// struct Greeting { name: String }
///
/// let handler = Handler::new("hello", |invocation: Invocation| async move {
///     let greeting: Greeting = invocation.event()?;
///     Ok::<_, Error>(serde_json::json!({ "message": format!("Hello, {}!", greeting.name) }))
/// });
/// assert_eq!(handler.name(), "hello");
/// ```
pub struct Handler {
    pub(crate) name: Cow<'static, str>,
    pub(crate) event: EventFn,
    pub(crate) http: Option<HttpService>,
    pub(crate) init: Option<InitFn>,
    pub(crate) example: Option<fn() -> Option<serde_json::Value>>,
    pub(crate) requirements: Vec<StateRequirement>,
    pub(crate) shutdown: Option<ShutdownHook>,
    /// Whether [`Handler::layer`] wrapped the event function (refused for HTTP functions).
    pub(crate) layered: bool,
}

impl Handler {
    /// A handler that serves each invocation with `f`, returning any serializable value.
    pub fn new<F, Fut, O, E>(name: impl Into<Cow<'static, str>>, f: F) -> Self
    where
        F: Fn(Invocation) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, E>> + Send + 'static,
        O: Serialize,
        E: Into<Error>,
    {
        Self::from_raw(name, move |invocation| {
            let future = f(invocation);
            Box::pin(async move {
                match future.await {
                    Ok(output) => crate::encode::encode_output(&output),
                    Err(err) => Err(err.into()),
                }
            })
        })
    }

    /// A handler whose function already produces the JSON the caller receives.
    pub fn from_raw<F>(name: impl Into<Cow<'static, str>>, f: F) -> Self
    where
        F: Fn(Invocation) -> EventFuture + Send + Sync + 'static,
    {
        Self {
            name: name.into(),
            event: Arc::new(f),
            http: None,
            init: None,
            example: None,
            requirements: Vec::new(),
            shutdown: None,
            layered: false,
        }
    }

    /// Runs `init` once at cold start; its value is the [`crate::State`] handlers take.
    ///
    /// `init` is a sync or async function returning `Result<T, E>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::{Error, Handler, Invocation};
    ///
    /// struct Db { url: String }
    ///
    /// async fn connect() -> Result<Db, Error> {
    ///     Ok(Db { url: "postgres://localhost".into() })
    /// }
    ///
    /// let handler = Handler::new("query", |invocation: Invocation| async move {
    ///     let db = invocation.state::<Db>().expect("init ran");
    ///     Ok::<_, Error>(db.url.clone())
    /// })
    /// .with_init(connect);
    /// # let _ = handler;
    /// ```
    #[must_use]
    pub fn with_init<I, M>(mut self, init: I) -> Self
    where
        I: IntoInit<M>,
    {
        self.init = Some(init.into_init().0);
        self
    }

    /// Serves real HTTP with `service` in the local server (HTTP functions only).
    #[must_use]
    pub fn with_http_service(mut self, service: HttpService) -> Self {
        self.http = Some(service);
        self
    }

    /// Runs `hook` once when the process is told to stop: on Lambda, at `SIGTERM` before the
    /// execution environment shuts down (through `lambda_runtime`'s graceful shutdown, which
    /// registers a no-op extension so that Lambda sends the signal); locally, once in-flight
    /// invocations have finished (or, past the shutdown grace period, been stopped) after
    /// `SIGINT` or `SIGTERM`, each hook given up to the grace period in turn. A hook that panics
    /// is logged and the others still run. For flushing buffers and closing connections.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::{Error, Handler, Invocation};
    ///
    /// async fn flush() {
    ///     println!("flushing metrics");
    /// }
    ///
    /// let handler = Handler::new("hello", |_: Invocation| async { Ok::<_, Error>("hi") }).with_shutdown(flush);
    /// # let _ = handler;
    /// ```
    #[must_use]
    pub fn with_shutdown<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.shutdown = Some(ShutdownHook::new(hook));
        self
    }

    /// Sets the sample event `example-event` prints.
    #[must_use]
    pub fn with_example_event(mut self, example: fn() -> Option<serde_json::Value>) -> Self {
        self.example = Some(example);
        self
    }

    /// Declares a state the handler needs, checked before the first invocation.
    #[doc(hidden)]
    #[must_use]
    pub fn requires_state(mut self, requirement: Option<StateRequirement>) -> Self {
        self.requirements.extend(requirement);
        self
    }

    /// The handler's name: its Invoke API path segment, and what `_HANDLER` selects on Lambda.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The sample event of the handler's event type, if it has one.
    pub fn example_event(&self) -> Option<serde_json::Value> {
        self.example.and_then(|example| example())
    }

    /// Whether the handler serves real HTTP locally.
    pub fn is_http(&self) -> bool {
        self.http.is_some()
    }
}

impl std::fmt::Debug for Handler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handler")
            .field("name", &self.name)
            .field("http", &self.http.is_some())
            .field("init", &self.init.is_some())
            .finish()
    }
}

/// A function that can initialise shared state: `fn() -> Result<T, E>` or `async fn() -> Result<T, E>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a faaskit init function",
    label = "an init function takes no arguments and returns `Result<T, E>`",
    note = "write `fn init() -> Result<T, E>` or `async fn init() -> Result<T, E>`, where `T: Send + Sync + 'static` (`Mutex<T>`, not `RefCell<T>`), `E` converts into `faaskit::Error` (any `std::error::Error`; a `String` through `faaskit::Error::from_display`), and an async init's future is `Send` (nothing like an `Rc` held across an `.await`)"
)]
pub trait IntoInit<M>: Send + 'static {
    /// Type-erases the init function.
    #[doc(hidden)]
    fn into_init(self) -> Init;
}

/// Marks async init functions.
#[doc(hidden)]
pub struct AsyncInit;
/// Marks sync init functions.
#[doc(hidden)]
pub struct SyncInit;

impl<F, Fut, T, E> IntoInit<(AsyncInit, T, E)> for F
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + Sync + 'static,
    E: Into<Error>,
{
    fn into_init(self) -> Init {
        Init(Box::new(move || {
            Box::pin(async move { self().await.map(StateValue::new).map_err(|err| init_error(err.into())) })
        }))
    }
}

impl<F, T, E> IntoInit<(SyncInit, T, E)> for F
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Send + Sync + 'static,
    E: Into<Error>,
{
    fn into_init(self) -> Init {
        Init(Box::new(move || {
            let result = self().map(StateValue::new).map_err(|err| init_error(err.into()));
            Box::pin(std::future::ready(result))
        }))
    }
}

fn init_error(err: Error) -> Error {
    let message = format!("init failed: {}: {}", err.error_type(), err.message());
    Error::new(Error::INIT, message)
}

/// The type `#[faaskit::handler]` generates beside an annotated function, named after it, which
/// builds the function's [`Handler`].
///
/// Tests use it to run an annotated function through faaskit:
/// `TestFunction::of::<hello>()` (with the `testing` feature), and `faaskit::main!` lists
/// such types to host several handlers in one binary.
///
/// # Examples
///
/// ```
/// use faaskit::{Handler, HandlerDefinition, Invocation};
///
/// // What the attribute generates for `async fn ping(_: serde_json::Value) -> &'static str`.
/// #[allow(non_camel_case_types)]
/// struct ping {}
///
/// impl HandlerDefinition for ping {
///     fn handler() -> Handler {
///         Handler::new("ping", |_: Invocation| async { Ok::<_, faaskit::Error>("pong") })
///     }
/// }
/// assert_eq!(ping::handler().name(), "ping");
/// ```
pub trait HandlerDefinition {
    /// Whether faaskit sets up logging for the binary: `false` when the attribute says
    /// `logging = false`. `faaskit::main!` sets it up only when every handler it lists leaves
    /// this `true`.
    const LOGGING: bool = true;

    /// The handler's name, when it is known without building the handler (the attributes always
    /// say it): `faaskit::main!` then refuses two handlers of one name when it compiles, rather
    /// than when the binary starts.
    const NAME: Option<&'static str> = None;

    /// The handler of the annotated function.
    fn handler() -> Handler;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Context;

    #[tokio::test]
    async fn runs_sync_and_async_init() {
        fn sync_init() -> Result<u32, Error> {
            Ok(7)
        }
        async fn async_init() -> Result<String, std::io::Error> {
            Ok("ready".into())
        }
        let sync_handler = Handler::new("a", |_: Invocation| async { Ok::<_, Error>(()) }).with_init(sync_init);
        let value = (sync_handler.init.expect("init"))().await.expect("init ok");
        assert_eq!(value.type_name, "u32");
        let async_handler = Handler::new("b", |_: Invocation| async { Ok::<_, Error>(()) }).with_init(async_init);
        let value = (async_handler.init.expect("init"))().await.expect("init ok");
        assert_eq!(value.type_name, "alloc::string::String");
    }

    #[tokio::test]
    async fn init_errors_say_what_failed() {
        fn failing() -> Result<u32, std::io::Error> {
            Err(std::io::Error::other("no database"))
        }
        let handler = Handler::new("a", |_: Invocation| async { Ok::<_, Error>(()) }).with_init(failing);
        let Err(err) = (handler.init.expect("init"))().await else {
            panic!("init must fail");
        };
        assert_eq!(err.error_type(), Error::INIT);
        assert_eq!(err.message(), "init failed: io::Error: no database");
    }

    #[tokio::test]
    async fn encodes_the_output() {
        let handler = Handler::new("a", |_: Invocation| async { Ok::<_, Error>(vec![1, 2]) });
        let output = (handler.event)(Invocation::new("null", Context::builder().build())).await.expect("ok");
        assert_eq!(output.get(), "[1,2]");
    }
}
