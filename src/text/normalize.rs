//! Arabic normalisation for *matching* only (stored text is never changed): alef forms
//! أ إ آ ٱ read as ا, ة as ه, ى as ي, and tashkeel, tatweel and invisible joining and
//! direction marks are ignored. A [`Normalized`] text keeps, for every character it holds,
//! the code point position it came from, so a match found in it maps back to exact offsets
//! in the original text.

/// What `c` reads as when matching; `None` when it is ignored.
pub fn fold(c: char) -> Option<char> {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ة' => Some('ه'),
        'ى' => Some('ي'),
        // tashkeel (fathatan … sukun) and the superscript alef
        '\u{064B}'..='\u{0652}' | '\u{0670}' => None,
        // tatweel
        '\u{0640}' => None,
        // zero width non-joiner and joiner, LRM, RLM, ALM: they change shaping or direction,
        // not the letters
        '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => None,
        c => Some(c),
    }
}

/// The combining madda and hamza marks: after an alef they spell آ أ إ in decomposed (NFD)
/// text, so there they are ignored like the precomposed forms' marks.
fn is_alef_mark(c: char) -> bool {
    matches!(c, '\u{0653}'..='\u{0655}')
}

/// A text read for matching, with the way back to the original's code point positions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    chars: Vec<char>,
    /// `origin[i]` is the original position of `chars[i]`; one more entry holds the original
    /// length, so a normalised range `[s, e)` is the original range `[origin[s], origin[e])`.
    origin: Vec<usize>,
}

impl Normalized {
    pub fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut origin = Vec::with_capacity(text.len() / 2 + 1);
        let mut len = 0;
        for (pos, c) in text.chars().enumerate() {
            len = pos + 1;
            if is_alef_mark(c) && chars.last() == Some(&'ا') {
                continue;
            }
            if let Some(f) = fold(c) {
                chars.push(f);
                origin.push(pos);
            }
        }
        origin.push(len);
        Normalized { chars, origin }
    }

    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The original position of normalised position `i` (`i` ≤ [`Normalized::len`]; larger
    /// values give the original length). Marks ignored after a character belong to it: the
    /// original end of `[s, e)` is where the next kept character starts.
    pub fn origin(&self, i: usize) -> usize {
        let last = self.origin.len() - 1;
        self.origin[i.min(last)]
    }

    /// The normalised range `[s, e)` as an original code point range.
    pub fn to_original(&self, s: usize, e: usize) -> (usize, usize) {
        (self.origin(s), self.origin(e))
    }

    /// The normalised position of the first kept character at or after original position `pos`.
    pub fn from_original(&self, pos: usize) -> usize {
        self.origin[..self.chars.len()].partition_point(|&o| o < pos)
    }
}

impl std::fmt::Display for Normalized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.chars.iter().try_for_each(|c| std::fmt::Write::write_char(f, *c))
    }
}

/// The normalised form of `text`, as a string.
pub fn normalize(text: &str) -> String {
    Normalized::new(text).to_string()
}

/// The form under which an entity string is looked up: normalised, every run of white space
/// read as one space, no white space at either end.
pub fn key(text: &str) -> String {
    normalize(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spelling_variants_read_the_same() {
        let table = [
            ("أون", "اون"),
            ("إقليم", "اقليم"),
            ("آمور", "امور"),
            ("ٱلكرملين", "الكرملين"),
            ("قمّة", "قمه"),
            ("كوريا الشمالية", "كوريا الشماليه"),
            ("إلى", "الي"),
            ("تنتِج", "تنتج"),
            ("كـــيم", "كيم"),
            ("مُناوراتٍ", "مناورات"),
            ("نوردويند\u{200C}ايرلاينز", "نوردويندايرلاينز"),
            // decomposed (NFD) alef with hamza above, and with madda
            ("\u{0627}\u{0654}ون", "اون"),
            ("\u{0627}\u{0653}مور", "امور"),
            ("Su-57 ١٢٣", "Su-57 ١٢٣"),
        ];
        for (text, expected) in table {
            assert_eq!(normalize(text), expected, "{text}");
        }
        assert_eq!(key("  كيم\u{00A0}جونغ\n أون "), "كيم جونغ اون");
    }

    #[test]
    fn positions_map_back_to_the_original() {
        let text = "قمّة كـيم";
        let n = Normalized::new(text);
        assert_eq!(n.to_string(), "قمه كيم");
        // "قمه" is normalised [0, 3): the original [0, 4) keeps the shadda.
        assert_eq!(n.to_original(0, 3), (0, 4));
        // "كيم" is normalised [4, 7): the original [5, 9) keeps the tatweel.
        assert_eq!(n.to_original(4, 7), (5, 9));
        assert_eq!(n.from_original(6), 5);
        assert_eq!(n.from_original(7), 5);
        assert_eq!(n.from_original(9), 7);
        assert_eq!(n.origin(99), 9);
    }

    fn arabic_text() -> impl Strategy<Value = String> {
        "([\u{0621}-\u{0655}\u{0670}\u{0671}\u{200C}-\u{200F} a1\u{00A0}]|😀|\r\n){0,40}"
    }

    proptest! {
        #[test]
        fn the_map_is_increasing_and_each_character_folds_from_its_origin(text in arabic_text()) {
            let n = Normalized::new(&text);
            let original: Vec<char> = text.chars().collect();
            prop_assert_eq!(n.origin(n.len()), original.len());
            for i in 0..n.len() {
                prop_assert!(n.origin(i) < n.origin(i + 1));
                prop_assert_eq!(fold(original[n.origin(i)]), Some(n.chars()[i]));
                prop_assert_eq!(n.from_original(n.origin(i)), i);
            }
            // Everything skipped is ignored when matching.
            for (pos, &c) in original.iter().enumerate() {
                if !n.origin.contains(&pos) {
                    prop_assert!(fold(c).is_none() || is_alef_mark(c));
                }
            }
        }

        #[test]
        fn normalising_twice_changes_nothing(text in arabic_text()) {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert_eq!(key(&key(&text)), key(&text));
        }
    }
}
