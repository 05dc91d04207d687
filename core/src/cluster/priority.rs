//! PriorityClasses in the store and the Priority admission plugin
//! (`plugin/pkg/admission/priority/admission.go`): every pod created, by a
//! client or by a controller or kubelet, gets its priority here.

use super::Cluster;
use crate::api::Pod;
use crate::api::PodSpec;
use crate::api::PriorityClass;
use crate::api::scheduling::system_priority_classes;
use crate::decode::validate::scheduling::priority_class_update;

/// A field path and upstream's message for a refused write.
type Refusal = (String, String);

/// `DefaultPriorityWhenNoDefaultClassExists`.
const DEFAULT_PRIORITY: i32 = 0;

/// The API server creates the system classes at start-up
/// (`AddSystemPriorityClasses`), before anything the simulation numbers: their
/// UIDs and resourceVersions are fixed here rather than drawn, so that every
/// other generated name stays as it was.
fn system_classes() -> [PriorityClass; 2] {
    let mut classes = system_priority_classes();
    for (i, class) in classes.iter_mut().enumerate() {
        class.metadata.uid = format!("6f1c2a7e-0000-4000-8000-00000000000{}", i + 1);
        class.metadata.resource_version = 60 + i as u64;
        class.metadata.generation = 1;
    }
    classes
}

/// On an update, keeps what admission set on create where the client leaves it
/// out, as a three-way merge sends only the fields the file holds: the class
/// name, the priority (also when given as it is), and the preemption policy.
pub(super) fn keep_admitted(wanted: &mut PodSpec, existing: &PodSpec) {
    if wanted.priority_class_name.is_empty() {
        wanted.priority_class_name = existing.priority_class_name.clone();
    }
    if wanted
        .requested_priority
        .is_none_or(|p| p == existing.priority)
    {
        wanted.priority = existing.priority;
        *wanted.requested_priority = None;
    }
    if wanted.preemption_policy.is_none() {
        wanted.preemption_policy = existing.preemption_policy.clone();
    }
}

/// The system classes, built once: every cluster lists the same two.
static SYSTEM_CLASSES: std::sync::LazyLock<[PriorityClass; 2]> =
    std::sync::LazyLock::new(system_classes);

impl Cluster {
    /// Every PriorityClass, the two system classes included, by name.
    pub fn priority_classes(&self) -> Vec<&PriorityClass> {
        let mut all: Vec<&PriorityClass> = SYSTEM_CLASSES.iter().collect();
        all.extend(self.priority_classes.values());
        crate::sort::sort_by_key(&mut all, |c| c.metadata.name.clone());
        all
    }

    /// A PriorityClass by name (a system class included).
    pub fn priority_class(&self, name: &str) -> Option<&PriorityClass> {
        self.priority_classes
            .get(name)
            .or_else(|| SYSTEM_CLASSES.iter().find(|c| c.name() == name))
    }

    /// Models `getDefaultPriorityClass`: of the classes marked `globalDefault`
    /// (two can exist after a race), the one with the lowest value.
    pub fn default_priority_class(&self) -> Option<&PriorityClass> {
        self.priority_classes
            .values()
            .filter(|c| c.global_default)
            .min_by_key(|c| c.value)
    }

    /// Models the Priority plugin's `admitPod` on create: resolves
    /// `priorityClassName` (the global default's name when empty) to
    /// `spec.priority` and `spec.preemptionPolicy`, or gives the reason the pod
    /// is forbidden (what follows `pods "NAME" is forbidden: `).
    pub(crate) fn admit_priority(&self, pod: &mut Pod) -> Result<(), String> {
        let (priority, policy) = if pod.spec.priority_class_name.is_empty() {
            match self.default_priority_class() {
                Some(class) => {
                    *pod.spec.priority_class_name = class.metadata.name.clone();
                    (class.value, Some(class.preemption_policy.clone()))
                }
                None => (DEFAULT_PRIORITY, None),
            }
        } else {
            let Some(class) = self.priority_class(&pod.spec.priority_class_name) else {
                return Err(format!(
                    "no PriorityClass with name {} was found",
                    *pod.spec.priority_class_name
                ));
            };
            (class.value, Some(class.preemption_policy.clone()))
        };
        if let Some(given) = *pod.spec.requested_priority
            && given != priority
        {
            return Err(format!(
                "the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name"
            ));
        }
        pod.spec.priority = priority;
        *pod.spec.requested_priority = None;
        if let Some(policy) = policy {
            if let Some(given) = &*pod.spec.preemption_policy
                && *given != policy
            {
                return Err(format!(
                    "the string value of PreemptionPolicy ({given}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name"
                ));
            }
            *pod.spec.preemption_policy = Some(policy);
        }
        // `SetDefaults_PodSpec` gives every pod a policy.
        if pod.spec.preemption_policy.is_none() {
            *pod.spec.preemption_policy =
                Some(crate::api::scheduling::PREEMPT_LOWER_PRIORITY.to_string());
        }
        Ok(())
    }

    /// Creates or updates a PriorityClass: `ValidatePriorityClassUpdate` on an
    /// update, the Priority plugin's `validatePriorityClass` (one global
    /// default) on both. A new class may let a controller's refused pods in, so
    /// the controllers look at their objects again.
    pub(super) fn apply_priority_class(
        &mut self,
        class: &PriorityClass,
    ) -> Result<String, Refusal> {
        let name = class.metadata.name.clone();
        let resource = "priorityclass.scheduling.k8s.io";
        let existing = self.priority_class(&name).cloned();
        if let Some(old) = &existing {
            let errs = priority_class_update(class, old);
            if let Some(first) = errs.first() {
                let details: Vec<String> = errs.iter().map(ToString::to_string).collect();
                // As kubectl prints an Invalid status (`checkErr`).
                let message = if details.len() == 1 {
                    details.join("")
                } else {
                    details.iter().map(|d| format!("\n* {d}")).collect()
                };
                return Err((
                    first.path.clone(),
                    format!("The PriorityClass {name:?} is invalid: {message}"),
                ));
            }
        }
        if class.global_default
            && let Some(default) = self.default_priority_class()
            && (existing.is_none() || default.metadata.name != name)
        {
            return Err((
                "globalDefault".to_string(),
                format!(
                    "priorityclasses.scheduling.k8s.io {name:?} is forbidden: PriorityClass {} is already marked as default. Only one default can exist",
                    default.metadata.name
                ),
            ));
        }
        let outcome = match (existing, self.priority_classes.get_mut(&name)) {
            (Some(_), Some(stored)) => {
                let before = stored.clone();
                stored.metadata.labels = class.metadata.labels.clone();
                stored.metadata.annotations = class.metadata.annotations.clone();
                stored.global_default = class.global_default;
                stored.description = class.description.clone();
                if *stored == before {
                    "unchanged"
                } else {
                    stored.metadata.resource_version = self.names.resource_version();
                    "configured"
                }
            }
            // A system class written back as it is.
            (Some(_), None) => "unchanged",
            (None, _) => {
                let mut stored = class.clone();
                stored.metadata.namespace = String::new();
                stored.metadata.uid = self.names.uid();
                stored.metadata.created = self.now;
                stored.metadata.generation = 1;
                stored.metadata.resource_version = self.names.resource_version();
                self.priority_classes.insert(name.clone(), stored);
                // Upstream's controllers retry a refused create with backoff.
                *self.replica_set_synced = Default::default();
                *self.daemon_set_synced = Default::default();
                "created"
            }
        };
        Ok(format!("{resource}/{name} {outcome}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLASS: &str = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 1000\n";

    fn pod(extra: &str) -> String {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{extra}  containers: [{{name: c, image: nginx}}]\n"
        )
    }

    fn refusal(c: &mut Cluster, text: &str) -> String {
        c.apply(text)
            .err()
            .and_then(|e| e.first().map(|d| d.message.clone()))
            .unwrap_or_default()
    }

    /// `plugin/pkg/admission/priority/admission_test.go: TestPodAdmission`,
    /// "Pod with priority class", "pod without priority class and no existing
    /// global default", "pod with system critical priority class".
    #[test]
    fn a_pod_gets_its_class_value() {
        let mut c = Cluster::tutorial();
        c.apply(CLASS).expect("class applies");
        c.apply(&pod("  priorityClassName: high\n"))
            .expect("pod applies");
        let p = c.pod("default", "p").cloned().unwrap_or_default();
        assert_eq!(p.spec.priority, 1000);
        assert_eq!(
            p.spec.preemption_policy.as_deref(),
            Some("PreemptLowerPriority")
        );
        let mut c = Cluster::tutorial();
        c.apply(&pod("")).expect("pod applies");
        let p = c.pod("default", "p").cloned().unwrap_or_default();
        assert_eq!(
            (p.spec.priority, p.spec.priority_class_name.as_str()),
            (0, "")
        );
        let mut c = Cluster::tutorial();
        c.apply(&pod("  priorityClassName: system-cluster-critical\n"))
            .expect("pod applies");
        let p = c.pod("default", "p").cloned().unwrap_or_default();
        assert_eq!(p.spec.priority, 2_000_000_000);
    }

    /// `admission_test.go: TestPodAdmission`, "pod without priority class and
    /// existing global default": the default's value and name.
    #[test]
    fn the_global_default_names_itself() {
        let mut c = Cluster::tutorial();
        c.apply(&format!(
            "{CLASS}globalDefault: true\npreemptionPolicy: Never\n"
        ))
        .expect("class applies");
        c.apply(&pod("")).expect("pod applies");
        let p = c.pod("default", "p").cloned().unwrap_or_default();
        assert_eq!(p.spec.priority, 1000);
        assert_eq!(p.spec.priority_class_name.as_str(), "high");
        assert_eq!(p.spec.preemption_policy.as_deref(), Some("Never"));
    }

    /// `admission_test.go: TestPodAdmission`, "pod with a non-existing priority
    /// class", "pod with priority field set and no matching class" and the
    /// preemption policy cases.
    #[test]
    fn refusals_in_upstream_words() {
        let mut c = Cluster::tutorial();
        assert_eq!(
            refusal(&mut c, &pod("  priorityClassName: foo\n")),
            "pods \"p\" is forbidden: no PriorityClass with name foo was found"
        );
        assert_eq!(
            refusal(&mut c, &pod("  priority: 10\n")),
            "pods \"p\" is forbidden: the integer value of priority (10) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name"
        );
        c.apply(&format!("{CLASS}preemptionPolicy: Never\n"))
            .expect("class applies");
        assert_eq!(
            refusal(
                &mut c,
                &pod("  priorityClassName: high\n  preemptionPolicy: PreemptLowerPriority\n")
            ),
            "pods \"p\" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name"
        );
        // The value it would compute is accepted.
        c.apply(&pod("  priorityClassName: high\n  priority: 1000\n"))
            .expect("the same value is accepted");
        assert!(c.pods().count() > 0);
    }

    /// `admission_test.go: TestPriorityClassAdmission`, "one default class"
    /// refused as a second default; and `validation_test.go:
    /// TestValidatePriorityClassUpdate` through apply.
    #[test]
    fn one_global_default_and_immutable_values() {
        let mut c = Cluster::tutorial();
        c.apply(&format!("{CLASS}globalDefault: true\n"))
            .expect("class applies");
        let second = CLASS.replace("high", "other") + "globalDefault: true\n";
        assert_eq!(
            refusal(&mut c, &second),
            "priorityclasses.scheduling.k8s.io \"other\" is forbidden: PriorityClass high is already marked as default. Only one default can exist"
        );
        // The default itself may be applied again.
        assert!(c.apply(&format!("{CLASS}globalDefault: true\n")).is_ok());
        assert_eq!(
            refusal(&mut c, &CLASS.replace("1000", "5")),
            "The PriorityClass \"high\" is invalid: value: Forbidden: may not be changed in an update."
        );
    }

    /// `admitPod` on update keeps what create resolved: applying the same file
    /// again changes nothing, and a different priority is an update the API
    /// server refuses (`ValidatePodUpdate`).
    #[test]
    fn applying_again_keeps_the_admitted_fields() {
        let mut c = Cluster::tutorial();
        c.apply(&format!("{CLASS}globalDefault: true\n"))
            .expect("class applies");
        let text = pod("");
        c.apply(&text).expect("pod applies");
        let again = c.apply(&text).expect("applies again");
        assert_eq!(again.lines, ["pod/p unchanged"]);
        let same = c
            .apply(&pod("  priority: 1000\n"))
            .expect("the same priority");
        assert_eq!(same.lines, ["pod/p unchanged"]);
        assert!(
            refusal(&mut c, &pod("  priority: 5\n")).contains("pod updates may not change fields")
        );
    }

    /// A controller's pod refused for an unknown class shows as `FailedCreate`
    /// with `Error creating:` (`controller_utils.go: CreatePods`), and the pods
    /// come once the class exists.
    #[test]
    fn controllers_wait_for_the_class() {
        let mut c = Cluster::tutorial();
        let rs = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      priorityClassName: high\n      containers: [{name: c, image: nginx}]\n";
        c.apply(rs).expect("applies");
        let failed: Vec<String> = c
            .events()
            .all()
            .iter()
            .filter(|e| e.reason == "FailedCreate")
            .map(|e| e.message.clone())
            .collect();
        assert_eq!(
            failed,
            [
                "Error creating: pods \"web-\" is forbidden: no PriorityClass with name high was found"
            ]
        );
        assert_eq!(c.pods().count(), 0);
        c.apply(CLASS).expect("class applies");
        assert_eq!(c.pods().count(), 2);
        assert!(c.pods().all(|p| p.spec.priority == 1000));
    }

    /// The scheduling queue pops the highest `spec.priority` first
    /// (`PrioritySort`): with room for one pod, the high-priority pod created
    /// second is the one bound.
    #[test]
    fn the_higher_priority_pod_is_scheduled_first() {
        let mut c = Cluster::tutorial();
        c.apply(CLASS).expect("class applies");
        let pod = |name: &str, class: &str| {
            format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n{class}  containers:\n  - name: c\n    image: nginx\n    resources: {{requests: {{cpu: '3'}}}}\n"
            )
        };
        // Both wait while the worker is cordoned, then one of them fits.
        c.update_node("worker", |n| n.spec.unschedulable = true);
        c.apply(&format!(
            "{}---\n{}",
            pod("low", ""),
            pod("urgent", "  priorityClassName: high\n")
        ))
        .expect("pods apply");
        c.update_node("worker", |n| n.spec.unschedulable = false);
        let bound = |name: &str| c.pod("default", name).map(|p| p.spec.node_name.clone());
        assert_eq!(bound("urgent").as_deref(), Some("worker"));
        assert_eq!(bound("low").as_deref(), Some(""));
    }

    #[test]
    fn system_classes_are_always_there() {
        let c = Cluster::tutorial();
        let names: Vec<String> = c
            .priority_classes()
            .into_iter()
            .map(|p| format!("{} {}", p.metadata.name, p.value))
            .collect();
        assert_eq!(
            names,
            [
                "system-cluster-critical 2000000000",
                "system-node-critical 2000001000"
            ]
        );
    }
}
