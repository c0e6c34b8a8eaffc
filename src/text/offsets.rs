//! Positions in one text counted three ways: Unicode code points (the export contract),
//! UTF-16 code units (the DOM and JavaScript) and UTF-8 bytes (Rust `str`).
//!
//! A [`TextIndex`] is built once per document so that conversions cost a binary search
//! (plus a walk of at most [`STRIDE`] characters for bytes) instead of a scan of the text.

use std::fmt;

/// Every `STRIDE`-th code point has its byte offset recorded.
pub const STRIDE: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OffsetError {
    /// A position past the end of the text.
    OutOfRange { pos: usize, len: usize },
    /// A UTF-16 position between the two halves of a surrogate pair.
    InsideSurrogatePair { pos: usize },
}

impl fmt::Display for OffsetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OffsetError::OutOfRange { pos, len } => {
                write!(f, "position {pos} is past the end of the text (length {len})")
            }
            OffsetError::InsideSurrogatePair { pos } => {
                write!(f, "UTF-16 position {pos} falls inside a character (between the halves of a surrogate pair)")
            }
        }
    }
}

impl std::error::Error for OffsetError {}

#[derive(Debug, Clone, Default)]
pub struct TextIndex {
    len_chars: usize,
    len_utf16: usize,
    /// Code point position of every astral (outside the BMP) character, ascending.
    astral_chars: Vec<usize>,
    /// UTF-16 position of the same characters.
    astral_utf16: Vec<usize>,
    /// `byte_marks[k]` is the byte offset of code point `k * STRIDE`.
    byte_marks: Vec<usize>,
}

impl TextIndex {
    pub fn new(text: &str) -> Self {
        // Walks the bytes rather than decoding characters: a character starts at every byte
        // that is not a continuation byte (10xxxxxx), and only a 4-byte one (lead 11110xxx)
        // lies outside the BMP, taking two UTF-16 units.
        let mut index = TextIndex { byte_marks: Vec::with_capacity(text.len() / STRIDE + 1), ..TextIndex::default() };
        let (mut cp, mut utf16) = (0, 0);
        for (byte, &b) in text.as_bytes().iter().enumerate() {
            if b & 0xC0 == 0x80 {
                continue;
            }
            if cp % STRIDE == 0 {
                index.byte_marks.push(byte);
            }
            if b >= 0xF0 {
                index.astral_chars.push(cp);
                index.astral_utf16.push(utf16);
                utf16 += 2;
            } else {
                utf16 += 1;
            }
            cp += 1;
        }
        index.len_chars = cp;
        index.len_utf16 = utf16;
        index
    }

    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    pub fn len_utf16(&self) -> usize {
        self.len_utf16
    }

    /// Code point position → UTF-16 position.
    pub fn char_to_utf16(&self, cp: usize) -> Result<usize, OffsetError> {
        self.check_chars(cp)?;
        Ok(cp + self.astral_chars.partition_point(|&a| a < cp))
    }

    /// UTF-16 position → code point position; refuses a position inside a surrogate pair.
    pub fn utf16_to_char(&self, unit: usize) -> Result<usize, OffsetError> {
        if unit > self.len_utf16 {
            return Err(OffsetError::OutOfRange { pos: unit, len: self.len_utf16 });
        }
        let before = self.astral_utf16.partition_point(|&a| a < unit);
        if before > 0 && self.astral_utf16[before - 1] + 1 == unit {
            return Err(OffsetError::InsideSurrogatePair { pos: unit });
        }
        Ok(unit - before)
    }

    /// Code point position → byte offset in `text` (the text this index was built from).
    pub fn char_to_byte(&self, text: &str, cp: usize) -> Result<usize, OffsetError> {
        self.check_chars(cp)?;
        if cp == self.len_chars {
            return Ok(text.len());
        }
        Ok(nth_char_start(text, self.byte_marks[cp / STRIDE], cp % STRIDE))
    }

    /// Byte offset (on a character boundary) → code point position.
    pub fn byte_to_char(&self, text: &str, byte: usize) -> Result<usize, OffsetError> {
        if byte > text.len() || !text.is_char_boundary(byte) {
            return Err(OffsetError::OutOfRange { pos: byte, len: text.len() });
        }
        let k = self.byte_marks.partition_point(|&m| m <= byte).saturating_sub(1);
        let mark = self.byte_marks.get(k).copied().unwrap_or(0);
        Ok(k * STRIDE + text[mark..byte].chars().count())
    }

    /// The text between two code point positions.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Result<&'t str, OffsetError> {
        let s = self.char_to_byte(text, start)?;
        // A short slice (a span, mostly) ends nearer its start than the next mark does.
        let e = if start <= end && end - start < STRIDE {
            self.check_chars(end)?;
            nth_char_start(text, s, end - start)
        } else {
            self.char_to_byte(text, end)?
        };
        Ok(&text[s.min(e)..e])
    }

    fn check_chars(&self, cp: usize) -> Result<(), OffsetError> {
        if cp > self.len_chars { Err(OffsetError::OutOfRange { pos: cp, len: self.len_chars }) } else { Ok(()) }
    }
}

/// The byte offset of the `n`-th character after the one starting at byte `from` (`from`
/// itself for 0), or the end of `text`: a character starts at every byte that is not a
/// continuation byte (10xxxxxx).
fn nth_char_start(text: &str, from: usize, n: usize) -> usize {
    let mut left = n;
    for (i, &b) in text.as_bytes()[from..].iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if left == 0 {
                return from + i;
            }
            left -= 1;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reference conversions by brute force over the characters.
    fn naive(text: &str) -> Vec<(usize, usize, usize)> {
        let mut rows = vec![];
        let (mut u, mut b) = (0, 0);
        for (cp, c) in text.chars().enumerate() {
            rows.push((cp, u, b));
            u += c.len_utf16();
            b += c.len_utf8();
        }
        rows.push((text.chars().count(), u, b));
        rows
    }

    fn any_text() -> impl Strategy<Value = String> {
        // Arabic, Latin, combining marks, astral characters (emoji, flags, maths), CR/LF, BOM.
        let pieces = prop_oneof![
            "[\u{0600}-\u{06FF}]{1,8}",
            "[a-zA-Z0-9 ]{1,5}",
            Just("\u{1F600}".to_string()),
            Just("\u{1F1F8}\u{1F1E6}".to_string()),
            Just("\u{1D400}".to_string()),
            Just("\r\n".to_string()),
            Just("\u{FEFF}".to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ];
        prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn conversions_agree_with_brute_force(text in any_text()) {
            let index = TextIndex::new(&text);
            let rows = naive(&text);
            prop_assert_eq!(index.len_chars(), rows.last().unwrap().0);
            prop_assert_eq!(index.len_utf16(), text.encode_utf16().count());
            for &(cp, u, b) in &rows {
                prop_assert_eq!(index.char_to_utf16(cp), Ok(u));
                prop_assert_eq!(index.utf16_to_char(u), Ok(cp));
                prop_assert_eq!(index.char_to_byte(&text, cp), Ok(b));
                prop_assert_eq!(index.byte_to_char(&text, b), Ok(cp));
            }
        }

        #[test]
        fn slices_match_char_iteration(text in any_text(), a in 0usize..400, b in 0usize..400) {
            let index = TextIndex::new(&text);
            let n = index.len_chars();
            let (s, e) = (a.min(b).min(n), a.max(b).min(n));
            let expected: String = text.chars().skip(s).take(e - s).collect();
            prop_assert_eq!(index.slice(&text, s, e).unwrap(), expected.as_str());
        }

        #[test]
        fn positions_inside_pairs_and_past_the_end_are_refused(text in any_text()) {
            let index = TextIndex::new(&text);
            let mut u = 0;
            for c in text.chars() {
                if c.len_utf16() == 2 {
                    prop_assert_eq!(index.utf16_to_char(u + 1), Err(OffsetError::InsideSurrogatePair { pos: u + 1 }));
                }
                u += c.len_utf16();
            }
            prop_assert!(index.utf16_to_char(u + 1).is_err());
            prop_assert!(index.char_to_utf16(index.len_chars() + 1).is_err());
            prop_assert!(index.char_to_byte(&text, index.len_chars() + 1).is_err());
        }
    }

    #[test]
    fn emoji_before_an_arabic_name_shifts_utf16_but_not_code_points() {
        let text = "😀 بوتين";
        let index = TextIndex::new(text);
        // "بوتين" starts at code point 2, UTF-16 unit 3, byte 5.
        assert_eq!(index.char_to_utf16(2), Ok(3));
        assert_eq!(index.utf16_to_char(3), Ok(2));
        assert_eq!(index.char_to_byte(text, 2), Ok(5));
        assert_eq!(index.slice(text, 2, 7), Ok("بوتين"));
        assert_eq!(index.utf16_to_char(1), Err(OffsetError::InsideSurrogatePair { pos: 1 }));
    }

    #[test]
    fn long_texts_cross_many_byte_marks() {
        let text = "ب😀".repeat(STRIDE * 3 + 7);
        let index = TextIndex::new(&text);
        let cp = STRIDE * 2 + 5;
        let expected: usize = text.chars().take(cp).map(char::len_utf8).sum();
        assert_eq!(index.char_to_byte(&text, cp), Ok(expected));
        assert_eq!(index.byte_to_char(&text, expected), Ok(cp));
    }
}
