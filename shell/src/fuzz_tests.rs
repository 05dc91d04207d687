//! Fuzz-style tests of the terminal: thousands of random, truncated and malformed
//! command lines and YAML documents from a seeded generator. Nothing may panic, and
//! every command that fails must say something.

use super::*;

use taintlab_core::test_rng::Rng;

const COMMANDS: &[&str] = &[
    "kubectl",
    "k",
    "ssh",
    "docker",
    "sleep",
    "ls",
    "cat",
    "rm",
    "mv",
    "cp",
    "mkdir",
    "rmdir",
    "touch",
    "echo",
    "cd",
    "pwd",
    "systemctl",
    "crictl",
    "hostname",
    "whoami",
    "exit",
    "logout",
    "clear",
    "help",
    "frob",
    "./x",
    "/usr/bin/env",
];

const WORDS: &[&str] = &[
    "exec",
    "-it",
    "bash",
    "sh",
    "worker",
    "master",
    "root@worker",
    "nowhere",
    "get",
    "apply",
    "describe",
    "delete",
    "taint",
    "label",
    "cordon",
    "drain",
    "rollout",
    "scale",
    "explain",
    "pods",
    "po",
    "nodes",
    "node",
    "ds",
    "daemonset",
    "deployment",
    "redis-ds",
    "web-worker",
    "kube-system",
    "default",
    "-n",
    "-A",
    "-o",
    "yaml",
    "json",
    "wide",
    "name",
    "jsonpath={.items[*].metadata.name}",
    "-f",
    "-",
    "--all",
    "-a",
    "-l",
    "-la",
    "-r",
    "-rf",
    "-p",
    "-q",
    "-h",
    "--help",
    "--",
    "--no-trunc",
    "-z",
    "--bogus",
    "stop",
    "start",
    "restart",
    "status",
    "is-active",
    "kubelet",
    "containerd",
    "nginx",
    "ps",
    "pods",
    "images",
    "/",
    "/etc",
    "/etc/kubernetes",
    "/etc/kubernetes/manifests",
    "/etc/kubernetes/manifests/web.yaml",
    "manifests",
    "web.yaml",
    "~",
    "~/x",
    "..",
    ".",
    "/tmp",
    "*",
    "*.yaml",
    "?",
    "0",
    "5",
    "1m",
    "-1",
    "soon",
    "1e99",
    "node-role.kubernetes.io/master:NoSchedule-",
    "key=value:NoSchedule",
    "app=web",
    "'quoted word'",
    "\"double quoted\"",
    "'",
    "\"",
    "\\",
    "|",
    "#",
    ">",
    ">>",
    "<<EOF",
    "<<-EOF",
    "<< 'END'",
    "EOF",
    "> /etc/kubernetes/manifests/w.yaml",
    "> out.txt",
    ">> out.txt",
    "2>",
    "&&",
    ";",
    "$HOME",
    "é",
    "\t",
];

const EXAMPLES: &[&str] = &[
    taintlab_core::TUTORIAL_DAEMONSET,
    taintlab_core::TUTORIAL_DAEMONSET_TOLERATING,
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  containers:\n  - name: nginx\n    image: nginx:alpine\n  tolerations:\n  - operator: Exists\n",
    "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n",
];

fn random_line(rng: &mut Rng) -> String {
    let mut words = vec![rng.pick(COMMANDS).to_string()];
    for _ in 0..rng.below(7) {
        words.push(rng.pick(WORDS).to_string());
    }
    words.join(" ")
}

/// Runs `line`, checking the one promise every command keeps; true if it failed.
fn check(term: &mut Terminal, line: &str, stdin: Option<&str>) -> bool {
    let out = term.run(line, stdin);
    assert!(
        out.code == 0 || !out.text.trim().is_empty(),
        "{line:?} (stdin {stdin:?}) failed with status {} and said nothing",
        out.code
    );
    out.code != 0
}

/// Cuts `text` at every character boundary.
fn prefixes(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices()
        .map(|(i, _)| &text[..i])
        .chain(std::iter::once(text))
}

#[test]
fn random_command_lines_never_panic_and_failures_say_why() {
    let mut rng = Rng(0x5eed_7a17_1ab5);
    let mut term = Terminal::new(Cluster::tutorial());
    let (mut failed, mut on_node) = (0, 0);
    for round in 0..3000 {
        if round % 200 == 0 {
            term = Terminal::new(Cluster::tutorial());
        }
        if round % 8 == 0 {
            let enter = ["ssh worker", "docker exec -it master bash"][rng.below(2)];
            check(&mut term, enter, None);
        }
        let line = random_line(&mut rng);
        let stdin = match rng.below(4) {
            0 => Some(EXAMPLES[rng.below(EXAMPLES.len())]),
            1 => Some("garbage: [\n"),
            _ => None,
        };
        failed += usize::from(check(&mut term, &line, stdin));
        on_node += usize::from(matches!(term.location(), Location::Node(_)));
        // The same line typed only in part.
        let cut = rng.below(line.len() + 1);
        if let Some(prefix) = line.get(..cut) {
            check(&mut term, prefix, None);
        }
    }
    // The generator reaches both shells and plenty of error paths.
    assert!(
        failed > 1000 && on_node > 300,
        "{failed} failures, {on_node} on a node"
    );
}

#[test]
fn random_scripts_run_to_the_end() {
    let mut rng = Rng(42);
    for _ in 0..150 {
        let mut script = String::new();
        for _ in 0..rng.below(12) {
            script.push_str(&random_line(&mut rng));
            script.push('\n');
            if rng.below(5) == 0 {
                script.push_str(EXAMPLES[rng.below(EXAMPLES.len())]);
            }
        }
        let mut term = Terminal::new(Cluster::tutorial());
        let transcript = term.run_script(&script);
        let cut = rng.below(script.len() + 1);
        if let Some(prefix) = script.get(..cut) {
            let _ = Terminal::new(Cluster::tutorial()).run_script(prefix);
        }
        // Every command line shows up after a prompt.
        let commands = script
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#'))
            .count();
        assert!(commands == 0 || transcript.contains("$ ") || transcript.contains("# "));
    }
}

#[test]
fn truncated_yaml_is_applied_and_written_as_a_manifest_at_every_byte() {
    for example in EXAMPLES {
        let mut host = Terminal::new(Cluster::tutorial());
        let mut node = Terminal::new(Cluster::tutorial());
        node.run("ssh worker", None);
        for prefix in prefixes(example) {
            check(&mut host, "kubectl apply -f -", Some(prefix));
            let _ = check(
                &mut node,
                "cat > /etc/kubernetes/manifests/cut.yaml <<EOF",
                Some(prefix),
            );
        }
        // Every YAML line typed as a command, on the host and on the node.
        for line in example.lines() {
            check(&mut host, line, None);
            check(&mut node, line, None);
        }
        assert!(!check(&mut node, "crictl ps -a", None));
        assert!(!check(&mut node, "crictl pods", None));
    }
}
