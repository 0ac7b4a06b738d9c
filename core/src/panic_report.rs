//! Panics: logged with their location, and, when the process aborts on panic, reported to the
//! Lambda Runtime API before it ends.
//!
//! `cargo lambda build --release` builds with `panic = "abort"`: a panicking handler ends the
//! process before any error response could be sent, and Lambda would only see a crashed runtime.
//! The hook installed here reports the invocation in flight (and any concurrent ones) as function
//! errors carrying the panic message first, with a blocking request that needs no async runtime.

use std::future::Future;

use futures_util::FutureExt as _;
use std::sync::{Arc, Mutex, OnceLock};

use crate::lambda::RuntimeApiEndpoint;
use crate::{Context, Error};

tokio::task_local! {
    /// The invocation the current task is serving.
    static CURRENT_INVOCATION: Context;
    /// Set while the current task serves a request of an HTTP function locally.
    static SERVING_REQUEST: ();
    /// The batch record the current task is handling, by its item identifier.
    static CURRENT_RECORD: String;
    /// The handler whose init function the current task runs.
    static INITIALIZING: Arc<str>;
}

/// The Runtime API to report to, set in Lambda mode when panics abort the process.
static REPORTER: OnceLock<RuntimeApiEndpoint> = OnceLock::new();

/// The invocations in flight, tracked only while there is a reporter to tell about them.
///
/// A list, not a set: it holds at most `AWS_LAMBDA_MAX_CONCURRENCY` contexts, found by identity,
/// and a clone of a context is a reference count, so tracking an invocation neither allocates a
/// string nor hashes one.
static IN_FLIGHT: Mutex<Option<Vec<Context>>> = Mutex::new(None);

/// The Runtime API to report a panic to while the function starts, in Lambda mode when panics
/// abort the process (`/init/error`): set by [`while_starting`].
static STARTING: Mutex<Option<RuntimeApiEndpoint>> = Mutex::new(None);

/// Set once [`install_hook`] has installed faaskit's panic hook.
static HOOK_INSTALLED: OnceLock<()> = OnceLock::new();

/// Whether panics are logged, with their location, by faaskit's hook: code that catches a
/// panic then need not log it again.
pub fn logged_by_hook() -> bool {
    HOOK_INSTALLED.get().is_some()
}

/// Whether this binary aborts on panic (the profile `cargo lambda build --release` uses).
pub(crate) const ABORTS_ON_PANIC: bool = cfg!(panic = "abort");

/// Installs the panic hook: panics are logged through `tracing` with their location.
///
/// With `chain_previous`, the hook that was installed before (the default one prints to stderr)
/// runs too; it is used when faaskit does not own logging.
pub(crate) fn install_hook(chain_previous: bool) {
    HOOK_INSTALLED.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = crate::pipeline::panic_message(info.payload()).to_owned();
            let location = info.location().map(ToString::to_string).unwrap_or_default();
            let in_handler = CURRENT_INVOCATION.try_with(|_| ()).is_ok() || SERVING_REQUEST.try_with(|_| ()).is_ok();
            let what = if in_handler { "handler panicked" } else { "panicked" };
            let initializing = INITIALIZING.try_with(Arc::clone).ok();
            match CURRENT_RECORD.try_with(Clone::clone) {
                // A poison record of a batch is named: the whole batch is retried on a panic.
                Ok(item) => tracing::error!(
                    panic.message = %message,
                    panic.location = %location,
                    item = %item,
                    "{what} handling batch record {item}"
                ),
                Err(_) => match &initializing {
                    Some(handler) => tracing::error!(
                        panic.message = %message,
                        panic.location = %location,
                        handler = %handler,
                        "{what} in the init function of handler `{handler}`"
                    ),
                    None => tracing::error!(panic.message = %message, panic.location = %location, "{what}"),
                },
            }
            if chain_previous {
                previous(info);
            }
            if ABORTS_ON_PANIC {
                report_before_abort(&message, initializing.as_deref());
            }
        }));
    });
}

/// Arms reporting to the Runtime API (Lambda mode, `panic = "abort"` builds only).
pub(crate) fn arm(endpoint: RuntimeApiEndpoint) {
    if ABORTS_ON_PANIC && REPORTER.set(endpoint).is_ok() {
        if let Ok(mut in_flight) = IN_FLIGHT.lock() {
            *in_flight = Some(Vec::new());
        }
    }
}

/// Runs the function's start (settings, init, extension registration) with `endpoint` as where
/// a panic in it is reported before the process aborts (`panic = "abort"` builds; otherwise the
/// caller catches the panic and reports it).
pub(crate) async fn while_starting<F: Future>(endpoint: &RuntimeApiEndpoint, future: F) -> F::Output {
    set_starting(ABORTS_ON_PANIC.then(|| endpoint.clone()));
    // Cleared however the start ends, dropped unfinished included.
    let _started = Started;
    future.await
}

/// Clears [`STARTING`] when dropped.
struct Started;

impl Drop for Started {
    fn drop(&mut self) {
        set_starting(None);
    }
}

fn set_starting(endpoint: Option<RuntimeApiEndpoint>) {
    if let Ok(mut starting) = STARTING.lock() {
        *starting = endpoint;
    }
}

/// The message of an error for a panic that stopped the function from starting: in the init
/// function of `handler`, or in `lambda_runtime` (it panics when the shutdown extension cannot
/// register).
pub(crate) fn start_panic_message(handler: Option<&str>, panic: &str) -> String {
    match handler {
        Some(handler) => format!("handler `{handler}`: a panic stopped the function from starting: {panic}"),
        None => format!("a panic stopped the function from starting: {panic}"),
    }
}

/// Runs the init function of `handler`, so that a panic in it names the handler.
///
/// A plain function, not an `async fn`, as [`serving_request`] is.
pub(crate) fn initializing<F: Future>(handler: Arc<str>, future: F) -> impl Future<Output = F::Output> {
    INITIALIZING.scope(handler, future)
}

/// Runs a request of an HTTP function served locally, so that a panic is named a handler's.
///
/// A plain function, not an `async fn`: an `async fn` keeps its argument beside the future it
/// is moved into, which would double the size of the request's future, copied whole each time
/// it moves.
pub(crate) fn serving_request<F: Future>(future: F) -> impl Future<Output = F::Output> {
    SERVING_REQUEST.scope((), future)
}

/// Runs `future`, the handling of the batch record `item` (its item identifier), so that a panic
/// in it names the record; hands `item` back with the output.
pub async fn handling_record<F: Future>(item: String, future: F) -> (F::Output, String) {
    let mut scoped = std::pin::pin!(CURRENT_RECORD.scope(item, future));
    let output = scoped.as_mut().await;
    let item = scoped.take_value().unwrap_or_default();
    (output, item)
}

/// Runs an invocation's future as the current invocation of its task, so a panic can name it.
///
/// The invocation is in flight from this call until the future ends or is dropped (a timeout).
/// Not an `async fn`, for the reason [`serving_request`] gives.
pub(crate) fn track<F: Future>(context: &Context, future: F) -> impl Future<Output = F::Output> {
    let in_flight = InFlight::register(context);
    CURRENT_INVOCATION.scope(context.clone(), future).map(move |output| {
        drop(in_flight);
        output
    })
}

/// An invocation registered in [`IN_FLIGHT`], removed from it when dropped.
struct InFlight(Option<Context>);

impl InFlight {
    /// Registers `context` while there is a reporter to tell about it (see [`arm`]).
    fn register(context: &Context) -> Self {
        let registered = IN_FLIGHT.lock().ok().and_then(|mut guard| {
            guard.as_mut()?.push(context.clone());
            Some(context.clone())
        });
        Self(registered)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let Some(context) = &self.0 else { return };
        if let Ok(mut guard) = IN_FLIGHT.lock() {
            if let Some(in_flight) = guard.as_mut() {
                if let Some(index) = in_flight.iter().position(|tracked| tracked.same_as(context)) {
                    in_flight.swap_remove(index);
                }
            }
        }
    }
}

/// Reports the failed start, or every invocation in flight, before the process aborts.
fn report_before_abort(message: &str, initializing: Option<&str>) {
    if let Some(endpoint) = STARTING.try_lock().ok().and_then(|starting| starting.clone()) {
        let error = Error::new(Error::INIT, start_panic_message(initializing, message));
        endpoint.report_init_error(&error);
        return;
    }
    let Some(endpoint) = REPORTER.get() else {
        return;
    };
    let current = CURRENT_INVOCATION.try_with(Clone::clone).ok();
    let others: Vec<Context> = IN_FLIGHT.try_lock().ok().and_then(|guard| guard.clone()).unwrap_or_default();
    if let Some(context) = &current {
        let error = Error::new(Error::PANIC, format!("handler panicked: {message}"));
        endpoint.report_invocation_error(context.request_id(), &error);
    }
    let is_current = |context: &Context| current.as_ref().is_some_and(|current| current.same_as(context));
    for context in others.iter().filter(|context| !is_current(context)) {
        let error = Error::new(Error::PANIC, aborted_by(current.is_some(), message));
        endpoint.report_invocation_error(context.request_id(), &error);
    }
}

/// What an invocation in flight is told when a panic elsewhere aborts the process: in another
/// invocation's own task, or else in a task one of them spawned, or a background task (which one
/// cannot be told).
fn aborted_by(in_an_invocation: bool, message: &str) -> String {
    let whose = if in_an_invocation { "a concurrent invocation" } else { "a task an invocation spawned (or another)" };
    format!("the process aborted because {whose} panicked: {message}")
}

#[cfg(test)]
mod tests {
    use std::panic::AssertUnwindSafe;

    use futures_util::FutureExt;

    use super::*;

    /// Whether `context` is among the invocations a panic would report.
    #[test]
    fn an_abort_names_where_the_panic_was() {
        assert_eq!(aborted_by(true, "boom"), "the process aborted because a concurrent invocation panicked: boom");
        // A spawned task's panic is not blamed on a concurrent invocation there may not be.
        assert_eq!(
            aborted_by(false, "boom"),
            "the process aborted because a task an invocation spawned (or another) panicked: boom"
        );
    }

    fn in_flight(context: &Context) -> bool {
        IN_FLIGHT.lock().expect("not poisoned").as_ref().is_some_and(|all| all.iter().any(|c| c.same_as(context)))
    }

    /// An invocation that ends, or is dropped unfinished (its timeout), is no longer in flight: a
    /// later panic must not report it again.
    #[tokio::test]
    async fn an_invocation_is_in_flight_until_it_ends_or_is_dropped() {
        // Tracking is armed in `panic = "abort"` builds only; arm it here (other tests that
        // track invocations meanwhile add and remove their own).
        IN_FLIGHT.lock().expect("not poisoned").get_or_insert_with(Vec::new);
        let context = Context::builder().build();
        let finishing = track(&context, async {});
        assert!(in_flight(&context), "in flight from the call on");
        finishing.await;
        assert!(!in_flight(&context), "gone once it ends");

        let timing_out = track(&context, std::future::pending::<()>());
        let timed_out = tokio::time::timeout(std::time::Duration::from_millis(10), timing_out).await;
        assert!(timed_out.is_err());
        assert!(!in_flight(&context), "gone once dropped unfinished");
    }

    /// The task-locals that name a panic's invocation or request are set while the wrapped
    /// future runs, and only then.
    #[tokio::test]
    async fn track_and_serving_request_scope_the_wrapped_future() {
        let context = Context::builder().build();
        let tracked = track(&context, async { CURRENT_INVOCATION.try_with(Clone::clone).ok() });
        assert!(CURRENT_INVOCATION.try_with(|_| ()).is_err(), "not set by the call");
        assert!(tracked.await.is_some_and(|seen| seen.same_as(&context)), "set while polled");
        let serving = serving_request(async { SERVING_REQUEST.try_with(|_| ()).is_ok() });
        assert!(SERVING_REQUEST.try_with(|_| ()).is_err(), "not set by the call");
        assert!(serving.await, "set while polled");
    }

    /// Runs in a child process: it installs the process-wide hook, which must stay out of the
    /// other tests.
    #[tokio::test]
    #[ignore = "a child process of a_panic_handling_a_batch_record_names_the_record"]
    async fn panics_handling_a_batch_record() {
        if std::env::var_os("FAASKIT_PANIC_RECORD_CHILD").is_none() {
            return;
        }
        let subscriber = tracing_subscriber::fmt().with_writer(std::io::stderr).with_ansi(false).finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        install_hook(false);
        let (ok, item) = handling_record("m-1".to_owned(), async { 1 }).await;
        assert_eq!((ok, item.as_str()), (1, "m-1"), "the identifier comes back");
        let poison = handling_record("poison-42".to_owned(), async { panic!("cannot handle this message") });
        assert!(AssertUnwindSafe(poison).catch_unwind().await.is_err());
        let _ = AssertUnwindSafe(async { panic!("outside any record") }).catch_unwind().await;
    }

    /// A batch record whose handling panics is named in the panic's log line, so the record
    /// behind a batch that keeps failing whole can be found; a panic outside a record is not
    /// given one.
    #[test]
    fn a_panic_handling_a_batch_record_names_the_record() {
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "panic_report::tests::panics_handling_a_batch_record", "--ignored", "--nocapture"])
            .env("FAASKIT_PANIC_RECORD_CHILD", "1")
            .output()
            .unwrap();
        let logs = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{logs}");
        let lines: Vec<&str> = logs.lines().filter(|line| line.contains("panic.message")).collect();
        assert_eq!(lines.len(), 2, "{logs}");
        assert!(lines[0].contains("panicked handling batch record poison-42"), "{}", lines[0]);
        assert!(lines[0].contains("item=poison-42"), "{}", lines[0]);
        assert!(lines[1].contains("outside any record") && !lines[1].contains("item="), "{}", lines[1]);
    }
}
