//! Hugging Face datasets, token classification: a folder (one `.zip` from the page) that
//! `datasets.load_dataset` reads as it is. `data.jsonl` holds one record per document, `{"id",
//! "name", "text", "sha256", "tokens", "token_offsets", "ner_tags", "spans"}`: the tokens of
//! [`crate::exchange::tokens`] (split at every span edge, so every span is whole tokens),
//! each token's `[start, end)` in code points of the exact text, the IOB2 tags as numbers,
//! and the spans themselves in code points, nested ones included. `label_names.json` lists
//! the tag names in the order of those numbers (`O`, then `B-` and `I-` of each label of the
//! set), and `README.md` is a dataset card whose `dataset_info` declares `ner_tags` a
//! `ClassLabel` with those names, so that loading the folder needs no other code.
//!
//! IOB2 holds one span per token: a span that overlaps one before it is in `spans` but not
//! in `ner_tags`, and the export says so. The importer reads these records back (the spans
//! exactly), and also token classification data made elsewhere: `tokens` and `ner_tags`
//! (numbers, with the label names file; or names), with or without the text; what it cannot
//! recover it says in notes.

use crate::annotations::labels::Label;
use crate::annotations::workspace::{DocState, Workspace};
use crate::error::{Error, ImportProblem as P, Place, Step};
use crate::exchange::tokens::{self, LeftOut, Token, is_gap};
use crate::exchange::{Builder, Exported, Format, Imported, Note, NoteKind, OutFile, lost_label_set_and_annotators};
use crate::text::document::sha256_hex;
use serde::Serialize;
use serde_json::{Map, Value};

/// The records, one JSON object a line.
pub const RECORDS: &str = "data.jsonl";
/// The tag names, in the order of the numbers in `ner_tags`.
pub const LABEL_NAMES: &str = "label_names.json";
/// The dataset card: how to load the folder, and the features.
pub const CARD: &str = "README.md";

/// The IOB2 tag names `ner_tags` counts in: `O`, then `B-X` and `I-X` of each label in order.
pub fn tag_names(labels: &[Label]) -> Vec<String> {
    let mut names = vec!["O".to_string()];
    for l in labels {
        names.push(format!("B-{}", l.id));
        names.push(format!("I-{}", l.id));
    }
    names
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    name: &'a str,
    text: &'a str,
    sha256: &'a str,
    tokens: Vec<String>,
    token_offsets: Vec<Token>,
    ner_tags: Vec<usize>,
    spans: Vec<SpanOut<'a>>,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
}

/// The dataset folder: files under `folder/` (at the top when `folder` is empty).
pub fn to_hf(ws: &Workspace, folder: &str) -> Exported {
    let path = |name: &str| if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") };
    let names = tag_names(ws.labels());
    let mut lost = lost_label_set_and_annotators(ws, Format::Hf);
    let mut records = String::new();
    for state in ws.documents() {
        let record = record(state, &names, &mut lost);
        // Strings and numbers always serialise.
        records.push_str(&serde_json::to_string(&record).unwrap_or_default());
        records.push('\n');
    }
    let label_names = serde_json::to_string_pretty(&names).unwrap_or_default() + "\n";
    let files = vec![
        OutFile { path: path(RECORDS), bytes: records.into_bytes() },
        OutFile { path: path(LABEL_NAMES), bytes: label_names.into_bytes() },
        OutFile { path: path(CARD), bytes: card(&names).into_bytes() },
    ];
    Exported { files, lost }
}

fn record<'a>(state: &'a DocState, names: &[String], lost: &mut Vec<Note>) -> Record<'a> {
    let doc = &state.doc;
    let chars: Vec<char> = doc.text().chars().collect();
    let toks = tokens::tokenize(doc.text(), &tokens::edges(state.spans.iter()));
    let layer = tokens::layer(state.spans.iter(), &toks);
    for (id, why) in &layer.left_out {
        let Some(span) = state.spans.get(*id) else { continue };
        let what = match why {
            LeftOut::NoTokens => NoteKind::HfNoTokenNotInTags,
            LeftOut::Overlaps(other) => NoteKind::HfOverlapNotInTags { other: *other },
        };
        lost.push(Note::span(doc, span, what));
    }
    let ner_tags = tokens::iob2(&layer, toks.len()).iter().map(|t| names.iter().position(|n| n == t).unwrap_or(0)).collect();
    Record {
        id: &doc.id,
        name: &doc.name,
        text: doc.text(),
        sha256: doc.sha256(),
        tokens: toks.iter().map(|&(s, e)| chars[s..e].iter().collect()).collect(),
        token_offsets: toks,
        ner_tags,
        spans: state
            .spans
            .iter()
            .map(|s| SpanOut { start: s.start, end: s.end, label: &s.label, text: doc.slice(s.start, s.end).unwrap_or_default() })
            .collect(),
    }
}

/// The dataset card: its YAML header is what `datasets` reads the features from.
fn card(names: &[String]) -> String {
    let mut classes = String::new();
    for (k, name) in names.iter().enumerate() {
        classes.push_str(&format!("          '{k}': {name}\n"));
    }
    format!(
        "---
configs:
- config_name: default
  data_files:
  - split: train
    path: {RECORDS}
dataset_info:
  features:
  - name: id
    dtype: string
  - name: name
    dtype: string
  - name: text
    dtype: string
  - name: sha256
    dtype: string
  - name: tokens
    sequence: string
  - name: token_offsets
    sequence:
      sequence: int64
  - name: ner_tags
    sequence:
      class_label:
        names:
{classes}  - name: spans
    list:
    - name: start
      dtype: int64
    - name: end
      dtype: int64
    - name: label
      dtype: string
    - name: text
      dtype: string
---

# Named entities annotated with Alama

One record per document, in `{RECORDS}`:

- `text`: the document's exact text; `sha256`: the SHA-256 of its UTF-8 bytes.
- `tokens`: Unicode word segments (UAX #29) without white space or invisible marks, split
  again at every span edge, so that every span is whole tokens; `token_offsets`: each
  token's `[start, end)` in Unicode code points of `text` (`text[start:end] == token`).
- `ner_tags`: one IOB2 tag per token, as numbers; `{LABEL_NAMES}` lists their names in order
  (`ClassLabel` in the features above).
- `spans`: every span, `text[start:end] == span[\"text\"]`, offsets in code points. IOB2 holds
  one span per token: a span that overlaps an earlier one is here but not in `ner_tags`.

```python
from datasets import load_dataset
dataset = load_dataset(\"path/to/this/folder\", split=\"train\")
names = dataset.features[\"ner_tags\"].feature.names
```
"
    )
}

/// Reads records (`.jsonl` files, in name order) and, when given, the label names (a
/// `.json` list). A dataset card is not needed; other files are ignored with a note.
pub fn from_hf(collection: &str, files: &[(String, Vec<u8>)]) -> Result<Imported, Error> {
    let mut b = Builder::new(collection);
    let mut records: Vec<&(String, Vec<u8>)> = vec![];
    let mut names: Option<Vec<String>> = None;
    for file in files {
        let (path, bytes) = file;
        let base = path.rsplit('/').next().unwrap_or(path);
        let lower = base.to_ascii_lowercase();
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            records.push(file);
        } else if lower.ends_with(".json") {
            let text = crate::exchange::decode(path, bytes)?;
            let list: Option<Vec<String>> = serde_json::from_str(text.trim_start_matches('\u{FEFF}')).ok();
            let at = Place(vec![Step::File { name: path.clone() }]);
            names = Some(list.filter(|l| !l.is_empty()).ok_or_else(|| b.fail(at, P::HfBadLabelNames))?);
        } else if lower != "readme.md" && !base.starts_with('.') {
            b.note(Note::file(NoteKind::FileIgnored { format: Format::Hf, path: path.clone() }));
        }
    }
    if records.is_empty() {
        return Err(b.fail(Place::none(), P::HfNoRecords));
    }
    records.sort_by(|a, b| a.0.cmp(&b.0));
    let several = records.len() > 1;
    let mut seen = Seen::default();
    for (path, bytes) in records {
        let text = crate::exchange::decode(path, bytes)?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = if several { Place(vec![Step::FileLine { file: path.clone(), line: i + 1 }]) } else { Place::line(i + 1) };
            let value: Value = serde_json::from_str(line)
                .map_err(|e| b.fail(at.clone(), P::NotJson { line: i + 1, column: e.column(), detail: e.to_string() }))?;
            let Value::Object(fields) = value else { return Err(b.fail(at, P::JsonlNotAnObject)) };
            read_record(&mut b, &at, fields, names.as_deref(), &mut seen)?;
        }
    }
    // Said once for the file, not for each of thousands of sentences.
    for (happened, what) in
        [(seen.rebuilt, NoteKind::HfTextRebuilt), (seen.from_tags, NoteKind::HfSpansFromTags), (seen.unnamed, NoteKind::HfTagsUnnamed)]
    {
        if happened {
            b.note(Note::file(what));
        }
    }
    if seen.lenient > 0 {
        b.note(Note::file(NoteKind::ConllLenient { count: seen.lenient }));
    }
    if b.doc_count() == 0 {
        return Err(b.fail(Place::none(), P::JsonlNoDocument));
    }
    Ok(b.finish())
}

/// What the records needed that the notes say once for all of them.
#[derive(Default)]
struct Seen {
    rebuilt: bool,
    from_tags: bool,
    unnamed: bool,
    lenient: usize,
}

fn offset(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|v| usize::try_from(v).ok())
}

fn read_record(b: &mut Builder, at: &Place, fields: Map<String, Value>, names: Option<&[String]>, seen: &mut Seen) -> Result<(), Error> {
    let toks: Option<Vec<String>> = match fields.get("tokens") {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .map(|t| t.as_str().map(String::from))
                .collect::<Option<_>>()
                .ok_or_else(|| b.fail(at.clone(), P::HfTokensNotStrings))?,
        ),
        Some(_) => return Err(b.fail(at.clone(), P::HfTokensNotStrings)),
    };
    let id = match fields.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let (text, rebuilt) = match (fields.get("text").and_then(Value::as_str), &toks) {
        (Some(text), _) => (text.to_string(), false),
        (None, Some(toks)) => (toks.join(" "), true),
        (None, None) => return Err(b.fail(at.clone(), P::HfNoTextOrTokens)),
    };
    if let Some(expected) = fields.get("sha256").and_then(Value::as_str)
        && sha256_hex(&text) != expected.to_ascii_lowercase()
    {
        return Err(b.fail(at.clone(), P::TextChanged { id }));
    }
    let name = fields.get("name").and_then(Value::as_str).unwrap_or_default();
    let doc = b.document(&id, name, text);
    let id = b.doc_id(doc).to_string();
    let inside = |place: Place| Place::in_document(&id, place);
    seen.rebuilt |= rebuilt;
    match fields.get("spans") {
        Some(Value::Array(entries)) => {
            for (j, entry) in entries.iter().enumerate() {
                let place = at.clone().then(Step::Field { path: format!("spans[{j}]") });
                let (start, end, label) = match (entry.get("start").and_then(offset), entry.get("end").and_then(offset), entry.get("label"))
                {
                    (Some(s), Some(e), Some(Value::String(l))) => (s, e, l.clone()),
                    _ => return Err(b.fail(inside(place), P::JsonlSpanOffsets)),
                };
                if let Some(claimed) = entry.get("text").and_then(Value::as_str) {
                    let actual: String = b.doc_text(doc).chars().skip(start).take(end.saturating_sub(start)).collect();
                    if actual != claimed {
                        return Err(b.fail(inside(place), P::JsonlSpanTextMismatch { claimed: claimed.into(), start, end, actual }));
                    }
                }
                b.span(doc, &place, start, end, &label, None)?;
            }
            Ok(())
        }
        None | Some(Value::Null) => {
            let Some(toks) = toks else { return Ok(()) };
            spans_from_tags(b, doc, at, &fields, &toks, names, seen)
        }
        Some(_) => Err(b.fail(inside(at.clone()), P::JsonlSpansNotAList { key: "spans".into() })),
    }
}

/// Spans read from `ner_tags` on the tokens, placed by `token_offsets` or, without them,
/// found one after another in the text.
fn spans_from_tags(
    b: &mut Builder,
    doc: usize,
    at: &Place,
    fields: &Map<String, Value>,
    toks: &[String],
    names: Option<&[String]>,
    seen: &mut Seen,
) -> Result<(), Error> {
    let id = b.doc_id(doc).to_string();
    let inside = |place: Place| Place::in_document(&id, place);
    let tags = match fields.get("ner_tags") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Array(tags)) => tags,
        Some(_) => return Err(b.fail(inside(at.clone()), P::HfBadTag)),
    };
    if tags.len() != toks.len() {
        return Err(b.fail(inside(at.clone()), P::HfTagsLength { tokens: toks.len(), tags: tags.len() }));
    }
    let mut named = Vec::with_capacity(tags.len());
    for (k, tag) in tags.iter().enumerate() {
        let place = || inside(at.clone().then(Step::Field { path: format!("ner_tags[{k}]") }));
        match tag {
            Value::String(s) => named.push(s.clone()),
            Value::Number(n) => {
                let Some(number) = n.as_u64() else { return Err(b.fail(place(), P::HfBadTag)) };
                let Some(names) = names else {
                    seen.unnamed = true;
                    return Ok(());
                };
                let name = usize::try_from(number).ok().and_then(|i| names.get(i));
                let Some(name) = name else { return Err(b.fail(place(), P::HfTagOutOfRange { tag: number, names: names.len() })) };
                named.push(name.clone());
            }
            _ => return Err(b.fail(place(), P::HfBadTag)),
        }
    }
    let (spans, lenient) = tokens::spans_from_tags(&named).map_err(|k| {
        let place = inside(at.clone().then(Step::Field { path: format!("ner_tags[{k}]") }));
        b.fail(place, P::ConllNotIob2 { tag: named[k].clone() })
    })?;
    let places = positions(b, doc, at, fields, toks)?;
    seen.from_tags = true;
    seen.lenient += lenient;
    for (label, first, last) in spans {
        let place = at.clone().then(Step::Field { path: format!("ner_tags[{first}]") });
        b.span(doc, &place, places[first].0, places[last].1, &label, None)?;
    }
    Ok(())
}

/// Where each token is: `token_offsets` when the record has them (checked against the text),
/// else each token found after the one before, with only white space or invisible marks
/// between them.
fn positions(b: &Builder, doc: usize, at: &Place, fields: &Map<String, Value>, toks: &[String]) -> Result<Vec<Token>, Error> {
    let id = b.doc_id(doc).to_string();
    let chars: Vec<char> = b.doc_text(doc).chars().collect();
    let fail = |problem: P| b.fail(Place::in_document(&id, at.clone()), problem);
    if let Some(offsets) = fields.get("token_offsets").filter(|v| !v.is_null()) {
        let pairs: Option<Vec<Token>> =
            offsets.as_array().and_then(|items| items.iter().map(|p| Some((offset(p.get(0)?)?, offset(p.get(1)?)?))).collect());
        let pairs = pairs.filter(|p| p.len() == toks.len()).ok_or_else(|| fail(P::HfOffsetsShape))?;
        for (&(start, end), token) in pairs.iter().zip(toks) {
            let actual: String = chars.get(start..end.max(start)).map(|c| c.iter().collect()).unwrap_or_default();
            if start > end || end > chars.len() || actual != *token {
                return Err(fail(P::HfTokenOffsets { token: token.clone(), start, end, actual }));
            }
        }
        return Ok(pairs);
    }
    let mut here = 0;
    let mut out = Vec::with_capacity(toks.len());
    for token in toks {
        while here < chars.len() && is_gap(chars[here]) {
            here += 1;
        }
        let want: Vec<char> = token.chars().collect();
        if chars.get(here..here + want.len()) != Some(want.as_slice()) {
            let found: String = chars.iter().skip(here).take(want.len().max(1)).collect();
            return Err(fail(P::ConllTokenNotNext { token: token.clone(), found, at: here }));
        }
        out.push((here, here + want.len()));
        here += want.len();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::test_util::{TEXT, clip_spans, triples, workspace};
    use proptest::prelude::*;

    fn file<'a>(exported: &'a Exported, name: &str) -> &'a str {
        let f = exported.files.iter().find(|f| f.path.ends_with(name)).unwrap();
        std::str::from_utf8(&f.bytes).unwrap()
    }

    fn set(exported: &Exported) -> Vec<(String, Vec<u8>)> {
        exported.files.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect()
    }

    #[test]
    fn records_hold_tokens_tags_and_every_span() {
        // بوتين without its و, and a LOC nested in the EVT.
        let ws = workspace(&[("news.txt", "👋 وبوتين في قمة موسكو.\n", vec![(3, 8, "PER"), (12, 21, "EVT"), (16, 21, "LOC")])]);
        let out = to_hf(&ws, "hf");
        assert_eq!(out.files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), ["hf/data.jsonl", "hf/label_names.json", "hf/README.md"]);
        let names: Vec<String> = serde_json::from_str(file(&out, LABEL_NAMES)).unwrap();
        assert_eq!(names[..3], ["O", "B-PER", "I-PER"]);
        let record: Value = serde_json::from_str(file(&out, RECORDS).lines().next().unwrap()).unwrap();
        assert_eq!(record["tokens"], serde_json::json!(["👋", "و", "بوتين", "في", "قمة", "موسكو", "."]));
        assert_eq!(record["token_offsets"][2], serde_json::json!([3, 8]));
        let tag = |name: &str| names.iter().position(|n| n == name).unwrap();
        assert_eq!(record["ner_tags"], serde_json::json!([0, 0, tag("B-PER"), 0, tag("B-EVT"), tag("I-EVT"), 0]));
        assert_eq!(record["spans"].as_array().unwrap().len(), 3);
        assert!(file(&out, CARD).contains("class_label:\n        names:\n          '0': O\n          '1': B-PER\n"));
        assert_eq!(out.lost.len(), 1, "{:?}", out.lost);
        assert!(out.lost[0].to_string().contains("span 3 (LOC “موسكو” 16–21): overlaps span 2"), "{}", out.lost[0]);
        let back = from_hf("hf", &set(&out)).unwrap();
        assert!(back.notes.is_empty(), "{:?}", back.notes);
        assert_eq!(triples(&back.workspace), triples(&ws));
    }

    #[test]
    fn reads_token_classification_made_elsewhere() {
        let names = ("label_names.json".to_string(), br#"["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]"#.to_vec());
        let records = concat!(
            r#"{"id": 0, "tokens": ["EU", "rejects", "Peter", "Blackburn"], "ner_tags": [3, 0, 1, 2]}"#,
            "\n",
            r#"{"id": "t", "text": "قال بوتين", "tokens": ["قال", "بوتين"], "ner_tags": ["O", "I-PER"]}"#,
            "\n"
        );
        let data = ("train.jsonl".to_string(), records.as_bytes().to_vec());
        let got = from_hf("set", &[data.clone(), names]).unwrap();
        let t = triples(&got.workspace);
        assert_eq!(t[0].1, "EU rejects Peter Blackburn");
        assert_eq!(t[0].2, [(0, 2, "LOC".into()), (11, 26, "PER".into())]);
        assert_eq!(t[1].2, [(4, 9, "PER".into())]);
        let kinds: Vec<String> = got.notes.iter().map(|n| n.to_string()).collect();
        assert!(kinds.iter().any(|n| n.contains("rebuilt by joining the tokens")), "{kinds:?}");
        assert!(kinds.iter().any(|n| n.contains("were read from \"ner_tags\"")), "{kinds:?}");
        assert!(kinds.iter().any(|n| n.contains("1 spans begin with I-")), "{kinds:?}");
        // Without the names, numbers cannot be read: the texts come in without spans.
        let unnamed = from_hf("train.jsonl", &[data]).unwrap();
        assert!(unnamed.notes.iter().any(|n| n.what == NoteKind::HfTagsUnnamed));
        assert_eq!(triples(&unnamed.workspace)[1].2.len(), 1);
    }

    #[test]
    fn errors_name_the_line_and_field() {
        let err = |records: &str| from_hf("d.jsonl", &[("d.jsonl".into(), records.as_bytes().to_vec())]).unwrap_err().to_string();
        assert!(err(r#"{"id": "x"}"#).contains("line 1: the record has neither \"text\" nor \"tokens\""));
        assert!(err(r#"{"tokens": ["a", "b"], "ner_tags": ["O"]}"#).contains("there are 2 tokens but 1 ner_tags"));
        assert!(err(r#"{"tokens": ["a"], "ner_tags": ["X-PER"]}"#).contains("ner_tags[0]: “X-PER” is not an IOB2 tag"));
        let e = err(r#"{"id": "x", "text": "ab", "tokens": ["ab"], "token_offsets": [[0, 1]], "ner_tags": ["B-PER"]}"#);
        assert!(e.contains("token_offsets put the token “ab” at 0–1, but the text there is “a”"), "{e}");
        let e = err(r#"{"id": "x", "text": "ab", "tokens": ["b"], "ner_tags": ["B-PER"]}"#);
        assert!(e.contains("the token “b” is not next"), "{e}");
        let names = ("n.json".to_string(), b"{}".to_vec());
        let e = from_hf("set", &[("d.jsonl".into(), b"{\"text\": \"a\"}".to_vec()), names]).unwrap_err().to_string();
        assert!(e.contains("n.json: the label names are not a JSON list"), "{e}");
        let e = from_hf("set", &[("README.md".into(), b"---".to_vec())]).unwrap_err().to_string();
        assert!(e.contains("there is no .jsonl file of records"), "{e}");
    }

    proptest! {
        #[test]
        fn any_workspace_round_trips(text in TEXT, raw in prop::collection::vec((0usize..60, 1usize..10, 0usize..4), 0..10)) {
            let ws = workspace(&[("t.txt", &text, clip_spans(&text, &raw))]);
            let out = to_hf(&ws, "");
            let back = from_hf("hf", &set(&out)).unwrap();
            prop_assert_eq!(triples(&back.workspace), triples(&ws));
            // Every token slices the text, and every span not reported is in the tags.
            let record: Value = serde_json::from_str(file(&out, RECORDS).lines().next().unwrap()).unwrap();
            let chars: Vec<char> = text.chars().collect();
            for (token, pair) in record["tokens"].as_array().unwrap().iter().zip(record["token_offsets"].as_array().unwrap()) {
                let (s, e) = (pair[0].as_u64().unwrap() as usize, pair[1].as_u64().unwrap() as usize);
                prop_assert_eq!(chars[s..e].iter().collect::<String>(), token.as_str().unwrap());
            }
        }
    }
}
