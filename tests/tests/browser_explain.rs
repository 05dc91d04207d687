//! Browser tests of the explanations panel: the real app in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, Mounted};

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

impl Mounted {
    /// The app in English: another test may have switched the language, and
    /// these tests read English words.
    async fn english() -> Mounted {
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item("taintlab.lang", "en");
        }
        Mounted::new().await
    }

    /// Types `text` into the editor: sets it and fires `input`, as a browser would.
    async fn apply(&self, text: &str) {
        self.type_text(text).await;
        self.click("[data-testid=apply]").await;
    }

    fn class(&self, selector: &str) -> String {
        self.get(selector).class_name()
    }

    /// Opens the explanations and picks `key` in its selector, as a person would.
    async fn explain(&self, key: &str) {
        self.click("[data-tab=explain]").await;
        let select: HtmlSelectElement = self.get("[data-testid=explain-select]").unchecked_into();
        select.set_value(key);
        assert_eq!(select.value(), key, "{key} is offered");
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
        select.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }
}

/// A bare pod that only the tainted master's labels select.
const PINNED_TO_MASTER: &str = "apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  nodeSelector:
    node-role.kubernetes.io/master: \"\"
  containers:
  - name: c
    image: nginx
";

#[wasm_bindgen_test]
async fn a_pod_kept_off_the_master_by_its_taint_is_explained() {
    let app = Mounted::english().await;
    app.click("[data-testid=pause]").await;
    app.apply(PINNED_TO_MASTER).await;
    // A pending pod in the tray explains itself when clicked.
    app.click("[data-testid=pending] [data-pod=pinned] button")
        .await;
    let summary = app.text("[data-testid=explain-summary]");
    assert!(summary.contains("Pending"), "{summary}");
    assert!(
        app.text("[data-testid=failed-scheduling]")
            .starts_with("0/2 nodes are available: "),
        "the scheduler's own message"
    );
    let table = "[data-testid=explain] [data-testid=filter-table]";
    let master_taint = format!("{table} tr[data-row=master] td[data-plugin=TaintToleration]");
    let cell = app.text(&master_taint);
    assert!(cell.contains("untolerated taint"), "{cell}");
    assert!(
        cell.contains("node-role.kubernetes.io/master:NoSchedule"),
        "{cell}"
    );
    assert!(
        app.class(&master_taint).contains("deciding"),
        "the first plugin to reject the master"
    );
    assert!(
        app.class(&format!(
            "{table} tr[data-row=master] td[data-plugin=NodeAffinity]"
        ))
        .contains("pass")
    );
    assert!(
        app.class(&format!(
            "{table} tr[data-row=worker] td[data-plugin=TaintToleration]"
        ))
        .contains("pass")
    );
    let worker_affinity = app.text(&format!(
        "{table} tr[data-row=worker] td[data-plugin=NodeAffinity]"
    ));
    assert!(
        worker_affinity.contains("didn't match Pod's node affinity/selector"),
        "{worker_affinity}"
    );
    assert!(
        worker_affinity.contains("has no node-role.kubernetes.io/master label"),
        "the plain sentence names the missing label: {worker_affinity}"
    );
    assert_eq!(
        app.count("[data-testid=score-table]"),
        0,
        "nothing to score"
    );
}

#[wasm_bindgen_test]
async fn the_tutorial_daemon_set_and_its_pod_are_explained_node_by_node() {
    let app = Mounted::english().await;
    app.click("[data-testid=pause]").await;
    // The editor opens on the tutorial's DaemonSet, without a toleration.
    app.click("[data-testid=apply]").await;
    // The DaemonSet named on the master's card, where it runs no pod.
    app.click("[data-node=master] [data-skip=redis-ds] button")
        .await;
    let rows = "[data-testid=daemon-table]";
    assert_eq!(
        app.text("[data-testid=daemon-summary]"),
        "A daemon pod belongs on 1 of 2 nodes; the 1 without come first."
    );
    let master = app.text(&format!("{rows} tr[data-row=master] td.rule"));
    assert!(master.contains("untolerated taint"), "{master}");
    assert!(
        master.contains("node-role.kubernetes.io/master:NoSchedule"),
        "{master}"
    );
    let master_row = app.get(&format!("{rows} tr[data-row=master]"));
    let cells = master_row.query_selector_all("td").expect("cells");
    let class = |i: u32| {
        cells
            .item(i)
            .and_then(|c| c.dyn_into::<Element>().ok())
            .map(|c| c.class_name())
            .unwrap_or_default()
    };
    assert_eq!(
        (class(0), class(1)),
        ("fail".into(), "pass".into()),
        "shouldRun no, shouldContinueRunning yes: NoSchedule does not evict"
    );
    assert!(
        app.text(&format!("{rows} tr[data-row=worker] td.rule"))
            .contains("nothing in the way")
    );
    // The worker's daemon pod, from its row, is explained with the filters.
    app.click(&format!(
        "{rows} tr[data-row=worker] [data-select^='pod/default/redis-ds-']"
    ))
    .await;
    let table = "[data-testid=filter-table]";
    assert!(
        app.text(&format!(
            "{table} tr[data-row=master] td[data-plugin=TaintToleration]"
        ))
        .contains("untolerated taint")
    );
    assert!(
        app.class(&format!(
            "{table} tr[data-row=worker] td[data-plugin=TaintToleration]"
        ))
        .contains("pass")
    );
    assert!(
        app.class(&format!("{table} tr[data-row=worker]"))
            .contains("bound")
    );
    let picked: HtmlSelectElement = app.get("[data-testid=explain-select]").unchecked_into();
    assert!(
        picked.value().starts_with("pod/default/redis-ds-"),
        "the selector follows a selection made in the panel: {}",
        picked.value()
    );
    assert!(
        app.text("[data-testid=explain-summary]")
            .contains("only node that passes every filter")
    );
    assert_eq!(
        app.count("[data-testid=score-table] tr[data-row=worker] td.total"),
        1
    );
}

#[wasm_bindgen_test]
async fn a_node_lists_its_taints_with_what_they_do() {
    let app = Mounted::english().await;
    app.click("[data-node=master] .node-name button").await;
    let taint =
        "[data-testid=node-taints] [data-taint='node-role.kubernetes.io/master:NoSchedule']";
    let effect = app.text(&format!("{taint} .effect"));
    assert!(
        effect.starts_with("NoSchedule: the scheduler places no new pod here"),
        "{effect}"
    );
    assert!(app.text(&format!("{taint} .origin")).contains("kubeadm"));
    assert!(app.text("[data-testid=node-resources]").contains("cpu"));
    assert!(
        app.text("[data-testid=node-conditions]")
            .contains("KubeletReady")
    );
    // The worker, picked in the panel: no taint, and its daemon pod once applied.
    app.click("[data-testid=apply]").await;
    app.explain("node/worker").await;
    assert_eq!(app.count("[data-testid=node-taints] li"), 0);
    assert!(app.text("[data-testid=node-pods]").contains("DaemonSet"));
}

#[wasm_bindgen_test]
async fn a_no_execute_countdown_follows_the_clock() {
    let app = Mounted::english().await;
    app.click("[data-testid=pause]").await;
    app.apply(
        "apiVersion: v1
kind: Node
metadata:
  name: worker
spec:
  taints:
  - {key: maintenance, effect: NoExecute}
---
apiVersion: v1
kind: Pod
metadata:
  name: lingering
spec:
  containers:
  - name: c
    image: nginx
  tolerations:
  - {key: maintenance, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
",
    )
    .await;
    app.click("[data-node=worker] [data-pod=lingering] .pod-name")
        .await;
    let left = |app: &Mounted| -> u64 {
        app.text("[data-testid=eviction-countdown]")
            .parse()
            .expect("a number of seconds")
    };
    assert_eq!(left(&app), 60);
    app.click("[data-testid=clock-step]").await;
    assert_eq!(left(&app), 59);
    app.click("[data-testid=clock-step]").await;
    app.click("[data-testid=clock-step]").await;
    assert_eq!(left(&app), 57);
}

/// A pod that fills most of the worker.
const FILLER: &str = "apiVersion: v1
kind: Pod
metadata:
  name: filler
spec:
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: \"3\"
";

/// A PriorityClass that never preempts, and a pod of that class that does not
/// fit beside the filler, so it waits.
const WAITS_POLITELY: &str = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: polite
value: 1000
preemptionPolicy: Never
---
apiVersion: v1
kind: Pod
metadata:
  name: polite
spec:
  priorityClassName: polite
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: \"2\"
";

#[wasm_bindgen_test]
async fn a_pending_pod_explains_what_preemption_would_do() {
    let app = Mounted::english().await;
    app.click("[data-testid=pause]").await;
    app.apply(FILLER).await;
    // The filler again, unchanged, and the class and the pod that waits.
    app.apply(&format!("{FILLER}---\n{WAITS_POLITELY}")).await;
    app.click("[data-testid=pending] [data-pod=polite] button")
        .await;
    let preemption = app.text("[data-testid=explain-preemption]");
    assert!(preemption.contains("DefaultPreemption"), "{preemption}");
    assert!(preemption.contains("below 1000"), "{preemption}");
    assert!(
        preemption.contains("not eligible due to preemptionPolicy=Never."),
        "{preemption}"
    );
    assert!(
        app.text("[data-testid=failed-scheduling]")
            .ends_with("preemption: not eligible due to preemptionPolicy=Never."),
        "the scheduler's own message"
    );
}
