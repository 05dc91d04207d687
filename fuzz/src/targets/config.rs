//! Cluster files: a kind config (`Cluster::from_config`, which also reads Node
//! objects) and an imported node list (`kubectl get nodes -o yaml`, `import::nodes`),
//! each made into a cluster the clock then runs; and a scheduler configuration
//! (`Cluster::set_scheduler_config`) that then schedules pods.

use super::{Target, exercise, feature, known_shape, lossy};
use crate::generate;
use crate::mutate::{COMMON_TOKENS, K8S_TOKENS};
use taintlab_core::{Cluster, session};
use taintlab_playground::import;
use taintlab_shell::Terminal;

#[rustfmt::skip]
const KIND_TOKENS: &[&str] = &[
    "kind: Cluster\n", "apiVersion: kind.x-k8s.io/v1alpha4\n", "nodes:\n",
    "- role: control-plane\n", "- role: worker\n", "role: ", "image: kindest/node:v1.24.7\n",
    "kindest/node:v1.", "featureGates:\n", "kubeadmConfigPatches:\n", "- |\n",
    "kind: InitConfiguration\n", "kind: JoinConfiguration\n", "nodeRegistration:\n", "taints: []\n",
    "taints:\n", "kubeletExtraArgs:\n", "node-labels: ", "extraPortMappings:\n", "networking:\n",
    "name: ",
];

/// A kind cluster config.
pub const KIND: Target = Target {
    name: "kind-config",
    about: "a kind cluster config (or Node objects) made into a cluster (Cluster::from_config)",
    generate: Some(generate::kind_config),
    prepare: lossy,
    excluded: config_shape,
    run: run_kind,
    tokens: &[KIND_TOKENS, COMMON_TOKENS, K8S_TOKENS],
    max_len: 16 * 1024,
};

#[rustfmt::skip]
const SCHEDULER_TOKENS: &[&str] = &[
    "apiVersion: kubescheduler.config.k8s.io/v1\n", "kind: KubeSchedulerConfiguration\n",
    "profiles:\n", "- schedulerName: ", "percentageOfNodesToScore: ", "plugins:\n",
    "multiPoint:\n", "filter:\n", "score:\n", "preFilter:\n", "postFilter:\n", "queueSort:\n",
    "bind:\n", "enabled:\n", "disabled:\n", "- name: ", "weight: ", "'*'", "pluginConfig:\n",
    "args:\n", "NodeResourcesFit", "TaintToleration", "NodeAffinity", "PodTopologySpread",
    "InterPodAffinity", "DefaultPreemption", "PrioritySort", "DefaultBinder", "ImageLocality",
    "scoringStrategy:\n", "type: MostAllocated\n", "type: RequestedToCapacityRatio\n",
    "requestedToCapacityRatio:\n", "shape:\n", "- {utilization: 0, score: 10}\n", "resources:\n",
    "hardPodAffinityWeight: ", "defaultingType: List\n", "defaultConstraints:\n",
    "- {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule}\n",
    "addedAffinity:\n", "requiredDuringSchedulingIgnoredDuringExecution:\n", "nodeSelectorTerms:\n",
    "preferredDuringSchedulingIgnoredDuringExecution:\n",
];

/// A scheduler configuration.
pub const SCHEDULER: Target = Target {
    name: "scheduler-config",
    about: "a KubeSchedulerConfiguration set on a cluster (Cluster::set_scheduler_config), which then schedules pods",
    generate: None,
    prepare: lossy,
    excluded: known_shape,
    run: run_scheduler,
    tokens: &[SCHEDULER_TOKENS, COMMON_TOKENS, K8S_TOKENS],
    max_len: 16 * 1024,
};

fn run_scheduler(text: &str, features: &mut Vec<u64>) {
    let mut cluster = Cluster::tutorial();
    match cluster.set_scheduler_config(text) {
        Ok(()) => {
            let profiles = cluster.scheduler_config().profiles.clone();
            features.push(feature("profiles", &profiles.len().min(4).to_string()));
            for (i, profile) in profiles.iter().take(3).enumerate() {
                let pod = format!(
                    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\nspec:\n  schedulerName: {:?}\n  containers:\n  - name: c\n    image: nginx\n",
                    profile.scheduler_name
                );
                if let Err(errors) = cluster.apply(&pod) {
                    for e in errors {
                        features.push(feature("apply", &e.message));
                    }
                }
            }
            let _ = cluster.apply(taintlab_core::TUTORIAL_DAEMONSET_TOLERATING);
            cluster.advance(5);
            exercise(&cluster, features);
        }
        Err(errors) => {
            for e in errors {
                features.push(feature("scheduler-config", &e.message));
            }
        }
    }
}

/// An imported node list.
pub const IMPORT: Target = Target {
    name: "import",
    about: "`kubectl get nodes -o yaml|json` imported (import::nodes) and its inputs replayed",
    generate: Some(generate::node_list),
    prepare: lossy,
    excluded: config_shape,
    run: run_import,
    tokens: &[COMMON_TOKENS, K8S_TOKENS],
    max_len: 16 * 1024,
};

/// A config asking for thousands of nodes is left to MAX_NODES (the lead's).
fn config_shape(text: &str) -> Option<&'static str> {
    if text.matches("role").count() > 200 || text.matches("name").count() > 400 {
        return Some("hundreds of nodes (MAX_NODES)");
    }
    known_shape(text)
}

fn run_kind(text: &str, features: &mut Vec<u64>) {
    match Cluster::from_config(text) {
        Ok(mut cluster) => {
            features.push(feature(
                "nodes",
                &cluster.nodes().count().min(6).to_string(),
            ));
            cluster.advance(1);
            cluster.advance(60);
            run_commands(cluster, features);
        }
        Err(errors) => {
            for e in errors {
                features.push(feature("kind", &e.message));
            }
        }
    }
}

fn run_import(text: &str, features: &mut Vec<u64>) {
    match import::nodes(text) {
        Ok(imported) => {
            features.push(feature("version", &imported.version.to_string()));
            let mut cluster = Cluster::tutorial();
            for input in imported.inputs() {
                session::replay(&mut cluster, &input);
            }
            cluster.advance(60);
            run_commands(cluster, features);
        }
        Err(errors) => {
            for e in errors {
                features.push(feature("import", &e.message));
            }
        }
    }
}

/// What a user looks at first in a new cluster.
fn run_commands(cluster: Cluster, features: &mut Vec<u64>) {
    exercise(&cluster, features);
    let mut term = Terminal::new(cluster);
    for line in [
        "kubectl get nodes -o wide --show-labels",
        "kubectl describe nodes",
        "kubectl apply -f - <<EOF",
        "kubectl get pods -A -o wide",
    ] {
        let stdin = line
            .ends_with("EOF")
            .then_some(taintlab_core::TUTORIAL_DAEMONSET_TOLERATING);
        let out = term.run(line, stdin);
        features.push(feature(line, &out.text));
    }
    term.cluster_mut().advance(5);
    exercise(term.cluster(), features);
}
