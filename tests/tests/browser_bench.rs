//! A browser benchmark: the real app (full module) on a 1,000-node cluster running
//! a DaemonSet, in headless Chromium. It measures what a person waits for: applying
//! the cluster's YAML, one step of the clock (advance, view, render), and typing in
//! the grid's search. A measurement, not a test: ignored by default, it asserts
//! only that the page did the work. Run it with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --release -p taintlab-tests --target wasm32-unknown-unknown --test browser_bench -- --include-ignored --nocapture`
//! (README, "Benchmarks").
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, Mounted};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn cluster_yaml(nodes: usize) -> String {
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..nodes {
        let taint = if i % 17 == 0 {
            "\n    taints: [{key: dedicated, value: gpu, effect: NoSchedule}]"
        } else {
            " {}"
        };
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Node\n  metadata:\n    name: node-{i:04}\n    labels: {{zone: zone-{}}}\n  spec:{taint}\n",
            i % 3
        ));
    }
    text.push_str("---\n");
    text.push_str(taintlab_core::TUTORIAL_DAEMONSET);
    text
}

fn input_event() -> web_sys::InputEvent {
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event")
}

#[wasm_bindgen_test]
#[ignore = "a browser benchmark, run on demand"]
async fn a_thousand_nodes() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    app.type_text(&cluster_yaml(1000)).await;

    let start = now_ms();
    app.get("[data-testid=apply]")
        .unchecked_into::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    let apply = now_ms() - start;
    let cells = app.count("[data-testid=node-grid] [data-node]");
    assert_eq!(cells, 1002, "the grid shows every node");

    let steps = 10;
    let start = now_ms();
    for _ in 0..steps {
        app.get("[data-testid=clock-step]")
            .unchecked_into::<HtmlElement>()
            .click();
        yew::scheduler::flush().await;
    }
    let step = (now_ms() - start) / f64::from(steps);

    let search: HtmlInputElement = app.get("[data-testid=node-search]").unchecked_into();
    let start = now_ms();
    search.set_value("dedicated");
    search.dispatch_event(&input_event()).expect("dispatched");
    yew::scheduler::flush().await;
    let filter = now_ms() - start;
    let shown = app.count("[data-testid=node-grid] [data-node]");
    assert_eq!(shown, 59, "the search keeps the tainted nodes");

    console_log!(
        "BrowserBench/1000Nodes: apply {apply:.0} ms, clock step {step:.1} ms, grid search {filter:.1} ms"
    );
}
