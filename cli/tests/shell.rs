//! `taintlab run` and `taintlab repl`, end to end.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Runs the binary with `args` and `stdin`: (exit code, stdout, stderr).
fn taintlab(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_taintlab"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin");
    }
    let out = child.wait_with_output().expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taintlab-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn run_prints_the_transcript_and_reads_files_next_to_the_script() {
    let dir = temp_dir("run");
    std::fs::copy(
        root().join("static/examples/redis-ds.yaml"),
        dir.join("redis-ds.yaml"),
    )
    .expect("copy");
    let script = dir.join("demo.sh");
    std::fs::write(dir.join("notes.txt"), "not loaded").expect("write");
    std::fs::write(
        &script,
        "# the files next to the script are in the workspace\nls\nssh worker\nhostname\nexit\nfrobnicate\n",
    )
    .expect("write");
    let path = script.to_string_lossy().into_owned();
    let (code, stdout, stderr) = taintlab(&["run", &path], "");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "$ ls\nredis-ds.yaml\n$ ssh worker\nroot@worker:~# hostname\nworker\nroot@worker:~# exit\nlogout\nConnection to worker closed.\n$ frobnicate\nbash: frobnicate: command not found\n"
    );
}

#[test]
fn run_takes_a_cluster_file() {
    let dir = temp_dir("run-cluster");
    let config = dir.join("kind.yaml");
    std::fs::write(
        &config,
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n",
    )
    .expect("write");
    let script = dir.join("nodes.sh");
    std::fs::write(&script, "ssh kind-worker hostname\nssh worker\n").expect("write");
    let (code, stdout, _) = taintlab(
        &[
            "run",
            "--cluster",
            &config.to_string_lossy(),
            &script.to_string_lossy(),
        ],
        "",
    );
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "$ ssh kind-worker hostname\nkind-worker\n$ ssh worker\nssh: Could not resolve hostname worker: Name or service not known\n"
    );
    // The same cluster named in the script's leading comment.
    std::fs::write(&script, "# cluster: kind.yaml\nssh kind-worker hostname\n").expect("write");
    let (code, stdout, _) = taintlab(&["run", &script.to_string_lossy()], "");
    assert_eq!(
        (code, stdout.as_str()),
        (Some(0), "$ ssh kind-worker hostname\nkind-worker\n")
    );
}

#[test]
fn run_fails_with_status_2_only_when_it_cannot_start() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["run", "does-not-exist.sh"],
            "error: cannot read does-not-exist.sh",
        ),
        (&["run"], "error: run needs a SCRIPT"),
        (&["run", "a.sh", "b.sh"], "error: run takes one SCRIPT"),
        (&["run", "--cluster"], "error: --cluster needs a value"),
        (
            &["run", "--bogus", "a.sh"],
            "error: run: unknown option \"--bogus\"",
        ),
        (
            &["run", "--cluster", "missing.yaml", "docs/static-pod.sh"],
            "error: cannot read missing.yaml",
        ),
        (
            &["repl", "extra"],
            "error: repl takes only [--cluster FILE]",
        ),
    ];
    for (args, want) in cases {
        let (code, _, stderr) = taintlab(args, "");
        assert_eq!(code, Some(2), "{args:?}");
        assert!(stderr.starts_with(want), "{args:?}: {stderr}");
    }
    let dir = temp_dir("bad-cluster");
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "kind: Cluster\nnodes: [\n").expect("write");
    let bad = bad.to_string_lossy().into_owned();
    let (code, _, stderr) = taintlab(&["run", "--cluster", &bad, "docs/static-pod.sh"], "");
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with(&format!("{bad}:")), "{stderr}");
    // A script whose commands fail still ran.
    let (code, stdout, _) = taintlab(&["run", "-"], "cat nosuch\nkubectl frob\n");
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("cat: nosuch: No such file or directory\n"),
        "{stdout}"
    );
}

#[test]
fn the_readme_shows_the_example_scripts_real_output() {
    let (code, stdout, _) = taintlab(&["run", "docs/static-pod.sh"], "");
    assert_eq!(code, Some(0));
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    assert!(
        readme.contains(&format!(
            "$ cargo run -q -p taintlab -- run docs/static-pod.sh\n{stdout}```"
        )),
        "README's taintlab run example is out of date; its output is now:\n{stdout}"
    );
}

#[test]
fn repl_reads_lines_heredocs_and_history_until_exit() {
    let input = "ssh worker\ncat > /etc/kubernetes/manifests/web.yaml <<EOF\nkind: Pod\napiVersion: v1\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\nEOF\nls /etc/kubernetes/manifests\n!!\nexit\nhistory\nexit\nhostname\n";
    let (code, stdout, _) = taintlab(&["repl"], input);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "$ root@worker:~# > > > > > > > > > root@worker:~# web.yaml\nroot@worker:~# ls /etc/kubernetes/manifests\nweb.yaml\nroot@worker:~# logout\nConnection to worker closed.\n$     1  ssh worker\n    2  cat > /etc/kubernetes/manifests/web.yaml <<EOF\nkind: Pod\napiVersion: v1\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\nEOF\n    3  ls /etc/kubernetes/manifests\n    4  ls /etc/kubernetes/manifests\n    5  exit\n    6  history\n$ exit\n"
    );
    // The end of input leaves too.
    let (code, stdout, _) = taintlab(&["repl"], "hostname\n");
    assert_eq!(
        (code, stdout.as_str()),
        (Some(0), "$ bash: hostname: command not found\n$ exit\n")
    );
}

#[test]
fn help_and_version() {
    let (code, stdout, _) = taintlab(&["--help"], "");
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("taintlab run [--cluster FILE] SCRIPT"),
        "{stdout}"
    );
    assert!(
        stdout.contains("taintlab repl [--cluster FILE]"),
        "{stdout}"
    );
    let (code, stdout, _) = taintlab(&["--version"], "");
    assert_eq!(
        (code, stdout.trim()),
        (Some(0), concat!("taintlab ", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn run_takes_a_scheduler_config() {
    let dir = temp_dir("run-scheduler-config");
    std::fs::write(
        dir.join("scheduler.yaml"),
        "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: default-scheduler\n- schedulerName: other\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  schedulerName: other\n  containers:\n  - name: c\n    image: nginx\n",
    )
    .expect("write");
    let script = dir.join("pods.sh");
    std::fs::write(
        &script,
        "# scheduler-config: scheduler.yaml\nkubectl apply -f pod.yaml\nkubectl get pod a -o jsonpath='{.spec.schedulerName} {.spec.nodeName}'\n",
    )
    .expect("write");
    let (code, stdout, stderr) = taintlab(&["run", &script.to_string_lossy()], "");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("other worker"), "{stdout}");
    // The flag refuses a configuration that does not validate.
    std::fs::write(
        dir.join("bad.yaml"),
        "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: a\n- schedulerName: a\n",
    )
    .expect("write");
    let bad = dir.join("bad.yaml").to_string_lossy().into_owned();
    let (code, _, stderr) = taintlab(
        &["run", "--scheduler-config", &bad, &script.to_string_lossy()],
        "",
    );
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("profiles[1].schedulerName: Duplicate value"),
        "{stderr}"
    );
}
