//! `kubectl version`, `api-resources` and `cluster-info`
//! (`staging/src/k8s.io/kubectl/pkg/cmd/{version,apiresources,clusterinfo}`).

use super::Invocation;
use super::args::{self, Flag};
use super::resource::RESOURCES;
use super::tabwriter;
use crate::Output;

pub(crate) const FLAGS: &[Flag] = &[
    Flag::switch("client", None),
    Flag::value("output", Some('o')),
    Flag::value("api-group", None),
    Flag::value("namespaced", None),
    Flag::switch("no-headers", None),
    Flag::value("sort-by", None),
    Flag::value("verbs", None),
    Flag::switch("cached", None),
];

/// The Kustomize bundled with each kubectl minor release (`kubectl version`'s
/// second line), for the releases where taintlab knows it.
const KUSTOMIZE: [(u32, &str); 8] = [
    (28, "v5.0.4"),
    (29, "v5.0.4"),
    (30, "v5.0.4"),
    (31, "v5.4.2"),
    (32, "v5.5.0"),
    (33, "v5.6.0"),
    (34, "v5.7.1"),
    (35, "v5.7.1"),
];

/// Runs `kubectl version|api-resources|cluster-info ARGS...`.
pub fn run(inv: Invocation<'_>, command: &str, raw: &[String]) -> Output {
    let args = match args::parse(raw, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error(command, &message),
    };
    if args.on("help") {
        return Output::ok(format!(
            "Usage:\n  kubectl {command} [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n"
        ));
    }
    match command {
        "version" => version(inv, args.on("client")),
        "api-resources" => api_resources(&args),
        _ => cluster_info(inv, &args.positional),
    }
}

/// The short form kubectl prints since v1.28: the client is taken to match the
/// simulated cluster's version.
fn version(inv: Invocation<'_>, client_only: bool) -> Output {
    let v = inv.cluster.version();
    let git = v.git_version();
    let mut text = format!("Client Version: {git}\n");
    if let Some((_, kustomize)) = KUSTOMIZE.iter().find(|(minor, _)| *minor == v.minor) {
        text.push_str(&format!("Kustomize Version: {kustomize}\n"));
    }
    if !client_only {
        text.push_str(&format!("Server Version: {git}\n"));
    }
    Output::ok(text)
}

/// The resource types of the simulated API, as `kubectl api-resources` lists them.
fn api_resources(args: &args::Args) -> Output {
    let group = args.get("api-group");
    let namespaced = args.get("namespaced").map(|n| n != "false");
    let wide = args.get("output") == Some("wide");
    let names_only = args.get("output") == Some("name");
    let mut rows = Vec::new();
    if !args.on("no-headers") && !names_only {
        let mut header = vec!["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"];
        if wide {
            header.push("VERBS");
        }
        rows.push(header.into_iter().map(str::to_string).collect());
    }
    let mut names = String::new();
    for r in RESOURCES {
        if group.is_some_and(|g| g != r.group) || namespaced.is_some_and(|n| n != r.namespaced) {
            continue;
        }
        if names_only {
            names.push_str(&r.qualified_plural());
            names.push('\n');
            continue;
        }
        let mut row = vec![
            r.plural.to_string(),
            r.short_names.join(","),
            r.api_version.to_string(),
            r.namespaced.to_string(),
            r.kind.to_string(),
        ];
        if wide {
            row.push("create,delete,deletecollection,get,list,patch,update,watch".to_string());
        }
        rows.push(row);
    }
    if names_only {
        return Output::ok(names);
    }
    Output::ok(tabwriter::render(&rows))
}

/// Where the API server listens (the first control-plane node, port 6443). No
/// Service carries `kubernetes.io/cluster-service=true` here, so there are no more
/// lines.
fn cluster_info(inv: Invocation<'_>, positional: &[String]) -> Output {
    if positional.first().is_some_and(|p| p == "dump") {
        return Output::error("error: taintlab does not simulate \"kubectl cluster-info dump\"\n");
    }
    let control_plane = inv.cluster.nodes().find(|n| {
        n.metadata
            .labels
            .contains_key("node-role.kubernetes.io/control-plane")
            || n.metadata
                .labels
                .contains_key("node-role.kubernetes.io/master")
    });
    let address = control_plane
        .and_then(|n| inv.cluster.node_runtime(&n.metadata.name))
        .map_or_else(|| "127.0.0.1".to_string(), |r| r.internal_ip.clone());
    Output::ok(format!(
        "Kubernetes control plane is running at https://{address}:6443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
    ))
}
