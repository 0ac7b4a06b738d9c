//! One invocation, the same in every mode: extract, run the handler, encode, and catch what fails.
//!
//! The Lambda mode, the local server and the testing toolkit all run invocations through
//! [`Prepared::invoke`], so a test sees what Lambda would see.

use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bytes::Bytes;
use futures_util::FutureExt;
use serde_json::value::RawValue;
use tracing::Instrument;

use crate::handler::{EventFn, HttpService};
use crate::state::StateMap;
use crate::{Context, ContextBuilder, Error, FunctionConfig, Invocation};

/// A handler after cold start: its init has run and its state is in place.
pub(crate) struct Prepared {
    pub(crate) name: Arc<str>,
    pub(crate) event: EventFn,
    pub(crate) http: Option<HttpService>,
    pub(crate) states: StateMap,
    pub(crate) function: Arc<FunctionConfig>,
    pub(crate) shutdown: Option<crate::shutdown_hook::ShutdownHook>,
    /// Whether the next invocation is this handler's first: its cold start, as each function
    /// has its own on Lambda (and each `TestFunction`, and each handler a local server hosts).
    pub(crate) cold: AtomicBool,
}

impl Prepared {
    /// A context for a local invocation of this handler.
    pub(crate) fn local_context(&self) -> ContextBuilder {
        ContextBuilder::new(Arc::clone(&self.function))
    }

    /// Runs one invocation: the handler, caught panics, and an optional deadline.
    pub(crate) async fn invoke(
        &self,
        payload: Bytes,
        context: Context,
        timeout: Option<Duration>,
    ) -> Result<Box<RawValue>, Error> {
        let span = invocation_span(&self.name, self.cold.swap(false, Ordering::Relaxed), &context);
        // Also names the invocation in a timeout's message.
        let tracked = context.clone();
        // tokio's clock, as the deadline's timer reads it: under a paused clock (tests) the wall
        // clock's `Instant` is not where tokio's is, and the deadline would be off by the gap.
        let started = tokio::time::Instant::now();
        if log_payloads() {
            tracing::debug!(parent: &span, payload = %String::from_utf8_lossy(&payload), "event received");
        }
        let invocation = Invocation::with_states(payload, context, self.states.clone());
        // Logs the invocation if it is dropped unfinished (locally, the shutdown grace ended; in a
        // test, its caller dropped the future): otherwise it would leave no line at all. A caller
        // whose connection breaks no longer drops it (`half_close`): it runs to its end.
        let unfinished = Unfinished(Some(&span), started);
        let run = run_caught(Arc::clone(&self.event), invocation);
        let run = crate::panic_report::track(&tracked, run);
        let result = match timeout {
            Some(limit) => {
                let deadline = crate::deadline::later(started, limit);
                match tokio::time::timeout_at(deadline, run).instrument(span.clone()).await {
                    // `timeout_at` polls the handler before its own timer: when a busy runtime
                    // polls them late, both due, a handler that finished past its deadline would
                    // win. On Lambda it would have timed out.
                    Ok(result) if tokio::time::Instant::now() <= deadline => result,
                    _ => Err(timed_out(tracked.request_id(), limit)),
                }
            }
            None => run.instrument(span.clone()).await,
        };
        unfinished.defuse();
        // Whole microseconds, so the figure logs as `0.165`, not `0.16480499999999998`.
        let elapsed_ms = started.elapsed().as_micros() as u64 as f64 / 1000.0;
        match &result {
            Ok(output) => {
                if log_payloads() {
                    tracing::debug!(parent: &span, elapsed_ms, response = output.get(), "invocation succeeded");
                } else {
                    tracing::debug!(parent: &span, elapsed_ms, "invocation succeeded");
                }
            }
            Err(err) => tracing::error!(
                parent: &span,
                elapsed_ms,
                errorType = err.error_type(),
                errorMessage = err.message(),
                "invocation failed"
            ),
        }
        result
    }
}

/// An invocation's span, to log it as cancelled if the invocation is dropped before it ends.
struct Unfinished<'a>(Option<&'a tracing::Span>, tokio::time::Instant);

impl Unfinished<'_> {
    fn defuse(mut self) {
        self.0 = None;
    }
}

impl Drop for Unfinished<'_> {
    fn drop(&mut self) {
        if let Some(span) = self.0.take() {
            let elapsed_ms = self.1.elapsed().as_micros() as u64 as f64 / 1000.0;
            tracing::warn!(
                parent: span,
                elapsed_ms,
                "invocation cancelled before it ended: the server stopped, or its caller dropped it (on Lambda it would \
                 run to its end)"
            );
        }
    }
}

/// Runs the handler, turning a panic (in the call or in the future) into an error response.
async fn run_caught(event: EventFn, invocation: Invocation) -> Result<Box<RawValue>, Error> {
    let future = match std::panic::catch_unwind(AssertUnwindSafe(|| event(invocation))) {
        Ok(future) => future,
        Err(panic) => return Err(panicked(panic.as_ref())),
    };
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(result) => result,
        Err(panic) => Err(panicked(panic.as_ref())),
    }
}

/// The error of a handler that panicked, carrying the panic message.
pub(crate) fn panicked(payload: &(dyn Any + Send)) -> Error {
    Error::new(Error::PANIC, format!("handler panicked: {}", panic_message(payload)))
}

/// The text of a panic payload (`panic!("...")` gives a `&str` or a `String`).
pub fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a panic without a message"
    }
}

/// The error Lambda reports for invocation `request_id` past its deadline.
pub(crate) fn timed_out(request_id: &str, limit: Duration) -> Error {
    Error::new(
        Error::TIMEOUT,
        format!("RequestId: {request_id} Error: Task timed out after {:.2} seconds", limit.as_secs_f64()),
    )
}

/// The name of the span around each invocation, which carries its request id to every log line.
pub(crate) const INVOCATION_SPAN: &str = "invocation";
/// The target of that span: this module's path.
pub(crate) const INVOCATION_SPAN_TARGET: &str = module_path!();

fn invocation_span(handler: &str, cold_start: bool, context: &Context) -> tracing::Span {
    tracing::info_span!(
        target: INVOCATION_SPAN_TARGET,
        INVOCATION_SPAN,
        requestId = context.request_id(),
        // Recorded when there is one; given here, not recorded after, which costs a second pass.
        xrayTraceId = context.xray_trace_id(),
        cold_start,
        handler,
    )
}

/// Whether `FAASKIT_LOG_PAYLOADS` asks for events and responses in the debug logs.
fn log_payloads() -> bool {
    static LOG_PAYLOADS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *LOG_PAYLOADS.get_or_init(|| {
        crate::function_config::non_empty_var("FAASKIT_LOG_PAYLOADS")
            .is_some_and(|value| matches!(value.to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Handler;

    fn prepared(handler: Handler) -> Prepared {
        Prepared {
            name: handler.name.clone().into(),
            event: handler.event,
            http: None,
            states: StateMap::default(),
            function: Arc::new(FunctionConfig::new("test")),
            shutdown: None,
            cold: AtomicBool::new(true),
        }
    }

    fn context() -> Context {
        Context::builder().build()
    }

    #[tokio::test]
    async fn a_panic_becomes_an_error_response() {
        let handler = prepared(Handler::new("boom", |_: Invocation| async {
            if true {
                panic!("the disk is on fire");
            }
            Ok::<_, Error>(())
        }));
        let err = handler.invoke(Bytes::from_static(b"null"), context(), None).await.expect_err("panics");
        assert_eq!(err.error_type(), Error::PANIC);
        assert_eq!(err.message(), "handler panicked: the disk is on fire");
        // The next invocation is served as usual.
        let ok = prepared(Handler::new("ok", |_: Invocation| async { Ok::<_, Error>(1) }));
        assert_eq!(ok.invoke(Bytes::from_static(b"null"), context(), None).await.expect("ok").get(), "1");
    }

    /// Each handler has its own cold start, as each function has on Lambda: a second
    /// `TestFunction` in the same test binary, or a second handler of a local server, starts cold.
    #[tokio::test]
    async fn each_handler_has_its_own_cold_start() {
        use tracing_subscriber::layer::SubscriberExt as _;

        let lines = crate::logging::test_sink::TestSink::default();
        let sink = lines.clone();
        let layer = tracing_subscriber::fmt::layer().without_time().with_ansi(false).with_writer(move || sink.clone());
        let _default = tracing::subscriber::set_default(tracing_subscriber::registry().with(layer));
        let greet = |name: &'static str| {
            prepared(Handler::new(name, |_: Invocation| async {
                tracing::info!("greeting");
                Ok::<_, Error>(())
            }))
        };
        let (first, second) = (greet("first"), greet("second"));
        for handler in [&first, &first, &second, &second] {
            handler.invoke(Bytes::from_static(b"null"), context(), None).await.expect("greets");
        }
        let text = lines.text();
        let colds: Vec<(&str, bool)> = text
            .lines()
            .filter_map(|line| {
                let handler = if line.contains("handler=\"first\"") { "first" } else { "second" };
                line.contains("greeting").then(|| (handler, line.contains("cold_start=true")))
            })
            .collect();
        assert_eq!(colds, [("first", true), ("first", false), ("second", true), ("second", false)], "{text}");
    }

    #[tokio::test]
    async fn a_slow_handler_times_out() {
        let handler = prepared(Handler::new("slow", |_: Invocation| async {
            tokio::time::sleep(Duration::from_secs(60)).await;
            Ok::<_, Error>(())
        }));
        let context = context();
        let expected = format!("RequestId: {} Error: Task timed out after 0.02 seconds", context.request_id());
        let err = handler
            .invoke(Bytes::from_static(b"null"), context, Some(Duration::from_millis(20)))
            .await
            .expect_err("times out");
        assert_eq!(err.error_type(), Error::TIMEOUT);
        assert_eq!(err.message(), expected, "as Lambda words it");
    }

    /// A runtime too busy to poll the invocation until after its deadline (blocking work on the
    /// only thread) finds the handler done and the timeout due at once: it has timed out.
    #[tokio::test]
    async fn a_handler_polled_late_past_its_deadline_times_out() {
        let handler = prepared(Handler::new("late", |_: Invocation| async {
            tokio::time::sleep(Duration::from_millis(40)).await;
            Ok::<_, Error>(())
        }));
        let blocker = tokio::spawn(async {
            tokio::task::yield_now().await;
            std::thread::sleep(Duration::from_millis(150));
        });
        let err = handler
            .invoke(Bytes::from_static(b"null"), context(), Some(Duration::from_millis(20)))
            .await
            .expect_err("finished 20 ms past its deadline");
        assert_eq!(err.error_type(), Error::TIMEOUT);
        blocker.await.expect("the blocking task ends");
    }

    /// Under a paused tokio clock (`start_paused`, `tokio::time::pause`), which tests use to run
    /// time-dependent handlers instantly, a handler that finishes at once is not a timeout.
    #[tokio::test(start_paused = true)]
    async fn paused_clock_a_prompt_handler_does_not_time_out() {
        let handler = prepared(Handler::new("quick", |_: Invocation| async { Ok::<_, Error>(1) }));
        // Any earlier paused sleep moves tokio's clock ahead of the wall clock.
        tokio::time::sleep(Duration::from_secs(10)).await;
        let out = handler.invoke(Bytes::from_static(b"null"), context(), Some(Duration::from_secs(3))).await;
        assert_eq!(out.expect("finished at once").get(), "1");
    }

    /// The same, with the clock moved by an earlier invocation: a handler that sleeps 2 s of a
    /// 3 s limit, invoked twice.
    #[tokio::test(start_paused = true)]
    async fn paused_clock_a_second_invocation_does_not_time_out() {
        let handler = prepared(Handler::new("two_s", |_: Invocation| async {
            tokio::time::sleep(Duration::from_secs(2)).await;
            Ok::<_, Error>(1)
        }));
        for round in 0..2 {
            let out = handler.invoke(Bytes::from_static(b"null"), context(), Some(Duration::from_secs(3))).await;
            assert!(out.is_ok(), "round {round}: {out:?}");
        }
    }

    #[test]
    fn reads_panic_payloads() {
        assert_eq!(panic_message(&"static"), "static");
        assert_eq!(panic_message(&String::from("owned")), "owned");
        assert_eq!(panic_message(&42_u8), "a panic without a message");
    }
}
