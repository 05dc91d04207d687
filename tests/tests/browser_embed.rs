//! Browser tests for embed mode (`?embed`, README "Embedding"): the app opens
//! the link in the address, tells its parent its height with `postMessage`,
//! keeps nothing in the learner's `localStorage`, and the Embed button's
//! snippet embeds the current scenario.
//!
//! The test page is its own parent (`window.parent === window` at the top), so
//! the app's messages to its parent arrive at this page's `message` listener,
//! as they would at a tutorial page around an `<iframe>`. The release site's
//! check (`xtask/site-check.mjs`) embeds the real page in an `<iframe>` too.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, sleep};
use std::cell::RefCell;
use std::rc::Rc;
use taintlab_core::TUTORIAL_DAEMONSET_TOLERATING;
use taintlab_core::session::{Input, Session};
use taintlab_full::{App, AppProps};
use taintlab_playground::link;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, MessageEvent};

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "taintlab.session";

struct Mounted {
    root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl Dom for Mounted {
    fn root(&self) -> &Element {
        &self.root
    }
}

impl Mounted {
    async fn with(props: AppProps) -> Mounted {
        let root = common::new_root();
        let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        Mounted {
            root,
            handle: Some(handle),
        }
    }

    fn destroy(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }

    /// Waits (up to 5 s) until `ready` holds.
    async fn until(&self, what: &str, ready: impl Fn(&Mounted) -> bool) {
        for _ in 0..250 {
            yew::scheduler::flush().await;
            if ready(self) {
                return;
            }
            sleep(20).await;
        }
        panic!("timed out waiting for {what}");
    }

    /// The rendered height of the app, as the height message rounds it.
    fn app_height(&self) -> f64 {
        self.get(".app").get_bounding_client_rect().height().ceil()
    }
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

fn storage() -> web_sys::Storage {
    window()
        .local_storage()
        .ok()
        .flatten()
        .expect("localStorage")
}

/// Puts `hash` in the address without loading, as opening a link would have.
fn set_hash(hash: &str) {
    let location = window().location();
    let url = format!(
        "{}{}{hash}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    window()
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .expect("replaceState");
}

/// The heights of the `taintlab:height` messages this page receives, while it lives.
struct Heights {
    seen: Rc<RefCell<Vec<f64>>>,
    listener: Closure<dyn FnMut(MessageEvent)>,
}

impl Heights {
    fn listen() -> Heights {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let listener = {
            let seen = seen.clone();
            Closure::new(move |event: MessageEvent| {
                let data = event.data();
                let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok();
                if field("type").and_then(|t| t.as_string()).as_deref() == Some("taintlab:height")
                    && let Some(height) = field("height").and_then(|h| h.as_f64())
                {
                    seen.borrow_mut().push(height);
                }
            })
        };
        window()
            .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
            .expect("listens");
        Heights { seen, listener }
    }

    fn last(&self) -> Option<f64> {
        self.seen.borrow().last().copied()
    }
}

impl Drop for Heights {
    fn drop(&mut self) {
        let _ = window()
            .remove_event_listener_with_callback("message", self.listener.as_ref().unchecked_ref());
    }
}

/// A link's scenario: the tolerating DaemonSet applied, the clock paused.
fn scenario() -> Session {
    let mut session = Session {
        files: vec![("lesson.yaml".into(), TUTORIAL_DAEMONSET_TOLERATING.into())],
        speed: 1,
        paused: true,
        panel: "events".into(),
        ..Session::default()
    };
    session.record(Input::Apply(TUTORIAL_DAEMONSET_TOLERATING.into()));
    session.record(Input::Advance {
        seconds: 1,
        times: 5,
    });
    session
}

#[wasm_bindgen_test]
async fn embed_mode_opens_the_link_reports_its_height_and_keeps_nothing() {
    // The learner's own session, in the full-size page's autosave.
    let own = "the learner's own session";
    storage().set_item(KEY, own).expect("stored");
    set_hash(&link::fragment(&scenario()));
    let heights = Heights::listen();
    // `keep` on as well: embed mode must keep nothing whatever the page says.
    let app = Mounted::with(AppProps {
        keep: true,
        embed: true,
        ..AppProps::default()
    })
    .await;
    app.until("the link's pods", |a| {
        a.count("[data-node=master] [data-pod^='redis-ds-']") == 1
    })
    .await;
    // The embed shows the terminal (the link opens the first panel), and a
    // link to the full-size page in place of Share, Import, Export and Reset.
    app.until("the terminal", |a| {
        a.find("[data-testid=terminal-input]").is_some()
    })
    .await;
    assert!(app.find("[data-testid=open-full-size]").is_some());
    assert_eq!(app.count("[data-testid=share], [data-testid=reset]"), 0);
    assert!(app.get(".app").class_list().contains("embed"));

    app.until("the height message of the content", |a| {
        heights.last() == Some(a.app_height())
    })
    .await;
    // The content grows: a new message says so.
    let before = app.app_height();
    app.click("[data-tab=lessons]").await;
    app.until("a new height", |a| {
        a.app_height() != before && heights.last() == Some(a.app_height())
    })
    .await;

    // Work in the embed, and wait past the autosave's one-second delay.
    app.type_text("# changed in the embed\n").await;
    app.click("[data-testid=apply]").await;
    app.click("[data-testid=clock-step]").await;
    sleep(1500).await;
    assert_eq!(
        storage().get_item(KEY).ok().flatten().as_deref(),
        Some(own),
        "embed mode wrote over the learner's session"
    );
    // Open in taintlab carries that work, once the focus reaches it.
    let link = || {
        app.get("[data-testid=open-full-size]")
            .get_attribute("href")
            .unwrap_or_default()
    };
    let first = link();
    app.get("[data-testid=open-full-size]")
        .unchecked_into::<web_sys::HtmlElement>()
        .focus()
        .expect("focused");
    app.until("a new full-size link", |_| link() != first).await;
    let opened = link();
    let fragment = &opened[opened.find("#s=").expect("a link")..];
    let session = link::session(fragment).expect("Rust reads it");
    assert!(
        session
            .files
            .iter()
            .any(|(_, text)| text.contains("# changed in the embed")),
        "{:?}",
        session.files
    );
    app.destroy();
    let _ = storage().remove_item(KEY);
    set_hash("");
}

#[wasm_bindgen_test]
async fn embed_mode_never_opens_the_autosave() {
    let mut own = Session {
        speed: 1,
        ..Session::default()
    };
    own.record(Input::Apply(TUTORIAL_DAEMONSET_TOLERATING.into()));
    storage().set_item(KEY, &own.encode()).expect("stored");
    set_hash("");
    let app = Mounted::with(AppProps {
        keep: true,
        embed: true,
        ..AppProps::default()
    })
    .await;
    sleep(300).await;
    yew::scheduler::flush().await;
    // The built-in example: nothing applied, so no redis-ds pod.
    assert_eq!(app.count("[data-pod^='redis-ds-']"), 0);
    app.destroy();
    let _ = storage().remove_item(KEY);
}

#[wasm_bindgen_test]
async fn the_embed_button_gives_a_snippet_of_the_current_scenario() {
    set_hash("");
    let app = Mounted::with(AppProps::default()).await;
    app.click("[data-testid=pause]").await;
    app.click("[data-testid=apply]").await;
    app.click("[data-testid=embed]").await;
    app.until("the snippet", |a| {
        a.find("[data-testid=embed-code]").is_some()
    })
    .await;
    let snippet = app
        .get("[data-testid=embed-code]")
        .unchecked_into::<web_sys::HtmlTextAreaElement>()
        .value();
    let src = snippet
        .split("src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an iframe src");
    let (page, fragment) = src.split_once("?embed#").expect("?embed and a fragment");
    assert!(page.starts_with("http"), "{src}");
    let session = link::session(&format!("#{fragment}")).expect("Rust reads the link");
    assert!(session.paused);
    assert!(
        matches!(&session.log[..], [Input::Apply(_)]),
        "{:?}",
        session.log
    );
    assert!(snippet.contains("taintlab:height"), "{snippet}");
    // The address bar is left alone.
    assert_eq!(window().location().hash().unwrap_or_default(), "");
    app.destroy();
}
