//! A lesson's own starting cluster (its `cluster:` field): a kind cluster
//! config, Node objects as `kubectl get nodes -o yaml` prints them, or a whole
//! cluster's state. It starts as the page's Import starts a cluster, so the
//! session records the same inputs an import would (a reset to an empty
//! cluster of the nodes' version, then the nodes or the state), and a link
//! replays them.

use crate::import;
use taintlab_core::Cluster;
use taintlab_core::session::Input;
use taintlab_shell::Terminal;

/// The inputs that start a cluster from `text`, or what is wrong with it.
pub(super) fn inputs(text: &str) -> Result<Vec<Input>, Vec<String>> {
    let messages = |errors: Vec<taintlab_core::Diagnostic>| -> Vec<String> {
        errors
            .iter()
            .map(|d| format!("line {}: {}", d.line, d.message))
            .collect()
    };
    let nodes_text = if is_kind_config(text) {
        // kind's own nodes, as `kubectl get nodes -o yaml` prints them: the
        // import then reads them as it reads a real cluster's.
        let cluster = Cluster::from_config(text).map_err(messages)?;
        let mut terminal = Terminal::new(cluster);
        terminal.run("kubectl get nodes -o yaml", None).text
    } else {
        text.to_string()
    };
    import::nodes(&nodes_text)
        .map(|import| import.inputs())
        .map_err(messages)
}

/// Whether `text` is a kind cluster config (`kind: Cluster`).
fn is_kind_config(text: &str) -> bool {
    taintlab_core::decode::yaml::parse(text)
        .ok()
        .is_some_and(|v| v.get("kind").and_then(serde_yaml::Value::as_str) == Some("Cluster"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::session::replay;

    fn started(text: &str) -> Cluster {
        let mut cluster = Cluster::tutorial();
        for input in inputs(text).expect("a cluster") {
            replay(&mut cluster, &input);
        }
        cluster
    }

    fn names(cluster: &Cluster) -> Vec<String> {
        cluster.nodes().map(|n| n.metadata.name.clone()).collect()
    }

    #[test]
    fn a_kind_config_starts_its_nodes() {
        let cluster = started(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n",
        );
        assert_eq!(
            names(&cluster),
            ["kind-control-plane", "kind-worker", "kind-worker2"]
        );
        assert_eq!(cluster.pods().count(), 0);
    }

    #[test]
    fn node_objects_and_a_whole_state_start_as_an_import_does() {
        let nodes = started(include_str!(
            "../../../core/tests/fixtures/kind-v1.30-nodes.yaml"
        ));
        assert_eq!(nodes.node_count(), 3);
        let state = started(include_str!(
            "../../../core/tests/fixtures/kind_rollout_state.yaml"
        ));
        assert_eq!(state.node_count(), 4);
        assert_eq!(state.pods().count(), 13);
    }

    #[test]
    fn a_cluster_that_does_not_read_says_where() {
        let errors = inputs("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n").unwrap_err();
        assert!(errors[0].contains("v1alpha4"), "{errors:?}");
        assert!(inputs("kind: Pod\n").is_err());
    }

    #[test]
    fn a_lesson_on_a_kind_cluster_passes_lesson_check() {
        let lesson = "id: kind-cordon\ntitle: {en: Cordon, zh: 封锁}\nsummary: {en: Cordon a worker., zh: 封锁一个工作节点。}\nintro: {en: A kind cluster of two workers., zh: 一个有两个工作节点的 kind 集群。}\ncluster: |\n  kind: Cluster\n  apiVersion: kind.x-k8s.io/v1alpha4\n  nodes:\n  - role: control-plane\n  - role: worker\n  - role: worker\nsteps:\n  - goal: {en: Cordon `kind-worker2`., zh: 封锁 `kind-worker2`。}\n    shell: kubectl cordon kind-worker2\n    why: {en: It takes no new pods., zh: 它不再接收新的 Pod。}\n    check:\n      cordoned: kind-worker2\n";
        let passed = crate::lessons::author::check_lesson("kind-cordon.yaml", lesson);
        assert!(passed.is_ok(), "{:?}", passed.err());
        // A node the kind config does not make is an error of the check.
        let wrong = lesson.replace("cordoned: kind-worker2", "cordoned: kind-worker9");
        assert!(crate::lessons::author::check_lesson("kind-cordon.yaml", &wrong).is_err());
        // A cluster that does not read is an error at `cluster`.
        let broken = lesson.replace("v1alpha4", "v1alpha3");
        let errors = crate::lessons::author::check_lesson("kind-cordon.yaml", &broken)
            .err()
            .unwrap_or_default();
        assert!(
            errors.iter().any(|e| e.to_string().contains("cluster")),
            "{errors:?}"
        );
    }
}
