//! Tab completion, as bash offers it with kubectl's completion script loaded
//! (`kubectl completion bash`, cobra's `__complete`): command words, kubectl's
//! subcommands, resource types, object names from the cluster (in the namespace
//! `-n` names), node names, flags and their values, the host's files after `-f`,
//! and on a node its shell's commands and paths.
//!
//! Pure: it reads the terminal and changes nothing, so it is never part of a
//! session's log.

use super::node_shell;
use super::{Location, Terminal};
use taintlab_kubectl::{self as kubectl, args::Flag, objects, resource};

/// What Tab can do with the word under the cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    /// Byte offset in the line where the word being completed starts.
    pub start: usize,
    /// Byte offset where it ends: the cursor.
    pub end: usize,
    /// Every word that can take its place, sorted, each once. A candidate is the
    /// word as the shell reads it (quotes removed); [`Completion::apply`] escapes
    /// what needs it.
    pub candidates: Vec<String>,
}

impl Completion {
    /// The text Tab puts in place of the word, as readline does: the only
    /// candidate and a space (no space after a directory's `/` or a `=`), or the
    /// candidates' longest common prefix. `None` when there is nothing to offer.
    pub fn replacement(&self) -> Option<String> {
        let first = self.candidates.first()?;
        if self.candidates.len() == 1 {
            let mut text = escape(first);
            if !first.ends_with('/') && !first.ends_with('=') {
                text.push(' ');
            }
            return Some(text);
        }
        let mut prefix = first.as_str();
        for other in &self.candidates[1..] {
            let common = prefix
                .char_indices()
                .zip(other.chars())
                .find(|((_, a), b)| a != b)
                .map_or(prefix.len().min(other.len()), |((i, _), _)| i);
            prefix = &prefix[..common];
        }
        Some(escape(prefix))
    }

    /// `line` after Tab, and the cursor's new byte offset. A space is not added
    /// when one already follows the cursor.
    pub fn apply(&self, line: &str) -> (String, usize) {
        let Some(mut text) = self.replacement() else {
            return (line.to_string(), self.end);
        };
        let (start, end) = (self.start.min(line.len()), self.end.min(line.len()));
        let rest = line.get(end..).unwrap_or_default();
        if text.ends_with(' ') && rest.starts_with([' ', '\t']) {
            text.pop();
        }
        let before = line.get(..start).unwrap_or_default();
        let cursor = before.len() + text.len();
        (format!("{before}{text}{rest}"), cursor)
    }

    /// Whether Tab changes the line. When it does not and there are several
    /// candidates, the terminal lists them (readline's `show-all-if-unmodified`).
    pub fn changes(&self, line: &str) -> bool {
        self.apply(line).0 != line
    }
}

/// A word as bash reads it back: backslashes before the characters the shell
/// would otherwise treat specially.
fn escape(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if " \t'\"\\$`|&;<>()#*?!".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One word of the line before the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// The word as the shell reads it (quotes and escapes removed).
    text: String,
    /// Byte offset of its first character.
    start: usize,
    /// What the word is for.
    role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An argument.
    Plain,
    /// The file after `>` or `>>`.
    Redirect,
    /// A here-document's delimiter.
    Delimiter,
}

/// Splits the line up to the cursor into words, forgiving what is unfinished (an
/// open quote is part of the last word). The last word is the one being completed
/// (empty when the cursor follows a blank). `None` after a `|`: pipelines are not
/// simulated, so nothing is offered.
fn words(line: &str) -> Option<(Vec<Word>, bool)> {
    let mut out = Vec::new();
    // The last command reads a pipe (`... | gr`).
    let mut piped = false;
    let mut current: Option<Word> = None;
    let mut role = Role::Plain;
    let mut chars = line.char_indices().peekable();
    let mut quote: Option<char> = None;
    let begin = |current: &mut Option<Word>, at: usize, role: Role| {
        current.get_or_insert_with(|| Word {
            text: String::new(),
            start: at,
            role,
        });
    };
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            match c {
                c if c == q => quote = None,
                '\\' if q == '"' => {
                    if let Some((_, next)) = chars.next()
                        && let Some(w) = current.as_mut()
                    {
                        w.text.push(next);
                    }
                }
                c => {
                    if let Some(w) = current.as_mut() {
                        w.text.push(c);
                    }
                }
            }
            continue;
        }
        match c {
            ' ' | '\t' => {
                if let Some(w) = current.take() {
                    out.push(w);
                    role = Role::Plain;
                }
            }
            '\'' | '"' => {
                begin(&mut current, i, role);
                quote = Some(c);
            }
            '\\' => {
                begin(&mut current, i, role);
                if let Some((_, next)) = chars.next()
                    && let Some(w) = current.as_mut()
                {
                    w.text.push(next);
                }
            }
            // A new command starts after `|`, `&&`, `||` and `;`: complete it alone.
            '|' | ';' | '&' => {
                out.clear();
                current = None;
                role = Role::Plain;
                piped = c == '|' && chars.peek().is_none_or(|(_, n)| *n != '|');
                if chars.peek().is_some_and(|(_, n)| *n == c) {
                    chars.next();
                }
            }
            '>' => {
                if let Some(w) = current.take() {
                    out.push(w);
                }
                if chars.peek().is_some_and(|(_, n)| *n == '>') {
                    chars.next();
                }
                role = Role::Redirect;
            }
            '<' if chars.peek().is_some_and(|(_, n)| *n == '<') => {
                chars.next();
                if let Some(w) = current.take() {
                    out.push(w);
                }
                if chars.peek().is_some_and(|(_, n)| *n == '-') {
                    chars.next();
                }
                role = Role::Delimiter;
            }
            '#' if current.is_none() => return None,
            c => {
                begin(&mut current, i, role);
                if let Some(w) = current.as_mut() {
                    w.text.push(c);
                }
            }
        }
    }
    out.push(current.unwrap_or(Word {
        text: String::new(),
        start: line.len(),
        role,
    }));
    Some((out, piped))
}

/// Completes the word that ends at byte `cursor` of `line`, for the terminal as it
/// is now (on the host or on a node).
pub fn complete(term: &Terminal, line: &str, cursor: usize) -> Completion {
    let mut cursor = cursor.min(line.len());
    while !line.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let nothing = Completion {
        start: cursor,
        end: cursor,
        candidates: Vec::new(),
    };
    let Some((mut words, piped)) = words(&line[..cursor]) else {
        return nothing;
    };
    let Some(current) = words.pop() else {
        return nothing;
    };
    // Commands after a here-document's delimiter or `>` are rare: only the
    // redirect target itself is completed among them.
    let before: Vec<String> = words
        .iter()
        .filter(|w| w.role == Role::Plain)
        .map(|w| w.text.clone())
        .collect();
    let node = match term.location() {
        Location::Host => None,
        Location::Node(node) => Some(node.as_str()),
    };
    let mut candidates = match current.role {
        // After a pipe: the filters the terminal simulates, then the commands.
        Role::Plain if piped && before.is_empty() => {
            let mut filters = strings(PIPE_FILTERS);
            filters.extend(match node {
                None => strings(super::HOST_COMMANDS),
                Some(_) => strings(node_shell::COMMANDS),
            });
            filters
        }
        Role::Delimiter => Vec::new(),
        Role::Redirect => match node {
            None => host_files(term, &current.text, false),
            Some(node) => paths(term, node, &current.text, false),
        },
        Role::Plain => match node {
            None => on_host(term, &before, &current.text),
            Some(node) => on_node(term, node, &before, &current.text),
        },
    };
    candidates.retain(|c| c.starts_with(current.text.as_str()) || expands(&current.text, c));
    taintlab_core::sort::sort(&mut candidates);
    candidates.dedup();
    Completion {
        start: current.start,
        end: cursor,
        candidates,
    }
}

/// The filters a pipe leads to (see `super::pipeline`).
const PIPE_FILTERS: &[&str] = &["grep", "head", "less", "more", "tail", "wc"];

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

/// The host's shell: its commands, then each command's arguments.
fn on_host(term: &Terminal, before: &[String], word: &str) -> Vec<String> {
    let Some((command, args)) = before.split_first() else {
        return strings(super::HOST_COMMANDS);
    };
    match command.as_str() {
        "kubectl" | "k" => kubectl_words(term, args, word),
        "ssh" => {
            if args.iter().any(|a| !a.starts_with('-')) {
                return Vec::new();
            }
            match word.split_once('@') {
                Some((user, _)) => node_names(term)
                    .into_iter()
                    .map(|n| format!("{user}@{n}"))
                    .collect(),
                None => node_names(term),
            }
        }
        "docker" => {
            let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
            match positional.as_slice() {
                [] => strings(&["exec", "ps"]),
                [exec] if *exec == "exec" => {
                    if word.starts_with('-') {
                        strings(&["-i", "-it", "-t"])
                    } else {
                        node_names(term)
                    }
                }
                [exec, _] if *exec == "exec" => strings(&["bash"]),
                _ => Vec::new(),
            }
        }
        "cat" | "rm" | "ls" | "touch" => host_files(term, word, false),
        _ => Vec::new(),
    }
}

/// The shell on a node: its commands, paths, `systemctl` and `crictl`.
fn on_node(term: &Terminal, node: &str, before: &[String], word: &str) -> Vec<String> {
    let Some((command, args)) = before.split_first() else {
        return strings(node_shell::COMMANDS);
    };
    let positional = args.iter().filter(|a| !a.starts_with('-')).count();
    match command.as_str() {
        "cd" => paths(term, node, word, true),
        "cat" | "ls" | "rm" | "rmdir" | "mkdir" | "touch" | "mv" | "cp" => {
            paths(term, node, word, false)
        }
        "systemctl" if !word.starts_with('-') => match positional {
            0 => strings(&super::systemctl::VERBS),
            _ => strings(&super::systemctl::UNITS),
        },
        "crictl" if positional == 0 => strings(&super::crictl::COMMANDS),
        "kubectl" => kubectl_words(term, args, word),
        _ => Vec::new(),
    }
}

/// The host's files: all of them, or with `manifests` those kubectl reads (as
/// kubectl's completion filters `-f` to `json`, `yaml` and `yml`), and `-`.
fn host_files(term: &Terminal, word: &str, manifests: bool) -> Vec<String> {
    let mut names: Vec<String> = term
        .files()
        .keys()
        .filter(|name| !manifests || [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e)))
        .cloned()
        .collect();
    if manifests && word == "-" {
        names.push("-".to_string());
    }
    names
}

/// Paths on `node` that complete `word`: the entries of the directory it names,
/// directories with a `/` after them (only directories for `cd`).
fn paths(term: &Terminal, node: &str, word: &str, dirs_only: bool) -> Vec<String> {
    let (dir_part, name) = match word.rfind('/') {
        Some(i) => word.split_at(i + 1),
        None => ("", word),
    };
    let dir = if dir_part.is_empty() { "." } else { dir_part };
    node_shell::entries(term, node, dir)
        .into_iter()
        // Hidden names only when asked for, as bash does.
        .filter(|(entry, _)| !entry.starts_with('.') || name.starts_with('.'))
        .filter(|(_, is_dir)| *is_dir || !dirs_only)
        .map(|(entry, is_dir)| {
            let slash = if is_dir { "/" } else { "" };
            format!("{dir_part}{entry}{slash}")
        })
        .collect()
}

fn node_names(term: &Terminal) -> Vec<String> {
    term.cluster()
        .nodes()
        .map(|n| n.metadata.name.clone())
        .collect()
}

/// The words after `kubectl`, read as kubectl's parser reads them: where the
/// command word is, which words are flags and their values, which are positional.
struct Parsed {
    /// The command word (`get`), if one came before the word being completed.
    command: Option<String>,
    /// The positional words after the command word.
    positional: Vec<String>,
    /// The namespace from `-n`/`--namespace`; `None` for all namespaces (`-A`).
    namespace: Option<String>,
    /// The flag whose value the word being completed is.
    pending: Option<Flag>,
}

/// The flag `word` names among `flags`, and whether its value is inside the word
/// (`--output=wide`, `-owide`).
fn flag_of(word: &str, flags: &[Flag]) -> Option<(Flag, bool)> {
    if let Some(body) = word.strip_prefix("--") {
        let (name, inline) = match body.split_once('=') {
            Some((n, _)) => (n, true),
            None => (body, false),
        };
        return flags.iter().find(|f| f.long == name).map(|f| (*f, inline));
    }
    let shorts = word.strip_prefix('-')?;
    // Grouped shorthands: the last value-taking one takes the rest of the word.
    for (i, c) in shorts.char_indices() {
        let flag = flags.iter().find(|f| f.short == Some(c))?;
        if flag.takes_value {
            return Some((*flag, i + c.len_utf8() < shorts.len()));
        }
    }
    let last = shorts.chars().last()?;
    flags
        .iter()
        .find(|f| f.short == Some(last))
        .map(|f| (*f, false))
}

fn parse(args: &[String]) -> Parsed {
    let mut parsed = Parsed {
        command: None,
        positional: Vec::new(),
        namespace: Some("default".to_string()),
        pending: None,
    };
    let mut flags: Vec<Flag> = kubectl::args::GLOBAL.to_vec();
    let mut i = 0;
    while i < args.len() {
        let word = &args[i];
        i += 1;
        if word == "--" {
            parsed.pending = None;
            continue;
        }
        if word.starts_with('-') && word != "-" {
            let Some((flag, inline)) = flag_of(word, &flags) else {
                continue;
            };
            let value = if !flag.takes_value {
                None
            } else if inline {
                let v = match word.strip_prefix("--") {
                    Some(body) => body.split_once('=').map_or("", |(_, v)| v),
                    None => word
                        .char_indices()
                        .find(|(_, c)| flag.short == Some(*c))
                        .map_or("", |(at, c)| &word[at + c.len_utf8()..]),
                };
                Some(v.trim_start_matches('=').to_string())
            } else if let Some(v) = args.get(i) {
                i += 1;
                Some(v.clone())
            } else {
                parsed.pending = Some(flag);
                None
            };
            match flag.long {
                "namespace" => parsed.namespace = value,
                "all-namespaces" => parsed.namespace = None,
                _ => {}
            }
            continue;
        }
        if parsed.command.is_none() {
            parsed.command = Some(word.clone());
            flags.extend(kubectl::flags(word));
        } else {
            parsed.positional.push(word.clone());
        }
    }
    parsed
}

/// Completion of a word after `kubectl` (`args` are the words between).
fn kubectl_words(term: &Terminal, args: &[String], word: &str) -> Vec<String> {
    let parsed = parse(args);
    if let Some(flag) = parsed.pending {
        return flag_values(term, parsed.command.as_deref(), flag, word);
    }
    let command_flags = || {
        let mut flags = kubectl::args::GLOBAL.to_vec();
        if let Some(command) = &parsed.command {
            flags.extend(kubectl::flags(command));
        }
        flags
    };
    if let Some(body) = word.strip_prefix("--")
        && let Some((name, _)) = body.split_once('=')
    {
        let prefix = format!("--{name}=");
        return match command_flags().into_iter().find(|f| f.long == name) {
            Some(flag) if flag.takes_value => {
                flag_values(term, parsed.command.as_deref(), flag, &word[prefix.len()..])
                    .into_iter()
                    .map(|v| format!("{prefix}{v}"))
                    .collect()
            }
            _ => Vec::new(),
        };
    }
    if word.starts_with('-') {
        let long_only = word.starts_with("--");
        let mut out = Vec::new();
        for flag in command_flags() {
            out.push(format!("--{}", flag.long));
            if let Some(c) = flag.short
                && !long_only
            {
                out.push(format!("-{c}"));
            }
        }
        return out;
    }
    let Some(command) = parsed.command.as_deref() else {
        return kubectl::COMMANDS
            .iter()
            .map(|(name, _)| name.to_string())
            .collect();
    };
    let namespace = parsed.namespace.as_deref();
    let positional = &parsed.positional;
    match command {
        "get" | "describe" | "delete" | "label" | "annotate" => {
            objects_or_types(term, positional, word, namespace, command == "get")
        }
        "explain" if positional.is_empty() => type_names(word),
        "scale" => objects_or_types(term, positional, word, namespace, false),
        "rollout" => match positional.split_first() {
            None => strings(&kubectl::rollout::SIMULATED),
            Some((_, rest)) => objects_or_types(term, rest, word, namespace, false),
        },
        "taint" => match positional.first().map(String::as_str) {
            None if word.contains('/') => {
                let (kind, _) = word.split_once('/').unwrap_or((word, ""));
                match node_target(word) {
                    Some(_) => named(term, kind, None),
                    None => Vec::new(),
                }
            }
            None => strings(&["nodes"]),
            Some(first) => match node_target(first) {
                Some(NodeTarget::Type) if positional.len() == 1 => node_names(term),
                Some(NodeTarget::Type) => taint_removals(term, positional.get(1)),
                Some(NodeTarget::Named(node)) => taint_removals(term, Some(&node.to_string())),
                None => Vec::new(),
            },
        },
        "cordon" | "uncordon" | "drain" => node_names(term)
            .into_iter()
            .filter(|n| !positional.contains(n))
            .collect(),
        "create" if positional.is_empty() => strings(&kubectl::create::GENERATORS),
        "help" if positional.is_empty() => kubectl::COMMANDS
            .iter()
            .map(|(name, _)| name.to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// What the first word after `kubectl taint` names.
enum NodeTarget<'a> {
    /// `nodes` (or `node`, `no`): node names follow.
    Type,
    /// `node/NAME`.
    Named(&'a str),
}

fn node_target(word: &str) -> Option<NodeTarget<'_>> {
    let is_nodes = |w: &str| resource::resolve(w).is_some_and(|r| r.kind == "Node");
    match word.split_once('/') {
        Some((kind, name)) if is_nodes(kind) => Some(NodeTarget::Named(name)),
        None if is_nodes(word) => Some(NodeTarget::Type),
        _ => None,
    }
}

/// The taints of `node` as `kubectl taint` removes them (`KEY:EFFECT-`), so Tab
/// finishes the tutorial's `node-role.kubernetes.io/master:NoSchedule-`.
fn taint_removals(term: &Terminal, node: Option<&String>) -> Vec<String> {
    let Some(node) = node.and_then(|n| term.cluster().node(n)) else {
        return Vec::new();
    };
    node.spec
        .taints
        .iter()
        .map(|t| format!("{}:{}-", t.key, t.effect.as_str()))
        .collect()
}

/// Resource types as kubectl's completion lists them: plural names. A word that
/// already names a type (a short name such as `no`, the singular, the kind) also
/// completes to that type's plural, so `no` becomes `nodes`.
fn type_names(word: &str) -> Vec<String> {
    let mut out: Vec<String> = resource::RESOURCES
        .iter()
        .filter(|r| r.plural.starts_with(word))
        .map(|r| r.plural.to_string())
        .collect();
    if let Some(r) = resource::resolve(word)
        && !word.contains('.')
    {
        // The exact name wins over longer plurals it is a prefix of (`po` is
        // pods, not poddisruptionbudgets).
        out = vec![r.plural.to_string()];
    }
    out
}

/// Whether `candidate` is `word` with its last type (after any `,`) written as the
/// plural: `ds` → `daemonsets`, `pods,no` → `pods,nodes` (see [`type_names`]).
fn expands(word: &str, candidate: &str) -> bool {
    let at = word.rfind(',').map_or(0, |i| i + 1);
    let (head, last) = word.split_at(at);
    candidate.strip_prefix(head).is_some_and(|rest| {
        !last.contains(['.', '/']) && resource::resolve(last).is_some_and(|r| r.plural == rest)
    })
}

/// After `get`, `describe`, `delete`...: resource types first (comma lists and
/// `TYPE/NAME` too), then names of the type given.
fn objects_or_types(
    term: &Terminal,
    positional: &[String],
    word: &str,
    namespace: Option<&str>,
    with_all: bool,
) -> Vec<String> {
    if word.contains('/') {
        let (kind, _) = word.split_once('/').unwrap_or((word, ""));
        return named(term, kind, namespace);
    }
    match positional.first() {
        None => {
            // `pods,no`: complete the last type of the list.
            let (head, last) = match word.rfind(',') {
                Some(i) => word.split_at(i + 1),
                None => ("", word),
            };
            let mut out = type_names(last);
            if with_all && "all".starts_with(last) {
                out.push("all".to_string());
            }
            out.into_iter().map(|t| format!("{head}{t}")).collect()
        }
        Some(first) if !first.contains(['/', ',']) => {
            let Some(r) = resource::resolve(first) else {
                return Vec::new();
            };
            objects::list(term.cluster(), r, namespace)
                .iter()
                .map(|o| o.name().to_string())
                .filter(|name| !positional[1..].contains(name))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// `TYPE/NAME` words for the objects of the type `kind` names.
fn named(term: &Terminal, kind: &str, namespace: Option<&str>) -> Vec<String> {
    let Some(r) = resource::resolve(kind) else {
        return Vec::new();
    };
    objects::list(term.cluster(), r, namespace)
        .iter()
        .map(|o| format!("{kind}/{}", o.name()))
        .collect()
}

/// Values a flag takes.
fn flag_values(term: &Terminal, command: Option<&str>, flag: Flag, word: &str) -> Vec<String> {
    match flag.long {
        "namespace" => term.cluster().namespaces().to_vec(),
        "filename" => host_files(term, word, true),
        "output" => match command {
            Some("get") => strings(&["json", "jsonpath=", "name", "wide", "yaml"]),
            Some("explain") => strings(&["plaintext"]),
            _ => strings(&["json", "name", "yaml"]),
        },
        "dry-run" => strings(&["client", "none", "server"]),
        "cascade" => strings(&["background", "foreground", "orphan"]),
        "restart" => strings(&["Always", "Never", "OnFailure"]),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
