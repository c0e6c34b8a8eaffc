//! The exchange module's boundary (feature `exchange`, its own Wasm module, loaded the first
//! time the page exports to or imports from another format, or compares annotators): every
//! export format as one download (with what it could not carry), imports of every format
//! turned into the canonical JSON the page's annotator imports through its
//! confirm-before-replace flow, agreement between annotators' files, and adjudication of two
//! annotators' work into a gold file that records who decided what.
//!
//! It holds no state and shares no memory with the annotator: work crosses as canonical JSON
//! text, files as `{ name, bytes }` objects (bytes a `Uint8Array`), results as plain JS
//! values, and errors as `JsError`s carrying the core's message.

use super::{js_err, to_js};
use crate::Workspace;
use crate::exchange::adjudicate::{self, Decision, Undecided};
use crate::exchange::agree;
use crate::exchange::{self, ExportOptions, Format, ImportOptions, Imported, canonical, zip::DosTime};
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Code points of context shown on each side of a disagreement.
const CONTEXT: usize = 40;

/// One set of files the page read: an import, or one annotator's work. `name` names the
/// annotator; `files` is one file, or a brat collection's `.txt`, `.ann` and `.conf` files.
struct Source {
    name: String,
    format: String,
    predictions: bool,
    files: Vec<(String, Vec<u8>)>,
}

fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn malformed(what: &str) -> JsError {
    JsError::new(&format!("The files to read are malformed: {what}."))
}

/// Reads `{ name, format, predictions, files: [{ name, bytes }] }` as the page passes it.
fn source(value: &JsValue) -> Result<Source, JsError> {
    let format = field(value, "format").as_string().ok_or_else(|| malformed("there is no format"))?;
    let list = field(value, "files");
    if !Array::is_array(&list) {
        return Err(malformed("`files` is not a list"));
    }
    let mut files = vec![];
    for file in Array::from(&list).iter() {
        let name = field(&file, "name").as_string().ok_or_else(|| malformed("a file has no name"))?;
        let bytes = field(&file, "bytes")
            .dyn_into::<Uint8Array>()
            .map_err(|_| malformed(&format!("the bytes of “{name}” are not a Uint8Array")))?;
        files.push((name, bytes.to_vec()));
    }
    Ok(Source {
        name: field(value, "name").as_string().unwrap_or_default(),
        format,
        predictions: field(value, "predictions").is_truthy(),
        files,
    })
}

fn format_named(name: &str) -> Result<Format, JsError> {
    Format::from_name(name)
        .ok_or_else(|| JsError::new(&format!("“{name}” is not a format Alama reads (alama, jsonl, brat, label-studio, conll).")))
}

/// Reads a set of files as its format; nothing is applied.
fn read(source: Source) -> Result<(Format, Imported), JsError> {
    let format = format_named(&source.format)?;
    let imported = exchange::import(format, &source.files, ImportOptions { predictions: source.predictions }).map_err(js_err)?;
    Ok((format, imported))
}

/// What a set of files holds, for the page's messages.
#[derive(Serialize)]
struct Summary {
    /// The canonical JSON of what was read, for the annotator's `startImport` (only when
    /// asked for: `readAsAlama`).
    #[serde(skip_serializing_if = "Option::is_none")]
    json: Option<String>,
    format: Format,
    documents: usize,
    spans: usize,
    /// What the import ignored, converted or guessed, one sentence each.
    notes: Vec<String>,
    /// The one annotator name on every span, if there is one (what `alama agree` names a
    /// file by).
    annotator: Option<String>,
}

fn summary(format: Format, imported: &Imported) -> Summary {
    let ws = &imported.workspace;
    let mut who = ws.documents().iter().flat_map(|d| d.spans.iter()).map(|s| s.annotator.as_deref());
    let first = who.next().flatten();
    let annotator = first.filter(|n| who.all(|w| w == Some(*n))).map(String::from);
    Summary {
        json: None,
        format,
        documents: ws.documents().len(),
        spans: ws.documents().iter().map(|d| d.spans.len()).sum(),
        notes: imported.notes.iter().map(ToString::to_string).collect(),
        annotator,
    }
}

/// A disagreement's surroundings: the text before, inside and after it.
#[derive(Serialize)]
struct Context<'a> {
    before: &'a str,
    inside: &'a str,
    after: &'a str,
}

#[derive(Serialize)]
struct Shown<'a> {
    comparison: &'a adjudicate::Comparison,
    /// Per document of the comparison, per disagreement.
    context: Vec<Vec<Context<'a>>>,
    /// The labels an edited span may take (both files' label sets).
    labels: Vec<&'a crate::annotations::labels::Label>,
}

#[derive(Serialize)]
struct Gold<'a> {
    /// The canonical JSON of the gold workspace.
    json: String,
    sources: &'a [adjudicate::Source],
    notes: Vec<String>,
    documents: usize,
    spans: usize,
}

fn named(source: &Source) -> String {
    source.name.trim().to_string()
}

/// An annotator's name and work.
type Named = (String, Workspace);

fn read_pair(a: &JsValue, b: &JsValue) -> Result<(Named, Named), JsError> {
    let (a, b) = (source(a)?, source(b)?);
    let (na, nb) = (named(&a), named(&b));
    if na == nb {
        return Err(js_err(agree::AgreeError::SameName(na)));
    }
    Ok(((na, read(a)?.1.workspace), (nb, read(b)?.1.workspace)))
}

/// The work in `alama_json` (the annotator's canonical export) in `format` (`alama`,
/// `jsonl`, `brat`, `label-studio`, `conll`) as one download: `{ name, bytes, lost }`.
/// `base_name` names the file (and brat's folder in its zip); `time` is `[year, month, day,
/// hour, minute, second]` for the zip entries.
#[wasm_bindgen(js_name = exportAs)]
pub fn export_as(alama_json: &str, format: &str, predictions: bool, base_name: &str, time: &[u16]) -> Result<JsValue, JsError> {
    let format = format_named(format)?;
    let ws = canonical::from_json("the workspace", alama_json).map_err(js_err)?;
    let options = ExportOptions { as_predictions: predictions, base_name: base_name.into() };
    let exported = exchange::export(&ws, format, &options);
    let lost: Vec<String> = exported.lost.iter().map(ToString::to_string).collect();
    let part = |i: usize| time.get(i).copied().unwrap_or(0);
    let time = DosTime {
        year: part(0),
        month: part(1) as u8,
        day: part(2) as u8,
        hour: part(3) as u8,
        minute: part(4) as u8,
        second: part(5) as u8,
    };
    let file = exported.into_one_file(&format!("{base_name}.zip"), time).map_err(js_err)?;
    let out = Object::new();
    let set = |key: &str, value: &JsValue| {
        Reflect::set(&out, &JsValue::from_str(key), value)
            .map(drop)
            .map_err(|_| JsError::new("The download could not be handed to the page."))
    };
    set("name", &JsValue::from_str(&file.path))?;
    set("bytes", &Uint8Array::from(&file.bytes[..]))?;
    set("lost", &to_js(&lost)?)?;
    Ok(out.into())
}

/// Reads `{ format, predictions, files: [{ name, bytes }] }` and says what it holds
/// (`format`, `documents`, `spans`, `notes`, `annotator`); nothing changes.
#[wasm_bindgen(js_name = readFiles)]
pub fn read_files(files: &JsValue) -> Result<JsValue, JsError> {
    let (format, imported) = read(source(files)?)?;
    to_js(&summary(format, &imported))
}

/// Reads and checks files of any format (as `readFiles`) and adds `json`: their work as
/// canonical JSON, which the page gives the annotator's `startImport` to check, confirm and apply.
#[wasm_bindgen(js_name = readAsAlama)]
pub fn read_as_alama(files: &JsValue) -> Result<JsValue, JsError> {
    let (format, imported) = read(source(files)?)?;
    to_js(&Summary { json: Some(canonical::to_json(&imported.workspace)), ..summary(format, &imported) })
}

/// Agreement between two or more annotators' files (`[{ name, format, files }]`), as
/// `alama agree --json` reports it.
#[wasm_bindgen]
pub fn agreement(annotators: &JsValue) -> Result<JsValue, JsError> {
    let mut loaded: Vec<Named> = vec![];
    for value in Array::from(annotators).iter() {
        let source = source(&value)?;
        let name = named(&source);
        loaded.push((name, read(source)?.1.workspace));
    }
    let annotators: Vec<agree::Annotator> = loaded.iter().map(|(name, ws)| agree::Annotator { name, workspace: ws }).collect();
    to_js(&agree::agreement(&annotators, false).map_err(js_err)?)
}

/// The disagreements between annotators `a` and `b` (`{ name, format, files }` each):
/// `{ comparison, context, labels }`, with the decisions' template in the comparison's
/// terms (document ids of A, disagreement numbers from 1).
#[wasm_bindgen(js_name = compareFiles)]
pub fn compare_files(a: &JsValue, b: &JsValue) -> Result<JsValue, JsError> {
    let ((na, wa), (nb, wb)) = read_pair(a, b)?;
    let comparison = adjudicate::compare(&na, &wa, &nb, &wb);
    let context = comparison
        .documents
        .iter()
        .map(|d| {
            let doc = wa.documents().iter().find(|x| x.doc.sha256() == d.sha256).map(|x| &x.doc);
            d.disagreements
                .iter()
                .map(|g| {
                    let slice = |s: usize, e: usize| doc.and_then(|doc| doc.slice(s, e.min(doc.len_chars()))).unwrap_or_default();
                    Context {
                        before: slice(g.start.saturating_sub(CONTEXT), g.start),
                        inside: slice(g.start, g.end),
                        after: slice(g.end, g.end + CONTEXT),
                    }
                })
                .collect()
        })
        .collect();
    let mut labels: Vec<&crate::annotations::labels::Label> = wa.labels().iter().collect();
    labels.extend(wb.labels().iter().filter(|l| !wa.labels().iter().any(|x| x.id == l.id)));
    to_js(&Shown { comparison: &comparison, context, labels })
}

/// Merges `a` and `b` into gold with `decisions` (JSON: a list of decisions, as in the
/// template `alama merge --template` writes), decided by `adjudicator`. Every
/// disagreement needs a decision. Returns `{ json, sources, notes, documents, spans }`:
/// the gold file (canonical JSON) and, span by span, who decided what.
#[wasm_bindgen(js_name = mergeFiles)]
pub fn merge_files(a: &JsValue, b: &JsValue, decisions: &str, adjudicator: &str) -> Result<JsValue, JsError> {
    let ((na, wa), (nb, wb)) = read_pair(a, b)?;
    let decisions: Vec<Decision> =
        serde_json::from_str(decisions).map_err(|e| JsError::new(&format!("The decisions are malformed: {e}.")))?;
    let merged = adjudicate::merge((&na, &wa), (&nb, &wb), &decisions, adjudicator, Undecided::Fail).map_err(js_err)?;
    let ws = &merged.workspace;
    to_js(&Gold {
        json: canonical::to_json(ws),
        sources: &merged.sources,
        notes: merged.notes.iter().map(ToString::to_string).collect(),
        documents: ws.documents().len(),
        spans: ws.documents().iter().map(|d| d.spans.len()).sum(),
    })
}
