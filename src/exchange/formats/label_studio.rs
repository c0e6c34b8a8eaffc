//! Label Studio tasks JSON: a list of tasks, each with `data` (the text, plus the document's
//! id, name and SHA-256) and the spans as one annotation, or as one prediction for review,
//! in Label Studio's `labels` results (`value.start`/`end` in code points, `value.text`,
//! `value.labels`). [`labeling_config`] gives the matching labelling interface XML.
//!
//! The importer reads Label Studio's own exports (JSON, with their ids, timestamps, users,
//! several annotations, cancelled ones, other result types) and JSON-MIN. Results whose
//! `value.text` matches the text only in UTF-16 units (files from Label Studio before it
//! counted code points) are converted, with a note.

use crate::annotations::labels::Label;
use crate::annotations::workspace::Workspace;
use crate::error::{Error, ImportProblem as P, Place, Step, json_detail};
use crate::exchange::{Builder, Format, Imported, Note, NoteKind, TextExport, lost_label_set_and_annotators};
use crate::text::document::sha256_hex;
use crate::text::offsets::TextIndex;
use serde::Serialize;
use serde_json::{Map, Value};

/// Where the spans go in a task (export) or come from (import).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Target {
    #[default]
    Annotations,
    /// Predictions: Label Studio shows them pre-filled for an annotator to review.
    Predictions,
}

pub const FROM_NAME: &str = "label";
pub const TO_NAME: &str = "text";
pub const MODEL_VERSION: &str = "alama";

#[derive(Serialize)]
struct TaskOut<'a> {
    data: DataOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotations: Option<[ResultSet<'a>; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    predictions: Option<[ResultSet<'a>; 1]>,
}

#[derive(Serialize)]
struct DataOut<'a> {
    text: &'a str,
    doc_id: &'a str,
    name: &'a str,
    sha256: &'a str,
}

#[derive(Serialize)]
struct ResultSet<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    model_version: Option<&'a str>,
    result: Vec<RegionOut<'a>>,
}

#[derive(Serialize)]
struct RegionOut<'a> {
    id: String,
    from_name: &'a str,
    to_name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    origin: &'a str,
    value: ValueOut<'a>,
}

#[derive(Serialize)]
struct ValueOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: [&'a str; 1],
}

pub fn to_label_studio(ws: &Workspace, target: Target) -> TextExport {
    let origin = if target == Target::Annotations { "manual" } else { "prediction" };
    let tasks: Vec<TaskOut> = ws
        .documents()
        .iter()
        .map(|d| {
            let result = d
                .spans
                .iter()
                .map(|s| RegionOut {
                    id: format!("s{}", s.id),
                    from_name: FROM_NAME,
                    to_name: TO_NAME,
                    kind: "labels",
                    origin,
                    value: ValueOut {
                        start: s.start,
                        end: s.end,
                        text: d.doc.slice(s.start, s.end).unwrap_or_default(),
                        labels: [s.label.as_str()],
                    },
                })
                .collect();
            let data = DataOut { text: d.doc.text(), doc_id: &d.doc.id, name: &d.doc.name, sha256: d.doc.sha256() };
            match target {
                Target::Annotations => TaskOut { data, annotations: Some([ResultSet { model_version: None, result }]), predictions: None },
                Target::Predictions => {
                    TaskOut { data, annotations: None, predictions: Some([ResultSet { model_version: Some(MODEL_VERSION), result }]) }
                }
            }
        })
        .collect();
    // Strings and numbers always serialise.
    let text = serde_json::to_string_pretty(&tasks).unwrap_or_default() + "\n";
    TextExport { text, lost: lost_label_set_and_annotators(ws, Format::LabelStudio) }
}

fn xml_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The labelling interface for these tasks: paste it into the project's Labeling Setup.
pub fn labeling_config(labels: &[Label]) -> String {
    let mut xml = format!("<View>\n  <Labels name=\"{FROM_NAME}\" toName=\"{TO_NAME}\">\n");
    for l in labels {
        xml.push_str(&format!("    <Label value=\"{}\" background=\"{}\"/>\n", xml_attr(&l.id), xml_attr(&l.color)));
    }
    xml.push_str(&format!(
        "  </Labels>\n  <View style=\"direction: rtl\">\n    <Text name=\"{TO_NAME}\" value=\"${TO_NAME}\"/>\n  </View>\n</View>\n"
    ));
    xml
}

pub fn from_label_studio(file_name: &str, input: &str, source: Target) -> Result<Imported, Error> {
    let mut b = Builder::new(file_name);
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let value: Value = serde_json::from_str(input).map_err(|e| {
        let (line, column, detail) = json_detail(&e);
        b.fail(Place::none(), P::NotJson { line, column, detail })
    })?;
    let tasks = match value {
        Value::Array(tasks) => tasks,
        task @ Value::Object(_) => vec![task],
        _ => return Err(b.fail(Place::none(), P::LabelStudioNotTasks)),
    };
    for (i, task) in tasks.iter().enumerate() {
        let Value::Object(task) = task else {
            return Err(b.fail(Place(vec![Step::Task { task: i + 1 }]), P::LabelStudioTaskNotAnObject));
        };
        read_task(&mut b, i + 1, task, source)?;
    }
    if b.doc_count() == 0 {
        return Err(b.fail(Place::none(), P::LabelStudioNoTask));
    }
    Ok(b.finish())
}

/// Reads task number `number` (from 1).
fn read_task(b: &mut Builder, number: usize, task: &Map<String, Value>, source: Target) -> Result<(), Error> {
    let at = Place(vec![Step::Task { task: number }]);
    // The JSON-MIN export puts the data fields and the regions at the top level of a task.
    let data = match task.get("data") {
        Some(Value::Object(data)) => data,
        _ => task,
    };
    let text = match data.get("text") {
        Some(Value::String(text)) => text.clone(),
        _ => {
            let strings: Vec<&String> = data.values().filter_map(|v| if let Value::String(s) = v { Some(s) } else { None }).collect();
            match strings.as_slice() {
                [only] => (*only).clone(),
                _ => return Err(b.fail(at, P::LabelStudioNoText)),
            }
        }
    };
    let task_id = task.get("id").map(|v| v.as_str().map_or_else(|| v.to_string(), String::from));
    let id = match (data.get("doc_id").and_then(Value::as_str), &task_id) {
        (Some(id), _) => id.to_string(),
        (None, Some(n)) => format!("task-{n}"),
        (None, None) => String::new(),
    };
    if let Some(expected) = data.get("sha256").and_then(Value::as_str)
        && sha256_hex(&text) != expected.to_ascii_lowercase()
    {
        return Err(b.fail(at, P::TextChanged { id }));
    }
    let name = data.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
    let doc = b.document(&id, &name, text);
    let doc_id = b.doc_id(doc).to_string();
    let at = Place(vec![Step::TaskDocument { task: number, document: doc_id.clone() }]);

    let results: Vec<&Value> = if task.contains_key("data") {
        let key = match source {
            Target::Annotations if task.contains_key("annotations") => "annotations",
            Target::Annotations => "completions", // Label Studio before 1.0
            Target::Predictions => "predictions",
        };
        let sets: Vec<&Map<String, Value>> =
            task.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object).collect();
        let usable: Vec<&&Map<String, Value>> =
            sets.iter().filter(|a| a.get("was_cancelled").and_then(Value::as_bool) != Some(true)).collect();
        if usable.len() < sets.len() {
            b.note(Note::at(&doc_id, at.clone(), NoteKind::LabelStudioCancelled { count: sets.len() - usable.len() }));
        }
        if usable.len() > 1 {
            let first = usable[0].get("id").map(Value::to_string);
            b.note(Note::at(&doc_id, at.clone(), NoteKind::LabelStudioSeveral { count: usable.len(), key: key.into(), first }));
        }
        usable.first().and_then(|a| a.get("result")).and_then(Value::as_array).into_iter().flatten().collect()
    } else {
        // JSON-MIN: every list of regions with "labels" in them. A list that holds none (a
        // doccano record's "label": [[s, e, L]], say) is reported, not silently dropped.
        for (key, v) in task {
            if let Value::Array(items) = v
                && !items.is_empty()
                && !items.iter().any(|r| r.get("labels").is_some())
            {
                b.note(Note::at(&doc_id, at.clone(), NoteKind::LabelStudioFieldIgnored { field: key.clone() }));
            }
        }
        task.values().filter_map(Value::as_array).flatten().filter(|r| r.get("labels").is_some()).collect()
    };

    let index = TextIndex::new(b.doc_text(doc));
    let mut other = 0;
    let mut utf16 = 0;
    for (j, result) in results.iter().enumerate() {
        let value = result.get("value").unwrap_or(result);
        let rid = result.get("id").and_then(Value::as_str);
        let result_step = rid.map_or(Step::ResultNumber { number: j + 1 }, |r| Step::Result { id: r.into() });
        let place = at.clone().then(result_step);
        let (Some(start), Some(end), Some(labels)) = (
            value.get("start").and_then(Value::as_u64).and_then(|v| usize::try_from(v).ok()),
            value.get("end").and_then(Value::as_u64).and_then(|v| usize::try_from(v).ok()),
            value.get("labels").and_then(Value::as_array),
        ) else {
            other += 1;
            continue;
        };
        let (mut start, mut end) = (start, end);
        if let Some(expected) = value.get("text").and_then(Value::as_str) {
            let text = b.doc_text(doc);
            let by_chars = (start <= end).then(|| index.slice(text, start, end).ok()).flatten();
            if by_chars != Some(expected) {
                let by_utf16 = index.utf16_to_char(start).ok().zip(index.utf16_to_char(end).ok());
                match by_utf16 {
                    Some((s, e)) if s <= e && index.slice(text, s, e).ok() == Some(expected) => {
                        (start, end) = (s, e);
                        utf16 += 1;
                    }
                    _ => {
                        let actual = by_chars.unwrap_or("").into();
                        return Err(b.fail(place, P::LabelStudioTextMismatch { claimed: expected.into(), start, end, actual }));
                    }
                }
            }
        }
        let span_id = rid.and_then(|r| r.strip_prefix('s')).and_then(|n| n.parse().ok());
        for (k, label) in labels.iter().enumerate() {
            let Some(label) = label.as_str() else {
                return Err(b.fail(place, P::LabelStudioLabelsNotNames));
            };
            b.span(doc, &place, start, end, label, if k == 0 { span_id } else { None })?;
        }
    }
    if other > 0 {
        b.note(Note::at(&doc_id, at.clone(), NoteKind::LabelStudioOthersIgnored { count: other }));
    }
    if utf16 > 0 {
        b.note(Note::at(&doc_id, at, NoteKind::LabelStudioUtf16 { count: utf16 }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::test_util::{TEXT, clip_spans, triples, workspace};
    use proptest::prelude::*;

    #[test]
    fn annotations_and_predictions_round_trip() {
        let ws = workspace(&[
            ("a.txt", "😀 قال بوتين في موسكو", vec![(6, 11, "PER"), (15, 20, "LOC"), (6, 20, "EVT")]),
            ("b.txt", "نص", vec![]),
        ]);
        for target in [Target::Annotations, Target::Predictions] {
            let out = to_label_studio(&ws, target);
            assert!(out.lost.is_empty());
            let back = from_label_studio("ls.json", &out.text, target).unwrap();
            assert!(back.notes.is_empty(), "{:?}", back.notes);
            assert_eq!(triples(&back.workspace), triples(&ws));
            let value: Value = serde_json::from_str(&out.text).unwrap();
            let key = if target == Target::Annotations { "annotations" } else { "predictions" };
            assert_eq!(value[0][key][0]["result"][1]["value"]["text"], "بوتين");
            assert!(out.text.trim_start().starts_with("[\n  {\n    \"data\": {\n      \"text\""), "{}", out.text);
        }
        let config = labeling_config(ws.labels());
        assert!(config.contains("<Label value=\"PER\" background=\"#E69F00\"/>") && config.contains("value=\"$text\""));
    }

    #[test]
    fn reads_a_label_studio_export_with_its_extra_fields() {
        let input = r#"[{
          "id": 12, "created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-01T10:05:00Z", "project": 3,
          "inner_id": 1, "total_annotations": 2, "cancelled_annotations": 1, "file_upload": "abc-news.txt",
          "data": {"text": "👋 بوتين في موسكو"},
          "annotations": [
            {"id": 40, "completed_by": 2, "was_cancelled": true, "result": []},
            {"id": 41, "completed_by": {"id": 1, "email": "a@x"}, "was_cancelled": false, "ground_truth": false,
             "lead_time": 12.5, "result": [
               {"id": "Xy1aB2", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
                "value": {"start": 3, "end": 8, "text": "بوتين", "labels": ["PER"]}},
               {"id": "Qw9", "from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": 12, "end": 17, "text": "موسكو", "labels": ["LOC", "EVT"]}},
               {"id": "c1", "from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["neutral"]}}
             ]},
            {"id": 42, "result": []}
          ],
          "predictions": []
        }]"#;
        let got = from_label_studio("export.json", input, Target::Annotations).unwrap();
        assert_eq!(triples(&got.workspace)[0].0, "task-12");
        assert_eq!(triples(&got.workspace)[0].2, [(2, 7, "PER".into()), (11, 16, "LOC".into()), (11, 16, "EVT".into())]);
        // UTF-16 offsets converted, a cancelled annotation, a second annotation, a choice.
        assert_eq!(got.notes.len(), 4, "{:?}", got.notes);
    }

    #[test]
    fn a_doccano_record_read_as_label_studio_says_what_it_ignored() {
        let imported = from_label_studio("d.json", r#"{"text": "بوتين في موسكو", "label": [[0, 5, "PER"]]}"#, Target::Annotations).unwrap();
        assert!(
            imported.notes.iter().any(|n| n.to_string().contains("“label” is not a list of Label Studio regions")),
            "{:?}",
            imported.notes
        );
    }

    #[test]
    fn reads_json_min() {
        let input = r#"[{"text": "قال بوتين", "id": 5, "label": [{"start": 4, "end": 9, "text": "بوتين", "labels": ["PER"]}], "annotator": "a@x", "annotation_id": 9, "lead_time": 3.1}]"#;
        let got = from_label_studio("min.json", input, Target::Annotations).unwrap();
        assert_eq!(triples(&got.workspace)[0].2, [(4, 9, "PER".into())]);
    }

    #[test]
    fn errors_name_the_task_and_result() {
        let err = |input: &str| from_label_studio("f.json", input, Target::Annotations).unwrap_err().to_string();
        assert!(err("{").contains("not valid JSON"));
        assert!(err(r#"[{"data": {"a": 1}}]"#).contains("task 1: the task's data has no \"text\""));
        let e = err(
            r#"[{"data": {"text": "abc"}, "annotations": [{"result": [{"id": "r", "type": "labels", "value": {"start": 0, "end": 2, "text": "bc", "labels": ["PER"]}}]}]}]"#,
        );
        assert!(e.contains("task 1 (document “document-1”), result “r”: the result says “bc” but the text at 0–2 is “ab”"), "{e}");
        let e = err(
            r#"[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 9, "labels": ["PER"]}}]}]}]"#,
        );
        assert!(e.contains("offsets 0–9 are not inside the text"), "{e}");
    }

    proptest! {
        #[test]
        fn any_workspace_round_trips(text in TEXT, raw in prop::collection::vec((0usize..60, 1usize..12, 0usize..4), 0..10), predictions: bool) {
            let ws = workspace(&[("t.txt", &text, clip_spans(&text, &raw))]);
            let target = if predictions { Target::Predictions } else { Target::Annotations };
            let back = from_label_studio("t.json", &to_label_studio(&ws, target).text, target).unwrap();
            let ids = |w: &Workspace| w.documents()[0].spans.iter().map(|s| s.id).collect::<Vec<_>>();
            prop_assert_eq!(triples(&back.workspace), triples(&ws));
            prop_assert_eq!(ids(&back.workspace), ids(&ws));
        }
    }
}
