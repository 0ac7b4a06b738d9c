//! Logs Lambda understands: text or JSON lines, levels from Lambda's logging controls.
//!
//! Set up once per process by [`crate::App::run`], unless logging is turned off there (or with
//! `logging = false` in the attribute), in which case the application installs its own
//! subscriber and faaskit's events go to it.

use std::fmt;
use std::io::IsTerminal;
use std::str::FromStr;
use std::sync::OnceLock;

use serde_json::{Map, Value};
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::format::{JsonFields, Writer};
use tracing_subscriber::fmt::time::FormatTime;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, FormattedFields};
use tracing_subscriber::registry::LookupSpan;

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
                .fmt_fields(JsonFields::new())
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

/// One JSON object per line, in the shape of Lambda's JSON log format:
/// `{"timestamp", "level", "message", "requestId", ...fields}`. The fields of the enclosing
/// spans (the invocation span carries `requestId`, `xrayTraceId` and `cold_start`) are lifted to
/// the top level.
pub(crate) struct JsonLines;

impl<S, N> FormatEvent<S, N> for JsonLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(&self, ctx: &FmtContext<'_, S, N>, mut writer: Writer<'_>, event: &Event<'_>) -> fmt::Result {
        let mut line = Map::new();
        let mut timestamp = String::new();
        tracing_subscriber::fmt::time::SystemTime.format_time(&mut Writer::new(&mut timestamp))?;
        line.insert("timestamp".into(), Value::String(timestamp));
        line.insert("level".into(), Value::String(level_name(event.metadata().level()).to_owned()));
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                let extensions = span.extensions();
                let Some(fields) = extensions.get::<FormattedFields<N>>() else {
                    continue;
                };
                if let Ok(Value::Object(span_fields)) = serde_json::from_str::<Value>(fields) {
                    line.extend(span_fields);
                }
            }
        }
        let mut visitor = JsonVisitor(&mut line);
        event.record(&mut visitor);
        line.insert("target".into(), Value::String(event.metadata().target().to_owned()));
        let text = serde_json::to_string(&Value::Object(line)).map_err(|_| fmt::Error)?;
        writeln!(writer, "{text}")
    }
}

fn level_name(level: &Level) -> &'static str {
    match *level {
        Level::TRACE => "TRACE",
        Level::DEBUG => "DEBUG",
        Level::INFO => "INFO",
        Level::WARN => "WARN",
        Level::ERROR => "ERROR",
    }
}

struct JsonVisitor<'a>(&'a mut Map<String, Value>);

impl Visit for JsonVisitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), Value::String(value.to_owned()));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().to_owned(), Value::from(value));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_owned(), Value::from(value));
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.insert(field.name().to_owned(), Value::from(value));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().to_owned(), Value::from(value));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), Value::String(format!("{value:?}")));
    }
}

#[cfg(test)]
mod tests {
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
