//! Logs Lambda understands: text or JSON lines, levels from Lambda's logging controls.
//!
//! Set up once per process by [`crate::App::run`], unless logging is turned off there (or with
//! `logging = false` in the attribute), in which case the application installs its own
//! subscriber and faaskit's events go to it.

use std::io::IsTerminal;
use std::str::FromStr;
use std::sync::OnceLock;

use tracing::Metadata;
use tracing_subscriber::filter::{FilterExt as _, LevelFilter, Targets, filter_fn};

use self::json_lines::{JsonLines, JsonMembers};
use self::record_lines::RecordLines;
use self::text_fields::TextFields;
use crate::pipeline::{INVOCATION_SPAN, INVOCATION_SPAN_TARGET};

mod json_lines;
mod record_lines;
pub(crate) mod tail;
#[cfg(test)]
pub(crate) mod test_sink;
mod text_fields;

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
        let (filter, problem) = log_filter(
            std::env::var("AWS_LAMBDA_LOG_LEVEL").ok().as_deref(),
            std::env::var("RUST_LOG").ok().as_deref(),
        );
        // Each record is one line, whatever line breaks its text holds.
        let writer = move || -> Box<dyn std::io::Write> {
            match target {
                LogTarget::Lambda => Box::new(RecordLines::lambda(std::io::stdout())),
                // Locally, an Invoke API caller may ask for an invocation's log (`--log-type Tail`).
                LogTarget::Local => Box::new(RecordLines::local(tail::LocalLogWriter)),
            }
        };
        let layer: Box<dyn Layer<tracing_subscriber::Registry> + Send + Sync> = match (format, target) {
            (LogFormat::Json, _) => tracing_subscriber::fmt::layer()
                .fmt_fields(JsonMembers)
                .event_format(JsonLines)
                .with_writer(writer)
                .boxed(),
            (LogFormat::Text, LogTarget::Lambda) => tracing_subscriber::fmt::layer()
                .fmt_fields(TextFields)
                .with_target(false)
                .with_ansi(false)
                .without_time()
                .with_writer(writer)
                .boxed(),
            (LogFormat::Text, LogTarget::Local) => tracing_subscriber::fmt::layer()
                .fmt_fields(TextFields)
                .with_target(false)
                .with_ansi(std::io::stderr().is_terminal())
                .with_writer(writer)
                .boxed(),
        };
        // lambda_runtime logs each function error again, without its request id, as a Debug
        // dump; faaskit's own report of it (with the request id) is enough.
        let filter = filter.with_target(LAMBDA_RUNTIME_ERROR_ECHO, LevelFilter::OFF);
        // The invocation span carries the request id to every line inside it, so it is kept
        // whatever the level (`WARN` keeps warnings, and their request ids); with logs off, it
        // is not made at all.
        let logs_off = logs_off(&filter);
        // So is the warning about a setting faaskit could not use, which the filter that setting
        // made might otherwise hide.
        let always_kept = move |metadata: &Metadata<'_>| {
            !logs_off && (is_invocation_span(metadata) || metadata.target() == SETTINGS_WARNING_TARGET)
        };
        let filter = filter.or(filter_fn(always_kept).with_max_level_hint(LevelFilter::INFO));
        let subscriber = tracing_subscriber::registry().with(layer.with_filter(filter));
        // A subscriber installed before this one wins: the application chose its own logging.
        if tracing::subscriber::set_global_default(subscriber).is_ok() {
            if let Some(problem) = problem {
                tracing::warn!(target: SETTINGS_WARNING_TARGET, "{problem}");
            }
        }
    });
}

pub(crate) fn log_format(value: Option<&str>) -> LogFormat {
    match value {
        Some(format) if format.eq_ignore_ascii_case("json") => LogFormat::Json,
        _ => LogFormat::Text,
    }
}

/// The target of the warning about a log setting faaskit could not use.
const SETTINGS_WARNING_TARGET: &str = "faaskit::settings";

/// Where lambda_runtime logs the errors its handler returns, which faaskit has already logged.
const LAMBDA_RUNTIME_ERROR_ECHO: &str = "lambda_runtime::layers::panic";

/// Whether `filter` lets nothing through (`RUST_LOG=off`).
fn logs_off(filter: &Targets) -> bool {
    filter.default_level().is_none_or(|level| level == LevelFilter::OFF)
        && filter.iter().all(|(_, level)| level == LevelFilter::OFF)
}

/// Whether `metadata` is the span faaskit opens around each invocation.
fn is_invocation_span(metadata: &Metadata<'_>) -> bool {
    metadata.is_span() && metadata.name() == INVOCATION_SPAN && metadata.target() == INVOCATION_SPAN_TARGET
}

/// `AWS_LAMBDA_LOG_LEVEL` first (`TRACE` ... `FATAL`), then `RUST_LOG` directives
/// (`info,my_crate=debug`), then `INFO`; and what was wrong with a value it could not use.
pub(crate) fn log_filter(lambda_level: Option<&str>, rust_log: Option<&str>) -> (Targets, Option<String>) {
    let mut problem = None;
    if let Some(value) = lambda_level.filter(|v| !v.trim().is_empty()) {
        match lambda_level_filter(value) {
            Some(level) => return (Targets::new().with_default(level), None),
            None => {
                problem = Some(format!(
                    "AWS_LAMBDA_LOG_LEVEL=`{value}` is not TRACE, DEBUG, INFO, WARN, ERROR or FATAL; it is ignored"
                ));
            }
        }
    }
    if let Some(value) = rust_log.filter(|v| !v.trim().is_empty()) {
        match parse_rust_log(value) {
            Ok(targets) => return (targets, problem),
            Err(why) => {
                let text = format!("RUST_LOG=`{value}` {why}; logging at INFO");
                problem = Some(match problem {
                    Some(first) => format!("{first}; {text}"),
                    None => text,
                });
            }
        }
    }
    (Targets::new().with_default(LevelFilter::INFO), problem)
}

/// `RUST_LOG` as `target=level` directives, or why it is not.
fn parse_rust_log(value: &str) -> Result<Targets, String> {
    if value.contains(['[', '{']) {
        return Err("uses span or field filters (`[...]`, `{...}`), which faaskit's logs do not support; \
                    give `target=level` directives"
            .to_owned());
    }
    if let Some(word) = value.split(',').map(str::trim).find(|directive| is_misspelt_level(directive)) {
        return Err(format!(
            "reads `{word}` as a target name, not a level (levels: trace, debug, info, warn, error, off), \
             which would turn off every other log"
        ));
    }
    let targets =
        Targets::from_str(value).map_err(|err| format!("is not a list of `target=level` directives: {err}"))?;
    Ok(targets)
}

/// Whether a directive without `=` is a word meant as a level that is not one: on its own it
/// would name a target, and leave every other log off.
fn is_misspelt_level(directive: &str) -> bool {
    const NEAR_LEVELS: &[&str] = &[
        "warning",
        "warnings",
        "inf",
        "information",
        "informational",
        "err",
        "errors",
        "fatal",
        "critical",
        "verbose",
        "all",
        "none",
        "silent",
        "quiet",
        "notice",
        "debugging",
        "tracing",
    ];
    !directive.contains('=') && NEAR_LEVELS.iter().any(|near| directive.eq_ignore_ascii_case(near))
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
        let (filter, problem) = log_filter(Some("debug"), Some("warn"));
        assert!(filter.would_enable("any", &Level::DEBUG));
        assert!(!filter.would_enable("any", &Level::TRACE));
        assert_eq!(problem, None);
    }

    #[test]
    fn rust_log_directives_apply() {
        let (filter, problem) = log_filter(None, Some("warn,orders=debug"));
        assert!(filter.would_enable("orders", &Level::DEBUG));
        assert!(!filter.would_enable("other", &Level::INFO));
        assert_eq!(problem, None);
    }

    #[test]
    fn defaults_to_info_and_says_what_it_ignored() {
        let (filter, problem) = log_filter(Some("LOUD"), None);
        assert!(filter.would_enable("any", &Level::INFO));
        assert!(!filter.would_enable("any", &Level::DEBUG));
        assert_eq!(
            problem.as_deref(),
            Some("AWS_LAMBDA_LOG_LEVEL=`LOUD` is not TRACE, DEBUG, INFO, WARN, ERROR or FATAL; it is ignored")
        );
        let (filter, problem) = log_filter(Some("LOUD"), Some("orders=debug"));
        assert!(filter.would_enable("orders", &Level::DEBUG));
        assert!(problem.is_some_and(|text| text.starts_with("AWS_LAMBDA_LOG_LEVEL=`LOUD`")));
    }

    #[test]
    fn takes_a_bare_target_name_as_rust_log_does() {
        let (filter, problem) = log_filter(None, Some("orders"));
        assert_eq!(problem, None);
        assert!(filter.would_enable("orders", &Level::TRACE));
        assert!(!filter.would_enable("other", &Level::ERROR));
    }

    #[test]
    fn tells_logs_off_from_a_strict_level() {
        assert!(logs_off(&log_filter(None, Some("off")).0));
        assert!(logs_off(&log_filter(None, Some("off")).0.with_target(LAMBDA_RUNTIME_ERROR_ECHO, LevelFilter::OFF)));
        assert!(!logs_off(&log_filter(Some("WARN"), None).0));
        assert!(!logs_off(&log_filter(None, Some("off,orders=debug")).0));
        assert!(!logs_off(&log_filter(None, None).0));
    }

    #[test]
    fn refuses_rust_log_it_cannot_apply() {
        for (value, expected) in [
            ("orders=verbose", "RUST_LOG=`orders=verbose` is not a list of `target=level` directives"),
            ("orders[invocation]=debug", "RUST_LOG=`orders[invocation]=debug` uses span or field filters"),
            ("warning", "RUST_LOG=`warning` reads `warning` as a target name, not a level"),
            ("orders=debug, INF", "RUST_LOG=`orders=debug, INF` reads `INF` as a target name"),
        ] {
            let (filter, problem) = log_filter(None, Some(value));
            assert!(filter.would_enable("any", &Level::INFO), "{value}");
            let problem = problem.unwrap_or_default();
            assert!(problem.starts_with(expected), "{value}: {problem}");
            assert!(problem.ends_with("; logging at INFO"), "{problem}");
        }
    }

    #[test]
    fn reads_the_format() {
        assert_eq!(log_format(Some("JSON")), LogFormat::Json);
        assert_eq!(log_format(Some("Text")), LogFormat::Text);
        assert_eq!(log_format(None), LogFormat::Text);
    }
}
