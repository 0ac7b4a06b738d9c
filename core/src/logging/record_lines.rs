//! One log record, one line: a line break inside a record's text cannot start a line of its own.
//!
//! tracing-subscriber writes a message or a `%` field as it is, line breaks included: a panic's
//! `assert_eq!` message, an error with a multi-line cause, or a name taken from an event
//! (`{"name": "Ana\nSTART RequestId: ..."}`). On Lambda, each line of stdout becomes a log event
//! of its own, without the request id, and one that text from outside chose. AWS's own runtimes
//! (Node.js) write such a line break as a carriage return, which keeps the record one event and
//! still shows it on several lines; so does faaskit. Locally, the line breaks stay, and the
//! lines after the first are indented, so only a record starts at the left edge.

use std::io::{self, Write};

/// What a line break inside a record is written as on Lambda: a carriage return.
const LAMBDA_LINE_BREAK: &[u8] = b"\r";

/// What a line break inside a record is written as locally: a line break, then an indent.
const LOCAL_LINE_BREAK: &[u8] = b"\n    ";

/// A log writer that writes each record it is given as one line.
///
/// tracing-subscriber hands a writer one whole record, ending in a line break, per write.
pub(crate) struct RecordLines<W> {
    inner: W,
    line_break: &'static [u8],
}

impl<W: Write> RecordLines<W> {
    /// Lambda's form: line breaks inside a record become carriage returns.
    pub(crate) fn lambda(inner: W) -> Self {
        Self { inner, line_break: LAMBDA_LINE_BREAK }
    }

    /// The local form: the lines after a record's first are indented.
    pub(crate) fn local(inner: W) -> Self {
        Self { inner, line_break: LOCAL_LINE_BREAK }
    }
}

impl<W: Write> Write for RecordLines<W> {
    fn write(&mut self, record: &[u8]) -> io::Result<usize> {
        self.write_all(record)?;
        Ok(record.len())
    }

    fn write_all(&mut self, record: &[u8]) -> io::Result<()> {
        let text = record.strip_suffix(b"\n").unwrap_or(record);
        if !text.contains(&b'\n') {
            return self.inner.write_all(record);
        }
        self.inner.write_all(&one_line(record, text, self.line_break))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// `record` with each line break of `text` (the record without its final line break) written
/// as `line_break`, written whole so that the line reaches the output in one write.
fn one_line(record: &[u8], text: &[u8], line_break: &[u8]) -> Vec<u8> {
    let mut line = Vec::with_capacity(record.len() + 8 * line_break.len());
    for (index, part) in text.split(|&byte| byte == b'\n').enumerate() {
        if index > 0 {
            line.extend_from_slice(line_break);
        }
        line.extend_from_slice(part);
    }
    line.extend_from_slice(&record[text.len()..]);
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
    fn write_takes_the_whole_record() {
        let mut writer = RecordLines::lambda(Vec::new());
        assert_eq!(writer.write(b"a\nb\n").expect("a Vec takes every write"), 4);
        assert_eq!(writer.inner, b"a\rb\n");
    }
}
