//! Files that carry a workspace out of the page and back in. `canonical` is Alama's own
//! JSON (the export contract, version 1); other formats build on the same workspace reads.

pub mod canonical;
