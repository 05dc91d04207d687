//! `kubectl run NAME --image=IMAGE`: one bare pod
//! (`staging/src/k8s.io/kubectl/pkg/cmd/run/run.go`, `generate/versioned/run.go`,
//! as of v1.36).
//!
//! The pod is built as a value ([`generated::pod`]): no flag value can add a
//! field or change the object's shape, whatever characters it holds.

use super::Invocation;
use super::args::{self, Flag};
use super::generated::{self, PodSpec};
use super::image_ref;
use crate::Output;
use taintlab_core::api::field_value::go_quote;

pub(crate) const FLAGS: &[Flag] = &[
    Flag::value("image", None),
    Flag::value("labels", Some('l')),
    Flag::value("port", None),
    Flag::value("restart", None),
    Flag::value("dry-run", None),
    Flag::value("output", Some('o')),
    // A `stringArray`: each value is one variable, commas and all.
    Flag::value("env", None),
    Flag::switch("command", None),
    Flag::switch("rm", None),
    Flag::switch("stdin", Some('i')),
    Flag::switch("tty", Some('t')),
];

/// Runs `kubectl run ARGS...`.
pub fn run(inv: Invocation<'_>, raw: &[String]) -> Output {
    let args = match args::parse(raw, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error("run", &message),
    };
    if args.on("help") {
        return Output::ok(HELP);
    }
    // cobra checks required flags before the command runs.
    let Some(image) = args.get("image") else {
        return Output::error("error: required flag(s) \"image\" not set\n");
    };
    let Some(name) = args.positional.first() else {
        return Output::error(
            "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n",
        );
    };
    // Models `RunOptions.Run`'s checks, in its order.
    if image.is_empty() {
        return Output::error("error: --image is required\n");
    }
    if !image_ref::is_reference(image) {
        return Output::error(format!(
            "error: Invalid image name {}: invalid reference format\n",
            go_quote(image)
        ));
    }
    // `--port` is a string flag that must pass `strconv.Atoi`;
    // `ContainerPort: int32(portNo)` then keeps its low 32 bits, and the API
    // server checks the range.
    let port = match args.get("port").filter(|p| !p.is_empty()) {
        None => None,
        Some(p) => match p.parse::<i64>() {
            Ok(n) => Some(n as i32),
            Err(_) => return Output::error("error: --port must be a number\n"),
        },
    };
    if args.on("stdin") || args.on("tty") || args.on("rm") {
        return Output::error(
            "error: taintlab does not simulate attaching to a container (-i, -t, --rm)\n",
        );
    }
    let restart = match args.get("restart").unwrap_or("Always") {
        r @ ("Always" | "OnFailure" | "Never") => r,
        // An empty `--restart=` means the default, as `getRestartPolicy` reads it.
        "" => "Always",
        other => {
            return Output::error(format!(
                "error: invalid restart policy: {other}\nSee 'kubectl run -h' for help and examples\n"
            ));
        }
    };
    let dry_run = match args.get("dry-run") {
        None | Some("none") => None,
        Some("client") => Some("(dry run)"),
        Some("server") => Some("(server dry run)"),
        Some(other) => {
            return Output::error(format!(
                "error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\".\n"
            ));
        }
    };
    // Models `BasicPod.Generate`: the environment, then the labels (`run=NAME`
    // unless given).
    let env = match generated::parse_envs(&args.all("env")) {
        Ok(env) => env,
        Err(message) => return Output::error(format!("error: {message}\n")),
    };
    let labels = match args.get("labels").filter(|l| !l.is_empty()) {
        None => vec![("run".to_string(), name.clone())],
        Some(spec) => match generated::parse_labels(spec) {
            Ok(labels) => labels,
            Err(message) => return Output::error(format!("error: {message}\n")),
        },
    };
    let spec = PodSpec {
        name: name.clone(),
        namespace: args.get("namespace").map(str::to_string),
        image: image.to_string(),
        labels,
        env,
        args: args.positional[1..].to_vec(),
        command: args.on("command"),
        port,
        restart: restart.to_string(),
    };
    let yaml = match generated::to_text(&generated::pod(&spec, inv.cluster.version().minor)) {
        Ok(text) => text,
        Err(message) => return Output::error(format!("{message}\n")),
    };
    if let Some(suffix) = dry_run {
        return match args.get("output") {
            Some("yaml") => Output::ok(yaml),
            Some("name") => Output::ok(format!("pod/{name}\n")),
            None => Output::ok(format!("pod/{name} created {suffix}\n")),
            Some(other) => Output::error(format!(
                "error: taintlab prints generated objects as -o yaml or -o name, not -o {other}\n"
            )),
        };
    }
    // Created through the API like `kubectl create -f`.
    super::apply::run(
        Invocation {
            cluster: inv.cluster,
            files: inv.files,
            stdin: Some(&yaml),
        },
        "create",
        &["-f".to_string(), "-".to_string()],
    )
    .map_text(|t| t.replace("error when creating \"STDIN\": ", ""))
}

const HELP: &str = "Create and run a particular image in a pod.

Examples:
  # Start a nginx pod
  kubectl run nginx --image=nginx

  # Start a hazelcast pod and let the container expose port 5701
  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

  # Start a hazelcast pod and set labels \"app=hazelcast\" and \"env=prod\" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --labels=\"app=hazelcast,env=prod\"

  # Dry run; print the corresponding API objects without creating them
  kubectl run nginx --image=nginx --dry-run=client

Usage:
  kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

#[cfg(test)]
pub(crate) mod tests;
