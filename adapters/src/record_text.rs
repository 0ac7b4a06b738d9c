//! The strings of an event's records kept together: a record reads its fields as ranges of its
//! event's shared text instead of owning a `String` each.
//!
//! Decoding fills one [`TextBuilder`] per event: strings appended as the JSON gives them (UTF-8
//! already), one [`Span`] per field, plus fields derived from them, such as a percent-decoded
//! key, which are checked as UTF-8 when they are derived. [`TextBuilder::record`] ends a record:
//! its [`RecordText`] keeps the record's spans and a handle on the event's text, which
//! [`TextBuilder::finish`] (or dropping the builder) fills in once every record is read. An
//! event of a hundred records costs a handful of allocations for all their strings, not one per
//! record; the price is that a record kept on its own keeps its event's text alive.

// Each source uses part of this module: S3 numbers and derived fields, SQS unset fields.
#![cfg_attr(not(all(feature = "s3", feature = "sqs")), allow(dead_code))]

use std::fmt;
use std::ops::Range;
use std::str::Utf8Error;
use std::sync::{Arc, OnceLock};

/// Where one field sits in an event's text; [`Span::ABSENT`] when the record has no such field.
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

/// The strings of every record of one event.
///
/// The text comes in chunks, each twice the size of the one before, so that it grows without
/// copying what it holds; a record's strings all sit in one chunk.
#[derive(Default)]
struct EventText {
    /// The chunks before the last, full.
    full: Vec<String>,
    last: String,
}

impl EventText {
    /// Chunk `index`.
    fn chunk(&self, index: usize) -> Option<&str> {
        match self.full.get(index) {
            Some(chunk) => Some(chunk),
            None => (index == self.full.len()).then_some(self.last.as_str()),
        }
    }
}

/// The event's text, shared by its records and set once the builder is done.
type SharedText = Arc<OnceLock<EventText>>;

/// The fields of one record, `N` of them, read from its event's shared text.
#[derive(Clone)]
pub(crate) struct RecordText<const N: usize> {
    event: SharedText,
    /// The chunk of the event's text the record's strings sit in.
    chunk: u32,
    spans: [Span; N],
}

impl<const N: usize> RecordText<N> {
    /// Field `index`, when the record has it.
    pub(crate) fn get(&self, index: usize) -> Option<&str> {
        self.slice(*self.spans.get(index)?)
    }

    /// The text at `span`; `None` for [`Span::ABSENT`].
    fn slice(&self, span: Span) -> Option<&str> {
        self.event.get()?.chunk(self.chunk as usize)?.get(span.range()?)
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

/// Collects the fields of an event's records, one record after the other.
pub(crate) struct TextBuilder<const N: usize> {
    /// The chunks of text already full.
    chunks: Vec<String>,
    /// The chunk the current record's strings go to.
    text: String,
    /// Where the current record's strings start in `text`.
    record_start: usize,
    /// The most text one record took so far.
    largest_record: usize,
    scratch: Vec<u8>,
    spans: [Span; N],
    numbers: [Option<u64>; 2],
    event: SharedText,
}

impl<const N: usize> Default for TextBuilder<N> {
    fn default() -> Self {
        // Room for a typical record's strings from the start, rather than growing by doubling
        // through the first record of every event.
        Self {
            chunks: Vec::new(),
            text: String::with_capacity(1024),
            record_start: 0,
            largest_record: 0,
            scratch: Vec::new(),
            spans: [Span::ABSENT; N],
            numbers: [None; 2],
            event: SharedText::default(),
        }
    }
}

impl<const N: usize> TextBuilder<N> {
    /// Starts the next record: its fields and numbers start empty. The text of the
    /// records before it stays, for them.
    pub(crate) fn clear(&mut self) {
        self.largest_record = self.largest_record.max(self.text.len() - self.record_start);
        if self.text.capacity() - self.text.len() < self.largest_record {
            // A chunk twice the size of the last: the text grows as a `String` would, but what
            // it holds is never copied.
            let capacity = (2 * self.text.capacity()).max(2 * self.largest_record);
            let full = std::mem::replace(&mut self.text, String::with_capacity(capacity));
            self.chunks.push(full);
        }
        self.record_start = self.text.len();
        self.spans = [Span::ABSENT; N];
        self.numbers = [None; 2];
    }

    /// Sets field `index` to `text`.
    pub(crate) fn set(&mut self, index: usize, text: &str) {
        let span = self.push(text);
        self.assign(index, span);
    }

    /// Appends `text`, for a field [`assign`](Self::assign) then sets.
    pub(crate) fn push(&mut self, text: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(text);
        self.span_from(start)
    }

    /// Unsets field `index`: the record does not have it after all.
    pub(crate) fn unset(&mut self, index: usize) {
        if let Some(field) = self.spans.get_mut(index) {
            *field = Span::ABSENT;
        }
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

    /// Field `index` of the current record, as set so far.
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
    /// A chunk over 4 GiB is beyond any Lambda payload; its spans would wrap, and
    /// [`RecordText::get`] then answers `None` or another field's text, never out of bounds.
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

    /// The current record's text: its spans, and a handle on the event's text, which reads
    /// back once the builder is [finished](Self::finish). Costs no allocation.
    pub(crate) fn record(&self) -> RecordText<N> {
        RecordText { event: Arc::clone(&self.event), chunk: self.chunks.len() as u32, spans: self.spans }
    }

    /// Hands the text to every record [`record`](Self::record) gave; dropping the builder does
    /// the same.
    pub(crate) fn finish(self) {
        drop(self);
    }
}

impl<const N: usize> Drop for TextBuilder<N> {
    fn drop(&mut self) {
        let text = EventText { full: std::mem::take(&mut self.chunks), last: std::mem::take(&mut self.text) };
        // Only this builder sets it, and only here.
        let _ = self.event.set(text);
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
        let text = builder.record();
        assert_eq!(text.get(0), None, "the text reads back once the builder is finished");
        builder.finish();
        assert_eq!(text.get(0), Some("photos"));
        assert_eq!(text.get(1), None);
        assert_eq!(text.get(2), Some("été"));
        assert_eq!(text.get(3), None);
    }

    #[test]
    fn records_of_one_event_share_its_text() {
        let mut builder = TextBuilder::<2>::default();
        builder.set(0, "first");
        builder.set(1, "a");
        let first = builder.record();
        builder.clear();
        assert_eq!(builder.get(0), None, "a new record starts empty");
        builder.set(0, "second");
        let second = builder.record();
        drop(builder);
        assert_eq!((first.get(0), first.get(1)), (Some("first"), Some("a")));
        assert_eq!((second.get(0), second.get(1)), (Some("second"), None));
        assert_eq!(first.clone(), first);
        assert_ne!(first, second);
    }

    #[test]
    fn reads_back_records_of_every_size_across_chunks() {
        let mut builder = TextBuilder::<2>::default();
        let texts: Vec<String> = (0..2_000).map(|n| format!("{n}-{}", "x".repeat(n * 7 % 3_000))).collect();
        let mut records = Vec::new();
        for text in &texts {
            builder.clear();
            builder.set(0, text);
            builder.set(1, "tail");
            records.push(builder.record());
        }
        assert!(builder.chunks.len() > 1, "the text grew in chunks");
        builder.finish();
        for (record, text) in records.iter().zip(&texts) {
            assert_eq!((record.get(0), record.get(1)), (Some(text.as_str()), Some("tail")));
        }
    }

    #[test]
    fn refuses_a_derived_field_that_is_not_utf8() {
        let mut builder = TextBuilder::<2>::default();
        builder.set(0, "bad %FF");
        assert!(builder.derive(1, 0, |_, out| out.extend_from_slice(b"bad \xff")).is_err());
        assert_eq!(builder.get(1), None);
        let text = builder.record();
        builder.finish();
        assert_eq!(text.get(0), Some("bad %FF"));
        assert_eq!(text.get(1), None);
    }

    #[test]
    fn derives_a_field_from_another_and_clears_between_records() {
        let mut builder = TextBuilder::<2>::default();
        builder.set(0, "a+b");
        let plus_to_space =
            |raw: &[u8], out: &mut Vec<u8>| out.extend(raw.iter().map(|&b| if b == b'+' { b' ' } else { b }));
        assert!(builder.derive(1, 0, plus_to_space).is_ok());
        let first = builder.record();
        builder.clear();
        assert!(builder.get(0).is_none());
        assert!(builder.derive(1, 0, plus_to_space).is_ok());
        let second = builder.record();
        builder.finish();
        assert_eq!((first.get(0), first.get(1)), (Some("a+b"), Some("a b")));
        assert_eq!(second.get(1), None);
    }

    #[test]
    fn unsets_a_field() {
        let mut builder = TextBuilder::<2>::default();
        builder.set(0, "first");
        builder.set(1, "kept");
        builder.unset(0);
        builder.unset(2);
        assert_eq!(builder.get(0), None);
        let text = builder.record();
        builder.finish();
        assert_eq!((text.get(0), text.get(1)), (None, Some("kept")));
    }

    #[test]
    fn compares_by_field_values() {
        let mut first = TextBuilder::<2>::default();
        first.set(1, "x");
        first.set(0, "y");
        let mut second = TextBuilder::<2>::default();
        second.set(0, "y");
        second.set(1, "x");
        let (a, b) = (first.record(), second.record());
        first.finish();
        second.finish();
        assert_eq!(a, b);
    }
}
