//! Annotate-all: every occurrence of an entity string in one document or in all of them,
//! found with the matching normalisation (`normalize`) and through proclitics (`clitics`),
//! offered as [`Suggestion`]s the annotator accepts or rejects. The same search run with
//! every entry of a [`Gazetteer`] pre-annotates a newly opened document.
//!
//! An occurrence starts at the start of a word, or inside a word right after a proclitic
//! reading of it (بوتين in وبوتين, with the و reported as the clitic), and ends at the end
//! of a word: بوتين is never found inside a longer word, nor الروسي inside الروسية.

use crate::annotations::spans::{SpanId, SpanSet};
use crate::annotations::suggestion::Suggestion;
use crate::annotations::workspace::{DocState, Workspace};
use crate::error::Error;
use crate::suggest::gazetteer::Gazetteer;
use crate::text::clitics::readings;
use crate::text::normalize::{Normalized, key};
use crate::text::segment::segments;
use std::collections::HashMap;

/// Where an entity string occurs in a text (code points, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub start: usize,
    pub end: usize,
    /// The proclitics between the word's start and `start`, left out of the occurrence.
    pub clitic: Option<(usize, usize)>,
}

/// Which documents to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    Document(&'a str),
    All,
}

struct Pattern {
    /// Normalised, with every run of white space as one space.
    chars: Vec<char>,
    label: String,
}

/// Entity strings indexed by their first normalised character.
struct Matcher {
    patterns: Vec<Pattern>,
    by_first: HashMap<char, Vec<usize>>,
}

impl Matcher {
    fn new<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut m = Matcher { patterns: vec![], by_first: HashMap::new() };
        for (text, label) in entries {
            let chars: Vec<char> = key(text).chars().collect();
            let Some(&first) = chars.first() else { continue };
            m.by_first.entry(first).or_default().push(m.patterns.len());
            m.patterns.push(Pattern { chars, label: label.into() });
        }
        m
    }

    /// Every (pattern, occurrence) in `text`.
    fn find(&self, text: &str) -> Vec<(usize, Occurrence)> {
        let mut out = vec![];
        if self.patterns.is_empty() {
            return out;
        }
        let norm = Normalized::new(text);
        let chars = norm.chars();
        let segs = segments(text);
        let bounds: Vec<usize> = segs.iter().map(|g| g.start).chain([norm.origin(norm.len())]).collect();
        let mut try_at = |r: usize, elided: bool, start: usize, clitic: Option<(usize, usize)>| {
            let (first, skip) = if elided { ('ا', 1) } else { (chars[r], 0) };
            for &p in self.by_first.get(&first).into_iter().flatten() {
                let pattern = &self.patterns[p].chars;
                if elided && pattern.get(1) != Some(&'ل') {
                    continue;
                }
                let Some(j) = match_at(chars, r, &pattern[skip..]) else { continue };
                // The end: the first boundary after the last matched character, before the
                // next character that is kept (ignored marks after it belong to it).
                let (lo, hi) = (norm.origin(j - 1) + 1, norm.origin(j));
                let k = bounds.partition_point(|&b| b < lo);
                if let Some(&end) = bounds.get(k).filter(|&&b| b <= hi) {
                    out.push((p, Occurrence { start, end, clitic }));
                }
            }
        };
        for seg in &segs {
            let n = norm.from_original(seg.start);
            if n >= chars.len() || norm.origin(n) >= seg.end {
                continue;
            }
            try_at(n, false, seg.start, None);
            if seg.is_word {
                let word_end = norm.from_original(seg.end);
                for (len, elided) in readings(&chars[n..word_end]) {
                    let r = n + len;
                    let start = norm.origin(r);
                    try_at(r, false, start, Some((seg.start, start)));
                    if elided {
                        try_at(r, true, start, Some((seg.start, start)));
                    }
                }
            }
        }
        out
    }
}

/// Matches `pattern` at normalised position `at`; a space in the pattern matches any run of
/// white space. Returns where the match ends.
fn match_at(chars: &[char], at: usize, pattern: &[char]) -> Option<usize> {
    let is_space = |j: usize| chars.get(j).is_some_and(|c| c.is_whitespace());
    let mut j = at;
    for &p in pattern {
        if p == ' ' {
            if !is_space(j) {
                return None;
            }
            while is_space(j) {
                j += 1;
            }
        } else if chars.get(j) == Some(&p) {
            j += 1;
        } else {
            return None;
        }
    }
    (j > at).then_some(j)
}

/// Every occurrence of `needle` in `text`, in reading order.
pub fn find_in_text(text: &str, needle: &str) -> Vec<Occurrence> {
    let mut found: Vec<Occurrence> = Matcher::new([(needle, "")]).find(text).into_iter().map(|(_, o)| o).collect();
    found.sort_by_key(|o| (o.start, o.end));
    found.dedup();
    found
}

/// Every occurrence of each of `needles` in `text`: (which needle, where), in no order.
pub fn find_each(text: &str, needles: &[&str]) -> Vec<(usize, Occurrence)> {
    let matcher = Matcher::new(needles.iter().map(|n| (*n, "")));
    // Matcher skips needles that normalise to nothing: map its pattern places back.
    let kept: Vec<usize> = needles.iter().enumerate().filter(|(_, n)| !key(n).is_empty()).map(|(i, _)| i).collect();
    matcher.find(text).into_iter().filter_map(|(p, o)| Some((*kept.get(p)?, o))).collect()
}

fn scoped<'w>(ws: &'w Workspace, scope: Scope) -> Result<Vec<&'w DocState>, Error> {
    match scope {
        Scope::Document(id) => Ok(vec![ws.doc(id)?]),
        Scope::All => Ok(ws.documents().iter().collect()),
    }
}

/// True when a span labelled `label` already covers `[start, end)` (the same extent, or a
/// larger one: a name inside a tagged longer name of the same label is not suggested).
fn covered(spans: &SpanSet, start: usize, end: usize, label: &str) -> bool {
    spans.overlapping(start, end).any(|s| s.label == label && s.start <= start && end <= s.end)
}

fn suggestions(matcher: &Matcher, docs: &[&DocState]) -> Vec<Suggestion> {
    let mut out = vec![];
    for d in docs {
        let mut found: Vec<Suggestion> = matcher
            .find(d.doc.text())
            .into_iter()
            .map(|(p, o)| (&matcher.patterns[p].label, o))
            .filter(|(label, o)| !covered(&d.spans, o.start, o.end, label))
            .filter_map(|(label, o)| {
                Some(Suggestion {
                    doc: d.doc.id.clone(),
                    start: o.start,
                    end: o.end,
                    label: label.clone(),
                    text: d.doc.slice(o.start, o.end)?.into(),
                    clitic: o.clitic,
                })
            })
            .collect();
        found.sort_by(|a, b| (a.start, b.end, &a.label).cmp(&(b.start, a.end, &b.label)));
        found.dedup_by(|a, b| (a.start, a.end, &a.label) == (b.start, b.end, &b.label));
        // A suggestion inside a longer one with the same label (كيم in كيم جونغ أون) goes.
        let inside = |s: &Suggestion| {
            found.iter().any(|o| o.label == s.label && o.start <= s.start && s.end <= o.end && (o.start, o.end) != (s.start, s.end))
        };
        let keep: Vec<bool> = found.iter().map(|s| !inside(s)).collect();
        out.extend(found.into_iter().zip(keep).filter_map(|(s, k)| k.then_some(s)));
    }
    out
}

/// Every occurrence of `needle` in the documents of `scope`, as suggestions labelled
/// `label`, in document then reading order; occurrences already covered by a span with
/// that label are left out.
pub fn occurrences_of_text(ws: &Workspace, needle: &str, label: &str, scope: Scope) -> Result<Vec<Suggestion>, Error> {
    if !ws.labels().iter().any(|l| l.id == label) {
        return Err(Error::UnknownLabel { label: label.into() });
    }
    Ok(suggestions(&Matcher::new([(needle, label)]), &scoped(ws, scope)?))
}

/// Annotate-all from span `span` of document `doc`: every other occurrence of its text in
/// the documents of `scope`, with its label.
pub fn occurrences_of_span(ws: &Workspace, doc: &str, span: SpanId, scope: Scope) -> Result<Vec<Suggestion>, Error> {
    let d = ws.doc(doc)?;
    let s = d.spans.get(span).ok_or(Error::UnknownSpan { span })?;
    let text = d.doc.slice(s.start, s.end).unwrap_or_default();
    occurrences_of_text(ws, text, &s.label, scope)
}

/// Pre-annotation: every entry of `gazetteer` found in document `doc`, with its label.
pub fn suggest_from_gazetteer(ws: &Workspace, doc: &str, gazetteer: &Gazetteer) -> Result<Vec<Suggestion>, Error> {
    let matcher = Matcher::new(gazetteer.entries().map(|e| (e.text.as_str(), e.label.as_str())));
    Ok(suggestions(&matcher, &[ws.doc(doc)?]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SEEDS: [(&str, &str); 5] = [
        ("000_7ae19593d920b671.txt", include_str!("../../seeds/000_7ae19593d920b671.txt")),
        ("001_5afa0f906a688b19.txt", include_str!("../../seeds/001_5afa0f906a688b19.txt")),
        ("002_7abe2e196db9e174.txt", include_str!("../../seeds/002_7abe2e196db9e174.txt")),
        ("003_2a6066abbc263e70.txt", include_str!("../../seeds/003_2a6066abbc263e70.txt")),
        ("004_6e0af8c5b51e59dc.txt", include_str!("../../seeds/004_6e0af8c5b51e59dc.txt")),
    ];

    fn seeds() -> (Workspace, Vec<String>) {
        let mut ws = Workspace::new();
        let ids = SEEDS.iter().map(|(name, text)| ws.open_file(name, text.as_bytes()).unwrap()).collect();
        (ws, ids)
    }

    fn slice(text: &str, (s, e): (usize, usize)) -> String {
        text.chars().skip(s).take(e - s).collect()
    }

    /// (needle, text, what is found: (occurrence, proclitic))
    type Row = (&'static str, &'static str, &'static [(&'static str, Option<&'static str>)]);

    fn texts(text: &str, found: &[Occurrence]) -> Vec<(String, Option<String>)> {
        found.iter().map(|o| (slice(text, (o.start, o.end)), o.clitic.map(|c| slice(text, c)))).collect()
    }

    #[test]
    fn every_putin_in_the_seeds_including_after_proclitics() {
        let (mut ws, ids) = seeds();
        // Tag the first بوتين of the first seed, then annotate all.
        let text = SEEDS[0].1;
        let b = text.find("بوتين").unwrap();
        let s = text[..b].chars().count();
        let id = ws.tag(&ids[0], s, s + 5, "PER").unwrap();
        let found = occurrences_of_span(&ws, &ids[0], id, Scope::All).unwrap();
        // (seed, occurrences besides the tagged one, of which after و, after ل)
        let expected = [(0, 6, 1, 0), (1, 15, 0, 1), (2, 9, 1, 1), (3, 3, 1, 0), (4, 2, 0, 0)];
        for (seed, count, waw, lam) in expected {
            let here: Vec<&Suggestion> = found.iter().filter(|s| s.doc == ids[seed]).collect();
            assert_eq!(here.len(), count, "seed {seed}");
            let clitic = |c: &str| here.iter().filter(|s| s.clitic.map(|r| slice(SEEDS[seed].1, r)).as_deref() == Some(c)).count();
            assert_eq!((clitic("و"), clitic("ل")), (waw, lam), "seed {seed}");
            for s in &here {
                assert_eq!(s.text, "بوتين");
                assert_eq!(slice(SEEDS[seed].1, (s.start, s.end)), "بوتين");
                assert_eq!(s.label, "PER");
                if let Some((a, b)) = s.clitic {
                    assert_eq!(b, s.start);
                    assert_eq!(b - a, 1);
                }
            }
        }
        assert!(!found.iter().any(|f| f.doc == ids[0] && f.start == s));
        // Only the tagged document.
        assert_eq!(occurrences_of_span(&ws, &ids[0], id, Scope::Document(&ids[0])).unwrap().len(), 6);
    }

    #[test]
    fn proclitic_forms_in_seed_sentences_and_names_that_start_like_them() {
        // (needle, a seed sentence piece, what is found in it: (occurrence, proclitic))
        let table: [Row; 10] = [
            ("بوتين", "عقد كيم وبوتين قمّة", &[("بوتين", Some("و"))]),
            ("بيونغ يانغ", "المتعلقة ببيونغ يانغ.", &[("بيونغ يانغ", Some("ب"))]),
            ("روسيا", "زيارة كيم لروسيا.", &[("روسيا", Some("ل"))]),
            ("كوريا الشمالية", "تتعلق بكوريا الشمالية. لكن", &[("كوريا الشمالية", Some("ب"))]),
            ("كيم", "بين بوتين وكيم ستنتهك", &[("كيم", Some("و"))]),
            ("الكرملين", "وفق ما أعلن الكرملين الخميس", &[("الكرملين", None)]),
            // Names that begin with proclitic letters are found whole.
            ("لافروف", "الأربعاء إن لافروف “سيزور", &[("لافروف", None)]),
            ("واشنطن", "مخاوف واشنطن وحلفائها", &[("واشنطن", None)]),
            // Never inside a longer word.
            ("الروسي", "وكالة تاس الروسية إن الزعيم", &[]),
            ("كوريا", "الزعيم الكوري الشمالي", &[]),
        ];
        for (needle, piece, expected) in table {
            assert!(SEEDS.iter().any(|(_, t)| t.contains(piece)), "{piece}");
            let found = find_in_text(piece, needle);
            let expected: Vec<(String, Option<String>)> = expected.iter().map(|(t, c)| (t.to_string(), c.map(String::from))).collect();
            assert_eq!(texts(piece, &found), expected, "{needle} in {piece}");
        }
    }

    #[test]
    fn constructed_proclitic_and_article_cases() {
        let table: [Row; 6] = [
            ("الكرملين", "قال فالكرملين وللكرملين", &[("الكرملين", Some("ف")), ("لكرملين", Some("ول"))]),
            ("القمة", "كالقمة والقمة", &[("القمة", Some("ك")), ("القمة", Some("و"))]),
            // The annotation trap of recogito #663: فيروس is not in الفيروس nor بالفيروس.
            ("فيروس", "الفيروس بالفيروس وفيروس فيروسات", &[("فيروس", Some("و"))]),
            ("سوخوي", "سوخوي-35 وسوخوي", &[("سوخوي", Some("و"))]),
            ("سوخوي-35", "سوخوي-35 وسوخوي-35.", &[("سوخوي-35", None), ("سوخوي-35", Some("و"))]),
            ("Su-57", "Su-57 وSu-57 Su-57s", &[("Su-57", None), ("Su-57", Some("و"))]),
        ];
        for (needle, text, expected) in table {
            let found = find_in_text(text, needle);
            let expected: Vec<(String, Option<String>)> = expected.iter().map(|(t, c)| (t.to_string(), c.map(String::from))).collect();
            assert_eq!(texts(text, &found), expected, "{needle} in {text}");
        }
    }

    #[test]
    fn spelling_variants_match_and_map_back_to_exact_offsets() {
        let table: [(&str, &str, &[&str]); 7] = [
            ("كيم جونغ أون", "كيم جونغ اون وكيم جونغ إون", &["كيم جونغ اون", "كيم جونغ إون"]),
            ("قمة", "عقد كيم وبوتين قمّة في قاعدة", &["قمّة"]),
            ("إلى", "وصل إلى الى إلي", &["إلى", "الى", "إلي"]),
            ("مستشفى", "مستشفي مستشفى", &["مستشفي", "مستشفى"]),
            ("كيم", "كـــيم كِيمُ", &["كـــيم", "كِيمُ"]),
            ("كوريا الشمالية", "كوريا\u{00A0}الشماليه و كوريا  الشمالية", &["كوريا\u{00A0}الشماليه", "كوريا  الشمالية"]),
            ("بوتين", "😀 بوتين 👍🏽 وبوتينُ", &["بوتين", "بوتينُ"]),
        ];
        for (needle, text, expected) in table {
            let found: Vec<String> = find_in_text(text, needle).iter().map(|o| slice(text, (o.start, o.end))).collect();
            assert_eq!(found, expected, "{needle} in {text}");
        }
    }

    #[test]
    fn covered_occurrences_and_nested_same_label_suggestions_are_left_out() {
        let mut ws = Workspace::new();
        let text = "التقى كيم جونغ أون وكيم، ثم قال كيم جونغ اون إن كيم";
        let doc = ws.open_file("a.txt", text.as_bytes()).unwrap();
        ws.tag(&doc, 6, 18, "PER").unwrap(); // كيم جونغ أون
        let found = occurrences_of_text(&ws, "كيم", "PER", Scope::All).unwrap();
        let at: Vec<_> = found.iter().map(|s| (s.text.as_str(), s.clitic.is_some())).collect();
        assert_eq!(at, [("كيم", true), ("كيم", false), ("كيم", false)]);
        // As a place it is suggested inside the tagged person too.
        assert_eq!(occurrences_of_text(&ws, "كيم", "LOC", Scope::All).unwrap().len(), 4);

        let mut g = Gazetteer::new();
        g.add("كيم", "PER");
        g.add("كيم جونغ أون", "PER");
        g.add("جونغ", "LOC");
        let pre: Vec<_> = suggest_from_gazetteer(&ws, &doc, &g).unwrap().into_iter().map(|s| (s.text, s.label)).collect();
        let strs: Vec<(&str, &str)> = pre.iter().map(|(t, l)| (t.as_str(), l.as_str())).collect();
        assert_eq!(strs, [("جونغ", "LOC"), ("كيم", "PER"), ("كيم جونغ اون", "PER"), ("جونغ", "LOC"), ("كيم", "PER")]);
        assert_eq!(occurrences_of_text(&ws, "كيم", "XYZ", Scope::All), Err(Error::UnknownLabel { label: "XYZ".into() }));
        assert_eq!(occurrences_of_span(&ws, &doc, 99, Scope::All), Err(Error::UnknownSpan { span: 99 }));
        assert!(matches!(occurrences_of_text(&ws, "كيم", "PER", Scope::Document("nope")), Err(Error::UnknownDocument { .. })));
    }

    #[test]
    fn gazetteer_pre_annotates_a_new_seed_from_the_others() {
        let (mut ws, ids) = seeds();
        let tag = |ws: &mut Workspace, doc: &str, text: &str, needle: &str, label: &str| {
            let b = text.find(needle).unwrap();
            let s = text[..b].chars().count();
            ws.tag(doc, s, s + needle.chars().count(), label).unwrap();
        };
        tag(&mut ws, &ids[0], SEEDS[0].1, "فلاديمير بوتين", "PER");
        tag(&mut ws, &ids[0], SEEDS[0].1, "بوتين", "PER");
        tag(&mut ws, &ids[0], SEEDS[0].1, "كيم جونغ أون", "PER");
        tag(&mut ws, &ids[0], SEEDS[0].1, "موسكو", "LOC");
        tag(&mut ws, &ids[0], SEEDS[0].1, "سوخوي-35", "WEA");
        let g = crate::suggest::known::gazetteer_of(&ws);
        let pre = suggest_from_gazetteer(&ws, &ids[4], &g).unwrap();
        let count = |t: &str| pre.iter().filter(|s| s.text == t).count();
        assert_eq!(count("كيم جونغ أون"), 4);
        assert_eq!(count("فلاديمير بوتين"), 1);
        assert_eq!(count("بوتين"), 1); // the other is inside فلاديمير بوتين
        assert_eq!(count("موسكو"), 3);
        for s in &pre {
            assert_eq!(ws.doc(&ids[4]).unwrap().doc.slice(s.start, s.end), Some(s.text.as_str()));
        }
    }

    #[test]
    fn accepting_suggestions_is_one_undo_step_per_document() {
        let (mut ws, ids) = seeds();
        let text = SEEDS[0].1;
        let b = text.find("بوتين").unwrap();
        let s = text[..b].chars().count();
        let first = ws.tag(&ids[0], s, s + 5, "PER").unwrap();
        let found = occurrences_of_span(&ws, &ids[0], first, Scope::All).unwrap();
        assert_eq!(found.len(), 35);
        let saved = ws.snapshot();
        ws.take_journal();

        // Refused as a whole: one suggestion with an unknown label, one outside its text.
        let mut bad = found.clone();
        bad[20].label = "XYZ".into();
        assert_eq!(ws.accept_suggestions(&bad), Err(Error::UnknownLabel { label: "XYZ".into() }));
        let mut bad = found.clone();
        bad[34].end = 1_000_000;
        assert!(matches!(ws.accept_suggestions(&bad), Err(Error::Offset { .. })));
        assert_eq!(ws.snapshot(), saved);

        let spans = ws.accept_suggestions(&found).unwrap();
        assert_eq!(spans.len(), 35);
        let counts = |ws: &Workspace| ids.iter().map(|d| ws.doc(d).unwrap().count("PER")).collect::<Vec<_>>();
        assert_eq!(counts(&ws), [7, 15, 9, 3, 2]);
        for d in &ids {
            let d = ws.doc(d).unwrap();
            assert!(d.spans.iter().all(|s| d.doc.slice(s.start, s.end) == Some("بوتين")));
        }
        // One undo per document takes all of that document's accepted spans back.
        ws.undo(&ids[1]).unwrap();
        assert_eq!(counts(&ws), [7, 0, 9, 3, 2]);
        ws.undo(&ids[0]).unwrap();
        assert_eq!(counts(&ws), [1, 0, 9, 3, 2]);
        ws.redo(&ids[1]).unwrap();
        assert_eq!(counts(&ws), [1, 15, 9, 3, 2]);
        // Accepting again adds nothing and gives the existing spans.
        let again = ws.accept_suggestions(&found[6..]).unwrap();
        assert_eq!(again, spans[6..]);
        assert_eq!(counts(&ws), [1, 15, 9, 3, 2]);
        // One by one: one span, one undo step.
        let one = ws.accept_suggestions(&found[..1]).unwrap();
        assert_eq!(counts(&ws), [2, 15, 9, 3, 2]);
        assert_eq!(ws.undo(&ids[0]).unwrap().map(|e| e.span_id()), Some(one[0]));
        assert_eq!(counts(&ws), [1, 15, 9, 3, 2]);

        // The journal (batches included) replays onto the saved snapshot to the same state.
        let records = ws.take_journal();
        let json = serde_json::to_string(&records).unwrap();
        let mut restored = Workspace::from_snapshot(saved).unwrap();
        for r in serde_json::from_str::<Vec<crate::annotations::journal::Record>>(&json).unwrap() {
            restored.replay(r).unwrap();
        }
        assert_eq!(restored.snapshot(), ws.snapshot());
    }

    #[derive(Debug, Clone)]
    enum Act {
        Accept(Vec<prop::sample::Index>),
        Move(bool, prop::sample::Index, crate::text::segment::Edge, crate::text::segment::Unit, crate::text::segment::Direction),
        Undo(bool),
        Redo(bool),
    }

    fn act() -> impl Strategy<Value = Act> {
        use crate::text::segment::{Direction, Edge, Unit};
        prop_oneof![
            prop::collection::vec(any::<prop::sample::Index>(), 1..4).prop_map(Act::Accept),
            (
                any::<bool>(),
                any::<prop::sample::Index>(),
                prop_oneof![Just(Edge::Start), Just(Edge::End)],
                prop_oneof![Just(Unit::Char), Just(Unit::Word)],
                prop_oneof![Just(Direction::Forward), Just(Direction::Backward)],
            )
                .prop_map(|(d, i, e, u, dir)| Act::Move(d, i, e, u, dir)),
            any::<bool>().prop_map(Act::Undo),
            any::<bool>().prop_map(Act::Redo),
        ]
    }

    proptest! {
        /// Any mix of accepting, moving edges, undoing and redoing: undoing everything
        /// empties each document, redoing everything gives the same spans back, and the
        /// journal replays to the same workspace.
        #[test]
        fn accepts_and_moves_undo_redo_and_replay(acts in prop::collection::vec(act(), 0..25)) {
            let mut ws = Workspace::new();
            let docs = [
                ws.open_file("a.txt", "عقد كيم وبوتين قمّة، ثم التقى بوتين وكيم في موسكو.".as_bytes()).unwrap(),
                ws.open_file("b.txt", "قال كيم جونغ أون لبوتين: بوتين صديق كيم.".as_bytes()).unwrap(),
            ];
            let mut pool = occurrences_of_text(&ws, "بوتين", "PER", Scope::All).unwrap();
            pool.extend(occurrences_of_text(&ws, "كيم", "PER", Scope::All).unwrap());
            pool.extend(occurrences_of_text(&ws, "كيم", "LOC", Scope::All).unwrap());
            let saved = ws.snapshot();
            ws.take_journal();
            for a in acts {
                match a {
                    Act::Accept(picks) => {
                        let chosen: Vec<Suggestion> = picks.iter().map(|i| i.get(&pool).clone()).collect();
                        ws.accept_suggestions(&chosen).unwrap();
                    }
                    Act::Move(d, i, edge, unit, dir) => {
                        let doc = &docs[d as usize];
                        let ids: Vec<SpanId> = ws.doc(doc).unwrap().spans.iter().map(|s| s.id).collect();
                        if !ids.is_empty() {
                            match ws.move_edge(doc, *i.get(&ids), edge, unit, dir) {
                                Ok(_) | Err(Error::Duplicate { .. }) => {}
                                Err(e) => prop_assert!(false, "{e}"),
                            }
                        }
                    }
                    Act::Undo(d) => { ws.undo(&docs[d as usize]).unwrap(); }
                    Act::Redo(d) => { ws.redo(&docs[d as usize]).unwrap(); }
                }
            }
            let end = ws.snapshot();
            let mut restored = Workspace::from_snapshot(saved).unwrap();
            for r in ws.take_journal() {
                restored.replay(r).unwrap();
            }
            prop_assert_eq!(restored.snapshot(), end.clone());
            for doc in &docs {
                let spans = |ws: &Workspace| ws.doc(doc).unwrap().spans.iter().cloned().collect::<Vec<_>>();
                let before = spans(&ws);
                let mut undone = 0;
                while ws.undo(doc).unwrap().is_some() {
                    undone += 1;
                }
                prop_assert!(spans(&ws).is_empty());
                for _ in 0..undone {
                    ws.redo(doc).unwrap();
                }
                prop_assert_eq!(spans(&ws), before);
            }
        }

        #[test]
        fn occurrences_are_exact_slices_at_word_edges(
            words in prop::collection::vec(prop_oneof![
                Just("بوتين"), Just("وبوتين"), Just("لبوتين"), Just("بوتينات"), Just("ابوتين"),
                Just("بوتّين"), Just("بوتيـن"), Just("،"), Just("😀"), Just("كيم"),
            ], 0..12),
            seps in prop::collection::vec(prop_oneof![Just(" "), Just("\u{00A0}"), Just(""), Just("\n")], 12),
        ) {
            let text: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            let found = find_in_text(&text, "بوتين");
            let word_list = crate::text::segment::words(&text);
            for o in &found {
                prop_assert_eq!(key(&slice(&text, (o.start, o.end))), "بوتين");
                prop_assert!(word_list.iter().any(|&(s, e)| e == o.end && s <= o.start));
                match o.clitic {
                    None => prop_assert!(word_list.iter().any(|&(s, _)| s == o.start)),
                    Some((a, b)) => {
                        prop_assert_eq!(b, o.start);
                        prop_assert!(word_list.iter().any(|&(s, _)| s == a));
                    }
                }
            }
        }
    }
}
