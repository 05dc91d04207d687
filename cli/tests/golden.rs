//! Golden outputs of `taintlab why` and `taintlab diff`: each
//! `tests/golden/NAME.args` holds the arguments (one per line, paths relative
//! to the repository); running the binary with them must print exactly
//! `NAME.out` and exit with the status in its first line (`# exit N`).
//!
//! The lines these print in upstream's own words come from upstream: the
//! scheduler's `0/N nodes are available: ...` (pkg/scheduler/framework/
//! types.go, `FitError.Error`), the taint manager's `Marking for deletion Pod
//! NS/NAME` (pkg/controller/tainteviction/taint_eviction.go), the controller's
//! `Deleted pod: NAME` (pkg/controller/controller_utils.go,
//! `RealPodControl.DeletePod`), and taints printed as `kubectl describe node`
//! prints them (`KEY=VALUE:EFFECT`). The rest is taintlab's own layout.
//!
//! `BLESS=1 cargo test -p taintlab --test golden` writes the `.out` files: for
//! a new case only; re-blessing an existing one needs a reason in the commit.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/golden exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "args"))
        .collect();
    found.sort();
    found
}

fn run(args_file: &Path) -> String {
    let text = std::fs::read_to_string(args_file).expect("readable");
    let args: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_taintlab"))
        .args(&args)
        .current_dir(root())
        .output()
        .expect("the binary runs");
    let code = out.status.code().unwrap_or(-1);
    format!("# exit {code}\n{}", String::from_utf8_lossy(&out.stdout))
}

#[test]
fn why_and_diff_print_their_golden_outputs() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 4, "the golden cases are missing");
    for case in cases {
        let expected_path = case.with_extension("out");
        let actual = run(&case);
        if bless {
            std::fs::write(&expected_path, &actual).expect("writable");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
