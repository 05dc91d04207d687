//! The simulated cluster: an object store plus the control loops that run after
//! every change until nothing more changes.

use crate::api::{DaemonSet, Node, Pod, PodCondition, Taint, TaintEffect};
use crate::controller::daemon::{new_daemon_pod, node_should_run_daemon_pod, target_node_name};
use crate::controller::taint_eviction::{EvictionDecision, eviction_decision};
use crate::decode::{Object, decode};
use crate::diagnostic::{Diagnostic, Severity};
use crate::names::{NameGenerator, fnv32a};
use crate::scheduler::{self, fit_error::failed_scheduling_message};
use crate::version::KubeVersion;
use std::collections::BTreeMap;

/// Control loops stop after this many rounds even if something keeps changing,
/// so a bug can never hang the page.
const MAX_RECONCILE_ROUNDS: usize = 100;

/// The seed for generated names, so every session starts the same.
const NAME_SEED: u64 = 0x7a17_1ab5;

/// The whole simulated cluster.
#[derive(Debug, Clone)]
pub struct Cluster {
    version: KubeVersion,
    nodes: BTreeMap<String, Node>,
    /// Pods in arrival order (the scheduler's queue order at equal priority).
    pods: Vec<Pod>,
    daemon_sets: BTreeMap<String, DaemonSet>,
    names: NameGenerator,
}

/// What `apply` did: one `kubectl apply` line per object, plus warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyReport {
    /// e.g. `daemonset.apps/redis-ds created`.
    pub lines: Vec<String>,
    /// Non-fatal notes about the text.
    pub warnings: Vec<Diagnostic>,
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster::tutorial()
    }
}

fn namespaced(namespace: &str) -> String {
    if namespace.is_empty() {
        "default".to_string()
    } else {
        namespace.to_string()
    }
}

/// Models `controller.ComputeHash` + `rand.SafeEncodeString`: a revision label
/// value shaped like upstream's (`6d8b7c9f5b`).
fn template_revision(ds: &DaemonSet) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let hash = fnv32a(&format!("{:?}", ds.spec.template));
    hash.to_string()
        .bytes()
        .map(|b| char::from(ALPHANUMS[usize::from(b) % ALPHANUMS.len()]))
        .collect()
}

impl Cluster {
    /// An empty cluster of the given version.
    pub fn empty(version: KubeVersion) -> Cluster {
        Cluster {
            version,
            nodes: BTreeMap::new(),
            pods: Vec::new(),
            daemon_sets: BTreeMap::new(),
            names: NameGenerator::new(NAME_SEED),
        }
    }

    /// The tutorial's starting point: `master` (labelled and tainted
    /// `node-role.kubernetes.io/master`, NoSchedule) and `worker`.
    pub fn tutorial() -> Cluster {
        let mut cluster = Cluster::empty(KubeVersion::default());
        for name in ["master", "worker"] {
            let mut node = Node::default();
            node.metadata.name = name.to_string();
            for (k, v) in [
                ("kubernetes.io/arch", "amd64"),
                ("kubernetes.io/hostname", name),
                ("kubernetes.io/os", "linux"),
            ] {
                node.metadata.labels.insert(k.to_string(), v.to_string());
            }
            if name == "master" {
                node.metadata
                    .labels
                    .insert("node-role.kubernetes.io/master".to_string(), String::new());
                node.spec.taints.push(Taint::new(
                    "node-role.kubernetes.io/master",
                    "",
                    TaintEffect::NoSchedule,
                ));
            }
            node.metadata.uid = cluster.names.uid();
            cluster.nodes.insert(name.to_string(), node);
        }
        cluster
    }

    /// The simulated Kubernetes version.
    pub fn version(&self) -> KubeVersion {
        self.version
    }

    /// Nodes, sorted by name.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.values()
    }

    /// A node by name.
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.get(name)
    }

    /// Pods, in arrival order.
    pub fn pods(&self) -> &[Pod] {
        &self.pods
    }

    /// DaemonSets, sorted by namespace/name.
    pub fn daemon_sets(&self) -> impl Iterator<Item = &DaemonSet> {
        self.daemon_sets.values()
    }

    /// Applies YAML like `kubectl apply -f`: creates or updates each object, then
    /// runs the control loops to quiescence. On any error nothing changes.
    pub fn apply(&mut self, text: &str) -> Result<ApplyReport, Vec<Diagnostic>> {
        let decoded = decode(text)?;
        let mut next = self.clone();
        let mut report = ApplyReport {
            lines: Vec::new(),
            warnings: decoded.warnings,
        };
        let mut errors = Vec::new();
        for located in decoded.objects {
            match next.apply_object(&located.object) {
                Ok(line) => report.lines.push(line),
                Err((path, message)) => errors.push(Diagnostic {
                    severity: Severity::Error,
                    document: located.document,
                    line: located.line,
                    column: 1,
                    path,
                    message,
                }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        next.reconcile();
        *self = next;
        Ok(report)
    }

    /// Creates or updates one object; returns kubectl's line or a field error.
    fn apply_object(&mut self, object: &Object) -> Result<String, (String, String)> {
        match object {
            Object::Node(node) => Ok(self.apply_node(node)),
            Object::DaemonSet(ds) => self.apply_daemon_set(ds),
            Object::Pod(pod) => self.apply_pod(pod),
        }
    }

    fn apply_node(&mut self, node: &Node) -> String {
        let name = node.metadata.name.clone();
        let outcome = match self.nodes.get_mut(&name) {
            Some(existing) => {
                let before = existing.clone();
                existing.metadata.labels = node.metadata.labels.clone();
                existing.metadata.annotations = node.metadata.annotations.clone();
                existing.spec = node.spec.clone();
                if *existing == before {
                    "unchanged"
                } else {
                    "configured"
                }
            }
            None => {
                let mut node = node.clone();
                node.metadata.uid = self.names.uid();
                self.nodes.insert(name.clone(), node);
                "created"
            }
        };
        format!("node/{name} {outcome}")
    }

    fn apply_daemon_set(&mut self, ds: &DaemonSet) -> Result<String, (String, String)> {
        let mut ds = ds.clone();
        ds.metadata.namespace = namespaced(&ds.metadata.namespace);
        let key = format!("{}/{}", ds.metadata.namespace, ds.metadata.name);
        let name = ds.metadata.name.clone();
        let outcome = match self.daemon_sets.get_mut(&key) {
            Some(existing) => {
                // Models `ValidateDaemonSetUpdate`: spec.selector is immutable.
                if existing.spec.selector != ds.spec.selector {
                    return Err((
                        "spec.selector".to_string(),
                        format!(
                            "The DaemonSet {name:?} is invalid: spec.selector: Invalid value: {}: field is immutable",
                            go_label_selector(ds.spec.selector.as_ref())
                        ),
                    ));
                }
                let before = existing.clone();
                existing.metadata.labels = ds.metadata.labels;
                existing.metadata.annotations = ds.metadata.annotations;
                existing.spec = ds.spec;
                if *existing == before {
                    "unchanged"
                } else {
                    "configured"
                }
            }
            None => {
                ds.metadata.uid = self.names.uid();
                self.daemon_sets.insert(key, ds);
                "created"
            }
        };
        Ok(format!("daemonset.apps/{name} {outcome}"))
    }

    fn apply_pod(&mut self, pod: &Pod) -> Result<String, (String, String)> {
        let mut pod = pod.clone();
        pod.metadata.namespace = namespaced(&pod.metadata.namespace);
        let name = pod.metadata.name.clone();
        let existing = self.pods.iter_mut().find(|p| {
            p.metadata.namespace == pod.metadata.namespace && p.metadata.name == pod.metadata.name
        });
        let outcome = match existing {
            Some(existing) => {
                let mut wanted = pod.spec.clone();
                if wanted.node_name.is_empty() {
                    wanted.node_name = existing.spec.node_name.clone();
                }
                // Models `ValidatePodUpdate`: only additions to tolerations are allowed
                // among the fields modelled here.
                let mut without_tolerations = wanted.clone();
                without_tolerations.tolerations = existing.spec.tolerations.clone();
                let only_added = wanted.tolerations.starts_with(&existing.spec.tolerations);
                if wanted == existing.spec {
                    "unchanged"
                } else if without_tolerations == existing.spec && only_added {
                    existing.spec.tolerations = wanted.tolerations;
                    "configured"
                } else {
                    return Err((
                        "spec".to_string(),
                        format!(
                            "The Pod {name:?} is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"
                        ),
                    ));
                }
            }
            None => {
                pod.metadata.uid = self.names.uid();
                pod.status = Default::default();
                pod.status.phase = "Pending".to_string();
                self.pods.push(pod);
                "created"
            }
        };
        Ok(format!("pod/{name} {outcome}"))
    }

    /// Runs the control loops until none of them changes anything.
    fn reconcile(&mut self) {
        for _ in 0..MAX_RECONCILE_ROUNDS {
            let changed = self.evict_no_execute()
                | self.sync_daemon_sets()
                | self.schedule_pending()
                | self.run_kubelets();
            if !changed {
                break;
            }
        }
    }

    /// Models `pkg/controller/tainteviction: processPodOnNode` for pods whose
    /// NoExecute taints are not all tolerated. Tolerated taints with
    /// `tolerationSeconds` would fire later on the clock; time does not pass yet.
    fn evict_no_execute(&mut self) -> bool {
        let before = self.pods.len();
        let nodes = &self.nodes;
        self.pods.retain(|pod| {
            let Some(node) = nodes.get(&pod.spec.node_name) else {
                return true;
            };
            eviction_decision(&node.spec.taints, &pod.spec.tolerations)
                != EvictionDecision::EvictNow
        });
        self.pods.len() != before
    }

    /// Models `pkg/controller/daemon: syncNodes`/`podsShouldBeOnNode` for every DaemonSet,
    /// with a rolling update that runs to completion (old-revision pods are replaced).
    fn sync_daemon_sets(&mut self) -> bool {
        let mut changed = false;
        let daemon_sets: Vec<DaemonSet> = self.daemon_sets.values().cloned().collect();
        for ds in &daemon_sets {
            let revision = template_revision(ds);
            let owned = |pod: &Pod| {
                pod.metadata
                    .controller_of()
                    .is_some_and(|r| r.uid == ds.metadata.uid)
            };
            // Pods whose node is gone are garbage-collected.
            let before = self.pods.len();
            let nodes = &self.nodes;
            self.pods.retain(|p| {
                !owned(p) || target_node_name(p).is_some_and(|n| nodes.contains_key(n))
            });
            changed |= self.pods.len() != before;
            let node_names: Vec<String> = self.nodes.keys().cloned().collect();
            for node_name in node_names {
                let Some(node) = self.nodes.get(&node_name) else {
                    continue;
                };
                let placement = node_should_run_daemon_pod(node, ds);
                let on_node = |p: &Pod| owned(p) && target_node_name(p) == Some(node_name.as_str());
                let before = self.pods.len();
                if !placement.should_continue_running {
                    self.pods.retain(|p| !on_node(p));
                } else {
                    let current = |p: &Pod| {
                        p.metadata.labels.get("controller-revision-hash") == Some(&revision)
                            && p.status.phase != "Failed"
                    };
                    self.pods.retain(|p| !on_node(p) || current(p));
                    // Keep one pod per node: the oldest.
                    let mut seen = false;
                    self.pods.retain(|p| {
                        if !on_node(p) {
                            return true;
                        }
                        let keep = !seen;
                        seen = true;
                        keep
                    });
                }
                changed |= self.pods.len() != before;
                let has_pod = self.pods.iter().any(on_node);
                if placement.should_run && !has_pod {
                    let name = self.names.generate_name(&format!("{}-", ds.metadata.name));
                    let uid = self.names.uid();
                    self.pods
                        .push(new_daemon_pod(ds, &node_name, name, uid, &revision));
                    changed = true;
                }
            }
        }
        changed
    }

    /// Models kube-scheduler's scheduling cycle for each unbound pod, in queue order.
    /// Among feasible nodes the one with the fewest pods wins, then the first by name.
    fn schedule_pending(&mut self) -> bool {
        let mut changed = false;
        for i in 0..self.pods.len() {
            if !self.pods[i].spec.node_name.is_empty() {
                continue;
            }
            let mut reasons = Vec::new();
            let mut best: Option<(usize, &str)> = None;
            for node in self.nodes.values() {
                match scheduler::filter(&self.pods[i], node, self.version) {
                    Ok(()) => {
                        let load = self
                            .pods
                            .iter()
                            .filter(|p| p.spec.node_name == node.metadata.name)
                            .count();
                        if best.is_none_or(|(l, _)| load < l) {
                            best = Some((load, node.metadata.name.as_str()));
                        }
                    }
                    Err(rejection) => reasons.push(rejection.reason),
                }
            }
            let condition = match best {
                Some((_, node_name)) => {
                    let node_name = node_name.to_string();
                    self.pods[i].spec.node_name = node_name;
                    PodCondition {
                        type_: "PodScheduled".to_string(),
                        status: "True".to_string(),
                        ..Default::default()
                    }
                }
                None => PodCondition {
                    type_: "PodScheduled".to_string(),
                    status: "False".to_string(),
                    reason: "Unschedulable".to_string(),
                    message: failed_scheduling_message(self.nodes.len(), &reasons),
                },
            };
            let pod = &mut self.pods[i];
            let conditions = &mut pod.status.conditions;
            match conditions.iter_mut().find(|c| c.type_ == "PodScheduled") {
                Some(existing) if *existing == condition => {}
                Some(existing) => {
                    *existing = condition;
                    changed = true;
                }
                None => {
                    conditions.push(condition);
                    changed = true;
                }
            }
        }
        changed
    }

    /// Models the kubelet's admission (`pkg/kubelet/lifecycle/predicate.go: generalFilter`,
    /// which re-checks only NoExecute taints) and start-up. Pods start at once for now.
    fn run_kubelets(&mut self) -> bool {
        let mut changed = false;
        for pod in &mut self.pods {
            if pod.spec.node_name.is_empty() || pod.status.phase != "Pending" {
                continue;
            }
            let Some(node) = self.nodes.get(&pod.spec.node_name) else {
                continue;
            };
            let untolerated_no_execute = crate::api::toleration::find_matching_untolerated_taint(
                &node.spec.taints,
                &pod.spec.tolerations,
                |t| t.effect == TaintEffect::NoExecute,
            );
            if untolerated_no_execute.is_some() {
                pod.status.phase = "Failed".to_string();
                pod.status.reason = "TaintToleration".to_string();
                pod.status.message = "Predicate TaintToleration failed".to_string();
            } else {
                pod.status.phase = "Running".to_string();
            }
            changed = true;
        }
        changed
    }
}

/// Go's `%#v` of a `*metav1.LabelSelector`, as the immutability error prints it.
fn go_label_selector(selector: Option<&crate::api::LabelSelector>) -> String {
    let Some(selector) = selector else {
        return "(*v1.LabelSelector)(nil)".to_string();
    };
    let labels: Vec<String> = selector
        .match_labels
        .iter()
        .map(|(k, v)| format!("{k:?}:{v:?}"))
        .collect();
    let labels = if selector.match_labels.is_empty() {
        "map[string]string(nil)".to_string()
    } else {
        format!("map[string]string{{{}}}", labels.join(", "))
    };
    let expressions = if selector.match_expressions.is_empty() {
        "[]v1.LabelSelectorRequirement(nil)".to_string()
    } else {
        let items: Vec<String> = selector
            .match_expressions
            .iter()
            .map(|r| {
                let values: Vec<String> = r.values.iter().map(|v| format!("{v:?}")).collect();
                format!(
                    "v1.LabelSelectorRequirement{{Key:{:?}, Operator:{:?}, Values:[]string{{{}}}}}",
                    r.key,
                    r.operator,
                    values.join(", ")
                )
            })
            .collect();
        format!("[]v1.LabelSelectorRequirement{{{}}}", items.join(", "))
    };
    format!("&v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{expressions}}}")
}

#[cfg(test)]
mod tests;
