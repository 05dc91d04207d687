//! Browser tests for the Import dialog: several files chosen at once, a pasted
//! `kubectl cluster-info dump`, and what the dialog lists afterwards, in English
//! and Chinese.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, Mounted, sleep};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlTextAreaElement;

wasm_bindgen_test_configure!(run_in_browser);

const DUMP: &str = include_str!("../../core/tests/fixtures/cluster_info_dump.txt");
const NODES: &str = include_str!("../../core/tests/fixtures/cluster_info_dump/nodes.json");
const LOGGING_DS: &str =
    include_str!("../../core/tests/fixtures/cluster_info_dump/logging/daemonsets.json");
const LOGGING_PODS: &str =
    include_str!("../../core/tests/fixtures/cluster_info_dump/logging/pods.json");
const SHOP_SERVICES: &str =
    include_str!("../../core/tests/fixtures/cluster_info_dump/shop/services.json");
const STATE: &str = include_str!("../../core/tests/fixtures/cluster_state.yaml");

/// Chooses `files` (name, text) in the dialog's file input, as a person picking
/// several files at once does: the input's `files`, then its `change` event.
fn choose(app: &Mounted, files: &[(&str, &str)]) {
    let input = app.get("[data-testid=import-files]");
    let (names, texts) = (js_sys::Array::new(), js_sys::Array::new());
    for (name, text) in files {
        names.push(&JsValue::from_str(name));
        texts.push(&JsValue::from_str(text));
    }
    let set = js_sys::Function::new_with_args(
        "input, names, texts",
        "const chosen = new DataTransfer();
         names.forEach((name, i) => chosen.items.add(new File([texts[i]], name, { type: 'application/json' })));
         input.files = chosen.files;
         input.dispatchEvent(new Event('change', { bubbles: true }));",
    );
    set.call3(&JsValue::NULL, &input, &names, &texts)
        .expect("files chosen");
}

/// Puts the page in Chinese (`zh`) or English; the choice is remembered, so
/// each test sets the one it reads.
async fn set_lang(app: &Mounted, zh: bool) {
    // The button names the other language.
    if app.text("[data-testid=lang]").contains("中文") == zh {
        app.click("[data-testid=lang]").await;
    }
}

/// Waits until `selector` shows (the files are read asynchronously).
async fn until_shown(app: &Mounted, selector: &str) {
    for _ in 0..200 {
        if app.find(selector).is_some() {
            return;
        }
        sleep(20).await;
    }
    panic!("{selector} never showed");
}

#[wasm_bindgen_test]
async fn files_chosen_together_are_one_import_and_the_dialog_lists_what_it_left_out() {
    let app = Mounted::new().await;
    set_lang(&app, false).await;
    app.click("[data-testid=pause]").await;
    app.click("[data-testid=import]").await;
    // A later file gives kind-worker again, tainted: it wins, and it is said.
    let later = "apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker\nspec:\n  taints: [{key: dedicated, value: edge, effect: NoSchedule}]\nstatus:\n  allocatable: {cpu: \"8\", memory: 16Gi, pods: \"110\"}\n";
    choose(
        &app,
        &[
            ("nodes.json", NODES),
            ("logging-daemonsets.json", LOGGING_DS),
            ("logging-pods.json", LOGGING_PODS),
            ("shop-services.json", SHOP_SERVICES),
            ("z-worker.yaml", later),
        ],
    );
    until_shown(&app, "[data-testid=import-report]").await;
    let report = app.text("[data-testid=import-report]");
    assert!(
        report.contains("Imported 7 objects, 3 of them nodes (Kubernetes v1.31)."),
        "{report}"
    );
    assert!(
        report.contains("2026-12-01T09:10:00Z, the newest time in the state"),
        "{report}"
    );
    assert_eq!(
        app.text("[data-testid=import-skipped]"),
        "1 × Service: not simulated"
    );
    assert_eq!(
        app.text("[data-testid=import-duplicates]"),
        "Node kind-worker is in nodes.json and in z-worker.yaml: the one in z-worker.yaml is imported"
    );
    // The cluster behind the dialog is the import already.
    assert_eq!(app.count("[data-node]"), 3);
    assert!(
        app.text("[data-node=kind-worker]")
            .contains("dedicated=edge:NoSchedule")
    );
    assert_eq!(app.count("[data-pod^='log-agent-']"), 3);
    app.click("[data-testid=import-done]").await;
    assert!(app.find("[data-testid=import-dialog]").is_none());
}

#[wasm_bindgen_test]
async fn a_pasted_dump_is_read_and_the_report_is_in_chinese_too() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    set_lang(&app, true).await;
    app.click("[data-testid=import]").await;
    let area: HtmlTextAreaElement = app.get("[data-testid=import-text]").unchecked_into();
    area.set_value(DUMP);
    app.click("[data-testid=import-apply]").await;
    until_shown(&app, "[data-testid=import-report]").await;
    let report = app.text("[data-testid=import-report]");
    assert!(
        report.contains("已导入 12 个对象，其中 3 个节点"),
        "{report}"
    );
    let left_out = app.text("[data-testid=import-skipped]");
    assert_eq!(
        left_out,
        "2 × Service：taintlab 不模拟这种对象1 × Event：taintlab 不模拟这种对象"
    );
    assert_eq!(app.count("[data-pod^='web-7c5b9d6f84-']"), 2);
    app.click("[data-testid=import-done]").await;
    set_lang(&app, false).await;
}

#[wasm_bindgen_test]
async fn errors_name_the_file_and_nothing_changes() {
    let app = Mounted::new().await;
    set_lang(&app, false).await;
    app.click("[data-testid=pause]").await;
    app.click("[data-testid=import]").await;
    choose(
        &app,
        &[
            ("state.yaml", STATE),
            ("broken.json", "{\"kind\": \"PodList\",\n \"items\": [}\n"),
        ],
    );
    until_shown(&app, "[data-testid=import-errors]").await;
    let errors = app.text("[data-testid=import-errors]");
    assert!(
        errors.starts_with("broken.json, document 1, line 2"),
        "{errors}"
    );
    // The tutorial's two nodes are still there.
    assert_eq!(app.count("[data-node]"), 2);
}
