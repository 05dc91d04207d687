//! Golden transcripts: every `tests/transcripts/**/NAME.sh` is a script of terminal
//! commands; running it on a fresh cluster must print exactly `NAME.out`.
//!
//! A script may start with `# cluster: FILE` (a kind config or Node YAML, relative
//! to the script) to start from that cluster instead of the tutorial's, and
//! `# scheduler-config: FILE` (a KubeSchedulerConfiguration) to schedule with
//! its profiles, as `taintlab run --scheduler-config` does; files next
//! to the script named in `# files: A B` are put in the host's workspace, so
//! `kubectl apply -f A` reads them. Each script cites, in comments, the upstream
//! source of the formats it checks.
//!
//! `BLESS=1 cargo test -p taintlab-tests --test transcripts` rewrites the `.out`
//! files: only for a new script, whose output must then be checked line by line
//! against upstream before it is committed.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use taintlab_core::Cluster;
use taintlab_shell::Terminal;

fn scripts(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            scripts(&path, found);
        } else if path.extension().is_some_and(|e| e == "sh") {
            found.push(path);
        }
    }
}

/// Runs one script as `taintlab run` does.
fn transcript(script_path: &Path) -> Result<String, String> {
    let script = std::fs::read_to_string(script_path).map_err(|e| e.to_string())?;
    let dir = script_path.parent().unwrap_or(Path::new("."));
    let mut cluster = Cluster::tutorial();
    let mut files = Vec::new();
    let mut scheduler_config = None;
    for line in script.lines().take_while(|l| l.starts_with('#')) {
        if let Some(file) = line.strip_prefix("# cluster:") {
            let text = std::fs::read_to_string(dir.join(file.trim())).map_err(|e| e.to_string())?;
            cluster = Cluster::from_config(&text).map_err(|e| format!("{e:?}"))?;
        }
        if let Some(file) = line.strip_prefix("# scheduler-config:") {
            scheduler_config = Some(file.trim().to_string());
        }
        if let Some(names) = line.strip_prefix("# files:") {
            files.extend(names.split_whitespace().map(str::to_string));
        }
    }
    // On the cluster the script names, wherever the comments put the lines.
    if let Some(file) = scheduler_config {
        let text = std::fs::read_to_string(dir.join(file)).map_err(|e| e.to_string())?;
        cluster
            .set_scheduler_config(&text)
            .map_err(|e| format!("{e:?}"))?;
    }
    let mut term = Terminal::new(cluster);
    for name in files {
        let text = std::fs::read_to_string(dir.join(&name)).map_err(|e| e.to_string())?;
        term.set_file(&name, &text);
    }
    Ok(term.run_script(&script))
}

#[test]
fn transcripts_match() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("transcripts");
    let mut found = Vec::new();
    scripts(&root, &mut found);
    found.sort();
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for script in &found {
        let expected_path = script.with_extension("out");
        let got = match transcript(script) {
            Ok(got) => got,
            Err(e) => {
                failures.push(format!("{}: {e}", script.display()));
                continue;
            }
        };
        if bless {
            if let Err(e) = std::fs::write(&expected_path, &got) {
                failures.push(format!("{}: {e}", expected_path.display()));
            }
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            let first = got
                .lines()
                .zip(expected.lines())
                .position(|(g, e)| g != e)
                .unwrap_or_else(|| got.lines().count().min(expected.lines().count()));
            failures.push(format!(
                "{} differs from {} at line {}:\n  got:      {:?}\n  expected: {:?}\n--- whole transcript ---\n{got}",
                script.display(),
                expected_path.display(),
                first + 1,
                got.lines().nth(first).unwrap_or("<end>"),
                expected.lines().nth(first).unwrap_or("<end>"),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
