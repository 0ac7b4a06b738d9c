//! A local HTTP request's [`Context`], built the first time something asks for it.
//!
//! The local server gives every HTTP request a context (a fresh request id, the deadline), but
//! most handlers never extract one. Building it only on demand spares those requests a request
//! id, two allocations and their frees (about 930 instructions of the 20,000 a request took).
//! The deadline is fixed when the request arrives, so a late build does not move it. It is kept
//! as the instant the request's timeout runs out (one clock read per request serves both), and
//! turned into wall-clock time only when the context is built.

use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use tokio::time::Instant;

use crate::{Context, ContextBuilder, FunctionConfig};

/// The context of one local HTTP request, built on first use and the same ever after.
pub(crate) struct LazyContext {
    built: OnceLock<Context>,
    function: Arc<FunctionConfig>,
    deadline: Instant,
}

/// A clone shares the request's one context: it is built first if need be, so that a clone of
/// the request's extensions (which `http::Extensions` requires to be possible) cannot end up
/// with a request id of its own.
impl Clone for LazyContext {
    fn clone(&self) -> Self {
        Self {
            built: OnceLock::from(self.get().clone()),
            function: Arc::clone(&self.function),
            deadline: self.deadline,
        }
    }
}

impl LazyContext {
    /// The context of a request whose time runs out at `deadline`.
    pub(crate) fn new(function: Arc<FunctionConfig>, deadline: Instant) -> Self {
        Self { built: OnceLock::new(), function, deadline }
    }

    /// The context, built now if nothing asked for it before.
    pub(crate) fn get(&self) -> &Context {
        self.built.get_or_init(|| {
            let left = self.deadline.saturating_duration_since(Instant::now());
            ContextBuilder::new(Arc::clone(&self.function))
                .deadline(crate::deadline::later_time(SystemTime::now(), left))
                .build()
        })
    }

    /// Whether the context has been built.
    #[cfg(test)]
    pub(crate) fn is_built(&self) -> bool {
        self.built.get().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::time::Duration;

    fn lazy(timeout: Duration) -> LazyContext {
        LazyContext::new(Arc::new(FunctionConfig::new("lazy")), Instant::now() + timeout)
    }

    #[test]
    fn builds_once_on_first_use() {
        let context = lazy(Duration::from_secs(3));
        assert!(!context.is_built());
        let first = context.get().request_id().to_owned();
        assert!(context.is_built());
        assert_eq!(context.get().request_id(), first, "one request id per request");
        assert!(context.get().same_as(context.clone().get()), "a clone shares the built context");
    }

    #[test]
    fn a_clone_made_before_first_use_shares_the_context() {
        let context = lazy(Duration::from_secs(3));
        let clone = context.clone();
        assert!(clone.get().same_as(context.get()), "one request, one context, one request id");
    }

    #[test]
    fn the_deadline_is_set_on_arrival_not_on_first_use() {
        let before = SystemTime::now();
        let context = lazy(Duration::from_secs(3));
        let after = SystemTime::now();
        std::thread::sleep(Duration::from_millis(30));
        let deadline = context.get().deadline();
        let to_millis = |time: SystemTime| time.duration_since(SystemTime::UNIX_EPOCH).expect("after 1970").as_millis();
        // The context keeps its deadline in whole milliseconds.
        assert!(to_millis(deadline) >= to_millis(before + Duration::from_secs(3)), "{deadline:?}");
        assert!(to_millis(deadline) <= to_millis(after + Duration::from_secs(3)), "{deadline:?}");
    }

    #[test]
    fn names_its_function() {
        assert_eq!(lazy(Duration::from_secs(1)).get().function_name(), "lazy");
    }
}
