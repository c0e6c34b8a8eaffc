//! The annotations layer: what an annotator makes on the text. The label set (`labels`),
//! one document's spans (`spans`) and the suggestions offered as spans (`suggestion`),
//! undo and redo (`history`), the journal of changes and the snapshot it folds into
//! (`journal`), and the workspace that holds it all and takes every change (`workspace`).

pub mod history;
pub mod journal;
pub mod labels;
pub mod spans;
pub mod suggestion;
pub mod workspace;
