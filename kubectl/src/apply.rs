//! `kubectl apply -f` and `kubectl create -f`
//! (`staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go`, `cmd/create/create.go`).
//!
//! Documents are sent one at a time, as kubectl's resource builder streams them:
//! an object the server refuses does not stop the others, and the refusals are
//! printed after the objects that went through.

use super::Invocation;
use super::args::{self, Flag};
use crate::Output;
use serde_yaml::Value;
use taintlab_core::decode::documents;
use taintlab_core::diagnostic::{Diagnostic, Severity};
use taintlab_core::{Cluster, decode};

pub(crate) const FLAGS: &[Flag] = &[
    Flag::value("filename", Some('f')),
    Flag::switch("recursive", Some('R')),
    Flag::value("dry-run", None),
    Flag::value("output", Some('o')),
    Flag::value("validate", None),
    Flag::value("field-manager", None),
    Flag::switch("server-side", None),
    Flag::switch("force", None),
    Flag::switch("overwrite", None),
    Flag::switch("save-config", None),
    Flag::value("kustomize", Some('k')),
];

/// Runs `kubectl apply|create ARGS...`.
pub fn run(inv: Invocation<'_>, command: &str, raw: &[String]) -> Output {
    // `create TYPE NAME ...` runs a generator, with its own flags (checked
    // there, so that a bad value is that generator's usage error).
    let loose: Vec<Flag> = [FLAGS, super::create::FLAGS]
        .concat()
        .into_iter()
        .map(Flag::unchecked)
        .collect();
    if command == "create"
        && let Ok(generator) = args::parse(raw, &loose)
        && !generator.positional.is_empty()
    {
        return super::create::run(inv, raw, &generator.positional);
    }
    let args = match args::parse(raw, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error(command, &message),
    };
    if args.on("help") {
        return Output::ok(if command == "apply" {
            APPLY_HELP
        } else {
            CREATE_HELP
        });
    }
    let create = command == "create";
    if create && !args.positional.is_empty() {
        return super::create::run(inv, raw, &args.positional);
    }
    if !args.positional.is_empty() {
        return Output::error(format!(
            "error: Unexpected args: [{}]\nSee 'kubectl {command} -h' for help and examples\n",
            args.positional.join(" ")
        ));
    }
    if args.get("kustomize").is_some() {
        return Output::error("error: taintlab does not simulate kustomize (-k)\n");
    }
    let files = args.all("filename");
    if files.is_empty() {
        return if create {
            Output::error("Error: must specify one of -f and -k\n\n")
        } else {
            Output::error("error: must specify one of -f and -k\n")
        };
    }
    let dry_run = match args.get("dry-run") {
        None | Some("none") => "",
        Some("client") => " (dry run)",
        Some("server") => " (server dry run)",
        Some(other) => {
            return Output::error(format!(
                "error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\".\n"
            ));
        }
    };
    let mut out = String::new();
    let mut errors = Vec::new();
    let mut objects = 0;
    for file in files {
        let text = if file == "-" {
            inv.stdin.unwrap_or_default().to_string()
        } else {
            match inv.files.get(file) {
                Some(text) => text.clone(),
                None => {
                    errors.push(format!("error: the path \"{file}\" does not exist"));
                    continue;
                }
            }
        };
        let source = if file == "-" { "STDIN" } else { file };
        for (_, doc) in documents(&text) {
            objects += 1;
            // A dry run works on a copy that is thrown away.
            let mut scratch;
            let cluster: &mut Cluster = if dry_run.is_empty() {
                &mut *inv.cluster
            } else {
                scratch = inv.cluster.clone();
                &mut scratch
            };
            send(cluster, doc, source, create, dry_run, &mut out, &mut errors);
        }
    }
    if objects == 0 && errors.is_empty() {
        return Output::error(format!("error: no objects passed to {command}\n"));
    }
    for e in &errors {
        out.push_str(e);
        out.push('\n');
    }
    Output {
        text: out,
        code: i32::from(!errors.is_empty()),
        clear: false,
    }
}

/// Sends one document: decodes it as the server would and applies it.
pub(crate) fn send(
    cluster: &mut Cluster,
    doc: &str,
    source: &str,
    create: bool,
    dry_run: &str,
    out: &mut String,
    errors: &mut Vec<String>,
) {
    let decoded = match cluster.decode(doc) {
        Ok(decoded) => decoded,
        Err(diagnostics) => {
            errors.extend(server_errors(doc, source, &diagnostics));
            return;
        }
    };
    if create {
        let taken: Vec<String> = decoded
            .objects
            .iter()
            .filter_map(|o| already_exists(cluster, &o.object))
            .collect();
        if !taken.is_empty() {
            errors.extend(taken.into_iter().map(|what| {
                format!("Error from server (AlreadyExists): error when creating \"{source}\": {what} already exists")
            }));
            return;
        }
    }
    match cluster.apply_decoded(decoded) {
        Ok(report) => {
            // taintlab's own notes (a kind it only stores, a constraint its scheduler
            // ignores), printed as the API server's warnings are.
            for w in report
                .warnings
                .iter()
                .filter(|w| w.severity == Severity::Warning)
            {
                out.push_str(&format!("Warning: {}\n", w.message));
            }
            for line in report.lines {
                let line = if create {
                    // `create` only creates; the name printer says so.
                    match line.rsplit_once(' ') {
                        Some((object, _)) => format!("{object} created"),
                        None => line,
                    }
                } else {
                    line
                };
                out.push_str(&line);
                out.push_str(dry_run);
                out.push('\n');
            }
        }
        Err(diagnostics) => errors.extend(server_errors(doc, source, &diagnostics)),
    }
}

/// `pods "x"` when a `create` would collide with an existing object.
fn already_exists(cluster: &Cluster, object: &decode::Object) -> Option<String> {
    use decode::Object;
    let (resource, found) = match object {
        Object::Pod(p) => (
            "pods",
            cluster
                .pod(namespace_of(&p.metadata.namespace), &p.metadata.name)
                .is_some(),
        ),
        Object::Node(n) => ("nodes", cluster.node(&n.metadata.name).is_some()),
        Object::Namespace(m) => ("namespaces", cluster.namespaces().contains(&m.name)),
        Object::DaemonSet(d) => (
            "daemonsets.apps",
            cluster
                .daemon_sets()
                .any(|x| same(&x.metadata, &d.metadata)),
        ),
        Object::Deployment(d) => (
            "deployments.apps",
            cluster
                .deployments()
                .any(|x| same(&x.metadata, &d.metadata)),
        ),
        Object::ReplicaSet(r) => (
            "replicasets.apps",
            cluster
                .replica_sets()
                .any(|x| same(&x.metadata, &r.metadata)),
        ),
        Object::PriorityClass(pc) => (
            "priorityclasses.scheduling.k8s.io",
            cluster.priority_class(&pc.metadata.name).is_some(),
        ),
        Object::PodDisruptionBudget(pdb) => (
            "poddisruptionbudgets.policy",
            cluster
                .disruption_budgets()
                .any(|x| same(&x.metadata, &pdb.metadata)),
        ),
        Object::Other(o) => (
            o.resource,
            cluster
                .other_objects()
                .any(|x| x.resource == o.resource && same(&x.metadata, &o.metadata)),
        ),
    };
    // Stored kinds carry kubectl's singular name (`job.batch`): the API's is plural.
    let resource = match object {
        Object::Other(_) => match resource.split_once('.') {
            Some((kind, group)) => format!("{kind}s.{group}"),
            None => format!("{resource}s"),
        },
        _ => resource.to_string(),
    };
    found.then(|| format!("{resource} \"{}\"", object.name()))
}

fn namespace_of(namespace: &str) -> &str {
    if namespace.is_empty() {
        "default"
    } else {
        namespace
    }
}

fn same(a: &taintlab_core::api::ObjectMeta, b: &taintlab_core::api::ObjectMeta) -> bool {
    a.name == b.name && namespace_of(&a.namespace) == namespace_of(&b.namespace)
}

/// The object a diagnostic is about: kind, apiVersion and name, read from the
/// document (inside a `kind: List`, from the item the path names).
fn object_of(doc: &str, path: &str) -> (String, String, String) {
    let value: Value = taintlab_core::decode::yaml::parse(doc).unwrap_or(Value::Null);
    let item = path
        .strip_prefix("items[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(i, _)| i.parse::<usize>().ok())
        .and_then(|i| value.get("items").and_then(|items| items.get(i)))
        .unwrap_or(&value);
    let field = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    (
        field(item.get("kind")),
        field(item.get("apiVersion")),
        field(item.get("metadata").and_then(|m| m.get("name"))),
    )
}

/// Turns the server's diagnostics for one document into kubectl's error lines.
fn server_errors(doc: &str, source: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let Some(first) = errors.first() else {
        return Vec::new();
    };
    let (kind, api_version, name) = object_of(doc, &first.path);
    let version = api_version
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let message = first.message.as_str();
    // A YAML syntax error: kubectl cannot even read the file.
    if first.path.is_empty() {
        return vec![format!(
            "error: error parsing {source}: error converting YAML to JSON: yaml: line {}: {message}",
            first.line
        )];
    }
    // A value the decoder cannot read (a malformed quantity too) is a BadRequest.
    let undecodable = message.starts_with("strict decoding error")
        || message.starts_with("json: cannot unmarshal")
        || message == taintlab_core::api::quantity::ERR_FORMAT_WRONG
        || message == taintlab_core::api::quantity::ERR_SUFFIX;
    if undecodable {
        // One BadRequest for the object, its strict errors joined as the decoder does.
        let strict: Vec<&str> = errors
            .iter()
            .filter_map(|d| d.message.strip_prefix("strict decoding error: "))
            .collect();
        let detail = if message.starts_with("json:") || strict.is_empty() {
            message.to_string()
        } else {
            format!("strict decoding error: {}", strict.join(", "))
        };
        return vec![format!(
            "Error from server (BadRequest): error when creating \"{source}\": {kind} in version \"{version}\" cannot be handled as a {kind}: {detail}"
        )];
    }
    if message.starts_with("namespaces ") && message.ends_with(" not found") {
        return vec![format!(
            "Error from server (NotFound): error when creating \"{source}\": {message}"
        )];
    }
    if message.starts_with("no matches for kind") {
        return vec![format!(
            "error: resource mapping not found for name: \"{name}\" namespace: \"\" from \"{source}\": {message}\nensure CRDs are installed first"
        )];
    }
    if first.path == "kind" || first.path == "apiVersion" || message.starts_with("Object 'Kind'") {
        let missing = if first.path == "apiVersion" {
            "apiVersion"
        } else {
            "kind"
        };
        return vec![format!(
            "error: error validating \"{source}\": error validating data: {missing} not set; if you choose to ignore these errors, turn validation off with --validate=false"
        )];
    }
    if message.starts_with("The ") {
        return errors.iter().map(|d| d.message.clone()).collect();
    }
    // An admission plugin's refusal (`admission.NewForbidden`).
    if message.contains(" is forbidden: ") {
        return vec![format!(
            "Error from server (Forbidden): error when creating \"{source}\": {message}"
        )];
    }
    // Field validation: the API server's Invalid status, as kubectl prints it.
    let causes: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    let subject = if name.is_empty() {
        format!("The {kind} \"\" is invalid")
    } else {
        format!("The {kind} \"{name}\" is invalid")
    };
    match causes.as_slice() {
        [one] => vec![format!("{subject}: {one}")],
        many => {
            let mut text = format!("{subject}: ");
            for c in many {
                text.push_str(&format!("\n* {c}"));
            }
            vec![text]
        }
    }
}

const APPLY_HELP: &str = "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

Examples:
  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json

  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -

Options:
    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
\tThe files that contain the configurations to apply.

Usage:
  kubectl apply (-f FILENAME | -k DIRECTORY) [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

const CREATE_HELP: &str = "Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.

Examples:
  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json

  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -

Options:
    -f, --filename=[]:
\tFilename, directory, or URL to files to use to create the resource

Usage:
  kubectl create -f FILENAME [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";
