//! `kubectl describe` for nodes, pods, DaemonSets, Deployments, ReplicaSets and
//! namespaces. Models `kubectl/pkg/cmd/describe/describe.go` (argument forms,
//! `describe TYPE` for all, `TYPE NAME_PREFIX`, `-l`, `-A`, `--show-events`,
//! errors) over the describers in `describe/`.

mod gosort;
mod node;
mod pod;
mod selector;
mod tabwriter;
mod workloads;
mod writer;

use super::Invocation;
use super::args::{self, Flag};
use super::resource::{self, ResourceType};
use crate::Cluster;
use crate::decode::Object;
use crate::terminal::Output;

const FLAGS: &[Flag] = &[
    Flag::value("filename", Some('f')),
    Flag::value("selector", Some('l')),
    Flag::switch("all-namespaces", Some('A')),
    Flag::switch("show-events", None),
    Flag::value("chunk-size", None),
    Flag::switch("recursive", Some('R')),
    Flag::value("kustomize", Some('k')),
];

/// `cmdutil.SuggestAPIResources("kubectl")`.
const SUGGEST: &str = "Use \"kubectl api-resources\" for a complete list of supported resources.";

/// One object to describe: its type, namespace (empty when cluster-scoped) and name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Info {
    resource: &'static ResourceType,
    namespace: String,
    name: String,
}

/// What the resource builder found: objects, per-object errors, or a fatal error.
#[derive(Debug, Default)]
struct Found {
    infos: Vec<Info>,
    errors: Vec<String>,
}

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
    // `TYPE NAME` that is not found describes every object whose name starts with NAME.
    if failed
        && found.infos.is_empty()
        && parsed.positional.len() == 2
        && !parsed.positional[0].contains('/')
        && files.is_empty()
    {
        return scope.describe_matching(&parsed.positional, &found.errors, show_events);
    }
    let mut text = String::new();
    for (i, info) in found.infos.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        match describe(cluster, info, show_events) {
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

/// Where and how objects are looked up.
struct Scope<'a> {
    cluster: &'a Cluster,
    namespace: &'a str,
    all_namespaces: bool,
    selector: Option<&'a selector::Selector>,
}

/// The API server's NotFound, as kubectl prints it.
fn not_found(resource: &ResourceType, name: &str) -> String {
    format!(
        "Error from server (NotFound): {} \"{name}\" not found",
        resource.qualified_plural()
    )
}

/// The kinds with a describer here.
const DESCRIBED: [&str; 6] = [
    "Node",
    "Namespace",
    "Pod",
    "DaemonSet",
    "Deployment",
    "ReplicaSet",
];

/// Resolves a type word; kubectl's error when it names no type, and taintlab's
/// when it names one without a simulated describer.
fn resolve(word: &str) -> Result<&'static ResourceType, String> {
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
    fn find_args(&self, args: &[String], has_selector: bool) -> Result<Found, String> {
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
    fn list(&self, resource: &'static ResourceType) -> Vec<Info> {
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
        crate::sort::sort(&mut items);
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
    fn find_files(
        &self,
        names: &[&str],
        files: &crate::table::Table<String, String>,
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

    /// Models `DescribeMatchingResources`: every object of the type in the namespace
    /// whose name starts with the prefix, each followed by a newline.
    fn describe_matching(&self, args: &[String], errors: &[String], show_events: bool) -> Output {
        let Ok(resource) = resolve(&args[0]) else {
            return Output::error(format!("{}\n", errors.join("\n")));
        };
        let scope = Scope {
            all_namespaces: false,
            selector: None,
            ..*self
        };
        let mut text = String::new();
        for info in scope
            .list(resource)
            .into_iter()
            .filter(|i| i.name.starts_with(args[1].as_str()))
        {
            match describe(self.cluster, &info, show_events) {
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
}

/// Whether the object exists.
fn exists(cluster: &Cluster, resource: &ResourceType, namespace: &str, name: &str) -> bool {
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
        _ => cluster.other_objects().any(|o| {
            o.resource == resource.qualified_singular()
                && o.metadata.name == name
                && (!resource.namespaced || o.metadata.namespace == namespace)
        }),
    }
}

/// The description of one object; `None` for a type without a simulated describer.
fn describe(cluster: &Cluster, info: &Info, show_events: bool) -> Option<String> {
    let (ns, name) = (info.namespace.as_str(), info.name.as_str());
    let same = |meta: &crate::api::ObjectMeta| meta.namespace == ns && meta.name == name;
    match info.resource.kind {
        "Node" => cluster
            .node(name)
            .map(|n| node::describe(cluster, n, show_events)),
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
        _ => None,
    }
}

#[cfg(test)]
mod tests;
