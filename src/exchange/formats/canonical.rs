//! The canonical JSON export, version 1 (documented in docs/export-format.md, schema in
//! docs/alama-export.schema.json): the label set and every document with its exact text,
//! the text's SHA-256 and its spans in Unicode code points, end exclusive, logical order.
//!
//! Import is all or nothing: the file is checked completely (shape, fingerprints, offsets,
//! span texts, labels) before a new workspace is built from it.

use crate::annotations::journal::Status;
use crate::annotations::labels::Label;
use crate::annotations::spans::{Span, SpanSet};
use crate::annotations::workspace::{DocState, Workspace};
use crate::error::{Error, ImportProblem as P, Place, RequestProblem, json_detail};
use crate::text::document::{Document, hex};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt::Write;

pub const FORMAT: &str = "alama";
pub const VERSION: u64 = 1;
pub const OFFSETS: &str = "unicode-code-points";

/// The file as read (`to_json` writes the same fields, laid out by hand). A document's text
/// and spans are kept as their JSON text and parsed a step at a time (see [`Reader`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    format: String,
    version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    offsets: Option<String>,
    labels: Vec<Label>,
    documents: Vec<DocV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocV1 {
    id: String,
    name: String,
    text: Raw,
    sha256: String,
    #[serde(default)]
    status: Status,
    spans: Raw,
}

/// A value's JSON text, checked to be JSON and read later.
type Raw = Box<serde_json::value::RawValue>;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpanV1 {
    id: u32,
    start: usize,
    end: usize,
    label: String,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotator: Option<String>,
}

/// Only the fields that say what a file is, read when the file is not a valid export, to
/// say why.
#[derive(Deserialize)]
struct Header {
    format: Option<Scalar>,
    version: Option<Scalar>,
}

/// A header field's value: a string, a whole number, or anything else.
enum Scalar {
    Text(String),
    Whole(u64),
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        struct Any;
        impl<'de> serde::de::Visitor<'de> for Any {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Whole(v))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(Any)
    }
}

/// The export, laid out for people and for diffs: a label, or a span, a line.
pub fn to_json(ws: &Workspace) -> String {
    let mut out = String::with_capacity(ws.documents().iter().map(|d| d.doc.text().len() + 100 * d.spans.len()).sum::<usize>() + 1024);
    let _ =
        write!(out, "{{\n  \"format\": {},\n  \"version\": {VERSION},\n  \"offsets\": {},\n  \"labels\": [", json(FORMAT), json(OFFSETS));
    lines(&mut out, "    ", ws.labels().iter().map(json));
    out.push_str("],\n  \"documents\": [");
    let documents = ws.documents().iter().map(|d| {
        let mut doc = String::new();
        let _ = write!(doc, "{{\n      \"id\": {},\n      \"name\": {},\n      \"text\": {},\n      \"sha256\": {},\n      \"status\": {},\n      \"spans\": [",
            json(&d.doc.id), json(&d.doc.name), json(d.doc.text()), json(d.doc.sha256()), json(&d.status));
        lines(&mut doc, "        ", d.spans.iter().map(|s| {
            let text = d.doc.slice(s.start, s.end).unwrap_or_default();
            json(&SpanV1 { id: s.id, start: s.start, end: s.end, label: s.label.clone(), text: text.into(), annotator: s.annotator.clone() })
        }));
        doc.push_str("]\n    }");
        doc
    });
    lines(&mut out, "    ", documents);
    out.push_str("]\n}\n");
    out
}

/// A value as compact JSON. Serialising plain strings and numbers cannot fail.
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The items of a JSON list, one a line with `indent`, closed on a line of its own.
fn lines(out: &mut String, indent: &str, items: impl Iterator<Item = String>) {
    let mut any = false;
    for item in items {
        out.push_str(if any { ",\n" } else { "\n" });
        out.push_str(indent);
        out.push_str(&item);
        any = true;
    }
    if any {
        out.push('\n');
        out.push_str(&indent[2..]);
    }
}

pub fn from_json(file_name: &str, json: &str) -> Result<Workspace, Error> {
    let mut reader = Reader::new(file_name, json.to_string())?;
    while reader.step()? {}
    reader.finish()
}

/// Bytes of text hashed in one [`Reader::step`].
const HASH_STEP: usize = 256 * 1024;
/// Spans checked in one [`Reader::step`].
const SPAN_STEP: usize = 2_000;
/// Texts this long or longer are hashed by whoever reads the file, when it can (see
/// [`Reader::hash_outside`]); shorter ones cost less to hash here than to hand over.
const OUTSIDE_MIN: usize = 64 * 1024;

/// Reads an export a piece at a time: [`Reader::new`] checks its header and label set, then
/// each [`Reader::step`] does a bounded piece of the rest (parsing one document, decoding its
/// text, hashing 256 KB of it, indexing it, or checking 2,000 spans), so that a page can read
/// a large file in short tasks. [`from_json`] is the same reader run to the end.
pub struct Reader {
    file_name: String,
    /// The file, kept while its documents are read from it one at a time.
    json: String,
    labels: Vec<Label>,
    label_ids: FxHashSet<String>,
    doc_ids: FxHashSet<String>,
    pending: Pending,
    reading: Option<Reading>,
    done: Vec<DocState>,
    /// Long texts wait for their SHA-256 from outside (the browser's own, much faster than
    /// this one compiled to Wasm) instead of being hashed in steps here.
    outside: bool,
}

/// Where the documents not read yet are.
enum Pending {
    /// In the file, from byte `at` on (just after the list's `[` or a `,`): the `i`-th is
    /// parsed when its turn comes, so that no step reads the whole file.
    InFile {
        at: usize,
        i: usize,
    },
    /// Parsed with the whole file (see [`Reader::new`]).
    Parsed(std::iter::Enumerate<std::vec::IntoIter<DocV1>>),
    Done,
}

impl Pending {
    fn is_empty(&self) -> bool {
        match self {
            Pending::Parsed(rest) => rest.len() == 0,
            Pending::InFile { .. } => false,
            Pending::Done => true,
        }
    }
}

/// JSON's white space.
fn json_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The byte at `at`, if the text is that long.
fn byte(json: &str, at: usize) -> Option<u8> {
    json.as_bytes().get(at).copied()
}

/// The first byte at or after `at` that is not white space.
fn skip_space(json: &str, mut at: usize) -> usize {
    while byte(json, at).is_some_and(json_space) {
        at += 1;
    }
    at
}

/// One value of type `T` at byte `at`, and the byte after it; `None` if it is not one.
fn value_at<'a, T: Deserialize<'a>>(json: &'a str, at: usize) -> Option<(T, usize)> {
    let mut one = serde_json::Deserializer::from_str(json.get(at..)?).into_iter::<T>();
    let value = one.next()?.ok()?;
    Some((value, at + one.byte_offset()))
}

/// The label set of a file laid out as `to_json` writes it (the header fields and the labels
/// before the documents, all valid) and the byte just after the documents' `[`, read
/// without reading the documents; `None` for any other file, which is then parsed whole.
fn header_before_documents(json: &str) -> Option<(Vec<Label>, usize)> {
    /// Keeps a field's value (a field given twice is left to the whole parse to refuse).
    fn put<T>(slot: &mut Option<T>, (value, end): (T, usize)) -> Option<usize> {
        slot.replace(value).is_none().then_some(end)
    }
    let mut at = skip_space(json, 0);
    if byte(json, at) != Some(b'{') {
        return None;
    }
    let (mut format, mut version, mut offsets, mut labels) = (None::<String>, None::<u64>, None::<String>, None::<Vec<Label>>);
    loop {
        let (key, after): (String, usize) = value_at(json, skip_space(json, at + 1))?;
        at = skip_space(json, after);
        if byte(json, at) != Some(b':') {
            return None;
        }
        at = skip_space(json, at + 1);
        let end = match key.as_str() {
            "format" => put(&mut format, value_at(json, at)?)?,
            "version" => put(&mut version, value_at(json, at)?)?,
            "offsets" => put(&mut offsets, value_at(json, at)?)?,
            "labels" => put(&mut labels, value_at(json, at)?)?,
            "documents" => {
                let labels = labels?;
                let fine = format.as_deref() == Some(FORMAT)
                    && version == Some(VERSION)
                    && offsets.as_deref().is_none_or(|o| o == OFFSETS)
                    && !labels.is_empty()
                    && crate::annotations::labels::problem(&labels).is_none();
                return (fine && byte(json, at) == Some(b'[')).then_some((labels, at + 1));
            }
            _ => return None,
        };
        at = skip_space(json, end);
        if byte(json, at) != Some(b',') {
            return None;
        }
    }
}

/// The document being read, and how far.
struct Reading {
    i: usize,
    id: String,
    name: String,
    /// The text as JSON, until the first step decodes it into `text`.
    raw_text: Option<Raw>,
    text: String,
    claimed: String,
    status: Status,
    spans: SpanList,
    stage: Stage,
}

/// A document's span list as JSON text, and how far it has been read.
struct SpanList {
    raw: Raw,
    /// Byte offset of the next span (or of the closing bracket).
    at: usize,
    /// Spans read so far.
    read: usize,
    done: bool,
}

impl SpanList {
    fn new(raw: Raw) -> Result<SpanList, P> {
        let text = raw.get();
        if !text.starts_with('[') {
            return Err(P::NotAList);
        }
        let mut list = SpanList { raw, at: 1, read: 0, done: false };
        list.skip_space();
        list.done = list.rest().starts_with(']');
        Ok(list)
    }

    fn rest(&self) -> &str {
        &self.raw.get()[self.at..]
    }

    fn skip_space(&mut self) {
        self.at = skip_space(self.raw.get(), self.at);
    }

    /// The next span, parsed on its own; `None` after the last.
    fn next(&mut self) -> Option<Result<SpanV1, P>> {
        if self.done {
            return None;
        }
        let mut one = serde_json::Deserializer::from_str(self.rest()).into_iter::<SpanV1>();
        let span = match one.next() {
            Some(Ok(span)) => span,
            Some(Err(e)) => return Some(Err(P::SpanMalformed { detail: e.to_string() })),
            None => return Some(Err(P::ListEndsEarly)),
        };
        self.at += one.byte_offset();
        self.read += 1;
        self.skip_space();
        match self.rest().as_bytes().first() {
            Some(b',') => {
                self.at += 1;
                self.skip_space();
            }
            Some(b']') => self.done = true,
            _ => return Some(Err(P::ExpectedCommaOrBracket)),
        }
        Some(Ok(span))
    }
}

enum Stage {
    Decoding,
    Hashing {
        hasher: Box<Sha256>,
        at: usize,
    },
    /// Waiting for the text's SHA-256 from outside ([`Reader::give_digest`]).
    Waiting,
    Indexing {
        sha256: String,
    },
    Spans {
        doc: Box<Document>,
        set: SpanSet,
    },
}

/// Parses the whole file and checks everything but the documents; refuses it whole with a
/// message naming the field.
fn parse_whole(file_name: &str, json: &str) -> Result<FileV1, Error> {
    let fail = |at: Place, problem: P| Error::Import { file: file_name.into(), at, problem };
    let not_json = |e: serde_json::Error| {
        let (line, column, detail) = json_detail(&e);
        fail(Place::none(), P::NotJson { line, column, detail })
    };
    if byte(json, skip_space(json, 0)) != Some(b'{') {
        serde_json::from_str::<serde::de::IgnoredAny>(json).map_err(not_json)?;
        return Err(fail(Place::none(), P::NotAlamaTopLevel));
    }
    // Read the header apart only to say why a file is not an export.
    let header_problem = |format: Option<&str>, version: Option<u64>| match (format, version) {
        (Some(FORMAT), Some(VERSION)) => None,
        (Some(FORMAT), Some(version)) => Some(fail(Place::field("version"), P::VersionUnsupported { version, supported: VERSION })),
        (Some(FORMAT), None) => Some(fail(Place::field("version"), P::VersionMissing)),
        (Some(other), _) => Some(fail(Place::field("format"), P::OtherFormat { format: other.into() })),
        (None, _) => Some(fail(Place::none(), P::NotAlamaNoFormat)),
    };
    let file: FileV1 = match serde_json::from_str(json) {
        Ok(file) => file,
        Err(e) => {
            let header: Header = serde_json::from_str(json).map_err(not_json)?;
            let text = |s: Option<Scalar>| match s {
                Some(Scalar::Text(t)) => Some(t),
                _ => None,
            };
            let whole = |s: Option<Scalar>| match s {
                Some(Scalar::Whole(v)) => Some(v),
                _ => None,
            };
            let (format, version) = (text(header.format), whole(header.version));
            return Err(header_problem(format.as_deref(), version).unwrap_or_else(|| {
                let (line, column, detail) = json_detail(&e);
                fail(Place::none(), P::Malformed { line, column, detail })
            }));
        }
    };
    if let Some(problem) = header_problem(Some(&file.format), Some(file.version)) {
        return Err(problem);
    }
    if let Some(unit) = file.offsets.as_deref().filter(|u| *u != OFFSETS) {
        return Err(fail(Place::field("offsets"), P::OffsetsUnit { unit: unit.into(), expected: OFFSETS.into() }));
    }
    if file.labels.is_empty() {
        return Err(fail(Place::field("labels"), P::NoLabels));
    }
    if let Some(problem) = crate::annotations::labels::problem(&file.labels) {
        return Err(fail(problem.field().map(Place::field).unwrap_or_default(), P::Label { problem }));
    }
    Ok(file)
}

impl Reader {
    /// Checks everything but the documents, which the steps read: from the file itself, one
    /// at a time, when it is laid out as `to_json` writes it (header and labels first);
    /// otherwise the file is parsed whole first. A file that is not an export is refused
    /// whole, with a message naming the field.
    pub fn new(file_name: &str, json: String) -> Result<Reader, Error> {
        let (labels, pending) = match header_before_documents(&json) {
            Some((labels, at)) => (labels, Pending::InFile { at, i: 0 }),
            None => {
                let file = parse_whole(file_name, &json)?;
                (file.labels, Pending::Parsed(file.documents.into_iter().enumerate()))
            }
        };
        let label_ids = labels.iter().map(|l| l.id.clone()).collect();
        Ok(Reader {
            file_name: file_name.into(),
            json,
            labels,
            label_ids,
            doc_ids: FxHashSet::default(),
            pending,
            reading: None,
            done: vec![],
            outside: false,
        })
    }

    /// The next document to read, and its place in the list; `None` after the last.
    fn next_document(&mut self) -> Result<Option<(usize, DocV1)>, Error> {
        let (at, i) = match &mut self.pending {
            Pending::Parsed(rest) => return Ok(rest.next()),
            Pending::Done => return Ok(None),
            Pending::InFile { at, i } => (*at, *i),
        };
        let json = &self.json;
        let start = skip_space(json, at);
        // After the list: only the closing brace and white space.
        let closes = |after: usize| {
            let end = skip_space(json, after);
            byte(json, end) == Some(b'}') && skip_space(json, end + 1) == json.len()
        };
        if i == 0 && byte(json, start) == Some(b']') {
            if !closes(start + 1) {
                return self.read_whole();
            }
            self.pending = Pending::Done;
            return Ok(None);
        }
        let Some((doc, end)) = value_at::<DocV1>(json, start) else { return self.read_whole() };
        let after = skip_space(json, end);
        self.pending = match byte(json, after) {
            Some(b',') => Pending::InFile { at: after + 1, i: i + 1 },
            Some(b']') if closes(after + 1) => Pending::Done,
            _ => return self.read_whole(),
        };
        Ok(Some((i, doc)))
    }

    /// Parses the whole file after all, when reading it a document at a time met something
    /// `to_json` does not write (the whole parse then refuses the file, naming the problem as
    /// it would have at once, or reads it), and starts again from its first document.
    fn read_whole(&mut self) -> Result<Option<(usize, DocV1)>, Error> {
        let file = parse_whole(&self.file_name, &self.json)?;
        self.label_ids = file.labels.iter().map(|l| l.id.clone()).collect();
        self.labels = file.labels;
        self.doc_ids.clear();
        self.done.clear();
        self.pending = Pending::Parsed(file.documents.into_iter().enumerate());
        self.next_document()
    }

    fn fail(&self, at: String, problem: P) -> Error {
        Error::Import { file: self.file_name.clone(), at: Place::field(at), problem }
    }

    /// Does one bounded piece of the reading; `Ok(false)` when nothing is left.
    pub fn step(&mut self) -> Result<bool, Error> {
        let Some(mut r) = self.reading.take() else {
            let Some((i, d)) = self.next_document()? else { return Ok(false) };
            if d.id.is_empty() || !self.doc_ids.insert(d.id.clone()) {
                return Err(self.fail(format!("documents[{i}].id"), P::DocumentId { id: d.id }));
            }
            let spans = SpanList::new(d.spans).map_err(|problem| self.fail(format!("documents[{i}].spans"), problem))?;
            let stage = Stage::Decoding;
            self.reading = Some(Reading {
                i,
                id: d.id,
                name: d.name,
                raw_text: Some(d.text),
                text: String::new(),
                claimed: d.sha256,
                status: d.status,
                spans,
                stage,
            });
            return Ok(true);
        };
        let i = r.i;
        match r.stage {
            Stage::Decoding => {
                let raw = r.raw_text.take().unwrap_or_default();
                r.text = serde_json::from_str(raw.get())
                    .map_err(|e| self.fail(format!("documents[{i}].text"), P::TextNotAString { detail: e.to_string() }))?;
                r.stage = if self.outside && r.text.len() >= OUTSIDE_MIN {
                    Stage::Waiting
                } else {
                    Stage::Hashing { hasher: Box::default(), at: 0 }
                };
            }
            // Nothing to do until the digest is given.
            Stage::Waiting => r.stage = Stage::Waiting,
            Stage::Hashing { mut hasher, at } => {
                let end = (at + HASH_STEP).min(r.text.len());
                hasher.update(&r.text.as_bytes()[at..end]);
                r.stage = if end < r.text.len() {
                    Stage::Hashing { hasher, at: end }
                } else {
                    let sha256 = hex(&hasher.finalize());
                    if sha256 != r.claimed.to_ascii_lowercase() {
                        return Err(self.fail(format!("documents[{i}].sha256"), P::Sha256Mismatch { name: r.name }));
                    }
                    Stage::Indexing { sha256 }
                };
            }
            Stage::Indexing { sha256 } => {
                let doc =
                    Document::with_sha256(std::mem::take(&mut r.id), std::mem::take(&mut r.name), std::mem::take(&mut r.text), sha256);
                // Built here, not by the first span's check: a long text's index is a step's
                // work by itself (the page's budget is only looked at between steps).
                doc.index();
                r.stage = Stage::Spans { doc: Box::new(doc), set: SpanSet::new() };
            }
            Stage::Spans { doc, mut set } => {
                for _ in 0..SPAN_STEP {
                    let j = r.spans.read;
                    match r.spans.next() {
                        Some(Ok(s)) => self.check_span(i, j, &doc, &mut set, s)?,
                        Some(Err(problem)) => return Err(self.fail(format!("documents[{i}].spans[{j}]"), problem)),
                        None => break,
                    }
                }
                if r.spans.done {
                    self.done.push(DocState { status: r.status, ..DocState::new(*doc, set) });
                    return Ok(true);
                }
                r.stage = Stage::Spans { doc, set };
            }
        }
        self.reading = Some(r);
        Ok(true)
    }

    fn check_span(&self, i: usize, j: usize, doc: &Document, set: &mut SpanSet, s: SpanV1) -> Result<(), Error> {
        let at = |field: &str| format!("documents[{i}].spans[{j}]{field}");
        if s.id == 0 {
            return Err(self.fail(at(".id"), P::SpanIdZero));
        }
        if s.start >= s.end || s.end > doc.len_chars() {
            return Err(self.fail(at(""), P::OffsetsOutside { start: s.start, end: s.end, len: doc.len_chars() }));
        }
        let actual = doc.slice(s.start, s.end).unwrap_or_default();
        if actual != s.text {
            let (start, end) = (s.start, s.end);
            return Err(self.fail(at(".text"), P::SpanTextMismatch { claimed: s.text, start, end, actual: actual.into() }));
        }
        if !self.label_ids.contains(s.label.as_str()) {
            return Err(self.fail(at(".label"), P::LabelNotInSet { label: s.label }));
        }
        let (id, start, end, label) = (s.id, s.start, s.end, s.label.clone());
        set.insert(Span { id, start, end, label: s.label, annotator: s.annotator })
            .map_err(|_| self.fail(at(""), P::SpanTwice { id, start, end, label }))
    }

    /// From now on, long texts wait for their SHA-256 to be given ([`Reader::give_digest`])
    /// instead of being hashed here.
    pub fn hash_outside(&mut self) {
        self.outside = true;
    }

    /// The text whose SHA-256 the reading waits for, if it does.
    pub fn wanted_digest(&self) -> Option<&str> {
        self.reading.as_ref().filter(|r| matches!(r.stage, Stage::Waiting)).map(|r| r.text.as_str())
    }

    /// The SHA-256 of the text [`Reader::wanted_digest`] gave, in hex: checked against the
    /// one the file claims, as a digest made here would be.
    pub fn give_digest(&mut self, sha256: &str) -> Result<(), Error> {
        let unreadable =
            |detail: &str| Error::Request { problem: RequestProblem::Unreadable { what: "digest".into(), detail: detail.into() } };
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(unreadable("not 64 hexadecimal digits"));
        }
        let Some(r) = self.reading.as_mut().filter(|r| matches!(r.stage, Stage::Waiting)) else {
            return Err(unreadable("no text is waiting for one"));
        };
        let sha256 = sha256.to_ascii_lowercase();
        if sha256 != r.claimed.to_ascii_lowercase() {
            let (i, name) = (r.i, r.name.clone());
            self.reading = None;
            return Err(self.fail(format!("documents[{i}].sha256"), P::Sha256Mismatch { name }));
        }
        r.stage = Stage::Indexing { sha256 };
        Ok(())
    }

    /// The documents and spans read so far (all of them once [`Reader::step`] says so).
    pub fn counts(&self) -> (usize, usize) {
        (self.done.len(), self.done.iter().map(|d| d.spans.len()).sum())
    }

    /// The workspace read; refused if [`Reader::step`] has not finished.
    pub fn finish(self) -> Result<Workspace, Error> {
        if self.reading.is_some() || !self.pending.is_empty() {
            return Err(Error::Import { file: self.file_name.clone(), at: Place::none(), problem: P::NotReadToEnd });
        }
        Ok(Workspace::from_parts(self.labels, self.done))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Workspace {
        let mut ws = Workspace::new();
        let doc = ws.open_file("emoji.txt", "\u{FEFF}😀 قال «بوتين»\r\nفي موسكو 🇸🇦.".as_bytes()).unwrap();
        ws.tag(&doc, 7, 14, "PER").unwrap(); // «بوتين» → بوتين at 8–13
        ws.tag(&doc, 19, 24, "LOC").unwrap(); // موسكو, after the CRLF
        ws.tag(&doc, 19, 24, "EVT").unwrap();
        ws
    }

    fn spans_of(ws: &Workspace) -> Vec<(String, Vec<Span>)> {
        ws.documents().iter().map(|d| (d.doc.text().to_string(), d.spans.iter().cloned().collect())).collect()
    }

    #[test]
    fn round_trip_keeps_text_bytes_spans_and_labels() {
        let ws = sample();
        let json = to_json(&ws);
        let back = from_json("x.json", &json).unwrap();
        assert_eq!(spans_of(&back), spans_of(&ws));
        assert_eq!(back.labels(), ws.labels());
        assert_eq!(to_json(&back), json);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let span = &value["documents"][0]["spans"][0];
        assert_eq!((span["start"].as_u64(), span["end"].as_u64(), span["text"].as_str()), (Some(8), Some(13), Some("بوتين")));
    }

    fn broken(edit: impl Fn(&mut serde_json::Value)) -> String {
        let mut value: serde_json::Value = serde_json::from_str(&to_json(&sample())).unwrap();
        edit(&mut value);
        from_json("f.json", &value.to_string()).unwrap_err().to_string()
    }

    #[test]
    fn bad_files_are_refused_with_the_field_named() {
        assert!(from_json("f.json", "{").unwrap_err().to_string().contains("not valid JSON"));
        assert!(from_json("f.json", "[1]").unwrap_err().to_string().contains("top level is not an object"));
        assert!(from_json("f.json", "[1, 2, 3]").unwrap_err().to_string().contains("top level is not an object"));
        assert!(from_json("f.json", "\"text\"").unwrap_err().to_string().contains("top level is not an object"));
        assert!(from_json("f.json", "nope").unwrap_err().to_string().contains("not valid JSON"));
        assert!(from_json("f.json", r#"{"text":"x","label":[]}"#).unwrap_err().to_string().contains("not an Alama export"));
        assert!(broken(|v| v["version"] = 2.into()).contains("version 2 is not supported"));
        assert!(broken(|v| v["documents"][0]["sha256"] = "00".into()).contains("documents[0].sha256"));
        assert!(broken(|v| v["documents"][0]["spans"][0]["end"] = 999.into()).contains("documents[0].spans[0]: offsets 8–999"));
        assert!(broken(|v| v["documents"][0]["spans"][0]["text"] = "بوتي".into()).contains("documents[0].spans[0].text"));
        assert!(broken(|v| v["documents"][0]["spans"][0]["label"] = "ORG".into()).contains("“ORG” is not in the file's label set"));
        assert!(broken(|v| v["documents"][0]["spans"][1]["id"] = 1.into()).contains("used twice"));
        assert!(broken(|v| v["documents"][0]["spans"][1]["id"] = 0.into()).contains("spans[1].id: span ids start at 1"));
        assert!(broken(|v| v["labels"][0]["color"] = "red".into()).contains("labels[0].color"));
        assert!(broken(|v| v["documents"][0]["extra"] = 1.into()).contains("unknown field `extra`"));
        assert!(broken(|v| v["offsets"] = "utf-16".into()).contains("offsets in “utf-16”"));
        assert!(broken(|v| v["documents"][0]["spans"] = serde_json::json!({})).contains("documents[0].spans: is not a list"));
        let extra = broken(|v| v["documents"][0]["spans"][1]["x"] = 1.into());
        assert!(extra.contains("documents[0].spans[1]: the span is malformed (unknown field `x`"), "{extra}");
        assert!(broken(|v| v["documents"][0]["text"] = 7.into()).contains("documents[0].text: is not a string (invalid type: integer `7`"));
        let text = broken(|v| v["documents"][0]["spans"][1]["start"] = "8".into());
        assert!(text.contains("documents[0].spans[1]: the span is malformed (invalid type: string \"8\", expected usize"), "{text}");
    }

    /// Two documents, so that a file has one after the first.
    fn two() -> Workspace {
        let mut ws = sample();
        let doc = ws.open_file("second.txt", "قال بوتين في موسكو".as_bytes()).unwrap();
        ws.tag(&doc, 4, 9, "PER").unwrap();
        ws
    }

    /// Reads `json` to the end in steps: what it holds (or the refusal), and how many steps
    /// went before.
    fn read_in_steps(json: &str) -> (Result<Workspace, Error>, usize) {
        let mut reader = match Reader::new("f.json", json.to_string()) {
            Ok(reader) => reader,
            Err(e) => return (Err(e), 0),
        };
        let mut steps = 0;
        loop {
            match reader.step() {
                Ok(true) => steps += 1,
                Ok(false) => return (reader.finish(), steps),
                Err(e) => return (Err(e), steps),
            }
        }
    }

    #[test]
    fn every_layout_of_an_export_reads_the_same() {
        let ws = two();
        let json = to_json(&ws);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let field = |k: &str| value[k].to_string();
        let layouts = [
            json.clone(),
            // Compact, the fields in the order of their names (the documents first).
            value.to_string(),
            serde_json::to_string_pretty(&value).unwrap(),
            // The labels after the documents; fields after the documents; no offsets field.
            format!(r#"{{"format":"alama","version":1,"documents":{},"labels":{}}}"#, field("documents"), field("labels")),
            format!(r#"{{"format":"alama","labels":{},"documents":{},"version":1}}"#, field("labels"), field("documents")),
            // Other white space: around commas and colons, before and after the whole.
            format!(" \n{}\t\r\n ", json.replace(",\n", " ,\n").replace("\": ", "\" : ")),
        ];
        for layout in layouts {
            let back = read_in_steps(&layout).0.unwrap_or_else(|e| panic!("{e}: {layout}"));
            assert_eq!(spans_of(&back), spans_of(&ws), "{layout}");
            assert_eq!(back.labels(), ws.labels());
        }
        let empty = to_json(&Workspace::new());
        assert_eq!(read_in_steps(&empty).0.unwrap().documents().len(), 0);
    }

    #[test]
    fn a_later_document_is_parsed_by_a_step_and_its_problem_named_as_the_whole_file_names_it() {
        let json = to_json(&two());
        // Something wrong after the first document: in the second, or after the list.
        let second = json.rfind("\"status\"").unwrap();
        let comma = json[..second].rfind(',').unwrap();
        let cases = [
            (format!("{}\"extra\": 1, {}", &json[..second], &json[second..]), "unknown field `extra`"),
            // The comma before its status taken away.
            (format!("{}{}", &json[..comma], &json[comma + 1..]), "not valid JSON (expected `,` or `}`"),
            (format!("{json}}}"), "not valid JSON (trailing characters"),
            (json.replacen("\n  ]\n}", "\n  ]\n", 1), "not valid JSON (EOF while parsing an object"),
        ];
        for (json, said) in cases {
            let (read, steps) = read_in_steps(&json);
            let e = read.map(drop).expect_err(said);
            assert!(steps > 4, "the first document was read in steps first ({steps}): {e}");
            assert_eq!(e, parse_whole("f.json", &json).map(drop).unwrap_err(), "named as a whole parse names it");
            assert!(e.to_string().contains(said), "{e}");
        }
    }

    /// A text of more than two hash steps with more than two span steps of spans, then a
    /// short one.
    fn large() -> Workspace {
        let mut ws = Workspace::new();
        let text = "قال بوتين في موسكو 😀 ".repeat(25_000); // 21 code points, 39 bytes each
        let doc = ws.open_file("long.txt", text.as_bytes()).unwrap();
        for k in 0..5_000 {
            ws.tag(&doc, 21 * k + 4, 21 * k + 9, "PER").unwrap();
        }
        ws.open_file("short.txt", "بوتين".as_bytes()).unwrap();
        ws
    }

    #[test]
    fn the_reader_works_in_bounded_steps_and_reads_what_from_json_reads() {
        let ws = large();
        let json = to_json(&ws);
        let mut reader = Reader::new("big.json", json.clone()).unwrap();
        let mut steps = 0;
        while reader.step().unwrap() {
            steps += 1;
            assert!(reader.counts().1 <= 5_000);
        }
        // long.txt (975,000 bytes): start, decode, 4 hash steps, index, 3 span steps;
        // short.txt: start, decode, hash, index, spans.
        assert_eq!(steps, 15);
        assert_eq!(reader.counts(), (2, 5_000));
        let back = reader.finish().unwrap();
        assert_eq!(spans_of(&back), spans_of(&ws));
        assert_eq!(to_json(&back), json);
    }

    #[test]
    fn a_long_text_waits_for_its_digest_from_outside_and_it_is_checked() {
        let ws = large();
        let json = to_json(&ws);
        let read = |give: &dyn Fn(&str) -> String| {
            let mut reader = Reader::new("big.json", json.clone()).unwrap();
            reader.hash_outside();
            let mut asked = vec![];
            loop {
                if let Some(text) = reader.wanted_digest() {
                    asked.push(text.len());
                    let digest = give(text);
                    reader.give_digest(&digest)?;
                    continue;
                }
                if !reader.step()? {
                    break;
                }
            }
            Ok::<_, Error>((asked, reader))
        };
        // Only the long text waits (short.txt is hashed in a step); the digest in either case.
        let (asked, reader) = read(&|t: &str| crate::text::document::sha256_hex(t).to_uppercase()).unwrap();
        assert_eq!(asked, vec![975_000]);
        let back = reader.finish().unwrap();
        assert_eq!(to_json(&back), json);
        // A digest that is not the file's refuses the import, naming the document's field.
        let wrong = read(&|_: &str| "0".repeat(64)).map(drop).unwrap_err();
        assert!(wrong.to_string().contains("documents[0].sha256"), "{wrong}");
        let garbled = read(&|_: &str| "xyz".into()).map(drop).unwrap_err();
        assert!(matches!(garbled, Error::Request { .. }), "{garbled}");
        // None is asked for when none is waited for.
        let mut reader = Reader::new("big.json", json.clone()).unwrap();
        assert!(reader.give_digest(&"0".repeat(64)).is_err());
        while reader.step().unwrap() {
            assert!(reader.wanted_digest().is_none());
        }
    }

    #[test]
    fn the_reader_finds_a_bad_span_in_a_later_step_and_refuses_to_finish_early() {
        let mut value: serde_json::Value = serde_json::from_str(&to_json(&large())).unwrap();
        value["documents"][0]["spans"][4_321]["text"] = "موسكو".into();
        let json = value.to_string();
        let mut reader = Reader::new("big.json", json).unwrap();
        let err = loop {
            match reader.step() {
                Ok(true) => {}
                Ok(false) => panic!("the bad span was not found"),
                Err(e) => break e,
            }
        };
        assert!(err.to_string().contains("documents[0].spans[4321].text: is “موسكو” but the text at"), "{err}");
        let early = Reader::new("big.json", to_json(&large())).unwrap();
        assert!(early.finish().unwrap_err().to_string().contains("not read to the end"));
    }

    proptest! {
        #[test]
        fn any_tagged_text_round_trips(
            text in "([\u{0621}-\u{064A}\u{064B}-\u{0652} ،«»\\.a-z]|😀|🇸🇦|\r\n){1,60}",
            sels in prop::collection::vec((0usize..80, 0usize..80, 0usize..4), 0..12),
        ) {
            let mut ws = Workspace::new();
            let doc = ws.open_file("t.txt", text.as_bytes()).unwrap();
            let labels = ["PER", "LOC", "WEA", "EVT"];
            for (a, b, l) in sels {
                let _ = ws.tag(&doc, a, b, labels[l]);
            }
            let back = from_json("t.json", &to_json(&ws)).unwrap();
            prop_assert_eq!(spans_of(&back), spans_of(&ws));
        }
    }
}
