//! Browser tests: the real app, mounted in headless Chromium, driven through the DOM.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, Mounted, sleep};

use taintlab_core::TUTORIAL_DAEMONSET_TOLERATING;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn opens_on_the_tutorial_cluster() {
    let app = Mounted::new().await;
    assert_eq!(app.count("[data-node]"), 2);
    assert!(
        app.text("[data-node=master]")
            .contains("node-role.kubernetes.io/master:NoSchedule")
    );
    assert!(app.editor().value().contains("name: redis-ds"));
    assert_eq!(app.count("[data-pod]"), 0);
}

#[wasm_bindgen_test]
async fn apply_places_the_daemonset_on_worker_only() {
    let app = Mounted::new().await;
    app.click("[data-testid=apply]").await;
    assert_eq!(app.count("[data-node=worker] [data-pod^='redis-ds-']"), 1);
    assert_eq!(app.count("[data-node=master] [data-pod]"), 0);
    let master = app.text("[data-node=master]");
    assert!(
        master.contains("node(s) had untolerated taint(s)"),
        "{master}"
    );
    assert!(
        master.contains("node-role.kubernetes.io/master:NoSchedule"),
        "{master}"
    );
    assert!(
        app.text("[data-testid=diagnostics]")
            .contains("daemonset.apps/redis-ds created")
    );
}

#[wasm_bindgen_test]
async fn ctrl_enter_applies_the_toleration_to_both_nodes() {
    let app = Mounted::new().await;
    app.click("[data-testid=apply]").await;
    app.type_text(TUTORIAL_DAEMONSET_TOLERATING).await;
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    app.editor().dispatch_event(&event).expect("dispatched");
    yew::scheduler::flush().await;
    assert_eq!(app.count("[data-node=master] [data-pod^='redis-ds-']"), 1);
    assert_eq!(app.count("[data-node=worker] [data-pod^='redis-ds-']"), 1);
    assert!(app.find("[data-node=master] [data-skip]").is_none());
}

#[wasm_bindgen_test]
async fn broken_yaml_shows_its_line_and_keeps_the_cluster() {
    let app = Mounted::new().await;
    app.click("[data-testid=apply]").await;
    let before = app
        .get("[data-node=worker] [data-pod]")
        .get_attribute("data-pod");
    let broken = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n   labels: {}\n";
    app.type_text(broken).await;
    app.click("[data-testid=apply]").await;
    let diagnostics = app.text("[data-testid=diagnostics]");
    assert!(diagnostics.contains("line 5, column"), "{diagnostics}");
    assert!(
        diagnostics.contains("mapping values are not allowed"),
        "{diagnostics}"
    );
    assert_eq!(
        app.get("[data-node=worker] [data-pod]")
            .get_attribute("data-pod"),
        before
    );
    assert_eq!(app.editor().value(), broken, "the user's text survives");
}

/// Sets an input's value and fires `input`, as typing would.
async fn type_into(app: &Mounted, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = app.get(selector).unchecked_into();
    input.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatched");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn time_pauses_and_steps() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    assert_eq!(
        app.get("[data-testid=pause]").get_attribute("aria-pressed"),
        Some("true".to_string())
    );
    let before = app.text("[data-testid=clock-time]");
    app.click("[data-testid=clock-step]").await;
    let after = app.text("[data-testid=clock-time]");
    assert_ne!(before, after, "a step lets a simulated second pass");
    assert_eq!(app.text("[data-testid=speed]"), "1×");
    app.click("[data-testid=speed]").await;
    assert_eq!(app.text("[data-testid=speed]"), "2×");
}

#[wasm_bindgen_test]
async fn removing_the_master_taint_from_its_card_lets_the_daemonset_in() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    app.click("[data-testid=apply]").await;
    assert_eq!(app.count("[data-node=master] [data-pod]"), 0);
    app.click("[data-node=master] .taint-remove").await;
    assert_eq!(app.count("[data-node=master] [data-taint]"), 0);
    assert_eq!(app.count("[data-node=master] [data-pod^='redis-ds-']"), 1);
    assert!(
        app.text("[data-testid=history]")
            .contains("$ kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule-")
    );
}

#[wasm_bindgen_test]
async fn a_taint_typed_on_a_card_is_added_and_cordon_toggles() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    type_into(
        &app,
        "[data-node=worker] [data-field=taint]",
        "spot=yes:NoExecute",
    )
    .await;
    app.click("[data-node=worker] form.add-taint button").await;
    assert_eq!(
        app.count("[data-node=worker] [data-taint='spot=yes:NoExecute']"),
        1
    );
    type_into(&app, "[data-node=worker] [data-field=taint]", "spot").await;
    app.click("[data-node=worker] form.add-taint button").await;
    assert!(
        app.text("[role=alert]")
            .contains("invalid taint spec: spot"),
        "kubectl's refusal is shown"
    );
    app.click("[data-node=worker] [data-action=cordon]").await;
    assert!(
        app.text("[data-node=worker]")
            .contains("SchedulingDisabled")
    );
    assert!(
        app.text("[data-testid=history]")
            .contains("$ kubectl cordon worker")
    );
}

#[wasm_bindgen_test]
async fn an_evicted_pod_visibly_leaves_its_card() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    app.click("[data-testid=apply]").await;
    let pod = app
        .get("[data-node=worker] [data-pod]")
        .get_attribute("data-pod")
        .unwrap_or_default();
    assert!(pod.starts_with("redis-ds-"), "{pod}");
    type_into(
        &app,
        "[data-node=worker] [data-field=taint]",
        "maintenance=now:NoExecute",
    )
    .await;
    app.click("[data-node=worker] form.add-taint button").await;
    yew::scheduler::flush().await;
    assert_eq!(app.count("[data-node=worker] [data-pod]"), 0, "evicted");
    assert_eq!(
        app.text("[data-node=worker] .chip.leaving .pod-name"),
        pod,
        "the evicted pod fades out on its card"
    );
    assert_eq!(
        app.get("[data-node=worker] .chip.leaving")
            .get_attribute("aria-hidden")
            .as_deref(),
        Some("true")
    );
    sleep(1600).await;
    assert_eq!(
        app.count("[data-node=worker] .chip.leaving"),
        0,
        "then it is gone"
    );
}

#[wasm_bindgen_test]
async fn a_large_cluster_is_a_grid_that_searches_and_names_what_it_finds() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    let nodes: String = (0..60)
        .map(|i| {
            let taint = if i % 20 == 0 {
                "spec:\n  taints: [{key: gpu, value: 'yes', effect: NoSchedule}]\n"
            } else {
                ""
            };
            format!("---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n{i:02}\n{taint}")
        })
        .collect();
    app.type_text(&nodes).await;
    app.click("[data-testid=apply]").await;
    assert_eq!(app.count(".node-card"), 0, "past 30 nodes, no cards");
    assert_eq!(app.count("[data-testid=node-grid] [data-node]"), 62);
    assert_eq!(
        app.count("[data-testid=node-grid] .cell-name"),
        0,
        "too many to name"
    );
    type_into(&app, "[data-testid=node-search]", "gpu=yes").await;
    assert_eq!(app.count("[data-testid=node-grid] [data-node]"), 3);
    assert_eq!(
        app.text("[data-testid=node-grid] [data-node=n20] .cell-name"),
        "n20"
    );
    app.click("[data-testid=node-grid] [data-node=n40]").await;
    assert!(
        app.text("[data-testid=node-taints]")
            .contains("gpu=yes:NoSchedule")
    );
}

#[wasm_bindgen_test]
async fn pending_replicas_turned_down_alike_share_one_reason() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    type_into(
        &app,
        "[data-node=worker] [data-field=taint]",
        "k=v:NoSchedule",
    )
    .await;
    app.click("[data-node=worker] form.add-taint button").await;
    app.type_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx}]\n",
    )
    .await;
    app.click("[data-testid=apply]").await;
    app.click("[data-testid=clock-step]").await;
    assert_eq!(app.count("[data-testid=pending] [data-pod^='web-']"), 3);
    assert_eq!(app.count("[data-testid=pending] .reason"), 1);
    assert!(
        app.text("[data-testid=pending] .reason")
            .contains("0/2 nodes are available")
    );
}

#[wasm_bindgen_test]
async fn events_filter_by_object() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    assert!(app.text("[data-testid=events]").contains("node/master"));
    type_into(&app, "[data-testid=event-filter]", "node/worker").await;
    let events = app.text("[data-testid=events]");
    assert!(events.contains("node/worker"), "{events}");
    assert!(!events.contains("node/master:"), "{events}");
}
