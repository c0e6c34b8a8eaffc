//! The browser boundaries, one per Wasm module the page loads: [`annotator`] (feature
//! `page`: the workspace the page edits) and [`exchange`] (feature `exchange`: other tools'
//! formats, agreement and adjudication, loaded the first time the page needs them).
//!
//! Structured values cross as JSON text turned into JS values by the engine's own
//! `JSON.parse` / `JSON.stringify`: the core already speaks JSON through serde_json, so a
//! second serde format for JS values would only add size to the module.

#[cfg(feature = "page")]
pub mod annotator;
#[cfg(feature = "exchange")]
pub mod exchange;

#[cfg(feature = "page")]
pub use annotator::Annotator;

use serde::Serialize;
#[cfg(feature = "page")]
use serde::de::DeserializeOwned;
use std::fmt::Display;
use wasm_bindgen::{JsError, JsValue};

/// A refusal the page shows: the core's message as a JS `Error`.
pub(crate) fn js_err(e: impl Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A value as the plain JS object its JSON describes.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(js_err)?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("The core produced JSON the browser could not read."))
}

/// A plain JS value read as `T`; `what` names it in the refusal.
#[cfg(feature = "page")]
pub(crate) fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsError> {
    let json = js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_default();
    serde_json::from_str(&json).map_err(|e| JsError::new(&format!("{what} is malformed: {e}.")))
}
