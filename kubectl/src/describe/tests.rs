//! `kubectl describe` over clusters built with `Cluster::apply`: whole outputs,
//! checked line by line against upstream's layout.

use super::*;
use taintlab_core::sorted_map::SortedMap;

fn kubectl(cluster: &mut Cluster, line: &str) -> Output {
    let files = SortedMap::default();
    let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    run(
        Invocation {
            cluster,
            files: &files,
            stdin: None,
        },
        &args,
    )
}

const WEB: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        resources:\n          requests: {cpu: 100m, memory: 64Mi}\n          limits: {memory: 128Mi}\n";

const PICKY: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: picky\n  labels: {app: picky}\nspec:\n  nodeSelector: {disk: ssd}\n  containers:\n  - name: app\n    image: busybox\n    ports:\n    - containerPort: 80\n    - containerPort: 443\n      hostPort: 8443\n";

/// The tutorial cluster five seconds after the tutorial DaemonSet is applied.
fn tutorial_with_daemon_set() -> Cluster {
    let mut c = Cluster::tutorial();
    c.apply(taintlab_core::TUTORIAL_DAEMONSET).expect("applies");
    c.advance(5);
    c
}

/// Layouts checked line by line against `describe.go`: Go's tabwriter blocks
/// (the `Pods Status` line after the unaligned counters, `IPs` splitting the pod
/// header, `Volumes` joining the Conditions block), pods sorted by name, events in
/// recording order within a second.
#[test]
fn daemon_set_and_its_pod() {
    let mut c = tutorial_with_daemon_set();
    let cases = [("ds redis-ds", DS), ("pods", POD)];
    for (line, want) in cases {
        let out = kubectl(&mut c, line);
        assert_eq!(out.text, want, "{line}");
        assert_eq!(out.code, 0, "{line}");
    }
}

#[test]
fn deployment_replica_set_and_an_unschedulable_pod() {
    let mut c = tutorial_with_daemon_set();
    c.apply(WEB).expect("applies");
    c.apply(PICKY).expect("applies");
    c.advance(5);
    for (line, want) in [("deploy web", DEPLOY), ("rs", RS), ("pod picky", PICKY_OUT)] {
        let out = kubectl(&mut c, line);
        assert_eq!(out.text, want, "{line}");
    }
}

/// Errors and argument forms (`cmd/describe/describe.go`, `resource.Builder`):
/// (command line, output, exit status).
#[test]
fn argument_forms_and_errors() {
    let cases: &[(&str, &str, i32)] = &[
        (
            "",
            "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n",
            1,
        ),
        (
            "bogus",
            "error: the server doesn't have a resource type \"bogus\"\n",
            1,
        ),
        (
            "pod nope",
            "Error from server (NotFound): pods \"nope\" not found\n",
            1,
        ),
        (
            "ds/nope",
            "Error from server (NotFound): daemonsets.apps \"nope\" not found\n",
            1,
        ),
        ("deploy", "No resources found in default namespace.\n", 0),
        ("deploy -A", "No resources found\n", 0),
        (
            "pods -n kube-system",
            "No resources found in kube-system namespace.\n",
            0,
        ),
        (
            "pod/a b",
            "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
            1,
        ),
        (
            "pod/a/b",
            "error: arguments in resource/name form may not have more than one slash\n",
            1,
        ),
        (
            "pods a -l app=x",
            "error: name cannot be provided when a selector is specified\n",
            1,
        ),
        (
            "pod/a -l app=x",
            "error: selectors and the all flag cannot be used when passing resource/name arguments\n",
            1,
        ),
        (
            "pods,nodes a",
            "error: you must specify only one resource\n",
            1,
        ),
        (
            "nodes -l disk=ssd",
            "No resources found in default namespace.\n",
            0,
        ),
        (
            "pods --bogus",
            "error: unknown flag: --bogus\nSee 'kubectl describe --help' for usage.\n",
            1,
        ),
        (
            "-f missing.yaml",
            "error: the path \"missing.yaml\" does not exist\n",
            1,
        ),
        (
            "services",
            "error: taintlab does not simulate \"kubectl describe services\" yet\n",
            1,
        ),
    ];
    let mut c = Cluster::tutorial();
    for (line, want, code) in cases {
        let out = kubectl(&mut c, line);
        assert_eq!(out.text, *want, "{line}");
        assert_eq!(out.code, *code, "{line}");
    }
}

/// Several objects are separated by two blank lines and show no events unless
/// `--show-events` says so; a single one shows them unless it says otherwise.
#[test]
fn events_follow_the_number_of_objects() {
    let mut c = Cluster::tutorial();
    let both = kubectl(&mut c, "nodes").text;
    assert_eq!(both.matches("Name:").count(), 2);
    assert!(!both.contains("Events:"));
    assert!(
        both.contains("  ephemeral-storage  0 (0%)    0 (0%)\n\n\nName:               worker\n")
    );
    let with = kubectl(&mut c, "nodes --show-events").text;
    assert_eq!(with.matches("Events:").count(), 2);
    let one = kubectl(&mut c, "node master --show-events=false").text;
    assert!(!one.contains("Events:"));
    assert!(
        kubectl(&mut c, "no/master")
            .text
            .contains("Events:\n  Type    Reason")
    );
}

/// `TYPE NAME` that names no object describes those whose names start with NAME,
/// each followed by a blank line, without events.
#[test]
fn a_missing_name_is_a_prefix() {
    let mut c = tutorial_with_daemon_set();
    let out = kubectl(&mut c, "pods redis");
    assert_eq!(out.code, 0);
    assert!(out.text.starts_with("Name:             redis-ds-"));
    assert!(out.text.ends_with("unschedulable:NoSchedule op=Exists\n\n"));
    assert!(!out.text.contains("Events:"));
    // Two TYPE/NAME arguments with one missing: only the error (the retry's quirk).
    assert_eq!(
        kubectl(&mut c, "no/master no/nope").text,
        "Error from server (NotFound): nodes \"nope\" not found\n"
    );
    let both = kubectl(&mut c, "node master nope");
    assert!(both.text.starts_with("Name:               master\n"));
    assert!(!both.text.contains("Events:"));
    assert!(
        both.text
            .ends_with("\nError from server (NotFound): nodes \"nope\" not found\n")
    );
    assert_eq!(both.code, 1);
    let nodes = kubectl(&mut c, "node ma").text;
    assert!(nodes.starts_with("Name:               master\n"));
    assert!(!nodes.contains("worker"));
}

#[test]
fn namespaces_and_selectors() {
    let mut c = tutorial_with_daemon_set();
    assert_eq!(
        kubectl(&mut c, "ns default").text,
        "Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n"
    );
    assert_eq!(
        kubectl(&mut c, "namespaces").text.matches("Name:").count(),
        4
    );
    let selected = kubectl(&mut c, "pods -l name=redis-ds").text;
    assert!(selected.starts_with("Name:             redis-ds-"));
    assert!(selected.contains("Events:"));
    let by_role = kubectl(&mut c, "nodes -l node-role.kubernetes.io/master").text;
    assert!(by_role.starts_with("Name:               master\n"));
    assert_eq!(
        kubectl(&mut c, "pods -l !").text,
        "error: unable to parse requirement: found '', expected: identifier\n"
    );
}

/// Files name the objects to describe.
#[test]
fn objects_named_in_a_file() {
    let mut c = tutorial_with_daemon_set();
    let mut files = SortedMap::default();
    files.insert(
        "ds.yaml".to_string(),
        taintlab_core::TUTORIAL_DAEMONSET.to_string(),
    );
    let args: Vec<String> = ["-f", "ds.yaml"].map(String::from).to_vec();
    let out = run(
        Invocation {
            cluster: &mut c,
            files: &files,
            stdin: None,
        },
        &args,
    );
    assert_eq!(out.text, DS);
}

/// Nothing a user types makes describe panic.
#[test]
fn odd_input_never_panics() {
    let mut c = tutorial_with_daemon_set();
    c.apply(WEB).expect("applies");
    c.stop_kubelet("worker");
    c.advance(400);
    for line in [
        "/",
        "//",
        "pod/",
        "/x",
        ",",
        "pods,",
        ",pods",
        "pods - -",
        "-l",
        "-l ,",
        "pods -l !",
        "pods -l a=(",
        "pods -l )",
        "-A pods x",
        "nodes -n x",
        "ns nope",
        "all",
        "pods -- x",
        "node master worker nope",
        "po,no,ds,deploy,rs,ns",
        "pods -A --show-events",
        "pods -l a!=b,c notin (d)",
        "rs -l pod-template-hash",
        "-f -",
    ] {
        let _ = kubectl(&mut c, line);
    }
}

const DS: &str = r#"Name:           redis-ds
Namespace:      default
Selector:       name=redis-ds
Node-Selector:  <none>
Labels:         app=redis-ds
Annotations:    <none>
Desired Number of Nodes Scheduled: 1
Current Number of Nodes Scheduled: 1
Number of Nodes Scheduled with Up-to-date Pods: 1
Number of Nodes Scheduled with Available Pods: 1
Number of Nodes Misscheduled: 0
Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  name=redis-ds
  Containers:
   redis:
    Image:         redis:5-alpine
    Port:          6379/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                  Message
  ----    ------            ----  ----                  -------
  Normal  SuccessfulCreate  5s    daemonset-controller  Created pod: redis-ds-vlw7d
"#;

const POD: &str = r#"Name:             redis-ds-vlw7d
Namespace:        default
Priority:         0
Service Account:  default
Node:             worker/172.18.0.3
Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
Labels:           controller-revision-hash=594857b5f9
                  name=redis-ds
Annotations:      <none>
Status:           Running
IP:               10.244.1.2
IPs:
  IP:           10.244.1.2
Controlled By:  DaemonSet/redis-ds
Containers:
  redis:
    Container ID:   
    Image:          redis:5-alpine
    Image ID:       
    Port:           6379/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Thu, 01 Jan 2026 00:00:03 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:                      <none>
QoS Class:                    BestEffort
Node-Selectors:               <none>
Tolerations:                  node.kubernetes.io/disk-pressure:NoSchedule op=Exists
                              node.kubernetes.io/memory-pressure:NoSchedule op=Exists
                              node.kubernetes.io/not-ready:NoExecute op=Exists
                              node.kubernetes.io/pid-pressure:NoSchedule op=Exists
                              node.kubernetes.io/unreachable:NoExecute op=Exists
                              node.kubernetes.io/unschedulable:NoSchedule op=Exists
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  5s    default-scheduler  Successfully assigned default/redis-ds-vlw7d to worker
  Normal  Pulling    5s    kubelet            Pulling image "redis:5-alpine"
  Normal  Pulled     2s    kubelet            Successfully pulled image "redis:5-alpine" in 2s (2s including waiting). Image size: 30403755 bytes.
  Normal  Created    2s    kubelet            Container created
  Normal  Started    2s    kubelet            Container started
"#;

const DEPLOY: &str = r#"Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 01 Jan 2026 00:00:05 +0000
Labels:                 <none>
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:      nginx
    Port:       <none>
    Host Port:  <none>
    Limits:
      memory:  128Mi
    Requests:
      cpu:         100m
      memory:      64Mi
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-7666bb69f9 (2/2 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  5s    deployment-controller  Scaled up replica set web-7666bb69f9 from 0 to 2
"#;

const RS: &str = r#"Name:           web-7666bb69f9
Namespace:      default
Selector:       app=web,pod-template-hash=7666bb69f9
Labels:         app=web
                pod-template-hash=7666bb69f9
Annotations:    deployment.kubernetes.io/revision: 1
Controlled By:  Deployment/web
Replicas:       2 current / 2 desired
Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=web
           pod-template-hash=7666bb69f9
  Containers:
   nginx:
    Image:      nginx
    Port:       <none>
    Host Port:  <none>
    Limits:
      memory:  128Mi
    Requests:
      cpu:         100m
      memory:      64Mi
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
  Normal  SuccessfulCreate  5s    replicaset-controller  Created pod: web-7666bb69f9-pt6p7
  Normal  SuccessfulCreate  5s    replicaset-controller  Created pod: web-7666bb69f9-5vsk7
"#;

const PICKY_OUT: &str = r#"Name:             picky
Namespace:        default
Priority:         0
Service Account:  default
Node:             <none>
Labels:           app=picky
Annotations:      <none>
Status:           Pending
IP:               
IPs:              <none>
Containers:
  app:
    Image:        busybox
    Ports:        80/TCP, 443/TCP
    Host Ports:   0/TCP, 8443/TCP
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type           Status
  PodScheduled   False 
Volumes:         <none>
QoS Class:       BestEffort
Node-Selectors:  disk=ssd
Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  5s    default-scheduler  0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.
"#;
