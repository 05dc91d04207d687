//! `kubectl get` end to end: arguments in, kubectl's text out.

use super::*;
use taintlab_core::sorted_map::SortedMap;

/// Runs `kubectl get ...`: `line` starts with `get`.
fn kubectl(cluster: &mut Cluster, line: &str) -> Output {
    let files = SortedMap::default();
    let args: Vec<String> = line
        .split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect();
    run(
        Invocation {
            cluster,
            files: &files,
            stdin: None,
        },
        &args,
    )
}

const WEB: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: nginx, image: nginx:1.27}\n";

const TEAM: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n  namespace: team\nspec:\n  nodeSelector: {disk: ssd}\n  containers: [{name: c, image: busybox}]\n";

/// The tutorial cluster with the tolerating DaemonSet, a Deployment of two, and a
/// pending pod in namespace `team`, one second on.
fn busy_cluster() -> Cluster {
    let mut c = Cluster::tutorial();
    c.apply(taintlab_core::TUTORIAL_DAEMONSET_TOLERATING)
        .expect("applies");
    c.apply(WEB).expect("applies");
    c.apply(TEAM).expect("applies");
    c.advance(1);
    c
}

/// The pod names, as generated (deterministic for a given cluster history).
fn pod_names(c: &Cluster, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = c
        .pods()
        .map(|p| p.metadata.name.clone())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

#[test]
fn pods_table_and_wide() {
    let mut c = busy_cluster();
    let ds = pod_names(&c, "redis-ds-");
    let out = kubectl(&mut c, "get pods -l name=redis-ds");
    assert_eq!(out.code, 0);
    assert_eq!(
        out.text,
        format!(
            "NAME             READY   STATUS              RESTARTS   AGE\n{}   0/1     ContainerCreating   0          1s\n{}   0/1     ContainerCreating   0          1s\n",
            ds[0], ds[1]
        )
    );
    c.advance(4);
    let out = kubectl(
        &mut c,
        "get pods -o wide --field-selector spec.nodeName=master",
    );
    assert_eq!(
        out.text,
        format!(
            "NAME             READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n{}   1/1     Running   0          5s    10.244.0.2   master   <none>           <none>\n",
            ds[0]
        )
    );
    // A pod the scheduler could not place has no IP and no node.
    let out = kubectl(&mut c, "get po solo -n team -o wide");
    assert_eq!(
        out.text,
        "NAME   READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES\nsolo   0/1     Pending   0          5s    <none>   <none>   <none>           <none>\n"
    );
}

#[test]
fn all_prints_a_table_per_type_with_kind_prefixes() {
    let mut c = busy_cluster();
    let out = kubectl(&mut c, "get all");
    let tables: Vec<&str> = out.text.split("\n\n").collect();
    assert_eq!(tables.len(), 4, "{}", out.text);
    assert!(tables[0].starts_with("NAME                      READY   STATUS"));
    assert!(tables[0].contains("\npod/web-"));
    assert_eq!(
        tables[1],
        "NAME                      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\ndaemonset.apps/redis-ds   2         2         0       2            0           <none>          1s"
    );
    assert_eq!(
        tables[2],
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   0/2     2            0           1s"
    );
    assert!(tables[3].starts_with(
        "NAME                            DESIRED   CURRENT   READY   AGE\nreplicaset.apps/web-"
    ));
    // Without headers, no blank lines either.
    let out = kubectl(&mut c, "get all --no-headers");
    assert!(!out.text.contains("\n\n"));
    assert_eq!(out.text.lines().count(), 7);
}

#[test]
fn all_namespaces_adds_the_namespace_column() {
    let mut c = busy_cluster();
    // ContainerCreating pods are Pending too; an empty value selects the unscheduled.
    let out = kubectl(
        &mut c,
        "get pods -A --field-selector status.phase=Pending,spec.nodeName=",
    );
    assert_eq!(
        out.text,
        "NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE\nteam        solo   0/1     Pending   0          1s\n"
    );
    let out = kubectl(&mut c, "get pods -n team --show-labels");
    assert_eq!(
        out.text,
        "NAME   READY   STATUS    RESTARTS   AGE   LABELS\nsolo   0/1     Pending   0          1s    <none>\n"
    );
    let out = kubectl(&mut c, "get ds -n team");
    assert_eq!(out.text, "No resources found in team namespace.\n");
    assert_eq!(out.code, 0);
    let out = kubectl(&mut c, "get ds,nodes -l nothing");
    assert_eq!(out.text, "No resources found\n");
    assert_eq!(
        kubectl(&mut c, "get ds -n team --ignore-not-found").text,
        ""
    );
}

#[test]
fn names_and_errors_in_order() {
    let mut c = busy_cluster();
    let out = kubectl(&mut c, "get deploy,ds -o name");
    assert_eq!(out.text, "deployment.apps/web\ndaemonset.apps/redis-ds\n");
    let out = kubectl(&mut c, "get deploy web nope -o name");
    assert_eq!(
        out.text,
        "deployment.apps/web\nError from server (NotFound): deployments.apps \"nope\" not found\n"
    );
    assert_eq!(out.code, 1);
    let out = kubectl(&mut c, "get deploy/nope ds/redis-ds");
    assert_eq!(
        out.text,
        "NAME       DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nredis-ds   2         2         0       2            0           <none>          1s\nError from server (NotFound): deployments.apps \"nope\" not found\n"
    );
    // Nothing found in an empty list prints nothing with -o name.
    assert_eq!(kubectl(&mut c, "get rs -n team -o name").text, "");
}

#[test]
fn sort_by_puts_objects_without_the_field_first() {
    let mut c = busy_cluster();
    let ds = pod_names(&c, "redis-ds-");
    let web = pod_names(&c, "web-");
    let out = kubectl(&mut c, "get pods -A --sort-by=.spec.nodeName -o name");
    assert_eq!(
        out.text,
        format!(
            "pod/solo\npod/{}\npod/{}\npod/{}\npod/{}\n",
            ds[0], ds[1], web[0], web[1]
        )
    );
    let out = kubectl(&mut c, "get deploy,ds --sort-by=.spec.replicas");
    assert_eq!(
        out.text,
        "error: couldn't find any field with path \"{.spec.replicas}\" in the list of objects\n"
    );
    let out = kubectl(&mut c, "get deploy --sort-by={.spec.replicas} --no-headers");
    assert_eq!(out.text, "web   0/2   2     0     1s\n");
}

#[test]
fn events_wide_names_the_source_and_the_event() {
    let mut c = busy_cluster();
    let out = kubectl(
        &mut c,
        "get events -n team -o wide --field-selector involvedObject.kind=Pod",
    );
    let lines: Vec<&str> = out.text.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.text);
    assert!(lines[0].starts_with("LAST SEEN   TYPE      REASON             OBJECT     SUBOBJECT   SOURCE              MESSAGE"));
    assert!(lines[0].ends_with("FIRST SEEN   COUNT   NAME"));
    assert!(lines[1].starts_with("1s          Warning   FailedScheduling   pod/solo               default-scheduler   0/2 nodes are available"));
    assert!(
        lines[1].contains("1s           1       solo.18867251"),
        "{}",
        lines[1]
    );
}

#[test]
fn generic_formats_go_through_encode() {
    let mut c = busy_cluster();
    let out = kubectl(&mut c, "get deploy web -o yaml");
    assert_eq!(out.code, 0);
    assert!(
        out.text
            .starts_with("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"),
        "{}",
        out.text
    );
    assert!(out.text.contains("\n  name: web\n"), "{}", out.text);
    let out = kubectl(&mut c, "get deploy nope -o json");
    assert_eq!(
        out.text,
        "Error from server (NotFound): deployments.apps \"nope\" not found\n"
    );
    let out = kubectl(&mut c, "get deploy -o jsonpath={.items[*].metadata.name}");
    assert_eq!((out.code, out.text.as_str()), (0, "web"));
    let out = kubectl(&mut c, "get deploy -o kyaml");
    assert_eq!(out.text, "error: taintlab does not simulate -o kyaml yet\n");
}

#[test]
fn usage_errors() {
    let mut c = Cluster::tutorial();
    let cases = [
        (
            "get pods -n",
            "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
        ),
        (
            "get pods --sort-by={{",
            "error: sorting error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n",
        ),
        (
            "get pods,nodes x",
            "error: you must specify only one resource\n",
        ),
        (
            "get -f pod.yaml",
            "error: taintlab does not simulate kubectl get --filename yet\n",
        ),
    ];
    for (line, want) in cases {
        let out = kubectl(&mut c, line);
        assert_eq!(out.text, want, "{line}");
        assert_eq!(out.code, 1, "{line}");
    }
}

/// No input makes `get` panic: every combination of odd words and flags.
#[test]
fn never_panics() {
    let mut c = busy_cluster();
    let words = [
        "",
        "pods",
        "po,no",
        "all",
        "/",
        "//",
        "a/b/c",
        ",",
        "ds/",
        "/x",
        "x",
        "-o",
        "name",
        "wide",
        "yaml",
        "jsonpath=",
        "-l",
        "!",
        "in",
        "(",
        ")",
        "a=b",
        "--field-selector",
        "=",
        "\\",
        "--sort-by",
        ".",
        "{.}",
        "[",
        "-L",
        "-A",
        "--show-labels",
        "--no-headers",
        "événement",
        "-n",
        "ns",
    ];
    for a in words {
        for b in words {
            for d in ["", "pods", "-o", "--sort-by", "events"] {
                let line = format!("{a} {b} {d}");
                let args: Vec<String> = line
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect();
                let files = SortedMap::default();
                let _ = run(
                    Invocation {
                        cluster: &mut c,
                        files: &files,
                        stdin: None,
                    },
                    &args,
                );
            }
        }
    }
}

#[test]
fn stored_kinds_list_with_their_server_columns() {
    // Applied at the cluster's start: the cluster does not yet record when stored
    // objects are created, so their AGE counts from the start.
    let mut c = Cluster::tutorial();
    c.apply("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {a: '1'}\n")
        .expect("applies");
    c.advance(65);
    assert_eq!(
        kubectl(&mut c, "get svc,cm").text,
        "NAME          AGE\nservice/web   65s\n\nNAME                 DATA   AGE\nconfigmap/settings   1      65s\n"
    );
    assert_eq!(
        kubectl(&mut c, "get all -l app=web").text,
        "NAME          AGE\nservice/web   65s\n"
    );
    assert_eq!(
        kubectl(&mut c, "get service web -o name").text,
        "service/web\n"
    );
    assert_eq!(
        kubectl(&mut c, "get jobs").text,
        "No resources found in default namespace.\n"
    );
}

/// `printPriorityClass`: PREEMPTIONPOLICY joined the table in v1.32 (PR #126529).
#[test]
fn priority_classes_by_version() {
    let header = |minor: u32| {
        let mut c = Cluster::empty(taintlab_core::version::KubeVersion::v1(minor));
        let out = kubectl(&mut c, "get pc");
        out.text.lines().next().unwrap_or_default().to_string()
    };
    assert_eq!(
        header(31),
        "NAME                      VALUE        GLOBAL-DEFAULT   AGE"
    );
    assert_eq!(
        header(32),
        "NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY"
    );
}

/// `printPodDisruptionBudget`: `N/A` for the rule a budget does not set.
#[test]
fn disruption_budgets_print_na_for_the_rule_not_set() {
    let mut c = Cluster::tutorial();
    c.apply("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: b\nspec:\n  maxUnavailable: 25%\n  selector: {matchLabels: {app: x}}\n")
        .expect("applies");
    let out = kubectl(&mut c, "get pdb");
    assert_eq!(
        out.text,
        "NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nb      N/A             25%               0                     0s\n"
    );
}
