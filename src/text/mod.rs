//! The text layer: a document's exact text and everything measured on it, with no notion
//! of spans or labels. Positions counted three ways (`offsets`), the document and its
//! fingerprint (`document`), word boundaries (`segment`), the matching normalisation
//! (`normalize`), selection cleaning (`clean`), Arabic proclitics (`clitics`) and bytes
//! checked as UTF-8 a piece at a time (`utf8`).

pub mod clean;
pub mod clitics;
pub mod document;
pub mod normalize;
pub mod offsets;
pub mod segment;
pub mod utf8;
