//! What the positional arguments name: types to list, or objects by name.
//!
//! Models `staging/src/k8s.io/cli-runtime/pkg/resource/builder.go`:
//! `ResourceTypeOrNameArgs` (`TYPE`, `TYPE1,TYPE2`, `TYPE NAME...`,
//! `TYPE/NAME...`, the `all` category), `visitBySelector`, `visitByResource` and
//! `visitByName`, with their error messages.

use crate::resource::{self, ResourceType};

/// The `all` category as discovery expands it, restricted to the types
/// taintlab knows (`replicationcontrollers` and `horizontalpodautoscalers` are not).
const ALL: &[&str] = &[
    "pods",
    "services",
    "daemonsets.apps",
    "deployments.apps",
    "replicasets.apps",
    "statefulsets.apps",
    "cronjobs.batch",
    "jobs.batch",
];

/// One thing to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Every object of a type (in the namespace, or all).
    List(&'static ResourceType),
    /// One object by name.
    Named(&'static ResourceType, String),
}

/// The targets, and whether a single object was asked for (`singleItemImplied`:
/// `-o yaml` then prints it alone rather than in a List).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// What to fetch, in order.
    pub targets: Vec<Target>,
    /// `get TYPE NAME` or `get TYPE/NAME` with one name.
    pub single_item_implied: bool,
}

/// Models `SplitResourceArgument`: comma-separated, empty and repeated words dropped.
fn split_resource_argument(arg: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for word in arg.split(',') {
        if !word.is_empty() && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Models `ReplaceAliases`: `all` becomes the category's types.
fn replace_aliases(arg: &str) -> String {
    arg.split(',')
        .map(|w| {
            if w == "all" {
                ALL.join(",")
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Models `mappingFor`.
fn mapping(word: &str) -> Result<&'static ResourceType, String> {
    resource::resolve(word).ok_or_else(|| resource::unknown(word))
}

/// Models `resourceMappings`: each type once (by kind), in order.
fn mappings(words: &[&str]) -> Result<Vec<&'static ResourceType>, String> {
    let mut out: Vec<&'static ResourceType> = Vec::new();
    for word in words {
        let m = mapping(word)?;
        if !out.iter().any(|r| r.kind == m.kind) {
            out.push(m);
        }
    }
    Ok(out)
}

const NAME_ACROSS_NAMESPACES: &str =
    "error: a resource cannot be retrieved by name across all namespaces";

/// Plans `args` (at least one). `selector` is whether `-l` or `--field-selector`
/// was given. Errors are kubectl's whole `error: ...` lines.
pub fn plan(args: &[String], selector: bool, all_namespaces: bool) -> Result<Plan, String> {
    let slashes = args.iter().filter(|a| a.contains('/')).count();
    if slashes > 0 && slashes != args.len() {
        return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".to_string());
    }
    if slashes > 0 {
        // Models `splitResourceTypeName` and `visitByResource`.
        let mut tuples = Vec::new();
        for arg in args {
            let parts: Vec<&str> = arg.split('/').collect();
            let [kind, name] = parts[..] else {
                return Err(
                    "error: arguments in resource/name form may not have more than one slash"
                        .to_string(),
                );
            };
            if kind.is_empty() || name.is_empty() || split_resource_argument(kind).len() != 1 {
                return Err(
                    "error: arguments in resource/name form must have a single resource and name"
                        .to_string(),
                );
            }
            tuples.push((kind, name));
        }
        if selector {
            return Err("error: selectors and the all flag cannot be used when passing resource/name arguments".to_string());
        }
        let mut targets = Vec::new();
        for (kind, _) in &tuples {
            mapping(kind)?;
        }
        for (kind, name) in tuples {
            let m = mapping(kind)?;
            if m.namespaced && all_namespaces {
                return Err(NAME_ACROSS_NAMESPACES.to_string());
            }
            targets.push(Target::Named(m, name.to_string()));
        }
        return Ok(Plan {
            single_item_implied: targets.len() == 1,
            targets,
        });
    }
    let types = replace_aliases(&args[0]);
    let types = split_resource_argument(&types);
    let names = &args[1..];
    if selector || names.is_empty() {
        // Models `visitBySelector` (a lone TYPE lists with the empty selector).
        if !names.is_empty() {
            return Err("error: name cannot be provided when a selector is specified".to_string());
        }
        if types.is_empty() {
            return Err(
                "error: at least one resource must be specified to use a selector".to_string(),
            );
        }
        let targets = mappings(&types)?.into_iter().map(Target::List).collect();
        return Ok(Plan {
            targets,
            single_item_implied: false,
        });
    }
    // Models `visitByName`.
    if types.is_empty() {
        return Err("error: you must provide a resource and a resource name together".to_string());
    }
    if types.len() > 1 {
        return Err("error: you must specify only one resource".to_string());
    }
    let m = mapping(types[0])?;
    if m.namespaced && all_namespaces {
        return Err(NAME_ACROSS_NAMESPACES.to_string());
    }
    Ok(Plan {
        targets: names.iter().map(|n| Target::Named(m, n.clone())).collect(),
        single_item_implied: names.len() == 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    /// The targets as `plural[/name]`, and `single_item_implied`.
    type Described = Result<(Vec<String>, bool), String>;

    fn describe(plan: Result<Plan, String>) -> Described {
        plan.map(|p| {
            let targets = p
                .targets
                .iter()
                .map(|t| match t {
                    Target::List(r) => r.plural.to_string(),
                    Target::Named(r, n) => format!("{}/{n}", r.plural),
                })
                .collect();
            (targets, p.single_item_implied)
        })
    }

    #[test]
    fn argument_forms() {
        let ok = |targets: &[&str], single| Ok((words(targets), single));
        let cases: Vec<(Vec<&str>, bool, bool, Described)> = vec![
            (vec!["pods"], false, false, ok(&["pods"], false)),
            (vec!["po,no,po"], false, false, ok(&["pods", "nodes"], false)),
            (vec!["po,pods"], false, false, ok(&["pods"], false)),
            (vec!["po", "a", "b"], false, false, ok(&["pods/a", "pods/b"], false)),
            (vec!["po", "a"], false, false, ok(&["pods/a"], true)),
            (vec!["po/a", "no/b"], false, false, ok(&["pods/a", "nodes/b"], false)),
            (vec!["ds/x"], false, false, ok(&["daemonsets/x"], true)),
            (vec!["no", "master"], false, true, ok(&["nodes/master"], true)),
            (
                vec!["all"],
                false,
                false,
                ok(
                    &[
                        "pods",
                        "services",
                        "daemonsets",
                        "deployments",
                        "replicasets",
                        "statefulsets",
                        "cronjobs",
                        "jobs",
                    ],
                    false,
                ),
            ),
            (
                vec!["bogus"],
                false,
                false,
                Err("error: the server doesn't have a resource type \"bogus\"".into()),
            ),
            (
                vec!["pods,bogus"],
                false,
                false,
                Err("error: the server doesn't have a resource type \"bogus\"".into()),
            ),
            (
                vec!["po", "a"],
                true,
                false,
                Err("error: name cannot be provided when a selector is specified".into()),
            ),
            (
                vec!["po/a"],
                true,
                false,
                Err("error: selectors and the all flag cannot be used when passing resource/name arguments".into()),
            ),
            (
                vec!["po,ds", "a"],
                false,
                false,
                Err("error: you must specify only one resource".into()),
            ),
            (
                vec!["po", "a"],
                false,
                true,
                Err(NAME_ACROSS_NAMESPACES.into()),
            ),
            (
                vec!["po", "po/a"],
                false,
                false,
                Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into()),
            ),
            (
                vec!["po/a/b"],
                false,
                false,
                Err("error: arguments in resource/name form may not have more than one slash".into()),
            ),
            (
                vec!["po,ds/a"],
                false,
                false,
                Err("error: arguments in resource/name form must have a single resource and name".into()),
            ),
            (
                vec!["po/"],
                false,
                false,
                Err("error: arguments in resource/name form must have a single resource and name".into()),
            ),
        ];
        for (args, selector, all, want) in cases {
            assert_eq!(
                describe(plan(&words(&args), selector, all)),
                want,
                "{args:?} selector={selector} all={all}"
            );
        }
    }
}
