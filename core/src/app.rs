//! The application: its handlers, and the choice between Lambda mode and the local server.

use std::collections::HashSet;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::sync::Arc;

use futures_util::FutureExt as _;

use crate::function_config::non_empty_var;
use crate::handler::Handler;
use crate::lambda::RuntimeApiEndpoint;
use crate::local::LocalSettings;
use crate::logging::LogTarget;
use crate::pipeline::Prepared;
use crate::state::{StateMap, StateValue};
use crate::{Error, FunctionConfig};

/// A binary's handlers, run on the Lambda Runtime API or as a local server.
///
/// `#[faaskit::handler]` builds and runs one for you. Build one yourself to host several
/// handlers in one binary: on Lambda, `_HANDLER` (the function's *Handler* setting) picks the
/// one to run; locally, all are served, each under its own name.
///
/// # Examples
///
/// A binary's whole `main`, without the attributes:
///
/// ```no_run
/// use faaskit::{App, Error, Handler, Invocation};
///
/// fn main() -> std::process::ExitCode {
///     let hello = Handler::new("hello", |_: Invocation| async { Ok::<_, Error>("hello") });
///     let goodbye = Handler::new("goodbye", |_: Invocation| async { Ok::<_, Error>("goodbye") });
///     App::new().handler(hello).handler(goodbye).run_main()
/// }
/// ```
///
/// Or inside a tokio runtime of your own, with the error to handle:
///
/// ```no_run
/// # use faaskit::{App, Error, Handler, Invocation};
/// #[tokio::main]
/// async fn main() -> Result<(), Error> {
///     let hello = Handler::new("hello", |_: Invocation| async { Ok::<_, Error>("hello") });
///     App::new().handler(hello).run().await
/// }
/// ```
///
/// # Errors
///
/// [`App::run`] fails before serving when the configuration is wrong: duplicate handler names,
/// a `_HANDLER` that names no handler, a missing Lambda environment variable, a failed `init`,
/// a `State<T>` no `init` provides, or an address the local server cannot listen on.
#[derive(Debug)]
#[must_use]
pub struct App {
    handlers: Vec<Handler>,
    logging: bool,
}

/// The subcommand that prints a sample event instead of serving (local mode only).
const EXAMPLE_EVENT_COMMAND: &str = "example-event";
/// The variable that asks for a sample event instead of serving.
const EXAMPLE_EVENT_VAR: &str = "FAASKIT_PRINT_EXAMPLE_EVENT";

/// What the process was asked to do.
#[derive(Debug, PartialEq, Eq)]
enum Mode {
    Lambda(String),
    Local,
    PrintExample(Option<String>),
    PrintUsage,
}

/// What `--help` prints; `{bin}` is the binary's name.
const USAGE: &str = "\
{bin}: a faaskit function.

Usage:
  {bin}                          serve locally: the Lambda Invoke API, and HTTP for an HTTP function
  {bin} example-event [HANDLER]  print a sample event of the handler's type
  {bin} --help                   print this

With AWS_LAMBDA_RUNTIME_API set, as on Lambda, it serves the Lambda Runtime API instead.
Locally: FAASKIT_ADDR (default 127.0.0.1:9000 and [::1]:9000; 0.0.0.0:$PORT when only PORT is set),
FAASKIT_TIMEOUT (seconds, default 3), FAASKIT_PRINT_EXAMPLE_EVENT=1 (as example-event).
Logs: AWS_LAMBDA_LOG_FORMAT (Text or JSON), AWS_LAMBDA_LOG_LEVEL, RUST_LOG, FAASKIT_LOG_PAYLOADS=1.";

impl Default for App {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// An application with no handlers, which sets up logging when it runs.
    pub fn new() -> Self {
        Self { handlers: Vec::new(), logging: true }
    }

    /// Adds a handler.
    pub fn handler(mut self, handler: Handler) -> Self {
        self.handlers.push(handler);
        self
    }

    /// Adds handlers.
    pub fn handlers(mut self, handlers: impl IntoIterator<Item = Handler>) -> Self {
        self.handlers.extend(handlers);
        self
    }

    /// Whether faaskit sets up `tracing` (default: yes). Turn it off to install your own
    /// subscriber; faaskit's events then go to yours.
    ///
    /// faaskit's logs go to stdout on Lambda (CloudWatch timestamps them) and to stderr, with
    /// timestamps, locally. Every line logged during an invocation carries its `requestId`.
    /// They read:
    ///
    /// | variable | meaning | default |
    /// | --- | --- | --- |
    /// | `AWS_LAMBDA_LOG_FORMAT` | `JSON` for Lambda's JSON lines (`timestamp`, `level`, `message`, `requestId`, fields...); anything else is text | text |
    /// | `AWS_LAMBDA_LOG_LEVEL` | `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR` or `FATAL` (Lambda's application log level); wins over `RUST_LOG` | unset |
    /// | `RUST_LOG` | `target=level` directives, as `info,my_crate=debug` (span and field filters are not supported) | `INFO` |
    /// | `FAASKIT_LOG_PAYLOADS` | `1` logs each event and response at `DEBUG` | off |
    ///
    /// A value faaskit cannot use is named in a warning when the binary starts, and ignored.
    pub fn logging(mut self, enabled: bool) -> Self {
        self.logging = enabled;
        self
    }

    /// Runs the application as a binary's `main`: on a multi-threaded tokio runtime of its
    /// own, as [`run`](Self::run) does; an error that stops it is reported once (in the logs,
    /// else on stderr) and gives a failure exit code. What the attributes' generated `main` calls.
    ///
    /// Called inside a tokio runtime, it reports that and fails: use [`run`](Self::run) there
    /// (for layers that need a runtime when built, such as tower's `Buffer`).
    pub fn run_main(self) -> ExitCode {
        if tokio::runtime::Handle::try_current().is_ok() {
            eprintln!(
                "faaskit: App::run_main starts its own tokio runtime and cannot run inside one \
                 (#[tokio::main]); there, call App::run().await"
            );
            return ExitCode::FAILURE;
        }
        let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
            Ok(runtime) => runtime,
            Err(err) => {
                eprintln!("faaskit: cannot start the tokio runtime: {err}");
                return ExitCode::FAILURE;
            }
        };
        match runtime.block_on(self.run()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                // Once: in the logs when they are on (faaskit's or the application's own
                // subscriber), else on stderr.
                if tracing::enabled!(tracing::Level::ERROR) {
                    tracing::error!(errorType = err.error_type(), errorMessage = err.message(), "faaskit stopped");
                } else {
                    eprintln!("faaskit: {}: {}", err.error_type(), err.message());
                }
                ExitCode::FAILURE
            }
        }
    }

    /// Runs the application: on the Lambda Runtime API when `AWS_LAMBDA_RUNTIME_API` is set,
    /// otherwise as a local server on `FAASKIT_ADDR` (default `127.0.0.1:9000` and `[::1]:9000`,
    /// or `0.0.0.0:$PORT` when `PORT` is set).
    ///
    /// Locally, `FAASKIT_PRINT_EXAMPLE_EVENT=1` or the `example-event` subcommand prints a
    /// sample event of the handler's type instead (give a handler name to pick one).
    ///
    /// # Errors
    ///
    /// See [`App`].
    pub async fn run(self) -> Result<(), Error> {
        let mode = detect_mode(std::env::args().skip(1))?;
        let target = match mode {
            Mode::Lambda(_) => LogTarget::Lambda,
            Mode::Local | Mode::PrintExample(_) | Mode::PrintUsage => LogTarget::Local,
        };
        if self.logging {
            crate::logging::init(target);
        }
        crate::panic_report::install_hook(!self.logging);
        match mode {
            Mode::PrintUsage => {
                let name = binary_file_name().unwrap_or_else(|| "function".to_owned());
                print_out(&USAGE.replace("{bin}", &name))
            }
            Mode::PrintExample(name) => {
                check_handlers(&self.handlers)?;
                print_example(&self.handlers, name.as_deref())
            }
            Mode::Lambda(runtime_api) => {
                // Whatever stops the function from starting goes to `/init/error` too, so that
                // Lambda shows it to the caller (else it only sees `Runtime.ExitError`).
                let endpoint = RuntimeApiEndpoint::parse(&runtime_api)?;
                let starting = crate::panic_report::while_starting(&endpoint, start_on_lambda(self.handlers));
                let prepared = match catch_start_panic(starting).await {
                    Ok(prepared) => prepared,
                    Err(err) => {
                        endpoint.report_init_error(&err);
                        return Err(err);
                    }
                };
                crate::panic_report::arm(endpoint);
                // Boxed, like the local branch: each mode's serving future is compiled once, on
                // its own, instead of inlined into this one (binary size; see BENCHMARKS.md).
                Box::pin(crate::lambda::serve(prepared, &runtime_api)).await
            }
            Mode::Local => {
                check_handlers(&self.handlers)?;
                let settings = LocalSettings::from_env()?;
                let grace = settings.shutdown_grace();
                let prepared =
                    catch_start_panic(prepare(self.handlers, |name| Arc::new(FunctionConfig::from_env(name)))).await?;
                let hooks: Vec<_> = prepared.iter().filter_map(|handler| handler.shutdown.clone()).collect();
                let served = Box::pin(crate::local::serve(prepared, settings)).await;
                // In-flight invocations have finished: now the shutdown hooks.
                // Each within the grace period: one that hangs must not keep the others from
                // running, nor the process from exiting after a single SIGTERM.
                for hook in hooks {
                    if tokio::time::timeout(grace, hook.run()).await.is_err() {
                        tracing::warn!(
                            grace_secs = grace.as_secs_f64(),
                            "a shutdown hook did not finish within the grace period; going on without it"
                        );
                    }
                }
                served
            }
        }
    }

    /// Runs init for every handler, ready to serve locally (for tests).
    #[cfg(feature = "testing")]
    pub(crate) async fn prepare_local(self) -> Result<Vec<Arc<Prepared>>, Error> {
        check_handlers(&self.handlers)?;
        prepare(self.handlers, |name| Arc::new(FunctionConfig::new(name))).await
    }

    /// Runs init for a single handler, ready for in-process invocations (for tests).
    #[cfg(feature = "testing")]
    pub(crate) async fn prepare_single(handler: Handler, function: FunctionConfig) -> Result<Arc<Prepared>, Error> {
        // What the binary would refuse, a test's function refuses too.
        check_handlers(std::slice::from_ref(&handler))?;
        let function = Arc::new(function);
        let mut prepared = prepare(vec![handler], |_| Arc::clone(&function)).await?;
        Ok(prepared.remove(0))
    }
}

/// What the environment and the command-line arguments (after the binary's name) ask for. On
/// Lambda the arguments are not read.
///
/// # Errors
///
/// Locally, an argument that is not `example-event [HANDLER]` or `--help`.
fn detect_mode(mut args: impl Iterator<Item = String>) -> Result<Mode, Error> {
    if let Some(runtime_api) = non_empty_var("AWS_LAMBDA_RUNTIME_API") {
        return Ok(Mode::Lambda(runtime_api));
    }
    let mode = match args.next().as_deref() {
        Some(EXAMPLE_EVENT_COMMAND) => Mode::PrintExample(args.next()),
        Some("-h" | "--help" | "help") => Mode::PrintUsage,
        Some(other) => return Err(unknown_argument(other)),
        None => match non_empty_var(EXAMPLE_EVENT_VAR) {
            Some(value) if matches!(value.as_str(), "1" | "true" | "yes") => Mode::PrintExample(None),
            Some(value) if !matches!(value.as_str(), "0" | "false" | "no") => Mode::PrintExample(Some(value)),
            _ => Mode::Local,
        },
    };
    match args.next() {
        Some(extra) => Err(unknown_argument(&extra)),
        None => Ok(mode),
    }
}

fn unknown_argument(argument: &str) -> Error {
    Error::config(format!(
        "unknown argument `{argument}`: run with no arguments to serve locally, `example-event [HANDLER]` to print a sample event, or `--help`"
    ))
}

/// The running binary's file name without its extension, if the platform can tell.
pub fn binary_file_name() -> Option<String> {
    std::env::current_exe().ok()?.file_stem().map(|stem| stem.to_string_lossy().into_owned())
}

/// Checks the handlers can be served together: some, with unique names, and no HTTP function
/// given event middleware it would skip when serving real HTTP.
fn check_handlers(handlers: &[Handler]) -> Result<(), Error> {
    if handlers.is_empty() {
        return Err(Error::config("the application has no handlers"));
    }
    let mut seen = HashSet::new();
    for handler in handlers {
        if !seen.insert(handler.name()) {
            return Err(Error::config(format!("two handlers are named `{}`; names must be unique", handler.name())));
        }
        if handler.is_http() && handler.layered {
            return Err(Error::config(format!(
                "handler `{}` is an HTTP function: Handler::layer would wrap its events but not the real HTTP it \
                 serves locally; put its middleware on its Router (Router::layer)",
                handler.name()
            )));
        }
    }
    Ok(())
}

/// The handler Lambda runs: the only one, or the one `_HANDLER` names.
fn select_for_lambda(mut handlers: Vec<Handler>, wanted: Option<&str>) -> Result<Handler, Error> {
    if handlers.len() == 1 {
        return Ok(handlers.remove(0));
    }
    let names = || handlers.iter().map(Handler::name).collect::<Vec<_>>().join(", ");
    let Some(wanted) = wanted else {
        return Err(Error::config(format!(
            "this binary hosts several handlers ({}); set the function's Handler (_HANDLER) to one of them",
            names()
        )));
    };
    match handlers.iter().position(|h| h.name() == wanted) {
        Some(index) => Ok(handlers.swap_remove(index)),
        None => {
            Err(Error::config(format!("_HANDLER=`{wanted}` names no handler of this binary; it hosts {}", names())))
        }
    }
}

fn print_example(handlers: &[Handler], name: Option<&str>) -> Result<(), Error> {
    let handler = match name {
        Some(name) => handlers.iter().find(|h| h.name() == name).ok_or_else(|| {
            let names: Vec<&str> = handlers.iter().map(Handler::name).collect();
            Error::config(format!("no handler named `{name}`; this binary hosts {}", names.join(", ")))
        })?,
        None => match handlers {
            [only] => only,
            _ => {
                let names: Vec<&str> = handlers.iter().map(Handler::name).collect();
                return Err(Error::config(format!(
                    "this binary hosts several handlers; name one: `example-event <name>` with one of {}",
                    names.join(", ")
                )));
            }
        },
    };
    let example = handler.example_event().ok_or_else(|| {
        Error::config(format!(
            "handler `{}` has no sample event: its event type cannot be traced from its Deserialize (it reads its input \
             with deserialize_any, as untagged and internally tagged enums do); implement faaskit::ExampleEvent for it",
            handler.name()
        ))
    })?;
    let text = serde_json::to_string_pretty(&example).map_err(Error::from)?;
    print_out(&text)
}

/// Writes `text` and a line break to stdout. A reader that stopped reading (`| head -1`) is not
/// an error: it has what it wanted, so nothing is reported and the process ends as usual.
///
/// # Errors
///
/// When stdout cannot be written for another reason (a full disk).
fn print_out(text: &str) -> Result<(), Error> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.write_all(b"\n")).and_then(|()| out.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::config(format!("cannot write to stdout: {err}")))
        }
        _ => Ok(()),
    }
}

/// Checks the handlers and Lambda's settings, picks the handler `_HANDLER` names, runs its init,
/// and registers the shutdown hook's extension.
async fn start_on_lambda(handlers: Vec<Handler>) -> Result<Arc<Prepared>, Error> {
    check_handlers(&handlers)?;
    crate::lambda::check_environment()?;
    let handler = select_for_lambda(handlers, non_empty_var("_HANDLER").as_deref())?;
    let function = Arc::new(FunctionConfig::from_env(&handler.name));
    let prepared = prepare(vec![handler], |_| Arc::clone(&function)).await?.remove(0);
    if let Some(hook) = prepared.shutdown.clone() {
        hook.arm_on_lambda().await;
    }
    Ok(prepared)
}

/// `starting`, with a panic in it made an [`Error::INIT`] error: init functions are the user's
/// code, and `lambda_runtime` panics when the shutdown hook's extension cannot register.
async fn catch_start_panic<T>(starting: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
    match AssertUnwindSafe(starting).catch_unwind().await {
        Ok(result) => result,
        Err(payload) => Err(Error::new(
            Error::INIT,
            crate::panic_report::start_panic_message(None, crate::pipeline::panic_message(payload.as_ref())),
        )),
    }
}

/// Runs every handler's init once, checks each handler has the state it takes, and wraps them
/// ready to serve.
async fn prepare(
    handlers: Vec<Handler>,
    function_of: impl Fn(&str) -> Arc<FunctionConfig>,
) -> Result<Vec<Arc<Prepared>>, Error> {
    let mut values: Vec<StateValue> = Vec::new();
    let mut rest = Vec::with_capacity(handlers.len());
    // The value each handler's own init provides: it sees that one (as on Lambda, where it is
    // prepared alone) even when another handler's init gives a value of the same type.
    let mut provided: Vec<Option<StateValue>> = Vec::with_capacity(handlers.len());
    for mut handler in handlers {
        let mut own = None;
        if let Some(init) = handler.init.take() {
            let started = std::time::Instant::now();
            // Several handlers may share a binary: the error names whose init failed or panicked.
            let name: Arc<str> = Arc::from(handler.name.as_ref());
            // A synchronous init runs when called: called inside, its panic is caught and named.
            let running = crate::panic_report::initializing(Arc::clone(&name), async move { init().await });
            let value = match AssertUnwindSafe(running).catch_unwind().await {
                Ok(value) => {
                    value.map_err(|err| Error::new(Error::INIT, format!("handler `{name}`: {}", err.message())))?
                }
                Err(payload) => {
                    let panic = crate::pipeline::panic_message(payload.as_ref());
                    return Err(Error::new(Error::INIT, crate::panic_report::start_panic_message(Some(&name), panic)));
                }
            };
            tracing::debug!(handler = %handler.name, state = value.type_name, elapsed_ms = started.elapsed().as_millis() as u64, "init done");
            own = Some(value.clone());
            values.push(value);
        }
        rest.push(handler);
        provided.push(own);
    }
    let states = StateMap::from_values(values);
    for (handler, own) in rest.iter().zip(&provided) {
        for requirement in &handler.requirements {
            if !states.contains(requirement) {
                let own = own.as_ref().map(|own| own.type_name);
                let advice = match own {
                    Some(own) => format!(
                        "its init function provides State<{}>, not this one",
                        crate::decode::readable_type_name(own)
                    ),
                    None => "add `init = ...` to its attribute".to_owned(),
                };
                return Err(Error::new(
                    Error::STATE,
                    format!(
                        "handler `{}` takes State<{}>, but no init function provides one: {advice}",
                        handler.name,
                        crate::decode::readable_type_name(requirement.type_name)
                    ),
                ));
            }
        }
    }
    Ok(rest
        .into_iter()
        .zip(provided)
        .map(|(handler, own)| {
            Arc::new(Prepared {
                function: function_of(&handler.name),
                name: handler.name.into(),
                event: handler.event,
                http: handler.http,
                states: own.map_or_else(|| states.clone(), |own| states.with_own(&own)),
                shutdown: handler.shutdown,
                cold: std::sync::atomic::AtomicBool::new(true),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Invocation;

    fn handler(name: &'static str) -> Handler {
        Handler::new(name, |_: Invocation| async { Ok::<_, Error>(()) })
    }

    #[test]
    fn selects_the_handler_lambda_names() {
        let picked = select_for_lambda(vec![handler("a"), handler("b")], Some("b")).expect("b exists");
        assert_eq!(picked.name(), "b");
        let only = select_for_lambda(vec![handler("a")], Some("bootstrap")).expect("single handler");
        assert_eq!(only.name(), "a");
        let err = select_for_lambda(vec![handler("a"), handler("b")], Some("c")).expect_err("no c");
        assert_eq!(err.message(), "_HANDLER=`c` names no handler of this binary; it hosts a, b");
        let err = select_for_lambda(vec![handler("a"), handler("b")], None).expect_err("ambiguous");
        assert!(err.message().contains("set the function's Handler (_HANDLER)"));
    }

    fn mode_of(args: &[&str]) -> Result<Mode, Error> {
        detect_mode(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn reads_the_command_line_locally() {
        // (The tests run without AWS_LAMBDA_RUNTIME_API and FAASKIT_PRINT_EXAMPLE_EVENT.)
        assert_eq!(mode_of(&[]).expect("no arguments"), Mode::Local);
        assert_eq!(mode_of(&["example-event"]).expect("ok"), Mode::PrintExample(None));
        assert_eq!(mode_of(&["example-event", "orders"]).expect("ok"), Mode::PrintExample(Some("orders".to_owned())));
        for help in ["--help", "-h", "help"] {
            assert_eq!(mode_of(&[help]).expect(help), Mode::PrintUsage);
        }
        for (args, unknown) in [
            (&["exmaple-event"][..], "exmaple-event"),
            (&["--port", "80"], "--port"),
            (&["example-event", "a", "b"], "b"),
        ] {
            let err = mode_of(args).expect_err(unknown);
            assert_eq!(err.error_type(), Error::CONFIG);
            let expected = format!(
                "unknown argument `{unknown}`: run with no arguments to serve locally, `example-event [HANDLER]` to print a sample event, or `--help`"
            );
            assert_eq!(err.message(), expected);
        }
    }

    #[test]
    fn refuses_duplicate_names() {
        let err = check_handlers(&[handler("a"), handler("a")]).expect_err("duplicate");
        assert_eq!(err.message(), "two handlers are named `a`; names must be unique");
    }

    #[test]
    fn refuses_event_middleware_on_an_http_function() {
        let service = tower::util::BoxCloneSyncService::new(tower::service_fn(|_: http::Request<crate::Body>| async {
            Ok::<_, std::convert::Infallible>(http::Response::new(crate::Body::empty()))
        }));
        let http = handler("api").with_http_service(service.clone());
        assert!(check_handlers(&[http]).is_ok());
        let layered = handler("api").with_http_service(service).layer(tower::layer::util::Identity::new());
        let err = check_handlers(&[layered]).expect_err("refused");
        assert_eq!(err.error_type(), Error::CONFIG);
        assert!(err.message().starts_with("handler `api` is an HTTP function: Handler::layer"), "{}", err.message());
        assert!(check_handlers(&[handler("a").layer(tower::layer::util::Identity::new())]).is_ok());
    }

    /// A test's function refuses what the binary would refuse, rather than pass a test with it.
    #[cfg(feature = "testing")]
    #[tokio::test]
    async fn a_test_function_refuses_event_middleware_on_an_http_function() {
        let service = tower::util::BoxCloneSyncService::new(tower::service_fn(|_: http::Request<crate::Body>| async {
            Ok::<_, std::convert::Infallible>(http::Response::new(crate::Body::empty()))
        }));
        let layered = handler("api").with_http_service(service).layer(tower::layer::util::Identity::new());
        let Err(err) = crate::testing::TestFunction::new(layered).await else { panic!("refused") };
        assert_eq!(err.error_type(), Error::CONFIG);
        assert!(err.message().starts_with("handler `api` is an HTTP function: Handler::layer"), "{}", err.message());
    }

    #[tokio::test]
    async fn run_main_inside_a_runtime_fails_instead_of_panicking() {
        assert_eq!(App::new().handler(handler("a")).run_main(), ExitCode::FAILURE);
    }

    #[tokio::test]
    async fn reports_missing_state_before_serving() {
        let needy = handler("needy").requires_state(Some(crate::state::StateRequirement::of::<u64>()));
        let Err(err) = prepare(vec![needy], |name| Arc::new(FunctionConfig::new(name))).await else {
            panic!("state is missing");
        };
        assert_eq!(err.error_type(), Error::STATE);
        assert!(err.message().contains("handler `needy` takes State<u64>"), "{}", err.message());
        assert!(err.message().ends_with("add `init = ...` to its attribute"), "{}", err.message());

        fn init_text() -> Result<String, Error> {
            Ok("not a number".into())
        }
        let mistaken =
            handler("mistaken").with_init(init_text).requires_state(Some(crate::state::StateRequirement::of::<u64>()));
        let Err(err) = prepare(vec![mistaken], |name| Arc::new(FunctionConfig::new(name))).await else {
            panic!("state is missing");
        };
        assert_eq!(
            err.message(),
            "handler `mistaken` takes State<u64>, but no init function provides one: its init function provides \
             State<String>, not this one"
        );
    }

    /// What `start_on_lambda` refuses is reported to `/init/error`: handler mistakes too.
    #[tokio::test]
    async fn checks_the_handlers_when_starting_on_lambda() {
        let Err(err) = start_on_lambda(vec![handler("a"), handler("a")]).await else {
            panic!("two handlers named a");
        };
        assert_eq!(
            (err.error_type(), err.message()),
            (Error::CONFIG, "two handlers are named `a`; names must be unique")
        );
    }

    #[tokio::test]
    async fn a_panic_while_starting_is_an_init_error() {
        let started: Result<(), Error> = catch_start_panic(async { panic!("no config") }).await;
        let err = started.expect_err("panicked");
        assert_eq!(
            (err.error_type(), err.message()),
            (Error::INIT, "a panic stopped the function from starting: no config")
        );
    }

    /// Several handlers may share a binary: an init that fails or panics is named.
    #[tokio::test]
    async fn names_the_handler_whose_init_failed_or_panicked() {
        fn failing() -> Result<u64, Error> {
            Err(Error::new("Db", "unreachable"))
        }
        fn panicking() -> Result<u64, Error> {
            panic!("DATABASE_URL is not set")
        }
        let config = |name: &str| Arc::new(FunctionConfig::new(name));
        for (init, expected) in [
            (failing as fn() -> Result<u64, Error>, "handler `b`: init failed: Db: unreachable"),
            (panicking, "handler `b`: a panic stopped the function from starting: DATABASE_URL is not set"),
        ] {
            let Err(err) = prepare(vec![handler("a"), handler("b").with_init(init)], config).await else {
                panic!("init must fail");
            };
            assert_eq!((err.error_type(), err.message()), (Error::INIT, expected));
        }
    }

    #[tokio::test]
    async fn shares_init_state_between_handlers() {
        fn init() -> Result<u64, Error> {
            Ok(9)
        }
        let provider = handler("a").with_init(init);
        let user = handler("b").requires_state(Some(crate::state::StateRequirement::of::<u64>()));
        let prepared = prepare(vec![provider, user], |name| Arc::new(FunctionConfig::new(name))).await.expect("ok");
        assert_eq!(*prepared[1].states.get::<u64>().expect("shared"), 9);
    }
}

#[cfg(test)]
mod async_review_tests {
    use super::*;
    use crate::Invocation;

    /// Locally, several handlers are prepared together; on Lambda each is prepared alone. Two
    /// handlers whose inits give a value of the same type must each see their own, as each
    /// would on Lambda: today the last init's value replaces the first's for both.
    #[tokio::test]
    async fn each_handler_keeps_its_own_init_value_of_a_shared_type() {
        fn init_a() -> Result<String, Error> {
            Ok("db of a".into())
        }
        fn init_b() -> Result<String, Error> {
            Ok("db of b".into())
        }
        let noop = |name: &'static str| Handler::new(name, |_: Invocation| async { Ok::<_, Error>(()) });
        let a = noop("a").with_init(init_a).requires_state(Some(crate::state::StateRequirement::of::<String>()));
        let b = noop("b").with_init(init_b).requires_state(Some(crate::state::StateRequirement::of::<String>()));
        let prepared = prepare(vec![a, b], |name| Arc::new(FunctionConfig::new(name))).await.expect("prepared");
        assert_eq!(prepared[0].states.get::<String>().expect("state").as_str(), "db of a", "as on Lambda");
        assert_eq!(prepared[1].states.get::<String>().expect("state").as_str(), "db of b", "as on Lambda");
    }
}
