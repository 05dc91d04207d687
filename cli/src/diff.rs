//! `taintlab diff`: what a change would do before it is made. The cluster is
//! built from the files and copied; the change is applied to the copy (the
//! fork) only; the same simulated time passes in both; then
//! `taintlab_core::what_if` lists every pod whose place or state differs, with
//! the reason for each, and counts them per node and per workload.

use crate::{ApplyOptions, load_cluster, parse_options, read, render};
use std::process::ExitCode;
use taintlab_core::Cluster;
use taintlab_core::clock::Time;
use taintlab_core::what_if;
use taintlab_shell::Terminal;

/// `taintlab diff [--cluster FILE] [--scheduler-config FILE] [--after SECONDS]
/// [FILE...] CHANGE`: exit status 0 when no pod would move, start, stop or
/// wait differently, 1 when one would, 2 on bad input.
pub fn command(args: &[String]) -> ExitCode {
    let (args, then) = match then_files(args) {
        Ok(split) => split,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", crate::HELP);
            return ExitCode::from(2);
        }
    };
    let (options, files) = match parse_options(&args, false) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", crate::HELP);
            return ExitCode::from(2);
        }
    };
    let Some((change, base)) = files.split_last() else {
        eprintln!("error: diff needs the CHANGE file\n\n{}", crate::HELP);
        return ExitCode::from(2);
    };
    let (before, after, since) = match clusters(&options, base, change, &then) {
        Ok(pair) => pair,
        Err(code) => return code,
    };
    let diff = what_if::diff(&before, &after, since);
    print!("{}", diff.text());
    if diff.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The cluster as the files make it, and the fork with the change applied,
/// after the same simulated time; and when the change was made.
fn clusters(
    options: &ApplyOptions,
    base: &[String],
    change: &str,
    then: &[String],
) -> Result<(Cluster, Cluster, Time), ExitCode> {
    let mut before = load_cluster(&options.cluster, options.scheduler_config.as_deref())?;
    for path in base {
        apply_file(&mut before, path)?;
    }
    let since = before.now();
    let after = if change.ends_with(".sh") {
        run_script(before.clone(), change)?
    } else {
        let mut after = before.clone();
        apply_file(&mut after, change)?;
        after
    };
    let mut after = after;
    for path in then {
        apply_file(&mut before, path)?;
        apply_file(&mut after, path)?;
    }
    before.advance(options.after_seconds);
    after.advance(options.after_seconds);
    Ok((before, after, since))
}

/// `--then FILE` (repeatable), taken out of the arguments: files applied to
/// both clusters after the change (the same workload under two scheduler
/// configurations).
fn then_files(args: &[String]) -> Result<(Vec<String>, Vec<String>), String> {
    let (mut rest, mut then) = (Vec::new(), Vec::new());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--then" {
            then.push(args.next().ok_or("--then needs a FILE")?.clone());
        } else if let Some(path) = arg.strip_prefix("--then=") {
            then.push(path.to_string());
        } else {
            rest.push(arg.clone());
        }
    }
    Ok((rest, then))
}

/// Runs a script of terminal commands (`kubectl taint`, `kubectl label`,
/// `kubectl cordon`, `kubectl delete node`, `kubectl apply -f`, ...) on the
/// copy, as `taintlab run` does, with the script's directory as the
/// terminal's working directory. What it prints is left out: the diff says
/// what it did. A command that fails stops nothing, as in a shell script, but
/// its error is reported on standard error.
fn run_script(cluster: Cluster, path: &str) -> Result<Cluster, ExitCode> {
    let script = read(path).map_err(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })?;
    let mut term = Terminal::new(cluster);
    crate::shell::load_workspace(&mut term, crate::shell::script_dir(path).as_path());
    let transcript = term.run_script(&script);
    for line in transcript.lines().filter(|l| l.starts_with("error:")) {
        eprintln!("{path}: {line}");
    }
    Ok(term.cluster().clone())
}

/// Applies one file, or reports its errors.
fn apply_file(cluster: &mut Cluster, path: &str) -> Result<(), ExitCode> {
    let text = read(path).map_err(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })?;
    // A scheduler configuration is applied as the page applies it.
    taintlab_core::recorded::apply_text(cluster, &text)
        .map(drop)
        .map_err(|errors| {
            for d in &errors {
                eprintln!("{}", render::diagnostic(path, d));
            }
            ExitCode::from(2)
        })
}
