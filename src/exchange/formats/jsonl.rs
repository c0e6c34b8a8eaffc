//! JSONL: one document per line, `{"id", "name", "text", "sha256", "label": [[start, end,
//! "LABEL"], ...]}`. doccano imports it as is (its sequence-labelling JSONL), and the triples
//! are spaCy's `(start_char, end_char, label)` convention. Offsets are code points, like the
//! canonical export.
//!
//! The importer also reads what those tools write themselves: doccano exports (numeric `id`,
//! `Comments`, metadata; `entities` objects with `start_offset`/`end_offset`), spaCy
//! training data (`[text, {"entities": [...]}]` lines, or one JSON array of them), Prodigy
//! style `spans` objects. Fields it does not use are ignored.

use crate::annotations::workspace::Workspace;
use crate::error::{Error, ImportProblem as P, Place, Step};
use crate::exchange::{Builder, Format, Imported, Note, NoteKind, TextExport, lost_label_set_and_annotators};
use crate::text::document::sha256_hex;
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    name: &'a str,
    text: &'a str,
    sha256: &'a str,
    label: Vec<(usize, usize, &'a str)>,
}

/// Every document as one JSON line, in the workspace's order.
pub fn to_jsonl(ws: &Workspace) -> TextExport {
    let mut text = String::new();
    for d in ws.documents() {
        let line = Line {
            id: &d.doc.id,
            name: &d.doc.name,
            text: d.doc.text(),
            sha256: d.doc.sha256(),
            label: d.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect(),
        };
        // Strings and numbers always serialise.
        text.push_str(&serde_json::to_string(&line).unwrap_or_default());
        text.push('\n');
    }
    TextExport { text, lost: lost_label_set_and_annotators(ws, Format::Jsonl) }
}

/// Reads JSONL (or one JSON array of records). All or nothing: on error nothing is built.
pub fn from_jsonl(file_name: &str, input: &str) -> Result<Imported, Error> {
    let mut b = Builder::new(file_name);
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let whole: Option<Vec<Value>> = input
        .trim_start()
        .starts_with('[')
        .then(|| serde_json::from_str::<Vec<Value>>(input).ok())
        .flatten()
        .filter(|items| !matches!(items.first(), Some(Value::String(_))));
    match whole {
        Some(items) => {
            for (i, item) in items.into_iter().enumerate() {
                record(&mut b, &Place(vec![Step::Item { item: i + 1 }]), item)?;
            }
        }
        None => {
            for (i, line) in input.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let at = Place::line(i + 1);
                // The parser read one line: its line is the file's.
                let value: Value = serde_json::from_str(line)
                    .map_err(|e| b.fail(at.clone(), P::NotJson { line: i + 1, column: e.column(), detail: e.to_string() }))?;
                record(&mut b, &at, value)?;
            }
        }
    }
    if b.doc_count() == 0 {
        return Err(b.fail(Place::none(), P::JsonlNoDocument));
    }
    Ok(b.finish())
}

const SPAN_KEYS: [&str; 4] = ["label", "labels", "entities", "spans"];

fn record(b: &mut Builder, at: &Place, value: Value) -> Result<(), Error> {
    let (text, fields) = match value {
        Value::Object(mut obj) => match obj.remove("text") {
            Some(Value::String(text)) => (text, obj),
            _ => return Err(b.fail(at.clone(), P::JsonlNoText)),
        },
        // spaCy's training tuples: ["text", {"entities": [[start, end, "LABEL"], ...]}]
        Value::Array(items) => match <[Value; 2]>::try_from(items) {
            Ok([Value::String(text), Value::Object(obj)]) => (text, obj),
            _ => return Err(b.fail(at.clone(), P::JsonlBadArray)),
        },
        _ => return Err(b.fail(at.clone(), P::JsonlNotAnObject)),
    };
    let id = match fields.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fields.get("name").and_then(Value::as_str).map(stem).unwrap_or_default(),
    };
    if let Some(expected) = fields.get("sha256").and_then(Value::as_str)
        && sha256_hex(&text) != expected.to_ascii_lowercase()
    {
        return Err(b.fail(at.clone(), P::TextChanged { id }));
    }
    let name = fields.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
    let doc = b.document(&id, &name, text);
    spans(b, doc, at, &fields)
}

fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.').map_or(base, |(stem, _)| stem).to_string()
}

fn spans(b: &mut Builder, doc: usize, at: &Place, fields: &Map<String, Value>) -> Result<(), Error> {
    let mut ignored = 0;
    for key in SPAN_KEYS {
        let entries = match fields.get(key) {
            None | Some(Value::Null) => continue,
            Some(Value::Array(entries)) => entries,
            // doccano's text classification: "label": "positive"
            Some(Value::String(_)) => {
                ignored += 1;
                continue;
            }
            Some(_) => return Err(b.fail(Place::in_document(b.doc_id(doc), at.clone()), P::JsonlSpansNotAList { key: key.into() })),
        };
        for (j, entry) in entries.iter().enumerate() {
            let place = at.clone().then(Step::Field { path: format!("{key}[{j}]") });
            match entry_span(entry) {
                Entry::Span { start, end, label, text } => {
                    if let Some(expected) = text {
                        let actual: String = b.doc_text(doc).chars().skip(start).take(end.saturating_sub(start)).collect();
                        if actual != expected {
                            let problem = P::JsonlSpanTextMismatch { claimed: expected, start, end, actual };
                            return Err(b.fail(Place::in_document(b.doc_id(doc), place), problem));
                        }
                    }
                    b.span(doc, &place, start, end, &label, None)?;
                }
                Entry::NotASpan => ignored += 1,
                Entry::Bad(problem) => return Err(b.fail(Place::in_document(b.doc_id(doc), place), problem)),
            }
        }
    }
    if ignored > 0 {
        let id = b.doc_id(doc).to_string();
        b.note(Note::at(&id, at.clone(), NoteKind::ClassesIgnored { count: ignored }));
    }
    Ok(())
}

enum Entry {
    Span { start: usize, end: usize, label: String, text: Option<String> },
    NotASpan,
    Bad(P),
}

fn offset(value: Option<&Value>) -> Option<usize> {
    value.and_then(Value::as_u64).and_then(|v| usize::try_from(v).ok())
}

fn entry_span(entry: &Value) -> Entry {
    match entry {
        Value::Array(items) => match (offset(items.first()), offset(items.get(1)), items.get(2).and_then(Value::as_str)) {
            (Some(start), Some(end), Some(label)) => Entry::Span { start, end, label: label.into(), text: None },
            _ => Entry::Bad(P::JsonlSpanOffsets),
        },
        Value::Object(obj) => {
            let pick = |keys: [&str; 3]| keys.iter().find_map(|k| obj.get(*k));
            let start = offset(pick(["start_offset", "start", "start_char"]));
            let end = offset(pick(["end_offset", "end", "end_char"]));
            match (start, end, obj.get("label").and_then(Value::as_str)) {
                (Some(start), Some(end), Some(label)) => {
                    let text = obj.get("text").and_then(Value::as_str).map(String::from);
                    Entry::Span { start, end, label: label.into(), text }
                }
                _ => Entry::Bad(P::JsonlSpanOffsets),
            }
        }
        Value::String(_) => Entry::NotASpan,
        _ => Entry::Bad(P::JsonlSpanShape),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::spans::Span;
    use crate::exchange::formats::canonical;
    use crate::exchange::test_util::triples;
    use proptest::prelude::*;

    fn sample() -> Workspace {
        let mut ws = Workspace::new();
        let doc = ws.open_file("emoji.txt", "\u{FEFF}😀 قال «بوتين»\r\nفي موسكو 🇸🇦.".as_bytes()).unwrap();
        ws.tag(&doc, 7, 14, "PER").unwrap();
        ws.tag(&doc, 19, 24, "LOC").unwrap();
        ws.tag(&doc, 19, 24, "EVT").unwrap();
        ws.open_file("empty-spans.txt", "نص بلا أسماء".as_bytes()).unwrap();
        ws
    }

    #[test]
    fn writes_doccano_lines_and_reads_them_back() {
        let ws = sample();
        let out = to_jsonl(&ws);
        assert!(out.lost.is_empty());
        let first = out.text.lines().next().unwrap();
        assert!(first.starts_with(r#"{"id":"emoji","name":"emoji.txt","text":"#), "{first}");
        assert!(first.ends_with(r#""label":[[8,13,"PER"],[19,24,"LOC"],[19,24,"EVT"]]}"#), "{first}");
        let back = from_jsonl("x.jsonl", &out.text).unwrap();
        assert!(back.notes.is_empty(), "{:?}", back.notes);
        assert_eq!(triples(&back.workspace), triples(&ws));
    }

    #[test]
    fn reads_doccano_and_spacy_shapes() {
        let input = concat!(
            r#"{"id": 7, "text": "قال بوتين في موسكو", "entities": [{"id": 1, "label": "PER", "start_offset": 4, "end_offset": 9}], "relations": [], "Comments": [], "meta": {"src": "x"}}"#,
            "\n\n",
            r#"["زار بوتين موسكو", {"entities": [[4, 9, "PER"], [10, 15, "LOC"]]}]"#,
            "\n",
            r#"{"text": "خبر", "label": "positive"}"#,
            "\n",
        );
        let got = from_jsonl("d.jsonl", input).unwrap();
        let t = triples(&got.workspace);
        assert_eq!(t[0].0, "7");
        assert_eq!(t[0].2, [(4, 9, "PER".to_string())]);
        assert_eq!(t[1].0, "document-2");
        assert_eq!(t[1].2.len(), 2);
        assert_eq!(got.notes.len(), 1, "{:?}", got.notes);
        // A JSON array of records, as spaCy users keep TRAIN_DATA.
        let array = r#"[["زار بوتين موسكو", {"entities": [[4, 9, "PER"]]}], {"text": "ب", "label": []}]"#;
        assert_eq!(from_jsonl("t.json", array).unwrap().workspace.documents().len(), 2);
    }

    #[test]
    fn errors_name_the_line_and_span() {
        let err = |input: &str| from_jsonl("f.jsonl", input).unwrap_err().to_string();
        assert!(err("{\"text\": \"ab\"}\n{oops").contains("“f.jsonl”: line 2: this is not valid JSON"));
        assert!(err(r#"{"label": []}"#).contains("line 1: there is no \"text\""));
        let e = err(r#"{"id": "x", "text": "ab", "label": [[0, 5, "PER"]]}"#);
        assert!(e.contains("document “x”, line 1, label[0]: offsets 0–5 are not inside the text"), "{e}");
        let e = err(r#"{"id": "x", "text": "ab", "label": [[0, 1]]}"#);
        assert!(e.contains("label[0]: expected [start, end, \"LABEL\"]"), "{e}");
        let e = err(r#"{"id": "x", "text": "ab", "sha256": "00"}"#);
        assert!(e.contains("sha256 does not match"), "{e}");
        let e = err(r#"{"id": "x", "text": "ab", "spans": [{"start": 0, "end": 1, "label": "PER", "text": "b"}]}"#);
        assert!(e.contains("spans[0]: the span says “b” but the text at 0–1 is “a”"), "{e}");
        assert!(err("\n\n").contains("there is no document"));
    }

    #[test]
    fn notes_what_jsonl_cannot_carry() {
        let mut ws = canonical::from_json("x", &canonical::to_json(&sample())).unwrap();
        let labels = ws.labels().iter().cloned().map(|mut l| {
            l.color = "#123456".into();
            l
        });
        ws = Workspace::from_parts(labels.collect(), ws.documents().to_vec());
        assert_eq!(to_jsonl(&ws).lost.len(), 1);
    }

    proptest! {
        #[test]
        fn any_workspace_round_trips(
            text in "([\u{0621}-\u{064A}\u{064B}-\u{0652} ،«»\\.a-z\"\\\\]|😀|🇸🇦|\r\n|\u{FEFF}){1,50}",
            spans in prop::collection::vec((0usize..60, 1usize..10, 0usize..4), 0..10),
        ) {
            let mut ws = Workspace::new();
            ws.open_file("t.txt", text.as_bytes()).unwrap();
            let len = ws.documents()[0].doc.len_chars();
            let labels = ["PER", "LOC", "WEA", "EVT"];
            let mut set = crate::annotations::spans::SpanSet::new();
            for (i, (s, l, k)) in spans.into_iter().enumerate() {
                let (s, e) = (s.min(len), (s + l).min(len));
                if s < e {
                    let _ = set.insert(Span::new(i as u32 + 1, s, e, labels[k]));
                }
            }
            let doc = ws.documents()[0].doc.clone();
            let ws = Workspace::from_parts(ws.labels().to_vec(), vec![crate::annotations::workspace::DocState::new(doc, set)]);
            let back = from_jsonl("t.jsonl", &to_jsonl(&ws).text).unwrap();
            prop_assert_eq!(triples(&back.workspace), triples(&ws));
        }
    }
}
