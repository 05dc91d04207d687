//! Browser tests of the lessons panel: the real app, mounted in headless Chromium,
//! driven through the DOM.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, Mounted, sleep};
use wasm_bindgen::JsValue;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The state a step shows (`done`, `current`, `later`).
fn step_state(app: &Mounted, step: u32) -> Option<String> {
    app.get(&format!("[data-testid=lessons] [data-step='{step}']"))
        .get_attribute("data-state")
}

#[wasm_bindgen_test]
async fn the_tutorial_lesson_follows_the_cluster() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    // Something in the cluster before the lesson: starting it resets the cluster.
    app.click("[data-testid=apply]").await;
    assert_eq!(app.count("[data-pod]"), 1);

    app.click("[data-tab=lessons]").await;
    assert_eq!(app.count("[data-testid=lessons] [data-lesson]"), 11);
    app.click("[data-lesson=tutorial] [data-action=start-lesson]")
        .await;
    assert!(app.find("[data-open-lesson=tutorial]").is_some());
    assert_eq!(app.count("[data-pod]"), 0, "the cluster starts afresh");
    assert_eq!(step_state(&app, 1).as_deref(), Some("current"));
    assert_eq!(step_state(&app, 2).as_deref(), Some("later"));
    assert!(app.text("[data-testid=lesson-progress]").contains("0 of 5"));

    // Step 1: the hint's Deployment, through the editor.
    app.click("[data-step='1'] [data-action=to-editor]").await;
    assert!(app.editor().value().contains("name: redis-deploy"));
    assert_eq!(
        app.text("[data-testid=open-file]"),
        "redis-deploy.yaml",
        "in a file of its own: the open one keeps its text"
    );
    assert_eq!(app.count("[data-file='redis-ds.yaml']"), 1);
    app.click("[data-testid=apply]").await;
    assert_eq!(step_state(&app, 1).as_deref(), Some("done"));
    assert_eq!(step_state(&app, 2).as_deref(), Some("current"));
    assert_eq!(app.text("[data-step='1'] .step-mark"), "✓");

    // Step 2: the DaemonSet, typed into the editor as a learner would.
    app.type_text(taintlab_core::TUTORIAL_DAEMONSET).await;
    assert_eq!(
        step_state(&app, 2).as_deref(),
        Some("current"),
        "typing is not applying"
    );
    app.click("[data-testid=apply]").await;
    assert_eq!(step_state(&app, 2).as_deref(), Some("done"));
    assert_eq!(app.count("[data-node=master] [data-pod^='redis-ds-']"), 0);

    // Step 3: the × on the master's taint badge.
    app.click("[data-node=master] .taint-remove").await;
    assert_eq!(step_state(&app, 3).as_deref(), Some("done"));
    assert_eq!(step_state(&app, 4).as_deref(), Some("current"));
    assert!(app.text("[data-testid=lesson-progress]").contains("3 of 5"));
    assert!(
        app.text("[data-step='4'] .lesson-hint")
            .contains("kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule")
    );

    // Another tab: the current step stays in sight, and the lesson is one click away.
    app.click("[data-tab=terminal]").await;
    let strip = app.text("[data-testid=lesson-strip]");
    assert!(strip.contains("3/5"), "{strip}");
    assert!(strip.contains("Put the taint back"), "{strip}");
    app.click("[data-action=show-lesson]").await;
    assert_eq!(step_state(&app, 3).as_deref(), Some("done"));
    assert!(app.find("[data-testid=lesson-strip]").is_none());

    // Back to the list, and the lesson's texts in Chinese.
    app.click("[data-action=all-lessons]").await;
    assert!(app.find("[data-open-lesson]").is_none());
    app.click("[data-testid=lang]").await;
    assert!(
        app.text("[data-lesson=tutorial]")
            .contains("DaemonSet 与 master 污点")
    );
}

#[wasm_bindgen_test]
async fn starting_over_undoes_the_steps() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    app.click("[data-tab=lessons]").await;
    app.click("[data-lesson=cordon-drain] [data-action=start-lesson]")
        .await;
    assert_eq!(app.count("[data-node]"), 3, "three nodes for this lesson");
    app.click("[data-node=worker-1] [data-action=cordon]").await;
    assert_eq!(step_state(&app, 1).as_deref(), Some("done"));
    app.click("[data-action=restart-lesson]").await;
    assert_eq!(step_state(&app, 1).as_deref(), Some("current"));
    assert!(
        !app.text("[data-node=worker-1]")
            .contains("SchedulingDisabled")
    );
}

/// A lesson of one's own, as a teacher would host it.
const MY_LESSON: &str = "id: mine
title: {en: My own lesson, zh: 我自己的课}
summary: {en: Cordon `worker`., zh: 封锁 `worker`。}
intro: {en: One step., zh: 一步。}
start: tutorial
steps:
  - goal: {en: Cordon `worker`., zh: 封锁 `worker`。}
    shell: kubectl cordon worker
    why: {en: It is cordoned., zh: 它被封锁了。}
    check:
      cordoned: worker
";

/// Chooses a file named `name` holding `text` in the lessons panel's file
/// input, as a person picking it does: the input's `files`, then `change`.
fn choose_lesson_file(app: &Mounted, name: &str, text: &str) {
    let input = app.get("[data-testid=lesson-file]");
    let set = js_sys::Function::new_with_args(
        "input, name, text",
        "const chosen = new DataTransfer();
         chosen.items.add(new File([text], name, { type: 'application/yaml' }));
         input.files = chosen.files;
         input.dispatchEvent(new Event('change', { bubbles: true }));",
    );
    set.call3(
        &JsValue::NULL,
        &input,
        &JsValue::from_str(name),
        &JsValue::from_str(text),
    )
    .expect("file chosen");
}

/// Waits until `selector` shows (files are read and URLs fetched asynchronously).
async fn until_shown(app: &Mounted, selector: &str) {
    for _ in 0..250 {
        if app.find(selector).is_some() {
            return;
        }
        sleep(20).await;
    }
    let panel = app.find("[data-testid=lessons]").map(|p| {
        (
            p.get_attribute("data-open-lesson"),
            p.text_content().unwrap_or_default(),
        )
    });
    panic!("{selector} never showed; the lessons panel: {panel:?}");
}

#[wasm_bindgen_test]
async fn a_lesson_opens_from_a_file_and_a_bad_one_says_where() {
    let app = Mounted::new().await;
    in_english(&app).await;
    app.click("[data-testid=pause]").await;
    app.click("[data-tab=lessons]").await;
    // A file with a mistake: the error at its line and column, nothing opened.
    let bad = MY_LESSON.replace("cordoned: worker", "cordonned: worker");
    choose_lesson_file(&app, "mine.yaml", &bad);
    // Tests run side by side, and every mounted app opens a `#lesson=` URL
    // another test puts in the address: wait for this file's report.
    let error = until_said(&app, "mine.yaml:").await;
    assert!(
        error.contains("mine.yaml:11:7: steps[0].check.cordonned"),
        "{error}"
    );
    assert!(app.find("[data-open-lesson]").is_none());

    choose_lesson_file(&app, "mine.yaml", MY_LESSON);
    until_shown(&app, "[data-open-lesson=mine]").await;
    assert_eq!(
        app.get("[data-open-lesson=mine]")
            .get_attribute("data-lesson-from")
            .as_deref(),
        Some("file")
    );
    assert!(app.text("#lesson-title").contains("My own lesson"));
    assert_eq!(step_state(&app, 1).as_deref(), Some("current"));
    app.click("[data-node=worker] [data-action=cordon]").await;
    assert_eq!(step_state(&app, 1).as_deref(), Some("done"));
    assert!(app.text("[data-testid=lesson-progress]").contains("1 of 1"));
    // Start over starts this lesson again, not a built-in one.
    app.click("[data-action=restart-lesson]").await;
    assert_eq!(step_state(&app, 1).as_deref(), Some("current"));
    // The list offers it again, first.
    app.click("[data-action=all-lessons]").await;
    assert!(app.find("[data-lesson-file=mine]").is_some());
}

#[wasm_bindgen_test]
async fn a_lesson_opens_from_a_url_in_the_address() {
    // The test runner serves no lesson of ours, so the lesson is served from a
    // `blob:` URL made with URL.createObjectURL: fetched as the page fetches any
    // `#lesson=` URL (the same fetch, CORS mode, no credentials).
    // Its own id: the file test, running alongside, opens `mine`.
    let lesson = MY_LESSON.replace("id: mine", "id: from-url");
    let blob =
        web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str(&lesson)))
            .expect("blob");
    let url = web_sys::Url::create_object_url_with_blob(&blob).expect("url");
    let app = Mounted::new().await;
    in_english(&app).await;
    app.click("[data-testid=pause]").await;
    // Put into the address of the open page, as a pasted link is.
    set_hash(&format!("#lesson={url}"));
    until_shown(&app, "[data-open-lesson=from-url]").await;
    assert_eq!(
        web_sys::window().map(|w| w.location().hash().unwrap_or_default()),
        Some(String::new()),
        "taken out of the address: the session carries the lesson now"
    );
    assert_eq!(step_state(&app, 1).as_deref(), Some("current"));
    app.click("[data-node=worker] [data-action=cordon]").await;
    assert_eq!(step_state(&app, 1).as_deref(), Some("done"));

    // A URL that does not answer: said, in the panel, and nothing changes.
    web_sys::Url::revoke_object_url(&url).expect("revoked");
    set_hash(&format!("#lesson={url}"));
    let error = until_said(&app, "could not be fetched").await;
    assert!(error.contains(&url), "{error}");
    assert_eq!(step_state(&app, 1).as_deref(), Some("done"));

    // Too large: refused with the limit, before it is parsed.
    let big = format!("{MY_LESSON}#{}\n", "x".repeat(256 * 1024));
    let blob = web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str(&big)))
        .expect("blob");
    let url = web_sys::Url::create_object_url_with_blob(&blob).expect("url");
    set_hash(&format!("#lesson={url}"));
    let error = until_said(&app, "lesson too large").await;
    assert!(error.contains(&url), "{error}");
    web_sys::Url::revoke_object_url(&url).expect("revoked");
}

/// Puts the page in English (the language is remembered between tests).
async fn in_english(app: &Mounted) {
    // The button names the other language.
    if !app.text("[data-testid=lang]").contains("中文") {
        app.click("[data-testid=lang]").await;
    }
}

/// Waits until the lessons panel's report says `words`; returns it.
async fn until_said(app: &Mounted, words: &str) -> String {
    for _ in 0..250 {
        if let Some(report) = app.find("[data-testid=lesson-load-error]")
            && report.text_content().unwrap_or_default().contains(words)
        {
            return report.text_content().unwrap_or_default();
        }
        sleep(20).await;
    }
    panic!("the panel never said {words:?}");
}

/// Puts `hash` in the address as a person pasting it does (a `hashchange`).
fn set_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        window.location().set_hash(hash).expect("hash set");
    }
}
