//! Shutdown hooks of the local server, run for real: a hook that panics or hangs must not keep
//! the other hooks from running, nor the process from exiting.

mod support;

use std::time::Duration;

use support::LocalFunction;

const BINARY: &str = env!("CARGO_BIN_EXE_shutdown-hooks");

/// A panic in one hook: the others still run, the process exits as after any SIGTERM (0), and
/// the panic is logged once.
#[tokio::test]
async fn a_panicking_hook_does_not_stop_the_others() {
    let mut function = LocalFunction::start(BINARY, &[("FIRST_HOOK", "panic")]);
    assert_eq!(function.client.invoke("first", "null").await.expect("answers").status, 200);
    function.signal("TERM");
    let status = function.wait_exit(Duration::from_secs(20)).await.expect("exits");
    let logs = function.logs().join("\n");
    assert!(logs.contains("second hook ran"), "the second hook ran: {logs}");
    assert_eq!(status.code(), Some(0), "{logs}");
    assert_eq!(logs.matches("the first hook panicked").count(), 1, "{logs}");
}

/// A hook that never returns: the process still exits after one SIGTERM (a supervisor sends one,
/// then SIGKILL), once the other hooks have run.
#[tokio::test]
async fn a_hanging_hook_is_cut_short() {
    let mut function = LocalFunction::start(BINARY, &[("FIRST_HOOK", "hang")]);
    function.signal("TERM");
    let status = function.wait_exit(Duration::from_secs(45)).await;
    let logs = function.logs().join("\n");
    assert!(status.is_some(), "still running 45 s after SIGTERM: {logs}");
    assert!(logs.contains("second hook ran"), "the second hook ran: {logs}");
}

/// The listening line is what a supervisor (or a test) waits for before it may stop the server:
/// a SIGTERM sent as soon as it is logged must be handled as any other (hooks run, exit 0), not
/// kill the process before its signal handlers are in place.
#[tokio::test]
async fn a_sigterm_right_after_the_listening_line_is_handled() {
    for attempt in 0..20 {
        let mut function = LocalFunction::start(BINARY, &[]);
        function.signal("TERM");
        let status = function.wait_exit(Duration::from_secs(20)).await.expect("exits");
        let logs = function.logs().join("\n");
        assert_eq!(status.code(), Some(0), "attempt {attempt}: {status:?}: {logs}");
        assert!(logs.contains("first hook ran") && logs.contains("second hook ran"), "attempt {attempt}: {logs}");
    }
}
