//! Panics: logged with their location, and, when the process aborts on panic, reported to the
//! Lambda Runtime API before it ends.
//!
//! `cargo lambda build --release` builds with `panic = "abort"`: a panicking handler ends the
//! process before any error response could be sent, and Lambda would only see a crashed runtime.
//! The hook installed here reports the invocation in flight (and any concurrent ones) as function
//! errors carrying the panic message first, with a blocking request that needs no async runtime.

use std::future::Future;
use std::sync::{Mutex, OnceLock};

use crate::lambda::RuntimeApiEndpoint;
use crate::{Context, Error};

tokio::task_local! {
    /// The invocation the current task is serving.
    static CURRENT_INVOCATION: Context;
    /// Set while the current task serves a request of an HTTP function locally.
    static SERVING_REQUEST: ();
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
            tracing::error!(panic.message = %message, panic.location = %location, "{what}");
            if chain_previous {
                previous(info);
            }
            if ABORTS_ON_PANIC {
                report_before_abort(&message);
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

/// The message of an error for a panic that stopped the function from starting: in an init
/// function, or in `lambda_runtime` (it panics when the shutdown extension cannot register).
pub(crate) fn start_panic_message(panic: &str) -> String {
    format!("a panic stopped the function from starting: {panic}")
}

/// Runs a request of an HTTP function served locally, so that a panic is named a handler's.
pub(crate) async fn serving_request<F: Future>(future: F) -> F::Output {
    SERVING_REQUEST.scope((), future).await
}

/// Runs an invocation's future as the current invocation of its task, so a panic can name it.
pub(crate) async fn track<F: Future>(context: &Context, future: F) -> F::Output {
    let tracked = register(context);
    let output = CURRENT_INVOCATION.scope(context.clone(), future).await;
    if tracked {
        unregister(context);
    }
    output
}

fn register(context: &Context) -> bool {
    match IN_FLIGHT.lock() {
        Ok(mut guard) => match guard.as_mut() {
            Some(in_flight) => {
                in_flight.push(context.clone());
                true
            }
            None => false,
        },
        Err(_) => false,
    }
}

fn unregister(context: &Context) {
    if let Ok(mut guard) = IN_FLIGHT.lock() {
        if let Some(in_flight) = guard.as_mut() {
            if let Some(index) = in_flight.iter().position(|tracked| tracked.same_as(context)) {
                in_flight.swap_remove(index);
            }
        }
    }
}

/// Reports the failed start, or every invocation in flight, before the process aborts.
fn report_before_abort(message: &str) {
    if let Some(endpoint) = STARTING.try_lock().ok().and_then(|starting| starting.clone()) {
        let error = Error::new(Error::INIT, start_panic_message(message));
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
        let error = Error::new(
            Error::PANIC,
            format!("the process aborted because a concurrent invocation panicked: {message}"),
        );
        endpoint.report_invocation_error(context.request_id(), &error);
    }
}
