//! Alama's core: documents, spans, offsets, undo history and the export contract, in plain
//! Rust with no browser types, so that `cargo test` exercises everything the page relies on.
//!
//! Layers, each standing only on those before it (tests/architecture.rs checks this):
//! `text` (the exact text and positions in it), `error` (every refusal as data),
//! `annotations` (labels, spans, history, journal, workspace), `suggest` and `exchange`
//! (suggestions; files in and out, agreement, adjudication: neither uses the other),
//! `session` (one person's page, every intent) and `web` (the browser boundaries, only in
//! the wasm32 build).

pub mod annotations;
pub mod error;
pub mod exchange;
pub mod session;
pub mod suggest;
pub mod text;

#[cfg(all(target_arch = "wasm32", any(feature = "page", feature = "exchange")))]
pub mod web;

pub use annotations::workspace::Workspace;
pub use error::Error;
