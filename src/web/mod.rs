//! The browser boundaries, one per Wasm module the page loads: [`annotator`] (feature
//! `page`: the session the page edits) and [`exchange`] (feature `exchange`: other tools'
//! formats, agreement and adjudication, loaded the first time the page needs them). They
//! only convert: structured values cross as JS objects (serde-wasm-bindgen, typed for the
//! page by tsify), downloads as `Blob`s made from the core's bytes, refusals as JS `Error`s
//! that carry the core's coded error, and work done in steps is bounded by the browser's
//! clock.

#[cfg(feature = "page")]
pub mod annotator;
#[cfg(feature = "exchange")]
pub mod exchange;

#[cfg(feature = "page")]
pub use annotator::Annotator;

use crate::error::{Error, RequestProblem};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Display;
#[cfg(feature = "page")]
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

// The core's type aliases, as TypeScript knows them.
#[wasm_bindgen(typescript_custom_section)]
const ALIASES: &str = "export type SpanId = number;\nexport type SpanNumber = number;";

/// A value as the plain JS object (or array, string, number) it describes.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// A JS value the page sent, read as `T`; `what` names it in the refusal.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.strip_prefix("Error: ").unwrap_or(&detail).to_string();
        refusal(&Error::from(RequestProblem::Unreadable { what: what.into(), detail }))
    })
}

/// A refusal for the page: a JS `Error` whose message is the English wording and whose
/// `error` is the coded error itself (`{ code, …fields }`), which the page words.
pub(crate) fn refusal<E: Serialize + Display>(e: &E) -> JsValue {
    let error = js_sys::Error::new(&e.to_string());
    error.set_name("AlamaError");
    if let Ok(coded) = to_js(e) {
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("error"), &coded);
    }
    error.into()
}

/// A result of the core as the page receives it.
#[cfg(feature = "page")]
pub(crate) fn answer<T: Serialize, E: Serialize + Display>(result: Result<T, E>) -> Result<JsValue, JsValue> {
    to_js(&result.map_err(|e| refusal(&e))?)
}

/// The browser's clock, found once (it is read between every two steps of long work, and
/// finding it crosses into JavaScript twice); it reads 0 where there is none: work then runs
/// one step.
#[cfg(feature = "page")]
pub(crate) struct Clock(Option<web_sys::Performance>);

#[cfg(feature = "page")]
impl Default for Clock {
    fn default() -> Self {
        Clock(web_sys::window().and_then(|w| w.performance()))
    }
}

#[cfg(feature = "page")]
impl Clock {
    /// Milliseconds.
    pub(crate) fn now(&self) -> f64 {
        self.0.as_ref().map_or(0.0, |p| p.now())
    }
}

/// A download made from bytes without turning them into a JS string first: the Blob copies
/// them straight out of the module's memory.
pub(crate) fn blob(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, JsValue> {
    // Safety: the view is read by the Blob constructor at once, before anything can allocate
    // in the module's memory and move it.
    let view = unsafe { js_sys::Uint8Array::view(bytes) };
    let parts = js_sys::Array::of1(&view);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}

/// A list of strings as a JS array.
#[cfg(feature = "page")]
pub(crate) fn strings(list: impl IntoIterator<Item = String>) -> js_sys::Array {
    list.into_iter().map(|s| JsValue::from_str(&s)).collect()
}

/// A JS value as a string, if it is one.
#[cfg(feature = "page")]
pub(crate) fn string_of(value: &JsValue) -> Option<String> {
    value.dyn_ref::<js_sys::JsString>().map(String::from)
}
