//! A record's decode error that says so in the log when nobody read it.
//!
//! A batch handler that iterates its records and skips those without a body (`if let Some(body)
//! = message.body()`) would lose the ones that did not decode without a trace: Lambda deletes an
//! SQS message, and moves a stream past a record, that the answer does not report. Passing the
//! event to `process` or `try_into_records`, reading `decode_error()`, or converting the records
//! to `aws_lambda_events` types reads the error. The records of one event that are dropped with
//! their errors unread are named in one warning, once the last of them is gone; a record dropped
//! while a panic unwinds is not (the panic fails the invocation, and Lambda retries the batch).

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Why a record did not decode, if it did not, and whether anyone has asked.
pub(crate) struct UnreadError<E: fmt::Display> {
    error: Option<E>,
    /// Shared by the record's clones: reading one reads them all. Only a record that failed has
    /// one, so a record that decoded costs no allocation.
    state: Option<Arc<ReadState>>,
}

/// Whether a failed record's error was read, and where its event's unread errors are counted.
struct ReadState {
    read: AtomicBool,
    event: Option<Arc<UnreadInEvent>>,
}

impl<E: fmt::Display> UnreadError<E> {
    /// The error of a record (`None` for one that decoded), not read yet.
    pub(crate) fn new(error: Option<E>) -> Self {
        let state = error.is_some().then(|| Arc::new(ReadState { read: AtomicBool::new(false), event: None }));
        Self { error, state }
    }

    /// The error, which now counts as read.
    pub(crate) fn get(&self) -> Option<&E> {
        if let Some(state) = &self.state {
            state.read.store(true, Ordering::Relaxed);
        }
        self.error.as_ref()
    }

    /// The error, taken out: whoever takes it answers for it.
    pub(crate) fn take(&mut self) -> Option<E> {
        self.get();
        self.error.take()
    }
}

/// A clone shares the record's read flag.
impl<E: fmt::Display + Clone> Clone for UnreadError<E> {
    fn clone(&self) -> Self {
        Self { error: self.error.clone(), state: self.state.clone() }
    }
}

impl<E: fmt::Display + fmt::Debug> fmt::Debug for UnreadError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl<E: fmt::Display> Drop for UnreadError<E> {
    fn drop(&mut self) {
        // The last clone of the record answers for it.
        let (Some(error), Some(state)) = (&self.error, self.state.take().and_then(Arc::into_inner)) else {
            return;
        };
        if state.read.into_inner() || std::thread::panicking() {
            return;
        }
        match &state.event {
            Some(event) => event.add(error),
            None => warn_unread(1, &error.to_string(), None),
        }
    }
}

/// Joins the failed records among `errors`, one event's, so that those dropped unread are named
/// in one warning rather than one each (a stream's batch holds up to 10,000).
pub(crate) fn one_event<'a, E: fmt::Display + 'a>(errors: impl Iterator<Item = &'a mut UnreadError<E>>) {
    let mut event: Option<Arc<UnreadInEvent>> = None;
    for error in errors {
        if let Some(state) = error.state.as_mut().and_then(Arc::get_mut) {
            state.event = Some(Arc::clone(event.get_or_insert_with(Default::default)));
        }
    }
}

/// The errors of one event's records dropped unread: how many, the first and the last.
#[derive(Default)]
struct UnreadInEvent(Mutex<(usize, Option<String>, Option<String>)>);

impl UnreadInEvent {
    fn add(&self, error: &dyn fmt::Display) {
        if let Ok(mut unread) = self.0.lock() {
            let (count, first, last) = &mut *unread;
            *count += 1;
            if first.is_none() {
                *first = Some(error.to_string());
            } else {
                *last = Some(error.to_string());
            }
        }
    }
}

impl Drop for UnreadInEvent {
    fn drop(&mut self) {
        if let Ok((count, Some(first), last)) = self.0.get_mut().map(std::mem::take) {
            warn_unread(count, &first, last.as_deref());
        }
    }
}

#[cold]
#[inline(never)]
fn warn_unread(count: usize, first: &str, last: Option<&str>) {
    const WHY: &str = "unless the handler reported them in batchItemFailures, Lambda counts them as processed (SQS \
         deletes a message, a stream moves past a record); pass the event to process() or try_into_records(), or \
         read each record's decode_error()";
    match last {
        None => tracing::warn!(
            error = %first,
            "a record that did not decode was dropped without its error being read: {WHY}"
        ),
        Some(last) => tracing::warn!(
            count,
            first = %first,
            last = %last,
            "{count} records that did not decode were dropped without their errors being read: {WHY}"
        ),
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
        });
        assert_eq!(logged, "");
    }

    #[test]
    fn clones_share_their_record_s_read_flag() {
        let logged = Logs::of(|| {
            let original = UnreadError::new(Some("cloned, the clone read"));
            let clone = original.clone();
            clone.get();
            drop(original);
            drop(clone);
        });
        assert_eq!(logged, "");
        let logged = Logs::of(|| {
            let original = UnreadError::new(Some("cloned, neither read"));
            drop(original.clone());
            drop(original);
        });
        assert_eq!(logged.matches("cloned, neither read").count(), 1, "{logged}");
    }

    #[test]
    fn one_event_s_unread_errors_make_one_warning() {
        let logged = Logs::of(|| {
            let mut errors: Vec<_> = ["r-1", "r-2", "r-3"].map(|id| UnreadError::new(Some(id))).into();
            errors.push(UnreadError::new(None));
            one_event(errors.iter_mut());
            errors[1].get();
            drop(errors);
        });
        assert_eq!(logged.lines().count(), 1, "{logged}");
        assert!(logged.contains("2 records that did not decode") && logged.contains("first=r-1"), "{logged}");
        assert!(logged.contains("last=r-3"), "{logged}");
    }

    #[test]
    fn a_record_dropped_by_a_panic_is_not_named() {
        let logged = Logs::of(|| {
            let result = std::panic::catch_unwind(|| {
                let _error = UnreadError::new(Some("unwound"));
                panic!("the handler panicked");
            });
            assert!(result.is_err());
        });
        assert!(!logged.contains("unwound"), "{logged}");
    }
}
