//! `kubectl describe` for nodes, pods, DaemonSets, Deployments, ReplicaSets,
//! namespaces, PriorityClasses and PodDisruptionBudgets. Models `kubectl/pkg/cmd/describe/describe.go` (argument forms,
//! `describe TYPE` for all, `TYPE NAME_PREFIX`, `-l`, `-A`, `--show-events`,
//! errors) over the describers in `describe/`.

mod builder;
mod gosort;
pub(crate) mod node;
mod pod;
mod policy;
mod selector;
mod workloads;
mod writer;

use super::Invocation;
use super::args::{self, Flag};
use crate::Output;
use crate::lookup::Lookup;
use builder::{Info, Scope, resolve};
use taintlab_core::Cluster;

pub(crate) const FLAGS: &[Flag] = &[
    Flag::value("filename", Some('f')),
    Flag::value("selector", Some('l')),
    Flag::switch("all-namespaces", Some('A')),
    Flag::switch("show-events", None),
    Flag::int("chunk-size", None, 64),
    Flag::switch("recursive", Some('R')),
    Flag::value("kustomize", Some('k')),
];

/// `cmdutil.SuggestAPIResources("kubectl")`.
const SUGGEST: &str = "Use \"kubectl api-resources\" for a complete list of supported resources.";

/// Runs `kubectl describe ARGS...`.
pub fn run(inv: Invocation<'_>, args: &[String]) -> Output {
    let parsed = match args::parse(args, FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return super::usage_error("describe", &message),
    };
    let cluster: &Cluster = inv.cluster;
    let namespace = parsed.get("namespace").unwrap_or("default").to_string();
    let all_namespaces = parsed.on("all-namespaces");
    let files = parsed.all("filename");
    if parsed.positional.is_empty() && files.is_empty() {
        return Output::error(format!(
            "error: You must specify the type of resource to describe. {SUGGEST}\n"
        ));
    }
    let selector = match parsed.get("selector").map(selector::parse).transpose() {
        Ok(selector) => selector,
        Err(message) => return Output::error(format!("error: {message}\n")),
    };
    let scope = Scope {
        cluster,
        namespace: &namespace,
        all_namespaces,
        selector: selector.as_ref(),
    };
    let found = if files.is_empty() {
        scope.find_args(&parsed.positional, parsed.get("selector").is_some())
    } else if !parsed.positional.is_empty() {
        Err("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well".to_string())
    } else {
        scope.find_files(&files, inv.files, inv.stdin)
    };
    let found = match found {
        Ok(found) => found,
        Err(message) => return Output::error(format!("error: {message}\n")),
    };
    let explicit_events = parsed.get("show-events").is_some();
    let mut show_events = parsed.on("show-events") || !explicit_events;
    let failed = !found.errors.is_empty();
    if (failed || found.infos.len() > 1) && !explicit_events {
        show_events = false;
    }
    // Models the `IsNotFound(err) && len(BuilderArgs) == 2` retry: `TYPE NAME` that is
    // not found describes every object whose name starts with NAME. Two `TYPE/NAME`
    // arguments take the same path, which then prints only the original error.
    if found.errors.len() == 1 && parsed.positional.len() == 2 && files.is_empty() {
        if parsed.positional[0].contains('/') {
            return Output::error(format!("{}\n", found.errors[0]));
        }
        return describe_matching(&scope, &parsed.positional, &found.errors, show_events);
    }
    let lookup = Lookup::new(cluster);
    let mut text = String::new();
    for (i, info) in found.infos.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        match describe(&lookup, info, show_events) {
            Some(s) => text.push_str(&s),
            None => text.push_str(&format!(
                "error: taintlab does not simulate \"kubectl describe {}\" yet\n",
                info.resource.plural
            )),
        }
    }
    if found.infos.is_empty() && !failed {
        let message = if all_namespaces {
            "No resources found\n".to_string()
        } else {
            format!("No resources found in {namespace} namespace.\n")
        };
        return Output::ok(message);
    }
    for error in &found.errors {
        text.push_str(error);
        text.push('\n');
    }
    if failed {
        Output::error(text)
    } else {
        Output::ok(text)
    }
}

/// Models `DescribeMatchingResources`: every object of the type in the namespace
/// whose name starts with the prefix, each followed by a newline.
fn describe_matching(
    scope: &Scope<'_>,
    args: &[String],
    errors: &[String],
    show_events: bool,
) -> Output {
    let Ok(resource) = resolve(&args[0]) else {
        return Output::error(format!("{}\n", errors.join("\n")));
    };
    let scope = Scope {
        all_namespaces: false,
        selector: None,
        ..*scope
    };
    let lookup = Lookup::new(scope.cluster);
    let mut text = String::new();
    for info in scope
        .list(resource)
        .into_iter()
        .filter(|i| i.name.starts_with(args[1].as_str()))
    {
        match describe(&lookup, &info, show_events) {
            Some(s) => {
                text.push_str(&s);
                text.push('\n');
            }
            None => {
                return Output::error(format!(
                    "error: taintlab does not simulate \"kubectl describe {}\" yet\n",
                    resource.plural
                ));
            }
        }
    }
    if text.is_empty() {
        return Output::error(format!("{}\n", errors.join("\n")));
    }
    Output::ok(text)
}

/// The description of one object; `None` for a type without a simulated describer.
fn describe(lookup: &Lookup<'_>, info: &Info, show_events: bool) -> Option<String> {
    let cluster = lookup.cluster();
    let (ns, name) = (info.namespace.as_str(), info.name.as_str());
    let same = |meta: &taintlab_core::api::ObjectMeta| meta.namespace == ns && meta.name == name;
    match info.resource.kind {
        "Node" => cluster
            .node(name)
            .map(|n| node::describe(lookup, n, show_events)),
        "Namespace" => Some(workloads::namespace(name)),
        "Pod" => cluster
            .pod(ns, name)
            .map(|p| pod::describe(cluster, p, show_events)),
        "DaemonSet" => cluster
            .daemon_sets()
            .find(|d| same(&d.metadata))
            .map(|d| workloads::daemon_set(cluster, d, show_events)),
        "Deployment" => cluster
            .deployments()
            .find(|d| same(&d.metadata))
            .map(|d| workloads::deployment(cluster, d, show_events)),
        "ReplicaSet" => cluster
            .replica_sets()
            .find(|r| same(&r.metadata))
            .map(|r| workloads::replica_set(cluster, r, show_events)),
        "PriorityClass" => cluster
            .priority_class(name)
            .map(|pc| policy::priority_class(cluster, pc, show_events)),
        "PodDisruptionBudget" => cluster
            .disruption_budgets()
            .find(|p| same(&p.metadata))
            .map(|p| policy::pod_disruption_budget(cluster, p, show_events)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
