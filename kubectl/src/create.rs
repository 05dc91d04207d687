//! `kubectl create namespace NAME`, `kubectl create deployment NAME
//! --image=IMAGE [--replicas=N] [--port=P]` and `kubectl create priorityclass
//! NAME [--value=N] [--global-default] [--description=TEXT]
//! [--preemption-policy=POLICY]`
//! (`staging/src/k8s.io/kubectl/pkg/cmd/create/create_namespace.go`,
//! `create_deployment.go`, `create_priorityclass.go`, as of v1.36): the object
//! the generator makes, created through the API.
//!
//! The object is built as a value ([`generated`]): no flag value can add a field
//! or change the object's shape, whatever characters it holds.

use super::Invocation;
use super::args::{self, Flag};
use super::generated;
use crate::Output;

/// The objects `kubectl create TYPE NAME` generates in taintlab.
pub const GENERATORS: [&str; 3] = ["deployment", "namespace", "priorityclass"];

/// The flags of `create namespace`, `create deployment` and `create priorityclass`.
pub(crate) const FLAGS: &[Flag] = &[
    // A `stringSlice`: `--image=a,b` is two images, read as CSV.
    Flag::slice("image", None),
    Flag::int("replicas", Some('r'), 32),
    Flag::int("port", None, 32),
    Flag::int("value", None, 32),
    Flag::switch("global-default", None),
    Flag::value("description", None),
    Flag::value("preemption-policy", None),
    Flag::value("dry-run", None),
    Flag::value("output", Some('o')),
];

/// Runs `kubectl create TYPE NAME ...`; `positional` are the positional words of
/// `raw`, the first one the type.
pub fn run(inv: Invocation<'_>, raw: &[String], positional: &[String]) -> Output {
    let Some(what) = positional.first().map(String::as_str) else {
        return Output::error("error: must specify one of -f and -k\n");
    };
    let kind = match what {
        "namespace" | "ns" => "namespace",
        "deployment" | "deploy" => "deployment",
        "priorityclass" | "pc" => "priorityclass",
        other => {
            return Output::error(format!(
                "error: taintlab does not simulate \"kubectl create {other}\"; write the object in YAML and use \"kubectl create -f FILE\"\n"
            ));
        }
    };
    // The subcommand's own arguments: `raw` without the type word (only that
    // word: the name or a flag value may be spelt the same).
    let mut words = raw.to_vec();
    if let Some(at) = first_positional(raw) {
        words.remove(at);
    }
    let args = match args::parse(&words, FLAGS) {
        Ok(args) => args,
        Err(message) => return super::usage_error(&format!("create {kind}"), &message),
    };
    if kind == "deployment" && args.get("image").is_none() {
        return Output::error("error: required flag(s) \"image\" not set\n");
    }
    let Some(name) = args.positional.first() else {
        return Output::error(format!(
            "error: exactly one NAME is required, got 0\nSee 'kubectl create {kind} -h' for help and examples\n"
        ));
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
    let minor = inv.cluster.version().minor;
    let object = if kind == "namespace" {
        generated::namespace(name, minor)
    } else if kind == "priorityclass" {
        generated::priority_class(
            name,
            args.int("value").unwrap_or(0),
            args.on("global-default"),
            args.get("description").unwrap_or(""),
            args.get("preemption-policy")
                .unwrap_or("PreemptLowerPriority"),
            minor,
        )
    } else {
        // `int32` flags, checked as parsed; `--port` defaults to -1, no port.
        generated::deployment(
            name,
            args.get("namespace"),
            &args.slice("image"),
            args.int("replicas").unwrap_or(1),
            args.int("port").filter(|p| *p >= 0),
            minor,
        )
    };
    let text = match generated::to_text(&object) {
        Ok(text) => text,
        Err(message) => return Output::error(format!("{message}\n")),
    };
    // `--dry-run=client|server`: print the generated object (the usual way to start a
    // manifest: `kubectl create deploy web --image=nginx --dry-run=client -o yaml`).
    if let Some(suffix) = dry_run {
        let resource = match kind {
            "namespace" => "namespace",
            "priorityclass" => "priorityclass.scheduling.k8s.io",
            _ => "deployment.apps",
        };
        return match args.get("output") {
            None => Output::ok(format!("{resource}/{name} created {suffix}\n")),
            Some("name") => Output::ok(format!("{resource}/{name}\n")),
            Some("yaml") => Output::ok(text),
            Some(other) => Output::error(format!(
                "error: taintlab prints generated objects as -o yaml or -o name, not -o {other}\n"
            )),
        };
    }
    let mut out = String::new();
    let mut errors = Vec::new();
    super::apply::send(inv.cluster, &text, "STDIN", true, "", &mut out, &mut errors);
    for e in &errors {
        // The generator's objects are not read from a file.
        let e = e.replace("error when creating \"STDIN\": ", "");
        if kind == "deployment" {
            out.push_str(&failed_to_create(&e, "deployment", "Deployment", "apps"));
        } else if kind == "priorityclass" {
            out.push_str(&failed_to_create(
                &e,
                "priorityclass",
                "PriorityClass",
                "scheduling.k8s.io",
            ));
        } else {
            out.push_str(&e);
        }
        out.push('\n');
    }
    Output {
        text: out,
        code: i32::from(!errors.is_empty()),
        clear: false,
    }
}

/// Where the first positional word of `raw` is: words that are flags, and the
/// values of flags that take one, are skipped as pflag reads them.
fn first_positional(raw: &[String]) -> Option<usize> {
    let flags: Vec<Flag> = [super::apply::FLAGS, FLAGS, args::GLOBAL].concat();
    let takes_value = |f: &Flag| f.takes_value;
    let mut i = 0;
    while i < raw.len() {
        let word = raw[i].as_str();
        if word == "--" {
            return (i + 1 < raw.len()).then_some(i + 1);
        }
        let skip = if let Some(body) = word.strip_prefix("--") {
            // `--flag=value` is one word; `--flag value` two.
            !body.contains('=') && flags.iter().any(|f| f.long == body && takes_value(f))
        } else if let Some(shorts) = word.strip_prefix('-').filter(|s| !s.is_empty()) {
            // In `-abc`, the first flag that takes a value takes the rest of the
            // word, or the next word when it is last.
            let mut next = false;
            for (j, c) in shorts.char_indices() {
                if flags.iter().any(|f| f.short == Some(c) && takes_value(f)) {
                    next = j + c.len_utf8() == shorts.len();
                    break;
                }
            }
            next
        } else {
            return Some(i);
        };
        i += if skip { 2 } else { 1 };
    }
    None
}

/// `create deployment` and `create priorityclass` wrap the API server's error
/// with `fmt.Errorf("failed to create deployment: %v", err)`, so kubectl prints
/// the status's own message, not its usual rendering: `Deployment.apps "web" is
/// invalid: [a, b]` for `The Deployment "web" is invalid:` and its causes, the
/// bare message for `Error from server (Reason): message`.
fn failed_to_create(printed: &str, generator: &str, kind: &str, group: &str) -> String {
    let status = if let Some(rest) = printed.strip_prefix(&format!("The {kind} ")) {
        let (name, causes) = rest.split_once(" is invalid: ").unwrap_or((rest, ""));
        let causes: Vec<&str> = causes
            .lines()
            .map(|l| l.strip_prefix("* ").unwrap_or(l))
            .filter(|l| !l.is_empty())
            .collect();
        let aggregate = match causes.as_slice() {
            [one] => one.to_string(),
            many => format!("[{}]", many.join(", ")),
        };
        format!("{kind}.{group} {name} is invalid: {aggregate}")
    } else if let Some((_, message)) = printed
        .strip_prefix("Error from server (")
        .and_then(|rest| rest.split_once("): "))
    {
        message.to_string()
    } else {
        return printed.to_string();
    };
    format!("error: failed to create {generator}: {status}")
}

#[cfg(test)]
mod tests;
