//! The resource types kubectl knows in the simulated cluster, as `kubectl
//! api-resources` lists them, and how a word on the command line names one.

/// One resource type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceType {
    /// Plural resource name, e.g. `daemonsets`.
    pub plural: &'static str,
    /// Singular name, e.g. `daemonset`.
    pub singular: &'static str,
    /// Short names, e.g. `ds`.
    pub short_names: &'static [&'static str],
    /// API group, empty for the core group.
    pub group: &'static str,
    /// `apiVersion` of its objects.
    pub api_version: &'static str,
    /// Whether objects live in a namespace.
    pub namespaced: bool,
    /// The kind.
    pub kind: &'static str,
    /// Whether taintlab simulates it (otherwise objects are only stored).
    pub simulated: bool,
}

impl ResourceType {
    /// How kubectl names it in messages: `pods`, `daemonsets.apps`.
    pub fn qualified_plural(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// How kubectl prefixes an object's name in output: `pod`, `daemonset.apps`.
    pub fn qualified_singular(&self) -> String {
        if self.group.is_empty() {
            self.singular.to_string()
        } else {
            format!("{}.{}", self.singular, self.group)
        }
    }
}

const fn simulated(
    plural: &'static str,
    singular: &'static str,
    short_names: &'static [&'static str],
    group: &'static str,
    api_version: &'static str,
    namespaced: bool,
    kind: &'static str,
) -> ResourceType {
    ResourceType {
        plural,
        singular,
        short_names,
        group,
        api_version,
        namespaced,
        kind,
        simulated: true,
    }
}

const fn stored(
    plural: &'static str,
    singular: &'static str,
    short_names: &'static [&'static str],
    group: &'static str,
    api_version: &'static str,
    kind: &'static str,
) -> ResourceType {
    ResourceType {
        plural,
        singular,
        short_names,
        group,
        api_version,
        namespaced: true,
        kind,
        simulated: false,
    }
}

/// Every resource type, in `kubectl api-resources` order (core group first, then
/// by group name; alphabetical within a group).
pub const RESOURCES: &[ResourceType] = &[
    stored("configmaps", "configmap", &["cm"], "", "v1", "ConfigMap"),
    simulated("events", "event", &["ev"], "", "v1", true, "Event"),
    stored(
        "limitranges",
        "limitrange",
        &["limits"],
        "",
        "v1",
        "LimitRange",
    ),
    simulated(
        "namespaces",
        "namespace",
        &["ns"],
        "",
        "v1",
        false,
        "Namespace",
    ),
    simulated("nodes", "node", &["no"], "", "v1", false, "Node"),
    stored(
        "persistentvolumeclaims",
        "persistentvolumeclaim",
        &["pvc"],
        "",
        "v1",
        "PersistentVolumeClaim",
    ),
    simulated("pods", "pod", &["po"], "", "v1", true, "Pod"),
    stored(
        "resourcequotas",
        "resourcequota",
        &["quota"],
        "",
        "v1",
        "ResourceQuota",
    ),
    stored("secrets", "secret", &[], "", "v1", "Secret"),
    stored(
        "serviceaccounts",
        "serviceaccount",
        &["sa"],
        "",
        "v1",
        "ServiceAccount",
    ),
    stored("services", "service", &["svc"], "", "v1", "Service"),
    simulated(
        "daemonsets",
        "daemonset",
        &["ds"],
        "apps",
        "apps/v1",
        true,
        "DaemonSet",
    ),
    simulated(
        "deployments",
        "deployment",
        &["deploy"],
        "apps",
        "apps/v1",
        true,
        "Deployment",
    ),
    simulated(
        "replicasets",
        "replicaset",
        &["rs"],
        "apps",
        "apps/v1",
        true,
        "ReplicaSet",
    ),
    stored(
        "statefulsets",
        "statefulset",
        &["sts"],
        "apps",
        "apps/v1",
        "StatefulSet",
    ),
    stored(
        "cronjobs",
        "cronjob",
        &["cj"],
        "batch",
        "batch/v1",
        "CronJob",
    ),
    stored("jobs", "job", &[], "batch", "batch/v1", "Job"),
    stored(
        "ingresses",
        "ingress",
        &["ing"],
        "networking.k8s.io",
        "networking.k8s.io/v1",
        "Ingress",
    ),
    simulated(
        "poddisruptionbudgets",
        "poddisruptionbudget",
        &["pdb"],
        "policy",
        "policy/v1",
        true,
        "PodDisruptionBudget",
    ),
    simulated(
        "priorityclasses",
        "priorityclass",
        &["pc"],
        "scheduling.k8s.io",
        "scheduling.k8s.io/v1",
        false,
        "PriorityClass",
    ),
];

/// Finds the type a word names: plural, singular, short name or kind, any case,
/// optionally qualified by group (`daemonsets.apps`) or group and version
/// (`deployments.v1.apps`).
pub fn resolve(word: &str) -> Option<&'static ResourceType> {
    let word = word.to_ascii_lowercase();
    let (name, qualifier) = match word.split_once('.') {
        Some((n, q)) => (n.to_string(), Some(q.to_string())),
        None => (word, None),
    };
    RESOURCES.iter().find(|r| {
        let named = r.plural == name
            || r.singular == name
            || r.short_names.contains(&name.as_str())
            || r.kind.eq_ignore_ascii_case(&name);
        let qualified = match &qualifier {
            None => true,
            Some(q) => {
                let version = r.api_version.rsplit('/').next().unwrap_or_default();
                *q == r.group || *q == format!("{version}.{}", r.group)
            }
        };
        named && qualified
    })
}

/// The type of a simulated kind.
pub fn of_kind(kind: &str) -> Option<&'static ResourceType> {
    RESOURCES.iter().find(|r| r.kind == kind)
}

/// kubectl's error for a word that names no type.
pub fn unknown(word: &str) -> String {
    format!("error: the server doesn't have a resource type \"{word}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_as_kubectl_resolves_them() {
        for word in [
            "ds",
            "daemonset",
            "daemonsets",
            "DaemonSet",
            "daemonsets.apps",
            "ds.v1.apps",
        ] {
            assert_eq!(
                resolve(word).map(|r| r.plural),
                Some("daemonsets"),
                "{word}"
            );
        }
        assert_eq!(resolve("po").map(|r| r.plural), Some("pods"));
        assert_eq!(resolve("no").map(|r| r.kind), Some("Node"));
        assert_eq!(resolve("svc").map(|r| r.simulated), Some(false));
        assert_eq!(resolve("pods.apps"), None);
        assert_eq!(resolve("bogus"), None);
    }
}
