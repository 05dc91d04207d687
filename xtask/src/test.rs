//! `cargo xtask test`: every check, in order, stopping at the first failure.

use crate::dist;
use crate::fuzz;
use crate::process::{self, run_captured};
use crate::tools::{self, Toolbox};
use std::path::Path;
use std::process::Command;

/// Passed and failed test counts, summed over every test run.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    /// Adds the counts from cargo's `test result: ok. N passed; M failed; ...` lines.
    fn add_cargo_output(&mut self, output: &str) {
        for line in output.lines() {
            let Some(rest) = line.trim().strip_prefix("test result: ") else {
                continue;
            };
            for part in rest.split(';') {
                let words: Vec<&str> = part.split_whitespace().collect();
                let count = |i: usize| words.get(i).and_then(|w| w.parse::<u64>().ok());
                // "ok. 30 passed" or "FAILED. 1 passed" or " 0 failed"
                let (n, what) = match words.as_slice() {
                    [_, n, what] => (n.parse::<u64>().ok(), *what),
                    [_, what] => (count(0), *what),
                    _ => (None, ""),
                };
                match (n, what) {
                    (Some(n), "passed") => self.passed += n,
                    (Some(n), "failed") => self.failed += n,
                    _ => {}
                }
            }
        }
    }

    /// Adds the counts from `ok - NAME` and `not ok - NAME` lines (`xtask/site-check.mjs`,
    /// the fuzzer).
    fn add_site_check_output(&mut self, output: &str) {
        for line in output.lines() {
            if line.starts_with("ok - ") {
                self.passed += 1;
            } else if line.starts_with("not ok - ") {
                self.failed += 1;
            }
        }
    }
}

/// One step: its name and what it runs.
type Step<'a> = (&'a str, Box<dyn Fn(&mut Tally) -> Result<(), String> + 'a>);

fn cargo(toolbox: &Toolbox, args: &[&str]) -> Command {
    let mut cmd = toolbox.command("cargo");
    cmd.args(args);
    cmd
}

fn counted(cmd: &mut Command, tally: &mut Tally) -> Result<(), String> {
    counted_by(cmd, tally, Tally::add_cargo_output)
}

/// Runs `cmd`, adds the counts `read` finds in its output, and fails (counting
/// one failure if its output counted none) when the command fails.
fn counted_by(
    cmd: &mut Command,
    tally: &mut Tally,
    read: fn(&mut Tally, &str),
) -> Result<(), String> {
    let (ok, captured) = run_captured(cmd)?;
    let before = tally.failed;
    read(tally, &captured);
    if ok {
        Ok(())
    } else {
        if tally.failed == before {
            tally.failed += 1;
        }
        Err(format!("{} failed", crate::process::describe(cmd)))
    }
}

/// Checks that the built page references its wasm, JS glue and CSS by relative URLs.
fn check_site(dir: &Path) -> Result<u64, String> {
    let index = std::fs::read_to_string(dir.join("index.html"))
        .map_err(|e| format!("dist has no index.html: {e}"))?;
    let files = dist::sizes(dir)?;
    for name in dist::FULL_MODULE {
        if !files.iter().any(|f| f.name == name) {
            return Err(format!("dist has no {name} (the full module)"));
        }
    }
    for suffix in ["_bg.wasm", ".js", ".css"] {
        // The first-load module's own files, at the top of dist: the JS
        // snippets under `snippets/` are imported by its glue, not by the page.
        let file = files
            .iter()
            .filter(|f| !dist::FULL_MODULE.contains(&f.name.as_str()))
            // The service worker is registered by the page's own script, not
            // referenced as a module file.
            .filter(|f| f.name != dist::WORKER)
            .filter(|f| !f.name.contains('/'))
            .find(|f| f.name.ends_with(suffix))
            .ok_or_else(|| format!("dist has no *{suffix} file"))?;
        let relative = format!("./{}", file.name);
        if !index.contains(&relative) {
            return Err(format!("index.html does not reference {relative}"));
        }
        let absolute = format!("\"/{}", file.name);
        if index.contains(&absolute) {
            return Err(format!(
                "index.html references {} by an absolute URL",
                file.name
            ));
        }
    }
    let first_load = dist::report(&files, &index);
    if first_load > dist::FIRST_LOAD_BUDGET {
        return Err(format!(
            "the first load is {first_load} bytes gzipped, over the {} byte budget",
            dist::FIRST_LOAD_BUDGET
        ));
    }
    Ok(first_load)
}

/// The release site as a visitor gets it (`xtask/site-check.mjs`): the handover
/// from the first-load module to the full one, and WCAG 2.1 AA by axe-core.
fn check_site_in_browser(toolbox: &Toolbox, dir: &Path, tally: &mut Tally) -> Result<(), String> {
    let mut cmd = toolbox.command("node");
    cmd.arg("xtask/site-check.mjs")
        .arg(dir)
        .current_dir(tools::root());
    counted_by(&mut cmd, tally, Tally::add_site_check_output)
}

/// `cargo xtask test`.
pub fn run() -> Result<(), String> {
    let started = std::time::Instant::now();
    let mut tally = Tally::default();
    let result = run_steps(&mut tally);
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    match &result {
        Ok(()) => println!("xtask: every check passed in {minutes:.1} min"),
        Err(message) => {
            if tally.failed == 0 {
                tally.failed = 1;
            }
            println!("xtask: stopped: {message}");
        }
    }
    // The last line is a plain summary that CI reads.
    println!("xtask: {} passed, {} failed", tally.passed, tally.failed);
    result.map_err(|_| "some checks failed".to_string())
}

fn run_steps(tally: &mut Tally) -> Result<(), String> {
    let toolbox = tools::ensure_web_tools()?;
    let chromedriver = tools::ensure_chromium(&toolbox)?;
    tools::ensure_site_check_tools(&toolbox)?;
    let wasm = "wasm32-unknown-unknown";
    let steps: Vec<Step> = vec![
        (
            "rustfmt",
            Box::new(|_| process::run(&mut cargo(&toolbox, &["fmt", "--all", "--check"]))),
        ),
        (
            "clippy (native)",
            Box::new(|_| {
                process::run(&mut cargo(
                    &toolbox,
                    &[
                        "clippy",
                        "--workspace",
                        "--all-targets",
                        "--",
                        "-D",
                        "warnings",
                    ],
                ))
            }),
        ),
        (
            // The web crates too: the first-load module (`web/lite`), the full one
            // (`web/full`) and what they share (`web/ui`), each built once.
            "clippy (wasm32)",
            Box::new(|_| {
                process::run(&mut cargo(
                    &toolbox,
                    &[
                        "clippy",
                        "--workspace",
                        "--exclude",
                        "xtask",
                        "--exclude",
                        "taintlab-fuzz",
                        "--all-targets",
                        "--target",
                        wasm,
                        "--",
                        "-D",
                        "warnings",
                    ],
                ))
            }),
        ),
        (
            "native tests",
            Box::new(|tally| counted(&mut cargo(&toolbox, &["test", "--workspace"]), tally)),
        ),
        (
            // A fixed number of inputs per target from a fixed seed: `ok - fuzz TARGET`
            // lines, counted as the site check's are. `cargo xtask fuzz` runs longer.
            "fuzz (short, fixed budget)",
            Box::new(|tally| {
                counted_by(
                    &mut fuzz::short_command(),
                    tally,
                    Tally::add_site_check_output,
                )
            }),
        ),
        (
            "browser tests (headless Chromium)",
            Box::new(|tally| {
                let mut cmd = cargo(
                    &toolbox,
                    &["test", "-p", "taintlab-tests", "--target", wasm],
                );
                cmd.env("CHROMEDRIVER", &chromedriver)
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
                counted(&mut cmd, tally)
            }),
        ),
        (
            "release build of the site, checked in headless Chromium",
            Box::new(|tally| {
                let out = std::env::temp_dir()
                    .join(format!("taintlab-dist-check-{}", std::process::id()));
                let _ = std::fs::remove_dir_all(&out);
                let result = dist::build(&toolbox, &out, "./")
                    .and_then(|()| check_site(&out))
                    .and_then(|_| check_site_in_browser(&toolbox, &out, tally));
                let _ = std::fs::remove_dir_all(&out);
                result
            }),
        ),
    ];
    for (i, (name, step)) in steps.iter().enumerate() {
        println!("\n== xtask test [{}/{}]: {name}", i + 1, steps.len());
        step(tally).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_site_check_lines() {
        let mut tally = Tally::default();
        tally.add_site_check_output(
            "ok - first\nnot ok - second: why\n    detail ok - not a result\nok - third\nsite check: 1 failed\n",
        );
        assert_eq!((tally.passed, tally.failed), (2, 1));
    }

    #[test]
    fn counts_cargo_test_results() {
        let mut tally = Tally::default();
        tally.add_cargo_output(
            "test result: ok. 30 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
             running 2 tests\n\
             test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out\n",
        );
        assert_eq!((tally.passed, tally.failed), (31, 2));
    }
}
