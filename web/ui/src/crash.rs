//! When the app panics: keep the work, say so, offer a reload.
//!
//! The release profile aborts on a panic (`panic = "abort"`): the WebAssembly
//! instance stops where it was, so the page would freeze without a word. The
//! hook runs before that. It touches no app state (a `RefCell` may be borrowed,
//! the reducer half-way): the session to keep is the last one the app rendered,
//! held by the module's JavaScript for the autosave (the first-load module's in
//! `web/lite/src/loader.js`, the full one's in `web/full/src/sharing.js`), and written at once. Then the
//! page (`index.html`: its `<template id="crashed">` and the script after it,
//! which listen for `taintlab-crashed`) puts a banner above the app, in English
//! and Chinese: taintlab stopped, the work is saved (or storage refused it), a
//! Reload button, and the panic message for a bug report. The banner lives in
//! the page so that both modules share it and the first load does not carry it.
//!
//! An allocation failure aborts without a panic, so without this hook.

use wasm_bindgen::prelude::*;

/// Installs the panic hook (the module's `main`, once), with the module's
/// `crashed` (its JavaScript's, which holds the session to keep). Through yew,
/// which otherwise puts its own in place when the app is rendered.
pub fn install(crashed: fn(&str)) {
    yew::set_custom_panic_hook(Box::new(move |info| crashed(&info.to_string())));
}

/// Panics, so that the site check (`xtask/site-check.mjs`) can see the hook at
/// work in the release build. No control of the page calls it.
#[wasm_bindgen]
pub fn crash_for_test() {
    panic!("taintlab test panic (crash_for_test)");
}
