//! Undo and redo for one document's spans: every change is recorded as an [`Edit`] that
//! knows how to apply itself and what undoes it.

use crate::annotations::spans::{Span, SpanError, SpanId, SpanSet};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    Add(Span),
    Remove(Span),
    Relabel {
        id: SpanId,
        from: String,
        to: String,
    },
    /// New edges `to` (start, end) for span `id`, which had `from`.
    Resize {
        id: SpanId,
        from: (usize, usize),
        to: (usize, usize),
    },
    /// Edits applied, undone and redone as one step, all or nothing.
    Batch(Vec<Edit>),
}

impl Edit {
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Add(span) => Edit::Remove(span.clone()),
            Edit::Remove(span) => Edit::Add(span.clone()),
            Edit::Relabel { id, from, to } => Edit::Relabel { id: *id, from: to.clone(), to: from.clone() },
            Edit::Resize { id, from, to } => Edit::Resize { id: *id, from: *to, to: *from },
            Edit::Batch(edits) => Edit::Batch(edits.iter().rev().map(Edit::inverse).collect()),
        }
    }

    pub fn apply(&self, spans: &mut SpanSet) -> Result<(), SpanError> {
        match self {
            Edit::Add(span) => spans.insert(span.clone()),
            Edit::Remove(span) => spans.remove(span.id).map(drop),
            Edit::Relabel { id, to, .. } => spans.relabel(*id, to).map(drop),
            Edit::Resize { id, to, .. } => {
                let old = spans.remove(*id)?;
                let resized = Span { start: to.0, end: to.1, ..old.clone() };
                spans.insert(resized).or_else(|e| spans.insert(old).and(Err(e)))
            }
            Edit::Batch(edits) => {
                for (i, edit) in edits.iter().enumerate() {
                    if let Err(e) = edit.apply(spans) {
                        for done in edits[..i].iter().rev() {
                            let _ = done.inverse().apply(spans);
                        }
                        return Err(e);
                    }
                }
                Ok(())
            }
        }
    }

    /// The span this edit is about, for the view to select after undo or redo (a batch's
    /// first; 0 for an empty batch).
    pub fn span_id(&self) -> SpanId {
        match self {
            Edit::Add(span) | Edit::Remove(span) => span.id,
            Edit::Relabel { id, .. } | Edit::Resize { id, .. } => *id,
            Edit::Batch(edits) => edits.first().map_or(0, Edit::span_id),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    done: Vec<Edit>,
    undone: Vec<Edit>,
}

impl History {
    /// Applies `edit` and records it; a new edit forgets what was undone.
    pub fn apply(&mut self, spans: &mut SpanSet, edit: Edit) -> Result<(), SpanError> {
        edit.apply(spans)?;
        self.done.push(edit);
        self.undone.clear();
        Ok(())
    }

    /// Undoes the last edit; `None` when there is nothing to undo.
    pub fn undo(&mut self, spans: &mut SpanSet) -> Result<Option<Edit>, SpanError> {
        let Some(edit) = self.done.pop() else { return Ok(None) };
        if let Err(e) = edit.inverse().apply(spans) {
            self.done.push(edit);
            return Err(e);
        }
        self.undone.push(edit.clone());
        Ok(Some(edit))
    }

    /// Redoes the last undone edit; `None` when there is nothing to redo.
    pub fn redo(&mut self, spans: &mut SpanSet) -> Result<Option<Edit>, SpanError> {
        let Some(edit) = self.undone.pop() else { return Ok(None) };
        if let Err(e) = edit.apply(spans) {
            self.undone.push(edit);
            return Err(e);
        }
        self.done.push(edit.clone());
        Ok(Some(edit))
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn snapshot(spans: &SpanSet) -> Vec<Span> {
        spans.iter().cloned().collect()
    }

    #[derive(Debug, Clone)]
    enum Step {
        Add(usize, usize, u8),
        Remove(usize),
        Relabel(usize, u8),
        Undo,
        Redo,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0usize..20, 1usize..5, 0u8..3).prop_map(|(s, l, k)| Step::Add(s, s + l, k)),
            (0usize..8).prop_map(Step::Remove),
            (0usize..8, 0u8..3).prop_map(|(i, k)| Step::Relabel(i, k)),
            Just(Step::Undo),
            Just(Step::Redo),
        ]
    }

    const LABELS: [&str; 3] = ["PER", "LOC", "EVT"];

    proptest! {
        /// After any sequence of edits, undoing everything gives back the empty set, and
        /// redoing as many edits as were undone gives back the state before the undos.
        #[test]
        fn undo_all_then_redo_all_round_trips(steps in prop::collection::vec(step(), 0..40)) {
            let mut spans = SpanSet::new();
            let mut history = History::default();
            for step in steps {
                match step {
                    Step::Add(s, e, k) => {
                        let id = spans.next_id();
                        let _ = history.apply(&mut spans, Edit::Add(Span::new(id, s, e, LABELS[k as usize])));
                    }
                    Step::Remove(i) => {
                        let span = spans.iter().nth(i).cloned();
                        if let Some(span) = span {
                            history.apply(&mut spans, Edit::Remove(span)).unwrap();
                        }
                    }
                    Step::Relabel(i, k) => {
                        let span = spans.iter().nth(i).cloned();
                        let to = LABELS[k as usize].to_string();
                        if let Some(span) = span.filter(|s| spans.find(s.start, s.end, &to).is_none()) {
                            history.apply(&mut spans, Edit::Relabel { id: span.id, from: span.label, to }).unwrap();
                        }
                    }
                    Step::Undo => { history.undo(&mut spans).unwrap(); }
                    Step::Redo => { history.redo(&mut spans).unwrap(); }
                }
            }
            let end_state = snapshot(&spans);
            let mut undone = 0;
            while history.undo(&mut spans).unwrap().is_some() {
                undone += 1;
            }
            prop_assert!(spans.is_empty());
            for _ in 0..undone {
                prop_assert!(history.redo(&mut spans).unwrap().is_some());
            }
            prop_assert_eq!(snapshot(&spans), end_state);
        }
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut spans = SpanSet::new();
        let mut history = History::default();
        let span = Span::new(1, 0, 3, "PER");
        history.apply(&mut spans, Edit::Add(span.clone())).unwrap();
        history.undo(&mut spans).unwrap();
        assert!(history.can_redo());
        history.apply(&mut spans, Edit::Add(Span { id: 2, ..span })).unwrap();
        assert!(!history.can_redo());
        assert_eq!(history.redo(&mut spans).unwrap(), None);
    }

    #[test]
    fn a_batch_is_one_step_and_all_or_nothing() {
        let mut spans = SpanSet::new();
        let mut history = History::default();
        history.apply(&mut spans, Edit::Add(Span::new(1, 0, 5, "PER"))).unwrap();
        let before = snapshot(&spans);
        let batch = Edit::Batch(vec![
            Edit::Add(Span::new(2, 6, 9, "PER")),
            Edit::Resize { id: 1, from: (0, 5), to: (1, 5) },
            Edit::Add(Span::new(3, 1, 5, "PER")), // a duplicate of span 1 resized
        ]);
        assert!(matches!(history.apply(&mut spans, batch), Err(SpanError::Duplicate { .. })));
        assert_eq!(snapshot(&spans), before);
        let batch = Edit::Batch(vec![
            Edit::Add(Span::new(2, 6, 9, "PER")),
            Edit::Resize { id: 1, from: (0, 5), to: (1, 5) },
            Edit::Relabel { id: 2, from: "PER".into(), to: "LOC".into() },
        ]);
        history.apply(&mut spans, batch.clone()).unwrap();
        let after = snapshot(&spans);
        assert_eq!(after, [Span::new(1, 1, 5, "PER"), Span::new(2, 6, 9, "LOC")]);
        assert_eq!(history.undo(&mut spans).unwrap(), Some(batch));
        assert_eq!(snapshot(&spans), before);
        history.redo(&mut spans).unwrap();
        assert_eq!(snapshot(&spans), after);
    }

    #[test]
    fn a_resize_onto_an_existing_span_is_refused_and_changes_nothing() {
        let mut spans = SpanSet::new();
        spans.insert(Span::new(1, 0, 5, "PER")).unwrap();
        spans.insert(Span::new(2, 0, 9, "PER")).unwrap();
        let before = snapshot(&spans);
        let resize = Edit::Resize { id: 2, from: (0, 9), to: (0, 5) };
        assert!(matches!(resize.apply(&mut spans), Err(SpanError::Duplicate { .. })));
        assert_eq!(snapshot(&spans), before);
        assert_eq!(Edit::Resize { id: 7, from: (0, 1), to: (0, 2) }.apply(&mut spans), Err(SpanError::UnknownSpan(7)));
    }
}
