//! Proclitics: the conjunctions و ف and the prepositions ب ل ك written joined to the next
//! word ("وبوتين" is "and Putin", "ببيونغ يانغ" is "in Pyongyang"). A span for the entity
//! should start after them, but many names begin with the same letters (بوتين, بيونغ, لافروف,
//! كيم, فلاديمير, واشنطن), so a letter is never stripped blindly: the span starts after a
//! proclitic when what follows is already a known entity in the session, or when the
//! annotator asks. The article ال always stays part of the name; after ل its alef is not
//! written (للرئيس is ل + الرئيس), so there the rest is also read as ا + rest.

use crate::text::clean::{CleanError, clean_selection};
use crate::text::normalize::Normalized;
use crate::text::offsets::{OffsetError, TextIndex};
use crate::text::segment::{snap_to_words, starts_afresh, word_at};
use serde::{Deserialize, Serialize};

const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
const PREPOSITIONS: [char; 3] = ['ب', 'ل', 'ك'];

/// One way to read the start of a word as proclitics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proclitic {
    /// Code points of the word the proclitics take (with any tashkeel on them).
    pub len: usize,
    /// The rest starts with the article's ل after the preposition ل (للرئيس): the rest may
    /// also be read as ا + rest when matching.
    pub article_alef_elided: bool,
}

/// The readings of normalised word `w` as (proclitic length, alef elided), shortest first:
/// a conjunction, a preposition, or a conjunction and a preposition, leaving at least two
/// letters.
pub(crate) fn readings(w: &[char]) -> Vec<(usize, bool)> {
    let is = |i: usize, set: &[char]| w.get(i).is_some_and(|c| set.contains(c));
    let mut lens = vec![];
    if is(0, &CONJUNCTIONS) {
        lens.push(1);
        if is(1, &PREPOSITIONS) {
            lens.push(2);
        }
    } else if is(0, &PREPOSITIONS) {
        lens.push(1);
    }
    lens.into_iter()
        .filter(|&n| w[n..].iter().filter(|c| c.is_alphabetic()).count() >= 2)
        .map(|n| (n, w[n - 1] == 'ل' && w.get(n) == Some(&'ل')))
        .collect()
}

/// Every way to read the start of `word` as proclitics, one proclitic first: "وبوتين"
/// gives و (→ بوتين) and وب (→ وتين); "بوتين" gives ب (→ وتين); "الكرملين" gives none.
/// Which reading is right is for [`entity_start_after_clitics`] to decide.
pub fn split_proclitics(word: &str) -> Vec<Proclitic> {
    let n = Normalized::new(word);
    readings(n.chars()).into_iter().map(|(len, article_alef_elided)| Proclitic { len: n.origin(len), article_alef_elided }).collect()
}

/// A span's edges and the proclitic left out before it, for the page to show distinctly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityEdges {
    pub start: usize,
    pub end: usize,
    /// The code points `[start, end)` of the proclitic(s) between the word's start and the
    /// span's start, if the span starts right after proclitics.
    pub clitic: Option<(usize, usize)>,
}

/// The proclitics left out before a span starting at `start`: `Some((word start, start))`
/// when `start` is inside a word exactly where a proclitic reading of that word ends
/// (و|بوتين, ول|لرئيس), else `None`. Works for any span, new or old.
pub fn excluded_clitic(text: &str, index: &TextIndex, start: usize) -> Result<Option<(usize, usize)>, OffsetError> {
    // Most spans start a word (after a space): nothing is left out, and nothing to segment.
    if starts_afresh(text, index, start)? {
        return Ok(None);
    }
    let Some((ws, we)) = word_at(text, index, start)? else { return Ok(None) };
    if ws == start {
        return Ok(None);
    }
    let word = index.slice(text, ws, we)?;
    Ok(split_proclitics(word).iter().any(|p| ws + p.len == start).then_some((ws, start)))
}

/// Whether a text is a known entity (compared normalised): what the session's spans and
/// word lists make known, asked of the layer that holds them.
pub type Known<'a> = &'a dyn Fn(&str) -> bool;

fn known_after(known: Known, rest: &str, alef_elided: bool) -> bool {
    known(rest) || (alef_elided && known(&format!("ا{rest}")))
}

/// Where the entity in `[start, end)` starts once proclitics at its start are left out.
///
/// The span starts after a proclitic reading of its first word when the rest of the span
/// is a known entity (`known`) and the span as it is is not; with
/// several such readings the longest proclitic wins. With `force` (the annotator asked),
/// when no reading is known, one proclitic is left out (the shortest reading), so asking
/// again peels the next one. Otherwise the span is unchanged.
pub fn entity_start_after_clitics(
    text: &str,
    index: &TextIndex,
    start: usize,
    end: usize,
    known: Known,
    force: bool,
) -> Result<EntityEdges, OffsetError> {
    let (s, e) = (start.min(end), start.max(end));
    let span = index.slice(text, s, e)?;
    let unchanged =
        |s: usize| -> Result<EntityEdges, OffsetError> { Ok(EntityEdges { start: s, end: e, clitic: excluded_clitic(text, index, s)? }) };
    let Some((_, we)) = word_at(text, index, s)? else { return unchanged(s) };
    let first = index.slice(text, s, we.min(e))?;
    let readings = split_proclitics(first);
    if !known(span) {
        for p in readings.iter().rev() {
            if known_after(known, index.slice(text, s + p.len, e)?, p.article_alef_elided) {
                return unchanged(s + p.len);
            }
        }
    }
    match readings.first() {
        Some(p) if force => unchanged(s + p.len),
        _ => unchanged(s),
    }
}

/// What a selection becomes as a span, in the order the page applies the rules: widened to
/// whole words when `snap` is on (a start the annotator put right after a proclitic stays
/// there), cleaned of edge spaces and punctuation, then proclitics left out as
/// [`entity_start_after_clitics`] decides.
pub fn entity_edges(
    text: &str,
    index: &TextIndex,
    start: usize,
    end: usize,
    snap: bool,
    known: Known,
    force: bool,
) -> Result<EntityEdges, CleanError> {
    let (a, b) = (start.min(end), start.max(end));
    let (mut s, e) = if snap { snap_to_words(text, index, a, b)? } else { (a, b) };
    if snap && a < b && excluded_clitic(text, index, a)?.is_some() {
        s = a;
    }
    let (s, e) = clean_selection(text, index, s, e)?;
    // A selection that already starts after a proclitic has had it left out: asking again
    // must not peel the name's own first letter (ب|بيونغ must not become بي|ونغ).
    let force = force && excluded_clitic(text, index, s)?.is_none();
    Ok(entity_start_after_clitics(text, index, s, e, known, force)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asking_to_leave_out_a_proclitic_twice_keeps_the_name_whole() {
        let text = "المتعلقة ببيونغ يانغ.";
        let index = TextIndex::new(text);
        let at = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
        let whole = entity_edges(text, &index, at("ببيونغ"), at("."), true, &|_| false, true).unwrap();
        assert_eq!(index.slice(text, whole.start, whole.end).unwrap(), "بيونغ يانغ");
        let after = entity_edges(text, &index, at("بيونغ"), at("."), true, &|_| false, true).unwrap();
        assert_eq!(index.slice(text, after.start, after.end).unwrap(), "بيونغ يانغ");
        assert_eq!(after.clitic.map(|(s, e)| index.slice(text, s, e).unwrap()), Some("ب"));
    }

    const SEEDS: [&str; 5] = [
        include_str!("../../seeds/000_7ae19593d920b671.txt"),
        include_str!("../../seeds/001_5afa0f906a688b19.txt"),
        include_str!("../../seeds/002_7abe2e196db9e174.txt"),
        include_str!("../../seeds/003_2a6066abbc263e70.txt"),
        include_str!("../../seeds/004_6e0af8c5b51e59dc.txt"),
    ];

    use crate::text::normalize::key;
    use std::collections::HashSet;

    /// Known entities, matched normalised as the session's gazetteer matches them.
    struct Known(HashSet<String>);

    impl Known {
        fn ask(&self) -> impl Fn(&str) -> bool + '_ {
            |text| self.0.contains(&key(text))
        }
    }

    fn known(list: &[&str]) -> Known {
        Known(list.iter().map(|k| key(k)).collect())
    }

    /// The first seed holding `needle` after a space, and `needle`'s code point range in it.
    fn in_seeds(needle: &str) -> (&'static str, usize, usize) {
        let spaced = format!(" {needle}");
        let seed = SEEDS.iter().find(|s| s.contains(&spaced)).unwrap_or_else(|| panic!("{needle}"));
        let b = seed.find(&spaced).unwrap() + 1;
        let s = seed[..b].chars().count();
        (seed, s, s + needle.chars().count())
    }

    fn slice(text: &str, s: usize, e: usize) -> String {
        text.chars().skip(s).take(e - s).collect()
    }

    #[test]
    fn readings_of_a_word() {
        let lens = |w: &str| split_proclitics(w).iter().map(|p| (p.len, p.article_alef_elided)).collect::<Vec<_>>();
        assert_eq!(lens("وبوتين"), [(1, false), (2, false)]);
        assert_eq!(lens("ببيونغ"), [(1, false)]);
        assert_eq!(lens("فالكرملين"), [(1, false)]);
        assert_eq!(lens("للرئيس"), [(1, true)]);
        assert_eq!(lens("وللرئيس"), [(1, false), (2, true)]);
        assert_eq!(lens("الكرملين"), []);
        assert_eq!(lens("كيم"), [(1, false)]);
        assert_eq!(lens("وك"), []);
        // Tashkeel on a proclitic belongs to it.
        assert_eq!(lens("وَبوتين"), [(2, false), (3, false)]);
    }

    #[test]
    fn proclitics_are_left_out_before_known_entities_in_seed_sentences() {
        let g = known(&["بوتين", "بيونغ يانغ", "روسيا", "الرئيس"]);
        // (a piece of a seed sentence, the selection in it, the span and the proclitic expected)
        let table = [
            ("عقد كيم وبوتين قمّة", "وبوتين", "بوتين", Some("و")),
            ("المتعلقة ببيونغ يانغ.", "ببيونغ يانغ", "بيونغ يانغ", Some("ب")),
            ("زيارة كيم لروسيا.", "لروسيا", "روسيا", Some("ل")),
            ("وقال لبوتين إنّ", "لبوتين", "بوتين", Some("ل")),
            ("بين موسكو وبيونغ يانغ،", "وبيونغ يانغ", "بيونغ يانغ", Some("و")),
            ("المسؤولين الروس لبيونغ يانغ", "لبيونغ يانغ", "بيونغ يانغ", Some("ل")),
            ("حفل الترحيب بالرئيس الكوري", "بالرئيس", "الرئيس", Some("ب")),
            ("“لروسيا الرخاء", "لروسيا", "روسيا", Some("ل")),
            ("رسالة شكر للرئيس بوتين", "للرئيس", "لرئيس", Some("ل")),
            // "الرئيس بوتين" is not known as a whole: unchanged.
            ("رسالة شكر للرئيس بوتين", "للرئيس بوتين", "للرئيس بوتين", None),
            // Not known at all.
            ("مركبة وبجانبه شويغو", "وبجانبه", "وبجانبه", None),
        ];
        for (piece, selected, span, clitic) in table {
            let (seed, p, _) = in_seeds(piece);
            let s = p + piece[..piece.find(selected).unwrap()].chars().count();
            let e = s + selected.chars().count();
            let index = TextIndex::new(seed);
            let got = entity_start_after_clitics(seed, &index, s, e, &g.ask(), false).unwrap();
            assert_eq!(slice(seed, got.start, got.end), span, "{piece}");
            assert_eq!(got.clitic.map(|(a, b)| slice(seed, a, b)).as_deref(), clitic, "{piece}");
        }
    }

    #[test]
    fn article_after_a_preposition_and_conjunction() {
        let g = known(&["الكرملين", "القمة", "الرئيس"]);
        let table = [
            ("فالكرملين", "الكرملين", "ف"),
            ("كالقمة", "القمة", "ك"),
            ("للرئيس", "لرئيس", "ل"),
            ("وللرئيس", "لرئيس", "ول"),
            ("وبالكرملين", "الكرملين", "وب"),
        ];
        for (text, span, clitic) in table {
            let index = TextIndex::new(text);
            let got = entity_start_after_clitics(text, &index, 0, index.len_chars(), &g.ask(), false).unwrap();
            assert_eq!(slice(text, got.start, got.end), span, "{text}");
            assert_eq!(got.clitic.map(|(a, b)| slice(text, a, b)).as_deref(), Some(clitic), "{text}");
        }
    }

    #[test]
    fn names_that_begin_with_proclitic_letters_stay_whole() {
        // Known entities that would also be words of the rest: "تين", "افروف" … are not.
        let g = known(&["بوتين", "بيونغ يانغ", "لافروف", "كيم", "فلاديمير", "واشنطن", "كيم جونغ أون"]);
        for name in ["بوتين", "بيونغ يانغ", "لافروف", "كيم", "فلاديمير بوتين", "واشنطن", "كيم جونغ أون", "كوريا"]
        {
            let (seed, s, e) = in_seeds(name);
            let index = TextIndex::new(seed);
            let got = entity_start_after_clitics(seed, &index, s, e, &g.ask(), false).unwrap();
            assert_eq!((got.start, got.end, got.clitic), (s, e, None), "{name}");
        }
        // Even when a reading's rest is known, the name as it is wins.
        let g = known(&["بوتين", "وتين"]);
        let text = "بوتين";
        let got = entity_start_after_clitics(text, &TextIndex::new(text), 0, 5, &g.ask(), false).unwrap();
        assert_eq!((got.start, got.clitic), (0, None));
    }

    #[test]
    fn asking_leaves_out_one_proclitic_at_a_time() {
        let g = known(&[]);
        let text = "وللرئيس";
        let index = TextIndex::new(text);
        let once = entity_start_after_clitics(text, &index, 0, 7, &g.ask(), true).unwrap();
        assert_eq!((once.start, once.clitic), (1, Some((0, 1))));
        let twice = entity_start_after_clitics(text, &index, once.start, 7, &g.ask(), true).unwrap();
        assert_eq!((twice.start, twice.clitic), (2, Some((0, 2))));
        // Without a known entity and without asking, nothing changes.
        let none = entity_start_after_clitics(text, &index, 0, 7, &g.ask(), false).unwrap();
        assert_eq!((none.start, none.clitic), (0, None));
        // A word with no proclitic reading stays as it is even when asked.
        let text = "الكرملين";
        let got = entity_start_after_clitics(text, &TextIndex::new(text), 0, 8, &g.ask(), true).unwrap();
        assert_eq!((got.start, got.clitic), (0, None));
    }

    #[test]
    fn from_a_selection_to_entity_edges() {
        let (seed, s, e) = in_seeds("عقد كيم وبوتين قمّة");
        let index = TextIndex::new(seed);
        let g = known(&["بوتين"]);
        let show = |r: EntityEdges| (slice(seed, r.start, r.end), r.clitic.map(|(a, b)| slice(seed, a, b)));
        // A sloppy selection of part of "وبوتين": snapped to the word, the و left out.
        let at = s + "عقد كيم وبو".chars().count();
        let got = entity_edges(seed, &index, at, at + 2, true, &g.ask(), false).unwrap();
        assert_eq!(show(got), ("بوتين".into(), Some("و".into())));
        // With nothing known, the annotator's own start right after the و is kept.
        let empty = known(&[]);
        let after_waw = s + "عقد كيم و".chars().count();
        let got = entity_edges(seed, &index, after_waw, after_waw + 3, true, &empty.ask(), false).unwrap();
        assert_eq!(show(got), ("بوتين".into(), Some("و".into())));
        // …but a start elsewhere inside the word snaps out to the word.
        let got = entity_edges(seed, &index, after_waw + 2, after_waw + 3, true, &empty.ask(), false).unwrap();
        assert_eq!(show(got), ("وبوتين".into(), None));
        // Exact characters when snapping is off, cleaned of spaces; the reading و + ب is
        // still reported, as it would be for any span starting there.
        let got = entity_edges(seed, &index, after_waw + 1, after_waw + 6, false, &empty.ask(), false).unwrap();
        assert_eq!(show(got), ("وتين".into(), Some("وب".into())));
        let got = entity_edges(seed, &index, after_waw + 2, after_waw + 6, false, &empty.ask(), false).unwrap();
        assert_eq!(show(got), ("تين".into(), None));
        assert_eq!(entity_edges(seed, &index, s + 3, s + 4, true, &g.ask(), false), Err(CleanError::NothingToTag));
        assert!(entity_edges(seed, &index, e, e + 1_000_000, true, &g.ask(), false).is_err());
    }

    #[test]
    fn the_word_start_shortcut_changes_no_excluded_clitic_in_the_seeds() {
        // What excluded_clitic gave before it looked for a fresh start first.
        fn segmenting(text: &str, index: &TextIndex, start: usize) -> Option<(usize, usize)> {
            let (ws, we) = word_at(text, index, start).unwrap()?;
            let word = index.slice(text, ws, we).unwrap();
            (ws != start && split_proclitics(word).iter().any(|p| ws + p.len == start)).then_some((ws, start))
        }
        for seed in SEEDS {
            let index = TextIndex::new(seed);
            for pos in 0..index.len_chars() {
                assert_eq!(excluded_clitic(seed, &index, pos).unwrap(), segmenting(seed, &index, pos), "at {pos}");
            }
        }
    }
}
