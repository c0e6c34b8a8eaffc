//! Alama's core: documents, spans, offsets, undo history and the export contract, in plain
//! Rust with no browser types, so that `cargo test` exercises everything the page relies on.
//! The browser boundary lives in `web` and only exists in the wasm32 build.

pub mod adjudicate;
pub mod agree;
pub mod clean;
pub mod clitics;
pub mod document;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod history;
pub mod known;
pub mod labels;
pub mod normalize;
pub mod occurrences;
pub mod offsets;
pub mod persist;
pub mod segment;
pub mod spans;
pub mod view;
pub mod workspace;

#[cfg(all(target_arch = "wasm32", any(feature = "page", feature = "exchange")))]
pub mod web;

pub use error::Error;
pub use workspace::Workspace;
