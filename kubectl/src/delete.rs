//! `kubectl delete` by name, file, label selector or `--all`
//! (`staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go`).

use super::args::{self, Flag};
use super::objects;
use super::resource::{self, ResourceType};
use super::targets::{self, Targets};
use super::{Invocation, select};
use crate::Output;
use serde_yaml::Value;
use taintlab_core::cluster::Kind;

pub(crate) const FLAGS: &[Flag] = &[
    Flag::value("filename", Some('f')),
    Flag::value("selector", Some('l')),
    Flag::switch("all", None),
    Flag::switch("all-namespaces", Some('A')),
    Flag::int("grace-period", None, 64),
    Flag::switch("force", None),
    Flag::switch("now", None),
    Flag::switch("ignore-not-found", None),
    Flag::value("wait", None),
    Flag::value("cascade", None),
    Flag::value("output", Some('o')),
    Flag::value("dry-run", None),
    Flag::value("timeout", None),
    Flag::value("field-selector", None),
    Flag::switch("recursive", Some('R')),
];

/// Runs `kubectl delete ARGS...`.
pub fn run(inv: Invocation<'_>, raw: &[String]) -> Output {
    let args = match args::parse(raw, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error("delete", &message),
    };
    if args.on("help") {
        return Output::ok(HELP);
    }
    // Models `DeleteOptions.Complete` and `Validate`.
    // An `int` flag, checked as parsed.
    let mut grace = args.int("grace-period").unwrap_or(-1);
    let force = args.on("force");
    if args.on("now") {
        if grace != -1 {
            return Output::error("error: --now and --grace-period cannot be specified together\n");
        }
        grace = 1;
    }
    if grace == 0 && !force {
        // Backwards compatibility: --grace-period=0 alone means 1.
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    let selector = args.get("selector").unwrap_or("");
    let all = args.on("all");
    if all && !selector.is_empty() {
        return Output::error("error: cannot set --all and --selector at the same time\n");
    }
    let mut out = Output::ok("");
    if grace == 0 && force {
        out.text.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    } else if grace > 0 && force {
        return Output::error(
            "error: --force and --grace-period greater than 0 cannot be specified together\n",
        );
    }
    let namespace = args.get("namespace").unwrap_or("default").to_string();
    let all_namespaces = args.on("all-namespaces");
    let files = args.all("filename");
    let mut wanted: Vec<(&'static ResourceType, String, String)> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    if !files.is_empty() {
        if !args.positional.is_empty() {
            return Output::error("error: cannot specify both a filename and resource arguments\n");
        }
        for file in files {
            let text = if file == "-" {
                inv.stdin.unwrap_or_default().to_string()
            } else {
                match inv.files.get(file) {
                    Some(t) => t.clone(),
                    None => {
                        errors.push(format!("error: the path \"{file}\" does not exist"));
                        continue;
                    }
                }
            };
            for (_, doc) in taintlab_core::decode::documents(&text) {
                match named_in(doc, &namespace) {
                    Ok(objects) => wanted.extend(objects),
                    Err(e) => errors.push(e),
                }
            }
        }
    } else {
        let parsed = match targets::parse(&args.positional, !selector.is_empty()) {
            Ok(t) => t,
            Err(e) => return Output::error(format!("{e}\n")),
        };
        match parsed {
            Targets::Types(types) if types.is_empty() => {
                return Output::error(
                    "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
                );
            }
            Targets::Types(types) => {
                if !all && selector.is_empty() {
                    return Output::error(
                        "error: resource(s) were provided, but no name was specified\n",
                    );
                }
                let scope = (!all_namespaces).then_some(namespace.as_str());
                for r in types {
                    for found in objects::list(inv.cluster, r, scope) {
                        let picked = if selector.is_empty() {
                            true
                        } else {
                            match select::matches(selector, &found.labels()) {
                                Ok(m) => m,
                                Err(e) => return Output::error(format!("{e}\n")),
                            }
                        };
                        if picked {
                            wanted.push((
                                r,
                                found.namespace().to_string(),
                                found.name().to_string(),
                            ));
                        }
                    }
                }
                if wanted.is_empty() {
                    out.text.push_str("No resources found\n");
                    return out;
                }
            }
            Targets::Named(named) => {
                for (r, name) in named {
                    wanted.push((r, namespace.clone(), name));
                }
            }
        }
    }
    let ignore_missing = args.on("ignore-not-found");
    let operation = if grace == 0 {
        "force deleted"
    } else {
        "deleted"
    };
    let dry_run = match args.get("dry-run") {
        Some("client") => " (dry run)",
        Some("server") => " (server dry run)",
        _ => "",
    };
    let by_name = args.get("output") == Some("name");
    let minor = inv.cluster.version().minor;
    for (r, ns, name) in wanted {
        let ns = if r.namespaced { ns } else { String::new() };
        // Models `priorityclass/storage: REST.Delete`: the system classes stay.
        if r.kind == "PriorityClass" && name.starts_with("system-") && dry_run.is_empty() {
            let system = taintlab_core::api::scheduling::system_priority_classes();
            if system.iter().any(|c| c.metadata.name == name) {
                errors.push(format!(
                    "Error from server (Forbidden): {} \"{name}\" is forbidden: this is a system priority class and cannot be deleted",
                    r.qualified_plural()
                ));
                continue;
            }
        }
        let gone = if !dry_run.is_empty() {
            objects::get(inv.cluster, r, &ns, &name).is_some()
        } else {
            delete(inv.cluster, r, &ns, &name, grace)
        };
        if !gone {
            if !ignore_missing {
                errors.push(format!(
                    "Error from server (NotFound): {} \"{name}\" not found",
                    r.qualified_plural()
                ));
            }
            continue;
        }
        if by_name {
            out.text
                .push_str(&format!("{}/{name}\n", r.qualified_singular()));
        } else {
            // Since v1.34 (PR #126619) a namespaced object's line names its namespace.
            let from = if r.namespaced && minor >= 34 {
                format!(" from {ns} namespace")
            } else {
                String::new()
            };
            out.text.push_str(&format!(
                "{} \"{name}\" {operation}{from}{dry_run}\n",
                r.qualified_singular()
            ));
        }
    }
    for e in &errors {
        out.text.push_str(e);
        out.text.push('\n');
    }
    if !errors.is_empty() {
        out.code = 1;
    }
    out
}

/// The objects one document of a `-f` file names.
fn named_in(
    doc: &str,
    namespace: &str,
) -> Result<Vec<(&'static ResourceType, String, String)>, String> {
    let value: Value = taintlab_core::decode::yaml::parse(doc).map_err(|e| {
        format!(
            "error: error parsing: error converting YAML to JSON: yaml: {e} at line {} column {}",
            e.line, e.column
        )
    })?;
    let items: Vec<&Value> = match value.get("kind").and_then(Value::as_str) {
        Some("List") => value
            .get("items")
            .and_then(Value::as_sequence)
            .map(|items| items.iter().collect())
            .unwrap_or_default(),
        _ => vec![&value],
    };
    let mut out = Vec::new();
    for item in items {
        fn field(v: Option<&Value>) -> &str {
            v.and_then(Value::as_str).unwrap_or_default()
        }
        let kind = field(item.get("kind"));
        let name = field(item.get("metadata").and_then(|m| m.get("name")));
        let ns = field(item.get("metadata").and_then(|m| m.get("namespace")));
        let Some(r) = resource::of_kind(kind) else {
            return Err(resource::unknown(kind));
        };
        let ns = if ns.is_empty() { namespace } else { ns };
        out.push((r, ns.to_string(), name.to_string()));
    }
    Ok(out)
}

/// Deletes one object; whether it existed.
fn delete(
    cluster: &mut taintlab_core::Cluster,
    r: &ResourceType,
    ns: &str,
    name: &str,
    grace: i64,
) -> bool {
    let grace = u64::try_from(grace).ok();
    match Kind::of(r.kind) {
        Some(kind) => cluster.delete_object(kind, ns, name, grace),
        None => cluster.delete_stored(r.singular, ns, name),
    }
}

const HELP: &str = "Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

Examples:
  # Delete a pod using the type and name specified in pod.json
  kubectl delete -f ./pod.json

  # Delete pods and services with same names \"baz\" and \"foo\"
  kubectl delete pod,service baz foo

  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel

  # Delete a pod with minimal delay
  kubectl delete pod foo --now

  # Force delete a pod on a dead node
  kubectl delete pod foo --force

  # Delete all pods
  kubectl delete pods --all

Options:
    --all=false:
\tDelete all resources, in the namespace of the specified resource types.

    --force=false:
\tIf true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.

    --grace-period=-1:
\tPeriod of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";
