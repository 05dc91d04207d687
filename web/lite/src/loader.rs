//! Loading the full module (terminal, explanations, lessons, the workspace).
//!
//! The first-load module has a size budget; the full one is built by trunk next
//! to it (`taintlab-full.js`, `taintlab-full_bg.wasm`, see `index.html`). It is
//! fetched in the background once the page has shown the cluster (or at once when
//! a panel or a button needs it), with its own styles (`static/full.css`), and
//! takes over from this module's latest session, so nothing the user did is lost.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/loader.js")]
extern "C" {
    #[wasm_bindgen(js_name = open_full)]
    fn open_full_js(done: JsValue, now: bool);
    /// Whether the page was opened on a share link or has an autosave, or is
    /// embedded (both mean: the full module opens the page's scenario).
    pub fn saved() -> bool;
    /// Whether the page is in embed mode (`?embed`): the full module loads at
    /// once, and nothing is autosaved.
    pub fn embed() -> bool;
    /// Records `session` (a session text) as the one to hand over, and schedules
    /// its autosave if it holds `work` (unless the full module is to open a link
    /// or an autosave found at start).
    pub fn keep(session: &str, work: bool);
    /// The panic hook's (`taintlab_ui::crash`): writes the autosave of [`keep`] at
    /// once if there is one to write, stops any handover, and has the page show
    /// its banner with `message`.
    pub fn crashed(message: &str);
}

/// Fetches the full module and hands the latest kept session over to it: `now`,
/// or in the background when the user is not typing. `done(true)` runs just
/// before it takes over, `done(false)` if it cannot be loaded.
pub fn open_full(now: bool, done: impl FnOnce(bool) + 'static) {
    open_full_js(Closure::once_into_js(done), now);
}
