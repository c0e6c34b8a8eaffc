//! The text layer: a document's exact text and everything measured on it, with no notion
//! of spans or labels. Positions counted three ways (`offsets`), the document and its
//! fingerprint (`document`), word boundaries (`segment`), the matching normalisation
//! (`normalize`), selection cleaning (`clean`) and Arabic proclitics (`clitics`).

pub mod clean;
pub mod clitics;
pub mod document;
pub mod normalize;
pub mod offsets;
pub mod segment;
