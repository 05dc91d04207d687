//! The objects a changing command's arguments name, grouped as those commands use
//! them: named objects, or whole types to narrow by `-l`/`--all`. The parsing is
//! the resource builder's ([`super::request::plan`]).

use super::request::{self, Target};
use super::resource::ResourceType;

/// What the arguments named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Targets {
    /// Named objects, each with its type.
    Named(Vec<(&'static ResourceType, String)>),
    /// Every object of these types (to be narrowed by a selector or `--all`);
    /// empty when no argument was given.
    Types(Vec<&'static ResourceType>),
}

/// Reads the positional arguments; `selector` says whether `-l` was given. The
/// error is kubectl's whole `error: ...` line.
pub fn parse(words: &[String], selector: bool) -> Result<Targets, String> {
    if words.is_empty() {
        return Ok(Targets::Types(Vec::new()));
    }
    let plan = request::plan(words, selector, false)?;
    let mut named = Vec::new();
    let mut types = Vec::new();
    for target in plan.targets {
        match target {
            Target::Named(r, name) => named.push((r, name)),
            Target::List(r) => types.push(r),
        }
    }
    Ok(if named.is_empty() {
        Targets::Types(types)
    } else {
        Targets::Named(named)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn argument_forms() {
        let names = |t: Result<Targets, String>| match t {
            Ok(Targets::Named(named)) => named
                .iter()
                .map(|(r, n)| format!("{}/{n}", r.plural))
                .collect::<Vec<_>>(),
            other => vec![format!("{other:?}")],
        };
        assert_eq!(
            names(parse(&words(&["po", "a", "b"]), false)),
            ["pods/a", "pods/b"]
        );
        assert_eq!(
            names(parse(&words(&["ds/x", "pod/y"]), false)),
            ["daemonsets/x", "pods/y"]
        );
        assert!(matches!(parse(&words(&["pods"]), false), Ok(Targets::Types(t)) if t.len() == 1));
        assert_eq!(parse(&[], false), Ok(Targets::Types(Vec::new())));
        assert_eq!(
            parse(&words(&["bogus", "x"]), false),
            Err("error: the server doesn't have a resource type \"bogus\"".to_string())
        );
        assert_eq!(
            parse(&words(&["pods", "a"]), true),
            Err("error: name cannot be provided when a selector is specified".to_string())
        );
        assert!(parse(&words(&["pods", "a/b"]), false).is_err());
    }
}
