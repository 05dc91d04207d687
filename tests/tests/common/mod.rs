//! What every browser test file needs to read and drive the mounted app.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

/// A fresh element at the end of the page, to mount an app on.
pub fn new_root() -> Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    root
}

/// The app, mounted on a fresh element of its own.
pub struct Mounted {
    pub root: Element,
}

impl Dom for Mounted {
    fn root(&self) -> &Element {
        &self.root
    }
}

impl Mounted {
    /// The app as the test suite mounts it (no autosave, no share link).
    pub async fn new() -> Mounted {
        let root = new_root();
        yew::Renderer::<taintlab_full::App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Mounted { root }
    }
}

/// The DOM of one mounted app, under its own root element.
pub trait Dom {
    /// The element the app is mounted on.
    fn root(&self) -> &Element;

    fn find(&self, selector: &str) -> Option<Element> {
        self.root().query_selector(selector).ok().flatten()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn count(&self, selector: &str) -> u32 {
        self.root()
            .query_selector_all(selector)
            .map(|l| l.length())
            .unwrap_or(0)
    }

    fn editor(&self) -> HtmlTextAreaElement {
        self.get("[data-testid=editor]").unchecked_into()
    }

    /// Types `text` into the editor: sets it and fires `input`, as a browser would.
    async fn type_text(&self, text: &str) {
        let editor = self.editor();
        editor.set_value(text);
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
        editor.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }

    async fn click(&self, selector: &str) {
        self.get(selector).unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }
}

/// Lets the browser run its tasks (timers, file reads) for `ms` milliseconds, then
/// renders what they changed.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    yew::scheduler::flush().await;
}
