//! The DaemonSet controller (`pkg/controller/daemon`): here its rules
//! (`NodeShouldRunDaemonPod`, the daemon pod template and its tolerations), in
//! `sync.rs` the loop that acts on them (`syncNodes`, the rolling update).

use crate::api::toleration::{do_not_schedule_taints, find_matching_untolerated_taint};
use crate::api::{
    Affinity, DaemonSet, Node, NodeAffinity, NodeSelector, NodeSelectorRequirement,
    NodeSelectorTerm, OwnerReference, Pod, PodSpec, Taint, TaintEffect, Toleration,
};
use crate::scheduler::node_affinity::{required_node_affinity_matches, required_terms};

mod sync;
#[cfg(test)]
mod update_tests;

/// Why a DaemonSet does not run a pod on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRunReason {
    /// `template.spec.nodeName` names another node.
    NodeName,
    /// `nodeSelector` or required node affinity does not match the node.
    NodeAffinity,
    /// A NoSchedule or NoExecute taint is not tolerated (the first, in node order).
    Taint(Taint),
}

/// The result of `NodeShouldRunDaemonPod`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonPodPlacement {
    /// A daemon pod should be created here if missing.
    pub should_run: bool,
    /// An existing daemon pod may stay here.
    pub should_continue_running: bool,
    /// Why not, when `should_run` is false.
    pub reason: Option<NotRunReason>,
}

/// The tolerations every daemon pod gets, in upstream's order
/// (`pkg/controller/daemon/util: AddOrUpdateDaemonPodTolerations`).
pub fn default_daemon_tolerations(host_network: bool) -> Vec<Toleration> {
    let mut keys = vec![
        ("node.kubernetes.io/not-ready", TaintEffect::NoExecute),
        ("node.kubernetes.io/unreachable", TaintEffect::NoExecute),
        ("node.kubernetes.io/disk-pressure", TaintEffect::NoSchedule),
        (
            "node.kubernetes.io/memory-pressure",
            TaintEffect::NoSchedule,
        ),
        ("node.kubernetes.io/pid-pressure", TaintEffect::NoSchedule),
        ("node.kubernetes.io/unschedulable", TaintEffect::NoSchedule),
    ];
    if host_network {
        keys.push((
            "node.kubernetes.io/network-unavailable",
            TaintEffect::NoSchedule,
        ));
    }
    keys.into_iter()
        .map(|(key, effect)| Toleration::exists(key, Some(effect)))
        .collect()
}

/// Models `AddOrUpdateTolerationInPodSpec` for each default toleration: an identical
/// user toleration (ignoring tolerationSeconds) is replaced in place, others are kept,
/// and the rest are appended.
pub fn add_or_update_daemon_pod_tolerations(spec: &mut PodSpec) {
    for default in default_daemon_tolerations(spec.host_network) {
        match spec.tolerations.iter_mut().find(|t| t.same_as(&default)) {
            Some(existing) => *existing = default,
            None => spec.tolerations.push(default),
        }
    }
}

/// Models `NodeShouldRunDaemonPod(node, ds)`.
pub fn node_should_run_daemon_pod(node: &Node, ds: &DaemonSet) -> DaemonPodPlacement {
    DaemonPodTemplate::new(ds).placement_on(node)
}

/// The pod a DaemonSet would create, prepared once (`NewPod` without the node):
/// the template spec with the default daemon tolerations.
pub struct DaemonPodTemplate {
    spec: PodSpec,
    template_node: String,
    /// The pod `new_daemon_pod` makes, before its revision label and node: built
    /// once, cloned per node.
    prototype: Pod,
}

impl DaemonPodTemplate {
    /// Prepares the template of `ds`.
    pub fn new(ds: &DaemonSet) -> DaemonPodTemplate {
        let mut prototype = Pod {
            metadata: ds.spec.template.metadata.clone(),
            ..Default::default()
        };
        prototype.metadata.generate_name = format!("{}-", ds.metadata.name);
        prototype.metadata.namespace = ds.metadata.namespace.clone();
        prototype.metadata.owner_references = vec![OwnerReference::controller(
            "apps/v1",
            "DaemonSet",
            &ds.metadata.name,
            &ds.metadata.uid,
        )];
        prototype.spec = ds.spec.template.spec.clone();
        add_or_update_daemon_pod_tolerations(&mut prototype.spec);
        prototype.status.phase = "Pending".to_string();
        let mut spec = prototype.spec.clone();
        let template_node = std::mem::take(&mut spec.node_name);
        DaemonPodTemplate {
            spec,
            template_node,
            prototype,
        }
    }

    /// Models `syncNodes`' pod creation: the template's pod for `node_name`, labelled
    /// with the DaemonSet's current `revision` and pinned to the node.
    pub fn pod_for(&self, node_name: &str, revision: &str) -> Pod {
        let mut pod = self.prototype.clone();
        pod.metadata
            .labels
            .insert("controller-revision-hash".to_string(), revision.to_string());
        pin_to_node(&mut pod.spec, node_name);
        pod
    }

    /// Models `NodeShouldRunDaemonPod` for this template on `node`.
    pub fn placement_on(&self, node: &Node) -> DaemonPodPlacement {
        placement(&self.spec, &self.template_node, node)
    }
}

fn placement(spec: &PodSpec, template_node: &str, node: &Node) -> DaemonPodPlacement {
    let no = |should_continue_running, reason| DaemonPodPlacement {
        should_run: false,
        should_continue_running,
        reason: Some(reason),
    };
    if !template_node.is_empty() && template_node != node.metadata.name {
        return no(false, NotRunReason::NodeName);
    }
    if !required_node_affinity_matches(spec, node) {
        return no(false, NotRunReason::NodeAffinity);
    }
    if let Some(taint) = find_matching_untolerated_taint(
        &node.spec.taints,
        &spec.tolerations,
        do_not_schedule_taints,
    ) {
        // A second pass over NoExecute taints only: a pod may stay on a node whose
        // untolerated taints are all NoSchedule.
        let no_execute =
            find_matching_untolerated_taint(&node.spec.taints, &spec.tolerations, |t| {
                t.effect == TaintEffect::NoExecute
            });
        return no(no_execute.is_none(), NotRunReason::Taint(taint.clone()));
    }
    DaemonPodPlacement {
        should_run: true,
        should_continue_running: true,
        reason: None,
    }
}

/// Models `util.ReplaceDaemonSetPodNodeNameNodeAffinity`: the pod is pinned to its
/// node by a `metadata.name` matchFields term that replaces all required terms.
fn pin_to_node(spec: &mut PodSpec, node_name: &str) {
    let term = NodeSelectorTerm {
        match_expressions: Vec::new(),
        match_fields: vec![NodeSelectorRequirement {
            key: "metadata.name".to_string(),
            operator: "In".to_string(),
            values: vec![node_name.to_string()],
        }],
    };
    let affinity = spec.affinity.get_or_insert_with(Affinity::default);
    let node_affinity = affinity
        .node_affinity
        .get_or_insert_with(NodeAffinity::default);
    node_affinity.required_during_scheduling_ignored_during_execution = Some(NodeSelector {
        node_selector_terms: vec![term],
    });
}

/// Models `GetTargetNodeName`: `spec.nodeName`, else the single pinned node.
pub fn target_node_name(pod: &Pod) -> Option<&str> {
    if !pod.spec.node_name.is_empty() {
        return Some(&pod.spec.node_name);
    }
    required_terms(&pod.spec)?.iter().find_map(|t| {
        t.match_fields
            .iter()
            .find(|f| f.key == "metadata.name" && f.operator == "In" && f.values.len() == 1)
            .map(|f| f.values[0].as_str())
    })
}

/// The pod the controller creates for `node` (`CreatePodTemplate` + `syncNodes`).
/// `spec.nodeName` stays empty: kube-scheduler binds it.
pub fn new_daemon_pod(
    ds: &DaemonSet,
    node_name: &str,
    name: String,
    uid: String,
    revision: &str,
) -> Pod {
    let mut pod = DaemonPodTemplate::new(ds).pod_for(node_name, revision);
    pod.metadata.name = name;
    pod.metadata.uid = uid;
    pod
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::TolerationOperator;

    fn node(taints: Vec<Taint>) -> Node {
        let mut n = Node::default();
        n.metadata.name = "node1".into();
        n.spec.taints = taints;
        n
    }

    fn ds(tolerations: Vec<Toleration>) -> DaemonSet {
        let mut d = DaemonSet::default();
        d.metadata.name = "ds".into();
        d.spec.template.spec.tolerations = tolerations;
        d
    }

    /// Cases from upstream `daemon_controller_test.go: TestNodeShouldRunDaemonPod`
    /// and `TestTaintedNode*`.
    #[test]
    fn should_run_rules() {
        use TaintEffect::*;
        let master = Taint::new("node-role.kubernetes.io/master", "", NoSchedule);
        let cases: Vec<(&str, Node, DaemonSet, bool, bool)> = vec![
            ("untainted node", node(vec![]), ds(vec![]), true, true),
            (
                "NoSchedule: do not run, but keep running",
                node(vec![master.clone()]),
                ds(vec![]),
                false,
                true,
            ),
            (
                "NoExecute: do not run, do not keep",
                node(vec![Taint::new("k", "v", NoExecute)]),
                ds(vec![]),
                false,
                false,
            ),
            (
                "PreferNoSchedule is ignored",
                node(vec![Taint::new("k", "", PreferNoSchedule)]),
                ds(vec![]),
                true,
                true,
            ),
            (
                "tolerated NoSchedule",
                node(vec![master.clone()]),
                ds(vec![Toleration::exists(
                    "node-role.kubernetes.io/master",
                    Some(NoSchedule),
                )]),
                true,
                true,
            ),
            (
                "unschedulable taint is tolerated by default",
                node(vec![Taint::new(
                    "node.kubernetes.io/unschedulable",
                    "",
                    NoSchedule,
                )]),
                ds(vec![]),
                true,
                true,
            ),
            (
                "not-ready NoExecute is tolerated by default",
                node(vec![Taint::new(
                    "node.kubernetes.io/not-ready",
                    "",
                    NoExecute,
                )]),
                ds(vec![]),
                true,
                true,
            ),
            (
                "not-ready NoSchedule is not",
                node(vec![Taint::new(
                    "node.kubernetes.io/not-ready",
                    "",
                    NoSchedule,
                )]),
                ds(vec![]),
                false,
                true,
            ),
        ];
        for (name, node, ds, run, keep) in cases {
            let got = node_should_run_daemon_pod(&node, &ds);
            assert_eq!(
                (got.should_run, got.should_continue_running),
                (run, keep),
                "{name}"
            );
        }
    }

    #[test]
    fn selector_and_node_name() {
        let mut n = node(vec![]);
        n.metadata.labels.insert("disk".into(), "ssd".into());
        let mut d = ds(vec![]);
        d.spec
            .template
            .spec
            .node_selector
            .insert("disk".into(), "hdd".into());
        let got = node_should_run_daemon_pod(&n, &d);
        assert_eq!(
            (got.should_run, got.should_continue_running),
            (false, false)
        );
        assert_eq!(got.reason, Some(NotRunReason::NodeAffinity));
        let mut d = ds(vec![]);
        d.spec.template.spec.node_name = "other".into();
        assert_eq!(
            node_should_run_daemon_pod(&n, &d).reason,
            Some(NotRunReason::NodeName)
        );
    }

    #[test]
    fn default_tolerations_replace_identical_user_tolerations() {
        let mut spec = PodSpec::default();
        let mut user =
            Toleration::exists("node.kubernetes.io/not-ready", Some(TaintEffect::NoExecute));
        user.toleration_seconds = Some(30);
        spec.tolerations = vec![Toleration::exists("custom", None), user];
        add_or_update_daemon_pod_tolerations(&mut spec);
        assert_eq!(spec.tolerations.len(), 7);
        assert_eq!(spec.tolerations[0].key, "custom");
        assert_eq!(
            spec.tolerations[1].toleration_seconds, None,
            "tolerationSeconds dropped"
        );
        assert_eq!(
            spec.tolerations[1].operator,
            Some(TolerationOperator::Exists)
        );
        let mut host = PodSpec {
            host_network: true,
            ..Default::default()
        };
        add_or_update_daemon_pod_tolerations(&mut host);
        assert_eq!(
            host.tolerations.last().map(|t| t.key.as_str()),
            Some("node.kubernetes.io/network-unavailable")
        );
    }

    #[test]
    fn pods_are_pinned_by_affinity() {
        let d = ds(vec![]);
        let pod = new_daemon_pod(&d, "worker", "ds-abcde".into(), "uid".into(), "rev");
        assert_eq!(pod.spec.node_name, "");
        assert_eq!(target_node_name(&pod), Some("worker"));
        assert_eq!(pod.metadata.owner_references[0].kind, "DaemonSet");
    }
}
