//! The export checked by rebuilding: taintlab's model of kind reads `kind.yaml`,
//! the terminal runs the commands, and the nodes and pods must match.

use super::script::delimiter;
use super::*;
use taintlab_core::actions::{self, NodeAction};
use taintlab_shell::Terminal;

/// The tutorial after the DaemonSet, a label and a taint on the worker, a
/// cordon, a bare pod made by `kubectl run`, and a static pod.
fn tutorial_scenario() -> Terminal {
    let mut t = Terminal::new(Cluster::tutorial());
    t.cluster_mut()
        .apply(taintlab_core::TUTORIAL_DAEMONSET)
        .expect("applies");
    t.cluster_mut().advance(5);
    for line in [
        "kubectl run web --image=nginx",
        "kubectl label node worker disk=ssd topology.kubernetes.io/zone=z1",
        "kubectl cordon master",
    ] {
        assert_eq!(t.run(line, None).code, 0, "{line}");
    }
    actions::apply(
        t.cluster_mut(),
        "worker",
        &NodeAction::AddTaintSpec("dedicated=cache:NoSchedule".into()),
    )
    .expect("taints");
    t.cluster_mut()
        .write_manifest("worker", "static-web.yaml", STATIC_WEB);
    t.cluster_mut().advance(5);
    t
}

const STATIC_WEB: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: nginx\n";

/// A fresh cluster as the export's script would leave it, modeled by taintlab:
/// kind's nodes from `kind.yaml`, the commands run in the terminal, the static
/// pods written, the manifests applied.
fn rebuild(export: &Export) -> Cluster {
    let cluster = Cluster::from_config(&export.kind_config).expect("kind.yaml is a kind config");
    let mut t = Terminal::new(cluster);
    for command in &export.commands {
        let out = t.run(command, None);
        assert_eq!(out.code, 0, "{command}: {}", out.text);
    }
    for pod in &export.static_pods {
        assert!(
            t.cluster_mut()
                .write_manifest(&pod.node, &pod.file, &pod.content)
        );
    }
    let mut cluster = t.cluster().clone();
    if !export.manifests.is_empty() {
        cluster
            .apply(&export.manifests)
            .unwrap_or_else(|e| panic!("manifests re-apply: {e:?}\n{}", export.manifests));
    }
    for node in &export.stopped {
        assert!(cluster.stop_kubelet(node));
    }
    cluster.advance(10);
    cluster
}

/// Each simulated node and its kind counterpart agree on labels (but the
/// machine's own), user taints and cordoning.
fn assert_same_nodes(simulated: &Cluster, export: &Export, rebuilt: &Cluster) {
    for (name, kind) in &export.nodes {
        let (a, b) = (
            simulated.node(name).expect("simulated node"),
            rebuilt.node(kind).expect("kind node"),
        );
        let labels = |n: &Node| {
            n.metadata
                .labels
                .iter()
                .filter(|(k, _)| !KUBELET_LABELS.contains(&k.as_str()))
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(a), labels(b), "{name} -> {kind}");
        let taints = |n: &Node| user_taints(n).into_iter().cloned().collect::<Vec<_>>();
        assert_eq!(taints(a), taints(b), "{name} -> {kind}");
        assert_eq!(
            a.spec.unschedulable, b.spec.unschedulable,
            "{name} -> {kind}"
        );
    }
}

/// Pods by owner and (kind) node, sorted.
fn placement(cluster: &Cluster, names: &BTreeMap<String, String>) -> Vec<String> {
    let mut out: Vec<String> = cluster
        .pods()
        .map(|p| {
            let owner = p
                .metadata
                .controller_of()
                .map_or(p.metadata.name.as_str(), |o| match o.kind.as_str() {
                    // The template hash changes with renamed nodes.
                    "ReplicaSet" => o.name.rsplit_once('-').map_or(o.name.as_str(), |(d, _)| d),
                    _ => o.name.as_str(),
                });
            let node = names.get(&p.spec.node_name).unwrap_or(&p.spec.node_name);
            format!("{owner}@{node}")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_tutorial_scenario_rebuilds_with_the_same_nodes() {
    let t = tutorial_scenario();
    let e = export(t.cluster());
    assert_eq!(
        e.nodes,
        [
            ("master".to_string(), "taintlab-control-plane".to_string()),
            ("worker".to_string(), "taintlab-worker".to_string())
        ]
    );
    // kubeadm would taint a v1.36 control plane `control-plane`: the patch says `master`.
    assert!(e.kind_config.contains("kind: InitConfiguration\n    nodeRegistration:\n      taints:\n      - key: node-role.kubernetes.io/master\n        effect: NoSchedule\n"), "{}", e.kind_config);
    assert!(
        e.kind_config.contains("  labels:\n    disk: ssd\n"),
        "{}",
        e.kind_config
    );
    // The kubelet refuses kubernetes.io labels from kind's `labels:`.
    assert!(
        !e.kind_config.contains("topology.kubernetes.io"),
        "{}",
        e.kind_config
    );
    assert_eq!(
        e.commands,
        [
            "kubectl label nodes taintlab-control-plane node-role.kubernetes.io/master= node-role.kubernetes.io/control-plane- node.kubernetes.io/exclude-from-external-load-balancers-",
            "kubectl cordon taintlab-control-plane",
            "kubectl label nodes taintlab-worker topology.kubernetes.io/zone=z1",
        ]
    );
    assert_eq!(
        e.static_pods,
        [StaticPod {
            node: "taintlab-worker".into(),
            file: "static-web.yaml".into(),
            content: STATIC_WEB.into()
        }]
    );
    assert!(e.manifests.contains("name: redis-ds"));
    assert!(e.manifests.contains("name: web"));
    assert!(
        !e.manifests.contains("nodeName"),
        "the scheduler's choice is not exported"
    );
    assert!(
        !e.manifests.contains("static-web"),
        "mirror pods come from their files"
    );
    let rebuilt = rebuild(&e);
    assert_same_nodes(t.cluster(), &e, &rebuilt);
    assert!(
        rebuilt
            .pod("default", "static-web-taintlab-worker")
            .is_some()
    );
    assert!(rebuilt.pod("default", "web").is_some());
    assert_eq!(rebuilt.daemon_sets().count(), 1);
}

#[test]
fn an_imported_kind_cluster_comes_back_as_it_was() {
    let import = crate::import::nodes(include_str!(
        "../../../core/tests/fixtures/kind-v1.30-nodes.yaml"
    ))
    .expect("imports");
    let mut c = Cluster::tutorial();
    for input in import.inputs() {
        taintlab_core::session::replay(&mut c, &input);
    }
    c.apply(taintlab_core::TUTORIAL_DAEMONSET_TOLERATING)
        .expect("applies");
    c.advance(10);
    let e = export(&c);
    assert_eq!(e.version, KubeVersion::v1(30));
    assert!(e.script().contains("The simulation ran Kubernetes v1.30."));
    assert_eq!(
        e.kind_config,
        "kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
name: taintlab
nodes:
- role: control-plane
- role: worker
  labels:
    tier: frontend
- role: worker
  labels:
    gpu: 'true'
  kubeadmConfigPatches:
  - |
    kind: JoinConfiguration
    nodeRegistration:
      taints:
      - key: dedicated
        value: gpu
        effect: NoSchedule
"
    );
    assert_eq!(e.commands, ["kubectl cordon taintlab-worker2"]);
    let rebuilt = rebuild(&e);
    assert_same_nodes(&c, &e, &rebuilt);
    let names: BTreeMap<String, String> = e.nodes.iter().cloned().collect();
    assert_eq!(placement(&c, &names), placement(&rebuilt, &names));
    assert_eq!(
        placement(&rebuilt, &names),
        ["redis-ds@taintlab-worker"],
        "the toleration is for the master taint, not v1.30's control-plane one"
    );
}

#[test]
fn a_cluster_without_a_control_plane_gets_one_and_node_names_follow_kind() {
    let nodes = "apiVersion: v1\nkind: Node\nmetadata:\n  name: alpha\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: beta\n";
    let mut c = Cluster::from_config(nodes).expect("nodes");
    let pinned = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pinned\nspec:\n  nodeName: beta\n  containers:\n  - name: c\n    image: nginx\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: picky\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: picky}\n  template:\n    metadata:\n      labels: {app: picky}\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchFields:\n              - key: metadata.name\n                operator: In\n                values: [alpha]\n      containers:\n      - name: c\n        image: nginx\n";
    c.apply(pinned).expect("applies");
    let mut t = Terminal::new(c);
    assert_eq!(
        t.run("kubectl scale deployment picky --replicas=3", None)
            .code,
        0
    );
    let c = t.cluster().clone();
    let e = export(&c);
    assert_eq!(
        e.extra_control_plane.as_deref(),
        Some("taintlab-control-plane")
    );
    assert_eq!(
        e.nodes,
        [
            ("alpha".to_string(), "taintlab-worker".to_string()),
            ("beta".to_string(), "taintlab-worker2".to_string())
        ]
    );
    assert!(
        e.kind_config
            .contains("nodes:\n- role: control-plane\n- role: worker\n- role: worker\n"),
        "{}",
        e.kind_config
    );
    assert_eq!(e.renamed, ["deployment/picky", "pod/pinned"]);
    assert!(e.manifests.contains("nodeName: taintlab-worker2"));
    assert!(e.manifests.contains("replicas: 3"), "kubectl scale is kept");
    assert!(e.script().contains("#   (none) -> taintlab-control-plane"));
    let rebuilt = rebuild(&e);
    assert_same_nodes(&c, &e, &rebuilt);
    let names: BTreeMap<String, String> = e.nodes.iter().cloned().collect();
    let placed = placement(&rebuilt, &names);
    assert_eq!(placement(&c, &names), placed);
    assert_eq!(
        placed
            .iter()
            .filter(|p| p.ends_with("@taintlab-worker"))
            .count(),
        3
    );
}

#[test]
fn stopped_kubelets_are_stopped_on_the_kind_node() {
    let mut c = Cluster::tutorial();
    actions::apply(&mut c, "worker", &NodeAction::StopKubelet).expect("stops");
    c.advance(60);
    let e = export(&c);
    assert_eq!(e.stopped, ["taintlab-worker"]);
    assert!(
        e.script()
            .contains("\ndocker exec taintlab-worker systemctl stop kubelet\n")
    );
    // The unreachable taints are the controller's, not the export's.
    assert!(!e.kind_config.contains("unreachable"));
    assert!(e.commands.iter().all(|c| !c.contains("unreachable")));
    let rebuilt = rebuild(&e);
    rebuilt.node("taintlab-worker").expect("node");
}

#[test]
fn quoting_and_heredocs_keep_any_text() {
    assert_eq!(sh_quote("a=b:NoSchedule"), "a=b:NoSchedule");
    assert_eq!(sh_quote("it's"), "'it'\\''s'");
    assert_eq!(sh_quote(""), "''");
    assert_eq!(
        delimiter("a\nTAINTLAB_EOF\nTAINTLAB_EOF2\n"),
        "TAINTLAB_EOF3"
    );
}

/// Runs the script in `sh` with `kind`, `kubectl` and `docker` replaced by
/// stubs that log their arguments (and `docker exec -i` its input).
#[test]
fn the_script_writes_its_files_and_calls_the_tools_in_order() {
    if std::process::Command::new("sh")
        .arg("-c")
        .arg("true")
        .status()
        .is_err()
    {
        eprintln!("no sh here: skipped");
        return;
    }
    let mut t = tutorial_scenario();
    let tricky = "# a line that ends the usual here-document\nTAINTLAB_EOF\nit's $HOME `date`\n";
    t.cluster_mut()
        .write_manifest("worker", "it's.yaml", tricky);
    actions::apply(t.cluster_mut(), "worker", &NodeAction::StopKubelet).expect("stops");
    let e = export(t.cluster());
    let dir = std::env::temp_dir().join(format!("taintlab-export-{}", std::process::id()));
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for tool in ["kind", "kubectl", "docker"] {
        let path = bin.join(tool);
        let stub = format!(
            "#!/bin/sh\necho \"{tool} $*\" >> \"$LOG\"\ncase \"$*\" in *'exec -i'*) cat >> \"$LOG\" ;; esac\n"
        );
        std::fs::write(&path, stub).unwrap();
        std::process::Command::new("chmod")
            .arg("+x")
            .arg(&path)
            .status()
            .unwrap();
    }
    std::fs::write(dir.join(SCRIPT_NAME), e.script()).unwrap();
    let log = dir.join("log");
    let status = std::process::Command::new("sh")
        .arg(SCRIPT_NAME)
        .current_dir(&dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("LOG", &log)
        .env("KIND_IMAGE", "kindest/node:test")
        .status()
        .unwrap();
    assert!(status.success());
    let read = |name: &str| std::fs::read_to_string(dir.join("taintlab-kind").join(name)).unwrap();
    assert_eq!(read("kind.yaml"), e.kind_config);
    assert_eq!(read("manifests.yaml"), e.manifests);
    let log = std::fs::read_to_string(&log).unwrap();
    let mut expected = vec![
        "kind create cluster --config kind.yaml --name taintlab --wait 2m --image kindest/node:test".to_string(),
    ];
    expected.extend(e.commands.iter().cloned());
    expected.push(
        "docker exec -i taintlab-worker sh -c cat > '/etc/kubernetes/manifests/it'\\''s.yaml'"
            .into(),
    );
    expected.extend(tricky.lines().map(String::from));
    expected.push(
        "docker exec -i taintlab-worker sh -c cat > /etc/kubernetes/manifests/static-web.yaml"
            .into(),
    );
    expected.extend(STATIC_WEB.lines().map(String::from));
    expected.push("kubectl wait --for=condition=Ready nodes --all --timeout=2m".into());
    expected.push("kubectl apply -f manifests.yaml".into());
    expected.push("docker exec taintlab-worker systemctl stop kubelet".into());
    assert_eq!(log.lines().collect::<Vec<_>>(), expected);
    let _ = std::fs::remove_dir_all(&dir);
}
