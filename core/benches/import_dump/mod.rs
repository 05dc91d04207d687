//! A real cluster's state as `kubectl get nodes,pods,daemonsets,deployments,
//! replicasets -A -o yaml` prints it, generated at any size for the import
//! benchmarks (`scheduler_perf.rs`'s `ImportState` and `WhyImportedPod`, and
//! `tests/tests/browser_bench.rs`, which includes this file).
//!
//! The shape is a kubeadm cluster's as the API server returns it: three
//! control-plane nodes (tainted) and workers of 16 CPU / 64Gi / 110 pods, with
//! labels, annotations, `managedFields`, addresses, conditions (the newest
//! heartbeat is the moment the state was read), node info and images; two
//! DaemonSets (`kube-proxy`, `node-exporter`) with a pod on every node; one
//! Deployment per five nodes spread over twenty namespaces, each with its
//! current ReplicaSet (every other one also an old one scaled to 0) and pods
//! of 100m / 128Mi bound round-robin to the workers, each pod about 4 KB with
//! its `managedFields`, its service-account volume, its default tolerations and
//! a running status with conditions; and ten pending pods the scheduler still
//! has to place. Every object has a UID and owner references where a real
//! one has them; the numbers are deterministic.

// Each including target uses its own part of this file.
#![allow(dead_code)]

use std::fmt::Write;

/// The moment the state was read: the newest timestamp in it.
pub const READ_AT: &str = "2026-12-01T12:00:00Z";

/// Pods that wait for the scheduler.
pub const PENDING: usize = 10;

/// The control-plane nodes.
const CONTROL_PLANES: usize = 3;

/// A UID made from two numbers, shaped as the API server's (version 4).
fn uid(kind: u32, n: usize) -> String {
    let x = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(kind) << 56;
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        (x >> 32) as u32,
        (x >> 16) as u16,
        (x >> 4) as u16 & 0xfff,
        x as u16 & 0xfff,
        x & 0xffff_ffff_ffff
    )
}

/// `n` as the five characters of a generated name's suffix, different for
/// every `n` below 27⁵ (a multiplication by a number prime to 27⁵ shuffles them).
fn suffix(n: usize) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    const SPACE: u64 = 27 * 27 * 27 * 27 * 27;
    let mut x = (n as u64 % SPACE) * 7_777_777 % SPACE;
    (0..5)
        .map(|_| {
            let c = ALPHABET[(x % ALPHABET.len() as u64) as usize] as char;
            x /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

/// A pod template hash (ten characters), for revision `r` of Deployment `d`.
fn hash(d: usize, r: usize) -> String {
    format!("{}{}", suffix(d * 7 + r), &suffix(d * 13 + r + 1)[..5])
}

/// A time `minutes` before [`READ_AT`] (at most a month), in RFC 3339.
fn before(minutes: usize) -> String {
    let total = 30 * 24 * 60 - minutes.min(30 * 24 * 60 - 1);
    // 2026-11-01T12:00:00Z plus `total` minutes.
    let (days, rest) = (total / (24 * 60), total % (24 * 60));
    let hour = 12 + rest / 60;
    let (day, hour) = (1 + days + hour / 24, hour % 24);
    let month = if day > 30 { 12 } else { 11 };
    let day = if day > 30 { day - 30 } else { day };
    format!("2026-{month:02}-{day:02}T{hour:02}:{:02}:00Z", rest % 60)
}

fn node_name(i: usize) -> String {
    if i < CONTROL_PLANES {
        format!("control-plane-{i}")
    } else {
        format!("node-{:05}", i - CONTROL_PLANES)
    }
}

/// The namespace of Deployment `d`.
fn team(d: usize) -> String {
    format!("team-{:02}", d % 20)
}

/// How many Deployments a state of `nodes` nodes has.
fn deployments(nodes: usize) -> usize {
    (nodes / 5).max(1)
}

/// A Deployment pod that `why` can explain: the first pod of the first
/// Deployment, bound to the first worker. (namespace, name)
pub fn a_deployment_pod() -> (String, String) {
    (team(0), format!("app-000-{}-{}", hash(0, 1), suffix(0)))
}

fn node(out: &mut String, i: usize) {
    let name = node_name(i);
    let control = i < CONTROL_PLANES;
    let created = before(40_000 - i % 1000);
    let (role, taint) = if control {
        (
            "\n      node-role.kubernetes.io/control-plane: \"\"\n      node.kubernetes.io/exclude-from-external-load-balancers: \"\"",
            "\n    taints:\n    - effect: NoSchedule\n      key: node-role.kubernetes.io/control-plane",
        )
    } else {
        ("", "")
    };
    let heartbeat = before(i % 5);
    let address = format!("10.0.{}.{}", i / 250, i % 250 + 2);
    let _ = write!(
        out,
        r#"- apiVersion: v1
  kind: Node
  metadata:
    annotations:
      kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
      node.alpha.kubernetes.io/ttl: "0"
      volumes.kubernetes.io/controller-managed-attach-detach: "true"
    creationTimestamp: "{created}"
    labels:
      beta.kubernetes.io/arch: amd64
      beta.kubernetes.io/os: linux
      kubernetes.io/arch: amd64
      kubernetes.io/hostname: {name}
      kubernetes.io/os: linux
      topology.kubernetes.io/zone: zone-{zone}{role}
    managedFields:
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:metadata:
          f:annotations:
            .: {{}}
            f:volumes.kubernetes.io/controller-managed-attach-detach: {{}}
          f:labels:
            .: {{}}
            f:beta.kubernetes.io/arch: {{}}
            f:beta.kubernetes.io/os: {{}}
            f:kubernetes.io/arch: {{}}
            f:kubernetes.io/hostname: {{}}
            f:kubernetes.io/os: {{}}
      manager: kubelet
      operation: Update
      time: "{created}"
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:status:
          f:conditions:
            k:{{"type":"Ready"}}:
              f:lastHeartbeatTime: {{}}
          f:images: {{}}
      manager: kubelet
      operation: Update
      subresource: status
      time: "{heartbeat}"
    name: {name}
    resourceVersion: "{rv}"
    uid: {uid}
  spec:
    podCIDR: 10.244.{i}.0/24
    podCIDRs:
    - 10.244.{i}.0/24
    providerID: aws:///zone-{zone}/i-0{i:015x}{taint}
  status:
    addresses:
    - address: {address}
      type: InternalIP
    - address: {name}
      type: Hostname
    allocatable:
      cpu: "16"
      ephemeral-storage: "95491281146"
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 65746348Ki
      pods: "110"
    capacity:
      cpu: "16"
      ephemeral-storage: 103615464Ki
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: 65848748Ki
      pods: "110"
    conditions:
    - lastHeartbeatTime: "{heartbeat}"
      lastTransitionTime: "{created}"
      message: kubelet has sufficient memory available
      reason: KubeletHasSufficientMemory
      status: "False"
      type: MemoryPressure
    - lastHeartbeatTime: "{heartbeat}"
      lastTransitionTime: "{created}"
      message: kubelet has no disk pressure
      reason: KubeletHasNoDiskPressure
      status: "False"
      type: DiskPressure
    - lastHeartbeatTime: "{heartbeat}"
      lastTransitionTime: "{created}"
      message: kubelet has sufficient PID available
      reason: KubeletHasSufficientPID
      status: "False"
      type: PIDPressure
    - lastHeartbeatTime: "{heartbeat}"
      lastTransitionTime: "{created}"
      message: kubelet is posting ready status
      reason: KubeletReady
      status: "True"
      type: Ready
    daemonEndpoints:
      kubeletEndpoint:
        Port: 10250
    images:
    - names:
      - registry.k8s.io/kube-proxy@sha256:{sha}
      - registry.k8s.io/kube-proxy:v1.31.4
      sizeBytes: 30229962
    - names:
      - quay.io/prometheus/node-exporter:v1.8.2
      sizeBytes: 12341238
    nodeInfo:
      architecture: amd64
      bootID: {boot}
      containerRuntimeVersion: containerd://1.7.24
      kernelVersion: 6.8.0-1021-aws
      kubeProxyVersion: v1.31.4
      kubeletVersion: v1.31.4
      machineID: {machine:032x}
      operatingSystem: linux
      osImage: Ubuntu 24.04.1 LTS
      systemUUID: {system}
"#,
        zone = i % 3,
        rv = 1000 + i,
        uid = uid(1, i),
        sha = format!("{:016x}", i).repeat(4),
        boot = uid(2, i),
        machine = (i as u128).wrapping_mul(0x1234_5678_9abc_def1),
        system = uid(3, i),
    );
}

/// The managedFields, spec and status every pod shares, after its metadata's
/// `name` lines; `owner` is its owner reference (or empty), `node` its node
/// (empty: pending).
#[allow(clippy::too_many_arguments)]
fn pod(
    out: &mut String,
    namespace: &str,
    name: &str,
    generate: &str,
    labels: &str,
    owner: &str,
    pod_uid: &str,
    node: Option<usize>,
    image: &str,
    created: &str,
    tolerations: &str,
    n: usize,
) {
    let token = suffix(n + 7);
    let generate_line = if generate.is_empty() {
        String::new()
    } else {
        format!("\n    generateName: {generate}")
    };
    let node_line = node.map_or(String::new(), |i| {
        format!("\n    nodeName: {}", node_name(i))
    });
    let _ = write!(
        out,
        r#"- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "{created}"{generate_line}
    labels:{labels}
    managedFields:
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:metadata:
          f:generateName: {{}}
          f:labels:
            .: {{}}
        f:spec:
          f:containers:
            k:{{"name":"main"}}:
              .: {{}}
              f:image: {{}}
              f:imagePullPolicy: {{}}
              f:name: {{}}
              f:resources:
                .: {{}}
                f:requests:
                  .: {{}}
                  f:cpu: {{}}
                  f:memory: {{}}
          f:dnsPolicy: {{}}
          f:restartPolicy: {{}}
          f:schedulerName: {{}}
      manager: kube-controller-manager
      operation: Update
      time: "{created}"
    name: {name}
    namespace: {namespace}{owner}
    resourceVersion: "{rv}"
    uid: {pod_uid}
  spec:
    containers:
    - image: {image}
      imagePullPolicy: IfNotPresent
      name: main
      ports:
      - containerPort: 8080
        protocol: TCP
      resources:
        requests:
          cpu: 100m
          memory: 128Mi
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      volumeMounts:
      - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
        name: kube-api-access-{token}
        readOnly: true
    dnsPolicy: ClusterFirst
    enableServiceLinks: true{node_line}
    preemptionPolicy: PreemptLowerPriority
    priority: 0
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {{}}
    serviceAccount: default
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    tolerations:{tolerations}
    volumes:
    - name: kube-api-access-{token}
      projected:
        defaultMode: 420
        sources:
        - serviceAccountToken:
            expirationSeconds: 3607
            path: token
        - configMap:
            items:
            - key: ca.crt
              path: ca.crt
            name: kube-root-ca.crt
        - downwardAPI:
            items:
            - fieldRef:
                apiVersion: v1
                fieldPath: metadata.namespace
              path: namespace
"#,
        rv = 100_000 + n,
    );
    match node {
        Some(i) => {
            let _ = write!(
                out,
                r#"  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "{created}"
      status: "True"
      type: PodReadyToStartContainers
    - lastProbeTime: null
      lastTransitionTime: "{created}"
      status: "True"
      type: Initialized
    - lastProbeTime: null
      lastTransitionTime: "{created}"
      status: "True"
      type: Ready
    - lastProbeTime: null
      lastTransitionTime: "{created}"
      status: "True"
      type: ContainersReady
    - lastProbeTime: null
      lastTransitionTime: "{created}"
      status: "True"
      type: PodScheduled
    containerStatuses:
    - containerID: containerd://{cid}
      image: {image}
      imageID: {image}@sha256:{cid}
      lastState: {{}}
      name: main
      ready: true
      restartCount: 0
      started: true
      state:
        running:
          startedAt: "{created}"
    hostIP: 10.0.{a}.{b}
    hostIPs:
    - ip: 10.0.{a}.{b}
    phase: Running
    podIP: 10.244.{i}.{p}
    podIPs:
    - ip: 10.244.{i}.{p}
    qosClass: Burstable
    startTime: "{created}"
"#,
                cid = format!("{n:016x}").repeat(4),
                a = i / 250,
                b = i % 250 + 2,
                p = n % 250 + 2,
            );
        }
        None => {
            let _ = write!(
                out,
                r#"  status:
    conditions:
    - lastProbeTime: null
      lastTransitionTime: "{created}"
      message: '0/{CONTROL_PLANES} nodes are available: {CONTROL_PLANES} node(s) had untolerated taint(s). preemption: 0/{CONTROL_PLANES} nodes are available: {CONTROL_PLANES} Preemption is not helpful for scheduling.'
      reason: Unschedulable
      status: "False"
      type: PodScheduled
    phase: Pending
    qosClass: Burstable
"#
            );
        }
    }
}

const DEFAULT_TOLERATIONS: &str = "\n    - effect: NoExecute\n      key: node.kubernetes.io/not-ready\n      operator: Exists\n      tolerationSeconds: 300\n    - effect: NoExecute\n      key: node.kubernetes.io/unreachable\n      operator: Exists\n      tolerationSeconds: 300";

const DAEMON_TOLERATIONS: &str = "\n    - operator: Exists\n    - effect: NoExecute\n      key: node.kubernetes.io/not-ready\n      operator: Exists\n    - effect: NoExecute\n      key: node.kubernetes.io/unreachable\n      operator: Exists\n    - effect: NoSchedule\n      key: node.kubernetes.io/disk-pressure\n      operator: Exists\n    - effect: NoSchedule\n      key: node.kubernetes.io/memory-pressure\n      operator: Exists\n    - effect: NoSchedule\n      key: node.kubernetes.io/pid-pressure\n      operator: Exists\n    - effect: NoSchedule\n      key: node.kubernetes.io/unschedulable\n      operator: Exists";

/// A daemon pod's node affinity to its node (the DaemonSet controller's
/// `ReplaceDaemonSetPodNodeNameNodeAffinity`) and its tolerations.
fn daemon_tolerations(node: &str) -> String {
    format!(
        "{DAEMON_TOLERATIONS}\n    affinity:\n      nodeAffinity:\n        requiredDuringSchedulingIgnoredDuringExecution:\n          nodeSelectorTerms:\n          - matchFields:\n            - key: metadata.name\n              operator: In\n              values:\n              - {node}"
    )
}

/// A DaemonSet's or Deployment's pod template, indented for `spec.template`.
fn template(labels: &str, image: &str, tolerations: bool) -> String {
    let tolerations = if tolerations {
        "\n        tolerations:\n        - operator: Exists"
    } else {
        ""
    };
    format!(
        "    template:\n      metadata:\n        creationTimestamp: null\n        labels:{labels}\n      spec:\n        containers:\n        - image: {image}\n          imagePullPolicy: IfNotPresent\n          name: main\n          ports:\n          - containerPort: 8080\n            protocol: TCP\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n          terminationMessagePath: /dev/termination-log\n          terminationMessagePolicy: File\n        dnsPolicy: ClusterFirst\n        restartPolicy: Always\n        schedulerName: default-scheduler\n        securityContext: {{}}\n        terminationGracePeriodSeconds: 30{tolerations}\n"
    )
}

/// Labels as YAML lines indented by `indent`.
fn label_lines(indent: &str, labels: &[(&str, &str)]) -> String {
    labels
        .iter()
        .map(|(k, v)| format!("\n{indent}{k}: {v}"))
        .collect()
}

/// The state of `nodes` nodes and `pods` pods (DaemonSet pods, Deployment pods
/// and [`PENDING`] pending ones), as one `kind: List`.
pub fn state_yaml(nodes: usize, pods: usize) -> String {
    let workers = nodes - CONTROL_PLANES;
    let deployments = deployments(nodes);
    let daemon_pods = 2 * nodes;
    let replica_pods = pods - daemon_pods - PENDING;
    let mut out = String::with_capacity(pods * 4600 + nodes * 5000);
    out.push_str("apiVersion: v1\nitems:\n");
    for i in 0..nodes {
        node(&mut out, i);
    }
    // The DaemonSets and their pods.
    let daemons = [
        (
            "kube-system",
            "kube-proxy",
            "registry.k8s.io/kube-proxy:v1.31.4",
        ),
        (
            "monitoring",
            "node-exporter",
            "quay.io/prometheus/node-exporter:v1.8.2",
        ),
    ];
    let mut n = 0;
    for (d, (namespace, name, image)) in daemons.iter().enumerate() {
        let ds_uid = uid(10, d);
        let revision = suffix(900 + d);
        let labels = [("k8s-app", *name)];
        let _ = write!(
            out,
            "- apiVersion: apps/v1\n  kind: DaemonSet\n  metadata:\n    annotations:\n      deprecated.daemonset.template.generation: \"1\"\n    creationTimestamp: \"{}\"\n    generation: 1\n    labels:{}\n    name: {name}\n    namespace: {namespace}\n    resourceVersion: \"{}\"\n    uid: {ds_uid}\n  spec:\n    revisionHistoryLimit: 10\n    selector:\n      matchLabels:{}\n{}    updateStrategy:\n      rollingUpdate:\n        maxSurge: 0\n        maxUnavailable: 1\n      type: RollingUpdate\n  status:\n    currentNumberScheduled: {nodes}\n    desiredNumberScheduled: {nodes}\n    numberAvailable: {nodes}\n    numberMisscheduled: 0\n    numberReady: {nodes}\n    observedGeneration: 1\n    updatedNumberScheduled: {nodes}\n",
            before(40_000),
            label_lines("      ", &labels),
            500 + d,
            label_lines("        ", &labels),
            template(&label_lines("          ", &labels), image, true),
        );
        for i in 0..nodes {
            let pod_labels = format!(
                "{}\n      controller-revision-hash: {revision}\n      pod-template-generation: \"1\"",
                label_lines("      ", &labels)
            );
            let owner = format!(
                "\n    ownerReferences:\n    - apiVersion: apps/v1\n      blockOwnerDeletion: true\n      controller: true\n      kind: DaemonSet\n      name: {name}\n      uid: {ds_uid}"
            );
            pod(
                &mut out,
                namespace,
                &format!("{name}-{}", suffix(n)),
                &format!("{name}-"),
                &pod_labels,
                &owner,
                &uid(11, n),
                Some(i),
                image,
                &before(39_000 - i % 1000),
                &daemon_tolerations(&node_name(i)),
                n,
            );
            n += 1;
        }
    }
    // The Deployments, their ReplicaSets and their pods.
    for d in 0..deployments {
        let namespace = team(d);
        let name = format!("app-{d:03}");
        let image = format!("registry.example.com/{name}:1.{}.{}", d % 7, d % 3);
        let replicas = replica_pods / deployments + usize::from(d < replica_pods % deployments);
        let deploy_uid = uid(20, d);
        let app = [("app", name.as_str())];
        let _ = write!(
            out,
            "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    annotations:\n      deployment.kubernetes.io/revision: \"{rev}\"\n    creationTimestamp: \"{created}\"\n    generation: {rev}\n    labels:{l}\n    name: {name}\n    namespace: {namespace}\n    resourceVersion: \"{rv}\"\n    uid: {deploy_uid}\n  spec:\n    progressDeadlineSeconds: 600\n    replicas: {replicas}\n    revisionHistoryLimit: 10\n    selector:\n      matchLabels:{s}\n    strategy:\n      rollingUpdate:\n        maxSurge: 25%\n        maxUnavailable: 25%\n      type: RollingUpdate\n{t}  status:\n    availableReplicas: {replicas}\n    conditions:\n    - lastTransitionTime: \"{created}\"\n      lastUpdateTime: \"{created}\"\n      message: Deployment has minimum availability.\n      reason: MinimumReplicasAvailable\n      status: \"True\"\n      type: Available\n    observedGeneration: {rev}\n    readyReplicas: {replicas}\n    replicas: {replicas}\n    updatedReplicas: {replicas}\n",
            rev = 1 + d % 2,
            created = before(30_000 - d),
            l = label_lines("      ", &app),
            rv = 5000 + d,
            s = label_lines("        ", &app),
            t = template(&label_lines("          ", &app), &image, false),
        );
        // Every other Deployment was rolled once: its first ReplicaSet is at 0.
        let revisions: &[usize] = if d % 2 == 1 { &[0, 1] } else { &[1] };
        for &r in revisions {
            let h = hash(d, r);
            // The old revision ran the image before.
            let image = if r == 0 {
                format!("registry.example.com/{name}:0.9.0")
            } else {
                image.clone()
            };
            let rs_name = format!("{name}-{h}");
            let rs_uid = uid(21 + r as u32, d);
            let count = if r == 1 { replicas } else { 0 };
            let rs_labels = [("app", name.as_str()), ("pod-template-hash", h.as_str())];
            let _ = write!(
                out,
                "- apiVersion: apps/v1\n  kind: ReplicaSet\n  metadata:\n    annotations:\n      deployment.kubernetes.io/desired-replicas: \"{replicas}\"\n      deployment.kubernetes.io/max-replicas: \"{max}\"\n      deployment.kubernetes.io/revision: \"{rev}\"\n    creationTimestamp: \"{created}\"\n    generation: 1\n    labels:{l}\n    name: {rs_name}\n    namespace: {namespace}\n    ownerReferences:\n    - apiVersion: apps/v1\n      blockOwnerDeletion: true\n      controller: true\n      kind: Deployment\n      name: {name}\n      uid: {deploy_uid}\n    resourceVersion: \"{rv}\"\n    uid: {rs_uid}\n  spec:\n    replicas: {count}\n    selector:\n      matchLabels:{s}\n{t}  status:\n    availableReplicas: {count}\n    fullyLabeledReplicas: {count}\n    observedGeneration: 1\n    readyReplicas: {count}\n    replicas: {count}\n",
                max = replicas + replicas.div_ceil(4),
                rev = if r == 0 { 1 } else { 1 + d % 2 },
                created = before(30_000 - d - r * 60),
                l = label_lines("      ", &rs_labels),
                rv = 7000 + d * 2 + r,
                s = label_lines("        ", &rs_labels),
                t = template(&label_lines("          ", &rs_labels), &image, false),
            );
            if count == 0 {
                continue;
            }
            let owner = format!(
                "\n    ownerReferences:\n    - apiVersion: apps/v1\n      blockOwnerDeletion: true\n      controller: true\n      kind: ReplicaSet\n      name: {rs_name}\n      uid: {rs_uid}"
            );
            let pod_labels = label_lines("      ", &rs_labels);
            for k in 0..count {
                // Round robin over the workers, Deployment after Deployment.
                let worker = CONTROL_PLANES + (n - daemon_pods) % workers;
                pod(
                    &mut out,
                    &namespace,
                    &format!("{rs_name}-{}", suffix(k + d * 1000)),
                    &format!("{rs_name}-"),
                    &pod_labels,
                    &owner,
                    &uid(30, n),
                    Some(worker),
                    &image,
                    &before(20_000 - d - k % 600),
                    DEFAULT_TOLERATIONS,
                    n,
                );
                n += 1;
            }
        }
    }
    // Pods still pending, for the scheduler.
    for k in 0..PENDING {
        pod(
            &mut out,
            "default",
            &format!("batch-{k:04}"),
            "",
            "\n      job: batch",
            "",
            &uid(40, k),
            None,
            "busybox:1.36",
            &before(1),
            DEFAULT_TOLERATIONS,
            n,
        );
        n += 1;
    }
    out.push_str("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    // The newest heartbeat is READ_AT (node 0's, zero minutes before).
    debug_assert!(out.contains(READ_AT));
    out
}
