//! Searching every document at once: an index of each document's words, normalised as
//! matching normalises them (`text::normalize`), built once per text (texts never change) in
//! short steps, so that counting a word or a name in thousands of documents costs what the
//! matches are, not what the documents hold.
//!
//! A search of words separated by white space (`بوتين`, `كوريا الشمالية`) is answered from
//! the index with exactly what `occurrences::find_in_text` finds: the first word whole or
//! after a proclitic reading (و|بوتين; ل|لرئيس read as الرئيس), the others whole, only white
//! space between them. Any other search (punctuation in it) is answered by `find_in_text`
//! itself, document by document.

use crate::annotations::workspace::Workspace;
use crate::suggest::occurrences::find_in_text;
use crate::text::clitics::readings;
use crate::text::normalize::{Normalized, key};
use crate::text::segment::{next_cut, segments};
use rustc_hash::FxHashMap;

/// Bytes of a text indexed in one step (up to the next place where words may start afresh).
const STEP_BYTES: usize = 32 * 1024;

/// One document's words: their ids in the dictionary and their places in the text.
#[derive(Debug, Default, PartialEq, Eq)]
struct Words {
    ids: Vec<u32>,
    /// Code points `[start, end)` of each word.
    edges: Vec<(u32, u32)>,
    /// Whether only white space (after normalising) lies between word `i` and word `i + 1`.
    spaced: Vec<bool>,
}

/// A document indexed so far: its words, and where the next step goes on.
#[derive(Debug, Default)]
struct Partial {
    words: Words,
    /// Byte and code point where the part not indexed yet begins.
    byte: usize,
    chars: usize,
    /// What lies after the last word so far, normalised: whether anything does, and whether
    /// it is all white space (`None` before the first word).
    tail: Option<(bool, bool)>,
}

/// Where a word of the dictionary may begin a match: `None` for the word whole, or the
/// normalised length of the proclitics before the rest that matches.
type Reading = Option<u32>;

#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Normalised word → its id.
    ids: FxHashMap<String, u32>,
    /// What a first word of a search may be, by its normalised form: the words that are it
    /// whole or after a proclitic reading.
    starts: FxHashMap<String, Vec<(u32, Reading)>>,
    /// Per word id: the documents (places in the workspace) and word places it stands at.
    postings: Vec<Vec<(u32, u32)>>,
    /// Per document, in the workspace's order, those indexed so far.
    docs: Vec<Words>,
    /// The next document, while it is indexed a piece at a time.
    partial: Option<Partial>,
}

/// What a search finds in every document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Counts {
    /// Matches in all documents.
    pub matches: usize,
    /// Documents with at least one.
    pub documents: usize,
}

/// A search as the index reads it: the normalised words, or `None` when it is not words
/// separated by white space.
fn words_of(needle: &str) -> Option<Vec<String>> {
    let wanted: Vec<String> = key(needle).split(' ').filter(|w| !w.is_empty()).map(String::from).collect();
    let norm = Normalized::new(needle);
    let mut found = vec![];
    for seg in segments(needle) {
        let (s, e) = (norm.from_original(seg.start), norm.from_original(seg.end));
        let piece: String = norm.chars()[s..e].iter().collect();
        if seg.is_word {
            found.push(piece);
        } else if piece.is_empty() || !piece.chars().all(char::is_whitespace) {
            return None;
        }
    }
    (!wanted.is_empty() && found == wanted).then_some(wanted)
}

impl SearchIndex {
    /// True when every document of `ws` is indexed.
    pub fn ready(&self, ws: &Workspace) -> bool {
        self.docs.len() == ws.documents().len()
    }

    /// Forgets everything (the documents were replaced).
    pub fn reset(&mut self) {
        *self = SearchIndex::default();
    }

    /// Indexes the next piece (`STEP_BYTES`) of the next document not indexed yet; false
    /// when there is none.
    pub fn step(&mut self, ws: &Workspace) -> bool {
        self.step_by(ws, STEP_BYTES)
    }

    fn step_by(&mut self, ws: &Workspace, bytes: usize) -> bool {
        let Some(d) = ws.documents().get(self.docs.len()) else { return false };
        let place = self.docs.len() as u32;
        let text = d.doc.text();
        let mut p = self.partial.take().unwrap_or_default();
        let end = next_cut(text, p.byte.saturating_add(bytes));
        let piece = &text[p.byte..end];
        let norm = Normalized::new(piece);
        let chars = norm.chars();
        let all_space = |gap: &[char]| gap.iter().all(|c| c.is_whitespace());
        let mut gap_from: Option<usize> = None;
        for seg in segments(piece) {
            if !seg.is_word {
                continue;
            }
            let (s, e) = (norm.from_original(seg.start), norm.from_original(seg.end));
            match (gap_from, p.tail) {
                (Some(from), _) => {
                    let gap = &chars[from.min(s)..s];
                    p.words.spaced.push(!gap.is_empty() && all_space(gap));
                }
                // The gap from the piece before: its tail, then this piece's start.
                (None, Some((any, all))) => p.words.spaced.push((any || s > 0) && all && all_space(&chars[..s])),
                (None, None) => {}
            }
            gap_from = Some(e);
            let word: String = chars[s..e].iter().collect();
            let id = self.intern(&word, &chars[s..e]);
            self.postings[id as usize].push((place, p.words.ids.len() as u32));
            p.words.ids.push(id);
            p.words.edges.push(((seg.start + p.chars) as u32, (seg.end + p.chars) as u32));
        }
        p.tail = match (gap_from, p.tail) {
            (Some(e), _) => Some((e < chars.len(), all_space(&chars[e..]))),
            (None, Some((any, all))) => Some((any || !chars.is_empty(), all && all_space(chars))),
            (None, None) => None,
        };
        p.byte = end;
        p.chars += piece.chars().count();
        if end == text.len() {
            self.docs.push(p.words);
        } else {
            self.partial = Some(p);
        }
        true
    }

    fn intern(&mut self, word: &str, chars: &[char]) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.ids.insert(word.to_string(), id);
        self.postings.push(vec![]);
        self.starts.entry(word.to_string()).or_default().push((id, None));
        for (len, elided) in readings(chars) {
            let rest: String = chars[len..].iter().collect();
            if elided {
                self.starts.entry(format!("ا{rest}")).or_default().push((id, Some(len as u32)));
            }
            self.starts.entry(rest).or_default().push((id, Some(len as u32)));
        }
        id
    }

    /// Every match of `words` (from `words_of`), as (document place, first word place, reading).
    fn matches<'a>(&'a self, words: &'a [String]) -> impl Iterator<Item = (u32, u32, Reading)> + 'a {
        let rest: Option<Vec<u32>> = words[1..].iter().map(|w| self.ids.get(w).copied()).collect();
        let first = if rest.is_some() { self.starts.get(&words[0]) } else { None };
        first.into_iter().flatten().flat_map(move |&(id, reading)| {
            let rest = rest.clone().unwrap_or_default();
            self.postings[id as usize].iter().filter_map(move |&(doc, at)| {
                // A document still being indexed has no matches yet.
                let d = self.docs.get(doc as usize)?;
                let follows = rest.iter().enumerate().all(|(j, &want)| {
                    let i = at as usize + j;
                    d.spaced.get(i).copied().unwrap_or(false) && d.ids.get(i + 1) == Some(&want)
                });
                follows.then_some((doc, at, reading))
            })
        })
    }

    /// How many times `needle` occurs in every document of `ws`, or `None` while some
    /// documents are not indexed yet.
    pub fn counts(&self, ws: &Workspace, needle: &str) -> Option<Counts> {
        if !self.ready(ws) {
            return None;
        }
        let mut per_doc: FxHashMap<u32, usize> = FxHashMap::default();
        match words_of(needle) {
            Some(words) => {
                for (doc, _, _) in self.matches(&words) {
                    *per_doc.entry(doc).or_default() += 1;
                }
            }
            None => {
                for (i, d) in ws.documents().iter().enumerate() {
                    let n = find_in_text(d.doc.text(), needle).len();
                    if n > 0 {
                        per_doc.insert(i as u32, n);
                    }
                }
            }
        }
        Some(Counts { matches: per_doc.values().sum(), documents: per_doc.len() })
    }

    /// The places (in the workspace's order) of the documents where `needle` occurs, or
    /// `None` while some documents are not indexed yet.
    pub fn documents_with(&self, ws: &Workspace, needle: &str) -> Option<Vec<usize>> {
        if !self.ready(ws) {
            return None;
        }
        let mut places: Vec<usize> = match words_of(needle) {
            Some(words) => self.matches(&words).map(|(doc, _, _)| doc as usize).collect(),
            None => {
                ws.documents().iter().enumerate().filter(|(_, d)| !find_in_text(d.doc.text(), needle).is_empty()).map(|(i, _)| i).collect()
            }
        };
        places.sort_unstable();
        places.dedup();
        Some(places)
    }

    /// The matches of `needle` in document `place` (code points, reading order), as
    /// `find_in_text` finds them; from the index when the document is indexed.
    pub fn find(&self, ws: &Workspace, place: usize, needle: &str) -> Vec<(usize, usize)> {
        let Some(d) = ws.documents().get(place) else { return vec![] };
        let (Some(words), Some(mine)) = (words_of(needle), self.docs.get(place)) else {
            return find_in_text(d.doc.text(), needle).into_iter().map(|o| (o.start, o.end)).collect();
        };
        let mut found: Vec<(usize, usize)> = self
            .matches(&words)
            .filter(|&(doc, _, _)| doc as usize == place)
            .map(|(_, at, reading)| {
                let (ws_, we) = mine.edges[at as usize];
                let end = mine.edges[at as usize + words.len() - 1].1 as usize;
                let start = match reading {
                    None => ws_ as usize,
                    // The proclitics' length in the word as written (with any tashkeel on them).
                    Some(len) => {
                        ws_ as usize + Normalized::new(d.doc.slice(ws_ as usize, we as usize).unwrap_or_default()).origin(len as usize)
                    }
                };
                (start, end)
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn indexed(texts: &[&str]) -> (Workspace, SearchIndex) {
        let mut ws = Workspace::new();
        for (i, t) in texts.iter().enumerate() {
            ws.open_file(&format!("{i}.txt"), t.as_bytes()).unwrap();
        }
        let mut index = SearchIndex::default();
        assert_eq!(index.counts(&ws, "x"), None, "not ready before it is built");
        while index.step(&ws) {}
        (ws, index)
    }

    #[test]
    fn counts_and_places_in_every_document() {
        let (ws, index) = indexed(&["قال بوتين وبوتين في موسكو", "كوريا الشمالية وكوريا  الشماليه، كوريا. الشمالية", "لا شيء هنا"]);
        assert_eq!(index.counts(&ws, "بوتين"), Some(Counts { matches: 2, documents: 1 }));
        assert_eq!(index.counts(&ws, "كوريا الشمالية"), Some(Counts { matches: 2, documents: 1 }));
        assert_eq!(index.documents_with(&ws, "كوريا الشمالية"), Some(vec![1]));
        assert_eq!(index.counts(&ws, "موسكو،"), Some(Counts { matches: 0, documents: 0 }), "punctuation: found by the scan");
        assert_eq!(index.find(&ws, 0, "بوتين"), [(4, 9), (11, 16)]);
    }

    /// Words a text is made of: names, names behind proclitics and the article, spelling
    /// variants, words a name is part of, punctuation, an emoji.
    const VOCABULARY: [&str; 23] = [
        "بوتين",
        "وبوتين",
        "لبوتين",
        "بوتينات",
        "بوتّين",
        "كيم",
        "جونغ",
        "أون",
        "اون",
        "وكيم",
        "الرئيس",
        "للرئيس",
        "وللرئيس",
        "كوريا",
        "الشمالية",
        "الشماليه",
        "،",
        "😀",
        "وَبوتين",
        "كـيم",
        "سوخوي-35",
        "سوخوي",
        "\u{200C}",
    ];
    const GAPS: [&str; 5] = [" ", "  ", "\n", "\u{00A0}", " ، "];
    const NEEDLES: [&str; 11] =
        ["بوتين", "كيم جونغ", "كيم جونغ أون", "الرئيس", "لرئيس", "كوريا الشمالية", "أون", "بوتين،", "جونغ  أون", "سوخوي", "سوخوي-35"];

    fn text_of(words: &[(usize, usize)]) -> String {
        words.iter().map(|&(w, g)| format!("{}{}", VOCABULARY[w], GAPS[g])).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// A text indexed a few bytes a step (cut where words may start afresh) has the same
        /// words, gaps and postings as the text indexed whole, and no match is found in a
        /// document before it is all indexed.
        #[test]
        fn pieces_index_as_the_whole_text(words in prop::collection::vec((0usize..23, 0usize..5), 1..40), bytes in 1usize..48) {
            let mut ws = Workspace::new();
            ws.open_file("a.txt", text_of(&words).as_bytes()).unwrap();
            ws.open_file("b.txt", "بوتين".as_bytes()).unwrap();
            let (mut whole, mut pieces) = (SearchIndex::default(), SearchIndex::default());
            while whole.step_by(&ws, usize::MAX) {}
            let mut steps = 0;
            while pieces.step_by(&ws, bytes) {
                steps += 1;
                if pieces.docs.is_empty() {
                    prop_assert_eq!(pieces.find(&ws, 1, "بوتين").len(), 1, "the other document is searched as text meanwhile");
                    prop_assert_eq!(pieces.counts(&ws, "بوتين"), None);
                }
            }
            prop_assert!(steps >= 2);
            prop_assert_eq!(&pieces.docs, &whole.docs);
            prop_assert_eq!(&pieces.postings, &whole.postings);
            prop_assert_eq!(&pieces.ids, &whole.ids);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        /// The index finds exactly what `find_in_text` finds, whatever the text.
        #[test]
        fn finds_what_the_matcher_finds(words in prop::collection::vec((0usize..23, 0usize..5), 1..30), needle in 0usize..11) {
            let text = text_of(&words);
            let (ws, index) = indexed(&[&text, "بوتين"]);
            let needle = NEEDLES[needle];
            let expected: Vec<(usize, usize)> = find_in_text(&text, needle).into_iter().map(|o| (o.start, o.end)).collect();
            prop_assert_eq!(index.find(&ws, 0, needle), expected.clone());
            let other = find_in_text("بوتين", needle).len();
            let counts = index.counts(&ws, needle).unwrap();
            prop_assert_eq!(counts.matches, expected.len() + other);
            prop_assert_eq!(counts.documents, usize::from(!expected.is_empty()) + usize::from(other > 0));
        }
    }
}
