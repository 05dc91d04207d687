//! `kubectl cordon`, `uncordon` and `drain`
//! (`staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go`, `pkg/drain/{drain,filters}.go`).

use super::args::{self, Flag};
use super::{Invocation, select};
use crate::Output;
use serde_yaml::Value;
use taintlab_core::Cluster;
use taintlab_core::api::Pod;
use taintlab_core::cluster::Kind;

pub(crate) const FLAGS: &[Flag] = &[
    Flag::value("selector", Some('l')),
    Flag::value("dry-run", None),
    Flag::switch("ignore-daemonsets", None),
    Flag::switch("delete-emptydir-data", None),
    Flag::switch("force", None),
    Flag::int("grace-period", None, 64),
    Flag::value("timeout", None),
    Flag::value("pod-selector", None),
    Flag::switch("disable-eviction", None),
    Flag::switch("ignore-errors", None),
    Flag::int("skip-wait-for-delete-timeout", None, 64),
    Flag::int("chunk-size", None, 64),
];

// Models pkg/drain/filters.go: the refusals and warnings.
const DAEMON_SET_FATAL: &str = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMON_SET_WARNING: &str = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL: &str =
    "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_STORAGE_WARNING: &str = "deleting Pods with local storage";
const UNMANAGED_FATAL: &str =
    "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING: &str = "deleting Pods that declare no controller";

/// Runs `kubectl cordon|uncordon|drain ARGS...`.
pub fn run(inv: Invocation<'_>, command: &str, raw: &[String]) -> Output {
    let args = match args::parse(raw, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error(command, &message),
    };
    if args.on("help") {
        return Output::ok(format!(
            "{}\n\nUsage:\n  kubectl {command} NODE [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
            match command {
                "cordon" => "Mark node as unschedulable.",
                "uncordon" => "Mark node as schedulable.",
                _ =>
                    "Drain node in preparation for maintenance.\n\n The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction. Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.",
            }
        ));
    }
    // A `time.Duration` flag: parsed with the others, before anything is done.
    let timeout = match args
        .get("timeout")
        .map(super::drain_eviction::parse_duration)
    {
        None | Some(Ok(0)) => None,
        Some(Ok(seconds)) => Some(seconds),
        Some(Err(message)) => return super::usage_error(command, &message),
    };
    let selector = args.get("selector").unwrap_or("");
    if args.positional.is_empty() && selector.is_empty() {
        return Output::error(format!(
            "error: USAGE: {command} NODE [flags]\nSee 'kubectl {command} -h' for help and examples\n"
        ));
    }
    if !args.positional.is_empty() && !selector.is_empty() {
        return Output::error("error: cannot specify both a node name and a --selector option\n");
    }
    // The nodes, as the builder finds them: by name, or by selector.
    let mut nodes = Vec::new();
    let mut out = Output::ok("");
    if selector.is_empty() {
        for name in &args.positional {
            let name = name
                .strip_prefix("node/")
                .or_else(|| name.strip_prefix("nodes/"))
                .unwrap_or(name);
            if inv.cluster.node(name).is_some() {
                nodes.push(name.to_string());
            } else {
                return Output::error(format!(
                    "Error from server (NotFound): nodes \"{name}\" not found\n"
                ));
            }
        }
    } else {
        for node in inv.cluster.nodes() {
            match select::matches(selector, &node.metadata.labels) {
                Ok(true) => nodes.push(node.metadata.name.clone()),
                Ok(false) => {}
                Err(e) => return Output::error(format!("{e}\n")),
            }
        }
    }
    let dry_run = match args.get("dry-run") {
        Some("client") => " (dry run)",
        Some("server") => " (server dry run)",
        _ => "",
    };
    let desired = command != "uncordon";
    // Models `RunCordonOrUncordon`.
    for name in &nodes {
        let cordoned = inv.cluster.node(name).is_some_and(|n| n.spec.unschedulable);
        let word = if cordoned == desired {
            if desired {
                "already cordoned"
            } else {
                "already uncordoned"
            }
        } else {
            if dry_run.is_empty() {
                inv.cluster
                    .update_node(name, |node| node.spec.unschedulable = desired);
            }
            if desired { "cordoned" } else { "uncordoned" }
        };
        out.text.push_str(&format!("node/{name} {word}{dry_run}\n"));
    }
    if command != "drain" {
        return out;
    }
    let options = DrainOptions {
        ignore_daemon_sets: args.on("ignore-daemonsets"),
        delete_empty_dir: args.on("delete-emptydir-data"),
        force: args.on("force"),
        dry_run: !dry_run.is_empty(),
        disable_eviction: args.on("disable-eviction"),
        timeout,
    };
    // Models `RunDrain`: every node is tried; failures are reported as they come,
    // then the nodes still pending, then each refusal on its own line.
    let mut pending: Vec<&String> = Vec::new();
    let mut fatal: Vec<String> = Vec::new();
    for name in &nodes {
        match drain_node(inv.cluster, name, &options, &mut out.text) {
            Ok(()) => out
                .text
                .push_str(&format!("node/{name} drained{dry_run}\n")),
            Err(errors) => {
                let joined = match errors.as_slice() {
                    [one] => one.clone(),
                    many => format!("[{}]", many.join(", ")),
                };
                out.text.push_str(&format!(
                    "error: unable to drain node \"{name}\" due to error: {joined}, continuing command...\n"
                ));
                pending.push(name);
                fatal.extend(errors);
            }
        }
    }
    if !pending.is_empty() {
        out.text
            .push_str("There are pending nodes to be drained:\n");
        for n in pending {
            out.text.push_str(&format!(" {n}\n"));
        }
        for e in fatal {
            out.text.push_str(&e);
            out.text.push('\n');
        }
        out.code = 1;
    }
    out
}

struct DrainOptions {
    ignore_daemon_sets: bool,
    delete_empty_dir: bool,
    force: bool,
    dry_run: bool,
    disable_eviction: bool,
    /// `--timeout` in seconds; `None` waits as long as it takes.
    timeout: Option<u64>,
}

/// What the filters decided for one pod.
enum Verdict {
    Delete,
    Skip,
    Warn(bool, String),
    Refuse(String),
}

/// Models `deleteOrEvictPodsSimple`: the pods to evict, their warnings and refusals,
/// then the evictions.
fn drain_node(
    cluster: &mut Cluster,
    node: &str,
    options: &DrainOptions,
    text: &mut String,
) -> Result<(), Vec<String>> {
    let mut pods: Vec<&Pod> = cluster
        .pods()
        .filter(|p| p.spec.node_name == node)
        .collect();
    taintlab_core::sort::sort_by_key(&mut pods, |p| {
        (p.metadata.namespace.clone(), p.metadata.name.clone())
    });
    let mut to_evict: Vec<(String, String)> = Vec::new();
    // Messages keep the filters' order; each lists its pods.
    let mut warnings: Vec<(String, Vec<String>)> = Vec::new();
    let mut refusals: Vec<(String, Vec<String>)> = Vec::new();
    let note = |list: &mut Vec<(String, Vec<String>)>, message: String, pod: String| match list
        .iter_mut()
        .find(|(m, _)| *m == message)
    {
        Some((_, pods)) => pods.push(pod),
        None => list.push((message, vec![pod])),
    };
    for pod in pods {
        let id = format!("{}/{}", pod.metadata.namespace, pod.metadata.name);
        match verdict(cluster, pod, options) {
            Verdict::Delete => {
                to_evict.push((pod.metadata.namespace.clone(), pod.metadata.name.clone()))
            }
            Verdict::Skip => {}
            Verdict::Warn(delete, message) => {
                note(&mut warnings, message, id);
                if delete {
                    to_evict.push((pod.metadata.namespace.clone(), pod.metadata.name.clone()));
                }
            }
            Verdict::Refuse(message) => note(&mut refusals, message, id),
        }
    }
    if !refusals.is_empty() {
        return Err(refusals
            .into_iter()
            .map(|(message, pods)| {
                let message = if message.to_ascii_lowercase().starts_with("cannot delete") {
                    message
                } else {
                    format!("cannot delete {message}")
                };
                format!("{message}: {}", pods.join(", "))
            })
            .collect());
    }
    if !warnings.is_empty() {
        let joined: Vec<String> = warnings
            .iter()
            .map(|(message, pods)| format!("{message}: {}", pods.join(", ")))
            .collect();
        text.push_str(&format!("Warning: {}\n", joined.join("; ")));
    }
    if options.dry_run {
        for (ns, name) in &to_evict {
            text.push_str(&format!("evicting pod {ns}/{name} (dry run)\n"));
        }
        return Ok(());
    }
    if options.disable_eviction {
        // Models `deletePods`: plain deletions, which no budget refuses.
        for (ns, name) in &to_evict {
            cluster.delete_object(Kind::Pod, ns, name, None);
            text.push_str(&format!("pod/{name} deleted\n"));
        }
        return Ok(());
    }
    super::drain_eviction::evict_pods(cluster, to_evict, options.timeout, text)
}

/// Models `makeFilters`: skip-deleted, DaemonSet, mirror, local storage,
/// unreplicated, stopping at the first filter that keeps the pod.
fn verdict(cluster: &Cluster, pod: &Pod, options: &DrainOptions) -> Verdict {
    let finished = pod.status.phase == "Succeeded" || pod.status.phase == "Failed";
    let controller = pod.metadata.controller_of();
    let mut last = Verdict::Delete;
    // daemonSetFilter
    if let Some(owner) = controller.filter(|r| r.kind == "DaemonSet")
        && !finished
    {
        let exists = cluster.daemon_sets().any(|d| {
            d.metadata.name == owner.name && d.metadata.namespace == pod.metadata.namespace
        });
        if !exists {
            let message = format!("daemonsets.apps \"{}\" not found", owner.name);
            if options.force {
                last = Verdict::Warn(true, message);
            } else {
                return Verdict::Refuse(message);
            }
        } else if !options.ignore_daemon_sets {
            return Verdict::Refuse(DAEMON_SET_FATAL.to_string());
        } else {
            return Verdict::Warn(false, DAEMON_SET_WARNING.to_string());
        }
    }
    // mirrorPodFilter
    if pod.is_mirror() {
        return Verdict::Skip;
    }
    // localStorageFilter
    if has_local_storage(cluster, pod) && !finished {
        if !options.delete_empty_dir {
            return Verdict::Refuse(LOCAL_STORAGE_FATAL.to_string());
        }
        last = Verdict::Warn(true, LOCAL_STORAGE_WARNING.to_string());
    }
    // unreplicatedFilter
    if !finished && controller.is_none() {
        if options.force {
            return Verdict::Warn(true, UNMANAGED_WARNING.to_string());
        }
        return Verdict::Refuse(UNMANAGED_FATAL.to_string());
    }
    last
}

/// Whether the pod has an `emptyDir` volume: in its own applied text, or in the
/// template of the workload that made it.
fn has_local_storage(cluster: &Cluster, pod: &Pod) -> bool {
    let empty_dir = |spec: Option<&Value>| {
        spec.and_then(|s| s.get("volumes"))
            .and_then(Value::as_sequence)
            .is_some_and(|volumes| volumes.iter().any(|v| v.get("emptyDir").is_some()))
    };
    let ns = &pod.metadata.namespace;
    if let Some(applied) = cluster.applied_config("Pod", ns, &pod.metadata.name) {
        return empty_dir(applied.get("spec"));
    }
    let template = |kind: &str, name: &str| {
        cluster.applied_config(kind, ns, name).is_some_and(|a| {
            empty_dir(
                a.get("spec")
                    .and_then(|s| s.get("template"))
                    .and_then(|t| t.get("spec")),
            )
        })
    };
    match pod.metadata.controller_of() {
        Some(owner) if owner.kind == "DaemonSet" => template("DaemonSet", &owner.name),
        Some(owner) if owner.kind == "ReplicaSet" => {
            template("ReplicaSet", &owner.name)
                || cluster
                    .replica_sets()
                    .find(|rs| rs.metadata.name == owner.name && rs.metadata.namespace == *ns)
                    .and_then(|rs| rs.metadata.controller_of())
                    .is_some_and(|d| template("Deployment", &d.name))
        }
        _ => false,
    }
}
