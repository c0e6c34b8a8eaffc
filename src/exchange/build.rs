//! Builds a workspace from an import, one document and span at a time, with the same checks
//! for every format: offsets inside the text, label ids Alama can carry, unique document
//! ids. Hard problems become an [`Error::Import`] naming the file, document and place;
//! harmless ones (an exact duplicate span, an empty span, a label new to the set) become
//! [`Note`]s and the import goes on.

use super::{Imported, Note, NoteKind};
use crate::annotations::labels::{Label, LabelNames, default_labels, is_label_id};
use crate::annotations::spans::{Span, SpanId, SpanSet};
use crate::annotations::workspace::{DocState, Workspace};
use crate::error::{Error, ImportProblem, Place};
use crate::text::document::Document;
use std::collections::HashSet;

/// Colours for labels beyond the defaults: the rest of the Okabe–Ito palette.
const MORE_COLOURS: [&str; 4] = ["#0072B2", "#D55E00", "#F0E442", "#000000"];

pub struct Builder {
    file: String,
    labels: Vec<Label>,
    docs: Vec<DocState>,
    ids: HashSet<String>,
    notes: Vec<Note>,
}

impl Builder {
    /// A builder whose label set starts as the default one; labels met later are added.
    pub fn new(file: &str) -> Builder {
        Builder::with_labels(file, default_labels())
    }

    pub fn with_labels(file: &str, labels: Vec<Label>) -> Builder {
        Builder { file: file.into(), labels, docs: vec![], ids: HashSet::new(), notes: vec![] }
    }

    /// An import error at `at` (e.g. `line 3`, `document “x”, d.ann line 4 (T4)`).
    pub fn fail(&self, at: Place, problem: ImportProblem) -> Error {
        Error::Import { file: self.file.clone(), at, problem }
    }

    pub fn note(&mut self, note: Note) {
        self.notes.push(note);
    }

    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }

    /// Adds the label `id` if it is new; refuses ids that cannot travel (see `is_label_id`).
    pub fn label(&mut self, id: &str, at: &Place) -> Result<(), Error> {
        if self.labels.iter().any(|l| l.id == id) {
            return Ok(());
        }
        if !is_label_id(id) {
            return Err(self.fail(at.clone(), ImportProblem::LabelUnusable { label: id.into() }));
        }
        let extra = self.labels.len().saturating_sub(default_labels().len());
        let color = MORE_COLOURS[extra % MORE_COLOURS.len()];
        self.labels.push(Label { id: id.into(), names: LabelNames { ar: id.into(), en: id.into() }, color: color.into() });
        self.notes.push(Note::file(NoteKind::LabelAdded { label: id.into(), color: color.into() }));
        Ok(())
    }

    /// Adds a document with the id `wanted` (made unique: `-2`, `-3`… if it is taken, or
    /// `document-N` if it is empty); returns its index for [`Builder::span`].
    pub fn document(&mut self, wanted: &str, name: &str, text: String) -> usize {
        let n = self.docs.len() + 1;
        let base = if wanted.trim().is_empty() { format!("document-{n}") } else { wanted.to_string() };
        let id = if self.ids.contains(&base) {
            let id = (2..).map(|k| format!("{base}-{k}")).find(|id| !self.ids.contains(id)).unwrap_or_default();
            self.notes.push(Note::doc(&id, NoteKind::IdTaken { wanted: base, id: id.clone() }));
            id
        } else {
            base
        };
        self.ids.insert(id.clone());
        let name = if name.is_empty() { format!("{id}.txt") } else { name.to_string() };
        self.docs.push(DocState::new(Document::new(id, name, text), SpanSet::new()));
        self.docs.len() - 1
    }

    pub fn doc_id(&self, doc: usize) -> &str {
        self.docs.get(doc).map_or("", |d| d.doc.id.as_str())
    }

    pub fn doc_text(&self, doc: usize) -> &str {
        self.docs.get(doc).map_or("", |d| d.doc.text())
    }

    /// Adds the span `[start, end)` (code points) with `label` to document `doc`. `at` names
    /// the place in the file for messages. `id` is kept if it is free, else a new one is given.
    pub fn span(&mut self, doc: usize, at: &Place, start: usize, end: usize, label: &str, id: Option<SpanId>) -> Result<(), Error> {
        let Some(state) = self.docs.get(doc) else {
            return Err(self.fail(at.clone(), ImportProblem::SpanWithoutDocument));
        };
        let doc_id = state.doc.id.clone();
        let len = state.doc.len_chars();
        let place = Place::in_document(&doc_id, at.clone());
        if start > end || end > len {
            return Err(self.fail(place, ImportProblem::OffsetsOutside { start, end, len }));
        }
        self.label(label, &place)?;
        let Some(state) = self.docs.get_mut(doc) else { return Ok(()) };
        if start == end {
            self.notes.push(Note::at(&doc_id, at.clone(), NoteKind::EmptySpanSkipped { label: label.into(), start }));
            return Ok(());
        }
        if state.spans.find(start, end, label).is_some() {
            self.notes.push(Note::at(&doc_id, at.clone(), NoteKind::DuplicateSpan { label: label.into(), start, end }));
            return Ok(());
        }
        let id = match id {
            Some(id) if id > 0 && state.spans.get(id).is_none() => id,
            _ => state.spans.next_id(),
        };
        // The checks above leave nothing for insert to refuse.
        let _ = state.spans.insert(Span::new(id, start, end, label));
        Ok(())
    }

    pub fn finish(self) -> Imported {
        Imported { workspace: Workspace::from_parts(self.labels, self.docs), notes: self.notes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_unique_and_labels_added_with_a_note() {
        let mut b = Builder::new("f.jsonl");
        let a = b.document("x", "", "abc".into());
        let c = b.document("x", "", "def".into());
        let e = b.document("", "", "ghi".into());
        assert_eq!((b.doc_id(a), b.doc_id(c), b.doc_id(e)), ("x", "x-2", "document-3"));
        b.span(a, &Place::line(1), 0, 2, "ORG", None).unwrap();
        b.span(a, &Place::line(1), 0, 2, "ORG", None).unwrap();
        b.span(a, &Place::line(1), 1, 1, "PER", None).unwrap();
        let err = b.span(a, &Place::line(1), 0, 9, "PER", None).unwrap_err().to_string();
        assert!(err.contains("f.jsonl") && err.contains("document “x”, line 1") && err.contains("0–9"), "{err}");
        let err = b.span(a, &Place::line(1), 0, 1, "B-PER", None).unwrap_err().to_string();
        assert!(err.contains("“B-PER” cannot be used"), "{err}");
        let imported = b.finish();
        assert_eq!(imported.workspace.labels().len(), 5);
        assert_eq!(imported.workspace.documents()[0].spans.len(), 1);
        assert_eq!(imported.notes.len(), 4, "{:?}", imported.notes);
    }
}
