//! `kubectl describe pod` (`describe.go: describePod`, `describeContainers`,
//! `qos.GetPodQOS`).

use super::writer::{self, PrefixWriter, ZERO_TIME, rfc1123z};
use crate::age::age;
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::{Container, ContainerState, ContainerStatus, Pod, PodSpec, Quantity};
use taintlab_core::events::Event;
use taintlab_core::why::resources::requests;

/// The grace period a deletion uses when the pod does not set one.
const DEFAULT_GRACE_SECONDS: u32 = 30;

/// Models `describePod` over the simulated pod and, with `show_events`, its events.
pub fn describe(cluster: &Cluster, pod: &Pod, show_events: bool) -> String {
    let mut w = PrefixWriter::default();
    let meta = &pod.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    // The Priority admission plugin always resolves `spec.priority`.
    w.write(0, &format!("Priority:\t{}\n", pod.spec.priority));
    if !pod.spec.priority_class_name.is_empty() {
        w.write(
            0,
            &format!("Priority Class Name:\t{}\n", *pod.spec.priority_class_name),
        );
    }
    // The ServiceAccount admission plugin defaults the account, except for mirror pods.
    if !pod.is_mirror() {
        w.write(0, "Service Account:\tdefault\n");
    }
    if pod.spec.node_name.is_empty() {
        w.write(0, "Node:\t<none>\n");
    } else {
        w.write(
            0,
            &format!("Node:\t{}/{}\n", pod.spec.node_name, pod.status.host_ip),
        );
    }
    if let Some(start) = pod.status.start_time {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    writer::labels(&mut w, "Labels", &meta.labels);
    writer::annotations(&mut w, "Annotations", &meta.annotations);
    let finished = pod.status.phase == "Failed" || pod.status.phase == "Succeeded";
    match meta.deleted {
        Some(deleted) if !finished => {
            w.write(
                0,
                &format!(
                    "Status:\tTerminating (lasts {})\n",
                    age(cluster.now(), Some(deleted))
                ),
            );
            w.write(
                0,
                &format!("Termination Grace Period:\t{DEFAULT_GRACE_SECONDS}s\n"),
            );
        }
        _ => w.write(0, &format!("Status:\t{}\n", pod.status.phase)),
    }
    if !pod.status.reason.is_empty() {
        w.write(0, &format!("Reason:\t{}\n", pod.status.reason));
    }
    if !pod.status.message.is_empty() {
        w.write(0, &format!("Message:\t{}\n", pod.status.message));
    }
    w.write(0, &format!("IP:\t{}\n", pod.status.pod_ip));
    // Models `describePodIPs`: the simulated kubelet hands out one address.
    if pod.status.pod_ip.is_empty() {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        w.write(1, &format!("IP:\t{}\n", pod.status.pod_ip));
    }
    if let Some(owner) = meta.controller_of() {
        w.write(
            0,
            &format!("Controlled By:\t{}/{}\n", owner.kind, owner.name),
        );
    }
    if !pod.status.nominated_node_name.is_empty() {
        w.write(
            0,
            &format!("NominatedNodeName:\t{}\n", pod.status.nominated_node_name),
        );
    }
    containers(&mut w, "", &pod.spec, Some(&pod.status.container_statuses));
    let conditions = conditions(pod, cluster.version().minor);
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for (type_, status) in conditions {
            w.write(1, &format!("{type_} \t{status} \n"));
        }
    }
    // taintlab keeps no volumes: upstream's line for a pod without any.
    w.write(0, "Volumes:\t<none>\n");
    w.write(0, &format!("QoS Class:\t{}\n", qos_class(&pod.spec)));
    writer::labels(&mut w, "Node-Selectors", &pod.spec.node_selector);
    writer::tolerations(&mut w, "Tolerations", &pod.spec.tolerations);
    if show_events {
        writer::events(&mut w, &events(cluster, pod), cluster.now());
    }
    w.finish()
}

/// Events about the pod. Upstream searches by UID; a pod re-created under the
/// same name is told apart by its creation time.
fn events<'a>(cluster: &'a Cluster, pod: &'a Pod) -> Vec<&'a Event> {
    let created = pod.metadata.created;
    cluster
        .events()
        .about("Pod", &pod.metadata.namespace, &pod.metadata.name)
        .filter(|e| e.last_timestamp >= created)
        .collect()
}

/// The pod's conditions as the API shows them. Once the kubelet has synced the pod
/// it owns the list (`kubelet_pods.go: generateAPIPodStatus`):
/// PodReadyToStartContainers (1.29+), Initialized, Ready, ContainersReady, then
/// PodScheduled, then any others (such as DisruptionTarget).
fn conditions(pod: &Pod, minor: u32) -> Vec<(String, String)> {
    let stored = |type_: &str| pod.condition(type_).map(|c| c.status.clone());
    if pod.status.start_time.is_none() {
        return pod
            .status
            .conditions
            .iter()
            .map(|c| (c.type_.clone(), c.status.clone()))
            .collect();
    }
    let all_ready = !pod.status.container_statuses.is_empty()
        && pod.status.container_statuses.iter().all(|s| s.ready);
    let bool_status = |b: bool| if b { "True" } else { "False" }.to_string();
    let mut list = Vec::new();
    if minor >= 29 {
        list.push(("PodReadyToStartContainers".to_string(), "True".to_string()));
    }
    list.push(("Initialized".to_string(), "True".to_string()));
    list.push((
        "Ready".to_string(),
        stored("Ready").unwrap_or_else(|| bool_status(all_ready)),
    ));
    list.push((
        "ContainersReady".to_string(),
        stored("ContainersReady").unwrap_or_else(|| bool_status(all_ready)),
    ));
    list.push((
        "PodScheduled".to_string(),
        stored("PodScheduled").unwrap_or_else(|| "True".to_string()),
    ));
    const OWNED: [&str; 5] = [
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
    ];
    for c in &pod.status.conditions {
        if !OWNED.contains(&c.type_.as_str()) {
            list.push((c.type_.clone(), c.status.clone()));
        }
    }
    list
}

/// Models `qos.GetPodQOS` (only CPU and memory count).
fn qos_class(spec: &PodSpec) -> &'static str {
    const SUPPORTED: [&str; 2] = ["cpu", "memory"];
    let mut requests: BTreeMap<&str, Quantity> = BTreeMap::new();
    let mut limits: BTreeMap<&str, Quantity> = BTreeMap::new();
    let mut guaranteed = true;
    for c in &spec.containers {
        for (name, q) in requests_of(c) {
            if SUPPORTED.contains(&name) && q.is_positive() {
                let total = requests.entry(name).or_default();
                *total = *total + q;
            }
        }
        let mut found = 0;
        for (name, q) in &c.limits {
            if let Some(&name) = SUPPORTED.iter().find(|s| **s == name.as_str())
                && q.is_positive()
            {
                found += 1;
                let total = limits.entry(name).or_default();
                *total = *total + *q;
            }
        }
        if found < SUPPORTED.len() {
            guaranteed = false;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort";
    }
    if guaranteed
        && requests
            .iter()
            .all(|(k, v)| limits.get(k).is_some_and(|l| l.cmp_value(v).is_eq()))
        && requests.len() == limits.len()
    {
        return "Guaranteed";
    }
    "Burstable"
}

fn requests_of(c: &Container) -> Vec<(&'static str, Quantity)> {
    requests(c)
        .into_iter()
        .filter_map(|(name, q)| match name.as_str() {
            "cpu" => Some(("cpu", q)),
            "memory" => Some(("memory", q)),
            _ => None,
        })
        .collect()
}

/// Models `describeContainers("Containers", ...)`: `space` is `"  "` inside a pod
/// template, whose containers have no status.
pub(super) fn containers(
    w: &mut PrefixWriter,
    space: &str,
    spec: &PodSpec,
    statuses: Option<&[ContainerStatus]>,
) {
    let none = if spec.containers.is_empty() {
        " <none>"
    } else {
        ""
    };
    w.write(0, &format!("{space}Containers:{none}\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in &spec.containers {
        let status = statuses.and_then(|s| s.iter().find(|s| s.name == c.name));
        w.write(1, &format!("{name_indent}{}:\n", c.name));
        // taintlab keeps no container or image IDs: the empty strings upstream shows.
        if status.is_some() {
            w.write(2, "Container ID:\t\n");
        }
        w.write(2, &format!("Image:\t{}\n", c.image));
        if status.is_some() {
            w.write(2, "Image ID:\t\n");
        }
        let protocol =
            |p: &taintlab_core::api::ContainerPort| p.protocol.clone().unwrap_or("TCP".into());
        let ports: Vec<String> = c
            .ports
            .iter()
            .map(|p| format!("{}/{}", p.container_port, protocol(p)))
            .collect();
        port_line(w, "Port", "Ports", &ports.join(", "));
        // API defaulting: with the host's network, hostPort defaults to containerPort.
        let host_ports: Vec<String> = c
            .ports
            .iter()
            .map(|p| {
                let host = p.host_port.unwrap_or(if spec.host_network {
                    p.container_port
                } else {
                    0
                });
                format!("{host}/{}", protocol(p))
            })
            .collect();
        port_line(w, "Host Port", "Host Ports", &host_ports.join(", "));
        if let Some(status) = status {
            state(w, status);
        }
        resources(w, "Limits", &c.limits);
        resources(w, "Requests", &requests(c));
        w.write(2, "Environment:\t<none>\n");
        w.write(2, "Mounts:\t<none>\n");
    }
}

fn port_line(w: &mut PrefixWriter, one: &str, many: &str, ports: &str) {
    if ports.contains(',') {
        w.write(2, &format!("{many}:\t{ports}\n"));
    } else if ports.is_empty() {
        w.write(2, &format!("{one}:\t<none>\n"));
    } else {
        w.write(2, &format!("{one}:\t{ports}\n"));
    }
}

/// Models `describeResources` at container level.
fn resources(w: &mut PrefixWriter, title: &str, list: &BTreeMap<String, Quantity>) {
    if list.is_empty() {
        return;
    }
    w.write(2, &format!("{title}:\n"));
    for (name, q) in list {
        w.write(3, &format!("{name}:\t{q}\n"));
    }
}

/// Models `describeContainerState` and `describeStatus`.
fn state(w: &mut PrefixWriter, status: &ContainerStatus) {
    match &status.state {
        ContainerState::Running(since) => {
            w.write(2, "State:\tRunning\n");
            w.write(3, &format!("Started:\t{}\n", rfc1123z(*since)));
        }
        ContainerState::Waiting(reason) => {
            w.write(2, "State:\tWaiting\n");
            if !reason.is_empty() {
                w.write(3, &format!("Reason:\t{reason}\n"));
            }
        }
        ContainerState::Terminated(reason) => {
            w.write(2, "State:\tTerminated\n");
            if !reason.is_empty() {
                w.write(3, &format!("Reason:\t{reason}\n"));
            }
            // No exit code or times are simulated: Go's zero values.
            w.write(3, "Exit Code:\t0\n");
            w.write(3, &format!("Started:\t{ZERO_TIME}\n"));
            w.write(3, &format!("Finished:\t{ZERO_TIME}\n"));
        }
    }
    let ready = if status.ready { "True" } else { "False" };
    w.write(2, &format!("Ready:\t{ready}\n"));
    w.write(2, &format!("Restart Count:\t{}\n", status.restart_count));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(requests: &[(&str, &str)], limits: &[(&str, &str)]) -> Container {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Quantity::parse(v).unwrap_or_default()))
                .collect()
        };
        Container {
            name: "c".into(),
            image: "nginx".into(),
            requests: map(requests),
            limits: map(limits),
            ..Default::default()
        }
    }

    #[test]
    fn qos_classes_follow_upstream() {
        let cases = [
            (container(&[], &[]), "BestEffort"),
            (container(&[("cpu", "100m")], &[]), "Burstable"),
            (
                container(&[], &[("cpu", "100m"), ("memory", "64Mi")]),
                "Guaranteed",
            ),
            (
                container(&[("cpu", "50m")], &[("cpu", "100m"), ("memory", "64Mi")]),
                "Burstable",
            ),
            (container(&[("example.com/gpu", "1")], &[]), "BestEffort"),
        ];
        for (c, want) in cases {
            let spec = PodSpec {
                containers: vec![c],
                ..Default::default()
            };
            assert_eq!(qos_class(&spec), want);
        }
    }
}
