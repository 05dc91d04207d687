//! Browser tests for sharing and keeping work: the share link round trip (in the
//! browser, and between the browser and `taintlab_playground::link`), damaged links,
//! the autosave, reset, and import.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, sleep};

use taintlab_core::limits::MAX_TEXT_BYTES;
use taintlab_core::session::{Input, Session};
use taintlab_core::{TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};
use taintlab_full::{App, AppProps};
use taintlab_playground::link;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "taintlab.session";
const KIND_V130: &str = include_str!("../../core/tests/fixtures/kind-v1.30-nodes.yaml");
const STATE: &str = include_str!("../../core/tests/fixtures/cluster_state.yaml");
/// Names in the fixture's state that a link with placeholders does not carry.
const REAL_NAMES: [&str; 7] = [
    "kind-control-plane",
    "kind-worker",
    "logging",
    "shop",
    "log-agent",
    "web-7c5b9d6f84",
    "nginx",
];

/// The app, mounted on a fresh element of its own (as in `browser.rs`, plus the
/// props and the handle to take it down).
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

    /// The page's app: opens the link or the autosave, keeps its work.
    async fn keeping() -> Mounted {
        Mounted::with(AppProps {
            keep: true,
            ..AppProps::default()
        })
        .await
    }

    async fn plain() -> Mounted {
        Mounted::with(AppProps::default()).await
    }

    /// Unmounts the app (its clock and autosave stop).
    fn destroy(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }

    /// The pods shown, by name, sorted.
    fn pods(&self) -> Vec<String> {
        let list = self.root.query_selector_all("[data-pod]").expect("a list");
        let mut pods: Vec<String> = (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute("data-pod"))
            .collect();
        pods.sort();
        pods
    }

    /// Waits (up to 5 s) until `ready` holds: links are made and read by the
    /// browser's compression streams, which answer asynchronously.
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

fn hash() -> String {
    window().location().hash().unwrap_or_default()
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

/// A clean page: no link, no autosave.
fn clean_page() {
    set_hash("");
    let _ = storage().remove_item(KEY);
}

#[wasm_bindgen_test]
async fn a_shared_link_opens_the_same_pods_clock_and_files() {
    clean_page();
    let a = Mounted::plain().await;
    a.click("[data-testid=pause]").await;
    a.click("[data-testid=apply]").await;
    a.click("[data-node=master] .taint-remove").await;
    for _ in 0..4 {
        a.click("[data-testid=clock-step]").await;
    }
    a.click("[data-testid=speed]").await;
    let draft = format!("{TUTORIAL_DAEMONSET_TOLERATING}# not applied yet\n");
    a.type_text(&draft).await;
    a.click("[data-testid=share]").await;
    a.until("the link", |_| hash().starts_with("#s=")).await;
    a.until("the notice", |a| {
        a.find("[data-testid=keep-notice]").is_some()
    })
    .await;
    let notice = a.text("[data-testid=keep-notice]");
    let copied = notice.contains("Link copied");
    let shown = a
        .find("[data-testid=share-link]")
        .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>().value());
    assert!(
        copied || shown.as_deref() == window().location().href().ok().as_deref(),
        "copied, or shown to copy by hand: {notice} {shown:?}"
    );

    // The fragment is what taintlab_playground::link reads, too.
    let session = link::session(&hash()).expect("Rust reads the browser's link");
    assert_eq!(session.files[0].1, draft);
    assert!(session.paused);
    assert_eq!(session.speed, 2);
    assert!(matches!(&session.log[0], Input::Apply(text) if text == TUTORIAL_DAEMONSET));

    let (pods, clock) = (a.pods(), a.text("[data-testid=clock-time]"));
    assert_eq!(pods.len(), 2, "{pods:?}");
    a.destroy();
    let b = Mounted::keeping().await;
    b.until("the restored clock", |b| {
        b.text("[data-testid=clock-time]") == clock
    })
    .await;
    assert_eq!(b.pods(), pods, "the same pods, same names");
    assert_eq!(b.editor().value(), draft);
    assert_eq!(
        b.get("[data-testid=pause]").get_attribute("aria-pressed"),
        Some("true".to_string())
    );
    assert_eq!(b.text("[data-testid=speed]"), "2×");
    assert!(b.text("[data-node=master]").contains("redis-ds-"));
    b.destroy();
    clean_page();
}

#[wasm_bindgen_test]
async fn a_link_made_in_rust_opens_in_the_browser() {
    clean_page();
    let mut session = Session {
        files: vec![("mine.yaml".into(), TUTORIAL_DAEMONSET_TOLERATING.into())],
        speed: 1,
        paused: true,
        panel: "events".into(),
        ..Session::default()
    };
    session.record(Input::Apply(TUTORIAL_DAEMONSET_TOLERATING.into()));
    session.record(Input::Advance {
        seconds: 1,
        times: 42,
    });
    set_hash(&link::fragment(&session));
    let app = Mounted::keeping().await;
    app.until("the restored clock", |a| {
        a.text("[data-testid=clock-time]") == "0:42"
    })
    .await;
    assert_eq!(app.count("[data-node=master] [data-pod^='redis-ds-']"), 1);
    assert_eq!(app.count("[data-node=worker] [data-pod^='redis-ds-']"), 1);
    assert_eq!(app.editor().value(), TUTORIAL_DAEMONSET_TOLERATING);
    app.destroy();
    clean_page();
}

#[wasm_bindgen_test]
async fn a_damaged_link_says_so_and_leaves_the_example() {
    clean_page();
    let good = link::fragment(&Session {
        files: vec![("a.yaml".into(), "x".into())],
        ..Session::default()
    });
    for damaged in ["#s=AAAA", "#s=%%%", &good[..good.len() / 2]] {
        set_hash(damaged);
        let app = Mounted::keeping().await;
        app.until("the error", |a| {
            a.find("[data-testid=keep-notice]").is_some()
        })
        .await;
        let notice = app.text("[data-testid=keep-notice]");
        assert!(
            notice.contains("This link is damaged"),
            "{damaged}: {notice}"
        );
        assert_eq!(
            app.get("[data-testid=keep-notice]")
                .get_attribute("role")
                .as_deref(),
            Some("alert")
        );
        assert!(app.editor().value().contains("name: redis-ds"));
        assert_eq!(app.count("[data-node]"), 2);
        assert!(app.pods().is_empty());
        app.destroy();
    }
    clean_page();
}

/// A link whose text is `len` bytes of one letter: a deflate bomb.
fn bomb(len: usize) -> String {
    use std::io::Write;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&vec![b'a'; len]).expect("compresses");
    format!(
        "#s={}",
        link::base64url(&encoder.finish().expect("compresses"))
    )
}

#[wasm_bindgen_test]
async fn a_link_over_the_text_limit_is_refused_in_the_pages_language() {
    clean_page();
    let link = bomb(MAX_TEXT_BYTES + 1);
    for (lang, words) in [
        (
            "en",
            "This link cannot be opened: text too large: taintlab's limit is 8388608 bytes.",
        ),
        (
            "zh-CN",
            "无法打开这个链接：文本过大：taintlab 的上限为 8388608 字节。",
        ),
    ] {
        storage().set_item("taintlab.lang", lang).expect("storage");
        set_hash(&link);
        let app = Mounted::keeping().await;
        app.until("the error", |a| {
            a.find("[data-testid=keep-notice]").is_some()
        })
        .await;
        let notice = app.text("[data-testid=keep-notice]");
        assert!(notice.contains(words), "{lang}: {notice}");
        assert!(app.editor().value().contains("name: redis-ds"));
        app.destroy();
    }
    let _ = storage().remove_item("taintlab.lang");
    clean_page();
}

#[wasm_bindgen_test]
async fn an_autosave_over_the_text_limit_is_not_read() {
    clean_page();
    // Chromium's storage holds 5 Mi UTF-16 units: text over the limit in UTF-8
    // bytes fits only in three-byte characters.
    let text = "中".repeat(MAX_TEXT_BYTES / 3 + 1);
    assert!(text.len() > MAX_TEXT_BYTES);
    storage()
        .set_item(KEY, &text)
        .expect("storage takes 2.8 Mi characters");
    let app = Mounted::keeping().await;
    app.until("the error", |a| {
        a.find("[data-testid=keep-notice]").is_some()
    })
    .await;
    let notice = app.text("[data-testid=keep-notice]");
    assert!(
        notice.contains("could not be read (text too large: taintlab's limit is 8388608 bytes)"),
        "{notice}"
    );
    app.destroy();
    clean_page();
}

#[wasm_bindgen_test]
async fn work_is_autosaved_restored_and_reset() {
    clean_page();
    let a = Mounted::keeping().await;
    a.click("[data-testid=pause]").await;
    assert!(
        storage().get_item(KEY).ok().flatten().is_none(),
        "an untouched example is not saved"
    );
    a.click("[data-testid=apply]").await;
    a.until("the autosave", |_| {
        storage().get_item(KEY).ok().flatten().is_some()
    })
    .await;
    let saved = storage().get_item(KEY).ok().flatten().expect("saved");
    let session = Session::decode(&saved).expect("a session text");
    assert!(matches!(&session.log[..], [Input::Apply(_)]));
    let pods = a.pods();
    a.destroy();

    // A reload: the autosave comes back.
    let b = Mounted::keeping().await;
    b.until("the restored pods", |b| b.pods() == pods).await;
    assert_eq!(
        b.get("[data-testid=pause]").get_attribute("aria-pressed"),
        Some("true".to_string())
    );

    b.click("[data-testid=reset]").await;
    assert_eq!(b.pods(), pods, "nothing happens before the confirmation");
    b.click("[data-testid=reset-confirm]").await;
    assert!(b.pods().is_empty());
    assert!(b.editor().value().contains("name: redis-ds"));
    assert!(storage().get_item(KEY).ok().flatten().is_none());
    sleep(1200).await;
    assert!(
        storage().get_item(KEY).ok().flatten().is_none(),
        "the example after a reset is not saved"
    );
    b.destroy();
    clean_page();
}

/// A paused session of the tutorial with `manifest` applied.
fn applied(manifest: &str) -> Session {
    Session {
        files: vec![("mine.yaml".into(), manifest.into())],
        speed: 1,
        paused: true,
        log: vec![Input::Apply(manifest.into())],
        ..Session::default()
    }
}

#[wasm_bindgen_test]
async fn a_reload_keeps_the_work_on_a_link_and_another_link_replaces_it() {
    clean_page();
    let first = link::fragment(&applied(TUTORIAL_DAEMONSET));
    set_hash(&first);
    let a = Mounted::keeping().await;
    a.until("the link", |a| a.pods().len() == 1).await;
    for _ in 0..3 {
        a.click("[data-testid=clock-step]").await;
    }
    a.until("the autosave", |_| {
        storage()
            .get_item(KEY)
            .ok()
            .flatten()
            .is_some_and(|s| s.contains("\nt1:11:3\n"))
    })
    .await;
    let saved = storage().get_item(KEY).ok().flatten().unwrap_or_default();
    assert!(
        saved.starts_with(&format!("{first}\n")),
        "the autosave names the link it continues"
    );
    a.destroy();

    // The same link again (a reload): the work goes on where it was.
    let b = Mounted::keeping().await;
    b.until("the continued work", |b| {
        b.text("[data-testid=clock-time]") == "0:03"
    })
    .await;
    b.destroy();

    // Another link: it wins over the autosave.
    set_hash(&link::fragment(&applied(TUTORIAL_DAEMONSET_TOLERATING)));
    let c = Mounted::keeping().await;
    c.until("the other link", |c| c.pods().len() == 2).await;
    assert_eq!(c.text("[data-testid=clock-time]"), "0:00");

    // A link pasted into the open page's address opens at once.
    window().location().set_hash(&first[1..]).expect("hash");
    c.until("the pasted link", |c| c.pods().len() == 1).await;
    c.destroy();
    clean_page();
}

#[wasm_bindgen_test]
async fn a_share_pressed_before_the_handover_is_made_after_it() {
    clean_page();
    let session = Session {
        files: vec![("redis-ds.yaml".into(), TUTORIAL_DAEMONSET.into())],
        speed: 1,
        log: vec![Input::Apply(TUTORIAL_DAEMONSET.into())],
        share: true,
        ..Session::default()
    };
    let app = Mounted::with(AppProps {
        session: Some(session.encode().into()),
        keep: true,
        ..AppProps::default()
    })
    .await;
    app.until("the link", |_| hash().starts_with("#s=")).await;
    let opened = link::session(&hash()).expect("a link");
    assert!(!opened.share, "the link does not ask to share again");
    assert_eq!(opened.log, session.log);
    app.destroy();
    clean_page();
}

#[wasm_bindgen_test]
async fn importing_kubectl_output_replaces_the_nodes() {
    clean_page();
    let app = Mounted::plain().await;
    app.click("[data-testid=pause]").await;
    app.click("[data-testid=import]").await;
    let area: HtmlTextAreaElement = app.get("[data-testid=import-text]").unchecked_into();
    area.set_value("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n");
    app.click("[data-testid=import-apply]").await;
    let errors = app.text("[data-testid=import-errors]");
    assert!(errors.contains("line 2, column 1"), "{errors}");
    assert!(errors.contains("import reads Nodes"), "{errors}");
    assert_eq!(app.count("[data-node]"), 2, "nothing changed");

    area.set_value(KIND_V130);
    app.click("[data-testid=import-apply]").await;
    assert!(app.find("[data-testid=import-dialog]").is_none());
    for node in ["lab-control-plane", "lab-worker", "lab-worker2"] {
        assert_eq!(app.count(&format!("[data-node={node}]")), 1, "{node}");
    }
    assert_eq!(app.count("[data-node]"), 3);
    assert_eq!(app.text(".version"), "v1.30");
    assert!(
        app.text("[data-node=lab-worker2]")
            .contains("dedicated=gpu:NoSchedule")
    );
    assert!(
        app.text("[data-testid=keep-notice]")
            .contains("lab-worker2")
    );

    // The import is part of the session: applying lands on the imported nodes.
    app.click("[data-testid=apply]").await;
    assert_eq!(
        app.count("[data-node=lab-worker] [data-pod^='redis-ds-']"),
        1
    );
    assert_eq!(app.pods().len(), 1);
    app.destroy();
}

#[wasm_bindgen_test]
async fn sharing_an_imported_cluster_says_it_has_real_names_and_offers_placeholders() {
    clean_page();
    let app = Mounted::plain().await;
    app.click("[data-testid=pause]").await;
    app.click("[data-testid=import]").await;
    let area: HtmlTextAreaElement = app.get("[data-testid=import-text]").unchecked_into();
    area.set_value(STATE);
    app.click("[data-testid=import-apply]").await;
    assert_eq!(app.count("[data-node=kind-worker]"), 1);
    let _ = app.find("[data-testid=keep-notice] button").map(|b| {
        b.unchecked_into::<web_sys::HtmlElement>().click();
    });

    // Share asks first, and says why.
    app.click("[data-testid=share]").await;
    let notice = app.text("[data-testid=real-names-notice]");
    assert!(
        notice.contains("imported from a real one")
            && notice.contains("node, namespace and pod names, label values and images"),
        "{notice}"
    );
    assert!(!hash().starts_with("#s="), "no link before the choice");
    assert_eq!(
        app.get("[data-testid=share]")
            .get_attribute("aria-expanded"),
        Some("true".to_string())
    );

    app.click("[data-testid=share-placeholders]").await;
    app.until("the link", |_| hash().starts_with("#s=")).await;
    app.until("the notice", |a| {
        a.find("[data-testid=keep-notice]").is_some()
    })
    .await;
    let said = app.text("[data-testid=keep-notice]");
    assert!(said.contains("placeholders"), "{said}");
    assert!(app.find("[data-testid=share-choice]").is_none());
    let text = link::session(&hash()).expect("a link").encode();
    for name in REAL_NAMES {
        assert!(!text.contains(name), "{name} is in the link");
    }
    assert!(text.contains("node-2"), "placeholders instead");
    // The page itself keeps showing the real cluster.
    assert_eq!(app.count("[data-node=kind-worker]"), 1);

    // Real names, when the user chooses them.
    app.click("[data-testid=share]").await;
    app.click("[data-testid=share-real-names]").await;
    app.until("the link with real names", |_| {
        link::session(&hash()).is_ok_and(|s| s.encode().contains("kind-worker"))
    })
    .await;
    app.until("its notice", |a| {
        a.find("[data-testid=keep-notice]")
            .is_some_and(|n| n.text_content().unwrap_or_default().contains("real names"))
    })
    .await;
    app.destroy();
    clean_page();
}

#[wasm_bindgen_test]
async fn a_share_pressed_before_the_handover_puts_placeholders_in_an_imported_clusters_link() {
    clean_page();
    let mut session = Session {
        files: vec![("redis-ds.yaml".into(), TUTORIAL_DAEMONSET.into())],
        speed: 1,
        share: true,
        ..Session::default()
    };
    let import = taintlab_playground::import::nodes(STATE).expect("imports");
    for input in import.inputs() {
        session.record(input);
    }
    let app = Mounted::with(AppProps {
        session: Some(session.encode().into()),
        keep: true,
        ..AppProps::default()
    })
    .await;
    app.until("the link", |_| hash().starts_with("#s=")).await;
    let text = link::session(&hash()).expect("a link").encode();
    for name in REAL_NAMES {
        assert!(!text.contains(name), "{name} is in the link");
    }
    app.destroy();
    clean_page();
}
