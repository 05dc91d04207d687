//! Fetching what a [`Plan`] names, as the API server answers: a list per type
//! (filtered by the label and field selectors), or one object per name, and the
//! errors kubectl prints for what failed.
//!
//! Models the list and get requests of `cli-runtime/pkg/resource` (`Selector.Visit`
//! with `EnhanceListError`, `Info.Get`) and `cmdutil.StandardErrorMessage`
//! (`Error from server (Reason): message`).

use super::fields;
use super::options::Options;
use crate::objects::{self, Object};
use crate::request::{Plan, Target};
use crate::resource::ResourceType;
use crate::selector;
use taintlab_core::Cluster;

/// One answer: a list of a type (maybe empty), or one object.
#[derive(Debug, Clone)]
pub struct Info<'a> {
    /// The type.
    pub resource: &'static ResourceType,
    /// The objects, in the server's order.
    pub objects: Vec<Object<'a>>,
}

/// Everything fetched, and the error lines for what failed, in order.
#[derive(Debug, Clone, Default)]
pub struct Fetched<'a> {
    /// The answers.
    pub infos: Vec<Info<'a>>,
    /// `Error from server (...)` lines.
    pub errors: Vec<String>,
}

/// `GroupVersionResource.String()`: `/v1, Resource=pods`, `apps/v1, Resource=daemonsets`.
fn gvr(resource: &ResourceType) -> String {
    let version = resource
        .api_version
        .rsplit('/')
        .next()
        .unwrap_or(resource.api_version);
    format!("{}/{version}, Resource={}", resource.group, resource.plural)
}

/// Lists `resource` with the selectors; a selector the server refuses gives
/// `EnhanceListError`'s BadRequest line.
fn list<'a>(
    cluster: &'a Cluster,
    resource: &'static ResourceType,
    options: &Options,
) -> Result<Info<'a>, String> {
    let refused = |message: String| {
        format!(
            "Error from server (BadRequest): Unable to find {:?} that match label selector {:?}, field selector {:?}: {message}",
            gvr(resource),
            options.label_selector,
            options.field_selector
        )
    };
    let labels = selector::parse(&options.label_selector).map_err(refused)?;
    let terms = fields::parse(&options.field_selector).map_err(refused)?;
    fields::check(resource.kind, &terms).map_err(refused)?;
    let namespace = (!options.all_namespaces).then_some(options.namespace.as_str());
    let objects = objects::list(cluster, resource, namespace)
        .into_iter()
        .filter(|o| labels.matches(&o.labels_ref()) && fields::matches(cluster, o, &terms))
        .collect();
    Ok(Info { resource, objects })
}

/// Fetches every target; with `--ignore-not-found`, missing objects are no error.
pub fn fetch<'a>(cluster: &'a Cluster, plan: &Plan, options: &Options) -> Fetched<'a> {
    let mut out = Fetched::default();
    for target in &plan.targets {
        match target {
            Target::List(resource) => match list(cluster, resource, options) {
                Ok(info) => out.infos.push(info),
                Err(e) => out.errors.push(e),
            },
            Target::Named(resource, name) => {
                match objects::get(cluster, resource, &options.namespace, name) {
                    Some(object) => out.infos.push(Info {
                        resource,
                        objects: vec![object],
                    }),
                    None if options.ignore_not_found => {}
                    None => out.errors.push(format!(
                        "Error from server (NotFound): {} {name:?} not found",
                        resource.qualified_plural()
                    )),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::parse;
    use crate::get::options::FLAGS;
    use crate::request::plan;

    fn fetch_words(cluster: &Cluster, words: &[&str]) -> (Vec<(String, usize)>, Vec<String>) {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let args = parse(&words, FLAGS).expect("parses");
        let options = Options::from_args(&args);
        let p = plan(
            &args.positional,
            options.has_selector(),
            options.all_namespaces,
        )
        .expect("plans");
        let fetched = fetch(cluster, &p, &options);
        let infos = fetched
            .infos
            .iter()
            .map(|i| (i.resource.plural.to_string(), i.objects.len()))
            .collect();
        (infos, fetched.errors)
    }

    #[test]
    fn selectors_filter_and_refusals_name_the_resource() {
        let c = Cluster::tutorial();
        assert_eq!(
            fetch_words(&c, &["nodes", "-l", "node-role.kubernetes.io/master"]).0,
            [("nodes".to_string(), 1)]
        );
        assert_eq!(
            fetch_words(&c, &["nodes", "-l", "!node-role.kubernetes.io/master"]).0,
            [("nodes".to_string(), 1)]
        );
        assert_eq!(
            fetch_words(&c, &["nodes", "--field-selector", "metadata.name=worker"]).0,
            [("nodes".to_string(), 1)]
        );
        assert_eq!(
            fetch_words(&c, &["ds,po", "--field-selector", "spec.nodeName=x"]),
            (
                vec![("pods".to_string(), 0)],
                vec!["Error from server (BadRequest): Unable to find \"apps/v1, Resource=daemonsets\" that match label selector \"\", field selector \"spec.nodeName=x\": \"spec.nodeName\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"".to_string()]
            )
        );
        assert_eq!(
            fetch_words(&c, &["po", "-l", "a in b"]).1,
            [
                "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"a in b\", field selector \"\": unable to parse requirement: found 'b' expected: '('"
            ]
        );
    }

    #[test]
    fn names_not_found() {
        let c = Cluster::tutorial();
        assert_eq!(
            fetch_words(&c, &["no", "master", "nope"]),
            (
                vec![("nodes".to_string(), 1)],
                vec!["Error from server (NotFound): nodes \"nope\" not found".to_string()]
            )
        );
        assert_eq!(
            fetch_words(&c, &["ds/x"]).1,
            ["Error from server (NotFound): daemonsets.apps \"x\" not found"]
        );
        assert!(
            fetch_words(&c, &["ds/x", "--ignore-not-found"])
                .1
                .is_empty()
        );
    }
}
