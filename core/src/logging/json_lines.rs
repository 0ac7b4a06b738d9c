//! Lambda's JSON log format: one object per line, with the enclosing spans' fields lifted to the top.
//!
//! Each line is written straight out, in Lambda's order: `timestamp`, `level`, `message`, the
//! spans' fields from the outermost in (the invocation span carries `requestId`, `xrayTraceId`
//! and `cold_start`), the event's fields, and `target` last. When a name comes twice, the inner
//! value wins: an event's field over a span's, an inner span's over an outer one's, a later
//! `record` over an earlier one. `timestamp`, `level` and `target` are always faaskit's own.

use std::fmt;

use tracing::field::{Field, Visit};
use tracing::span::Record;
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::field::RecordFields;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::{FormatTime, SystemTime};
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, FormattedFields};
use tracing_subscriber::registry::LookupSpan;

/// The names every line gives its own values, whatever fields of the same names say.
const RESERVED: [&str; 3] = [r#""timestamp""#, r#""level""#, r#""target""#];

/// The event's message, written right after the level.
const MESSAGE: &str = r#""message""#;

/// Formats a span's fields for [`JsonLines`]: one line per field, its JSON-quoted name, a tab,
/// and its value as JSON.
///
/// Compact JSON holds no raw tab or line break (strings escape theirs), so each field is found
/// again by splitting, without parsing JSON. Fields recorded later are added as more lines.
pub(crate) struct JsonMembers;

impl<'writer> FormatFields<'writer> for JsonMembers {
    fn format_fields<R: RecordFields>(&self, mut writer: Writer<'writer>, fields: R) -> fmt::Result {
        let mut result = Ok(());
        let mut first = true;
        fields.record(&mut JsonFieldVisitor(&mut |name: &str, value: String| {
            let separator = if std::mem::take(&mut first) { "" } else { "\n" };
            result = result.and_then(|()| write!(writer, "{separator}{}\t{value}", quoted(name)));
        }));
        result
    }

    fn add_fields(&self, current: &'writer mut FormattedFields<Self>, fields: &Record<'_>) -> fmt::Result {
        if !current.fields.is_empty() {
            current.fields.push('\n');
        }
        self.format_fields(current.as_writer(), fields)
    }
}

/// One JSON object per line, in the shape of Lambda's JSON log format:
/// `{"timestamp", "level", "message", "requestId", ...fields, "target"}`.
pub(crate) struct JsonLines;

impl<S> FormatEvent<S, JsonMembers> for JsonLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, JsonMembers>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let mut fields = Fields::default();
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                let extensions = span.extensions();
                let Some(formatted) = extensions.get::<FormattedFields<JsonMembers>>() else {
                    continue;
                };
                for (name, value) in formatted.fields.lines().filter_map(|line| line.split_once('\t')) {
                    fields.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        event.record(&mut JsonFieldVisitor(&mut |name: &str, value: String| fields.insert(quoted(name), value)));

        writer.write_str(r#"{"timestamp":""#)?;
        SystemTime.format_time(&mut writer)?;
        write!(writer, r#"","level":"{}""#, level_name(event.metadata().level()))?;
        if let Some((name, value)) = fields.0.iter().find(|(name, _)| name == MESSAGE) {
            write!(writer, ",{name}:{value}")?;
        }
        for (name, value) in fields.0.iter().filter(|(name, _)| name != MESSAGE) {
            write!(writer, ",{name}:{value}")?;
        }
        writeln!(writer, r#","target":{}}}"#, quoted(event.metadata().target()))
    }
}

/// A line's fields in order of first appearance: JSON-quoted names and JSON values.
#[derive(Default)]
struct Fields(Vec<(String, String)>);

impl Fields {
    /// Adds a field, or gives a name already there its new value; reserved names are dropped.
    fn insert(&mut self, name: String, value: String) {
        if RESERVED.contains(&name.as_str()) {
            return;
        }
        match self.0.iter_mut().find(|(existing, _)| *existing == name) {
            Some((_, old)) => *old = value,
            None => self.0.push((name, value)),
        }
    }
}

/// Hands each field to a callback as its name and its value written as JSON.
struct JsonFieldVisitor<'a>(&'a mut dyn FnMut(&str, String));

impl Visit for JsonFieldVisitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        (self.0)(field.name(), quoted(value));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        (self.0)(field.name(), value.to_string());
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        (self.0)(field.name(), value.to_string());
    }

    fn record_i128(&mut self, field: &Field, value: i128) {
        (self.0)(field.name(), value.to_string());
    }

    fn record_u128(&mut self, field: &Field, value: u128) {
        (self.0)(field.name(), value.to_string());
    }

    /// Finite numbers as JSON numbers; NaN and the infinities, which JSON cannot hold, as `null`.
    fn record_f64(&mut self, field: &Field, value: f64) {
        (self.0)(field.name(), serde_json::to_string(&value).unwrap_or_else(|_| "null".to_owned()));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        (self.0)(field.name(), value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        (self.0)(field.name(), quoted(&format!("{value:?}")));
    }
}

/// `text` as a JSON string, quotes and escapes included.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| r#""""#.to_owned())
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

#[cfg(test)]
mod tests {
    use std::io;
    use std::sync::{Arc, Mutex};

    use tracing_subscriber::layer::SubscriberExt;

    use super::*;

    /// The lines `log` writes through [`JsonLines`], with each timestamp checked and cut out.
    fn json_lines_of(log: impl FnOnce()) -> Vec<String> {
        let buffer = SharedBuffer::default();
        let writer = buffer.clone();
        let layer = tracing_subscriber::fmt::layer()
            .fmt_fields(JsonMembers)
            .event_format(JsonLines)
            .with_writer(move || writer.clone());
        tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), log);
        let text = String::from_utf8(buffer.0.lock().expect("the buffer").clone()).expect("UTF-8");
        text.lines()
            .map(|line| {
                serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|err| panic!("{err}: {line}"));
                let rest = line.strip_prefix(r#"{"timestamp":""#).expect("the timestamp first");
                let (timestamp, rest) = rest.split_once('"').expect("a closed timestamp");
                assert!(timestamp.len() >= 20 && timestamp.ends_with('Z'), "RFC 3339 in UTC: {timestamp}");
                format!("{{{}", &rest[1..])
            })
            .collect()
    }

    #[derive(Clone, Default)]
    struct SharedBuffer(Arc<Mutex<Vec<u8>>>);

    impl io::Write for SharedBuffer {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().expect("the buffer").extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    const TARGET: &str = r#""target":"faaskit_core::logging::json_lines::tests""#;

    #[test]
    fn writes_lambdas_fields_first_and_lifts_the_spans() {
        let lines = json_lines_of(|| {
            let span = tracing::info_span!("invocation", requestId = "r-1", cold_start = true);
            let _entered = span.enter();
            tracing::info!(count = 3, ratio = 0.5, "greeting {}", "Ana");
        });
        assert_eq!(
            lines,
            [format!(
                r#"{{"level":"INFO","message":"greeting Ana","requestId":"r-1","cold_start":true,"count":3,"ratio":0.5,{TARGET}}}"#
            )]
        );
    }

    #[test]
    fn the_innermost_value_of_a_name_wins() {
        let lines = json_lines_of(|| {
            let outer = tracing::info_span!("outer", id = 1, shared = "outer", later = tracing::field::Empty);
            let _outer = outer.enter();
            let inner = tracing::info_span!("inner", shared = "inner");
            let _inner = inner.enter();
            outer.record("later", "first");
            outer.record("later", "second");
            tracing::warn!(id = 3, "no message field twice");
            tracing::error!(id = 4);
        });
        assert_eq!(
            lines,
            [
                format!(
                    r#"{{"level":"WARN","message":"no message field twice","id":3,"shared":"inner","later":"second",{TARGET}}}"#
                ),
                format!(r#"{{"level":"ERROR","id":4,"shared":"inner","later":"second",{TARGET}}}"#),
            ]
        );
    }

    #[test]
    fn keeps_its_own_timestamp_level_and_target() {
        let lines = json_lines_of(|| {
            tracing::debug!(level = "custom", timestamp = 5, target = "elsewhere", "reserved");
        });
        assert_eq!(lines, [format!(r#"{{"level":"DEBUG","message":"reserved",{TARGET}}}"#)]);
    }

    #[test]
    fn escapes_text_and_writes_numbers_as_json() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Order {
            id: &'static str,
        }
        let lines = json_lines_of(|| {
            let span = tracing::info_span!("s", note = "tab\there");
            let _entered = span.enter();
            tracing::info!(
                nan = f64::NAN,
                big = u128::MAX,
                small = i64::MIN,
                ok = false,
                order = ?Order { id: "a\"b" },
                "line one\nline \"two\" \u{e9}"
            );
        });
        assert_eq!(
            lines,
            [format!(
                r#"{{"level":"INFO","message":"line one\nline \"two\" é","note":"tab\there","nan":null,"big":340282366920938463463374607431768211455,"small":-9223372036854775808,"ok":false,"order":"Order {{ id: \"a\\\"b\" }}",{TARGET}}}"#
            )]
        );
    }
}
