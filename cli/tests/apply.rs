//! The `taintlab` binary, end to end.

use std::process::Command;

fn taintlab(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_taintlab"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn tutorial_daemonset_skips_the_master() {
    let (ok, stdout, _) = taintlab(&["apply", "static/examples/redis-ds.yaml"]);
    assert!(ok);
    assert!(stdout.contains("(ContainerCreating)"), "{stdout}");
    assert!(
        stdout.starts_with("daemonset.apps/redis-ds created\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  skip   redis-ds: node(s) had untolerated taint(s) [node-role.kubernetes.io/master:NoSchedule]"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("  pod    redis-ds-").count(), 1, "{stdout}");
}

#[test]
fn toleration_reaches_both_nodes() {
    let (ok, stdout, _) = taintlab(&[
        "apply",
        "--after",
        "5",
        "static/examples/redis-ds.yaml",
        "static/examples/redis-ds-tolerations.yaml",
    ]);
    assert!(ok);
    assert!(
        stdout.contains("daemonset.apps/redis-ds configured"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("  pod    redis-ds-").count(), 2, "{stdout}");
    assert_eq!(stdout.matches("(Running)").count(), 2, "{stdout}");
    assert!(!stdout.contains("skip"), "{stdout}");
}

#[test]
fn errors_name_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("taintlab-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("broken.yaml");
    std::fs::write(&file, "kind: Pod\napiVersion: v1\nmetadata:\n  name: [\n").expect("write");
    let path = file.to_string_lossy().into_owned();
    let (ok, _, stderr) = taintlab(&["apply", &path]);
    assert!(!ok);
    assert!(
        stderr.starts_with(&format!("{path}:5:1: error: ")),
        "{stderr}"
    );
    let (ok, _, stderr) = taintlab(&["apply", "--after", "soon", "x.yaml"]);
    assert!(!ok);
    assert!(
        stderr.contains("--after needs a whole number of seconds"),
        "{stderr}"
    );
    let (ok, _, stderr) = taintlab(&["apply", "does-not-exist.yaml"]);
    assert!(!ok);
    assert!(
        stderr.contains("cannot read does-not-exist.yaml"),
        "{stderr}"
    );
}

#[test]
fn a_kind_cluster_file_sets_nodes_and_version() {
    let dir = std::env::temp_dir().join(format!("taintlab-cli-kind-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let config = dir.join("kind.yaml");
    std::fs::write(
        &config,
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  image: kindest/node:v1.24.7\n- role: worker\n",
    )
    .expect("write");
    let config = config.to_string_lossy().into_owned();
    let (ok, stdout, _) = taintlab(&[
        "apply",
        "--cluster",
        &config,
        "static/examples/redis-ds-tolerations.yaml",
    ]);
    assert!(ok);
    assert!(
        stdout.contains("node kind-control-plane (roles: control-plane, Ready)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skip   redis-ds: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } [node-role.kubernetes.io/control-plane:NoSchedule]"),
        "{stdout}"
    );
    let (ok, _, stderr) = taintlab(&["apply", "--cluster", "missing.yaml", "x.yaml"]);
    assert!(!ok);
    assert!(stderr.contains("cannot read missing.yaml"), "{stderr}");
}

#[test]
fn a_scheduler_config_file_picks_profiles_and_is_validated() {
    let dir = std::env::temp_dir().join(format!("taintlab-cli-sched-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let config = dir.join("scheduler.yaml");
    std::fs::write(
        &config,
        "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- plugins:\n    filter:\n      disabled:\n      - name: TaintToleration\n",
    )
    .expect("write");
    let pod = dir.join("pod.yaml");
    std::fs::write(
        &pod,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: on-master\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: master\n  containers:\n  - name: c\n    image: nginx\n",
    )
    .expect("write");
    let (config, pod) = (
        config.to_string_lossy().into_owned(),
        pod.to_string_lossy().into_owned(),
    );
    // Without TaintToleration's Filter, the tainted master takes the pod.
    let (ok, stdout, _) = taintlab(&["apply", "--scheduler-config", &config, &pod]);
    assert!(ok);
    assert!(
        stdout.contains("taint  node-role.kubernetes.io/master:NoSchedule\n  pod    on-master"),
        "{stdout}"
    );
    let (ok, stdout, _) = taintlab(&["apply", &pod]);
    assert!(ok);
    assert!(
        stdout.contains("pending on-master: 0/2 nodes are available"),
        "{stdout}"
    );
    let bad = dir.join("bad.yaml");
    std::fs::write(
        &bad,
        "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: 200\n",
    )
    .expect("write");
    let (ok, _, stderr) = taintlab(&["apply", "--scheduler-config", &bad.to_string_lossy(), &pod]);
    assert!(!ok);
    assert!(
        stderr.contains(
            ":3:1: error: percentageOfNodesToScore: Invalid value: 200: not in valid range [0-100]"
        ),
        "{stderr}"
    );
}

#[test]
fn why_explains_the_daemon_set_and_the_master() {
    let (ok, stdout, _) = taintlab(&[
        "why",
        "static/examples/redis-ds.yaml",
        "daemonset/redis-ds",
        "node/master",
    ]);
    assert!(ok);
    assert!(
        stdout.starts_with("DaemonSet default/redis-ds, node by node (NodeShouldRunDaemonPod):\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  master: no new daemon pod: node(s) had untolerated taint(s)\n"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("\nNode master: Ready\n  taint node-role.kubernetes.io/master:NoSchedule\n"),
        "{stdout}"
    );
    // A target that does not exist fails, and says which.
    let (ok, _, stderr) = taintlab(&["why", "pod/nope"]);
    assert!(!ok);
    assert!(stderr.contains("error: pod/nope not found"), "{stderr}");
}

#[test]
fn diff_lists_what_a_toleration_would_change_and_exits_1() {
    let out = Command::new(env!("CARGO_BIN_EXE_taintlab"))
        .args([
            "diff",
            "--after",
            "10",
            "static/examples/redis-ds.yaml",
            "static/examples/redis-ds-tolerations.yaml",
        ])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains(": new, Running on master\n"), "{stdout}");
    // The same file again changes nothing: exit status 0.
    let (ok, stdout, _) = taintlab(&[
        "diff",
        "static/examples/redis-ds.yaml",
        "static/examples/redis-ds.yaml",
    ]);
    assert!(ok);
    assert_eq!(stdout, "no pod would change\n");
}

#[test]
fn why_reads_a_whole_cluster_state() {
    let (ok, stdout, stderr) = taintlab(&[
        "why",
        "--cluster",
        "core/tests/fixtures/cluster_state.yaml",
        "node/kind-worker2",
        "daemonset/logging/log-agent",
    ]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("cluster_state.yaml: skipped 1 ConfigMap: not simulated"),
        "{stderr}"
    );
    assert!(
        stdout.contains("Node kind-worker2: Ready,SchedulingDisabled\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("tolerated by: logging/log-agent-"),
        "{stdout}"
    );
    assert!(
        stdout.contains("DaemonSet logging/log-agent, node by node"),
        "{stdout}"
    );
}

#[test]
fn why_reads_a_cluster_info_dump_directory() {
    let (ok, stdout, stderr) = taintlab(&[
        "why",
        "--cluster",
        "core/tests/fixtures/cluster_info_dump",
        "pod/shop/web-7c5b9d6f84-2xk8d",
    ]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with("Pod shop/web-7c5b9d6f84-2xk8d: Running, on kind-worker\n"),
        "{stdout}"
    );
    // The logs and the kinds not simulated are left out, and said so.
    assert!(
        stderr.contains("cluster_info_dump: skipped 2 Service: not simulated"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped 1 Event: not simulated"),
        "{stderr}"
    );
}

#[test]
fn several_cluster_files_are_one_import_and_the_later_wins() {
    let dir = std::env::temp_dir().join(format!("taintlab-cli-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let relabelled = dir.join("worker.yaml");
    std::fs::write(
        &relabelled,
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker\nspec:\n  taints: [{key: dedicated, value: edge, effect: NoSchedule}]\nstatus:\n  allocatable: {cpu: \"8\", memory: 16Gi, pods: \"110\"}\n",
    )
    .expect("write");
    let relabelled = relabelled.to_string_lossy().into_owned();
    let (ok, stdout, stderr) = taintlab(&[
        "why",
        "--cluster",
        "core/tests/fixtures/cluster_info_dump.txt",
        "--cluster",
        &relabelled,
        "node/kind-worker",
    ]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("--cluster: warning: Node kind-worker is in core/tests/fixtures/cluster_info_dump.txt and in "),
        "{stderr}"
    );
    assert!(
        stdout.contains("taint dedicated=edge:NoSchedule"),
        "{stdout}"
    );
    // Pods on the node stay where they were; the pending one no longer fits.
    assert!(stdout.contains("pods: 3"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_cluster_file_among_several_is_named() {
    let dir = std::env::temp_dir().join(format!("taintlab-cli-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let broken = dir.join("broken.json");
    std::fs::write(
        &broken,
        "{\"kind\": \"PodList\", \"apiVersion\": \"v1\",\n \"items\": [}\n",
    )
    .expect("write");
    let broken = broken.to_string_lossy().into_owned();
    let (ok, _, stderr) = taintlab(&[
        "apply",
        "--cluster",
        "core/tests/fixtures/cluster_state.yaml",
        "--cluster",
        &broken,
        "static/examples/redis-ds.yaml",
    ]);
    assert!(!ok);
    assert!(stderr.starts_with(&format!("{broken}:2:")), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn after_is_held_to_one_clock_step() {
    let (ok, _, stderr) = taintlab(&[
        "diff",
        "--after",
        "99999999999",
        "static/examples/redis-ds.yaml",
        "static/examples/redis-ds.yaml",
    ]);
    assert!(!ok);
    assert!(
        stderr.contains("--after 99999999999: too much time at once"),
        "{stderr}"
    );
}
