//! A speed probe for the release profile in the browser, used to choose `opt-level`
//! (see README, "Release profile"). It is a measurement, not a test: it is ignored by
//! default and asserts nothing about time. Run it with
//! `cargo test --release -p taintlab-tests --target wasm32-unknown-unknown --test wasm_speed -- --include-ignored`.
#![cfg(target_arch = "wasm32")]

use taintlab_core::{Cluster, TUTORIAL_DAEMONSET_TOLERATING};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn nodes_yaml(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "apiVersion: v1\nkind: Node\nmetadata:\n  name: node-{i}\n  labels:\n    kubernetes.io/hostname: node-{i}\nspec:\n  taints:\n  - key: dedicated\n    value: team-{}\n    effect: NoSchedule\n",
                i % 3
            )
        })
        .collect::<Vec<_>>()
        .join("---\n")
}

#[wasm_bindgen_test]
#[ignore = "a measurement for choosing opt-level, run on demand"]
fn apply_speed() {
    let nodes = nodes_yaml(200);
    let rounds = 5;
    let start = now_ms();
    for _ in 0..rounds {
        let mut cluster = Cluster::tutorial();
        let decoded = cluster.apply(&nodes).map(|r| r.lines.len());
        let placed = cluster
            .apply(TUTORIAL_DAEMONSET_TOLERATING)
            .map(|r| r.lines.len());
        assert_eq!((decoded, placed), (Ok(200), Ok(1)));
    }
    let per_round = (now_ms() - start) / f64::from(rounds);
    console_log!("apply 200 nodes + DaemonSet: {per_round:.1} ms per round");
}
