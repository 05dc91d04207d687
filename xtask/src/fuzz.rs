//! `cargo xtask fuzz [--minutes N] [--target NAME]... [--seed S]`: runs the fuzzer
//! (`fuzz/`, the `taintlab-fuzz` crate) for N minutes, shared equally among the
//! targets, going on after a finding. `cargo xtask test` runs [`short_command`]:
//! a fixed number of inputs per target from a fixed seed, the same on every run.

use crate::process;
use crate::tools;
use std::process::Command;

/// Inputs per target in `cargo xtask test` (about 20 s in all on one core,
/// measured: 13,422 inputs in 8.3 s of CPU for 1,500 per target).
pub const SHORT_RUNS: u64 = 3000;

/// The seed of the short run (fixed, so CI runs the same inputs every time).
pub const SHORT_SEED: u64 = 1;

/// `cargo run` of the fuzzer in its profile (optimised, with overflow checks and
/// debug assertions, unwinding), with `args` after `--`.
fn fuzzer(args: &[String]) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args([
        "run",
        "--quiet",
        "--profile",
        "fuzz",
        "-p",
        "taintlab-fuzz",
        "--",
    ])
    .args(args)
    .current_dir(tools::root());
    cmd
}

/// The short, deterministic run of `cargo xtask test`: prints `ok - fuzz TARGET: ...`
/// or `not ok - ...` for each target.
pub fn short_command() -> Command {
    fuzzer(&[
        "--runs".into(),
        SHORT_RUNS.to_string(),
        "--seed".into(),
        SHORT_SEED.to_string(),
    ])
}

/// `cargo xtask fuzz`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut minutes: u64 = 10;
    let mut seed: Option<u64> = None;
    let mut targets = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--minutes" => {
                minutes = value()?
                    .parse()
                    .map_err(|_| "--minutes needs a whole number".to_string())?
            }
            "--seed" => {
                seed = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--seed needs a number".to_string())?,
                )
            }
            "--target" => targets.push(value()?.clone()),
            other => {
                return Err(format!(
                    "unknown argument {other:?} (fuzz [--minutes N] [--target NAME]... [--seed S])"
                ));
            }
        }
    }
    // A new seed each time unless one is given: long runs should explore anew.
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs())
    });
    let mut fuzz_args = vec![
        "--seconds".to_string(),
        (minutes * 60).to_string(),
        "--seed".to_string(),
        seed.to_string(),
        "--keep-going".to_string(),
    ];
    for target in targets {
        fuzz_args.push("--target".into());
        fuzz_args.push(target);
    }
    println!("xtask: fuzzing for {minutes} min with seed {seed} (findings go to fuzz/crashes/)");
    process::run(&mut fuzzer(&fuzz_args))
}
