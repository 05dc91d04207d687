//! taintlab-kubectl: `kubectl` over the simulated cluster. Text in, the text a
//! real kubectl prints out. Each command lives in its own module; this one parses
//! the command word and hands over. Printers (tables, `-o yaml|json|jsonpath`,
//! `describe`) and resource arguments are shared by the commands.
//!
//! Depends on the engine (`taintlab-core`) only: everything it knows about the
//! cluster comes from there, and it never decides where a pod goes.

pub mod age;
pub mod annotate;
pub mod apply;
pub mod args;
pub mod create;
pub mod csv;
pub mod delete;
pub mod describe;
pub mod drain;
mod drain_eviction;
pub mod encode;
pub mod explain;
pub mod generated;
pub mod get;
pub mod help;
pub mod image_ref;
pub mod info;
pub mod jsonpath;
pub mod lookup;
pub mod objects;
mod output;
pub mod request;
pub mod resource;
pub mod rollout;
pub mod run;
pub mod scale;
pub mod select;
pub mod selector;
pub mod strconv;
pub mod tabwriter;
pub mod taint;
pub mod targets;

use taintlab_core::Cluster;
use taintlab_core::sorted_map::SortedMap;

pub use output::Output;

/// What a kubectl command runs against.
pub struct Invocation<'a> {
    /// The cluster.
    pub cluster: &'a mut Cluster,
    /// Files `-f` can name (the workspace).
    pub files: &'a SortedMap<String, String>,
    /// Standard input (`-f -`), from a here-document.
    pub stdin: Option<&'a str>,
}

/// kubectl's commands, with their one-line descriptions as `kubectl --help` gives them.
pub const COMMANDS: &[(&str, &str)] = &[
    ("create", "Create a resource from a file or from stdin"),
    ("run", "Run a particular image on the cluster"),
    ("get", "Display one or many resources"),
    ("explain", "Get documentation for a resource"),
    (
        "delete",
        "Delete resources by file names, stdin, resources and names, or by resources and label selector",
    ),
    ("rollout", "Manage the rollout of a resource"),
    (
        "scale",
        "Set a new size for a deployment, replica set, or replication controller",
    ),
    ("cluster-info", "Display cluster information"),
    ("cordon", "Mark node as unschedulable"),
    ("uncordon", "Mark node as schedulable"),
    ("drain", "Drain node in preparation for maintenance"),
    ("taint", "Update the taints on one or more nodes"),
    (
        "describe",
        "Show details of a specific resource or group of resources",
    ),
    (
        "apply",
        "Apply a configuration to a resource by file name or stdin",
    ),
    ("label", "Update the labels on a resource"),
    ("annotate", "Update the annotations on a resource"),
    (
        "api-resources",
        "Print the supported API resources on the server",
    ),
    ("version", "Print the client and server version information"),
];

/// Real kubectl commands taintlab does not simulate: they get an honest refusal
/// rather than "unknown command".
const NOT_SIMULATED: &[&str] = &[
    "logs",
    "exec",
    "attach",
    "port-forward",
    "proxy",
    "cp",
    "top",
    "edit",
    "patch",
    "replace",
    "expose",
    "set",
    "autoscale",
    "auth",
    "certificate",
    "config",
    "debug",
    "diff",
    "kustomize",
    "wait",
    "events",
    "plugin",
    "completion",
    "alpha",
    "options",
];

/// The flags `kubectl COMMAND` accepts besides [`args::GLOBAL`], as its parser
/// reads them (Tab completion offers them); none for a command taintlab does not
/// simulate.
pub fn flags(command: &str) -> Vec<args::Flag> {
    let own: &[&[args::Flag]] = match command {
        "get" => &[get::options::FLAGS],
        "describe" => &[describe::FLAGS],
        "apply" => &[apply::FLAGS],
        "create" => &[apply::FLAGS, create::FLAGS],
        "delete" => &[delete::FLAGS],
        "taint" => &[taint::FLAGS],
        "label" | "annotate" => &[annotate::FLAGS],
        "cordon" | "uncordon" | "drain" => &[drain::FLAGS],
        "scale" => &[scale::FLAGS],
        "rollout" => &[rollout::FLAGS],
        "run" => &[run::FLAGS],
        "explain" => &[explain::FLAGS],
        "version" | "api-resources" | "cluster-info" => &[info::FLAGS],
        _ => &[],
    };
    own.concat()
}

/// Runs `kubectl ARGS...` (the words after `kubectl`).
pub fn run(inv: Invocation<'_>, args: &[String]) -> Output {
    // Global flags may come before the command word: find the first positional word.
    let command_at = first_command_word(args);
    let Some(at) = command_at else {
        if args.iter().any(|a| a == "--help" || a == "-h") || args.is_empty() {
            return Output::ok(help());
        }
        if let Some(flag) = args.iter().find(|a| a.starts_with('-'))
            && let Err(message) = args::parse(std::slice::from_ref(flag), &[])
        {
            return usage_error("", &message);
        }
        return Output::ok(help());
    };
    let command = args[at].as_str();
    let rest: Vec<String> = args[..at].iter().chain(&args[at + 1..]).cloned().collect();
    let asks_help = rest.iter().any(|a| a == "--help" || a == "-h");
    if asks_help && let Some(text) = help::text(command) {
        return Output::ok(text);
    }
    match command {
        "help" => Output::ok(help()),
        "get" => get::run(inv, &rest),
        "describe" => describe::run(inv, &rest),
        "apply" | "create" => apply::run(inv, command, &rest),
        "delete" => delete::run(inv, &rest),
        "taint" => taint::run(inv, &rest),
        "label" | "annotate" => annotate::run(inv, command, &rest),
        "cordon" | "uncordon" | "drain" => drain::run(inv, command, &rest),
        "scale" => scale::run(inv, &rest),
        "rollout" => rollout::run(inv, &rest),
        "run" => run::run(inv, &rest),
        "explain" => explain::run(inv, &rest),
        "version" | "api-resources" | "cluster-info" => info::run(inv, command, &rest),
        other if NOT_SIMULATED.contains(&other) => Output::error(format!(
            "error: taintlab does not simulate \"kubectl {other}\": it models scheduling, not what runs inside containers or the client's configuration\n"
        )),
        other => unknown_command(other),
    }
}

/// Where the command word is: the first word that is neither a flag nor the value
/// of a global flag that takes one.
fn first_command_word(args: &[String]) -> Option<usize> {
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if !a.starts_with('-') || a == "-" {
            return Some(i);
        }
        let takes_value = args::GLOBAL.iter().any(|f| {
            f.takes_value
                && (a == &format!("--{}", f.long) || f.short.is_some_and(|c| *a == format!("-{c}")))
        });
        i += if takes_value { 2 } else { 1 };
    }
    None
}

/// cobra's error for a command word kubectl does not have, with its suggestions
/// (commands within two edits, or that start with the word).
pub fn unknown_command(word: &str) -> Output {
    let mut text = format!("error: unknown command \"{word}\" for \"kubectl\"\n");
    let suggestions: Vec<&str> = COMMANDS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| levenshtein(word, name) <= 2 || (word.len() > 1 && name.starts_with(word)))
        .collect();
    if !suggestions.is_empty() {
        text.push_str("\nDid you mean this?\n");
        for s in suggestions {
            text.push_str(&format!("\t{s}\n"));
        }
    }
    Output::error(text)
}

/// A flag error, as kubectl words it: the message and where help is.
pub fn usage_error(command: &str, message: &str) -> Output {
    let help = if command.is_empty() {
        "kubectl --help".to_string()
    } else {
        format!("kubectl {command} --help")
    };
    Output::error(format!("error: {message}\nSee '{help}' for usage.\n"))
}

/// Edit distance, for cobra's "Did you mean this?".
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// `kubectl --help`, for the commands taintlab simulates.
pub fn help() -> String {
    let mut text = String::from(
        "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nCommands:\n",
    );
    let width = COMMANDS.iter().map(|(n, _)| n.len()).max().unwrap_or(0) + 2;
    for (name, what) in COMMANDS {
        text.push_str(&format!("  {name:<width$}{what}\n"));
    }
    text.push_str("\nUsage:\n  kubectl [flags] [options]\n\nUse \"kubectl <command> --help\" for more information about a given command.\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kubectl(words: &[&str]) -> Output {
        let mut cluster = Cluster::tutorial();
        let files = SortedMap::default();
        let args: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        run(
            Invocation {
                cluster: &mut cluster,
                files: &files,
                stdin: None,
            },
            &args,
        )
    }

    #[test]
    fn unknown_commands_get_cobras_error_and_suggestions() {
        let out = kubectl(&["gett", "pods"]);
        assert_eq!(
            out.text,
            "error: unknown command \"gett\" for \"kubectl\"\n\nDid you mean this?\n\tget\n\tset\n"
                .replace("\tset\n", "")
        );
        assert_eq!(out.code, 1);
        assert_eq!(
            kubectl(&["frobnicate"]).text,
            "error: unknown command \"frobnicate\" for \"kubectl\"\n"
        );
    }

    #[test]
    fn the_command_word_may_follow_global_flags() {
        assert_eq!(
            first_command_word(&["-n".into(), "x".into(), "get".into()]),
            Some(2)
        );
        assert_eq!(
            first_command_word(&["--namespace=x".into(), "get".into()]),
            Some(1)
        );
        assert_eq!(first_command_word(&["-h".into()]), None);
    }
}
