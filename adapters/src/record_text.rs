//! The strings of one record kept in one allocation: a record reads its fields as ranges of a
//! shared text instead of owning a `String` each.
//!
//! Decoding fills a reusable [`TextBuilder`]: strings appended as the JSON gives them (UTF-8
//! already), one [`Span`] per field, plus fields derived from them, such as a percent-decoded
//! key, which are checked as UTF-8 when they are derived. [`TextBuilder::finish`] then copies the
//! whole into the record's [`RecordText`]: a record of a dozen strings costs one allocation.

// Each source uses part of this module: S3 numbers and derived fields, SQS neither.
#![cfg_attr(not(all(feature = "s3", feature = "sqs")), allow(dead_code))]

use std::fmt;
use std::ops::Range;
use std::str::Utf8Error;
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

    /// The field's byte range in the text, when the record has it.
    fn range(self) -> Option<Range<usize>> {
        (self.start != u32::MAX).then_some(self.start as usize..self.end as usize)
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
        self.text.get(self.spans.get(index)?.range()?)
    }

    /// The text at `span`, one of the spans [`TextBuilder::push`] gave; `None` for
    /// [`Span::ABSENT`].
    pub(crate) fn slice(&self, span: Span) -> Option<&str> {
        self.text.get(span.range()?)
    }
}

impl<const N: usize> PartialEq for RecordText<N> {
    fn eq(&self, other: &Self) -> bool {
        (0..N).all(|index| self.get(index) == other.get(index))
    }
}

impl<const N: usize> Eq for RecordText<N> {}

impl<const N: usize> fmt::Debug for RecordText<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries((0..N).map(|index| self.get(index))).finish()
    }
}

/// Collects the fields of one record; reused from one record to the next.
pub(crate) struct TextBuilder<const N: usize> {
    text: String,
    scratch: Vec<u8>,
    spans: [Span; N],
    numbers: [Option<u64>; 2],
}

impl<const N: usize> Default for TextBuilder<N> {
    fn default() -> Self {
        // Room for a typical record's strings from the start, rather than growing by doubling
        // through the first record of every event.
        Self { text: String::with_capacity(1024), scratch: Vec::new(), spans: [Span::ABSENT; N], numbers: [None; 2] }
    }
}

impl<const N: usize> TextBuilder<N> {
    /// Forgets the previous record.
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.spans = [Span::ABSENT; N];
        self.numbers = [None; 2];
    }

    /// Sets field `index` to `text`.
    pub(crate) fn set(&mut self, index: usize, text: &str) {
        let span = self.push(text);
        self.assign(index, span);
    }

    /// Appends `text` outside the numbered fields, for a record that has a list of strings; the
    /// span reads it back from the finished [`RecordText`] with [`RecordText::slice`].
    pub(crate) fn push(&mut self, text: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(text);
        self.span_from(start)
    }

    /// Makes `span`, one [`push`](Self::push) gave, field `index`; answers whether there was a
    /// span to assign ([`Span::ABSENT`] leaves the field as it was).
    pub(crate) fn assign(&mut self, index: usize, span: Span) -> bool {
        match self.spans.get_mut(index) {
            Some(field) if span != Span::ABSENT => {
                *field = span;
                true
            }
            _ => false,
        }
    }

    /// Field `index` as set so far.
    pub(crate) fn get(&self, index: usize) -> Option<&str> {
        self.text.get(self.spans.get(index)?.range()?)
    }

    /// Sets field `index` to what `build` makes of field `from` (a decoded copy, for instance);
    /// `build` appends bytes to the buffer it is given. Nothing happens when `from` is not set.
    ///
    /// # Errors
    ///
    /// When the bytes `build` made are not UTF-8; field `index` then stays unset.
    pub(crate) fn derive(
        &mut self,
        index: usize,
        from: usize,
        build: impl FnOnce(&[u8], &mut Vec<u8>),
    ) -> Result<(), Utf8Error> {
        let Some(source) = self.spans.get(from).and_then(|span| self.text.get(span.range()?)) else {
            return Ok(());
        };
        self.scratch.clear();
        build(source.as_bytes(), &mut self.scratch);
        let derived = std::str::from_utf8(&self.scratch)?;
        let start = self.text.len();
        self.text.push_str(derived);
        let span = self.span_from(start);
        self.assign(index, span);
        Ok(())
    }

    /// The span from `start` to the end of the text.
    ///
    /// A record over 4 GiB is beyond any Lambda payload; its spans would wrap, and
    /// [`RecordText::get`] then answers `None` rather than the wrong text.
    fn span_from(&self, start: usize) -> Span {
        Span { start: start as u32, end: self.text.len() as u32 }
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

    /// The record's text, in one allocation.
    pub(crate) fn finish(&self) -> RecordText<N> {
        RecordText { text: Arc::from(self.text.as_str()), spans: self.spans }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_fields_in_one_text_and_reads_them_back() {
        let mut builder = TextBuilder::<3>::default();
        builder.set(0, "photos");
        builder.set(2, "été");
        let text = builder.finish();
        assert_eq!(text.get(0), Some("photos"));
        assert_eq!(text.get(1), None);
        assert_eq!(text.get(2), Some("été"));
        assert_eq!(text.get(3), None);
    }

    #[test]
    fn refuses_a_derived_field_that_is_not_utf8() {
        let mut builder = TextBuilder::<2>::default();
        builder.set(0, "bad %FF");
        assert!(builder.derive(1, 0, |_, out| out.extend_from_slice(b"bad \xff")).is_err());
        assert_eq!(builder.get(1), None);
        assert_eq!(builder.finish().get(0), Some("bad %FF"));
    }

    #[test]
    fn derives_a_field_from_another_and_clears_between_records() {
        let mut builder = TextBuilder::<2>::default();
        builder.set(0, "a+b");
        let plus_to_space =
            |raw: &[u8], out: &mut Vec<u8>| out.extend(raw.iter().map(|&b| if b == b'+' { b' ' } else { b }));
        assert!(builder.derive(1, 0, plus_to_space).is_ok());
        let text = builder.finish();
        assert_eq!((text.get(0), text.get(1)), (Some("a+b"), Some("a b")));
        builder.clear();
        assert!(builder.get(0).is_none());
        assert!(builder.derive(1, 0, plus_to_space).is_ok());
        assert_eq!(builder.finish().get(1), None);
    }

    #[test]
    fn pushes_strings_outside_the_fields() {
        let mut builder = TextBuilder::<1>::default();
        builder.set(0, "id");
        let first = builder.push("tenant");
        let second = builder.push("acme");
        let text = builder.finish();
        assert_eq!((text.slice(first), text.slice(second)), (Some("tenant"), Some("acme")));
        assert_eq!(text.slice(Span::ABSENT), None);
        assert_eq!(text.get(0), Some("id"));
    }

    #[test]
    fn compares_by_field_values() {
        let mut first = TextBuilder::<2>::default();
        first.set(1, "x");
        first.set(0, "y");
        let mut second = TextBuilder::<2>::default();
        second.set(0, "y");
        second.set(1, "x");
        assert_eq!(first.finish(), second.finish());
    }
}
