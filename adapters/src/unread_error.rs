//! A record's decode error that says so in the log when nobody read it.
//!
//! A batch handler that iterates its records and skips those without a body (`if let Some(body)
//! = message.body()`) would lose the ones that did not decode without a trace: Lambda deletes an
//! SQS message, and moves a stream past a record, that the answer does not report. Passing the
//! event to `process` or `try_into_records`, or reading `decode_error()`, reads the error; a
//! record dropped with its error unread logs a warning that names it.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

/// Why a record did not decode, if it did not, and whether anyone has asked.
pub(crate) struct UnreadError<E: fmt::Display> {
    error: Option<E>,
    read: AtomicBool,
}

impl<E: fmt::Display> UnreadError<E> {
    /// The error of a record (`None` for one that decoded), not read yet.
    pub(crate) fn new(error: Option<E>) -> Self {
        Self { error, read: AtomicBool::new(false) }
    }

    /// The error, which now counts as read.
    pub(crate) fn get(&self) -> Option<&E> {
        let error = self.error.as_ref();
        if error.is_some() {
            self.read.store(true, Ordering::Relaxed);
        }
        error
    }

    /// The error, taken out: whoever takes it answers for it.
    pub(crate) fn take(&mut self) -> Option<E> {
        self.error.take()
    }
}

/// The first of the `errors` there are, taken out. The others count as read: failing with the
/// first fails the whole invocation, and Lambda sends every record of the batch again.
pub(crate) fn take_first<'a, E: fmt::Display + 'a>(errors: impl Iterator<Item = &'a mut UnreadError<E>>) -> Option<E> {
    let mut first = None;
    for error in errors {
        if first.is_none() {
            first = error.take();
        } else {
            error.get();
        }
    }
    first
}

/// A clone's error counts as read: the record it was cloned from still answers for it.
impl<E: fmt::Display + Clone> Clone for UnreadError<E> {
    fn clone(&self) -> Self {
        Self { error: self.error.clone(), read: AtomicBool::new(true) }
    }
}

impl<E: fmt::Display + fmt::Debug> fmt::Debug for UnreadError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl<E: fmt::Display> Drop for UnreadError<E> {
    fn drop(&mut self) {
        if let Some(error) = &self.error
            && !*self.read.get_mut()
        {
            unread(error);
        }
    }
}

#[cold]
#[inline(never)]
fn unread(error: &dyn fmt::Display) {
    tracing::warn!(
        error = %error,
        "a record that did not decode was dropped without its error being read: unless the handler reported it \
         in batchItemFailures, Lambda counts it as processed (SQS deletes the message, a stream moves past it); \
         pass the event to process() or try_into_records(), or read the record's decode_error()"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_logs::Logs;

    #[test]
    fn an_unread_error_is_logged_when_dropped() {
        let logged = Logs::of(|| drop(UnreadError::new(Some("message 1 (messageId b): not JSON"))));
        assert!(logged.contains("message 1 (messageId b): not JSON"), "{logged}");
        assert!(logged.contains("dropped without its error being read"), "{logged}");
    }

    #[test]
    fn a_read_taken_or_absent_error_is_not() {
        let logged = Logs::of(|| {
            let read = UnreadError::new(Some("read"));
            assert_eq!(read.get(), Some(&"read"));
            drop(read);
            let mut taken = UnreadError::new(Some("taken"));
            assert_eq!(taken.take(), Some("taken"));
            drop(taken);
            drop(UnreadError::<&str>::new(None));
            let original = UnreadError::new(Some("cloned"));
            drop(original.clone());
            original.get();
        });
        assert_eq!(logged, "");
    }
}
