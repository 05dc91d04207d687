//! Import: nodes, a whole cluster's state, `kubectl cluster-info dump` output,
//! and several files at once.
use super::*;
use taintlab_core::Cluster;
use taintlab_core::import::SkipReason;
use taintlab_core::session::replay;

const KIND_V130: &str = include_str!("../../../core/tests/fixtures/kind-v1.30-nodes.yaml");

fn imported(text: &str) -> Cluster {
    let import = nodes(text).expect("imports");
    let mut cluster = Cluster::tutorial();
    for input in import.inputs() {
        assert!(replay(&mut cluster, &input));
    }
    cluster
}

const STATE: &str = include_str!("../../../core/tests/fixtures/cluster_state.yaml");

/// Each pod's name, UID, node and phase, sorted.
fn pods(c: &Cluster) -> Vec<(String, String, String, String)> {
    let mut rows: Vec<_> = c
        .pods()
        .map(|p| {
            (
                p.metadata.name.clone(),
                p.metadata.uid.clone(),
                p.spec.node_name.clone(),
                p.status.phase.clone(),
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_whole_state_is_imported_as_one_recorded_input() {
    let import = nodes(STATE).expect("imports");
    assert_eq!(
        import.nodes,
        ["kind-control-plane", "kind-worker", "kind-worker2"]
    );
    assert_eq!(
        import.skipped,
        [Skipped {
            kind: "ConfigMap".into(),
            reason: SkipReason::NotSimulated,
            count: 1
        }]
    );
    let inputs = import.inputs();
    // What is recorded is the merged list, without what the import does not read.
    let merged = taintlab_core::import::merge(&[Source {
        name: "",
        text: STATE,
    }])
    .expect("merges")
    .text;
    assert_eq!(inputs[1], Input::ImportState(merged.as_str().into()));
    assert!(merged.len() < STATE.len());
    assert_eq!(import.objects, 12);
    let c = imported(STATE);
    let web = c.pod("shop", "web-7c5b9d6f84-2xk8d").expect("kept");
    assert_eq!(web.metadata.uid, "af6d4021-b2d9-4184-87f1-cd1260844b0b");
    assert_eq!(web.status.phase, "Running");
    assert_eq!(c.pods().count(), 6);
}

#[test]
fn a_whole_state_replays_from_a_share_link_as_it_happened() {
    let mut recorded = session::Session::default();
    for input in nodes(STATE).expect("imports").inputs() {
        recorded.record(input);
    }
    let decoded = session::Session::decode(&recorded.encode()).expect("decodes");
    assert_eq!(decoded.log, recorded.log);
    let mut replayed = Cluster::tutorial();
    for input in &decoded.log {
        assert!(replay(&mut replayed, input));
    }
    assert_eq!(pods(&replayed), pods(&imported(STATE)));
}

fn taints(c: &Cluster, node: &str) -> Vec<String> {
    c.node(node)
        .map(|n| n.spec.taints.iter().map(ToString::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn a_kind_cluster_becomes_its_nodes() {
    let import = nodes(KIND_V130).expect("imports");
    assert_eq!(import.version, KubeVersion::v1(30));
    assert_eq!(
        import.nodes,
        ["lab-control-plane", "lab-worker", "lab-worker2"]
    );
    assert!(import.not_ready.is_empty());
    // What makes no sense to apply is gone; the manifests are a fraction of the paste.
    for gone in [
        "managedFields",
        "uid",
        "resourceVersion",
        "images",
        "conditions",
        "timeAdded",
        "annotations",
        "podCIDR",
    ] {
        assert!(
            !import.manifest.contains(gone),
            "{gone} in\n{}",
            import.manifest
        );
    }
    assert!(import.manifest.len() * 4 < KIND_V130.len());
    assert_eq!(
        import.inputs()[0],
        Input::Reset("empty v1.30".into()),
        "the version survives replay"
    );

    let c = imported(KIND_V130);
    assert_eq!(c.version(), KubeVersion::v1(30));
    let names: Vec<&str> = c.nodes().map(|n| n.name()).collect();
    assert_eq!(names, ["lab-control-plane", "lab-worker", "lab-worker2"]);
    assert_eq!(
        taints(&c, "lab-control-plane"),
        ["node-role.kubernetes.io/control-plane:NoSchedule"]
    );
    let worker2 = c.node("lab-worker2").expect("lab-worker2");
    assert!(worker2.spec.unschedulable);
    // The controller put its cordon taint back, after the user's.
    assert_eq!(
        taints(&c, "lab-worker2"),
        [
            "dedicated=gpu:NoSchedule",
            "node.kubernetes.io/unschedulable:NoSchedule"
        ]
    );
    assert_eq!(
        worker2.metadata.labels.get("gpu").map(String::as_str),
        Some("true")
    );
    assert_eq!(
        c.node("lab-worker")
            .and_then(|n| n.metadata.labels.get("tier"))
            .map(String::as_str),
        Some("frontend")
    );
    assert_eq!(worker2.allocatable("cpu").to_string(), "8");
    assert_eq!(worker2.allocatable("memory").to_string(), "32567888Ki");
}

#[test]
fn the_tutorial_daemonset_runs_where_a_real_cluster_would_run_it() {
    let mut c = imported(KIND_V130);
    c.apply(taintlab_core::TUTORIAL_DAEMONSET).expect("applies");
    c.advance(5);
    let placed: Vec<&str> = c.pods().map(|p| p.spec.node_name.as_str()).collect();
    // The control plane is tainted; lab-worker2 is tainted and cordoned.
    assert_eq!(placed, ["lab-worker"]);
}

#[test]
fn not_ready_nodes_get_their_kubelet_stopped() {
    let text = KIND_V130.replacen(
        "message: kubelet is posting ready status\n      reason: KubeletReady\n      status: \"True\"",
        "message: Kubelet stopped posting node status.\n      reason: NodeStatusUnknown\n      status: Unknown",
        2,
    );
    let import = nodes(&text).expect("imports");
    assert_eq!(import.not_ready, ["lab-control-plane", "lab-worker"]);
    let mut c = imported(&text);
    assert!(
        !c.node_runtime("lab-worker")
            .expect("runtime")
            .kubelet_running
    );
    c.advance(60);
    assert!(
        taints(&c, "lab-worker").contains(&"node.kubernetes.io/unreachable:NoExecute".to_string())
    );
}

#[test]
fn our_own_kubectl_output_imports_as_the_same_nodes() {
    let mut terminal = taintlab_shell::Terminal::new(Cluster::tutorial());
    let _ = terminal.run("kubectl label node worker disk=ssd", None);
    let _ = terminal.run("kubectl cordon worker", None);
    let yaml = terminal.run("kubectl get nodes -o yaml", None).text;
    let json = terminal.run("kubectl get nodes -o json", None).text;
    for text in [yaml, json] {
        let c = imported(&text);
        for node in ["master", "worker"] {
            let (a, b) = (
                c.node(node).expect("node"),
                terminal.cluster().node(node).expect("node"),
            );
            assert_eq!(a.metadata.labels, b.metadata.labels, "{node}");
            assert_eq!(a.spec, b.spec, "{node}");
        }
    }
}

#[test]
fn nodes_one_per_document_and_newer_fields_are_fine() {
    let text = "apiVersion: v1\nkind: Node\nmetadata:\n  name: a\nstatus:\n  features:\n    supplementalGroupsPolicy: true\n  declaredFeatures: [X]\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\n";
    let import = nodes(text).expect("imports");
    assert_eq!(import.nodes, ["a", "b"]);
    assert_eq!(import.version, KubeVersion::NEWEST);
    assert_eq!(import.inputs()[0], Input::Reset("empty".into()));
}

#[test]
fn errors_point_at_the_pasted_text() {
    let errors = nodes("").unwrap_err();
    assert!(errors[0].message.contains("no Node found"), "{errors:?}");

    let errors = nodes("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: x\n").unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (5, 3), "{errors:?}");
    assert!(errors[0].message.contains("not a Pod"), "{errors:?}");

    let errors =
        nodes("kind: Node\napiVersion: v1\nmetadata:\n  name: a\n   labels: {}\n").unwrap_err();
    assert_eq!(errors[0].line, 5, "{errors:?}");
    assert!(
        errors[0].message.contains("mapping values are not allowed"),
        "{errors:?}"
    );

    // The controller's taint is left out, so the bad taint is the second in the cleaned
    // list but is reported where it stands in the paste.
    let bad = KIND_V130.replace(
        "      timeAdded: \"2026-11-20T08:35:27Z\"\n",
        "      timeAdded: \"2026-11-20T08:35:27Z\"\n    - effect: NoScheduled\n      key: other\n",
    );
    let errors = nodes(&bad).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .message
            .contains("Unsupported value: \"NoScheduled\""),
        "{errors:?}"
    );
    let line = bad
        .lines()
        .position(|l| l.contains("effect: NoScheduled"))
        .unwrap()
        + 1;
    assert_eq!(errors[0].line, line, "{errors:?}");

    let twice =
        format!("{KIND_V130}---\napiVersion: v1\nkind: Node\nmetadata:\n  name: lab-worker\n");
    assert!(
        nodes(&twice).unwrap_err()[0]
            .message
            .contains("listed twice")
    );

    let errors = nodes("apiVersion: v2\nkind: Node\nmetadata:\n  name: a\n").unwrap_err();
    assert_eq!(
        errors[0].message,
        "no matches for kind \"Node\" in version \"v2\""
    );
}

#[test]
fn every_prefix_of_a_paste_is_an_answer_not_a_panic() {
    for (i, _) in KIND_V130.char_indices().step_by(257) {
        let _ = nodes(&KIND_V130[..i]);
    }
    for mangled in [
        KIND_V130.replace("taints:\n    - effect", "taints: 3\n    - effecx"),
        KIND_V130.replace("items:", "items: 5\nx:"),
        KIND_V130.replace("cpu: \"8\"", "cpu: eight"),
        KIND_V130.replace("name: lab-worker2", "name: Lab_Worker2"),
    ] {
        let _ = nodes(&mangled);
    }
    assert!(nodes(&KIND_V130.replace("cpu: \"8\"", "cpu: eight")).is_err());
    assert!(nodes(&KIND_V130.replace("name: lab-worker2", "name: Lab_Worker2")).is_err());
}

const DUMP: &str = include_str!("../../../core/tests/fixtures/cluster_info_dump.txt");
const DUMP_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/fixtures/cluster_info_dump"
);

/// The files of the dump's directory, as the command line lists them.
fn dump_directory() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(DUMP_DIR)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("the fixture directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(DUMP_DIR) {
                paths.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    dump_files(paths)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(format!("{DUMP_DIR}/{p}")).expect("reads");
            (p, text)
        })
        .collect()
}

fn replayed(import: &Import) -> Cluster {
    let mut cluster = Cluster::tutorial();
    for input in import.inputs() {
        assert!(replay(&mut cluster, &input));
    }
    cluster
}

#[test]
fn a_pasted_cluster_info_dump_is_one_recorded_input() {
    let import = nodes(DUMP).expect("imports");
    let inputs = import.inputs();
    assert_eq!(inputs.len(), 2);
    assert!(matches!(&inputs[1], Input::ImportState(text) if !text.contains("==== START")));
    let left_out: Vec<(&str, usize)> = import
        .skipped
        .iter()
        .map(|s| (s.kind.as_str(), s.count))
        .collect();
    assert_eq!(left_out, [("Service", 2), ("Event", 1)]);
    assert_eq!(pods(&replayed(&import)), pods(&imported(STATE)));
}

#[test]
fn a_dump_directory_imports_as_its_standard_output_does() {
    let files_read = dump_directory();
    let sources: Vec<Source<'_>> = files_read
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let import = files(&sources).expect("imports");
    assert_eq!(import.inputs(), nodes(DUMP).expect("imports").inputs());
}

#[test]
fn files_chosen_together_are_one_import_that_replays() {
    // `kubectl get nodes -o json` and the rest of the state as YAML.
    let mut terminal = taintlab_shell::Terminal::new(imported(STATE));
    let nodes_json = terminal.run("kubectl get nodes -o json", None).text;
    let rest = STATE.replacen(
        "- apiVersion: v1\n  kind: Node\n",
        "- apiVersion: v1\n  kind: ConfigMap\n",
        0,
    );
    let import = files(&[
        Source {
            name: "nodes.json",
            text: &nodes_json,
        },
        Source {
            name: "state.yaml",
            text: &rest,
        },
    ])
    .expect("imports");
    // The nodes are in both: the later file's are imported, and it is said.
    let twice: Vec<String> = import.duplicates.iter().map(Duplicate::en).collect();
    assert_eq!(
        twice,
        [
            "Node kind-control-plane is in nodes.json and in state.yaml: the one in state.yaml is imported",
            "Node kind-worker is in nodes.json and in state.yaml: the one in state.yaml is imported",
            "Node kind-worker2 is in nodes.json and in state.yaml: the one in state.yaml is imported",
        ]
    );
    let inputs = import.inputs();
    assert_eq!(
        inputs
            .iter()
            .filter(|i| matches!(i, Input::ImportState(_)))
            .count(),
        1
    );
    let mut recorded = session::Session::default();
    for input in inputs {
        recorded.record(input);
    }
    let decoded = session::Session::decode(&recorded.encode()).expect("decodes");
    let mut cluster = Cluster::tutorial();
    for input in &decoded.log {
        assert!(replay(&mut cluster, input));
    }
    assert_eq!(pods(&cluster), pods(&imported(STATE)));
}

#[test]
fn nodes_in_several_files_are_nodes() {
    let a = "apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n";
    let b = "{\"apiVersion\": \"v1\", \"kind\": \"NodeList\", \"items\": [{\"metadata\": {\"name\": \"b\"}}]}";
    let import = files(&[
        Source {
            name: "a.yaml",
            text: a,
        },
        Source {
            name: "b.json",
            text: b,
        },
    ])
    .expect("imports");
    assert_eq!(import.nodes, ["a", "b"]);
    assert_eq!(import.state, None);
    assert!(matches!(&import.inputs()[1], Input::Apply(_)));
}

#[test]
fn errors_name_the_file_they_are_in() {
    let broken = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: {}\n";
    let errors = files(&[
        Source {
            name: "state.yaml",
            text: STATE,
        },
        Source {
            name: "broken.yaml",
            text: broken,
        },
    ])
    .unwrap_err();
    assert_eq!(
        (errors[0].source.as_str(), errors[0].diagnostic.line),
        ("broken.yaml", 5)
    );
    // Refused by the API server: pointed at in the file it came from.
    let invalid = STATE.replacen(
        "    - effect: NoSchedule\n",
        "    - effect: NoScheduled\n",
        1,
    );
    let errors = files(&[
        Source {
            name: "nodes.json",
            text: "{\"kind\": \"NodeList\", \"apiVersion\": \"v1\", \"items\": []}",
        },
        Source {
            name: "state.yaml",
            text: &invalid,
        },
    ])
    .unwrap_err();
    assert_eq!(errors[0].source, "state.yaml");
    let line = invalid
        .lines()
        .position(|l| l.contains("effect: NoScheduled"))
        .expect("there")
        + 1;
    assert_eq!(errors[0].diagnostic.line, line, "{errors:?}");
    // Pods without their nodes.
    let errors = files(&[
        Source {
            name: "a/pods.json",
            text: "{\"kind\": \"PodList\", \"apiVersion\": \"v1\", \"items\": []}",
        },
        Source {
            name: "b/pods.json",
            text: "{\"kind\": \"PodList\", \"apiVersion\": \"v1\", \"items\": []}",
        },
    ])
    .unwrap_err();
    assert!(errors[0].diagnostic.message.starts_with("no Node found"));
}

#[test]
fn ages_are_as_kubectl_showed_them_when_the_state_was_read() {
    // The newest time in the state is 09:10:00, a heartbeat; the log agents
    // were made at 09:05:00, the nodes from 09:00:00.
    let import = nodes(STATE).expect("imports");
    assert_eq!(
        import.read_at,
        taintlab_core::clock::unix_millis("2026-12-01T09:10:00Z")
    );
    let mut terminal = taintlab_shell::Terminal::new(replayed(&import));
    let pods = terminal.run("kubectl get pods -n logging", None).text;
    let ages: Vec<&str> = pods
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().last())
        .collect();
    assert_eq!(ages, ["5m", "5m", "5m"], "{pods}");
    let nodes = terminal.run("kubectl get nodes", None).text;
    assert!(
        nodes.lines().nth(1).is_some_and(|l| l.contains(" 10m ")),
        "{nodes}"
    );
}

#[test]
fn an_import_checked_is_not_imported_again_and_ends_where_its_replay_does() {
    use crate::{Msg, Playground};
    // The control plane not Ready: its kubelet is stopped after the import.
    let text = STATE.replacen(
        "reason: KubeletReady\n      status: \"True\"",
        "reason: NodeStatusUnknown\n      status: Unknown",
        1,
    );
    for text in [DUMP, &text] {
        let import = nodes(text).expect("imports");
        let mut taken = Playground::new();
        taken.update(Msg::Imported(Box::new(import.clone())));
        let mut replayed = Playground::new();
        replayed.update(Msg::Import(import.inputs()));
        assert_eq!(taken.session().log, replayed.session().log);
        assert_eq!(
            format!("{:?}", taken.cluster()),
            format!("{:?}", replayed.cluster())
        );
        // And a share link of it replays to the same.
        let restored = Playground::restore(taken.session().clone());
        assert_eq!(
            format!("{:?}", restored.cluster()),
            format!("{:?}", taken.cluster())
        );
    }
    let import = nodes(&text).expect("imports");
    assert_eq!(import.not_ready, ["kind-control-plane"]);
    assert_eq!(import.without_cluster().inputs(), import.inputs());
}
