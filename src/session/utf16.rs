//! The page counts positions in UTF-16 code units (what the DOM and JavaScript count); the
//! core counts Unicode code points. Every conversion between the two happens here, on the
//! document's offset index, so that the rest of the core never sees a UTF-16 position.

use crate::error::Error;
use crate::text::document::Document;
use crate::text::offsets::TextIndex;

/// A position the page gave (UTF-16) as a code point; refused inside a surrogate pair or
/// past the end of the text.
pub fn to_core(doc: &Document, unit: usize) -> Result<usize, Error> {
    Ok(doc.index().utf16_to_char(unit)?)
}

/// A code point position as the page counts it.
pub fn to_page(doc: &Document, cp: usize) -> Result<usize, Error> {
    Ok(doc.index().char_to_utf16(cp)?)
}

/// A pair of code point positions as the page counts them.
pub fn pair_to_page(doc: &Document, (start, end): (usize, usize)) -> Result<(usize, usize), Error> {
    Ok((to_page(doc, start)?, to_page(doc, end)?))
}

/// The range of text a page has on screen (UTF-16, clamped to the text) as code points; a
/// position inside a surrogate pair counts as the pair's character.
pub fn screen_to_core(doc: &Document, from: usize, to: usize) -> Result<(usize, usize), Error> {
    let index = doc.index();
    let len = index.len_utf16();
    let cp = |u: usize| index.utf16_to_char(u.min(len)).or_else(|_| index.utf16_to_char(u + 1));
    Ok((cp(from)?, cp(to.max(from))?))
}

/// A selection `[start, end)` in UTF-16 units of a short text that is not a document (the
/// context line of a disagreement) as code points of that text.
pub fn in_text_to_core(text: &str, start: usize, end: usize) -> Result<(usize, usize), Error> {
    let index = TextIndex::new(text);
    Ok((index.utf16_to_char(start)?, index.utf16_to_char(end)?))
}
