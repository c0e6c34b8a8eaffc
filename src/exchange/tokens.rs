//! Tokens for the token-level views of a document (CoNLL, Hugging Face, WebAnno, Prodigy,
//! agreement): Unicode word segments (UAX #29) without white space or invisible marks, split
//! again at every span edge so that a span which leaves out a clitic (و|بوتين) is still a
//! whole number of tokens; where sentences end. Also the *layers* that put spans on tokens
//! for IOB2: spans in reading order, each kept unless it shares a token with one already
//! kept; and spans read back from tags.

use crate::annotations::spans::{Span, SpanId};
use unicode_segmentation::UnicodeSegmentation;

/// A token: code point offsets into the text, end exclusive.
pub type Token = (usize, usize);

/// Characters that are never part of a token: white space (as Rust and Python's
/// `str.split()` both see it), and invisible format marks (BOM, zero width space, the
/// direction marks and the bidi controls).
pub fn is_gap(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{1C}'..='\u{1F}'
                | '\u{FEFF}'
                | '\u{200B}'..='\u{200F}'
                | '\u{061C}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Line breaks: where a sentence of the CoNLL export may end.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Tokens after which a sentence may end (when white space follows).
fn ends_sentence(token: &[char]) -> bool {
    matches!(token, ['.'] | ['!'] | ['?'] | ['؟'] | ['۔'] | ['…'])
}

/// Whether a sentence ends between the token `prev` and the token starting at `next_start`:
/// at a line break, or after `. ! ? ؟ ۔ …` followed by white space; never inside a span
/// (`same_span`: both tokens are in one).
pub fn sentence_break(chars: &[char], prev: Token, next_start: usize, same_span: bool) -> bool {
    if same_span {
        return false;
    }
    let gap = &chars[prev.1..next_start];
    gap.iter().any(|&c| is_line_break(c)) || (!gap.is_empty() && ends_sentence(&chars[prev.0..prev.1]))
}

/// For each token but the last, whether it and the next one are inside one of `spans`.
pub fn joined<'a>(spans: impl IntoIterator<Item = &'a Span>, tokens: &[Token]) -> Vec<bool> {
    let mut inside = vec![false; tokens.len()];
    for span in spans {
        let range = token_range(tokens, span.start, span.end);
        if range.len() > 1 {
            inside[range.start..range.end - 1].iter_mut().for_each(|b| *b = true);
        }
    }
    inside
}

/// The tokens of `text`, split at every code point position in `cuts` as well.
pub fn tokenize(text: &str, cuts: &[usize]) -> Vec<Token> {
    let mut cuts: Vec<usize> = cuts.to_vec();
    cuts.sort_unstable();
    cuts.dedup();
    let mut cuts = cuts.into_iter().peekable();
    let mut tokens = vec![];
    let mut pos = 0;
    for segment in text.split_word_bounds() {
        let mut run: Option<usize> = None;
        for c in segment.chars() {
            if is_gap(c) {
                if let Some(start) = run.take() {
                    push_split(&mut tokens, start, pos, &mut cuts);
                }
            } else if run.is_none() {
                run = Some(pos);
            }
            pos += 1;
        }
        if let Some(start) = run {
            push_split(&mut tokens, start, pos, &mut cuts);
        }
    }
    tokens
}

fn push_split(tokens: &mut Vec<Token>, start: usize, end: usize, cuts: &mut std::iter::Peekable<std::vec::IntoIter<usize>>) {
    let mut from = start;
    while let Some(&cut) = cuts.peek() {
        if cut >= end {
            break;
        }
        if cut > from {
            tokens.push((from, cut));
            from = cut;
        }
        cuts.next();
    }
    tokens.push((from, end));
}

/// Every span edge of `spans`: the cuts that keep each span a whole number of tokens.
pub fn edges<'a>(spans: impl IntoIterator<Item = &'a Span>) -> Vec<usize> {
    spans.into_iter().flat_map(|s| [s.start, s.end]).collect()
}

/// The tokens inside `[start, end)`, as a range of token indices (empty if there are none).
pub fn token_range(tokens: &[Token], start: usize, end: usize) -> std::ops::Range<usize> {
    let first = tokens.partition_point(|t| t.0 < start);
    let last = tokens.partition_point(|t| t.1 <= end);
    first..last.max(first)
}

/// A span placed on tokens: token indices `first..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub first: usize,
    pub end: usize,
    pub label: String,
    pub span: SpanId,
}

/// Why a span could not be placed in a layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    /// It holds only white space or invisible marks: no token.
    NoTokens,
    /// It shares a token with this span, which comes first in reading order.
    Overlaps(SpanId),
}

/// Spans on tokens without overlaps: what one IOB2 tag sequence can hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    /// In token order.
    pub placed: Vec<Placed>,
    pub left_out: Vec<(SpanId, LeftOut)>,
}

/// Places `spans`, taken in the order given (reading order: start ascending, longer first),
/// each unless it shares a token with a span placed before it.
pub fn layer<'a>(spans: impl IntoIterator<Item = &'a Span>, tokens: &[Token]) -> Layer {
    let mut owner: Vec<Option<SpanId>> = vec![None; tokens.len()];
    let mut layer = Layer::default();
    for span in spans {
        let range = token_range(tokens, span.start, span.end);
        if range.is_empty() {
            layer.left_out.push((span.id, LeftOut::NoTokens));
        } else if let Some(other) = owner[range.clone()].iter().flatten().next() {
            layer.left_out.push((span.id, LeftOut::Overlaps(*other)));
        } else {
            owner[range.clone()].iter_mut().for_each(|o| *o = Some(span.id));
            layer.placed.push(Placed { first: range.start, end: range.end, label: span.label.clone(), span: span.id });
        }
    }
    layer.placed.sort_unstable_by_key(|p| p.first);
    layer
}

/// The IOB2 tags of a layer over `n` tokens: `B-X` begins a span, `I-X` continues it, `O`.
pub fn iob2(layer: &Layer, n: usize) -> Vec<String> {
    let mut tags = vec!["O".to_string(); n];
    for p in &layer.placed {
        for (k, tag) in tags.iter_mut().enumerate().take(p.end).skip(p.first) {
            *tag = format!("{}-{}", if k == p.first { 'B' } else { 'I' }, p.label);
        }
    }
    tags
}

/// A span read from tags: its label and its first and last token.
pub type Tagged = (String, usize, usize);

/// The spans of a tag sequence in IOB2, IOB1 (an `I-` may start a span) or BIOES/BILOU, and
/// how many began with `I-` (or `E-`, `L-`) instead of `B-`. `Err(k)`: tag `k` is none of them.
pub fn spans_from_tags<S: AsRef<str>>(tags: &[S]) -> Result<(Vec<Tagged>, usize), usize> {
    let mut spans: Vec<Tagged> = vec![];
    let mut open: Option<Tagged> = None;
    let mut lenient = 0;
    for (k, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        if tag == "O" {
            spans.extend(open.take());
            continue;
        }
        let (prefix, label) = match tag.split_once('-') {
            Some((p @ ("B" | "I" | "E" | "L" | "S" | "U"), label)) if !label.is_empty() => (p, label),
            _ => return Err(k),
        };
        let continues = matches!(&open, Some((l, ..)) if l == label);
        match prefix {
            "I" | "E" | "L" if continues => {
                if let Some(o) = open.as_mut() {
                    o.2 = k;
                }
            }
            _ => {
                if matches!(prefix, "I" | "E" | "L") {
                    lenient += 1;
                }
                spans.extend(open.take());
                open = Some((label.to_string(), k, k));
            }
        }
        if matches!(prefix, "E" | "L" | "S" | "U") {
            spans.extend(open.take());
        }
    }
    spans.extend(open);
    Ok((spans, lenient))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str, tokens: &[Token]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        tokens.iter().map(|&(s, e)| chars[s..e].iter().collect()).collect()
    }

    #[test]
    fn words_punctuation_and_clitics() {
        let text = "\u{FEFF}قال «وبوتين»، سوخوي-35 في\r\nموسكو.";
        let plain = tokenize(text, &[]);
        assert_eq!(words(text, &plain), ["قال", "«", "وبوتين", "»", "،", "سوخوي", "-", "35", "في", "موسكو", "."]);
        // A span that leaves out the clitic و splits the word at its edge.
        let (s, e) = (7, 12);
        let cut = tokenize(text, &[s, e]);
        assert_eq!(words(text, &cut)[2..4], ["و", "بوتين"]);
        assert_eq!(token_range(&cut, s, e), 3..4);
        assert_eq!(token_range(&cut, 0, 1), 0..0);
    }

    #[test]
    fn tashkeel_and_emoji_stay_in_their_tokens() {
        let text = "تِلْكَ 👍🏽 🇸🇦";
        assert_eq!(words(text, &tokenize(text, &[])), ["تِلْكَ", "👍🏽", "🇸🇦"]);
    }

    #[test]
    fn layers_keep_the_first_of_overlapping_spans() {
        let text = "قمة موسكو الكبرى";
        let spans = [Span::new(2, 0, 9, "EVT"), Span::new(1, 4, 9, "LOC"), Span::new(3, 3, 4, "PER")];
        let tokens = tokenize(text, &edges(&spans));
        let layer = layer(&spans, &tokens);
        assert_eq!(layer.placed.len(), 1);
        assert_eq!(layer.left_out, [(1, LeftOut::Overlaps(2)), (3, LeftOut::NoTokens)]);
        assert_eq!(iob2(&layer, tokens.len()), ["B-EVT", "I-EVT", "O"]);
    }

    #[test]
    fn tags_give_spans_in_every_scheme() {
        let (spans, lenient) = spans_from_tags(&["B-PER", "I-PER", "O", "I-LOC", "S-WEA", "B-EVT", "E-EVT"]).unwrap();
        assert_eq!(spans, [("PER".into(), 0, 1), ("LOC".into(), 3, 3), ("WEA".into(), 4, 4), ("EVT".into(), 5, 6)]);
        assert_eq!(lenient, 1);
        assert_eq!(spans_from_tags(&["O", "X-PER"]), Err(1));
    }

    proptest! {
        #[test]
        fn tokens_are_ordered_gap_free_and_split_at_every_cut(
            text in "([\u{0621}-\u{064A}\u{064B}-\u{0652} ،«»\\.a-z\u{200F}\u{FEFF}-]|😀|\r\n){0,50}",
            cuts in prop::collection::vec(0usize..60, 0..8),
        ) {
            let tokens = tokenize(&text, &cuts);
            let chars: Vec<char> = text.chars().collect();
            let mut last = 0;
            for &(s, e) in &tokens {
                prop_assert!(last <= s && s < e && e <= chars.len());
                prop_assert!(chars[s..e].iter().all(|&c| !is_gap(c)));
                prop_assert!(!cuts.iter().any(|&c| s < c && c < e));
                last = e;
            }
            // Every non-gap character is in a token.
            let covered: usize = tokens.iter().map(|(s, e)| e - s).sum();
            prop_assert_eq!(covered, chars.iter().filter(|&&c| !is_gap(c)).count());
        }
    }
}
