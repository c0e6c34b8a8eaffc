//! The browser boundary: a thin wasm-bindgen wrapper over [`Workspace`] and [`crate::view`].
//! Positions cross it in UTF-16 code units (what the DOM counts) and are converted to code
//! points inside the core; errors cross it as `JsError`s carrying the core's message.

use crate::export::canonical;
use crate::persist::{Record, Snapshot};
use crate::{view, Error, Workspace};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn js_err(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

#[derive(Serialize)]
struct RestoreReport {
    applied: usize,
    total: usize,
    problem: Option<String>,
}

#[derive(Serialize)]
struct ImportSummary {
    documents: usize,
    spans: usize,
}

#[wasm_bindgen]
pub struct Annotator {
    ws: Workspace,
    /// An import read and checked, waiting for the user to confirm it.
    pending_import: Option<Workspace>,
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
        Annotator { ws: Workspace::new(), pending_import: None }
    }

    /// Opens a file's bytes (strict UTF-8) as a new document; returns its id.
    #[wasm_bindgen(js_name = openFile)]
    pub fn open_file(&mut self, name: &str, bytes: &[u8]) -> Result<String, JsError> {
        self.ws.open_file(name, bytes).map_err(js_err)
    }

    pub fn labels(&self) -> Result<JsValue, JsError> {
        to_js(&self.ws.labels())
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

    /// Tags the selection `[start, end)` (UTF-16 code units); returns the new span's id.
    pub fn tag(&mut self, doc: &str, start: usize, end: usize, label: &str) -> Result<u32, JsError> {
        view::tag_utf16(&mut self.ws, doc, start, end, label).map_err(js_err)
    }

    pub fn relabel(&mut self, doc: &str, span: u32, label: &str) -> Result<(), JsError> {
        self.ws.relabel(doc, span, label).map_err(js_err)
    }

    pub fn remove(&mut self, doc: &str, span: u32) -> Result<(), JsError> {
        self.ws.remove(doc, span).map_err(js_err)
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

    /// Replaces the workspace with an export's contents; on error nothing changes.
    #[wasm_bindgen(js_name = importJson)]
    pub fn import_json(&mut self, file_name: &str, json: &str) -> Result<(), JsError> {
        self.prepare_import(file_name, json)?;
        self.commit_import()
    }

    /// Reads and checks an export without applying it, so that the page can ask before
    /// replacing the workspace; returns what it holds (`documents`, `spans`).
    #[wasm_bindgen(js_name = prepareImport)]
    pub fn prepare_import(&mut self, file_name: &str, json: &str) -> Result<JsValue, JsError> {
        let imported = canonical::from_json(file_name, json).map_err(js_err)?;
        let spans = imported.documents().iter().map(|d| d.spans.len()).sum();
        let summary = ImportSummary { documents: imported.documents().len(), spans };
        self.pending_import = Some(imported);
        to_js(&summary)
    }

    /// Applies the import [`Annotator::prepare_import`] checked.
    #[wasm_bindgen(js_name = commitImport)]
    pub fn commit_import(&mut self) -> Result<(), JsError> {
        let imported = self.pending_import.take().ok_or_else(|| JsError::new("There is no checked import to apply."))?;
        self.ws.replace_with(imported);
        Ok(())
    }

    #[wasm_bindgen(js_name = discardImport)]
    pub fn discard_import(&mut self) {
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

    /// The changes made since the last call, one JSON record each, for the page's journal.
    #[wasm_bindgen(js_name = takeJournal)]
    pub fn take_journal(&mut self) -> Vec<String> {
        self.ws.take_journal().iter().filter_map(|r| serde_json::to_string(r).ok()).collect()
    }

    /// Everything, undo history included, as JSON: what the journal compacts into.
    pub fn snapshot(&self) -> String {
        serde_json::to_string(&self.ws.snapshot()).unwrap_or_default()
    }

    /// Rebuilds the workspace from a stored snapshot (if any) and the journal since. Replay
    /// stops at the first record that cannot be applied; the result says how far it got.
    pub fn restore(&mut self, snapshot: Option<String>, records: Vec<String>) -> Result<JsValue, JsError> {
        let mut ws = match snapshot {
            Some(json) => {
                let snapshot: Snapshot = serde_json::from_str(&json)
                    .map_err(|e| JsError::new(&format!("The saved workspace could not be read ({e}).")))?;
                Workspace::from_snapshot(snapshot).map_err(js_err)?
            }
            None => Workspace::new(),
        };
        let mut report = RestoreReport { applied: 0, total: records.len(), problem: None };
        for (i, json) in records.iter().enumerate() {
            let replayed = serde_json::from_str::<Record>(json)
                .map_err(|e| e.to_string())
                .and_then(|r| ws.replay(r).map_err(|e| e.to_string()));
            if let Err(problem) = replayed {
                report.problem = Some(format!("saved change {} of {} could not be replayed: {problem}", i + 1, records.len()));
                break;
            }
            report.applied += 1;
        }
        self.ws = ws;
        to_js(&report)
    }

    /// Panics on purpose, so that the end-to-end tests can check the page survives a panic
    /// in the core with the saved work intact. Nothing in the page calls it.
    #[wasm_bindgen(js_name = panicForTesting)]
    pub fn panic_for_testing(&self) {
        panic!("deliberate panic for the end-to-end test of the crash path");
    }
}
