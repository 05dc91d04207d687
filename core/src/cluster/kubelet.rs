//! The simulated kubelet on each node: admission, pulling images and starting
//! containers on the clock, and finishing deletions.

use super::Cluster;
use super::pods::pod_key;
use crate::api::toleration::find_matching_untolerated_taint;
use crate::api::{ContainerState, ContainerStatus, Pod, TaintEffect};
use crate::clock::Time;
use crate::events::{EventType, ObjectRef};
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
        changed |= self.admit_new_pods(new_pods);
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

    /// Models `pkg/kubelet/lifecycle/predicate.go: generalFilter` (only NoExecute
    /// taints are re-checked, and never for static pods), then starts the pod.
    fn admit_new_pods(&mut self, new_pods: Vec<u64>) -> bool {
        let now = self.now;
        let mut changed = false;
        let mut events = Vec::new();
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
            let untolerated = !pod.is_mirror()
                && find_matching_untolerated_taint(&node.spec.taints, &pod.spec.tolerations, |t| {
                    t.effect == TaintEffect::NoExecute
                })
                .is_some();
            let object = ObjectRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
            if untolerated {
                pod.status.phase = "Failed".to_string();
                pod.status.reason = "TaintToleration".to_string();
                pod.status.message = "Predicate TaintToleration failed".to_string();
                events.push((
                    EventType::Warning,
                    object,
                    "TaintToleration",
                    "Predicate TaintToleration failed".to_string(),
                ));
                continue;
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
        changed
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
