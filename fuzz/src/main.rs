//! `taintlab-fuzz`: see the crate's documentation, and `taintlab-fuzz help`.

use std::process::ExitCode;
use std::time::Duration;
use taintlab_fuzz::engine::{self, Budget, Options};
use taintlab_fuzz::targets::{self, TARGETS, Target};
use taintlab_fuzz::{corpus, guard, report, seeds};

const USAGE: &str =
    "usage: taintlab-fuzz [run] [--target NAME]... [--runs N | --seconds N] [--seed S]
                     [--keep-going] [--hang-seconds N] [--max-rss-mb N]
       taintlab-fuzz replay --target NAME FILE...   run saved inputs once, report panics
       taintlab-fuzz seed                          rewrite the seed corpus from the repository
       taintlab-fuzz list                          the targets

run: every target (or those named), each for N inputs (default 200) or an equal
share of N seconds. Prints `ok - fuzz TARGET: ...` or `not ok - ...` per target.
Exit status: 0 clean, 1 a panic found, 3 a hang, 4 runaway memory, 5 the process
died (a stack overflow): each reported with its input, saved under fuzz/crashes/.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("taintlab-fuzz: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = match args.first().map(String::as_str) {
        Some(c @ ("run" | "replay" | "seed" | "list" | "help" | "--help" | "-h")) => {
            (c, &args[1..])
        }
        _ => ("run", args),
    };
    match command {
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "list" => {
            for t in TARGETS {
                println!("{:<14} {}", t.name, t.about);
            }
            Ok(ExitCode::SUCCESS)
        }
        "seed" => {
            let n = seeds::write()?;
            println!(
                "taintlab-fuzz: wrote {n} seed files under {}",
                corpus::root().join("corpus").display()
            );
            Ok(ExitCode::SUCCESS)
        }
        "replay" => replay(rest),
        _ => match rest.split_first() {
            Some((first, rest)) if first == "--worker" => fuzz(rest),
            _ => supervise(rest),
        },
    }
}

/// The parsed flags of `run`.
struct Flags {
    targets: Vec<&'static Target>,
    runs: Option<u64>,
    seconds: Option<u64>,
    seed: u64,
    keep_going: bool,
    hang_seconds: u64,
    max_rss_mb: u64,
    files: Vec<String>,
}

fn flags(args: &[String]) -> Result<Flags, String> {
    let mut f = Flags {
        targets: Vec::new(),
        runs: None,
        seconds: None,
        seed: 1,
        keep_going: false,
        hang_seconds: 5,
        max_rss_mb: 2048,
        files: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| -> Result<u64, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--target" => {
                let name = it.next().ok_or("--target needs a name")?;
                f.targets.push(targets::find(name).ok_or_else(|| {
                    let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
                    format!("no target {name:?} (targets: {})", names.join(", "))
                })?);
            }
            "--runs" => f.runs = Some(value("--runs")?),
            "--seconds" => f.seconds = Some(value("--seconds")?),
            "--seed" => f.seed = value("--seed")?,
            "--hang-seconds" => f.hang_seconds = value("--hang-seconds")?,
            "--max-rss-mb" => f.max_rss_mb = value("--max-rss-mb")?,
            "--keep-going" => f.keep_going = true,
            other if !other.starts_with('-') => f.files.push(other.to_string()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if f.targets.is_empty() {
        f.targets = TARGETS.iter().collect();
    }
    Ok(f)
}

/// Runs the fuzzer in a child process and watches it: a crash that ends the
/// process (a stack overflow aborts, and no panic hook sees it) is reported with
/// the input that was running, which the child keeps in a file.
fn supervise(args: &[String]) -> Result<ExitCode, String> {
    let f = flags(args)?;
    if !f.files.is_empty() {
        return Err(format!("unexpected {:?}", f.files));
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let status = std::process::Command::new(exe)
        .arg("--worker")
        .args(args)
        .status()
        .map_err(|e| format!("could not start the fuzzing process: {e}"))?;
    // 0 clean, 1 panics found, 3 hang, 4 memory: the child said so itself.
    if let Some(code @ (0 | 1 | 3 | 4)) = status.code() {
        return Ok(ExitCode::from(code as u8));
    }
    let dir = corpus::crash_dir();
    let target = std::fs::read_to_string(guard::trail_target(&dir)).unwrap_or_default();
    let input = std::fs::read(guard::trail_input(&dir)).unwrap_or_default();
    let input = targets::lossy(&input);
    let path = report::save(&dir, &target, "abort", &input);
    println!("not ok - fuzz {target}: the process died ({status}): a stack overflow or an abort");
    report::print_input(&input, path.as_deref());
    Ok(ExitCode::from(5))
}

fn fuzz(args: &[String]) -> Result<ExitCode, String> {
    let f = flags(args)?;
    if !f.files.is_empty() {
        return Err(format!("unexpected {:?}", f.files));
    }
    guard::keep_trail(&corpus::crash_dir())
        .map_err(|e| format!("{}: {e}", corpus::crash_dir().display()))?;
    guard::install_hook();
    guard::start_watchdog(
        Duration::from_secs(f.hang_seconds),
        f.max_rss_mb,
        corpus::crash_dir(),
    );
    let budget = match (f.runs, f.seconds) {
        (_, Some(s)) => Budget::Time(Duration::from_secs(s) / f.targets.len() as u32),
        (Some(n), None) => Budget::Runs(n),
        (None, None) => Budget::Runs(200),
    };
    let options = Options {
        seed: f.seed,
        budget,
        keep_going: f.keep_going,
        crash_dir: corpus::crash_dir(),
    };
    let (mut runs, mut found) = (0, 0);
    for target in &f.targets {
        let stats = engine::fuzz(target, &options);
        runs += stats.runs;
        found += stats.findings.len();
        let excluded: u64 = stats.excluded.values().sum();
        let slowest = stats.slowest.first().map_or(0.0, |(t, _)| t.as_secs_f64());
        let summary = format!(
            "{} runs in {:.1} s ({:.0}/s), {} excluded, {} features, pool {}, slowest {:.3} s",
            stats.runs,
            stats.elapsed.as_secs_f64(),
            stats.runs as f64 / stats.elapsed.as_secs_f64().max(1e-9),
            excluded,
            stats.features,
            stats.pool,
            slowest
        );
        if stats.findings.is_empty() {
            println!("ok - fuzz {}: {summary}", target.name);
        } else {
            println!(
                "not ok - fuzz {}: {} panic(s), {} repeat(s); {summary}",
                target.name,
                stats.findings.len(),
                stats.repeats
            );
        }
        for (why, n) in &stats.excluded {
            println!("    excluded {n}: {why}");
        }
        if let Some((t, input)) = stats.slowest.first()
            && t.as_secs_f64() > 1.0
        {
            println!("    slowest input ({:.2} s):", t.as_secs_f64());
            report::print_input(input, None);
        }
    }
    println!("taintlab-fuzz: {runs} inputs, {found} panic(s)");
    Ok(if found == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn replay(args: &[String]) -> Result<ExitCode, String> {
    let f = flags(args)?;
    let [target] = f.targets.as_slice() else {
        return Err("replay needs one --target".into());
    };
    if f.files.is_empty() {
        return Err("replay needs files".into());
    }
    let mut failed = false;
    for file in &f.files {
        let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
        let text = (target.prepare)(&bytes);
        let started = std::time::Instant::now();
        match guard::catch(|| {
            if let Some(why) = (target.excluded)(&text) {
                println!("{file}: excluded ({why}), run all the same");
            }
            (target.run)(&text, &mut Vec::new())
        }) {
            Ok(()) => println!("{file}: ok in {:.3} s", started.elapsed().as_secs_f64()),
            Err(panic) => {
                failed = true;
                println!("{file}: panic at {}: {}", panic.location, panic.message);
                for frame in &panic.frames {
                    println!("    in {frame}");
                }
                let minimised = engine::minimise(target, &text, &panic.location);
                report::print_input(&minimised, None);
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
