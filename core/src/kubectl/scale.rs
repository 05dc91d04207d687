//! `kubectl scale` for Deployments and ReplicaSets
//! (`staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go`).

use super::Invocation;
use super::args::{self, Flag};
use super::targets::{self, Targets};
use crate::cluster::Kind;
use crate::terminal::Output;

pub(crate) const FLAGS: &[Flag] = &[
    Flag::value("replicas", None),
    Flag::value("current-replicas", None),
    Flag::value("resource-version", None),
    Flag::value("filename", Some('f')),
    Flag::value("selector", Some('l')),
    Flag::switch("all", None),
    Flag::value("timeout", None),
    Flag::value("dry-run", None),
    Flag::value("output", Some('o')),
];

/// Runs `kubectl scale ARGS...`.
pub fn run(inv: Invocation<'_>, raw: &[String]) -> Output {
    let args = match args::parse(raw, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error("scale", &message),
    };
    if args.on("help") {
        return Output::ok(HELP);
    }
    let Some(replicas) = args.get("replicas") else {
        return Output::error("error: required flag(s) \"replicas\" not set\n");
    };
    let replicas: i32 = match replicas.parse() {
        Ok(r) => r,
        Err(_) => {
            return super::usage_error(
                "scale",
                &format!(
                    "invalid argument \"{replicas}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{replicas}\": invalid syntax"
                ),
            );
        }
    };
    if replicas < 0 {
        return Output::error(
            "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n",
        );
    }
    let current: Option<i32> = args.get("current-replicas").and_then(|c| c.parse().ok());
    let namespace = args.get("namespace").unwrap_or("default").to_string();
    let named = match targets::parse(&args.positional, false) {
        Err(e) => return Output::error(format!("{e}\n")),
        Ok(Targets::Types(types)) if types.is_empty() => {
            return Output::error(
                "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
            );
        }
        Ok(Targets::Types(_)) => {
            return Output::error("error: resource(s) were provided, but no name was specified\n");
        }
        Ok(Targets::Named(named)) => named,
    };
    let mut out = Output::ok("");
    for (r, name) in named {
        let kind = match Kind::of(r.kind) {
            Some(k @ (Kind::Deployment | Kind::ReplicaSet)) => k,
            // No scale subresource: the API server has nothing at that path.
            _ => {
                out.text.push_str(
                    "Error from server (NotFound): the server could not find the requested resource\n",
                );
                out.code = 1;
                continue;
            }
        };
        let existing = match kind {
            Kind::Deployment => inv
                .cluster
                .deployments()
                .find(|d| d.metadata.name == name && d.metadata.namespace == namespace)
                .map(|d| d.replicas()),
            _ => inv
                .cluster
                .replica_sets()
                .find(|d| d.metadata.name == name && d.metadata.namespace == namespace)
                .map(|d| d.replicas()),
        };
        let Some(existing) = existing else {
            out.text.push_str(&format!(
                "Error from server (NotFound): {} \"{name}\" not found\n",
                r.qualified_plural()
            ));
            out.code = 1;
            continue;
        };
        // Models `ScalePrecondition.validate`.
        if let Some(expected) = current
            && i64::from(expected) != existing
        {
            out.text.push_str(&format!(
                "error: Expected replicas to be {expected}, was {existing}\n"
            ));
            out.code = 1;
            continue;
        }
        inv.cluster.set_replicas(kind, &namespace, &name, replicas);
        out.text
            .push_str(&format!("{}/{name} scaled\n", r.qualified_singular()));
    }
    out
}

const HELP: &str = "Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.

Examples:
  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo

  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

Usage:
  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";
