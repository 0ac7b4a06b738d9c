//! What a test's code logs, captured to read back: the crate's unit tests use it, and
//! `tests/batch_logs.rs` includes this file.

use std::sync::{Arc, Mutex};

/// A log writer that keeps what it is given.
#[derive(Clone, Default)]
pub(crate) struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    /// What `run` logs, as text (plain, one line per event).
    pub(crate) fn of(run: impl FnOnce()) -> String {
        let (logs, _guard) = Self::capture();
        run();
        logs.text()
    }

    /// Keeps what the current thread logs from now until the guard is dropped (across `.await`s
    /// in a current-thread test runtime).
    pub(crate) fn capture() -> (Self, tracing::subscriber::DefaultGuard) {
        let logs = Self::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
        (logs, tracing::subscriber::set_default(subscriber))
    }

    /// What was written so far, as text.
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("the log lock")).into_owned()
    }
}

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("the log lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
