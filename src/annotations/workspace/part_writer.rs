//! A document's part written a piece at a time, so that saving a long document (megabytes of
//! text, tens of thousands of spans) never holds the page for one long task: the text a
//! stretch at a time, the spans a batch at a time, then the rest. The bytes are those the
//! document's snapshot serialises to in one go (a test holds them to it). The workspace must
//! not change between two pieces of one part: the page writes parts inside its change queue,
//! where no change comes between.

use super::Workspace;
use crate::error::Error;

/// Bytes of the text escaped in one piece (cut back to a character's start).
const TEXT_PIECE: usize = 64 * 1024;
/// Spans serialised in one piece.
const SPANS_PIECE: usize = 1_000;

/// What the next piece writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// The text from this byte on.
    Text(usize),
    /// The spans from this one on (in reading order).
    Spans(usize),
    /// The fields after the spans: the part is whole after them.
    Rest,
}

#[derive(Debug)]
pub struct PartWriter {
    doc: String,
    out: Vec<u8>,
    /// One piece of the text escaped, with its quotes.
    piece: Vec<u8>,
    next: Next,
}

impl Workspace {
    /// Starts writing document `id`'s part (see [`PartWriter::step`]).
    pub fn part_writer(&self, id: &str) -> Result<PartWriter, Error> {
        let d = self.doc(id)?;
        let mut out = Vec::with_capacity(d.doc.text().len() + 64 * d.spans.len() + 256);
        out.extend_from_slice(b"{\"id\":");
        write_json(&mut out, &d.doc.id);
        out.extend_from_slice(b",\"name\":");
        write_json(&mut out, &d.doc.name);
        out.extend_from_slice(b",\"text\":\"");
        Ok(PartWriter { doc: id.to_string(), out, piece: vec![], next: Next::Text(0) })
    }
}

impl PartWriter {
    /// The document whose part this is.
    pub fn doc(&self) -> &str {
        &self.doc
    }

    /// Writes the next piece of the part, from `ws` (the workspace it was started on,
    /// unchanged since); the whole part once the last piece is written.
    pub fn step(&mut self, ws: &Workspace) -> Result<Option<Vec<u8>>, Error> {
        let d = ws.doc(&self.doc)?;
        match self.next {
            Next::Text(from) => {
                let text = d.doc.text();
                let mut to = (from + TEXT_PIECE).min(text.len());
                while !text.is_char_boundary(to) {
                    to -= 1;
                }
                // The piece escaped as a JSON string, without its quotes: escaping goes
                // character by character, so pieces escape as the whole text would.
                self.piece.clear();
                write_json(&mut self.piece, &text[from..to]);
                self.out.extend_from_slice(&self.piece[1..self.piece.len() - 1]);
                self.next = if to < text.len() { Next::Text(to) } else { Next::Spans(0) };
                if self.next == Next::Spans(0) {
                    self.out.extend_from_slice(b"\",\"spans\":[");
                }
            }
            Next::Spans(from) => {
                let spans = d.spans.as_slice();
                let to = (from + SPANS_PIECE).min(spans.len());
                for (i, s) in spans[from..to].iter().enumerate() {
                    if from + i > 0 {
                        self.out.push(b',');
                    }
                    write_json(&mut self.out, s);
                }
                self.next = if to < spans.len() { Next::Spans(to) } else { Next::Rest };
            }
            Next::Rest => {
                self.out.extend_from_slice(b"],\"next_id\":");
                write_json(&mut self.out, &d.spans.peek_next_id());
                self.out.extend_from_slice(b",\"history\":");
                write_json(&mut self.out, &d.history);
                self.out.extend_from_slice(b",\"status\":");
                write_json(&mut self.out, &d.status);
                self.out.push(b'}');
                return Ok(Some(std::mem::take(&mut self.out)));
            }
        }
        Ok(None)
    }
}

/// Appends `value` as JSON; serialising the core's own types into memory cannot fail.
fn write_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let _ = serde_json::to_writer(&mut *out, value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::journal::Status;

    #[test]
    fn a_part_written_in_pieces_is_the_snapshot_serialised_whole() {
        // Every kind of character the escaping treats apart, so that pieces are cut next to
        // each: quotes, backslashes, controls, Arabic letters, an emoji outside the BMP.
        let unit = "قال \"بوتين\" \\ في\tموسكو\u{1}\n😀 كيم ";
        let text = unit.repeat(3 * TEXT_PIECE / unit.len() + 7);
        let mut ws = Workspace::new();
        ws.set_annotator(Some("amal \"a\""));
        let doc = ws.open_file("long \"one\".txt", text.as_bytes()).unwrap();
        let per_unit = unit.chars().count();
        let mut tagged = 0;
        for i in 0..(SPANS_PIECE * 2 + 10) {
            if ws.tag(&doc, i * per_unit, i * per_unit + 3, ["PER", "LOC"][i % 2]).is_ok() {
                tagged += 1;
            }
        }
        assert!(tagged > SPANS_PIECE * 2, "{tagged} spans");
        ws.undo(&doc).unwrap();
        ws.set_status(&doc, Status::InProgress).unwrap();
        let whole = serde_json::to_vec(&ws.doc(&doc).unwrap().snapshot()).unwrap();
        let mut writer = ws.part_writer(&doc).unwrap();
        let mut steps = 1;
        let part = loop {
            if let Some(part) = writer.step(&ws).unwrap() {
                break part;
            }
            steps += 1;
        };
        assert!(steps > 6, "{steps} steps");
        assert_eq!(String::from_utf8(part).unwrap(), String::from_utf8(whole).unwrap());
        assert_eq!(ws.document_part(&doc).unwrap(), serde_json::to_vec(&ws.doc(&doc).unwrap().snapshot()).unwrap());
    }

    #[test]
    fn an_empty_document_and_an_unknown_one() {
        use crate::annotations::labels::default_labels;
        use crate::annotations::spans::SpanSet;
        use crate::annotations::workspace::DocState;
        use crate::text::document::Document;
        let empty = Document::new("e".into(), "empty.txt".into(), String::new());
        let ws = Workspace::from_parts(default_labels(), vec![DocState::new(empty, SpanSet::new())]);
        let doc = "e";
        assert_eq!(ws.document_part(doc).unwrap(), serde_json::to_vec(&ws.doc(doc).unwrap().snapshot()).unwrap());
        assert_eq!(ws.part_writer("nope").map(|_| ()), Err(Error::UnknownDocument { document: "nope".into() }));
    }
}
