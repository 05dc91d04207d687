//! `taintlab why`: what the page's *Why here?* panel shows, as text: for a pod,
//! every filter plugin's verdict on every node, the scores, the scheduler's own
//! message, what preemption would do and a NoExecute countdown; for a
//! DaemonSet, its decision node by node; for a node, its taints and who
//! tolerates them.

use crate::{ApplyOptions, load_cluster, parse_options, read, render};
use std::fmt::Write;
use std::process::ExitCode;
use taintlab_core::Cluster;
use taintlab_core::why::PodExplanation;
use taintlab_core::why::explain_daemon_set;
use taintlab_core::why::explain_eviction;
use taintlab_core::why::explain_node;
use taintlab_core::why::explain_pod;
use taintlab_core::why::score_breakdown;

/// What to explain: `pod/NAME`, `pod/NAMESPACE/NAME`, `daemonset/NAME`,
/// `daemonset/NAMESPACE/NAME` or `node/NAME` (`ds`, `po` and `no` too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A pod.
    Pod(String, String),
    /// A DaemonSet.
    DaemonSet(String, String),
    /// A node.
    Node(String),
}

impl Target {
    /// Reads `kind/name` or `kind/namespace/name`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Target> {
        let mut parts = text.split('/');
        let kind = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        let (namespace, name) = match rest.as_slice() {
            [name] => ("default", *name),
            [namespace, name] => (*namespace, *name),
            _ => return None,
        };
        if name.is_empty() || namespace.is_empty() {
            return None;
        }
        match kind {
            "pod" | "pods" | "po" => Some(Target::Pod(namespace.into(), name.into())),
            "daemonset" | "daemonsets" | "ds" => {
                Some(Target::DaemonSet(namespace.into(), name.into()))
            }
            "node" | "nodes" | "no" if rest.len() == 1 => Some(Target::Node(name.into())),
            _ => None,
        }
    }
}

/// `taintlab why [--cluster FILE] [--scheduler-config FILE] [--after SECONDS]
/// [FILE...] TARGET...`: applies the files as `apply` does, lets the time
/// pass, then explains each target.
pub fn command(args: &[String]) -> ExitCode {
    let (options, rest) = match parse_options(args, false) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", crate::HELP);
            return ExitCode::from(2);
        }
    };
    let (targets, files): (Vec<&String>, Vec<&String>) =
        rest.iter().partition(|a| Target::parse(a).is_some());
    if targets.is_empty() {
        eprintln!(
            "error: why needs a pod/NAME, daemonset/NAME or node/NAME to explain\n\n{}",
            crate::HELP
        );
        return ExitCode::from(2);
    }
    let cluster = match prepared(&options, &files) {
        Ok(cluster) => cluster,
        Err(code) => return code,
    };
    let mut missing = false;
    for (i, target) in targets.iter().filter_map(|t| Target::parse(t)).enumerate() {
        if i > 0 {
            println!();
        }
        match explain(&cluster, &target) {
            Some(text) => print!("{text}"),
            None => {
                missing = true;
                eprintln!("error: {} not found", targets[i]);
            }
        }
    }
    if missing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The cluster with every file applied and the time passed.
fn prepared(options: &ApplyOptions, files: &[&String]) -> Result<Cluster, ExitCode> {
    let mut cluster = load_cluster(&options.cluster, options.scheduler_config.as_deref())?;
    for path in files {
        let text = read(path).map_err(|message| {
            eprintln!("error: {message}");
            ExitCode::from(2)
        })?;
        if let Err(errors) = cluster.apply(&text) {
            for d in &errors {
                eprintln!("{}", render::diagnostic(path, d));
            }
            return Err(ExitCode::from(2));
        }
    }
    cluster.advance(options.after_seconds);
    Ok(cluster)
}

/// The explanation of `target`, or `None` when there is no such object.
pub fn explain(cluster: &Cluster, target: &Target) -> Option<String> {
    match target {
        Target::Pod(namespace, name) => {
            let e = explain_pod(cluster, namespace, name)?;
            let mut out = pod_text(&e, namespace, name);
            if let Some(ev) = explain_eviction(cluster, namespace, name) {
                let _ = writeln!(out, "\nNoExecute eviction: {:?}", ev.decision);
                if let Some(left) = ev.seconds_left {
                    let _ = writeln!(out, "  deleted in {left}s");
                }
            }
            Some(out)
        }
        Target::DaemonSet(namespace, name) => {
            let rows = explain_daemon_set(cluster, namespace, name)?;
            let mut out =
                format!("DaemonSet {namespace}/{name}, node by node (NodeShouldRunDaemonPod):\n");
            for row in rows {
                let verdict = if row.should_run {
                    if row.pod.is_some() {
                        "runs its daemon pod".to_string()
                    } else {
                        "should run a daemon pod".to_string()
                    }
                } else {
                    let mut v = match (&row.reason, &row.why) {
                        (Some(reason), Some(why)) => {
                            format!("no new daemon pod: {reason}\n    {}", why.sentence())
                        }
                        (Some(reason), None) => format!("no new daemon pod: {reason}"),
                        _ => "no new daemon pod".to_string(),
                    };
                    if row.should_continue_running {
                        v.push_str(
                            "\n    A daemon pod already there could stay (shouldContinueRunning).",
                        );
                    }
                    v
                };
                let pod = row.pod.map(|p| format!(" [{p}]")).unwrap_or_default();
                let _ = writeln!(out, "  {}{pod}: {verdict}", row.node);
            }
            Some(out)
        }
        Target::Node(name) => {
            let n = explain_node(cluster, name)?;
            let mut out = format!("Node {}: {}", n.name, n.status);
            if !n.kubelet_running {
                out.push_str(" (kubelet stopped)");
            }
            out.push('\n');
            if n.taints.is_empty() {
                out.push_str("  no taints\n");
            }
            for t in &n.taints {
                let _ = writeln!(out, "  taint {}", t.text);
                let names = |list: &[taintlab_core::why::Subject]| -> String {
                    list.iter()
                        .map(|s| s.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                if !t.tolerated_by.is_empty() {
                    let _ = writeln!(out, "    tolerated by: {}", names(&t.tolerated_by));
                }
                if !t.not_tolerated_by.is_empty() {
                    let _ = writeln!(out, "    not tolerated by: {}", names(&t.not_tolerated_by));
                }
            }
            let _ = writeln!(out, "  pods: {}", n.pods.len());
            Some(out)
        }
    }
}

/// A pod's explanation: where it is, the scheduler's message, every filter's
/// verdict per node, the scores and what preemption would do.
fn pod_text(e: &PodExplanation, namespace: &str, name: &str) -> String {
    let mut out = format!("Pod {namespace}/{name}: {}", e.status);
    match &e.node {
        Some(node) if e.static_pod => {
            let _ = write!(
                out,
                ", a static pod on {node} (the kubelet runs it; no scheduler, no taint check)"
            );
        }
        Some(node) if e.bypassed_scheduler => {
            let _ = write!(out, ", on {node} by spec.nodeName (no scheduler)");
        }
        Some(node) => {
            let _ = write!(out, ", on {node}");
        }
        None => out.push_str(", on no node"),
    }
    out.push('\n');
    if let Some(owner) = &e.owner {
        let _ = writeln!(out, "  controlled by {} {}", owner.kind, owner.name);
    }
    if let Some(profile) = &e.no_profile {
        let _ = writeln!(
            out,
            "  no scheduler profile is called {profile}: the pod waits"
        );
    }
    if let Some(message) = &e.scheduling_message {
        let _ = writeln!(out, "  FailedScheduling: {message}");
    }
    out.push_str("\nFilters, per node (the first rejection decides):\n");
    for row in &e.rows {
        match row.deciding {
            None => {
                let _ = writeln!(out, "  {}: feasible", row.node);
            }
            Some(plugin) => {
                let reason = row
                    .filters
                    .iter()
                    .find(|f| f.plugin == plugin)
                    .and_then(|f| f.rejection.as_ref());
                match reason {
                    Some((reason, why)) => {
                        let _ = writeln!(
                            out,
                            "  {}: {plugin}: {reason}\n    {}",
                            row.node,
                            why.sentence()
                        );
                    }
                    None => {
                        let _ = writeln!(out, "  {}: {plugin}", row.node);
                    }
                }
            }
        }
    }
    let scored: Vec<_> = e.rows.iter().filter_map(|r| Some((r, r.scores?))).collect();
    if !scored.is_empty() {
        out.push_str("\nScores of the feasible nodes (score x weight):\n");
        for (row, scores) in scored {
            let parts: Vec<String> = score_breakdown(&scores, &e.weights)
                .iter()
                .map(|(plugin, score, weight)| format!("{plugin} {score}x{weight}"))
                .collect();
            let best = if e.best.as_deref() == Some(row.node.as_str()) {
                " (best)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {}: {}{best}; {}",
                row.node,
                scores.total(&e.weights),
                parts.join(", ")
            );
        }
    }
    if let Some(p) = &e.preemption {
        out.push_str("\nPreemption (DefaultPreemption):\n");
        match &p.not_eligible {
            Some(why) => {
                let _ = writeln!(out, "  may not preempt: {why}");
            }
            None => {
                for n in &p.nodes {
                    match &n.reason {
                        Some(reason) => {
                            let _ = writeln!(out, "  {}: would not help: {reason}", n.node);
                        }
                        None => {
                            let victims: Vec<String> = n
                                .victims
                                .iter()
                                .map(|(v, priority)| format!("{v} ({priority})"))
                                .collect();
                            let _ = writeln!(
                                out,
                                "  {}: room if these go: {}",
                                n.node,
                                victims.join(", ")
                            );
                        }
                    }
                }
                if let Some(chosen) = &p.chosen {
                    let by = p
                        .decided_by
                        .map(|c| format!(", by {c}"))
                        .unwrap_or_default();
                    let _ = writeln!(out, "  chosen: {chosen}{by}");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::TUTORIAL_DAEMONSET;

    #[test]
    fn targets_are_read_as_kubectl_names() {
        assert_eq!(
            Target::parse("pod/web"),
            Some(Target::Pod("default".into(), "web".into()))
        );
        assert_eq!(
            Target::parse("ds/kube-system/proxy"),
            Some(Target::DaemonSet("kube-system".into(), "proxy".into()))
        );
        assert_eq!(
            Target::parse("node/worker"),
            Some(Target::Node("worker".into()))
        );
        assert_eq!(Target::parse("node/a/b"), None);
        assert_eq!(Target::parse("pods.yaml"), None);
        assert_eq!(Target::parse("pod/"), None);
    }

    #[test]
    fn the_tutorial_daemon_set_is_explained_node_by_node() {
        let mut cluster = Cluster::tutorial();
        cluster.apply(TUTORIAL_DAEMONSET).expect("applies");
        let text = explain(
            &cluster,
            &Target::DaemonSet("default".into(), "redis-ds".into()),
        )
        .expect("explained");
        assert!(
            text.contains("master: no new daemon pod: node(s) had untolerated taint"),
            "{text}"
        );
        assert!(
            text.contains("could stay (shouldContinueRunning)"),
            "{text}"
        );
        assert!(text.contains("worker [redis-ds-"), "{text}");
        assert!(text.contains("runs its daemon pod"), "{text}");
        let node = explain(&cluster, &Target::Node("master".into())).expect("explained");
        assert!(
            node.contains("taint node-role.kubernetes.io/master:NoSchedule"),
            "{node}"
        );
        assert_eq!(explain(&cluster, &Target::Node("nope".into())), None);
    }

    #[test]
    fn a_pending_pod_shows_every_node_and_the_message() {
        let mut cluster = Cluster::tutorial();
        cluster
            .apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"64\"\n")
            .expect("applies");
        let text =
            explain(&cluster, &Target::Pod("default".into(), "big".into())).expect("explained");
        assert!(
            text.starts_with("Pod default/big: Pending, on no node\n"),
            "{text}"
        );
        assert!(
            text.contains("  FailedScheduling: 0/2 nodes are available:"),
            "{text}"
        );
        assert!(
            text.contains("  master: TaintToleration: node(s) had untolerated taint"),
            "{text}"
        );
        assert!(
            text.contains("  worker: NodeResourcesFit: Insufficient cpu"),
            "{text}"
        );
        assert!(text.contains("Preemption (DefaultPreemption):"), "{text}");
        assert!(text.contains("  worker: would not help: "), "{text}");
    }
}
