//! What the page reads back to render: document summaries and spans with their edges in
//! UTF-16 code units (the DOM's unit). This is the one place the core speaks UTF-16; the
//! browser boundary passes these through unchanged.

use crate::error::Error;
use crate::spans::SpanId;
use crate::workspace::Workspace;
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct LabelCount {
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DocSummary {
    pub id: String,
    pub name: String,
    pub title: String,
    pub span_count: usize,
    pub counts: Vec<LabelCount>,
    pub can_undo: bool,
    pub can_redo: bool,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct SpanView {
    pub id: SpanId,
    pub label: String,
    /// UTF-16 code units, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

pub fn documents(ws: &Workspace) -> Vec<DocSummary> {
    ws.documents()
        .iter()
        .map(|d| DocSummary {
            id: d.doc.id.clone(),
            name: d.doc.name.clone(),
            title: d.doc.title(),
            span_count: d.spans.len(),
            counts: ws
                .labels()
                .iter()
                .map(|l| LabelCount { label: l.id.clone(), count: d.count(&l.id) })
                .collect(),
            can_undo: d.can_undo(),
            can_redo: d.can_redo(),
        })
        .collect()
}

pub fn spans(ws: &Workspace, doc: &str) -> Result<Vec<SpanView>, Error> {
    let d = ws.doc(doc)?;
    let index = d.doc.index();
    d.spans
        .iter()
        .map(|s| {
            Ok(SpanView {
                id: s.id,
                label: s.label.clone(),
                start: index.char_to_utf16(s.start)?,
                end: index.char_to_utf16(s.end)?,
                text: d.doc.slice(s.start, s.end).unwrap_or_default().into(),
            })
        })
        .collect()
}

/// Tags a selection given in UTF-16 code units.
pub fn tag_utf16(ws: &mut Workspace, doc: &str, start: usize, end: usize, label: &str) -> Result<SpanId, Error> {
    let index = ws.doc(doc)?.doc.index();
    let (start, end) = (index.utf16_to_char(start)?, index.utf16_to_char(end)?);
    ws.tag(doc, start, end, label)
}

/// The spans containing the character at UTF-16 position `pos`, outermost first.
pub fn spans_at_utf16(ws: &Workspace, doc: &str, pos: usize) -> Result<Vec<SpanId>, Error> {
    let index = ws.doc(doc)?.doc.index();
    ws.spans_at(doc, index.utf16_to_char(pos)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_in_code_points_out_with_astral_characters() {
        let mut ws = Workspace::new();
        let text = "🇸🇦😀 لقاء 𝐀 بوتين";
        let doc = ws.open_file("e.txt", text.as_bytes()).unwrap();
        // "بوتين" starts at UTF-16 unit 4 + 2 + 1 + 4 + 1 + 2 + 1 = 15, at code point 11.
        let u16_start = text.encode_utf16().count() - 5;
        assert_eq!(u16_start, 15);
        let id = tag_utf16(&mut ws, &doc, u16_start - 1, u16_start + 5, "PER").unwrap();
        let span = ws.doc(&doc).unwrap().spans.get(id).unwrap().clone();
        assert_eq!((span.start, span.end), (11, 16));
        let views = spans(&ws, &doc).unwrap();
        assert_eq!((views[0].start, views[0].end, views[0].text.as_str()), (15, 20, "بوتين"));
        assert_eq!(spans_at_utf16(&ws, &doc, 16).unwrap(), [id]);
        assert!(matches!(tag_utf16(&mut ws, &doc, 1, 3, "PER"), Err(Error::Offset(_))));
        let summary = &documents(&ws)[0];
        assert_eq!((summary.span_count, summary.counts[0].count, summary.can_undo), (1, 1, true));
    }
}
