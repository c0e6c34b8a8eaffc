//! The spans of one document: code point offsets (end exclusive) and a label id, kept in
//! reading order. Overlapping and nested spans are allowed; an exact duplicate (same start,
//! end and label) is not.

use crate::error::{Error, SpanProblem};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub type SpanId = u32;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub id: SpanId,
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// Who made the span, when the workspace has an annotator name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
}

impl Span {
    pub fn new(id: SpanId, start: usize, end: usize, label: &str) -> Self {
        Span { id, start, end, label: label.into(), annotator: None }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanError {
    Duplicate { start: usize, end: usize, label: String },
    UnknownSpan(SpanId),
    IdInUse(SpanId),
}

impl std::fmt::Display for SpanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpanError::Duplicate { start, end, label } => write!(f, "{start}–{end} is tagged {label} twice"),
            SpanError::UnknownSpan(id) => write!(f, "there is no span {id}"),
            SpanError::IdInUse(id) => write!(f, "span id {id} is used twice"),
        }
    }
}

impl From<SpanError> for Error {
    fn from(e: SpanError) -> Self {
        match e {
            SpanError::UnknownSpan(span) => Error::UnknownSpan { span },
            SpanError::Duplicate { start, end, label } => SpanProblem::Twice { start, end, label }.into(),
            SpanError::IdInUse(span) => SpanProblem::IdInUse { span }.into(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SpanSet {
    /// Sorted by (start, longer first, id): reading order, outer spans before inner ones.
    spans: Vec<Span>,
    next_id: SpanId,
    /// Each span's edges by id, so that a span is found by binary search, not a scan.
    edges: FxHashMap<SpanId, (usize, usize)>,
    /// Spans per label, kept as spans come and go.
    counts: FxHashMap<String, usize>,
    /// No span is longer than this (it never shrinks): where a range query starts looking.
    longest: usize,
}

type Order = (usize, std::cmp::Reverse<usize>, SpanId);

fn order(s: &Span) -> Order {
    (s.start, std::cmp::Reverse(s.end), s.id)
}

impl SpanSet {
    pub fn new() -> Self {
        SpanSet { next_id: 1, ..SpanSet::default() }
    }

    /// The id [`SpanSet::next_id`] will hand out next.
    pub fn peek_next_id(&self) -> SpanId {
        self.next_id
    }

    /// Makes sure ids below `next` are never handed out (ids of undone spans stay reserved).
    pub fn reserve_ids_below(&mut self, next: SpanId) {
        self.next_id = self.next_id.max(next);
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Span> {
        self.spans.iter()
    }

    /// Every span in reading order.
    pub fn as_slice(&self) -> &[Span] {
        &self.spans
    }

    /// Where span `id` is in reading order: a binary search on its edges.
    fn position(&self, id: SpanId) -> Option<usize> {
        let &(start, end) = self.edges.get(&id)?;
        self.spans.binary_search_by(|s| order(s).cmp(&(start, std::cmp::Reverse(end), id))).ok()
    }

    pub fn get(&self, id: SpanId) -> Option<&Span> {
        self.position(id).map(|i| &self.spans[i])
    }

    /// A fresh id, never handed out before in this set.
    pub fn next_id(&mut self) -> SpanId {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub fn find(&self, start: usize, end: usize, label: &str) -> Option<&Span> {
        let from = self.spans.partition_point(|s| s.start < start);
        self.spans[from..].iter().take_while(|s| s.start == start).find(|s| s.end == end && s.label == label)
    }

    /// How many spans have label `label`.
    pub fn count(&self, label: &str) -> usize {
        self.counts.get(label).copied().unwrap_or(0)
    }

    fn counted(&mut self, label: &str, up: bool) {
        match self.counts.get_mut(label) {
            Some(n) => *n = if up { *n + 1 } else { n.saturating_sub(1) },
            None => {
                self.counts.insert(label.to_string(), usize::from(up));
            }
        }
    }

    pub fn insert(&mut self, span: Span) -> Result<(), SpanError> {
        // Spans read from a file come in reading order: one that starts after the last needs
        // no search, for a duplicate or for its place.
        let after_last = self.spans.last().is_none_or(|s| s.start < span.start);
        if !after_last && self.find(span.start, span.end, &span.label).is_some() {
            return Err(SpanError::Duplicate { start: span.start, end: span.end, label: span.label });
        }
        if self.edges.contains_key(&span.id) {
            return Err(SpanError::IdInUse(span.id));
        }
        self.next_id = self.next_id.max(span.id + 1);
        self.edges.insert(span.id, (span.start, span.end));
        self.counted(&span.label, true);
        self.longest = self.longest.max(span.end.saturating_sub(span.start));
        let at = if after_last { self.spans.len() } else { self.spans.partition_point(|s| order(s) < order(&span)) };
        self.spans.insert(at, span);
        Ok(())
    }

    pub fn remove(&mut self, id: SpanId) -> Result<Span, SpanError> {
        let at = self.position(id).ok_or(SpanError::UnknownSpan(id))?;
        self.edges.remove(&id);
        let span = self.spans.remove(at);
        self.counted(&span.label, false);
        Ok(span)
    }

    /// Gives span `id` the label `label`; returns the label it had.
    pub fn relabel(&mut self, id: SpanId, label: &str) -> Result<String, SpanError> {
        let at = self.position(id).ok_or(SpanError::UnknownSpan(id))?;
        let span = &self.spans[at];
        if span.label != label && self.find(span.start, span.end, label).is_some() {
            return Err(SpanError::Duplicate { start: span.start, end: span.end, label: label.into() });
        }
        let old = std::mem::replace(&mut self.spans[at].label, label.into());
        self.counted(&old, false);
        self.counted(label, true);
        Ok(old)
    }

    /// The span at `index` in reading order.
    pub fn nth(&self, index: usize) -> Option<&Span> {
        self.spans.get(index)
    }

    /// The place of span `id` in reading order.
    pub fn index_of(&self, id: SpanId) -> Option<usize> {
        self.position(id)
    }

    /// Spans that overlap code points `[from, to)` (or touch `from` when the range is
    /// empty), in reading order.
    pub fn overlapping(&self, from: usize, to: usize) -> impl Iterator<Item = &Span> {
        let upto = self.spans.partition_point(|s| s.start < to.max(from + 1));
        let since = self.spans[..upto].partition_point(|s| s.start + self.longest < from);
        self.spans[since..upto].iter().filter(move |s| s.end > from)
    }

    /// Spans containing code point `pos` (start ≤ pos < end), outermost first.
    pub fn at(&self, pos: usize) -> impl Iterator<Item = &Span> {
        let to = self.spans.partition_point(|s| s.start <= pos);
        self.spans[..to].iter().filter(move |s| pos < s.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: SpanId, start: usize, end: usize, label: &str) -> Span {
        Span::new(id, start, end, label)
    }

    #[test]
    fn keeps_reading_order_with_outer_spans_first() {
        let mut set = SpanSet::new();
        set.insert(span(1, 10, 12, "LOC")).unwrap();
        set.insert(span(2, 0, 5, "PER")).unwrap();
        set.insert(span(3, 10, 20, "PER")).unwrap();
        let ids: Vec<_> = set.iter().map(|s| s.id).collect();
        assert_eq!(ids, [2, 3, 1]);
        let at: Vec<_> = set.at(11).map(|s| s.id).collect();
        assert_eq!(at, [3, 1]);
        assert_eq!(set.at(12).map(|s| s.id).collect::<Vec<_>>(), [3]);
        assert_eq!(set.at(20).count(), 0);
    }

    #[test]
    fn refuses_exact_duplicates_but_not_other_labels_or_extents() {
        let mut set = SpanSet::new();
        set.insert(span(1, 0, 5, "PER")).unwrap();
        assert!(matches!(set.insert(span(2, 0, 5, "PER")), Err(SpanError::Duplicate { .. })));
        set.insert(span(2, 0, 5, "LOC")).unwrap();
        set.insert(span(3, 0, 4, "PER")).unwrap();
        assert!(matches!(set.relabel(2, "PER"), Err(SpanError::Duplicate { .. })));
        assert_eq!(set.relabel(2, "EVT").unwrap(), "LOC");
        assert_eq!(set.len(), 3);
    }

    #[test]
    fn range_queries_find_exactly_the_overlapping_spans() {
        let mut set = SpanSet::new();
        for (id, (s, e)) in [(0, 40), (5, 8), (10, 12), (30, 31), (50, 60)].into_iter().enumerate() {
            set.insert(span(id as SpanId + 1, s, e, "PER")).unwrap();
        }
        let ids = |from, to| set.overlapping(from, to).map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ids(9, 11), [1, 3]);
        assert_eq!(ids(12, 30), [1]);
        assert_eq!(ids(40, 50), Vec::<SpanId>::new());
        assert_eq!(ids(55, 55), [5]);
        assert_eq!(ids(0, 100), [1, 2, 3, 4, 5]);
        assert_eq!((set.index_of(4), set.nth(2).map(|s| s.id), set.index_of(9)), (Some(3), Some(3), None));
    }

    proptest::proptest! {
        /// Whatever the inserts, removals and relabels, a span is found by id where a scan
        /// finds it, and the counts per label are what a count of the spans gives.
        #[test]
        fn lookups_and_counts_agree_with_a_scan(steps in proptest::collection::vec((0u8..3, 0usize..30, 1usize..6, 0usize..3, 1u32..20), 0..80)) {
            const LABELS: [&str; 3] = ["PER", "LOC", "EVT"];
            let mut set = SpanSet::new();
            for (what, start, len, label, id) in steps {
                match what {
                    0 => { let _ = set.insert(span(id, start, start + len, LABELS[label])); }
                    1 => { let _ = set.remove(id); }
                    _ => { let _ = set.relabel(id, LABELS[label]); }
                }
                for (i, s) in set.iter().enumerate() {
                    proptest::prop_assert_eq!(set.get(s.id), Some(s));
                    proptest::prop_assert_eq!(set.index_of(s.id), Some(i));
                }
                for l in LABELS {
                    proptest::prop_assert_eq!(set.count(l), set.iter().filter(|s| s.label == l).count());
                }
                proptest::prop_assert_eq!(set.get(99), None);
            }
        }
    }

    #[test]
    fn ids_are_never_reused() {
        let mut set = SpanSet::new();
        let a = set.next_id();
        set.insert(span(a, 0, 1, "PER")).unwrap();
        set.remove(a).unwrap();
        assert_ne!(set.next_id(), a);
        set.insert(span(40, 2, 3, "PER")).unwrap();
        assert_eq!(set.next_id(), 41);
        assert_eq!(set.remove(99), Err(SpanError::UnknownSpan(99)));
    }
}
