//! What the page reads back to render: document summaries, and spans, suggestions and
//! matches with their edges in UTF-16 code units (the DOM's unit, converted by `utf16`).
//! Each read costs what it returns, not what the document holds.

use crate::annotations::journal::Status;
use crate::annotations::spans::{Span, SpanId};
use crate::annotations::suggestion::Suggestion;
use crate::annotations::workspace::{DocState, Workspace};
use crate::error::Error;
use crate::session::search::SearchIndex;
use crate::session::utf16::{pair_to_page, screen_to_core, to_core, to_page};
use crate::text::clitics::excluded_clitic;
use crate::text::document::Document;
use crate::text::segment::{next_word_boundary, prev_word_boundary};
use serde::Serialize;

/// The core's limits, for the page to show and to check before it reads a file.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// Labels in a set (a number key each).
    pub labels: usize,
    /// Code points of context shown on each side of a disagreement.
    pub context: usize,
    /// The largest text file opened as a document.
    pub text_bytes: usize,
    /// The largest annotation file read.
    pub file_bytes: usize,
    /// How much of a file's start tells its format (the rest need not be read for that).
    pub sniff_bytes: usize,
}

pub fn limits() -> Limits {
    Limits {
        labels: crate::annotations::labels::MAX_LABELS,
        context: crate::exchange::adjudicate::CONTEXT,
        text_bytes: crate::text::document::MAX_TEXT_BYTES,
        file_bytes: crate::exchange::MAX_FILE_BYTES,
        sniff_bytes: crate::exchange::sniff::HEAD,
    }
}

#[derive(Debug, Serialize, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LabelCount {
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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

/// How many spans of each label (in the label set's order) a document has.
fn label_counts(ws: &Workspace, d: &DocState) -> Vec<LabelCount> {
    ws.labels().iter().map(|l| LabelCount { label: l.id.clone(), count: d.count(&l.id) }).collect()
}

fn summary(ws: &Workspace, d: &DocState) -> DocSummary {
    DocSummary {
        id: d.doc.id.clone(),
        name: d.doc.name.clone(),
        title: d.doc.title(),
        span_count: d.spans.len(),
        counts: label_counts(ws, d),
        can_undo: d.can_undo(),
        can_redo: d.can_redo(),
        status: d.status,
    }
}

/// Every document's summary (a long workspace's list reads `document_rows` instead).
pub fn documents(ws: &Workspace) -> Vec<DocSummary> {
    ws.documents().iter().map(|d| summary(ws, d)).collect()
}

/// One document's summary.
pub fn document(ws: &Workspace, doc: &str) -> Result<DocSummary, Error> {
    Ok(summary(ws, ws.doc(doc)?))
}

/// `count` documents' summaries from place `first` in the list: a page of the list.
pub fn document_rows(ws: &Workspace, first: usize, count: usize) -> Vec<DocSummary> {
    ws.documents().iter().skip(first).take(count).map(|d| summary(ws, d)).collect()
}

/// The place of document `doc` in the list.
pub fn document_index(ws: &Workspace, doc: &str) -> Option<usize> {
    ws.position(doc)
}

/// How many documents and spans the workspace holds.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Totals {
    pub documents: usize,
    pub spans: usize,
}

pub fn totals(ws: &Workspace) -> Totals {
    Totals { documents: ws.documents().len(), spans: ws.documents().iter().map(|d| d.spans.len()).sum() }
}

pub fn spans(ws: &Workspace, doc: &str) -> Result<Vec<SpanView>, Error> {
    let d = ws.doc(doc)?;
    d.spans.iter().map(|s| span_view(&d.doc, s)).collect()
}

fn span_view(doc: &Document, s: &Span) -> Result<SpanView, Error> {
    let (start, end) = pair_to_page(doc, (s.start, s.end))?;
    let clitic = excluded_clitic(doc.text(), doc.index(), s.start)?.map(|c| pair_to_page(doc, c)).transpose()?;
    Ok(SpanView { id: s.id, label: s.label.clone(), start, end, text: doc.slice(s.start, s.end).unwrap_or_default().into(), clitic })
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
    let (from, to) = screen_to_core(&d.doc, from, to)?;
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

/// The pending suggestions that fall in `doc`, edges in UTF-16.
pub fn suggestions(ws: &Workspace, doc: &str, pending: &[Suggestion]) -> Result<Vec<SuggestionView>, Error> {
    let d = &ws.doc(doc)?.doc;
    pending
        .iter()
        .enumerate()
        .filter(|(_, s)| s.doc == doc)
        .map(|(key, s)| {
            let (start, end) = pair_to_page(d, (s.start, s.end))?;
            let clitic = s.clitic.map(|c| pair_to_page(d, c)).transpose()?;
            Ok(SuggestionView { key, doc: s.doc.clone(), label: s.label.clone(), start, end, text: s.text.clone(), clitic })
        })
        .collect()
}

/// The UTF-16 position one word on from `pos`: the end of the next word going forward, the
/// start of the previous word going backward.
pub fn word_boundary_utf16(ws: &Workspace, doc: &str, pos: usize, forward: bool) -> Result<usize, Error> {
    let d = &ws.doc(doc)?.doc;
    let cp = to_core(d, pos)?;
    let to = if forward { next_word_boundary(d.text(), d.index(), cp)? } else { prev_word_boundary(d.text(), d.index(), cp)? };
    to_page(d, to)
}

/// Matches of `needle` (normalised, whole words) in `doc`, in UTF-16.
pub fn find_utf16(ws: &Workspace, index: &SearchIndex, doc: &str, needle: &str) -> Result<Vec<(usize, usize)>, Error> {
    let d = &ws.doc(doc)?.doc;
    let place = ws.position(doc).unwrap_or_default();
    index.find(ws, place, needle).into_iter().map(|pair| pair_to_page(d, pair)).collect()
}

/// The ids of the documents where `needle` occurs, in the list's order, or `None` while
/// the index is being built.
pub fn documents_with(ws: &Workspace, index: &SearchIndex, needle: &str) -> Option<Vec<String>> {
    let places = index.documents_with(ws, needle)?;
    Some(places.into_iter().filter_map(|i| ws.documents().get(i)).map(|d| d.doc.id.clone()).collect())
}

/// The spans containing the character at UTF-16 position `pos`, outermost first.
pub fn spans_at_utf16(ws: &Workspace, doc: &str, pos: usize) -> Result<Vec<SpanId>, Error> {
    ws.spans_at(doc, to_core(&ws.doc(doc)?.doc, pos)?)
}
