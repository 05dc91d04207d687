//! `kubectl describe` for PriorityClasses and PodDisruptionBudgets
//! (`describe.go: describePriorityClass`, `describePodDisruptionBudgetV1`).

use super::selector;
use super::writer;
use super::writer::PrefixWriter;
use taintlab_core::Cluster;
use taintlab_core::api::IntOrString;
use taintlab_core::api::PodDisruptionBudget;
use taintlab_core::api::PriorityClass;
use taintlab_core::events::Event;

/// `intstr.IntOrString.String()`.
pub(crate) fn int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

/// The annotation `kubectl apply` writes.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// A class's `last-applied-configuration`, as the API returns it.
fn last_applied(cluster: &Cluster, name: &str) -> Option<String> {
    let resource = crate::resource::of_kind("PriorityClass")?;
    let object = crate::encode::object(cluster, resource, "", name)?;
    object
        .get("metadata")?
        .get("annotations")?
        .get(LAST_APPLIED)?
        .as_str()
        .map(str::to_string)
}

/// Models `describePriorityClass`: its annotations on one line
/// (`labels.FormatLabels`), and its events; the preemption policy from v1.24.
pub fn priority_class(cluster: &Cluster, pc: &PriorityClass, show_events: bool) -> String {
    let mut w = PrefixWriter::default();
    w.write(0, &format!("Name:\t{}\n", pc.metadata.name));
    w.write(0, &format!("Value:\t{}\n", pc.value));
    w.write(0, &format!("GlobalDefault:\t{}\n", pc.global_default));
    // Printed since v1.24 (PR #108701).
    if cluster.version().minor >= 24 {
        w.write(0, &format!("PreemptionPolicy:\t{}\n", pc.preemption_policy));
    }
    w.write(0, &format!("Description:\t{}\n", pc.description));
    // All of them, `last-applied-configuration` too (with its final newline):
    // this describer prints them with `labels.FormatLabels`, not the
    // multi-line printer that leaves that one out.
    let mut annotations = pc.metadata.annotations.clone();
    if let Some(last) = last_applied(cluster, &pc.metadata.name) {
        annotations.insert(LAST_APPLIED.to_string(), last);
    }
    w.write(
        0,
        &format!("Annotations:\t{}\n", selector::format_labels(&annotations)),
    );
    if show_events {
        let events: Vec<&Event> = cluster
            .events()
            .about("PriorityClass", "", &pc.metadata.name)
            .filter(|e| e.last_timestamp >= pc.metadata.created)
            .collect();
        writer::events(&mut w, &events, cluster.now());
    }
    w.finish()
}

/// Models `describePodDisruptionBudgetV1`: the status the disruption
/// controller last wrote, and the budget's events.
pub fn pod_disruption_budget(
    cluster: &Cluster,
    pdb: &PodDisruptionBudget,
    show_events: bool,
) -> String {
    let mut w = PrefixWriter::default();
    let meta = &pdb.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    if let Some(min) = &pdb.spec.min_available {
        w.write(0, &format!("Min available:\t{}\n", int_or_string(min)));
    } else if let Some(max) = &pdb.spec.max_unavailable {
        w.write(0, &format!("Max unavailable:\t{}\n", int_or_string(max)));
    }
    match &pdb.spec.selector {
        Some(s) => w.write(0, &format!("Selector:\t{}\n", selector::format(Some(s)))),
        None => w.write(0, "Selector:\t<unset>\n"),
    }
    let status = cluster.disruption_status(pdb);
    w.write(0, "Status:\n");
    w.write(
        2,
        &format!("Allowed disruptions:\t{}\n", status.disruptions_allowed),
    );
    w.write(2, &format!("Current:\t{}\n", status.current_healthy));
    w.write(2, &format!("Desired:\t{}\n", status.desired_healthy));
    w.write(2, &format!("Total:\t{}\n", status.expected_pods));
    if show_events {
        let events: Vec<&Event> = cluster
            .events()
            .about("PodDisruptionBudget", &meta.namespace, &meta.name)
            .filter(|e| e.last_timestamp >= meta.created)
            .collect();
        writer::events(&mut w, &events, cluster.now());
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::version::KubeVersion;

    /// `describePriorityClass` printed no preemption policy before v1.24
    /// (PR #108701, "support preemptionPolicy in describe PriorityClass").
    #[test]
    fn the_preemption_policy_line_from_1_24() {
        for (minor, shown) in [(23, false), (24, true)] {
            let c = Cluster::empty(KubeVersion::v1(minor));
            let pc = c
                .priority_class("system-node-critical")
                .cloned()
                .unwrap_or_default();
            let text = priority_class(&c, &pc, false);
            assert_eq!(text.contains("PreemptionPolicy:"), shown, "{text}");
        }
    }
}
