//! `kubectl describe` for DaemonSets, Deployments, ReplicaSets and Namespaces
//! (`describe.go: describeDaemonSet`, `describeDeployment`, `describeReplicaSet`,
//! `DescribePodTemplate`, `getPodStatusForController`, `describeNamespace`).

use super::pod::containers;
use super::selector;
use super::writer::{self, PrefixWriter, rfc1123z};
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::{
    DaemonSet, Deployment, IntOrString, LabelSelector, ObjectMeta, PodTemplateSpec, ReplicaSet,
};
use taintlab_core::events::Event;
use taintlab_core::names::compute_hash;
use taintlab_core::status::{daemon_set_status, deployment_status};

/// The annotation that numbers a Deployment's rollouts.
const REVISION: &str = "deployment.kubernetes.io/revision";

/// Models `getPodStatusForController`: pods matching the selector in the namespace
/// whose controller is the object with `uid`, by phase.
fn pods_status(
    cluster: &Cluster,
    namespace: &str,
    selector: Option<&LabelSelector>,
    uid: &str,
) -> String {
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for pod in cluster.pods().filter(|p| {
        p.metadata.namespace == namespace
            && selector.is_some_and(|s| s.matches(&p.metadata.labels))
            && p.metadata.controller_of().is_some_and(|r| r.uid == uid)
    }) {
        match pod.status.phase.as_str() {
            "Running" => running += 1,
            "Pending" => waiting += 1,
            "Succeeded" => succeeded += 1,
            "Failed" => failed += 1,
            _ => {}
        }
    }
    format!("{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed")
}

/// Models `DescribePodTemplate`.
fn pod_template(w: &mut PrefixWriter, template: &PodTemplateSpec) {
    w.write(0, "Pod Template:\n");
    writer::labels(w, "  Labels", &template.metadata.labels);
    if !template.metadata.annotations.is_empty() {
        writer::annotations(w, "  Annotations", &template.metadata.annotations);
    }
    containers(w, "  ", &template.spec, None);
    // taintlab keeps no volumes: upstream's line for a template without any.
    w.write(0, "  Volumes:\t<none>\n");
    writer::labels(w, "  Node-Selectors", &template.spec.node_selector);
    writer::tolerations(w, "  Tolerations", &template.spec.tolerations);
}

/// Events about a namespaced object, recorded since it was created.
fn events<'a>(cluster: &'a Cluster, kind: &'static str, meta: &'a ObjectMeta) -> Vec<&'a Event> {
    cluster
        .events()
        .about(kind, &meta.namespace, &meta.name)
        .filter(|e| e.last_timestamp >= meta.created)
        .collect()
}

fn header(w: &mut PrefixWriter, meta: &ObjectMeta) {
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
}

/// Models `describeDaemonSet`, with the status counters `updateDaemonSetStatus` writes.
pub fn daemon_set(cluster: &Cluster, ds: &DaemonSet, show_events: bool) -> String {
    let mut w = PrefixWriter::default();
    let status = daemon_set_status(cluster, ds);
    header(&mut w, &ds.metadata);
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            selector::as_string(ds.spec.selector.as_ref())
        ),
    );
    w.write(
        0,
        &format!(
            "Node-Selector:\t{}\n",
            selector::format_labels(&ds.spec.template.spec.node_selector)
        ),
    );
    writer::labels(&mut w, "Labels", &ds.metadata.labels);
    writer::annotations(&mut w, "Annotations", &ds.metadata.annotations);
    for (title, n) in [
        (
            "Desired Number of Nodes Scheduled",
            status.desired_number_scheduled,
        ),
        (
            "Current Number of Nodes Scheduled",
            status.current_number_scheduled,
        ),
        (
            "Number of Nodes Scheduled with Up-to-date Pods",
            status.updated_number_scheduled,
        ),
        (
            "Number of Nodes Scheduled with Available Pods",
            status.number_available,
        ),
        ("Number of Nodes Misscheduled", status.number_misscheduled),
    ] {
        w.write(0, &format!("{title}: {n}\n"));
    }
    let pods = pods_status(
        cluster,
        &ds.metadata.namespace,
        ds.spec.selector.as_ref(),
        &ds.metadata.uid,
    );
    w.write(0, &format!("Pods Status:\t{pods}\n"));
    pod_template(&mut w, &ds.spec.template);
    if show_events {
        writer::events(
            &mut w,
            &events(cluster, "DaemonSet", &ds.metadata),
            cluster.now(),
        );
    }
    w.finish()
}

/// `intstr.IntOrString.String`.
fn int_or_string(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

/// The Deployment's ReplicaSets: the one running the current template, then the
/// others, by name (`deploymentutil.GetAllReplicaSetsInChunks`).
fn replica_sets_of<'a>(
    cluster: &'a Cluster,
    d: &Deployment,
) -> (Option<&'a ReplicaSet>, Vec<&'a ReplicaSet>) {
    let hash = compute_hash(&d.spec.template);
    let mut new = None;
    let mut old = Vec::new();
    for rs in cluster.replica_sets().filter(|rs| {
        rs.metadata
            .controller_of()
            .is_some_and(|r| r.uid == d.metadata.uid)
    }) {
        if new.is_none() && rs.metadata.labels.get("pod-template-hash") == Some(&hash) {
            new = Some(rs);
        } else {
            old.push(rs);
        }
    }
    (new, old)
}

/// Pods of a ReplicaSet that count in `status.replicas` (active, controlled by it).
fn active_replicas(cluster: &Cluster, rs: &ReplicaSet) -> usize {
    cluster
        .pods()
        .filter(|p| {
            p.is_active()
                && p.metadata
                    .controller_of()
                    .is_some_and(|r| r.uid == rs.metadata.uid)
        })
        .count()
}

/// Models `printReplicaSetsByLabels`.
fn replica_set_list(cluster: &Cluster, sets: &[&ReplicaSet]) -> String {
    if sets.is_empty() {
        return "<none>".to_string();
    }
    sets.iter()
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                rs.metadata.name,
                active_replicas(cluster, rs),
                rs.replicas()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Models `describeDeployment`. The Available and Progressing conditions follow
/// `pkg/controller/deployment/sync.go: calculateStatus` and `syncRolloutStatus`;
/// a condition that changes moves to the end of the list
/// (`deploymentutil.SetDeploymentCondition`).
pub fn deployment(cluster: &Cluster, d: &Deployment, show_events: bool) -> String {
    let mut w = PrefixWriter::default();
    let status = deployment_status(cluster, d);
    let (new, old) = replica_sets_of(cluster, d);
    header(&mut w, &d.metadata);
    w.write(
        0,
        &format!("CreationTimestamp:\t{}\n", rfc1123z(d.metadata.created)),
    );
    writer::labels(&mut w, "Labels", &d.metadata.labels);
    // Models `deploymentutil.SetDeploymentRevision`: the controller copies the new
    // ReplicaSet's revision onto the Deployment.
    let mut annotations = d.metadata.annotations.clone();
    if let Some(revision) = new.and_then(|rs| rs.metadata.annotations.get(REVISION)) {
        annotations.insert(REVISION.to_string(), revision.clone());
    }
    writer::annotations(&mut w, "Annotations", &annotations);
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            selector::as_string(d.spec.selector.as_ref())
        ),
    );
    let desired = d.replicas();
    let total: i64 = new.iter().chain(old.iter()).map(|rs| rs.replicas()).sum();
    let available = status.available_replicas as i64;
    let unavailable = (total - available).max(0);
    w.write(
        0,
        &format!(
            "Replicas:\t{desired} desired | {} updated | {} total | {available} available | {unavailable} unavailable\n",
            status.updated_replicas, status.replicas
        ),
    );
    let recreate = d.spec.strategy.type_ == "Recreate";
    let strategy = if d.spec.strategy.type_.is_empty() {
        "RollingUpdate"
    } else {
        d.spec.strategy.type_.as_str()
    };
    w.write(0, &format!("StrategyType:\t{strategy}\n"));
    w.write(0, "MinReadySeconds:\t0\n");
    if !recreate {
        let rolling = d.spec.strategy.rolling_update.clone().unwrap_or_default();
        let default = IntOrString::String("25%".to_string());
        w.write(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                int_or_string(rolling.max_unavailable.as_ref().unwrap_or(&default)),
                int_or_string(rolling.max_surge.as_ref().unwrap_or(&default))
            ),
        );
    }
    pod_template(&mut w, &d.spec.template);
    let (_, max_unavailable) = d.fenceposts();
    let has_minimum = available >= desired - max_unavailable;
    let complete = status.updated_replicas as i64 == desired
        && status.replicas as i64 == desired
        && available == desired;
    let available_row = if has_minimum {
        ("Available", "True", "MinimumReplicasAvailable")
    } else {
        ("Available", "False", "MinimumReplicasUnavailable")
    };
    let progressing_row = if complete {
        ("Progressing", "True", "NewReplicaSetAvailable")
    } else {
        ("Progressing", "True", "ReplicaSetUpdated")
    };
    // Available flips to True before the rollout completes only when some pods are
    // still missing; that later change moves it behind Progressing.
    let rows = if has_minimum && !complete {
        [progressing_row, available_row]
    } else {
        [available_row, progressing_row]
    };
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (type_, status, reason) in rows {
        w.write(1, &format!("{type_} \t{status}\t{reason}\n"));
    }
    if new.is_some() || !old.is_empty() {
        w.write(
            0,
            &format!("OldReplicaSets:\t{}\n", replica_set_list(cluster, &old)),
        );
        let new: Vec<&ReplicaSet> = new.into_iter().collect();
        w.write(
            0,
            &format!("NewReplicaSet:\t{}\n", replica_set_list(cluster, &new)),
        );
    }
    if show_events {
        writer::events(
            &mut w,
            &events(cluster, "Deployment", &d.metadata),
            cluster.now(),
        );
    }
    w.finish()
}

/// Models `describeReplicaSet`.
pub fn replica_set(cluster: &Cluster, rs: &ReplicaSet, show_events: bool) -> String {
    let mut w = PrefixWriter::default();
    header(&mut w, &rs.metadata);
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            selector::format(rs.spec.selector.as_ref())
        ),
    );
    writer::labels(&mut w, "Labels", &rs.metadata.labels);
    writer::annotations(&mut w, "Annotations", &rs.metadata.annotations);
    if let Some(owner) = rs.metadata.controller_of() {
        w.write(
            0,
            &format!("Controlled By:\t{}/{}\n", owner.kind, owner.name),
        );
    }
    w.write(
        0,
        &format!(
            "Replicas:\t{} current / {} desired\n",
            active_replicas(cluster, rs),
            rs.replicas()
        ),
    );
    let pods = pods_status(
        cluster,
        &rs.metadata.namespace,
        rs.spec.selector.as_ref(),
        &rs.metadata.uid,
    );
    w.write(0, &format!("Pods Status:\t{pods}\n"));
    pod_template(&mut w, &rs.spec.template);
    if show_events {
        writer::events(
            &mut w,
            &events(cluster, "ReplicaSet", &rs.metadata),
            cluster.now(),
        );
    }
    w.finish()
}

/// Models `describeNamespace`: the API server labels every namespace with its
/// name; no quotas or limit ranges are simulated.
pub fn namespace(name: &str) -> String {
    let mut w = PrefixWriter::default();
    w.write(0, &format!("Name:\t{name}\n"));
    let labels: BTreeMap<String, String> =
        [("kubernetes.io/metadata.name".to_string(), name.to_string())].into();
    writer::labels(&mut w, "Labels", &labels);
    writer::annotations(&mut w, "Annotations", &BTreeMap::new());
    w.write(0, "Status:\tActive\n");
    w.write(0, "\n");
    w.write(0, "No resource quota.\n");
    w.write(0, "\n");
    w.write(0, "No LimitRange resource.\n");
    w.finish()
}
