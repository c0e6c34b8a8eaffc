//! The canonical JSON export, version 1 (documented in docs/export-format.md, schema in
//! docs/alama-export.schema.json): the label set and every document with its exact text,
//! the text's SHA-256 and its spans in Unicode code points, end exclusive, logical order.
//!
//! Import is all or nothing: the file is checked completely (shape, fingerprints, offsets,
//! span texts, labels) before a new workspace is built from it.

use crate::document::{sha256_hex, Document};
use crate::error::Error;
use crate::labels::{is_color, is_label_id, Label};
use crate::spans::{Span, SpanSet};
use crate::workspace::{DocState, Status, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const FORMAT: &str = "alama";
pub const VERSION: u64 = 1;
pub const OFFSETS: &str = "unicode-code-points";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    format: String,
    version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    offsets: Option<String>,
    labels: Vec<Label>,
    documents: Vec<DocV1>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocV1 {
    id: String,
    name: String,
    text: String,
    sha256: String,
    #[serde(default)]
    status: Status,
    spans: Vec<SpanV1>,
}

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

pub fn to_json(ws: &Workspace) -> String {
    let file = FileV1 {
        format: FORMAT.into(),
        version: VERSION,
        offsets: Some(OFFSETS.into()),
        labels: ws.labels().to_vec(),
        documents: ws
            .documents()
            .iter()
            .map(|d| DocV1 {
                id: d.doc.id.clone(),
                name: d.doc.name.clone(),
                text: d.doc.text().into(),
                sha256: d.doc.sha256().into(),
                status: d.status,
                spans: d
                    .spans
                    .iter()
                    .map(|s| SpanV1 {
                        id: s.id,
                        start: s.start,
                        end: s.end,
                        label: s.label.clone(),
                        text: d.doc.slice(s.start, s.end).unwrap_or_default().into(),
                        annotator: s.annotator.clone(),
                    })
                    .collect(),
            })
            .collect(),
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

pub fn from_json(file_name: &str, json: &str) -> Result<Workspace, Error> {
    let fail = |at: &str, problem: String| Error::Import { file: file_name.into(), at: at.into(), problem };

    let not_json = |e: serde_json::Error| fail("", format!("this is not valid JSON ({e})"));
    if !json.trim_start().starts_with('{') {
        serde_json::from_str::<serde::de::IgnoredAny>(json).map_err(not_json)?;
        return Err(fail("", "this is JSON but not an Alama export (the top level is not an object)".into()));
    }
    // Most files are valid exports: read them in one pass, and read the header apart only to
    // say why a file is not one.
    let file: FileV1 = match serde_json::from_str(json) {
        Ok(file) => file,
        Err(e) => {
            let header: Header = serde_json::from_str(json).map_err(not_json)?;
            match header.format {
                Some(Scalar::Text(f)) if f == FORMAT => {}
                Some(Scalar::Text(other)) => return Err(fail("format", format!("this is a “{other}” file, not an Alama export"))),
                _ => return Err(fail("", "this is JSON but not an Alama export (it has no \"format\": \"alama\" field)".into())),
            }
            match header.version {
                Some(Scalar::Whole(VERSION)) => {}
                Some(Scalar::Whole(v)) => return Err(fail("version", format!("version {v} is not supported; this Alama reads version {VERSION}"))),
                _ => return Err(fail("version", "missing or not a whole number".into())),
            }
            return Err(fail("", format!("the export is malformed ({e})")));
        }
    };
    if file.format != FORMAT {
        return Err(fail("format", format!("this is a “{}” file, not an Alama export", file.format)));
    }
    if file.version != VERSION {
        return Err(fail("version", format!("version {} is not supported; this Alama reads version {VERSION}", file.version)));
    }
    if let Some(unit) = file.offsets.as_deref().filter(|u| *u != OFFSETS) {
        return Err(fail("offsets", format!("offsets in “{unit}” are not supported; expected “{OFFSETS}”")));
    }

    let mut label_ids = HashSet::new();
    if file.labels.is_empty() {
        return Err(fail("labels", "the label set is empty".into()));
    }
    for (i, label) in file.labels.iter().enumerate() {
        if !is_label_id(&label.id) {
            return Err(fail(&format!("labels[{i}].id"), format!("“{}” is not a valid label id (letters, digits and _, starting with a letter)", label.id)));
        }
        if !is_color(&label.color) {
            return Err(fail(&format!("labels[{i}].color"), format!("“{}” is not a colour of the form #rrggbb", label.color)));
        }
        if !label_ids.insert(label.id.as_str()) {
            return Err(fail(&format!("labels[{i}].id"), format!("label “{}” appears twice", label.id)));
        }
    }

    let mut doc_ids = HashSet::new();
    let mut docs = Vec::with_capacity(file.documents.len());
    for (i, d) in file.documents.into_iter().enumerate() {
        let at = |field: &str| format!("documents[{i}].{field}");
        if d.id.is_empty() || !doc_ids.insert(d.id.clone()) {
            return Err(fail(&at("id"), format!("the document id “{}” is empty or used twice", d.id)));
        }
        let sha256 = sha256_hex(&d.text);
        if sha256 != d.sha256.to_ascii_lowercase() {
            return Err(fail(&at("sha256"), format!("does not match the text of “{}”: the text was changed after it was exported", d.name)));
        }
        let doc = Document::with_sha256(d.id, d.name, d.text, sha256);
        let mut spans = SpanSet::new();
        for (j, s) in d.spans.into_iter().enumerate() {
            let at = |field: &str| format!("documents[{i}].spans[{j}]{field}");
            if s.id == 0 {
                return Err(fail(&at(".id"), "span ids start at 1".into()));
            }
            if s.start >= s.end || s.end > doc.len_chars() {
                return Err(fail(&at(""), format!("offsets {}–{} are not inside the text (length {} code points)", s.start, s.end, doc.len_chars())));
            }
            let actual = doc.slice(s.start, s.end).unwrap_or_default();
            if actual != s.text {
                return Err(fail(&at(".text"), format!("is “{}” but the text at {}–{} is “{}”", s.text, s.start, s.end, actual)));
            }
            if !label_ids.contains(s.label.as_str()) {
                return Err(fail(&at(".label"), format!("“{}” is not in the file's label set", s.label)));
            }
            let (start, end, label) = (s.start, s.end, s.label.clone());
            spans.insert(Span { id: s.id, start, end, label: s.label, annotator: s.annotator }).map_err(|_| {
                fail(&at(""), format!("span id {} is used twice, or {start}–{end} is tagged {label} twice", s.id))
            })?;
        }
        docs.push(DocState { status: d.status, ..DocState::new(doc, spans) });
    }
    Ok(Workspace::from_parts(file.labels, docs))
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
