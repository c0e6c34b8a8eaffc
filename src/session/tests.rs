//! The session driven as the page drives it: intents with UTF-16 positions in, views with
//! UTF-16 positions out, refusals as coded errors that change nothing.

use super::view::{self, documents, span, span_index, span_rows, spans, spans_at_utf16, spans_in};
use super::*;
use crate::annotations::journal::Status;
use crate::annotations::spans::SpanId;
use crate::error::{ImportProblem, Place};
use crate::text::offsets::OffsetError;
use crate::text::segment::{Direction, Edge, Unit};

const SEED: &str = include_str!("../../seeds/000_7ae19593d920b671.txt");

fn session_with(name: &str, text: &str) -> (Session, String) {
    let mut s = Session::new();
    let out = s.apply(Intent::OpenFile { name: name.into(), bytes: text.as_bytes().to_vec() }).unwrap();
    let doc = out.document.unwrap();
    (s, doc)
}

/// `[start, end)` of the `nth` `needle` in `text`, in UTF-16 code units (what the DOM counts).
fn u16_range(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let b = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle}")).0;
    let s = text[..b].encode_utf16().count();
    (s, s + needle.encode_utf16().count())
}

fn tag(s: &mut Session, doc: &str, (start, end): (usize, usize), label: &str, snap: bool, strip_clitic: bool) -> Result<SpanId, Error> {
    let intent = Intent::Tag { doc: doc.into(), start, end, label: label.into(), snap, strip_clitic };
    s.apply(intent).map(|o| o.span.unwrap())
}

fn exact(s: &mut Session, doc: &str, range: (usize, usize), label: &str) -> Result<SpanId, Error> {
    tag(s, doc, range, label, false, false)
}

fn texts(s: &Session, doc: &str) -> Vec<(String, String)> {
    spans(s.workspace(), doc).unwrap().into_iter().map(|v| (v.text, v.label)).collect()
}

#[test]
fn range_queries_speak_utf16_and_cost_what_the_range_holds() {
    let text = "😀 بوتين في موسكو\n🇸🇦 ثم بيونغ يانغ";
    let (mut s, doc) = session_with("r.txt", text);
    let put = u16_range(text, "بوتين", 0);
    let a = exact(&mut s, &doc, put, "PER").unwrap();
    let b = exact(&mut s, &doc, u16_range(text, "موسكو", 0), "LOC").unwrap();
    let c = exact(&mut s, &doc, u16_range(text, "بيونغ يانغ", 0), "LOC").unwrap();
    let ws = s.workspace();
    let ids = |from, to| spans_in(ws, &doc, from, to).unwrap().iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(ids(0, put.0 + 1), [a]);
    assert_eq!(ids(put.1, u16_range(text, "موسكو", 0).0), Vec::<SpanId>::new());
    assert_eq!(ids(0, 1000), [a, b, c]);
    let flag = u16_range(text, "🇸🇦", 0).0;
    assert_eq!(ids(flag + 1, flag + 3), Vec::<SpanId>::new()); // inside a pair
    let rows = span_rows(ws, &doc, 1, 5).unwrap();
    assert_eq!(rows.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), ["موسكو", "بيونغ يانغ"]);
    assert_eq!((span_index(ws, &doc, c).unwrap(), span_index(ws, &doc, 99).unwrap()), (Some(2), None));
    assert_eq!(span(ws, &doc, b).unwrap().map(|s| s.start), Some(u16_range(text, "موسكو", 0).0));
    assert_eq!(span(ws, &doc, 99).unwrap(), None);
}

#[test]
fn utf16_in_code_points_out_with_astral_characters() {
    let text = "🇸🇦😀 لقاء 𝐀 بوتين";
    let (mut s, doc) = session_with("e.txt", text);
    // "بوتين" starts at UTF-16 unit 4 + 2 + 1 + 4 + 1 + 2 + 1 = 15, at code point 11.
    let u16_start = text.encode_utf16().count() - 5;
    assert_eq!(u16_start, 15);
    let id = exact(&mut s, &doc, (u16_start - 1, u16_start + 5), "PER").unwrap();
    let stored = s.workspace().doc(&doc).unwrap().spans.get(id).unwrap().clone();
    assert_eq!((stored.start, stored.end), (11, 16));
    let views = spans(s.workspace(), &doc).unwrap();
    assert_eq!((views[0].start, views[0].end, views[0].text.as_str()), (15, 20, "بوتين"));
    assert_eq!(spans_at_utf16(s.workspace(), &doc, 16).unwrap(), [id]);
    assert_eq!(exact(&mut s, &doc, (1, 3), "PER"), Err(Error::Offset { problem: OffsetError::InsideSurrogatePair { pos: 1 } }));
    let summary = &documents(s.workspace())[0];
    assert_eq!((summary.span_count, summary.counts[0].count, summary.can_undo), (1, 1, true));
}

#[test]
fn a_selection_is_snapped_cleaned_and_its_proclitic_decided_once() {
    let (mut s, doc) = session_with("seed.txt", SEED);
    // A sloppy selection inside “فلاديمير بوتين” widens to the two words.
    let (a, b) = u16_range(SEED, "فلاديمير بوتين", 0);
    let id = tag(&mut s, &doc, (a + 4, b - 2), "PER", true, false).unwrap();
    assert_eq!(span(s.workspace(), &doc, id).unwrap().unwrap().text, "فلاديمير بوتين");
    // Exact characters keep the selection, cleaned of the spaces around it.
    let id = tag(&mut s, &doc, (a - 1, a + 4), "EVT", false, false).unwrap();
    assert_eq!(span(s.workspace(), &doc, id).unwrap().unwrap().text, "فلاد");
    // Once بوتين is known, a “وبوتين” leaves its و out by itself.
    let later = SEED.match_indices("بوتين").map(|(b, _)| SEED[..b].encode_utf16().count()).find(|&u| u > b).unwrap();
    exact(&mut s, &doc, (later, later + 5), "PER").unwrap();
    let waw = SEED.find("وبوتين").map(|b| SEED[..b].encode_utf16().count()).unwrap();
    let id = tag(&mut s, &doc, (waw, waw + 6), "PER", true, false).unwrap();
    let shown = span(s.workspace(), &doc, id).unwrap().unwrap();
    assert_eq!(shown.text, "بوتين");
    assert_eq!(shown.clitic, Some((waw, waw + 1)));
    // Asked to, a proclitic of an unknown name is left out too.
    let bi = SEED.find("ببيونغ").map(|b| SEED[..b].encode_utf16().count()).unwrap();
    let id = tag(&mut s, &doc, (bi, bi + 11), "LOC", true, true).unwrap();
    assert_eq!(span(s.workspace(), &doc, id).unwrap().unwrap().text, "بيونغ يانغ");
}

#[test]
fn refusals_are_coded_and_change_nothing() {
    let (mut s, doc) = session_with("seed.txt", SEED);
    let putin = u16_range(SEED, "بوتين", 0);
    exact(&mut s, &doc, putin, "PER").unwrap();
    let before = s.workspace().snapshot();
    assert_eq!(exact(&mut s, &doc, putin, "PER"), Err(Error::Duplicate { label: "PER".into(), text: "بوتين".into() }));
    assert_eq!(exact(&mut s, &doc, putin, "ORG"), Err(Error::UnknownLabel { label: "ORG".into() }));
    assert_eq!(exact(&mut s, "nope", putin, "PER"), Err(Error::UnknownDocument { document: "nope".into() }));
    let space = u16_range(SEED, " ", 0);
    assert_eq!(exact(&mut s, &doc, space, "PER"), Err(Error::NothingToTag));
    let len = SEED.encode_utf16().count();
    assert!(matches!(exact(&mut s, &doc, (0, len + 1), "PER"), Err(Error::Offset { problem: OffsetError::OutOfRange { .. } })));
    let bad = s.apply(Intent::OpenFile { name: "bad.txt".into(), bytes: b"\xd9\x88\xff".to_vec() }).unwrap_err();
    assert_eq!(
        bad.to_string(),
        "Cannot open “bad.txt”: the file is not valid UTF-8 (invalid bytes at byte 2, line 1); save it as UTF-8 and open it again."
    );
    assert_eq!(serde_json::to_value(&bad).unwrap()["code"], "file");
    assert_eq!(s.workspace().snapshot(), before);
    assert_eq!(s.workspace().documents().len(), 1);
}

#[test]
fn relabel_remove_undo_redo_and_edges_answer_with_the_span_touched() {
    let (mut s, doc) = session_with("seed.txt", SEED);
    let id = exact(&mut s, &doc, u16_range(SEED, "كيم جونغ أون", 0), "PER").unwrap();
    let relabel = |s: &mut Session, label: &str| s.apply(Intent::Relabel { doc: doc.clone(), span: id, label: label.into() }).unwrap();
    assert_eq!(relabel(&mut s, "PER"), Outcome::unchanged());
    assert_eq!(relabel(&mut s, "LOC"), Outcome::span(id));
    let edge = Intent::MoveEdge { doc: doc.clone(), span: id, edge: Edge::End, unit: Unit::Char, direction: Direction::Backward };
    assert_eq!(s.apply(edge).unwrap(), Outcome::span(id));
    assert_eq!(texts(&s, &doc), [("كيم جونغ أو".to_string(), "LOC".to_string())]);
    assert_eq!(s.apply(Intent::Undo { doc: doc.clone() }).unwrap(), Outcome::span(id));
    assert_eq!(s.apply(Intent::Remove { doc: doc.clone(), span: id }).unwrap(), Outcome::default());
    assert!(texts(&s, &doc).is_empty());
    for _ in 0..3 {
        s.apply(Intent::Undo { doc: doc.clone() }).unwrap();
    }
    assert_eq!(s.apply(Intent::Undo { doc: doc.clone() }).unwrap(), Outcome::unchanged());
    assert_eq!(s.apply(Intent::Redo { doc: doc.clone() }).unwrap(), Outcome::span(id));
    // A dragged edge: the new start in UTF-16, cleaned; the same edges change nothing.
    let (a, b) = u16_range(SEED, "كيم جونغ أون", 0);
    assert_eq!(s.apply(Intent::Resize { doc: doc.clone(), span: id, start: a + 4, end: b + 1 }).unwrap(), Outcome::span(id));
    assert_eq!(texts(&s, &doc)[0].0, "جونغ أون");
    let same = s.apply(Intent::Resize { doc: doc.clone(), span: id, start: a + 4, end: b }).unwrap();
    assert!(same.unchanged);
    s.apply(Intent::SetStatus { doc: doc.clone(), status: Status::Done }).unwrap();
    assert_eq!(documents(s.workspace())[0].status, Status::Done);
}

#[test]
fn suggestions_are_found_accepted_and_rejected_by_key() {
    let (mut s, doc) = session_with("seed.txt", SEED);
    let id = exact(&mut s, &doc, u16_range(SEED, "بوتين", 0), "PER").unwrap();
    let found = s.apply(Intent::FindOccurrences { doc: doc.clone(), span: id, all_documents: false }).unwrap();
    assert_eq!(found, Outcome::count(6));
    let shown = view::suggestions(s.workspace(), &doc, s.suggestions()).unwrap();
    assert_eq!(shown.iter().map(|v| v.key).collect::<Vec<_>>(), [0, 1, 2, 3, 4, 5]);
    assert!(shown.iter().all(|v| v.text == "بوتين"));
    assert_eq!(s.apply(Intent::Reject { keys: vec![0] }).unwrap(), Outcome::count(1));
    assert_eq!(s.apply(Intent::Accept { keys: vec![0, 1] }).unwrap(), Outcome::count(2));
    assert_eq!(s.suggestions().len(), 3);
    assert_eq!(s.workspace().doc(&doc).unwrap().spans.len(), 3);
    // The accepted spans are one undo step.
    s.apply(Intent::Undo { doc: doc.clone() }).unwrap();
    assert_eq!(s.workspace().doc(&doc).unwrap().spans.len(), 1);
    // Pre-annotation suggests the session's entities and the word lists' entries.
    let list = "كيم جونغ أون\tPER\n".as_bytes().to_vec();
    assert_eq!(s.apply(Intent::ImportWordList { name: "names.tsv".into(), bytes: list }).unwrap(), Outcome::count(1));
    let n = s.apply(Intent::Preannotate { doc: doc.clone() }).unwrap().count.unwrap();
    let shown = view::suggestions(s.workspace(), &doc, s.suggestions()).unwrap();
    assert_eq!(shown.len(), n);
    assert!(shown.iter().any(|v| v.text == "كيم جونغ أون") && shown.iter().any(|v| v.text == "بوتين"));
    let bad = s.apply(Intent::ImportWordList { name: "bad.tsv".into(), bytes: "بوتين\tPLACE".as_bytes().to_vec() }).unwrap_err();
    assert!(matches!(bad, Error::Import { problem: ImportProblem::UnknownListLabel { .. }, .. }));
    assert_eq!(
        bad.to_string(),
        "Cannot import “bad.tsv”: line 1: there is no label “PLACE” (the labels are PER, LOC, WEA, EVT). Nothing was changed."
    );
}

#[test]
fn an_import_is_read_in_steps_then_waits_to_be_confirmed() {
    let (mut source, doc) = session_with("seed.txt", SEED);
    exact(&mut source, &doc, u16_range(SEED, "بوتين", 0), "PER").unwrap();
    let json = canonical::to_json(source.workspace());
    let (mut s, _) = session_with("other.txt", "نص آخر");
    s.apply(Intent::SetAnnotator { name: "amal".into() }).unwrap();
    assert_eq!(s.apply(Intent::CommitImport), Err(RequestProblem::NoCheckedImport.into()));
    assert!(!s.importing());
    s.apply(Intent::StartImport { file: "x.json".into(), bytes: json.clone().into_bytes() }).unwrap();
    assert!(s.importing(), "the page's background work waits while an import is read");
    assert_eq!(
        s.apply(Intent::StartImport { file: "y.json".into(), bytes: json.clone().into_bytes() }),
        Err(RequestProblem::ImportUnderWay { file: "x.json".into() }.into())
    );
    let mut steps = 0;
    let summary = loop {
        steps += 1;
        if let Some(summary) = s.import_step().unwrap() {
            break summary;
        }
    };
    assert!(steps > 2);
    assert!(!s.importing(), "read to its end, waiting for the person");
    assert_eq!(summary, ImportSummary { documents: 1, spans: 1 });
    assert_eq!(s.workspace().documents()[0].doc.name, "other.txt", "nothing changes before the commit");
    s.apply(Intent::CommitImport).unwrap();
    assert_eq!(texts(&s, "seed"), [("بوتين".to_string(), "PER".to_string())]);
    assert_eq!(s.workspace().annotator(), Some("amal"), "an import keeps the annotator's name");
    // A refused import ends the reading and changes nothing.
    let broken = json.replace("\"sha256\": \"", "\"sha256\": \"00");
    s.apply(Intent::StartImport { file: "bad.json".into(), bytes: broken.into_bytes() }).unwrap();
    let err = loop {
        match s.import_step() {
            Ok(None) => {}
            Ok(Some(_)) => panic!("a broken fingerprint was read"),
            Err(e) => break e,
        }
    };
    assert!(matches!(err, Error::Import { problem: ImportProblem::Sha256Mismatch { .. }, .. }), "{err}");
    assert!(!s.importing(), "a refusal ends the reading");
    assert_eq!(s.import_step(), Err(RequestProblem::NoImportBeingRead.into()));
    assert_eq!(texts(&s, "seed").len(), 1);
    // Bytes that are not UTF-8 are refused, and the reading ends.
    let mut bad = json.clone().into_bytes();
    bad[40] = 0xFF;
    s.apply(Intent::StartImport { file: "latin1.json".into(), bytes: bad }).unwrap();
    let err = s.import_step().unwrap_err();
    assert_eq!(err, Error::Import { file: "latin1.json".into(), at: Place::default(), problem: ImportProblem::NotUtf8 });
    assert_eq!(s.import_step(), Err(RequestProblem::NoImportBeingRead.into()));
    assert_eq!(texts(&s, "seed").len(), 1);
}

#[test]
fn intents_read_from_the_page_s_json_shape() {
    let intent: Intent =
        serde_json::from_str(r#"{"tag":{"doc":"d","start":1,"end":4,"label":"PER","snap":true,"stripClitic":true}}"#).unwrap();
    assert_eq!(intent, Intent::Tag { doc: "d".into(), start: 1, end: 4, label: "PER".into(), snap: true, strip_clitic: true });
    let intent: Intent =
        serde_json::from_str(r#"{"moveEdge":{"doc":"d","span":3,"edge":"end","unit":"word","direction":"backward"}}"#).unwrap();
    assert_eq!(intent, Intent::MoveEdge { doc: "d".into(), span: 3, edge: Edge::End, unit: Unit::Word, direction: Direction::Backward });
    let intent: Intent = serde_json::from_str(r#"{"setStatus":{"doc":"d","status":"in_progress"}}"#).unwrap();
    assert_eq!(intent, Intent::SetStatus { doc: "d".into(), status: Status::InProgress });
    assert_eq!(serde_json::from_str::<Intent>(r#""commitImport""#).unwrap(), Intent::CommitImport);
    assert!(serde_json::from_str::<Intent>(r#"{"teleport":{}}"#).is_err());
    assert!(serde_json::from_str::<Intent>(r#"{"undo":{"doc":"d","extra":1}}"#).is_err());
}

#[test]
fn a_restore_in_parts_shows_the_first_document_whole_and_holds_back_what_would_change_the_others() {
    let (mut s, a) = session_with("a.txt", SEED);
    let b = s.apply(Intent::OpenFile { name: "b.txt".into(), bytes: "سقط صاروخ على حلب".as_bytes().to_vec() }).unwrap().document.unwrap();
    while s.take_journal_record().is_some() {} // written before the parts
    let head = s.workspace().head_part();
    let parts = [(a.clone(), s.workspace().document_part(&a).unwrap()), (b.clone(), s.workspace().document_part(&b).unwrap())];
    s.take_unsaved();
    // A change after the parts were written, in the journal: replayed with its document.
    let kim = u16_range(SEED, "كيم", 0);
    exact(&mut s, &a, kim, "PER").unwrap();
    let entries: Vec<(u64, String)> = std::iter::from_fn(|| s.take_journal_record()).map(|r| (9, r.to_json())).collect();
    assert_eq!(s.take_unsaved().documents, std::slice::from_ref(&a));

    let mut back = Session::new();
    let start = back.begin_restore(&head, 8, entries).unwrap();
    assert_eq!(start, RestoreStart { order: vec![a.clone(), b.clone()], per_document: true });
    back.restore_document(&parts[0].1, 8).unwrap();
    assert_eq!(texts(&back, &a), [("كيم".to_string(), "PER".to_string())]);
    assert!(back.restoring());
    let refused = back.apply(Intent::OpenFile { name: "c.txt".into(), bytes: b"c".to_vec() });
    assert_eq!(refused, Err(RequestProblem::RestoreUnderWay.into()));
    back.restore_document(&parts[1].1, 8).unwrap();
    let report = back.finish_restore().unwrap();
    assert_eq!((report.applied, report.problem), (1, None));
    assert_eq!(back.workspace().snapshot(), s.workspace().snapshot());
    // The replayed change's document is written again at the next compaction.
    assert_eq!(back.take_unsaved().documents, std::slice::from_ref(&a));
    assert!(back.finish_restore().is_err());
}

#[test]
fn a_workspace_saved_by_earlier_versions_is_saved_again_in_parts() {
    let (mut s, _) = session_with("a.txt", SEED);
    let records: Vec<String> = std::iter::from_fn(|| s.take_journal_record()).map(|r| r.to_json()).collect();
    let mut back = Session::new();
    back.restore(Some(&s.workspace().snapshot().to_json()), &records[..0]).unwrap();
    assert!(back.workspace().everything_unsaved());
    let unsaved = back.take_unsaved();
    assert!(unsaved.everything && unsaved.head && unsaved.documents.len() == 1);
}

#[test]
fn corpus_fixes_are_one_undo_step_per_document_with_utf16_edges() {
    // An astral character first, so that UTF-16 and code points differ.
    let text = "😀 قال وبوتين ثم بوتين";
    let (mut s, a) = session_with("a.txt", text);
    let out = s.apply(Intent::OpenFile { name: "b.txt".into(), bytes: text.as_bytes().to_vec() }).unwrap();
    let b = out.document.unwrap();
    let x = exact(&mut s, &a, u16_range(text, "وبوتين", 0), "PER").unwrap();
    let y = exact(&mut s, &a, u16_range(text, "بوتين", 1), "LOC").unwrap();
    let z = exact(&mut s, &b, u16_range(text, "بوتين", 1), "LOC").unwrap();
    // Relabel all: two documents, one step each.
    let spans = vec![SpanAt { doc: a.clone(), span: y }, SpanAt { doc: b.clone(), span: z }];
    assert_eq!(s.apply(Intent::RelabelSpans { spans, label: "PER".into() }).unwrap().count, Some(2));
    assert_eq!(texts(&s, &b), [("بوتين".to_string(), "PER".to_string())]);
    // Align: وبوتين loses its و (the page's UTF-16 edges).
    let (start, end) = u16_range(text, "بوتين", 0);
    s.apply(Intent::ResizeSpans { spans: vec![EdgesAt { doc: a.clone(), span: x, start, end }] }).unwrap();
    assert_eq!(texts(&s, &a), [("بوتين".to_string(), "PER".to_string()), ("بوتين".to_string(), "PER".to_string())]);
    s.apply(Intent::Undo { doc: a.clone() }).unwrap();
    assert_eq!(texts(&s, &a)[0].0, "وبوتين");
    s.apply(Intent::Undo { doc: a.clone() }).unwrap();
    assert_eq!(texts(&s, &a)[1].1, "LOC");
    s.apply(Intent::Redo { doc: a.clone() }).unwrap();
    assert_eq!(texts(&s, &a)[1].1, "PER");
    // The rest as suggestions, then accepted as one step.
    s.apply(Intent::Remove { doc: b.clone(), span: z }).unwrap();
    let (start, end) = u16_range(text, "بوتين", 0);
    let spots = vec![SpotAt { doc: b.clone(), start, end, label: "PER".into() }];
    assert_eq!(s.apply(Intent::Suggest { spots }).unwrap().count, Some(1));
    let shown = view::suggestions(s.workspace(), &b, s.suggestions()).unwrap();
    assert_eq!((shown[0].start, shown[0].text.as_str()), (start, "بوتين"));
    assert!(s.suggestions()[0].clitic.is_some());
    // A refusal changes nothing: an unknown label, a span that is not there.
    let spots = vec![SpotAt { doc: b.clone(), start, end, label: "NOPE".into() }];
    assert!(matches!(s.apply(Intent::Suggest { spots }), Err(Error::UnknownLabel { .. })));
    assert_eq!(s.suggestions().len(), 1);
    let spans = vec![SpanAt { doc: a.clone(), span: x }, SpanAt { doc: a.clone(), span: 99 }];
    assert!(s.apply(Intent::RelabelSpans { spans, label: "LOC".into() }).is_err());
    assert_eq!(texts(&s, &a)[0].1, "PER");
}

#[test]
fn remote_changes_enter_by_the_same_path_as_keys() {
    let text = "😀 بوتين في موسكو";
    let (mut s, doc) = session_with("remote.txt", text);
    let (ps, pe) = u16_range(text, "بوتين", 0);
    let (ms, me) = u16_range(text, "موسكو", 0);
    let add = vec![RemoteSpan { start: ps, end: pe, label: "PER".into() }, RemoteSpan { start: ms, end: me, label: "LOC".into() }];
    let out = s.apply(Intent::ApplyRemote { doc: doc.clone(), add: add.clone(), remove: vec![] }).unwrap();
    assert_eq!(out.spans.len(), 2);
    assert_eq!(texts(&s, &doc), [("بوتين".into(), "PER".into()), ("موسكو".into(), "LOC".into())]);
    // The same spans again (a resync) are found, not doubled.
    let again = s.apply(Intent::ApplyRemote { doc: doc.clone(), add, remove: vec![] }).unwrap();
    assert_eq!(again.spans, out.spans);
    assert_eq!(spans(s.workspace(), &doc).unwrap().len(), 2);
    // Journaled like a key press, and one undo step.
    assert!(s.take_journal_record().is_some());
    s.apply(Intent::Undo { doc: doc.clone() }).unwrap();
    assert_eq!(spans(s.workspace(), &doc).unwrap().len(), 0);
    s.apply(Intent::Redo { doc: doc.clone() }).unwrap();
    // A removal by id; a second removal of the same span changes nothing.
    let remove = vec![out.spans[0]];
    s.apply(Intent::ApplyRemote { doc: doc.clone(), add: vec![], remove: remove.clone() }).unwrap();
    s.apply(Intent::ApplyRemote { doc: doc.clone(), add: vec![], remove }).unwrap();
    assert_eq!(texts(&s, &doc), [("موسكو".into(), "LOC".into())]);
    // A bad span (unknown label, inside a surrogate pair) refuses the whole change.
    let bad = vec![RemoteSpan { start: ps, end: pe, label: "PER".into() }, RemoteSpan { start: 1, end: 3, label: "PER".into() }];
    assert!(s.apply(Intent::ApplyRemote { doc: doc.clone(), add: bad, remove: vec![] }).is_err());
    let unknown = vec![RemoteSpan { start: ps, end: pe, label: "NOPE".into() }];
    assert!(s.apply(Intent::ApplyRemote { doc: doc.clone(), add: unknown, remove: vec![] }).is_err());
    assert_eq!(texts(&s, &doc), [("موسكو".into(), "LOC".into())]);
}

#[test]
fn a_remote_change_reads_from_the_page_as_json() {
    let intent: Intent =
        serde_json::from_str(r#"{"applyRemote":{"doc":"d","add":[{"start":0,"end":3,"label":"PER"}],"remove":[4]}}"#).unwrap();
    assert_eq!(
        intent,
        Intent::ApplyRemote { doc: "d".into(), add: vec![RemoteSpan { start: 0, end: 3, label: "PER".into() }], remove: vec![4] }
    );
}

#[test]
fn a_part_is_written_in_steps_and_started_again_after_a_change() {
    let long = SEED.repeat(60);
    let (mut s, doc) = session_with("long.txt", &long);
    let other = s.apply(Intent::OpenFile { name: "short.txt".into(), bytes: "نص قصير".as_bytes().to_vec() }).unwrap().document.unwrap();
    // The steps a part takes to the end, and the part.
    let whole = |s: &mut Session, doc: &str| {
        let mut steps = 1;
        loop {
            match s.part_step(doc).unwrap() {
                Some(part) => break (steps, part),
                None => steps += 1,
            }
        }
    };
    let (steps, part) = whole(&mut s, &doc);
    assert!(steps > 2, "{steps} steps");
    assert_eq!(part, s.workspace().document_part(&doc).unwrap());
    // Another document's part in between: the first is started again, each written whole.
    assert_eq!(s.part_step(&doc).unwrap(), None);
    assert_eq!(whole(&mut s, &other).1, s.workspace().document_part(&other).unwrap());
    assert_eq!(whole(&mut s, &doc), (steps, part));
    // A change in between: the part half written is dropped, and the one written holds it.
    assert_eq!(s.part_step(&doc).unwrap(), None);
    exact(&mut s, &doc, u16_range(&long, "بوتين", 0), "PER").unwrap();
    let (again, part) = whole(&mut s, &doc);
    assert_eq!(again, steps, "written from its start");
    assert_eq!(part, s.workspace().document_part(&doc).unwrap());
    assert!(String::from_utf8(part).unwrap().contains("\"label\":\"PER\""));
    assert_eq!(s.part_step("nope"), Err(Error::UnknownDocument { document: "nope".into() }));
}
