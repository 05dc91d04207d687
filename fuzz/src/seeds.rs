//! `taintlab-fuzz seed`: writes the seed corpus from what the repository already
//! holds: the examples, the golden transcripts and their YAML, the test fixtures,
//! the lessons and the snippets. Sessions are made by typing the scripts into the
//! terminal as the page would. The files are committed; running this again
//! rewrites the `seed-*` files and leaves the others (regressions) alone.

use crate::corpus;
use crate::rng::Rng;
use crate::targets::session_of_script;
use std::path::{Path, PathBuf};
use taintlab_core::session::{Input, Session};
use taintlab_playground::lessons::{self, Hint};
use taintlab_playground::snippets::SNIPPETS;
use taintlab_shell::Terminal;

/// Seeds per target: file name and content.
type Seeds = Vec<(String, String)>;

/// Writes every target's seeds; returns how many files were written.
pub fn write() -> Result<usize, String> {
    let repo = corpus::root().join("..");
    let scripts = scripts(&repo)?;
    let mut yaml: Seeds = Vec::new();
    for file in files(&repo.join("static/examples"), "yaml")?
        .into_iter()
        .chain(files(&repo.join("tests/transcripts"), "yaml")?)
    {
        yaml.push((name("file", &repo, &file), read(&file)?));
    }
    for (script_name, script) in &scripts {
        for (i, body) in heredocs(script).into_iter().enumerate() {
            yaml.push((format!("{script_name}-heredoc{i}.yaml"), body));
        }
    }
    for lesson in lessons::all() {
        if !lesson.setup.is_empty() {
            yaml.push((
                format!("lesson-{}-setup.yaml", lesson.id),
                lesson.setup.clone(),
            ));
        }
        for (i, step) in lesson.steps.iter().enumerate() {
            if let Hint::Yaml(text) = &step.hint {
                yaml.push((format!("lesson-{}-step{i}.yaml", lesson.id), text.clone()));
            }
        }
    }
    for snippet in SNIPPETS {
        yaml.push((format!("snippet-{}.yaml", snippet.id), snippet.yaml.into()));
    }
    yaml.push(("json-pod.json".into(), JSON_POD.into()));

    let mut shell: Seeds = scripts.clone();
    for lesson in lessons::all() {
        let mut script = String::new();
        for step in &lesson.steps {
            for (line, body) in step.hint.commands() {
                script.push_str(&line);
                script.push('\n');
                if let Some(body) = body {
                    script.push_str(&body);
                    script.push_str("EOF\n");
                }
            }
        }
        shell.push((format!("lesson-{}.sh", lesson.id), script));
    }
    let node: Seeds = shell
        .iter()
        .filter(|(_, s)| s.contains("ssh ") || s.contains("/etc/kubernetes"))
        .map(|(n, s)| {
            (
                n.clone(),
                s.replace("ssh worker\n", "").replace("\nexit\n", "\n"),
            )
        })
        .chain(
            NODE_SCRIPTS
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("node-{i}.sh"), s.to_string())),
        )
        .collect();

    let sessions: Vec<(String, Session)> = shell
        .iter()
        .map(|(n, s)| (n.replace(".sh", ".session"), session_of_script(s)))
        .chain(lessons::all().iter().map(|l| {
            let mut session = Session::default();
            for input in l.start_inputs() {
                session.record(input);
            }
            (format!("lesson-{}-start.session", l.id), session)
        }))
        .collect();
    let session_text: Seeds = sessions
        .iter()
        .map(|(n, s)| (n.clone(), s.encode()))
        .collect();
    let links: Seeds = sessions
        .iter()
        .map(|(n, s)| {
            (
                n.replace(".session", ".link"),
                taintlab_playground::link::fragment(s),
            )
        })
        .collect();
    let mut rng = Rng::new(0x5eed);
    let structured: Seeds = (0..16)
        .map(|i| {
            let bytes = rng.bytes(256 << (i % 4));
            // Kept as text so the corpus stays diffable: the target reads bytes, and
            // the hex digits are bytes like any other.
            (format!("random-{i:02}.bin"), hex(&bytes))
        })
        .collect();

    let fixtures = repo.join("core/tests/fixtures");
    let mut kind: Seeds = vec![
        ("kind-1.24.yaml".into(), KIND_1_24.into()),
        ("kind-ha.yaml".into(), KIND_HA.into()),
        ("kind-untainted.yaml".into(), KIND_PATCHED.into()),
    ];
    for file in files(&repo.join("tests/transcripts"), "yaml")? {
        let text = read(&file)?;
        if text.contains("kind: Cluster") || text.contains("kind: Node") {
            kind.push((name("file", &repo, &file), text));
        }
    }
    let mut import: Seeds = Vec::new();
    for file in files(&fixtures, "yaml")? {
        kind.push((name("file", &repo, &file), read(&file)?));
        import.push((name("file", &repo, &file), read(&file)?));
    }
    import.push(("node-list.json".into(), NODE_LIST_JSON.into()));
    // Sessions of imports (a whole state and nodes), then a few lines naming
    // what they imported: what the anonymizer is for.
    let mut imported: Seeds = session_text.clone();
    for (file, text) in &import {
        let Ok(found) = taintlab_playground::import::nodes(text) else {
            continue;
        };
        let mut session = Session::default();
        for input in found.inputs() {
            session.record(input);
        }
        for node in found.nodes.iter().take(2) {
            session.record(Input::Command {
                line: format!("kubectl taint nodes {node} team=a:NoSchedule"),
                stdin: None,
            });
            session.history.push(format!("kubectl cordon {node}"));
        }
        let stem = file.trim_end_matches(".yaml").trim_end_matches(".json");
        imported.push((format!("{stem}.session"), session.encode()));
    }

    let mut written = 0;
    for (target, seeds) in [
        ("apply", &yaml),
        ("editor", &yaml),
        ("terminal", &shell),
        ("node-shell", &node),
        ("session-text", &session_text),
        ("link", &links),
        ("session", &structured),
        ("kind-config", &kind),
        ("import", &import),
        ("anonymize", &imported),
    ] {
        let dir = corpus::dir(target);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        // Old seeds go; regressions (files not named seed-*) stay.
        for (old, _) in corpus::load(&dir) {
            if old.starts_with("seed-") {
                let _ = std::fs::remove_file(dir.join(old));
            }
        }
        for (file, text) in seeds.iter() {
            let path = dir.join(format!("seed-{file}"));
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            written += 1;
        }
    }
    Ok(written)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Files ending in `.ext` under `dir`, sorted.
fn files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path, ext)?);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// A seed's file name from its path in the repository.
fn name(prefix: &str, repo: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(repo).unwrap_or(path);
    format!("{prefix}-{}", relative.to_string_lossy().replace('/', "-"))
}

/// The transcripts' scripts.
fn scripts(repo: &Path) -> Result<Seeds, String> {
    files(&repo.join("tests/transcripts"), "sh")?
        .into_iter()
        .map(|p| Ok((name("transcript", repo, &p), read(&p)?)))
        .collect()
}

/// The here-document bodies of a script.
fn heredocs(script: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    let mut lines = script.lines();
    while let Some(line) = lines.next() {
        if let Some(doc) = Terminal::heredoc(line) {
            bodies.push(doc.read_body(lines.by_ref(), |_| {}));
        }
    }
    bodies
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const JSON_POD: &str = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}],"tolerations":[{"key":"node-role.kubernetes.io/master","operator":"Exists","effect":"NoSchedule"}]}}
"#;

const KIND_1_24: &str = "kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  image: kindest/node:v1.24.7
- role: worker
  image: kindest/node:v1.24.7
";

const KIND_HA: &str = "kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
name: ha
featureGates:
  TaintTolerationComparisonOperators: true
nodes:
- role: control-plane
  image: kindest/node:v1.35.0
- role: control-plane
- role: worker
  labels:
    zone: a
- role: worker
  labels:
    zone: b
";

const KIND_PATCHED: &str = "kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  kubeadmConfigPatches:
  - |
    kind: InitConfiguration
    nodeRegistration:
      taints: []
- role: worker
  kubeadmConfigPatches:
  - |
    kind: JoinConfiguration
    nodeRegistration:
      taints:
      - key: dedicated
        value: gpu
        effect: NoSchedule
";

const NODE_LIST_JSON: &str = r#"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","labels":{"kubernetes.io/hostname":"n1","node-role.kubernetes.io/control-plane":""}},"spec":{"taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]},"status":{"capacity":{"cpu":"4","memory":"8Gi","pods":"110"},"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},"conditions":[{"type":"Ready","status":"True"}],"nodeInfo":{"kubeletVersion":"v1.30.2"}}},{"apiVersion":"v1","kind":"Node","metadata":{"name":"n2"},"spec":{"unschedulable":true},"status":{"conditions":[{"type":"Ready","status":"False"}],"nodeInfo":{"kubeletVersion":"v1.29.0"}}}]}
"#;

const NODE_SCRIPTS: &[&str] = &[
    "cd /etc/kubernetes/manifests\nls -la\ncat > web.yaml <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\nEOF\ncp web.yaml /tmp/web.yaml\nmv /tmp/web.yaml web2.yaml\ngrep -c name web.yaml\ncrictl pods | grep web\n",
    "systemctl status kubelet\nsystemctl stop kubelet\nsystemctl is-active kubelet\ncrictl ps -a\nsystemctl start kubelet\njournalctl -u kubelet | tail -n 3\n",
    "mkdir -p /tmp/a/b\ntouch /tmp/a/b/c\nls -la /tmp/a\nrm -rf /tmp/a\necho hi > /tmp/x && cat /tmp/x | wc -l\nrmdir /tmp\npwd\ncd ~\nhostname\nwhoami\n",
];
