//! One module per file format: Alama's own canonical JSON (the export contract) and the
//! formats our users' tools read. Each has a pure `to_*` and `from_*`.

pub mod brat;
pub mod canonical;
pub mod conll;
pub mod hf;
pub mod jsonl;
pub mod label_studio;
pub mod prodigy;
pub mod webanno;
