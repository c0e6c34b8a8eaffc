//! Browser tests for the wasm-bindgen boundary (`alama::web::Annotator`), run in headless
//! Chromium by `CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome`.
//!
//! They drive the annotator the way the page's JavaScript does: every change goes in as an
//! intent object (`{ kind: "tag", doc, start, end, label }`) with positions in UTF-16 code
//! units, structured results come back as plain JS objects (read here through
//! `JSON.stringify` and `js_sys::Reflect`), downloads as `Blob`s, and refusals as JS
//! `Error`s whose message is the core's English wording and whose `error` is the coded
//! error the page words. They check that the UTF-16 → code point
//! conversion happens once, at the boundary, and is right for texts with astral characters
//! (flags, emoji, mathematical letters) before and between Arabic words; that selections are
//! cleaned; that relabel/remove/undo/redo and `spansAt` answer with the right span ids; that
//! bad input (surrogate-pair halves, duplicates, unknown labels, invalid UTF-8, broken
//! imports) is refused with a readable message and changes nothing; and that the label set
//! and document summaries have the shape the page reads.

#![cfg(target_arch = "wasm32")]

use alama::web::Annotator;
use alama::web::exchange;
use serde::Deserialize;
use std::fmt::Debug;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Astral characters (a flag = two regional indicators, an emoji, a mathematical bold A)
/// before an Arabic name, and an emoji in the middle of the second sentence.
const TEXT: &str = "🇸🇦😀 لقاء 𝐀 بوتين\nقال «فلاديمير» 😀 إن «موسكو»، ترحب.";

// ---------------------------------------------------------------------------------------
// What crosses the boundary, as the page reads it.

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct SpanOut {
    id: u32,
    label: String,
    start: usize,
    end: usize,
    text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct LabelCountOut {
    label: String,
    count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocOut {
    id: String,
    name: String,
    title: String,
    span_count: usize,
    counts: Vec<LabelCountOut>,
    can_undo: bool,
    can_redo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct NamesOut {
    ar: String,
    en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct LabelOut {
    id: String,
    names: NamesOut,
    color: String,
}

// ---------------------------------------------------------------------------------------
// Helpers.

/// The message of a refusal, read the way JavaScript reads it (`err.message`).
fn message(e: JsValue) -> String {
    let error: js_sys::Error = e.dyn_into().expect("a refusal is a JS Error");
    error.message().into()
}

/// The code of a refusal (`err.error.code`), what the page words it from.
fn code(e: JsValue) -> String {
    get(&get(&e, "error"), "code").as_string().expect("a refusal carries its coded error")
}

fn ok<T>(result: Result<T, JsValue>) -> T {
    match result {
        Ok(v) => v,
        Err(e) => panic!("unexpected refusal: {}", message(e)),
    }
}

fn err<T: Debug>(result: Result<T, JsValue>) -> String {
    match result {
        Ok(v) => panic!("expected a refusal, got Ok({v:?})"),
        Err(e) => message(e),
    }
}

/// A JS object made from JSON, as the page writes its intents.
fn object(value: serde_json::Value) -> JsValue {
    use serde::Serialize;
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).expect("a JS object")
}

/// Applies one intent; returns what it did.
fn apply(a: &mut Annotator, intent: serde_json::Value) -> Result<JsValue, JsValue> {
    a.apply(object(intent))
}

/// Tags `[start, end)` (UTF-16) exactly, cleaned but not widened to words; returns the span.
fn tag(a: &mut Annotator, doc: &str, start: usize, end: usize, label: &str) -> Result<u32, JsValue> {
    let out = apply(a, serde_json::json!({ "tag": { "doc": doc, "start": start, "end": end, "label": label } }))?;
    Ok(get(&out, "span").as_f64().expect("a new span") as u32)
}

/// The span an intent touched, if it touched one (undo, redo).
fn touched(a: &mut Annotator, kind: &str, doc: &str) -> Result<Option<u32>, JsValue> {
    let out = apply(a, serde_json::json!({ kind: { "doc": doc } }))?;
    Ok(get(&out, "span").as_f64().map(|s| s as u32))
}

fn relabel(a: &mut Annotator, doc: &str, span: u32, label: &str) -> Result<JsValue, JsValue> {
    apply(a, serde_json::json!({ "relabel": { "doc": doc, "span": span, "label": label } }))
}

fn remove(a: &mut Annotator, doc: &str, span: u32) -> Result<JsValue, JsValue> {
    apply(a, serde_json::json!({ "remove": { "doc": doc, "span": span } }))
}

/// Opens a file's bytes as the page does (a Uint8Array in the intent); returns the document's id.
fn open_file(a: &mut Annotator, name: &str, bytes: &[u8]) -> Result<String, JsValue> {
    let intent = object(serde_json::json!({ "openFile": { "name": name } }));
    set(&get(&intent, "openFile"), "bytes", js_sys::Uint8Array::from(bytes).into());
    let out = a.apply(intent)?;
    Ok(get(&out, "document").as_string().expect("the new document's id"))
}

fn export_json(a: &Annotator) -> String {
    String::from_utf8(a.export_bytes()).expect("the export is UTF-8")
}

/// A Blob's bytes.
async fn bytes_of(blob: &JsValue) -> Vec<u8> {
    let blob: web_sys::Blob = blob.clone().dyn_into().expect("a Blob");
    let buffer = JsFuture::from(blob.array_buffer()).await.expect("the Blob's bytes");
    js_sys::Uint8Array::new(&buffer).to_vec()
}

const STAMP: &str = r#"{"year": 2025, "month": 1, "day": 31, "hour": 12, "minute": 0}"#;

fn stamp() -> JsValue {
    object(serde_json::from_str(STAMP).unwrap())
}

/// `[start, end)` of the first `needle` in `text`, in UTF-16 code units (what the DOM counts).
fn utf16_range(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let s = text[..b].encode_utf16().count();
    (s, s + needle.encode_utf16().count())
}

/// `[start, end)` of the first `needle` in `text`, in Unicode code points (the export's unit).
fn cp_range(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

/// A JS value read as `T` through its JSON, as the page sees it.
fn read<T: serde::de::DeserializeOwned>(value: &JsValue) -> serde_json::Result<T> {
    serde_json::from_str(&stringify(value))
}

/// Starts reading an export as the page does (its bytes, a Uint8Array in the intent).
fn start_import(a: &mut Annotator, name: &str, json: &str) -> Result<JsValue, JsValue> {
    let intent = object(serde_json::json!({ "startImport": { "file": name } }));
    set(&get(&intent, "startImport"), "bytes", js_sys::Uint8Array::from(json.as_bytes()).into());
    a.apply(intent)
}

/// Reads an export step by step, as the page does, and applies it.
fn import(a: &mut Annotator, name: &str, json: &str) -> Result<(), JsValue> {
    start_import(a, name, json)?;
    while a.import_for(0.0)?.is_undefined() {}
    apply(a, serde_json::json!("commitImport")).map(drop)
}

fn spans_js(a: &Annotator, doc: &str) -> Result<JsValue, JsValue> {
    a.span_rows(doc, 0, usize::MAX)
}

fn spans(a: &Annotator, doc: &str) -> Vec<SpanOut> {
    read(&ok(spans_js(a, doc))).expect("spanRows() has the SpanView shape")
}

fn documents(a: &Annotator) -> Vec<DocOut> {
    read(&ok(a.documents())).expect("documents() has the DocSummary shape")
}

fn labels(a: &Annotator) -> Vec<LabelOut> {
    read(&ok(a.labels())).expect("labels() has the Label shape")
}

fn export(a: &Annotator) -> serde_json::Value {
    serde_json::from_str(&export_json(a)).expect("exportBytes() is JSON")
}

fn stringify(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).expect("stringify").into()
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).expect("Reflect.get")
}

/// An annotator with `TEXT` open as "news.txt"; returns it with the document id.
fn open() -> (Annotator, String) {
    let mut a = Annotator::new();
    let doc = ok(open_file(&mut a, "news.txt", TEXT.as_bytes()));
    (a, doc)
}

// ---------------------------------------------------------------------------------------
// Tests.

#[wasm_bindgen_test]
fn open_file_keeps_the_exact_text_and_gives_unique_ids() {
    let mut a = Annotator::new();
    assert_eq!(ok(open_file(&mut a, "news.txt", TEXT.as_bytes())), "news");
    assert_eq!(ok(open_file(&mut a, "news.txt", "\u{FEFF}سطر\r\nثان".as_bytes())), "news-2");
    assert_eq!(ok(a.text("news")), TEXT);
    // BOM and CRLF survive the trip into the core and back out as a JS string.
    assert_eq!(ok(a.text("news-2")), "\u{FEFF}سطر\r\nثان");
    assert_eq!(documents(&a).len(), 2);
}

#[wasm_bindgen_test]
fn utf16_in_code_points_out_with_astral_characters_before_a_name() {
    let (mut a, doc) = open();
    let (u_s, u_e) = utf16_range(TEXT, "بوتين");
    let (c_s, c_e) = cp_range(TEXT, "بوتين");
    // 🇸🇦 (2 astral) + 😀 + 𝐀 shift the UTF-16 position by 4 but not the code point one.
    assert_eq!((u_s, u_e), (15, 20));
    assert_eq!((c_s, c_e), (11, 16));

    let id = ok(tag(&mut a, &doc, u_s, u_e, "PER"));
    let got = spans(&a, &doc);
    assert_eq!(got, [SpanOut { id, label: "PER".into(), start: 15, end: 20, text: "بوتين".into() }]);

    // The same values read with Reflect, as plain JS numbers and strings.
    let raw = ok(spans_js(&a, &doc));
    assert!(js_sys::Array::is_array(&raw));
    let first = js_sys::Array::from(&raw).get(0);
    assert_eq!(get(&first, "start").as_f64(), Some(15.0));
    assert_eq!(get(&first, "end").as_f64(), Some(20.0));
    assert_eq!(get(&first, "text").as_string().as_deref(), Some("بوتين"));
    assert_eq!(get(&first, "label").as_string().as_deref(), Some("PER"));

    // The export carries code points, and the text it names is the same.
    let json = export(&a);
    assert_eq!(json["offsets"], "unicode-code-points");
    let d = &json["documents"][0];
    assert_eq!(d["text"], TEXT);
    let s = &d["spans"][0];
    assert_eq!((s["start"].as_u64(), s["end"].as_u64()), (Some(11), Some(16)));
    assert_eq!(s["text"], "بوتين");
    assert_eq!(s["label"], "PER");
    assert_eq!(s["id"].as_u64(), Some(u64::from(id)));
}

#[wasm_bindgen_test]
fn utf16_conversion_after_an_emoji_in_the_middle_of_a_sentence() {
    let (mut a, doc) = open();
    // After the second line's 😀 there are five astral characters before "موسكو".
    let (u_s, u_e) = utf16_range(TEXT, "موسكو");
    let (c_s, c_e) = cp_range(TEXT, "موسكو");
    assert_eq!((u_s - c_s, u_e - c_e), (5, 5));
    let loc = ok(tag(&mut a, &doc, u_s, u_e, "LOC"));

    // The mid-sentence emoji itself can be tagged: two UTF-16 units, one code point.
    let (e_s, _) = utf16_range(TEXT, "😀 إن");
    let (ec_s, _) = cp_range(TEXT, "😀 إن");
    let emoji = ok(tag(&mut a, &doc, e_s, e_s + 2, "WEA"));

    let got = spans(&a, &doc);
    assert_eq!(
        got,
        [
            SpanOut { id: emoji, label: "WEA".into(), start: e_s, end: e_s + 2, text: "😀".into() },
            SpanOut { id: loc, label: "LOC".into(), start: u_s, end: u_e, text: "موسكو".into() },
        ]
    );

    let json = export(&a);
    let exported: Vec<(u64, u64, String)> = json["documents"][0]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap(), s["text"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(exported, [(ec_s as u64, ec_s as u64 + 1, "😀".to_string()), (c_s as u64, c_e as u64, "موسكو".to_string()),]);
}

#[wasm_bindgen_test]
fn a_position_inside_a_surrogate_pair_is_refused_and_changes_nothing() {
    let (mut a, doc) = open();
    // UTF-16 unit 1 is the low half of the flag's first regional indicator.
    let msg = err(tag(&mut a, &doc, 1, 5, "PER"));
    assert!(msg.contains("UTF-16 position 1"), "{msg}");
    assert!(msg.contains("surrogate pair"), "{msg}");
    assert!(msg.starts_with("The selection is not inside the text"), "{msg}");

    // An end between the halves of the mid-sentence 😀.
    let (f_s, _) = utf16_range(TEXT, "فلاديمير");
    let (e_s, _) = utf16_range(TEXT, "😀 إن");
    let msg = err(tag(&mut a, &doc, f_s, e_s + 1, "PER"));
    assert!(msg.contains(&format!("UTF-16 position {}", e_s + 1)), "{msg}");
    assert!(msg.contains("surrogate pair"), "{msg}");

    // spansAt refuses the same positions.
    let msg = err(a.spans_at(&doc, e_s + 1));
    assert!(msg.contains("surrogate pair"), "{msg}");

    // Past the end is a different refusal.
    let len = TEXT.encode_utf16().count();
    let msg = err(tag(&mut a, &doc, 0, len + 1, "PER"));
    assert!(msg.contains("past the end"), "{msg}");

    assert!(spans(&a, &doc).is_empty());
    let d = &documents(&a)[0];
    assert_eq!((d.span_count, d.can_undo), (0, false));
    assert_eq!(ok(touched(&mut a, "undo", &doc)), None);
}

#[wasm_bindgen_test]
fn selections_are_cleaned_through_the_boundary() {
    let (mut a, doc) = open();
    // A sloppy selection: leading space, guillemets, Arabic comma, trailing space.
    let (s, e) = utf16_range(TEXT, " «موسكو»، ");
    let id = ok(tag(&mut a, &doc, s, e, "LOC"));
    let (u_s, u_e) = utf16_range(TEXT, "موسكو");
    assert_eq!(spans(&a, &doc), [SpanOut { id, label: "LOC".into(), start: u_s, end: u_e, text: "موسكو".into() }]);
    let (c_s, c_e) = cp_range(TEXT, "موسكو");
    let x = &export(&a)["documents"][0]["spans"][0];
    assert_eq!((x["start"].as_u64(), x["end"].as_u64()), (Some(c_s as u64), Some(c_e as u64)));

    // A reversed selection (dragged right to left) of "«فلاديمير» " is the same selection.
    let (s, e) = utf16_range(TEXT, "«فلاديمير» ");
    let id2 = ok(tag(&mut a, &doc, e, s, "PER"));
    let (f_s, f_e) = utf16_range(TEXT, "فلاديمير");
    let got = spans(&a, &doc);
    assert_eq!(got[0], SpanOut { id: id2, label: "PER".into(), start: f_s, end: f_e, text: "فلاديمير".into() });

    // A trailing newline and an edge space around the name are dropped too.
    let (s, e) = utf16_range(TEXT, " بوتين\n");
    let id3 = ok(tag(&mut a, &doc, s, e, "PER"));
    let got = spans(&a, &doc);
    let span = got.iter().find(|s| s.id == id3).unwrap();
    assert_eq!((span.start, span.end, span.text.as_str()), (15, 20, "بوتين"));

    // Only junk: refused, nothing added.
    let (s, e) = utf16_range(TEXT, "»، ");
    let msg = err(tag(&mut a, &doc, s, e, "LOC"));
    assert_eq!(msg, "The selection holds only spaces or punctuation: nothing to tag.");
    assert_eq!(spans(&a, &doc).len(), 3);
}

#[wasm_bindgen_test]
fn relabel_remove_undo_and_redo_return_the_span_touched() {
    let (mut a, doc) = open();
    assert_eq!(ok(touched(&mut a, "undo", &doc)), None);
    assert_eq!(ok(touched(&mut a, "redo", &doc)), None);

    let (p_s, p_e) = utf16_range(TEXT, "بوتين");
    let (m_s, m_e) = utf16_range(TEXT, "موسكو");
    let per = ok(tag(&mut a, &doc, p_s, p_e, "PER"));
    let loc = ok(tag(&mut a, &doc, m_s, m_e, "LOC"));
    assert_ne!(per, loc);
    let label_of = |a: &Annotator, id: u32| spans(a, &doc).into_iter().find(|s| s.id == id).map(|s| s.label);

    ok(relabel(&mut a, &doc, per, "EVT"));
    assert_eq!(label_of(&a, per).as_deref(), Some("EVT"));
    assert_eq!(ok(touched(&mut a, "undo", &doc)), Some(per));
    assert_eq!(label_of(&a, per).as_deref(), Some("PER"));
    let d = &documents(&a)[0];
    assert_eq!((d.can_undo, d.can_redo), (true, true));
    assert_eq!(ok(touched(&mut a, "redo", &doc)), Some(per));
    assert_eq!(label_of(&a, per).as_deref(), Some("EVT"));

    ok(remove(&mut a, &doc, loc));
    assert_eq!(spans(&a, &doc).iter().map(|s| s.id).collect::<Vec<_>>(), [per]);
    assert_eq!(ok(touched(&mut a, "undo", &doc)), Some(loc));
    let back = spans(&a, &doc).into_iter().find(|s| s.id == loc).expect("the removed span is back");
    assert_eq!(back, SpanOut { id: loc, label: "LOC".into(), start: m_s, end: m_e, text: "موسكو".into() });

    // Undo everything: relabel, add LOC, add PER; then nothing.
    assert_eq!(ok(touched(&mut a, "undo", &doc)), Some(per));
    assert_eq!(label_of(&a, per).as_deref(), Some("PER"));
    assert_eq!(ok(touched(&mut a, "undo", &doc)), Some(loc));
    assert_eq!(ok(touched(&mut a, "undo", &doc)), Some(per));
    assert!(spans(&a, &doc).is_empty());
    assert_eq!(ok(touched(&mut a, "undo", &doc)), None);
    let d = &documents(&a)[0];
    assert_eq!((d.can_undo, d.can_redo), (false, true));

    // Redo everything, in order.
    let redone: Vec<Option<u32>> = (0..5).map(|_| ok(touched(&mut a, "redo", &doc))).collect();
    assert_eq!(redone, [Some(per), Some(loc), Some(per), Some(loc), None]);
    assert_eq!(spans(&a, &doc).iter().map(|s| (s.id, s.label.as_str())).collect::<Vec<_>>(), [(per, "EVT")]);

    // A new edit forgets what was undone.
    assert_eq!(ok(touched(&mut a, "undo", &doc)), Some(loc));
    ok(tag(&mut a, &doc, 7, 11, "EVT"));
    assert_eq!(ok(touched(&mut a, "redo", &doc)), None);

    // Unknown spans and documents are named.
    assert_eq!(err(relabel(&mut a, &doc, 99, "PER")), "There is no span 99 in this document.");
    assert_eq!(err(remove(&mut a, &doc, 99)), "There is no span 99 in this document.");
    assert_eq!(err(touched(&mut a, "undo", "nope")), "There is no document “nope”.");
    assert_eq!(err(spans_js(&a, "nope")), "There is no document “nope”.");
}

#[wasm_bindgen_test]
fn spans_at_lists_the_spans_over_a_utf16_position_outermost_first() {
    let (mut a, doc) = open();
    let (p_s, p_e) = utf16_range(TEXT, "بوتين");
    let (o_s, o_e) = utf16_range(TEXT, "𝐀 بوتين");
    assert_eq!((o_s, o_e), (12, 20));
    // Inner first, so that "outermost first" is not just insertion order.
    let inner = ok(tag(&mut a, &doc, p_s, p_e, "PER"));
    let outer = ok(tag(&mut a, &doc, o_s, o_e, "EVT"));
    let (e_s, _) = utf16_range(TEXT, "😀 إن");
    let emoji = ok(tag(&mut a, &doc, e_s, e_s + 2, "WEA"));

    assert_eq!(ok(a.spans_at(&doc, 15)), [outer, inner]);
    assert_eq!(ok(a.spans_at(&doc, 19)), [outer, inner]);
    assert_eq!(ok(a.spans_at(&doc, 12)), [outer]); // 𝐀
    assert_eq!(ok(a.spans_at(&doc, 14)), [outer]); // the space before the name
    assert_eq!(ok(a.spans_at(&doc, 20)), Vec::<u32>::new()); // the newline after it
    assert_eq!(ok(a.spans_at(&doc, 4)), Vec::<u32>::new()); // the first 😀
    assert_eq!(ok(a.spans_at(&doc, e_s)), [emoji]);
    assert_eq!(ok(a.spans_at(&doc, e_s + 2)), Vec::<u32>::new());
    let len = TEXT.encode_utf16().count();
    assert_eq!(ok(a.spans_at(&doc, len)), Vec::<u32>::new());
    assert!(err(a.spans_at(&doc, len + 1)).contains("past the end"));
    assert!(err(a.spans_at(&doc, 13)).contains("surrogate pair")); // inside 𝐀

    // Reading order in spans(): outer (starts at 12) before inner (15) before the emoji.
    assert_eq!(spans(&a, &doc).iter().map(|s| s.id).collect::<Vec<_>>(), [outer, inner, emoji]);
}

#[wasm_bindgen_test]
fn duplicates_unknown_labels_and_bad_files_are_refused_with_their_message() {
    let (mut a, doc) = open();
    let (s, e) = utf16_range(TEXT, "بوتين");
    let per = ok(tag(&mut a, &doc, s, e, "PER"));
    let duplicate = "“بوتين” is already tagged PER at exactly these characters.";
    assert_eq!(err(tag(&mut a, &doc, s, e, "PER")), duplicate);
    // A sloppier selection that cleans to the same characters is the same duplicate.
    let (ws, we) = utf16_range(TEXT, " بوتين\n");
    assert_eq!(err(tag(&mut a, &doc, ws, we, "PER")), duplicate);
    // Same characters, another label: allowed; relabelling it onto PER is a duplicate.
    let loc = ok(tag(&mut a, &doc, s, e, "LOC"));
    assert_eq!(err(relabel(&mut a, &doc, loc, "PER")), duplicate);

    assert_eq!(err(tag(&mut a, &doc, s, e, "ORG")), "There is no label “ORG”.");
    assert_eq!(err(relabel(&mut a, &doc, per, "per")), "There is no label “per”.");
    assert_eq!(spans(&a, &doc).iter().map(|s| (s.id, s.label.as_str())).collect::<Vec<_>>(), [(per, "PER"), (loc, "LOC")]);

    let before = documents(&a);
    let msg = err(open_file(&mut a, "bad.txt", b"\xd9\x88\xff"));
    assert!(msg.contains("not valid UTF-8"), "{msg}");
    assert!(msg.contains("“bad.txt”") && msg.contains("byte 2"), "{msg}");
    let msg = err(open_file(&mut a, "empty.txt", b""));
    assert!(msg.contains("empty"), "{msg}");
    assert_eq!(documents(&a), before);
}

#[wasm_bindgen_test]
fn import_of_an_export_round_trips() {
    let (mut a, doc) = open();
    ok(open_file(&mut a, "second.txt", "خبر ثان 👍🏽 عن «دمشق».".as_bytes()));
    let (s, e) = utf16_range(TEXT, "بوتين");
    ok(tag(&mut a, &doc, s, e, "PER"));
    ok(tag(&mut a, &doc, s, e, "EVT"));
    let (m_s, m_e) = utf16_range(TEXT, "موسكو");
    ok(tag(&mut a, &doc, m_s, m_e, "LOC"));
    let (d_s, d_e) = utf16_range("خبر ثان 👍🏽 عن «دمشق».", "دمشق");
    ok(tag(&mut a, "second", d_s, d_e, "LOC"));
    let json = export_json(&a);

    let mut b = Annotator::new();
    ok(import(&mut b, "alama.json", &json));
    let strip = |docs: Vec<DocOut>| -> Vec<(String, String, String, usize, Vec<LabelCountOut>)> {
        docs.into_iter().map(|d| (d.id, d.name, d.title, d.span_count, d.counts)).collect()
    };
    let (da, db) = (documents(&a), documents(&b));
    assert_eq!(db.len(), 2);
    assert_eq!(strip(db.clone()), strip(da));
    assert_eq!(db.iter().map(|d| d.span_count).collect::<Vec<_>>(), [3, 1]);
    assert_eq!(spans(&b, &doc), spans(&a, &doc));
    assert_eq!(spans(&b, "second"), spans(&a, "second"));
    assert_eq!(ok(b.text("second")), "خبر ثان 👍🏽 عن «دمشق».");
    assert_eq!(export_json(&b), json);
    // An imported workspace has no history to undo.
    assert_eq!(ok(touched(&mut b, "undo", &doc)), None);
}

#[wasm_bindgen_test]
fn a_bad_import_is_refused_with_a_readable_message_and_changes_nothing() {
    let (mut a, doc) = open();
    let (s, e) = utf16_range(TEXT, "بوتين");
    let per = ok(tag(&mut a, &doc, s, e, "PER"));
    let snapshot = |a: &Annotator| (stringify(&ok(a.documents())), stringify(&ok(spans_js(a, &doc))), export_json(a));
    let before = snapshot(&a);

    let mut wrong_sha = export(&a);
    wrong_sha["documents"][0]["sha256"] = "0".repeat(64).into();
    let cases = [
        ("{".to_string(), "not valid JSON"),
        (r#"{"text":"بوتين في موسكو","label":[[0,5,"PER"]]}"#.to_string(), "not an Alama export"),
        (r#"{"text":"x","label":[]}"#.to_string(), "not an Alama export"),
        (wrong_sha.to_string(), "documents[0].sha256"),
    ];
    for (json, expected) in cases {
        let msg = err(import(&mut a, "bad.json", &json));
        assert!(msg.starts_with("Cannot import “bad.json”"), "{msg}");
        assert!(msg.contains(expected), "{msg} should contain {expected}");
        assert!(msg.ends_with("Nothing was changed."), "{msg}");
        assert_eq!(snapshot(&a), before, "state changed after importing {json}");
    }
    // Still usable afterwards.
    assert_eq!(ok(touched(&mut a, "undo", &doc)), Some(per));
}

#[wasm_bindgen_test]
fn an_import_read_step_by_step_waits_for_commit_and_a_refusal_ends_it() {
    let (mut a, doc) = open();
    let (s, e) = utf16_range(TEXT, "بوتين");
    ok(tag(&mut a, &doc, s, e, "PER"));
    let json = export_json(&a);

    let mut b = Annotator::new();
    ok(start_import(&mut b, "alama.json", &json));
    let mut steps = 0;
    let summary = loop {
        // No time at all: one step a call.
        let r = ok(b.import_for(0.0));
        if !r.is_undefined() {
            break r;
        }
        steps += 1;
        assert!(documents(&b).is_empty(), "nothing changes while reading");
    };
    assert_eq!(steps, 6, "the bytes checked as UTF-8, then start, decode, hash, index and spans of the one document");
    assert_eq!((get(&summary, "documents").as_f64(), get(&summary, "spans").as_f64()), (Some(1.0), Some(1.0)));
    assert!(err(b.import_for(0.0)).contains("no import being read"));
    ok(apply(&mut b, serde_json::json!("commitImport")));
    assert_eq!(export_json(&b), json);

    // With time to spare, the whole file is read in one call.
    ok(start_import(&mut b, "alama.json", &json));
    assert!(!ok(b.import_for(10_000.0)).is_undefined());
    ok(apply(&mut b, serde_json::json!("discardImport")));

    let mut wrong = export(&a);
    wrong["documents"][0]["spans"][0]["text"] = "موسكو".into();
    ok(start_import(&mut b, "bad.json", &wrong.to_string()));
    let refusal = loop {
        match b.import_for(0.0) {
            Ok(r) => assert!(r.is_undefined(), "a bad span was accepted"),
            Err(e) => break e,
        }
    };
    let problem = get(&get(&refusal, "error"), "problem");
    assert_eq!(get(&problem, "kind").as_string().as_deref(), Some("span_text_mismatch"));
    let msg = message(refusal);
    assert!(msg.starts_with("Cannot import “bad.json”: documents[0].spans[0].text: is “موسكو”"), "{msg}");
    assert!(err(b.import_for(0.0)).contains("no import being read"), "a refusal ends the reading");
    assert!(err(apply(&mut b, serde_json::json!("commitImport"))).contains("no checked import"));
    // A file that is no export at all is refused by the step after its bytes are checked.
    ok(start_import(&mut b, "bad.json", "[1]"));
    let top = loop {
        match b.import_for(0.0) {
            Ok(r) => assert!(r.is_undefined(), "[1] was read as an export"),
            Err(e) => break e,
        }
    };
    assert_eq!(code(top.clone()), "import");
    assert!(message(top).contains("the top level is not an object"));
    assert_eq!(export_json(&b), json, "the workspace is untouched");
}

/// The browser's SHA-256 of `bytes`, in hex (what the page gives the import).
async fn browser_sha256(bytes: Vec<u8>) -> String {
    let digest: js_sys::Function = js_sys::eval("(b) => crypto.subtle.digest('SHA-256', b)").unwrap().dyn_into().unwrap();
    let promise: js_sys::Promise = digest.call1(&JsValue::NULL, &js_sys::Uint8Array::from(&bytes[..])).unwrap().dyn_into().unwrap();
    let buffer = JsFuture::from(promise).await.expect("a digest");
    js_sys::Uint8Array::new(&buffer).to_vec().iter().map(|b| format!("{b:02x}")).collect()
}

#[wasm_bindgen_test]
async fn a_long_text_is_hashed_by_the_browser_when_the_page_says_so() {
    let mut a = Annotator::new();
    let long = "قال بوتين في موسكو 😀 ".repeat(2_000); // 78,000 bytes
    let doc = ok(open_file(&mut a, "long.txt", long.as_bytes()));
    ok(tag(&mut a, &doc, 4, 9, "PER"));
    ok(open_file(&mut a, "short.txt", "بوتين".as_bytes()));
    let json = export_json(&a);

    let mut b = Annotator::new();
    b.hash_imports_outside();
    ok(start_import(&mut b, "alama.json", &json));
    let mut asked = vec![];
    loop {
        if !ok(b.import_for(10_000.0)).is_undefined() {
            break;
        }
        // The step stops as soon as the long text waits (no time is spent waiting).
        let text = b.import_wanted_digest().expect("undefined only while a digest is waited for");
        assert_eq!(text, long.as_bytes());
        asked.push(text.len());
        assert!(b.import_for(10_000.0).unwrap().is_undefined(), "no step goes on without the digest");
        ok(b.import_digest(&browser_sha256(text).await));
    }
    assert_eq!(asked, [long.len()], "only the long text is handed over");
    ok(apply(&mut b, serde_json::json!("commitImport")));
    assert_eq!(export_json(&b), json);

    // A digest that is not the one the file claims is refused as the file's, and ends the reading.
    ok(start_import(&mut b, "other.json", &json.replace("بوتين في", "بوتين فی")));
    let text = loop {
        match b.import_wanted_digest() {
            Some(text) => break text,
            None => assert!(ok(b.import_for(10_000.0)).is_undefined()),
        }
    };
    let refusal = b.import_digest(&browser_sha256(text).await).unwrap_err();
    assert_eq!(code(refusal.clone()), "import");
    assert!(message(refusal).contains("documents[0].sha256"));
    assert!(err(b.import_for(0.0)).contains("no import being read"), "the refusal ended the reading");
    assert_eq!(export_json(&b), json, "the workspace is untouched");
}

#[wasm_bindgen_test]
fn an_intent_the_core_cannot_read_is_refused_with_a_code() {
    let (mut a, doc) = open();
    let refusal = a.apply(object(serde_json::json!({ "teleport": { "doc": doc } }))).unwrap_err();
    assert_eq!(code(refusal.clone()), "request");
    let msg = message(refusal);
    assert!(msg.starts_with("the change is malformed: unknown variant `teleport`"), "{msg}");
    let refusal = apply(&mut a, serde_json::json!({ "setStatus": { "doc": doc, "status": "finished" } })).unwrap_err();
    assert!(message(refusal).contains("unknown variant `finished`"));
    assert!(spans(&a, &doc).is_empty());
}

#[wasm_bindgen_test]
fn labels_are_the_four_defaults_with_names_and_colours() {
    let a = Annotator::new();
    let got = labels(&a);
    let expected = [
        ("PER", "شخص", "Person", "#E69F00"),
        ("LOC", "مكان", "Place", "#56B4E9"),
        ("WEA", "سلاح", "Weapon", "#CC79A7"),
        ("EVT", "حدث", "Event", "#009E73"),
    ];
    let expected: Vec<LabelOut> = expected
        .iter()
        .map(|&(id, ar, en, color)| LabelOut { id: id.into(), names: NamesOut { ar: ar.into(), en: en.into() }, color: color.into() })
        .collect();
    assert_eq!(got, expected);
    // A plain JS array of plain objects (not Maps), as the page reads them.
    let raw = ok(a.labels());
    let first = js_sys::Array::from(&raw).get(0);
    assert_eq!(get(&get(&first, "names"), "en").as_string().as_deref(), Some("Person"));
}

#[wasm_bindgen_test]
fn document_summaries_have_id_name_title_span_count_and_counts() {
    let (mut a, doc) = open();
    let (s, e) = utf16_range(TEXT, "بوتين");
    ok(tag(&mut a, &doc, s, e, "PER"));
    ok(tag(&mut a, &doc, s, e, "EVT"));
    let (m_s, m_e) = utf16_range(TEXT, "موسكو");
    ok(tag(&mut a, &doc, m_s, m_e, "PER"));

    let docs = documents(&a);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!((d.id.as_str(), d.name.as_str()), ("news", "news.txt"));
    assert_eq!(d.title, "🇸🇦😀 لقاء 𝐀 بوتين");
    assert_eq!(d.span_count, 3);
    let counts: Vec<(&str, usize)> = d.counts.iter().map(|c| (c.label.as_str(), c.count)).collect();
    assert_eq!(counts, [("PER", 2), ("LOC", 0), ("WEA", 0), ("EVT", 1)]);
    assert_eq!((d.can_undo, d.can_redo), (true, false));

    // The JS-facing keys are camelCase, as the page reads them.
    let raw = js_sys::Array::from(&ok(a.documents())).get(0);
    assert_eq!(get(&raw, "spanCount").as_f64(), Some(3.0));
    assert!(get(&raw, "span_count").is_undefined());
    assert_eq!(get(&raw, "canUndo").as_bool(), Some(true));
    assert_eq!(get(&raw, "id").as_string().as_deref(), Some("news"));
}

// ---------------------------------------------------------------------------------------
// Exchange (`src/web/exchange.rs`, its own Wasm module in the page): files go in as `{ name, format, files: [{ name, bytes }] }`
// objects with `Uint8Array` bytes, downloads come out as `Uint8Array`s, refusals as Errors
// carrying the core's message.

fn set(object: &JsValue, key: &str, value: JsValue) {
    js_sys::Reflect::set(object, &JsValue::from_str(key), &value).expect("Reflect.set");
}

/// One set of files as the page passes it.
fn files(name: &str, format: &str, list: &[(&str, &[u8])]) -> JsValue {
    let set_of = JsValue::from(js_sys::Object::new());
    set(&set_of, "name", name.into());
    set(&set_of, "format", format.into());
    let array = js_sys::Array::new();
    for (file, bytes) in list {
        let f = JsValue::from(js_sys::Object::new());
        set(&f, "name", (*file).into());
        set(&f, "bytes", js_sys::Uint8Array::from(*bytes).into());
        array.push(&f);
    }
    set(&set_of, "files", array.into());
    set_of
}

/// `TEXT` with PER بوتين, and LOC موسكو nested in an EVT over «موسكو»، ترحب.
fn tagged() -> (Annotator, String) {
    let (mut a, doc) = open();
    for (needle, label) in [("بوتين", "PER"), ("موسكو»، ترحب", "EVT"), ("موسكو", "LOC")] {
        let (s, e) = utf16_range(TEXT, needle);
        ok(tag(&mut a, &doc, s, e, label));
    }
    (a, doc)
}

async fn download(a: &Annotator, format: &str) -> (String, Vec<u8>, Vec<String>) {
    let out = ok(exchange::export_as(&a.export_bytes(), format.into(), false, "gold", stamp()));
    let bytes = bytes_of(&get(&out, "blob")).await;
    let lost = js_sys::Array::from(&get(&out, "lost")).iter().map(|n| stringify(&n)).collect();
    (get(&out, "name").as_string().expect("a file name"), bytes, lost)
}

#[wasm_bindgen_test]
async fn every_format_downloads_as_one_file_and_says_what_it_lost() {
    let (a, _) = tagged();
    let (name, bytes, lost) = download(&a, "conll").await;
    assert_eq!(name, "alama-gold-2025-01-31-1200.conll");
    assert!(String::from_utf8(bytes).unwrap().starts_with("# Alama CoNLL export. Tag scheme: IOB2"));
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert!(
        lost[0].contains(r#""text":"موسكو""#) && lost[0].contains(r#""kind":"conll_overlaps""#),
        "a note is data the page words: {}",
        lost[0]
    );
    let (name, bytes, lost) = download(&a, "brat").await;
    assert_eq!(name, "alama-gold-2025-01-31-1200-brat.zip");
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    assert!(lost.is_empty());
    assert_eq!(download(&a, "label-studio").await.0, "alama-gold-2025-01-31-1200-label-studio.json");
    assert_eq!(download(&a, "jsonl").await.0, "alama-gold-2025-01-31-1200.jsonl");
    // The Alama export is the session's own Blob, named by the same rule.
    let blob = ok(a.export_blob());
    assert_eq!(bytes_of(&blob.clone().into()).await, a.export_bytes());
    assert_eq!(blob.type_(), "application/json");
    assert_eq!(ok(a.export_name("gold", "alama", false, stamp())), "alama-gold-2025-01-31-1200.json");
    let xml = exchange::export_as(&a.export_bytes(), "xml".into(), false, "gold", stamp()).unwrap_err();
    assert_eq!(code(xml.clone()), "request");
    assert!(message(xml).contains("unknown variant `xml`"));
    assert!(err(exchange::export_as(b"{}", "jsonl".into(), false, "gold", stamp())).contains("not an Alama export"));
}

#[wasm_bindgen_test]
fn an_import_in_another_format_is_checked_then_applied_by_commit_import() {
    let (a, doc) = tagged();
    let jsonl = ok(exchange::read_as_alama(files("", "alama", &[("a.json", &a.export_bytes())])));
    let jsonl = {
        // The JSONL export of the same work, made in memory as exportAs makes it.
        let ws = alama::exchange::canonical::from_json("a.json", &get(&jsonl, "json").as_string().unwrap()).unwrap();
        alama::exchange::jsonl::to_jsonl(&ws).text.into_bytes()
    };
    let mut b = Annotator::new();
    let summary = ok(exchange::read_as_alama(files("", "jsonl", &[("gold.jsonl", &jsonl)])));
    assert_eq!(get(&summary, "format").as_string().as_deref(), Some("jsonl"));
    assert_eq!(get(&summary, "spans").as_f64(), Some(3.0));
    assert!(
        get(&ok(exchange::read_files(files("", "jsonl", &[("gold.jsonl", &jsonl)]))), "json").is_undefined(),
        "readFiles only describes"
    );
    let json = get(&summary, "json").as_string().expect("the work as canonical JSON");
    ok(start_import(&mut b, "gold.jsonl", &json));
    while ok(b.import_for(0.0)).is_undefined() {}
    assert!(documents(&b).is_empty(), "nothing changes before the commit");
    ok(apply(&mut b, serde_json::json!("commitImport")));
    assert_eq!(spans(&b, &doc), spans(&a, &doc));

    let bad = err(exchange::read_as_alama(files("", "jsonl", &[("bad.jsonl", b"{\"text\": \"ab\", \"label\": [[1, 7, \"PER\"]]}\n")])));
    assert!(bad.starts_with("Cannot import “bad.jsonl”") && bad.contains("not inside the text"), "{bad}");
    assert!(err(apply(&mut b, serde_json::json!("commitImport"))).contains("no checked import"), "nothing is pending after the commit");
    assert_eq!(spans(&b, &doc), spans(&a, &doc));
}

#[wasm_bindgen_test]
fn agreement_comparison_and_merge_of_two_annotators_files() {
    let (a, doc) = tagged();
    let mut b = Annotator::new();
    ok(open_file(&mut b, "news.txt", TEXT.as_bytes()));
    let (s, e) = utf16_range(TEXT, "بوتين");
    ok(tag(&mut b, &doc, s, e, "PER"));
    let (s, e) = utf16_range(TEXT, "موسكو");
    ok(tag(&mut b, &doc, s, e, "EVT"));
    let ali = || files("ali", "alama", &[("ali.json", export_json(&a).as_bytes())]);
    let mona = || files("mona", "alama", &[("mona.json", export_json(&b).as_bytes())]);

    let report = ok(exchange::agreement(js_sys::Array::of2(&ali(), &mona()).into()));
    let pair = js_sys::Array::from(&get(&report, "pairs")).get(0);
    let exact = get(&get(&pair, "overall"), "exact");
    assert_eq!(
        (get(&exact, "a_spans").as_f64(), get(&exact, "b_spans").as_f64(), get(&exact, "matched").as_f64()),
        (Some(2.0), Some(2.0), Some(1.0))
    );
    let printed = js_sys::Array::from(&get(&report, "printed")).get(0);
    assert_eq!(get(&get(&printed, "overall"), "f1").as_string().as_deref(), Some("0.500"), "figures as `alama agree` prints them");
    assert!(err(exchange::agreement(js_sys::Array::of1(&ali()).into())).contains("at least two annotators"));

    let shown = ok(exchange::compare_files(ali(), mona()));
    let d = js_sys::Array::from(&get(&get(&shown, "comparison"), "documents")).get(0);
    assert_eq!(get(&d, "agreed").as_f64(), Some(1.0));
    let g = js_sys::Array::from(&get(&d, "disagreements")).get(0);
    assert_eq!(get(&g, "kind").as_string().as_deref(), Some("several"));
    let context = js_sys::Array::from(&js_sys::Array::from(&get(&shown, "context")).get(0)).get(0);
    assert_eq!(get(&context, "inside").as_string().as_deref(), Some("موسكو»، ترحب"));
    // A selection in the context line, in UTF-16 units of the line, becomes document code points.
    let line = format!(
        "{}{}{}",
        get(&context, "before").as_string().unwrap(),
        get(&context, "inside").as_string().unwrap(),
        get(&context, "after").as_string().unwrap()
    );
    let start = get(&context, "start").as_f64().unwrap() as usize;
    let (u_s, u_e) = utf16_range(&line, " «موسكو»،");
    let draft = ok(exchange::context_selection(&line, start, u_s, u_e));
    let (c_s, c_e) = cp_range(TEXT, "موسكو");
    assert_eq!((get(&draft, "start").as_f64(), get(&draft, "end").as_f64()), (Some(c_s as f64), Some(c_e as f64)));
    assert_eq!(get(&draft, "text").as_string().as_deref(), Some("موسكو"));

    let decisions = || object(serde_json::json!([{ "document": "news", "disagreement": 1, "choice": "b" }]));
    let file = ok(exchange::decisions_file(ali(), mona(), decisions(), "sara", stamp()));
    assert_eq!(get(&file, "name").as_string().as_deref(), Some("decisions-ali-mona-2025-01-31-1200.json"));
    let gold = ok(exchange::merge_files(ali(), mona(), decisions(), "sara", stamp()));
    assert_eq!(get(&get(&gold, "gold"), "name").as_string().as_deref(), Some("gold-ali-mona-2025-01-31-1200.json"));
    let json: serde_json::Value = serde_json::from_str(&get(&gold, "json").as_string().unwrap()).unwrap();
    let got: Vec<(String, String)> = json["documents"][0]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["label"].as_str().unwrap().into(), s["annotator"].as_str().unwrap().into()))
        .collect();
    assert_eq!(got, [("PER".to_string(), "ali, mona".to_string()), ("EVT".into(), "mona".into())]);
    assert!(stringify(&get(&gold, "sources")).contains(r#""how":"picked","annotators":["mona"],"decided_by":"sara""#));
    let none = || object(serde_json::json!([]));
    assert!(err(exchange::merge_files(ali(), mona(), none(), "sara", stamp())).contains("1 disagreements have no decision"));
    assert!(err(exchange::merge_files(ali(), ali(), none(), "sara", stamp())).contains("both called “ali”"));
}

#[wasm_bindgen_test]
fn malformed_file_sets_are_refused_with_what_is_wrong() {
    let no_format = JsValue::from(js_sys::Object::new());
    let refusal = exchange::read_files(no_format).unwrap_err();
    assert_eq!(code(refusal.clone()), "request");
    assert!(message(refusal).contains("missing field `format`"));
    let set_of = files("", "jsonl", &[]);
    set(&set_of, "files", "gold.jsonl".into());
    assert!(err(exchange::read_files(set_of)).starts_with("the files to read is malformed"));
    let set_of = files("", "jsonl", &[("gold.jsonl", b"")]);
    let file = js_sys::Array::from(&get(&set_of, "files")).get(0);
    set(&file, "bytes", "{}".into());
    assert!(err(exchange::read_files(set_of)).starts_with("the files to read is malformed"));
}

/// The corpus report crosses with UTF-16 positions (after the flag, the emoji and 𝐀), and
/// its fixes go back to the session as they are: the untagged موسكو is suggested at the
/// place the report named.
#[wasm_bindgen_test]
fn the_corpus_report_speaks_utf16_and_its_fixes_apply_as_intents() {
    let text = "🇸🇦😀 لقاء 𝐀 موسكو\nقال 😀 إن موسكو ترحب.";
    let mut a = Annotator::new();
    let doc = ok(open_file(&mut a, "c.txt", text.as_bytes()));
    let (s, e) = utf16_range(text, "موسكو");
    ok(tag(&mut a, &doc, s, e, "LOC"));
    let report: serde_json::Value = read(&ok(exchange::corpus_report(&a.export_bytes()))).unwrap();
    let finding = &report["findings"][0];
    assert_eq!(finding["kind"], "untagged", "{report}");
    let tagged = &finding["places"][0];
    assert_eq!((tagged["start"].as_u64(), tagged["end"].as_u64()), (Some(s as u64), Some(e as u64)));
    let spot = &finding["fixes"][0]["suggest"]["spots"][0];
    let second = text.rfind("موسكو").unwrap();
    let at = text[..second].encode_utf16().count() as u64;
    assert_eq!(spot["start"].as_u64(), Some(at), "{spot}");
    let spots = finding["fixes"][0]["suggest"]["spots"].clone();
    let out = ok(apply(&mut a, serde_json::json!({ "suggest": { "spots": spots } })));
    assert_eq!(get(&out, "count").as_f64(), Some(1.0));
    let shown: serde_json::Value = read(&ok(a.suggestions(&doc))).unwrap();
    assert_eq!((shown[0]["start"].as_u64(), shown[0]["text"].as_str()), (Some(at), Some("موسكو")));
    // Refused by its code when the workspace is not an export.
    assert!(err(exchange::corpus_report(b"{}")).contains("not an Alama export"));
}
