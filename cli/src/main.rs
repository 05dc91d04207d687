//! `taintlab`: the simulated cluster on the command line.

mod cluster_files;
mod diff;
mod lesson;
mod line_editor;
mod link;
mod render;
mod shell;
mod why;

use std::process::ExitCode;
use taintlab_core::Cluster;

pub(crate) const HELP: &str = "taintlab: a Kubernetes scheduling playground

usage:
  taintlab apply [--cluster FILE] [--after SECONDS] FILE...
                           apply YAML files (in order) to the tutorial cluster
                           (master + worker), or to the cluster that FILE
                           describes (a kind cluster config or Node objects),
                           let SECONDS of simulated time pass (default 0), and
                           show where pods land and why
  taintlab run [--cluster FILE] SCRIPT
                           run a script of terminal commands (kubectl, ssh,
                           crictl, systemctl, sleep, ...) on a fresh cluster
                           and print the transcript a terminal would show;
                           *.yaml, *.yml and *.json files next to the script
                           are in the terminal's working directory
  taintlab repl [--cluster FILE]
                           an interactive terminal on a fresh cluster
                           (exit or end of input leaves it)
  taintlab lesson check FILE...
                           validate lesson files (the schema, both languages,
                           every check) and run each step's reference
                           solution from the lesson's start, proving that its
                           check is false before and true after; errors as
                           FILE:LINE:COLUMN: FIELD: MESSAGE (docs/lessons.md)
  taintlab link [--cluster NODES] [--after SECONDS] [--paused] [--anonymize]
               FILE...
                           print the share link fragment (#s=...) of a
                           scenario: the FILEs are the workspace, applied in
                           order to the tutorial cluster or to the nodes of
                           NODES (kubectl get nodes -o yaml output, or a whole
                           cluster's state), then SECONDS of simulated time
                           pass; append it to the page's address to open it.
                           --anonymize replaces the real names in the link
                           (nodes, namespaces, pods and workloads, label
                           values, images, UIDs) by stable placeholders
                           (node-1, ns-1, deploy-1, value-1, ...) that replay
                           to the same placement, as the page's Share does
                           for an imported cluster
  taintlab why [--cluster FILE] [--after SECONDS] [FILE...] TARGET...
                           apply the FILEs as apply does, then explain each
                           TARGET as the page's Why here? panel does:
                           pod/NAME (every filter's verdict per node, the
                           scores, the scheduler's message, preemption),
                           daemonset/NAME (its decision node by node) or
                           node/NAME (its taints and who tolerates them);
                           NAMESPACE/NAME for another namespace
  taintlab diff [--cluster FILE] [--after SECONDS] [--then FILE] [FILE...] CHANGE
                           what CHANGE would do: builds the cluster from the
                           FILEs, copies it, makes CHANGE in the copy (a YAML
                           file is applied; a *.sh script of terminal commands
                           such as kubectl taint, label, cordon or delete node
                           is run), lets the same SECONDS pass in both, and
                           lists every pod that would start, wait, be evicted
                           (and when), go or move, with the reason, then the
                           same per node and per workload; exit status 0 when
                           nothing changes, 1 when something does. --then FILE
                           (repeatable) applies FILE to both after the change:
                           with a scheduler configuration as CHANGE, the same
                           workload under both configurations
  taintlab --help          show this text
  taintlab --version       show the version

--cluster may be given more than once. Its FILE is a kind cluster config, Node
objects (kubectl get nodes -o yaml), or a real cluster's state: the output of
kubectl get nodes,pods,daemonsets,deployments,replicasets,priorityclasses,
poddisruptionbudgets -A -o yaml (or -o json), the output of kubectl
cluster-info dump, or the directory kubectl cluster-info dump
--output-directory DIR wrote. Several --cluster paths are one import of one
cluster; an object in two of them is taken from the later one. Objects keep
their UIDs, running pods stay where they are, and their ages and NoExecute
countdowns are what they were when the state was read.

A FILE or SCRIPT of - reads standard input. A script may name its cluster in a
leading comment, `# cluster: FILE`, relative to the script, and its scheduler
configuration in `# scheduler-config: FILE`.

apply, run, repl and link also take --scheduler-config FILE: a
KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), as kube-scheduler's
--config reads it; its profiles schedule the pods whose spec.schedulerName
names them. A link carries it as the page does: applied first, as a workspace
file.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--help" | "-h" | "help") | None => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            println!("taintlab {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("apply") if args.len() > 1 => match parse_options(&args[1..], false) {
            Ok((options, files)) if !files.is_empty() => apply(files, &options),
            Ok(_) => {
                eprintln!("error: apply needs at least one FILE\n\n{HELP}");
                ExitCode::from(2)
            }
            Err(message) => {
                eprintln!("error: {message}\n\n{HELP}");
                ExitCode::from(2)
            }
        },
        Some("apply") => {
            eprintln!("error: apply needs at least one FILE\n\n{HELP}");
            ExitCode::from(2)
        }
        Some("run") => shell::run_command(&args[1..]),
        Some("repl") => shell::repl_command(&args[1..]),
        Some("link") => link::command(&args[1..]),
        Some("why") => why::command(&args[1..]),
        Some("diff") => diff::command(&args[1..]),
        Some("lesson") => lesson::command(&args[1..]),
        Some(other) => {
            eprintln!("error: unknown command {other:?}\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

/// The options of `apply` and `link`.
#[derive(Default)]
pub(crate) struct ApplyOptions {
    /// Every `--cluster PATH`, in order: several make one import.
    pub cluster: Vec<String>,
    /// `--scheduler-config FILE` (`link` applies it first, as the page applies a
    /// workspace file that holds one).
    pub scheduler_config: Option<String>,
    pub after_seconds: u64,
    /// `--paused` (`link` only): the clock of the linked page stands still.
    pub paused: bool,
    /// `--anonymize` (`link` only): placeholders for the real names.
    pub anonymize: bool,
}

/// Splits `[--cluster FILE] [--scheduler-config FILE] [--after SECONDS] FILE...`,
/// and `--paused` and `--anonymize` too when `link_flags` (for `link`).
pub(crate) fn parse_options(
    mut args: &[String],
    link_flags: bool,
) -> Result<(ApplyOptions, &[String]), String> {
    let mut options = ApplyOptions::default();
    loop {
        match args {
            [flag, rest @ ..] if link_flags && flag == "--paused" => {
                options.paused = true;
                args = rest;
            }
            [flag, rest @ ..] if link_flags && flag == "--anonymize" => {
                options.anonymize = true;
                args = rest;
            }
            [flag, value, rest @ ..] if flag == "--after" => {
                options.after_seconds = value.parse::<u64>().map_err(|_| {
                    format!("--after needs a whole number of seconds, not {value:?}")
                })?;
                // The bound of one clock step in a session, as a link has it.
                if options.after_seconds > taintlab_core::limits::MAX_STEP_SECONDS {
                    return Err(format!(
                        "--after {value}: {}",
                        taintlab_core::limits::Limit::StepSeconds.en()
                    ));
                }
                args = rest;
            }
            [flag, value, rest @ ..] if flag == "--cluster" => {
                options.cluster.push(value.clone());
                args = rest;
            }
            [flag, value, rest @ ..] if flag == "--scheduler-config" => {
                options.scheduler_config = Some(value.clone());
                args = rest;
            }
            [flag] if flag == "--after" || flag == "--cluster" || flag == "--scheduler-config" => {
                return Err(format!("{flag} needs a value"));
            }
            _ => return Ok((options, args)),
        }
    }
}

/// A file's text, or standard input for `-`.
pub(crate) fn read(path: &str) -> Result<String, String> {
    if path == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| format!("cannot read standard input: {e}"))
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
    }
}

/// The tutorial cluster, or the one the `--cluster` paths describe (a kind
/// config, Node objects, or a real cluster's state: see [`load_nodes`]), with
/// the scheduler configuration of `scheduler_config` when given; on failure
/// the errors are printed and the exit code returned.
pub(crate) fn load_cluster(
    paths: &[String],
    scheduler_config: Option<&str>,
) -> Result<Cluster, ExitCode> {
    let mut cluster = load_nodes(paths)?;
    let Some(path) = scheduler_config else {
        return Ok(cluster);
    };
    // Read whole as the other files are; the core bounds its size.
    match read(path).map(|text| cluster.set_scheduler_config(&text)) {
        Ok(Ok(())) => Ok(cluster),
        Ok(Err(errors)) => {
            for d in &errors {
                eprintln!("{}", render::diagnostic(path, d));
            }
            Err(ExitCode::from(2))
        }
        Err(message) => {
            eprintln!("error: {message}");
            Err(ExitCode::from(2))
        }
    }
}

/// The tutorial cluster, or the one `paths` describe. One file is a kind
/// cluster config, Node objects, or a whole cluster's state (`kubectl get
/// nodes,pods,... -A -o yaml`, or what `kubectl cluster-info dump` prints),
/// imported as the page imports it: running pods stay where they are. Several
/// files, or the directory `kubectl cluster-info dump --output-directory`
/// wrote, are one import of a real cluster.
fn load_nodes(paths: &[String]) -> Result<Cluster, ExitCode> {
    let imported = match paths {
        [] => return Ok(Cluster::tutorial()),
        [path] if path == "-" || !std::path::Path::new(path).is_dir() => {
            let text = read(path).map_err(|message| {
                eprintln!("error: {message}");
                ExitCode::from(2)
            })?;
            match taintlab_playground::import::nodes(&text) {
                Ok(import) if import.state.is_some() => {
                    cluster_files::report(path, &import);
                    import
                }
                _ => {
                    return Cluster::from_config(&text).map_err(|errors| {
                        for d in &errors {
                            eprintln!("{}", render::diagnostic(path, d));
                        }
                        ExitCode::from(2)
                    });
                }
            }
        }
        _ => cluster_files::import(paths)?,
    };
    Ok(imported.into_cluster())
}

fn apply(paths: &[String], options: &ApplyOptions) -> ExitCode {
    let mut cluster = match load_cluster(&options.cluster, options.scheduler_config.as_deref()) {
        Ok(cluster) => cluster,
        Err(code) => return code,
    };
    let mut failed = false;
    for path in paths {
        let text = match read(path) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        };
        match cluster.apply(&text) {
            Ok(report) => {
                for d in &report.warnings {
                    eprintln!("{}", render::diagnostic(path, d));
                }
                for line in &report.lines {
                    println!("{line}");
                }
            }
            Err(errors) => {
                failed = true;
                for d in &errors {
                    eprintln!("{}", render::diagnostic(path, d));
                }
            }
        }
    }
    cluster.advance(options.after_seconds);
    print!("\n{}", render::placement(&cluster));
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
