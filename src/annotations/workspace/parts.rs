//! The workspace kept in parts, so that saving costs the size of what changed: a [`Head`]
//! (labels, annotator, the documents' order) and one part per document (its
//! [`DocSnapshot`]), each stored with the journal sequence number it includes. Changes mark
//! what they touch ([`Unsaved`]); compaction writes only those parts. Restoring reads the
//! head, then the documents one by one, the open one first ([`Restoring`]): each document's
//! journal records are replayed as soon as its part is in, so it is whole at once, and
//! records of different documents never depend on each other.

use super::{DocState, Workspace, insert_saved};
use crate::annotations::journal::{DocSnapshot, Record, RestoreReport};
use crate::annotations::labels::Label;
use crate::annotations::spans::SpanSet;
use crate::error::{Error, RestoreProblem};
use crate::text::document::Document;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What is shared by every document: the first part written and read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub labels: Vec<Label>,
    pub annotator: Option<String>,
    /// The documents' ids, in the list's order.
    pub order: Vec<String>,
}

/// The parts changed since they were last taken for saving.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Unsaved {
    /// Everything was replaced (an import): every part is written again and the old ones go.
    pub everything: bool,
    pub head: bool,
    /// Their ids, sorted (a sorted list rather than a set: the Wasm module carries no tree).
    pub documents: Vec<String>,
}

impl Unsaved {
    pub fn is_empty(&self) -> bool {
        !self.everything && !self.head && self.documents.is_empty()
    }

    fn add(&mut self, doc: &str) {
        if let Err(at) = self.documents.binary_search_by(|d| d.as_str().cmp(doc)) {
            self.documents.insert(at, doc.to_owned());
        }
    }

    /// Marks what `record` changes.
    pub(super) fn note(&mut self, record: &Record) {
        match record {
            Record::Replace { .. } => self.everything = true,
            Record::Open { id, .. } => {
                self.head = true;
                self.add(id);
            }
            Record::Edit { doc, .. }
            | Record::Undo { doc }
            | Record::Redo { doc }
            | Record::Spans { doc, .. }
            | Record::Status { doc, .. } => {
                self.add(doc);
            }
            Record::Annotator { .. } | Record::Labels { .. } => self.head = true,
        }
    }

    fn merge(&mut self, other: Unsaved) {
        self.everything |= other.everything;
        self.head |= other.head;
        for doc in &other.documents {
            self.add(doc);
        }
    }
}

/// A journal record as stored, with its sequence number.
pub type Entry = (u64, String);

/// A restore under way: the head is in, documents come one at a time.
#[derive(Debug, Default)]
pub struct Restoring {
    order: Vec<String>,
    /// Journal records not replayed yet, by sequence number.
    pending: Vec<(u64, Record)>,
    /// False when a record changes what every document depends on (the labels, or
    /// everything): then all records wait until every document is in, and replay in order.
    per_document: bool,
    report: RestoreReport,
}

impl Restoring {
    /// Whether each document is whole as soon as its part is in (see `per_document`).
    pub fn per_document(&self) -> bool {
        self.per_document
    }

    /// The documents the head lists, in order.
    pub fn order(&self) -> &[String] {
        &self.order
    }
}

impl Workspace {
    /// What changed since the last call; when everything did, every document is listed.
    pub fn take_unsaved(&mut self) -> Unsaved {
        let mut unsaved = std::mem::take(&mut self.unsaved);
        if unsaved.everything {
            unsaved.head = true;
            unsaved.documents = self.docs.iter().map(|d| d.doc.id.clone()).collect();
        }
        unsaved
    }

    /// Gives back parts that were taken but could not be written.
    pub fn mark_unsaved(&mut self, unsaved: Unsaved) {
        self.unsaved.merge(unsaved);
    }

    pub fn everything_unsaved(&self) -> bool {
        self.unsaved.everything
    }

    /// Marks every part as changed (a workspace restored from the older, single snapshot).
    pub fn mark_all_unsaved(&mut self) {
        self.unsaved.everything = true;
    }

    pub fn head(&self) -> Head {
        Head { labels: self.labels.clone(), annotator: self.annotator.clone(), order: self.docs.iter().map(|d| d.doc.id.clone()).collect() }
    }

    pub fn head_part(&self) -> Vec<u8> {
        serde_json::to_vec(&self.head()).unwrap_or_default()
    }

    /// Document `id`'s part: its snapshot, undo history included, as JSON (written whole;
    /// [`Workspace::part_writer`] writes it a piece at a time).
    pub fn document_part(&self, id: &str) -> Result<Vec<u8>, Error> {
        let mut writer = self.part_writer(id)?;
        loop {
            if let Some(part) = writer.step(self)? {
                return Ok(part);
            }
        }
    }

    /// Starts restoring from a head part (written with sequence number `head_seq`) and the
    /// journal entries stored after the parts were written, in the order they were written. The documents follow, with
    /// [`Workspace::restore_document`]; [`Workspace::finish_restore`] ends it.
    pub fn begin_restore(head: &[u8], head_seq: u64, entries: Vec<Entry>) -> Result<(Workspace, Restoring), Error> {
        let head: Head = from_bytes(head).map_err(|detail| RestoreProblem::SnapshotUnreadable { detail })?;
        let mut ws = Workspace::from_parts(head.labels, vec![]);
        ws.annotator = head.annotator;
        let total = entries.len();
        let mut restoring = Restoring {
            order: head.order,
            per_document: true,
            report: RestoreReport { applied: 0, total, problem: None },
            ..Restoring::default()
        };
        for (i, (seq, json)) in entries.into_iter().enumerate() {
            match Record::from_json(&json) {
                Ok(record) => restoring.pending.push((seq, record)),
                Err(error) => {
                    // Replay stops where the journal stops being readable.
                    restoring.report.problem = Some(RestoreProblem::Replay { at: i + 1, total, error: Box::new(error) }.into());
                    break;
                }
            }
        }
        restoring.pending.retain(|(seq, record)| record_doc(record).is_some() || *seq > head_seq);
        restoring.per_document = !restoring.pending.iter().any(|(_, r)| matches!(r, Record::Labels { .. } | Record::Replace { .. }));
        if restoring.per_document {
            // The annotator's name depends on nothing and nothing depends on it.
            let names: Vec<Record> = extract(&mut restoring.pending, |r| matches!(r, Record::Annotator { .. }));
            for record in names {
                ws.replay_counted(record, &mut restoring);
            }
        }
        Ok((ws, restoring))
    }

    /// Adds one document from its part (written with sequence number `seq`), then replays
    /// the journal records written after it for that document.
    pub fn restore_document(&mut self, restoring: &mut Restoring, part: &[u8], seq: u64) -> Result<(), Error> {
        let snap: DocSnapshot =
            from_bytes(part).map_err(|detail| RestoreProblem::DocumentUnreadable { document: part_id(part), detail })?;
        if self.doc(&snap.id).is_ok() {
            return Err(RestoreProblem::OpenedTwice { document: snap.id }.into());
        }
        let id = snap.id.clone();
        let state = DocState::from_snapshot(snap)?;
        self.places.insert(id.clone(), self.docs.len());
        self.docs.push(state);
        restoring.pending.retain(|(s, r)| record_doc(r) != Some(&id) || *s > seq);
        if restoring.per_document {
            let own: Vec<Record> = extract(&mut restoring.pending, |r| record_doc(r) == Some(&id));
            for record in own {
                self.replay_counted(record, restoring);
            }
        }
        Ok(())
    }

    /// Replays what is left (documents opened after the parts were written, or every record
    /// when they had to wait), and puts the documents in the list's order.
    pub fn finish_restore(&mut self, mut restoring: Restoring) -> RestoreReport {
        for (_, record) in std::mem::take(&mut restoring.pending) {
            self.replay_counted(record, &mut restoring);
        }
        // In the head's order; documents it does not list (opened after it) follow.
        let mut placed: Vec<Option<DocState>> = std::iter::repeat_with(|| None).take(restoring.order.len()).collect();
        let mut after = vec![];
        let rank: HashMap<String, usize> = restoring.order.iter().enumerate().map(|(i, id)| (id.clone(), i)).collect();
        for d in std::mem::take(&mut self.docs) {
            match rank.get(&d.doc.id) {
                Some(&i) => placed[i] = Some(d),
                None => after.push(d),
            }
        }
        // The order itself is saved with the head when documents were opened after it.
        self.unsaved.head |= !after.is_empty();
        self.docs = placed.into_iter().flatten().chain(after).collect();
        self.places = self.docs.iter().enumerate().map(|(i, d)| (d.doc.id.clone(), i)).collect();
        restoring.report
    }

    /// Replays one record unless replay has stopped; a record replayed leaves its part to
    /// be written again, so that compaction can drop the journal it came from.
    fn replay_counted(&mut self, record: Record, restoring: &mut Restoring) {
        if restoring.report.problem.is_some() {
            return;
        }
        self.unsaved.note(&record);
        match self.replay(record) {
            Ok(()) => restoring.report.applied += 1,
            Err(error) => {
                let at = restoring.report.applied + 1;
                restoring.report.problem =
                    Some(RestoreProblem::Replay { at, total: restoring.report.total, error: Box::new(error) }.into());
            }
        }
    }
}

impl DocState {
    pub(crate) fn snapshot(&self) -> DocSnapshot {
        DocSnapshot {
            id: self.doc.id.clone(),
            name: self.doc.name.clone(),
            text: self.doc.text().into(),
            spans: self.spans.iter().cloned().collect(),
            next_id: self.spans.peek_next_id(),
            history: self.history.clone(),
            status: self.status,
        }
    }

    pub(crate) fn from_snapshot(d: DocSnapshot) -> Result<DocState, Error> {
        let doc = Document::new(d.id, d.name, d.text);
        let mut spans = SpanSet::new();
        insert_saved(&mut spans, doc.len_chars(), d.spans)?;
        spans.reserve_ids_below(d.next_id);
        Ok(DocState { history: d.history, status: d.status, ..DocState::new(doc, spans) })
    }
}

/// The document a record changes, if it changes one that a part can hold.
fn record_doc(record: &Record) -> Option<&str> {
    match record {
        Record::Edit { doc, .. } | Record::Undo { doc } | Record::Redo { doc } | Record::Spans { doc, .. } | Record::Status { doc, .. } => {
            Some(doc)
        }
        Record::Open { .. } | Record::Replace { .. } | Record::Annotator { .. } | Record::Labels { .. } => None,
    }
}

/// Takes the records that `pick` chooses out of `pending`, keeping their order.
fn extract(pending: &mut Vec<(u64, Record)>, pick: impl Fn(&Record) -> bool) -> Vec<Record> {
    let (picked, kept): (Vec<_>, Vec<_>) = std::mem::take(pending).into_iter().partition(|(_, r)| pick(r));
    *pending = kept;
    picked.into_iter().map(|(_, r)| r).collect()
}

/// The id an unreadable part says it is for, as far as it can be read, for the message.
fn part_id(part: &[u8]) -> String {
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    from_bytes::<Id>(part).map(|i| i.id).unwrap_or_else(|_| "?".into())
}

/// Reads a part's JSON. Through `str`, as every other JSON the core reads: a second reader
/// (`from_slice`) would make the Wasm module carry every deserializer twice.
fn from_bytes<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::journal::Status;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    const TEXTS: [&str; 3] = ["😀 وصل كيم جونغ أون إلى موسكو، والتقى فلاديمير بوتين.", "سقط صاروخ على حلب.", "بدأت القمة في الدوحة"];
    const LABELS: [&str; 4] = ["PER", "LOC", "WEA", "EVT"];

    /// The page's store, as state/store.js keeps it: a head, a part per document, each
    /// with the sequence number it includes, and the journal entries since.
    #[derive(Default)]
    struct Store {
        seq: u64,
        head: Option<(u64, Vec<u8>)>,
        parts: BTreeMap<String, (u64, Vec<u8>)>,
        journal: Vec<Entry>,
    }

    impl Store {
        /// What `persist` does after a change: everything written again after an import,
        /// otherwise the change's records appended.
        fn save(&mut self, ws: &mut Workspace) {
            let records = ws.take_journal();
            if ws.everything_unsaved() {
                ws.take_unsaved();
                self.seq += 1;
                self.head = Some((self.seq, ws.head_part()));
                self.parts = ws.documents().iter().map(|d| (d.doc.id.clone(), (self.seq, ws.document_part(&d.doc.id).unwrap()))).collect();
                self.journal.clear();
            } else {
                for r in records {
                    self.seq += 1;
                    self.journal.push((self.seq, r.to_json()));
                }
            }
        }

        /// What `compactSoon` does: the parts made out of date written, the journal they
        /// cover dropped.
        fn compact(&mut self, ws: &mut Workspace) {
            self.save(ws);
            let unsaved = ws.take_unsaved();
            let seq = self.seq;
            self.head = Some((seq, ws.head_part()));
            for id in &unsaved.documents {
                self.parts.insert(id.clone(), (seq, ws.document_part(id).unwrap()));
            }
            self.journal.retain(|(s, _)| *s > seq);
        }

        /// What `openWorkspace` does: the head, then document `first`, then the others.
        fn restore(&self, first: usize) -> (Workspace, RestoreReport) {
            let Some((head_seq, head)) = &self.head else {
                // Nothing written in parts yet: the journal alone, as earlier versions kept it;
                // the session then saves everything in parts (`Session::restore`).
                let records: Vec<String> = self.journal.iter().map(|(_, r)| r.clone()).collect();
                let (mut ws, report) = Workspace::restore(None, &records).unwrap();
                ws.mark_all_unsaved();
                return (ws, report);
            };
            let (mut ws, mut restoring) = Workspace::begin_restore(head, *head_seq, self.journal.clone()).unwrap();
            let mut ids: Vec<&String> = self.parts.keys().collect();
            if !ids.is_empty() {
                let k = first % ids.len();
                ids.swap(0, k);
            }
            for id in ids {
                let (seq, part) = &self.parts[id];
                ws.restore_document(&mut restoring, part, *seq).unwrap();
            }
            let report = ws.finish_restore(restoring);
            (ws, report)
        }
    }

    #[derive(Debug, Clone)]
    enum Step {
        Open(usize),
        Switch(usize),
        Tag(usize, usize, usize),
        Relabel(usize, usize),
        Remove(usize),
        Undo,
        Redo,
        Name(u8),
        Labels,
        Compact,
        Import,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0usize..3).prop_map(Step::Open),
            (0usize..5).prop_map(Step::Switch),
            (0usize..50, 0usize..50, 0usize..4).prop_map(|(a, b, l)| Step::Tag(a, b, l)),
            (0usize..6, 0usize..4).prop_map(|(i, l)| Step::Relabel(i, l)),
            (0usize..6).prop_map(Step::Remove),
            Just(Step::Undo),
            Just(Step::Redo),
            (0u8..3).prop_map(Step::Name),
            Just(Step::Labels),
            Just(Step::Compact),
            Just(Step::Compact),
            Just(Step::Import),
        ]
    }

    fn state(ws: &Workspace) -> String {
        serde_json::to_string(&ws.snapshot()).unwrap()
    }

    proptest! {
        /// Whatever the changes, wherever compaction wrote the parts it had made out of
        /// date, and whichever document is read first, the parts plus the journal since
        /// restore exactly the live state, the list's order and undo history included.
        #[test]
        fn parts_plus_journal_restore_everything(steps in prop::collection::vec(step(), 1..60), first in 0usize..5) {
            let mut ws = Workspace::new();
            let mut store = Store::default();
            let mut doc = String::new();
            for step in steps {
                let nth = |ws: &Workspace, i: usize| ws.doc(&doc).ok().and_then(|s| s.spans.iter().nth(i).map(|s| s.id));
                match step {
                    Step::Open(t) => if let Ok(id) = ws.open_file(&format!("n{t}.txt"), TEXTS[t].as_bytes()) { doc = id },
                    Step::Switch(i) => if let Some(d) = ws.documents().get(i) { doc = d.doc.id.clone() },
                    Step::Tag(a, b, l) => { let _ = ws.tag(&doc, a, b, LABELS[l]); }
                    Step::Relabel(i, l) => if let Some(id) = nth(&ws, i) { let _ = ws.relabel(&doc, id, LABELS[l]); },
                    Step::Remove(i) => if let Some(id) = nth(&ws, i) { ws.remove(&doc, id).unwrap(); },
                    Step::Undo => { let _ = ws.undo(&doc); }
                    Step::Redo => { let _ = ws.redo(&doc); }
                    Step::Name(n) => {
                        ws.set_annotator(["", "amal", "omar"].get(n as usize).copied());
                        let _ = ws.set_status(&doc, [Status::New, Status::InProgress, Status::Done][n as usize % 3]);
                    }
                    Step::Labels => {
                        let mut labels = ws.labels().to_vec();
                        labels[0].names.en = format!("{}!", labels[0].names.en);
                        ws.set_labels(labels).unwrap();
                    }
                    Step::Compact => store.compact(&mut ws),
                    Step::Import => {
                        let copy = crate::exchange::formats::canonical::from_json("x.json", &crate::exchange::formats::canonical::to_json(&ws)).unwrap();
                        ws.replace_with(copy).unwrap();
                        doc = ws.documents().first().map(|d| d.doc.id.clone()).unwrap_or_default();
                    }
                }
                store.save(&mut ws);
            }
            for d in ws.documents() {
                let part = ws.document_part(&d.doc.id).unwrap();
                prop_assert_eq!(part, serde_json::to_vec(&d.snapshot()).unwrap(), "a part written in pieces is its snapshot serialised whole");
            }
            let (mut back, report) = store.restore(first);
            prop_assert_eq!(report.problem, None);
            prop_assert_eq!(state(&back), state(&ws));
            for d in ws.documents().iter().map(|d| d.doc.id.clone()).collect::<Vec<_>>() {
                while ws.undo(&d).unwrap().is_some() {
                    prop_assert!(back.undo(&d).unwrap().is_some());
                }
                prop_assert!(back.undo(&d).unwrap().is_none());
                prop_assert_eq!(state(&back), state(&ws));
            }
            // What a restore replayed is written again at the next compaction, so the
            // journal it came from can go; restoring after that gives the same again.
            let mut again = Store { seq: store.seq, head: store.head.clone(), parts: store.parts.clone(), journal: store.journal.clone() };
            let (mut restored, _) = store.restore(first);
            again.compact(&mut restored);
            prop_assert!(again.journal.is_empty() || again.head.is_none());
            prop_assert_eq!(state(&again.restore(first + 1).0), state(&restored));
        }
    }

    #[test]
    fn a_change_marks_only_what_it_touches() {
        let mut ws = Workspace::new();
        let a = ws.open_file("a.txt", TEXTS[0].as_bytes()).unwrap();
        let b = ws.open_file("b.txt", TEXTS[1].as_bytes()).unwrap();
        let u = ws.take_unsaved();
        assert!(u.head && !u.everything && u.documents == [a.clone(), b.clone()]);
        ws.tag(&b, 0, 3, "WEA").unwrap();
        assert_eq!(ws.take_unsaved(), Unsaved { everything: false, head: false, documents: vec![b.clone()] });
        ws.set_annotator(Some("amal"));
        assert_eq!(ws.take_unsaved(), Unsaved { head: true, ..Unsaved::default() });
        let part = ws.document_part(&a).unwrap();
        assert!(part.len() < 400, "a part holds one document: {} bytes", part.len());
    }

    #[test]
    fn an_unreadable_part_is_refused_by_name() {
        let ws = Workspace::new();
        let (mut back, mut restoring) = Workspace::begin_restore(&ws.head_part(), 1, vec![]).unwrap();
        let err = back.restore_document(&mut restoring, br#"{"id":"news-1","name":3}"#, 1).unwrap_err();
        assert!(err.to_string().contains("the saved document “news-1” is not readable"), "{err}");
        assert!(Workspace::begin_restore(b"{", 1, vec![]).is_err());
    }
}
