//! The browser boundary for exchanging work with other tools and other annotators: every
//! export format as one download (with what it could not carry), imports of every format
//! through the page's confirm-before-replace flow, agreement between annotators' files, and
//! adjudication of two annotators' work into a gold file that records who decided what.
//!
//! Like [`crate::web`], it stays thin: files cross it as `{ name, bytes }` objects (bytes a
//! `Uint8Array`), results as plain JS values or strings, and errors as `JsError`s carrying
//! the core's message. Nothing here keeps state of its own: the page holds the annotators'
//! files and passes them again for each figure or merge. An import is staged through the
//! canonical JSON, so that [`Annotator::commit_import`] and `discardImport` apply it as
//! they apply a canonical one.

use crate::adjudicate::{self, Decision, Undecided};
use crate::agree;
use crate::export::{self, canonical, zip::DosTime, ExportOptions, Format, ImportOptions, Imported};
use crate::web::Annotator;
use crate::Workspace;
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use wasm_bindgen::prelude::*;

/// Code points of context shown on each side of a disagreement.
const CONTEXT: usize = 40;

fn js_err(e: impl fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_err)
}

/// One set of files the page read: an import, or one annotator's work. `name` names the
/// annotator; `files` is one file, or a brat collection's `.txt`, `.ann` and `.conf` files.
#[derive(Deserialize)]
struct Source {
    #[serde(default)]
    name: String,
    format: String,
    #[serde(default)]
    predictions: bool,
    files: Vec<InFile>,
}

#[derive(Deserialize)]
struct InFile {
    name: String,
    bytes: Bytes,
}

/// A `Uint8Array`'s bytes.
struct Bytes(Vec<u8>);

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
        struct Raw;
        impl Visitor<'_> for Raw {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Uint8Array")
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
        }
        d.deserialize_byte_buf(Raw)
    }
}

/// Bytes that cross to JS as a `Uint8Array`.
struct Out<'a>(&'a [u8]);

impl Serialize for Out<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

fn source(value: JsValue) -> Result<Source, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("The files to read are malformed: {e}.")))
}

fn format_named(name: &str) -> Result<Format, JsError> {
    Format::from_name(name).ok_or_else(|| JsError::new(&format!("“{name}” is not a format Alama reads (alama, jsonl, brat, label-studio, conll).")))
}

/// Reads a set of files as its format; nothing is applied.
fn read(source: Source) -> Result<(Format, Imported), JsError> {
    let format = format_named(&source.format)?;
    let files: Vec<(String, Vec<u8>)> = source.files.into_iter().map(|f| (f.name, f.bytes.0)).collect();
    let imported = export::import(format, &files, ImportOptions { predictions: source.predictions }).map_err(js_err)?;
    Ok((format, imported))
}

/// What a set of files holds, for the page's messages.
#[derive(Serialize)]
struct Summary {
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
        format,
        documents: ws.documents().len(),
        spans: ws.documents().iter().map(|d| d.spans.len()).sum(),
        notes: imported.notes.iter().map(ToString::to_string).collect(),
        annotator,
    }
}

#[derive(Serialize)]
struct Download<'a> {
    name: &'a str,
    bytes: Out<'a>,
    /// What the format could not carry, one sentence each.
    lost: Vec<String>,
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
    labels: Vec<&'a crate::labels::Label>,
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

fn read_pair(a: JsValue, b: JsValue) -> Result<(Named, Named), JsError> {
    let (a, b) = (source(a)?, source(b)?);
    let (na, nb) = (named(&a), named(&b));
    if na == nb {
        return Err(js_err(agree::AgreeError::SameName(na)));
    }
    Ok(((na, read(a)?.1.workspace), (nb, read(b)?.1.workspace)))
}

#[wasm_bindgen]
impl Annotator {
    /// Every document in `format` (`alama`, `jsonl`, `brat`, `label-studio`, `conll`) as one
    /// download: `{ name, bytes, lost }`. `base_name` names the file (and brat's folder in
    /// its zip); `time` is `[year, month, day, hour, minute, second]` for the zip entries.
    #[wasm_bindgen(js_name = exportAs)]
    pub fn export_as(&self, format: &str, predictions: bool, base_name: &str, time: &[u16]) -> Result<JsValue, JsError> {
        let format = format_named(format)?;
        let options = ExportOptions { as_predictions: predictions, base_name: base_name.into() };
        let exported = export::export(&self.ws, format, &options);
        let lost = exported.lost.iter().map(ToString::to_string).collect();
        let part = |i: usize| time.get(i).copied().unwrap_or(0);
        let time = DosTime { year: part(0), month: part(1) as u8, day: part(2) as u8, hour: part(3) as u8, minute: part(4) as u8, second: part(5) as u8 };
        let file = exported.into_one_file(&format!("{base_name}.zip"), time).map_err(js_err)?;
        // Not `to_js`: its JSON-compatible serializer writes bytes as an array of numbers.
        Download { name: &file.path, bytes: Out(&file.bytes), lost }.serialize(&serde_wasm_bindgen::Serializer::new()).map_err(js_err)
    }

    /// Reads `{ format, predictions, files: [{ name, bytes }] }` and says what it holds
    /// (`format`, `documents`, `spans`, `notes`, `annotator`); nothing changes.
    #[wasm_bindgen(js_name = readFiles)]
    pub fn read_files(&self, files: JsValue) -> Result<JsValue, JsError> {
        let (format, imported) = read(source(files)?)?;
        to_js(&summary(format, &imported))
    }

    /// Reads and checks files of any format (as `readFiles`) and keeps them as the pending
    /// import that `commitImport` applies and `discardImport` drops.
    #[wasm_bindgen(js_name = prepareImportAs)]
    pub fn prepare_import_as(&mut self, files: JsValue) -> Result<JsValue, JsError> {
        let source = source(files)?;
        let name = source.files.first().map(|f| f.name.clone()).unwrap_or_default();
        let (format, imported) = read(source)?;
        self.prepare_import(&name, &canonical::to_json(&imported.workspace))?;
        to_js(&summary(format, &imported))
    }

    /// Agreement between two or more annotators' files (`[{ name, format, files }]`), as
    /// `alama agree --json` reports it.
    pub fn agreement(&self, annotators: JsValue) -> Result<JsValue, JsError> {
        let sources: Vec<JsValue> = js_sys::Array::from(&annotators).to_vec();
        let mut loaded: Vec<Named> = vec![];
        for value in sources {
            let source = source(value)?;
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
    pub fn compare_files(&self, a: JsValue, b: JsValue) -> Result<JsValue, JsError> {
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
                        Context { before: slice(g.start.saturating_sub(CONTEXT), g.start), inside: slice(g.start, g.end), after: slice(g.end, g.end + CONTEXT) }
                    })
                    .collect()
            })
            .collect();
        let mut labels: Vec<&crate::labels::Label> = wa.labels().iter().collect();
        labels.extend(wb.labels().iter().filter(|l| !wa.labels().iter().any(|x| x.id == l.id)));
        to_js(&Shown { comparison: &comparison, context, labels })
    }

    /// Merges `a` and `b` into gold with `decisions` (JSON: a list of decisions, as in the
    /// template `alama merge --template` writes), decided by `adjudicator`. Every
    /// disagreement needs a decision. Returns `{ json, sources, notes, documents, spans }`:
    /// the gold file (canonical JSON) and, span by span, who decided what.
    #[wasm_bindgen(js_name = mergeFiles)]
    pub fn merge_files(&self, a: JsValue, b: JsValue, decisions: &str, adjudicator: &str) -> Result<JsValue, JsError> {
        let ((na, wa), (nb, wb)) = read_pair(a, b)?;
        let decisions: Vec<Decision> = serde_json::from_str(decisions).map_err(|e| JsError::new(&format!("The decisions are malformed: {e}.")))?;
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
}
