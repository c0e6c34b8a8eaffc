//! What a person asks of their session, as data: an [`Intent`] (a key, a click, a file, or,
//! next, a change from another device) and the [`Outcome`] the page renders from. Positions
//! in an intent are the page's (UTF-16 code units); the session converts them once.

use crate::annotations::journal::Status;
use crate::annotations::labels::Label;
use crate::annotations::spans::SpanId;
use crate::text::segment::{Direction, Edge, Unit};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", deny_unknown_fields)]
pub enum Intent {
    /// Tag the selection `[start, end)` with `label`: widened to whole words when `snap`,
    /// cleaned, its proclitic left out when the rest is a known entity or `strip_clitic` asks.
    Tag {
        doc: String,
        start: usize,
        end: usize,
        label: String,
        #[serde(default)]
        snap: bool,
        #[serde(default)]
        strip_clitic: bool,
    },
    Relabel {
        doc: String,
        span: SpanId,
        label: String,
    },
    Remove {
        doc: String,
        span: SpanId,
    },
    /// Move one edge of a span by a character or a word.
    MoveEdge {
        doc: String,
        span: SpanId,
        edge: Edge,
        unit: Unit,
        direction: Direction,
    },
    /// Give a span the edges of the selection `[start, end)` (a dragged edge), cleaned.
    Resize {
        doc: String,
        span: SpanId,
        start: usize,
        end: usize,
    },
    Undo {
        doc: String,
    },
    Redo {
        doc: String,
    },
    SetStatus {
        doc: String,
        status: Status,
    },
    SetLabels {
        labels: Vec<Label>,
    },
    SetAnnotator {
        name: String,
    },
    /// Open a file's bytes (strict UTF-8) as a new document.
    OpenFile {
        name: String,
        #[serde(with = "serde_bytes")]
        #[cfg_attr(target_arch = "wasm32", tsify(type = "Uint8Array"))]
        bytes: Vec<u8>,
    },
    /// Read a word list (`entry<TAB>LABEL` a line) into the session's gazetteer.
    ImportWordList {
        name: String,
        #[serde(with = "serde_bytes")]
        #[cfg_attr(target_arch = "wasm32", tsify(type = "Uint8Array"))]
        bytes: Vec<u8>,
    },
    /// Suggest every other occurrence of a span's text, in its document or in all of them.
    FindOccurrences {
        doc: String,
        span: SpanId,
        #[serde(default)]
        all_documents: bool,
    },
    /// Suggest the session's known entities and word lists in a document.
    Preannotate {
        doc: String,
    },
    /// Accept the pending suggestions with these keys (one undo step per document).
    Accept {
        keys: Vec<usize>,
    },
    Reject {
        keys: Vec<usize>,
    },
    /// Give every one of these spans `label` (relabel all, a fix from the corpus report):
    /// one undo step per document.
    RelabelSpans {
        spans: Vec<SpanAt>,
        label: String,
    },
    /// Give each of these spans its edges as they are (align the boundaries, a fix from
    /// the corpus report): one undo step per document.
    ResizeSpans {
        spans: Vec<EdgesAt>,
    },
    /// Offer these places as the pending suggestions (tag the rest, a fix from the corpus
    /// report), in place of any pending before.
    Suggest {
        spots: Vec<SpotAt>,
    },
    /// Start reading an export (canonical JSON, as the file's bytes: decoding them here
    /// spares the page a copy as a string) in steps; nothing changes until `CommitImport`.
    StartImport {
        file: String,
        #[serde(with = "serde_bytes")]
        #[cfg_attr(target_arch = "wasm32", tsify(type = "Uint8Array"))]
        bytes: Vec<u8>,
    },
    /// Replace the workspace with the import read and checked.
    CommitImport,
    DiscardImport,
    /// Changes to a document that came from elsewhere (the team's server: this annotator's
    /// other device): spans to add, in the page's UTF-16 units as the team's documents store
    /// them, and spans to remove by id. The adds are one undo step, like accepted
    /// suggestions; a span already there exactly so is kept, not doubled; a removal of a span
    /// that is already gone changes nothing. Answers the added spans' ids, in order.
    ApplyRemote {
        doc: String,
        #[serde(default)]
        add: Vec<RemoteSpan>,
        #[serde(default)]
        remove: Vec<SpanId>,
    },
}

/// A span made on another device, in the page's UTF-16 code units.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RemoteSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// A span named by its document and id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SpanAt {
    pub doc: String,
    pub span: SpanId,
}

/// A span and the edges `[start, end)` it should have.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct EdgesAt {
    pub doc: String,
    pub span: SpanId,
    pub start: usize,
    pub end: usize,
}

/// A place `[start, end)` to suggest with `label`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SpotAt {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// What an intent did, for the page to render and say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// Nothing changed: the span had that label, there was nothing to undo, the edge could
    /// not move further, the edges were the same.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub unchanged: bool,
    /// The span the change made or touched, for the page to select.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<SpanId>,
    /// The document a file became.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// How many: suggestions found, accepted or rejected, word list entries read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// The spans a remote change added (or found already there), in the order asked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub spans: Vec<SpanId>,
}

impl Outcome {
    pub fn unchanged() -> Outcome {
        Outcome { unchanged: true, ..Outcome::default() }
    }

    pub fn span(id: SpanId) -> Outcome {
        Outcome { span: Some(id), ..Outcome::default() }
    }

    pub fn count(n: usize) -> Outcome {
        Outcome { count: Some(n), ..Outcome::default() }
    }
}

/// What a checked import holds, for the page to ask before it replaces the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ImportSummary {
    pub documents: usize,
    pub spans: usize,
}
