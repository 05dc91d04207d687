//! The simulated kubelet on each node: admission, pulling images and starting
//! containers on the clock, and finishing deletions.

use super::Cluster;
use super::pods::pod_key;
use crate::api::pod::REJECTED_PREFIX;
use crate::api::toleration::find_matching_untolerated_taint;
use crate::api::{ContainerState, ContainerStatus, Pod, TaintEffect};
use crate::clock::Time;
use crate::events::{EventType, ObjectRef};
use crate::scheduler::node_info::Contribution;
use crate::scheduler::node_info::NodeInfo;
use crate::scheduler::node_info::PodLoad;
use crate::scheduler::node_info::pod_requests;
use crate::scheduler::node_resources::InsufficientResource;
use crate::scheduler::node_resources::insufficient_resources;
use crate::sorted_map::SortedMap;
use std::collections::BTreeMap;

/// How long pulling an image takes on the simulated network.
const IMAGE_PULL_MILLIS: u64 = 2000;
/// How long creating and starting containers takes once the image is there.
const CONTAINER_START_MILLIS: u64 = 1000;
/// The kubelet renews its node lease every 10 s (`nodeLeaseDurationSeconds` 40 × 0.25).
pub(super) const LEASE_RENEW_MILLIS: u64 = 10_000;

/// `True`, `False` or `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConditionStatus {
    /// The condition holds.
    True,
    /// It does not.
    False,
    /// Nobody has reported it lately.
    Unknown,
}

impl ConditionStatus {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionStatus::True => "True",
            ConditionStatus::False => "False",
            ConditionStatus::Unknown => "Unknown",
        }
    }
}

/// The machine behind a node: its kubelet, pulled images and manifest files.
#[derive(Debug, Clone)]
pub struct NodeRuntime {
    /// Whether the kubelet process runs (`systemctl stop kubelet` clears it).
    pub kubelet_running: bool,
    /// When the kubelet (re)started.
    pub kubelet_started: Time,
    /// When it stopped, while stopped.
    pub kubelet_stopped: Option<Time>,
    /// The Ready condition as the API shows it.
    pub ready: ConditionStatus,
    /// When Ready last changed.
    pub ready_since: Time,
    /// Images pulled on this node.
    pub images: Vec<String>,
    /// Static pod manifests: file name under the manifest directory to content.
    pub manifests: BTreeMap<String, String>,
    /// Why a manifest file could not be used, by file name.
    pub manifest_errors: BTreeMap<String, String>,
    /// Each manifest file as the kubelet decoded it when it was written, by file
    /// name: the control loops read these, never the text again.
    pub(super) static_pods: BTreeMap<String, super::static_pods::Decoded>,
    /// Pods being started: pod key to the moment their containers run.
    pub(super) starting: SortedMap<String, Time>,
    /// Static pods whose containers run, by config hash, so a re-created mirror
    /// pod shows them running rather than starting again.
    pub(super) static_running: SortedMap<String, Time>,
    /// The node's `InternalIP` (kind hands out 172.18.0.2, .3, ...).
    pub internal_ip: String,
    /// `spec.podCIDR`, from which pod IPs are taken.
    pub pod_cidr: String,
    /// The last host number handed out in `pod_cidr`.
    next_pod_host: u32,
}

impl NodeRuntime {
    /// A node whose kubelet has just started and reports Ready; `serial` numbers the
    /// nodes of the cluster from 0 and decides its addresses.
    pub fn started(now: Time, serial: u32) -> NodeRuntime {
        NodeRuntime {
            kubelet_running: true,
            kubelet_started: now,
            kubelet_stopped: None,
            ready: ConditionStatus::True,
            ready_since: now,
            images: Vec::new(),
            manifests: BTreeMap::new(),
            manifest_errors: BTreeMap::new(),
            static_pods: BTreeMap::new(),
            starting: SortedMap::default(),
            static_running: SortedMap::default(),
            internal_ip: format!("172.18.{}.{}", (serial + 2) / 256, (serial + 2) % 256),
            pod_cidr: format!("10.{}.{}.0/24", 244 + serial / 256, serial % 256),
            next_pod_host: 1,
        }
    }

    /// The next pod IP from the node's pod CIDR (host numbers 2..=254, then around).
    fn allocate_pod_ip(&mut self) -> String {
        self.next_pod_host = if self.next_pod_host >= 254 {
            2
        } else {
            self.next_pod_host + 1
        };
        let prefix = self.pod_cidr.trim_end_matches(".0/24");
        format!("{prefix}.{}", self.next_pod_host)
    }

    pub(super) fn stop(&mut self, now: Time) {
        if self.kubelet_running {
            self.kubelet_running = false;
            self.kubelet_stopped = Some(now);
        }
    }

    pub(super) fn start(&mut self, now: Time) {
        if !self.kubelet_running {
            self.kubelet_running = true;
            self.kubelet_started = now;
            self.kubelet_stopped = None;
        }
    }

    /// The last lease renewal the control plane saw.
    pub fn last_heartbeat(&self, now: Time) -> Time {
        let until = self.kubelet_stopped.unwrap_or(now);
        let since_start = until.millis_since(self.kubelet_started);
        self.kubelet_started
            .plus_millis(since_start - since_start % LEASE_RENEW_MILLIS)
    }

    /// The next moment a pod finishes starting here.
    pub(super) fn next_deadline(&self, now: Time) -> Option<Time> {
        if !self.kubelet_running {
            return None;
        }
        self.starting.values().copied().filter(|t| *t > now).min()
    }
}

/// The rejection reason for a resource the node lacks (`predicateAdmitHandler.Admit`'s
/// `OutOfCPU`, `OutOfMemory`, `OutOfPods`): `OutOf` and the resource's name.
fn out_of(resource: &str) -> &'static str {
    match resource {
        "cpu" => "OutOfcpu",
        "memory" => "OutOfmemory",
        _ => "OutOfpods",
    }
}

/// The preempted pods' status message and event (`preemption.go: message`).
const PREEMPTED: &str = "Preempted in order to admit critical pod";

/// Models `kubetypes.Preemptable`: a critical pod preempts any other, and a pod
/// preempts a lower priority.
fn preemptable(preemptor: &Pod, preemptee: &Pod) -> bool {
    (is_critical(preemptor) && !is_critical(preemptee))
        || preemptor.spec.priority > preemptee.spec.priority
}

/// Models `resource.GetResourceRequest`: one pod, millicores or bytes.
fn request_of(pod: &Pod, resource: &str) -> i64 {
    let requests = pod_requests(pod);
    match resource {
        "cpu" => requests.cpu,
        "memory" => requests.memory,
        _ => 1,
    }
}

/// Models `admissionRequirementList.subtract`: what is still missing once `pods`
/// are gone.
fn subtract(requirements: &[(&'static str, i64)], pods: &[&Pod]) -> Vec<(&'static str, i64)> {
    let mut left = Vec::new();
    for &(resource, quantity) in requirements {
        let mut remaining = quantity;
        for pod in pods {
            remaining = remaining.saturating_sub(request_of(pod, resource));
            if remaining <= 0 {
                break;
            }
        }
        if remaining > 0 {
            left.push((resource, remaining));
        }
    }
    left
}

/// Models `admissionRequirementList.toString`.
fn requirements_text(requirements: &[(&'static str, i64)]) -> String {
    let mut text = "[".to_string();
    for (resource, quantity) in requirements {
        text.push_str(&format!("(res: {resource}, q: {quantity}), "));
    }
    text.push(']');
    text
}

/// Models `v1qos.GetPodQOS` on cpu and memory: 0 BestEffort, 1 Burstable,
/// 2 Guaranteed.
fn qos_rank(pod: &Pod) -> u8 {
    let mut any = false;
    let mut guaranteed = true;
    for c in &pod.spec.containers {
        for name in ["cpu", "memory"] {
            let limit = c.limits.get(name).filter(|q| q.is_positive());
            // A request defaults to the limit.
            let request = c.requests.get(name).or(limit).filter(|q| q.is_positive());
            any |= limit.is_some() || request.is_some();
            match (request, limit) {
                (Some(r), Some(l)) if r.cmp_value(l).is_eq() => {}
                _ => guaranteed = false,
            }
        }
    }
    match (any, guaranteed) {
        (false, _) => 0,
        (true, false) => 1,
        (true, true) => 2,
    }
}

/// The pods of a candidate list.
fn refs<'a>(set: &[(u64, &'a Pod)]) -> Vec<&'a Pod> {
    set.iter().map(|(_, p)| *p).collect()
}

/// Models `getPodsToPreempt`: the guaranteed pods needed if every burstable
/// and best-effort pod went, then the burstable ones needed beside the
/// best-effort pods and those, then the best-effort ones; `Err` holds what no
/// set of pods frees.
fn pods_to_preempt(
    candidates: &[(u64, &Pod)],
    requirements: Vec<(&'static str, i64)>,
) -> Result<Vec<u64>, String> {
    let class = |rank: u8| -> Vec<(u64, &Pod)> {
        candidates
            .iter()
            .filter(|(_, p)| qos_rank(p) == rank)
            .copied()
            .collect()
    };
    let (best_effort, burstable, guaranteed) = (class(0), class(1), class(2));
    let all: Vec<&Pod> = refs(&best_effort)
        .into_iter()
        .chain(refs(&burstable))
        .chain(refs(&guaranteed))
        .collect();
    let unmet = subtract(&requirements, &all);
    if !unmet.is_empty() {
        return Err(requirements_text(&unmet));
    }
    let lower: Vec<&Pod> = refs(&best_effort)
        .into_iter()
        .chain(refs(&burstable))
        .collect();
    let guaranteed_out = by_distance(guaranteed, subtract(&requirements, &lower))?;
    let besides: Vec<&Pod> = refs(&best_effort)
        .into_iter()
        .chain(refs(&guaranteed_out))
        .collect();
    let burstable_out = by_distance(burstable, subtract(&requirements, &besides))?;
    let others: Vec<&Pod> = refs(&burstable_out)
        .into_iter()
        .chain(refs(&guaranteed_out))
        .collect();
    let best_effort_out = by_distance(best_effort, subtract(&requirements, &others))?;
    Ok(best_effort_out
        .into_iter()
        .chain(burstable_out)
        .chain(guaranteed_out)
        .map(|(seq, _)| seq)
        .collect())
}

/// Models `getPodsToPreemptByDistance`: repeatedly takes the pod nearest to
/// what is missing (`distance`), the smaller request on a tie
/// (`smallerResourceRequest`: memory, then cpu).
fn by_distance<'a>(
    mut pods: Vec<(u64, &'a Pod)>,
    mut requirements: Vec<(&'static str, i64)>,
) -> Result<Vec<(u64, &'a Pod)>, String> {
    let distance = |requirements: &[(&'static str, i64)], pod: &Pod| -> f64 {
        requirements
            .iter()
            .map(|&(resource, quantity)| {
                let remaining = quantity.saturating_sub(request_of(pod, resource)) as f64;
                if remaining > 0.0 {
                    (remaining / quantity as f64).powi(2)
                } else {
                    0.0
                }
            })
            .sum()
    };
    let smaller = |a: &Pod, b: &Pod| -> bool {
        for resource in ["memory", "cpu"] {
            let (x, y) = (request_of(a, resource), request_of(b, resource));
            if x != y {
                return x < y;
            }
        }
        true
    };
    let mut out = Vec::new();
    while !requirements.is_empty() {
        if pods.is_empty() {
            return Err(requirements_text(&requirements));
        }
        let mut best_distance = (requirements.len() + 1) as f64;
        let mut best = 0;
        for (i, (_, pod)) in pods.iter().enumerate() {
            let d = distance(&requirements, pod);
            let tie_smaller = pods.get(best).is_some_and(|(_, b)| smaller(pod, b));
            if d < best_distance || (d == best_distance && tie_smaller) {
                best_distance = d;
                best = i;
            }
        }
        let chosen = pods.swap_remove(best);
        requirements = subtract(&requirements, &[chosen.1]);
        out.push(chosen);
    }
    Ok(out)
}

/// Models `kubetypes.IsCriticalPod`: static and mirror pods, and pods of a
/// system priority (at least `SystemCriticalPriority`, 2000000000).
fn is_critical(pod: &Pod) -> bool {
    const SYSTEM_CRITICAL_PRIORITY: i32 = 2_000_000_000;
    pod.is_mirror() || pod.spec.priority >= SYSTEM_CRITICAL_PRIORITY
}

fn initial_container_statuses(pod: &Pod, reason: &str) -> Vec<ContainerStatus> {
    pod.spec
        .containers
        .iter()
        .map(|c| ContainerStatus {
            name: c.name.clone(),
            image: c.image.clone(),
            ready: false,
            restart_count: 0,
            state: ContainerState::Waiting(reason.to_string()),
        })
        .collect()
}

impl Cluster {
    /// Models each kubelet's pod workers: admit newly bound pods, pull and start
    /// their containers on the clock, and finish deletions held while it was down.
    pub(super) fn sync_kubelets(&mut self) -> bool {
        let running =
            |c: &Cluster, node: &str| c.nodes.get(node).is_some_and(|r| r.runtime.kubelet_running);
        // The store keeps the pods that wait for their kubelet.
        let mut terminating = Vec::new();
        let mut new_pods = Vec::new();
        let waiting = self
            .pods
            .kubelet_work()
            .filter_map(|seq| Some((seq, self.pods.get_seq(seq)?)));
        for (seq, pod) in waiting {
            let terminating_here = pod.is_terminating();
            let new_here = !terminating_here
                && pod.status.start_time.is_none()
                && pod.status.phase == "Pending";
            // Most pods are neither; only then is their node looked up.
            if pod.spec.node_name.is_empty()
                || !(terminating_here || new_here)
                || !running(self, &pod.spec.node_name)
            {
                continue;
            }
            if terminating_here {
                terminating.push(pod_key(pod));
            } else {
                new_pods.push(seq);
            }
        }
        let mut changed = !terminating.is_empty();
        for key in &terminating {
            self.remove_pod(key);
        }
        changed |= self.admit_new_pods(new_pods, true);
        let busy: Vec<std::rc::Rc<str>> = self
            .nodes
            .iter()
            .filter(|(_, r)| {
                r.runtime.kubelet_running && r.runtime.starting.values().any(|t| *t <= self.now)
            })
            .map(|(n, _)| n.clone())
            .collect();
        for node in busy {
            changed |= self.start_due_pods(&node);
        }
        changed
    }

    /// Models `Kubelet.HandlePodAdditions` with `predicateAdmitHandler.Admit` and
    /// `generalFilter` (`pkg/kubelet/lifecycle/predicate.go`): each new pod, in
    /// arrival order, must fit in what the node's other active pods leave
    /// (`noderesources.Fits`), and tolerate its NoExecute taints (never checked
    /// for static pods); a pod that fails is rejected (`Kubelet.rejectPod`),
    /// otherwise it starts.
    /// `may_preempt` is false once critical pods have made room: they are then
    /// admitted as they are.
    fn admit_new_pods(&mut self, new_pods: Vec<u64>, may_preempt: bool) -> bool {
        let now = self.now;
        let mut changed = false;
        let mut events = Vec::new();
        let mut others = self.admission_node_infos(&new_pods);
        // Critical pods that must make room, handled once the others are in
        // (see `admit_critical_pods` for the order).
        let mut preempt_for = Vec::new();
        for seq in new_pods {
            // The pod and its node are separate fields: borrow both at once.
            let Some(mut pod) = self.pods.get_mut_seq(seq) else {
                continue;
            };
            let pod = &mut *pod;
            let Some((node, runtime)) = self.nodes.runtime_mut(pod.spec.node_name.as_str()) else {
                continue;
            };
            changed = true;
            let object = ObjectRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
            let info = others.get_mut(pod.spec.node_name.as_str());
            let requests = pod_requests(pod);
            // `AdmissionCheck` puts the resources first, and `Admit` reports the
            // first reason.
            let all_lacking = info
                .as_deref()
                .map(|info| insufficient_resources(requests, info))
                .unwrap_or_default();
            // `CriticalPodAdmissionHandler.HandleAdmissionFailure`: a critical pod
            // is not refused for resources but makes room, unless another reason
            // refuses it anyway.
            let critical = is_critical(pod);
            // A re-created mirror pod reflects a static pod the kubelet admitted
            // long ago, and whose containers still run: nothing is checked again.
            let readmitted = pod
                .metadata
                .annotations
                .get("kubernetes.io/config.hash")
                .is_some_and(|h| runtime.static_running.contains_key(h));
            let lacking = all_lacking
                .first()
                .copied()
                .filter(|_| !critical && !readmitted);
            let rejection = if let Some(lacking) = lacking {
                Some((
                    out_of(lacking.resource),
                    // `InsufficientResourceError.Error`.
                    format!(
                        "Node didn't have enough resource: {}, requested: {}, used: {}, capacity: {}",
                        lacking.resource, lacking.requested, lacking.used, lacking.capacity
                    ),
                ))
            } else if !pod.is_mirror()
                && find_matching_untolerated_taint(&node.spec.taints, &pod.spec.tolerations, |t| {
                    t.effect == TaintEffect::NoExecute
                })
                .is_some()
            {
                Some((
                    "TaintToleration",
                    "Predicate TaintToleration failed".to_string(),
                ))
            } else if critical && may_preempt && !readmitted && !all_lacking.is_empty() {
                preempt_for.push((seq, all_lacking));
                continue;
            } else {
                None
            };
            if let Some((reason, message)) = rejection {
                // `Kubelet.rejectPod`: the event has the bare message, the status
                // the prefixed one.
                pod.status.phase = "Failed".to_string();
                pod.status.reason = reason.to_string();
                pod.status.message = format!("{REJECTED_PREFIX}{message}");
                events.push((EventType::Warning, object, reason, message));
                continue;
            }
            // Admitted: it is one of the node's active pods for the next one.
            if let Some(info) = info {
                info.add(pod);
            }
            pod.status.start_time = Some(now);
            pod.status.container_statuses = initial_container_statuses(pod, "ContainerCreating");
            pod.set_condition("Initialized", "True", "", "");
            pod.set_condition("Ready", "False", "ContainersNotReady", "");
            pod.status.host_ip = runtime.internal_ip.clone();
            pod.status.pod_ip = if pod.spec.host_network {
                runtime.internal_ip.clone()
            } else {
                runtime.allocate_pod_ip()
            };
            // A re-created mirror pod finds its static pod's containers still running.
            let since = pod
                .metadata
                .annotations
                .get("kubernetes.io/config.hash")
                .and_then(|h| runtime.static_running.get(h).copied());
            if let Some(since) = since {
                mark_running(pod, since);
                continue;
            }
            let mut pulling = false;
            for image in pod.spec.containers.iter().map(|c| &c.image) {
                if !runtime.images.contains(image) {
                    pulling = true;
                    events.push((
                        EventType::Normal,
                        object.clone(),
                        "Pulling",
                        format!("Pulling image {image:?}"),
                    ));
                }
            }
            let delay = if pulling {
                IMAGE_PULL_MILLIS + CONTAINER_START_MILLIS
            } else {
                CONTAINER_START_MILLIS
            };
            runtime
                .starting
                .insert(pod_key(pod), now.plus_millis(delay));
        }
        for (type_, object, reason, message) in events {
            self.record_event(type_, object, "kubelet", reason, message);
        }
        if !preempt_for.is_empty() {
            self.admit_critical_pods(preempt_for);
            changed = true;
        }
        changed
    }

    /// Models `CriticalPodAdmissionHandler.evictPodsToFreeRequests`
    /// (`pkg/kubelet/preemption/preemption.go`) for critical pods that lack only
    /// resources: the kubelet fails the fewest, smallest lower pods that free
    /// what is missing (`getPodsToPreempt`), then admits the pod; when no such
    /// set exists it refuses it with `UnexpectedAdmissionError`. These pods are
    /// handled after the rest of their batch, which the kubelet would have
    /// admitted before them only if they came first: a simplification that
    /// matters only when pods arrive together.
    fn admit_critical_pods(&mut self, pods: Vec<(u64, Vec<InsufficientResource>)>) {
        let mut admit = Vec::new();
        for (seq, lacking) in pods {
            let Some(pod) = self.pods.get_seq(seq) else {
                continue;
            };
            let node = pod.spec.node_name.clone();
            let object = ObjectRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
            // `kl.GetActivePods()`: the node's admitted pods that are not terminal.
            let candidates: Vec<(u64, &Pod)> = self
                .pods
                .on_node(&node)
                .filter(|s| *s != seq)
                .filter_map(|s| Some((s, self.pods.get_seq(s)?)))
                .filter(|(_, p)| {
                    p.status.phase != "Failed"
                        && p.status.phase != "Succeeded"
                        && p.status.start_time.is_some()
                        && preemptable(pod, p)
                })
                .collect();
            let requirements: Vec<(&'static str, i64)> = lacking
                .iter()
                .map(|r| {
                    (
                        r.resource,
                        r.requested
                            .saturating_sub(r.capacity.saturating_sub(r.used)),
                    )
                })
                .collect();
            match pods_to_preempt(&candidates, requirements) {
                Ok(victims) => {
                    for victim in victims {
                        let victim_ref = self.pods.get_mut_seq(victim).map(|mut p| {
                            p.status.phase = "Failed".to_string();
                            p.status.reason = "Preempting".to_string();
                            p.status.message = PREEMPTED.to_string();
                            for c in &mut p.status.container_statuses {
                                c.ready = false;
                            }
                            // Killed, its containers are no longer ready.
                            p.set_condition("ContainersReady", "False", "ContainersNotReady", "");
                            p.set_condition("Ready", "False", "ContainersNotReady", "");
                            ObjectRef::new("Pod", &p.metadata.namespace, &p.metadata.name)
                        });
                        if let Some(victim_ref) = victim_ref {
                            self.record_event(
                                EventType::Warning,
                                victim_ref,
                                "kubelet",
                                "Preempting",
                                PREEMPTED.to_string(),
                            );
                        }
                    }
                    admit.push(seq);
                }
                Err(unmet) => {
                    // `predicateAdmitHandler.Admit` on the handler's error.
                    let message = format!(
                        "Unexpected error while attempting to recover from admission failure: preemption: error finding a set of pods to preempt: no set of running pods found to reclaim resources: {unmet}"
                    );
                    if let Some(mut p) = self.pods.get_mut_seq(seq) {
                        p.status.phase = "Failed".to_string();
                        p.status.reason = "UnexpectedAdmissionError".to_string();
                        p.status.message = format!("{REJECTED_PREFIX}{message}");
                    }
                    self.record_event(
                        EventType::Warning,
                        object,
                        "kubelet",
                        "UnexpectedAdmissionError",
                        message,
                    );
                }
            }
        }
        if !admit.is_empty() {
            self.admit_new_pods(admit, false);
        }
    }

    /// What each node's kubelet counts as its other active pods when it admits
    /// the pods of `batch` (`attrs.OtherPods` in `predicateAdmitHandler.Admit`):
    /// the store's per-node sums, which hold every bound pod that is not
    /// terminal, less the batch's pods, which the kubelet has not admitted yet.
    fn admission_node_infos(&self, batch: &[u64]) -> BTreeMap<String, NodeInfo> {
        // The batch is taken off the exact (i128) sums, not a saturated NodeInfo:
        // pods asking for more than int64 would otherwise leave a negative load.
        let mut loads: BTreeMap<&str, PodLoad> = BTreeMap::new();
        for pod in batch.iter().filter_map(|seq| self.pods.get_seq(*seq)) {
            let name = pod.spec.node_name.as_str();
            if !loads.contains_key(name) {
                let load = self.pods.load_on(name).cloned().unwrap_or_default();
                loads.insert(name, load);
            }
            if let Some(load) = loads.get_mut(name) {
                load.remove(&Contribution::of(pod));
            }
        }
        let mut infos = BTreeMap::new();
        for (name, load) in loads {
            let Some(record) = self.nodes.get(name) else {
                continue;
            };
            let mut info = NodeInfo::for_node(&record.node);
            info.set_load(&load);
            infos.insert(name.to_string(), info);
        }
        infos
    }

    fn start_due_pods(&mut self, node: &str) -> bool {
        let now = self.now;
        let Some(record) = self.nodes.get(node) else {
            return false;
        };
        let due: Vec<String> = record
            .runtime
            .starting
            .iter()
            .filter(|(_, t)| **t <= now)
            .map(|(k, _)| k.clone())
            .collect();
        for key in &due {
            let Some((_, runtime)) = self.nodes.runtime_mut(node) else {
                break;
            };
            runtime.starting.remove(key);
            let Some(mut pod) = self.pods.get_mut(key) else {
                continue;
            };
            if pod.is_terminating() || pod.status.phase != "Pending" {
                continue;
            }
            mark_running(&mut pod, now);
            let object = ObjectRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
            let containers: Vec<(String, String)> = pod
                .spec
                .containers
                .iter()
                .map(|c| (c.name.clone(), c.image.clone()))
                .collect();
            if let Some(hash) = pod.metadata.annotations.get("kubernetes.io/config.hash") {
                runtime.static_running.insert(hash.clone(), now);
            }
            drop(pod);
            let mut newly_pulled = Vec::new();
            for (_, image) in &containers {
                if !runtime.images.contains(image) {
                    runtime.images.push(image.clone());
                    newly_pulled.push(image.clone());
                }
            }
            let minor = self.version.minor;
            for (name, image) in containers {
                let pulled = if newly_pulled.contains(&image) {
                    pulled_message(&image, minor)
                } else {
                    format!("Container image {image:?} already present on machine")
                };
                self.record_event(
                    EventType::Normal,
                    object.clone(),
                    "kubelet",
                    "Pulled",
                    pulled,
                );
                let (created, started) = container_messages(&name, minor);
                self.record_event(
                    EventType::Normal,
                    object.clone(),
                    "kubelet",
                    "Created",
                    created,
                );
                self.record_event(
                    EventType::Normal,
                    object.clone(),
                    "kubelet",
                    "Started",
                    started,
                );
            }
        }
        !due.is_empty()
    }
}

impl Cluster {
    /// A kubelet that starts again finds its pods' containers still running and
    /// posts their status afresh (`pkg/kubelet/status: syncPod`): the Ready
    /// condition the node-lifecycle controller turned False is True again.
    pub(super) fn repost_pod_statuses(&mut self, node: &str) {
        let seqs: Vec<u64> = self.pods.on_node(node).collect();
        for seq in seqs {
            if let Some(mut pod) = self.pods.get_mut_seq(seq)
                && !pod.is_terminating()
                && pod.status.phase == "Running"
            {
                pod.set_condition("Ready", "True", "", "");
            }
        }
    }
}

/// The `Pulled` message after a pull, as the simulated version words it
/// (`pkg/kubelet/images/image_manager.go`).
fn pulled_message(image: &str, minor: u32) -> String {
    let took = format!("{}s", IMAGE_PULL_MILLIS / 1000);
    if minor >= 30 {
        let size = crate::names::image_size(image);
        format!(
            "Successfully pulled image {image:?} in {took} ({took} including waiting). Image size: {size} bytes."
        )
    } else if minor >= 26 {
        format!("Successfully pulled image {image:?} in {took} ({took} including waiting)")
    } else {
        format!("Successfully pulled image {image:?} in {took}")
    }
}

/// The `Created` and `Started` messages (`pkg/kubelet/kuberuntime/kuberuntime_container.go`):
/// the name went behind a colon in 1.32 and out of the text in 1.35 (PR #134043).
fn container_messages(name: &str, minor: u32) -> (String, String) {
    if minor >= 35 {
        (
            "Container created".to_string(),
            "Container started".to_string(),
        )
    } else if minor >= 32 {
        (
            format!("Created container: {name}"),
            format!("Started container {name}"),
        )
    } else {
        (
            format!("Created container {name}"),
            format!("Started container {name}"),
        )
    }
}

fn mark_running(pod: &mut Pod, since: Time) {
    pod.status.phase = "Running".to_string();
    for status in &mut pod.status.container_statuses {
        status.ready = true;
        status.state = ContainerState::Running(since);
    }
    pod.set_condition("ContainersReady", "True", "", "");
    pod.set_condition("Ready", "True", "", "");
}
