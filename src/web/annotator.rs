//! The page's boundary: a thin wasm-bindgen wrapper over [`Workspace`] and [`crate::session::view`].
//! Positions cross it in UTF-16 code units (what the DOM counts) and are converted to code
//! points inside the core; errors cross it as `JsError`s carrying the core's message.

use super::{from_js, js_err, to_js};
use crate::annotations::workspace::Status;
use crate::exchange::formats::canonical;
use crate::session::view;
use crate::suggest::gazetteer::Gazetteer;
use crate::suggest::known::KnownEntities;
use crate::suggest::occurrences::{Scope, Suggestion, occurrences_of_span, suggest_from_gazetteer};
use crate::text::segment::{Direction, Edge, Unit};
use crate::{Error, Workspace};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct ImportSummary {
    documents: usize,
    spans: usize,
}

#[wasm_bindgen]
pub struct Annotator {
    ws: Workspace,
    /// An import being read a step at a time (`startImport`, `importStep`).
    reading: Option<canonical::Reader>,
    /// An import read and checked, waiting for the user to confirm it.
    pending_import: Option<Workspace>,
    /// Suggested spans waiting for the annotator to accept or reject them.
    suggestions: Vec<Suggestion>,
    /// Entity lists the annotator imported in this session.
    word_lists: Gazetteer,
    /// The entities the session's spans make known, kept in step change by change.
    known: KnownEntities,
}

impl Default for Annotator {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Annotator {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Annotator {
        Annotator {
            ws: Workspace::new(),
            reading: None,
            pending_import: None,
            suggestions: vec![],
            word_lists: Gazetteer::new(),
            known: KnownEntities::default(),
        }
    }

    /// Opens a file's bytes (strict UTF-8) as a new document; returns its id.
    #[wasm_bindgen(js_name = openFile)]
    pub fn open_file(&mut self, name: &str, bytes: &[u8]) -> Result<String, JsError> {
        self.ws.open_file(name, bytes).map_err(js_err)
    }

    pub fn labels(&self) -> Result<JsValue, JsError> {
        to_js(&self.ws.labels())
    }

    /// Replaces the label set (`[{id, names: {ar, en}, color}]`); labels can be renamed,
    /// recoloured and added, not removed.
    #[wasm_bindgen(js_name = setLabels)]
    pub fn set_labels(&mut self, labels: JsValue) -> Result<(), JsError> {
        let labels: Vec<crate::annotations::labels::Label> = from_js(&labels, "The label set")?;
        self.ws.set_labels(labels).map_err(js_err)
    }

    pub fn documents(&self) -> Result<JsValue, JsError> {
        to_js(&view::documents(&self.ws))
    }

    pub fn text(&self, doc: &str) -> Result<String, JsError> {
        Ok(self.ws.doc(doc).map_err(js_err)?.doc.text().to_string())
    }

    /// The document's spans in reading order, edges in UTF-16 code units.
    pub fn spans(&self, doc: &str) -> Result<JsValue, JsError> {
        to_js(&view::spans(&self.ws, doc).map_err(js_err)?)
    }

    /// One span (as in `spans`), or undefined when the document has no span `id`.
    pub fn span(&self, doc: &str, id: u32) -> Result<JsValue, JsError> {
        match view::span(&self.ws, doc, id).map_err(js_err)? {
            Some(s) => to_js(&s),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The spans overlapping the UTF-16 range `[from, to)`, in reading order: what the page
    /// paints for the text it has on screen. Costs what the range holds, not the document.
    #[wasm_bindgen(js_name = spansIn)]
    pub fn spans_in(&self, doc: &str, from: usize, to: usize) -> Result<JsValue, JsError> {
        to_js(&view::spans_in(&self.ws, doc, from, to).map_err(js_err)?)
    }

    /// `count` spans from place `first` in reading order (a page of the span list).
    #[wasm_bindgen(js_name = spanRows)]
    pub fn span_rows(&self, doc: &str, first: usize, count: usize) -> Result<JsValue, JsError> {
        to_js(&view::span_rows(&self.ws, doc, first, count).map_err(js_err)?)
    }

    /// How many spans the document has.
    #[wasm_bindgen(js_name = spanCount)]
    pub fn span_count(&self, doc: &str) -> Result<usize, JsError> {
        Ok(self.ws.doc(doc).map_err(js_err)?.spans.len())
    }

    /// The place of span `id` in reading order, or undefined.
    #[wasm_bindgen(js_name = spanIndex)]
    pub fn span_index(&self, doc: &str, id: u32) -> Result<Option<usize>, JsError> {
        view::span_index(&self.ws, doc, id).map_err(js_err)
    }

    /// Tags the selection `[start, end)` (UTF-16 code units); returns the new span's id.
    pub fn tag(&mut self, doc: &str, start: usize, end: usize, label: &str) -> Result<u32, JsError> {
        self.known.track(&mut self.ws, doc, None, |ws| view::tag_utf16(ws, doc, start, end, label), |id| Some(*id)).map_err(js_err)
    }

    /// Tags a selection (UTF-16) as annotators expect: snapped to whole words when `snap`,
    /// cleaned, and its proclitic left out when the rest is a known entity or `strip_clitic`.
    #[wasm_bindgen(js_name = tagSelection)]
    pub fn tag_selection(
        &mut self,
        doc: &str,
        start: usize,
        end: usize,
        label: &str,
        snap: bool,
        strip_clitic: bool,
    ) -> Result<u32, JsError> {
        let known = self.known.gazetteer(&self.ws);
        let edges = view::selection_edges(&self.ws, doc, start, end, snap, strip_clitic, known).map_err(js_err)?;
        self.known.track(&mut self.ws, doc, None, |ws| ws.tag(doc, edges.start, edges.end, label), |id| Some(*id)).map_err(js_err)
    }

    /// Moves one edge of a span by a character or a word in a logical direction; false when
    /// it cannot move.
    #[wasm_bindgen(js_name = moveEdge)]
    pub fn move_edge(&mut self, doc: &str, span: u32, end_edge: bool, by_word: bool, forward: bool) -> Result<bool, JsError> {
        let edge = if end_edge { Edge::End } else { Edge::Start };
        let unit = if by_word { Unit::Word } else { Unit::Char };
        let direction = if forward { Direction::Forward } else { Direction::Backward };
        Ok(self.ws.move_edge(doc, span, edge, unit, direction).map_err(js_err)?.is_some())
    }

    /// Moves a span's edges to a selection given in UTF-16 (a dragged edge), cleaned.
    #[wasm_bindgen(js_name = resizeSpan)]
    pub fn resize_span(&mut self, doc: &str, span: u32, start: usize, end: usize) -> Result<(), JsError> {
        let index = self.ws.doc(doc).map_err(js_err)?.doc.index();
        let (s, e) = (
            index.utf16_to_char(start).map_err(|e| js_err(Error::from(e)))?,
            index.utf16_to_char(end).map_err(|e| js_err(Error::from(e)))?,
        );
        self.ws.resize(doc, span, s, e).map_err(js_err).map(drop)
    }

    /// The UTF-16 position one word on from `pos` (the end of the next word, or the start of
    /// the previous one), for moving a keyboard caret by word.
    #[wasm_bindgen(js_name = wordBoundary)]
    pub fn word_boundary(&self, doc: &str, pos: usize, forward: bool) -> Result<usize, JsError> {
        view::word_boundary_utf16(&self.ws, doc, pos, forward).map_err(js_err)
    }

    /// Sets a document's status: "new", "in_progress" or "done".
    #[wasm_bindgen(js_name = setStatus)]
    pub fn set_status(&mut self, doc: &str, status: &str) -> Result<(), JsError> {
        let status = Status::parse(status).ok_or_else(|| JsError::new(&format!("“{status}” is not a document status.")))?;
        self.ws.set_status(doc, status).map_err(js_err)
    }

    /// Finds every other occurrence of a span's text, in its document or in all of them, as
    /// pending suggestions (replacing earlier ones); returns how many there are.
    #[wasm_bindgen(js_name = findOccurrences)]
    pub fn find_occurrences(&mut self, doc: &str, span: u32, all_documents: bool) -> Result<usize, JsError> {
        let scope = if all_documents { Scope::All } else { Scope::Document(doc) };
        self.suggestions = occurrences_of_span(&self.ws, doc, span, scope).map_err(js_err)?;
        Ok(self.suggestions.len())
    }

    /// Suggests the session's known entities (and imported word lists) in a document.
    pub fn preannotate(&mut self, doc: &str) -> Result<usize, JsError> {
        let mut known = Gazetteer::from_workspace(&self.ws);
        known.extend(&self.word_lists);
        self.suggestions = suggest_from_gazetteer(&self.ws, doc, &known).map_err(js_err)?;
        Ok(self.suggestions.len())
    }

    /// Reads a word list (`entry<TAB>LABEL` a line) into the session's gazetteer.
    #[wasm_bindgen(js_name = importWordList)]
    pub fn import_word_list(&mut self, name: &str, bytes: &[u8]) -> Result<usize, JsError> {
        let labels = self.ws.labels().to_vec();
        self.word_lists.import_file(name, bytes, &labels).map_err(js_err)
    }

    /// The pending suggestions in `doc` (UTF-16 edges), and `key`s to accept or reject them by.
    pub fn suggestions(&self, doc: &str) -> Result<JsValue, JsError> {
        to_js(&view::suggestions(&self.ws, doc, &self.suggestions).map_err(js_err)?)
    }

    /// How many suggestions are pending in all documents.
    #[wasm_bindgen(js_name = suggestionCount)]
    pub fn suggestion_count(&self) -> usize {
        self.suggestions.len()
    }

    /// Accepts the suggestions with these keys as spans (one undo step per document).
    #[wasm_bindgen(js_name = acceptSuggestions)]
    pub fn accept_suggestions(&mut self, keys: Vec<usize>) -> Result<usize, JsError> {
        let chosen: Vec<Suggestion> = keys.iter().filter_map(|&k| self.suggestions.get(k).cloned()).collect();
        self.ws.accept_suggestions(&chosen).map_err(js_err)?;
        self.reject_suggestions(keys);
        Ok(chosen.len())
    }

    /// Drops the suggestions with these keys.
    #[wasm_bindgen(js_name = rejectSuggestions)]
    pub fn reject_suggestions(&mut self, keys: Vec<usize>) {
        let mut i = 0;
        self.suggestions.retain(|_| {
            i += 1;
            !keys.contains(&(i - 1))
        });
    }

    /// Whole-word matches of `needle` in `doc` (normalised matching), as UTF-16 start, end pairs.
    pub fn find(&self, doc: &str, needle: &str) -> Result<Vec<usize>, JsError> {
        Ok(view::find_utf16(&self.ws, doc, needle).map_err(js_err)?.into_iter().flat_map(|(s, e)| [s, e]).collect())
    }

    pub fn relabel(&mut self, doc: &str, span: u32, label: &str) -> Result<(), JsError> {
        self.known.track(&mut self.ws, doc, Some(span), |ws| ws.relabel(doc, span, label), |_| None).map_err(js_err)
    }

    pub fn remove(&mut self, doc: &str, span: u32) -> Result<(), JsError> {
        self.known.track(&mut self.ws, doc, Some(span), |ws| ws.remove(doc, span), |_| None).map_err(js_err)
    }

    /// Undoes the document's last edit; returns the id of the span it touched.
    pub fn undo(&mut self, doc: &str) -> Result<Option<u32>, JsError> {
        Ok(self.ws.undo(doc).map_err(js_err)?.map(|e| e.span_id()))
    }

    pub fn redo(&mut self, doc: &str) -> Result<Option<u32>, JsError> {
        Ok(self.ws.redo(doc).map_err(js_err)?.map(|e| e.span_id()))
    }

    /// Ids of the spans over the character at UTF-16 position `pos`, outermost first.
    #[wasm_bindgen(js_name = spansAt)]
    pub fn spans_at(&self, doc: &str, pos: usize) -> Result<Vec<u32>, JsError> {
        view::spans_at_utf16(&self.ws, doc, pos).map_err(js_err)
    }

    /// The canonical JSON export (version 1) of every document.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> String {
        canonical::to_json(&self.ws)
    }

    /// Starts reading an export a step at a time, so that a large file never holds the page
    /// for long: checks its shape and label set; `importStep` does the rest. Nothing changes
    /// until `commitImport`, so that the page can ask before replacing the workspace.
    #[wasm_bindgen(js_name = startImport)]
    pub fn start_import(&mut self, file_name: &str, json: &str) -> Result<(), JsError> {
        self.reading = None;
        self.pending_import = None;
        self.reading = Some(canonical::Reader::new(file_name, json).map_err(js_err)?);
        Ok(())
    }

    /// One bounded step of the reading `startImport` began (hashing 256 KB, indexing a text
    /// or checking 2,000 spans). Returns undefined while there is more to do; then what the
    /// file holds (`documents`, `spans`), and the import waits for `commitImport`. A refusal
    /// ends the reading.
    #[wasm_bindgen(js_name = importStep)]
    pub fn import_step(&mut self) -> Result<JsValue, JsError> {
        let reader = self.reading.as_mut().ok_or_else(|| JsError::new("There is no import being read."))?;
        match reader.step() {
            Ok(true) => Ok(JsValue::UNDEFINED),
            Ok(false) => {
                let reader = self.reading.take().ok_or_else(|| JsError::new("There is no import being read."))?;
                let (documents, spans) = reader.counts();
                self.pending_import = Some(reader.finish().map_err(js_err)?);
                to_js(&ImportSummary { documents, spans })
            }
            Err(e) => {
                self.reading = None;
                Err(js_err(e))
            }
        }
    }

    /// Applies the import `importStep` finished checking.
    #[wasm_bindgen(js_name = commitImport)]
    pub fn commit_import(&mut self) -> Result<(), JsError> {
        let imported = self.pending_import.take().ok_or_else(|| JsError::new("There is no checked import to apply."))?;
        self.ws.replace_with(imported);
        Ok(())
    }

    #[wasm_bindgen(js_name = discardImport)]
    pub fn discard_import(&mut self) {
        self.reading = None;
        self.pending_import = None;
    }

    /// The name recorded on new spans.
    #[wasm_bindgen(js_name = setAnnotator)]
    pub fn set_annotator(&mut self, name: &str) {
        self.ws.set_annotator(Some(name));
    }

    pub fn annotator(&self) -> Option<String> {
        self.ws.annotator().map(String::from)
    }

    /// The oldest change not yet taken for the page's journal, as a JSON record, or
    /// undefined. A record at a time, so that a long journal (an import's) is taken across
    /// short tasks.
    #[wasm_bindgen(js_name = takeJournalRecord)]
    pub fn take_journal_record(&mut self) -> Option<String> {
        self.ws.take_journal_record().map(|r| r.to_json())
    }

    /// Everything, undo history included, as JSON: what the journal compacts into.
    pub fn snapshot(&self) -> String {
        self.ws.snapshot().to_json()
    }

    /// Rebuilds the workspace from a stored snapshot (if any) and the journal since. Replay
    /// stops at the first record that cannot be applied; the result (`applied`, `total`,
    /// `problem`) says how far it got.
    pub fn restore(&mut self, snapshot: Option<String>, records: Vec<String>) -> Result<JsValue, JsError> {
        let (ws, report) = Workspace::restore(snapshot.as_deref(), &records).map_err(js_err)?;
        self.ws = ws;
        self.known = KnownEntities::default();
        to_js(&report)
    }

    /// Panics on purpose, so that the end-to-end tests can check the page survives a panic
    /// in the core with the saved work intact. Nothing in the page calls it.
    #[wasm_bindgen(js_name = panicForTesting)]
    pub fn panic_for_testing(&self) {
        panic!("deliberate panic for the end-to-end test of the crash path");
    }
}
