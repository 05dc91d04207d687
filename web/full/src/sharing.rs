//! Sharing and keeping work: the share link, the autosave, reset, import of a
//! real cluster's nodes and export to a real cluster with kind.
//!
//! A share link is the page's address with `#s=` and the session text
//! ([`Session::encode`]) compressed with raw DEFLATE by the browser's
//! `CompressionStream("deflate-raw")`, in unpadded base64url; opening it replays
//! the session exactly. `taintlab_core::link` makes the same fragments in Rust.
//! The autosave keeps the session text in `localStorage` (`taintlab.session`),
//! written at most once a second and when the page is hidden, and only once the
//! session holds work ([`Session::has_work`]). When the work started from a
//! share link (opened here, or made by Share), the text is preceded by a line
//! `#s=CODE` naming it; the first-load module writes plain session texts (its
//! work never starts from a link).
//!
//! In embed mode (`?embed`, [`embed`]) the page opens the link in its address
//! and nothing else, and keeps nothing: the autosave is the learner's own
//! session, in the full-size page.
//!
//! At start, what the user opened wins: a link in the address, unless the
//! autosave continues that same link's work (a reload after working on it);
//! else the autosave. A link pasted into the address bar of the open page is
//! opened at once.

mod bar;
pub mod embed;
mod embed_button;
mod import_dialog;
mod import_report;

pub use bar::KeepBar;
pub use embed::{EmbedBar, use_height_report};

use crate::state::{Action, AppState};
use taintlab_core::limits::Limit;
use taintlab_core::limits::MAX_TEXT_BYTES;
use taintlab_core::session::{Input, Session};
use taintlab_playground::Msg;
use wasm_bindgen::prelude::*;
use yew::UseReducerHandle;

#[wasm_bindgen(module = "/src/sharing.js")]
extern "C" {
    /// Schedules the autosave of `text` (at most one write a second).
    fn keep(text: &str);
    /// Names the link the work started from (`None`: none), for the autosave.
    fn set_origin(code: Option<String>);
    /// Drops the autosave, its link and any write still pending.
    fn forget();
    /// The autosave as stored, if any.
    fn saved() -> Option<String>;
    /// What follows `#s=` in the address, if the address has it.
    fn link_code() -> Option<String>;
    /// Calls `opened(code)` when the address changes to a link; returns an id
    /// for [`unwatch_links`].
    fn watch_links(opened: &Closure<dyn FnMut(String)>) -> u32;
    /// Stops a [`watch_links`].
    fn unwatch_links(id: u32);
    /// Puts `hash` (`#s=…`, or nothing) in the address bar without loading;
    /// returns the whole address.
    fn set_hash(hash: &str) -> String;
    /// Compresses `text`; `done(code, "")` or `done("", error)`.
    fn pack(text: &str, done: JsValue);
    /// Decompresses `code`, refusing more than `max` bytes of code or of text;
    /// `done(text, "")` or `done(null, error)` (`"size"` when over `max`).
    fn unpack(code: &str, max: usize, done: JsValue);
    /// The panic hook's (`taintlab_ui::crash`): writes the autosave at once, then
    /// has the page show its banner with `message`.
    pub fn crashed(message: &str);
    /// Copies `text` to the clipboard; `done(copied)`.
    fn copy(text: &str, done: JsValue);
    /// Offers `text` as a file named `name`.
    fn download(name: &str, text: &str);
    /// The URL after `#lesson=` in the address, if the address has one.
    fn lesson_url() -> Option<String>;
    /// Calls `opened(url)` when the address changes to a `#lesson=` URL;
    /// returns the function that stops watching.
    fn watch_lessons(opened: &Closure<dyn FnMut(String)>) -> js_sys::Function;
    /// Fetches a lesson file (CORS, no credentials, at most `max` bytes);
    /// `done(text, "", "")` or `done(null, kind, detail)`.
    fn fetch_lesson(url: &str, max: usize, done: JsValue);
}

/// The URL of a lesson the address asks for (`#lesson=URL`).
pub fn lesson_in_address() -> Option<String> {
    lesson_url()
}

/// Takes `#lesson=URL` out of the address once that lesson was fetched (or
/// could not be): the session carries it now, so a reload continues from the
/// autosave instead of fetching it and starting over. Only then, so that every
/// app listening to the address (the tests mount several) sees the URL.
pub fn done_with_lesson_url(url: &str) {
    if lesson_url().as_deref() == Some(url) {
        set_hash("");
    }
}

/// Why a lesson could not be fetched: the kind (`url`, `network`, `status`,
/// `size`, `encoding`) and what the browser said.
pub type FetchError = (String, String);

/// Fetches the lesson file at `url` as text; `done(Err((kind, detail)))`.
pub fn fetch_lesson_text(url: &str, done: impl FnOnce(Result<String, FetchError>) + 'static) {
    let callback =
        Closure::once_into_js(move |text: Option<String>, kind: String, detail: String| {
            done(text.ok_or((kind, detail)))
        });
    fetch_lesson(url, taintlab_core::limits::MAX_LESSON_BYTES, callback);
}

/// Watches the address for `#lesson=` URLs put into it while the page is open.
pub struct LessonWatch {
    stop: js_sys::Function,
    _callback: Closure<dyn FnMut(String)>,
}

impl LessonWatch {
    /// Calls `opened(url)` for each `#lesson=` URL the address changes to.
    pub fn new(opened: impl FnMut(String) + 'static) -> LessonWatch {
        let callback = Closure::new(opened);
        LessonWatch {
            stop: watch_lessons(&callback),
            _callback: callback,
        }
    }
}

impl Drop for LessonWatch {
    fn drop(&mut self) {
        let _ = self.stop.call0(&JsValue::NULL);
    }
}

/// The address that opens `session`, put in the address bar; `done(Ok(url))`.
/// The work continues from that link from now on.
pub fn share_link(session: &Session, done: impl FnOnce(Result<String, String>) + 'static) {
    link_code_of(session, move |result| {
        done(result.map(|code| {
            let url = set_hash(&format!("#s={code}"));
            set_origin(Some(code));
            url
        }))
    });
}

/// What follows `#s=` in a link to `session`; `done(Ok(code))`. Nothing else
/// changes (the Embed button's snippet is made so).
pub fn link_code_of(session: &Session, done: impl FnOnce(Result<String, String>) + 'static) {
    let text = session.encode();
    // A link to more than a link may hold (an import of a big cluster) could
    // not be opened: say so now.
    if text.len() > MAX_TEXT_BYTES {
        done(Err(Limit::TextBytes.en()));
        return;
    }
    let callback = Closure::once_into_js(move |code: String, error: String| {
        done(if error.is_empty() {
            Ok(code)
        } else {
            Err(error)
        })
    });
    pack(&text, callback);
}

/// Reads the session in a `#s=` code; `done(Err(message))` for a damaged link,
/// or [`Limit::TextBytes`]'s message for one over [`MAX_TEXT_BYTES`], before
/// or after decompression (as `taintlab_core::link` does).
pub fn open_link(code: &str, done: impl FnOnce(Result<Session, String>) + 'static) {
    let callback = Closure::once_into_js(move |text: Option<String>, error: String| {
        done(match text {
            Some(text) => Session::decode(&text),
            None if error == "size" => Err(Limit::TextBytes.en()),
            None if error == "base64" => Err("it is not base64url".into()),
            None => Err("its data does not decompress".into()),
        })
    });
    unpack(code, MAX_TEXT_BYTES, callback);
}

/// Autosaves `session` if it holds work (called on every render of the app).
/// A session holding an import larger than [`MAX_TEXT_BYTES`] is not kept: it
/// could not be read back, and encoding it on every render would cost as much
/// as the import.
pub fn autosave(session: &Session) {
    let too_large = session
        .log
        .iter()
        .any(|i| matches!(i, Input::ImportState(text) if text.len() > MAX_TEXT_BYTES));
    if session.has_work() && !too_large {
        keep(&session.encode());
    }
}

/// Why nothing was restored at start: the link or the autosave could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum RestoreError {
    /// The link in the address is damaged.
    Link(String),
    /// The autosave could not be read.
    Autosave(String),
}

/// The autosave's link line, if any, and its session text.
fn split_saved(saved: &str) -> (Option<&str>, &str) {
    match saved
        .strip_prefix("#s=")
        .and_then(|rest| rest.split_once('\n'))
    {
        Some((code, text)) => (Some(code), text),
        None => (None, saved),
    }
}

/// Opens the link `code` in place of everything; `failed` says why it could not.
pub fn open_shared(
    state: &UseReducerHandle<AppState>,
    code: String,
    failed: impl FnOnce(RestoreError) + 'static,
) {
    let state = state.clone();
    open_link(&code.clone(), move |result| match result {
        Ok(session) => {
            set_origin(Some(code));
            state.dispatch(Action::Update(Msg::Restore(session)));
        }
        Err(message) => failed(RestoreError::Link(message)),
    });
}

/// Opens what the page holds, once at start: the link in the address unless
/// the autosave continues that same link's work, else the autosave. `failed`
/// says why neither could be read.
pub fn restore_at_start(
    state: &UseReducerHandle<AppState>,
    failed: impl FnOnce(RestoreError) + 'static,
) {
    let saved = saved();
    let (origin, text) = match &saved {
        Some(saved) => {
            let (origin, text) = split_saved(saved);
            (origin, Some(text))
        }
        None => (None, None),
    };
    if let Some(code) = link_code()
        && (text.is_none() || origin != Some(code.as_str()))
    {
        open_shared(state, code, failed);
        return;
    }
    if let Some(text) = text {
        // Only this page writes it, but storage is the user's to change.
        if text.len() > MAX_TEXT_BYTES {
            failed(RestoreError::Autosave(Limit::TextBytes.en()));
            return;
        }
        match Session::decode(text) {
            Ok(session) => {
                set_origin(origin.map(str::to_string));
                state.dispatch(Action::Update(Msg::Restore(session)));
            }
            Err(message) => failed(RestoreError::Autosave(message)),
        }
    }
}

/// Watches the address for links pasted into it while the page is open.
pub struct LinkWatch {
    id: u32,
    _callback: Closure<dyn FnMut(String)>,
}

impl LinkWatch {
    /// Calls `opened(code)` for each link the address changes to.
    pub fn new(opened: impl FnMut(String) + 'static) -> LinkWatch {
        let callback = Closure::new(opened);
        LinkWatch {
            id: watch_links(&callback),
            _callback: callback,
        }
    }
}

impl Drop for LinkWatch {
    fn drop(&mut self) {
        unwatch_links(self.id);
    }
}

/// Drops the autosave and the link in the address bar.
pub fn forget_all() {
    forget();
    set_hash("");
}

/// Copies `text` to the clipboard; `done(copied)`.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    copy(text, Closure::once_into_js(done));
}

/// Offers `text` as a file named `name`.
pub fn offer_download(name: &str, text: &str) {
    download(name, text);
}
