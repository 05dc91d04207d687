//! The objects a command's arguments name: `TYPE NAME...`, `TYPE/NAME...`,
//! `TYPE1,TYPE2 NAME...`, or a type alone with `-l`/`--all`
//! (`staging/src/k8s.io/cli-runtime/pkg/resource/builder.go: ResourceTypeOrNameArgs`).

use super::resource::{self, ResourceType};

/// kubectl's refusal of `TYPE TYPE/NAME`.
const NO_TYPE_NEEDED: &str = "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/// What the arguments named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Targets {
    /// Named objects, each with its type.
    Named(Vec<(&'static ResourceType, String)>),
    /// Every object of these types (to be narrowed by a selector or `--all`).
    Types(Vec<&'static ResourceType>),
}

/// Reads the positional arguments. The error is kubectl's message.
pub fn parse(words: &[String]) -> Result<Targets, String> {
    let Some(first) = words.first() else {
        return Ok(Targets::Types(Vec::new()));
    };
    if first.contains('/') {
        let mut named = Vec::new();
        for word in words {
            let Some((kind, name)) = word.split_once('/') else {
                return Err(NO_TYPE_NEEDED.to_string());
            };
            let r = resource::resolve(kind).ok_or_else(|| resource::unknown(kind))?;
            if name.is_empty() {
                return Err(
                    "error: arguments in resource/name form must have a single resource and name"
                        .to_string(),
                );
            }
            named.push((r, name.to_string()));
        }
        return Ok(Targets::Named(named));
    }
    let mut types = Vec::new();
    for kind in first.split(',').filter(|k| !k.is_empty()) {
        types.push(resource::resolve(kind).ok_or_else(|| resource::unknown(kind))?);
    }
    if words.len() == 1 {
        return Ok(Targets::Types(types));
    }
    let mut named = Vec::new();
    for r in &types {
        for name in &words[1..] {
            if name.contains('/') {
                return Err(NO_TYPE_NEEDED.to_string());
            }
            named.push((*r, name.clone()));
        }
    }
    Ok(Targets::Named(named))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn argument_forms() {
        let Ok(Targets::Named(named)) = parse(&words(&["po", "a", "b"])) else {
            panic!("named");
        };
        assert_eq!(
            named
                .iter()
                .map(|(r, n)| (r.plural, n.as_str()))
                .collect::<Vec<_>>(),
            [("pods", "a"), ("pods", "b")]
        );
        let Ok(Targets::Named(named)) = parse(&words(&["ds/x", "pod/y"])) else {
            panic!("slash form");
        };
        assert_eq!(named.len(), 2);
        assert_eq!(
            parse(&words(&["pods"])).map(|t| matches!(t, Targets::Types(_))),
            Ok(true)
        );
        assert_eq!(
            parse(&words(&["bogus", "x"])),
            Err("error: the server doesn't have a resource type \"bogus\"".to_string())
        );
        assert!(parse(&words(&["pods", "a/b"])).is_err());
    }
}
