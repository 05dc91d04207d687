//! `taintlab`: the simulated cluster on the command line.

mod render;

use std::process::ExitCode;
use taintlab_core::Cluster;

const HELP: &str = "taintlab: a Kubernetes scheduling playground

usage:
  taintlab apply [--after SECONDS] FILE...
                           apply YAML files (in order) to the tutorial cluster
                           (master + worker), let SECONDS of simulated time pass
                           (default 0), and show where pods land and why
  taintlab --help          show this text
  taintlab --version       show the version

A FILE of - reads standard input.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--help" | "-h" | "help") | None => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            println!("taintlab {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("apply") if args.len() > 1 => match parse_after(&args[1..]) {
            Ok((seconds, files)) if !files.is_empty() => apply(files, seconds),
            Ok(_) => {
                eprintln!("error: apply needs at least one FILE\n\n{HELP}");
                ExitCode::from(2)
            }
            Err(message) => {
                eprintln!("error: {message}\n\n{HELP}");
                ExitCode::from(2)
            }
        },
        Some("apply") => {
            eprintln!("error: apply needs at least one FILE\n\n{HELP}");
            ExitCode::from(2)
        }
        Some(other) => {
            eprintln!("error: unknown command {other:?}\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

/// Splits `[--after SECONDS] FILE...`.
fn parse_after(args: &[String]) -> Result<(u64, &[String]), String> {
    match args {
        [flag, value, rest @ ..] if flag == "--after" => value
            .parse::<u64>()
            .map(|seconds| (seconds, rest))
            .map_err(|_| format!("--after needs a whole number of seconds, not {value:?}")),
        [flag] if flag == "--after" => Err("--after needs a number of seconds".to_string()),
        _ => Ok((0, args)),
    }
}

fn read(path: &str) -> Result<String, String> {
    if path == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| format!("cannot read standard input: {e}"))
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
    }
}

fn apply(paths: &[String], after_seconds: u64) -> ExitCode {
    let mut cluster = Cluster::tutorial();
    let mut failed = false;
    for path in paths {
        let text = match read(path) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        };
        match cluster.apply(&text) {
            Ok(report) => {
                for d in &report.warnings {
                    eprintln!("{}", render::diagnostic(path, d));
                }
                for line in &report.lines {
                    println!("{line}");
                }
            }
            Err(errors) => {
                failed = true;
                for d in &errors {
                    eprintln!("{}", render::diagnostic(path, d));
                }
            }
        }
    }
    cluster.advance(after_seconds);
    print!("\n{}", render::placement(&cluster));
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
