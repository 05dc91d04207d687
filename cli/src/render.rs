//! Plain-text rendering of core's view models for the terminal.

use taintlab_core::view::ClusterView;
use taintlab_core::{Cluster, Diagnostic, Severity};

/// `FILE:LINE:COLUMN: error: MESSAGE (document N)`, the shape editors can jump to.
pub fn diagnostic(path: &str, d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!(
        "{path}:{}:{}: {severity}: {} (document {})",
        d.line, d.column, d.message, d.document
    )
}

/// Each node with its taints and pods, and why a DaemonSet skips it.
pub fn placement(cluster: &Cluster) -> String {
    let view = ClusterView::of(cluster);
    let mut out = String::new();
    for node in &view.nodes {
        let roles = if node.roles.is_empty() {
            "<none>".to_string()
        } else {
            node.roles.join(",")
        };
        out.push_str(&format!(
            "node {} (roles: {roles}, {})\n",
            node.name, node.status
        ));
        for taint in &node.taints {
            out.push_str(&format!("  taint  {}\n", taint.text));
        }
        for pod in &node.pods {
            out.push_str(&format!("  pod    {} ({})\n", pod.name, pod.status));
        }
        for skip in &node.skipped {
            let taint = skip
                .taint
                .as_deref()
                .map(|t| format!(" [{t}]"))
                .unwrap_or_default();
            out.push_str(&format!(
                "  skip   {}: {}{taint}\n",
                skip.daemon_set, skip.reason
            ));
        }
    }
    for pod in &view.pending {
        out.push_str(&format!("pending {}: {}\n", pod.name, pod.message));
    }
    out
}
