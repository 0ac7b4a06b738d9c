//! Logs Lambda understands: text or JSON lines, levels from Lambda's logging controls.
//!
//! Set up once per process by [`crate::App::run`], unless logging is turned off there (or with
//! `logging = false` in the attribute), in which case the application installs its own
//! subscriber and faaskit's events go to it.

use std::io::IsTerminal;
use std::str::FromStr;
use std::sync::OnceLock;

use tracing_subscriber::filter::{LevelFilter, Targets};

use self::json_lines::{JsonLines, JsonMembers};

mod json_lines;

/// Where the process runs, which decides where logs go and whether they carry timestamps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LogTarget {
    /// On Lambda: stdout, which CloudWatch captures and timestamps.
    Lambda,
    /// Locally: stderr, with timestamps, so stdout stays free for output such as sample events.
    Local,
}

/// The log format `AWS_LAMBDA_LOG_FORMAT` selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LogFormat {
    Text,
    Json,
}

/// Installs faaskit's subscriber, once; a process that already has a subscriber keeps it.
pub(crate) fn init(target: LogTarget) {
    use tracing_subscriber::Layer;
    use tracing_subscriber::layer::SubscriberExt;

    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let format = log_format(std::env::var("AWS_LAMBDA_LOG_FORMAT").ok().as_deref());
        let filter = log_filter(
            std::env::var("AWS_LAMBDA_LOG_LEVEL").ok().as_deref(),
            std::env::var("RUST_LOG").ok().as_deref(),
        );
        let writer = move || -> Box<dyn std::io::Write> {
            match target {
                LogTarget::Lambda => Box::new(std::io::stdout()),
                LogTarget::Local => Box::new(std::io::stderr()),
            }
        };
        let layer: Box<dyn Layer<tracing_subscriber::Registry> + Send + Sync> = match (format, target) {
            (LogFormat::Json, _) => tracing_subscriber::fmt::layer()
                .fmt_fields(JsonMembers)
                .event_format(JsonLines)
                .with_writer(writer)
                .boxed(),
            (LogFormat::Text, LogTarget::Lambda) => tracing_subscriber::fmt::layer()
                .with_target(false)
                .with_ansi(false)
                .without_time()
                .with_writer(writer)
                .boxed(),
            (LogFormat::Text, LogTarget::Local) => tracing_subscriber::fmt::layer()
                .with_target(false)
                .with_ansi(std::io::stderr().is_terminal())
                .with_writer(writer)
                .boxed(),
        };
        let subscriber = tracing_subscriber::registry().with(layer.with_filter(filter));
        // A subscriber installed before this one wins: the application chose its own logging.
        let _ = tracing::subscriber::set_global_default(subscriber);
    });
}

pub(crate) fn log_format(value: Option<&str>) -> LogFormat {
    match value {
        Some(format) if format.eq_ignore_ascii_case("json") => LogFormat::Json,
        _ => LogFormat::Text,
    }
}

/// `AWS_LAMBDA_LOG_LEVEL` first (`TRACE` ... `FATAL`), then `RUST_LOG` directives
/// (`info,my_crate=debug`), then `INFO`.
pub(crate) fn log_filter(lambda_level: Option<&str>, rust_log: Option<&str>) -> Targets {
    if let Some(level) = lambda_level.and_then(lambda_level_filter) {
        return Targets::new().with_default(level);
    }
    if let Some(targets) = rust_log.filter(|v| !v.trim().is_empty()).and_then(|v| Targets::from_str(v).ok()) {
        return targets;
    }
    Targets::new().with_default(LevelFilter::INFO)
}

fn lambda_level_filter(level: &str) -> Option<LevelFilter> {
    match level.trim().to_ascii_uppercase().as_str() {
        "TRACE" => Some(LevelFilter::TRACE),
        "DEBUG" => Some(LevelFilter::DEBUG),
        "INFO" => Some(LevelFilter::INFO),
        "WARN" => Some(LevelFilter::WARN),
        "ERROR" | "FATAL" => Some(LevelFilter::ERROR),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use tracing::Level;

    use super::*;

    #[test]
    fn lambda_level_wins_over_rust_log() {
        let filter = log_filter(Some("debug"), Some("warn"));
        assert!(filter.would_enable("any", &Level::DEBUG));
        assert!(!filter.would_enable("any", &Level::TRACE));
    }

    #[test]
    fn rust_log_directives_apply() {
        let filter = log_filter(None, Some("warn,orders=debug"));
        assert!(filter.would_enable("orders", &Level::DEBUG));
        assert!(!filter.would_enable("other", &Level::INFO));
    }

    #[test]
    fn defaults_to_info() {
        let filter = log_filter(Some("LOUD"), None);
        assert!(filter.would_enable("any", &Level::INFO));
        assert!(!filter.would_enable("any", &Level::DEBUG));
    }

    #[test]
    fn reads_the_format() {
        assert_eq!(log_format(Some("JSON")), LogFormat::Json);
        assert_eq!(log_format(Some("Text")), LogFormat::Text);
        assert_eq!(log_format(None), LogFormat::Text);
    }
}
