//! Fuzzing of everything that reads outside input, with proptest (cargo-fuzz needs a nightly
//! toolchain, which this project cannot fetch): the canonical importer on arbitrary text and
//! on mutated valid exports, the Hugging Face, Prodigy and WebAnno importers on mutated valid
//! exports of their own, strict UTF-8 decoding, the offset index on arbitrary positions,
//! selection tagging on arbitrary offsets, and restoring stored state from arbitrary JSON.
//! None of them may panic; whatever is accepted must be consistent.
//!
//! `ALAMA_FUZZ_CASES` sets the cases per property (default 2000). Failures proptest finds
//! are saved under `tests/fuzz.proptest-regressions` and replayed first on every run; the
//! hand-kept corpus in `tests/fuzz-corpus/` (inputs that once broke or nearly broke an
//! importer) is replayed by `corpus_files_are_refused_or_round_trip`.

use alama::Workspace;
use alama::annotations::journal::{Record, Snapshot};
use alama::exchange::formats::canonical::{from_json, to_json};
use alama::exchange::{Imported, hf, prodigy, webanno};
use alama::text::document::Document;
use alama::text::offsets::TextIndex;
use proptest::prelude::*;
use serde_json::Value;

fn cases() -> u32 {
    std::env::var("ALAMA_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), max_shrink_iters: 2000, ..ProptestConfig::default() }
}

/// A valid export with astral characters, CRLF, a BOM, nested and overlapping spans.
fn valid_export() -> String {
    let mut ws = Workspace::new();
    let a = ws.open_file("a.txt", "\u{FEFF}😀 قال «فلاديمير بوتين»\r\nفي موسكو 🇸🇦.".as_bytes()).unwrap();
    ws.tag(&a, 7, 21, "PER").unwrap();
    ws.tag(&a, 17, 21, "PER").unwrap();
    ws.tag(&a, 26, 31, "LOC").unwrap();
    ws.set_annotator(Some("amal"));
    ws.tag(&a, 7, 31, "EVT").unwrap();
    let b = ws.open_file("b.txt", "كيم جونغ أون".as_bytes()).unwrap();
    ws.tag(&b, 0, 12, "PER").unwrap();
    to_json(&ws)
}

/// A document's id, text and spans (start, end, label).
type DocContent = (String, String, Vec<(usize, usize, String)>);

fn texts(ws: &Workspace) -> Vec<DocContent> {
    ws.documents()
        .iter()
        .map(|d| (d.doc.id.clone(), d.doc.text().to_string(), d.spans.iter().map(|s| (s.start, s.end, s.label.clone())).collect()))
        .collect()
}

/// Every accepted import must hold spans inside their text, and export back to itself.
fn check_accepted(json: &str) {
    if let Ok(ws) = from_json("fuzz.json", json) {
        for d in ws.documents() {
            for s in d.spans.iter() {
                assert!(s.start < s.end && s.end <= d.doc.len_chars());
            }
        }
        let again = from_json("again.json", &to_json(&ws)).expect("an accepted import exports to a valid file");
        assert_eq!(texts(&again), texts(&ws));
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    SetNumber(usize, i64),
    SetString(usize, String),
    Remove(usize),
    Duplicate(usize),
    SetNull(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), prop_oneof![-3i64..100, any::<i64>()]).prop_map(|(i, n)| Mutation::SetNumber(i, n)),
        (any::<usize>(), "(\\PC|😀|\u{0301}|\r\n){0,8}").prop_map(|(i, s)| Mutation::SetString(i, s)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Duplicate),
        any::<usize>().prop_map(Mutation::SetNull),
    ]
}

/// Every value in the tree, by a path of keys and indices.
fn paths(v: &Value, here: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match v {
        Value::Object(map) => map.iter().for_each(|(k, c)| paths(c, [here.clone(), vec![k.clone()]].concat(), out)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, c)| paths(c, [here.clone(), vec![i.to_string()]].concat(), out)),
        _ => {}
    }
}

fn at<'v>(v: &'v mut Value, path: &[String]) -> &'v mut Value {
    path.iter().fold(v, |v, k| match v {
        Value::Object(m) => m.get_mut(k).unwrap(),
        Value::Array(a) => &mut a[k.parse::<usize>().unwrap()],
        _ => unreachable!(),
    })
}

fn mutate(v: &mut Value, m: &Mutation) {
    let mut all = vec![];
    paths(v, vec![], &mut all);
    let pick = |i: usize| all[i % all.len()].clone();
    match m {
        Mutation::SetNumber(i, n) => *at(v, &pick(*i)) = (*n).into(),
        Mutation::SetString(i, s) => *at(v, &pick(*i)) = s.clone().into(),
        Mutation::SetNull(i) => *at(v, &pick(*i)) = Value::Null,
        Mutation::Remove(i) | Mutation::Duplicate(i) => {
            let path = pick(*i);
            let Some((last, parent)) = path.split_last() else { return };
            match at(v, parent) {
                Value::Object(map) if matches!(m, Mutation::Remove(_)) => {
                    map.remove(last);
                }
                Value::Array(items) => {
                    let i: usize = last.parse().unwrap();
                    if matches!(m, Mutation::Remove(_)) {
                        items.remove(i);
                    } else {
                        let copy = items[i].clone();
                        items.push(copy);
                    }
                }
                _ => {}
            }
        }
    }
}

/// An accepted import of another format holds spans inside their texts.
fn check_imported(imported: Result<Imported, alama::Error>) {
    if let Ok(imported) = imported {
        for d in imported.workspace.documents() {
            for s in d.spans.iter() {
                assert!(s.start < s.end && s.end <= d.doc.len_chars());
            }
        }
    }
}

/// A line of `text` with `mutations` applied to its JSON (records of Hugging Face, Prodigy).
fn mutate_line(text: &str, line: usize, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let k = line % lines.len();
    let mut value: Value = serde_json::from_str(&lines[k]).unwrap();
    for m in mutations {
        mutate(&mut value, m);
    }
    lines[k] = value.to_string();
    lines.join("\n")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn token_format_importers_never_panic_on_mutated_exports(
        mutations in prop::collection::vec(mutation(), 1..5),
        line in any::<usize>(),
        cell in any::<usize>(),
        junk in "(\\PC|[0-9]{1,3}-[0-9]{1,3}|\\*\\[[0-9]\\]|\\||_|\t|#Text=){0,6}",
    ) {
        let ws = from_json("x.json", &valid_export()).unwrap();
        let hf_files = hf::to_hf(&ws, "").files;
        let records = String::from_utf8(hf_files[0].bytes.clone()).unwrap();
        let names = (hf_files[1].path.clone(), hf_files[1].bytes.clone());
        let mutated = mutate_line(&records, line, &mutations);
        check_imported(hf::from_hf("hf", &[("data.jsonl".into(), mutated.into_bytes()), names]));
        check_imported(prodigy::from_prodigy("p.jsonl", &mutate_line(&prodigy::to_prodigy(&ws).text, line, &mutations)));
        // WebAnno: one cell of one line (a token's id, offsets, text or entities) replaced.
        let tsv = String::from_utf8(webanno::to_webanno(&ws, "").files[0].bytes.clone()).unwrap();
        let mut lines: Vec<String> = tsv.split('\n').map(String::from).collect();
        let k = line % lines.len();
        let mut cells: Vec<String> = lines[k].split('\t').map(String::from).collect();
        let c = cell % cells.len();
        cells[c] = junk;
        lines[k] = cells.join("\t");
        check_imported(webanno::from_webanno("w", &[("a.tsv".into(), lines.join("\n").into_bytes())]));
    }

    #[test]
    fn importer_never_panics_on_arbitrary_text(json in "\\PC{0,200}") {
        check_accepted(&json);
    }

    #[test]
    fn importer_never_panics_on_mutated_exports(mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut value: Value = serde_json::from_str(&valid_export()).unwrap();
        for m in &mutations {
            mutate(&mut value, m);
        }
        check_accepted(&value.to_string());
    }

    #[test]
    fn decoding_is_strict_and_total(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let expected = !bytes.is_empty() && !bytes.contains(&0) && std::str::from_utf8(&bytes).is_ok();
        prop_assert_eq!(Document::decode(&bytes).is_ok(), expected);
    }

    #[test]
    fn offsets_never_panic_on_any_position(text in "\\PC{0,60}", positions in prop::collection::vec(any::<usize>(), 0..20)) {
        let index = TextIndex::new(&text);
        for p in positions {
            let small = p % (text.len() + 3);
            let _ = index.utf16_to_char(p);
            let _ = index.utf16_to_char(small);
            let _ = index.char_to_utf16(small);
            let _ = index.char_to_byte(&text, small);
            let _ = index.byte_to_char(&text, small);
            let _ = index.slice(&text, small, p % (text.chars().count() + 2));
        }
    }

    #[test]
    fn tagging_any_selection_is_refused_or_inside_the_text(text in "\\PC{1,60}", a in any::<usize>(), b in any::<usize>(), small in any::<bool>()) {
        let mut ws = Workspace::new();
        let doc = ws.open_file("t.txt", text.as_bytes()).unwrap();
        let n = text.chars().count() + 2;
        let (a, b) = if small { (a % n, b % n) } else { (a, b) };
        if let Ok(id) = ws.tag(&doc, a, b, "PER") {
            let d = ws.doc(&doc).unwrap();
            let s = d.spans.get(id).unwrap();
            prop_assert!(s.start < s.end && s.end <= d.doc.len_chars());
        }
    }

    #[test]
    fn restoring_never_panics_on_arbitrary_stored_state(json in "\\PC{0,120}", mutations in prop::collection::vec(mutation(), 0..4)) {
        let _ = serde_json::from_str::<Snapshot>(&json).map(Workspace::from_snapshot);
        let mut ws = Workspace::new();
        let _ = serde_json::from_str::<Record>(&json).map(|r| ws.replay(r));
        let mut live = from_json("x.json", &valid_export()).unwrap();
        let mut value = serde_json::to_value(live.snapshot()).unwrap();
        for m in &mutations {
            mutate(&mut value, m);
        }
        if let Ok(snapshot) = serde_json::from_value::<Snapshot>(value)
            && let Ok(mut restored) = Workspace::from_snapshot(snapshot)
        {
            // Whatever was accepted can be undone and redone without panicking.
            for d in restored.documents().iter().map(|d| d.doc.id.clone()).collect::<Vec<_>>() {
                let _ = restored.undo(&d);
                let _ = restored.redo(&d);
            }
        }
        let _ = live.take_journal();
    }
}

#[test]
fn corpus_files_are_refused_or_round_trip() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            check_accepted(text);
        }
        let _ = Document::decode(&bytes);
        n += 1;
    }
    assert!(n >= 5, "the corpus holds {n} files");
}
