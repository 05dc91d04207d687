//! Browser benchmarks: the real app (full module) in headless Chromium.
//!
//! - `a_thousand_nodes`: a 1,000-node cluster running a DaemonSet. It measures what
//!   a person waits for: applying the cluster's YAML, one step of the clock
//!   (advance, view, render), and typing in the grid's search.
//! - `scheduler_perf_workloads`: the native benchmark's workloads
//!   (`core/benches/scheduler_perf.rs`) at n = 250 nodes / 2,500 pods and
//!   4n = 1,000 nodes / 10,000 pods, typed into the editor and applied with the
//!   Apply button (or typed into the terminal), each timed from the click to every
//!   pod bound as the page shows it, with the longest main-thread task (a
//!   `PerformanceObserver` of `longtask` entries) and the longest gap between two
//!   animation frames.
//!
//! - `import_a_real_cluster`: a real cluster's state (`core/benches/import_dump`,
//!   the native `ImportState` benchmark's: `kubectl get ... -A -o yaml` with
//!   `managedFields` and running statuses) at n = 250 nodes / 7,500 pods and
//!   4n = 1,000 nodes / 30,000 pods, chosen as a file in the Import dialog, timed
//!   from the file input's `change` to the page showing every node and every pod
//!   bound (the file read, the merge, the import, the view and the render).
//!
//! Measurements, not tests: ignored by default, they assert only that the page
//! did the work. Run them with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --release -p taintlab-tests --target wasm32-unknown-unknown --test browser_bench -- --include-ignored --nocapture`
//! (README, "Benchmarks").
#![cfg(target_arch = "wasm32")]

mod common;
#[path = "../../core/benches/import_dump/mod.rs"]
mod import_dump;

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

/// The nodes of the scheduler_perf workloads (`node-default.yaml`: 4 CPU, 32Gi, 110
/// pods), as one `kind: List`.
fn perf_nodes_yaml(nodes: usize) -> String {
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..nodes {
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Node\n  metadata:\n    name: node-{i:05}\n  status:\n    allocatable: {{cpu: \"4\", memory: 32Gi, pods: \"110\"}}\n"
        ));
    }
    text
}

/// `pod-default.yaml`'s container (100m / 500Mi), indented by `indent` spaces.
fn container_yaml(indent: &str) -> String {
    format!(
        "{indent}containers:\n{indent}- image: registry.k8s.io/pause:3.10\n{indent}  name: pause\n{indent}  ports:\n{indent}  - containerPort: 80\n{indent}  resources:\n{indent}    limits:\n{indent}      cpu: 100m\n{indent}      memory: 500Mi\n{indent}    requests:\n{indent}      cpu: 100m\n{indent}      memory: 500Mi\n"
    )
}

/// `count` bare pods as one `kind: List`.
fn perf_pods_yaml(count: usize) -> String {
    let container = container_yaml("    ");
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..count {
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: pod-{i:05}\n    namespace: default\n  spec:\n{container}"
        ));
    }
    text
}

fn perf_deployment_yaml(replicas: usize) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bench\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: bench\n  template:\n    metadata:\n      labels:\n        app: bench\n    spec:\n{}",
        container_yaml("      ")
    )
}

fn perf_daemon_set_yaml() -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  selector:\n    matchLabels:\n      app: ds\n  template:\n    metadata:\n      labels:\n        app: ds\n    spec:\n{}",
        container_yaml("      ")
    )
}

/// The app mounted on its own element, taken down afterwards so that the runs
/// that follow do not lay out (or tick) the earlier ones' pages.
struct Owned {
    root: web_sys::Element,
    handle: Option<yew::AppHandle<taintlab_full::App>>,
}

impl Dom for Owned {
    fn root(&self) -> &web_sys::Element {
        &self.root
    }
}

impl Owned {
    async fn new() -> Owned {
        let root = common::new_root();
        let handle = yew::Renderer::<taintlab_full::App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Owned {
            root,
            handle: Some(handle),
        }
    }

    /// Pods on nodes as the page shows them: the grid's counts, or the cards' chips.
    fn bound_pods(&self) -> u32 {
        let Ok(counts) = self
            .root
            .query_selector_all("[data-testid=node-grid] .pods-count")
        else {
            return 0;
        };
        if counts.length() == 0 {
            return self.count(".node-card [data-pod]");
        }
        (0..counts.length())
            .filter_map(|i| counts.item(i))
            .filter_map(|n| n.text_content())
            .filter_map(|t| t.trim().parse::<u32>().ok())
            .sum()
    }

    fn pending(&self) -> bool {
        self.find("[data-testid=pending]").is_some()
    }

    /// Applies `text` through the editor and the Apply button, unmeasured.
    async fn apply(&self, text: &str) {
        self.type_text(text).await;
        self.click("[data-testid=apply]").await;
    }

    /// Waits until the page shows `pods` pods bound and none pending: a big
    /// change runs in steps, one per frame, after its click.
    async fn until_bound(&self, pods: u32) {
        let start = now_ms();
        while self.pending() || self.bound_pods() < pods {
            assert!(
                now_ms() - start < 300_000.0,
                "the setup did not finish within 5 minutes"
            );
            common::sleep(10).await;
        }
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// What one measured input cost.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    /// From the click (or key press) to the page showing the result, ms.
    done: f64,
    /// The longest `longtask` entry in that time, ms (0: none over 50 ms).
    longest_task: f64,
    /// The longest gap between two animation frames in that time, ms.
    frame_gap: f64,
}

/// Starts recording long tasks and animation frames in the page (`window.__bench`).
fn start_probe() {
    let start = js_sys::Function::new_no_args(
        "const p = { longest: 0, gap: 0, last: performance.now(), on: true };
         p.obs = new PerformanceObserver(list => {
             for (const e of list.getEntries()) p.longest = Math.max(p.longest, e.duration);
         });
         p.obs.observe({ type: 'longtask' });
         const frame = () => {
             if (!p.on) return;
             const now = performance.now();
             p.gap = Math.max(p.gap, now - p.last);
             p.last = now;
             requestAnimationFrame(frame);
         };
         requestAnimationFrame(frame);
         window.__bench = p;",
    );
    start
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("probe started");
}

/// Stops the probe: (longest task, longest frame gap), in ms.
fn stop_probe() -> (f64, f64) {
    let stop = js_sys::Function::new_no_args(
        "const p = window.__bench;
         for (const e of p.obs.takeRecords()) p.longest = Math.max(p.longest, e.duration);
         p.obs.disconnect();
         p.on = false;
         p.gap = Math.max(p.gap, performance.now() - p.last);
         return [p.longest, p.gap];",
    );
    let result: js_sys::Array = stop
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("probe stopped")
        .unchecked_into();
    (
        result.get(0).as_f64().unwrap_or_default(),
        result.get(1).as_f64().unwrap_or_default(),
    )
}

/// Runs `input` in a task of its own (as a click from the user would come) and
/// waits until `done` says the page shows its result.
async fn measure(input: impl FnOnce() + 'static, done: impl Fn() -> bool) -> Span {
    // The setup's work (typing a long text) runs in the test's task: let it end
    // before the probe starts, so that its long task is not counted.
    common::sleep(50).await;
    start_probe();
    // Let the probe see a frame before the input, so that a gap is the input's.
    common::sleep(20).await;
    let clicked = std::rc::Rc::new(std::cell::Cell::new(0.0));
    let task = {
        let clicked = clicked.clone();
        wasm_bindgen::closure::Closure::once_into_js(move || {
            clicked.set(now_ms());
            input();
        })
    };
    web_sys::window()
        .expect("a window")
        .set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0)
        .expect("timeout set");
    loop {
        common::sleep(0).await;
        if clicked.get() > 0.0 && done() {
            break;
        }
        assert!(
            clicked.get() == 0.0 || now_ms() - clicked.get() < 300_000.0,
            "the page did not finish within 5 minutes"
        );
    }
    let elapsed = now_ms() - clicked.get();
    // The observer hears of a task after it ends.
    common::sleep(30).await;
    let (longest_task, frame_gap) = stop_probe();
    Span {
        done: elapsed,
        longest_task,
        frame_gap,
    }
}

fn click_in(root: &web_sys::Element, selector: &str) -> impl FnOnce() + 'static {
    let button: HtmlElement = root
        .query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into();
    move || button.click()
}

/// `nodes` nodes, then `text` applied with the Apply button, measured until
/// `expected` more pods are bound.
async fn apply_workload(nodes: usize, setup: &[String], text: &str, expected: u32) -> Span {
    let app = Owned::new().await;
    app.click("[data-testid=pause]").await;
    app.apply(&perf_nodes_yaml(nodes)).await;
    for text in setup {
        app.apply(text).await;
    }
    assert!(!app.pending(), "the setup leaves no pod pending");
    let before = app.bound_pods();
    app.type_text(text).await;
    let span = measure(click_in(&app.root, "[data-testid=apply]"), || {
        !app.pending() && app.bound_pods() >= before + expected
    })
    .await;
    assert!(app.bound_pods() >= before + expected, "every pod is bound");
    span
}

/// A Deployment of 10 replicas scaled to `replicas` from the terminal.
async fn scale_workload(nodes: usize, replicas: usize) -> Span {
    let app = Owned::new().await;
    app.click("[data-testid=pause]").await;
    app.apply(&perf_nodes_yaml(nodes)).await;
    app.apply(&perf_deployment_yaml(10)).await;
    app.click("[data-tab=terminal]").await;
    let before = app.bound_pods();
    let input: HtmlInputElement = app.get("[data-testid=terminal-input]").unchecked_into();
    let line = format!("kubectl scale deployment bench --replicas={replicas}");
    input.set_value(&line);
    let len = line.encode_utf16().count() as u32;
    input.set_selection_range(len, len).expect("cursor");
    input.dispatch_event(&input_event()).expect("dispatched");
    yew::scheduler::flush().await;
    let press = move || {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Enter");
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .expect("event");
        input.dispatch_event(&event).expect("dispatched");
    };
    let expected = replicas as u32 - 10;
    let span = measure(press, || {
        !app.pending() && app.bound_pods() >= before + expected
    })
    .await;
    assert_eq!(
        app.bound_pods(),
        before + expected,
        "every replica is bound"
    );
    span
}

/// `nodes` nodes running what `setup` applies (`pods` pods, all bound before
/// the clock moves); then the first clock step (the kubelets start every
/// container) and a later one in which nothing changes on any node.
async fn clock_workload(nodes: usize, setup: &[String], pods: u32) -> (Span, Span) {
    let app = Owned::new().await;
    app.click("[data-testid=pause]").await;
    app.apply(&perf_nodes_yaml(nodes)).await;
    for text in setup {
        app.apply(text).await;
    }
    // The rollout's last steps would otherwise land in the first step's time.
    app.until_bound(pods).await;
    let mut spans = Vec::new();
    for _ in 0..6 {
        let clock = app.text("[data-testid=clock-time]");
        let span = measure(click_in(&app.root, "[data-testid=clock-step]"), || {
            app.text("[data-testid=clock-time]") != clock
        })
        .await;
        spans.push(span);
    }
    (spans[0], spans[5])
}

/// `text` put into the editor as a paste does (its value and one `input` event),
/// measured until the page has rendered it.
async fn paste_workload(nodes: usize, text: &str) -> Span {
    let app = Owned::new().await;
    app.click("[data-testid=pause]").await;
    app.apply(&perf_nodes_yaml(nodes)).await;
    app.type_text("").await;
    let editor = app.editor();
    let text = text.to_string();
    let paste = move || {
        editor.set_value(&text);
        editor.dispatch_event(&input_event()).expect("dispatched");
    };
    // The input's task renders the text before it ends (Yew's scheduler runs
    // in its microtasks), so the next look finds it done.
    measure(paste, || true).await
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// One workload's line: the medians at n and 4n of the time, their ratio, and the
/// medians of the longest task (0: none over 50 ms) and of the longest frame gap.
fn report(name: &str, n: &[Span], n4: &[Span]) {
    let med = |spans: &[Span], f: fn(&Span) -> f64| median(spans.iter().map(f).collect());
    let (done_n, done_4n) = (med(n, |s| s.done), med(n4, |s| s.done));
    console_log!(
        "| {name} | {done_n:.0} ms | {done_4n:.0} ms | {:.1} | {:.0} ms | {:.0} ms | {:.0} ms |",
        done_4n / done_n,
        med(n, |s| s.longest_task),
        med(n4, |s| s.longest_task),
        med(n4, |s| s.frame_gap),
    );
}

#[wasm_bindgen_test]
#[ignore = "a browser benchmark, run on demand"]
async fn scheduler_perf_workloads() {
    const RUNS: usize = 3;
    // n = 250 nodes and 2,500 pods; 4n = 1,000 nodes and 10,000 pods.
    let sizes = [(250, 2_500), (1_000, 10_000)];
    let mut table: Vec<(&str, Vec<Vec<Span>>)> = Vec::new();
    let mut record = |name: &'static str, size: usize, span: Span| {
        console_log!(
            "{name} [{}]: {:.0} ms, longest task {:.0} ms, longest frame gap {:.0} ms",
            sizes[size].0,
            span.done,
            span.longest_task,
            span.frame_gap
        );
        match table.iter_mut().find(|(n, _)| *n == name) {
            Some((_, by_size)) => by_size[size].push(span),
            None => {
                let mut by_size = vec![Vec::new(), Vec::new()];
                by_size[size].push(span);
                table.push((name, by_size));
            }
        }
    };
    for _ in 0..RUNS {
        for (size, &(nodes, pods)) in sizes.iter().enumerate() {
            let span = apply_workload(nodes, &[], &perf_pods_yaml(pods), pods as u32).await;
            record("bare pods (`kind: List`)", size, span);
            let span = apply_workload(nodes, &[], &perf_deployment_yaml(pods), pods as u32).await;
            record("one Deployment", size, span);
            let span = scale_workload(nodes, pods).await;
            record("`kubectl scale` 10 → N (terminal)", size, span);
            let span = apply_workload(nodes, &[], &perf_daemon_set_yaml(), nodes as u32).await;
            record("one DaemonSet", size, span);
            let running = [perf_daemon_set_yaml(), perf_deployment_yaml(pods)];
            let (first, quiet) = clock_workload(nodes, &running, (nodes + pods) as u32).await;
            record(
                "clock step, containers start (DaemonSet + Deployment)",
                size,
                first,
            );
            record(
                "clock step, nothing changes (DaemonSet + Deployment)",
                size,
                quiet,
            );
            let (first, quiet) = clock_workload(nodes, &[perf_pods_yaml(pods)], pods as u32).await;
            record("clock step, containers start (bare pods)", size, first);
            record("clock step, nothing changes (bare pods)", size, quiet);
            let span = paste_workload(nodes, &perf_pods_yaml(pods)).await;
            record("pasting the pods' `kind: List` into the editor", size, span);
        }
    }
    console_log!(
        "| workload | median n | median 4n | 4n/n | longest task n | longest task 4n | longest frame gap 4n |"
    );
    console_log!("|---|---|---|---|---|---|---|");
    for (name, by_size) in &table {
        report(name, &by_size[0], &by_size[1]);
    }
}

/// Milliseconds `f` takes, and what it returns.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = now_ms();
    let value = f();
    (now_ms() - start, value)
}

/// Where a click's time goes at 4n, without the page: the reducer's copy of the
/// playground, the playground's update, and inside it the engine (decode, apply
/// and the control loops, on a copy of the cluster) and the view core builds.
/// What the page's measured span adds to these is Yew's render and the browser's.
#[wasm_bindgen_test]
#[ignore = "a browser benchmark, run on demand"]
async fn where_the_time_goes() {
    use taintlab_playground::Msg;
    use taintlab_playground::Playground;
    let (nodes, pods) = (1_000, 10_000);
    let mut pg = Playground::new();
    pg.update(Msg::TogglePause);
    pg.update(Msg::Edit(perf_nodes_yaml(nodes)));
    pg.update(Msg::Apply);
    let line = |name: &str, pg: &Playground, msg: Msg| -> Playground {
        let (copy, mut next) = timed(|| pg.clone());
        let engine_input = match &msg {
            Msg::Apply => Some(pg.text().to_string()),
            _ => None,
        };
        let mut cluster = pg.cluster().clone();
        let (engine, ()) = timed(|| match &engine_input {
            Some(text) => {
                cluster.apply(text).expect("applied");
            }
            None => cluster.advance(1),
        });
        let (view, _) = timed(|| taintlab_core::view::ClusterView::of(&cluster));
        let (update, _) = timed(|| next.update(msg));
        console_log!(
            "{name}: reducer's copy {copy:.0} ms; update {update:.0} ms, of which engine {engine:.0} ms, view {view:.0} ms, rest {:.0} ms",
            update - engine - view
        );
        next
    };
    for (name, text) in [
        ("bare pods", perf_pods_yaml(pods)),
        ("one Deployment", perf_deployment_yaml(pods)),
    ] {
        let mut with_text = pg.clone();
        with_text.update(Msg::Edit(text));
        let mut next = line(name, &with_text, Msg::Apply);
        for step in 1..=6 {
            next = line(&format!("{name}, clock step {step}"), &next, Msg::Step(1));
        }
    }
}

/// Chooses one file, `name` holding `text`, in the Import dialog's file input:
/// the input's `files`, then its `change` event, as a person choosing it does.
fn choose_import_file(root: &web_sys::Element, name: &str, text: &str) -> impl FnOnce() + 'static {
    let input = root
        .query_selector("[data-testid=import-files]")
        .ok()
        .flatten()
        .expect("the import dialog's file input");
    // The file is made before the measured span: only choosing it is measured.
    let make = js_sys::Function::new_with_args(
        "name, text",
        "const chosen = new DataTransfer(); chosen.items.add(new File([text], name)); return chosen.files;",
    );
    let files = make
        .call2(
            &wasm_bindgen::JsValue::NULL,
            &wasm_bindgen::JsValue::from_str(name),
            &wasm_bindgen::JsValue::from_str(text),
        )
        .expect("a file");
    move || {
        let input: HtmlInputElement = input.unchecked_into();
        input.set_files(Some(&files.unchecked_into()));
        let event = web_sys::Event::new("change").expect("an event");
        input.dispatch_event(&event).expect("dispatched");
    }
}

/// A real cluster's state of `nodes` nodes and `pods` pods imported through
/// the Import dialog, measured until the page shows it all.
async fn import_workload(nodes: usize, pods: usize) -> Span {
    let app = Owned::new().await;
    app.click("[data-testid=pause]").await;
    app.click("[data-testid=import]").await;
    let text = import_dump::state_yaml(nodes, pods);
    let choose = choose_import_file(&app.root, "cluster.yaml", &text);
    drop(text);
    let span = measure(choose, || {
        app.find("[data-testid=import-dialog]").is_none()
            && app.count("[data-testid=node-grid] [data-node]") == nodes as u32
            && !app.pending()
            && app.bound_pods() >= pods as u32
    })
    .await;
    assert_eq!(app.bound_pods(), pods as u32, "every pod is bound");
    span
}

#[wasm_bindgen_test]
#[ignore = "a browser benchmark, run on demand"]
async fn import_a_real_cluster() {
    const RUNS: usize = 3;
    let sizes = [(250, 7_500), (1_000, 30_000)];
    let mut spans = [Vec::new(), Vec::new()];
    for _ in 0..RUNS {
        for (size, &(nodes, pods)) in sizes.iter().enumerate() {
            let span = import_workload(nodes, pods).await;
            console_log!(
                "import [{nodes} nodes, {pods} pods]: {:.0} ms, longest task {:.0} ms, longest frame gap {:.0} ms",
                span.done,
                span.longest_task,
                span.frame_gap
            );
            spans[size].push(span);
        }
    }
    console_log!(
        "| workload | median n | median 4n | 4n/n | longest task n | longest task 4n | longest frame gap 4n |"
    );
    report(
        "importing a real cluster's state (Import dialog, one file)",
        &spans[0],
        &spans[1],
    );
}

/// Where an import's time goes at 4n, without the page: the merge (reading the
/// text, writing the list recorded), the import the check makes (the cluster
/// the page takes), the playground's update and the view. What
/// `import_a_real_cluster` adds to these is reading the file, Yew's render and
/// the browser's.
#[wasm_bindgen_test]
#[ignore = "a browser benchmark, run on demand"]
async fn where_the_import_time_goes() {
    use taintlab_core::import::{Source, merge};
    use taintlab_playground::{Msg, Playground, import};
    let (nodes, pods) = (1_000, 30_000);
    let text = import_dump::state_yaml(nodes, pods);
    let sources = [Source {
        name: "cluster.yaml",
        text: &text,
    }];
    let (merging, merged) = timed(|| merge(&sources).expect("merges"));
    let version = merged
        .kubelet_version
        .unwrap_or(taintlab_core::KubeVersion::NEWEST);
    let mut merged = merged;
    let mut cluster = taintlab_core::Cluster::empty(version);
    let (importing, _) = timed(|| cluster.import_merged(&mut merged).expect("imports"));
    drop(cluster);
    let (whole, imported) = timed(|| import::files(&sources).expect("imports"));
    let mut pg = Playground::new();
    let (update, ()) = timed(|| {
        pg.update(Msg::Imported(Box::new(imported)));
    });
    let (view, _) = timed(|| taintlab_core::view::ClusterView::of(pg.cluster()));
    let (copy, _) = timed(|| pg.clone());
    console_log!(
        "import at 4n ({} MiB): merge {merging:.0} ms, import {importing:.0} ms (import::files, both: {whole:.0} ms); the playground's update {update:.0} ms, of which the view {view:.0} ms; the reducer's copy {copy:.0} ms",
        text.len() >> 20
    );
}
