//! Prodigy's JSONL for the `ner_manual` interface: one task per document, `{"text", "meta",
//! "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start", "end", "label",
//! "token_start", "token_end", "text"}], "answer": "accept"}`, as `prodigy db-in` reads and
//! `prodigy db-out` writes. Offsets are code points (Python's), `token_end` is the index of
//! the span's last token (inclusive, as Prodigy counts). The tokens are those of
//! [`crate::exchange::tokens`], split at every span edge, so every span is whole tokens;
//! `meta` carries the document's id, name and SHA-256.
//!
//! `ner_manual` shows one entity per token: where spans overlap, the first in reading order
//! is written and the others are reported as lost. The importer reads Prodigy's own records
//! (`_input_hash`, `_task_hash`, `_view_id`, `_timestamp`… are ignored): accepted tasks and
//! tasks not yet answered, each a document; rejected and ignored tasks are skipped, with a
//! note.

use crate::annotations::workspace::{DocState, Workspace};
use crate::error::{Error, ImportProblem as P, Place, Step};
use crate::exchange::tokens::{self, LeftOut, is_gap};
use crate::exchange::{Builder, Format, Imported, Note, NoteKind, TextExport, lost_label_set_and_annotators};
use crate::text::document::sha256_hex;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Task<'a> {
    text: &'a str,
    meta: Meta<'a>,
    tokens: Vec<TokenOut>,
    spans: Vec<SpanOut<'a>>,
    answer: &'static str,
    _view_id: &'static str,
}

#[derive(Serialize)]
struct Meta<'a> {
    id: &'a str,
    name: &'a str,
    sha256: &'a str,
}

#[derive(Serialize)]
struct TokenOut {
    text: String,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    token_start: usize,
    token_end: usize,
    text: String,
}

/// Every document as one accepted task, in the workspace's order.
pub fn to_prodigy(ws: &Workspace) -> TextExport {
    let mut text = String::new();
    let mut lost = lost_label_set_and_annotators(ws, Format::Prodigy);
    for state in ws.documents() {
        // Strings and numbers always serialise.
        text.push_str(&serde_json::to_string(&task(state, &mut lost)).unwrap_or_default());
        text.push('\n');
    }
    TextExport { text, lost }
}

fn task<'a>(state: &'a DocState, lost: &mut Vec<Note>) -> Task<'a> {
    let doc = &state.doc;
    let chars: Vec<char> = doc.text().chars().collect();
    let toks = tokens::tokenize(doc.text(), &tokens::edges(state.spans.iter()));
    let layer = tokens::layer(state.spans.iter(), &toks);
    for (id, why) in &layer.left_out {
        let Some(span) = state.spans.get(*id) else { continue };
        let what = match why {
            LeftOut::NoTokens => NoteKind::TokenNone { format: Format::Prodigy },
            LeftOut::Overlaps(other) => NoteKind::TokenOverlaps { format: Format::Prodigy, other: *other },
        };
        lost.push(Note::span(doc, span, what));
    }
    let mut spans = vec![];
    for p in &layer.placed {
        let Some(span) = state.spans.get(p.span) else { continue };
        let (start, end) = (toks[p.first].0, toks[p.end - 1].1);
        if (start, end) != (span.start, span.end) {
            lost.push(Note::span(doc, span, NoteKind::TokenEdgesMoved { format: Format::Prodigy, start, end }));
        }
        let text = chars[start..end].iter().collect();
        spans.push(SpanOut { start, end, label: &span.label, token_start: p.first, token_end: p.end - 1, text });
    }
    let tokens = toks
        .iter()
        .enumerate()
        .map(|(id, &(start, end))| TokenOut {
            text: chars[start..end].iter().collect(),
            start,
            end,
            id,
            ws: chars.get(end).is_some_and(|&c| is_gap(c)),
        })
        .collect();
    Task {
        text: doc.text(),
        meta: Meta { id: &doc.id, name: &doc.name, sha256: doc.sha256() },
        tokens,
        spans,
        answer: "accept",
        _view_id: "ner_manual",
    }
}

/// Reads Prodigy tasks, one a line. All or nothing: on error nothing is built.
pub fn from_prodigy(file_name: &str, input: &str) -> Result<Imported, Error> {
    let mut b = Builder::new(file_name);
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    // Answers other than accept, and how many tasks had each.
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    for (i, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = Place::line(i + 1);
        let value: Value = serde_json::from_str(line)
            .map_err(|e| b.fail(at.clone(), P::NotJson { line: i + 1, column: e.column(), detail: e.to_string() }))?;
        let Value::Object(fields) = value else { return Err(b.fail(at, P::JsonlNotAnObject)) };
        match fields.get("answer").and_then(Value::as_str) {
            None | Some("accept") => read_task(&mut b, &at, fields)?,
            Some(other) => *skipped.entry(other.to_string()).or_default() += 1,
        }
    }
    for (answer, count) in skipped {
        b.note(Note::file(NoteKind::ProdigySkipped { answer, count }));
    }
    if b.doc_count() == 0 {
        return Err(b.fail(Place::none(), P::JsonlNoDocument));
    }
    Ok(b.finish())
}

fn offset(value: Option<&Value>) -> Option<usize> {
    value.and_then(Value::as_u64).and_then(|v| usize::try_from(v).ok())
}

fn read_task(b: &mut Builder, at: &Place, fields: Map<String, Value>) -> Result<(), Error> {
    let Some(text) = fields.get("text").and_then(Value::as_str) else { return Err(b.fail(at.clone(), P::JsonlNoText)) };
    let meta = fields.get("meta").and_then(Value::as_object);
    let field = |key: &str| meta.and_then(|m| m.get(key));
    let id = match field("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    if let Some(expected) = field("sha256").and_then(Value::as_str)
        && sha256_hex(text) != expected.to_ascii_lowercase()
    {
        return Err(b.fail(at.clone(), P::TextChanged { id }));
    }
    let name = field("name").and_then(Value::as_str).unwrap_or_default().to_string();
    let doc = b.document(&id, &name, text.to_string());
    let id = b.doc_id(doc).to_string();
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: usize, e: usize| -> String { chars.get(s..e.max(s)).map(|c| c.iter().collect()).unwrap_or_default() };
    match fields.get("tokens") {
        None | Some(Value::Null) => {}
        Some(Value::Array(toks)) => {
            for (k, token) in toks.iter().enumerate() {
                let place = Place::in_document(&id, at.clone().then(Step::Field { path: format!("tokens[{k}]") }));
                let (Some(word), Some(start), Some(end)) =
                    (token.get("text").and_then(Value::as_str), offset(token.get("start")), offset(token.get("end")))
                else {
                    return Err(b.fail(place, P::ProdigyBadTokens));
                };
                let actual = slice(start, end);
                if start > end || end > chars.len() || actual != word {
                    return Err(b.fail(place, P::ProdigyTokenMismatch { token: word.into(), start, end, actual }));
                }
            }
        }
        Some(_) => return Err(b.fail(Place::in_document(&id, at.clone()), P::ProdigyBadTokens)),
    }
    let entries = match fields.get("spans") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Array(entries)) => entries,
        Some(_) => return Err(b.fail(Place::in_document(&id, at.clone()), P::JsonlSpansNotAList { key: "spans".into() })),
    };
    for (j, entry) in entries.iter().enumerate() {
        let place = at.clone().then(Step::Field { path: format!("spans[{j}]") });
        let (Some(start), Some(end), Some(label)) =
            (offset(entry.get("start")), offset(entry.get("end")), entry.get("label").and_then(Value::as_str))
        else {
            return Err(b.fail(Place::in_document(&id, place), P::JsonlSpanOffsets));
        };
        if let Some(claimed) = entry.get("text").and_then(Value::as_str) {
            let actual = slice(start, end);
            if actual != claimed {
                return Err(
                    b.fail(Place::in_document(&id, place), P::JsonlSpanTextMismatch { claimed: claimed.into(), start, end, actual })
                );
            }
        }
        b.span(doc, &place, start, end, label, None)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::test_util::{TEXT, clip_spans, triples, workspace};
    use proptest::prelude::*;

    #[test]
    fn writes_ner_manual_tasks_and_reads_them_back() {
        let ws = workspace(&[("news.txt", "👋 وبوتين في قمة موسكو.\n", vec![(3, 8, "PER"), (12, 21, "EVT"), (16, 21, "LOC")])]);
        let out = to_prodigy(&ws);
        let task: Value = serde_json::from_str(out.text.lines().next().unwrap()).unwrap();
        assert_eq!(task["answer"], "accept");
        assert_eq!(task["meta"]["id"], "news");
        assert_eq!(task["tokens"][2], serde_json::json!({"text": "بوتين", "start": 3, "end": 8, "id": 2, "ws": true}));
        assert_eq!(task["tokens"][1]["ws"], false);
        assert_eq!(
            task["spans"],
            serde_json::json!([
                {"start": 3, "end": 8, "label": "PER", "token_start": 2, "token_end": 2, "text": "بوتين"},
                {"start": 12, "end": 21, "label": "EVT", "token_start": 4, "token_end": 5, "text": "قمة موسكو"}
            ])
        );
        assert_eq!(out.lost.len(), 1);
        assert!(out.lost[0].to_string().contains("overlaps span 2, which comes first: Prodigy's ner_manual holds one span per token"));
        let back = from_prodigy("p.jsonl", &out.text).unwrap();
        assert!(back.notes.is_empty(), "{:?}", back.notes);
        assert_eq!(triples(&back.workspace)[0].2, [(3, 8, "PER".into()), (12, 21, "EVT".into())]);
    }

    #[test]
    fn reads_prodigy_records_and_skips_rejected_tasks() {
        let input = concat!(
            r#"{"text": "قال بوتين", "_input_hash": -1, "_task_hash": 2, "tokens": [{"text": "قال", "start": 0, "end": 3, "id": 0, "ws": true}, {"text": "بوتين", "start": 4, "end": 9, "id": 1, "ws": false}], "spans": [{"start": 4, "end": 9, "token_start": 1, "token_end": 1, "label": "PER"}], "_view_id": "ner_manual", "answer": "accept", "_timestamp": 1700000000}"#,
            "\n",
            r#"{"text": "x", "answer": "reject"}"#,
            "\n",
            r#"{"text": "y", "answer": "ignore"}"#,
            "\n",
            r#"{"text": "z", "answer": "reject"}"#,
            "\n",
        );
        let got = from_prodigy("db-out.jsonl", input).unwrap();
        assert_eq!(triples(&got.workspace), [("document-1".to_string(), "قال بوتين".to_string(), vec![(4, 9, "PER".to_string())])]);
        let notes: Vec<String> = got.notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[1].starts_with("2 tasks answered “reject” were skipped"), "{notes:?}");
    }

    #[test]
    fn errors_name_the_line_and_field() {
        let err = |input: &str| from_prodigy("p.jsonl", input).unwrap_err().to_string();
        assert!(err(r#"{"spans": []}"#).contains("line 1: there is no \"text\""));
        let e = err(r#"{"text": "ab", "tokens": [{"text": "b", "start": 0, "end": 1, "id": 0}]}"#);
        assert!(e.contains("tokens[0]: the token “b” is not the text at 0–1, which is “a”"), "{e}");
        let e = err(r#"{"text": "ab", "tokens": [{"start": 0}]}"#);
        assert!(e.contains("tokens[0]: \"tokens\" must be a list of"), "{e}");
        let e = err(r#"{"text": "ab", "spans": [{"start": 0, "end": 1, "label": "PER", "text": "b"}]}"#);
        assert!(e.contains("spans[0]: the span says “b” but the text at 0–1 is “a”"), "{e}");
        assert!(err(r#"{"text": "ab", "answer": "reject"}"#).contains("there is no document"));
    }

    proptest! {
        #[test]
        fn spans_that_fit_round_trip_and_the_rest_is_reported(text in TEXT, raw in prop::collection::vec((0usize..60, 1usize..10, 0usize..4), 0..10)) {
            let ws = workspace(&[("t.txt", &text, clip_spans(&text, &raw))]);
            let out = to_prodigy(&ws);
            let back = from_prodigy("t.jsonl", &out.text).unwrap();
            let got = triples(&back.workspace).remove(0);
            prop_assert_eq!(got.1.as_str(), text.as_str());
            let reported: Vec<u32> = out.lost.iter().filter_map(|n| n.span).collect();
            for span in ws.documents()[0].spans.iter().filter(|s| !reported.contains(&s.id)) {
                prop_assert!(got.2.contains(&(span.start, span.end, span.label.clone())), "{:?} missing from {:?}", span, got.2);
            }
            // Every token and span of a task slices its text; spans are whole tokens.
            let task: Value = serde_json::from_str(out.text.lines().next().unwrap()).unwrap();
            let toks = task["tokens"].as_array().unwrap();
            for span in task["spans"].as_array().unwrap() {
                let (a, z) = (span["token_start"].as_u64().unwrap() as usize, span["token_end"].as_u64().unwrap() as usize);
                prop_assert_eq!(&toks[a]["start"], &span["start"]);
                prop_assert_eq!(&toks[z]["end"], &span["end"]);
            }
        }
    }
}
