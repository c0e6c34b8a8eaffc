//! A workspace kept and brought back: its [`Snapshot`] (everything, undo history included),
//! the journal records that rebuild it from nothing, and [`Workspace::restore`], the last
//! snapshot plus the journal since, replayed through the one change path.

use super::{DocState, Workspace};
use crate::annotations::journal::{Record, RestoreReport, SPANS_PER_RECORD, Snapshot, Status};
use crate::error::{Error, RestoreProblem};

impl Workspace {
    /// The journal records that rebuild this whole workspace on replay: the labels and
    /// annotator, then each document's text, status and spans (in parts), so that no one
    /// record has to hold everything.
    pub(crate) fn records_of_everything(&self) -> Vec<Record> {
        let mut records = vec![Record::Replace {
            snapshot: Snapshot { labels: self.labels.clone(), annotator: self.annotator.clone(), documents: vec![] },
        }];
        for d in &self.docs {
            let doc = d.doc.id.clone();
            records.push(Record::Open { id: doc.clone(), name: d.doc.name.clone(), text: d.doc.text().into() });
            if d.status != Status::default() {
                records.push(Record::Status { doc: doc.clone(), status: d.status });
            }
            let mut spans = d.spans.iter().cloned().peekable();
            while spans.peek().is_some() {
                records.push(Record::Spans { doc: doc.clone(), spans: spans.by_ref().take(SPANS_PER_RECORD).collect() });
            }
        }
        records
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            labels: self.labels.clone(),
            annotator: self.annotator.clone(),
            documents: self.docs.iter().map(DocState::snapshot).collect(),
        }
    }

    pub fn from_snapshot(snapshot: Snapshot) -> Result<Workspace, Error> {
        let docs = snapshot.documents.into_iter().map(DocState::from_snapshot).collect::<Result<Vec<_>, _>>()?;
        let mut ws = Workspace::from_parts(snapshot.labels, docs);
        ws.annotator = snapshot.annotator;
        Ok(ws)
    }

    /// Rebuilds a workspace from the stored snapshot (if any) and the journal since, as JSON
    /// text. Replay stops at the first record that cannot be read or applied; the report
    /// says how far it got. An unreadable snapshot is refused whole.
    pub fn restore(snapshot: Option<&str>, records: &[String]) -> Result<(Workspace, RestoreReport), Error> {
        let mut ws = match snapshot {
            Some(json) => Workspace::from_snapshot(Snapshot::from_json(json)?)?,
            None => Workspace::new(),
        };
        let total = records.len();
        let mut report = RestoreReport { applied: 0, total, problem: None };
        for (i, json) in records.iter().enumerate() {
            if let Err(error) = Record::from_json(json).and_then(|r| ws.replay(r)) {
                report.problem = Some(RestoreProblem::Replay { at: i + 1, total, error: Box::new(error) }.into());
                break;
            }
            report.applied += 1;
        }
        Ok((ws, report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::labels::Label;
    use proptest::prelude::*;

    const TEXT: &str = "😀 وصل كيم جونغ أون إلى موسكو، والتقى فلاديمير بوتين.";

    fn state(ws: &Workspace) -> String {
        serde_json::to_string(&ws.snapshot()).unwrap()
    }

    /// Journal records survive JSON, replay onto the last snapshot and give the same state.
    fn restored(snapshot: &Snapshot, records: &[Record]) -> Workspace {
        let stored: Vec<String> = records.iter().map(Record::to_json).collect();
        let (ws, report) = Workspace::restore(Some(&snapshot.to_json()), &stored).unwrap();
        assert_eq!(report, RestoreReport { applied: records.len(), total: records.len(), problem: None });
        ws
    }

    #[derive(Debug, Clone)]
    enum Step {
        Open,
        Tag(usize, usize, usize),
        Relabel(usize, usize),
        Remove(usize),
        Undo,
        Redo,
        Annotator(u8),
        Snapshot,
        Import,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            Just(Step::Open),
            (0usize..50, 0usize..50, 0usize..4).prop_map(|(a, b, l)| Step::Tag(a, b, l)),
            (0usize..6, 0usize..4).prop_map(|(i, l)| Step::Relabel(i, l)),
            (0usize..6).prop_map(Step::Remove),
            Just(Step::Undo),
            Just(Step::Redo),
            (0u8..3).prop_map(Step::Annotator),
            Just(Step::Snapshot),
            Just(Step::Import),
        ]
    }

    proptest! {
        /// Whatever the sequence of changes, and wherever snapshots were taken, the last
        /// snapshot plus the journal since restores exactly the live state, undo history
        /// included (checked by undoing everything on both sides).
        #[test]
        fn snapshot_plus_journal_restores_everything(steps in prop::collection::vec(step(), 1..40)) {
            const LABELS: [&str; 4] = ["PER", "LOC", "WEA", "EVT"];
            let mut ws = Workspace::new();
            let mut snapshot = ws.snapshot();
            let mut journal = vec![];
            let mut doc: Option<String> = None;
            for step in steps {
                let d = doc.clone().unwrap_or_default();
                let nth = |ws: &Workspace, i: usize| ws.doc(&d).ok().and_then(|s| s.spans.iter().nth(i).map(|s| s.id));
                match step {
                    Step::Open => doc = ws.open_file("a.txt", TEXT.as_bytes()).ok(),
                    Step::Tag(a, b, l) => { let _ = ws.tag(&d, a, b, LABELS[l]); }
                    Step::Relabel(i, l) => if let Some(id) = nth(&ws, i) { let _ = ws.relabel(&d, id, LABELS[l]); },
                    Step::Remove(i) => if let Some(id) = nth(&ws, i) { ws.remove(&d, id).unwrap(); },
                    Step::Undo => { let _ = ws.undo(&d); }
                    Step::Redo => { let _ = ws.redo(&d); }
                    Step::Annotator(n) => {
                        ws.set_annotator(["", "amal", "omar"].get(n as usize).copied());
                        let _ = ws.set_status(&d, [Status::New, Status::InProgress, Status::Done][n as usize % 3]);
                    }
                    Step::Snapshot => {
                        journal.extend(ws.take_journal());
                        snapshot = ws.snapshot();
                        journal.clear();
                    }
                    Step::Import => {
                        let copy = crate::exchange::formats::canonical::from_json("x.json", &crate::exchange::formats::canonical::to_json(&ws)).unwrap();
                        ws.replace_with(copy).unwrap();
                        doc = ws.documents().first().map(|d| d.doc.id.clone());
                    }
                }
                journal.extend(ws.take_journal());
            }
            let mut back = restored(&snapshot, &journal);
            prop_assert_eq!(state(&back), state(&ws));
            for d in ws.documents().iter().map(|d| d.doc.id.clone()).collect::<Vec<_>>() {
                while ws.undo(&d).unwrap().is_some() {
                    prop_assert!(back.undo(&d).unwrap().is_some());
                    prop_assert_eq!(state(&back), state(&ws));
                }
                prop_assert!(back.undo(&d).unwrap().is_none());
            }
        }
    }

    #[test]
    fn label_sets_are_checked_journaled_and_replayed() {
        let mut ws = Workspace::new();
        let mut labels = ws.labels().to_vec();
        labels[0].names.en = "Human".into();
        labels[1].color = "#123456".into();
        labels.push(Label {
            id: "ORG".into(),
            names: crate::annotations::labels::LabelNames { ar: "منظمة".into(), en: "Organisation".into() },
            color: "#0072B2".into(),
        });
        ws.set_labels(labels.clone()).unwrap();
        let mut back = Workspace::new();
        for r in ws.take_journal() {
            back.replay(r).unwrap();
        }
        assert_eq!(back.labels(), labels.as_slice());
        let without_per = labels[1..].to_vec();
        assert!(ws.set_labels(without_per).unwrap_err().to_string().contains("“PER” cannot be removed"));
        let mut bad = labels.clone();
        bad[4].id = "1X".into();
        assert!(ws.set_labels(bad).unwrap_err().to_string().contains("not a valid label id"));
        let mut twice = labels.clone();
        twice.push(labels[0].clone());
        assert!(ws.set_labels(twice).unwrap_err().to_string().contains("appears twice"));
        assert_eq!(ws.labels(), labels.as_slice());
    }

    #[test]
    fn spans_carry_the_annotator_and_a_broken_journal_is_reported() {
        let mut ws = Workspace::new();
        ws.set_annotator(Some("  أمل "));
        let doc = ws.open_file("a.txt", TEXT.as_bytes()).unwrap();
        let id = ws.tag(&doc, 2, 5, "PER").unwrap();
        assert_eq!(ws.doc(&doc).unwrap().spans.get(id).unwrap().annotator.as_deref(), Some("أمل"));
        let records = ws.take_journal();
        assert_eq!(records.len(), 3);
        let mut other = Workspace::new();
        let err = other.replay(records[2].clone()).unwrap_err();
        assert_eq!(err, Error::UnknownDocument { document: "a".into() });
        let mut twice = Workspace::new();
        twice.replay(records[1].clone()).unwrap();
        assert!(twice.replay(records[1].clone()).unwrap_err().to_string().contains("opened twice"));
    }

    #[test]
    fn records_tagged_inside_by_earlier_versions_still_restore() {
        let mut ws = Workspace::new();
        let doc = ws.open_file("a.txt", TEXT.as_bytes()).unwrap();
        ws.tag(&doc, 2, 5, "PER").unwrap();
        ws.set_status(&doc, Status::Done).unwrap();
        let records = ws.take_journal();
        assert!(records[0].to_json().starts_with(r#"{"open":{"#), "{}", records[0].to_json());
        // What the journal held before records were tagged outside, byte for byte.
        let legacy = [
            format!(r#"{{"type":"open","id":"a","name":"a.txt","text":{}}}"#, serde_json::to_string(TEXT).unwrap()),
            r#"{"type":"edit","doc":"a","edit":{"Add":{"id":1,"label":"PER","start":2,"end":5}}}"#.to_string(),
            r#"{"type":"status","doc":"a","status":"done"}"#.to_string(),
        ];
        for (old, new) in legacy.iter().zip(&records) {
            assert_eq!(&Record::from_json(old).unwrap(), new, "{old}");
        }
        let (back, report) = Workspace::restore(None, &legacy).unwrap();
        assert_eq!((report.applied, report.problem), (3, None));
        assert_eq!(state(&back), state(&ws));
    }

    #[test]
    fn restore_stops_at_the_first_bad_record_and_says_which() {
        let mut ws = Workspace::new();
        let doc = ws.open_file("a.txt", TEXT.as_bytes()).unwrap();
        ws.tag(&doc, 2, 5, "PER").unwrap();
        let mut stored: Vec<String> = ws.take_journal().iter().map(Record::to_json).collect();
        stored.insert(2, r#"{"type":"teleport"}"#.into());
        let (back, report) = Workspace::restore(None, &stored).unwrap();
        assert_eq!((report.applied, report.total), (2, 3));
        let problem = report.problem.unwrap().to_string();
        assert!(problem.starts_with("The saved work could not be restored: saved change 3 of 3 could not be replayed: The saved work could not be restored: a saved change is not readable (unknown variant `teleport`"), "{problem}");
        assert_eq!(back.doc(&doc).unwrap().spans.len(), 1, "what came before the bad record stands");
        let err = Workspace::restore(Some("{"), &[]).unwrap_err();
        assert!(err.to_string().starts_with("The saved work could not be restored: the saved workspace is not readable (EOF"), "{err}");
    }

    #[test]
    fn an_import_is_journaled_in_parts_that_replay_to_the_same_workspace() {
        let mut source = Workspace::new();
        let doc = source.open_file("long.txt", "بوتين في موسكو. ".repeat(4_500).as_bytes()).unwrap();
        for k in 0..4_500 {
            source.tag(&doc, 16 * k, 16 * k + 5, "PER").unwrap();
        }
        source.set_status(&doc, Status::Done).unwrap();
        let imported =
            crate::exchange::formats::canonical::from_json("x.json", &crate::exchange::formats::canonical::to_json(&source)).unwrap();
        let mut ws = Workspace::new();
        ws.set_annotator(Some("amal"));
        let before: Vec<String> = ws.take_journal().iter().map(Record::to_json).collect();
        ws.replace_with(imported).unwrap();
        let mut parts = vec![];
        while let Some(r) = ws.take_journal_record() {
            parts.push(r);
        }
        let kinds: Vec<&str> = parts
            .iter()
            .map(|r| match r {
                Record::Replace { .. } => "replace",
                Record::Open { .. } => "open",
                Record::Status { .. } => "status",
                Record::Spans { spans, .. } => {
                    if spans.len() == SPANS_PER_RECORD {
                        "spans"
                    } else {
                        "rest"
                    }
                }
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["replace", "open", "status", "spans", "spans", "rest"]);
        let stored: Vec<String> = before.into_iter().chain(parts.iter().map(Record::to_json)).collect();
        let (back, report) = Workspace::restore(None, &stored).unwrap();
        assert_eq!(report.problem, None);
        assert_eq!(state(&back), state(&ws));
        assert_eq!(back.annotator(), Some("amal"), "an import keeps the annotator's name");
        let outside = r#"{"spans":{"doc":"long","spans":[{"id":9999,"start":5,"end":999999,"label":"PER"}]}}"#;
        let mut again = back.clone();
        assert!(
            again.replay(Record::from_json(outside).unwrap()).unwrap_err().to_string().contains("span 9999 (5–999999) is outside its text")
        );
    }
}
