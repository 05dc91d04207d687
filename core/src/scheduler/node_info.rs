//! What the scheduler knows about each node's current load
//! (`pkg/scheduler/framework/types.go: NodeInfo`).

use super::config::Profile;
use super::config::SpreadDefaulting;
use super::inter_pod_affinity;
use super::pod_topology_spread;
use super::snapshot::Snapshot;
use crate::api::LabelSelector;
use crate::api::TopologySpreadConstraint;
use crate::api::{Pod, Quantity};
use std::rc::Rc;

/// CPU and memory as the scheduler counts them (`framework.Resource`): millicores
/// (`MilliValue`) and bytes (`Value`, rounded up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resources {
    /// `cpu`, in millicores.
    pub cpu: i64,
    /// `memory`, in bytes.
    pub memory: i64,
}

impl Resources {
    fn of(cpu: Quantity, memory: Quantity) -> Resources {
        Resources {
            cpu: cpu.milli_value(),
            memory: memory.value(),
        }
    }

    /// Upstream adds `int64`s and wraps; here thousands of pods each requesting
    /// a saturated `i64::MAX` stay at the maximum, so the node stays full.
    fn add(&mut self, other: Resources) {
        self.cpu = self.cpu.saturating_add(other.cpu);
        self.memory = self.memory.saturating_add(other.memory);
    }
}

/// Models `resource.PodRequests`: the sum of the containers' requests, where a
/// container that sets only limits requests its limits (API defaulting).
pub fn pod_requests(pod: &Pod) -> Resources {
    let (mut cpu, mut memory) = (Quantity::default(), Quantity::default());
    for c in &pod.spec.containers {
        let get = |name: &str| {
            c.requests
                .get(name)
                .or_else(|| c.limits.get(name))
                .copied()
                .unwrap_or_default()
        };
        cpu = cpu + get("cpu");
        memory = memory + get("memory");
    }
    Resources::of(cpu, memory)
}

/// Models `schedutil.GetNonzeroRequests`: for scoring, a container without a request
/// counts as 100m CPU and 200Mi memory, so empty pods still spread.
pub fn nonzero_requests(pod: &Pod) -> Resources {
    let (mut cpu, mut memory) = (Quantity::default(), Quantity::default());
    for c in &pod.spec.containers {
        let get = |name: &str, default: Quantity| {
            c.requests
                .get(name)
                .or_else(|| c.limits.get(name))
                .copied()
                .filter(|q| !q.is_zero())
                .unwrap_or(default)
        };
        cpu = cpu + get("cpu", Quantity::from_milli(100));
        memory = memory + get("memory", Quantity::from_units(200 << 20));
    }
    Resources::of(cpu, memory)
}

/// A host port in use: (port, protocol, host IP).
pub type HostPort = (i32, String, String);

/// The host ports a pod takes: declared `hostPort`s, and every container port
/// when it uses the host's network (where `hostPort` defaults to `containerPort`).
pub fn host_ports(pod: &Pod) -> Vec<HostPort> {
    pod.spec
        .containers
        .iter()
        .flat_map(|c| c.ports.iter())
        .filter_map(|p| {
            let port = p
                .host_port
                .filter(|h| *h > 0)
                .or_else(|| pod.spec.host_network.then_some(p.container_port))?;
            let protocol = p.protocol.clone().unwrap_or_else(|| "TCP".to_string());
            Some((port, protocol, "0.0.0.0".to_string()))
        })
        .collect()
}

/// What the filters and scores need to know about the pod being scheduled,
/// computed once per attempt rather than once per node.
#[derive(Debug, Clone)]
pub struct PodInfo<'a> {
    /// The pod.
    pub pod: &'a Pod,
    /// Its actual requests.
    pub requests: Resources,
    /// Its non-zero requests, for scoring.
    pub nonzero: Resources,
    /// The host ports it takes.
    pub ports: Vec<HostPort>,
    /// Whether the pod names no node, has no node selector and no required node
    /// affinity: then only the resource and port filters can reject a plain node.
    pub unconstrained: bool,
    /// For ImageLocality, once [`PodInfo::resolve_images`] ran: for each container
    /// whose image some node holds, that image's id in the [`ImageTable`] and its
    /// `scaledImageScore` (size times the share of nodes that hold it).
    pub image_scores: Vec<(usize, i64)>,
    /// PodTopologySpread's PreFilter state for the pod's `DoNotSchedule`
    /// constraints; `None` when it has none.
    pub topology_spread: Option<Rc<pod_topology_spread::filtering::PreFilterState>>,
    /// PodTopologySpread's PreScore state: the pod's `ScheduleAnyway` constraints,
    /// or the default ones.
    pub topology_spread_score: Option<Rc<pod_topology_spread::scoring::PreScoreState>>,
    /// InterPodAffinity's PreFilter state; `None` when no pod's affinity is in play.
    pub inter_pod_affinity: Option<Rc<inter_pod_affinity::filtering::PreFilterState>>,
    /// InterPodAffinity's PreScore state; `None` when no node would score.
    pub inter_pod_affinity_score: Option<Rc<inter_pod_affinity::scoring::PreScoreState>>,
}

impl<'a> PodInfo<'a> {
    /// Precomputes what scheduling `pod` needs.
    pub fn new(pod: &'a Pod) -> PodInfo<'a> {
        PodInfo {
            pod,
            unconstrained: pod.spec.node_name.is_empty()
                && pod.spec.node_selector.is_empty()
                && crate::scheduler::node_affinity::required_terms(&pod.spec).is_none(),
            requests: pod_requests(pod),
            nonzero: nonzero_requests(pod),
            ports: host_ports(pod),
            topology_spread: None,
            topology_spread_score: None,
            inter_pod_affinity: None,
            inter_pod_affinity_score: None,
            image_scores: Vec::new(),
        }
    }

    /// Runs the PreFilter and PreScore steps that read the whole cluster:
    /// PodTopologySpread's and InterPodAffinity's. `default_selector` is the
    /// selector of the pod's owner, for the default spreading constraints.
    pub fn pre_filter(
        &mut self,
        snapshot: &dyn Snapshot,
        default_selector: Option<&LabelSelector>,
    ) {
        self.pre_filter_for(snapshot, default_selector, &Profile::default_profile());
    }

    /// [`PodInfo::pre_filter`] for a profile: a plugin's state is computed only
    /// when its Filter or Score runs, with the profile's arguments.
    pub fn pre_filter_for(
        &mut self,
        snapshot: &dyn Snapshot,
        default_selector: Option<&LabelSelector>,
        profile: &Profile,
    ) {
        let pod = self.pod;
        let filters = |name| profile.is_default || profile.filters_with(name);
        let weights = &profile.weights;
        // `List` defaulting: the pod's owner's selector on each default
        // constraint, read as if the pod carried them (`buildDefaultConstraints`).
        let listed = match &profile.spread_defaulting {
            SpreadDefaulting::List(constraints)
                if !constraints.is_empty() && pod.spec.topology_spread_constraints.is_empty() =>
            {
                default_selector
                    .filter(|s| !s.match_labels.is_empty() || !s.match_expressions.is_empty())
                    .map(|selector| {
                        let mut with = pod.clone();
                        with.spec.topology_spread_constraints = constraints
                            .iter()
                            .map(|c| TopologySpreadConstraint {
                                label_selector: Some(selector.clone()),
                                ..c.clone()
                            })
                            .collect();
                        with
                    })
            }
            _ => None,
        };
        let spread_pod = listed.as_ref().unwrap_or(pod);
        self.topology_spread = if filters(pod_topology_spread::NAME) {
            pod_topology_spread::filtering::PreFilterState::of(snapshot, spread_pod).map(Rc::new)
        } else {
            None
        };
        let system_defaults = profile.spread_defaulting == SpreadDefaulting::System;
        self.topology_spread_score = if weights.pod_topology_spread == 0 {
            None
        } else if spread_pod.spec.topology_spread_constraints.is_empty() {
            default_selector
                .filter(|_| system_defaults)
                .map(|selector| {
                    Rc::new(pod_topology_spread::scoring::PreScoreState::defaults(
                        snapshot, pod, selector,
                    ))
                })
        } else {
            pod_topology_spread::scoring::PreScoreState::of(snapshot, spread_pod).map(Rc::new)
        };
        self.inter_pod_affinity = if filters(inter_pod_affinity::NAME) {
            inter_pod_affinity::filtering::PreFilterState::of(snapshot, pod).map(Rc::new)
        } else {
            None
        };
        // Models PreScore with `ignorePreferredTermsOfExistingPods`: without
        // preferred terms of its own, the pod's topology scores stay empty.
        let ignores_existing = profile.ignore_preferred_terms_of_existing_pods
            && !pod.spec.affinity.as_ref().is_some_and(|a| {
                a.pod_affinity.as_ref().is_some_and(|p| {
                    !p.preferred_during_scheduling_ignored_during_execution
                        .is_empty()
                }) || a.pod_anti_affinity.as_ref().is_some_and(|p| {
                    !p.preferred_during_scheduling_ignored_during_execution
                        .is_empty()
                })
            });
        self.inter_pod_affinity_score = if weights.inter_pod_affinity == 0 || ignores_existing {
            None
        } else {
            inter_pod_affinity::scoring::PreScoreState::with_weight(
                snapshot,
                pod,
                profile.hard_pod_affinity_weight,
            )
            .map(Rc::new)
        };
    }

    /// Models `imagelocality.sumImageScores`' per-image part, once per pod rather than
    /// once per node: finds each container's image in `table`, as written or as
    /// `normalizedImageName` (`:latest` added when untagged).
    pub fn resolve_images(&mut self, table: &ImageTable) {
        if table.images.is_empty() {
            self.image_scores.clear();
            return;
        }
        let total = table.total_nodes.max(1) as f64;
        self.image_scores = self
            .pod
            .spec
            .containers
            .iter()
            .filter_map(|c| {
                let image = c.image.as_str();
                let last = image.rsplit('/').next().unwrap_or_default();
                let untagged = !last.contains(':') && !last.contains('@');
                let id = table.images.iter().position(|s| {
                    s.name == image || (untagged && s.name.strip_suffix(":latest") == Some(image))
                })?;
                let state = &table.images[id];
                Some((
                    id,
                    (state.size as f64 * (state.nodes as f64 / total)) as i64,
                ))
            })
            .collect();
    }
}

/// An image some node holds, as the scheduler's snapshot keeps it (`ImageStateSummary`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageState {
    /// The image name as pulled.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// How many nodes hold it.
    pub nodes: usize,
}

/// Every image held anywhere, with the cluster's node count (ImageLocality scales
/// by the share of nodes holding an image).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageTable {
    /// The images; a [`NodeInfo`] refers to them by index.
    pub images: Vec<ImageState>,
    /// How many nodes the cluster has.
    pub total_nodes: usize,
}

/// What one bound pod adds to its node's load, kept so that it can be taken off
/// again exactly when the pod leaves (the scheduler cache's `AddPod`/`RemovePod`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contribution {
    requests: Resources,
    nonzero: Resources,
    ports: Vec<HostPort>,
}

impl Contribution {
    /// What `pod` adds to a node.
    pub fn of(pod: &Pod) -> Contribution {
        Contribution {
            requests: pod_requests(pod),
            nonzero: nonzero_requests(pod),
            ports: host_ports(pod),
        }
    }
}

/// The summed load of the pods bound to one node, kept up to date by the pod
/// store as pods are bound and removed (the scheduler cache's per-node state), so
/// that a scheduling pass reads it instead of adding up every pod.
///
/// Sums are kept in `i128`, where no number of `i64` requests can overflow, so
/// that removing a pod is exact; [`NodeInfo`] saturates them to `i64`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodLoad {
    /// How many pods.
    pub pods: usize,
    requested: (i128, i128),
    nonzero: (i128, i128),
    /// Host ports in use, one entry per pod that takes them.
    pub ports: Vec<HostPort>,
}

fn saturated(sum: (i128, i128)) -> Resources {
    let clamp = |v: i128| i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX });
    Resources {
        cpu: clamp(sum.0),
        memory: clamp(sum.1),
    }
}

impl PodLoad {
    /// Counts a pod.
    pub fn add(&mut self, c: &Contribution) {
        self.pods += 1;
        self.requested.0 += i128::from(c.requests.cpu);
        self.requested.1 += i128::from(c.requests.memory);
        self.nonzero.0 += i128::from(c.nonzero.cpu);
        self.nonzero.1 += i128::from(c.nonzero.memory);
        self.ports.extend(c.ports.iter().cloned());
    }

    /// Takes a counted pod off.
    pub fn remove(&mut self, c: &Contribution) {
        self.pods = self.pods.saturating_sub(1);
        self.requested.0 -= i128::from(c.requests.cpu);
        self.requested.1 -= i128::from(c.requests.memory);
        self.nonzero.0 -= i128::from(c.nonzero.cpu);
        self.nonzero.1 -= i128::from(c.nonzero.memory);
        for port in &c.ports {
            if let Some(at) = self.ports.iter().position(|p| p == port) {
                self.ports.remove(at);
            }
        }
    }
}

/// One node's load: pods, requested resources (actual and non-zero) and host ports.
#[derive(Debug, Clone, Default)]
pub struct NodeInfo {
    /// The node's position in the cluster's node order (by name), which indexes
    /// the per-node counts of a scheduling pass.
    pub pos: usize,
    /// Whether the node is schedulable and untainted, so that the first four
    /// filters pass any pod without node constraints without reading the node.
    pub plain: bool,
    /// Whether the node has the `kubernetes.io/hostname` label: the default
    /// spreading scores a node by its own pods only then, and the hot loop
    /// should not look the label up for every pod.
    pub hostname_labelled: bool,
    /// The node's allocatable cpu and memory, read once rather than per pod.
    pub allocatable: Resources,
    /// How many pods the node allows.
    pub allowed_pods: i64,
    /// Pods bound to the node.
    pub pods: usize,
    /// Sum of actual requests.
    pub requested: Resources,
    /// Sum of non-zero requests, for scoring.
    pub nonzero_requested: Resources,
    /// Host ports in use.
    pub used_ports: Vec<HostPort>,
    /// Images present on the node, as indices into the cluster's [`ImageTable`].
    pub images: Vec<usize>,
    /// The last resource scores computed here, with the requests they were for:
    /// replicas ask for the same resources, so most pods find their scores here.
    /// [`NodeInfo::add`] clears it.
    resource_scores: std::cell::Cell<Option<(Resources, Resources, i64, i64)>>,
}

impl NodeInfo {
    /// An empty node's info.
    pub fn for_node(node: &crate::api::Node) -> NodeInfo {
        NodeInfo {
            allocatable: Resources::of(node.allocatable("cpu"), node.allocatable("memory")),
            allowed_pods: node.allocatable("pods").value(),
            plain: !node.spec.unschedulable && node.spec.taints.is_empty(),
            hostname_labelled: node
                .metadata
                .labels
                .contains_key(super::pod_topology_spread::LABEL_HOSTNAME),
            ..NodeInfo::default()
        }
    }

    /// The NodeResourcesFit (LeastAllocated) and BalancedAllocation scores for
    /// `pod`, computed once per node load and request.
    pub fn resource_scores(&self, pod: &PodInfo<'_>) -> (i64, i64) {
        use crate::scheduler::{balanced_allocation, node_resources};
        if let Some((requests, nonzero, least, balanced)) = self.resource_scores.get()
            && requests == pod.requests
            && nonzero == pod.nonzero
        {
            return (least, balanced);
        }
        let least = node_resources::least_allocated_score(pod, self);
        let balanced = balanced_allocation::score(pod, self);
        self.resource_scores
            .set(Some((pod.requests, pod.nonzero, least, balanced)));
        (least, balanced)
    }

    /// Sets the load of the pods already bound here.
    pub fn set_load(&mut self, load: &PodLoad) {
        self.resource_scores.set(None);
        self.pods = load.pods;
        self.requested = saturated(load.requested);
        self.nonzero_requested = saturated(load.nonzero);
        self.used_ports.clone_from(&load.ports);
    }

    /// Takes `pod`, counted here, off this node (to judge a pod against the others).
    pub fn remove(&mut self, pod: &Pod) {
        self.resource_scores.set(None);
        let (requests, nonzero) = (pod_requests(pod), nonzero_requests(pod));
        self.pods = self.pods.saturating_sub(1);
        self.requested.cpu = self.requested.cpu.saturating_sub(requests.cpu);
        self.requested.memory = self.requested.memory.saturating_sub(requests.memory);
        self.nonzero_requested.cpu = self.nonzero_requested.cpu.saturating_sub(nonzero.cpu);
        self.nonzero_requested.memory =
            self.nonzero_requested.memory.saturating_sub(nonzero.memory);
        for port in host_ports(pod) {
            if let Some(at) = self.used_ports.iter().position(|p| *p == port) {
                self.used_ports.remove(at);
            }
        }
    }

    /// Accounts for `pod` on this node.
    pub fn add(&mut self, pod: &Pod) {
        self.resource_scores.set(None);
        self.pods += 1;
        self.requested.add(pod_requests(pod));
        self.nonzero_requested.add(nonzero_requests(pod));
        self.used_ports.extend(host_ports(pod));
    }
}
