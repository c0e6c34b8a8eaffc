//! Every way the core refuses an action, as data: each kind has a stable `code` (and each
//! problem inside it a stable `kind`) with the fields a message needs. The page words them
//! in Arabic or English from the code (www/words/); `Display` words them in English for the
//! command line and the tests. Serialized, an error is `{"code": "duplicate", "label": …}`.

use crate::text::clean::CleanError;
use crate::text::document::FileProblem;
use crate::text::offsets::OffsetError;
use serde::Serialize;
use std::fmt;

/// A span's id, as the annotations layer numbers them.
pub type SpanNumber = u32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Error {
    UnknownDocument {
        document: String,
    },
    UnknownSpan {
        span: SpanNumber,
    },
    UnknownLabel {
        label: String,
    },
    /// A position that is not inside the text.
    Offset {
        problem: OffsetError,
    },
    NothingToTag,
    Duplicate {
        label: String,
        text: String,
    },
    /// A file that cannot be opened as a document.
    File {
        file: String,
        problem: FileProblem,
    },
    /// An import refused as a whole, at a place in the file.
    Import {
        file: String,
        at: Place,
        problem: ImportProblem,
    },
    /// A change that the spans refuse (a bug if it comes from this page; possible from a
    /// damaged journal or another device).
    Span {
        problem: SpanProblem,
    },
    /// A label set that cannot be used.
    Labels {
        problem: LabelProblem,
    },
    /// Work saved in the browser's storage that cannot be restored.
    Restore {
        problem: RestoreProblem,
    },
    /// Something the page asked for that makes no sense now or is not what the core reads.
    Request {
        problem: RequestProblem,
    },
}

// The error type's name for the page, where `Error` is the built-in class. tsify names the
// declaration after the Rust type (a serde rename does not change it), and the other
// declarations refer to it as `Error`; this alias is what the page imports.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const ALAMA_ERROR: &str = "export type AlamaError = Error;";

/// Where in a file something is: steps from the outside in (`document “x”, line 4`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Place(pub Vec<Step>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// A JSON field, as a path (`documents[2].spans[5].end`): the same in every language.
    Field {
        path: String,
    },
    /// A file of a set (a brat collection's `.ann`).
    File {
        name: String,
    },
    Document {
        id: String,
    },
    /// A document of a file by the line it starts on (a CoNLL `-DOCSTART-`): `id` is its id
    /// in the file or, where it has none, the number of documents read before it.
    DocumentAt {
        id: String,
        line: usize,
    },
    /// A line, counting from 1.
    Line {
        line: usize,
    },
    /// A line of one file of a set (`d.ann line 4`), counting from 1.
    FileLine {
        file: String,
        line: usize,
    },
    /// A record of a JSON list of records (JSONL read as one array), counting from 1.
    Item {
        item: usize,
    },
    /// A Label Studio task, counting from 1.
    Task {
        task: usize,
    },
    /// A Label Studio task and the document it became (`task 2 (document “x”)`).
    TaskDocument {
        task: usize,
        document: String,
    },
    /// A named entry of the line before it: brat's `T4`, written in brackets after the line.
    Entry {
        name: String,
    },
    /// A Label Studio result, by its id (`result “r2”`).
    Result {
        id: String,
    },
    /// A Label Studio result without an id, by its number in the task from 1 (`result 3`).
    ResultNumber {
        number: usize,
    },
    /// A span of a workspace: its id, label, text and code point offsets.
    Span {
        id: SpanNumber,
        label: String,
        text: String,
        start: usize,
        end: usize,
    },
}

impl Place {
    pub fn none() -> Place {
        Place(vec![])
    }

    pub fn field(path: impl Into<String>) -> Place {
        Place(vec![Step::Field { path: path.into() }])
    }

    pub fn line(line: usize) -> Place {
        Place(vec![Step::Line { line }])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// This place with `step` added inside it.
    pub fn then(mut self, step: Step) -> Place {
        self.0.push(step);
        self
    }

    /// `place` inside document `id`.
    pub fn in_document(id: &str, place: Place) -> Place {
        Place(std::iter::once(Step::Document { id: id.into() }).chain(place.0).collect())
    }
}

/// Why a file could not be imported. The formats' own problems are listed here so that
/// every one has a code the interface can word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportProblem {
    /// The bytes are not UTF-8.
    NotUtf8,
    /// Not JSON at all; `detail` is the parser's own (English) words, kept for the record.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// JSON, but not an Alama export.
    NotAlamaTopLevel,
    NotAlamaNoFormat,
    OtherFormat {
        format: String,
    },
    VersionUnsupported {
        version: u64,
        supported: u64,
    },
    VersionMissing,
    /// The export's shape is wrong (a field of the wrong type, an unknown field).
    Malformed {
        line: usize,
        column: usize,
        detail: String,
    },
    OffsetsUnit {
        unit: String,
        expected: String,
    },
    NoLabels,
    Label {
        problem: LabelProblem,
    },
    DocumentId {
        id: String,
    },
    NotAList,
    TextNotAString {
        detail: String,
    },
    Sha256Mismatch {
        name: String,
    },
    SpanMalformed {
        detail: String,
    },
    ListEndsEarly,
    ExpectedCommaOrBracket,
    SpanIdZero,
    OffsetsOutside {
        start: usize,
        end: usize,
        len: usize,
    },
    SpanTextMismatch {
        claimed: String,
        start: usize,
        end: usize,
        actual: String,
    },
    LabelNotInSet {
        label: String,
    },
    SpanTwice {
        id: SpanNumber,
        start: usize,
        end: usize,
        label: String,
    },
    /// The reader was finished before it had read everything (a bug in the caller).
    NotReadToEnd,
    /// A label id no other tool could carry.
    LabelUnusable {
        label: String,
    },
    SpanWithoutDocument,
    /// A format that reads one file was given several.
    OneFileOnly {
        format: String,
        files: usize,
    },
    // Word lists (`entry<TAB>LABEL` a line).
    NoTab,
    ExtraTab,
    EmptyEntry,
    EmptyLabel,
    UnknownListLabel {
        label: String,
        known: Vec<String>,
    },
    NoEntries,
    /// A sha256 in the file that is not the text's (JSONL, Label Studio): `id` is the
    /// document's id as the file gives it.
    TextChanged {
        id: String,
    },
    // JSONL.
    JsonlNoDocument,
    JsonlNoText,
    JsonlBadArray,
    JsonlNotAnObject,
    /// A field of span lists (`label`, `entities`…) that holds something else.
    JsonlSpansNotAList {
        key: String,
    },
    JsonlSpanTextMismatch {
        claimed: String,
        start: usize,
        end: usize,
        actual: String,
    },
    /// A span that is a list or an object, but without whole, non-negative offsets and a label.
    JsonlSpanOffsets,
    /// A span that is neither a list nor an object.
    JsonlSpanShape,
    // brat.
    BratNoTxt,
    BratNoDocument,
    BratNotAnnotationLine,
    BratNoTextBound,
    BratBadOffsets {
        offsets: String,
    },
    /// The text an annotation quotes is not the text at its offsets (`offsets` as the file
    /// writes them: `0 5;6 9`).
    BratTextMismatch {
        claimed: String,
        offsets: String,
        actual: String,
    },
    // Label Studio.
    LabelStudioNotTasks,
    LabelStudioTaskNotAnObject,
    LabelStudioNoTask,
    LabelStudioNoText,
    LabelStudioTextMismatch {
        claimed: String,
        start: usize,
        end: usize,
        actual: String,
    },
    LabelStudioLabelsNotNames,
    // CoNLL.
    ConllNoToken,
    /// A `# key = value` comment whose value is not a JSON string; `detail` is the parser's
    /// own (English) words.
    ConllNotAJsonString {
        key: String,
        detail: String,
    },
    ConllNoTag,
    ConllTextChanged,
    ConllNotIob2 {
        tag: String,
    },
    /// A token not found where the document's text goes on (`at`: a code point offset).
    ConllTokenNotNext {
        token: String,
        found: String,
        at: usize,
    },
    // Hugging Face.
    HfNoRecords,
    /// A label names file that is not a JSON list of tag names.
    HfBadLabelNames,
    HfNoTextOrTokens,
    HfTokensNotStrings,
    HfTagsLength {
        tokens: usize,
        tags: usize,
    },
    /// A tag that is neither a whole number nor a name.
    HfBadTag,
    /// A tag number without a name in the label names (`names` of them).
    HfTagOutOfRange {
        tag: u64,
        names: usize,
    },
    HfOffsetsShape,
    /// `token_offsets` that put `token` at `start`–`end`, where the text is `actual`.
    HfTokenOffsets {
        token: String,
        start: usize,
        end: usize,
        actual: String,
    },
    // WebAnno TSV.
    WebannoNotTsv3,
    WebannoTooFewColumns {
        expected: usize,
        found: usize,
    },
    WebannoBadOffsets {
        offsets: String,
    },
    /// A token line where a sentence's `#Text=` line should come first.
    WebannoTokenBeforeText,
    /// A sentence whose first token starts before the end of the sentences before it, in
    /// UTF-16 units.
    WebannoSentenceOverlap {
        start: usize,
        len: usize,
    },
    /// A token whose text is not the text at its offsets (UTF-16 units).
    WebannoTokenMismatch {
        token: String,
        start: usize,
        end: usize,
        actual: String,
    },
    // Prodigy.
    ProdigyBadTokens,
    ProdigyTokenMismatch {
        token: String,
        start: usize,
        end: usize,
        actual: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SpanProblem {
    Twice { start: usize, end: usize, label: String },
    IdInUse { span: SpanNumber },
    Outside { span: SpanNumber, start: usize, end: usize, len: usize },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LabelProblem {
    BadId { index: usize, id: String },
    BadColor { index: usize, color: String },
    Twice { index: usize, id: String },
    NeedsNames { id: String },
    CannotRemove { id: String },
    TooMany { max: usize },
}

impl LabelProblem {
    /// The field of the label set it is about, as an import names it (`labels[2].color`).
    pub fn field(&self) -> Option<String> {
        match self {
            LabelProblem::BadId { index, .. } | LabelProblem::Twice { index, .. } => Some(format!("labels[{index}].id")),
            LabelProblem::BadColor { index, .. } => Some(format!("labels[{index}].color")),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RestoreProblem {
    SnapshotUnreadable {
        detail: String,
    },
    RecordUnreadable {
        detail: String,
    },
    OpenedTwice {
        document: String,
    },
    /// A document's saved part is not readable.
    DocumentUnreadable {
        document: String,
        detail: String,
    },
    NothingToUndo {
        document: String,
    },
    NothingToRedo {
        document: String,
    },
    /// Replaying record `at` (from 1) of `total` failed with `error`.
    Replay {
        at: usize,
        total: usize,
        error: Box<Error>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequestProblem {
    /// An intent or value the page sent that the core cannot read.
    Unreadable {
        what: String,
        detail: String,
    },
    NoImportBeingRead,
    NoCheckedImport,
    /// An import is being read already.
    ImportUnderWay {
        file: String,
    },
    /// Documents are still being restored: adding or replacing documents waits for it.
    RestoreUnderWay,
    NoRestoreUnderWay,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownDocument { document } => write!(f, "There is no document “{document}”."),
            Error::UnknownSpan { span } => write!(f, "There is no span {span} in this document."),
            Error::UnknownLabel { label } => write!(f, "There is no label “{label}”."),
            Error::Offset { problem } => write!(f, "The selection is not inside the text: {problem}."),
            Error::NothingToTag => write!(f, "The selection holds only spaces or punctuation: nothing to tag."),
            Error::Duplicate { label, text } => write!(f, "“{text}” is already tagged {label} at exactly these characters."),
            Error::File { file, problem } => write!(f, "Cannot open “{file}”: {problem}."),
            Error::Import { file, at, problem } if at.is_empty() => write!(f, "Cannot import “{file}”: {problem}. Nothing was changed."),
            Error::Import { file, at, problem } => write!(f, "Cannot import “{file}”: {at}: {problem}. Nothing was changed."),
            Error::Span { problem } => write!(f, "The change was refused: {problem}."),
            Error::Labels { problem } => write!(f, "The labels were not changed: {problem}."),
            Error::Restore { problem } => write!(f, "The saved work could not be restored: {problem}."),
            Error::Request { problem } => write!(f, "{problem}."),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Entry { .. } if i > 0 => f.write_str(" ")?,
                _ if i > 0 => f.write_str(", ")?,
                _ => {}
            }
            match step {
                Step::Field { path } => f.write_str(path)?,
                Step::File { name } => f.write_str(name)?,
                Step::Document { id } => write!(f, "document “{id}”")?,
                Step::DocumentAt { id, line } => write!(f, "document “{id}” (line {line})")?,
                Step::Line { line } => write!(f, "line {line}")?,
                Step::FileLine { file, line } => write!(f, "{file} line {line}")?,
                Step::Item { item } => write!(f, "item {item}")?,
                Step::Task { task } => write!(f, "task {task}")?,
                Step::TaskDocument { task, document } => write!(f, "task {task} (document “{document}”)")?,
                Step::Entry { name } => write!(f, "({name})")?,
                Step::Result { id } => write!(f, "result “{id}”")?,
                Step::ResultNumber { number } => write!(f, "result {number}")?,
                Step::Span { id, label, text, start, end } => write!(f, "span {id} ({label} “{text}” {start}–{end})")?,
            }
        }
        Ok(())
    }
}

/// The shapes a JSONL span may take.
const JSONL_SPAN: &str = "expected [start, end, \"LABEL\"] or {\"start_offset\", \"end_offset\", \"label\"}";

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ImportProblem as P;
        match self {
            P::NotUtf8 => write!(f, "the file is not valid UTF-8"),
            P::NotJson { detail, .. } => write!(f, "this is not valid JSON ({detail})"),
            P::NotAlamaTopLevel => write!(f, "this is JSON but not an Alama export (the top level is not an object)"),
            P::NotAlamaNoFormat => write!(f, "this is JSON but not an Alama export (it has no \"format\": \"alama\" field)"),
            P::OtherFormat { format } => write!(f, "this is a “{format}” file, not an Alama export"),
            P::VersionUnsupported { version, supported } => {
                write!(f, "version {version} is not supported; this Alama reads version {supported}")
            }
            P::VersionMissing => write!(f, "missing or not a whole number"),
            P::Malformed { detail, .. } => write!(f, "the export is malformed ({detail})"),
            P::OffsetsUnit { unit, expected } => write!(f, "offsets in “{unit}” are not supported; expected “{expected}”"),
            P::NoLabels => write!(f, "the label set is empty"),
            P::Label { problem } => write!(f, "{problem}"),
            P::DocumentId { id } => write!(f, "the document id “{id}” is empty or used twice"),
            P::NotAList => write!(f, "is not a list"),
            P::TextNotAString { detail } => write!(f, "is not a string ({detail})"),
            P::Sha256Mismatch { name } => write!(f, "does not match the text of “{name}”: the text was changed after it was exported"),
            P::SpanMalformed { detail } => write!(f, "the span is malformed ({detail})"),
            P::ListEndsEarly => write!(f, "the list ends too early"),
            P::ExpectedCommaOrBracket => write!(f, "expected “,” or “]” after the span"),
            P::SpanIdZero => write!(f, "span ids start at 1"),
            P::OffsetsOutside { start, end, len } => write!(f, "offsets {start}–{end} are not inside the text (length {len} code points)"),
            P::SpanTextMismatch { claimed, start, end, actual } => write!(f, "is “{claimed}” but the text at {start}–{end} is “{actual}”"),
            P::LabelNotInSet { label } => write!(f, "“{label}” is not in the file's label set"),
            P::SpanTwice { id, start, end, label } => write!(f, "span id {id} is used twice, or {start}–{end} is tagged {label} twice"),
            P::NotReadToEnd => write!(f, "the file was not read to the end"),
            P::LabelUnusable { label } => {
                write!(f, "the label “{label}” cannot be used: a label id is an ASCII letter followed by up to 31 letters, digits or _")
            }
            P::SpanWithoutDocument => write!(f, "the span belongs to no document"),
            P::OneFileOnly { format, files } => write!(f, "a {format} import reads exactly one file, not {files}"),
            P::NoTab => write!(f, "expected an entry, a tab and a label (e.g. “بوتين<TAB>PER”), found no tab"),
            P::ExtraTab => write!(f, "more than one tab: write one entry and one label a line"),
            P::EmptyEntry => write!(f, "the entry before the tab has no letters or digits"),
            P::EmptyLabel => write!(f, "no label after the tab"),
            P::UnknownListLabel { label, known } => write!(f, "there is no label “{label}” (the labels are {})", known.join(", ")),
            P::NoEntries => write!(f, "the list has no entries"),
            P::TextChanged { id } => write!(f, "the sha256 does not match the text of “{id}”: the text was changed after it was exported"),
            P::JsonlNoDocument => {
                write!(f, "there is no document in this file (expected one JSON object per line with a \"text\" field)")
            }
            P::JsonlNoText => {
                write!(f, "there is no \"text\" string (expected {{\"text\": ..., \"label\": [[start, end, \"LABEL\"], ...]}})")
            }
            P::JsonlBadArray => write!(f, "an array record must be [\"text\", {{\"entities\": [[start, end, \"LABEL\"], ...]}}]"),
            P::JsonlNotAnObject => write!(f, "expected a JSON object with a \"text\" field"),
            P::JsonlSpansNotAList { key } => write!(f, "\"{key}\" is not a list of spans"),
            P::JsonlSpanTextMismatch { claimed, start, end, actual } => {
                write!(f, "the span says “{claimed}” but the text at {start}–{end} is “{actual}”")
            }
            P::JsonlSpanOffsets => write!(f, "{JSONL_SPAN}, with whole, non-negative offsets"),
            P::JsonlSpanShape => f.write_str(JSONL_SPAN),
            P::BratNoTxt => write!(f, "there is no .txt file with this .ann: the text is needed to read its offsets"),
            P::BratNoDocument => write!(f, "there is no .txt file: a brat collection has a .txt and an .ann per document"),
            P::BratNotAnnotationLine => write!(f, "this is not a brat annotation line (T…, R…, E…, A…, N…, #…)"),
            P::BratNoTextBound => write!(f, "expected “T1<TAB>LABEL START END<TAB>text”"),
            P::BratBadOffsets { offsets } => write!(f, "“{offsets}” is not a list of offsets like “0 5” or “0 5;6 9”"),
            P::BratTextMismatch { claimed, offsets, actual } => {
                write!(f, "the file says “{claimed}” but the text at {offsets} is “{actual}”")
            }
            P::LabelStudioNotTasks => write!(f, "expected a list of Label Studio tasks"),
            P::LabelStudioTaskNotAnObject => write!(f, "a task is a JSON object with \"data\""),
            P::LabelStudioNoTask => write!(f, "there is no task in this file"),
            P::LabelStudioNoText => write!(f, "the task's data has no \"text\" field (and not exactly one text field to use instead)"),
            P::LabelStudioTextMismatch { claimed, start, end, actual } => {
                write!(f, "the result says “{claimed}” but the text at {start}–{end} is “{actual}”")
            }
            P::LabelStudioLabelsNotNames => write!(f, "\"labels\" must be a list of label names"),
            P::ConllNoToken => write!(f, "there is no token in this file (expected lines of a token, a tab and a tag)"),
            P::ConllNotAJsonString { key, detail } => write!(f, "the {key} is not a JSON string ({detail})"),
            P::ConllNoTag => write!(f, "expected a token and a tag separated by a tab"),
            P::ConllTextChanged => write!(f, "the sha256 does not match the text: the text was changed after it was exported"),
            P::ConllNotIob2 { tag } => write!(f, "“{tag}” is not an IOB2 tag (O, B-LABEL or I-LABEL)"),
            P::ConllTokenNotNext { token, found, at } => {
                write!(f, "the token “{token}” is not next in the document's text (found “{found}” at {at})")
            }
            P::HfNoRecords => {
                write!(
                    f,
                    "there is no .jsonl file of records among the files (expected the records and, if the tags are numbers, label_names.json)"
                )
            }
            P::HfBadLabelNames => write!(f, "the label names are not a JSON list of tag names such as [\"O\", \"B-PER\", \"I-PER\"]"),
            P::HfNoTextOrTokens => write!(f, "the record has neither \"text\" nor \"tokens\""),
            P::HfTokensNotStrings => write!(f, "\"tokens\" must be a list of strings"),
            P::HfTagsLength { tokens, tags } => write!(f, "there are {tokens} tokens but {tags} ner_tags: there must be one tag per token"),
            P::HfBadTag => write!(f, "a tag must be a whole number or a name such as \"B-PER\""),
            P::HfTagOutOfRange { tag, names } => write!(f, "the tag {tag} has no name: the label names list has {names}"),
            P::HfOffsetsShape => write!(f, "\"token_offsets\" must be a list of [start, end] pairs, one per token"),
            P::HfTokenOffsets { token, start, end, actual } => {
                write!(f, "token_offsets put the token “{token}” at {start}–{end}, but the text there is “{actual}”")
            }
            P::WebannoNotTsv3 => write!(f, "this is not a WebAnno TSV 3 file (its first line is not “#FORMAT=WebAnno TSV 3.x”)"),
            P::WebannoTooFewColumns { expected, found } => {
                write!(f, "expected {expected} columns separated by tabs, as the header declares, but found {found}")
            }
            P::WebannoBadOffsets { offsets } => write!(f, "“{offsets}” is not a token's offsets such as “0-4”"),
            P::WebannoTokenBeforeText => write!(f, "a token line before its sentence's #Text= line"),
            P::WebannoSentenceOverlap { start, len } => write!(
                f,
                "the sentence's first token starts at {start}, inside the sentences before it (they end at {len}, in UTF-16 units)"
            ),
            P::WebannoTokenMismatch { token, start, end, actual } => {
                write!(f, "the token “{token}” is not the text at {start}–{end} (UTF-16 units), which is “{actual}”")
            }
            P::ProdigyBadTokens => {
                write!(f, "\"tokens\" must be a list of {{\"text\", \"start\", \"end\"}} objects, offsets whole and not negative")
            }
            P::ProdigyTokenMismatch { token, start, end, actual } => {
                write!(f, "the token “{token}” is not the text at {start}–{end}, which is “{actual}”")
            }
        }
    }
}

impl fmt::Display for SpanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpanProblem::Twice { start, end, label } => write!(f, "{start}–{end} is tagged {label} twice"),
            SpanProblem::IdInUse { span } => write!(f, "span id {span} is used twice"),
            SpanProblem::Outside { span, start, end, len } => {
                write!(f, "span {span} ({start}–{end}) is outside its text (length {len} code points)")
            }
        }
    }
}

impl fmt::Display for LabelProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabelProblem::BadId { id, .. } => write!(f, "“{id}” is not a valid label id (a letter, then letters, digits or _)"),
            LabelProblem::BadColor { color, .. } => write!(f, "“{color}” is not a colour of the form #rrggbb"),
            LabelProblem::Twice { id, .. } => write!(f, "label “{id}” appears twice"),
            LabelProblem::NeedsNames { id } => write!(f, "label “{id}” needs an Arabic and an English name"),
            LabelProblem::CannotRemove { id } => write!(f, "label “{id}” cannot be removed"),
            LabelProblem::TooMany { max } => write!(f, "at most {max} labels, one for each key 1–{max}"),
        }
    }
}

impl fmt::Display for RestoreProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestoreProblem::SnapshotUnreadable { detail } => write!(f, "the saved workspace is not readable ({detail})"),
            RestoreProblem::RecordUnreadable { detail } => write!(f, "a saved change is not readable ({detail})"),
            RestoreProblem::OpenedTwice { document } => write!(f, "document “{document}” is opened twice"),
            RestoreProblem::DocumentUnreadable { document, detail } => {
                write!(f, "the saved document “{document}” is not readable ({detail})")
            }
            RestoreProblem::NothingToUndo { document } => write!(f, "nothing to undo in “{document}”"),
            RestoreProblem::NothingToRedo { document } => write!(f, "nothing to redo in “{document}”"),
            RestoreProblem::Replay { at, total, error } => write!(f, "saved change {at} of {total} could not be replayed: {error}"),
        }
    }
}

impl fmt::Display for RequestProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestProblem::Unreadable { what, detail } => write!(f, "{what} is malformed: {detail}"),
            RequestProblem::NoImportBeingRead => write!(f, "There is no import being read"),
            RequestProblem::NoCheckedImport => write!(f, "There is no checked import to apply"),
            RequestProblem::ImportUnderWay { file } => write!(f, "“{file}” is still being read"),
            RequestProblem::RestoreUnderWay => write!(f, "The documents are still being restored; try again in a moment"),
            RequestProblem::NoRestoreUnderWay => write!(f, "There is no restore under way"),
        }
    }
}

impl std::error::Error for Error {}

impl From<OffsetError> for Error {
    fn from(problem: OffsetError) -> Self {
        Error::Offset { problem }
    }
}

impl From<CleanError> for Error {
    fn from(e: CleanError) -> Self {
        match e {
            CleanError::Offset(problem) => Error::Offset { problem },
            CleanError::NothingToTag => Error::NothingToTag,
        }
    }
}

impl From<SpanProblem> for Error {
    fn from(problem: SpanProblem) -> Self {
        Error::Span { problem }
    }
}

impl From<LabelProblem> for Error {
    fn from(problem: LabelProblem) -> Self {
        Error::Labels { problem }
    }
}

impl From<RestoreProblem> for Error {
    fn from(problem: RestoreProblem) -> Self {
        Error::Restore { problem }
    }
}

impl From<RequestProblem> for Error {
    fn from(problem: RequestProblem) -> Self {
        Error::Request { problem }
    }
}

/// The parser's position and words for a JSON error: what `NotJson` and `Malformed` carry.
pub fn json_detail(e: &serde_json::Error) -> (usize, usize, String) {
    (e.line(), e.column(), e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialize_as_a_code_and_their_fields() {
        let e = Error::Duplicate { label: "PER".into(), text: "بوتين".into() };
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"code":"duplicate","label":"PER","text":"بوتين"}"#);
        let e = Error::Import {
            file: "a.json".into(),
            at: Place::in_document("d", Place::line(3)),
            problem: ImportProblem::OffsetsOutside { start: 1, end: 9, len: 4 },
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"import","file":"a.json","at":[{"kind":"document","id":"d"},{"kind":"line","line":3}],"problem":{"kind":"offsets_outside","start":1,"end":9,"len":4}}"#
        );
        assert_eq!(
            e.to_string(),
            "Cannot import “a.json”: document “d”, line 3: offsets 1–9 are not inside the text (length 4 code points). Nothing was changed."
        );
        let e = Error::Offset { problem: OffsetError::InsideSurrogatePair { pos: 3 } };
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"code":"offset","problem":{"kind":"inside_surrogate_pair","pos":3}}"#);
    }
}
