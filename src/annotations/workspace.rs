//! The one source of truth: the label set and every open document with its spans and undo
//! history. Each method is an intent from the view (tag this selection, relabel that span,
//! undo); the view re-renders from what it reads back.

use crate::annotations::history::{Edit, History};
use crate::annotations::journal::Record;
use crate::annotations::labels::{Label, default_labels};
use crate::annotations::spans::{Span, SpanId, SpanSet};
use crate::error::Error;
use crate::suggest::occurrences::Suggestion;
use crate::text::clean::clean_selection;
use crate::text::document::Document;
use crate::text::segment::{Direction, Edge, Unit, moved_edge};

/// Where the annotator is with a document; set by the annotator, shown in the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    New,
    InProgress,
    Done,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "new" => Some(Status::New),
            "in_progress" => Some(Status::InProgress),
            "done" => Some(Status::Done),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct DocState {
    pub doc: Document,
    pub spans: SpanSet,
    pub status: Status,
    pub(crate) history: History,
}

impl DocState {
    pub fn new(doc: Document, spans: SpanSet) -> Self {
        DocState { doc, spans, status: Status::New, history: History::default() }
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Number of spans with label `label`.
    pub fn count(&self, label: &str) -> usize {
        self.spans.iter().filter(|s| s.label == label).count()
    }
}

#[derive(Debug, Clone)]
pub struct Workspace {
    pub(crate) labels: Vec<Label>,
    pub(crate) docs: Vec<DocState>,
    /// The name recorded on new spans.
    pub(crate) annotator: Option<String>,
    /// Records of the changes made since the page last took them, to append to its journal.
    pub(crate) journal: Vec<Record>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace { labels: default_labels(), docs: vec![], annotator: None, journal: vec![] }
    }
}

impl Workspace {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_parts(labels: Vec<Label>, docs: Vec<DocState>) -> Self {
        Workspace { labels, docs, ..Self::default() }
    }

    /// Replaces everything with `other` (an import), as one journaled change.
    pub fn replace_with(&mut self, other: Workspace) {
        let annotator = self.annotator.take();
        let mut journal = std::mem::take(&mut self.journal);
        *self = Workspace { annotator, ..other };
        journal.extend(self.records_of_everything());
        self.journal = journal;
    }

    pub fn annotator(&self) -> Option<&str> {
        self.annotator.as_deref()
    }

    /// Sets the name recorded on the spans made from now on (`None` or blank: no name).
    pub fn set_annotator(&mut self, name: Option<&str>) {
        let name = name.map(str::trim).filter(|n| !n.is_empty()).map(String::from);
        if name != self.annotator {
            self.annotator = name.clone();
            self.journal.push(Record::Annotator { name });
        }
    }

    /// Replaces the label set (renamed, recoloured, added labels). Every label in use must
    /// stay; ids must be valid and unique, colours `#rrggbb`. Journaled.
    pub fn set_labels(&mut self, labels: Vec<Label>) -> Result<(), Error> {
        let bad = Error::Labels;
        if let Some((_, _, problem)) = crate::annotations::labels::problem(&labels) {
            return Err(bad(problem));
        }
        if let Some(l) = labels.iter().find(|l| l.names.ar.trim().is_empty() || l.names.en.trim().is_empty()) {
            return Err(bad(format!("label “{}” needs an Arabic and an English name", l.id)));
        }
        if let Some(gone) = self.labels.iter().find(|old| !labels.iter().any(|l| l.id == old.id)) {
            return Err(bad(format!("label “{}” cannot be removed", gone.id)));
        }
        if labels.len() > 9 {
            return Err(bad("at most nine labels, one for each key 1–9".into()));
        }
        if labels != self.labels {
            self.labels = labels.clone();
            self.journal.push(Record::Labels { labels });
        }
        Ok(())
    }

    /// Sets a document's status (journaled; not part of the undo history).
    pub fn set_status(&mut self, doc: &str, status: Status) -> Result<(), Error> {
        let state = self.doc_mut(doc)?;
        if state.status != status {
            state.status = status;
            self.journal.push(Record::Status { doc: doc.into(), status });
        }
        Ok(())
    }

    /// The records of every change since the last call, oldest first.
    pub fn take_journal(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.journal)
    }

    /// The oldest journal record not taken yet, if any (for writing a long journal, such as an
    /// import's, a record at a time).
    pub fn take_journal_record(&mut self) -> Option<Record> {
        (!self.journal.is_empty()).then(|| self.journal.remove(0))
    }

    /// Applies `edit` to `doc` through its history and journals it.
    pub(crate) fn commit(&mut self, doc: &str, edit: Edit) -> Result<(), Error> {
        let state = self.doc_mut(doc)?;
        state.history.apply(&mut state.spans, edit.clone())?;
        self.journal.push(Record::Edit { doc: doc.into(), edit });
        Ok(())
    }

    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    pub fn documents(&self) -> &[DocState] {
        &self.docs
    }

    pub fn doc(&self, id: &str) -> Result<&DocState, Error> {
        self.docs.iter().find(|d| d.doc.id == id).ok_or_else(|| Error::UnknownDocument(id.into()))
    }

    pub(crate) fn doc_mut(&mut self, id: &str) -> Result<&mut DocState, Error> {
        self.docs.iter_mut().find(|d| d.doc.id == id).ok_or_else(|| Error::UnknownDocument(id.into()))
    }

    fn check_label(&self, label: &str) -> Result<(), Error> {
        if self.labels.iter().any(|l| l.id == label) { Ok(()) } else { Err(Error::UnknownLabel(label.into())) }
    }

    /// Opens a file's bytes as a new document; returns its id. Nothing changes on error.
    pub fn open_file(&mut self, name: &str, bytes: &[u8]) -> Result<String, Error> {
        let text = Document::decode(bytes).map_err(|problem| Error::File { file: name.into(), problem })?;
        let id = self.unique_id(name);
        self.journal.push(Record::Open { id: id.clone(), name: name.into(), text: text.clone() });
        self.docs.push(DocState::new(Document::new(id.clone(), name.into(), text), SpanSet::new()));
        Ok(id)
    }

    /// An id made from the file name without its extension, unique in the workspace.
    fn unique_id(&self, name: &str) -> String {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let stem = if stem.is_empty() { "document" } else { stem };
        let taken = |id: &str| self.docs.iter().any(|d| d.doc.id == id);
        if !taken(stem) {
            return stem.to_string();
        }
        (2..).map(|n| format!("{stem}-{n}")).find(|id| !taken(id)).unwrap_or_default()
    }

    /// Tags the selection `[start, end)` (code points, any order) with `label` after cleaning
    /// it; returns the new span's id.
    pub fn tag(&mut self, doc: &str, start: usize, end: usize, label: &str) -> Result<SpanId, Error> {
        self.check_label(label)?;
        let annotator = self.annotator.clone();
        let state = self.doc_mut(doc)?;
        let (start, end) = clean_selection(state.doc.text(), state.doc.index(), start, end)?;
        if state.spans.find(start, end, label).is_some() {
            return Err(duplicate(&state.doc, start, end, label));
        }
        let id = state.spans.next_id();
        let span = Span { id, start, end, label: label.into(), annotator };
        self.commit(doc, Edit::Add(span))?;
        Ok(id)
    }

    pub fn relabel(&mut self, doc: &str, span: SpanId, label: &str) -> Result<(), Error> {
        self.check_label(label)?;
        let state = self.doc_mut(doc)?;
        let current = state.spans.get(span).ok_or(Error::UnknownSpan(span))?.clone();
        if current.label == label {
            return Ok(());
        }
        if state.spans.find(current.start, current.end, label).is_some() {
            return Err(duplicate(&state.doc, current.start, current.end, label));
        }
        self.commit(doc, Edit::Relabel { id: span, from: current.label, to: label.into() })
    }

    pub fn remove(&mut self, doc: &str, span: SpanId) -> Result<(), Error> {
        let state = self.doc_mut(doc)?;
        let current = state.spans.get(span).ok_or(Error::UnknownSpan(span))?.clone();
        self.commit(doc, Edit::Remove(current))
    }

    /// Undoes the document's last edit; returns it, or `None` when there is nothing to undo.
    pub fn undo(&mut self, doc: &str) -> Result<Option<Edit>, Error> {
        let state = self.doc_mut(doc)?;
        let edit = state.history.undo(&mut state.spans)?;
        if edit.is_some() {
            self.journal.push(Record::Undo { doc: doc.into() });
        }
        Ok(edit)
    }

    pub fn redo(&mut self, doc: &str) -> Result<Option<Edit>, Error> {
        let state = self.doc_mut(doc)?;
        let edit = state.history.redo(&mut state.spans)?;
        if edit.is_some() {
            self.journal.push(Record::Redo { doc: doc.into() });
        }
        Ok(edit)
    }

    /// The spans of `doc` that contain code point `pos`, outermost first.
    pub fn spans_at(&self, doc: &str, pos: usize) -> Result<Vec<SpanId>, Error> {
        Ok(self.doc(doc)?.spans.at(pos).map(|s| s.id).collect())
    }

    /// Accepts suggestions (one, or all at once, from any documents) as spans: each
    /// document's new spans are one undo step in that document. Returns the span of each
    /// suggestion in order; one already tagged exactly so keeps its existing span. All or
    /// nothing: an unknown document or label, or offsets outside the text, change nothing.
    pub fn accept_suggestions(&mut self, suggestions: &[Suggestion]) -> Result<Vec<SpanId>, Error> {
        for s in suggestions {
            self.check_label(&s.label)?;
            let d = &self.doc(&s.doc)?.doc;
            d.index().slice(d.text(), s.start, s.end)?;
            if s.start >= s.end {
                return Err(Error::NothingToTag);
            }
        }
        let mut docs: Vec<&str> = vec![];
        for s in suggestions {
            if !docs.contains(&s.doc.as_str()) {
                docs.push(&s.doc);
            }
        }
        let annotator = self.annotator.clone();
        let mut ids = vec![0; suggestions.len()];
        let mut committed: Vec<&str> = vec![];
        for doc in docs {
            let state = self.doc_mut(doc)?;
            let mut adds: Vec<Span> = vec![];
            for (i, s) in suggestions.iter().enumerate().filter(|(_, s)| s.doc == doc) {
                let same = |t: &Span| (t.start, t.end, t.label.as_str()) == (s.start, s.end, s.label.as_str());
                ids[i] = match state.spans.find(s.start, s.end, &s.label).or_else(|| adds.iter().find(|t| same(t))) {
                    Some(existing) => existing.id,
                    None => {
                        let id = state.spans.next_id();
                        adds.push(Span { id, start: s.start, end: s.end, label: s.label.clone(), annotator: annotator.clone() });
                        id
                    }
                };
            }
            if adds.is_empty() {
                continue;
            }
            if let Err(e) = self.commit(doc, Edit::Batch(adds.into_iter().map(Edit::Add).collect())) {
                for done in committed {
                    self.undo(done)?;
                }
                return Err(e);
            }
            committed.push(doc);
        }
        Ok(ids)
    }

    /// Moves one edge of span `span` by one character (grapheme cluster) or one word in a
    /// logical direction, as one undo step. Returns the new edges, or `None` when the edge
    /// cannot move (the span would be empty, or the edge is at the end of the text).
    pub fn move_edge(
        &mut self,
        doc: &str,
        span: SpanId,
        edge: Edge,
        unit: Unit,
        direction: Direction,
    ) -> Result<Option<(usize, usize)>, Error> {
        let state = self.doc(doc)?;
        let current = state.spans.get(span).ok_or(Error::UnknownSpan(span))?;
        let from = (current.start, current.end);
        let Some(to) = moved_edge(state.doc.text(), state.doc.index(), from, edge, unit, direction)? else {
            return Ok(None);
        };
        if state.spans.find(to.0, to.1, &current.label).is_some() {
            return Err(duplicate(&state.doc, to.0, to.1, &current.label));
        }
        self.commit(doc, Edit::Resize { id: span, from, to })?;
        Ok(Some(to))
    }

    /// Gives span `span` the edges of the selection `[start, end)` (a dragged edge), cleaned
    /// as [`Workspace::tag`] cleans, as one undo step; returns the new edges.
    pub fn resize(&mut self, doc: &str, span: SpanId, start: usize, end: usize) -> Result<(usize, usize), Error> {
        let state = self.doc(doc)?;
        let current = state.spans.get(span).ok_or(Error::UnknownSpan(span))?;
        let from = (current.start, current.end);
        let to = clean_selection(state.doc.text(), state.doc.index(), start, end)?;
        if to == from {
            return Ok(to);
        }
        if state.spans.find(to.0, to.1, &current.label).is_some() {
            return Err(duplicate(&state.doc, to.0, to.1, &current.label));
        }
        self.commit(doc, Edit::Resize { id: span, from, to })?;
        Ok(to)
    }
}

fn duplicate(doc: &Document, start: usize, end: usize, label: &str) -> Error {
    Error::Duplicate { label: label.into(), text: doc.slice(start, end).unwrap_or_default().into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../seeds/000_7ae19593d920b671.txt");

    fn workspace() -> (Workspace, String) {
        let mut ws = Workspace::new();
        let id = ws.open_file("000_7ae19593d920b671.txt", SEED.as_bytes()).unwrap();
        (ws, id)
    }

    fn chars_of(text: &str, needle: &str) -> (usize, usize) {
        let b = text.find(needle).unwrap();
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    }

    fn texts(ws: &Workspace, doc: &str) -> Vec<(String, String)> {
        let d = ws.doc(doc).unwrap();
        d.spans.iter().map(|s| (d.doc.slice(s.start, s.end).unwrap().to_string(), s.label.clone())).collect()
    }

    #[test]
    fn tag_relabel_remove_undo_redo_on_a_seed() {
        let (mut ws, doc) = workspace();
        assert_eq!(doc, "000_7ae19593d920b671");
        let (s, e) = chars_of(SEED, " فلاديمير بوتين ");
        let id = ws.tag(&doc, s, e, "PER").unwrap();
        assert_eq!(texts(&ws, &doc), [("فلاديمير بوتين".to_string(), "PER".to_string())]);
        ws.relabel(&doc, id, "LOC").unwrap();
        assert_eq!(texts(&ws, &doc)[0].1, "LOC");
        ws.undo(&doc).unwrap();
        assert_eq!(texts(&ws, &doc)[0].1, "PER");
        ws.redo(&doc).unwrap();
        assert_eq!(texts(&ws, &doc)[0].1, "LOC");
        ws.remove(&doc, id).unwrap();
        assert!(texts(&ws, &doc).is_empty());
        ws.undo(&doc).unwrap();
        assert_eq!(texts(&ws, &doc).len(), 1);
        assert_eq!(ws.redo(&doc).unwrap().map(|e| e.span_id()), Some(id));
        assert_eq!(ws.redo(&doc).unwrap(), None);
    }

    #[test]
    fn duplicates_are_refused_but_nesting_and_overlap_are_kept() {
        let (mut ws, doc) = workspace();
        let (s, e) = chars_of(SEED, "زعيم كوريا الشمالية كيم جونغ أون");
        ws.tag(&doc, s, e, "PER").unwrap();
        let err = ws.tag(&doc, s, e, "PER").unwrap_err();
        assert_eq!(err.to_string(), "“زعيم كوريا الشمالية كيم جونغ أون” is already tagged PER at exactly these characters.");
        let (ks, ke) = chars_of(SEED, "كوريا الشمالية");
        ws.tag(&doc, ks, ke, "LOC").unwrap();
        ws.tag(&doc, s, e, "EVT").unwrap();
        assert_eq!(ws.doc(&doc).unwrap().spans.len(), 3);
        assert_eq!(ws.spans_at(&doc, ks).unwrap().len(), 3);
    }

    #[test]
    fn refusals_name_the_problem_and_change_nothing() {
        let (mut ws, doc) = workspace();
        assert_eq!(ws.tag(&doc, 0, 3, "XYZ"), Err(Error::UnknownLabel("XYZ".into())));
        assert_eq!(ws.tag("nope", 0, 3, "PER"), Err(Error::UnknownDocument("nope".into())));
        assert_eq!(ws.tag(&doc, 3, 4, "PER"), Err(Error::NothingToTag));
        assert!(matches!(ws.tag(&doc, 0, 1_000_000, "PER"), Err(Error::Offset(_))));
        let bad = ws.open_file("bad.txt", b"\xd9\x88\xff").unwrap_err();
        assert_eq!(
            bad.to_string(),
            "Cannot open “bad.txt”: the file is not valid UTF-8 (invalid bytes at byte 2, line 1); save it as UTF-8 and open it again."
        );
        assert_eq!(ws.documents().len(), 1);
        assert!(ws.doc(&doc).unwrap().spans.is_empty());
        assert!(!ws.doc(&doc).unwrap().can_undo());
    }

    #[test]
    fn file_names_give_unique_ids() {
        let mut ws = Workspace::new();
        assert_eq!(ws.open_file("a.txt", b"x").unwrap(), "a");
        assert_eq!(ws.open_file("a.txt", b"y").unwrap(), "a-2");
        assert_eq!(ws.open_file(".txt", b"z").unwrap(), "document");
    }
}
