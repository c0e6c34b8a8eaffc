//! What an export could not carry, or an import ignored, converted or guessed, as data: each
//! [`Note`] names its document and place and has a [`NoteKind`] with a stable `kind` and the
//! fields a sentence needs. The page words them in Arabic or English from the kind
//! (www/words/); `Display` words them in English for the command line and the tests.

use crate::annotations::spans::{Span, SpanId};
use crate::error::{Place, Step};
use crate::exchange::Format;
use crate::text::document::Document;
use serde::Serialize;
use std::fmt;

/// Something an export could not carry, or an import ignored, converted or guessed. Never
/// an error: the data that was written or read is right, and the note says what else there
/// was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Note {
    /// The document it is about (its id), if it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Where in the document or file: `span 3 (PER “بوتين” 8–13)`, `line 12`, `d.ann line 4
    /// (T4)`; empty when the note is about the whole document or file.
    pub at: Place,
    /// The span it is about (its id in the workspace that was exported), if it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<SpanId>,
    pub what: NoteKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NoteKind {
    // Any import.
    /// A label not in the default set, added with a colour of its own.
    LabelAdded {
        label: String,
        color: String,
    },
    /// A document id used before in the file: the document got `id` instead of `wanted`.
    IdTaken {
        wanted: String,
        id: String,
    },
    EmptySpanSkipped {
        label: String,
        start: usize,
    },
    DuplicateSpan {
        label: String,
        start: usize,
        end: usize,
    },
    // Any export but the canonical one.
    LabelSetLost {
        format: Format,
    },
    AnnotatorsLost {
        format: Format,
        spans: usize,
    },
    // JSONL.
    /// Labels of a whole document (doccano's text classification).
    ClassesIgnored {
        count: usize,
    },
    // brat.
    /// A document id that is not a safe file name: its files are `{stem}.txt` and `.ann`.
    BratFileNames {
        stem: String,
    },
    BratNameLost {
        name: String,
        stem: String,
    },
    /// A span whose fragments, without its edge line breaks, are another span's extent.
    BratSameAsAnother {
        start: usize,
        end: usize,
        label: String,
    },
    BratEdgesMoved {
        start: usize,
        end: usize,
    },
    BratOnlyLineBreaks,
    BratOrderLost,
    BratFileIgnored {
        path: String,
    },
    BratNoAnn {
        txt: String,
    },
    /// Relations, events, attributes, normalisations or notes in the `.ann` file `file`.
    BratOthersIgnored {
        count: usize,
        file: String,
    },
    BratSplit {
        count: usize,
        file: String,
    },
    // Label Studio.
    LabelStudioCancelled {
        count: usize,
    },
    /// A task with `count` annotations (or predictions: `key` is the task's field) of which
    /// the first was read; `first` is its id as JSON, if it has one.
    LabelStudioSeveral {
        count: usize,
        key: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        first: Option<String>,
    },
    LabelStudioFieldIgnored {
        field: String,
    },
    LabelStudioOthersIgnored {
        count: usize,
    },
    LabelStudioUtf16 {
        count: usize,
    },
    // CoNLL.
    ConllSpanNoToken,
    ConllOverlaps {
        other: SpanId,
    },
    ConllEdgesMoved {
        start: usize,
        end: usize,
    },
    ConllTextRebuilt,
    /// Spans that begin with I- (or E-), each read as the start of a span.
    ConllLenient {
        count: usize,
    },
    // Formats of whole tokens (Prodigy's ner_manual, WebAnno TSV): what they cannot hold.
    /// A span that overlaps span `other` (which comes first) where the format holds one span
    /// per token.
    TokenOverlaps {
        format: Format,
        other: SpanId,
    },
    /// A span of only white space or invisible marks: it has no token.
    TokenNone {
        format: Format,
    },
    /// A span written as its tokens, `start`–`end`: its edges were white space.
    TokenEdgesMoved {
        format: Format,
        start: usize,
        end: usize,
    },
    /// A file of the set that the format's import does not read.
    FileIgnored {
        format: Format,
        path: String,
    },
    /// The format names documents by file: `name` comes back as `{stem}.txt`.
    NameLost {
        format: Format,
        name: String,
        stem: String,
    },
    /// The format names documents by file: an import lists them by file name.
    OrderLost {
        format: Format,
    },
    // Hugging Face.
    /// A span in `spans` that the IOB2 `ner_tags` cannot hold: it overlaps span `other`.
    HfOverlapNotInTags {
        other: SpanId,
    },
    /// A span in `spans` without a token, so not in `ner_tags`.
    HfNoTokenNotInTags,
    /// A record with `tokens` and no `text`: the text was rebuilt from the tokens.
    HfTextRebuilt,
    /// A record without `spans`: they were read from `ner_tags`.
    HfSpansFromTags,
    /// `ner_tags` as numbers without the label names to read them: no spans were read.
    HfTagsUnnamed,
    // WebAnno TSV.
    /// A document id that is not a safe file name: its file is `{stem}.tsv`.
    WebannoFileName {
        stem: String,
    },
    /// Text before the first token (`count` code points, not all spaces), which the format
    /// cannot hold: an import reads spaces there.
    WebannoTextBeforeTokens {
        count: usize,
    },
    /// Layers other than the named entities, by type name.
    WebannoLayersIgnored {
        layers: Vec<String>,
    },
    WebannoNoNamedEntities,
    /// Named entities without a value (label), skipped.
    WebannoNoValue {
        count: usize,
    },
    /// Named entities' knowledge-base links (`identifier`), ignored.
    WebannoIdentifiersIgnored {
        count: usize,
    },
    // Prodigy.
    /// Tasks answered `answer` (reject, ignore), skipped.
    ProdigySkipped {
        answer: String,
        count: usize,
    },
    // Agreement and adjudication.
    /// Only `annotator`'s file has the document.
    OnlyOneHas {
        annotator: String,
    },
    /// `annotator`'s file holds the text twice; the other copy is the document `other`.
    SameTextTwice {
        annotator: String,
        other: String,
    },
    NotInFilesOf {
        annotators: Vec<String>,
    },
    /// A span of `annotator` that the figures cannot count: it holds no token. `label`: the
    /// figures of that label; none: the overall figures.
    NoTokenUncounted {
        annotator: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
    /// A span of `annotator` that overlaps their span `other`, which comes first.
    OverlapUncounted {
        annotator: String,
        other: SpanId,
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
}

impl Note {
    pub fn file(what: NoteKind) -> Note {
        Note { document: None, at: Place::none(), span: None, what }
    }

    pub fn doc(document: &str, what: NoteKind) -> Note {
        Note { document: Some(document.into()), at: Place::none(), span: None, what }
    }

    pub fn at(document: &str, at: Place, what: NoteKind) -> Note {
        Note { document: Some(document.into()), at, span: None, what }
    }

    /// A note about one span of an exported document (named by id, label, text and offsets).
    pub fn span(doc: &Document, span: &Span, what: NoteKind) -> Note {
        Note { document: Some(doc.id.clone()), at: Place(vec![span_step(doc, span)]), span: Some(span.id), what }
    }
}

/// A span as a step of a place: its id, label, text (the first 40 code points) and offsets.
fn span_step(doc: &Document, span: &Span) -> Step {
    let text: String = doc.slice(span.start, span.end).unwrap_or_default().chars().take(40).collect();
    Step::Span { id: span.id, label: span.label.clone(), text, start: span.start, end: span.end }
}

/// A format as the notes name it.
fn title(format: Format) -> &'static str {
    match format {
        Format::Alama => "Alama's JSON",
        Format::Jsonl => "JSONL",
        Format::Brat => "brat",
        Format::LabelStudio => "Label Studio's tasks JSON",
        Format::Conll => "CoNLL",
        Format::Hf => "Hugging Face's token classification",
        Format::Webanno => "WebAnno TSV",
        Format::Prodigy => "Prodigy's ner_manual",
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.document, self.at.is_empty()) {
            (Some(d), false) => write!(f, "document “{d}”, {}: {}", self.at, self.what),
            (Some(d), true) => write!(f, "document “{d}”: {}", self.what),
            (None, false) => write!(f, "{}: {}", self.at, self.what),
            (None, true) => write!(f, "{}", self.what),
        }
    }
}

impl fmt::Display for NoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use NoteKind as N;
        match self {
            N::LabelAdded { label, color } => {
                write!(f, "label {label} is not one of the default labels; it was added with the colour {color}")
            }
            N::IdTaken { wanted, id } => write!(f, "the id “{wanted}” was already used by another document; this one is “{id}”"),
            N::EmptySpanSkipped { label, start } => write!(f, "an empty span ({label} at {start}) was skipped"),
            N::DuplicateSpan { label, start, end } => write!(f, "{label} {start}–{end} appears twice; it was kept once"),
            N::LabelSetLost { format } => write!(
                f,
                "{} keeps label ids only: the label set's names and colours are not written (an import gets the default ones)",
                title(*format)
            ),
            N::AnnotatorsLost { format, spans } => {
                write!(f, "{} has no place for annotator names: {spans} spans lose theirs", title(*format))
            }
            N::ClassesIgnored { count } => write!(f, "{count} labels that are not spans (document classes) were ignored"),
            N::BratFileNames { stem } => {
                write!(f, "the id cannot be a file name as it is: the files are “{stem}.txt” and “{stem}.ann”")
            }
            N::BratNameLost { name, stem } => write!(f, "brat keeps no file name: “{name}” comes back as “{stem}.txt”"),
            N::BratSameAsAnother { start, end, label } => {
                write!(f, "without the line breaks at its edges it is {start}–{end}, like another {label} span: it is not written")
            }
            N::BratEdgesMoved { start, end } => {
                write!(f, "is written as {start}–{end}: a brat fragment cannot begin or end with a line break")
            }
            N::BratOnlyLineBreaks => write!(f, "holds only line breaks, which brat cannot annotate: it is not written"),
            N::BratOrderLost => write!(f, "brat keeps no document order: an import lists the documents by file name"),
            N::BratFileIgnored { path } => write!(f, "“{path}” is not part of a brat collection (.txt, .ann, .conf) and was ignored"),
            N::BratNoAnn { txt } => write!(f, "“{txt}” has no .ann file: the document has no spans"),
            N::BratOthersIgnored { count, file } => {
                write!(f, "{count} relations, events, attributes, normalisations or notes in {file} were ignored: Alama keeps spans only")
            }
            N::BratSplit { count, file } => write!(f, "{count} discontinuous spans in {file} became one span per fragment"),
            N::LabelStudioCancelled { count } => write!(f, "{count} cancelled annotations were skipped"),
            N::LabelStudioSeveral { count, key, first } => {
                let which = first.as_ref().map_or("the first".to_string(), |id| format!("the first (id {id})"));
                write!(
                    f,
                    "the task has {count} {key}; {which} was read and the others were ignored (import each annotator's file separately to compare them)"
                )
            }
            N::LabelStudioFieldIgnored { field } => {
                write!(f, "the field “{field}” is not a list of Label Studio regions and was ignored (a doccano file? import it as JSONL)")
            }
            N::LabelStudioOthersIgnored { count } => write!(
                f,
                "{count} results that are not text spans with labels (choices, relations, text areas, HTML regions…) were ignored"
            ),
            N::LabelStudioUtf16 { count } => {
                write!(f, "{count} results counted UTF-16 units (older Label Studio): their offsets were converted to code points")
            }
            N::ConllSpanNoToken => write!(f, "holds only white space or invisible marks, so no token: it is not in the tags"),
            N::ConllOverlaps { other } => {
                write!(f, "overlaps span {other}, which comes first: IOB2 holds one span per token, so it is not in the tags")
            }
            N::ConllEdgesMoved { start, end } => {
                write!(f, "is written as its tokens, {start}–{end}: the white space or invisible marks at its edges are in no token")
            }
            N::ConllTextRebuilt => write!(
                f,
                "the file does not hold the text: it was rebuilt by joining the tokens with spaces and the sentences with line breaks, so the offsets refer to the rebuilt text"
            ),
            N::ConllLenient { count } => {
                write!(f, "{count} spans begin with I- (or E-) instead of B-: each was read as the start of a span, as conlleval does")
            }
            N::TokenOverlaps { format, other } => {
                write!(f, "overlaps span {other}, which comes first: {} holds one span per token, so it is not written", title(*format))
            }
            N::TokenNone { format } => {
                write!(f, "holds only white space or invisible marks, so no token: {} cannot hold it, so it is not written", title(*format))
            }
            N::TokenEdgesMoved { format, start, end } => write!(
                f,
                "is written as its tokens, {start}–{end}: {} spans are whole tokens, and the white space or invisible marks at its edges are in no token",
                title(*format)
            ),
            N::FileIgnored { format, path } => write!(f, "“{path}” is not part of a {} export and was ignored", title(*format)),
            N::NameLost { format, name, stem } => {
                write!(f, "{} keeps no file name: “{name}” comes back as “{stem}.txt”", title(*format))
            }
            N::OrderLost { format } => {
                write!(f, "{} keeps no document order: an import lists the documents by file name", title(*format))
            }
            N::HfOverlapNotInTags { other } => write!(
                f,
                "overlaps span {other}, which comes first: it is in \"spans\" but not in \"ner_tags\", which hold one span per token (IOB2)"
            ),
            N::HfNoTokenNotInTags => {
                write!(f, "holds only white space or invisible marks, so no token: it is in \"spans\" but not in \"ner_tags\"")
            }
            N::HfTextRebuilt => write!(
                f,
                "the record has no \"text\": it was rebuilt by joining the tokens with spaces, so the offsets refer to the rebuilt text"
            ),
            N::HfSpansFromTags => write!(
                f,
                "the record has no \"spans\": they were read from \"ner_tags\", which hold one span per token, so overlapping spans could not be recovered"
            ),
            N::HfTagsUnnamed => {
                write!(f, "the \"ner_tags\" are numbers and no label names were given (label_names.json): no spans could be read")
            }
            N::WebannoFileName { stem } => write!(f, "the id cannot be a file name as it is: the file is “{stem}.tsv”"),
            N::WebannoTextBeforeTokens { count } => write!(
                f,
                "the {count} characters before the first token cannot be written (a WebAnno sentence starts at a token): an import reads spaces there"
            ),
            N::WebannoLayersIgnored { layers } => {
                write!(f, "the layers {} were ignored: Alama reads the named entities only", layers.join(", "))
            }
            N::WebannoNoNamedEntities => {
                write!(f, "the file has no named-entity layer (NamedEntity): only its text was read")
            }
            N::WebannoNoValue { count } => write!(f, "{count} named entities have no value (label) and were skipped"),
            N::WebannoIdentifiersIgnored { count } => {
                write!(f, "{count} named entities link to a knowledge base (identifier): the links were ignored")
            }
            N::ProdigySkipped { answer, count } => {
                write!(f, "{count} tasks answered “{answer}” were skipped: only accepted tasks (and tasks not yet answered) are read")
            }
            N::OnlyOneHas { annotator } => write!(f, "only {annotator} has this document: it is not compared"),
            N::SameTextTwice { annotator, other } => {
                write!(f, "{annotator}'s file holds the same text twice (also as “{other}”); the first is compared")
            }
            N::NotInFilesOf { annotators } => {
                write!(f, "not in the files of {}: it counts only for the pairs that both have it", annotators.join(", "))
            }
            N::NoTokenUncounted { annotator, label } => write!(
                f,
                "{annotator}: holds no token (only white space or invisible marks); it is left out of the {} figures",
                label.as_deref().unwrap_or("overall")
            ),
            N::OverlapUncounted { annotator, other, label } => write!(
                f,
                "{annotator}: overlaps span {other}, which comes first; it is left out of the {} figures",
                label.as_deref().unwrap_or("overall")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_serialize_as_a_kind_and_their_fields() {
        let note = Note::at("d", Place::line(3), NoteKind::EmptySpanSkipped { label: "PER".into(), start: 4 });
        assert_eq!(
            serde_json::to_string(&note).unwrap(),
            r#"{"document":"d","at":[{"kind":"line","line":3}],"what":{"kind":"empty_span_skipped","label":"PER","start":4}}"#
        );
        assert_eq!(note.to_string(), "document “d”, line 3: an empty span (PER at 4) was skipped");
        let note = Note::file(NoteKind::LabelSetLost { format: Format::LabelStudio });
        assert_eq!(serde_json::to_string(&note).unwrap(), r#"{"at":[],"what":{"kind":"label_set_lost","format":"label-studio"}}"#);
        assert!(note.to_string().starts_with("Label Studio's tasks JSON keeps label ids only"));
    }
}
