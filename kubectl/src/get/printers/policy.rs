//! PriorityClasses and PodDisruptionBudgets (`printers.go: printPriorityClass`,
//! `printPodDisruptionBudget`).

use super::Column;
use super::NAME;
use super::col;
use crate::age::age;
use taintlab_core::Cluster;
use taintlab_core::api::IntOrString;
use taintlab_core::api::PodDisruptionBudget;
use taintlab_core::api::PriorityClass;

/// `intstr.IntOrString.String()`.
fn int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

/// `priorityClassColumnDefinitions` before v1.32.
const PRIORITY_CLASS_COLUMNS: &[Column] = &[NAME, col("Value"), col("Global-Default"), col("Age")];

/// From v1.32 (PR #126529) the preemption policy has a column too.
const PRIORITY_CLASS_COLUMNS_1_32: &[Column] = &[
    NAME,
    col("Value"),
    col("Global-Default"),
    col("Age"),
    col("PreemptionPolicy"),
];

/// `podDisruptionBudgetColumnDefinitions`.
pub const PDB_COLUMNS: &[Column] = &[
    NAME,
    col("Min Available"),
    col("Max Unavailable"),
    col("Allowed Disruptions"),
    col("Age"),
];

/// The PriorityClass columns of Kubernetes 1.`minor`.
pub fn priority_class_columns(minor: u32) -> &'static [Column] {
    if minor >= 32 {
        PRIORITY_CLASS_COLUMNS_1_32
    } else {
        PRIORITY_CLASS_COLUMNS
    }
}

/// Models `printPriorityClass`.
pub fn priority_class_cells(cluster: &Cluster, pc: &PriorityClass) -> Vec<String> {
    let mut cells = vec![
        pc.metadata.name.clone(),
        pc.value.to_string(),
        pc.global_default.to_string(),
        age(cluster.now(), Some(pc.metadata.created)),
    ];
    if cluster.version().minor >= 32 {
        cells.push(pc.preemption_policy.clone());
    }
    cells
}

/// Models `printPodDisruptionBudget`: `N/A` for the rule not set.
pub fn pdb_cells(cluster: &Cluster, pdb: &PodDisruptionBudget) -> Vec<String> {
    let rule = |v: &Option<_>| v.as_ref().map_or("N/A".to_string(), int_or_string);
    vec![
        pdb.metadata.name.clone(),
        rule(&pdb.spec.min_available),
        rule(&pdb.spec.max_unavailable),
        cluster
            .disruption_status(pdb)
            .disruptions_allowed
            .to_string(),
        age(cluster.now(), Some(pdb.metadata.created)),
    ]
}
