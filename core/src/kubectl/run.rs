//! `kubectl run NAME --image=IMAGE`: one bare pod
//! (`staging/src/k8s.io/kubectl/pkg/cmd/run/run.go`, `generate/versioned/run.go`).

use super::Invocation;
use super::args::{self, Flag};
use crate::terminal::Output;

pub(crate) const FLAGS: &[Flag] = &[
    Flag::value("image", None),
    Flag::value("labels", Some('l')),
    Flag::value("port", None),
    Flag::value("restart", None),
    Flag::value("dry-run", None),
    Flag::value("output", Some('o')),
    Flag::value("env", None),
    Flag::value("command", None),
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
    let Some(name) = args.positional.first() else {
        return Output::error(
            "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n",
        );
    };
    let Some(image) = args.get("image") else {
        return Output::error("error: required flag(s) \"image\" not set\n");
    };
    // Models `RunOptions.Validate`: `--port` is a string flag that must pass
    // `strconv.Atoi`; `ContainerPort: int32(portNo)` then keeps its low 32 bits,
    // and the API server checks the range.
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
        other => {
            return Output::error(format!("error: invalid restart policy: {other}\n"));
        }
    };
    // Models `BasicPod.Generate`: labels `run=NAME` unless given, the container
    // named after the pod.
    let mut labels: Vec<(String, String)> = Vec::new();
    match args.get("labels") {
        None => labels.push(("run".to_string(), name.clone())),
        Some(list) => {
            for pair in list.split(',') {
                let Some((k, v)) = pair.split_once('=') else {
                    return Output::error(format!("error: invalid label spec: {pair}\n"));
                };
                labels.push((k.to_string(), v.to_string()));
            }
        }
    }
    labels.sort();
    let label_lines: String = labels
        .iter()
        .map(|(k, v)| format!("    {k}: {v}\n"))
        .collect();
    let ports = port.map_or(String::new(), |p| {
        format!("    ports:\n    - containerPort: {p}\n")
    });
    let minor = inv.cluster.version().minor;
    let null_time = if minor < 34 {
        "  creationTimestamp: null\n"
    } else {
        ""
    };
    let namespace = args
        .get("namespace")
        .map_or(String::new(), |ns| format!("  namespace: {ns}\n"));
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n{null_time}  labels:\n{label_lines}  name: {name}\n{namespace}spec:\n  containers:\n  - image: {image}\n    name: {name}\n{ports}    resources: {{}}\n  dnsPolicy: ClusterFirst\n  restartPolicy: {restart}\nstatus: {{}}\n"
    );
    if let Some(mode) = args.get("dry-run").filter(|m| *m != "none") {
        let suffix = if mode == "server" {
            "(server dry run)"
        } else {
            "(dry run)"
        };
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
