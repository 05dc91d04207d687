//! The pods' eviction subresource (`pkg/registry/core/pod/storage/eviction.go:
//! EvictionREST.Create` and `checkAndDecrement`): a deletion that a
//! PodDisruptionBudget may refuse.

use super::Cluster;
use super::key;
use crate::api::Pod;

/// `checkAndDecrement`'s refusal when a budget allows no disruption.
pub const VIOLATES_BUDGET: &str =
    "Cannot evict pod as it would violate the pod's disruption budget.";

/// What an eviction did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Eviction {
    /// The pod is being deleted.
    Evicted,
    /// There is no such pod.
    NotFound,
    /// 429 TooManyRequests: a budget allows no disruption now; try again later.
    TooManyRequests(String),
    /// Any other refusal, as the API server words it.
    Refused(String),
}

/// Models `canIgnorePDB`: a finished, pending or terminating pod disrupts nothing.
fn can_ignore_budget(pod: &Pod) -> bool {
    matches!(
        pod.status.phase.as_str(),
        "Succeeded" | "Failed" | "Pending"
    ) || pod.is_terminating()
}

impl Cluster {
    /// Evicts a pod (`POST .../pods/NAME/eviction`): deleted as `kubectl delete`
    /// deletes it, unless the one budget that covers it allows no disruption.
    /// An allowed eviction takes one disruption from the budget's status until
    /// the disruption controller counts again.
    pub fn evict_pod(&mut self, namespace: &str, name: &str) -> Eviction {
        self.settle_first();
        let k = key(namespace, name);
        let Some(pod) = self.pods.get(&k) else {
            return Eviction::NotFound;
        };
        if !can_ignore_budget(pod) {
            let budgets: Vec<(String, String, Option<String>)> = self
                .disruption_budgets_for(pod)
                .map(|(pdb, _)| {
                    (
                        pdb.metadata.uid.clone(),
                        pdb.metadata.name.clone(),
                        pdb.spec.unhealthy_pod_eviction_policy.clone(),
                    )
                })
                .collect();
            let ready = pod.is_ready();
            if budgets.len() > 1 {
                return Eviction::Refused(
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."
                        .to_string(),
                );
            }
            if let Some((uid, _name, policy)) = budgets.into_iter().next() {
                let Some(status) = self.disruption_status.get_mut(&uid) else {
                    // Not synced yet: `ObservedGeneration < Generation`.
                    return Eviction::TooManyRequests(VIOLATES_BUDGET.to_string());
                };
                // An unready pod counts toward no budget: it goes when the
                // budget is met anyway, or always under `AlwaysAllow`.
                let spare_unready = !ready
                    && (policy.as_deref() == Some("AlwaysAllow")
                        || (status.current_healthy >= status.desired_healthy
                            && status.desired_healthy > 0));
                if !spare_unready {
                    if status.disruptions_allowed < 0 {
                        return Eviction::Refused(format!(
                            "poddisruptionbudget.policy {_name:?} is forbidden: pdb disruptions allowed is negative"
                        ));
                    }
                    if status.disruptions_allowed == 0 {
                        return Eviction::TooManyRequests(VIOLATES_BUDGET.to_string());
                    }
                    status.disruptions_allowed -= 1;
                    if status.disruptions_allowed == 0 {
                        // `UpdateDisruptionAllowedCondition`.
                        status.condition.allowed = false;
                        status.condition.reason = "InsufficientPods".to_string();
                        status.condition.last_transition = self.now;
                    }
                }
            }
        }
        self.delete_pod_gracefully(&k);
        self.reconcile();
        Eviction::Evicted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, image: nginx}]\n";

    fn pdb(name: &str, rule: &str) -> String {
        format!(
            "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: {name}\nspec:\n  {rule}\n  selector:\n    matchLabels: {{app: web}}\n"
        )
    }

    fn pod_names(c: &Cluster) -> Vec<String> {
        c.pods().map(|p| p.metadata.name.clone()).collect()
    }

    /// `pkg/registry/core/pod/storage/eviction_test.go: TestEviction`,
    /// "matching pdbs with no disruptions allowed" and "matching pdbs with
    /// disruptions allowed".
    #[test]
    fn a_budget_allows_what_it_allows() {
        let mut c = Cluster::tutorial();
        c.apply(DEPLOYMENT).expect("applies");
        c.apply(&pdb("one", "minAvailable: 1")).expect("applies");
        c.advance(30);
        let names = pod_names(&c);
        assert_eq!(c.evict_pod("default", &names[0]), Eviction::Evicted);
        // The budget's last disruption is spent until its pods are counted again.
        assert_eq!(
            c.evict_pod("default", &names[1]),
            Eviction::TooManyRequests(VIOLATES_BUDGET.to_string())
        );
        // The replacement becomes ready; the budget allows one again.
        c.advance(30);
        assert_eq!(c.evict_pod("default", &names[1]), Eviction::Evicted);
        assert_eq!(c.evict_pod("default", "gone"), Eviction::NotFound);
    }

    /// `eviction_test.go: TestEviction`, "pdbs No disruptions allowed, pod
    /// pending, first delete conflicts, pod becomes running, continueToPDBs"
    /// in short: a pending pod ignores its budget.
    #[test]
    fn pending_pods_ignore_budgets() {
        let mut c = Cluster::tutorial();
        c.apply(&DEPLOYMENT.replace("replicas: 2", "replicas: 1"))
            .expect("applies");
        c.apply(&pdb("all", "minAvailable: 1")).expect("applies");
        let names = pod_names(&c);
        assert_eq!(
            c.pods().next().map(|p| p.status.phase.clone()).as_deref(),
            Some("Pending")
        );
        assert_eq!(c.evict_pod("default", &names[0]), Eviction::Evicted);
    }

    /// `eviction_test.go: TestEvictionIgnorePDB`'s refusal of two budgets.
    #[test]
    fn two_budgets_are_not_supported() {
        let mut c = Cluster::tutorial();
        c.apply(DEPLOYMENT).expect("applies");
        c.apply(&pdb("one", "minAvailable: 0")).expect("applies");
        c.apply(&pdb("two", "maxUnavailable: 2")).expect("applies");
        c.advance(30);
        let names = pod_names(&c);
        assert!(matches!(
            c.evict_pod("default", &names[0]),
            Eviction::Refused(m) if m.starts_with("This pod has more than one PodDisruptionBudget")
        ));
    }
}
