//! One example of every coded refusal, note and place, with the English the core words it
//! in, written to tests/words/examples.json: the page's wording (www/words/errors.js) is
//! checked against that file by tests/words/errors.test.js, so that the two stay in step.
//!
//! Each list is made by `every!`, whose match is built from the same patterns as the
//! examples: a new variant does not compile until it has an example here. When the file on
//! disk differs from what the core says now, the test fails; `ALAMA_BLESS=1 cargo test
//! --test wording` rewrites it.

#![cfg(not(target_arch = "wasm32"))]

use alama::error::{Error, ImportProblem as P, LabelProblem, Place, RequestProblem, RestoreProblem, SpanProblem, Step};
use alama::exchange::adjudicate::MergeError;
use alama::exchange::agree::AgreeError;
use alama::exchange::zip::ZipError;
use alama::exchange::{Format, Note, NoteKind as N};
use alama::text::document::FileProblem;
use alama::text::offsets::OffsetError;
use serde::Serialize;
use std::path::Path;

/// The examples of `$type`, one list for each pattern: every variant of `$type` must have a
/// pattern (the match below is exhaustive), and every example must match its pattern.
macro_rules! every {
    ($type:ty { $($pattern:pat => $examples:expr),+ $(,)? }) => {{
        fn variant(value: &$type) {
            match value {
                $($pattern => {})+
            }
        }
        let mut all: Vec<$type> = vec![];
        $(
            let examples: Vec<$type> = $examples;
            assert!(!examples.is_empty(), "no example of {}", stringify!($pattern));
            for example in examples {
                assert!(matches!(example, $pattern), "{example:?} is not an example of {}", stringify!($pattern));
                variant(&example);
                all.push(example);
            }
        )+
        all
    }};
}

fn s(text: &str) -> String {
    text.to_string()
}

fn steps(steps: Vec<Step>) -> Place {
    Place(steps)
}

fn doc(id: &str) -> Step {
    Step::Document { id: s(id) }
}

fn line(line: usize) -> Step {
    Step::Line { line }
}

fn field(path: &str) -> Step {
    Step::Field { path: s(path) }
}

fn file_line(file: &str, line: usize) -> Step {
    Step::FileLine { file: s(file), line }
}

fn entry(name: &str) -> Step {
    Step::Entry { name: s(name) }
}

fn task_document(task: usize, document: &str) -> Step {
    Step::TaskDocument { task, document: s(document) }
}

fn span_step() -> Step {
    Step::Span { id: 3, label: s("PER"), text: s("بوتين"), start: 8, end: 13 }
}

/// What the JSON parser says, kept in some problems for the record.
const PARSER: &str = "expected `,` or `}` at line 3 column 17";

fn offset_errors() -> Vec<OffsetError> {
    every!(OffsetError {
        OffsetError::OutOfRange { .. } => vec![OffsetError::OutOfRange { pos: 120, len: 96 }],
        OffsetError::InsideSurrogatePair { .. } => vec![OffsetError::InsideSurrogatePair { pos: 7 }],
    })
}

fn file_problems() -> Vec<FileProblem> {
    every!(FileProblem {
        FileProblem::Empty => vec![FileProblem::Empty],
        FileProblem::TooLarge { .. } => vec![
            FileProblem::TooLarge { bytes: 72_351_744, max: 41_943_040 },
            // Exactly 0.25 MB: rounded to even, as Rust formats it.
            FileProblem::TooLarge { bytes: 262_144, max: 786_432 },
        ],
        FileProblem::TooLargeToRead { .. } => vec![FileProblem::TooLargeToRead { bytes: 72_351_744, max: 67_108_864 }],
        FileProblem::Binary { .. } => vec![FileProblem::Binary { byte: 1042 }],
        FileProblem::NotUtf8 { .. } => vec![FileProblem::NotUtf8 { byte: 311, line: 4 }],
    })
}

fn label_problems() -> Vec<LabelProblem> {
    every!(LabelProblem {
        LabelProblem::BadId { .. } => vec![LabelProblem::BadId { index: 2, id: s("B-PER") }],
        LabelProblem::BadColor { .. } => vec![LabelProblem::BadColor { index: 1, color: s("red") }],
        LabelProblem::Twice { .. } => vec![LabelProblem::Twice { index: 3, id: s("LOC") }],
        LabelProblem::NeedsNames { .. } => vec![LabelProblem::NeedsNames { id: s("ORG") }],
        LabelProblem::CannotRemove { .. } => vec![LabelProblem::CannotRemove { id: s("PER") }],
        LabelProblem::TooMany { .. } => vec![LabelProblem::TooMany { max: 9 }],
    })
}

fn span_problems() -> Vec<SpanProblem> {
    every!(SpanProblem {
        SpanProblem::Twice { .. } => vec![SpanProblem::Twice { start: 8, end: 13, label: s("PER") }],
        SpanProblem::IdInUse { .. } => vec![SpanProblem::IdInUse { span: 4 }],
        SpanProblem::Outside { .. } => vec![SpanProblem::Outside { span: 5, start: 90, end: 97, len: 96 }],
    })
}

fn restore_problems() -> Vec<RestoreProblem> {
    every!(RestoreProblem {
        RestoreProblem::SnapshotUnreadable { .. } => vec![RestoreProblem::SnapshotUnreadable { detail: s(PARSER) }],
        RestoreProblem::RecordUnreadable { .. } => vec![RestoreProblem::RecordUnreadable { detail: s("EOF while parsing a string at line 1 column 40") }],
        RestoreProblem::OpenedTwice { .. } => vec![RestoreProblem::OpenedTwice { document: s("news-1") }],
        RestoreProblem::DocumentUnreadable { .. } => vec![RestoreProblem::DocumentUnreadable { document: s("news-1"), detail: s(PARSER) }],
        RestoreProblem::NothingToUndo { .. } => vec![RestoreProblem::NothingToUndo { document: s("news-1") }],
        RestoreProblem::NothingToRedo { .. } => vec![RestoreProblem::NothingToRedo { document: s("news-1") }],
        RestoreProblem::Replay { .. } => vec![
            RestoreProblem::Replay { at: 3, total: 12, error: Box::new(Error::UnknownLabel { label: s("ORG") }) },
            RestoreProblem::Replay { at: 1, total: 2, error: Box::new(Error::Span { problem: SpanProblem::IdInUse { span: 4 } }) },
        ],
    })
}

/// Every way the page's requests are named when they cannot be read (src/web/).
const REQUESTS: [&str; 9] = [
    "the change",
    "the time",
    "the format",
    "the workspace",
    "the files to read",
    "the annotators' files",
    "the files of A",
    "the files of B",
    "the decisions",
];

fn request_problems() -> Vec<RequestProblem> {
    every!(RequestProblem {
        RequestProblem::Unreadable { .. } => REQUESTS
            .iter()
            .map(|what| RequestProblem::Unreadable { what: s(what), detail: s("invalid type: string \"x\", expected a sequence") })
            .collect(),
        RequestProblem::NoImportBeingRead => vec![RequestProblem::NoImportBeingRead],
        RequestProblem::NoCheckedImport => vec![RequestProblem::NoCheckedImport],
        RequestProblem::ImportUnderWay { .. } => vec![RequestProblem::ImportUnderWay { file: s("gold.json") }],
        RequestProblem::RestoreUnderWay => vec![RequestProblem::RestoreUnderWay],
        RequestProblem::NoRestoreUnderWay => vec![RequestProblem::NoRestoreUnderWay],
    })
}

/// An import refused: the file, the place and the problem, as the formats refuse them.
type Refusal = (String, Place, P);

fn import_problems() -> Vec<Refusal> {
    let canonical = |at: Place, problem: P| (s("gold.json"), at, problem);
    let jsonl = |at: Place, problem: P| (s("news.jsonl"), at, problem);
    let brat = |at: Place, problem: P| (s("brat-news"), at, problem);
    let studio = |at: Place, problem: P| (s("tasks.json"), at, problem);
    let conll = |at: Place, problem: P| (s("news.conll"), at, problem);
    let list = |at: Place, problem: P| (s("names.tsv"), at, problem);
    let hf = |at: Place, problem: P| (s("alama-hf"), at, problem);
    let tsv = |at: Place, problem: P| (s("news-1.tsv"), at, problem);
    let prodigy = |at: Place, problem: P| (s("db-out.jsonl"), at, problem);
    let span = |i: usize, j: usize, rest: &str| Place::field(format!("documents[{i}].spans[{j}]{rest}"));
    let brat_at = |n: usize, t: Option<&str>| {
        let mut at = vec![doc("news-1"), file_line("news-1.ann", n)];
        at.extend(t.map(entry));
        steps(at)
    };
    let result = |step: Step| steps(vec![task_document(2, "task-12"), step]);
    let conll_at = |id: &str, line: usize| steps(vec![Step::DocumentAt { id: s(id), line: 4 }, Step::Line { line }]);
    every!(Refusal {
        (_, _, P::NotUtf8) => vec![canonical(Place::none(), P::NotUtf8)],
        (_, _, P::NotJson { .. }) => vec![
            canonical(Place::none(), P::NotJson { line: 3, column: 17, detail: s(PARSER) }),
            jsonl(Place::line(5), P::NotJson { line: 5, column: 9, detail: s("key must be a string at line 1 column 9") }),
        ],
        (_, _, P::NotAlamaTopLevel) => vec![canonical(Place::none(), P::NotAlamaTopLevel)],
        (_, _, P::NotAlamaNoFormat) => vec![canonical(Place::none(), P::NotAlamaNoFormat)],
        (_, _, P::OtherFormat { .. }) => vec![canonical(Place::field("format"), P::OtherFormat { format: s("doccano") })],
        (_, _, P::VersionUnsupported { .. }) => vec![canonical(Place::field("version"), P::VersionUnsupported { version: 2, supported: 1 })],
        (_, _, P::VersionMissing) => vec![canonical(Place::field("version"), P::VersionMissing)],
        (_, _, P::Malformed { .. }) => vec![canonical(Place::none(), P::Malformed { line: 12, column: 5, detail: s("unknown field `colour`, expected one of `id`, `names`, `color` at line 12 column 5") })],
        (_, _, P::OffsetsUnit { .. }) => vec![canonical(Place::field("offsets"), P::OffsetsUnit { unit: s("utf16"), expected: s("codepoint") })],
        (_, _, P::NoLabels) => vec![canonical(Place::field("labels"), P::NoLabels)],
        (_, _, P::Label { .. }) => label_problems()
            .into_iter()
            .map(|problem| canonical(problem.field().map(Place::field).unwrap_or_default(), P::Label { problem }))
            .collect(),
        (_, _, P::DocumentId { .. }) => vec![canonical(Place::field("documents[1].id"), P::DocumentId { id: s("news-1") })],
        (_, _, P::NotAList) => vec![canonical(Place::field("documents[0].spans"), P::NotAList)],
        (_, _, P::TextNotAString { .. }) => vec![canonical(Place::field("documents[0].text"), P::TextNotAString { detail: s("invalid type: integer `5`, expected a string at line 9 column 14") })],
        (_, _, P::Sha256Mismatch { .. }) => vec![canonical(Place::field("documents[0].sha256"), P::Sha256Mismatch { name: s("news-1.txt") })],
        (_, _, P::SpanMalformed { .. }) => vec![canonical(span(0, 2, ""), P::SpanMalformed { detail: s("missing field `label` at line 20 column 9") })],
        (_, _, P::ListEndsEarly) => vec![canonical(Place::field("documents[0].spans"), P::ListEndsEarly)],
        (_, _, P::ExpectedCommaOrBracket) => vec![canonical(span(0, 2, ""), P::ExpectedCommaOrBracket)],
        (_, _, P::SpanIdZero) => vec![canonical(span(2, 5, ".id"), P::SpanIdZero)],
        (_, _, P::OffsetsOutside { .. }) => vec![
            canonical(span(2, 5, ""), P::OffsetsOutside { start: 90, end: 97, len: 96 }),
            brat(brat_at(4, Some("T4")), P::OffsetsOutside { start: 0, end: 30, len: 7 }),
        ],
        (_, _, P::SpanTextMismatch { .. }) => vec![canonical(span(2, 5, ".text"), P::SpanTextMismatch { claimed: s("بوتن"), start: 8, end: 13, actual: s("بوتين") })],
        (_, _, P::LabelNotInSet { .. }) => vec![canonical(span(0, 1, ".label"), P::LabelNotInSet { label: s("ORG") })],
        (_, _, P::SpanTwice { .. }) => vec![canonical(span(0, 3, ""), P::SpanTwice { id: 3, start: 8, end: 13, label: s("PER") })],
        (_, _, P::NotReadToEnd) => vec![canonical(Place::none(), P::NotReadToEnd)],
        (_, _, P::LabelUnusable { .. }) => vec![jsonl(steps(vec![doc("news-1"), line(2), field("label[0]")]), P::LabelUnusable { label: s("B-PER") })],
        (_, _, P::SpanWithoutDocument) => vec![conll(Place::line(3), P::SpanWithoutDocument)],
        (_, _, P::OneFileOnly { .. }) => vec![(s("a.jsonl, b.jsonl"), Place::none(), P::OneFileOnly { format: s("jsonl"), files: 2 })],
        (_, _, P::NoTab) => vec![list(Place::line(7), P::NoTab)],
        (_, _, P::ExtraTab) => vec![list(Place::line(7), P::ExtraTab)],
        (_, _, P::EmptyEntry) => vec![list(Place::line(7), P::EmptyEntry)],
        (_, _, P::EmptyLabel) => vec![list(Place::line(7), P::EmptyLabel)],
        (_, _, P::UnknownListLabel { .. }) => vec![list(Place::line(7), P::UnknownListLabel { label: s("ORG"), known: vec![s("PER"), s("LOC"), s("WEA"), s("EVT")] })],
        (_, _, P::NoEntries) => vec![list(Place::none(), P::NoEntries)],
        (_, _, P::TextChanged { .. }) => vec![
            jsonl(Place::line(2), P::TextChanged { id: s("news-1") }),
            studio(steps(vec![Step::Task { task: 2 }]), P::TextChanged { id: s("task-12") }),
        ],
        (_, _, P::JsonlNoDocument) => vec![jsonl(Place::none(), P::JsonlNoDocument)],
        (_, _, P::JsonlNoText) => vec![jsonl(Place::line(2), P::JsonlNoText)],
        (_, _, P::JsonlBadArray) => vec![jsonl(steps(vec![Step::Item { item: 3 }]), P::JsonlBadArray)],
        (_, _, P::JsonlNotAnObject) => vec![jsonl(Place::line(2), P::JsonlNotAnObject)],
        (_, _, P::JsonlSpansNotAList { .. }) => vec![jsonl(steps(vec![doc("news-1"), line(2)]), P::JsonlSpansNotAList { key: s("entities") })],
        (_, _, P::JsonlSpanTextMismatch { .. }) => vec![jsonl(
            steps(vec![doc("news-1"), line(2), field("spans[0]")]),
            P::JsonlSpanTextMismatch { claimed: s("بوتن"), start: 8, end: 13, actual: s("بوتين") },
        )],
        (_, _, P::JsonlSpanOffsets) => vec![jsonl(steps(vec![doc("news-1"), line(2), field("label[1]")]), P::JsonlSpanOffsets)],
        (_, _, P::JsonlSpanShape) => vec![jsonl(steps(vec![doc("news-1"), Step::Item { item: 2 }, field("entities[0]")]), P::JsonlSpanShape)],
        (_, _, P::BratNoTxt) => vec![brat(steps(vec![Step::File { name: s("brat-news/news-2.ann") }]), P::BratNoTxt)],
        // Files without a common folder are named so.
        (_, _, P::BratNoDocument) => vec![brat(Place::none(), P::BratNoDocument), (s("the brat files"), Place::none(), P::BratNoDocument)],
        (_, _, P::BratNotAnnotationLine) => vec![brat(brat_at(6, None), P::BratNotAnnotationLine)],
        (_, _, P::BratNoTextBound) => vec![brat(brat_at(6, None), P::BratNoTextBound)],
        (_, _, P::BratBadOffsets { .. }) => vec![brat(brat_at(2, Some("T2")), P::BratBadOffsets { offsets: s("8 x") })],
        (_, _, P::BratTextMismatch { .. }) => vec![brat(
            brat_at(1, Some("T1")),
            P::BratTextMismatch { claimed: s("بوتن"), offsets: s("8 13"), actual: s("بوتين") },
        )],
        (_, _, P::LabelStudioNotTasks) => vec![studio(Place::none(), P::LabelStudioNotTasks)],
        (_, _, P::LabelStudioTaskNotAnObject) => vec![studio(steps(vec![Step::Task { task: 4 }]), P::LabelStudioTaskNotAnObject)],
        (_, _, P::LabelStudioNoTask) => vec![studio(Place::none(), P::LabelStudioNoTask)],
        (_, _, P::LabelStudioNoText) => vec![studio(steps(vec![Step::Task { task: 1 }]), P::LabelStudioNoText)],
        (_, _, P::LabelStudioTextMismatch { .. }) => vec![
            studio(result(Step::Result { id: s("Xy1aB2") }), P::LabelStudioTextMismatch { claimed: s("بوتن"), start: 8, end: 13, actual: s("بوتين") }),
            studio(result(Step::ResultNumber { number: 3 }), P::LabelStudioTextMismatch { claimed: s("موسكو"), start: 2, end: 7, actual: s("") }),
        ],
        (_, _, P::LabelStudioLabelsNotNames) => vec![studio(result(Step::Result { id: s("Qw9") }), P::LabelStudioLabelsNotNames)],
        (_, _, P::ConllNoToken) => vec![conll(Place::none(), P::ConllNoToken)],
        (_, _, P::ConllNotAJsonString { .. }) => vec![conll(Place::line(3), P::ConllNotAJsonString { key: s("text"), detail: s("EOF while parsing a string at line 1 column 12") })],
        (_, _, P::ConllNoTag) => vec![conll(Place::line(9), P::ConllNoTag)],
        (_, _, P::ConllTextChanged) => vec![conll(conll_at("news-1", 4), P::ConllTextChanged)],
        (_, _, P::ConllNotIob2 { .. }) => vec![conll(steps(vec![doc("news-1"), line(11)]), P::ConllNotIob2 { tag: s("X-PER") })],
        (_, _, P::ConllTokenNotNext { .. }) => vec![
            conll(conll_at("news-1", 11), P::ConllTokenNotNext { token: s("بوتن"), found: s("بوتي"), at: 8 }),
            conll(conll_at("0", 11), P::ConllTokenNotNext { token: s("Putin"), found: s("Pute"), at: 0 }),
            hf(steps(vec![doc("news-1"), line(2)]), P::ConllTokenNotNext { token: s("بوتين"), found: s("بوتي"), at: 8 }),
        ],
        (_, _, P::HfNoRecords) => vec![hf(Place::none(), P::HfNoRecords), (s("the Hugging Face files"), Place::none(), P::HfNoRecords)],
        (_, _, P::HfBadLabelNames) => vec![hf(steps(vec![Step::File { name: s("alama-hf/label_names.json") }]), P::HfBadLabelNames)],
        (_, _, P::HfNoTextOrTokens) => vec![hf(steps(vec![file_line("alama-hf/train.jsonl", 4)]), P::HfNoTextOrTokens)],
        (_, _, P::HfTokensNotStrings) => vec![hf(Place::line(4), P::HfTokensNotStrings)],
        (_, _, P::HfTagsLength { .. }) => vec![hf(steps(vec![doc("news-1"), line(4)]), P::HfTagsLength { tokens: 12, tags: 11 })],
        (_, _, P::HfBadTag) => vec![hf(steps(vec![doc("news-1"), line(4), field("ner_tags[3]")]), P::HfBadTag)],
        (_, _, P::HfTagOutOfRange { .. }) => vec![hf(steps(vec![doc("news-1"), line(4), field("ner_tags[3]")]), P::HfTagOutOfRange { tag: 9, names: 9 })],
        (_, _, P::HfOffsetsShape) => vec![hf(steps(vec![doc("news-1"), line(4)]), P::HfOffsetsShape)],
        (_, _, P::HfTokenOffsets { .. }) => vec![hf(
            steps(vec![doc("news-1"), line(4)]),
            P::HfTokenOffsets { token: s("بوتين"), start: 8, end: 12, actual: s("بوتي") },
        )],
        (_, _, P::WebannoNotTsv3) => vec![tsv(Place::line(1), P::WebannoNotTsv3), (s("the WebAnno files"), Place::none(), P::WebannoNotTsv3)],
        (_, _, P::WebannoTooFewColumns { .. }) => vec![tsv(Place::line(9), P::WebannoTooFewColumns { expected: 5, found: 4 })],
        (_, _, P::WebannoBadOffsets { .. }) => vec![tsv(steps(vec![file_line("tsv/news-1.tsv", 9)]), P::WebannoBadOffsets { offsets: s("8–13") })],
        (_, _, P::WebannoTokenBeforeText) => vec![tsv(Place::line(5), P::WebannoTokenBeforeText)],
        (_, _, P::WebannoSentenceOverlap { .. }) => vec![tsv(Place::line(14), P::WebannoSentenceOverlap { start: 20, len: 42 })],
        (_, _, P::WebannoTokenMismatch { .. }) => vec![tsv(
            steps(vec![doc("news-1"), line(9)]),
            P::WebannoTokenMismatch { token: s("بوتين"), start: 10, end: 15, actual: s("ن بوت") },
        )],
        (_, _, P::ProdigyBadTokens) => vec![prodigy(steps(vec![doc("news-1"), line(2), field("tokens[4]")]), P::ProdigyBadTokens)],
        (_, _, P::ProdigyTokenMismatch { .. }) => vec![prodigy(
            steps(vec![doc("news-1"), line(2), field("tokens[4]")]),
            P::ProdigyTokenMismatch { token: s("بوتين"), start: 8, end: 13, actual: s("بوتي") },
        )],
    })
}

fn errors() -> Vec<Error> {
    every!(Error {
        Error::UnknownDocument { .. } => vec![Error::UnknownDocument { document: s("news-9") }],
        Error::UnknownSpan { .. } => vec![Error::UnknownSpan { span: 12 }],
        Error::UnknownLabel { .. } => vec![Error::UnknownLabel { label: s("ORG") }],
        Error::Offset { .. } => offset_errors().into_iter().map(|problem| Error::Offset { problem }).collect(),
        Error::NothingToTag => vec![Error::NothingToTag],
        Error::Duplicate { .. } => vec![Error::Duplicate { label: s("PER"), text: s("بوتين") }],
        Error::File { .. } => file_problems().into_iter().map(|problem| Error::File { file: s("news.txt"), problem }).collect(),
        Error::Import { .. } => import_problems().into_iter().map(|(file, at, problem)| Error::Import { file, at, problem }).collect(),
        Error::Span { .. } => span_problems().into_iter().map(|problem| Error::Span { problem }).collect(),
        Error::Labels { .. } => label_problems().into_iter().map(|problem| Error::Labels { problem }).collect(),
        Error::Restore { .. } => restore_problems().into_iter().map(|problem| Error::Restore { problem }).collect(),
        Error::Request { .. } => request_problems().into_iter().map(|problem| Error::Request { problem }).collect(),
    })
}

fn agree_errors() -> Vec<AgreeError> {
    every!(AgreeError {
        AgreeError::TooFew { .. } => vec![AgreeError::TooFew { files: 1 }],
        AgreeError::SameName { .. } => vec![AgreeError::SameName { name: s("mona") }],
    })
}

fn merge_errors() -> Vec<MergeError> {
    let open = |n: usize| -> Vec<(String, usize)> { (1..=n).map(|k| (format!("news-{}", k % 3 + 1), k)).collect() };
    every!(MergeError {
        MergeError::UnknownDocument { .. } => vec![MergeError::UnknownDocument { document: s("news-9") }],
        MergeError::UnknownDisagreement { .. } => vec![MergeError::UnknownDisagreement { document: s("news-1"), disagreement: 14 }],
        MergeError::DecidedTwice { .. } => vec![MergeError::DecidedTwice { document: s("news-1"), disagreement: 2 }],
        MergeError::Stale { .. } => vec![MergeError::Stale { document: s("news-1"), disagreement: 2 }],
        MergeError::BadDraft { .. } => vec![MergeError::BadDraft {
            document: s("news-1"),
            disagreement: 2,
            problem: s("the edited span's label “ORG” is not in the label set"),
        }],
        MergeError::Undecided { .. } => vec![MergeError::Undecided { open: open(2) }, MergeError::Undecided { open: open(13) }],
    })
}

fn zip_errors() -> Vec<ZipError> {
    every!(ZipError {
        ZipError::TooManyFiles { .. } => vec![ZipError::TooManyFiles { files: 70_000 }],
        ZipError::TooLarge { .. } => vec![ZipError::TooLarge { path: s("brat/news-1.txt") }],
        ZipError::BadPath { .. } => vec![ZipError::BadPath { path: s("../news-1.txt") }],
        ZipError::Unreadable { .. } => vec![ZipError::Unreadable { archive: s("brat.zip"), problem: s("news-1.txt: the compressed data is damaged (BadParam)") }],
    })
}

fn places() -> Vec<Place> {
    let one = every!(Step {
        Step::Field { .. } => vec![field("documents[2].spans[5].end")],
        Step::File { .. } => vec![Step::File { name: s("brat-news/news-2.ann") }],
        Step::Document { .. } => vec![doc("news-1")],
        Step::DocumentAt { .. } => vec![Step::DocumentAt { id: s("news-1"), line: 4 }, Step::DocumentAt { id: s("2"), line: 40 }],
        Step::Line { .. } => vec![line(12)],
        Step::FileLine { .. } => vec![file_line("news-1.ann", 4)],
        Step::Item { .. } => vec![Step::Item { item: 3 }],
        Step::Task { .. } => vec![Step::Task { task: 2 }],
        Step::TaskDocument { .. } => vec![task_document(2, "task-12")],
        Step::Entry { .. } => vec![entry("T4")],
        Step::Result { .. } => vec![Step::Result { id: s("r2") }],
        Step::ResultNumber { .. } => vec![Step::ResultNumber { number: 3 }],
        Step::Span { .. } => vec![span_step()],
    });
    // An entry stands after the line it is on.
    let mut places: Vec<Place> = one
        .into_iter()
        .map(|step| if matches!(step, Step::Entry { .. }) { steps(vec![file_line("news-1.ann", 4), step]) } else { steps(vec![step]) })
        .collect();
    places.extend([
        steps(vec![doc("news-1"), file_line("news-1.ann", 4), entry("T4")]),
        steps(vec![doc("task-12"), task_document(2, "task-12"), Step::Result { id: s("r2") }]),
        steps(vec![Step::DocumentAt { id: s("news-1"), line: 4 }, line(11)]),
        steps(vec![doc("news-1"), line(2), field("label[0]")]),
    ]);
    places
}

fn notes() -> Vec<Note> {
    let document = |what: N| Note::doc("news-1", what);
    let at = |place: Place, what: N| Note { document: Some(s("news-1")), at: place, span: None, what };
    let span = |what: N| Note { document: Some(s("news-1")), at: Place(vec![span_step()]), span: Some(3), what };
    let task = || steps(vec![task_document(2, "task-12")]);
    let kinds = every!(N {
        N::LabelAdded { .. } => vec![N::LabelAdded { label: s("ORG"), color: s("#0072B2") }],
        N::IdTaken { .. } => vec![N::IdTaken { wanted: s("news-1"), id: s("news-1-2") }],
        N::EmptySpanSkipped { .. } => vec![N::EmptySpanSkipped { label: s("PER"), start: 8 }],
        N::DuplicateSpan { .. } => vec![N::DuplicateSpan { label: s("PER"), start: 8, end: 13 }],
        N::LabelSetLost { .. } => Format::ALL.iter().map(|&format| N::LabelSetLost { format }).collect(),
        N::AnnotatorsLost { .. } => Format::ALL.iter().map(|&format| N::AnnotatorsLost { format, spans: 12 }).collect(),
        N::ClassesIgnored { .. } => vec![N::ClassesIgnored { count: 2 }],
        N::BratFileNames { .. } => vec![N::BratFileNames { stem: s("a_b") }],
        N::BratNameLost { .. } => vec![N::BratNameLost { name: s("news 1.txt"), stem: s("news-1") }],
        N::BratSameAsAnother { .. } => vec![N::BratSameAsAnother { start: 13, end: 18, label: s("LOC") }],
        N::BratEdgesMoved { .. } => vec![N::BratEdgesMoved { start: 4, end: 18 }],
        N::BratOnlyLineBreaks => vec![N::BratOnlyLineBreaks],
        N::BratOrderLost => vec![N::BratOrderLost],
        N::BratFileIgnored { .. } => vec![N::BratFileIgnored { path: s("brat-news/readme.md") }],
        N::BratNoAnn { .. } => vec![N::BratNoAnn { txt: s("brat-news/news-1.txt") }],
        N::BratOthersIgnored { .. } => vec![N::BratOthersIgnored { count: 3, file: s("brat-news/news-1.ann") }],
        N::BratSplit { .. } => vec![N::BratSplit { count: 1, file: s("brat-news/news-1.ann") }],
        N::LabelStudioCancelled { .. } => vec![N::LabelStudioCancelled { count: 1 }],
        N::LabelStudioSeveral { .. } => vec![
            N::LabelStudioSeveral { count: 2, key: s("annotations"), first: Some(s("41")) },
            N::LabelStudioSeveral { count: 3, key: s("predictions"), first: None },
            N::LabelStudioSeveral { count: 2, key: s("completions"), first: Some(s("\"c1\"")) },
        ],
        N::LabelStudioFieldIgnored { .. } => vec![N::LabelStudioFieldIgnored { field: s("label") }],
        N::LabelStudioOthersIgnored { .. } => vec![N::LabelStudioOthersIgnored { count: 4 }],
        N::LabelStudioUtf16 { .. } => vec![N::LabelStudioUtf16 { count: 2 }],
        N::ConllSpanNoToken => vec![N::ConllSpanNoToken],
        N::ConllOverlaps { .. } => vec![N::ConllOverlaps { other: 2 }],
        N::ConllEdgesMoved { .. } => vec![N::ConllEdgesMoved { start: 9, end: 13 }],
        N::ConllTextRebuilt => vec![N::ConllTextRebuilt],
        N::ConllLenient { .. } => vec![N::ConllLenient { count: 1 }],
        N::TokenOverlaps { .. } => vec![N::TokenOverlaps { format: Format::Prodigy, other: 2 }],
        N::TokenNone { .. } => vec![N::TokenNone { format: Format::Prodigy }, N::TokenNone { format: Format::Webanno }],
        N::TokenEdgesMoved { .. } => vec![N::TokenEdgesMoved { format: Format::Webanno, start: 9, end: 13 }],
        N::FileIgnored { .. } => vec![
            N::FileIgnored { format: Format::Hf, path: s("alama-hf/notes.txt") },
            N::FileIgnored { format: Format::Webanno, path: s("tsv/news-1.txt") },
        ],
        N::NameLost { .. } => vec![N::NameLost { format: Format::Webanno, name: s("news 1.txt"), stem: s("news-1") }],
        N::OrderLost { .. } => vec![N::OrderLost { format: Format::Webanno }],
        N::HfOverlapNotInTags { .. } => vec![N::HfOverlapNotInTags { other: 2 }],
        N::HfNoTokenNotInTags => vec![N::HfNoTokenNotInTags],
        N::HfTextRebuilt => vec![N::HfTextRebuilt],
        N::HfSpansFromTags => vec![N::HfSpansFromTags],
        N::HfTagsUnnamed => vec![N::HfTagsUnnamed],
        N::WebannoFileName { .. } => vec![N::WebannoFileName { stem: s("a_b") }],
        N::WebannoTextBeforeTokens { .. } => vec![N::WebannoTextBeforeTokens { count: 1 }],
        N::WebannoLayersIgnored { .. } => vec![
            N::WebannoLayersIgnored { layers: vec![s("de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS")] },
            N::WebannoLayersIgnored { layers: vec![s("webanno.custom.Span"), s("webanno.custom.Relation")] },
        ],
        N::WebannoNoNamedEntities => vec![N::WebannoNoNamedEntities],
        N::WebannoNoValue { .. } => vec![N::WebannoNoValue { count: 3 }],
        N::WebannoIdentifiersIgnored { .. } => vec![N::WebannoIdentifiersIgnored { count: 2 }],
        N::ProdigySkipped { .. } => vec![N::ProdigySkipped { answer: s("reject"), count: 4 }, N::ProdigySkipped { answer: s("ignore"), count: 1 }],
        N::OnlyOneHas { .. } => vec![N::OnlyOneHas { annotator: s("mona") }],
        N::SameTextTwice { .. } => vec![N::SameTextTwice { annotator: s("mona"), other: s("news-1-copy") }],
        N::NotInFilesOf { .. } => vec![N::NotInFilesOf { annotators: vec![s("mona")] }, N::NotInFilesOf { annotators: vec![s("mona"), s("salim")] }],
        N::NoTokenUncounted { .. } => vec![N::NoTokenUncounted { annotator: s("mona"), label: None }],
        N::OverlapUncounted { .. } => vec![
            N::OverlapUncounted { annotator: s("mona"), other: 2, label: None },
            N::OverlapUncounted { annotator: s("mona"), other: 2, label: Some(s("LOC")) },
        ],
    });
    let mut notes: Vec<Note> = kinds
        .into_iter()
        .map(|what| match what {
            N::LabelAdded { .. }
            | N::LabelSetLost { .. }
            | N::AnnotatorsLost { .. }
            | N::BratOrderLost
            | N::BratFileIgnored { .. }
            | N::FileIgnored { .. }
            | N::OrderLost { .. }
            | N::HfTextRebuilt
            | N::HfSpansFromTags
            | N::HfTagsUnnamed
            | N::ProdigySkipped { .. } => Note::file(what),
            N::EmptySpanSkipped { .. } | N::DuplicateSpan { .. } => at(steps(vec![file_line("news-1.ann", 4), entry("T4")]), what),
            N::ClassesIgnored { .. } => at(Place::line(2), what),
            N::LabelStudioCancelled { .. }
            | N::LabelStudioSeveral { .. }
            | N::LabelStudioFieldIgnored { .. }
            | N::LabelStudioOthersIgnored { .. }
            | N::LabelStudioUtf16 { .. } => Note::at("task-12", task(), what),
            N::BratSameAsAnother { .. }
            | N::BratEdgesMoved { .. }
            | N::BratOnlyLineBreaks
            | N::ConllSpanNoToken
            | N::ConllOverlaps { .. }
            | N::ConllEdgesMoved { .. }
            | N::TokenOverlaps { .. }
            | N::TokenNone { .. }
            | N::TokenEdgesMoved { .. }
            | N::HfOverlapNotInTags { .. }
            | N::HfNoTokenNotInTags
            | N::NoTokenUncounted { .. }
            | N::OverlapUncounted { .. } => span(what),
            _ => document(what),
        })
        .collect();
    // A place without a document, which Display words too.
    notes.push(Note { document: None, at: Place::line(7), span: None, what: N::LabelAdded { label: s("ORG"), color: s("#D55E00") } });
    notes
}

/// One example as the page's test reads it, on one line: `{"what", "value", "english"}`, the
/// value's fields in the order the core writes them.
fn example(what: &str, value: &impl Serialize, english: String) -> String {
    let json = serde_json::to_string(value).unwrap();
    format!(r#"{{"what":"{what}","value":{json},"english":{}}}"#, serde_json::to_string(&english).unwrap())
}

fn examples() -> Vec<String> {
    let mut out = vec![];
    out.extend(errors().iter().map(|e| example("error", e, e.to_string())));
    out.extend(agree_errors().iter().map(|e| example("error", e, e.to_string())));
    out.extend(merge_errors().iter().map(|e| example("error", e, e.to_string())));
    out.extend(zip_errors().iter().map(|e| example("error", e, e.to_string())));
    out.extend(notes().iter().map(|n| example("note", n, n.to_string())));
    out.extend(places().iter().map(|p| example("place", p, p.to_string())));
    out
}

#[test]
fn the_examples_file_holds_every_coded_refusal_note_and_place_as_the_core_words_it() {
    let text = format!("[\n{}\n]\n", examples().join(",\n"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/words/examples.json");
    if std::env::var_os("ALAMA_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "tests/words/examples.json is not what the core says now: rerun with ALAMA_BLESS=1 (`ALAMA_BLESS=1 cargo test --test wording`) to rewrite it, then check that www/words/errors.js words every example (`node --test tests/words/`)"
    );
}
