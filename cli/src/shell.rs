//! `taintlab run SCRIPT` and `taintlab repl`: the simulated terminal on the command
//! line, over core's [`Terminal`].

use crate::{HELP, load_cluster, read};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use taintlab_shell::history as terminal_history;
use taintlab_shell::{Location, Terminal};

/// `[--cluster FILE] [--scheduler-config FILE] OPERAND...` of `run` and `repl`.
struct ShellArgs {
    /// Every `--cluster PATH`: several make one import.
    cluster: Vec<String>,
    scheduler_config: Option<String>,
    operands: Vec<String>,
}

fn parse(command: &str, args: &[String]) -> Result<ShellArgs, String> {
    let mut parsed = ShellArgs {
        cluster: Vec::new(),
        scheduler_config: None,
        operands: Vec::new(),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--cluster" {
            let value = rest.next().ok_or("--cluster needs a value")?;
            parsed.cluster.push(value.clone());
        } else if let Some(value) = arg.strip_prefix("--cluster=") {
            parsed.cluster.push(value.to_string());
        } else if arg == "--scheduler-config" {
            let value = rest.next().ok_or("--scheduler-config needs a value")?;
            parsed.scheduler_config = Some(value.clone());
        } else if let Some(value) = arg.strip_prefix("--scheduler-config=") {
            parsed.scheduler_config = Some(value.to_string());
        } else if arg.starts_with('-') && arg != "-" {
            return Err(format!("{command}: unknown option {arg:?}"));
        } else {
            parsed.operands.push(arg.clone());
        }
    }
    Ok(parsed)
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\n{HELP}");
    ExitCode::from(2)
}

/// Puts every `*.yaml`, `*.yml` and `*.json` file of `dir` in the terminal's
/// workspace under its file name, so `kubectl apply -f NAME` finds it.
pub(crate) fn load_workspace(term: &mut Terminal, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"));
        if !wanted || !path.is_file() {
            continue;
        }
        let (Some(name), Ok(text)) = (
            path.file_name().and_then(|n| n.to_str()),
            std::fs::read_to_string(&path),
        ) else {
            continue;
        };
        term.set_file(name, &text);
    }
}

/// The `# cluster: FILE` line among a script's leading comments.
fn cluster_comment(script: &str) -> Option<String> {
    leading_comment(script, "# cluster:")
}

/// The `PREFIX FILE` line among a script's leading comments: its FILE.
fn leading_comment(script: &str, prefix: &str) -> Option<String> {
    script
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix(prefix))
        .map(|f| f.trim().to_string())
}

/// `taintlab run [--cluster FILE] SCRIPT`.
pub fn run_command(args: &[String]) -> ExitCode {
    let parsed = match parse("run", args) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error(&message),
    };
    let script_path = match parsed.operands.as_slice() {
        [one] => one.clone(),
        [] => return usage_error("run needs a SCRIPT"),
        _ => return usage_error("run takes one SCRIPT"),
    };
    let script = match read(&script_path) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let dir = script_dir(&script_path);
    let mut cluster_files = parsed.cluster;
    if cluster_files.is_empty()
        && let Some(f) = cluster_comment(&script)
    {
        cluster_files.push(dir.join(f).to_string_lossy().into_owned());
    }
    let scheduler_config = parsed.scheduler_config.or_else(|| {
        leading_comment(&script, "# scheduler-config:")
            .map(|f| dir.join(f).to_string_lossy().into_owned())
    });
    let cluster = match load_cluster(&cluster_files, scheduler_config.as_deref()) {
        Ok(cluster) => cluster,
        Err(code) => return code,
    };
    let mut term = Terminal::new(cluster);
    load_workspace(&mut term, &dir);
    print!("{}", term.run_script(&script));
    ExitCode::SUCCESS
}

/// The directory a script's files are read from: its own (`.` for standard input).
pub(crate) fn script_dir(script_path: &str) -> PathBuf {
    if script_path == "-" {
        return PathBuf::from(".");
    }
    Path::new(script_path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// Reads one line of standard input, without its line ending; `None` at the end.
fn read_line(input: &mut impl BufRead) -> Option<String> {
    let mut bytes = Vec::new();
    match input.read_until(b'\n', &mut bytes) {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                bytes.pop();
            }
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
}

/// `taintlab repl [--cluster FILE]`: reads command lines until `exit` on the host
/// or the end of input, with here-documents and the session's `history`.
pub fn repl_command(args: &[String]) -> ExitCode {
    let parsed = match parse("repl", args) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error(&message),
    };
    if !parsed.operands.is_empty() {
        return usage_error("repl takes only [--cluster FILE] [--scheduler-config FILE]");
    }
    let cluster = match load_cluster(&parsed.cluster, parsed.scheduler_config.as_deref()) {
        Ok(cluster) => cluster,
        Err(code) => return code,
    };
    let mut term = Terminal::new(cluster);
    load_workspace(&mut term, Path::new("."));
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout();
    let mut history: Vec<String> = Vec::new();
    // On a terminal, a line editor with arrow keys; otherwise plain lines.
    let raw = crate::line_editor::RawMode::enter();
    let next_line = |prompt: &str, history: &[String]| -> Option<String> {
        if raw.is_some() {
            crate::line_editor::read_line(prompt, history)
        } else {
            print!("{prompt}");
            let _ = std::io::stdout().flush();
            read_line(&mut stdin.lock())
        }
    };
    loop {
        let Some(mut line) = next_line(&term.prompt(), &history) else {
            // bash prints `exit` when its input ends.
            println!("exit");
            break;
        };
        if line.trim().is_empty() {
            continue;
        }
        match terminal_history::expand(&line, &history) {
            Ok(Some(expanded)) => {
                println!("{expanded}");
                line = expanded;
            }
            Ok(None) => {}
            Err(message) => {
                print!("{message}");
                continue;
            }
        }
        // A recalled here-document brings its body along.
        let (line, mut stdin_text) = terminal_history::command(&line);
        if let (None, Some(doc)) = (&stdin_text, Terminal::heredoc(&line)) {
            let mut body = String::new();
            loop {
                let Some(body_line) = next_line("> ", &[]) else {
                    println!(
                        "bash: warning: here-document delimited by end-of-file (wanted `{}')",
                        doc.delimiter
                    );
                    break;
                };
                let Some(text) = doc.body_line(&body_line) else {
                    break;
                };
                // Past the limit the body is read to its end but not kept;
                // the terminal refuses it.
                if body.len() <= taintlab_core::limits::MAX_TEXT_BYTES {
                    body.push_str(text);
                    body.push('\n');
                }
            }
            stdin_text = Some(body);
        }
        if let Err(refused) = Terminal::check_input(&line, stdin_text.as_deref()) {
            print!("{}", refused.text);
            continue;
        }
        history.push(terminal_history::entry(&line, stdin_text.as_deref()));
        if let Some(out) = terminal_history::builtin(&line, &mut history) {
            print!("{}", out.text);
            continue;
        }
        let leaving = *term.location() == Location::Host
            && matches!(line.split_whitespace().next(), Some("exit" | "logout"));
        let out = term.run(&line, stdin_text.as_deref());
        if out.clear {
            print!("\x1b[2J\x1b[H");
        }
        print!("{}", out.text);
        let _ = stdout.flush();
        if leaving {
            println!("exit");
            break;
        }
    }
    ExitCode::SUCCESS
}
