//! `kubectl describe node` (`describe.go: describeNode`, `describeNodeLease`,
//! `describeNodeResource`, `getPodsTotalRequestsAndLimits`).

use super::writer::{self, PrefixWriter, rfc1123z};
use crate::age::age;
use crate::lookup::Lookup;
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::{Node, Pod, Quantity};
use taintlab_core::events::Event;
use taintlab_core::status::node_status;
use taintlab_core::why::resources::{allocatable, percent, totals};

/// Models `describeNode` for a simulated node and, with `show_events`, its events.
/// The node's pods and events come from `lookup`, built once for all the nodes a
/// command describes.
pub fn describe(lookup: &Lookup<'_>, node: &Node, show_events: bool) -> String {
    let cluster = lookup.cluster();
    let mut w = PrefixWriter::default();
    let name = node.name();
    w.write(0, &format!("Name:\t{name}\n"));
    let roles = node.roles();
    if roles.is_empty() {
        w.write(0, "Roles:\t<none>\n");
    } else {
        w.write(0, &format!("Roles:\t{}\n", roles.join(",")));
    }
    writer::labels(&mut w, "Labels", &node.metadata.labels);
    writer::annotations(&mut w, "Annotations", &node.metadata.annotations);
    w.write(
        0,
        &format!("CreationTimestamp:\t{}\n", rfc1123z(node.metadata.created)),
    );
    writer::taints(&mut w, "Taints", &node.spec.taints);
    w.write(0, &format!("Unschedulable:\t{}\n", node.spec.unschedulable));
    let status = node_status(cluster, name);
    // Models `describeNodeLease`: the kubelet holds its lease in kube-node-lease
    // and renews it; it never sets acquireTime.
    if let Some(runtime) = cluster.node_runtime(name) {
        w.write(0, "Lease:\n");
        w.write(1, &format!("HolderIdentity:\t{name}\n"));
        w.write(1, "AcquireTime:\t<unset>\n");
        w.write(
            1,
            &format!(
                "RenewTime:\t{}\n",
                rfc1123z(runtime.last_heartbeat(cluster.now()))
            ),
        );
    }
    if let Some(status) = &status {
        w.write(
            0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in &status.conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    c.type_,
                    c.status,
                    rfc1123z(c.last_heartbeat),
                    rfc1123z(c.last_transition),
                    c.reason,
                    c.message
                ),
            );
        }
    }
    w.write(0, "Addresses:\n");
    if let Some(status) = &status {
        w.write(1, &format!("InternalIP:\t{}\n", status.internal_ip));
        w.write(1, &format!("Hostname:\t{}\n", status.hostname));
    }
    // taintlab reserves nothing for the system: capacity equals allocatable.
    let allocatable = allocatable(node);
    for title in ["Capacity", "Allocatable"] {
        w.write(0, &format!("{title}:\n"));
        for (resource, q) in &allocatable {
            w.write(0, &format!("  {resource}:\t{q}\n"));
        }
    }
    let label = |key: &str, default: &str| {
        node.metadata
            .labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    w.write(0, "System Info:\n");
    // No machine, system or boot IDs are simulated: the empty strings upstream shows.
    w.write(0, "  Machine ID:\t\n");
    w.write(0, "  System UUID:\t\n");
    w.write(0, "  Boot ID:\t\n");
    if let Some(status) = &status {
        w.write(
            0,
            &format!("  Kernel Version:\t{}\n", status.kernel_version),
        );
        w.write(0, &format!("  OS Image:\t{}\n", status.os_image));
        w.write(
            0,
            &format!(
                "  Operating System:\t{}\n",
                label("kubernetes.io/os", "linux")
            ),
        );
        w.write(
            0,
            &format!(
                "  Architecture:\t{}\n",
                label("kubernetes.io/arch", "amd64")
            ),
        );
        w.write(
            0,
            &format!(
                "  Container Runtime Version:\t{}\n",
                status.container_runtime_version
            ),
        );
        w.write(
            0,
            &format!("  Kubelet Version:\t{}\n", status.kubelet_version),
        );
        if !status.pod_cidr.is_empty() {
            w.write(0, &format!("PodCIDR:\t{}\n", status.pod_cidr));
            w.write(0, &format!("PodCIDRs:\t{}\n", status.pod_cidr));
        }
    }
    let pods = lookup.non_terminated_pods(name);
    resource_usage(&mut w, cluster, &pods, &allocatable);
    if show_events {
        writer::events(&mut w, &events(lookup, node), cluster.now());
    }
    w.finish()
}

/// Events about the node: the node controller's (recorded against the node's UID)
/// first, then the kubelet's (recorded against its name), as `NodeDescriber`
/// queries them. A re-registered node is told apart by its creation time.
fn events<'a>(lookup: &Lookup<'a>, node: &Node) -> Vec<&'a Event> {
    let all = lookup.events_about("Node", "", node.name());
    let created = node.metadata.created;
    let by_uid = all
        .iter()
        .filter(|e| e.source == "node-controller" && e.last_timestamp >= created);
    let by_name = all.iter().filter(|e| e.source != "node-controller");
    by_uid.chain(by_name).copied().collect()
}

/// Models `describeNodeResource`: the Non-terminated Pods table and Allocated
/// resources.
fn resource_usage(
    w: &mut PrefixWriter,
    cluster: &Cluster,
    pods: &[&Pod],
    allocatable: &BTreeMap<String, Quantity>,
) {
    let alloc = |r: &str| allocatable.get(r).copied().unwrap_or_default();
    let (cpu_alloc, mem_alloc) = (alloc("cpu").milli_value(), alloc("memory").value());
    w.write(
        0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    for pod in pods {
        let (req, lim) = totals(std::slice::from_ref(pod));
        let get = |m: &BTreeMap<String, Quantity>, r: &str| m.get(r).copied().unwrap_or_default();
        let (cpu_req, cpu_lim) = (get(&req, "cpu"), get(&lim, "cpu"));
        let (mem_req, mem_lim) = (get(&req, "memory"), get(&lim, "memory"));
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{cpu_req} ({}%)\t{cpu_lim} ({}%)\t{mem_req} ({}%)\t{mem_lim} ({}%)\t{}\n",
                pod.metadata.namespace,
                pod.metadata.name,
                percent(cpu_req.milli_value(), cpu_alloc),
                percent(cpu_lim.milli_value(), cpu_alloc),
                percent(mem_req.value(), mem_alloc),
                percent(mem_lim.value(), mem_alloc),
                age(cluster.now(), Some(pod.metadata.created))
            ),
        );
    }
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    let (reqs, limits) = totals(pods);
    let get = |m: &BTreeMap<String, Quantity>, r: &str| m.get(r).copied().unwrap_or_default();
    let guarded = |part: i64, whole: i64| if whole != 0 { percent(part, whole) } else { 0 };
    for (resource, milli) in [
        ("cpu", true),
        ("memory", false),
        ("ephemeral-storage", false),
    ] {
        let whole = if milli {
            alloc(resource).milli_value()
        } else {
            alloc(resource).value()
        };
        let amount = |q: Quantity| if milli { q.milli_value() } else { q.value() };
        let (r, l) = (get(&reqs, resource), get(&limits, resource));
        w.write(
            1,
            &format!(
                "{resource}\t{r} ({}%)\t{l} ({}%)\n",
                guarded(amount(r), whole),
                guarded(amount(l), whole)
            ),
        );
    }
    let huge_pages: Vec<&String> = allocatable
        .keys()
        .filter(|r| r.starts_with("hugepages-"))
        .collect();
    for resource in huge_pages {
        let whole = alloc(resource).value();
        let (r, l) = (get(&reqs, resource), get(&limits, resource));
        w.write(
            1,
            &format!(
                "{resource}\t{r} ({}%)\t{l} ({}%)\n",
                guarded(r.value(), whole),
                guarded(l.value(), whole)
            ),
        );
    }
    let standard = ["cpu", "memory", "ephemeral-storage", "pods"];
    for resource in allocatable
        .keys()
        .filter(|r| !r.starts_with("hugepages-") && !standard.contains(&r.as_str()))
    {
        w.write(
            1,
            &format!(
                "{resource}\t{}\t{}\n",
                get(&reqs, resource),
                get(&limits, resource)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_truncate_like_go() {
        assert_eq!(percent(100, 4000), 2);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(0, 0), i64::MIN);
    }
}
