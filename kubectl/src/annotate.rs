//! `kubectl label` and `kubectl annotate`
//! (`staging/src/k8s.io/kubectl/pkg/cmd/label/label.go`, `cmd/annotate/annotate.go`).

use super::args::{self, Flag};
use super::objects;
use super::resource::ResourceType;
use super::targets::{self, Targets};
use super::{Invocation, select};
use crate::Output;
use std::collections::BTreeMap;
use taintlab_core::api::identifiers::{is_qualified_name, is_valid_label_value};
use taintlab_core::cluster::Kind;

pub(crate) const FLAGS: &[Flag] = &[
    Flag::switch("overwrite", None),
    Flag::switch("all", None),
    Flag::switch("all-namespaces", Some('A')),
    Flag::value("selector", Some('l')),
    Flag::value("field-selector", None),
    Flag::switch("list", None),
    Flag::value("resource-version", None),
    Flag::value("dry-run", None),
    Flag::value("output", Some('o')),
    Flag::value("filename", Some('f')),
    Flag::switch("local", None),
    Flag::value("field-manager", None),
];

/// Runs `kubectl label|annotate ARGS...`.
pub fn run(inv: Invocation<'_>, command: &str, raw: &[String]) -> Output {
    let labels = command == "label";
    let (pair, noun) = if labels {
        ("label", "label")
    } else {
        ("annotation", "annotation")
    };
    let args = match args::parse(raw, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error(command, &message),
    };
    if args.on("help") {
        return Output::ok(format!(
            "Update the {noun}s on a resource.\n\nUsage:\n  kubectl {command} [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n"
        ));
    }
    // Models `cmdutil.GetResourcesAndPairs`.
    let mut resources = Vec::new();
    let mut pairs = Vec::new();
    for word in &args.positional {
        let is_pair =
            (word.contains('=') && !word.starts_with('=')) || (word.ends_with('-') && word != "-");
        match (pairs.is_empty(), is_pair) {
            (_, true) => pairs.push(word.clone()),
            (true, false) => resources.push(word.clone()),
            (false, false) => {
                return Output::error(format!(
                    "error: all resources must be specified before {pair} changes: {word}\n"
                ));
            }
        }
    }
    let (add, remove) = match parse_pairs(&pairs, labels) {
        Ok(parsed) => parsed,
        Err(message) => return Output::error(format!("error: {message}\n")),
    };
    let all = args.on("all");
    let selector = args.get("selector").unwrap_or("");
    if all && !selector.is_empty() {
        return Output::error("error: cannot set --all and --selector at the same time\n");
    }
    if resources.is_empty() {
        return Output::error(
            "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n",
        );
    }
    let list = labels && args.on("list");
    if add.is_empty() && remove.is_empty() && !list {
        return Output::error(format!("error: at least one {noun} update is required\n"));
    }
    let namespace = args.get("namespace").unwrap_or("default").to_string();
    let wanted: Vec<(&'static ResourceType, String, String)> =
        match targets::parse(&resources, !selector.is_empty()) {
            Err(e) => return Output::error(format!("{e}\n")),
            Ok(Targets::Named(named)) => named
                .into_iter()
                .map(|(r, name)| (r, namespace.clone(), name))
                .collect(),
            Ok(Targets::Types(types)) => {
                if !all && selector.is_empty() {
                    return Output::error(
                        "error: resource(s) were provided, but no name was specified\n",
                    );
                }
                let scope = (!args.on("all-namespaces")).then_some(namespace.as_str());
                let mut found = Vec::new();
                for r in types {
                    for f in objects::list(inv.cluster, r, scope) {
                        let picked = selector.is_empty()
                            || match select::matches(selector, &f.labels()) {
                                Ok(m) => m,
                                Err(e) => return Output::error(format!("{e}\n")),
                            };
                        if picked {
                            found.push((r, f.namespace().to_string(), f.name().to_string()));
                        }
                    }
                }
                if found.is_empty() {
                    return Output::error(
                        "error: no objects passed to label\n".replace("label", command),
                    );
                }
                found
            }
        };
    let overwrite = args.on("overwrite");
    let dry_run = match args.get("dry-run") {
        Some("client") => " (dry run)",
        Some("server") => " (server dry run)",
        _ => "",
    };
    let mut out = Output::ok("");
    let mut errors = Vec::new();
    for (r, ns, name) in wanted {
        let ns = if r.namespaced { ns } else { String::new() };
        let Some(current) = current(inv.cluster, r, &ns, &name, labels) else {
            errors.push(format!(
                "Error from server (NotFound): {} \"{name}\" not found",
                r.qualified_plural()
            ));
            continue;
        };
        if list {
            for (k, v) in &current {
                out.text.push_str(&format!("{k}={v}\n"));
            }
            continue;
        }
        // Models `validateNoOverwrites`.
        if !overwrite {
            let clashes: Vec<String> = add
                .iter()
                .filter_map(|(k, _)| {
                    current.get(k).map(|value| {
                        format!("'{k}' already has a value ({value}), and --overwrite is false")
                    })
                })
                .collect();
            if !clashes.is_empty() {
                errors.push(match clashes.as_slice() {
                    [one] => format!("error: {one}"),
                    many => format!("error: [{}]", many.join(", ")),
                });
                continue;
            }
        }
        if labels {
            for k in &remove {
                if !current.contains_key(k) {
                    out.text.push_str(&format!("label {k:?} not found.\n"));
                }
            }
        }
        // The API server's validation of the keys (`ValidateLabels`, `ValidateAnnotations`).
        let field = if labels {
            "metadata.labels"
        } else {
            "metadata.annotations"
        };
        let invalid: Vec<String> = add
            .iter()
            .filter_map(|(k, _)| {
                is_qualified_name(k)
                    .err()
                    .map(|errs| format!("{field}: Invalid value: {k:?}: {}", errs.join("; ")))
            })
            .collect();
        if !invalid.is_empty() {
            let subject = format!("The {} {name:?} is invalid", r.kind);
            errors.push(match invalid.as_slice() {
                [one] => format!("{subject}: {one}"),
                many => format!("{subject}: \n* {}", many.join("\n* ")),
            });
            continue;
        }
        let mut next = current.clone();
        for (k, v) in &add {
            next.insert(k.clone(), v.clone());
        }
        for k in &remove {
            next.remove(k);
        }
        // Models `updateDataChangeMsg`: "unlabeled" when the object only shrank.
        let word = if next == current {
            format!("not {noun}ed")
        } else if !overwrite && next.len() < current.len() && add.is_empty() {
            format!("un{noun}ed")
        } else {
            format!("{noun}ed")
        };
        let word = if labels {
            word
        } else {
            "annotated".to_string()
        };
        if dry_run.is_empty() && next != current {
            let kind = Kind::of(r.kind);
            let changed = match kind {
                Some(kind) => inv.cluster.update_metadata(kind, &ns, &name, |meta| {
                    if labels {
                        meta.labels = next;
                    } else {
                        meta.annotations = next;
                    }
                }),
                None => false,
            };
            if !changed {
                errors.push(format!(
                    "error: taintlab keeps {} as written and does not change their {noun}s",
                    r.plural
                ));
                continue;
            }
        }
        out.text.push_str(&format!(
            "{}/{name} {word}{dry_run}\n",
            r.qualified_singular()
        ));
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

/// The object's current labels or annotations.
fn current(
    cluster: &taintlab_core::Cluster,
    r: &ResourceType,
    ns: &str,
    name: &str,
    labels: bool,
) -> Option<BTreeMap<String, String>> {
    let pick = |meta: &taintlab_core::api::ObjectMeta| {
        if labels {
            meta.labels.clone()
        } else {
            meta.annotations.clone()
        }
    };
    let same = |meta: &taintlab_core::api::ObjectMeta| meta.name == name && meta.namespace == ns;
    match r.kind {
        "Node" => cluster.node(name).map(|n| pick(&n.metadata)),
        "Pod" => cluster.pod(ns, name).map(|p| pick(&p.metadata)),
        "DaemonSet" => cluster
            .daemon_sets()
            .find(|d| same(&d.metadata))
            .map(|d| pick(&d.metadata)),
        "Deployment" => cluster
            .deployments()
            .find(|d| same(&d.metadata))
            .map(|d| pick(&d.metadata)),
        "ReplicaSet" => cluster
            .replica_sets()
            .find(|d| same(&d.metadata))
            .map(|d| pick(&d.metadata)),
        "Namespace" => cluster
            .namespaces()
            .iter()
            .any(|n| n == name)
            .then(BTreeMap::new),
        "PriorityClass" => cluster.priority_class(name).map(|p| pick(&p.metadata)),
        "PodDisruptionBudget" => cluster
            .disruption_budgets()
            .find(|p| same(&p.metadata))
            .map(|p| pick(&p.metadata)),
        kind => cluster
            .other_objects()
            .find(|o| o.kind == kind && same(&o.metadata))
            .map(|o| pick(&o.metadata)),
    }
}

/// Keys to set with their values, and keys to remove.
type Changes = (Vec<(String, String)>, Vec<String>);

/// Models `parseLabels` / `parseAnnotations`: `k=v` to set, `k-` to remove.
fn parse_pairs(specs: &[String], labels: bool) -> Result<Changes, String> {
    let mut add: Vec<(String, String)> = Vec::new();
    let mut remove = Vec::new();
    for spec in specs {
        if spec.contains('=') {
            let parts: Vec<&str> = if labels {
                spec.split('=').collect()
            } else {
                spec.splitn(2, '=').collect()
            };
            let [key, value] = parts.as_slice() else {
                return Err(format!("invalid label spec: {spec}"));
            };
            if labels && let Err(errors) = is_valid_label_value(value) {
                return Err(format!(
                    "invalid label value: {spec:?}: {}",
                    errors.join(";")
                ));
            }
            match add.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = (*value).to_string(),
                None => add.push(((*key).to_string(), (*value).to_string())),
            }
        } else if let Some(key) = spec.strip_suffix('-') {
            remove.push(key.to_string());
        } else {
            return Err(format!("unknown label spec: {spec}"));
        }
    }
    if remove.iter().any(|r| add.iter().any(|(k, _)| k == r)) {
        return Err(if labels {
            "can not both modify and remove a label in the same command".to_string()
        } else {
            "can not both modify and remove an annotation in the same command".to_string()
        });
    }
    Ok((add, remove))
}
