//! Which objects a `kubectl describe` command line names: models the parts of
//! `cli-runtime/pkg/resource.Builder` describe uses (`ResourceTypeOrNameArgs`,
//! `FilenameParam`, `LabelSelectorParam`, namespaces) and their errors.

use super::selector;
use crate::resource::{self, ResourceType};
use taintlab_core::Cluster;
use taintlab_core::decode::Object;

/// One object to describe: its type, namespace (empty when cluster-scoped) and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Info {
    /// The type.
    pub resource: &'static ResourceType,
    /// Its namespace; empty for cluster-scoped types.
    pub namespace: String,
    /// Its name.
    pub name: String,
}

/// What the resource builder found: objects and per-object errors.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// Objects that exist.
    pub infos: Vec<Info>,
    /// NotFound errors, as kubectl prints them.
    pub errors: Vec<String>,
}

/// Where and how objects are looked up.
pub(super) struct Scope<'a> {
    /// The cluster.
    pub cluster: &'a Cluster,
    /// `-n`, or `default`.
    pub namespace: &'a str,
    /// `-A`.
    pub all_namespaces: bool,
    /// `-l`.
    pub selector: Option<&'a selector::Selector>,
}

/// The API server's NotFound, as kubectl prints it.
fn not_found(resource: &ResourceType, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} \"{name}\" not found",
        resource.qualified_plural()
    )
}

/// The kinds with a describer here.
pub(super) const DESCRIBED: [&str; 8] = [
    "Node",
    "Namespace",
    "Pod",
    "DaemonSet",
    "Deployment",
    "ReplicaSet",
    "PriorityClass",
    "PodDisruptionBudget",
];

/// Resolves a type word; kubectl's error when it names no type, and taintlab's
/// when it names one without a simulated describer.
pub(super) fn resolve(word: &str) -> Result<&'static ResourceType, String> {
    let resource = resource::resolve(word).ok_or_else(|| {
        resource::unknown(word)
            .trim_start_matches("error: ")
            .to_string()
    })?;
    if !DESCRIBED.contains(&resource.kind) {
        return Err(format!(
            "taintlab does not simulate \"kubectl describe {}\" yet",
            resource.plural
        ));
    }
    Ok(resource)
}

impl Scope<'_> {
    fn namespace_of(&self, resource: &ResourceType, explicit: Option<&str>) -> String {
        if !resource.namespaced {
            return String::new();
        }
        explicit.unwrap_or(self.namespace).to_string()
    }

    /// Models `ResourceTypeOrNameArgs`: `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...`.
    pub(super) fn find_args(&self, args: &[String], has_selector: bool) -> Result<Found, String> {
        let slashes = args.iter().filter(|a| a.contains('/')).count();
        let mut found = Found::default();
        if slashes > 0 {
            if slashes != args.len() {
                return Err("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".to_string());
            }
            let mut tuples = Vec::new();
            for arg in args {
                let parts: Vec<&str> = arg.split('/').collect();
                if parts.len() != 2 {
                    return Err(
                        "arguments in resource/name form may not have more than one slash"
                            .to_string(),
                    );
                }
                let (kind, name) = (parts[0], parts[1]);
                if kind.is_empty() || name.is_empty() || kind.contains(',') {
                    return Err(
                        "arguments in resource/name form must have a single resource and name"
                            .to_string(),
                    );
                }
                tuples.push((resolve(kind)?, name));
            }
            if has_selector {
                return Err(
                    "selectors and the all flag cannot be used when passing resource/name arguments"
                        .to_string(),
                );
            }
            for (resource, name) in tuples {
                self.named(resource, name, &mut found);
            }
            return Ok(found);
        }
        let types: Vec<&'static ResourceType> = args[0]
            .split(',')
            .filter(|w| !w.is_empty())
            .map(resolve)
            .collect::<Result<_, _>>()?;
        let names = &args[1..];
        if names.is_empty() {
            for resource in types {
                found.infos.extend(self.list(resource));
            }
            return Ok(found);
        }
        if has_selector {
            return Err("name cannot be provided when a selector is specified".to_string());
        }
        if types.len() != 1 {
            return Err("you must specify only one resource".to_string());
        }
        for name in names {
            self.named(types[0], name, &mut found);
        }
        Ok(found)
    }

    /// One named object, or its NotFound.
    fn named(&self, resource: &'static ResourceType, name: &str, found: &mut Found) {
        let namespace = self.namespace_of(resource, None);
        if exists(self.cluster, resource, &namespace, name) {
            found.infos.push(Info {
                resource,
                namespace,
                name: name.to_string(),
            });
        } else {
            found.errors.push(not_found(resource, name));
        }
    }

    /// Every object of a type in scope that the selector matches, in API list order
    /// (by namespace, then name).
    pub(super) fn list(&self, resource: &'static ResourceType) -> Vec<Info> {
        let c = self.cluster;
        let in_scope = |ns: &str| self.all_namespaces || ns == self.namespace;
        let selected = |labels: &std::collections::BTreeMap<String, String>| {
            self.selector.is_none_or(|s| s.matches(labels))
        };
        let mut items: Vec<(String, String)> = match resource.kind {
            "Node" => c
                .nodes()
                .filter(|n| selected(&n.metadata.labels))
                .map(|n| (String::new(), n.metadata.name.clone()))
                .collect(),
            "Namespace" => c
                .namespaces()
                .iter()
                .filter(|ns| {
                    let labels = [("kubernetes.io/metadata.name".to_string(), ns.to_string())];
                    selected(&labels.into())
                })
                .map(|ns| (String::new(), ns.clone()))
                .collect(),
            "Pod" => c
                .pods()
                .filter(|p| in_scope(&p.metadata.namespace) && selected(&p.metadata.labels))
                .map(|p| (p.metadata.namespace.clone(), p.metadata.name.clone()))
                .collect(),
            "DaemonSet" => c
                .daemon_sets()
                .filter(|d| in_scope(&d.metadata.namespace) && selected(&d.metadata.labels))
                .map(|d| (d.metadata.namespace.clone(), d.metadata.name.clone()))
                .collect(),
            "Deployment" => c
                .deployments()
                .filter(|d| in_scope(&d.metadata.namespace) && selected(&d.metadata.labels))
                .map(|d| (d.metadata.namespace.clone(), d.metadata.name.clone()))
                .collect(),
            "ReplicaSet" => c
                .replica_sets()
                .filter(|r| in_scope(&r.metadata.namespace) && selected(&r.metadata.labels))
                .map(|r| (r.metadata.namespace.clone(), r.metadata.name.clone()))
                .collect(),
            "PriorityClass" => c
                .priority_classes()
                .into_iter()
                .filter(|p| selected(&p.metadata.labels))
                .map(|p| (String::new(), p.metadata.name.clone()))
                .collect(),
            "PodDisruptionBudget" => c
                .disruption_budgets()
                .filter(|p| in_scope(&p.metadata.namespace) && selected(&p.metadata.labels))
                .map(|p| (p.metadata.namespace.clone(), p.metadata.name.clone()))
                .collect(),
            _ => c
                .other_objects()
                .filter(|o| {
                    o.resource == resource.qualified_singular()
                        && in_scope(&o.metadata.namespace)
                        && selected(&o.metadata.labels)
                })
                .map(|o| (o.metadata.namespace.clone(), o.metadata.name.clone()))
                .collect(),
        };
        taintlab_core::sort::sort(&mut items);
        items
            .into_iter()
            .map(|(namespace, name)| Info {
                resource,
                namespace,
                name,
            })
            .collect()
    }

    /// Models `-f FILE`: each object in the files, by its kind, namespace and name.
    pub(super) fn find_files(
        &self,
        names: &[&str],
        files: &taintlab_core::sorted_map::SortedMap<String, String>,
        stdin: Option<&str>,
    ) -> Result<Found, String> {
        let mut found = Found::default();
        for name in names {
            let text = if *name == "-" {
                stdin.unwrap_or_default().to_string()
            } else {
                files
                    .get(*name)
                    .cloned()
                    .ok_or_else(|| format!("the path \"{name}\" does not exist"))?
            };
            let decoded = self.cluster.decode(&text).map_err(|errors| {
                errors
                    .first()
                    .map(|e| format!("error parsing {name}: {}", e.message))
                    .unwrap_or_default()
            })?;
            for located in decoded.objects {
                let object = &located.object;
                let (kind, namespace) = match object {
                    Object::Pod(p) => ("Pod", Some(&p.metadata.namespace)),
                    Object::DaemonSet(d) => ("DaemonSet", Some(&d.metadata.namespace)),
                    Object::Deployment(d) => ("Deployment", Some(&d.metadata.namespace)),
                    Object::ReplicaSet(r) => ("ReplicaSet", Some(&r.metadata.namespace)),
                    Object::Node(_) => ("Node", None),
                    Object::Namespace(_) => ("Namespace", None),
                    Object::PriorityClass(_) => ("PriorityClass", None),
                    Object::PodDisruptionBudget(p) => {
                        ("PodDisruptionBudget", Some(&p.metadata.namespace))
                    }
                    Object::Other(o) => (o.kind.as_str(), Some(&o.metadata.namespace)),
                };
                let Some(resource) = resource::of_kind(kind) else {
                    continue;
                };
                if !DESCRIBED.contains(&resource.kind) {
                    return Err(format!(
                        "taintlab does not simulate \"kubectl describe {}\" yet",
                        resource.plural
                    ));
                }
                let explicit = namespace.filter(|n| !n.is_empty()).map(String::as_str);
                let namespace = self.namespace_of(resource, explicit);
                let name = object.name().to_string();
                if exists(self.cluster, resource, &namespace, &name) {
                    found.infos.push(Info {
                        resource,
                        namespace,
                        name,
                    });
                } else {
                    found.errors.push(not_found(resource, &name));
                }
            }
        }
        Ok(found)
    }
}
/// Whether the object exists.
pub(super) fn exists(
    cluster: &Cluster,
    resource: &ResourceType,
    namespace: &str,
    name: &str,
) -> bool {
    match resource.kind {
        "Node" => cluster.node(name).is_some(),
        "Namespace" => cluster.namespaces().iter().any(|n| n == name),
        "Pod" => cluster.pod(namespace, name).is_some(),
        "DaemonSet" => cluster
            .daemon_sets()
            .any(|d| d.metadata.namespace == namespace && d.metadata.name == name),
        "Deployment" => cluster
            .deployments()
            .any(|d| d.metadata.namespace == namespace && d.metadata.name == name),
        "ReplicaSet" => cluster
            .replica_sets()
            .any(|r| r.metadata.namespace == namespace && r.metadata.name == name),
        "PriorityClass" => cluster.priority_class(name).is_some(),
        "PodDisruptionBudget" => cluster
            .disruption_budgets()
            .any(|p| p.metadata.namespace == namespace && p.metadata.name == name),
        _ => cluster.other_objects().any(|o| {
            o.resource == resource.qualified_singular()
                && o.metadata.name == name
                && (!resource.namespaced || o.metadata.namespace == namespace)
        }),
    }
}
