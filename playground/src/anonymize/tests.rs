//! The anonymizer's behaviour: no real name left, the same placement, stable,
//! and the tutorial left alone.

use super::*;
use crate::{Msg, Playground, import};
use taintlab_core::api::Pod;
use taintlab_core::recorded::tutorial_session;

const STATE: &str = include_str!("../../../core/tests/fixtures/cluster_state.yaml");
const STATE_JSON: &str = include_str!("../../../core/tests/fixtures/cluster_state.json");
const KIND_V130: &str = include_str!("../../../core/tests/fixtures/kind-v1.30-nodes.yaml");

/// A Deployment pinned to the payments node, which does not fit all of it
/// there (three pods of 3 CPUs on 8), a pod on a named node, a spread, and a
/// disruption budget, in a namespace the terminal made.
const BILLING: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: billing
  labels:
    app: api
    acme.com/owner: jane
  annotations:
    acme.com/secret-note: the payments database is at db.acme.internal
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      nodeSelector:
        team: payments
      tolerations:
      - key: dedicated
        operator: Equal
        value: payments
        effect: NoSchedule
      topologySpreadConstraints:
      - maxSkew: 3
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels:
            app: api
      containers:
      - name: api
        image: registry.acme.io/billing/api:2.1
        env:
        - name: DB_PASSWORD
          value: hunter2
        resources:
          requests:
            cpu: \"3\"
---
apiVersion: v1
kind: Pod
metadata:
  name: ledger
  namespace: billing
spec:
  nodeName: kind-worker
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchExpressions:
          - key: app
            operator: In
            values: [web]
  containers:
  - name: ledger
    image: registry.acme.io/billing/ledger:7
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api-budget
  namespace: billing
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: api
";

fn command(pg: &mut Playground, line: &str) {
    pg.update(Msg::Command {
        line: line.into(),
        stdin: None,
    });
}

/// The fixture's state imported, then commands, an apply, a button, steps.
fn imported_session() -> Session {
    let mut pg = Playground::new();
    let import = import::nodes(STATE).expect("imports");
    pg.update(Msg::Import(import.inputs()));
    for line in [
        "kubectl uncordon kind-worker2",
        "kubectl taint nodes kind-worker dedicated=payments:NoSchedule",
        "kubectl label nodes kind-worker2 team=payments",
        "kubectl create namespace billing",
    ] {
        command(&mut pg, line);
    }
    pg.update(Msg::Edit(BILLING.into()));
    pg.update(Msg::Apply);
    assert!(!pg.failed(), "{:?}", pg.diagnostics());
    pg.update(Msg::Node("kind-control-plane".into(), NodeAction::Cordon));
    command(&mut pg, "kubectl scale deployment web -n shop --replicas=4");
    pg.update(Msg::Step(10));
    command(&mut pg, "kubectl delete pod log-agent-m7wzp -n logging");
    command(&mut pg, "kubectl get pods -A -o wide | grep kind-worker");
    pg.update(Msg::Step(5));
    pg.update(Msg::Select("pod/shop/web-7c5b9d6f84-2xk8d".into()));
    pg.session().clone()
}

/// Whether `word` appears in `text` with no letter, digit or dash either side.
fn has_word(text: &str, word: &str) -> bool {
    let part = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
    text.match_indices(word).any(|(at, _)| {
        !part(text[..at].chars().next_back()) && !part(text[at + word.len()..].chars().next())
    })
}

/// Every UID the fixture holds.
fn fixture_uids() -> Vec<String> {
    STATE
        .lines()
        .filter_map(|l| l.trim().strip_prefix("uid: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn an_imported_session_keeps_no_real_name() {
    let session = imported_session();
    let text = anonymize(&session).encode();
    let original = session.encode();
    let names = [
        // Nodes, namespaces, workloads and pods.
        "kind-control-plane",
        "kind-worker",
        "kind-worker2",
        "logging",
        "shop",
        "billing",
        "log-agent",
        "log-agent-4kq2x",
        "web",
        "web-7c5b9d6f84",
        "web-7c5b9d6f84-2xk8d",
        "report",
        "api",
        "api-budget",
        "ledger",
        // Label, taint and toleration values and custom keys.
        "payments",
        "jane",
        "acme.com/owner",
        // Images, registries, and what only annotations and env held.
        "fluent/fluent-bit:3.1",
        "nginx:1.27",
        "busybox:1.36",
        "registry.acme.io/billing/api:2.1",
        "hunter2",
        "db.acme.internal",
        // Addresses.
        "10.244.1.7",
        "172.18.0.3",
    ];
    for name in names {
        assert!(has_word(&original, name), "the test's own check: {name}");
        assert!(!has_word(&text, name), "{name} is still in the link");
    }
    for uid in fixture_uids() {
        assert!(!text.contains(&uid), "{uid}");
    }
    for part in ["acme", "fluent", "nginx", "busybox", "kind-"] {
        assert!(!text.contains(part), "{part}");
    }
    // What lessons and learners rely on stays.
    for kept in [
        "kubernetes.io/hostname",
        "node-role.kubernetes.io/control-plane",
        "default",
        "NoSchedule",
        "7c5b9d6f84",
    ] {
        assert!(text.contains(kept), "{kept}");
    }
}

/// A pod as compared across the two replays: its node, phase, and the
/// scheduler's message if it waits.
fn placed(p: &Pod) -> (String, String, String) {
    let waiting = p
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "PodScheduled" && c.status == "False")
        .map(|c| c.message.clone())
        .unwrap_or_default();
    (p.spec.node_name.clone(), p.status.phase.clone(), waiting)
}

/// Every pod of the original replay is in the anonymized one, under its UID's
/// placeholder (generated UIDs are the same: the same inputs draw the same
/// numbers), on its node's placeholder, in the same phase, waiting for the
/// same reason with the names replaced.
fn assert_same_placement(session: &Session) {
    let mapping = Mapping::of(session);
    let anonymized = mapping.session(session);
    let (before, after) = (
        Playground::restore(session.clone()),
        Playground::restore(anonymized),
    );
    assert_same_clusters(&mapping, before.cluster(), after.cluster());
    // With a what-if copy open, the cluster as it is too.
    assert_eq!(before.what_if().is_some(), after.what_if().is_some());
    if let (Some(before), Some(after)) = (before.what_if(), after.what_if()) {
        assert_same_clusters(&mapping, before.base(), after.base());
    }
}

fn assert_same_clusters(mapping: &Mapping, before: &Cluster, after: &Cluster) {
    assert_eq!(before.pods().count(), after.pods().count());
    for pod in before.pods() {
        let uid = mapping.name(&pod.metadata.uid).unwrap_or(&pod.metadata.uid);
        let twin = after
            .pods()
            .find(|p| p.metadata.uid == uid)
            .unwrap_or_else(|| panic!("no twin of {}", pod.metadata.name));
        let (node, phase, waiting) = placed(pod);
        let expected = (
            mapping.name(&node).unwrap_or(&node).to_string(),
            phase,
            mapping.text(&waiting),
        );
        assert_eq!(placed(twin), expected, "{}", pod.metadata.name);
        assert_eq!(
            twin.metadata.namespace,
            mapping
                .name(&pod.metadata.namespace)
                .unwrap_or(&pod.metadata.namespace)
        );
    }
    let nodes = |c: &Cluster| {
        c.nodes()
            .map(|n| {
                let taints: Vec<String> = n.spec.taints.iter().map(|t| t.to_string()).collect();
                (n.metadata.name.clone(), n.spec.unschedulable, taints)
            })
            .collect::<Vec<_>>()
    };
    let expected: Vec<_> = nodes(before)
        .into_iter()
        .map(|(name, cordoned, taints)| {
            let taints = taints.iter().map(|t| mapping.text(t)).collect::<Vec<_>>();
            (
                mapping.name(&name).unwrap_or(&name).to_string(),
                cordoned,
                taints,
            )
        })
        .collect();
    assert_eq!(nodes(after), expected);
    assert_eq!(before.now(), after.now());
    assert!(before.pods().count() > 0);
}

#[test]
fn an_anonymized_session_replays_to_the_same_placement() {
    let session = imported_session();
    let before = Playground::restore(session.clone());
    let waiting = before
        .cluster()
        .pods()
        .filter(|p| !placed(p).2.is_empty())
        .count();
    assert!(waiting >= 1, "the scenario has a pending pod: {waiting}");
    assert_same_placement(&session);
}

#[test]
fn a_what_if_copys_inputs_get_the_same_placeholders() {
    let mut pg = Playground::restore(imported_session());
    pg.update(Msg::WhatIf(crate::playground::what_if::WhatIfEvent::Start));
    command(
        &mut pg,
        "kubectl taint nodes kind-worker2 dedicated=billing:NoExecute",
    );
    pg.update(Msg::Node("kind-worker".into(), NodeAction::Cordon));
    pg.update(Msg::Step(10));
    let session = pg.session().clone();
    let fork = session.fork.as_ref().expect("a what-if copy");
    assert!(fork.log.len() >= 3, "{:?}", fork.log);
    assert!(is_imported(&session));
    let out = anonymize(&session);
    let text = format!("{:?}", out.fork);
    for name in ["kind-worker", "billing"] {
        assert!(!has_word(&text, name), "{name}: {text}");
    }
    assert_eq!(out.fork.as_ref().map(|f| f.at), Some(fork.at));
    assert_same_placement(&session);
}

#[test]
fn anonymizing_is_stable() {
    let session = imported_session();
    let once = anonymize(&session);
    assert_eq!(once.encode(), anonymize(&session).encode());
    assert_eq!(
        anonymize(&once).encode(),
        once.encode(),
        "placeholders are their own placeholders"
    );
}

#[test]
fn the_tutorial_is_not_imported_and_its_link_is_unchanged() {
    let mut pg = Playground::restore(tutorial_session());
    pg.update(Msg::Apply);
    command(&mut pg, "kubectl cordon worker");
    let session = pg.session().clone();
    assert!(!is_imported(&session));
    assert_eq!(for_link(&session, is_imported(&session)), session);
    // Asked for anyway, the built-in nodes keep their names.
    let anonymized = anonymize(&session);
    assert_eq!(anonymized.history, ["kubectl cordon worker"]);
}

#[test]
fn an_import_of_nodes_is_an_import_and_replays_the_same() {
    let mut pg = Playground::new();
    let import = import::nodes(KIND_V130).expect("imports");
    assert!(import.state.is_none(), "nodes only");
    pg.update(Msg::Import(import.inputs()));
    pg.update(Msg::Apply);
    command(
        &mut pg,
        "kubectl label nodes lab-worker tier=backend --overwrite",
    );
    pg.update(Msg::Step(3));
    let session = pg.session().clone();
    assert!(is_imported(&session));
    let text = anonymize(&session).encode();
    for name in ["lab-control-plane", "lab-worker", "frontend", "backend"] {
        assert!(has_word(&session.encode(), name), "{name}");
        assert!(!has_word(&text, name), "{name}");
    }
    assert_same_placement(&session);

    let mut state = Session::default();
    state.record(Input::ImportState(STATE_JSON.into()));
    assert!(is_imported(&state));
}

#[test]
fn placeholders_keep_the_order_of_nodes_so_ties_break_the_same() {
    // Three equal nodes; the first by name wins a tie. Joined in another order.
    let mut pg = Playground::new();
    let import = import::nodes(
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: zeta\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: alpha\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: mid\n",
    )
    .expect("imports");
    // A command on the tutorial's nodes first: they are gone after the import,
    // and do not shape the imported nodes' placeholders.
    command(&mut pg, "kubectl cordon worker");
    pg.update(Msg::Import(import.inputs()));
    command(&mut pg, "kubectl run one --image=nginx");
    pg.update(Msg::Step(2));
    let session = pg.session().clone();
    let mapping = Mapping::of(&session);
    assert_eq!(mapping.name("alpha"), Some("node-1"));
    assert_eq!(mapping.name("mid"), Some("node-2"));
    assert_eq!(mapping.name("zeta"), Some("node-3"));
    assert_eq!(mapping.name("one"), Some("pod-1"));
    assert_same_placement(&session);
    let after = Playground::restore(mapping.session(&session));
    let pod = after.cluster().pods().next().expect("a pod");
    assert_eq!(pod.spec.node_name, "node-1");
    assert_eq!(pod.metadata.name, "pod-1");
}

#[test]
fn commands_buttons_and_manifests_get_the_same_names() {
    let mut session = Session::default();
    for input in import::nodes(STATE).expect("imports").inputs() {
        session.record(input);
    }
    session.record(Input::Node {
        node: "kind-worker".into(),
        action: NodeAction::AddTaintSpec("dedicated=payments:NoSchedule".into()),
    });
    session.record(Input::manifest(
        "kind-worker",
        "cache.yaml",
        Some("apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  containers:\n  - name: c\n    image: acme/cache:1\n".into()),
    ));
    session.record(Input::Command {
        line: "kubectl describe pod cache-kind-worker".into(),
        stdin: None,
    });
    session
        .history
        .push("kubectl get pods -n shop -l app=web -o wide".into());
    session.selected = "node/kind-worker".into();
    let mapping = Mapping::of(&session);
    let out = mapping.session(&session);
    let node = mapping.name("kind-worker").expect("a node");
    let payments = mapping.name("payments").expect("a value");
    assert!(matches!(
        &out.log[session.log.len() - 3],
        Input::Node { node: n, action: NodeAction::AddTaintSpec(spec) }
            if n == node && *spec == format!("dedicated={payments}:NoSchedule")
    ));
    let cache = mapping.name("cache").expect("a pod");
    assert_eq!(
        out.log[session.log.len() - 2],
        Input::manifest(
            node,
            "cache.yaml",
            Some(format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {cache}\nspec:\n  containers:\n  - name: {}\n    image: {}\n",
                mapping.name("c").unwrap_or("c"),
                mapping.image("acme/cache:1").expect("an image")
            ))
        )
    );
    assert_eq!(
        out.log[session.log.len() - 1],
        Input::Command {
            line: format!("kubectl describe pod {cache}-{node}"),
            stdin: None
        }
    );
    let (shop, web) = (
        mapping.name("shop").expect("ns"),
        mapping.name("web").expect("deploy"),
    );
    assert_eq!(
        out.history,
        [format!("kubectl get pods -n {shop} -l app={web} -o wide")]
    );
    assert_eq!(out.selected, format!("node/{node}"));
    assert_same_placement(&session);
}

#[test]
fn a_refused_apply_stays_refused() {
    let mut session = Session::default();
    for input in import::nodes(STATE).expect("imports").inputs() {
        session.record(input);
    }
    // An unknown field: refused. Dropping the field would let it through.
    let refused = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: report\n  namespace: shop\nspec:\n  nodeName: kind-worker\n  tolerationz: []\n  containers:\n  - name: c\n    image: x\n";
    session.record(Input::Apply(refused.into()));
    let out = anonymize(&session);
    let Some(Input::Apply(text)) = out.log.last() else {
        panic!("an apply")
    };
    assert!(text.contains("tolerationz"), "{text}");
    assert!(
        !has_word(text, "kind-worker") && !has_word(text, "shop"),
        "{text}"
    );
    assert!(taintlab_core::decode::decode(text).is_err());
    assert_same_placement(&session);
}

#[test]
fn a_strangers_session_is_an_answer_not_a_panic() {
    let mut session = Session::default();
    for (i, _) in STATE.char_indices().step_by(997) {
        session.record(Input::ImportState(STATE[..i].into()));
        session.record(Input::Apply(STATE[i..].into()));
    }
    for line in [
        "",
        "kubectl",
        "kubectl -n",
        "kubectl label",
        "kubectl taint nodes x :NoSchedule- =:",
        "kubectl set image deploy/x c=",
        "ssh",
        "-----",
        "a:b:c:d:e:f/g/h/i-j-k",
        "kubectl -l ,,,=,!=,!",
    ] {
        session.record(Input::Command {
            line: line.into(),
            stdin: Some(":\n- [".into()),
        });
        session.history.push(line.into());
    }
    session.record(Input::Node {
        node: "kind-worker".into(),
        action: NodeAction::AddTaintSpec("::=:".into()),
    });
    session.record(Input::Manifest {
        path: "/".into(),
        content: Some("metadata: 5".into()),
    });
    let long = format!("{}-{}", "a-".repeat(100_000), ":/".repeat(100_000));
    session.history.push(long);
    session.selected = "////".into();
    let out = anonymize(&session);
    assert_eq!(out.log.len(), session.log.len());
    assert_eq!(
        Session::decode(&out.encode()).map(|s| s.log.len()),
        Ok(out.log.len())
    );
}

#[test]
fn a_big_state_is_anonymized_in_one_pass() {
    // 20 nodes and 3,000 pods, each with its own name, labels and UID.
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for n in 0..20 {
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Node\n  metadata:\n    name: ip-10-0-{n}-1\n    labels:\n      kubernetes.io/hostname: ip-10-0-{n}-1\n      topology.kubernetes.io/zone: eu-west-1{}\n  status:\n    allocatable: {{cpu: '64', memory: 256Gi, pods: '200'}}\n    capacity: {{cpu: '64', memory: 256Gi, pods: '200'}}\n",
            ["a", "b", "c"][n % 3]
        ));
    }
    for p in 0..3_000 {
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: job-{p}\n    namespace: team-{}\n    uid: {p:08x}-0000-4000-8000-000000000000\n    labels: {{run: r{p}}}\n  spec:\n    nodeName: ip-10-0-{}-1\n    containers: [{{name: c, image: 'corp.example/img-{}:1'}}]\n  status: {{phase: Running, podIP: 10.1.{}.{}}}\n",
            p % 7,
            p % 20,
            p % 50,
            p / 250,
            p % 250
        ));
    }
    let mut session = Session::default();
    session.record(Input::Reset("empty".into()));
    session.record(Input::ImportState(text.into()));
    let mapping = Mapping::of(&session);
    assert!(mapping.len() > 6_000, "{}", mapping.len());
    let out = mapping.session(&session);
    let encoded = out.encode();
    assert!(!encoded.contains("ip-10-0-") && !encoded.contains("corp.example"));
    assert!(encoded.contains("zone-a") && encoded.contains("zone-c"));
    let replayed = Playground::restore(out);
    assert_eq!(replayed.cluster().pods().count(), 3_000);
    assert_eq!(replayed.cluster().nodes().count(), 20);
}
