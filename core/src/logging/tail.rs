//! The log tail the Invoke API returns when asked (`X-Amz-Log-Type: Tail`): the lines an
//! invocation logged, between Lambda's `START`, `END` and `REPORT` lines, the last 4 KB of them.
//!
//! Lines are copied while they are written, by the task that runs the invocation; an invocation
//! nobody asked the tail of copies nothing.

use std::cell::RefCell;
use std::future::Future;
use std::io::{self, Write};
use std::time::Instant;

/// How much of the log Lambda returns: its last 4 KB.
pub(crate) const TAIL_BYTES: usize = 4 * 1024;

tokio::task_local! {
    /// The log lines of the invocation the current task runs, when its tail was asked for.
    static TAIL: RefCell<Vec<u8>>;
}

/// Runs `invocation`, whose log lines are kept as Lambda's log of it: what comes back is the
/// invocation's output and the last [`TAIL_BYTES`] of that log.
pub(crate) async fn capture<F: Future>(
    request_id: &str,
    version: &str,
    memory_mb: u32,
    invocation: F,
) -> (F::Output, Vec<u8>) {
    let started = Instant::now();
    let log = RefCell::new(format!("START RequestId: {request_id} Version: {version}\n").into_bytes());
    let (output, mut log) = TAIL
        .scope(log, async move {
            let output = invocation.await;
            (output, TAIL.with(RefCell::take))
        })
        .await;
    let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    let report = format!(
        "END RequestId: {request_id}\nREPORT RequestId: {request_id}\tDuration: {duration_ms:.2} ms\tBilled Duration: {} ms\tMemory Size: {memory_mb} MB\t\n",
        duration_ms.ceil().max(1.0) as u64
    );
    log.extend_from_slice(report.as_bytes());
    (output, last_bytes(log, TAIL_BYTES))
}

/// The last `limit` bytes of `log`.
fn last_bytes(mut log: Vec<u8>, limit: usize) -> Vec<u8> {
    if log.len() > limit {
        log.drain(..log.len() - limit);
    }
    log
}

/// Copies a written log line into the tail of the invocation the current task runs, if its
/// tail was asked for; terminal colours are left out.
fn keep(bytes: &[u8]) {
    let _ = TAIL.try_with(|tail| {
        let mut tail = tail.borrow_mut();
        strip_ansi_into(bytes, &mut tail);
        // Only the end is returned: an invocation that logs a lot holds at most twice that.
        if tail.len() > 2 * TAIL_BYTES {
            let excess = tail.len() - TAIL_BYTES;
            tail.drain(..excess);
        }
    });
}

/// Appends `bytes` to `out` without ANSI escape sequences (`ESC [ ... letter`).
fn strip_ansi_into(bytes: &[u8], out: &mut Vec<u8>) {
    let mut rest = bytes;
    while let Some(escape) = rest.iter().position(|&byte| byte == 0x1b) {
        out.extend_from_slice(&rest[..escape]);
        rest = &rest[escape + 1..];
        if rest.first() == Some(&b'[') {
            let end = rest[1..].iter().position(u8::is_ascii_alphabetic).map_or(rest.len(), |i| i + 2);
            rest = &rest[end..];
        }
    }
    out.extend_from_slice(rest);
}

/// The local log writer: stderr, and the tail of the current invocation when it was asked for.
pub(crate) struct LocalLogWriter;

impl Write for LocalLogWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = io::stderr().write(buf)?;
        keep(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_terminal_colours_out() {
        let mut out = Vec::new();
        strip_ansi_into(b"\x1b[2m2026-12-03\x1b[0m \x1b[32m INFO\x1b[0m hi\n", &mut out);
        assert_eq!(out, b"2026-12-03  INFO hi\n");
        let mut out = Vec::new();
        strip_ansi_into(b"plain \x1b", &mut out);
        assert_eq!(out, b"plain ");
    }

    #[test]
    fn keeps_the_last_bytes() {
        assert_eq!(last_bytes(b"abcdef".to_vec(), 4), b"cdef");
        assert_eq!(last_bytes(b"ab".to_vec(), 4), b"ab");
    }

    #[tokio::test]
    async fn frames_what_the_invocation_logged_as_lambda_does() {
        let (output, log) = capture("req-1", "$LATEST", 128, async {
            LocalLogWriter.write_all(b"inside\n").expect("stderr");
            7
        })
        .await;
        assert_eq!(output, 7);
        let log = String::from_utf8(log).expect("text");
        let lines: Vec<&str> = log.lines().collect();
        assert_eq!(lines[..3], ["START RequestId: req-1 Version: $LATEST", "inside", "END RequestId: req-1"]);
        assert!(lines[3].starts_with("REPORT RequestId: req-1\tDuration: "), "{log}");
        assert!(lines[3].contains("\tBilled Duration: ") && lines[3].contains("\tMemory Size: 128 MB"), "{log}");
        // Outside an invocation whose tail was asked for, nothing is kept (nor fails).
        keep(b"outside\n");
    }

    #[tokio::test]
    async fn holds_no_more_than_twice_the_tail_while_the_invocation_logs() {
        let (largest, _) = capture("req-3", "$LATEST", 128, async {
            let mut largest = 0;
            for _ in 0..10_000 {
                keep(&[b'y'; 100]);
                largest = largest.max(TAIL.with(|tail| tail.borrow().len()));
            }
            largest
        })
        .await;
        assert!(largest <= 2 * TAIL_BYTES, "{largest}");
    }

    #[tokio::test]
    async fn returns_the_last_four_kilobytes() {
        let (_, log) = capture("req-2", "$LATEST", 128, async {
            for _ in 0..100 {
                keep(&[b'x'; 99]);
                keep(b"\n");
            }
        })
        .await;
        assert_eq!(log.len(), TAIL_BYTES);
        assert!(String::from_utf8_lossy(&log).ends_with("MB\t\n"));
        assert!(String::from_utf8_lossy(&log).contains(&"x".repeat(99)));
        assert!(!String::from_utf8_lossy(&log).contains("START"));
    }
}
