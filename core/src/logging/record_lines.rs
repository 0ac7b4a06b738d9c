//! One log record, one line: a line break inside a record's text cannot start a line of its own.
//!
//! tracing-subscriber writes a message or a `%` field as it is, line breaks included: a panic's
//! `assert_eq!` message, an error with a multi-line cause, or a name taken from an event
//! (`{"name": "Ana\nSTART RequestId: ..."}`). On Lambda, each line of stdout becomes a log event
//! of its own, without the request id, and one that text from outside chose. AWS's own runtimes
//! (Node.js) write such a line break as a carriage return, which keeps the record one event and
//! still shows it on several lines; so does faaskit. Locally, the line breaks stay, and the
//! lines after the first are indented, so only a record starts at the left edge: a carriage
//! return, which a terminal takes back to the left edge, counts as a line break there too.
//! A `\r\n` inside a record is one line break.

use std::io::{self, Write};

/// How one target writes the line breaks inside a record.
#[derive(Clone, Copy)]
struct LineBreaks {
    /// The bytes that break a line there: `\n`, and locally `\r`.
    breaking: &'static [u8],
    /// What each is written as.
    written_as: &'static [u8],
}

/// On Lambda, a line break inside a record is a carriage return.
const LAMBDA: LineBreaks = LineBreaks { breaking: b"\n", written_as: b"\r" };

/// Locally, a line break or carriage return inside a record is a line break, then an indent.
const LOCAL: LineBreaks = LineBreaks { breaking: b"\r\n", written_as: b"\n    " };

/// A log writer that writes each record it is given as one line.
///
/// tracing-subscriber hands a writer one whole record, ending in a line break, per `write_all`;
/// the record goes on to `inner` in one `write_all` too, so that records written at once by
/// concurrent invocations cannot interleave.
pub(crate) struct RecordLines<W> {
    inner: W,
    breaks: LineBreaks,
}

impl<W: Write> RecordLines<W> {
    /// Lambda's form: line breaks inside a record become carriage returns.
    pub(crate) fn lambda(inner: W) -> Self {
        Self { inner, breaks: LAMBDA }
    }

    /// The local form: the lines after a record's first are indented.
    pub(crate) fn local(inner: W) -> Self {
        Self { inner, breaks: LOCAL }
    }
}

impl<W: Write> Write for RecordLines<W> {
    fn write(&mut self, record: &[u8]) -> io::Result<usize> {
        self.write_all(record)?;
        Ok(record.len())
    }

    fn write_all(&mut self, record: &[u8]) -> io::Result<()> {
        let text = record.strip_suffix(b"\n").map_or(record, |text| text.strip_suffix(b"\r").unwrap_or(text));
        // One `memchr` per breaking byte: most records have none.
        if !self.breaks.breaking.iter().any(|byte| text.contains(byte)) {
            return self.inner.write_all(record);
        }
        self.inner.write_all(&one_line(text, &record[text.len()..], self.breaks))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// `text` with each of its line breaks written as `breaks` says (a `\r\n` as one), then `end`.
fn one_line(text: &[u8], end: &[u8], breaks: LineBreaks) -> Vec<u8> {
    let mut line = Vec::with_capacity(text.len() + end.len() + 8 * breaks.written_as.len());
    let mut rest = text;
    while let Some(at) = rest.iter().position(|byte| breaks.breaking.contains(byte)) {
        let before = &rest[..at];
        // A `\r\n` where only `\n` breaks (Lambda): its `\r` is part of the break.
        line.extend_from_slice(before.strip_suffix(b"\r").filter(|_| rest[at] == b'\n').unwrap_or(before));
        line.extend_from_slice(breaks.written_as);
        let width = if rest[at..].starts_with(b"\r\n") { 2 } else { 1 };
        rest = &rest[at + width..];
    }
    line.extend_from_slice(rest);
    line.extend_from_slice(end);
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(make: fn(Vec<u8>) -> RecordLines<Vec<u8>>, records: &[&str]) -> String {
        let mut writer = make(Vec::new());
        for record in records {
            writer.write_all(record.as_bytes()).expect("a Vec takes every write");
        }
        writer.flush().expect("a Vec flushes");
        String::from_utf8(writer.inner).expect("text in, text out")
    }

    #[test]
    fn writes_a_plain_record_as_it_is() {
        assert_eq!(written(RecordLines::lambda, &["INFO hi\n", "WARN there\n"]), "INFO hi\nWARN there\n");
        assert_eq!(written(RecordLines::local, &["INFO hi\n"]), "INFO hi\n");
        assert_eq!(written(RecordLines::lambda, &["", "no end"]), "no end");
    }

    #[test]
    fn keeps_a_record_on_lambda_one_line_with_carriage_returns() {
        let panic = "ERROR panicked: assertion `left == right` failed\n  left: 1\n right: 2\n";
        assert_eq!(
            written(RecordLines::lambda, &[panic]),
            "ERROR panicked: assertion `left == right` failed\r  left: 1\r right: 2\n"
        );
        let forged = "INFO greeting Ana\nSTART RequestId: forged\n";
        assert_eq!(written(RecordLines::lambda, &[forged]).lines().count(), 1);
        assert_eq!(written(RecordLines::lambda, &["a\n\n\nb\n\n"]), "a\r\r\rb\r\n");
    }

    #[test]
    fn indents_the_lines_after_a_local_record_s_first() {
        let forged = "2026-12-07T00:00:00Z INFO greeting Ana\n2026-12-07T00:00:01Z INFO forged\n";
        let out = written(RecordLines::local, &[forged]);
        assert_eq!(out, "2026-12-07T00:00:00Z INFO greeting Ana\n    2026-12-07T00:00:01Z INFO forged\n");
        assert_eq!(out.lines().filter(|line| !line.starts_with(' ')).count(), 1);
    }

    #[test]
    fn takes_a_carriage_return_as_a_line_break_locally() {
        let forged = "INFO greeting Ana\rSTART RequestId: forged\n";
        assert_eq!(written(RecordLines::local, &[forged]), "INFO greeting Ana\n    START RequestId: forged\n");
        assert_eq!(written(RecordLines::lambda, &[forged]), forged, "on Lambda it breaks no event");
        assert_eq!(written(RecordLines::local, &["a\r\nb\r\n"]), "a\n    b\r\n");
        assert_eq!(written(RecordLines::lambda, &["a\r\nb\r\n"]), "a\rb\r\n");
        assert_eq!(written(RecordLines::local, &["a\r\r\n"]), "a\n    \r\n");
    }

    /// Records of concurrent invocations interleave if one reaches the output in pieces.
    #[test]
    fn hands_the_inner_writer_one_whole_record() {
        #[derive(Default)]
        struct Calls(Vec<Vec<u8>>);

        impl Write for Calls {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.0.push(buf.to_vec());
                Ok(buf.len())
            }

            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }

        for make in [RecordLines::lambda as fn(Calls) -> RecordLines<Calls>, RecordLines::local] {
            let mut writer = make(Calls::default());
            writer.write_all(b"ERROR failed\n  left: 1\r\n  right: 2\n").expect("takes it");
            writer.write_all(b"INFO plain\n").expect("takes it");
            assert_eq!(writer.inner.0.len(), 2, "{:?}", writer.inner.0);
        }
    }

    #[test]
    fn write_takes_the_whole_record() {
        let mut writer = RecordLines::lambda(Vec::new());
        assert_eq!(writer.write(b"a\nb\n").expect("a Vec takes every write"), 4);
        assert_eq!(writer.inner, b"a\rb\n");
    }
}
