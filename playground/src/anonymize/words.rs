//! Free text: terminal lines, history, the selection, texts the API server
//! refuses. Rewriting goes word by word: a word that is a known name (or a name
//! made of one, `web-7c5b9d6f84-q4v9s`, `etcd-kind-control-plane`) gets its
//! placeholder, anything else stays, so a command line stays the same command.
//!
//! The first pass also reads kubectl lines for the names they bring that no
//! YAML holds (`kubectl create namespace x`, `kubectl label nodes n team=x`,
//! `kubectl taint … key=value:NoSchedule`, `-n x`, `--image=x`), so those are
//! replaced too.

use super::names::{Cat, Mapping, Namer};

/// Characters that end a word: spaces, quotes, and what shells and selectors
/// put between names (`app=web,tier in (a,b)`, `{.items[0]}`).
fn ends_word(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '=' | ','
                | '"'
                | '\''
                | '('
                | ')'
                | '{'
                | '}'
                | '['
                | ']'
                | ';'
                | '|'
                | '<'
                | '>'
                | '&'
                | '!'
                | '`'
                | '$'
                | '\\'
        )
}

/// Past this length a word is no name (names are at most 253 bytes): only an
/// exact match is tried. With [`DEEPEST`] splits and [`DASHES`] tries, each word
/// costs a bounded number of look-ups, so a crafted text stays linear.
const LONGEST_WORD: usize = 512;
/// How many times a word is split (at `:` or `/`) before it is left as it is.
const DEEPEST: usize = 4;
/// How many dashes a name made of another's is tried at, from each end.
const DASHES: usize = 8;

/// `text` with every word that holds a name replaced.
pub(crate) fn map_text(mapping: &Mapping, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // `kubectl set image deploy/x c=IMAGE`, `--image IMAGE`, `--image=IMAGE`:
    // the word is an image first.
    let sets_image = text.contains("set image");
    let mut previous = "";
    let mut after_equals = false;
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut String, word: &str, previous: &mut &'static str, eq: bool| {
        let image_first = *previous == "--image" || (sets_image && eq);
        out.push_str(&map_word(mapping, word, image_first, 0));
        *previous = if word == "--image" { "--image" } else { "" };
    };
    for (i, c) in text.char_indices() {
        if ends_word(c) {
            if let Some(start) = word_start.take() {
                flush(&mut out, &text[start..i], &mut previous, after_equals);
            }
            out.push(c);
            after_equals = c == '=';
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(start) = word_start {
        flush(&mut out, &text[start..], &mut previous, after_equals);
    }
    out
}

/// One word's placeholder, or the word.
fn map_word(mapping: &Mapping, word: &str, image_first: bool, depth: usize) -> String {
    let exact = |w: &str| -> Option<&str> {
        if image_first {
            mapping.image(w).or_else(|| mapping.name(w))
        } else {
            mapping.name(w).or_else(|| mapping.image(w))
        }
    };
    if let Some(found) = exact(word) {
        return found.to_string();
    }
    if word.len() > LONGEST_WORD || depth > DEEPEST || mapping.kept(word) {
        return word.to_string();
    }
    // `team-` (kubectl label's removal), `key:NoSchedule-` (kubectl taint's).
    if let Some(bare) = word.strip_suffix('-').filter(|b| !b.is_empty()) {
        let mapped = map_word(mapping, bare, image_first, depth + 1);
        if mapped != bare {
            return format!("{mapped}-");
        }
    }
    // `key:NoSchedule`, `value:NoExecute`, `pod/ns/name`.
    if let Some((left, right)) = word.rsplit_once(':')
        && !left.is_empty()
    {
        let (l, r) = (
            map_word(mapping, left, image_first, depth + 1),
            map_word(mapping, right, false, depth + 1),
        );
        if l != left || r != right {
            return format!("{l}:{r}");
        }
    }
    if word.contains('/') {
        let parts: Vec<String> = word
            .split('/')
            .map(|part| map_word(mapping, part, false, depth + 1))
            .collect();
        return parts.join("/");
    }
    derived(mapping, word).unwrap_or_else(|| word.to_string())
}

/// A name made of a known one: a controller's pod (`log-agent-4kq2x`, the
/// owner's placeholder and the same suffix) or a mirror pod (`etcd-kind-worker`).
fn derived(mapping: &Mapping, word: &str) -> Option<String> {
    let dashes: Vec<usize> = word.match_indices('-').map(|(i, _)| i).collect();
    for &at in dashes.iter().rev().take(DASHES) {
        let (owner, rest) = word.split_at(at);
        if mapping.is_owner(owner) {
            return Some(format!("{}{rest}", mapping.name(owner)?));
        }
    }
    for &at in dashes.iter().take(DASHES) {
        let (base, node) = (&word[..at], word.get(at + 1..)?);
        if mapping.is_node(node) {
            let base = mapping.name(base).unwrap_or(base);
            return Some(format!("{base}-{}", mapping.name(node)?));
        }
    }
    None
}

/// kubectl's flags that take a value (`-o wide`): their value is no object.
const VALUE_FLAGS: &[&str] = &[
    "-o",
    "--output",
    "-f",
    "--filename",
    "-c",
    "--container",
    "--replicas",
    "--field-selector",
    "--sort-by",
    "-L",
    "--label-columns",
    "--grace-period",
    "--timeout",
    "--for",
    "--type",
    "-p",
    "--patch",
    "--port",
];

/// Notes the names a terminal line brings (first pass only).
pub(crate) fn collect_line(n: &mut impl Namer, line: &str) {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(['"', '\'']))
        .collect();
    for command in words.split(|w| matches!(*w, "|" | "&&" | "||" | ";")) {
        match command {
            ["ssh", node, ..] => {
                n.name(Cat::Node, node);
            }
            ["kubectl", args @ ..] => kubectl(n, args),
            _ => {}
        }
    }
}

/// A kubectl command's names: its namespace, selector, image, and what its
/// verb makes (`create namespace`, `run`, `label`, `taint`, `set image`).
fn kubectl(n: &mut impl Namer, args: &[&str]) {
    let mut positional = Vec::new();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if arg.starts_with('-') => (flag, Some(value)),
            _ => (*arg, None),
        };
        let takes_value = matches!(flag, "-n" | "--namespace" | "-l" | "--selector" | "--image")
            || VALUE_FLAGS.contains(&flag);
        let value = if !arg.starts_with('-') {
            None
        } else if inline.is_some() {
            inline
        } else if takes_value {
            i += 1;
            args.get(i).copied()
        } else if let Some(ns) = flag.strip_prefix("-n").filter(|ns| !ns.is_empty()) {
            // `-nshop`.
            n.name(Cat::Namespace, ns);
            None
        } else {
            None
        };
        match (flag, value) {
            ("-n" | "--namespace", Some(ns)) => {
                n.name(Cat::Namespace, ns);
            }
            ("-l" | "--selector", Some(selector)) => labels(n, selector),
            ("--image", Some(image)) => {
                n.image(image);
            }
            _ if !arg.starts_with('-') => positional.push(*arg),
            _ => {}
        }
        i += 1;
    }
    match positional.as_slice() {
        ["create", "namespace" | "ns", name, ..] => {
            n.name(Cat::Namespace, name);
        }
        ["create", "deployment" | "deploy", name, ..] => {
            n.name(Cat::Deployment, name);
        }
        ["create", "priorityclass" | "pc", name, ..] => {
            n.name(Cat::PriorityClass, name);
        }
        ["create", "poddisruptionbudget" | "pdb", name, ..] => {
            n.name(Cat::Pdb, name);
        }
        ["run", name, ..] => {
            n.name(Cat::Pod, name);
        }
        ["label" | "annotate", rest @ ..] => {
            for arg in rest.iter().filter(|a| a.contains('=') || a.ends_with('-')) {
                labels(n, arg);
            }
        }
        ["taint", rest @ ..] => {
            for arg in rest.iter().filter(|a| a.contains(':') || a.ends_with('-')) {
                taint(n, arg);
            }
        }
        ["set", "image", _, pairs @ ..] => {
            for (container, image) in pairs.iter().filter_map(|p| p.split_once('=')) {
                n.name(Cat::Container, container);
                n.image(image);
            }
        }
        ["cordon" | "uncordon" | "drain", nodes @ ..] => {
            for node in nodes {
                n.name(Cat::Node, node);
            }
        }
        _ => {}
    }
}

/// `key=value,key!=value,key,key-` (a selector, or kubectl label's arguments).
fn labels(n: &mut impl Namer, text: &str) {
    for part in text.split(',') {
        let part = part.trim().trim_start_matches('!');
        let (key, value) = match part.split_once("!=").or_else(|| part.split_once('=')) {
            Some((key, value)) => (key, Some(value.trim_start_matches('='))),
            None => (part.strip_suffix('-').unwrap_or(part), None),
        };
        n.key(key);
        if let Some(value) = value {
            n.value(key, value);
        }
    }
}

/// `key=value:Effect`, `key:Effect`, with `-` to remove, or `key-`.
fn taint(n: &mut impl Namer, text: &str) {
    let text = text.strip_suffix('-').unwrap_or(text);
    let spec = text.rsplit_once(':').map_or(text, |(spec, _)| spec);
    match spec.split_once('=') {
        Some((key, value)) => {
            n.key(key);
            n.value(key, value);
        }
        None => {
            n.key(spec);
        }
    }
}
