//! What the anonymizer keeps as it is: Kubernetes' own words, kubectl's and the
//! shell's, and the label keys and values that carry scheduling meaning but no
//! secret. Everything here is public knowledge; a real name that happens to be
//! one of these words (a node called `worker`) stays, and gives nothing away.

use super::names::Cat;

/// The namespaces every cluster has: not secrets, and lessons rely on them.
pub(crate) const NAMESPACES: [&str; 4] =
    ["default", "kube-node-lease", "kube-public", "kube-system"];

/// Kubernetes', kubectl's and the shell's words. Kept wherever they appear, so
/// that a command line stays a command line (`kubectl get pods -n default`) even
/// if some object happens to share a name with a word of it.
const WORDS: &[&str] = &[
    // Namespaces, schedulers and priority classes every cluster has.
    "default",
    "kube-system",
    "kube-public",
    "kube-node-lease",
    "default-scheduler",
    "system-cluster-critical",
    "system-node-critical",
    // The control plane's own pods and add-ons, by their upstream names.
    "etcd",
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
    "kube-proxy",
    "coredns",
    "kube-dns",
    "control-plane",
    "master",
    "worker",
    // Resource types and their short names.
    "all",
    "node",
    "nodes",
    "no",
    "pod",
    "pods",
    "po",
    "deployment",
    "deployments",
    "deploy",
    "daemonset",
    "daemonsets",
    "ds",
    "replicaset",
    "replicasets",
    "rs",
    "namespace",
    "namespaces",
    "ns",
    "priorityclass",
    "priorityclasses",
    "pc",
    "poddisruptionbudget",
    "poddisruptionbudgets",
    "pdb",
    "event",
    "events",
    "ev",
    // kubectl's verbs and the words of its flags.
    "kubectl",
    "get",
    "describe",
    "apply",
    "create",
    "delete",
    "edit",
    "label",
    "annotate",
    "taint",
    "cordon",
    "uncordon",
    "drain",
    "scale",
    "rollout",
    "status",
    "restart",
    "undo",
    "history",
    "run",
    "set",
    "image",
    "logs",
    "explain",
    "patch",
    "replace",
    "wait",
    "version",
    "yaml",
    "json",
    "wide",
    "name",
    // The shell on the host and on the nodes.
    "ssh",
    "exit",
    "cat",
    "ls",
    "echo",
    "rm",
    "mv",
    "cp",
    "grep",
    "head",
    "tail",
    "sleep",
    "clear",
    "sudo",
    "systemctl",
    "start",
    "stop",
    "crictl",
    "ps",
    "docker",
    "exec",
    "kubelet",
    "bash",
    "sh",
    "root",
    // Values the API defines.
    "linux",
    "windows",
    "amd64",
    "arm64",
    "arm",
    "ppc64le",
    "s390x",
    "true",
    "false",
    "yes",
    "on",
    "off",
    "null",
    "none",
    "NoSchedule",
    "PreferNoSchedule",
    "NoExecute",
    "Exists",
    "Equal",
    "In",
    "NotIn",
    "DoesNotExist",
    "Gt",
    "Lt",
    "Always",
    "Never",
    "IfNotPresent",
    "OnFailure",
    "Running",
    "Pending",
    "Succeeded",
    "Failed",
    "Unknown",
    "Ready",
    "TCP",
    "UDP",
    "SCTP",
    "latest",
    // Generic label keys: the key says nothing, its value may (and is replaced).
    "app",
    "tier",
    "env",
    "environment",
    "component",
    "release",
    "role",
    "k8s-app",
    "track",
    "stage",
    "team",
    "zone",
    "region",
    "disk",
    "disktype",
    "gpu",
    "dedicated",
    "type",
    "size",
    "cpu",
    "memory",
    "pod-template-hash",
    "controller-revision-hash",
    "pod-template-generation",
];

/// Whether `word` is one of [`WORDS`].
pub(crate) fn is_word(word: &str) -> bool {
    WORDS.contains(&word)
}

/// A number (`3`, `-1`, `0.5`): a count or a size, not a name. An address
/// (`10.0.1.5`) has more than one dot and is not one.
pub(crate) fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1
}

/// A version (`v1`, `v1.30`, `v1.30.2`), as labels and API groups write them.
pub(crate) fn is_version(s: &str) -> bool {
    s.strip_prefix('v').is_some_and(|rest| {
        rest.split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Whether a label, annotation or taint key stays: keys in Kubernetes' own
/// domains (`kubernetes.io/hostname`, `node-role.kubernetes.io/…`,
/// `topology.k8s.io/…`) and the generic ones of [`WORDS`] (`app`, `tier`).
/// Others (`acme.com/team`, `customer-x`) may name the company or a customer.
pub(crate) fn is_kept_key(key: &str) -> bool {
    match key.split_once('/') {
        Some((domain, _)) => ["kubernetes.io", "k8s.io"].iter().any(|own| {
            domain == *own
                || domain
                    .strip_suffix(own)
                    .is_some_and(|sub| sub.ends_with('.'))
        }),
        None => is_word(key),
    }
}

/// Keys whose values stay whatever they are: the platform (os, arch, instance
/// type), roles, and hashes and generations the controllers compare (a hash of
/// a template says nothing of the template).
pub(crate) fn keeps_values(key: &str) -> bool {
    matches!(
        key,
        "kubernetes.io/os"
            | "kubernetes.io/arch"
            | "beta.kubernetes.io/os"
            | "beta.kubernetes.io/arch"
            | "node.kubernetes.io/instance-type"
            | "beta.kubernetes.io/instance-type"
            | "kubernetes.io/role"
            | "pod-template-hash"
            | "controller-revision-hash"
            | "pod-template-generation"
    ) || key.starts_with("node-role.kubernetes.io/")
}

/// What the values of a label key are: host names follow their node, zones and
/// regions get letters (`zone-a`), a namespace's name label follows its
/// namespace, the rest are plain values.
pub(crate) fn value_category(key: &str) -> Cat {
    match key {
        "kubernetes.io/hostname" => Cat::Node,
        "topology.kubernetes.io/zone" | "failure-domain.beta.kubernetes.io/zone" | "zone" => {
            Cat::Zone
        }
        "topology.kubernetes.io/region" | "failure-domain.beta.kubernetes.io/region" | "region" => {
            Cat::Region
        }
        "kubernetes.io/metadata.name" => Cat::Namespace,
        _ => Cat::Value,
    }
}

/// Annotations kept, with their values: what the simulation reads (a static
/// pod's hashes, a DaemonSet's template generation, a Deployment's revisions).
/// Every other annotation is dropped: their values are free text (JSON, URLs,
/// e-mail addresses) and change no placement.
pub(crate) fn keeps_annotation(key: &str) -> bool {
    matches!(
        key,
        "kubernetes.io/config.hash"
            | "kubernetes.io/config.mirror"
            | "kubernetes.io/config.source"
            | "deprecated.daemonset.template.generation"
            | "deployment.kubernetes.io/revision"
            | "deployment.kubernetes.io/desired-replicas"
            | "deployment.kubernetes.io/max-replicas"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubernetes_keys_stay_and_others_do_not() {
        for key in [
            "kubernetes.io/hostname",
            "node-role.kubernetes.io/control-plane",
            "topology.kubernetes.io/zone",
            "topology.k8s.io/x",
            "app",
        ] {
            assert!(is_kept_key(key), "{key}");
        }
        for key in [
            "acme.com/team",
            "notkubernetes.io/x",
            "customer-bigbank",
            "kubernetes.io.evil.com/x",
        ] {
            assert!(!is_kept_key(key), "{key}");
        }
    }

    #[test]
    fn numbers_and_versions_are_not_names() {
        for s in ["3", "-1", "0.5", "110"] {
            assert!(is_number(s), "{s}");
        }
        for s in ["10.0.1.5", "a1", "", "-", "1.2.3"] {
            assert!(!is_number(s), "{s}");
        }
        for s in ["v1", "v1.30", "v1.30.2"] {
            assert!(is_version(s), "{s}");
        }
        for s in ["v", "v1.", "vx", "version"] {
            assert!(!is_version(s), "{s}");
        }
    }
}
