//! Inputs built from random bytes with the `arbitrary` crate: Kubernetes objects
//! as YAML or JSON, terminal scripts, kind configs, node lists and whole sessions.
//! They follow the shapes the engine reads, mostly right and sometimes wrong (a
//! number where a string goes, an unknown field, an odd name), so that the
//! inputs reach past the parser into validation, scheduling, the controllers,
//! the shells and replay.
//!
//! Generated numbers stay below the known, already-reported blow-ups (see
//! [`crate::targets::known_shape`]): replicas at most 50, clock steps at most ten
//! minutes and 20 in a row.

use arbitrary::{Result, Unstructured};
use serde_yaml::{Mapping, Value};
use taintlab_core::actions::NodeAction;
use taintlab_core::api::TaintEffect;
use taintlab_core::session::{Input, STARTS, Session};

#[rustfmt::skip]
const NAMES: &[&str] = &[
    "web", "redis-ds", "x", "a.b", "a-b", "-bad", "Bad", "worker", "master", "kube-system",
    "default", "nginx", "w1", "node-1", "cp-2", "a/b", "a b", "", "中文",
    "a1234567890123456789012345678901234567890123456789012345678901234",
];
#[rustfmt::skip]
const LABEL_KEYS: &[&str] = &[
    "app", "tier", "zone", "kubernetes.io/hostname", "node-role.kubernetes.io/master",
    "node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/worker",
    "topology.kubernetes.io/zone", "disktype", "example.com/x", "a/b/c", "", "-x", "x.",
];
const LABEL_VALUES: &[&str] = &["web", "a", "b", "", "ssd", "true", "1", "-", "x_y", "ü"];
#[rustfmt::skip]
const TAINT_KEYS: &[&str] = &[
    "node-role.kubernetes.io/master", "node-role.kubernetes.io/control-plane",
    "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable",
    "node.kubernetes.io/unschedulable", "node.kubernetes.io/memory-pressure", "key", "k",
    "dedicated", "example.com/gpu", "", "bad key",
];
const EFFECTS: &[&str] = &[
    "NoSchedule",
    "PreferNoSchedule",
    "NoExecute",
    "",
    "NoScheduled",
];
#[rustfmt::skip]
const OPERATORS: &[&str] = &[
    "Exists", "Equal", "In", "NotIn", "Gt", "Lt", "DoesNotExist", "",
];
const IMAGES: &[&str] = &[
    "nginx",
    "nginx:alpine",
    "redis",
    "busybox:1.36",
    "",
    "a@sha256:x",
];
#[rustfmt::skip]
const QUANTITIES: &[&str] = &[
    "100m", "1", "0", "250m", "1Gi", "512Mi", "2", "0.5", "1k", "1e3", "1E", "1Ki", "-1", "1.5Gi",
    "m", "", "10n", "3u", "999999", "0.001", "1Mi", "64Ki", "2000m", "1.",
];
const KINDS: &[(&str, &str)] = &[
    ("v1", "Pod"),
    ("v1", "Node"),
    ("apps/v1", "DaemonSet"),
    ("apps/v1", "Deployment"),
    ("apps/v1", "ReplicaSet"),
    ("v1", "Namespace"),
    ("v1", "List"),
    ("v1", "Service"),
    ("v1", "ConfigMap"),
    ("extensions/v1beta1", "DaemonSet"),
    ("v2", "Pod"),
    ("apps/v1", "StatefulSet"),
    ("scheduling.k8s.io/v1", "PriorityClass"),
    ("policy/v1", "PodDisruptionBudget"),
];

fn pick<'a>(u: &mut Unstructured, items: &'a [&'a str]) -> Result<&'a str> {
    u.choose(items).copied()
}

/// A short string: mostly from `items`, sometimes anything at all.
fn text(u: &mut Unstructured, items: &[&str]) -> Result<String> {
    if u.ratio(1, 12)? {
        let s: String = u.arbitrary()?;
        Ok(s.chars().take(40).collect())
    } else {
        Ok(u.choose(items)?.to_string())
    }
}

/// A scalar of any type, for a field that is given the wrong one.
fn wrong(u: &mut Unstructured) -> Result<Value> {
    Ok(match u.int_in_range(0..=6)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(u.int_in_range(-1000i64..=1000)?),
        3 => Value::from(f64::from(u.int_in_range(-100i32..=100)?) / 7.0),
        4 => Value::Sequence(Vec::new()),
        5 => Value::Mapping(Mapping::new()),
        _ => Value::from(text(u, NAMES)?),
    })
}

fn string(u: &mut Unstructured, items: &[&str]) -> Result<Value> {
    if u.ratio(1, 25)? {
        wrong(u)
    } else {
        Ok(Value::from(text(u, items)?))
    }
}

fn number(u: &mut Unstructured, max: i64) -> Result<Value> {
    if u.ratio(1, 25)? {
        wrong(u)
    } else {
        Ok(Value::from(u.int_in_range(-2..=max)?))
    }
}

struct Map<'u, 'a> {
    u: &'u mut Unstructured<'a>,
    map: Mapping,
}

impl<'u, 'a> Map<'u, 'a> {
    fn new(u: &'u mut Unstructured<'a>) -> Self {
        Map {
            u,
            map: Mapping::new(),
        }
    }

    /// Sets `key` (usually: some keys are left out at random).
    fn set(
        &mut self,
        key: &str,
        value: impl FnOnce(&mut Unstructured<'a>) -> Result<Value>,
    ) -> Result<()> {
        if self.u.ratio(2, 3)? {
            let v = value(self.u)?;
            self.map.insert(Value::from(key), v);
        }
        Ok(())
    }

    /// Sometimes adds a key the schema does not know.
    fn done(mut self) -> Result<Value> {
        if self.u.ratio(1, 30)? {
            let key = text(self.u, &["bogus", "spec", "x-y", "metadata"])?;
            let v = wrong(self.u)?;
            self.map.insert(Value::from(key), v);
        }
        Ok(Value::Mapping(self.map))
    }
}

fn list(
    u: &mut Unstructured,
    max: usize,
    item: impl Fn(&mut Unstructured) -> Result<Value>,
) -> Result<Value> {
    let n = u.int_in_range(0..=max)?;
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        items.push(item(u)?);
    }
    Ok(Value::Sequence(items))
}

fn string_map(u: &mut Unstructured, keys: &[&str], values: &[&str]) -> Result<Value> {
    let mut map = Mapping::new();
    for _ in 0..u.int_in_range(0..=3)? {
        let k = text(u, keys)?;
        let v = string(u, values)?;
        map.insert(Value::from(k), v);
    }
    Ok(Value::Mapping(map))
}

fn metadata(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("name", |u| string(u, NAMES))?;
    m.set("namespace", |u| {
        string(u, &["default", "kube-system", "other", ""])
    })?;
    m.set("labels", |u| string_map(u, LABEL_KEYS, LABEL_VALUES))?;
    if m.u.ratio(1, 6)? {
        m.set("annotations", |u| string_map(u, LABEL_KEYS, LABEL_VALUES))?;
    }
    if m.u.ratio(1, 10)? {
        m.set("generateName", |u| string(u, &["web-", "x"]))?;
    }
    m.done()
}

fn taint(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("key", |u| string(u, TAINT_KEYS))?;
    m.set("value", |u| string(u, LABEL_VALUES))?;
    m.set("effect", |u| string(u, EFFECTS))?;
    m.done()
}

fn toleration(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("key", |u| string(u, TAINT_KEYS))?;
    m.set("operator", |u| string(u, OPERATORS))?;
    m.set("value", |u| string(u, LABEL_VALUES))?;
    m.set("effect", |u| string(u, EFFECTS))?;
    if m.u.ratio(1, 3)? {
        m.set("tolerationSeconds", |u| number(u, 600))?;
    }
    m.done()
}

fn requirement(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("key", |u| string(u, LABEL_KEYS))?;
    m.set("operator", |u| string(u, OPERATORS))?;
    m.set("values", |u| list(u, 3, |u| string(u, LABEL_VALUES)))?;
    m.done()
}

fn node_selector_term(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("matchExpressions", |u| list(u, 2, requirement))?;
    if m.u.ratio(1, 4)? {
        m.set("matchFields", |u| list(u, 1, requirement))?;
    }
    m.done()
}

fn affinity(u: &mut Unstructured) -> Result<Value> {
    let mut node = Map::new(u);
    node.set("requiredDuringSchedulingIgnoredDuringExecution", |u| {
        let mut m = Map::new(u);
        m.set("nodeSelectorTerms", |u| list(u, 2, node_selector_term))?;
        m.done()
    })?;
    node.set("preferredDuringSchedulingIgnoredDuringExecution", |u| {
        list(u, 2, |u| {
            let mut m = Map::new(u);
            m.set("weight", |u| number(u, 101))?;
            m.set("preference", node_selector_term)?;
            m.done()
        })
    })?;
    let node = node.done()?;
    let mut m = Map::new(u);
    m.set("nodeAffinity", |_| Ok(node))?;
    m.done()
}

fn resources(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    for key in ["requests", "limits"] {
        m.set(key, |u| {
            string_map(
                u,
                &[
                    "cpu",
                    "memory",
                    "ephemeral-storage",
                    "pods",
                    "nvidia.com/gpu",
                ],
                QUANTITIES,
            )
        })?;
    }
    m.done()
}

fn container(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("name", |u| string(u, NAMES))?;
    m.set("image", |u| string(u, IMAGES))?;
    m.set("resources", resources)?;
    if m.u.ratio(1, 3)? {
        m.set("ports", |u| {
            list(u, 2, |u| {
                let mut p = Map::new(u);
                p.set("containerPort", |u| number(u, 70000))?;
                p.set("hostPort", |u| number(u, 70000))?;
                p.set("protocol", |u| string(u, &["TCP", "UDP", "SCTP", "tcp"]))?;
                p.done()
            })
        })?;
    }
    if m.u.ratio(1, 8)? {
        m.set("securityContext", |u| {
            let mut s = Map::new(u);
            s.set("privileged", |u| Ok(Value::Bool(u.arbitrary()?)))?;
            s.done()
        })?;
    }
    m.done()
}

fn pod_spec(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("containers", |u| list(u, 2, container))?;
    m.set("tolerations", |u| list(u, 3, toleration))?;
    if m.u.ratio(1, 3)? {
        m.set("nodeSelector", |u| string_map(u, LABEL_KEYS, LABEL_VALUES))?;
    }
    if m.u.ratio(1, 3)? {
        m.set("affinity", affinity)?;
    }
    if m.u.ratio(1, 5)? {
        m.set("nodeName", |u| string(u, NAMES))?;
    }
    if m.u.ratio(1, 8)? {
        m.set("hostNetwork", |u| Ok(Value::Bool(u.arbitrary()?)))?;
        m.set("priority", |u| number(u, 2_000_000_000))?;
        m.set("schedulerName", |u| {
            string(u, &["default-scheduler", "other"])
        })?;
        m.set("initContainers", |u| list(u, 1, container))?;
        m.set("volumes", |u| {
            list(u, 1, |u| {
                let mut v = Map::new(u);
                v.set("name", |u| string(u, NAMES))?;
                v.set("hostPath", |u| {
                    let mut h = Map::new(u);
                    h.set("path", |u| {
                        string(u, &["/", "/etc", "/var/run/docker.sock"])
                    })?;
                    h.done()
                })?;
                v.done()
            })
        })?;
    }
    m.done()
}

fn template(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("metadata", metadata)?;
    m.set("spec", pod_spec)?;
    m.done()
}

fn selector(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("matchLabels", |u| string_map(u, LABEL_KEYS, LABEL_VALUES))?;
    if m.u.ratio(1, 5)? {
        m.set("matchExpressions", |u| list(u, 2, requirement))?;
    }
    m.done()
}

fn node_spec(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    m.set("taints", |u| list(u, 3, taint))?;
    if m.u.ratio(1, 4)? {
        m.set("unschedulable", |u| Ok(Value::Bool(u.arbitrary()?)))?;
    }
    m.done()
}

fn node_status(u: &mut Unstructured) -> Result<Value> {
    let mut m = Map::new(u);
    for key in ["capacity", "allocatable"] {
        m.set(key, |u| {
            string_map(u, &["cpu", "memory", "pods"], QUANTITIES)
        })?;
    }
    m.set("conditions", |u| {
        list(u, 2, |u| {
            let mut c = Map::new(u);
            c.set("type", |u| {
                string(u, &["Ready", "MemoryPressure", "DiskPressure"])
            })?;
            c.set("status", |u| string(u, &["True", "False", "Unknown"]))?;
            c.done()
        })
    })?;
    m.set("nodeInfo", |u| {
        let mut i = Map::new(u);
        i.set("kubeletVersion", |u| {
            string(
                u,
                &[
                    "v1.30.0", "v1.24.7", "v1.35.1", "v1.99.0", "v2.0.0", "1.30", "v1.", "",
                ],
            )
        })?;
        i.done()
    })?;
    m.done()
}

/// One Kubernetes object.
pub fn object(u: &mut Unstructured, depth: usize) -> Result<Value> {
    let (api_version, kind) = *u.choose(KINDS)?;
    let mut m = Map::new(u);
    m.set("apiVersion", |u| string(u, &[api_version]))?;
    m.set("kind", |u| string(u, &[kind]))?;
    m.set("metadata", metadata)?;
    match kind {
        "Pod" => m.set("spec", pod_spec)?,
        "Node" => {
            m.set("spec", node_spec)?;
            if m.u.ratio(1, 3)? {
                m.set("status", node_status)?;
            }
        }
        "DaemonSet" | "Deployment" | "ReplicaSet" | "StatefulSet" => m.set("spec", |u| {
            let mut s = Map::new(u);
            s.set("selector", selector)?;
            s.set("template", template)?;
            if kind != "DaemonSet" {
                s.set("replicas", |u| number(u, 50))?;
            }
            if s.u.ratio(1, 4)? {
                s.set(
                    if kind == "Deployment" {
                        "strategy"
                    } else {
                        "updateStrategy"
                    },
                    |u| {
                        let mut st = Map::new(u);
                        st.set("type", |u| {
                            string(u, &["RollingUpdate", "OnDelete", "Recreate"])
                        })?;
                        st.set("rollingUpdate", |u| {
                            let mut r = Map::new(u);
                            r.set("maxUnavailable", |u| {
                                string(u, &["1", "25%", "0", "101%", "x"])
                            })?;
                            r.set("maxSurge", |u| string(u, &["1", "25%", "0"]))?;
                            r.done()
                        })?;
                        st.done()
                    },
                )?;
            }
            s.done()
        })?,
        "PriorityClass" => {
            m.set("value", |u| number(u, 2_000_001_000))?;
            m.set("globalDefault", |u| Ok(Value::from(u.ratio(1, 3)?)))?;
            m.set("preemptionPolicy", |u| {
                string(u, &["Never", "PreemptLowerPriority", "", "Sometimes"])
            })?;
        }
        "PodDisruptionBudget" => m.set("spec", |u| {
            let mut s = Map::new(u);
            s.set("selector", selector)?;
            // An int or a percentage (`intstr.IntOrString`), sometimes both set.
            let int_or_percent = |u: &mut Unstructured| {
                if u.ratio(1, 2)? {
                    number(u, 5)
                } else {
                    string(u, &["50%", "0%", "100%", "101%", "x", "1.5%"])
                }
            };
            if s.u.ratio(2, 3)? {
                s.set("minAvailable", int_or_percent)?;
            }
            if s.u.ratio(1, 2)? {
                s.set("maxUnavailable", int_or_percent)?;
            }
            s.set("unhealthyPodEvictionPolicy", |u| {
                string(u, &["AlwaysAllow", "IfHealthyBudget", "Nope"])
            })?;
            s.done()
        })?,
        "List" if depth < 2 => m.set("items", |u| list(u, 3, |u| object(u, depth + 1)))?,
        _ => m.set("data", |u| string_map(u, NAMES, NAMES))?,
    }
    m.done()
}

/// Objects as one text: YAML documents separated by `---`, or JSON.
pub fn manifest(u: &mut Unstructured) -> Result<String> {
    let n = u.int_in_range(1..=3)?;
    let mut docs = Vec::with_capacity(n);
    for _ in 0..n {
        docs.push(object(u, 0)?);
    }
    if u.ratio(1, 4)? {
        // JSON: one object, or a List of them.
        let value = if docs.len() == 1 {
            docs.remove(0)
        } else {
            let mut list = Mapping::new();
            list.insert("apiVersion".into(), "v1".into());
            list.insert("kind".into(), "List".into());
            list.insert("items".into(), Value::Sequence(docs));
            Value::Mapping(list)
        };
        let mut out = String::new();
        json(&value, &mut out);
        out.push('\n');
        return Ok(out);
    }
    let mut out = String::new();
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 || u.ratio(1, 5)? {
            out.push_str("---\n");
        }
        out.push_str(&serde_yaml::to_string(doc).unwrap_or_default());
    }
    Ok(out)
}

/// `value` as JSON (the decoder reads JSON as the YAML it is).
fn json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&format!("{s:?}")),
        Value::Sequence(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json(item, out);
            }
            out.push(']');
        }
        Value::Mapping(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json(k, out);
                out.push(':');
                json(v, out);
            }
            out.push('}');
        }
        Value::Tagged(tagged) => json(&tagged.value, out),
    }
}

#[rustfmt::skip]
const COMMANDS: &[&str] = &[
    "kubectl", "kubectl", "kubectl", "k", "ssh", "docker", "sleep", "ls", "cat", "rm", "mv", "cp",
    "mkdir", "rmdir", "touch", "echo", "cd", "pwd", "systemctl", "crictl", "grep", "head", "tail",
    "wc", "hostname", "whoami", "exit", "clear", "help", "history", "journalctl", "frob",
];
#[rustfmt::skip]
const KUBECTL: &[&str] = &[
    "get", "describe", "apply", "create", "delete", "taint", "label", "annotate", "cordon",
    "uncordon", "drain", "rollout", "scale", "explain", "run", "edit", "patch", "set", "version",
    "cluster-info", "api-resources", "top", "logs", "expose", "wait",
];
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "pods", "po", "nodes", "no", "node", "ds", "daemonset", "deploy", "deployment", "rs",
    "replicaset", "ns", "namespaces", "events", "all", "svc", "pod/web", "ds/redis-ds",
    "deployment/web", "node/worker", "worker", "master", "web", "redis-ds", "kube-system", "-n",
    "-A", "-o", "yaml", "json", "wide", "name", "jsonpath={.items[*].metadata.name}",
    "jsonpath={.spec.taints}", "custom-columns=N:.metadata.name", "-f", "-", "--all", "-l",
    "app=web", "-w", "--show-labels", "--overwrite", "--force", "--ignore-daemonsets",
    "--delete-emptydir-data", "--grace-period=0", "--replicas=3", "--replicas=0", "--image=nginx",
    "--port=80", "--dry-run=client", "status", "history", "undo", "restart", "--to-revision=1",
    "key=value:NoSchedule", "key:NoSchedule-", "node-role.kubernetes.io/master:NoSchedule-",
    "node-role.kubernetes.io/control-plane:NoSchedule-", "k=v:NoExecute", "dedicated-", "a=b", "a-",
    "image", "web=nginx:1.2", "-p", "{\"spec\":{\"unschedulable\":true}}", "--type=merge",
    "pod.spec.tolerations", "--recursive", "-h", "--help", "--bogus", "stop", "start", "restart",
    "is-active", "kubelet", "containerd", "ps", "-a", "images", "inspect", "logs", "-u", "-la",
    "-r", "-rf", "-c", "-v", "-i", "-F", "-n", "2", "-1", "/", "/etc", "/etc/kubernetes",
    "/etc/kubernetes/manifests", "/etc/kubernetes/manifests/web.yaml", "manifests", "web.yaml",
    "redis-ds.yaml", "pod.yaml", "~", "~/x", ".", "/tmp", "*", "*.yaml", "x", "0", "5", "1m", "30s",
    "soon", "'quoted word'", "\"double quoted\"", "'", "\"", "\\", "#", "é", "$HOME", "-e", "-N",
    "-n 3", "-c 5", "-A 1", "-B 2", "-C 1", "-m 1", "--tail=5", "--timeout=30s", "--timeout=0",
    "--grace-period=1", "--since=1h", "--limit=2", "--max-count=1", "-w 80", "--revision=2",
    "--to-revision=0", "--current-replicas=2", "--chunk-size=1",
];

fn word(u: &mut Unstructured) -> Result<String> {
    text(u, WORDS)
}

/// One command line with its here-document body, if it opens one.
pub fn line(u: &mut Unstructured, node: bool) -> Result<(String, Option<String>)> {
    let mut words = vec![pick(u, COMMANDS)?.to_string()];
    match words[0].as_str() {
        "kubectl" | "k" => words.push(pick(u, KUBECTL)?.to_string()),
        "ssh" if !node => {
            words.push(pick(u, &["worker", "master", "nowhere", "root@worker"])?.into())
        }
        "docker" => {
            words.extend(["exec", "-it", pick(u, &["worker", "master"])?, "bash"].map(String::from))
        }
        "sleep" => words.push(pick(u, &["1", "5", "30", "1m", "5m", "0.5", "1h", "x", ""])?.into()),
        _ => {}
    }
    for _ in 0..u.int_in_range(0..=4)? {
        words.push(word(u)?);
    }
    let mut line = words.join(" ");
    // Pipes and lists.
    if u.ratio(1, 6)? {
        let filter = pick(
            u,
            &[
                "grep web",
                "grep -c a",
                "grep -v x",
                "head -n 2",
                "tail -n 1",
                "wc -l",
                "grep",
            ],
        )?;
        line.push_str(" | ");
        line.push_str(filter);
    }
    if u.ratio(1, 8)? {
        let op = pick(u, &[" && ", " || ", "; "])?;
        let (more, _) = line_without_heredoc(u, node)?;
        line.push_str(op);
        line.push_str(&more);
    }
    if u.ratio(1, 10)? {
        line.push_str(pick(
            u,
            &[
                " > out.txt",
                " >> out.txt",
                " 2>&1",
                " > /etc/kubernetes/manifests/w.yaml",
            ],
        )?);
    }
    // Here-documents: YAML to apply, or a file to write.
    if u.ratio(1, 5)? {
        let (opener, delimiter) = *u.choose(&[
            ("kubectl apply -f - <<EOF", "EOF"),
            ("cat > pod.yaml <<EOF", "EOF"),
            ("cat > /etc/kubernetes/manifests/web.yaml <<'END'", "END"),
            ("cat <<-EOF > x.yaml", "EOF"),
            ("kubectl create -f - << EOF", "EOF"),
            ("cat >> out.txt <<EOF", "EOF"),
        ])?;
        let _ = delimiter;
        return Ok((opener.to_string(), Some(manifest(u)?)));
    }
    Ok((line, None))
}

fn line_without_heredoc(u: &mut Unstructured, node: bool) -> Result<(String, Option<String>)> {
    let mut words = vec![pick(u, COMMANDS)?.to_string()];
    if words[0] == "kubectl" {
        words.push(pick(u, KUBECTL)?.to_string());
    }
    for _ in 0..u.int_in_range(0..=3)? {
        words.push(word(u)?);
    }
    let _ = node;
    Ok((words.join(" "), None))
}

/// A script: lines and here-documents as typed (each body followed by its delimiter).
pub fn script(u: &mut Unstructured, node: bool) -> Result<String> {
    let mut out = String::new();
    for _ in 0..u.int_in_range(1..=8)? {
        let (line, body) = line(u, node)?;
        out.push_str(&line);
        out.push('\n');
        if let Some(body) = body {
            let delimiter = if line.contains("END") { "END" } else { "EOF" };
            out.push_str(&body);
            if !body.ends_with('\n') {
                out.push('\n');
            }
            if !u.ratio(1, 10)? {
                out.push_str(delimiter);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// A kind cluster config.
pub fn kind_config(u: &mut Unstructured) -> Result<String> {
    let mut m = Map::new(u);
    m.set("kind", |u| string(u, &["Cluster"]))?;
    m.set("apiVersion", |u| {
        string(u, &["kind.x-k8s.io/v1alpha4", "kind.x-k8s.io/v1alpha3"])
    })?;
    m.set("name", |u| string(u, &["kind", "dev", "", "a b", "x"]))?;
    m.set("featureGates", |u| {
        let mut g = Mapping::new();
        for _ in 0..u.int_in_range(0..=2)? {
            let k = text(u, &["TaintTolerationComparisonOperators", "X", ""])?;
            let v = if u.ratio(1, 8)? {
                wrong(u)?
            } else {
                Value::Bool(u.arbitrary()?)
            };
            g.insert(k.into(), v);
        }
        Ok(Value::Mapping(g))
    })?;
    m.set("kubeadmConfigPatches", |u| list(u, 2, patch))?;
    m.set("nodes", |u| {
        list(u, 5, |u| {
            let mut n = Map::new(u);
            n.set("role", |u| {
                string(u, &["control-plane", "worker", "master", ""])
            })?;
            n.set("image", |u| {
                string(
                    u,
                    &[
                        "kindest/node:v1.24.7",
                        "kindest/node:v1.30.0",
                        "kindest/node:v1.35.0",
                        "kindest/node:v1.99.0",
                        "kindest/node:latest",
                        "kindest/node:v1.",
                        "kindest/node:v1.18.0@sha256:abc",
                    ],
                )
            })?;
            n.set("labels", |u| string_map(u, LABEL_KEYS, LABEL_VALUES))?;
            n.set("kubeadmConfigPatches", |u| list(u, 2, patch))?;
            n.done()
        })
    })?;
    let value = m.done()?;
    Ok(serde_yaml::to_string(&value).unwrap_or_default())
}

/// A kubeadm config patch: YAML in a string.
fn patch(u: &mut Unstructured) -> Result<Value> {
    let kind = pick(
        u,
        &[
            "InitConfiguration",
            "JoinConfiguration",
            "ClusterConfiguration",
            "",
        ],
    )?;
    let mut reg = Map::new(u);
    reg.set("taints", |u| {
        if u.ratio(1, 4)? {
            Ok(Value::Null)
        } else {
            list(u, 2, taint)
        }
    })?;
    reg.set("kubeletExtraArgs", |u| {
        string_map(
            u,
            &["node-labels", "register-with-taints"],
            &["a=b", "k=v:NoSchedule", ""],
        )
    })?;
    let reg = reg.done()?;
    let mut m = Mapping::new();
    m.insert("kind".into(), kind.into());
    m.insert("nodeRegistration".into(), reg);
    let text = serde_yaml::to_string(&Value::Mapping(m)).unwrap_or_default();
    if u.ratio(1, 10)? {
        return Ok(Value::from(format!("{text}: [")));
    }
    Ok(Value::from(text))
}

/// `kubectl get nodes -o yaml` (or JSON) output.
pub fn node_list(u: &mut Unstructured) -> Result<String> {
    let n = u.int_in_range(0..=4)?;
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        let mut m = Map::new(u);
        m.set("apiVersion", |u| string(u, &["v1"]))?;
        m.set("kind", |u| string(u, &["Node", "Pod"]))?;
        m.set("metadata", metadata)?;
        m.set("spec", node_spec)?;
        m.set("status", node_status)?;
        items.push(m.done()?);
    }
    let mut list = Mapping::new();
    list.insert("apiVersion".into(), "v1".into());
    list.insert(
        "kind".into(),
        pick(u, &["List", "NodeList", "PodList"])?.into(),
    );
    list.insert("items".into(), Value::Sequence(items));
    let value = Value::Mapping(list);
    if u.ratio(1, 4)? {
        let mut out = String::new();
        json(&value, &mut out);
        Ok(out)
    } else {
        Ok(serde_yaml::to_string(&value).unwrap_or_default())
    }
}

fn node_action(u: &mut Unstructured) -> Result<NodeAction> {
    let effect = |u: &mut Unstructured| -> Result<TaintEffect> {
        Ok(*u.choose(&[
            TaintEffect::NoSchedule,
            TaintEffect::PreferNoSchedule,
            TaintEffect::NoExecute,
        ])?)
    };
    Ok(match u.int_in_range(0..=8)? {
        0 => NodeAction::Cordon,
        1 => NodeAction::Uncordon,
        2 => NodeAction::StopKubelet,
        3 => NodeAction::StartKubelet,
        4 => NodeAction::Delete,
        5 => NodeAction::Join {
            control_plane: u.arbitrary()?,
        },
        6 => NodeAction::RemoveTaint {
            key: text(u, TAINT_KEYS)?,
            effect: effect(u)?,
        },
        7 => NodeAction::AddTaintSpec(text(
            u,
            &[
                "key=value:NoSchedule",
                "k:NoExecute",
                "=:",
                "a=b",
                "x=y:Bogus",
                "k=v:NoExecute-",
                "",
            ],
        )?),
        _ => NodeAction::AddTaint {
            key: text(u, TAINT_KEYS)?,
            value: text(u, LABEL_VALUES)?,
            effect: effect(u)?,
        },
    })
}

fn input(u: &mut Unstructured) -> Result<Input> {
    let nodes = &[
        "worker",
        "master",
        "worker-1",
        "kind-worker",
        "kind-control-plane",
        "new",
        "nowhere",
    ];
    Ok(match u.int_in_range(0..=9)? {
        0 => {
            let mut starts: Vec<&str> = STARTS.to_vec();
            starts.extend([
                "empty v1.24",
                "empty v1.35",
                "empty v1.99",
                "empty v2.0",
                "nowhere",
            ]);
            Input::Reset(text(u, &starts)?)
        }
        1 | 2 => Input::Apply(manifest(u)?),
        3 => Input::Advance {
            seconds: u.int_in_range(0..=600)?,
            times: u.int_in_range(0..=20)?,
        },
        4 => Input::Node {
            node: text(u, nodes)?,
            action: node_action(u)?,
        },
        5 => Input::File {
            name: text(
                u,
                &["redis-ds.yaml", "pod.yaml", "x", "", "a/b", "../x", "-rf"],
            )?,
            content: if u.ratio(1, 2)? {
                manifest(u)?
            } else {
                u.arbitrary()?
            },
        },
        6 => Input::Manifest {
            path: format!(
                "{}/{}",
                text(u, nodes)?,
                text(u, &["web.yaml", "x", "", "a b.yaml", ".."])?
            ),
            content: if u.ratio(1, 4)? {
                None
            } else {
                Some(manifest(u)?)
            },
        },
        _ => {
            let (line, stdin) = line(u, false)?;
            Input::Command { line, stdin }
        }
    })
}

/// A whole session: workspace, controls and a log of inputs.
pub fn session(u: &mut Unstructured) -> Result<Session> {
    let mut session = Session::default();
    for _ in 0..u.int_in_range(0..=3)? {
        let name = text(u, &["redis-ds.yaml", "pod.yaml", "a.yaml", ""])?;
        let content = manifest(u)?;
        session.files.push((name, content));
    }
    session.active = u.int_in_range(0..=3)?;
    session.paused = u.arbitrary()?;
    session.speed = u.int_in_range(0..=10)?;
    for _ in 0..u.int_in_range(0..=3)? {
        session.history.push(line(u, false)?.0);
    }
    session.panel = text(u, &["terminal", "events", "explain", "lessons", ""])?;
    session.selected = text(
        u,
        &["node/master", "pod/default/web", "ds/default/redis-ds", "x"],
    )?;
    for _ in 0..u.int_in_range(0..=12)? {
        let input = input(u)?;
        session.record(input);
    }
    if u.ratio(1, 5)? {
        session.pending = Some(input(u)?);
    }
    session.share = u.arbitrary()?;
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn sample<T>(f: impl Fn(&mut Unstructured) -> Result<T>) -> Vec<T> {
        let mut rng = Rng::new(5);
        (0..200)
            .filter_map(|_| {
                let bytes = rng.bytes(2048);
                f(&mut Unstructured::new(&bytes)).ok()
            })
            .collect()
    }

    #[test]
    fn manifests_are_mostly_well_formed_yaml_of_known_kinds() {
        let texts = sample(manifest);
        assert_eq!(texts.len(), 200);
        let parsed = texts
            .iter()
            .filter(|t| serde_yaml::from_str::<Value>(t).is_ok() || t.contains("---"))
            .count();
        assert!(parsed > 180, "{parsed}");
        assert!(texts.iter().any(|t| t.contains("kind: DaemonSet")));
        assert!(texts.iter().any(|t| t.starts_with('{')));
    }

    #[test]
    fn sessions_hold_every_kind_of_input() {
        let sessions = sample(session);
        let inputs: Vec<&Input> = sessions.iter().flat_map(|s| &s.log).collect();
        assert!(
            inputs
                .iter()
                .any(|i| matches!(i, Input::Command { stdin: Some(_), .. }))
        );
        assert!(inputs.iter().any(|i| matches!(i, Input::Node { .. })));
        assert!(inputs.iter().any(|i| matches!(i, Input::Manifest { .. })));
        assert!(
            inputs
                .iter()
                .all(|i| !matches!(i, Input::Advance { times, .. } if *times > 1000))
        );
    }
}
