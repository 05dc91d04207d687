//! Loading the full module (terminal, explanations, lessons) on demand.
//!
//! The first-load module has a size budget; the full one is built by trunk next
//! to it (`taintlab-full.js`, `taintlab-full_bg.wasm`, see `index.html`) and is
//! fetched only when a panel needs it, with its own styles (`static/full.css`). It starts from this module's session, so
//! nothing the user did is lost.

use wasm_bindgen::prelude::*;

// Kept short: this snippet is part of the first load. `saved` finds a share link
// (`#s=`) or an autosave (`taintlab.session`); the first handover after that
// passes an empty session, which tells the full module to open what it finds
// (web/src/full/keep.rs). `keep` writes the autosave at most once a second.
#[wasm_bindgen(
    inline_js = "let b,t,p,K='taintlab.session';export function saved(){try{b=/^#s=/.test(location.hash)||!!localStorage[K]}catch(e){}return!!b}export function keep(s){p=s;t=t||setTimeout(()=>{t=0;try{localStorage[K]=p}catch(e){}},1e3)}export function open_full(s,d){if(b)s=b='';const u=f=>new URL(f,document.baseURI).href,l=document.createElement('link');l.rel='stylesheet';l.href=u('full.css');document.head.append(l);import(u('taintlab-full.js')).then(m=>m.default({module_or_path:u('taintlab-full_bg.wasm')}).then(()=>{d(true);m.start_full(s)})).catch(e=>{console.error(e);d(false)})}"
)]
extern "C" {
    #[wasm_bindgen(js_name = open_full)]
    fn open_full_js(session: &str, done: JsValue);
    /// Whether the page was opened on a share link or has an autosave.
    pub fn saved() -> bool;
    /// Schedules the autosave of `session` (a session text).
    pub fn keep(session: &str);
}

/// Fetches the full module and starts it on `session`; `done(true)` just before it
/// takes over, `done(false)` if it cannot be loaded.
pub fn open_full(session: &str, done: impl FnOnce(bool) + 'static) {
    open_full_js(session, Closure::once_into_js(done));
}
