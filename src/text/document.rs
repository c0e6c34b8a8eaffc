//! A document: its exact text (never trimmed or normalised; CRLF and BOM kept), the SHA-256
//! fingerprint of its UTF-8 bytes, and the offset index used to convert positions. The
//! fingerprint and the index are made when first asked for, so that restoring thousands of
//! documents costs reading their texts, not hashing and indexing every one of them.

use crate::text::offsets::TextIndex;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub name: String,
    text: String,
    len_chars: usize,
    sha256: OnceLock<String>,
    index: OnceLock<TextIndex>,
}

/// The largest text file opened as a document: 16 MiB.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Why a file could not become a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileProblem {
    Empty,
    /// A text file larger than [`MAX_TEXT_BYTES`].
    TooLarge {
        bytes: usize,
        max: usize,
    },
    /// An annotation file larger than the exchange layer reads.
    TooLargeToRead {
        bytes: usize,
        max: usize,
    },
    /// Holds NUL bytes: a binary file, not text.
    Binary {
        byte: usize,
    },
    NotUtf8 {
        byte: usize,
        line: usize,
    },
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileProblem::Empty => write!(f, "the file is empty"),
            FileProblem::TooLarge { bytes, max } => {
                write!(f, "it is {}, and Alama opens text files of up to {}", megabytes(*bytes), megabytes(*max))
            }
            FileProblem::TooLargeToRead { bytes, max } => {
                write!(f, "it is {}, and Alama reads annotation files of up to {}", megabytes(*bytes), megabytes(*max))
            }
            FileProblem::Binary { byte } => {
                write!(f, "this looks like a binary file, not text (a NUL byte at byte {byte})")
            }
            FileProblem::NotUtf8 { byte, line } => {
                write!(f, "the file is not valid UTF-8 (invalid bytes at byte {byte}, line {line}); save it as UTF-8 and open it again")
            }
        }
    }
}

/// A size as people read it: `40.0 MB` (of 2^20 bytes).
pub fn megabytes(bytes: usize) -> String {
    // In whole tenths, halves to even (as a float would be formatted), without float
    // formatting, which is large in Wasm.
    const UNIT: u64 = 1_048_576;
    let scaled = bytes as u64 * 10;
    let (mut tenths, twice) = (scaled / UNIT, scaled % UNIT * 2);
    if twice > UNIT || (twice == UNIT && tenths % 2 == 1) {
        tenths += 1;
    }
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

impl Document {
    pub fn new(id: String, name: String, text: String) -> Self {
        let len_chars = text.chars().count();
        Document { id, name, text, len_chars, sha256: OnceLock::new(), index: OnceLock::new() }
    }

    /// A document whose fingerprint the caller has just computed and checked (an import),
    /// so that a long text is not hashed twice.
    pub fn with_sha256(id: String, name: String, text: String, sha256: String) -> Self {
        debug_assert_eq!(sha256, sha256_hex(&text));
        Document { sha256: OnceLock::from(sha256), ..Document::new(id, name, text) }
    }

    /// Decodes a file's bytes strictly: no replacement characters, no BOM stripping.
    pub fn decode(bytes: &[u8]) -> Result<String, FileProblem> {
        Document::decode_unchecked(bytes)
    }

    /// [`Document::decode`] of a text file of at most `max` bytes.
    pub fn decode_within(bytes: &[u8], max: usize) -> Result<String, FileProblem> {
        if bytes.len() > max {
            return Err(FileProblem::TooLarge { bytes: bytes.len(), max });
        }
        Document::decode_unchecked(bytes)
    }

    /// [`Document::decode`] of an annotation file of at most `max` bytes.
    pub fn decode_to_read(bytes: &[u8], max: usize) -> Result<String, FileProblem> {
        if bytes.len() > max {
            return Err(FileProblem::TooLargeToRead { bytes: bytes.len(), max });
        }
        Document::decode_unchecked(bytes)
    }

    fn decode_unchecked(bytes: &[u8]) -> Result<String, FileProblem> {
        if bytes.is_empty() {
            return Err(FileProblem::Empty);
        }
        if let Some(byte) = bytes.iter().position(|&b| b == 0) {
            return Err(FileProblem::Binary { byte });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_owned()),
            Err(e) => {
                let byte = e.valid_up_to();
                let line = 1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count();
                Err(FileProblem::NotUtf8 { byte, line })
            }
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn sha256(&self) -> &str {
        self.sha256.get_or_init(|| sha256_hex(&self.text))
    }

    pub fn index(&self) -> &TextIndex {
        self.index.get_or_init(|| TextIndex::new(&self.text))
    }

    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// The text from code point `start` to `end`, if both are inside the text.
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        (start <= end).then(|| self.index().slice(&self.text, start, end).ok()).flatten()
    }

    /// A readable title: the first line with text in it, shortened to 80 characters.
    pub fn title(&self) -> String {
        let line = self
            .text
            .lines()
            .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}'))
            .find(|l| !l.is_empty())
            .unwrap_or(&self.name);
        let mut title: String = line.chars().take(80).collect();
        if line.chars().nth(80).is_some() {
            title.push('…');
        }
        title
    }
}

pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// Bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(2 * bytes.len());
    for b in bytes {
        hex.push(DIGITS[usize::from(b >> 4)] as char);
        hex.push(DIGITS[usize::from(b & 15)] as char);
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_of_the_exact_utf8_bytes() {
        assert_eq!(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_ne!(sha256_hex("a\r\n"), sha256_hex("a\n"));
    }

    #[test]
    fn decoding_keeps_bom_and_crlf_and_refuses_bad_bytes() {
        let text = Document::decode("\u{FEFF}سطر\r\nثان".as_bytes()).unwrap();
        assert_eq!(text, "\u{FEFF}سطر\r\nثان");
        assert_eq!(Document::decode(b""), Err(FileProblem::Empty));
        assert_eq!(Document::decode(b"ab\0c"), Err(FileProblem::Binary { byte: 2 }));
        assert_eq!(Document::decode(b"ok\nok\n\xff"), Err(FileProblem::NotUtf8 { byte: 6, line: 3 }));
    }

    #[test]
    fn sizes_read_in_megabytes_to_a_tenth() {
        assert_eq!(megabytes(40 * 1_048_576), "40.0 MB");
        assert_eq!(megabytes(16 * 1_048_576), "16.0 MB");
        assert_eq!(megabytes(1_572_864), "1.5 MB");
        assert_eq!(megabytes(0), "0.0 MB");
        assert_eq!(megabytes(104_857), "0.1 MB");
        assert_eq!(megabytes(262_144), "0.2 MB", "a half goes to even");
        assert_eq!(megabytes(786_432), "0.8 MB");
    }

    #[test]
    fn title_is_the_first_line_with_text() {
        let doc = Document::new("d".into(), "d.txt".into(), "\u{FEFF}\r\n  عنوان الخبر  \r\nنص".into());
        assert_eq!(doc.title(), "عنوان الخبر");
        let long = Document::new("d".into(), "d.txt".into(), "ب".repeat(100));
        assert_eq!(long.title().chars().count(), 81);
        let blank = Document::new("d".into(), "blank.txt".into(), " \n ".into());
        assert_eq!(blank.title(), "blank.txt");
    }
}
