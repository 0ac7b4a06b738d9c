//! faaskit's logs in a test's output, where `cargo test` shows them for the tests that fail.

use std::sync::OnceLock;

use tracing_subscriber::Layer as _;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// Sends logs to the test harness's output, once per test binary: `cargo test` shows them
/// under each failing test (and all of them with `-- --nocapture`).
///
/// Why a record of a batch failed, why a payload did not decode, a panic's location: faaskit
/// logs these, and a test has no subscriber to show them unless it calls this first. The level
/// is `RUST_LOG`'s (`target=level` directives), else `INFO`. A binary that already has a
/// subscriber keeps it.
///
/// # Examples
///
/// ```
/// use faaskit::testing::{TestFunction, show_logs_in_tests};
/// use faaskit::{Error, Handler, Invocation};
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// show_logs_in_tests();
/// let handler = Handler::new("hello", |_: Invocation| async {
///     faaskit::tracing::warn!("shown under the test if it fails");
///     Ok::<_, Error>("hi")
/// });
/// TestFunction::new(handler).await.unwrap().invoke("{}").await.unwrap();
/// # });
/// ```
pub fn show_logs_in_tests() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let (filter, _) = crate::logging::log_filter(None, std::env::var("RUST_LOG").ok().as_deref());
        let layer =
            tracing_subscriber::fmt::layer().with_test_writer().with_target(false).without_time().with_filter(filter);
        let _ = tracing_subscriber::registry().with(layer).try_init();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installs_once_and_lets_info_through() {
        show_logs_in_tests();
        show_logs_in_tests();
        assert!(tracing::enabled!(tracing::Level::INFO));
    }
}
