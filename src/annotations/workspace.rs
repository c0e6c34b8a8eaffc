//! The one source of truth for the annotations: the label set and every open document with
//! its spans, status and undo history. Every change is a journal [`Record`] applied by
//! [`Workspace::apply`], the one path by which anything here changes, whether the record was
//! decided by an intent (the methods below), replayed from the journal (`replay`), or
//! received from another device. Applying checks the record whatever its origin (labels
//! known, offsets inside the text, no duplicate), so a damaged or hostile record is refused
//! and changes nothing.

mod part_writer;
mod parts;
mod replay;

pub use part_writer::PartWriter;
pub use parts::{Entry, Head, Restoring, Unsaved};

use crate::annotations::history::{Edit, History};
use crate::annotations::journal::{Record, Status};
use crate::annotations::labels::{Label, check_replacement, default_labels};
use crate::annotations::spans::{Span, SpanId, SpanSet};
use crate::annotations::suggestion::Suggestion;
use crate::error::{Error, RestoreProblem, SpanProblem};
use crate::text::clean::clean_selection;
use crate::text::document::{Document, MAX_TEXT_BYTES};
use crate::text::segment::{Direction, Edge, Unit, moved_edge};
use rustc_hash::FxHashMap;
use std::collections::VecDeque;

/// A span's edges and label, as a batch of changes leaves it.
type Extent = (usize, usize, String);

/// One change [`Workspace::change_spans`] makes to a span: a label, or new edges (code
/// points, taken as they are: the report decided them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanChange {
    Label { span: SpanId, label: String },
    Edges { span: SpanId, start: usize, end: usize },
}

impl SpanChange {
    pub fn span(&self) -> SpanId {
        match self {
            SpanChange::Label { span, .. } | SpanChange::Edges { span, .. } => *span,
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
        self.spans.count(label)
    }
}

/// What a change did to the spans, for whatever is derived from them to follow (the
/// entities the session knows): the edit as it was applied (an undo gives the inverse of
/// the edit it undid), or everything replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Edited { doc: String, edit: Edit },
    Replaced,
}

#[derive(Debug, Clone)]
pub struct Workspace {
    labels: Vec<Label>,
    docs: Vec<DocState>,
    /// Each document's place in `docs`, by id.
    places: FxHashMap<String, usize>,
    /// What the changes applied since the last `take_effects` did to the spans.
    effects: Vec<Effect>,
    /// The name recorded on new spans.
    annotator: Option<String>,
    /// Records of the changes made since the page last took them, to append to its journal.
    journal: VecDeque<Record>,
    /// The stored parts these changes make out of date (see `parts`).
    unsaved: Unsaved,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            labels: default_labels(),
            docs: vec![],
            places: FxHashMap::default(),
            effects: vec![],
            annotator: None,
            journal: VecDeque::new(),
            unsaved: Unsaved::default(),
        }
    }
}

impl Workspace {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_parts(labels: Vec<Label>, docs: Vec<DocState>) -> Self {
        let places = docs.iter().enumerate().map(|(i, d)| (d.doc.id.clone(), i)).collect();
        Workspace { labels, docs, places, ..Self::default() }
    }

    pub fn annotator(&self) -> Option<&str> {
        self.annotator.as_deref()
    }

    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    pub fn documents(&self) -> &[DocState] {
        &self.docs
    }

    /// The place of document `id` in the list of documents.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.places.get(id).copied()
    }

    pub fn doc(&self, id: &str) -> Result<&DocState, Error> {
        self.places.get(id).map(|&i| &self.docs[i]).ok_or_else(|| Error::UnknownDocument { document: id.into() })
    }

    fn doc_mut(&mut self, id: &str) -> Result<&mut DocState, Error> {
        match self.places.get(id) {
            Some(&i) => Ok(&mut self.docs[i]),
            None => Err(Error::UnknownDocument { document: id.into() }),
        }
    }

    fn check_label(&self, label: &str) -> Result<(), Error> {
        if self.labels.iter().any(|l| l.id == label) { Ok(()) } else { Err(Error::UnknownLabel { label: label.into() }) }
    }

    // ---- the one change path ---------------------------------------------------------------

    /// Applies one change and journals it; returns the edit it applied or undid, if any.
    /// Nothing changes when the record is refused.
    pub fn apply(&mut self, record: Record) -> Result<Option<Edit>, Error> {
        let edit = self.change(&record)?;
        let effect = match (&record, &edit) {
            (Record::Edit { doc, .. } | Record::Redo { doc }, Some(edit)) => Some(Effect::Edited { doc: doc.clone(), edit: edit.clone() }),
            (Record::Undo { doc }, Some(edit)) => Some(Effect::Edited { doc: doc.clone(), edit: edit.inverse() }),
            (Record::Spans { doc, spans }, _) => {
                Some(Effect::Edited { doc: doc.clone(), edit: Edit::Batch(spans.iter().cloned().map(Edit::Add).collect()) })
            }
            (Record::Replace { .. }, _) => Some(Effect::Replaced),
            _ => None,
        };
        self.effects.extend(effect);
        self.unsaved.note(&record);
        self.journal.push_back(record);
        Ok(edit)
    }

    /// What the changes applied since the last call did to the spans, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Applies a change written by an earlier session, without journaling it again.
    pub fn replay(&mut self, record: Record) -> Result<(), Error> {
        self.change(&record).map(drop)
    }

    fn change(&mut self, record: &Record) -> Result<Option<Edit>, Error> {
        match record {
            Record::Open { id, name, text } => {
                if self.doc(id).is_ok() {
                    return Err(RestoreProblem::OpenedTwice { document: id.clone() }.into());
                }
                self.places.insert(id.clone(), self.docs.len());
                self.docs.push(DocState::new(Document::new(id.clone(), name.clone(), text.clone()), SpanSet::new()));
                Ok(None)
            }
            Record::Edit { doc, edit } => {
                self.check_edit(doc, edit)?;
                let state = self.doc_mut(doc)?;
                state.history.apply(&mut state.spans, edit.clone())?;
                Ok(Some(edit.clone()))
            }
            Record::Undo { doc } => {
                let state = self.doc_mut(doc)?;
                let edit = state.history.undo(&mut state.spans)?;
                edit.map(Some).ok_or_else(|| RestoreProblem::NothingToUndo { document: doc.clone() }.into())
            }
            Record::Redo { doc } => {
                let state = self.doc_mut(doc)?;
                let edit = state.history.redo(&mut state.spans)?;
                edit.map(Some).ok_or_else(|| RestoreProblem::NothingToRedo { document: doc.clone() }.into())
            }
            Record::Replace { snapshot } => {
                let replaced = Workspace::from_snapshot(snapshot.clone())?;
                let journal = std::mem::take(&mut self.journal);
                let effects = std::mem::take(&mut self.effects);
                *self = Workspace { journal, effects, ..replaced };
                Ok(None)
            }
            Record::Spans { doc, spans } => {
                let state = self.doc_mut(doc)?;
                insert_saved(&mut state.spans, state.doc.len_chars(), spans.iter().cloned())?;
                Ok(None)
            }
            Record::Annotator { name } => {
                self.annotator.clone_from(name);
                Ok(None)
            }
            Record::Status { doc, status } => {
                self.doc_mut(doc)?.status = *status;
                Ok(None)
            }
            Record::Labels { labels } => {
                check_replacement(&self.labels, labels)?;
                self.labels.clone_from(labels);
                Ok(None)
            }
        }
    }

    /// Refuses an edit whose spans fall outside the document's text or carry a label that
    /// is not in the set (the span set refuses duplicates and unknown ids itself).
    fn check_edit(&self, doc: &str, edit: &Edit) -> Result<(), Error> {
        let len = self.doc(doc)?.doc.len_chars();
        let inside = |id: SpanId, (start, end): (usize, usize)| {
            if start < end && end <= len { Ok(()) } else { Err(Error::from(SpanProblem::Outside { span: id, start, end, len })) }
        };
        match edit {
            Edit::Add(s) | Edit::Remove(s) => {
                self.check_label(&s.label)?;
                inside(s.id, (s.start, s.end))
            }
            Edit::Relabel { to, .. } => self.check_label(to),
            Edit::Resize { id, to, .. } => inside(*id, *to),
            Edit::Batch(edits) => edits.iter().try_for_each(|e| self.check_edit(doc, e)),
        }
    }

    /// The records of every change since the last call, oldest first.
    pub fn take_journal(&mut self) -> Vec<Record> {
        self.journal.drain(..).collect()
    }

    /// The oldest journal record not taken yet, if any (for writing a long journal, such as an
    /// import's, a record at a time).
    pub fn take_journal_record(&mut self) -> Option<Record> {
        self.journal.pop_front()
    }

    // ---- intents: each decides one record ---------------------------------------------------

    /// Replaces everything with `other` (an import), journaled as the changes that rebuild
    /// it. `other` was checked whole as it was read, so it is moved in as it is rather than
    /// rebuilt record by record, which would index every text and check every span again.
    /// The annotator's name stays.
    pub fn replace_with(&mut self, other: Workspace) -> Result<(), Error> {
        let other = Workspace { annotator: self.annotator.clone(), ..other };
        let records = other.records_of_everything();
        let mut journal = std::mem::take(&mut self.journal);
        let mut effects = std::mem::take(&mut self.effects);
        let mut unsaved = std::mem::take(&mut self.unsaved);
        effects.push(Effect::Replaced);
        for record in &records {
            unsaved.note(record);
        }
        journal.extend(records);
        *self = Workspace { journal, effects, unsaved, ..other };
        Ok(())
    }

    /// Sets the name recorded on the spans made from now on (`None` or blank: no name).
    pub fn set_annotator(&mut self, name: Option<&str>) {
        let name = name.map(str::trim).filter(|n| !n.is_empty()).map(String::from);
        if name != self.annotator {
            let _ = self.apply(Record::Annotator { name });
        }
    }

    /// Replaces the label set (renamed, recoloured, added labels; see `check_replacement`).
    pub fn set_labels(&mut self, labels: Vec<Label>) -> Result<(), Error> {
        check_replacement(&self.labels, &labels)?;
        if labels != self.labels {
            self.apply(Record::Labels { labels })?;
        }
        Ok(())
    }

    /// Sets a document's status (not part of the undo history).
    pub fn set_status(&mut self, doc: &str, status: Status) -> Result<(), Error> {
        if self.doc(doc)?.status != status {
            self.apply(Record::Status { doc: doc.into(), status })?;
        }
        Ok(())
    }

    /// Opens a file's bytes as a new document; returns its id. Nothing changes on error.
    pub fn open_file(&mut self, name: &str, bytes: &[u8]) -> Result<String, Error> {
        let text = Document::decode_within(bytes, MAX_TEXT_BYTES).map_err(|problem| Error::File { file: name.into(), problem })?;
        let id = self.unique_id(name);
        self.apply(Record::Open { id: id.clone(), name: name.into(), text })?;
        Ok(id)
    }

    /// An id made from the file name without its extension, unique in the workspace.
    fn unique_id(&self, name: &str) -> String {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let stem = if stem.is_empty() { "document" } else { stem };
        let taken = |id: &str| self.places.contains_key(id);
        if !taken(stem) {
            return stem.to_string();
        }
        (2..).map(|n| format!("{stem}-{n}")).find(|id| !taken(id)).unwrap_or_default()
    }

    /// Adds the span `[start, end)` (code points) with `label` exactly as given: the edges are
    /// already decided (see `text::clitics::entity_edges`). Returns the new span's id.
    pub fn add_span(&mut self, doc: &str, start: usize, end: usize, label: &str) -> Result<SpanId, Error> {
        self.check_label(label)?;
        let state = self.doc(doc)?;
        state.doc.index().slice(state.doc.text(), start, end)?;
        if start >= end {
            return Err(Error::NothingToTag);
        }
        if state.spans.find(start, end, label).is_some() {
            return Err(duplicate(&state.doc, start, end, label));
        }
        let id = state.spans.peek_next_id();
        let span = Span { id, start, end, label: label.into(), annotator: self.annotator.clone() };
        self.apply(Record::Edit { doc: doc.into(), edit: Edit::Add(span) })?;
        Ok(id)
    }

    /// Tags the selection `[start, end)` (code points, any order) with `label` after cleaning
    /// it of edge spaces and punctuation; returns the new span's id.
    pub fn tag(&mut self, doc: &str, start: usize, end: usize, label: &str) -> Result<SpanId, Error> {
        self.check_label(label)?;
        let d = &self.doc(doc)?.doc;
        let (start, end) = clean_selection(d.text(), d.index(), start, end)?;
        self.add_span(doc, start, end, label)
    }

    /// Gives span `span` the label `label`; `false` when it had it already.
    pub fn relabel(&mut self, doc: &str, span: SpanId, label: &str) -> Result<bool, Error> {
        self.check_label(label)?;
        let state = self.doc(doc)?;
        let current = state.spans.get(span).ok_or(Error::UnknownSpan { span })?;
        if current.label == label {
            return Ok(false);
        }
        if state.spans.find(current.start, current.end, label).is_some() {
            return Err(duplicate(&state.doc, current.start, current.end, label));
        }
        let edit = Edit::Relabel { id: span, from: current.label.clone(), to: label.into() };
        self.apply(Record::Edit { doc: doc.into(), edit })?;
        Ok(true)
    }

    pub fn remove(&mut self, doc: &str, span: SpanId) -> Result<(), Error> {
        let current = self.doc(doc)?.spans.get(span).ok_or(Error::UnknownSpan { span })?.clone();
        self.apply(Record::Edit { doc: doc.into(), edit: Edit::Remove(current) }).map(drop)
    }

    /// Undoes the document's last edit; returns it, or `None` when there is nothing to undo.
    pub fn undo(&mut self, doc: &str) -> Result<Option<Edit>, Error> {
        if !self.doc(doc)?.can_undo() {
            return Ok(None);
        }
        self.apply(Record::Undo { doc: doc.into() })
    }

    pub fn redo(&mut self, doc: &str) -> Result<Option<Edit>, Error> {
        if !self.doc(doc)?.can_redo() {
            return Ok(None);
        }
        self.apply(Record::Redo { doc: doc.into() })
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
        // The suggestions of each document, in the order the documents first appear.
        let mut docs: Vec<(&str, Vec<usize>)> = vec![];
        let mut place: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, s) in suggestions.iter().enumerate() {
            let at = *place.entry(s.doc.as_str()).or_insert_with(|| {
                docs.push((s.doc.as_str(), vec![]));
                docs.len() - 1
            });
            docs[at].1.push(i);
        }
        let mut ids = vec![0; suggestions.len()];
        let mut committed: Vec<&str> = vec![];
        for (doc, mine) in docs {
            let state = self.doc(doc)?;
            let mut next = state.spans.peek_next_id();
            let mut adds: Vec<Span> = vec![];
            for i in mine {
                let s = &suggestions[i];
                let same = |t: &Span| (t.start, t.end, t.label.as_str()) == (s.start, s.end, s.label.as_str());
                ids[i] = match state.spans.find(s.start, s.end, &s.label).or_else(|| adds.iter().find(|t| same(t))) {
                    Some(existing) => existing.id,
                    None => {
                        let span = Span { id: next, start: s.start, end: s.end, label: s.label.clone(), annotator: self.annotator.clone() };
                        next += 1;
                        adds.push(span);
                        next - 1
                    }
                };
            }
            if adds.is_empty() {
                continue;
            }
            let edit = Edit::Batch(adds.into_iter().map(Edit::Add).collect());
            if let Err(e) = self.apply(Record::Edit { doc: doc.into(), edit }) {
                for done in committed {
                    self.undo(done)?;
                }
                return Err(e);
            }
            committed.push(doc);
        }
        Ok(ids)
    }

    /// Changes many spans in any documents at once (a fix from the corpus report): each
    /// [`SpanChange`] gives a span a label or new edges. Each document's changes are one undo
    /// step there. A change that would make an exact duplicate of another span removes the
    /// changed span instead (the other already says the same); a change to what the span
    /// already is does nothing. All or nothing: an unknown document, span or label, or edges
    /// outside the text, change nothing. Returns how many spans changed.
    pub fn change_spans(&mut self, changes: &[(String, SpanChange)]) -> Result<usize, Error> {
        let mut docs: Vec<(&str, Vec<&SpanChange>)> = vec![];
        for (doc, change) in changes {
            let state = self.doc(doc)?;
            match change {
                SpanChange::Label { span, label } => {
                    self.check_label(label)?;
                    state.spans.get(*span).ok_or(Error::UnknownSpan { span: *span })?;
                }
                SpanChange::Edges { span, start, end } => {
                    state.spans.get(*span).ok_or(Error::UnknownSpan { span: *span })?;
                    state.doc.index().slice(state.doc.text(), *start, *end)?;
                    if start >= end {
                        return Err(Error::NothingToTag);
                    }
                }
            }
            match docs.iter_mut().find(|(d, _)| d == doc) {
                Some((_, mine)) => mine.push(change),
                None => docs.push((doc, vec![change])),
            }
        }
        let mut planned: Vec<(String, Edit)> = vec![];
        let mut changed = 0;
        for (doc, mine) in docs {
            let state = self.doc(doc)?;
            // The spans this batch has changed so far, as it leaves them (`None`: removed), to
            // see a duplicate coming; a span not in it is as the document has it.
            let mut moved: Vec<(SpanId, Option<Extent>)> = vec![];
            let mut edits = vec![];
            for change in mine {
                let id = change.span();
                let Some(current) = state.spans.get(id) else { continue };
                let was = match moved.iter().find(|(m, _)| *m == id) {
                    Some((_, Some(now))) => now.clone(),
                    Some((_, None)) => continue,
                    None => (current.start, current.end, current.label.clone()),
                };
                let will = match change {
                    SpanChange::Label { label, .. } => (was.0, was.1, label.clone()),
                    SpanChange::Edges { start, end, .. } => (*start, *end, was.2.clone()),
                };
                if will == was {
                    continue;
                }
                let unchanged = |s: &Span| !moved.iter().any(|(m, _)| *m == s.id);
                let taken = moved.iter().any(|(m, now)| *m != id && now.as_ref() == Some(&will))
                    || state.spans.find(will.0, will.1, &will.2).is_some_and(|s| s.id != id && unchanged(s));
                let edit = if taken {
                    // The span as it is when this edit runs: its earlier changes applied.
                    Edit::Remove(Span { start: was.0, end: was.1, label: was.2.clone(), ..current.clone() })
                } else {
                    match change {
                        SpanChange::Label { label, .. } => Edit::Relabel { id, from: was.2.clone(), to: label.clone() },
                        SpanChange::Edges { start, end, .. } => Edit::Resize { id, from: (was.0, was.1), to: (*start, *end) },
                    }
                };
                edits.push(edit);
                let now = (!taken).then_some(will);
                match moved.iter_mut().find(|(m, _)| *m == id) {
                    Some(entry) => entry.1 = now,
                    None => moved.push((id, now)),
                }
                changed += 1;
            }
            if !edits.is_empty() {
                planned.push((doc.to_string(), Edit::Batch(edits)));
            }
        }
        let mut committed: Vec<String> = vec![];
        for (doc, edit) in planned {
            if let Err(e) = self.apply(Record::Edit { doc: doc.clone(), edit }) {
                for done in &committed {
                    self.undo(done)?;
                }
                return Err(e);
            }
            committed.push(doc);
        }
        Ok(changed)
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
        let current = state.spans.get(span).ok_or(Error::UnknownSpan { span })?;
        let from = (current.start, current.end);
        let Some(to) = moved_edge(state.doc.text(), state.doc.index(), from, edge, unit, direction)? else {
            return Ok(None);
        };
        if state.spans.find(to.0, to.1, &current.label).is_some() {
            return Err(duplicate(&state.doc, to.0, to.1, &current.label));
        }
        self.apply(Record::Edit { doc: doc.into(), edit: Edit::Resize { id: span, from, to } })?;
        Ok(Some(to))
    }

    /// Gives span `span` the edges of the selection `[start, end)` (a dragged edge), cleaned
    /// as [`Workspace::tag`] cleans, as one undo step; returns the new edges.
    pub fn resize(&mut self, doc: &str, span: SpanId, start: usize, end: usize) -> Result<(usize, usize), Error> {
        let state = self.doc(doc)?;
        let current = state.spans.get(span).ok_or(Error::UnknownSpan { span })?;
        let from = (current.start, current.end);
        let to = clean_selection(state.doc.text(), state.doc.index(), start, end)?;
        if to == from {
            return Ok(to);
        }
        if state.spans.find(to.0, to.1, &current.label).is_some() {
            return Err(duplicate(&state.doc, to.0, to.1, &current.label));
        }
        self.apply(Record::Edit { doc: doc.into(), edit: Edit::Resize { id: span, from, to } })?;
        Ok(to)
    }
}

fn duplicate(doc: &Document, start: usize, end: usize, label: &str) -> Error {
    Error::Duplicate { label: label.into(), text: doc.slice(start, end).unwrap_or_default().into() }
}

/// Puts saved spans into a document's set (of a text `len` code points long), refusing one
/// outside the text or a duplicate.
fn insert_saved(set: &mut SpanSet, len: usize, spans: impl IntoIterator<Item = Span>) -> Result<(), Error> {
    for span in spans {
        if span.start >= span.end || span.end > len {
            return Err(SpanProblem::Outside { span: span.id, start: span.start, end: span.end, len }.into());
        }
        set.insert(span)?;
    }
    Ok(())
}
