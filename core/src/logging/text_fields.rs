//! Text log fields as tracing-subscriber writes them, with plain values written directly.
//!
//! tracing-subscriber's default field formatter writes each field through `format_args!`, ANSI
//! styling (even when it is off) and, for strings, `str`'s `Debug`, which escapes one character
//! at a time: most of the cost of the span that carries each invocation's request id. Without
//! colours, a string of printable ASCII with no quotes or backslashes (request ids, handler
//! names, error types), a bool or an integer reads the same written directly, so it is; any
//! other field goes to the default formatter, unchanged.

use std::fmt;

use tracing::field::{Field, Visit};
use tracing_subscriber::field::{MakeVisitor, VisitFmt, VisitOutput};
use tracing_subscriber::fmt::format::{DefaultVisitor, Writer};

/// The field formatter of faaskit's text logs.
pub(crate) struct TextFields;

impl<'a> MakeVisitor<Writer<'a>> for TextFields {
    type Visitor = TextVisitor<'a>;

    fn make_visitor(&self, target: Writer<'a>) -> Self::Visitor {
        TextVisitor { writer: target, is_empty: true, result: Ok(()) }
    }
}

/// Writes plain fields itself and hands the others to tracing-subscriber's visitor.
pub(crate) struct TextVisitor<'a> {
    writer: Writer<'a>,
    /// Whether no field has been written yet (the next one needs no separating space).
    is_empty: bool,
    result: fmt::Result,
}

/// Whether `text` reads the same through `str`'s `Debug` as between plain quotes.
fn is_plain(text: &str) -> bool {
    text.bytes().all(|byte| (b' '..=b'~').contains(&byte) && byte != b'"' && byte != b'\\')
}

impl TextVisitor<'_> {
    /// Whether `field` can be written directly: not the message (written without its name),
    /// not a raw identifier (written without `r#`), and no colours to apply.
    fn is_direct(&self, field: &Field) -> bool {
        self.result.is_ok()
            && field.name() != "message"
            && !field.name().starts_with("r#")
            && !self.writer.has_ansi_escapes()
    }

    /// Writes ` name=` (no space before the first field), then `value`.
    fn write_direct(&mut self, field: &Field, value: impl FnOnce(&mut Writer<'_>) -> fmt::Result) {
        let pad = if self.is_empty { "" } else { " " };
        self.is_empty = false;
        self.result = self
            .writer
            .write_str(pad)
            .and_then(|()| self.writer.write_str(field.name()))
            .and_then(|()| self.writer.write_char('='))
            .and_then(|()| value(&mut self.writer));
    }

    /// Hands the field to tracing-subscriber's own visitor.
    fn delegate(&mut self, record: impl FnOnce(&mut DefaultVisitor<'_>)) {
        if self.result.is_err() {
            return;
        }
        let mut default = DefaultVisitor::new(self.writer.by_ref(), self.is_empty);
        record(&mut default);
        self.result = default.finish();
        self.is_empty = false;
    }
}

impl Visit for TextVisitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        if self.is_direct(field) && is_plain(value) {
            self.write_direct(field, |writer| {
                writer.write_char('"')?;
                writer.write_str(value)?;
                writer.write_char('"')
            });
        } else {
            self.delegate(|default| default.record_str(field, value));
        }
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        if self.is_direct(field) {
            self.write_direct(field, |writer| writer.write_str(if value { "true" } else { "false" }));
        } else {
            self.delegate(|default| default.record_bool(field, value));
        }
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        if self.is_direct(field) {
            self.write_direct(field, |writer| write!(writer, "{value}"));
        } else {
            self.delegate(|default| default.record_u64(field, value));
        }
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        if self.is_direct(field) {
            self.write_direct(field, |writer| write!(writer, "{value}"));
        } else {
            self.delegate(|default| default.record_i64(field, value));
        }
    }

    /// A `%` or `?` field other than the message (which tracing-subscriber escapes itself) is
    /// written with its terminal control characters escaped: text from an event (a panic message,
    /// a record's id) must not move the cursor, clear lines or retitle the terminal, which would
    /// undo what `RecordLines` does for line breaks (those it leaves to it).
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.delegate(|default| default.record_debug(field, value));
        } else {
            self.delegate(|default| default.record_debug(field, &NoControls(value)));
        }
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.delegate(|default| default.record_f64(field, value));
    }

    fn record_i128(&mut self, field: &Field, value: i128) {
        self.delegate(|default| default.record_i128(field, value));
    }

    fn record_u128(&mut self, field: &Field, value: u128) {
        self.delegate(|default| default.record_u128(field, value));
    }

    fn record_bytes(&mut self, field: &Field, value: &[u8]) {
        self.delegate(|default| default.record_bytes(field, value));
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.delegate(|default| default.record_error(field, value));
    }
}

/// A value written with the control characters a terminal acts on escaped (`\x1b`, `\u{9b}`), all
/// but tab, line feed and carriage return.
struct NoControls<'a>(&'a dyn fmt::Debug);

impl fmt::Debug for NoControls<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Escaping<'a, 'b>(&'a mut fmt::Formatter<'b>);
        impl fmt::Write for Escaping<'_, '_> {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                let mut rest = text;
                while let Some(at) = rest.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
                    self.0.write_str(&rest[..at])?;
                    let c = rest[at..].chars().next().unwrap_or_default();
                    if u32::from(c) < 0x80 {
                        write!(self.0, "\\x{:02x}", u32::from(c))?;
                    } else {
                        write!(self.0, "\\u{{{:x}}}", u32::from(c))?;
                    }
                    rest = &rest[at + c.len_utf8()..];
                }
                self.0.write_str(rest)
            }
        }
        fmt::write(&mut Escaping(f), format_args!("{:?}", self.0))
    }
}

impl VisitOutput<fmt::Result> for TextVisitor<'_> {
    fn finish(self) -> fmt::Result {
        self.result
    }
}

impl VisitFmt for TextVisitor<'_> {
    fn writer(&mut self) -> &mut dyn fmt::Write {
        &mut self.writer
    }
}

#[cfg(test)]
mod tests {
    use tracing_subscriber::layer::SubscriberExt as _;

    use super::*;
    use crate::logging::test_sink::TestSink;

    /// The text lines `emit` logs, with `fields` formatting their fields.
    fn lines_with<N>(fields: N, ansi: bool, emit: impl FnOnce()) -> String
    where
        N: for<'w> tracing_subscriber::fmt::FormatFields<'w> + Send + Sync + 'static,
    {
        let out = TestSink::default();
        let sink = out.clone();
        let layer = tracing_subscriber::fmt::layer()
            .fmt_fields(fields)
            .without_time()
            .with_ansi(ansi)
            .with_writer(move || sink.clone());
        tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), emit);
        out.text()
    }

    fn sample() {
        let span = tracing::info_span!(
            "invocation",
            requestId = "8f5a-01",
            xrayTraceId = tracing::field::Empty,
            cold_start = true,
            handler = "hello"
        );
        span.record("xrayTraceId", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        let _entered = span.enter();
        tracing::info!(
            plain = "a b-c",
            quote = "say \"hi\"",
            tab = "a\tb",
            accent = "Zoë",
            n = 7_u64,
            neg = -3_i64,
            x = 1.5_f64,
            r#type = "raw",
            flag = false,
            "greeting {}",
            "Ana"
        );
        tracing::warn!(errorType = "Faaskit.DecodeError", "done \"quoted\"");
    }

    #[test]
    fn escapes_terminal_controls_in_display_and_debug_fields() {
        let text = lines_with(TextFields, false, || {
            tracing::error!(panic.message = %"x\x1b]0;title\x07\x1b[1Gforged\u{9b}2J", item = ?"a\x1bb", "panicked \x1b[2K");
        });
        assert!(!text.contains('\x1b') && !text.contains('\x07') && !text.contains('\u{9b}'), "{text:?}");
        assert!(text.contains(r"panic.message=x\x1b]0;title\x07\x1b[1Gforged\u{9b}2J"), "{text}");
    }

    #[test]
    fn writes_what_the_default_formatter_writes() {
        for ansi in [false, true] {
            let ours = lines_with(TextFields, ansi, sample);
            let default = lines_with(tracing_subscriber::fmt::format::DefaultFields::new(), ansi, sample);
            assert_eq!(ours, default, "ansi: {ansi}");
        }
        let ours = lines_with(TextFields, false, sample);
        assert!(
            ours.contains(r#"invocation{requestId="8f5a-01" cold_start=true handler="hello" xrayTraceId="Root=1-"#),
            "{ours}"
        );
        assert!(ours.contains(r#"plain="a b-c" quote="say \"hi\"" tab="a\tb" accent="Zoë""#), "{ours}");
    }
}
