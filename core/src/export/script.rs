//! The single shell script that writes the files and runs kind and kubectl.

use super::{CLUSTER, Export, SCRIPT_NAME};
use crate::cluster::STATIC_POD_PATH;

/// `s` as one shell word.
pub fn sh_quote(s: &str) -> String {
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"-_./=:,@%+".contains(&b);
    if !s.is_empty() && s.bytes().all(plain) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// A here-document delimiter that is not a line of `text`.
pub(super) fn delimiter(text: &str) -> String {
    let mut word = "TAINTLAB_EOF".to_string();
    let mut n = 1;
    while text.lines().any(|l| l == word) {
        n += 1;
        word = format!("TAINTLAB_EOF{n}");
    }
    word
}

/// `cat > FILE <<'EOF'` with `text`, ending in a newline.
fn heredoc(command: &str, text: &str) -> String {
    let end = delimiter(text);
    let newline = if text.ends_with('\n') { "" } else { "\n" };
    format!("{command} <<'{end}'\n{text}{newline}{end}\n")
}

impl Export {
    /// The single script that writes `kind.yaml` and `manifests.yaml` into
    /// `./taintlab-kind/` and builds the cluster. Runs in any POSIX shell.
    pub fn script(&self) -> String {
        let mut s = String::new();
        let v = self.version;
        s.push_str(&format!(
            "#!/bin/sh
# A taintlab scenario, rebuilt on a real cluster made with kind
# (https://kind.sigs.k8s.io). Needs docker, kind (v0.20 or newer, for
# nodes[].labels) and kubectl. Run it with `sh {SCRIPT_NAME}`: it writes
# kind.yaml and manifests.yaml into ./taintlab-kind/, creates the kind cluster
# \"{CLUSTER}\" and sets it up as the simulation left it;
# `kind delete cluster --name {CLUSTER}` removes it.
#
# The simulation ran Kubernetes {v}. kind boots its default node image unless
# KIND_IMAGE names another, such as a kindest/node image of {v} from the
# release notes of your kind version:
#   KIND_IMAGE=kindest/node:<tag> sh {SCRIPT_NAME}
#
# This rebuilds where the simulation ended, not how it got there: node taints
# are in place before anything is applied (a pod placed before a taint was
# added may land elsewhere), the clock starts anew, and the nodes have the
# capacity of the machine kind runs on.
#
# Simulated node -> kind node:
",
        ));
        for (simulated, kind) in &self.nodes {
            s.push_str(&format!("#   {simulated} -> {kind}\n"));
        }
        if let Some(extra) = &self.extra_control_plane {
            s.push_str(&format!(
                "#   (none) -> {extra}: kind needs a control plane; kubeadm taints it NoSchedule\n"
            ));
        }
        if !self.renamed.is_empty() {
            s.push_str(&format!(
                "# Node names in the pod specs of {} are the kind names.\n",
                self.renamed.join(", ")
            ));
        }
        s.push_str("\nset -eu\nmkdir -p taintlab-kind\ncd taintlab-kind\n\n");
        s.push_str(&heredoc("cat > kind.yaml", &self.kind_config));
        if !self.manifests.is_empty() {
            s.push_str(&heredoc("cat > manifests.yaml", &self.manifests));
        }
        s.push_str(&format!(
            "\nkind create cluster --config kind.yaml --name {CLUSTER} --wait 2m ${{KIND_IMAGE:+--image \"$KIND_IMAGE\"}}\n"
        ));
        if !self.commands.is_empty() {
            s.push_str(
                "\n# What kind.yaml cannot say: kubeadm's own labels and taints, cordons.\n",
            );
            for c in &self.commands {
                s.push_str(c);
                s.push('\n');
            }
        }
        if !self.static_pods.is_empty() {
            s.push_str("\n# Static pods, where each node's kubelet reads them.\n");
            for pod in &self.static_pods {
                let path = format!("{STATIC_POD_PATH}/{}", pod.file);
                let inner = format!("cat > {}", sh_quote(&path));
                let command = format!("docker exec -i {} sh -c {}", pod.node, sh_quote(&inner));
                s.push_str(&heredoc(&command, &pod.content));
            }
        }
        s.push_str("\nkubectl wait --for=condition=Ready nodes --all --timeout=2m\n");
        if !self.manifests.is_empty() {
            s.push_str("kubectl apply -f manifests.yaml\n");
        }
        if !self.stopped.is_empty() {
            s.push_str("\n# Kubelets stopped in the simulation (the nodes go NotReady in about a minute).\n");
            for node in &self.stopped {
                s.push_str(&format!("docker exec {node} systemctl stop kubelet\n"));
            }
        }
        s.push_str(&format!(
            "\necho \"taintlab: cluster {CLUSTER} is ready (kubectl get nodes,pods -o wide)\"\n"
        ));
        s
    }
}
