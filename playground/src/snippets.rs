//! Starting points for common objects, offered by the editor's snippet menu, and
//! the rule for inserting one into a file that already holds YAML.

/// A manifest to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snippet {
    /// A stable identifier (also the suggested file name, without `.yaml`).
    pub id: &'static str,
    /// Whether it belongs in a node's `/etc/kubernetes/manifests` rather than
    /// being applied through the API.
    pub static_pod: bool,
    /// The YAML.
    pub yaml: &'static str,
}

/// Every snippet, in menu order.
pub const SNIPPETS: [Snippet; 5] = [
    Snippet {
        id: "node-with-taint",
        static_pod: false,
        yaml: "\
apiVersion: v1
kind: Node
metadata:
  name: gpu-1
  labels:
    kubernetes.io/hostname: gpu-1
    hardware: gpu
spec:
  # Only pods that tolerate this taint are scheduled here.
  taints:
    - key: hardware
      value: gpu
      effect: NoSchedule
",
    },
    Snippet {
        id: "pod-with-toleration",
        static_pod: false,
        yaml: "\
apiVersion: v1
kind: Pod
metadata:
  name: trainer
spec:
  containers:
    - name: main
      image: busybox:1.36
      command: [\"sleep\", \"3600\"]
  # Allows (does not force) scheduling onto nodes tainted hardware=gpu:NoSchedule.
  tolerations:
    - key: hardware
      operator: Equal
      value: gpu
      effect: NoSchedule
",
    },
    Snippet {
        id: "daemonset",
        static_pod: false,
        yaml: "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels:
      app: log-agent
  template:
    metadata:
      labels:
        app: log-agent
    spec:
      # Also run on control-plane nodes, under their old and new taint keys.
      tolerations:
        - key: node-role.kubernetes.io/master
          operator: Exists
          effect: NoSchedule
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          effect: NoSchedule
      containers:
        - name: agent
          image: fluent/fluent-bit:3.0
",
    },
    Snippet {
        id: "deployment",
        static_pod: false,
        yaml: "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
",
    },
    Snippet {
        id: "static-pod",
        static_pod: true,
        yaml: "\
# A static pod: save this file in a node's /etc/kubernetes/manifests and that
# node's kubelet runs it; the API shows a mirror pod named <name>-<node>.
apiVersion: v1
kind: Pod
metadata:
  name: static-web
  labels:
    role: static
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - containerPort: 80
          protocol: TCP
",
    },
];

/// The snippet with this id.
pub fn snippet(id: &str) -> Option<&'static Snippet> {
    SNIPPETS.iter().find(|s| s.id == id)
}

/// What to insert at the caret so that `snippet` becomes a document of its own:
/// `before` and `after` are the text on either side of the caret. A `---` line
/// separates it from YAML before it, a line break starts it on a fresh line, and
/// a `---` follows it when YAML comes after.
pub fn insertion(before: &str, after: &str, snippet: &str) -> String {
    let mut out = String::new();
    if !before.is_empty() && !before.ends_with('\n') {
        out.push('\n');
    }
    if has_content(before) && !ends_with_separator(before) {
        out.push_str("---\n");
    }
    out.push_str(snippet);
    if !snippet.ends_with('\n') {
        out.push('\n');
    }
    if has_content(after) && !starts_with_separator(after) {
        out.push_str("---\n");
    }
    out
}

/// Whether `text` holds more than blank lines and comments.
fn has_content(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with('#')
    })
}

fn is_separator(line: &str) -> bool {
    let line = line.trim_end();
    line == "---" || line.starts_with("--- ")
}

fn ends_with_separator(text: &str) -> bool {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(is_separator)
}

fn starts_with_separator(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(is_separator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::Cluster;

    #[test]
    fn each_api_snippet_applies_without_errors_or_warnings() {
        for snippet in SNIPPETS.iter().filter(|s| !s.static_pod) {
            let mut cluster = Cluster::tutorial();
            let report = cluster
                .apply(snippet.yaml)
                .unwrap_or_else(|e| panic!("{}: {e:?}", snippet.id));
            assert_eq!(report.lines.len(), 1, "{}: {:?}", snippet.id, report.lines);
            assert!(
                report.warnings.is_empty(),
                "{}: {:?}",
                snippet.id,
                report.warnings
            );
        }
    }

    #[test]
    fn all_api_snippets_apply_together_and_do_what_their_comments_say() {
        let mut cluster = Cluster::tutorial();
        let all: Vec<&str> = SNIPPETS
            .iter()
            .filter(|s| !s.static_pod)
            .map(|s| s.yaml)
            .collect();
        let mut text = String::new();
        for yaml in all {
            text.push_str(&insertion(&text, "", yaml));
        }
        let report = cluster.apply(&text).expect("all snippets apply");
        assert_eq!(report.lines.len(), 4, "{:?}", report.lines);
        cluster.advance(5);
        let node_of = |prefix: &str| -> Vec<String> {
            cluster
                .pods()
                .filter(|p| p.metadata.name.starts_with(prefix))
                .map(|p| p.spec.node_name.clone())
                .collect()
        };
        // The DaemonSet tolerates the master taint; the new tainted node keeps it
        // off, as it tolerates nothing about hardware.
        let mut agents = node_of("log-agent-");
        agents.sort();
        assert_eq!(agents, ["master", "worker"]);
        assert_eq!(node_of("web-").len(), 3);
        assert!(node_of("web-").iter().all(|n| n == "worker"));
        assert_eq!(node_of("trainer").len(), 1);
    }

    #[test]
    fn the_static_pod_snippet_runs_as_a_mirror_pod() {
        let snippet = snippet("static-pod").expect("a static pod snippet");
        assert!(snippet.static_pod);
        let mut cluster = Cluster::tutorial();
        assert!(cluster.write_manifest("master", "static-web.yaml", snippet.yaml));
        cluster.advance(2);
        let runtime = cluster.node_runtime("master").expect("master");
        assert!(
            runtime.manifest_errors.is_empty(),
            "{:?}",
            runtime.manifest_errors
        );
        let mirror = cluster
            .pod("default", "static-web-master")
            .expect("the mirror pod");
        assert_eq!(mirror.spec.node_name, "master");
    }

    #[test]
    fn insertion_makes_a_document_of_its_own() {
        let s = "kind: Pod\n";
        let cases: [(&str, &str, &str); 7] = [
            ("", "", "kind: Pod\n"),
            ("a: 1\n", "", "---\nkind: Pod\n"),
            ("a: 1", "", "\n---\nkind: Pod\n"),
            ("a: 1\n---\n", "", "kind: Pod\n"),
            ("# only a comment\n", "", "kind: Pod\n"),
            ("", "b: 2\n", "kind: Pod\n---\n"),
            ("a: 1\n", "---\nb: 2\n", "---\nkind: Pod\n"),
        ];
        for (before, after, expected) in cases {
            assert_eq!(
                insertion(before, after, s),
                expected,
                "{before:?} | {after:?}"
            );
        }
        // The result decodes as the documents it should be.
        let text = format!("a: 1{}", insertion("a: 1", "", SNIPPETS[1].yaml));
        assert_eq!(taintlab_core::decode::documents(&text).len(), 2);
    }
}
