//! Behaviour of the cluster as a user sees it through `apply`.

use super::*;
use crate::view::ClusterView;
use crate::{TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};

/// Names of the pods bound to `node`, in arrival order.
pub(super) fn pods_on(cluster: &Cluster, node: &str) -> Vec<String> {
    cluster
        .pods()
        .filter(|p| p.spec.node_name == node)
        .map(|p| p.metadata.name.clone())
        .collect()
}

const MASTER_UNTAINTED: &str = "apiVersion: v1
kind: Node
metadata:
  name: master
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: master
    kubernetes.io/os: linux
    node-role.kubernetes.io/master: \"\"
";

fn master_with_taint(taint: &str) -> String {
    format!("{MASTER_UNTAINTED}spec:\n  taints:\n  - {taint}\n")
}

/// The tutorial DaemonSet with a second selector label (`tier: x`), in both the
/// selector and the template: valid on its own, but a selector change on update.
pub(super) fn redis_ds_with_tier() -> String {
    TUTORIAL_DAEMONSET
        .replace(
            "      name: redis-ds\n\n  template",
            "      name: redis-ds\n      tier: x\n\n  template",
        )
        .replace(
            "        name: redis-ds\n    spec:",
            "        name: redis-ds\n        tier: x\n    spec:",
        )
}

#[test]
fn daemonset_lands_on_worker_only() {
    let mut cluster = Cluster::tutorial();
    let report = cluster
        .apply(TUTORIAL_DAEMONSET)
        .expect("tutorial YAML applies");
    assert_eq!(report.lines, ["daemonset.apps/redis-ds created"]);
    let on_worker = pods_on(&cluster, "worker");
    assert_eq!(on_worker.len(), 1);
    assert!(on_worker[0].starts_with("redis-ds-") && on_worker[0].len() == "redis-ds-".len() + 5);
    assert!(pods_on(&cluster, "master").is_empty());
    // Bound at once; the kubelet pulls the image, then the pod runs.
    let pod = cluster.pods().next().expect("a pod");
    assert_eq!(pod.status.phase, "Pending");
    cluster.advance(3);
    let pod = cluster.pods().next().expect("a pod");
    assert_eq!(pod.status.phase, "Running");
    // The DaemonSet controller never even creates a pod for master: nothing is Pending.
    assert_eq!(cluster.pods().count(), 1);

    let view = ClusterView::of(&cluster);
    let master = view
        .nodes
        .iter()
        .find(|n| n.name == "master")
        .expect("master card");
    assert_eq!(master.roles, ["master"]);
    assert_eq!(master.skipped.len(), 1);
    assert_eq!(master.skipped[0].reason, "node(s) had untolerated taint(s)");
    assert_eq!(
        master.skipped[0].taint.as_deref(),
        Some("node-role.kubernetes.io/master:NoSchedule")
    );
    assert!(view.pending.is_empty());
}

#[test]
fn toleration_puts_a_pod_on_both_nodes() {
    let mut cluster = Cluster::tutorial();
    cluster.apply(TUTORIAL_DAEMONSET).expect("applies");
    let report = cluster
        .apply(TUTORIAL_DAEMONSET_TOLERATING)
        .expect("applies");
    assert_eq!(report.lines, ["daemonset.apps/redis-ds configured"]);
    assert_eq!(pods_on(&cluster, "master").len(), 1);
    assert_eq!(pods_on(&cluster, "worker").len(), 1);
    let names: Vec<String> = cluster.pods().map(|p| p.metadata.name.clone()).collect();
    let again = cluster
        .apply(TUTORIAL_DAEMONSET_TOLERATING)
        .expect("applies");
    assert_eq!(again.lines, ["daemonset.apps/redis-ds unchanged"]);
    let after: Vec<String> = cluster.pods().map(|p| p.metadata.name.clone()).collect();
    assert_eq!(names, after, "an unchanged apply changes nothing");
    assert!(
        ClusterView::of(&cluster)
            .nodes
            .iter()
            .all(|n| n.skipped.is_empty())
    );
}

#[test]
fn tutorial_path_with_taint_removed_and_restored() {
    let mut cluster = Cluster::tutorial();
    cluster.apply(TUTORIAL_DAEMONSET).expect("applies");
    // Method one: remove the taint from master.
    let report = cluster.apply(MASTER_UNTAINTED).expect("node applies");
    assert_eq!(report.lines, ["node/master configured"]);
    let master_pods = pods_on(&cluster, "master");
    assert_eq!(master_pods.len(), 1);
    // Put the taint back: NoSchedule does not evict what already runs.
    cluster
        .apply(&master_with_taint(
            "key: node-role.kubernetes.io/master\n    effect: NoSchedule",
        ))
        .expect("node applies");
    assert_eq!(pods_on(&cluster, "master"), master_pods);
    let skip = &ClusterView::of(&cluster).nodes[0].skipped[0];
    assert!(skip.should_continue_running);
    // A NoExecute taint evicts it, and the DaemonSet does not come back.
    cluster
        .apply(&master_with_taint(
            "key: dedicated\n    value: db\n    effect: NoExecute",
        ))
        .expect("node applies");
    assert!(pods_on(&cluster, "master").is_empty());
    assert_eq!(pods_on(&cluster, "worker").len(), 1);
}

#[test]
fn names_are_deterministic() {
    let run = || {
        let mut cluster = Cluster::tutorial();
        cluster
            .apply(TUTORIAL_DAEMONSET_TOLERATING)
            .expect("applies");
        cluster
            .pods()
            .map(|p| (p.metadata.name.clone(), p.metadata.uid.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
}

#[test]
fn broken_yaml_keeps_the_cluster() {
    let mut cluster = Cluster::tutorial();
    cluster.apply(TUTORIAL_DAEMONSET).expect("applies");
    let before = pods_on(&cluster, "worker");
    let broken = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n   labels: {}\n";
    let errors = cluster.apply(broken).expect_err("broken YAML is an error");
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].document, errors[0].line), (1, 5));
    assert!(
        errors[0].message.contains("mapping values are not allowed"),
        "{}",
        errors[0].message
    );
    assert_eq!(pods_on(&cluster, "worker"), before);
    assert_eq!(cluster.daemon_sets().count(), 1);
}

#[test]
fn errors_point_at_document_line_and_field() {
    let text = format!(
        "{}---\n{}",
        MASTER_UNTAINTED,
        TUTORIAL_DAEMONSET_TOLERATING.replace("effect: NoSchedule", "effect: NoScheduled")
    );
    let errors = Cluster::tutorial()
        .apply(&text)
        .expect_err("invalid effect");
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!(e.document, 2);
    assert_eq!(e.path, "spec.template.spec.tolerations[0].effect");
    assert_eq!(
        e.message,
        "spec.template.spec.tolerations[0].effect: Unsupported value: \"NoScheduled\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""
    );
    let line_in_text = text
        .lines()
        .position(|l| l.contains("NoScheduled"))
        .map(|i| i + 1);
    assert_eq!(Some(e.line), line_in_text);
    assert_eq!(e.column, 11);
}

#[test]
fn validation_messages_are_upstreams() {
    let cases = [
        (
            TUTORIAL_DAEMONSET.replace("        name: redis-ds\n    spec:", "        name: other\n    spec:"),
            "spec.template.metadata.labels: Invalid value: {\"name\":\"other\"}: `selector` does not match template `labels`",
        ),
        (
            TUTORIAL_DAEMONSET.replace("  name: redis-ds\n  labels", "  labels"),
            "metadata.name: Required value: name or generateName is required",
        ),
        (
            TUTORIAL_DAEMONSET.replace("        - image: redis:5-alpine\n          name: redis", "        - name: redis"),
            "spec.template.spec.containers[0].image: Required value",
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n  tolerations:\n  - operator: Equal\n    value: x\n".to_string(),
            "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n  tolerations:\n  - key: k\n    operator: Exists\n    tolerationSeconds: 5\n".to_string(),
            "spec.tolerations[0].effect: Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
        (
            "apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n".to_string(),
            "no matches for kind \"Widget\" in version \"v1\"",
        ),
    ];
    for (text, want) in cases {
        let errors = Cluster::tutorial().apply(&text).expect_err(want);
        assert_eq!(errors[0].message, want);
    }
}

#[test]
fn selector_is_immutable() {
    let mut cluster = Cluster::tutorial();
    cluster.apply(TUTORIAL_DAEMONSET).expect("applies");
    let errors = cluster.apply(&redis_ds_with_tier()).expect_err("immutable");
    assert!(
        errors[0].message.ends_with("field is immutable"),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[0].path, "spec.selector");
}

#[test]
fn unschedulable_pod_gets_upstreams_message() {
    let mut cluster = Cluster::tutorial();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: picky\nspec:\n  nodeSelector:\n    disk: ssd\n  containers:\n  - name: c\n    image: nginx\n";
    cluster.apply(pod).expect("applies");
    let view = ClusterView::of(&cluster);
    assert_eq!(view.pending.len(), 1);
    assert_eq!(
        view.pending[0].message,
        "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
    );
    // A bare pod without a selector goes to the untainted worker.
    let plain = pod
        .replace("  nodeSelector:\n    disk: ssd\n", "")
        .replace("picky", "plain");
    cluster.apply(&plain).expect("applies");
    assert_eq!(pods_on(&cluster, "worker"), ["plain"]);
}

#[test]
fn unsimulated_kinds_are_stored_and_told_once() {
    let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n";
    let text = format!("---\n# only a comment\n---\n{service}---\n{TUTORIAL_DAEMONSET}");
    let mut cluster = Cluster::tutorial();
    let report = cluster.apply(&text).expect("applies");
    assert_eq!(
        report.lines,
        ["service/s created", "daemonset.apps/redis-ds created"]
    );
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(
        (report.warnings[0].document, report.warnings[0].line),
        (1, 4)
    );
    assert_eq!(
        report.warnings[0].message,
        "Service objects are stored and listed, but taintlab does not simulate what they do"
    );
    assert_eq!(
        cluster
            .other_objects()
            .map(|o| o.metadata.name.as_str())
            .collect::<Vec<_>>(),
        ["s"]
    );
    // The second time: unchanged, and no second warning.
    let again = cluster.apply(service).expect("applies");
    assert_eq!(again.lines, ["service/s unchanged"]);
    assert!(again.warnings.is_empty());
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: busybox}]\n      restartPolicy: Never\n";
    assert_eq!(
        cluster.apply(job).expect("applies").lines,
        ["job.batch/j created"]
    );
    // Metadata is still checked strictly.
    let typo = service.replace("  name: s", "  nmae: s");
    assert!(cluster.apply(&typo).is_err());
}

/// Every prefix of a real manifest, and a few mangled variants, must give a
/// report or diagnostics, never a panic, and errors must leave the cluster alone.
#[test]
fn truncated_and_mangled_input_never_panics() {
    let base = format!("{MASTER_UNTAINTED}---\n{TUTORIAL_DAEMONSET_TOLERATING}");
    let mut inputs: Vec<String> = base
        .char_indices()
        .map(|(i, _)| base[..i].to_string())
        .collect();
    for (from, to) in [
        (": ", ":"),
        ("  ", " "),
        ("- ", "-"),
        ("\n", "\n  "),
        ("name", "[name"),
        ("redis", "{redis"),
        ("Exists", "\"Exi"),
        ("6379", "-1e999"),
        ("apps/v1", "v1"),
        ("---", "- --"),
    ] {
        inputs.push(base.replace(from, to));
    }
    inputs.extend(
        [
            "\u{0}",
            "\t\t",
            "[]",
            "{}",
            "- a\n- b",
            "&a [*a]",
            "kind: List\napiVersion: v1\nitems: 3",
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: \"\"",
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: ünïcödé\nspec:\n  taints:\n  - key: ü\n    effect: NoSchedule",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: []\n  containers:\n  - name: c\n    image: i",
        ]
        .map(String::from),
    );
    for input in inputs {
        let mut cluster = Cluster::tutorial();
        cluster.apply(TUTORIAL_DAEMONSET).expect("applies");
        let before = pods_on(&cluster, "worker");
        match cluster.apply(&input) {
            Ok(_) => {}
            Err(errors) => {
                assert!(
                    !errors.is_empty(),
                    "an error result names an error: {input:?}"
                );
                assert!(errors.iter().all(|e| e.line >= 1 && e.column >= 1));
                assert_eq!(
                    pods_on(&cluster, "worker"),
                    before,
                    "state kept for {input:?}"
                );
            }
        }
    }
}

#[test]
fn namespaces_must_exist_and_can_be_created_in_the_same_apply() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: team\nspec:\n  containers:\n  - name: c\n    image: nginx\n";
    let errors = Cluster::tutorial().apply(pod).expect_err("no namespace");
    assert_eq!(errors[0].message, "namespaces \"team\" not found");
    let mut cluster = Cluster::tutorial();
    let report = cluster
        .apply(&format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\n{pod}"
        ))
        .expect("applies");
    assert_eq!(report.lines, ["namespace/team created", "pod/p created"]);
    assert!(cluster.pod("team", "p").is_some());
    assert!(cluster.namespaces().contains(&"team".to_string()));
}

#[test]
fn unchanged_apply_keeps_the_resource_version() {
    let mut cluster = Cluster::tutorial();
    cluster.apply(TUTORIAL_DAEMONSET).expect("applies");
    let version = |c: &Cluster| {
        c.daemon_sets()
            .next()
            .map(|d| (d.metadata.resource_version, d.metadata.generation))
    };
    let first = version(&cluster);
    cluster.apply(TUTORIAL_DAEMONSET).expect("applies");
    assert_eq!(version(&cluster), first);
    cluster
        .apply(TUTORIAL_DAEMONSET_TOLERATING)
        .expect("applies");
    let (rv, generation) = version(&cluster).expect("ds");
    assert!(Some(rv) > first.map(|f| f.0));
    assert_eq!(generation, 2);
}

#[test]
fn fields_taintlab_does_not_model_are_kept() {
    let text = TUTORIAL_DAEMONSET.replace(
        "          ports:",
        "          resources:\n            limits: {memory: 64Mi}\n          livenessProbe:\n            tcpSocket: {port: 6379}\n          ports:",
    );
    let mut cluster = Cluster::tutorial();
    cluster.apply(&text).expect("applies");
    let applied = cluster
        .applied_config("DaemonSet", "default", "redis-ds")
        .expect("kept");
    let probe = applied["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["tcpSocket"]
        ["port"]
        .as_i64();
    assert_eq!(probe, Some(6379));
}

#[test]
fn a_refused_apply_changes_nothing_even_after_earlier_documents() {
    let mut cluster = Cluster::tutorial();
    // The second document changes the selector the first one created: refused, and
    // the first document must not have been applied either.
    let text = format!("{TUTORIAL_DAEMONSET}---\n{}", redis_ds_with_tier());
    let errors = cluster
        .apply(&text)
        .expect_err("immutable within one apply");
    assert_eq!(errors[0].document, 2);
    assert_eq!(cluster.daemon_sets().count(), 0);
    assert_eq!(cluster.pods().count(), 0);
}

/// The whole state of a cluster, down to its name generator, event log and pod
/// arrival numbers (its `Debug` output leaves out caches and change notes).
fn state(cluster: &Cluster) -> String {
    format!("{cluster:?}")
}

/// Every kind of write an apply makes, then a refusal: the cluster is exactly as
/// before.
#[test]
fn a_refused_apply_takes_back_every_kind_of_write() {
    let mut cluster = Cluster::tutorial();
    cluster.apply(TUTORIAL_DAEMONSET).expect("applies");
    cluster
        .apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx}]\n  tolerations: [{key: a, operator: Exists}]\n")
        .expect("applies");
    cluster
        .apply("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n")
        .expect("applies");
    let before = state(&cluster);
    let text = [
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n",
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: third\n",
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\nspec:\n  unschedulable: true\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n  namespace: extra\nspec:\n  containers: [{name: c, image: nginx}]\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx}]\n  tolerations: [{key: a, operator: Exists}, {key: b, operator: Exists}]\n",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: {a: b}\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
        &TUTORIAL_DAEMONSET.replace("image: redis", "image: redis:7"),
        // Refused: the selector is immutable.
        &redis_ds_with_tier(),
    ]
    .join("---\n");
    let errors = cluster.apply(&text).expect_err("refused");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(state(&cluster), before);
    // And the cluster goes on as if the refused apply never happened.
    let mut fresh = Cluster::tutorial();
    fresh.apply(TUTORIAL_DAEMONSET).expect("applies");
    fresh
        .apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx}]\n  tolerations: [{key: a, operator: Exists}]\n")
        .expect("applies");
    fresh
        .apply("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n")
        .expect("applies");
    let more = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: r\nspec:\n  containers: [{name: c, image: nginx}]\n";
    cluster.apply(more).expect("applies");
    fresh.apply(more).expect("applies");
    assert_eq!(state(&cluster), state(&fresh));
}

#[test]
fn an_empty_selector_is_invalid() {
    let text = TUTORIAL_DAEMONSET.replace(
        "  selector:\n    matchLabels:\n      name: redis-ds\n",
        "  selector: {}\n",
    );
    let errors = Cluster::tutorial()
        .apply(&text)
        .expect_err("empty selector");
    assert_eq!(
        errors[0].message,
        "spec.selector: Invalid value: {}: empty selector is invalid for daemonset"
    );
}

#[test]
fn exists_with_a_value_prints_the_toleration() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: i}]\n  tolerations:\n  - {key: k, operator: Exists, value: v, effect: NoSchedule}\n";
    let errors = Cluster::tutorial().apply(pod).expect_err("invalid");
    assert_eq!(
        errors[0].message,
        "spec.tolerations[0].operator: Invalid value: {\"key\":\"k\",\"operator\":\"Exists\",\"value\":\"v\",\"effect\":\"NoSchedule\"}: value must be empty when `operator` is 'Exists'"
    );
}

#[test]
fn pod_tolerations_may_grow_and_change_seconds_but_not_shrink() {
    let pod = |tolerations: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{{name: c, image: nginx}}]\n  tolerations:\n{tolerations}"
        )
    };
    let a = "  - {key: a, operator: Exists, effect: NoExecute, tolerationSeconds: 60}\n";
    let a_longer = "  - {key: a, operator: Exists, effect: NoExecute, tolerationSeconds: 600}\n";
    let b = "  - {key: b, operator: Exists}\n";
    let mut c = Cluster::tutorial();
    c.apply(&pod(a)).expect("applies");
    assert_eq!(
        c.apply(&pod(a_longer)).expect("seconds may change").lines,
        ["pod/p configured"]
    );
    assert_eq!(
        c.apply(&format!("{}{b}", pod(a_longer)))
            .expect("additions")
            .lines,
        ["pod/p configured"]
    );
    let errors = c.apply(&pod(b)).expect_err("removal");
    assert_eq!(
        errors[0].message,
        "The Pod \"p\" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"
    );
}

/// A change run in budgeted rounds (as the page runs it, drawing in between)
/// returns early, shows its progress, and ends exactly where a change run to
/// the end at once ends; the clock moves only from a settled cluster.
#[test]
fn budgeted_rounds_reach_the_same_state() {
    let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1000\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, image: nginx}]\n";
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut at_once = Cluster::tutorial_nodes(&names);
    let mut stepped = at_once.clone();
    stepped.set_round_budget(Some(1));
    at_once.apply(deployment).expect("applies");
    stepped.apply(deployment).expect("applies");
    assert!(at_once.is_settled());
    assert!(
        !stepped.is_settled(),
        "1,000 replicas take more than one round"
    );
    let bound = |c: &Cluster| c.pods().filter(|p| !p.spec.node_name.is_empty()).count();
    assert!(bound(&stepped) < 1000);
    let mut calls = 0;
    while !stepped.settle(1) {
        calls += 1;
        assert!(calls < 100, "never settles");
    }
    assert!(calls > 0);
    assert_eq!(bound(&stepped), 1000);
    assert_eq!(state(&stepped), state(&at_once));

    // A clock step on an unsettled cluster first settles it.
    let scaled = deployment.replace("1000", "100");
    at_once.apply(&scaled).expect("applies");
    stepped.apply(&scaled).expect("applies");
    at_once.advance(30);
    stepped.advance(30);
    assert!(stepped.is_settled());
    assert_eq!(state(&stepped), state(&at_once));

    // A change made while the last one is unsettled meets the cluster a run
    // without a budget would have.
    let bigger = deployment.replace("1000", "900");
    at_once.apply(&bigger).expect("applies");
    stepped.apply(&bigger).expect("applies");
    assert!(!stepped.is_settled());
    assert!(at_once.delete_pod("default", "none") == stepped.delete_pod("default", "none"));
    at_once.stop_kubelet("a");
    stepped.stop_kubelet("a");
    while !stepped.settle(1) {}
    assert_eq!(state(&stepped), state(&at_once));
}

/// A scheduling pass does a bounded amount of work (about 500,000 nodes
/// filtered or scored); the pods left wait for the next round of the same
/// change, so a List of many bare pods is still bound by one apply.
#[test]
fn many_bare_pods_are_bound_in_bounded_passes() {
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..2800 {
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p{i}\n  spec:\n    containers: [{{name: c, image: nginx}}]\n"
        ));
    }
    // 150 nodes: each pod filters and scores 100 of them, 200 units of work.
    let names: Vec<String> = (0..150).map(|i| format!("n{i:03}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut stepped = Cluster::tutorial_nodes(&names);
    let mut at_once = stepped.clone();
    stepped.set_round_budget(Some(1));
    stepped.apply(&text).expect("applies");
    let bound = |c: &Cluster| c.pods().filter(|p| !p.spec.node_name.is_empty()).count();
    assert!(bound(&stepped) < 2800, "more than one pass");
    while !stepped.settle(1) {}
    at_once.apply(&text).expect("applies");
    assert_eq!(bound(&at_once), 2800);
    assert_eq!(state(&stepped), state(&at_once));
}

/// A pod bound by `spec.nodeName` (`name`, asking `cpu`, `memory`) to `node`.
fn bound_pod(name: &str, node: &str, cpu: &str, memory: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  nodeName: {node}\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"{cpu}\"\n        memory: {memory}\n"
    )
}

/// Models `predicateAdmitHandler.Admit` (pkg/kubelet/lifecycle/predicate.go) and
/// `Kubelet.rejectPod`: a pod that bypasses the scheduler and does not fit what
/// the node's admitted pods leave is Failed with `OutOf<resource>`; the pods it
/// was refused for count, a refused pod does not.
#[test]
fn the_kubelet_refuses_a_bound_pod_that_does_not_fit() {
    let mut cluster = Cluster::tutorial();
    cluster
        .apply(&bound_pod("first", "worker", "2", "1Gi"))
        .expect("applies");
    cluster.advance(5);
    cluster
        .apply(&bound_pod("second", "worker", "3", "1Gi"))
        .expect("applies");
    cluster.advance(1);
    let second = cluster.pod("default", "second").expect("stored");
    assert_eq!(second.status.phase, "Failed");
    assert_eq!(second.status.reason, "OutOfcpu");
    assert_eq!(
        second.status.message,
        "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 2000, capacity: 4000"
    );
    assert!(second.was_rejected());
    let event = cluster
        .events()
        .all()
        .iter()
        .find(|e| e.reason == "OutOfcpu")
        .expect("an OutOfcpu event");
    assert_eq!(event.type_, crate::events::EventType::Warning);
    assert_eq!(event.source, "kubelet");
    assert_eq!(
        event.message,
        "Node didn't have enough resource: cpu, requested: 3000, used: 2000, capacity: 4000"
    );
    // The refused pod takes nothing: a pod that fits beside `first` is admitted.
    cluster
        .apply(&bound_pod("third", "worker", "2", "1Gi"))
        .expect("applies");
    cluster.advance(5);
    assert_eq!(
        cluster
            .pod("default", "third")
            .map(|p| p.status.phase.as_str()),
        Some("Running")
    );
    // Memory is checked after cpu; the node has 8Gi.
    cluster
        .apply(&bound_pod("big", "worker", "0", "7Gi"))
        .expect("applies");
    cluster.advance(1);
    let big = cluster.pod("default", "big").expect("stored");
    assert_eq!(big.status.reason, "OutOfmemory");
    assert_eq!(
        big.status.message,
        "Pod was rejected: Node didn't have enough resource: memory, requested: 7516192768, used: 2147483648, capacity: 8589934592"
    );
    // The scheduler's per-node sums leave out the Failed pods too.
    let active = cluster
        .pods()
        .filter(|p| p.spec.node_name == "worker" && !p.was_rejected())
        .count();
    let load = cluster.pods.load_on("worker").cloned().unwrap_or_default();
    assert_eq!(load.pods, active);
}

/// Pods bound in one go are admitted in arrival order, each counting the ones
/// admitted before it (`HandlePodAdditions` sorts by creation time).
#[test]
fn pods_bound_together_are_admitted_in_order() {
    let mut cluster = Cluster::tutorial();
    let both = format!(
        "{}---\n{}",
        bound_pod("a", "worker", "3", "1Gi"),
        bound_pod("b", "worker", "3", "1Gi")
    );
    cluster.apply(&both).expect("applies");
    cluster.advance(5);
    let phase = |n: &str| cluster.pod("default", n).map(|p| p.status.phase.clone());
    assert_eq!(phase("a").as_deref(), Some("Running"));
    assert_eq!(phase("b").as_deref(), Some("Failed"));
}

/// A static pod is critical (`kubetypes.IsCriticalPod`): when it does not fit,
/// the kubelet fails lower pods to make room (`CriticalPodAdmissionHandler`,
/// pkg/kubelet/preemption/preemption.go) rather than refusing it; when no pods
/// can free enough, it refuses it with `UnexpectedAdmissionError`.
#[test]
fn a_static_pod_that_does_not_fit_makes_room() {
    let mut cluster = Cluster::tutorial();
    cluster
        .apply(&bound_pod("small", "worker", "1", "1Gi"))
        .expect("applies");
    cluster
        .apply(&bound_pod("large", "worker", "2", "1Gi"))
        .expect("applies");
    cluster.advance(5);
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"2\"\n";
    assert!(cluster.write_manifest("worker", "etcd.yaml", manifest));
    cluster.advance(5);
    let phase = |c: &Cluster, ns: &str, n: &str| c.pod(ns, n).map(|p| p.status.phase.clone());
    // 1 cpu is missing: each pod frees it (distance 0), and of the two the
    // smaller request goes (`smallerResourceRequest`).
    assert_eq!(
        phase(&cluster, "default", "large").as_deref(),
        Some("Running")
    );
    let small = cluster.pod("default", "small").expect("stored");
    assert_eq!(small.status.phase, "Failed");
    assert_eq!(small.status.reason, "Preempting");
    assert_eq!(
        small.status.message,
        "Preempted in order to admit critical pod"
    );
    assert_eq!(
        phase(&cluster, "kube-system", "etcd-worker").as_deref(),
        Some("Running")
    );
    assert!(
        cluster
            .events()
            .all()
            .iter()
            .any(|e| e.reason == "Preempting"
                && e.object.name == "small"
                && e.type_ == crate::events::EventType::Warning)
    );
    // A second static pod is refused: of the 3 cpu it asks, 3 are missing and
    // `large` (2) is the only pod it may fail (`etcd` is critical too).
    let huge = manifest.replace("etcd", "huge").replace("\"2\"", "\"3\"");
    assert!(cluster.write_manifest("worker", "huge.yaml", &huge));
    cluster.advance(5);
    let refused = cluster.pod("kube-system", "huge-worker").expect("mirrored");
    assert_eq!(refused.status.phase, "Failed");
    assert_eq!(refused.status.reason, "UnexpectedAdmissionError");
    assert_eq!(
        refused.status.message,
        "Pod was rejected: Unexpected error while attempting to recover from admission failure: preemption: error finding a set of pods to preempt: no set of running pods found to reclaim resources: [(res: cpu, q: 1000), ]"
    );
}

/// Requests past int64 saturate (issue 11); a critical pod asking for them is
/// refused without overflowing what it lacks.
#[test]
fn a_huge_static_pod_is_refused_without_overflow() {
    let mut cluster = Cluster::tutorial();
    // Stopped, the worker's kubelet admits nothing yet: the huge pods pile up.
    assert!(cluster.stop_kubelet("worker"));
    for name in ["huge-1", "huge-2"] {
        cluster
            .apply(&bound_pod(
                name,
                "worker",
                "170141183460469231731687303715884105727n",
                "100000000000000000000Ei",
            ))
            .expect("applies");
    }
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: 170141183460469231731687303715884105727n\n";
    assert!(cluster.start_kubelet("worker"));
    assert!(cluster.write_manifest("worker", "big.yaml", manifest));
    cluster.advance(5);
    for name in ["huge-1", "huge-2"] {
        assert_eq!(
            cluster
                .pod("default", name)
                .map(|p| p.status.reason.as_str()),
            Some("OutOfcpu"),
            "{name}"
        );
    }
    let big = cluster.pod("default", "big-worker").expect("mirrored");
    assert_eq!(big.status.phase, "Failed");
    assert_eq!(big.status.reason, "UnexpectedAdmissionError");
}
