//! The nastiest scenario we could think of, exported and run under dash and bash
//! with stub `docker`, `kind` and `kubectl`: only the stubs may run, and every
//! file must arrive byte for byte.

use super::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use taintlab_core::actions::NodeAction;
use taintlab_core::file_name::{comment_text, unreadable};
use taintlab_core::session::{Input, Session};

/// One stub for the three tools. It logs its name and each argument in
/// brackets, one line a call. For `docker exec -i NODE sh -c 'cat > PATH'` it
/// does what the node's shell would: reads the quoted PATH word (with `eval`, so
/// a word that ends early would run its payload here) and writes its standard
/// input to `$STUB_ROOT/NODE/PATH`.
const STUB: &str = r#"#!/bin/sh
{ printf '%s' "${0##*/}"; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\n'; } >> "$STUB_LOG"
if [ "${0##*/}" = docker ] && [ "$1" = exec ] && [ "$2" = -i ]; then
  node=$3
  [ "$4" = sh ] && [ "$5" = -c ] || exit 3
  case $6 in "cat > "*) ;; *) exit 4 ;; esac
  eval "set -- ${6#cat > }"
  [ $# = 1 ] || exit 5
  case $1 in /etc/kubernetes/manifests/*) ;; *) exit 6 ;; esac
  mkdir -p "$STUB_ROOT/$node/etc/kubernetes/manifests"
  cat > "$STUB_ROOT/$node$1"
fi
"#;

/// Lines that try to run something on the host: each would leave a file in
/// `canary` if it ran. (No `TAINTLAB_EOF` line: that would move the delimiter
/// away from the look-alikes that target it.)
fn payload(canary: &str) -> String {
    format!(
        "touch {canary}/1\n$(touch {canary}/2)\n`touch {canary}/3`\n'; touch {canary}/4; '\n\"; touch {canary}/5; \"\nEOF\n mkdir {canary}/6\n"
    )
}

/// Static pod contents that ended or could end a here-document early.
fn nasty_contents(canary: &str) -> Vec<(&'static str, String)> {
    let p = payload(canary);
    vec![
        ("nul", format!("kind: Pod\nTAINTLAB_\0EOF\n{p}")),
        ("nul-everywhere", format!("\0TAINTLAB_EOF\0\n\0\n{p}\0")),
        // The delimiter moves on to TAINTLAB_EOF2 here; the NUL line targets that.
        ("nul-second", format!("TAINTLAB_EOF\nTAINTLAB_EOF\02\n{p}")),
        ("cr", format!("TAINTLAB_EOF\r\n{}", p.replace('\n', "\r\n"))),
        ("lone-cr", format!("a\rTAINTLAB_EOF\r{p}\r")),
        ("no-newline", format!("{p}touch {canary}/7")),
        ("empty", String::new()),
        ("only-newlines", "\n\n\n".into()),
        (
            "escapes",
            format!("\x1b[2J\x1b]0;title\x07\x08\x7f\u{85}\u{9b}31m{p}\x1b[8m"),
        ),
        (
            "bidi",
            format!("\u{202E}EOF_NIALTNIAT\u{202C}\n\u{2066}x\u{2069}\u{200B}\u{FEFF}\u{2028}{p}"),
        ),
        (
            "unicode",
            // Continuation bytes 0x81..0x88 are dash's internal markers.
            format!("名字: 值\nāĂăĄąĆćĈ ĉ 🦀 e\u{301}\n{p}"),
        ),
        ("backslashes", format!("a\\\nTAINTLAB_EOF\\\n\\{p}\\")),
        ("percent", format!("%s %d %% %b \\0 \\c\n-x\n--\n{p}")),
        ("tabs", format!("\tTAINTLAB_EOF\nTAINTLAB_EOF\t\n\t\t{p}")),
    ]
}

/// File names that try to end a word: all valid in the workspace.
fn nasty_names(canary: &str) -> Vec<String> {
    vec![
        "it's.yaml".into(),
        format!("$(touch {canary}-n1).yaml").replace('/', "_"),
        "`touch x`.yaml".into(),
        "-rf.yaml".into(),
        "--help".into(),
        "a b  c.yaml".into(),
        "\"q\".yaml".into(),
        ";touch x;.yaml".into(),
        "*.yaml".into(),
        "~x.yaml".into(),
        "'$HOME'.yaml".into(),
        "名字 🦀.yaml".into(),
        "x".repeat(100),
        "nul-second.yaml".into(),
    ]
}

/// Names no path may create: control and invisible characters, slashes, dots,
/// more than 100 bytes.
const REFUSED_FILES: [&str; 9] = [
    "a\nb.yaml",
    "tab\t.yaml",
    "nul\0.yaml",
    "cr\r.yaml",
    "bidi\u{202E}lmay.yaml",
    "../x.yaml",
    "dir/x.yaml",
    "..",
    "",
];

/// Node names the API server refuses.
fn refused_nodes(canary: &str) -> Vec<String> {
    vec![
        format!("$(touch {canary}/node)"),
        "a\nb".into(),
        "-x".into(),
        "UPPER".into(),
        "x;y".into(),
        "x".repeat(254),
        String::new(),
    ]
}

/// A text to apply: a privileged pod with a hostPath, a Deployment on the host
/// network, a ConfigMap and annotations full of control characters and payloads.
fn nasty_yaml(canary: &str) -> String {
    let p = payload(canary)
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!(
        r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: nasty
data:
  nul: "TAINTLAB_\0EOF\n{p}"
  controls: "\r\e[2J\x07\x7f\u0085\u202e\u2028"
  lookalike: |
    EOF
    TAINTLAB_EOF
    $(touch {canary}/cm)
  "TAINTLAB_EOF\ntouch {canary}/key": "k"
---
apiVersion: v1
kind: Pod
metadata:
  name: root
  annotations:
    note: "TAINTLAB_\0EOF\n{p}"
    x.io/note: "`touch {canary}/ann` 🦀 名字 \r\n"
spec:
  containers:
  - name: c
    image: busybox
    securityContext:
      privileged: true
      capabilities:
        add: [SYS_ADMIN]
  volumes:
  - name: root
    hostPath:
      path: /
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: host-net
spec:
  replicas: 1
  selector:
    matchLabels: {{app: host-net}}
  template:
    metadata:
      labels: {{app: host-net}}
    spec:
      hostNetwork: true
      hostPID: true
      containers:
      - name: c
        image: busybox
---
apiVersion: v1
kind: Node
metadata:
  name: n-1
  labels:
    disk: ssd
"#
    )
}

/// The scenario, as a share link would bring it: every input recorded in a
/// session, encoded, decoded and replayed as the page replays it; then the same
/// kinds of writes made directly.
fn nasty_scenario(canary: &str) -> Cluster {
    let mut s = Session::default();
    s.record(Input::Apply(nasty_yaml(canary)));
    // A Node the API server refuses: the whole apply changes nothing.
    s.record(Input::Apply(format!(
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: \"$(touch {canary}/apply)\"\n"
    )));
    for node in refused_nodes(canary) {
        s.record(Input::Node {
            node,
            action: NodeAction::Join {
                control_plane: false,
            },
        });
    }
    s.record(Input::Node {
        node: "edge.node-2".into(),
        action: NodeAction::Join {
            control_plane: true,
        },
    });
    for (i, (what, content)) in nasty_contents(canary).into_iter().enumerate() {
        let name = nasty_names(canary)
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("{what}.yaml"));
        s.record(Input::manifest("worker", &name, Some(content)));
    }
    for file in REFUSED_FILES {
        s.record(Input::manifest("worker", file, Some(payload(canary))));
    }
    s.record(Input::Manifest {
        path: "no-such-node/x.yaml".into(),
        content: Some(payload(canary)),
    });
    // The node shell: a manifest with NUL and CR, and one with a refused name.
    s.record(Input::Command {
        line: "ssh master".into(),
        stdin: None,
    });
    s.record(Input::Command {
        line: "cat > /etc/kubernetes/manifests/from-shell.yaml <<EOF".into(),
        stdin: Some(format!(
            "hostNetwork: true\nTAINTLAB_\0EOF\r\n{}",
            payload(canary)
        )),
    });
    s.record(Input::Command {
        line: "cat > '/etc/kubernetes/manifests/tab\there.yaml' <<EOF".into(),
        stdin: Some(payload(canary)),
    });
    s.record(Input::Command {
        line: "exit".into(),
        stdin: None,
    });
    s.record(Input::Node {
        node: "worker".into(),
        action: NodeAction::AddTaintSpec("dedicated=x:NoSchedule".into()),
    });
    s.record(Input::Advance {
        seconds: 1,
        times: 5,
    });
    let text = s.encode();
    let decoded = Session::decode(&text).expect("the session reads back");
    assert_eq!(decoded.log, s.log, "the link keeps every input as it was");
    // As the page and `taintlab link` replay a session.
    let t = crate::Playground::replay(&decoded.log);
    let mut c = t.cluster().clone();
    // Direct API calls: refused names change nothing.
    for file in REFUSED_FILES {
        assert!(!c.write_manifest("master", file, "x"), "{file:?}");
    }
    for node in refused_nodes(canary) {
        assert!(!c.join_node(&node, false), "{node:?}");
        assert!(
            taintlab_core::actions::apply(
                &mut c,
                &node,
                &NodeAction::Join {
                    control_plane: false
                }
            )
            .is_err()
        );
    }
    // Large texts: a readable one with a 1 MiB line and 2,000 delimiter
    // look-alikes, and one that holds every character up to U+07FF and more.
    let mut big = (1..=2000)
        .map(|n| match n {
            1 => "TAINTLAB_EOF\n".to_string(),
            n => format!("TAINTLAB_EOF{n}\n"),
        })
        .collect::<String>();
    big.push_str(&"a".repeat(1 << 20));
    big.push('\n');
    big.push_str(&payload(canary));
    assert!(c.write_manifest("master", "huge-text.yaml", &big));
    let every: String = (0..3)
        .flat_map(|_| {
            (0u32..0x800)
                .chain(0x1F980..0x1F990)
                .filter_map(char::from_u32)
        })
        .chain(payload(canary).chars())
        .collect();
    assert!(c.write_manifest("master", "every-char.yaml", &every));
    let host = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: host\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: busybox\n  volumes:\n  - name: etc\n    hostPath: {path: /etc}\n";
    assert!(c.write_manifest("master", "host.yaml", host));
    c.advance(5);
    c
}

fn write_executable(path: &Path, text: &str) {
    std::fs::write(path, text).expect("writes the stub");
    let status = Command::new("chmod")
        .arg("+x")
        .arg(path)
        .status()
        .expect("chmod runs");
    assert!(status.success());
}

/// Runs `script` with `shell` in `work`, the stubs first on PATH.
fn run(shell: &str, work: &Path, bin: &Path, yes: bool) -> Output {
    let mut command = Command::new(shell);
    command
        .arg(SCRIPT_NAME)
        .current_dir(work)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("STUB_LOG", work.join("stub.log"))
        .env("STUB_ROOT", work.join("nodes"))
        .env_remove("KIND_IMAGE")
        .env_remove(CONFIRM_VAR)
        .stdin(Stdio::null());
    if yes {
        command.env(CONFIRM_VAR, "1");
    }
    command.output().expect("the shell runs")
}

/// The argv of a script command, as the stub logs it: words are bare or
/// single-quoted in these.
fn logged(command: &str) -> String {
    command
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i == 0 {
                w.to_string()
            } else {
                format!("[{}]", w.trim_matches('\''))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn have(shell: &str) -> bool {
    Command::new(shell)
        .arg("-c")
        .arg("true")
        .status()
        .is_ok_and(|s| s.success())
}

/// A temporary directory with the stubs in `bin/` and an empty `canary/`.
struct Sandbox {
    base: PathBuf,
    bin: PathBuf,
    canary: PathBuf,
}

impl Sandbox {
    /// `None` (with a note) when dash or bash is missing.
    fn new(name: &str) -> Option<Sandbox> {
        let missing: Vec<&str> = ["dash", "bash"].into_iter().filter(|s| !have(s)).collect();
        if !missing.is_empty() {
            eprintln!("skipped: no {} here", missing.join(", "));
            return None;
        }
        let base = std::env::temp_dir().join(format!("taintlab-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let (bin, canary) = (base.join("bin"), base.join("canary"));
        std::fs::create_dir_all(&canary).expect("canary dir");
        std::fs::create_dir_all(&bin).expect("bin dir");
        for tool in ["docker", "kind", "kubectl"] {
            write_executable(&bin.join(tool), STUB);
        }
        Some(Sandbox { base, bin, canary })
    }

    fn canary(&self) -> String {
        self.canary.display().to_string()
    }

    /// Runs the export's script under dash and under bash: without
    /// [`CONFIRM_VAR`] and a terminal it must stop before anything (when it
    /// warns), with it it must succeed, run only the stubs, and write every file
    /// byte for byte.
    fn run_checked(&self, e: &Export) {
        let script = e.script();
        assert!(
            script
                .chars()
                .all(|ch| ch == '\n' || ch == '\t' || !unreadable(ch)),
            "the script holds only characters a reader sees"
        );
        for shell in ["dash", "bash"] {
            let work = self.base.join(shell);
            std::fs::create_dir_all(&work).expect("work dir");
            std::fs::write(work.join(SCRIPT_NAME), &script).expect("script written");
            if !e.host_access.is_empty() {
                // No variable, no terminal: it stops before anything.
                let refused = run(shell, &work, &self.bin, false);
                let stderr = String::from_utf8_lossy(&refused.stderr);
                assert_eq!(refused.status.code(), Some(1), "{shell}: {stderr}");
                assert!(
                    stderr.contains(
                        "taintlab: WARNING: this script runs pods that may reach your machine"
                    ) && stderr.contains("set TAINTLAB_YES=1 to run it anyway"),
                    "{shell}: {stderr}"
                );
                for access in &e.host_access {
                    assert!(stderr.contains(&access.what), "{shell}: {stderr}");
                }
                assert!(!work.join("stub.log").exists(), "{shell}: no tool ran");
                assert!(
                    !work.join("taintlab-kind").exists(),
                    "{shell}: nothing written"
                );
            }
            let out = run(shell, &work, &self.bin, true);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{shell}: {:?}\n{stderr}", out.status);
            assert_eq!(
                files_under(&self.canary),
                Vec::<PathBuf>::new(),
                "{shell}: a payload ran"
            );

            // The files, on the machine and as each node received its static pods.
            let manifests = |p: &StaticPod| {
                PathBuf::from(&p.node)
                    .join("etc/kubernetes/manifests")
                    .join(&p.file)
            };
            let dir = work.join("taintlab-kind");
            let mut written = vec![PathBuf::from("kind.yaml")];
            if !e.manifests.is_empty() {
                written.push(PathBuf::from("manifests.yaml"));
            }
            written.extend(
                e.static_pods
                    .iter()
                    .map(|p| PathBuf::from("nodes").join(manifests(p))),
            );
            written.sort();
            assert_eq!(files_under(&dir), written, "{shell}");
            let same = |path: &Path, text: &str| {
                let got = std::fs::read(path).expect("written");
                assert!(
                    got == text.as_bytes(),
                    "{shell}: {} differs ({} bytes, expected {})",
                    path.display(),
                    got.len(),
                    text.len()
                );
            };
            same(&dir.join("kind.yaml"), &e.kind_config);
            if !e.manifests.is_empty() {
                same(&dir.join("manifests.yaml"), &e.manifests);
            }
            let root = work.join("nodes");
            let mut received: Vec<PathBuf> = e.static_pods.iter().map(manifests).collect();
            received.sort();
            assert_eq!(files_under(&root), received, "{shell}");
            for pod in &e.static_pods {
                same(&dir.join("nodes").join(manifests(pod)), &pod.content);
                same(&root.join(manifests(pod)), &pod.content);
            }

            // The tools were called exactly as the script says, and nothing else ran.
            let log = std::fs::read_to_string(work.join("stub.log")).expect("log");
            let mut calls = vec![
                "kind [create] [cluster] [--config] [kind.yaml] [--name] [taintlab] [--wait] [2m]"
                    .to_string(),
            ];
            calls.extend(e.commands.iter().map(|c| logged(c)));
            for pod in &e.static_pods {
                calls.push(format!(
                    "docker [exec] [-i] [{}] [sh] [-c] [cat > {}]",
                    pod.node,
                    sh_quote(&format!("{STATIC_POD_PATH}/{}", pod.file))
                ));
            }
            calls.push(
                "kubectl [wait] [--for=condition=Ready] [nodes] [--all] [--timeout=2m]".into(),
            );
            if !e.manifests.is_empty() {
                calls.push("kubectl [apply] [-f] [manifests.yaml]".into());
            }
            calls.extend(
                e.stopped
                    .iter()
                    .map(|n| format!("docker [exec] [{n}] [systemctl] [stop] [kubelet]")),
            );
            assert_eq!(log.lines().collect::<Vec<_>>(), calls, "{shell}");
        }
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

#[test]
fn the_nastiest_scenario_runs_only_the_stubs_and_writes_every_byte() {
    let Some(sandbox) = Sandbox::new("nasty") else {
        return;
    };
    let canary = sandbox.canary();
    let c = nasty_scenario(&canary);

    // What the replay and the direct calls left: the nasty contents, under the
    // nasty names, and nothing under a refused name.
    let manifests: Vec<(String, String, String)> = c
        .manifests()
        .map(|(n, f, t)| (n.to_string(), f.to_string(), t.to_string()))
        .collect();
    for (_, content) in nasty_contents(&canary) {
        assert!(
            manifests
                .iter()
                .any(|(n, _, t)| n == "worker" && *t == content),
            "{content:?} was written"
        );
    }
    for name in nasty_names(&canary) {
        assert!(manifests.iter().any(|(_, f, _)| *f == name), "{name:?}");
    }
    assert!(
        manifests
            .iter()
            .any(|(n, f, t)| n == "master" && f == "from-shell.yaml" && t.contains('\0'))
    );
    assert!(
        manifests
            .iter()
            .all(|(_, f, _)| taintlab_core::file_name::name_error(f, std::iter::empty()).is_none()),
        "{manifests:?}"
    );
    let nodes: Vec<&str> = c.nodes().map(|n| n.metadata.name.as_str()).collect();
    assert_eq!(nodes, ["edge.node-2", "master", "n-1", "worker"]);

    let e = export(&c);
    // The pods that reach the machine are named at the top.
    let script = e.script();
    let top = script.split("\nset -eu\n").next().unwrap_or_default();
    let master = e
        .nodes
        .iter()
        .find(|(simulated, _)| simulated == "master")
        .map(|(_, kind)| kind.as_str())
        .unwrap_or_default();
    for what in [
        format!(
            "static pod /etc/kubernetes/manifests/from-shell.yaml on {master}: not readable as YAML: check it by hand"
        ),
        format!(
            "static pod /etc/kubernetes/manifests/host.yaml on {master}: hostNetwork, hostPath volume"
        ),
        "Pod root in manifests.yaml: privileged, added capabilities, hostPath volume".into(),
        "Deployment host-net in manifests.yaml: hostNetwork, hostPID".into(),
    ] {
        assert!(top.contains(&what), "{what}\n{top}");
    }
    assert!(e.manifests.contains("TAINTLAB_\\0EOF") || e.manifests.contains('\0'));
    sandbox.run_checked(&e);
}

#[test]
fn many_lines_that_need_printf_run_in_both_shells() {
    let Some(sandbox) = Sandbox::new("many-lines") else {
        return;
    };
    let mut e = export(&Cluster::tutorial());
    // 180,000 short lines that need printf: as one compound command they crash
    // bash (measured at 173,000). Then odd and plain lines in turn: a `cat` for
    // each plain run would take minutes.
    let mut content = "\x01\n".repeat(180_000);
    content.push_str(&format!("\x01\n{}", payload(&sandbox.canary())).repeat(5_000));
    e.static_pods.push(StaticPod {
        node: "taintlab-worker".into(),
        file: "many-lines.yaml".into(),
        content,
    });
    e.stopped.push("taintlab-worker".into());
    sandbox.run_checked(&e);
}

#[test]
fn any_text_is_one_word_and_one_comment_line() {
    let texts = [
        "plain",
        "",
        "it's",
        "'",
        "''\\'",
        "a b\tc",
        "line\nbreak",
        "$(touch /nonexistent/x) `id` ${HOME} $HOME",
        "-rf",
        "\0nul\0",
        "cr\r\x1b[2J\x07\x7f\u{85}\u{9b}",
        "bidi\u{202E}\u{2066}\u{200B}\u{FEFF}\u{2028}",
        "名字 🦀 āĂăĄąĆćĈ e\u{301}",
        "*?[a]~",
    ];
    for shell in ["dash", "bash"] {
        if !have(shell) {
            eprintln!("skipped: no {shell} here");
            continue;
        }
        for text in texts {
            let word = sh_quote(text);
            assert!(
                word.chars().all(|c| c == '\n' || !unreadable(c)),
                "{word:?}"
            );
            let out = Command::new(shell)
                .arg("-c")
                .arg(format!("printf '%s|' {word}"))
                .output()
                .expect("the shell runs");
            let expected = format!("{}|", text.replace('\0', ""));
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                expected,
                "{shell}: {word}"
            );
            let comment = comment_text(text);
            assert!(comment.chars().all(|c| !unreadable(c)), "{comment:?}");
        }
    }
    assert_eq!(comment_text("a\nb\u{202E}"), "a\\u{a}b\\u{202e}");
}

#[test]
fn the_delimiter_is_no_line_and_costs_one_pass() {
    // 20,000 look-alikes in a row: one pass over the lines, one set lookup a try.
    let text: String = (1..=20_000)
        .map(|n| match n {
            1 => "TAINTLAB_EOF\n".to_string(),
            n => format!("TAINTLAB_EOF{n}\n"),
        })
        .collect();
    let end = script::delimiter(&text);
    assert_eq!(end, "TAINTLAB_EOF20001");
    assert!(text.split('\n').all(|l| l != end));
    // A CR makes a different line, for the shell as for the delimiter.
    assert_eq!(script::delimiter("TAINTLAB_EOF\r\n"), "TAINTLAB_EOF");
}
