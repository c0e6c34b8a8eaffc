//! The exchange module's boundary (feature `exchange`, its own Wasm module, loaded the first
//! time the page exports to or imports from another format, or compares annotators): every
//! export format as one download (with what it could not carry), imports of every format
//! turned into the canonical JSON the page's session imports through its
//! confirm-before-replace flow, agreement between annotators' files, and adjudication of two
//! annotators' work into a gold file that records who decided what; and the corpus report
//! (counts, top entities, inconsistencies and their fixes) on the session's work.
//!
//! It holds no state and shares no memory with the annotator: work crosses as the canonical
//! export's bytes, files as `{ name, format, predictions, files: [{ name, bytes }] }`,
//! downloads as `{ name, blob }`, results as plain JS values, refusals as coded errors.

use super::{blob, from_js, refusal, to_js};
use crate::annotations::labels::Label;
use crate::exchange::adjudicate::{self, Decision, DecisionsFile, Undecided};
use crate::exchange::agree::{self, Printed};
use crate::exchange::names::{self, Stamp};
use crate::exchange::zip::DosTime;
use crate::exchange::{self, ExportOptions, Format, ImportOptions, Imported, Note, canonical};
use crate::session::utf16;
use crate::suggest::consistency;
use crate::text::clean::clean_selection;
use crate::text::offsets::TextIndex;
use crate::{Error, Workspace};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// One file the page read.
#[derive(Deserialize, tsify::Tsify)]
pub struct InFile {
    pub name: String,
    #[serde(with = "serde_bytes")]
    #[tsify(type = "Uint8Array")]
    pub bytes: Vec<u8>,
}

/// One set of files the page read: an import, or one annotator's work. `name` names the
/// annotator; `files` is one file, or a set: a brat collection's `.txt`, `.ann` and `.conf`
/// files, Hugging Face records and their label names, WebAnno documents.
#[derive(Deserialize, tsify::Tsify)]
pub struct Source {
    #[serde(default)]
    pub name: String,
    pub format: Format,
    #[serde(default)]
    pub predictions: bool,
    pub files: Vec<InFile>,
}

/// A download: its file name and contents.
#[derive(Serialize)]
struct Download {
    name: String,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    blob: web_sys::Blob,
}

fn download(name: String, bytes: &[u8], mime: &str) -> Result<Download, JsValue> {
    Ok(Download { name, blob: blob(bytes, mime)? })
}

/// The download's type: one file, or a `.zip` of several (one WebAnno document is its `.tsv`).
fn mime(format: Format, name: &str) -> &'static str {
    if name.ends_with(".zip") {
        return "application/zip";
    }
    match format {
        Format::Alama | Format::LabelStudio => "application/json",
        Format::Jsonl | Format::Prodigy => "application/jsonl",
        Format::Conll => "text/plain",
        Format::Webanno => "text/tab-separated-values",
        Format::Brat | Format::Hf => "application/zip",
    }
}

/// Reads a set of files as its format; nothing is applied.
fn read(source: &Source) -> Result<Imported, Error> {
    let files: Vec<(String, Vec<u8>)> = source.files.iter().map(|f| (f.name.clone(), f.bytes.clone())).collect();
    exchange::import(source.format, &files, ImportOptions { predictions: source.predictions })
}

/// What a set of files holds, for the page's messages.
#[derive(Serialize)]
struct Summary<'a> {
    /// The canonical JSON of what was read, for the session's `startImport` (only when
    /// asked for: `readAsAlama`).
    #[serde(skip_serializing_if = "Option::is_none")]
    json: Option<String>,
    format: Format,
    documents: usize,
    spans: usize,
    /// What the import ignored, converted or guessed.
    notes: &'a [Note],
    /// The one annotator name on every span, if there is one (what `alama agree` names a
    /// file by).
    annotator: Option<String>,
}

fn summary(format: Format, imported: &Imported) -> Summary<'_> {
    let ws = &imported.workspace;
    let mut who = ws.documents().iter().flat_map(|d| d.spans.iter()).map(|s| s.annotator.as_deref());
    let first = who.next().flatten();
    let annotator = first.filter(|n| who.all(|w| w == Some(*n))).map(String::from);
    Summary {
        json: None,
        format,
        documents: ws.documents().len(),
        spans: ws.documents().iter().map(|d| d.spans.len()).sum(),
        notes: &imported.notes,
        annotator,
    }
}

/// A disagreement's line of context: the text before, inside and after it, where the
/// line starts in the document (code points), and whether it was cut on either side.
#[derive(Serialize)]
struct Context<'a> {
    before: &'a str,
    inside: &'a str,
    after: &'a str,
    start: usize,
    cut_before: bool,
    cut_after: bool,
}

#[derive(Serialize)]
struct Shown<'a> {
    comparison: &'a adjudicate::Comparison,
    /// Per document of the comparison, per disagreement.
    context: Vec<Vec<Context<'a>>>,
    /// The labels an edited span may take (both files' label sets).
    labels: Vec<&'a Label>,
}

/// An annotator's name and work.
type Named = (String, Workspace);

fn read_pair(a: JsValue, b: JsValue) -> Result<(Named, Named), JsValue> {
    let (a, b): (Source, Source) = (from_js(a, "the files of A")?, from_js(b, "the files of B")?);
    let (na, nb) = (a.name.trim().to_string(), b.name.trim().to_string());
    if na == nb {
        return Err(refusal(&agree::AgreeError::SameName { name: na }));
    }
    let wa = read(&a).map_err(|e| refusal(&e))?.workspace;
    let wb = read(&b).map_err(|e| refusal(&e))?.workspace;
    Ok(((na, wa), (nb, wb)))
}

/// The work in `alama` (the session's canonical export, as bytes) in `format`, named for
/// the workspace `workspace` at `stamp`, as one download: `{ name, blob, lost }`.
#[wasm_bindgen(js_name = exportAs, unchecked_return_type = "{ name: string, blob: Blob, lost: Note[] }")]
pub fn export_as(
    alama: &[u8],
    #[wasm_bindgen(unchecked_param_type = "Format")] format: JsValue,
    predictions: bool,
    workspace: &str,
    #[wasm_bindgen(unchecked_param_type = "Stamp")] stamp: JsValue,
) -> Result<JsValue, JsValue> {
    let format: Format = from_js(format, "the format")?;
    let stamp: Stamp = from_js(stamp, "the time")?;
    let json = std::str::from_utf8(alama).map_err(|_| {
        refusal(&Error::from(crate::error::RequestProblem::Unreadable { what: "the workspace".into(), detail: "not UTF-8".into() }))
    })?;
    let ws = canonical::from_json("the workspace", json).map_err(|e| refusal(&e))?;
    let base = names::export_base(workspace, format, predictions, &stamp);
    let mut exported = exchange::export(&ws, format, &ExportOptions { as_predictions: predictions, base_name: base.clone() });
    let lost = std::mem::take(&mut exported.lost);
    let time =
        DosTime { year: stamp.year, month: stamp.month, day: stamp.day, hour: stamp.hour, minute: stamp.minute, second: stamp.second };
    let file = exported.into_one_file(&format!("{base}.zip"), time).map_err(|e| refusal(&e))?;
    #[derive(Serialize)]
    struct Out {
        #[serde(flatten)]
        download: Download,
        lost: Vec<Note>,
    }
    let kind = mime(format, &file.path);
    to_js(&Out { download: download(file.path, &file.bytes, kind)?, lost })
}

/// Reads `{ format, predictions, files }` and says what it holds (`format`, `documents`,
/// `spans`, `notes`, `annotator`); nothing changes.
#[wasm_bindgen(js_name = readFiles)]
pub fn read_files(#[wasm_bindgen(unchecked_param_type = "Source")] files: JsValue) -> Result<JsValue, JsValue> {
    let source: Source = from_js(files, "the files to read")?;
    let imported = read(&source).map_err(|e| refusal(&e))?;
    to_js(&summary(source.format, &imported))
}

/// Reads and checks files of any format (as `readFiles`) and adds `json`: their work as
/// canonical JSON, which the page gives the session's `startImport` to check, confirm and apply.
#[wasm_bindgen(js_name = readAsAlama)]
pub fn read_as_alama(#[wasm_bindgen(unchecked_param_type = "Source")] files: JsValue) -> Result<JsValue, JsValue> {
    let source: Source = from_js(files, "the files to read")?;
    let imported = read(&source).map_err(|e| refusal(&e))?;
    to_js(&Summary { json: Some(canonical::to_json(&imported.workspace)), ..summary(source.format, &imported) })
}

/// Agreement between two or more annotators' files (`[{ name, format, files }]`), as
/// `alama agree --json` reports it, with every pair's figures as `alama agree` prints them
/// (`printed`: per pair, `overall` and per label).
#[wasm_bindgen]
pub fn agreement(#[wasm_bindgen(unchecked_param_type = "Source[]")] annotators: JsValue) -> Result<JsValue, JsValue> {
    let sources: Vec<Source> = from_js(annotators, "the annotators' files")?;
    let mut loaded: Vec<Named> = vec![];
    for source in &sources {
        loaded.push((source.name.trim().to_string(), read(source).map_err(|e| refusal(&e))?.workspace));
    }
    let annotators: Vec<agree::Annotator> = loaded.iter().map(|(name, ws)| agree::Annotator { name, workspace: ws }).collect();
    let report = agree::agreement(&annotators, false).map_err(|e| refusal(&e))?;
    #[derive(Serialize)]
    struct PrintedPair {
        overall: Printed,
        labels: Vec<(String, Printed)>,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        report: &'a agree::Report,
        printed: Vec<PrintedPair>,
    }
    let printed = report
        .pairs
        .iter()
        .map(|p| PrintedPair { overall: p.overall.printed(), labels: p.labels.0.iter().map(|(l, s)| (l.clone(), s.printed())).collect() })
        .collect();
    to_js(&Out { report: &report, printed })
}

/// The disagreements between annotators `a` and `b` (`{ name, format, files }` each):
/// `{ comparison, context, labels }`, in the comparison's terms (document ids of A,
/// disagreement numbers from 1).
#[wasm_bindgen(js_name = compareFiles)]
pub fn compare_files(
    #[wasm_bindgen(unchecked_param_type = "Source")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Source")] b: JsValue,
) -> Result<JsValue, JsValue> {
    let ((na, wa), (nb, wb)) = read_pair(a, b)?;
    let comparison = adjudicate::compare(&na, &wa, &nb, &wb);
    let width = adjudicate::CONTEXT;
    let context = comparison
        .documents
        .iter()
        .map(|d| {
            let doc = wa.documents().iter().find(|x| x.doc.sha256() == d.sha256).map(|x| &x.doc);
            let len = doc.map_or(0, |d| d.len_chars());
            d.disagreements
                .iter()
                .map(|g| {
                    let slice = |s: usize, e: usize| doc.and_then(|doc| doc.slice(s, e.min(len))).unwrap_or_default();
                    let start = g.start.saturating_sub(width);
                    Context {
                        before: slice(start, g.start),
                        inside: slice(g.start, g.end),
                        after: slice(g.end, g.end + width),
                        start,
                        cut_before: start > 0,
                        cut_after: g.end + width < len,
                    }
                })
                .collect()
        })
        .collect();
    let mut labels: Vec<&Label> = wa.labels().iter().collect();
    labels.extend(wb.labels().iter().filter(|l| !wa.labels().iter().any(|x| x.id == l.id)));
    to_js(&Shown { comparison: &comparison, context, labels })
}

/// The words selected in a disagreement's context line (`line`, starting at code point
/// `line_start` of the document; the selection `[from, to)` in UTF-16 units of the line),
/// cleaned as any selection is: `{ start, end, text }` in the document's code points, or
/// undefined when nothing but spaces and punctuation is selected.
#[wasm_bindgen(js_name = contextSelection, unchecked_return_type = "{ start: number, end: number, text: string } | undefined")]
pub fn context_selection(line: &str, line_start: usize, from: usize, to: usize) -> Result<JsValue, JsValue> {
    let (from, to) = utf16::in_text_to_core(line, from, to).map_err(|e| refusal(&e))?;
    let index = TextIndex::new(line);
    let Ok((s, e)) = clean_selection(line, &index, from, to) else { return Ok(JsValue::UNDEFINED) };
    #[derive(Serialize)]
    struct Draft<'a> {
        start: usize,
        end: usize,
        text: &'a str,
    }
    to_js(&Draft { start: line_start + s, end: line_start + e, text: index.slice(line, s, e).unwrap_or_default() })
}

/// What every adjudication call reads: both annotators' work, the decisions made so far and
/// the time to name its file after.
fn adjudicated(a: JsValue, b: JsValue, decided: JsValue, stamp: JsValue) -> Result<(Named, Named, Vec<Decision>, Stamp), JsValue> {
    let (a, b) = read_pair(a, b)?;
    Ok((a, b, from_js(decided, "the decisions")?, from_js(stamp, "the time")?))
}

/// The decisions made so far on `a` and `b`'s disagreements as a file `alama merge -d`
/// reads: `{ name, blob }`.
#[wasm_bindgen(js_name = decisionsFile, unchecked_return_type = "{ name: string, blob: Blob }")]
pub fn decisions_file(
    #[wasm_bindgen(unchecked_param_type = "Source")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Source")] b: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Decision[]")] decided: JsValue,
    adjudicator: &str,
    #[wasm_bindgen(unchecked_param_type = "Stamp")] stamp: JsValue,
) -> Result<JsValue, JsValue> {
    let ((na, wa), (nb, wb), decided, stamp) = adjudicated(a, b, decided, stamp)?;
    let file = DecisionsFile::new(&adjudicate::compare(&na, &wa, &nb, &wb), &decided, Some(adjudicator));
    to_js(&download(names::decisions(&na, &nb, &stamp), file.to_json().as_bytes(), "application/json")?)
}

/// Merges `a` and `b` into gold with the decisions made (every disagreement needs one),
/// decided by `adjudicator`: the gold file (`gold`, and its canonical `json`), the record of
/// who decided what, span by span (`sources`, and its download `record`), and what it holds.
#[wasm_bindgen(js_name = mergeFiles)]
pub fn merge_files(
    #[wasm_bindgen(unchecked_param_type = "Source")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Source")] b: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Decision[]")] decided: JsValue,
    adjudicator: &str,
    #[wasm_bindgen(unchecked_param_type = "Stamp")] stamp: JsValue,
) -> Result<JsValue, JsValue> {
    let ((na, wa), (nb, wb), decided, stamp) = adjudicated(a, b, decided, stamp)?;
    let merged = adjudicate::merge((&na, &wa), (&nb, &wb), &decided, adjudicator, Undecided::Fail).map_err(|e| refusal(&e))?;
    let ws = &merged.workspace;
    let base = names::gold_base(&na, &nb, &stamp);
    let json = canonical::to_json(ws);
    let record = serde_json::to_string_pretty(&merged.sources).map(|s| s + "\n").unwrap_or_default();
    #[derive(Serialize)]
    struct Gold<'a> {
        gold: Download,
        json: String,
        record: Download,
        sources: &'a [adjudicate::Source],
        notes: &'a [Note],
        documents: usize,
        spans: usize,
    }
    to_js(&Gold {
        gold: download(format!("{base}.json"), json.as_bytes(), "application/json")?,
        record: download(format!("{base}-sources.json"), record.as_bytes(), "application/json")?,
        json,
        sources: &merged.sources,
        notes: &merged.notes,
        documents: ws.documents().len(),
        spans: ws.documents().iter().map(|d| d.spans.len()).sum(),
    })
}

/// The corpus report (`alama stats --consistency`) on the work in `alama` (the session's
/// canonical export, as bytes), with every position in UTF-16 code units for the page: the
/// counts, the top entities and the inconsistencies with the fixes the page sends back to
/// the session as intents.
#[wasm_bindgen(js_name = corpusReport, unchecked_return_type = "CorpusReport")]
pub fn corpus_report(alama: &[u8]) -> Result<JsValue, JsValue> {
    let json = std::str::from_utf8(alama).map_err(|_| {
        refusal(&Error::from(crate::error::RequestProblem::Unreadable { what: "the workspace".into(), detail: "not UTF-8".into() }))
    })?;
    let ws = canonical::from_json("the workspace", json).map_err(|e| refusal(&e))?;
    let mut report = consistency::report(&ws);
    report_to_page(&ws, &mut report).map_err(|e| refusal(&e))?;
    to_js(&report)
}

/// Converts every position of `report` on `ws` from code points to UTF-16.
fn report_to_page(ws: &Workspace, report: &mut consistency::CorpusReport) -> Result<(), Error> {
    let pair = |doc: &str, start: &mut usize, end: &mut usize| -> Result<(), Error> {
        (*start, *end) = utf16::pair_to_page(&ws.doc(doc)?.doc, (*start, *end))?;
        Ok(())
    };
    let places = report.entities.iter_mut().flat_map(|l| l.entities.iter_mut()).flat_map(|e| e.places.iter_mut());
    for p in places.chain(report.findings.iter_mut().flat_map(|f| f.places.iter_mut())) {
        pair(&p.doc, &mut p.start, &mut p.end)?;
    }
    for fix in report.findings.iter_mut().flat_map(|f| f.fixes.iter_mut()) {
        match fix {
            consistency::Fix::Relabel { .. } => {}
            consistency::Fix::Suggest { spots, .. } => spots.iter_mut().try_for_each(|s| pair(&s.doc, &mut s.start, &mut s.end))?,
            consistency::Fix::Align { spans, .. } => spans.iter_mut().try_for_each(|s| pair(&s.doc, &mut s.start, &mut s.end))?,
        }
    }
    Ok(())
}
