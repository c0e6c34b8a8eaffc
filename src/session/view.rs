//! What the page reads back to render: document summaries and spans with their edges in
//! UTF-16 code units (the DOM's unit). This is the one place the core speaks UTF-16; the
//! browser boundary passes these through unchanged.

use crate::annotations::spans::{Span, SpanId};
use crate::annotations::workspace::{DocState, Status, Workspace};
use crate::error::Error;
use crate::suggest::gazetteer::Gazetteer;
use crate::suggest::occurrences::{Suggestion, find_in_text};
use crate::text::clitics::{EntityEdges, entity_edges, excluded_clitic};
use crate::text::document::Document;
use crate::text::segment::{next_word_boundary, prev_word_boundary};
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
    pub status: Status,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct SpanView {
    pub id: SpanId,
    pub label: String,
    /// UTF-16 code units, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The proclitic left out just before the span (UTF-16), to show distinctly.
    pub clitic: Option<(usize, usize)>,
}

/// A suggested span (annotate all occurrences, or a gazetteer), edges in UTF-16.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct SuggestionView {
    /// Its place in the list of pending suggestions, to accept or reject it by.
    pub key: usize,
    pub doc: String,
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub clitic: Option<(usize, usize)>,
}

/// How many spans of each label (in the label set's order) a document has, in one pass.
fn label_counts(ws: &Workspace, d: &DocState) -> Vec<LabelCount> {
    let mut counts: Vec<LabelCount> = ws.labels().iter().map(|l| LabelCount { label: l.id.clone(), count: 0 }).collect();
    for s in d.spans.iter() {
        if let Some(c) = counts.iter_mut().find(|c| c.label == s.label) {
            c.count += 1;
        }
    }
    counts
}

pub fn documents(ws: &Workspace) -> Vec<DocSummary> {
    ws.documents()
        .iter()
        .map(|d| DocSummary {
            id: d.doc.id.clone(),
            name: d.doc.name.clone(),
            title: d.doc.title(),
            span_count: d.spans.len(),
            counts: label_counts(ws, d),
            can_undo: d.can_undo(),
            can_redo: d.can_redo(),
            status: d.status,
        })
        .collect()
}

pub fn spans(ws: &Workspace, doc: &str) -> Result<Vec<SpanView>, Error> {
    let d = ws.doc(doc)?;
    d.spans.iter().map(|s| span_view(&d.doc, s)).collect()
}

fn span_view(doc: &Document, s: &Span) -> Result<SpanView, Error> {
    let index = doc.index();
    Ok(SpanView {
        id: s.id,
        label: s.label.clone(),
        start: index.char_to_utf16(s.start)?,
        end: index.char_to_utf16(s.end)?,
        text: doc.slice(s.start, s.end).unwrap_or_default().into(),
        clitic: clitic_utf16(doc, excluded_clitic(doc.text(), index, s.start)?)?,
    })
}

/// One span, or `None` when the document has no span `id`.
pub fn span(ws: &Workspace, doc: &str, id: SpanId) -> Result<Option<SpanView>, Error> {
    let d = ws.doc(doc)?;
    d.spans.get(id).map(|s| span_view(&d.doc, s)).transpose()
}

/// The spans that overlap the UTF-16 range `[from, to)`, in reading order: what the page
/// paints for the part of the text it has on screen. Costs what the range holds.
pub fn spans_in(ws: &Workspace, doc: &str, from: usize, to: usize) -> Result<Vec<SpanView>, Error> {
    let d = ws.doc(doc)?;
    let index = d.doc.index();
    let len = index.len_utf16();
    // A position inside a surrogate pair counts as the pair's character.
    let cp = |u: usize| index.utf16_to_char(u.min(len)).or_else(|_| index.utf16_to_char(u + 1));
    let (from, to) = (cp(from)?, cp(to.max(from))?);
    d.spans.overlapping(from, to).map(|s| span_view(&d.doc, s)).collect()
}

/// `count` spans from place `first` in reading order: a page of the span list.
pub fn span_rows(ws: &Workspace, doc: &str, first: usize, count: usize) -> Result<Vec<SpanView>, Error> {
    let d = ws.doc(doc)?;
    (first..first.saturating_add(count)).map_while(|i| d.spans.nth(i)).map(|s| span_view(&d.doc, s)).collect()
}

/// The place of span `id` in reading order, if the document has it.
pub fn span_index(ws: &Workspace, doc: &str, id: SpanId) -> Result<Option<usize>, Error> {
    Ok(ws.doc(doc)?.spans.index_of(id))
}

fn clitic_utf16(doc: &Document, clitic: Option<(usize, usize)>) -> Result<Option<(usize, usize)>, Error> {
    let index = doc.index();
    Ok(match clitic {
        Some((s, e)) => Some((index.char_to_utf16(s)?, index.char_to_utf16(e)?)),
        None => None,
    })
}

/// The pending suggestions that fall in `doc`, edges in UTF-16.
pub fn suggestions(ws: &Workspace, doc: &str, pending: &[Suggestion]) -> Result<Vec<SuggestionView>, Error> {
    let d = &ws.doc(doc)?.doc;
    let index = d.index();
    pending
        .iter()
        .enumerate()
        .filter(|(_, s)| s.doc == doc)
        .map(|(key, s)| {
            Ok(SuggestionView {
                key,
                doc: s.doc.clone(),
                label: s.label.clone(),
                start: index.char_to_utf16(s.start)?,
                end: index.char_to_utf16(s.end)?,
                text: s.text.clone(),
                clitic: clitic_utf16(d, s.clitic)?,
            })
        })
        .collect()
}

/// Where a selection given in UTF-16 becomes a span (code points): snapped to whole words
/// when `snap` is on, cleaned, and its proclitic left out when the rest is one of the `known`
/// entities (kept in step by the caller, see `known`) or `strip_clitic` asks for it.
pub fn selection_edges(
    ws: &Workspace,
    doc: &str,
    start: usize,
    end: usize,
    snap: bool,
    strip_clitic: bool,
    known: &Gazetteer,
) -> Result<EntityEdges, Error> {
    let d = &ws.doc(doc)?.doc;
    let index = d.index();
    let (start, end) = (index.utf16_to_char(start)?, index.utf16_to_char(end)?);
    entity_edges(d.text(), index, start, end, snap, known, strip_clitic)
}

/// The UTF-16 position one word on from `pos`: the end of the next word going forward, the
/// start of the previous word going backward.
pub fn word_boundary_utf16(ws: &Workspace, doc: &str, pos: usize, forward: bool) -> Result<usize, Error> {
    let d = &ws.doc(doc)?.doc;
    let index = d.index();
    let cp = index.utf16_to_char(pos)?;
    let to = if forward { next_word_boundary(d.text(), index, cp)? } else { prev_word_boundary(d.text(), index, cp)? };
    Ok(index.char_to_utf16(to)?)
}

/// Matches of `needle` (normalised, whole words) in `doc`, in UTF-16.
pub fn find_utf16(ws: &Workspace, doc: &str, needle: &str) -> Result<Vec<(usize, usize)>, Error> {
    let d = &ws.doc(doc)?.doc;
    let index = d.index();
    find_in_text(d.text(), needle).into_iter().map(|o| Ok((index.char_to_utf16(o.start)?, index.char_to_utf16(o.end)?))).collect()
}

/// Tags a selection given in UTF-16 code units, exactly (cleaned, not snapped to words).
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
    fn range_queries_speak_utf16_and_cost_what_the_range_holds() {
        let mut ws = Workspace::new();
        let text = "😀 بوتين في موسكو\n🇸🇦 ثم بيونغ يانغ";
        let doc = ws.open_file("r.txt", text.as_bytes()).unwrap();
        let u16_of = |needle: &str| text[..text.find(needle).unwrap()].encode_utf16().count();
        let put = u16_of("بوتين");
        let a = tag_utf16(&mut ws, &doc, put, put + 5, "PER").unwrap();
        let b = tag_utf16(&mut ws, &doc, u16_of("موسكو"), u16_of("موسكو") + 5, "LOC").unwrap();
        let c = tag_utf16(&mut ws, &doc, u16_of("بيونغ"), u16_of("بيونغ") + 10, "LOC").unwrap();
        let ids = |from, to| spans_in(&ws, &doc, from, to).unwrap().iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ids(0, put + 1), [a]);
        assert_eq!(ids(put + 5, u16_of("موسكو")), Vec::<SpanId>::new());
        assert_eq!(ids(0, 1000), [a, b, c]);
        assert_eq!(ids(u16_of("🇸🇦") + 1, u16_of("🇸🇦") + 3), Vec::<SpanId>::new()); // inside a pair
        let rows = span_rows(&ws, &doc, 1, 5).unwrap();
        assert_eq!(rows.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), ["موسكو", "بيونغ يانغ"]);
        assert_eq!((span_index(&ws, &doc, c).unwrap(), span_index(&ws, &doc, 99).unwrap()), (Some(2), None));
        assert_eq!(span(&ws, &doc, b).unwrap().map(|s| s.start), Some(u16_of("موسكو")));
        assert_eq!(span(&ws, &doc, 99).unwrap(), None);
    }

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
