//! What if, in the real app: import a cluster's whole state, make a copy,
//! taint a node in the copy, and find the evicted pods in the diff, each a
//! link into *Why here?*; then keep or discard the copy.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, Mounted};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const STATE: &str = include_str!("../../core/tests/fixtures/cluster_state.yaml");
/// A kind cluster mid-rollout, with a NotReady node, as `-o json` prints it.
const ROLLOUT_JSON: &str = include_str!("../../core/tests/fixtures/kind_rollout_state.json");

/// The app with the fixture's cluster imported and the clock paused.
async fn imported() -> Mounted {
    imported_from(STATE).await
}

async fn imported_from(text: &str) -> Mounted {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    app.click("[data-testid=import]").await;
    let area: HtmlTextAreaElement = app.get("[data-testid=import-text]").unchecked_into();
    area.set_value(text);
    app.click("[data-testid=import-apply]").await;
    // The dialog says what it imported, then closes.
    for _ in 0..200 {
        if app.find("[data-testid=import-report]").is_some() {
            break;
        }
        common::sleep(20).await;
    }
    app.click("[data-testid=import-done]").await;
    assert!(app.find("[data-testid=import-dialog]").is_none());
    assert_eq!(app.count("[data-node=kind-worker]"), 1);
    app
}

/// Adds `spec` as a taint from the node card's form.
async fn taint(app: &Mounted, node: &str, spec: &str) {
    let input: HtmlInputElement = app
        .get(&format!("[data-node={node}] [data-field=taint]"))
        .unchecked_into();
    input.set_value(spec);
    app.click(&format!(
        "[data-node={node}] .add-taint button[type=submit]"
    ))
    .await;
}

/// The diff's rows of one kind, as `namespace/name`.
fn changes(app: &Mounted, kind: &str) -> Vec<String> {
    let list = app
        .root
        .query_selector_all(&format!("[data-testid=what-if] [data-change='{kind}']"))
        .expect("a list");
    let mut pods: Vec<String> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-pod"))
        .collect();
    pods.sort();
    pods
}

#[wasm_bindgen_test]
async fn a_taint_in_the_copy_shows_its_evictions_beside_the_cluster_as_it_is() {
    let app = imported().await;
    app.click("[data-tab=what-if]").await;
    assert!(app.find("[data-testid=what-if-banner]").is_none());
    app.click("[data-action=what-if-start]").await;
    assert!(app.find("[data-testid=what-if-banner]").is_some());
    assert!(app.find("[data-testid=base-cluster]").is_some());

    taint(&app, "kind-worker", "dedicated=db:NoExecute").await;
    for _ in 0..5 {
        app.click("[data-testid=clock-step]").await;
    }
    app.click("[data-tab=what-if]").await;
    let evicted = changes(&app, "evicted");
    assert_eq!(
        evicted,
        [
            "default/report",
            "logging/log-agent-m7wzp",
            "shop/web-7c5b9d6f84-2xk8d",
            "shop/web-7c5b9d6f84-q4v9s"
        ],
        "{}",
        app.text("[data-testid=what-if]")
    );
    assert_eq!(changes(&app, "pending").len(), 2);
    let text = app.text("[data-testid=what-if]");
    assert!(
        text.contains(
            "node kind-worker has taint dedicated=db:NoExecute that the pod does not tolerate"
        ),
        "{text}"
    );
    assert!(text.contains("deployment/shop/web"), "{text}");
    // The cluster as it is keeps its pods on kind-worker, and time passed there too.
    assert!(
        app.text("[data-testid=base-cluster] [data-base-node=kind-worker]")
            .contains("web-7c5b9d6f84-2xk8d")
    );
    assert_eq!(
        app.count("[data-node=kind-worker] [data-pod^='web-']"),
        0,
        "the copy lost them"
    );

    // A waiting pod's name opens Why here? for it, in the copy.
    app.click("[data-testid=what-if] [data-change=pending] .pod-link")
        .await;
    let why = app.text("[data-testid=explain]");
    assert!(why.contains("dedicated"), "{why}");

    // Discarding the copy brings the cluster as it is back.
    app.click("[data-action=what-if-discard]").await;
    assert!(app.find("[data-testid=what-if-banner]").is_none());
    assert_eq!(app.count("[data-node=kind-worker] [data-pod^='web-']"), 2);
}

#[wasm_bindgen_test]
async fn keeping_the_copy_makes_its_change() {
    let app = imported_from(ROLLOUT_JSON).await;
    // The rollout's four pods are where the cluster had them, none made anew.
    assert_eq!(app.count("[data-node=kind-worker] [data-pod^='web-']"), 4);
    assert_eq!(app.count("[data-testid=pending] [data-pod=report]"), 1);
    app.click("[data-tab=what-if]").await;
    app.click("[data-action=what-if-start]").await;
    app.click("[data-node=kind-worker] [data-action=cordon]")
        .await;
    app.click("[data-action=what-if-keep]").await;
    assert!(app.find("[data-testid=what-if-banner]").is_none());
    assert!(
        app.text("[data-node=kind-worker]")
            .contains("SchedulingDisabled")
    );
}
