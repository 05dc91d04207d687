//! `cargo xtask`: the project's own build tooling.
//!
//! - `serve [--address A] [--port P]`: install what is missing, then serve with live reload.
//! - `test`: install what is missing, then run every check, stopping at the first failure.
//! - `dist [--public-url URL]`: build the static site into `dist/` and report its size.
//! - `screenshots [NAME...]`: build the site and take the README's screenshots.
//! - `fuzz [--minutes N] [--target NAME]... [--seed S]`: run the fuzzer longer than `test` does.

#[cfg(test)]
mod architecture;
mod csp;
mod dist;
mod fuzz;
mod process;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--address ADDR] [--port PORT]   serve the app with live reload (default 127.0.0.1:8080)
  test                                   run every check (fmt, clippy, native and browser tests, release build)
  dist [--public-url URL]                build the static site into dist/ (default: relative URLs)
  screenshots [NAME...]                  build the site, then take docs/screenshots/*.png in headless Chromium
  fuzz [--minutes N] [--target NAME]...  fuzz every target (or those named) for N minutes in all (default 10)
  help                                   show this text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => test::run(),
        Some("dist") => dist::run(&args[1..]),
        Some("screenshots") => screenshots(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `--name value` from `args`.
fn flag(args: &[String], name: &str) -> Result<Option<String>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .cloned()
            .map(Some)
            .ok_or_else(|| format!("{name} needs a value")),
    }
}

fn check_flags(args: &[String], known: &[&str]) -> Result<(), String> {
    let mut i = 0;
    while i < args.len() {
        if !known.contains(&args[i].as_str()) {
            return Err(format!("unknown argument {:?}\n\n{USAGE}", args[i]));
        }
        i += 2;
    }
    Ok(())
}

/// Builds the release site into `dist/`, then runs `xtask/screenshots.mjs`, which
/// serves it and drives Chromium through the views the README shows.
fn screenshots(names: &[String]) -> Result<(), String> {
    let toolbox = tools::ensure_web_tools()?;
    tools::ensure_screenshot_tools(&toolbox)?;
    dist::build(&toolbox, &tools::root().join("dist"), "./")?;
    process::run(
        toolbox
            .command("node")
            .arg("xtask/screenshots.mjs")
            .args(names),
    )
}

fn serve(args: &[String]) -> Result<(), String> {
    check_flags(args, &["--address", "--port"])?;
    let address = flag(args, "--address")?.unwrap_or_else(|| "127.0.0.1".to_string());
    let port = flag(args, "--port")?.unwrap_or_else(|| "8080".to_string());
    let toolbox = tools::ensure_web_tools()?;
    println!("xtask: serving on http://{address}:{port}/ (Ctrl+C stops)");
    process::run(
        toolbox
            .command("trunk")
            .args(["serve", "--address", &address, "--port", &port]),
    )
}
