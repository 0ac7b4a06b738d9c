//! `faults`: fails on purpose, to show how each kind of failure reaches the caller.
//!
//! | input | output |
//! | --- | --- |
//! | `{"action": "echo", "message": "hi"}` | `{"echo": "hi"}` |
//! | `{"action": "sleep", "ms": 200}` | `{"slept_ms": 200}` (past the deadline: `Sandbox.Timedout`) |
//! | `{"action": "fail", "message": "no"}` | function error `RequestedFailure`, message `no` |
//! | `{"action": "panic", "message": "boom"}` | function error `Faaskit.Panic`, message `handler panicked: boom` |
//! | `{"action": "oversize", "bytes": 6291600}` | `{"filler": "xx…x"}`, that many `x` (up to 16 MiB); over Lambda's 6,291,556-byte response limit, function error `Function.ResponseSizeTooLarge` |
//! | anything else | function error `Faaskit.DecodeError` naming what was wrong |
//!
//! `faults example-event` prints `{"action": "echo", "message": "hi"}`.
//!
//! Its shutdown hook logs `faults: shutdown hook ran` when the process is told to stop.
//!
//! With `FAULTS_FAIL_INIT=1` its init function fails (with `FAULTS_FAIL_INIT=panic`, it panics),
//! so the process reports an init error and stops before serving. Every failure is reported and the process serves the next invocation;
//! built with `panic = "abort"` (as `cargo lambda build --release` builds), a panic is still
//! reported to the Lambda Runtime API before the process ends.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use faaskit::{Context, ErrorType, State};
use serde::{Deserialize, Serialize};

/// What to do.
#[derive(Debug, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Fault {
    /// Answer with the message.
    Echo {
        /// Sent back as `echo`.
        message: String,
    },
    /// Sleep, then answer.
    Sleep {
        /// How long, in milliseconds.
        ms: u64,
    },
    /// Return an error.
    Fail {
        /// The error's message.
        message: String,
    },
    /// Panic.
    Panic {
        /// The panic message.
        message: String,
    },
    /// Answer with a long string.
    Oversize {
        /// How many `x` the answer's `filler` holds (at most 16 MiB).
        bytes: usize,
    },
}

/// The sample `faults example-event` prints: an echo. `Fault` is an internally tagged enum,
/// which serde reads through `deserialize_any`, so faaskit cannot trace a sample from it.
impl faaskit::ExampleEvent for Fault {
    fn example_event() -> serde_json::Value {
        serde_json::json!({"action": "echo", "message": "hi"})
    }
}

/// The answer of the actions that succeed.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The echoed message.
    Echo(String),
    /// How long the function slept.
    SleptMs(u64),
    /// A long string.
    Filler(String),
}

/// The error a `fail` action returns; it names its own `errorType`.
#[derive(Debug, PartialEq, Eq)]
pub struct RequestedFailure(pub String);

impl fmt::Display for RequestedFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RequestedFailure {}

impl ErrorType for RequestedFailure {
    fn error_type(&self) -> Cow<'static, str> {
        Cow::Borrowed("RequestedFailure")
    }
}

/// The longest `oversize` answer, so a caller cannot make the function take all its memory.
const MAX_FILLER_BYTES: usize = 16 * 1024 * 1024;

/// Settings read once at cold start.
#[derive(Debug)]
pub struct Settings {
    /// The longest sleep allowed, so a caller cannot pin the function forever.
    pub max_sleep: Duration,
}

/// Reads the settings; fails when `FAULTS_FAIL_INIT=1` and panics when it is `panic`, to show
/// how init errors are reported.
fn setup() -> Result<Settings, RequestedFailure> {
    match std::env::var("FAULTS_FAIL_INIT").as_deref() {
        Ok("1") => Err(RequestedFailure("FAULTS_FAIL_INIT=1 asked init to fail".to_owned())),
        Ok("panic") => panic!("FAULTS_FAIL_INIT=panic asked init to panic"),
        _ => Ok(Settings { max_sleep: Duration::from_secs(60) }),
    }
}

/// Runs once when the process is told to stop (SIGTERM on Lambda; SIGINT or SIGTERM locally,
/// after in-flight invocations finish).
async fn on_shutdown() {
    faaskit::tracing::warn!("faults: shutdown hook ran");
}

/// Does what the event asks, failing on purpose when asked to.
#[faaskit::handler(init = setup, shutdown = on_shutdown)]
async fn faults(fault: Fault, ctx: Context, settings: State<Settings>) -> Result<Answer, RequestedFailure> {
    faaskit::tracing::info!(request_id = ctx.request_id(), ?fault, "fault requested");
    match fault {
        Fault::Echo { message } => Ok(Answer::Echo(message)),
        Fault::Sleep { ms } => {
            let duration = Duration::from_millis(ms).min(settings.max_sleep);
            tokio::time::sleep(duration).await;
            Ok(Answer::SleptMs(ms))
        }
        Fault::Fail { message } => Err(RequestedFailure(message)),
        Fault::Panic { message } => panic!("{message}"),
        Fault::Oversize { bytes } => Ok(Answer::Filler("x".repeat(bytes.min(MAX_FILLER_BYTES)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> State<Settings> {
        State::new(Settings { max_sleep: Duration::from_millis(50) })
    }

    #[tokio::test]
    async fn echoes() {
        let answer = faults(Fault::Echo { message: "hi".into() }, Context::builder().build(), settings()).await;
        assert_eq!(answer, Ok(Answer::Echo("hi".into())));
    }

    #[tokio::test]
    async fn fails_when_asked() {
        let answer = faults(Fault::Fail { message: "no".into() }, Context::builder().build(), settings()).await;
        assert_eq!(answer, Err(RequestedFailure("no".into())));
    }

    #[tokio::test]
    async fn sleeps_at_most_the_configured_time() {
        let started = std::time::Instant::now();
        let answer = faults(Fault::Sleep { ms: 10_000 }, Context::builder().build(), settings()).await;
        assert_eq!(answer, Ok(Answer::SleptMs(10_000)));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn fills_at_most_16_mib() {
        let answer = faults(Fault::Oversize { bytes: 3 }, Context::builder().build(), settings()).await;
        assert_eq!(answer, Ok(Answer::Filler("xxx".into())));
        let answer = faults(Fault::Oversize { bytes: usize::MAX }, Context::builder().build(), settings()).await;
        assert!(matches!(answer, Ok(Answer::Filler(filler)) if filler.len() == MAX_FILLER_BYTES));
    }

    #[test]
    fn init_fails_on_request_only() {
        assert!(setup().is_ok());
    }
}
