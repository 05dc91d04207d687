//! `taintlab diff`: what a change would do before it is made. The cluster is
//! built twice from the same files; the change is applied to the second (the
//! fork) only; the same simulated time passes in both; then every pod whose
//! place or state differs is listed, with the reason when it waits.

use crate::{ApplyOptions, load_cluster, parse_options, read, render};
use std::collections::BTreeMap;
use std::process::ExitCode;
use taintlab_core::Cluster;
use taintlab_core::api::Pod;
use taintlab_core::view::pod_status_text;

/// How one pod differs between the cluster as it is and the fork.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodChange {
    /// `namespace/name`.
    pub pod: String,
    /// Its node and status before (`None`: it does not exist there).
    pub before: Option<(String, String)>,
    /// Its node and status in the fork.
    pub after: Option<(String, String)>,
    /// The scheduler's message when it waits in the fork.
    pub reason: Option<String>,
}

impl PodChange {
    /// One line: what happens to the pod.
    pub fn line(&self) -> String {
        let place = |(node, status): &(String, String)| {
            if node.is_empty() {
                format!("Pending ({status})")
            } else {
                format!("{node} ({status})")
            }
        };
        let what = match (&self.before, &self.after) {
            (None, Some(after)) => format!("new: {}", place(after)),
            (Some(before), None) => format!("gone: was {}", place(before)),
            (Some(before), Some(after)) => format!("{} -> {}", place(before), place(after)),
            (None, None) => String::new(),
        };
        match &self.reason {
            Some(reason) => format!("pod {}: {what}\n    {reason}", self.pod),
            None => format!("pod {}: {what}", self.pod),
        }
    }
}

/// Every pod of either cluster that is not in the same place and state in
/// both, in namespace/name order.
pub fn pod_changes(before: &Cluster, after: &Cluster) -> Vec<PodChange> {
    let key = |p: &Pod| format!("{}/{}", p.metadata.namespace, p.metadata.name);
    let state = |p: &Pod| (p.spec.node_name.clone(), pod_status_text(p));
    let old: BTreeMap<String, (String, String)> =
        before.pods().map(|p| (key(p), state(p))).collect();
    let new: BTreeMap<String, (&Pod, (String, String))> =
        after.pods().map(|p| (key(p), (p, state(p)))).collect();
    let mut changes = Vec::new();
    for (name, was) in &old {
        match new.get(name) {
            None => changes.push(PodChange {
                pod: name.clone(),
                before: Some(was.clone()),
                after: None,
                reason: None,
            }),
            Some((pod, now)) if now != was => changes.push(PodChange {
                pod: name.clone(),
                before: Some(was.clone()),
                after: Some(now.clone()),
                reason: waiting_reason(pod),
            }),
            Some(_) => {}
        }
    }
    for (name, (pod, now)) in &new {
        if !old.contains_key(name) {
            changes.push(PodChange {
                pod: name.clone(),
                before: None,
                after: Some(now.clone()),
                reason: waiting_reason(pod),
            });
        }
    }
    changes.sort_by(|a, b| a.pod.cmp(&b.pod));
    changes
}

/// The scheduler's message for a pod that waits for a node.
fn waiting_reason(pod: &Pod) -> Option<String> {
    if !pod.spec.node_name.is_empty() {
        return None;
    }
    pod.condition("PodScheduled")
        .filter(|c| c.status == "False" && !c.message.is_empty())
        .map(|c| c.message.clone())
}

/// `taintlab diff [--cluster FILE] [--scheduler-config FILE] [--after SECONDS]
/// [FILE...] CHANGE`: exit status 0 when no pod would move, start, stop or
/// wait differently, 1 when one would, 2 on bad input.
pub fn command(args: &[String]) -> ExitCode {
    let (options, files) = match parse_options(args, false) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", crate::HELP);
            return ExitCode::from(2);
        }
    };
    let Some((change, base)) = files.split_last() else {
        eprintln!("error: diff needs the CHANGE file\n\n{}", crate::HELP);
        return ExitCode::from(2);
    };
    let (before, after) = match clusters(&options, base, change) {
        Ok(pair) => pair,
        Err(code) => return code,
    };
    let changes = pod_changes(&before, &after);
    if changes.is_empty() {
        println!("no pod would change");
        return ExitCode::SUCCESS;
    }
    for c in &changes {
        println!("{}", c.line());
    }
    ExitCode::FAILURE
}

/// The cluster as the files make it, and the fork with the change applied,
/// after the same simulated time.
fn clusters(
    options: &ApplyOptions,
    base: &[String],
    change: &str,
) -> Result<(Cluster, Cluster), ExitCode> {
    let mut before = load_cluster(&options.cluster, options.scheduler_config.as_deref())?;
    for path in base {
        apply_file(&mut before, path)?;
    }
    let mut after = before.clone();
    apply_file(&mut after, change)?;
    before.advance(options.after_seconds);
    after.advance(options.after_seconds);
    Ok((before, after))
}

/// Applies one file, or reports its errors.
fn apply_file(cluster: &mut Cluster, path: &str) -> Result<(), ExitCode> {
    let text = read(path).map_err(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })?;
    cluster.apply(&text).map(drop).map_err(|errors| {
        for d in &errors {
            eprintln!("{}", render::diagnostic(path, d));
        }
        ExitCode::from(2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::TUTORIAL_DAEMONSET;
    use taintlab_core::TUTORIAL_DAEMONSET_TOLERATING;

    #[test]
    fn a_toleration_would_add_a_daemon_pod_on_the_master() {
        let mut before = Cluster::tutorial();
        before.apply(TUTORIAL_DAEMONSET).expect("applies");
        let mut after = before.clone();
        after.apply(TUTORIAL_DAEMONSET_TOLERATING).expect("applies");
        before.advance(10);
        after.advance(10);
        let changes = pod_changes(&before, &after);
        let lines: Vec<String> = changes.iter().map(PodChange::line).collect();
        assert!(
            lines.iter().any(|l| l.contains(": new: master (Running)")),
            "{lines:?}"
        );
        assert!(pod_changes(&before, &before).is_empty());
    }

    #[test]
    fn a_pod_that_would_wait_says_why() {
        let before = Cluster::tutorial();
        let mut after = before.clone();
        after
            .apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"64\"\n")
            .expect("applies");
        let changes = pod_changes(&before, &after);
        assert_eq!(changes.len(), 1);
        let line = changes[0].line();
        assert!(
            line.starts_with(
                "pod default/big: new: Pending (Pending)\n    0/2 nodes are available:"
            ),
            "{line}"
        );
    }
}
