//! A span the core proposes and the annotator may accept (annotate-all, pre-annotation):
//! where it is, with which label, and the proclitic left out before it, if any.

use serde::{Deserialize, Serialize};

/// A span the annotator may accept: `text` is the document's exact text at `[start, end)`
/// (code points); `clitic`, when present, is the proclitic just before `start` that was left
/// out (shown distinctly; it is never part of the span).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
    pub clitic: Option<(usize, usize)>,
}
