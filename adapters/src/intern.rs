//! Sharing the strings a batch repeats (queue ARN, region, bucket, event name) between its
//! records: one allocation per distinct value instead of one per record.

use std::borrow::Cow;
use std::sync::Arc;

/// A small cache of the strings seen in one event.
#[derive(Default)]
pub(crate) struct Interner {
    seen: Vec<Arc<str>>,
}

impl Interner {
    /// `text`, shared with an equal string seen before.
    pub(crate) fn intern(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.seen.iter().find(|seen| ***seen == *text) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = Arc::from(text);
        // Batches repeat a handful of values; keep the cache small.
        if self.seen.len() < 16 {
            self.seen.push(Arc::clone(&shared));
        }
        shared
    }

    /// [`intern`](Self::intern) of an optional value.
    pub(crate) fn intern_opt(&mut self, text: Option<Cow<'_, str>>) -> Option<Arc<str>> {
        text.map(|text| self.intern(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_one_allocation() {
        let mut interner = Interner::default();
        let first = interner.intern("us-east-1");
        let second = interner.intern("us-east-1");
        assert!(Arc::ptr_eq(&first, &second));
        assert!(!Arc::ptr_eq(&first, &interner.intern("eu-west-1")));
    }
}
