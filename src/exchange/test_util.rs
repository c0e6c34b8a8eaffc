//! Helpers shared by the format modules' tests: workspaces built from plain span lists, and
//! a comparable view of a workspace's documents and spans.

use crate::annotations::spans::{Span, SpanSet};
use crate::annotations::workspace::{DocState, Workspace};

/// A document as (id, text, spans as (start, end, label)).
pub(crate) type Triples = (String, String, Vec<(usize, usize, String)>);

/// A document to build: (file name, text, spans as (start, end, label)).
pub(crate) type Plain<'a> = (&'a str, &'a str, Vec<(usize, usize, &'a str)>);

/// Every document as [`Triples`].
pub(crate) fn triples(ws: &Workspace) -> Vec<Triples> {
    ws.documents()
        .iter()
        .map(|d| (d.doc.id.clone(), d.doc.text().to_string(), d.spans.iter().map(|s| (s.start, s.end, s.label.clone())).collect()))
        .collect()
}

/// A workspace of documents `(file name, text, spans)`; span ids count from 1 in each.
pub(crate) fn workspace(docs: &[Plain]) -> Workspace {
    let mut opened = Workspace::new();
    let mut states = vec![];
    for (name, text, spans) in docs {
        let id = opened.open_file(name, text.as_bytes()).unwrap();
        let doc = opened.doc(&id).unwrap().doc.clone();
        let mut set = SpanSet::new();
        for (i, &(s, e, l)) in spans.iter().enumerate() {
            let _ = set.insert(Span::new(i as u32 + 1, s, e, l));
        }
        states.push(DocState::new(doc, set));
    }
    Workspace::from_parts(opened.labels().to_vec(), states)
}

/// Random documents for property tests: Arabic with tashkeel, punctuation, emoji, CRLF, a
/// BOM, direction marks; and spans as (start, length, label index) clipped to the text.
pub(crate) fn clip_spans(text: &str, raw: &[(usize, usize, usize)]) -> Vec<(usize, usize, &'static str)> {
    const LABELS: [&str; 4] = ["PER", "LOC", "WEA", "EVT"];
    let len = text.chars().count();
    let mut out: Vec<(usize, usize, &'static str)> = vec![];
    for &(s, l, k) in raw {
        let (s, e) = (s.min(len), (s + l).min(len));
        let label = LABELS[k % 4];
        if s < e && !out.contains(&(s, e, label)) {
            out.push((s, e, label));
        }
    }
    out
}

pub(crate) const TEXT: &str = "([\u{0621}-\u{064A}\u{064B}-\u{0652} ،«»\\.!#\"\\\\a-z]|😀|🇸🇦|\r\n|\n|\u{200F}|\u{FEFF}){1,50}";
