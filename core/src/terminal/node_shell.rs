//! The shell on a virtual node, and the file commands both shells share.

use super::words::CommandLine;
use super::{Output, Terminal};
use crate::table::Table;

/// Runs a command in the shell on `node`.
pub fn run(term: &mut Terminal, node: &str, line: &CommandLine, stdin: Option<&str>) -> Output {
    let words = &line.words;
    match words[0].as_str() {
        "exit" | "logout" => {
            term.leave_node();
            Output::ok("")
        }
        "hostname" => Output::ok(format!("{node}\n")),
        "clear" => Output {
            clear: true,
            ..Output::default()
        },
        other => {
            let _ = stdin;
            Output::failed(format!("bash: {other}: command not found\n"), 127)
        }
    }
}

/// File commands on the host's workspace (`ls`, `cat`, `rm`, `touch`, `echo`, and
/// `cat > FILE <<EOF`). `None` when `command` is not one of them.
pub fn file_command(
    files: &mut Table<String, String>,
    command: &str,
    line: &CommandLine,
    stdin: Option<&str>,
) -> Option<Output> {
    let args = &line.words[1..];
    let written = |files: &mut Table<String, String>, text: String| -> Output {
        match &line.redirect {
            Some((file, append)) => {
                let entry = files.get_or_insert_with(file.clone(), String::new);
                if !append {
                    entry.clear();
                }
                entry.push_str(&text);
                Output::ok("")
            }
            None => Output::ok(text),
        }
    };
    let out = match command {
        "ls" => {
            let names: Vec<&String> = files.keys().collect();
            let listed: Vec<String> = if args.is_empty() {
                names.iter().map(|n| n.to_string()).collect()
            } else {
                let mut out = Vec::new();
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    if files.contains_key(a.as_str()) {
                        out.push(a.clone());
                    } else {
                        return Some(Output::failed(
                            format!("ls: cannot access '{a}': No such file or directory\n"),
                            2,
                        ));
                    }
                }
                out
            };
            let text = if listed.is_empty() {
                String::new()
            } else {
                format!("{}\n", listed.join("  "))
            };
            written(files, text)
        }
        "cat" => {
            if args.is_empty() {
                return Some(written(files, stdin.unwrap_or_default().to_string()));
            }
            let mut text = String::new();
            let mut errors = String::new();
            for a in args {
                match files.get(a.as_str()) {
                    Some(content) => text.push_str(content),
                    None => errors.push_str(&format!("cat: {a}: No such file or directory\n")),
                }
            }
            let mut out = written(files, text);
            if !errors.is_empty() {
                out.text.push_str(&errors);
                out.code = 1;
            }
            out
        }
        "echo" => {
            let (newline, words) = match args.first().map(String::as_str) {
                Some("-n") => (false, &args[1..]),
                _ => (true, args),
            };
            let mut text = words.join(" ");
            if newline {
                text.push('\n');
            }
            written(files, text)
        }
        "touch" => {
            for a in args {
                files.get_or_insert_with(a.clone(), String::new);
            }
            Output::ok("")
        }
        "rm" => {
            let mut errors = String::new();
            let force = args.iter().any(|a| a.starts_with('-') && a.contains('f'));
            for a in args.iter().filter(|a| !a.starts_with('-')) {
                if files.remove(a.as_str()).is_none() && !force {
                    errors.push_str(&format!(
                        "rm: cannot remove '{a}': No such file or directory\n"
                    ));
                }
            }
            if errors.is_empty() {
                Output::ok("")
            } else {
                Output::error(errors)
            }
        }
        _ => return None,
    };
    Some(out)
}
