//! `kubectl scale` for Deployments and ReplicaSets
//! (`staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go`).

use super::Invocation;
use super::args::{self, Flag};
use super::targets::{self, Targets};
use crate::Output;
use taintlab_core::cluster::Kind;

pub(crate) const FLAGS: &[Flag] = &[
    Flag::int("replicas", None, 64),
    Flag::int("current-replicas", None, 64),
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
    // Models `ScaleOptions.Validate`; the flags are `int`s, checked as parsed.
    let Some(replicas) = args.int("replicas") else {
        return Output::error("error: required flag(s) \"replicas\" not set\n");
    };
    if replicas < 0 {
        return Output::error(
            "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n",
        );
    }
    let current = args.int("current-replicas").unwrap_or(-1);
    if current < -1 {
        return Output::error(
            "error: The --current-replicas must specify an integer of -1 or greater\n",
        );
    }
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
        if let Some(expected) = (current != -1).then_some(current)
            && expected != existing
        {
            out.text.push_str(&format!(
                "error: Expected replicas to be {expected}, was {existing}\n"
            ));
            out.code = 1;
            continue;
        }
        // The API server refuses a count taintlab cannot hold; kubectl prints
        // the Invalid status as `CheckErr` does.
        if let Err(refused) = inv.cluster.set_replicas(kind, &namespace, &name, replicas) {
            out.text.push_str(&format!("{refused}\n"));
            out.code = 1;
            continue;
        }
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

#[cfg(test)]
mod tests {
    use crate::{Invocation, run as kubectl};
    use taintlab_core::Cluster;
    use taintlab_core::sorted_map::SortedMap;

    #[test]
    fn counts_are_checked_as_kubectl_and_the_api_server_do() {
        let mut cluster = Cluster::tutorial();
        let files = SortedMap::default();
        // The lines hold no quotes: words are what spaces separate.
        let mut run = |line: &str| {
            let words: Vec<String> = line.split_whitespace().skip(1).map(String::from).collect();
            let out = kubectl(
                Invocation {
                    cluster: &mut cluster,
                    files: &files,
                    stdin: None,
                },
                &words,
            );
            (out.text, out.code)
        };
        assert_eq!(
            run("kubectl create deployment web --image=nginx --replicas=2").1,
            0
        );
        let replicas = |run: &mut dyn FnMut(&str) -> (String, i32)| {
            run("kubectl get deployment web -o jsonpath={.spec.replicas}").0
        };
        for (line, want) in [
            (
                "kubectl scale deployment web --replicas=10001",
                "The Deployment \"web\" is invalid: spec.replicas: Invalid value: 10001: too many replicas: taintlab's limit is 10000\n",
            ),
            (
                "kubectl scale deployment web --replicas=9223372036854775808",
                "error: invalid argument \"9223372036854775808\" for \"--replicas\" flag: strconv.ParseInt: parsing \"9223372036854775808\": value out of range\nSee 'kubectl scale --help' for usage.\n",
            ),
            (
                "kubectl scale deployment web --replicas=-1",
                "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n",
            ),
            (
                "kubectl scale deployment web --replicas=3 --current-replicas=5",
                "error: Expected replicas to be 5, was 2\n",
            ),
        ] {
            assert_eq!(run(line), (want.to_string(), 1), "{line}");
            // Refused: nothing changed.
            assert_eq!(replicas(&mut run), "2", "{line}");
        }
        assert_eq!(
            run("kubectl scale deployment web --replicas=10000 --current-replicas=2"),
            ("deployment.apps/web scaled\n".to_string(), 0)
        );
        assert_eq!(replicas(&mut run), "10000");
    }
}
