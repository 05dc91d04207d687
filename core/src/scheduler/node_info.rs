//! What the scheduler knows about each node's current load
//! (`pkg/scheduler/framework/types.go: NodeInfo`).

use crate::api::{Pod, Quantity};

/// CPU (millicores) and memory (bytes, in thousandths) a pod asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resources {
    /// `cpu`.
    pub cpu: Quantity,
    /// `memory`.
    pub memory: Quantity,
}

/// Models `resource.PodRequests`: the sum of the containers' requests, where a
/// container that sets only limits requests its limits (API defaulting).
pub fn pod_requests(pod: &Pod) -> Resources {
    let mut total = Resources::default();
    for c in &pod.spec.containers {
        let get = |name: &str| {
            c.requests
                .get(name)
                .or_else(|| c.limits.get(name))
                .copied()
                .unwrap_or_default()
        };
        total.cpu = total.cpu + get("cpu");
        total.memory = total.memory + get("memory");
    }
    total
}

/// Models `schedutil.GetNonzeroRequests`: for scoring, a container without a request
/// counts as 100m CPU and 200Mi memory, so empty pods still spread.
pub fn nonzero_requests(pod: &Pod) -> Resources {
    let mut total = Resources::default();
    for c in &pod.spec.containers {
        let get = |name: &str, default: Quantity| {
            c.requests
                .get(name)
                .or_else(|| c.limits.get(name))
                .copied()
                .filter(|q| q.milli() != 0)
                .unwrap_or(default)
        };
        total.cpu = total.cpu + get("cpu", Quantity::from_milli(100));
        total.memory = total.memory + get("memory", Quantity::from_units(200 << 20));
    }
    total
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
    /// Its images, as written and as `normalizedImageName` (`:latest` added when untagged).
    pub images: Vec<(String, String)>,
    /// For PodTopologySpread's default constraints: how many pods matching the pod's
    /// owner's selector each node runs, by node name (sorted); `None` when the pod has
    /// no such owner.
    pub spread: Option<Vec<(String, i64)>>,
}

impl<'a> PodInfo<'a> {
    /// Precomputes what scheduling `pod` needs.
    pub fn new(pod: &'a Pod) -> PodInfo<'a> {
        PodInfo {
            pod,
            requests: pod_requests(pod),
            nonzero: nonzero_requests(pod),
            ports: host_ports(pod),
            images: pod
                .spec
                .containers
                .iter()
                .map(|c| {
                    let last = c.image.rsplit('/').next().unwrap_or_default();
                    let tagged = if last.contains(':') || last.contains('@') {
                        c.image.clone()
                    } else {
                        format!("{}:latest", c.image)
                    };
                    (c.image.clone(), tagged)
                })
                .collect(),
            spread: None,
        }
    }
}

/// One node's load: pods, requested resources (actual and non-zero) and host ports.
#[derive(Debug, Clone, Default)]
pub struct NodeInfo {
    /// Pods bound to the node.
    pub pods: usize,
    /// Sum of actual requests.
    pub requested: Resources,
    /// Sum of non-zero requests, for scoring.
    pub nonzero_requested: Resources,
    /// Host ports in use.
    pub used_ports: Vec<HostPort>,
    /// Images present on the node: name, size in bytes, and how many nodes have it.
    pub images: Vec<(String, u64, usize)>,
    /// How many nodes the cluster has (ImageLocality scales by the spread).
    pub total_nodes: usize,
}

impl NodeInfo {
    /// Accounts for `pod` on this node.
    pub fn add(&mut self, pod: &Pod) {
        self.pods += 1;
        let r = pod_requests(pod);
        self.requested.cpu = self.requested.cpu + r.cpu;
        self.requested.memory = self.requested.memory + r.memory;
        let n = nonzero_requests(pod);
        self.nonzero_requested.cpu = self.nonzero_requested.cpu + n.cpu;
        self.nonzero_requested.memory = self.nonzero_requested.memory + n.memory;
        self.used_ports.extend(host_ports(pod));
    }
}
