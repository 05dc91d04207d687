//! `kubectl taint nodes NAME... KEY[=VALUE]:EFFECT... [KEY[:EFFECT]-]...`
//! (`staging/src/k8s.io/kubectl/pkg/cmd/taint/{taint.go,utils.go}`).

use super::Invocation;
use super::args::{self, Flag};
use super::resource;
use crate::Output;
use taintlab_core::api::taint_spec::{TaintSpec as Spec, parse_taints};
use taintlab_core::api::{Taint, TaintEffect};

pub(crate) const FLAGS: &[Flag] = &[
    Flag::value("selector", Some('l')),
    Flag::switch("overwrite", None),
    Flag::switch("all", None),
    Flag::value("dry-run", None),
    Flag::value("output", Some('o')),
    Flag::value("field-manager", None),
    Flag::value("validate", None),
];

/// Runs `kubectl taint ARGS...`.
pub fn run(inv: Invocation<'_>, raw: &[String]) -> Output {
    let args = match args::parse(raw, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error("taint", &message),
    };
    if args.on("help") {
        return Output::ok(HELP);
    }
    // Models `Complete`: resources first, then taint changes.
    let mut resources = Vec::new();
    let mut changes = Vec::new();
    for word in &args.positional {
        let is_taint = word.contains('=') || word.contains(':') || word.ends_with('-');
        match (changes.is_empty(), is_taint) {
            (_, true) => changes.push(word.clone()),
            (true, false) => resources.push(word.clone()),
            (false, false) => {
                return Output::error(format!(
                    "error: all resources must be specified before taint changes: {word}\n"
                ));
            }
        }
    }
    if resources.is_empty() {
        return Output::error(
            "error: one or more resources must be specified as <resource> <name>\n",
        );
    }
    if changes.is_empty() {
        return Output::error("error: at least one taint update is required\n");
    }
    let (add, remove) = match parse_taints(&changes) {
        Ok(parsed) => parsed,
        Err(message) => {
            return Output::error(format!(
                "error: {message}\nSee 'kubectl taint -h' for help and examples\n"
            ));
        }
    };
    // Models `Validate`.
    let type_word = resources[0].to_ascii_lowercase();
    match resource::resolve(&type_word) {
        None => return Output::error(format!("{}\n", resource::unknown(&type_word))),
        Some(r) if r.kind != "Node" => {
            return Output::error(format!(
                "error: invalid resource type {type_word}, only node types are supported\n"
            ));
        }
        Some(_) => {}
    }
    let conflicts: Vec<String> = add
        .iter()
        .flat_map(|a| {
            remove
                .iter()
                .filter(move |r| a.key == r.key && (r.effect.is_none() || a.effect == r.effect))
        })
        .map(|r| {
            let effect = r.effect.map_or("", TaintEffect::as_str);
            format!("{{\"{}\":\"{effect}\"}}", r.key)
        })
        .collect();
    if !conflicts.is_empty() {
        return Output::error(format!(
            "error: can not both modify and remove the following taint(s) in the same command: {}\n",
            conflicts.join(", ")
        ));
    }
    let all = args.on("all");
    let selector = args.get("selector").unwrap_or("");
    if all && !selector.is_empty() {
        return Output::error(
            "error: setting 'all' parameter with a non empty selector is prohibited\n",
        );
    }
    if !all && selector.is_empty() && resources.len() < 2 {
        return Output::error(
            "error: at least one resource name must be specified since 'all' parameter is not set\n",
        );
    }
    let overwrite = args.on("overwrite");
    let names: Vec<String> = if all || !selector.is_empty() {
        let mut names = Vec::new();
        for node in inv.cluster.nodes() {
            let wanted = if selector.is_empty() {
                true
            } else {
                match super::select::matches(selector, &node.metadata.labels) {
                    Ok(m) => m,
                    Err(message) => return Output::error(format!("{message}\n")),
                }
            };
            if wanted {
                names.push(node.metadata.name.clone());
            }
        }
        names
    } else {
        resources[1..].to_vec()
    };
    let mut out = Output::ok("");
    let mut errors = Vec::new();
    for name in names {
        let Some(node) = inv.cluster.node(&name) else {
            errors.push(format!(
                "Error from server (NotFound): nodes \"{name}\" not found"
            ));
            continue;
        };
        match update_taints(&node.spec.taints, &name, &add, &remove, overwrite) {
            Ok((operation, taints)) => {
                inv.cluster
                    .update_node(&name, |node| node.spec.taints = taints);
                out.text.push_str(&format!("node/{name} {operation}\n"));
            }
            Err(message) => errors.push(format!("error: {message}")),
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

/// Models `updateTaints` with `checkIfTaintsAlreadyExists` and `reorganizeTaints`:
/// the operation word and the node's new taints, new ones first.
fn update_taints(
    old: &[Taint],
    node: &str,
    add: &[Spec],
    remove: &[Spec],
    overwrite: bool,
) -> Result<(&'static str, Vec<Taint>), String> {
    if !overwrite {
        let existing: Vec<&str> = add
            .iter()
            .flat_map(|a| {
                old.iter()
                    .filter(move |o| o.key == a.key && Some(o.effect) == a.effect)
                    .map(|_| a.key.as_str())
            })
            .collect();
        if !existing.is_empty() {
            return Err(format!(
                "node {node} already has {} taint(s) with same effect(s) and --overwrite is false",
                existing.join(",")
            ));
        }
    }
    let mut taints: Vec<Taint> = add
        .iter()
        .filter_map(|a| Some(Taint::new(&a.key, &a.value, a.effect?)))
        .collect();
    // `addTaints`: old taints not superseded by key and effect stay, after the new ones.
    for o in old {
        if !taints
            .iter()
            .any(|t| t.key == o.key && t.effect == o.effect)
        {
            taints.push(o.clone());
        }
    }
    let added = old.len() != taints.len();
    // `deleteTaints`: like upstream, `deleted` reports the last removal only.
    let mut errors = Vec::new();
    let mut deleted = false;
    for r in remove {
        let count = taints.len();
        taints.retain(|t| !(t.key == r.key && r.effect.is_none_or(|e| e == t.effect)));
        deleted = taints.len() != count;
        if !deleted {
            errors.push(format!("taint \"{}\" not found", r.to_taint_string()));
        }
    }
    match errors.as_slice() {
        [] => {}
        [one] => return Err(one.clone()),
        many => return Err(format!("[{}]", many.join(", "))),
    }
    let operation = if (added && deleted) || overwrite {
        "modified"
    } else if added {
        "tainted"
    } else {
        "untainted"
    };
    Ok((operation, taints))
}

const HELP: &str = "Update the taints on one or more nodes.

  * A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  * The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  * Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  * The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  * The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  * Currently taint can only apply to node.

Examples:
  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  # If a taint with that key and effect already exists, its value is replaced as specified
  kubectl taint nodes foo dedicated=special-user:NoSchedule

  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kubectl taint nodes foo dedicated:NoSchedule-

  # Remove from node 'foo' all the taints with key 'dedicated'
  kubectl taint nodes foo dedicated-

  # Add a taint with key 'dedicated' on nodes having label myLabel=X
  kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

  # Add to node 'foo' a taint with key 'bar' and no value
  kubectl taint nodes foo bar:NoSchedule

Options:
    --all=false:
\tSelect all nodes in the cluster

    --overwrite=false:
\tIf true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)

Usage:
  kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";
