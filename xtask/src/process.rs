//! Running commands with a readable trail of what ran.

use std::process::{Command, Output};

/// Runs `cmd`, inheriting stdio; an error names the command.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    println!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(cmd)))
    }
}

/// Runs `cmd`, echoing its output and also returning it, for counting test results.
pub fn run_captured(cmd: &mut Command) -> Result<(bool, String), String> {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    println!("$ {}", describe(cmd));
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", describe(cmd)))?;
    let mut captured = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            captured.push_str(&line);
            captured.push('\n');
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok((status.success(), captured))
}

/// Runs `cmd` quietly and returns its output, or `None` if it cannot start.
pub fn output(cmd: &mut Command) -> Option<Output> {
    cmd.output().ok()
}

/// `program arg arg ...` for messages.
pub fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}
