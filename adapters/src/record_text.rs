//! The strings of one record kept in one allocation: a record reads its fields as ranges of a
//! shared text instead of owning a `String` each.
//!
//! Decoding fills a reusable [`TextBuilder`] (strings appended as the JSON gives them, one
//! [`Span`] per field, plus fields derived from them as bytes, such as a percent-decoded key),
//! then [`TextBuilder::finish`] checks the whole as UTF-8 in one pass and copies it into the
//! record's [`RecordText`]. A record of a dozen strings costs one allocation.

// Each source uses part of this module: S3 numbers and nested objects, SQS its own key loop.
#![cfg_attr(not(all(feature = "s3", feature = "sqs")), allow(dead_code))]

use std::fmt;
use std::sync::Arc;

/// Where one field sits in a record's text; [`Span::ABSENT`] when the record has no such field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The span of a field the record does not have.
    pub(crate) const ABSENT: Span = Span { start: u32::MAX, end: u32::MAX };

    fn is_absent(self) -> bool {
        self.start == u32::MAX
    }
}

/// The fields of one record, `N` of them, in one shared string.
#[derive(Clone)]
pub(crate) struct RecordText<const N: usize> {
    text: Arc<str>,
    spans: [Span; N],
}

impl<const N: usize> RecordText<N> {
    /// Field `index`, when the record has it.
    pub(crate) fn get(&self, index: usize) -> Option<&str> {
        let span = *self.spans.get(index)?;
        if span.is_absent() {
            return None;
        }
        self.text.get(span.start as usize..span.end as usize)
    }
}

impl<const N: usize> PartialEq for RecordText<N> {
    fn eq(&self, other: &Self) -> bool {
        (0..N).all(|index| self.get(index) == other.get(index))
    }
}

impl<const N: usize> Eq for RecordText<N> {}

/// A field's bytes that are not UTF-8.
#[derive(Debug)]
pub(crate) struct NotUtf8 {
    /// The index of the field they belong to.
    pub(crate) field: usize,
}

/// Collects the fields of one record; reused from one record to the next.
pub(crate) struct TextBuilder<const N: usize> {
    bytes: Vec<u8>,
    scratch: Vec<u8>,
    spans: [Span; N],
    numbers: [Option<u64>; 2],
}

impl<const N: usize> Default for TextBuilder<N> {
    fn default() -> Self {
        Self { bytes: Vec::new(), scratch: Vec::new(), spans: [Span::ABSENT; N], numbers: [None; 2] }
    }
}

impl<const N: usize> TextBuilder<N> {
    /// Forgets the previous record.
    pub(crate) fn clear(&mut self) {
        self.bytes.clear();
        self.spans = [Span::ABSENT; N];
        self.numbers = [None; 2];
    }

    /// Sets field `index` to `bytes` (checked as UTF-8 by [`finish`](Self::finish)).
    ///
    /// A record over 4 GiB is beyond any Lambda payload; its spans would wrap, and
    /// [`RecordText::get`] then answers `None` rather than the wrong text.
    pub(crate) fn set(&mut self, index: usize, bytes: &[u8]) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(bytes);
        if let Some(span) = self.spans.get_mut(index) {
            *span = Span { start: start as u32, end: self.bytes.len() as u32 };
        }
    }

    /// Field `index` as set so far, as bytes.
    pub(crate) fn get(&self, index: usize) -> Option<&[u8]> {
        let span = *self.spans.get(index)?;
        if span.is_absent() {
            return None;
        }
        self.bytes.get(span.start as usize..span.end as usize)
    }

    /// Sets field `index` to what `build` makes of field `from` (a decoded copy, for instance);
    /// `build` appends to the buffer it is given. Nothing happens when `from` is not set.
    pub(crate) fn derive(&mut self, index: usize, from: usize, build: impl FnOnce(&[u8], &mut Vec<u8>)) {
        let Some(source) = self.spans.get(from).copied().filter(|span| !span.is_absent()) else {
            return;
        };
        self.scratch.clear();
        build(&self.bytes[source.start as usize..source.end as usize], &mut self.scratch);
        let start = self.bytes.len();
        self.bytes.extend_from_slice(&self.scratch);
        if let Some(span) = self.spans.get_mut(index) {
            *span = Span { start: start as u32, end: self.bytes.len() as u32 };
        }
    }

    /// Sets number `index` (0 or 1).
    pub(crate) fn set_number(&mut self, index: usize, value: Option<u64>) {
        if let Some(slot) = self.numbers.get_mut(index) {
            *slot = value;
        }
    }

    /// Number `index`, when set.
    pub(crate) fn number(&self, index: usize) -> Option<u64> {
        self.numbers.get(index).copied().flatten()
    }

    /// The record's text, validated as UTF-8 in one pass.
    ///
    /// # Errors
    ///
    /// [`NotUtf8`] naming the first field whose bytes are not UTF-8.
    pub(crate) fn finish(&self) -> Result<RecordText<N>, NotUtf8> {
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => Ok(RecordText { text: Arc::from(text), spans: self.spans }),
            Err(err) => {
                let at = err.valid_up_to() as u32;
                let field = self.spans.iter().position(|span| !span.is_absent() && span.start <= at && at < span.end);
                Err(NotUtf8 { field: field.unwrap_or(0) })
            }
        }
    }
}

#[cfg(feature = "sqs")]
impl<const N: usize> TextBuilder<N> {
    /// The record's text, when every field was set from a `&str` (UTF-8 already): as
    /// [`finish`](Self::finish), with nothing to fail.
    pub(crate) fn finish_from_strings(&self) -> RecordText<N> {
        RecordText { text: Arc::from(String::from_utf8_lossy(&self.bytes)), spans: self.spans }
    }
}

impl<const N: usize> fmt::Debug for RecordText<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries((0..N).map(|index| self.get(index))).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_fields_in_one_text_and_reads_them_back() {
        let mut builder = TextBuilder::<3>::default();
        builder.set(0, b"photos");
        builder.set(2, "été".as_bytes());
        let text = builder.finish().unwrap();
        assert_eq!(text.get(0), Some("photos"));
        assert_eq!(text.get(1), None);
        assert_eq!(text.get(2), Some("été"));
        assert_eq!(text.get(3), None);
    }

    #[test]
    fn names_the_field_that_is_not_utf8() {
        let mut builder = TextBuilder::<2>::default();
        builder.set(0, b"fine");
        builder.set(1, b"bad \xff");
        assert_eq!(builder.finish().unwrap_err().field, 1);
    }

    #[test]
    fn derives_a_field_from_another_and_clears_between_records() {
        let mut builder = TextBuilder::<2>::default();
        builder.set(0, b"a+b");
        builder.derive(1, 0, |raw, out| out.extend(raw.iter().map(|&b| if b == b'+' { b' ' } else { b })));
        let text = builder.finish().unwrap();
        assert_eq!((text.get(0), text.get(1)), (Some("a+b"), Some("a b")));
        builder.clear();
        assert!(builder.get(0).is_none());
        assert_eq!(builder.finish().unwrap().get(1), None);
    }

    #[test]
    fn compares_by_field_values() {
        let mut first = TextBuilder::<2>::default();
        first.set(1, b"x");
        first.set(0, b"y");
        let mut second = TextBuilder::<2>::default();
        second.set(0, b"y");
        second.set(1, b"x");
        assert_eq!(first.finish().unwrap(), second.finish().unwrap());
    }
}
