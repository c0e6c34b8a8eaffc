//! The page's boundary (feature `page`): the [`Session`] as a wasm-bindgen class. Every
//! change goes in by `apply` as an intent; everything else here reads the session back or
//! moves bytes (the export, the journal) in and out. Nothing here decides anything.

use super::{Clock, answer, blob, from_js, refusal, string_of, strings, to_js};
use crate::exchange::{Format, canonical, names, sniff};
use crate::session::{Intent, Session, view};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
#[derive(Default)]
pub struct Annotator {
    session: Session,
    clock: Clock,
}

#[wasm_bindgen]
impl Annotator {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Annotator {
        Annotator::default()
    }

    /// Applies one intent (`{ kind: "tag", doc, start, end, label, snap, stripClitic }`, …);
    /// positions are UTF-16. Returns what it did; a refusal throws the coded error and
    /// changes nothing.
    #[wasm_bindgen(unchecked_return_type = "Outcome")]
    pub fn apply(&mut self, #[wasm_bindgen(unchecked_param_type = "Intent")] intent: JsValue) -> Result<JsValue, JsValue> {
        let intent: Intent = from_js(intent, "the change")?;
        answer(self.session.apply(intent))
    }

    /// Reads the import `startImport` began for about `budget_ms` milliseconds of steps:
    /// undefined while there is more to read, then what the file holds.
    #[wasm_bindgen(js_name = importFor, unchecked_return_type = "ImportSummary | undefined")]
    pub fn import_for(&mut self, budget_ms: f64) -> Result<JsValue, JsValue> {
        let until = self.clock.now() + budget_ms;
        loop {
            match self.session.import_step() {
                Ok(Some(summary)) => return to_js(&summary),
                // Waiting for a digest (`importWantedDigest`): no step can do more until then.
                Ok(None) if self.session.import_wanted_digest().is_some() => return Ok(JsValue::UNDEFINED),
                Ok(None) if self.clock.now() < until => {}
                Ok(None) => return Ok(JsValue::UNDEFINED),
                Err(e) => return Err(refusal(&e)),
            }
        }
    }

    /// From now on, an import's long texts are not hashed in the module's steps: the import
    /// waits for the page to give their SHA-256 (the browser's own is many times faster).
    #[wasm_bindgen(js_name = hashImportsOutside)]
    pub fn hash_imports_outside(&mut self) {
        self.session.hash_imports_outside();
    }

    /// The UTF-8 bytes of the text whose SHA-256 the import waits for (a copy), or
    /// undefined when it waits for none.
    #[wasm_bindgen(js_name = importWantedDigest)]
    pub fn import_wanted_digest(&self) -> Option<Vec<u8>> {
        self.session.import_wanted_digest().map(|t| t.as_bytes().to_vec())
    }

    /// Gives the import the SHA-256 (64 hex digits) of the text `importWantedDigest` gave;
    /// throws the coded refusal when it is not the one the file claims, and the import ends.
    #[wasm_bindgen(js_name = importDigest)]
    pub fn import_digest(&mut self, sha256: &str) -> Result<(), JsValue> {
        self.session.import_digest(sha256).map_err(|e| refusal(&e))
    }

    /// The journal records not taken yet, as stored JSON, for about `budget_ms`
    /// milliseconds (at least one record when there is one).
    #[wasm_bindgen(js_name = takeJournal, unchecked_return_type = "string[]")]
    pub fn take_journal(&mut self, budget_ms: f64) -> js_sys::Array {
        let until = self.clock.now() + budget_ms;
        let mut records = vec![];
        while let Some(record) = self.session.take_journal_record() {
            records.push(record.to_json());
            if self.clock.now() >= until {
                break;
            }
        }
        strings(records)
    }

    /// Rebuilds the session from a stored snapshot (if any) and the journal since; the
    /// report says how far replay got.
    #[wasm_bindgen(unchecked_return_type = "RestoreReport")]
    pub fn restore(
        &mut self,
        snapshot: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "string[]")] records: js_sys::Array,
    ) -> Result<JsValue, JsValue> {
        let records: Vec<String> = records.iter().map(|r| string_of(&r).unwrap_or_default()).collect();
        answer(self.session.restore(snapshot.as_deref(), &records))
    }

    /// Starts restoring from the stored head part and the journal entries (sequence numbers
    /// and records) kept after the parts; the documents follow with `restoreDocument`.
    #[wasm_bindgen(js_name = restoreBegin, unchecked_return_type = "RestoreStart")]
    pub fn restore_begin(
        &mut self,
        head: &[u8],
        head_seq: f64,
        seqs: Vec<f64>,
        #[wasm_bindgen(unchecked_param_type = "string[]")] records: js_sys::Array,
    ) -> Result<JsValue, JsValue> {
        let entries = seqs.iter().zip(records.iter()).map(|(&seq, r)| (seq as u64, string_of(&r).unwrap_or_default())).collect();
        answer(self.session.begin_restore(head, head_seq as u64, entries))
    }

    /// Adds one document from its stored part, written at sequence number `seq`.
    #[wasm_bindgen(js_name = restoreDocument)]
    pub fn restore_document(&mut self, part: &[u8], seq: f64) -> Result<(), JsValue> {
        self.session.restore_document(part, seq as u64).map_err(|e| refusal(&e))
    }

    /// Ends a restore from parts: how far the journal's replay got.
    #[wasm_bindgen(js_name = restoreFinish, unchecked_return_type = "RestoreReport")]
    pub fn restore_finish(&mut self) -> Result<JsValue, JsValue> {
        answer(self.session.finish_restore())
    }

    pub fn restoring(&self) -> bool {
        self.session.restoring()
    }

    /// True while an import is being read: the page's background work waits for it.
    pub fn importing(&self) -> bool {
        self.session.importing()
    }

    /// The parts the changes since the last call made out of date (and forgets them).
    #[wasm_bindgen(js_name = takeUnsaved, unchecked_return_type = "Unsaved")]
    pub fn take_unsaved(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.session.take_unsaved())
    }

    /// Gives back parts taken by `takeUnsaved` that could not be written.
    #[wasm_bindgen(js_name = markUnsaved)]
    pub fn mark_unsaved(&mut self, everything: bool, head: bool, documents: Vec<String>) {
        self.session.mark_unsaved(crate::annotations::workspace::Unsaved { everything, head, documents });
    }

    /// Forgets the journal records not taken yet: everything is written again in parts,
    /// which hold all they did (see `everythingUnsaved`).
    #[wasm_bindgen(js_name = dropJournal)]
    pub fn drop_journal(&mut self) {
        while self.session.take_journal_record().is_some() {}
    }

    /// Whether everything must be written again (an import, or an older layout restored).
    #[wasm_bindgen(js_name = everythingUnsaved)]
    pub fn everything_unsaved(&self) -> bool {
        self.session.workspace().everything_unsaved()
    }

    /// The head part (labels, annotator, the documents' order), as JSON bytes.
    #[wasm_bindgen(js_name = headPart)]
    pub fn head_part(&self) -> Vec<u8> {
        self.session.workspace().head_part()
    }

    /// Document `doc`'s part (its snapshot, undo history included), as JSON bytes, written
    /// for about `budget_ms` milliseconds of steps: undefined while there is more to write
    /// (call again, with no change in between), then the whole part.
    #[wasm_bindgen(js_name = documentPartFor)]
    pub fn document_part_for(&mut self, doc: &str, budget_ms: f64) -> Result<Option<Vec<u8>>, JsValue> {
        let until = self.clock.now() + budget_ms;
        loop {
            match self.session.part_step(doc) {
                Ok(Some(part)) => return Ok(Some(part)),
                Ok(None) if self.clock.now() < until => {}
                Ok(None) => return Ok(None),
                Err(e) => return Err(refusal(&e)),
            }
        }
    }

    /// The canonical export (version 1) of every document, as a download.
    #[wasm_bindgen(js_name = exportBlob)]
    pub fn export_blob(&self) -> Result<web_sys::Blob, JsValue> {
        blob(canonical::to_json(self.session.workspace()).as_bytes(), "application/json")
    }

    /// The canonical export as bytes, for the exchange module to convert.
    #[wasm_bindgen(js_name = exportBytes)]
    pub fn export_bytes(&self) -> Vec<u8> {
        canonical::to_json(self.session.workspace()).into_bytes()
    }

    /// The name of an export of this workspace, called `workspace`, in `format`, made at `stamp`.
    #[wasm_bindgen(js_name = exportName)]
    pub fn export_name(
        &self,
        workspace: &str,
        format: &str,
        predictions: bool,
        #[wasm_bindgen(unchecked_param_type = "Stamp")] stamp: JsValue,
    ) -> Result<String, JsValue> {
        let format = Format::from_name(format).unwrap_or(Format::Alama);
        Ok(names::export(workspace, format, predictions, &from_js(stamp, "the time")?))
    }

    /// The format of a file from its name and bytes, or undefined when it is not an
    /// annotation file.
    #[wasm_bindgen(js_name = sniffFormat, unchecked_return_type = "Sniffed | undefined")]
    pub fn sniff_format(&self, name: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
        to_js(&sniff::sniff(name, bytes))
    }

    #[wasm_bindgen(unchecked_return_type = "Label[]")]
    pub fn labels(&self) -> Result<JsValue, JsValue> {
        to_js(self.session.workspace().labels())
    }

    #[wasm_bindgen(unchecked_return_type = "Limits")]
    pub fn limits(&self) -> Result<JsValue, JsValue> {
        to_js(&view::limits())
    }

    #[wasm_bindgen(unchecked_return_type = "DocSummary[]")]
    pub fn documents(&self) -> Result<JsValue, JsValue> {
        to_js(&view::documents(self.session.workspace()))
    }

    /// One document's summary.
    #[wasm_bindgen(unchecked_return_type = "DocSummary")]
    pub fn document(&self, doc: &str) -> Result<JsValue, JsValue> {
        answer(view::document(self.session.workspace(), doc))
    }

    /// `count` documents from place `first` in the list (a page of the document list).
    #[wasm_bindgen(js_name = documentRows, unchecked_return_type = "DocSummary[]")]
    pub fn document_rows(&self, first: usize, count: usize) -> Result<JsValue, JsValue> {
        to_js(&view::document_rows(self.session.workspace(), first, count))
    }

    /// The place of document `doc` in the list, or undefined.
    #[wasm_bindgen(js_name = documentIndex)]
    pub fn document_index(&self, doc: &str) -> Option<usize> {
        view::document_index(self.session.workspace(), doc)
    }

    /// How many documents and spans there are.
    #[wasm_bindgen(unchecked_return_type = "Totals")]
    pub fn totals(&self) -> Result<JsValue, JsValue> {
        to_js(&view::totals(self.session.workspace()))
    }

    pub fn text(&self, doc: &str) -> Result<String, JsValue> {
        Ok(self.session.workspace().doc(doc).map_err(|e| refusal(&e))?.doc.text().to_string())
    }

    /// One span, or undefined when the document has no span `id`.
    #[wasm_bindgen(unchecked_return_type = "SpanView | undefined")]
    pub fn span(&self, doc: &str, id: u32) -> Result<JsValue, JsValue> {
        answer(view::span(self.session.workspace(), doc, id))
    }

    /// The spans overlapping the UTF-16 range `[from, to)`, in reading order: what the page
    /// paints for the text it has on screen. Costs what the range holds, not the document.
    #[wasm_bindgen(js_name = spansIn, unchecked_return_type = "SpanView[]")]
    pub fn spans_in(&self, doc: &str, from: usize, to: usize) -> Result<JsValue, JsValue> {
        answer(view::spans_in(self.session.workspace(), doc, from, to))
    }

    /// `count` spans from place `first` in reading order (a page of the span list).
    #[wasm_bindgen(js_name = spanRows, unchecked_return_type = "SpanView[]")]
    pub fn span_rows(&self, doc: &str, first: usize, count: usize) -> Result<JsValue, JsValue> {
        answer(view::span_rows(self.session.workspace(), doc, first, count))
    }

    #[wasm_bindgen(js_name = spanCount)]
    pub fn span_count(&self, doc: &str) -> Result<usize, JsValue> {
        Ok(self.session.workspace().doc(doc).map_err(|e| refusal(&e))?.spans.len())
    }

    /// The place of span `id` in reading order, or undefined.
    #[wasm_bindgen(js_name = spanIndex)]
    pub fn span_index(&self, doc: &str, id: u32) -> Result<Option<usize>, JsValue> {
        view::span_index(self.session.workspace(), doc, id).map_err(|e| refusal(&e))
    }

    /// Ids of the spans over the character at UTF-16 position `pos`, outermost first.
    #[wasm_bindgen(js_name = spansAt)]
    pub fn spans_at(&self, doc: &str, pos: usize) -> Result<Vec<u32>, JsValue> {
        view::spans_at_utf16(self.session.workspace(), doc, pos).map_err(|e| refusal(&e))
    }

    /// The UTF-16 position one word on from `pos`, for moving a keyboard caret by word.
    #[wasm_bindgen(js_name = wordBoundary)]
    pub fn word_boundary(&self, doc: &str, pos: usize, forward: bool) -> Result<usize, JsValue> {
        view::word_boundary_utf16(self.session.workspace(), doc, pos, forward).map_err(|e| refusal(&e))
    }

    /// Whole-word matches of `needle` in `doc` (normalised matching), as UTF-16 start, end pairs.
    pub fn find(&self, doc: &str, needle: &str) -> Result<Vec<usize>, JsValue> {
        let found = view::find_utf16(self.session.workspace(), self.session.search(), doc, needle).map_err(|e| refusal(&e))?;
        Ok(found.into_iter().flat_map(|(s, e)| [s, e]).collect())
    }

    /// How often `needle` occurs in every document, or undefined while the search index is
    /// still being built (see `indexFor`).
    #[wasm_bindgen(js_name = searchCounts, unchecked_return_type = "Counts | undefined")]
    pub fn search_counts(&self, needle: &str) -> Result<JsValue, JsValue> {
        to_js(&self.session.search().counts(self.session.workspace(), needle))
    }

    /// The ids of the documents where `needle` occurs, in the list's order, or undefined
    /// while the search index is still being built.
    #[wasm_bindgen(js_name = documentsWith, unchecked_return_type = "string[] | undefined")]
    pub fn documents_with(&self, needle: &str) -> Result<JsValue, JsValue> {
        to_js(&view::documents_with(self.session.workspace(), self.session.search(), needle))
    }

    /// Builds the search index (and counts the known entities) for about `budget_ms`
    /// milliseconds; true once every document is in it.
    #[wasm_bindgen(js_name = indexFor)]
    pub fn index_for(&mut self, budget_ms: f64) -> bool {
        let until = self.clock.now() + budget_ms;
        while self.session.index_step() {
            if self.clock.now() >= until {
                return false;
            }
        }
        true
    }

    /// The pending suggestions in `doc` (UTF-16 edges), with the `key`s intents name them by.
    #[wasm_bindgen(unchecked_return_type = "SuggestionView[]")]
    pub fn suggestions(&self, doc: &str) -> Result<JsValue, JsValue> {
        answer(view::suggestions(self.session.workspace(), doc, self.session.suggestions()))
    }

    /// How many suggestions are pending in all documents.
    #[wasm_bindgen(js_name = suggestionCount)]
    pub fn suggestion_count(&self) -> usize {
        self.session.suggestions().len()
    }

    /// The name recorded on new spans.
    pub fn annotator(&self) -> Option<String> {
        self.session.workspace().annotator().map(String::from)
    }

    /// Panics on purpose, so that the end-to-end tests can check the page survives a panic
    /// in the core with the saved work intact. Nothing in the page calls it.
    #[wasm_bindgen(js_name = panicForTesting)]
    pub fn panic_for_testing(&self) {
        panic!("deliberate panic for the end-to-end test of the crash path");
    }
}
