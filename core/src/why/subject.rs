//! What the explanation panel can be about, and the selection keys that name it
//! (`pod/NAMESPACE/NAME`, `node/NAME`, `daemonset/NAMESPACE/NAME`).

use crate::Cluster;

/// An object the explanation panel can explain.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// A node.
    Node(String),
    /// A pod.
    Pod {
        /// Its namespace.
        namespace: String,
        /// Its name.
        name: String,
    },
    /// A DaemonSet.
    DaemonSet {
        /// Its namespace.
        namespace: String,
        /// Its name.
        name: String,
    },
}

impl Subject {
    /// Reads a selection key; `None` for anything else, including empty names.
    pub fn parse(key: &str) -> Option<Subject> {
        let named = |rest: &str| {
            let (namespace, name) = rest.split_once('/')?;
            (!namespace.is_empty() && !name.is_empty() && !name.contains('/'))
                .then(|| (namespace.to_string(), name.to_string()))
        };
        let (kind, rest) = key.split_once('/')?;
        match kind {
            "node" if !rest.is_empty() && !rest.contains('/') => {
                Some(Subject::Node(rest.to_string()))
            }
            "pod" => named(rest).map(|(namespace, name)| Subject::Pod { namespace, name }),
            "daemonset" => {
                named(rest).map(|(namespace, name)| Subject::DaemonSet { namespace, name })
            }
            _ => None,
        }
    }

    /// The selection key that [`Subject::parse`] reads back.
    pub fn key(&self) -> String {
        match self {
            Subject::Node(name) => format!("node/{name}"),
            Subject::Pod { namespace, name } => format!("pod/{namespace}/{name}"),
            Subject::DaemonSet { namespace, name } => format!("daemonset/{namespace}/{name}"),
        }
    }

    /// How kubectl names it: `node/worker`, `pod/redis` (with `-n` implied for
    /// other namespaces, shown as `kube-system/etcd-master`).
    pub fn label(&self) -> String {
        let scoped = |namespace: &str, name: &str| {
            if namespace == "default" {
                name.to_string()
            } else {
                format!("{namespace}/{name}")
            }
        };
        match self {
            Subject::Node(name) => name.clone(),
            Subject::Pod { namespace, name } | Subject::DaemonSet { namespace, name } => {
                scoped(namespace, name)
            }
        }
    }

    /// Whether it still exists in `cluster` (a pod may have been evicted).
    pub fn exists(&self, cluster: &Cluster) -> bool {
        match self {
            Subject::Node(name) => cluster.node(name).is_some(),
            Subject::Pod { namespace, name } => cluster.pod(namespace, name).is_some(),
            Subject::DaemonSet { namespace, name } => cluster
                .daemon_sets()
                .any(|d| d.metadata.namespace == *namespace && d.metadata.name == *name),
        }
    }
}

/// Everything there is to explain: nodes, then pods, then DaemonSets, each sorted
/// by namespace and name.
pub fn subjects(cluster: &Cluster) -> Vec<Subject> {
    let mut pods: Vec<Subject> = cluster
        .pods()
        .map(|p| Subject::Pod {
            namespace: p.metadata.namespace.clone(),
            name: p.metadata.name.clone(),
        })
        .collect();
    pods.sort();
    let mut daemon_sets: Vec<Subject> = cluster
        .daemon_sets()
        .map(|d| Subject::DaemonSet {
            namespace: d.metadata.namespace.clone(),
            name: d.metadata.name.clone(),
        })
        .collect();
    daemon_sets.sort();
    cluster
        .nodes()
        .map(|n| Subject::Node(n.metadata.name.clone()))
        .chain(pods)
        .chain(daemon_sets)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TUTORIAL_DAEMONSET;

    #[test]
    fn keys_round_trip() {
        for key in [
            "node/worker",
            "pod/default/redis",
            "daemonset/kube-system/redis-ds",
        ] {
            let subject = Subject::parse(key).expect("parses");
            assert_eq!(subject.key(), key);
        }
        assert_eq!(
            Subject::parse("pod/kube-system/etcd-master").map(|s| s.label()),
            Some("kube-system/etcd-master".to_string())
        );
    }

    #[test]
    fn malformed_keys_name_nothing() {
        for key in [
            "",
            "node/",
            "node/a/b",
            "pod/default",
            "pod//x",
            "pod/default/",
            "pod/a/b/c",
            "deployment/default/x",
            "worker",
        ] {
            assert_eq!(Subject::parse(key), None, "{key}");
        }
    }

    #[test]
    fn subjects_list_nodes_pods_and_daemon_sets() {
        let mut c = Cluster::tutorial();
        c.apply(TUTORIAL_DAEMONSET).expect("applies");
        let keys: Vec<String> = subjects(&c).iter().map(Subject::key).collect();
        assert_eq!(keys[..2], ["node/master", "node/worker"]);
        assert!(keys[2].starts_with("pod/default/redis-ds-"), "{keys:?}");
        assert_eq!(keys[3], "daemonset/default/redis-ds");
        assert_eq!(keys.len(), 4);
        assert!(subjects(&c).iter().all(|s| s.exists(&c)));
        assert!(!Subject::Node("gone".into()).exists(&c));
    }
}
