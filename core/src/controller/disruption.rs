//! The disruption controller (`pkg/controller/disruption/disruption.go`): keeps
//! each PodDisruptionBudget's status (expected, healthy and desired pods, the
//! disruptions allowed and the `DisruptionAllowed` condition) from the pods it
//! selects. A budget is synced when it or a pod of its namespace was written
//! since its last idle sync ([`crate::controller::work_queue`]), and lists its
//! pods from the store's namespace index, as upstream's pod lister does.

use crate::api::IntOrString;
use crate::api::Pod;
use crate::api::PodDisruptionBudget;
use crate::clock::Time;
use crate::cluster::Cluster;
use crate::cluster::key;
use crate::events::EventType;
use crate::events::ObjectRef;

const SOURCE: &str = "controllermanager";

/// `policy.DisruptionAllowedCondition`.
pub const DISRUPTION_ALLOWED: &str = "DisruptionAllowed";

/// A budget's status as the controller last wrote it (`PodDisruptionBudgetStatus`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// `observedGeneration`.
    pub observed_generation: u64,
    /// `currentHealthy`: selected pods that are ready and not terminating.
    pub current_healthy: i32,
    /// `desiredHealthy`: the fewest healthy pods the budget allows.
    pub desired_healthy: i32,
    /// `expectedPods`: the pods the budget counts.
    pub expected_pods: i32,
    /// `disruptionsAllowed`.
    pub disruptions_allowed: i32,
    /// The `DisruptionAllowed` condition.
    pub condition: Condition,
}

/// A `metav1.Condition` of type `DisruptionAllowed`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Condition {
    /// `status`: whether a disruption is allowed.
    pub allowed: bool,
    /// `SufficientPods`, `InsufficientPods` or `SyncFailed`.
    pub reason: String,
    /// The sync error, for `SyncFailed`.
    pub message: String,
    /// `observedGeneration`.
    pub observed_generation: u64,
    /// `lastTransitionTime`: when `status` last changed.
    pub last_transition: Time,
}

/// An event a sync records: its type, reason and message.
type Recorded = (EventType, &'static str, String);

/// Models `getExpectedScale`'s errors and `getExpectedPodCount`.
enum Expected {
    /// Expected and desired healthy pods, and the names of unmanaged pods.
    Counted(i32, i32, Vec<String>),
    /// Why the count failed (`CalculateExpectedPodCountFailed`).
    Failed(String),
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Models `countHealthyPods`: not terminating and Ready (no eviction API yet,
/// so no disrupted pods).
fn count_healthy(pods: &[&Pod]) -> i32 {
    to_i32(
        pods.iter()
            .filter(|p| !p.is_terminating() && p.is_ready())
            .count(),
    )
}

/// What a sync reads of a budget's pods: each one's arrival, readiness,
/// termination and controller. Equal, a sync would find what the last one did.
fn fingerprint(pods: &[&Pod]) -> u64 {
    use std::hash::Hash;
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for pod in pods {
        pod.metadata.uid.hash(&mut hasher);
        pod.is_ready().hash(&mut hasher);
        pod.is_terminating().hash(&mut hasher);
        pod.metadata
            .controller_of()
            .map(|r| &r.uid)
            .hash(&mut hasher);
    }
    pods.len().hash(&mut hasher);
    hasher.finish()
}

/// Models `apimeta.SetStatusCondition`: the transition time moves only when the
/// status does.
fn set_condition(
    old: &Condition,
    allowed: bool,
    reason: &str,
    message: String,
    generation: u64,
    now: Time,
) -> Condition {
    let moved = old.reason.is_empty() || old.allowed != allowed;
    Condition {
        allowed,
        reason: reason.to_string(),
        message,
        observed_generation: generation,
        last_transition: if moved { now } else { old.last_transition },
    }
}

/// A `*metav1.LabelSelector` as `%v` prints it (its generated `String`).
fn selector_string(selector: Option<&crate::api::LabelSelector>) -> String {
    let Some(selector) = selector else {
        return "nil".to_string();
    };
    let labels: String = selector
        .match_labels
        .iter()
        .map(|(k, v)| format!("{k}: {v},"))
        .collect();
    let expressions: String = selector
        .match_expressions
        .iter()
        .map(|r| {
            format!(
                "LabelSelectorRequirement{{Key:{},Operator:{},Values:[{}],}},",
                r.key,
                r.operator,
                r.values.join(" ")
            )
        })
        .collect();
    format!(
        "&LabelSelector{{MatchLabels:map[string]string{{{labels}}},MatchExpressions:[]LabelSelectorRequirement{{{expressions}}},}}"
    )
}

impl Cluster {
    /// Syncs every budget whose stamp moved; returns whether any status changed.
    pub(crate) fn sync_disruption_budgets(&mut self) -> bool {
        crate::controller::work_queue::Queue {
            objects: |c| c.disruption_budgets.values().collect(),
            uid: |pdb: &PodDisruptionBudget| pdb.metadata.uid.as_str(),
            stamp: |c, pdb| {
                (
                    pdb.metadata.resource_version,
                    c.pods.namespace_written(&pdb.metadata.namespace),
                )
            },
            stamps: |c| &mut c.disruption_synced,
            sync: Cluster::sync_disruption_budget,
        }
        .run(self)
    }

    /// The pods a budget selects, in arrival order (`getPodsForPdb`): a budget
    /// without a selector selects none (policy/v1), `{}` all in its namespace.
    pub(crate) fn pods_for_budget(&self, pdb: &PodDisruptionBudget) -> Vec<&Pod> {
        let Some(selector) = &pdb.spec.selector else {
            return Vec::new();
        };
        self.pods
            .in_namespace(&pdb.metadata.namespace)
            .filter_map(|seq| self.pods.get_seq(seq))
            .filter(|p| selector.matches(&p.metadata.labels))
            .collect()
    }

    /// Models `getExpectedScale`: the sum of the scale of the controllers of
    /// the pods (a ReplicaSet's, or its Deployment's), with the unmanaged pods.
    fn expected_scale(&self, pods: &[&Pod]) -> Result<(i32, Vec<String>), String> {
        let mut scales: Vec<(String, i64)> = Vec::new();
        let mut unmanaged = Vec::new();
        for pod in pods {
            let Some(owner) = pod.metadata.controller_of() else {
                unmanaged.push(pod.metadata.name.clone());
                continue;
            };
            if scales.iter().any(|(uid, _)| *uid == owner.uid) {
                continue;
            }
            let found = match owner.kind.as_str() {
                // `getPodDeployment` before `getPodReplicaSet`: a Deployment's
                // ReplicaSet counts with the Deployment's scale.
                // Owners live in the pod's namespace: looked up by key.
                "ReplicaSet" => self
                    .replica_sets
                    .get(&key(&pod.metadata.namespace, &owner.name))
                    .filter(|rs| rs.metadata.uid == owner.uid)
                    .map(|rs| {
                        let deployment = rs
                            .metadata
                            .controller_of()
                            .filter(|d| d.kind == "Deployment")
                            .and_then(|d| {
                                self.deployments
                                    .get(&key(&pod.metadata.namespace, &d.name))
                                    .filter(|x| x.metadata.uid == d.uid)
                            });
                        match deployment {
                            Some(d) => (d.metadata.uid.clone(), d.replicas()),
                            None => (rs.metadata.uid.clone(), rs.replicas()),
                        }
                    }),
                // `getScaleController`: a kind without a scale subresource.
                "DaemonSet" => {
                    return Err("daemonsets.apps does not implement the scale subresource".into());
                }
                _ => None,
            };
            match found {
                Some(scale) => {
                    if !scales.iter().any(|(uid, _)| *uid == scale.0) {
                        scales.push(scale);
                    }
                }
                None => {
                    return Err(format!(
                        "found no controllers for pod {:?}",
                        pod.metadata.name
                    ));
                }
            }
        }
        let total: i64 = scales.iter().map(|(_, n)| n).sum();
        Ok((i32::try_from(total).unwrap_or(i32::MAX), unmanaged))
    }

    /// Models `getExpectedPodCount`.
    fn expected_pod_count(&self, pdb: &PodDisruptionBudget, pods: &[&Pod]) -> Expected {
        let scaled = |value: &IntOrString, total: i32| {
            value
                .scaled(i64::from(total), true)
                .map(|n| i32::try_from(n).unwrap_or(i32::MAX))
        };
        if let Some(max) = &pdb.spec.max_unavailable {
            let (expected, unmanaged) = match self.expected_scale(pods) {
                Ok(found) => found,
                Err(e) => return Expected::Failed(e),
            };
            let Some(max) = scaled(max, expected) else {
                return Expected::Failed(format!(
                    "invalid value for IntOrString: invalid value {max:?}"
                ));
            };
            return Expected::Counted(expected, (expected - max).max(0), unmanaged);
        }
        match &pdb.spec.min_available {
            Some(IntOrString::Int(n)) => Expected::Counted(
                to_i32(pods.len()),
                i32::try_from(*n).unwrap_or(i32::MAX),
                Vec::new(),
            ),
            Some(min) => {
                let (expected, unmanaged) = match self.expected_scale(pods) {
                    Ok(found) => found,
                    Err(e) => return Expected::Failed(e),
                };
                match scaled(min, expected) {
                    Some(desired) => Expected::Counted(expected, desired, unmanaged),
                    None => Expected::Failed(format!(
                        "invalid value for IntOrString: invalid value {min:?}"
                    )),
                }
            }
            None => Expected::Counted(0, 0, Vec::new()),
        }
    }

    /// Models `trySync` with `updatePdbStatus`, or `failSafe` when the count
    /// fails; returns whether the status changed.
    ///
    /// Upstream syncs a budget when it is written (its own status update
    /// included) or when one of its pods is: a write to another pod of the
    /// namespace, which makes the budget due here, finds its pods as they were
    /// and does nothing, not even the events a sync records.
    fn sync_disruption_budget(&mut self, pdb: &PodDisruptionBudget) -> bool {
        let pods = self.pods_for_budget(pdb);
        let seen = (pdb.metadata.resource_version, fingerprint(&pods));
        let uid = pdb.metadata.uid.clone();
        if self.disruption_seen.get(&uid) == Some(&seen) {
            return false;
        }
        let (status, events) = self.sync_outcome(pdb, &pods);
        let object = ObjectRef::new(
            "PodDisruptionBudget",
            &pdb.metadata.namespace,
            &pdb.metadata.name,
        );
        for (type_, reason, message) in events {
            self.record_event(type_, object.clone(), SOURCE, reason, message);
        }
        let changed = self.disruption_status.get(&uid) != Some(&status);
        if changed {
            self.disruption_status.insert(uid.clone(), status);
            // Its status was written: upstream's informer hears of it and syncs again.
            self.disruption_seen.remove(&uid);
        } else {
            self.disruption_seen.insert(uid, seen);
        }
        changed
    }

    /// What one sync over the budget's pods writes and records.
    fn sync_outcome(&self, pdb: &PodDisruptionBudget, pods: &[&Pod]) -> (Status, Vec<Recorded>) {
        let no_pods = pods.is_empty();
        let expected = self.expected_pod_count(pdb, pods);
        let healthy = count_healthy(pods);
        let old = self
            .disruption_status
            .get(&pdb.metadata.uid)
            .cloned()
            .unwrap_or_default();
        let generation = pdb.metadata.generation;
        let now = self.now;
        let mut events: Vec<Recorded> = Vec::new();
        if no_pods {
            events.push((
                EventType::Normal,
                "NoPods",
                "No matching pods found".to_string(),
            ));
        }
        let status = match expected {
            Expected::Failed(e) => {
                events.push((
                    EventType::Warning,
                    "CalculateExpectedPodCountFailed",
                    format!("Failed to calculate the number of expected pods: {e}"),
                ));
                let generation = old.observed_generation;
                Status {
                    disruptions_allowed: 0,
                    condition: set_condition(
                        &old.condition,
                        false,
                        "SyncFailed",
                        e,
                        generation,
                        now,
                    ),
                    ..old.clone()
                }
            }
            Expected::Counted(expected, desired, unmanaged) => {
                if !unmanaged.is_empty() {
                    events.push((
                        EventType::Warning,
                        "UnmanagedPods",
                        format!(
                            "Pods selected by this PodDisruptionBudget (selector: {}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set \".spec.minAvailable\" field of the PDB to an integer value.",
                            selector_string(pdb.spec.selector.as_ref())
                        ),
                    ));
                }
                let mut allowed = healthy - desired;
                if expected <= 0 || allowed <= 0 {
                    allowed = 0;
                }
                let (ok, reason) = if allowed > 0 {
                    (true, "SufficientPods")
                } else {
                    (false, "InsufficientPods")
                };
                Status {
                    observed_generation: generation,
                    current_healthy: healthy,
                    desired_healthy: desired,
                    expected_pods: expected,
                    disruptions_allowed: allowed,
                    condition: set_condition(
                        &old.condition,
                        ok,
                        reason,
                        String::new(),
                        generation,
                        now,
                    ),
                }
            }
        };
        (status, events)
    }

    /// Creates or updates a budget (policy/v1 allows every spec change): labels,
    /// annotations and spec follow the text, a changed spec bumps `generation`.
    pub(crate) fn apply_disruption_budget(&mut self, mut pdb: PodDisruptionBudget) -> String {
        pdb.metadata.namespace = crate::cluster::namespaced(&pdb.metadata.namespace);
        let name = pdb.metadata.name.clone();
        let k = crate::cluster::key(&pdb.metadata.namespace, &name);
        let outcome = match self.disruption_budgets.get_mut(&k) {
            Some(existing) => {
                let before = existing.clone();
                existing.metadata.labels = pdb.metadata.labels;
                existing.metadata.annotations = pdb.metadata.annotations;
                if existing.spec != pdb.spec {
                    existing.spec = pdb.spec;
                    existing.metadata.generation += 1;
                }
                if *existing == before {
                    "unchanged"
                } else {
                    existing.metadata.resource_version = self.names.resource_version();
                    "configured"
                }
            }
            None => {
                pdb.metadata.uid = self.names.uid();
                pdb.metadata.created = self.now;
                pdb.metadata.generation = 1;
                pdb.metadata.resource_version = self.names.resource_version();
                self.disruption_budgets.insert(k, pdb);
                "created"
            }
        };
        format!("poddisruptionbudget.policy/{name} {outcome}")
    }

    /// PodDisruptionBudgets, sorted by namespace/name.
    pub fn disruption_budgets(&self) -> impl Iterator<Item = &PodDisruptionBudget> {
        self.disruption_budgets.values()
    }

    /// A budget's status as the disruption controller last wrote it (empty
    /// before its first sync).
    pub fn disruption_status(&self, pdb: &PodDisruptionBudget) -> Status {
        self.disruption_status
            .get(&pdb.metadata.uid)
            .cloned()
            .unwrap_or_default()
    }

    /// The budgets that cover `pod` (its namespace, a selector matching its
    /// labels; `GetPodPodDisruptionBudgets`), each with its `disruptionsAllowed`:
    /// what preemption and eviction weigh before taking the pod.
    pub fn disruption_budgets_for<'a>(
        &'a self,
        pod: &'a Pod,
    ) -> impl Iterator<Item = (&'a PodDisruptionBudget, i32)> + 'a {
        let namespace = crate::cluster::namespaced(&pod.metadata.namespace);
        self.disruption_budgets
            .values()
            .filter(move |pdb| {
                pdb.metadata.namespace == namespace
                    && pdb
                        .spec
                        .selector
                        .as_ref()
                        .is_some_and(|s| s.matches(&pod.metadata.labels))
            })
            .map(|pdb| (pdb, self.disruption_status(pdb).disruptions_allowed))
    }
}

#[cfg(test)]
mod tests;
