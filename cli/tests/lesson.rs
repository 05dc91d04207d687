//! `taintlab lesson check`, end to end.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Runs `taintlab lesson check` on `files`: (exit code, stdout, stderr).
fn check(files: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_taintlab"))
        .args(["lesson", "check"])
        .args(files)
        .current_dir(root())
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_shipped_lesson_file_passes() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("playground/lessons"))
        .expect("the lessons")
        .filter_map(|e| e.ok())
        .map(|e| format!("playground/lessons/{}", e.file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, out, err) = check(&args);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), files.len(), "{out}");
    assert!(
        out.contains("playground/lessons/01-tutorial.yaml: lesson tutorial passes: 5 steps"),
        "{out}"
    );
}

#[test]
fn a_wrong_check_fails_with_its_place_and_reason() {
    let dir = std::env::temp_dir().join(format!("taintlab-lesson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let path = dir.join("wrong.yaml");
    let text = std::fs::read_to_string(root().join("playground/lessons/04-no-execute.yaml"))
        .expect("the lesson")
        .replacen("evicted: {pod: patient}", "evicted: {pod: impatient}", 1);
    std::fs::write(&path, text).expect("written");
    let path = path.to_string_lossy().into_owned();
    let (code, out, err) = check(&[&path]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(
        err,
        format!(
            "{path}:107:5: steps[1].check: step 2: the check does not hold after the step's solution and 5 s\n"
        )
    );
    let (code, _, err) = check(&[]);
    assert_eq!(
        (code, err.trim()),
        (Some(2), "error: lesson check needs at least one FILE")
    );
}
