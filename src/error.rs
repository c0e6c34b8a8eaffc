//! Every way an action can be refused, each with a message a person can act on. The
//! browser boundary turns these into `JsError`s carrying the same text.

use crate::annotations::spans::{SpanError, SpanId};
use crate::text::clean::CleanError;
use crate::text::document::FileProblem;
use crate::text::offsets::OffsetError;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    UnknownDocument(String),
    UnknownSpan(SpanId),
    UnknownLabel(String),
    Offset(OffsetError),
    NothingToTag,
    Duplicate {
        label: String,
        text: String,
    },
    File {
        file: String,
        problem: FileProblem,
    },
    /// An import refused as a whole; `at` names the field (e.g. `documents[2].spans[5].end`).
    Import {
        file: String,
        at: String,
        problem: String,
    },
    /// An edit that the history could not replay (a bug, reported rather than hidden).
    History(String),
    /// A label set that cannot be used, with the reason.
    Labels(String),
    /// Work saved in the browser's storage that cannot be restored, with the reason.
    Restore(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownDocument(id) => write!(f, "There is no document “{id}”."),
            Error::UnknownSpan(id) => write!(f, "There is no span {id} in this document."),
            Error::UnknownLabel(id) => write!(f, "There is no label “{id}”."),
            Error::Offset(e) => write!(f, "The selection is not inside the text: {e}."),
            Error::NothingToTag => {
                write!(f, "The selection holds only spaces or punctuation: nothing to tag.")
            }
            Error::Duplicate { label, text } => {
                write!(f, "“{text}” is already tagged {label} at exactly these characters.")
            }
            Error::File { file, problem } => write!(f, "Cannot open “{file}”: {problem}."),
            Error::Import { file, at, problem } if at.is_empty() => {
                write!(f, "Cannot import “{file}”: {problem}. Nothing was changed.")
            }
            Error::Import { file, at, problem } => {
                write!(f, "Cannot import “{file}”: {at}: {problem}. Nothing was changed.")
            }
            Error::History(e) => write!(f, "Undo/redo failed: {e}."),
            Error::Labels(problem) => write!(f, "The labels were not changed: {problem}."),
            Error::Restore(problem) => write!(f, "The saved work could not be restored: {problem}."),
        }
    }
}

impl std::error::Error for Error {}

impl From<OffsetError> for Error {
    fn from(e: OffsetError) -> Self {
        Error::Offset(e)
    }
}

impl From<CleanError> for Error {
    fn from(e: CleanError) -> Self {
        match e {
            CleanError::Offset(e) => Error::Offset(e),
            CleanError::NothingToTag => Error::NothingToTag,
        }
    }
}

impl From<SpanError> for Error {
    fn from(e: SpanError) -> Self {
        match e {
            SpanError::UnknownSpan(id) => Error::UnknownSpan(id),
            other => Error::History(other.to_string()),
        }
    }
}
