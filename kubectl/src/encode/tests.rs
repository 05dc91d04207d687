//! Whole objects, printed as kubectl prints them. The expected texts follow the
//! shape of upstream's output: keys sorted (unstructured objects), server-set
//! metadata, API defaults (`pkg/apis/core/v1/defaults.go`,
//! `pkg/apis/apps/v1/defaults.go`), admission (`plugin/pkg/admission/serviceaccount`,
//! `priority`, `defaulttolerationseconds`) and the status the components write.
//! Made-up identifiers (UIDs, resource versions) are filled in from the cluster.

use super::*;
use crate::lookup::Lookup;
use crate::resource::ResourceType;
use crate::resource::resolve;
use taintlab_core::{Cluster, TUTORIAL_DAEMONSET};

fn get(cluster: &Cluster, resource: &str, namespace: &str, name: &str) -> Value {
    let r = resolve(resource).unwrap_or_else(|| panic!("resource {resource}"));
    object(cluster, r, namespace, name).unwrap_or_else(|| panic!("{resource} {name}"))
}

/// Replaces `<<key>>` placeholders.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(template.to_string(), |t, (k, v)| {
        t.replace(&format!("<<{k}>>"), v)
    })
}

fn field<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .try_fold(v, |v, k| v.get(*k))
        .and_then(Value::as_str)
        .unwrap_or("")
}

const MASTER_NODE: &str = r#"apiVersion: v1
kind: Node
metadata:
  creationTimestamp: "2026-01-01T00:00:00Z"
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: master
    kubernetes.io/os: linux
    node-role.kubernetes.io/master: ""
  name: master
  resourceVersion: "<<rv>>"
  uid: <<uid>>
spec:
  podCIDR: 10.244.0.0/24
  podCIDRs:
  - 10.244.0.0/24
  taints:
  - effect: NoSchedule
    key: node-role.kubernetes.io/master
status:
  addresses:
  - address: 172.18.0.2
    type: InternalIP
  - address: master
    type: Hostname
  allocatable:
    cpu: "4"
    memory: 8Gi
    pods: "110"
  capacity:
    cpu: "4"
    memory: 8Gi
    pods: "110"
  conditions:
  - lastHeartbeatTime: "2026-01-01T00:00:00Z"
    lastTransitionTime: "2026-01-01T00:00:00Z"
    message: kubelet has sufficient memory available
    reason: KubeletHasSufficientMemory
    status: "False"
    type: MemoryPressure
  - lastHeartbeatTime: "2026-01-01T00:00:00Z"
    lastTransitionTime: "2026-01-01T00:00:00Z"
    message: kubelet has no disk pressure
    reason: KubeletHasNoDiskPressure
    status: "False"
    type: DiskPressure
  - lastHeartbeatTime: "2026-01-01T00:00:00Z"
    lastTransitionTime: "2026-01-01T00:00:00Z"
    message: kubelet has sufficient PID available
    reason: KubeletHasSufficientPID
    status: "False"
    type: PIDPressure
  - lastHeartbeatTime: "2026-01-01T00:00:00Z"
    lastTransitionTime: "2026-01-01T00:00:00Z"
    message: kubelet is posting ready status
    reason: KubeletReady
    status: "True"
    type: Ready
  daemonEndpoints:
    kubeletEndpoint:
      Port: 10250
  features:
    supplementalGroupsPolicy: true
  nodeInfo:
    architecture: amd64
    bootID: <<boot>>
    containerRuntimeVersion: containerd://2.1.1
    kernelVersion: 6.8.0-45-generic
    kubeProxyVersion: ""
    kubeletVersion: v1.36.0
    machineID: <<machine>>
    operatingSystem: linux
    osImage: Debian GNU/Linux 12 (bookworm)
    systemUUID: <<system>>
  runtimeHandlers:
  - features:
      recursiveReadOnlyMounts: true
      userNamespaces: true
    name: ""
  - features:
      recursiveReadOnlyMounts: true
      userNamespaces: true
    name: runc
"#;

#[test]
fn node_as_get_node_o_yaml() {
    let c = Cluster::tutorial();
    let v = get(&c, "no", "", "master");
    let info = |k: &str| field(&v, &["status", "nodeInfo", k]).to_string();
    let want = fill(
        MASTER_NODE,
        &[
            (
                "rv",
                field(&v, &["metadata", "resourceVersion"]).to_string(),
            ),
            ("uid", field(&v, &["metadata", "uid"]).to_string()),
            ("boot", info("bootID")),
            ("machine", info("machineID")),
            ("system", info("systemUUID")),
        ],
    );
    assert_eq!(to_yaml(std::slice::from_ref(&v), false), want);
    assert_eq!(info("machineID").len(), 32);
    // A cordoned node shows `unschedulable: true`; an older kubelet still reports
    // its kube-proxy version (DisableNodeKubeProxyVersion, on from v1.33).
    let mut c = Cluster::tutorial();
    c.apply(
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\nspec:\n  unschedulable: true\n",
    )
    .expect("applies");
    let text = to_yaml(&[get(&c, "node", "", "worker")], false);
    assert!(text.contains("\n  unschedulable: true\n"), "{text}");
    assert!(text.contains("kubectl.kubernetes.io/last-applied-configuration: |\n      {\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"annotations\":{},\"name\":\"worker\"},\"spec\":{\"unschedulable\":true}}\n"), "{text}");
}

const DAEMON_POD: &str = r#"apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2026-01-01T00:00:00Z"
  generateName: redis-ds-
  generation: 1
  labels:
    controller-revision-hash: <<hash>>
    name: redis-ds
    pod-template-generation: "1"
  name: <<name>>
  namespace: default
  ownerReferences:
  - apiVersion: apps/v1
    blockOwnerDeletion: true
    controller: true
    kind: DaemonSet
    name: redis-ds
    uid: <<ds_uid>>
  resourceVersion: "<<rv>>"
  uid: <<uid>>
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields:
          - key: metadata.name
            operator: In
            values:
            - worker
  containers:
  - image: redis:5-alpine
    imagePullPolicy: IfNotPresent
    name: redis
    ports:
    - containerPort: 6379
      protocol: TCP
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: <<token>>
      readOnly: true
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: worker
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
  - effect: NoSchedule
    key: node.kubernetes.io/disk-pressure
    operator: Exists
  - effect: NoSchedule
    key: node.kubernetes.io/memory-pressure
    operator: Exists
  - effect: NoSchedule
    key: node.kubernetes.io/pid-pressure
    operator: Exists
  - effect: NoSchedule
    key: node.kubernetes.io/unschedulable
    operator: Exists
  volumes:
  - name: <<token>>
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
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2026-01-01T00:00:00Z"
    observedGeneration: 1
    status: "True"
    type: PodReadyToStartContainers
  - lastProbeTime: null
    lastTransitionTime: "2026-01-01T00:00:00Z"
    observedGeneration: 1
    status: "True"
    type: Initialized
  - lastProbeTime: null
    lastTransitionTime: "2026-01-01T00:00:03Z"
    observedGeneration: 1
    status: "True"
    type: Ready
  - lastProbeTime: null
    lastTransitionTime: "2026-01-01T00:00:03Z"
    observedGeneration: 1
    status: "True"
    type: ContainersReady
  - lastProbeTime: null
    lastTransitionTime: "2026-01-01T00:00:00Z"
    observedGeneration: 1
    status: "True"
    type: PodScheduled
  containerStatuses:
  - containerID: containerd://<<container>>
    image: docker.io/library/redis:5-alpine
    imageID: docker.io/library/redis@sha256:<<digest>>
    lastState: {}
    name: redis
    ready: true
    resources: {}
    restartCount: 0
    started: true
    state:
      running:
        startedAt: "2026-01-01T00:00:03Z"
    user:
      linux:
        gid: 0
        supplementalGroups:
        - 0
        uid: 0
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: <<token>>
      readOnly: true
      recursiveReadOnly: Disabled
  hostIP: 172.18.0.3
  hostIPs:
  - ip: 172.18.0.3
  observedGeneration: 1
  phase: Running
  podIP: 10.244.1.2
  podIPs:
  - ip: 10.244.1.2
  qosClass: BestEffort
  startTime: "2026-01-01T00:00:00Z"
"#;

#[test]
fn daemon_pod_as_get_pod_o_yaml() {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    c.advance(5);
    let pod = c.pods().next().cloned().expect("a daemon pod");
    let v = get(&c, "pod", "default", &pod.metadata.name);
    let status = &v["status"]["containerStatuses"][0];
    let want = fill(
        DAEMON_POD,
        &[
            (
                "hash",
                pod.metadata.labels["controller-revision-hash"].clone(),
            ),
            ("name", pod.metadata.name.clone()),
            ("uid", pod.metadata.uid.clone()),
            ("rv", pod.metadata.resource_version.to_string()),
            (
                "ds_uid",
                c.daemon_sets()
                    .next()
                    .map(|d| d.metadata.uid.clone())
                    .unwrap_or_default(),
            ),
            (
                "token",
                v["spec"]["volumes"][0]["name"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            ),
            (
                "container",
                field(status, &["containerID"])
                    .trim_start_matches("containerd://")
                    .to_string(),
            ),
            (
                "digest",
                field(status, &["imageID"])
                    .rsplit(':')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            ),
        ],
    );
    assert_eq!(to_yaml(std::slice::from_ref(&v), false), want);
    let token = v["spec"]["volumes"][0]["name"].as_str().unwrap_or("");
    assert!(
        token.starts_with("kube-api-access-") && token.len() == 21,
        "{token}"
    );
    assert_eq!(
        field(status, &["containerID"]).len(),
        "containerd://".len() + 64
    );
}

const DAEMON_SET_JSON: &str = r#"{
    "apiVersion": "apps/v1",
    "kind": "DaemonSet",
    "metadata": {
        "annotations": {
            "deprecated.daemonset.template.generation": "1",
            "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"redis-ds\"},\"name\":\"redis-ds\",\"namespace\":\"default\"},\"spec\":{\"selector\":{\"matchLabels\":{\"name\":\"redis-ds\"}},\"template\":{\"metadata\":{\"labels\":{\"name\":\"redis-ds\"}},\"spec\":{\"containers\":[{\"image\":\"redis:5-alpine\",\"name\":\"redis\",\"ports\":[{\"containerPort\":6379}]}]}}}}\n"
        },
        "creationTimestamp": "2026-01-01T00:00:00Z",
        "generation": 1,
        "labels": {
            "app": "redis-ds"
        },
        "name": "redis-ds",
        "namespace": "default",
        "resourceVersion": "<<rv>>",
        "uid": "<<uid>>"
    },
    "spec": {
        "revisionHistoryLimit": 10,
        "selector": {
            "matchLabels": {
                "name": "redis-ds"
            }
        },
        "template": {
            "metadata": {
                "labels": {
                    "name": "redis-ds"
                }
            },
            "spec": {
                "containers": [
                    {
                        "image": "redis:5-alpine",
                        "imagePullPolicy": "IfNotPresent",
                        "name": "redis",
                        "ports": [
                            {
                                "containerPort": 6379,
                                "protocol": "TCP"
                            }
                        ],
                        "resources": {},
                        "terminationMessagePath": "/dev/termination-log",
                        "terminationMessagePolicy": "File"
                    }
                ],
                "dnsPolicy": "ClusterFirst",
                "restartPolicy": "Always",
                "schedulerName": "default-scheduler",
                "securityContext": {},
                "terminationGracePeriodSeconds": 30
            }
        },
        "updateStrategy": {
            "rollingUpdate": {
                "maxSurge": 0,
                "maxUnavailable": 1
            },
            "type": "RollingUpdate"
        }
    },
    "status": {
        "currentNumberScheduled": 1,
        "desiredNumberScheduled": 1,
        "numberMisscheduled": 0,
        "numberReady": 0,
        "numberUnavailable": 1,
        "observedGeneration": 1,
        "updatedNumberScheduled": 1
    }
}
"#;

#[test]
fn daemon_set_as_get_ds_o_json() {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    let ds = c.daemon_sets().next().cloned().expect("ds");
    let want = fill(
        DAEMON_SET_JSON,
        &[
            ("rv", ds.metadata.resource_version.to_string()),
            ("uid", ds.metadata.uid.clone()),
        ],
    );
    assert_eq!(
        to_json(&[get(&c, "daemonsets.apps", "", "redis-ds")], false),
        want
    );
    // Templates printed `creationTimestamp: null` until v1.34 (PR #130989).
    let mut old = Cluster::from_config("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  image: kindest/node:v1.33.1\n")
        .expect("a 1.33 cluster");
    old.apply(TUTORIAL_DAEMONSET).expect("applies");
    let text = to_yaml(&[get(&old, "ds", "", "redis-ds")], false);
    assert!(
        text.contains("  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n"),
        "{text}"
    );
}

#[test]
fn lists_wrap_as_get_print_generic_wraps() {
    assert_eq!(
        to_yaml(&[], true),
        "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n"
    );
    assert_eq!(
        to_json(&[], true),
        "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n"
    );
    let c = Cluster::tutorial();
    let nodes: Vec<Value> = c.nodes().map(|n| get(&c, "nodes", "", n.name())).collect();
    let text = to_yaml(&nodes, true);
    assert!(
        text.starts_with("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n"),
        "{text}"
    );
    assert!(
        text.ends_with("    name: runc\nkind: List\nmetadata:\n  resourceVersion: \"\"\n"),
        "{text}"
    );
    assert_eq!(to_yaml(&nodes[..1], true).matches("kind: List").count(), 1);
}

#[test]
fn pending_and_bound_pods() {
    let mut c = Cluster::tutorial();
    c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  namespace: default\nspec:\n  nodeSelector: {disk: ssd}\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources: {requests: {cpu: '0.5'}, limits: {memory: 1024Mi}}\n    env:\n    - name: NODE\n      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}\n    readinessProbe: {httpGet: {port: 80}}\n  volumes:\n  - name: scratch\n").expect("applies");
    c.advance(5);
    let text = to_yaml(&[get(&c, "po", "", "big")], false);
    for want in [
        // Unmodelled fields as applied, defaulted.
        "  - env:\n    - name: NODE\n      valueFrom:\n        fieldRef:\n          apiVersion: v1\n          fieldPath: spec.nodeName\n",
        "    readinessProbe:\n      failureThreshold: 3\n      httpGet:\n        path: /\n        port: 80\n        scheme: HTTP\n      periodSeconds: 10\n      successThreshold: 1\n      timeoutSeconds: 1\n",
        // Requests default to limits; quantities print canonically.
        "    resources:\n      limits:\n        memory: 1Gi\n      requests:\n        cpu: 500m\n        memory: 1Gi\n",
        "  volumes:\n  - emptyDir: {}\n    name: scratch\n  - name: kube-api-access-",
        // The scheduler's condition, folded as yaml.v2 folds past column 80.
        "status:\n  conditions:\n  - lastProbeTime: null\n    lastTransitionTime: \"2026-01-01T00:00:00Z\"\n    message: '0/2 nodes are available: 1 node(s) didn''t match Pod''s node affinity/selector,\n      1 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 2 Preemption\n      is not helpful for scheduling.'\n    observedGeneration: 1\n    reason: Unschedulable\n    status: \"False\"\n    type: PodScheduled\n  phase: Pending\n  qosClass: Burstable\n",
        "kubectl.kubernetes.io/last-applied-configuration: |\n      {\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"name\":\"big\",\"namespace\":\"default\"},",
    ] {
        assert!(text.contains(want), "missing:\n{want}\nin:\n{text}");
    }
    // A pod bound by nodeName skips the scheduler: the kubelet's PodScheduled.
    c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: pinned\nspec:\n  nodeName: master\n  containers:\n  - {name: app, image: nginx, resources: {limits: {cpu: 1, memory: 1Gi}}}\n").expect("applies");
    c.advance(5);
    let v = get(&c, "po", "", "pinned");
    assert_eq!(field(&v, &["status", "qosClass"]), "Guaranteed");
    let scheduled = &v["status"]["conditions"][4];
    assert_eq!(field(scheduled, &["type"]), "PodScheduled");
    assert_eq!(
        field(scheduled, &["lastTransitionTime"]),
        "2026-01-01T00:00:05Z"
    );
    assert_eq!(
        v["spec"]["containers"][0]["imagePullPolicy"].as_str(),
        Some("Always")
    );
}

#[test]
fn static_pods_are_mirrored_without_service_account() {
    let mut c = Cluster::tutorial();
    c.write_manifest("master", "etcd.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  priorityClassName: system-node-critical\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command: [etcd, --data-dir=/var/lib/etcd]\n    ports: [{containerPort: 2379, name: client}]\n");
    c.advance(5);
    let v = get(&c, "pod", "kube-system", "etcd-master");
    let text = to_yaml(std::slice::from_ref(&v), false);
    for want in [
        "  containers:\n  - command:\n    - etcd\n    - --data-dir=/var/lib/etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    imagePullPolicy: IfNotPresent\n    name: etcd\n    ports:\n    - containerPort: 2379\n      hostPort: 2379\n      name: client\n      protocol: TCP\n",
        "  priority: 2000001000\n  priorityClassName: system-node-critical\n",
        "  tolerations:\n  - effect: NoExecute\n    operator: Exists\nstatus:\n",
        "  - lastProbeTime: null\n    lastTransitionTime: \"2026-01-01T00:00:00Z\"\n    status: \"True\"\n    type: PodScheduled\n",
        "  podIP: 172.18.0.2\n",
    ] {
        assert!(text.contains(want), "missing:\n{want}\nin:\n{text}");
    }
    assert!(!text.contains("serviceAccount"), "{text}");
    assert!(!text.contains("observedGeneration"), "{text}");
}

#[test]
fn deployment_and_its_replica_set() {
    let mut c = Cluster::tutorial();
    c.apply("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: nginx, image: nginx}\n").expect("applies");
    c.advance(5);
    let d = to_yaml(&[get(&c, "deploy", "", "web")], false);
    let rs_name = c
        .replica_sets()
        .next()
        .map(|r| r.metadata.name.clone())
        .unwrap_or_default();
    for want in [
        "  annotations:\n    deployment.kubernetes.io/revision: \"1\"\n",
        "spec:\n  progressDeadlineSeconds: 600\n  replicas: 2\n  revisionHistoryLimit: 10\n",
        "  strategy:\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%\n    type: RollingUpdate\n",
        "status:\n  availableReplicas: 2\n  conditions:\n  - lastTransitionTime: \"2026-01-01T00:00:03Z\"\n    lastUpdateTime: \"2026-01-01T00:00:03Z\"\n    message: Deployment has minimum availability.\n    reason: MinimumReplicasAvailable\n    status: \"True\"\n    type: Available\n",
        "    reason: NewReplicaSetAvailable\n    status: \"True\"\n    type: Progressing\n  observedGeneration: 1\n  readyReplicas: 2\n  replicas: 2\n  updatedReplicas: 2\n",
    ] {
        assert!(d.contains(want), "missing:\n{want}\nin:\n{d}");
    }
    assert!(
        d.contains(&format!(
            "message: ReplicaSet \"{rs_name}\" has successfully progressed."
        )),
        "{d}"
    );
    let rs = to_yaml(&[get(&c, "rs", "", &rs_name)], false);
    for want in [
        "  annotations:\n    deployment.kubernetes.io/desired-replicas: \"2\"\n    deployment.kubernetes.io/max-replicas: \"3\"\n    deployment.kubernetes.io/revision: \"1\"\n",
        "  ownerReferences:\n  - apiVersion: apps/v1\n    blockOwnerDeletion: true\n    controller: true\n    kind: Deployment\n    name: web\n",
        "status:\n  availableReplicas: 2\n  fullyLabeledReplicas: 2\n  observedGeneration: 1\n  readyReplicas: 2\n  replicas: 2\n",
    ] {
        assert!(rs.contains(want), "missing:\n{want}\nin:\n{rs}");
    }
    assert!(!rs.contains("last-applied"), "{rs}");
    // Its pods take unmodelled fields from the Deployment's template.
    let pod = c
        .pods()
        .next()
        .map(|p| p.metadata.name.clone())
        .unwrap_or_default();
    let v = get(&c, "pod", "", &pod);
    assert_eq!(
        v["metadata"]["ownerReferences"][0]["kind"].as_str(),
        Some("ReplicaSet")
    );
    assert_eq!(
        v["metadata"]["labels"]["pod-template-hash"].as_str(),
        rs_name.strip_prefix("web-")
    );
}

#[test]
fn namespaces_events_and_stored_kinds() {
    let mut c = Cluster::tutorial();
    let ns = to_yaml(&[get(&c, "ns", "", "kube-system")], false);
    assert!(ns.starts_with("apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: \"2026-01-01T00:00:00Z\"\n  labels:\n    kubernetes.io/metadata.name: kube-system\n  name: kube-system\n"), "{ns}");
    assert!(
        ns.ends_with("spec:\n  finalizers:\n  - kubernetes\nstatus:\n  phase: Active\n"),
        "{ns}"
    );
    c.apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels: {app: web}\ndata:\n  mode: \"on\"\n  count: \"3\"\n  script: |\n    echo hi\n    exit 0\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData: {a: b}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n").expect("applies");
    let cm = get(&c, "cm", "", "settings");
    let want = fill(
        "apiVersion: v1\ndata:\n  count: \"3\"\n  mode: \"on\"\n  script: |\n    echo hi\n    exit 0\nkind: ConfigMap\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"apiVersion\":\"v1\",\"data\":{\"count\":\"3\",\"mode\":\"on\",\"script\":\"echo hi\\nexit 0\\n\"},\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"web\"},\"name\":\"settings\",\"namespace\":\"default\"}}\n  creationTimestamp: \"2026-01-01T00:00:00Z\"\n  labels:\n    app: web\n  name: settings\n  namespace: default\n  resourceVersion: \"<<rv>>\"\n  uid: <<uid>>\n",
        &[
            (
                "rv",
                field(&cm, &["metadata", "resourceVersion"]).to_string(),
            ),
            ("uid", field(&cm, &["metadata", "uid"]).to_string()),
        ],
    );
    assert_eq!(to_yaml(&[cm], false), want);
    let secret = get(&c, "secret", "", "token");
    assert_eq!(field(&secret, &["type"]), "Opaque");
    let svc = to_yaml(&[get(&c, "svc", "", "web")], false);
    assert!(
        svc.contains("  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n"),
        "{svc}"
    );
    assert!(
        svc.contains("  sessionAffinity: None\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n"),
        "{svc}"
    );
    assert!(object(&c, resolve("svc").expect("svc"), "", "nope").is_none());

    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    let all = events(&c, Some("default"));
    let starting = all
        .iter()
        .find(|e| field(e, &["reason"]) == "Starting")
        .expect("the kubelet's Starting event");
    let name = field(starting, &["metadata", "name"]).to_string();
    assert!(
        name.starts_with("master.") && name.len() == "master.".len() + 16,
        "{name}"
    );
    let want = fill(
        "apiVersion: v1\ncount: 1\neventTime: null\nfirstTimestamp: \"2026-01-01T00:00:00Z\"\ninvolvedObject:\n  kind: Node\n  name: master\n  uid: master\nkind: Event\nlastTimestamp: \"2026-01-01T00:00:00Z\"\nmessage: Starting kubelet.\nmetadata:\n  creationTimestamp: \"2026-01-01T00:00:00Z\"\n  name: <<name>>\n  namespace: default\n  resourceVersion: \"<<rv>>\"\n  uid: <<uid>>\nreason: Starting\nreportingComponent: kubelet\nreportingInstance: master\nsource:\n  component: kubelet\n  host: master\ntype: Normal\n",
        &[
            ("name", name.clone()),
            (
                "rv",
                field(starting, &["metadata", "resourceVersion"]).to_string(),
            ),
            ("uid", field(starting, &["metadata", "uid"]).to_string()),
        ],
    );
    assert_eq!(to_yaml(&[get(&c, "events", "default", &name)], false), want);
    let scheduled = all
        .iter()
        .find(|e| field(e, &["reason"]) == "Scheduled")
        .expect("the scheduler's event");
    let text = to_yaml(std::slice::from_ref(scheduled), false);
    assert!(text.starts_with("action: Scheduling\napiVersion: v1\neventTime: \"2026-01-01T00:00:00.000000Z\"\nfirstTimestamp: null\ninvolvedObject:\n  apiVersion: v1\n  kind: Pod\n"), "{text}");
    assert!(text.contains("reportingComponent: default-scheduler\nreportingInstance: default-scheduler-master\nsource: {}\ntype: Normal\n"), "{text}");
    let pulled = all
        .iter()
        .find(|e| field(e, &["reason"]) == "Pulling")
        .expect("the kubelet's Pulling event");
    assert_eq!(
        field(pulled, &["involvedObject", "fieldPath"]),
        "spec.containers{redis}"
    );
}

#[test]
fn jsonpath_over_objects() {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    let nodes: Vec<Value> = c.nodes().map(|n| get(&c, "node", "", n.name())).collect();
    assert_eq!(
        jsonpath("{.items[*].metadata.name}", &nodes, true),
        Ok("master worker".into())
    );
    assert_eq!(
        jsonpath("{.spec.taints}", &nodes[..1], false),
        Ok(r#"[{"effect":"NoSchedule","key":"node-role.kubernetes.io/master"}]"#.into())
    );
    assert_eq!(
        jsonpath(
            "{range .items[*]}{.metadata.name}{\"\\t\"}{.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}",
            &nodes,
            true
        ),
        Ok("master\tTrue\nworker\tTrue\n".into())
    );
    assert_eq!(
        jsonpath("{.items[0].metadata.name}", &nodes[..1], true),
        Ok("master".into())
    );
    assert_eq!(
        jsonpath("{.metadata.nope}", &nodes[..1], false),
        Ok(String::new())
    );
    let err = jsonpath("{.items[2]}", &nodes, true).expect_err("out of bounds");
    assert!(err.starts_with("error: error executing jsonpath \"{.items[2]}\": Error executing template: array index out of bounds: index 2, length 2. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[2]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"items\":[]interface {}{map[string]interface {}{\"apiVersion\":\"v1\", \"kind\":\"Node\", "), "{err}");
    assert!(err.ends_with("\"kind\":\"List\", \"metadata\":map[string]interface {}{\"resourceVersion\":\"\"}}\n\n\n"), "{err}");
    let strict = JsonPathOptions {
        allow_missing_keys: false,
        as_json: false,
    };
    let err =
        jsonpath_with("{.metadata.nope}", &nodes[..1], false, strict).expect_err("missing key");
    assert!(
        err.contains("Error executing template: nope is not found. Printing"),
        "{err}"
    );
    assert_eq!(
        jsonpath("{.items[", &nodes, true),
        Err("error: error parsing jsonpath {.items[, unterminated array\n".into())
    );
}

#[test]
fn odd_objects_never_panic() {
    let mut c = Cluster::tutorial();
    c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: odd\n  annotations: {\"a\": \"multi\\nline \", \"b\": \"\\ttab\", \"c\": \"😀\"}\nspec:\n  containers:\n  - name: c\n    image: \"x:y@sha256:00\"\n    resources: {limits: {cpu: 1e3, memory: 0.5Gi}}\n    ports: [{containerPort: 80, hostPort: 8080}]\n  volumes: [{name: v, hostPath: {path: /x}}, {name: s, secret: {secretName: s}}]\n  affinity: {podAntiAffinity: {}}\n").expect("applies");
    c.advance(3);
    let v = get(&c, "pod", "", "odd");
    let text = to_yaml(std::slice::from_ref(&v), false);
    assert!(
        text.contains("    a: \"multi\\nline \"\n    b: \"\\ttab\"\n    c: \"\\U0001F600\"\n"),
        "{text}"
    );
    assert!(
        text.contains("        cpu: 1k\n        memory: 512Mi\n"),
        "{text}"
    );
    assert!(text.contains("  - hostPath:\n      path: /x\n      type: \"\"\n    name: v\n  - name: s\n    secret:\n      defaultMode: 420\n      secretName: s\n"), "{text}");
    assert!(
        text.contains("  affinity:\n    podAntiAffinity: {}\n"),
        "{text}"
    );
    let json = to_json(&[v], false);
    assert!(json.contains("\"c\": \"😀\""), "{json}");
    for template in [
        "{",
        "{.spec.containers[?(@.name=~\"c\")]}",
        "{range .items[*]}{end}{end}",
        "{..}",
    ] {
        let _ = jsonpath(template, &[get(&c, "pod", "", "odd")], false);
    }
}

#[test]
fn creating_and_terminating_pods() {
    let mut c = Cluster::tutorial();
    c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - {name: b, image: nginx}\n  - {name: a, image: busybox}\n").expect("applies");
    let text = to_yaml(&[get(&c, "pod", "", "web")], false);
    for want in [
        "  - lastProbeTime: null\n    lastTransitionTime: \"2026-01-01T00:00:00Z\"\n    message: 'containers with unready status: [b a]'\n    observedGeneration: 1\n    reason: ContainersNotReady\n    status: \"False\"\n    type: Ready\n",
        "    reason: ContainersNotReady\n    status: \"False\"\n    type: ContainersReady\n",
        // Sorted by name (`SortedContainerStatuses`); waiting ones keep the spec's image.
        "  containerStatuses:\n  - image: busybox\n    imageID: \"\"\n    lastState: {}\n    name: a\n    ready: false\n    restartCount: 0\n    started: false\n    state:\n      waiting:\n        reason: ContainerCreating\n    volumeMounts:\n",
        "  - image: nginx\n    imageID: \"\"\n    lastState: {}\n    name: b\n",
        "  phase: Pending\n",
    ] {
        assert!(text.contains(want), "missing:\n{want}\nin:\n{text}");
    }
    // A pod on a node whose kubelet is down stays Terminating, a generation later.
    c.advance(5);
    c.stop_kubelet("worker");
    assert!(c.delete_pod("default", "web"));
    let v = get(&c, "pod", "", "web");
    assert_eq!(v["metadata"]["generation"].as_i64(), Some(2));
    assert_eq!(
        v["metadata"]["deletionGracePeriodSeconds"].as_i64(),
        Some(30)
    );
    assert_eq!(
        v["metadata"]["deletionTimestamp"].as_str(),
        Some("2026-01-01T00:00:05Z")
    );
    // -o jsonpath-as-json prints each result set as an indented array.
    let as_json = JsonPathOptions {
        allow_missing_keys: true,
        as_json: true,
    };
    let out = jsonpath_with(
        "{.spec.containers[*].name}",
        &[get(&c, "pod", "", "web")],
        false,
        as_json,
    );
    assert_eq!(out, Ok("[\n    \"b\",\n    \"a\"\n]\n".into()));
}

/// A cluster with objects of every kind taintlab encodes, in many states: pods
/// with every optional field, owned pods, a static pod, a pending, a rejected
/// and a terminating pod, and strings YAML must quote or escape.
fn zoo() -> Cluster {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    c.apply(
        r##"apiVersion: v1
kind: Pod
metadata:
  name: full
  labels: {app: full, "yes": "no", "1": "0x1F", "a.b/c": "1e3", tier: "08", Tier: "True"}
  annotations:
    multi: "line one\nline two\n"
    tabs: "\ttab"
    html: "<a href='x'>&amp;</a>"
    emoji: "😀"
    blank: ""
    lead: "  lead"
    trail: "trail "
    time: "2026-01-01T00:00:05Z"
    colon: "a: b"
    hash: "#x"
    dash: "- a"
    float: "1.5"
    long: "0/2 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available."
  finalizers: [example.com/keep]
spec:
  priorityClassName: system-cluster-critical
  hostNetwork: true
  nodeSelector: {kubernetes.io/os: linux}
  tolerations:
  - {key: k, operator: Equal, value: v, effect: NoSchedule}
  - {operator: Exists, effect: NoExecute, tolerationSeconds: 30}
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions: [{key: kubernetes.io/os, operator: In, values: [linux]}]
          matchFields: [{key: metadata.name, operator: NotIn, values: [nowhere]}]
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 5
        preference:
          matchExpressions: [{key: disk, operator: Exists}]
    podAntiAffinity: {}
  initContainers:
  - name: init
    image: busybox@sha256:00
    command: [sh, -c, "echo 'hi' && exit 0"]
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80, name: http}, {containerPort: 53, protocol: UDP, hostPort: 5353}]
    resources: {limits: {cpu: "1.5", memory: 1024Mi, ephemeral-storage: 1Gi}, requests: {cpu: 0.5}}
    env:
    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: ODD, value: "null"}
    - {name: NUM, value: "08"}
    livenessProbe: {httpGet: {port: 80}, initialDelaySeconds: 3}
    readinessProbe: {tcpSocket: {port: 80}}
    startupProbe: {exec: {command: [true]}}
    lifecycle: {preStop: {httpGet: {port: 8080, path: /stop}}}
    volumeMounts:
    - {name: data, mountPath: /data, readOnly: true, recursiveReadOnly: IfPossible}
    - {name: conf, mountPath: /conf, readOnly: true}
    - {name: cache, mountPath: /cache}
  - name: side
    image: registry.k8s.io/pause:3.10
    securityContext: {runAsUser: 1000, runAsNonRoot: true, capabilities: null}
    resources: {limits: {cpu: 0.25, memory: 1e9}}
  volumes:
  - {name: data, hostPath: {path: /srv}}
  - {name: conf, configMap: {name: conf}}
  - {name: cache}
  - {name: s, secret: {secretName: s}}
---
apiVersion: v1
kind: Pod
metadata: {name: quiet, namespace: kube-system}
spec:
  automountServiceAccountToken: false
  containers: [{name: c, image: "localhost:5000/app"}]
---
apiVersion: v1
kind: Pod
metadata: {name: stuck}
spec:
  nodeSelector: {disk: ssd}
  containers: [{name: app, image: nginx, resources: {limits: {cpu: 1, memory: 1Gi}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec:
  nodeName: master
  containers: [{name: b, image: nginx}, {name: a, image: bitnami/redis}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: job, image: busybox}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: conf}
data: {key: "value: with colon", "yes": "true"}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
"##,
    )
    .expect("applies");
    c.write_manifest("master", "etcd.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  priorityClassName: system-node-critical\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command: [etcd, --data-dir=/var/lib/etcd]\n    ports: [{containerPort: 2379, name: client}]\n");
    c.advance(5);
    // A pod that stays Terminating, a generation later.
    c.stop_kubelet("worker");
    c.delete_pod("default", "pinned");
    c.advance(2);
    c
}

/// Every object of `c`, as `(resource, namespace, name)`.
fn every_object(c: &Cluster) -> Vec<(&'static ResourceType, String, String)> {
    let r = |word: &str| resolve(word).unwrap_or_else(|| panic!("resource {word}"));
    let mut all = Vec::new();
    for p in c.pods() {
        all.push((
            r("pod"),
            p.metadata.namespace.clone(),
            p.metadata.name.clone(),
        ));
    }
    for n in c.nodes() {
        all.push((r("node"), String::new(), n.metadata.name.clone()));
    }
    for n in c.namespaces() {
        all.push((r("namespace"), String::new(), n.clone()));
    }
    for d in c.daemon_sets() {
        all.push((
            r("ds"),
            d.metadata.namespace.clone(),
            d.metadata.name.clone(),
        ));
    }
    for d in c.deployments() {
        all.push((
            r("deploy"),
            d.metadata.namespace.clone(),
            d.metadata.name.clone(),
        ));
    }
    for rs in c.replica_sets() {
        all.push((
            r("rs"),
            rs.metadata.namespace.clone(),
            rs.metadata.name.clone(),
        ));
    }
    for e in c.events().all() {
        all.push((r("event"), event_namespace(e).to_string(), event_name(e)));
    }
    for o in c.other_objects() {
        all.push((
            r(&o.kind),
            o.metadata.namespace.clone(),
            o.metadata.name.clone(),
        ));
    }
    all
}

#[test]
fn objects_written_directly_are_their_values_printed() {
    let c = zoo();
    let lookup = Lookup::new(&c);
    let objects = every_object(&c);
    let kinds: std::collections::BTreeSet<&str> = objects.iter().map(|(r, ..)| r.kind).collect();
    for kind in [
        "Pod",
        "Node",
        "Namespace",
        "DaemonSet",
        "Deployment",
        "ReplicaSet",
        "Event",
        "StatefulSet",
        "Job",
        "ConfigMap",
        "Service",
    ] {
        assert!(kinds.contains(kind), "no {kind} in {kinds:?}");
    }
    let mut values = Vec::new();
    for (r, ns, name) in &objects {
        let value =
            object_in(&lookup, r, ns, name).unwrap_or_else(|| panic!("{} {ns}/{name}", r.kind));
        let node = || object_node_in(&lookup, r, ns, name).into_iter();
        assert_eq!(
            nodes_json(node(), false),
            to_json(std::slice::from_ref(&value), false),
            "{} {ns}/{name}",
            r.kind
        );
        assert_eq!(
            nodes_yaml(node(), false),
            to_yaml(std::slice::from_ref(&value), false),
            "{} {ns}/{name}",
            r.kind
        );
        values.push(value);
    }
    // And as a listing, as `kubectl get` writes several objects.
    let nodes = || {
        objects
            .iter()
            .filter_map(|(r, ns, name)| object_node_in(&lookup, r, ns, name))
    };
    assert_eq!(nodes_json(nodes(), true), to_json(&values, true));
    assert_eq!(nodes_yaml(nodes(), true), to_yaml(&values, true));
    // The pods' odd strings reached the printers.
    let yaml = to_yaml(&values, true);
    for want in [
        "      multi: |\n        line one\n        line two\n",
        "      \"yes\": \"no\"\n",
        "      colon: 'a: b'\n",
        "      a.b/c: \"1e3\"\n",
        "      html: <a href='x'>&amp;</a>\n",
        "        runAsUser: 1000\n",
    ] {
        assert!(
            yaml.contains(want),
            "missing:\n{want}\nin:\n{}",
            &yaml[..yaml.len().min(3000)]
        );
    }
    let json = to_json(&values, true);
    assert!(
        json.contains("\"html\": \"\\u003ca href='x'\\u003e\\u0026amp;\\u003c/a\\u003e\""),
        "html escaped"
    );
}
