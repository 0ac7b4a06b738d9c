//! A log writer for unit tests: what a test's subscriber writes, kept to read back.

use std::sync::{Arc, Mutex};

/// Keeps every byte written through any of its clones.
#[derive(Clone, Default)]
pub(crate) struct TestSink(Arc<Mutex<Vec<u8>>>);

impl TestSink {
    /// What was written so far, as text.
    pub(crate) fn text(&self) -> String {
        self.0.lock().map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).unwrap_or_default()
    }
}

impl std::io::Write for TestSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut out) = self.0.lock() {
            out.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
