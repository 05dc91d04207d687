//! The single shell script that writes the files and runs kind and kubectl.
//!
//! The script is run by people who did not write the scenario (a share link is
//! text from a stranger), often as root, so no byte of the scenario may end a
//! here-document, a quoted word or a comment early. Each file's bytes reach the
//! script in one of two forms, chosen per run of lines:
//!
//! - **A here-document** with a quoted delimiter (`cat > kind.yaml <<'TAINTLAB_EOF'`)
//!   for text a person can read: no control character but tab and newline (so no
//!   NUL, CR, escape, DEL or C1 control), no invisible formatting character
//!   (bidirectional overrides, zero-width spaces: [`unreadable`]), and empty or
//!   ending in a newline. A shell reads such a body without changing a byte: the
//!   quoted delimiter turns off expansion and backslash-newline joining, `<<` (not
//!   `<<-`) strips no tab, and the NUL bytes that dash and bash drop while reading
//!   (the attack that made `TAINTLAB_<NUL>EOF` end the body early) cannot be there.
//!   So the lines the shell sees are exactly the text's lines split at `\n`, and
//!   [`delimiter`] picks a word that is none of them.
//! - **`printf` with octal escapes** for the other lines: each format holds
//!   printable ASCII only, writes `'`, `\`, `%` and a leading `-` as escapes, and
//!   every other byte as `\ooo`. Such a file is emptied, then its readable runs
//!   of lines are appended as here-documents (so one odd character does not hide
//!   a whole manifest from the reader; the [`MAX_HEREDOCS`] longest runs, as each
//!   costs a `cat` process) and its other lines as `{ printf ...; } >> FILE`
//!   blocks of at most [`PRINTF_BLOCK`] lines: a shell parses a compound command
//!   whole, and a huge one crashes dash and bash. `printf` is built into dash and
//!   bash, so nothing outside the shell is needed (`base64 -d` would be: its options
//!   differ between GNU, BusyBox and older macOS), and it writes every byte, NUL
//!   included, so the file arrives exactly as the scenario holds it.
//!
//! Every file is written on the user's machine first, under `./taintlab-kind/`
//! (static pods under `nodes/NODE/etc/kubernetes/manifests/`, as in the
//! workspace archive); `docker exec -i NODE sh -c 'cat > PATH' < FILE` copies a
//! static pod into its node once kind has made it.
//!
//! Words are single-quoted ([`sh_quote`]): nothing but `'` ends such a word, and it
//! is written as `'\''`. Comments show unreadable characters as `\u{...}`
//! ([`comment_text`]), so a name cannot end a comment line. Together: the script
//! holds no control character but tab and newline and no invisible character,
//! whatever the scenario holds, so what a careful user reads is what runs.

use super::{CLUSTER, Export, HostAccess, SCRIPT_NAME, StaticPod};
use std::collections::HashSet;
use std::fmt::Write as _;
use taintlab_core::cluster::STATIC_POD_PATH;
use taintlab_core::file_name::{comment_text, unreadable};

/// The variable that answers the script's question about pods that reach the machine.
pub const CONFIRM_VAR: &str = "TAINTLAB_YES";

/// Whether `c` may stand as it is in a here-document body.
fn body_char(c: char) -> bool {
    c == '\t' || c == '\n' || !unreadable(c)
}

/// `s` as one shell word: bare when it is plain, else single-quoted. A character
/// a reader cannot see (see [`unreadable`]; names are validated where they enter,
/// so this is a second line of defence) is spliced in as `"$(printf '\ooo')"`,
/// except a newline, which single quotes keep as it is. A NUL cannot be part of a
/// command's argument and is left out.
pub fn sh_quote(s: &str) -> String {
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"-_./=:,@%+".contains(&b);
    if !s.is_empty() && s.bytes().all(plain) {
        return s.to_string();
    }
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("'\\''"),
            '\0' => {}
            '\n' => out.push('\n'),
            c if unreadable(c) => {
                out.push_str("'\"$(printf '");
                let mut utf8 = [0u8; 4];
                for b in c.encode_utf8(&mut utf8).bytes() {
                    push_octal(&mut out, b);
                }
                out.push_str("')\"'");
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A here-document delimiter that is no line of `text` (lines split at `\n`
/// only, as the shell splits them). Linear in the text: the lines that could
/// collide are collected once.
pub(super) fn delimiter(text: &str) -> String {
    const WORD: &str = "TAINTLAB_EOF";
    let taken: HashSet<&str> = text.split('\n').filter(|l| l.starts_with(WORD)).collect();
    let mut word = WORD.to_string();
    let mut n: usize = 1;
    // At most `taken.len() + 1` rounds: each taken line rules out one word.
    while taken.contains(word.as_str()) {
        n = n.saturating_add(1);
        word = format!("{WORD}{n}");
    }
    word
}

/// Whether a line (with its `\n`) may stand in a here-document.
fn readable_line(line: &str) -> bool {
    line.ends_with('\n') && line.chars().all(body_char)
}

/// `text` cut into runs of whole lines, each readable (`true`) or not, in order.
fn runs(text: &str) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let readable = readable_line(line);
        if let Some(previous) = current
            && previous != readable
        {
            out.push((previous, &text[start..at]));
            start = at;
        }
        current = Some(readable);
        at += line.len();
    }
    if let Some(readable) = current {
        out.push((readable, &text[start..]));
    }
    out
}

/// `\ooo` for one byte.
fn push_octal(out: &mut String, b: u8) {
    out.push('\\');
    for shift in [6, 3, 0] {
        out.push(char::from(b'0' + ((b >> shift) & 7)));
    }
}

/// Source bytes per `printf` line at most. A line ends early after the last
/// newline that fits, so short lines share one and a line break stays at a
/// line's end where it can.
const PRINTF_CHUNK: usize = 64;

/// `printf` lines per `{ ... } >> FILE` block. A shell parses a compound command
/// whole before it runs it, and dash and bash crash on one of a few hundred
/// thousand lines (measured: bash at 173,000 `printf`s in one group), so no block
/// grows with the text.
const PRINTF_BLOCK: usize = 256;

/// Blocks of `printf` commands that append `text`, byte for byte, to `path` (a
/// shell word).
fn printf_blocks(path: &str, text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len() * 2);
    let (mut start, mut in_block) = (0, 0);
    while start < bytes.len() {
        let limit = (start + PRINTF_CHUNK).min(bytes.len());
        let end = match bytes[start..limit].iter().rposition(|b| *b == b'\n') {
            Some(at) if limit < bytes.len() => start + at + 1,
            _ => limit,
        };
        if in_block == 0 {
            out.push_str("{\n");
        }
        out.push_str("printf '");
        for (i, &b) in bytes[start..end].iter().enumerate() {
            let literal = (b' '..=b'~').contains(&b)
                && !matches!(b, b'\'' | b'\\' | b'%')
                && !(i == 0 && b == b'-');
            if literal {
                out.push(char::from(b));
            } else {
                push_octal(&mut out, b);
            }
        }
        out.push_str("'\n");
        in_block += 1;
        if in_block == PRINTF_BLOCK {
            let _ = writeln!(out, "}} >> {path}");
            in_block = 0;
        }
        start = end;
    }
    if in_block > 0 {
        let _ = writeln!(out, "}} >> {path}");
    }
    out
}

/// `cat` writing (`>`) or appending (`>>`) a readable here-document to `path`.
fn heredoc(redirect: &str, path: &str, text: &str) -> String {
    let end = delimiter(text);
    format!("cat {redirect} {path} <<'{end}'\n{text}{end}\n")
}

/// Commands that write `text` into the file `path` (a shell word) on the user's
/// machine: one readable here-document when the whole text allows, else the
/// file emptied, then its readable runs of lines appended as here-documents and
/// its other lines as blocks of `printf`s. Every command is small and runs on
/// its own, however large the text.
pub(super) fn write_file(path: &str, text: &str) -> String {
    let runs = runs(text);
    match runs.as_slice() {
        [] => heredoc(">", path, ""),
        [(true, text)] => heredoc(">", path, text),
        _ => {
            let mut s = format!(
                "# (lines holding characters a here-document cannot carry are written with printf)\n: > {path}\n"
            );
            let kept = heredoc_runs(&runs);
            let mut pending = String::new();
            for (i, (readable, run)) in runs.iter().enumerate() {
                if *readable && kept.contains(&i) {
                    s.push_str(&printf_blocks(path, &pending));
                    pending.clear();
                    s.push_str(&heredoc(">>", path, run));
                } else {
                    pending.push_str(run);
                }
            }
            s.push_str(&printf_blocks(path, &pending));
            s
        }
    }
}

/// Here-documents in one file at most: each runs `cat`, a new process, while
/// `printf` is built in, so a text that alternates odd and plain lines must not
/// cost a process a line.
const MAX_HEREDOCS: usize = 32;

/// Which readable runs stay here-documents: the [`MAX_HEREDOCS`] longest
/// (earlier first among equals). Linear: a selection, not a sort.
fn heredoc_runs(runs: &[(bool, &str)]) -> std::collections::BTreeSet<usize> {
    let mut readable: Vec<(usize, usize)> = runs
        .iter()
        .enumerate()
        .filter(|(_, (r, _))| *r)
        .map(|(i, (_, run))| (i, run.len()))
        .collect();
    if readable.len() > MAX_HEREDOCS {
        // The longest first, then the earliest: `MAX_HEREDOCS` of them stay.
        readable.select_nth_unstable_by_key(MAX_HEREDOCS, |&(i, len)| (std::cmp::Reverse(len), i));
        readable.truncate(MAX_HEREDOCS);
    }
    readable.into_iter().map(|(i, _)| i).collect()
}

/// Where the script keeps a static pod manifest before it copies it into its
/// node: the layout of the workspace archive (`crate::bundle::Bundle`).
fn local_copy(pod: &StaticPod) -> String {
    format!("nodes/{}{STATIC_POD_PATH}/{}", pod.node, pod.file)
}

/// One pod for the warning: what it is and what it asks for.
fn access_line(access: &HostAccess) -> String {
    comment_text(&format!("{}: {}", access.what, access.how.join(", ")))
}

/// The comment block at the top of the script that names the pods reaching the
/// machine.
fn warning_comment(pods: &[HostAccess]) -> String {
    let mut s = String::from(
        "#
# WARNING: this scenario runs pods that may reach your machine. kind nodes are
# privileged containers on it, so a pod that is privileged, adds capabilities,
# mounts a hostPath or shares the node's network, PID or IPC namespace can read
# and change your machine's files, processes and network. Read these before you
# run the script:
",
    );
    for pod in pods {
        let _ = writeln!(s, "#   {}", access_line(pod));
    }
    let _ = writeln!(
        s,
        "# The script names them again and asks before it changes anything; with
# {CONFIRM_VAR}=1 it goes on without asking. Without a terminal to ask on and
# without {CONFIRM_VAR}=1, it stops.
#"
    );
    s
}

/// The shell code that prints the warning and asks (before anything is written).
fn warning_prompt(pods: &[HostAccess]) -> String {
    let mut lines = vec![
        "taintlab: WARNING: this script runs pods that may reach your machine through the kind nodes:".to_string(),
    ];
    lines.extend(pods.iter().map(|p| format!("  {}", access_line(p))));
    lines.push(format!(
        "taintlab: they are listed at the top of {SCRIPT_NAME}; read them before you go on."
    ));
    let mut s = String::from(
        "\n# Pods that may reach this machine: say so, and ask first.\nprintf '%s\\n' >&2",
    );
    for line in &lines {
        s.push_str(" \\\n  ");
        s.push_str(&sh_quote(line));
    }
    let _ = write!(
        s,
        "
if [ \"${{{CONFIRM_VAR}:-}}\" != 1 ]; then
  if [ -t 0 ]; then
    printf 'taintlab: run them? [y/N] ' >&2
    answer=
    read -r answer || answer=
    case $answer in
      y | Y | yes | Yes | YES) ;;
      *) echo 'taintlab: stopped; nothing was changed' >&2; exit 1 ;;
    esac
  else
    echo 'taintlab: stopped; nothing was changed: there is no terminal to ask on (set {CONFIRM_VAR}=1 to run it anyway)' >&2
    exit 1
  fi
fi
"
    );
    s
}

impl Export {
    /// The single script that writes `kind.yaml` and `manifests.yaml` into
    /// `./taintlab-kind/` and builds the cluster. Runs in any POSIX shell.
    pub fn script(&self) -> String {
        let mut s = String::from("#!/bin/sh\n");
        if !self.host_access.is_empty() {
            s.push_str(&warning_comment(&self.host_access));
        }
        let v = self.version;
        s.push_str(&format!(
            "# A taintlab scenario, rebuilt on a real cluster made with kind
# (https://kind.sigs.k8s.io). Needs docker, kind (v0.20 or newer, for
# nodes[].labels) and kubectl. Run it with `sh {SCRIPT_NAME}`: it writes
# kind.yaml, manifests.yaml and the static pod manifests (under
# nodes/NODE{STATIC_POD_PATH}/) into ./taintlab-kind/, creates the kind
# cluster \"{CLUSTER}\" and sets it up as the simulation left it;
# `kind delete cluster --name {CLUSTER}` removes it.
#
# The simulation ran Kubernetes {v}. kind boots its default node image unless
# KIND_IMAGE names another, such as a kindest/node image of {v} from the
# release notes of your kind version:
#   KIND_IMAGE=kindest/node:<tag> sh {SCRIPT_NAME}
#
# This rebuilds where the simulation ended, not how it got there: node taints
# are in place before anything is applied (a pod placed before a taint was
# added may land elsewhere), the clock starts anew, and the nodes have the
# capacity of the machine kind runs on.
#
# Simulated node -> kind node:
",
        ));
        for (simulated, kind) in &self.nodes {
            let _ = writeln!(s, "#   {} -> {kind}", comment_text(simulated));
        }
        if let Some(extra) = &self.extra_control_plane {
            s.push_str(&format!(
                "#   (none) -> {extra}: kind needs a control plane; kubeadm taints it NoSchedule\n"
            ));
        }
        if !self.renamed.is_empty() {
            s.push_str(&format!(
                "# Node names in the pod specs of {} are the kind names.\n",
                comment_text(&self.renamed.join(", "))
            ));
        }
        s.push_str("\nset -eu\n");
        if !self.host_access.is_empty() {
            s.push_str(&warning_prompt(&self.host_access));
        }
        s.push_str("\nmkdir -p taintlab-kind\ncd taintlab-kind\n\n");
        s.push_str(&write_file("kind.yaml", &self.kind_config));
        if !self.manifests.is_empty() {
            s.push_str(&write_file("manifests.yaml", &self.manifests));
        }
        if !self.static_pods.is_empty() {
            s.push_str("\n# Static pod manifests, copied into the nodes once they run.\n");
            let mut made: Vec<&str> = Vec::new();
            for pod in &self.static_pods {
                if !made.contains(&pod.node.as_str()) {
                    let _ = writeln!(
                        s,
                        "mkdir -p {}",
                        sh_quote(&format!("nodes/{}{STATIC_POD_PATH}", pod.node))
                    );
                    made.push(&pod.node);
                }
                s.push_str(&write_file(&sh_quote(&local_copy(pod)), &pod.content));
            }
        }
        s.push_str(&format!(
            "\nkind create cluster --config kind.yaml --name {CLUSTER} --wait 2m ${{KIND_IMAGE:+--image \"$KIND_IMAGE\"}}\n"
        ));
        if !self.commands.is_empty() {
            s.push_str(
                "\n# What kind.yaml cannot say: kubeadm's own labels and taints, cordons.\n",
            );
            for c in &self.commands {
                s.push_str(c);
                s.push('\n');
            }
        }
        if !self.static_pods.is_empty() {
            s.push_str("\n# Static pods, where each node's kubelet reads them.\n");
            for pod in &self.static_pods {
                let path = format!("{STATIC_POD_PATH}/{}", pod.file);
                let inner = format!("cat > {}", sh_quote(&path));
                let _ = writeln!(
                    s,
                    "docker exec -i {} sh -c {} < {}",
                    sh_quote(&pod.node),
                    sh_quote(&inner),
                    sh_quote(&local_copy(pod))
                );
            }
        }
        s.push_str("\nkubectl wait --for=condition=Ready nodes --all --timeout=2m\n");
        if !self.manifests.is_empty() {
            s.push_str("kubectl apply -f manifests.yaml\n");
        }
        if !self.stopped.is_empty() {
            s.push_str("\n# Kubelets stopped in the simulation (the nodes go NotReady in about a minute).\n");
            for node in &self.stopped {
                s.push_str(&format!(
                    "docker exec {} systemctl stop kubelet\n",
                    sh_quote(node)
                ));
            }
        }
        s.push_str(&format!(
            "\necho \"taintlab: cluster {CLUSTER} is ready (kubectl get nodes,pods -o wide)\"\n"
        ));
        s
    }
}
