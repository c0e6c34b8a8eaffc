//! The workspace as the page keeps it in the browser's storage: a [`Snapshot`] of everything
//! (undo history included) and a journal of [`Record`]s, one appended after each change.
//! Restoring is the last snapshot plus the journal replayed in order; a record that was
//! never fully written is simply absent, so a crash loses at most the change in flight.
//! Every change to a workspace is one of these records (see `workspace`), so the journal
//! holds exactly what happened.
//!
//! Records are stored as externally tagged JSON (`{"edit": {"doc": …, "edit": …}}`), which
//! serde reads in one pass; records written before that, tagged inside
//! (`{"type": "edit", "doc": …}`), are still read.

use crate::annotations::history::{Edit, History};
use crate::annotations::labels::Label;
use crate::annotations::spans::{Span, SpanId};
use crate::error::{Error, RestoreProblem};
use serde::{Deserialize, Serialize};

/// Where the annotator is with a document; set by the annotator, shown in the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    New,
    InProgress,
    Done,
}

/// One change to a workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Record {
    Open {
        id: String,
        name: String,
        text: String,
    },
    Edit {
        doc: String,
        edit: Edit,
    },
    Undo {
        doc: String,
    },
    Redo {
        doc: String,
    },
    /// Everything replaced by this snapshot (an import: its documents follow as `Open`,
    /// `Status` and `Spans` records).
    Replace {
        snapshot: Snapshot,
    },
    /// Spans put into a document as they are, without undo history (an import's, in parts).
    Spans {
        doc: String,
        spans: Vec<Span>,
    },
    Annotator {
        name: Option<String>,
    },
    Status {
        doc: String,
        status: Status,
    },
    Labels {
        labels: Vec<Label>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub labels: Vec<Label>,
    pub annotator: Option<String>,
    pub documents: Vec<DocSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSnapshot {
    pub id: String,
    pub name: String,
    pub text: String,
    pub spans: Vec<Span>,
    pub next_id: SpanId,
    pub history: History,
    #[serde(default)]
    pub status: Status,
}

/// Spans in one `Spans` record: an import's journal is written in parts this size, each
/// made in a short step.
pub const SPANS_PER_RECORD: usize = 2_000;

/// How far a restore got.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RestoreReport {
    /// Journal records replayed.
    pub applied: usize,
    /// Journal records there were.
    pub total: usize,
    /// Why replay stopped early, if it did.
    pub problem: Option<Error>,
}

impl Record {
    /// The record as it is stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored record, in either form (see the module's documentation).
    pub fn from_json(json: &str) -> Result<Record, Error> {
        let unreadable = |e: serde_json::Error| Error::from(RestoreProblem::RecordUnreadable { detail: e.to_string() });
        match Self::untagged_inside(json) {
            Some(outside) => serde_json::from_str(&outside).map_err(unreadable),
            None => serde_json::from_str(json).map_err(unreadable),
        }
    }

    /// `{"type":"edit",REST}` → `{"edit":{REST}}`. serde_json wrote the tag first, with no
    /// spaces, so the rewrite is exact.
    fn untagged_inside(json: &str) -> Option<String> {
        let rest = json.strip_prefix(r#"{"type":""#)?;
        let (tag, rest) = rest.split_once('"')?;
        let fields = rest.strip_prefix(',').map(|r| format!("{{{r}")).or_else(|| (rest == "}").then(|| "{}".into()))?;
        Some(format!(r#"{{"{tag}":{fields}}}"#))
    }
}

impl Snapshot {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(json: &str) -> Result<Snapshot, Error> {
        serde_json::from_str(json).map_err(|e| RestoreProblem::SnapshotUnreadable { detail: e.to_string() }.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_tagged_inside_by_earlier_versions_are_still_read() {
        let named = Record::Annotator { name: Some("أمل".into()) };
        assert_eq!(Record::from_json(r#"{"type":"annotator","name":"أمل"}"#).unwrap(), named);
        assert_eq!(Record::from_json(&named.to_json()).unwrap(), named);
        assert!(Record::Undo { doc: "a".into() }.to_json().starts_with(r#"{"undo":{"#));
        let status = Record::from_json(r#"{"type":"status","doc":"a","status":"done"}"#).unwrap();
        assert_eq!(status, Record::Status { doc: "a".into(), status: Status::Done });
    }

    #[test]
    fn an_unreadable_record_says_so() {
        let err = Record::from_json(r#"{"type":"teleport"}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("The saved work could not be restored: a saved change is not readable (unknown variant `teleport`"),
            "{err}"
        );
        assert!(matches!(err, Error::Restore { problem: RestoreProblem::RecordUnreadable { .. } }));
    }
}
