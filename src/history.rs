//! Undo and redo for one document's spans: every change is recorded as an [`Edit`] that
//! knows how to apply itself and what undoes it.

use crate::spans::{Span, SpanError, SpanId, SpanSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Add(Span),
    Remove(Span),
    Relabel { id: SpanId, from: String, to: String },
}

impl Edit {
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Add(span) => Edit::Remove(span.clone()),
            Edit::Remove(span) => Edit::Add(span.clone()),
            Edit::Relabel { id, from, to } => Edit::Relabel { id: *id, from: to.clone(), to: from.clone() },
        }
    }

    pub fn apply(&self, spans: &mut SpanSet) -> Result<(), SpanError> {
        match self {
            Edit::Add(span) => spans.insert(span.clone()),
            Edit::Remove(span) => spans.remove(span.id).map(drop),
            Edit::Relabel { id, to, .. } => spans.relabel(*id, to).map(drop),
        }
    }

    /// The span this edit is about, for the view to select after undo or redo.
    pub fn span_id(&self) -> SpanId {
        match self {
            Edit::Add(span) | Edit::Remove(span) => span.id,
            Edit::Relabel { id, .. } => *id,
        }
    }
}

#[derive(Debug, Clone, Default)]
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
                        let _ = history.apply(&mut spans, Edit::Add(Span { id, start: s, end: e, label: LABELS[k as usize].into() }));
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
        let span = Span { id: 1, start: 0, end: 3, label: "PER".into() };
        history.apply(&mut spans, Edit::Add(span.clone())).unwrap();
        history.undo(&mut spans).unwrap();
        assert!(history.can_redo());
        history.apply(&mut spans, Edit::Add(Span { id: 2, ..span })).unwrap();
        assert!(!history.can_redo());
        assert_eq!(history.redo(&mut spans).unwrap(), None);
    }
}
