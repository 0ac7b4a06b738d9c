//! Shutdown hooks: what runs when the process is told to stop, and how Lambda is asked to say so.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type HookFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A type-erased shutdown hook ([`Handler::with_shutdown`](crate::Handler::with_shutdown)).
#[derive(Clone)]
pub(crate) struct ShutdownHook {
    hook: Arc<dyn Fn() -> HookFuture + Send + Sync>,
    /// Arms the hook on Lambda. A function pointer set by [`ShutdownHook::new`] rather than a
    /// call in the Lambda start-up path, so that only binaries with a hook link
    /// `lambda_runtime`'s graceful-shutdown extension client (about 430 KB of a stripped
    /// release binary; see BENCHMARKS.md).
    arm_on_lambda: fn(ShutdownHook) -> HookFuture,
}

impl ShutdownHook {
    pub(crate) fn new<F, Fut>(hook: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self { hook: Arc::new(move || Box::pin(hook())), arm_on_lambda: arm_with_lambda_runtime }
    }

    /// Runs the hook. A panic in it is caught (and logged, by the panic hook when faaskit's is
    /// installed): the other hooks still run, and on Lambda `lambda_runtime` still exits.
    pub(crate) async fn run(&self) {
        let running = std::panic::AssertUnwindSafe(async { (self.hook)().await });
        if let Err(panic) = futures_util::FutureExt::catch_unwind(running).await {
            if !crate::panic_report::logged_by_hook() {
                tracing::error!(
                    panic.message = crate::pipeline::panic_message(panic.as_ref()),
                    "shutdown hook panicked"
                );
            }
        }
    }

    /// Makes Lambda send `SIGTERM` before it shuts the execution environment down, and runs the
    /// hook then (or on `SIGINT`), before the process exits.
    pub(crate) async fn arm_on_lambda(self) {
        (self.arm_on_lambda)(self).await;
    }
}

/// `lambda_runtime`'s graceful shutdown: it registers a no-op extension (Lambda only sends
/// `SIGTERM` to functions with one) and runs the hook on the signal.
fn arm_with_lambda_runtime(hook: ShutdownHook) -> HookFuture {
    Box::pin(lambda_runtime::spawn_graceful_shutdown_handler(move || async move { hook.run().await }))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn runs_the_hook_each_time_it_is_asked() {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        let hook = ShutdownHook::new(|| async {
            RUNS.fetch_add(1, Ordering::SeqCst);
        });
        hook.clone().run().await;
        hook.run().await;
        assert_eq!(RUNS.load(Ordering::SeqCst), 2);
    }
}
