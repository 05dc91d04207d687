//! `taintlab`: the simulated cluster on the command line.

mod render;

use std::process::ExitCode;
use taintlab_core::Cluster;

const HELP: &str = "taintlab: a Kubernetes scheduling playground

usage:
  taintlab apply FILE...   apply YAML files (in order) to the tutorial cluster
                           (master + worker) and show where pods land and why
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
        Some("apply") if args.len() > 1 => apply(&args[1..]),
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

fn read(path: &str) -> Result<String, String> {
    if path == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| format!("cannot read standard input: {e}"))
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
    }
}

fn apply(paths: &[String]) -> ExitCode {
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
    print!("\n{}", render::placement(&cluster));
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
