//! Loading the full module (terminal, explanations, lessons, the workspace).
//!
//! The first-load module has a size budget; the full one is built by trunk next
//! to it (`taintlab-full.js`, `taintlab-full_bg.wasm`, see `index.html`). It is
//! fetched in the background once the page has shown the cluster (or at once when
//! a panel or a button needs it), with its own styles (`static/full.css`), and
//! takes over from this module's latest session, so nothing the user did is lost.

use wasm_bindgen::prelude::*;

// Kept short: this snippet is part of the first load.
// - `saved` finds a share link (`#s=`) or an autosave (`taintlab.session`); the
//   first handover after that passes an empty session, which tells the full
//   module to open what it finds (web/src/full/keep.rs).
// - `keep` records the latest session (`p`, what the handover passes) and, if it
//   holds work and the page found no link or autosave (which the full module
//   opens instead), writes it as the autosave at most once a second.
// - `crashed(message)`, the panic hook's (`crash.rs`), writes it at once and
//   stops any handover (`o=2`; after a handover it writes nothing: `W=0`),
//   then has index.html show its banner (`taintlab-crashed`).
// - `open_full(d, now)` loads the full module once (again after a failure) and
//   hands over: at once if `now`, else in the background two seconds later, and
//   not while a text field has the focus, so that typing is not interrupted.
#[wasm_bindgen(
    inline_js = "let b,t,p,o,f,W,K='taintlab.session';export function saved(){try{b=/^#s=/.test(location.hash)||!!localStorage[K]}catch(e){}return!!b}export function keep(s,w){p=s;W=w&&!b;W&&(t=t||setTimeout(()=>{t=0;try{localStorage[K]=p}catch(e){}},1e3))}export function crashed(m){o=2;let s=!0;try{W&&(localStorage[K]=p)}catch(e){s=!1}dispatchEvent(new CustomEvent('taintlab-crashed',{detail:[m,s]}))}export function open_full(d,n){if(!n)return setTimeout(f=()=>document.activeElement?.matches('input,textarea')?setTimeout(f,2e3):open_full(d,1),2e3);if(o)return;o=1;const u=f=>new URL(f,document.baseURI).href,l=document.createElement('link');l.rel='stylesheet';l.href=u('full.css');document.head.append(l);import(u('taintlab-full.js')).then(m=>m.default({module_or_path:u('taintlab-full_bg.wasm')}).then(()=>{if(o<2){W=0;d(true);m.start_full(b?'':p)}})).catch(e=>{o=o>1?o:0;console.error(e);d(false)})}"
)]
extern "C" {
    #[wasm_bindgen(js_name = open_full)]
    fn open_full_js(done: JsValue, now: bool);
    /// Whether the page was opened on a share link or has an autosave.
    pub fn saved() -> bool;
    /// Records `session` (a session text) as the one to hand over, and schedules
    /// its autosave if it holds `work` (unless the full module is to open a link
    /// or an autosave found at start).
    pub fn keep(session: &str, work: bool);
    /// The panic hook's ([`crate::crash`]): writes the autosave of [`keep`] at
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
