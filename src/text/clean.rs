//! Turns a raw selection into the span an annotator meant: edges widened to whole grapheme
//! clusters (a letter keeps its tashkeel, an emoji its modifiers), then leading and trailing
//! white space, invisible direction marks and edge punctuation dropped.

use crate::text::offsets::{OffsetError, TextIndex};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CleanError {
    Offset(OffsetError),
    /// The selection held only white space or punctuation.
    NothingToTag,
}

impl From<OffsetError> for CleanError {
    fn from(e: OffsetError) -> Self {
        CleanError::Offset(e)
    }
}

/// Characters dropped from the edges of a selection.
pub fn is_edge_junk(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            // invisible marks: BOM / zero width no-break space, zero width space, LRM, RLM, ALM,
            // and the bidi embedding, override and isolate controls
            '\u{FEFF}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
                | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                // quotes
                | '"' | '\'' | '“' | '”' | '„' | '‘' | '’' | '«' | '»' | '‹' | '›'
                // commas, stops and other sentence punctuation, Latin and Arabic
                | ',' | '،' | '.' | '۔' | ';' | '؛' | ':' | '!' | '?' | '؟' | '…'
                // brackets
                | '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '﴾' | '﴿'
                // dashes and slashes at an edge (inside a word, as in سوخوي-35, they stay)
                | '-' | '‐' | '‑' | '–' | '—' | '/' | '\\' | '*' | '_'
        )
}

/// Cleans the selection `[start, end)` (code points) of `text`; returns the span's edges.
pub fn clean_selection(text: &str, index: &TextIndex, start: usize, end: usize) -> Result<(usize, usize), CleanError> {
    let (start, end) = (start.min(end), start.max(end));
    let mut s = index.char_to_byte(text, start)?;
    let mut e = index.char_to_byte(text, end)?;

    // Widen both edges to grapheme cluster boundaries.
    s = cluster_boundary_at_or_before(text, s);
    if !GraphemeCursor::new(e, text.len(), true).is_boundary(text, 0).unwrap_or(true) {
        e = GraphemeCursor::new(e, text.len(), true).next_boundary(text, 0).ok().flatten().unwrap_or(text.len());
    }

    // Drop junk clusters at both edges.
    let mut clusters = text[s..e].grapheme_indices(true);
    let junk = |g: &str| g.chars().next().is_some_and(is_edge_junk);
    let first = clusters.by_ref().find(|(_, g)| !junk(g));
    let Some((first_at, _)) = first else {
        return Err(CleanError::NothingToTag);
    };
    let last_end = text[s..e].grapheme_indices(true).rev().find(|(_, g)| !junk(g)).map_or(e - s, |(at, g)| at + g.len());
    let (s, e) = (s + first_at, s + last_end);
    Ok((index.byte_to_char(text, s)?, index.byte_to_char(text, e)?))
}

fn cluster_boundary_at_or_before(text: &str, byte: usize) -> usize {
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    if cursor.is_boundary(text, 0).unwrap_or(true) { byte } else { cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Cleans the selection of `needle` inside `text` widened by `before` and `after`
    /// characters, and returns the cleaned text.
    fn clean(text: &str, start: usize, end: usize) -> Result<String, CleanError> {
        let index = TextIndex::new(text);
        let (s, e) = clean_selection(text, &index, start, end)?;
        Ok(index.slice(text, s, e).unwrap().to_string())
    }

    fn find(text: &str, needle: &str) -> (usize, usize) {
        let b = text.find(needle).unwrap();
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    }

    #[test]
    fn drops_spaces_quotes_and_punctuation_at_the_edges() {
        let text = "قال «فلاديمير بوتين»، ثم غادر.";
        let (s, e) = find(text, " «فلاديمير بوتين»، ");
        assert_eq!(clean(text, s, e).unwrap(), "فلاديمير بوتين");
        let text = "الرئيس الروسي فلاديمير بوتين.\n";
        let (s, e) = find(text, "بوتين.\n");
        assert_eq!(clean(text, s, e).unwrap(), "بوتين");
        let text = "(“Kim Jong Un”) في";
        assert_eq!(clean(text, 0, 16).unwrap(), "Kim Jong Un");
    }

    #[test]
    fn keeps_inner_hyphens_and_edge_letters() {
        let text = "مقاتلات سوخوي-35 وسوخوي-57.";
        let (s, e) = find(text, "سوخوي-35 ");
        assert_eq!(clean(text, s, e).unwrap(), "سوخوي-35");
        let text = "-اليوم الجمعة-";
        assert_eq!(clean(text, 0, text.chars().count()).unwrap(), "اليوم الجمعة");
    }

    #[test]
    fn never_cuts_a_letter_from_its_tashkeel() {
        let text = "منشأة تنتِج مقاتلات";
        // Select "تنت": the edge falls between ت and its kasra; the kasra stays with it.
        let (s, _) = find(text, "تنتِج");
        assert_eq!(clean(text, s, s + 3).unwrap(), "تنتِ");
        // Start between the ت and its kasra: the span starts at the ت.
        assert_eq!(clean(text, s + 3, s + 5).unwrap(), "تِج");
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        let text = "a 👍🏽 b";
        // The selection covers only the base emoji, not its skin-tone modifier.
        assert_eq!(clean(text, 2, 3).unwrap(), "👍🏽");
    }

    #[test]
    fn nothing_but_junk_is_refused() {
        assert_eq!(clean("أ ، «» .", 1, 8), Err(CleanError::NothingToTag));
        assert_eq!(clean("abc", 1, 1), Err(CleanError::NothingToTag));
        assert!(matches!(clean("abc", 0, 9), Err(CleanError::Offset(_))));
    }

    #[test]
    fn reversed_selections_are_the_same_selection() {
        assert_eq!(clean("ab cd", 5, 3).unwrap(), "cd");
    }

    proptest! {
        #[test]
        fn result_is_inside_the_selection_widened_to_clusters_with_clean_edges(
            text in "([\u{0621}-\u{064A}\u{064B}-\u{0652} ،«»\\.]|😀|👍🏽|\r\n){0,40}",
            a in 0usize..60, b in 0usize..60,
        ) {
            let index = TextIndex::new(&text);
            let n = index.len_chars();
            let (a, b) = (a.min(n), b.min(n));
            if let Ok((s, e)) = clean_selection(&text, &index, a, b) {
                let span = index.slice(&text, s, e).unwrap();
                prop_assert!(s < e);
                prop_assert!(!span.starts_with(is_edge_junk) && !span.ends_with(is_edge_junk));
                // Edges are cluster boundaries.
                let bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).chain([text.len()]).collect();
                prop_assert!(bounds.contains(&index.char_to_byte(&text, s).unwrap()));
                prop_assert!(bounds.contains(&index.char_to_byte(&text, e).unwrap()));
                // Never further out than the selection widened to whole clusters.
                let lo = bounds.iter().rev().find(|&&x| x <= index.char_to_byte(&text, a.min(b)).unwrap()).copied().unwrap();
                let hi = bounds.iter().find(|&&x| x >= index.char_to_byte(&text, a.max(b)).unwrap()).copied().unwrap();
                prop_assert!(index.char_to_byte(&text, s).unwrap() >= lo && index.char_to_byte(&text, e).unwrap() <= hi);
            }
        }
    }
}
