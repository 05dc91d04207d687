//! `kubectl get` (and `describe`) over a big cluster, end to end as a user meets
//! them: the command line as typed, split into words, through
//! `taintlab_kubectl::run` to the printed text. Issue 13 asks that these print
//! in well under a second over tens of thousands of objects.
//!
//! The cluster is shaped like `core/benches/scheduler_perf.rs` builds it (nodes of
//! 4 CPU / 32Gi / 110 pods from `node-default.yaml`, pods from `pod-default.yaml`):
//! 5,000 nodes and 15,000 pods, every one bound and Running (4n, full size), and
//! 1/4 of that (n). One pod in ten is labelled `app=x`, the others `app=y`.
//! Building the cluster is not measured.
//!
//! Every (command, size) is a child process (this binary, run again) that builds
//! the cluster once and then runs the command `RUNS` times (default 5); a run over
//! the wall-clock budget (`BENCH_BUDGET` seconds, default 60) stops the child and
//! is reported as "did not finish within N s". The lines give the median, the
//! best run (on a machine shared with other work, the least disturbed), the
//! printed size, a digest of the printed text (equal digests before and after a
//! change: the same bytes) and `time(4n) / time(n)` (4.0 is linear). Run with
//! `cargo bench -p taintlab-kubectl --bench get -- [part of a command...]`.

use std::io::Write;
use std::process::Command;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering;
use std::time::Duration;
use std::time::Instant;
use taintlab_core::Cluster;
use taintlab_core::KubeVersion;
use taintlab_core::api::Node;
use taintlab_core::api::Quantity;
use taintlab_core::sorted_map::SortedMap;
use taintlab_kubectl::Invocation;

const CHILD: &str = "TAINTLAB_BENCH_CHILD";

/// The command lines measured, as a user types them.
const COMMANDS: [&str; 8] = [
    "kubectl get pods -o wide",
    "kubectl get pods -A",
    "kubectl get nodes",
    "kubectl get pods -o json",
    "kubectl get pods -o yaml",
    "kubectl describe nodes",
    "kubectl get pods -l app=x",
    "kubectl get pods --field-selector spec.nodeName=node-00042",
];

/// Full size (4n): nodes and pods.
const NODES: usize = 5000;
const PODS: usize = 15_000;

/// `node-default.yaml`: 4 CPU, 32Gi, 110 pods.
fn nodes(count: usize) -> Vec<Node> {
    let memory = Quantity::parse("32Gi").expect("32Gi parses");
    (0..count)
        .map(|i| {
            let mut node = Node::default();
            node.metadata.name = format!("node-{i:05}");
            node.metadata.labels.insert(
                "kubernetes.io/hostname".to_string(),
                node.metadata.name.clone(),
            );
            node.allocatable
                .insert("cpu".to_string(), Quantity::from_units(4));
            node.allocatable.insert("memory".to_string(), memory);
            node.allocatable
                .insert("pods".to_string(), Quantity::from_units(110));
            node
        })
        .collect()
}

/// `count` pods of `pod-default.yaml` as one `kind: List`, one in ten `app=x`.
fn pods_yaml(count: usize) -> String {
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..count {
        let app = if i % 10 == 0 { "x" } else { "y" };
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: pod-{i:05}\n    namespace: default\n    labels:\n      app: {app}\n  spec:\n    containers:\n    - image: registry.k8s.io/pause:3.10\n      name: pause\n      ports:\n      - containerPort: 80\n      resources:\n        limits:\n          cpu: 100m\n          memory: 500Mi\n        requests:\n          cpu: 100m\n          memory: 500Mi\n"
        ));
    }
    text
}

/// The cluster at `scale` (1 = n, 4 = 4n): every pod bound and Running.
fn cluster(scale: usize) -> Cluster {
    let count = PODS * scale / 4;
    let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(NODES * scale / 4));
    if let Err(errors) = cluster.apply(&pods_yaml(count)) {
        panic!("apply refused: {:?}", &errors[..errors.len().min(3)]);
    }
    let running = |c: &Cluster| c.pods().filter(|p| p.status.phase == "Running").count();
    while running(&cluster) < count {
        cluster.advance(1);
    }
    // Ages in minutes rather than seconds, as a cluster a user looks at.
    cluster.advance(600);
    cluster
}

/// Runs `line` (starting with `kubectl`) as the shell hands it to kubectl.
fn kubectl(cluster: &mut Cluster, line: &str) -> taintlab_kubectl::Output {
    let files = SortedMap::default();
    let args: Vec<String> = line.split_whitespace().skip(1).map(String::from).collect();
    taintlab_kubectl::run(
        Invocation {
            cluster,
            files: &files,
            stdin: None,
        },
        &args,
    )
}

fn budget() -> f64 {
    std::env::var("BENCH_BUDGET")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(60.0)
}

fn runs() -> usize {
    std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1)
}

/// Deadline (milliseconds since the child started) after which it stops itself.
static DEADLINE_MS: AtomicU64 = AtomicU64::new(u64::MAX);
/// FNV-1a of the printed text: the same digest before and after a change to the
/// printers shows that the output stayed byte for byte the same.
fn fnv64(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// 0 while the cluster is built, 1 once the command is measured.
static PHASE: AtomicU64 = AtomicU64::new(0);

/// Runs command `index` at `scale` `RUNS` times in this (child) process, printing
/// `RUN seconds bytes lines` per run; `SETUP` or `TIMEOUT` when over budget.
fn child(index: usize, scale: usize) {
    let start = Instant::now();
    let budget = budget();
    let deadline = |seconds: f64| {
        let at = start.elapsed().as_millis() as u64 + (seconds * 1000.0) as u64;
        DEADLINE_MS.store(at, Ordering::SeqCst);
    };
    deadline(budget * 3.0);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(5));
            if start.elapsed().as_millis() as u64 > DEADLINE_MS.load(Ordering::SeqCst) {
                let measuring = PHASE.load(Ordering::SeqCst) == 1;
                println!("{}", if measuring { "TIMEOUT" } else { "SETUP" });
                let _ = std::io::stdout().flush();
                std::process::exit(3);
            }
        }
    });
    let mut cluster = cluster(scale);
    let line = COMMANDS[index];
    PHASE.store(1, Ordering::SeqCst);
    for _ in 0..runs() {
        deadline(budget);
        let t = Instant::now();
        let out = kubectl(&mut cluster, line);
        let seconds = t.elapsed().as_secs_f64();
        assert_eq!(
            out.code,
            0,
            "{line} failed: {}",
            &out.text[..out.text.len().min(500)]
        );
        println!(
            "RUN {seconds} {} {} {:016x}",
            out.text.len(),
            out.text.lines().count(),
            fnv64(&out.text)
        );
        let _ = std::io::stdout().flush();
    }
}

/// One size's runs: sorted seconds, printed bytes and lines, or why not.
enum Outcome {
    Done(Vec<f64>, usize, usize, String),
    DidNotFinish(&'static str),
}

fn runs_of(index: usize, scale: usize) -> Outcome {
    let exe = std::env::current_exe().expect("the bench binary");
    let output = Command::new(&exe)
        .env(CHILD, format!("{index}:{scale}"))
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    if stdout.lines().any(|l| l == "SETUP") {
        return Outcome::DidNotFinish("setup did not finish");
    }
    let mut seconds = Vec::new();
    let (mut bytes, mut lines, mut digest) = (0, 0, String::new());
    for run in stdout.lines().filter_map(|l| l.strip_prefix("RUN ")) {
        let parts: Vec<&str> = run.split(' ').collect();
        seconds.push(parts[0].parse::<f64>().unwrap_or(f64::NAN));
        bytes = parts[1].parse().unwrap_or(0);
        lines = parts[2].parse().unwrap_or(0);
        digest = parts[3].to_string();
    }
    if stdout.lines().any(|l| l == "TIMEOUT") {
        return Outcome::DidNotFinish("did not finish");
    }
    if seconds.is_empty() {
        panic!(
            "{} failed:\n{stdout}\n{}",
            COMMANDS[index],
            String::from_utf8_lossy(&output.stderr)
        );
    }
    seconds.sort_by(|a, b| a.total_cmp(b));
    Outcome::Done(seconds, bytes, lines, digest)
}

fn median(seconds: &[f64]) -> f64 {
    seconds[seconds.len() / 2]
}

fn report(index: usize) {
    let budget = budget();
    let small = runs_of(index, 1);
    let large = match small {
        Outcome::Done(..) => runs_of(index, 4),
        Outcome::DidNotFinish(_) => Outcome::DidNotFinish("not run (n did not finish)"),
    };
    let describe = |o: &Outcome| match o {
        Outcome::Done(s, bytes, lines, digest) => format!(
            "median of {}: {:.1} ms, best {:.1} ms ({} KiB, {lines} lines, digest {digest})",
            s.len(),
            median(s) * 1000.0,
            s[0] * 1000.0,
            bytes / 1024
        ),
        Outcome::DidNotFinish(why) if why.starts_with("not run") => why.to_string(),
        Outcome::DidNotFinish(why) => format!("{why} within {budget:.0} s"),
    };
    let ratio = match (&small, &large) {
        (Outcome::Done(s, ..), Outcome::Done(l, ..)) => {
            format!("{:.1} (best: {:.1})", median(l) / median(s), l[0] / s[0])
        }
        (Outcome::Done(s, ..), Outcome::DidNotFinish(_)) => {
            format!("> {:.0}", budget / median(s))
        }
        _ => "-".to_string(),
    };
    println!("{} (goal <= 300 ms at 4n)", COMMANDS[index]);
    println!(
        "  n  = {} nodes, {} pods: {}",
        NODES / 4,
        PODS / 4,
        describe(&small)
    );
    println!("  4n = {NODES} nodes, {PODS} pods: {}", describe(&large));
    println!("  time(4n)/time(n) = {ratio}");
    let _ = std::io::stdout().flush();
}

fn main() {
    if let Ok(spec) = std::env::var(CHILD) {
        let mut parts = spec.split(':');
        let index: usize = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        let scale: usize = parts.next().and_then(|p| p.parse().ok()).unwrap_or(4);
        child(index.min(COMMANDS.len() - 1), scale);
        return;
    }
    // `cargo bench` passes `--bench`; other words pick commands by part of their text.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    for (index, line) in COMMANDS.iter().enumerate() {
        if filters.is_empty() || filters.iter().any(|f| line.contains(f.as_str())) {
            report(index);
        }
    }
}
