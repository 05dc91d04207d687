//! The fuzzing loop for one target: first every corpus input, then, for as many
//! executions or as long as the budget allows, inputs generated with `arbitrary`
//! (one in four) or mutated from the pool. An input that does something no input
//! did before (a new error message, a new exit status: see [`crate::targets::feature`])
//! joins the pool, a cheap stand-in for coverage feedback. Each input runs under
//! `catch_unwind` and the watchdog; a panic is minimised, saved and printed.

use crate::guard::{self, Panic};
use crate::mutate::mutate;
use crate::report;
use crate::rng::Rng;
use crate::targets::Target;
use arbitrary::Unstructured;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How much to run.
#[derive(Debug, Clone, Copy)]
pub enum Budget {
    /// A fixed number of attempts (deterministic: the CI run).
    Runs(u64),
    /// As many as fit in this time.
    Time(Duration),
}

/// Options of a run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The seed.
    pub seed: u64,
    /// How much to run.
    pub budget: Budget,
    /// Go on after a finding (else stop the target at the first).
    pub keep_going: bool,
    /// Where findings are written.
    pub crash_dir: PathBuf,
}

/// A panic found, and the input that raised it.
#[derive(Debug, Clone)]
pub struct Finding {
    /// What panicked, and where.
    pub panic: Panic,
    /// The input as it was run.
    pub input: String,
    /// The smallest input found that panics at the same place.
    pub minimised: String,
    /// Where the input was saved.
    pub path: Option<PathBuf>,
}

/// What a run of one target did.
#[derive(Debug, Default)]
pub struct Stats {
    /// Inputs run.
    pub runs: u64,
    /// Inputs left out, by reason.
    pub excluded: BTreeMap<&'static str, u64>,
    /// Panics at a place not seen before.
    pub findings: Vec<Finding>,
    /// Further panics at a place already found.
    pub repeats: u64,
    /// Time spent.
    pub elapsed: Duration,
    /// The slowest inputs: time and input.
    pub slowest: Vec<(Duration, String)>,
    /// Inputs in the pool at the end.
    pub pool: usize,
    /// Distinct features seen.
    pub features: usize,
}

/// The most inputs the pool holds.
const MAX_POOL: usize = 2000;

/// Fuzzes `target`.
pub fn fuzz(target: &Target, options: &Options) -> Stats {
    let started = Instant::now();
    let mut rng = Rng::new(options.seed ^ crate::rng::hash(target.name.as_bytes()));
    let seeds: Vec<Vec<u8>> = crate::corpus::load(&crate::corpus::dir(target.name))
        .into_iter()
        .map(|(_, bytes)| bytes)
        .collect();
    let mut pool = seeds.clone();
    let mut seen: HashSet<u64> = HashSet::new();
    let mut places: HashSet<String> = HashSet::new();
    let mut stats = Stats::default();
    let mut features = Vec::new();
    let mut attempt: u64 = 0;
    loop {
        let more = match options.budget {
            Budget::Runs(n) => attempt < n,
            Budget::Time(t) => started.elapsed() < t,
        };
        if !more {
            break;
        }
        let raw = next_input(target, &mut rng, &seeds, &pool, attempt);
        attempt += 1;
        // Preparing and the exclusion check run the engine's code too (a session
        // is decoded to be checked), so they are watched and caught as well.
        let lossy = crate::targets::lossy(&raw);
        guard::running(target.name, &lossy);
        let t0 = Instant::now();
        let prepared = guard::catch(|| {
            let text = (target.prepare)(&raw);
            let why = (target.excluded)(&text);
            (text, why)
        });
        let (text, result) = match prepared {
            Ok((text, Some(why))) => {
                guard::done();
                let _ = text;
                *stats.excluded.entry(why).or_default() += 1;
                continue;
            }
            Ok((text, None)) => {
                features.clear();
                guard::running(target.name, &text);
                let result = guard::catch(|| (target.run)(&text, &mut features));
                (text, result)
            }
            Err(panic) => (lossy, Err(panic)),
        };
        let took = t0.elapsed();
        guard::done();
        stats.runs += 1;
        note_slow(&mut stats.slowest, took, &text);
        match result {
            Ok(()) => {
                let new = features.iter().filter(|f| seen.insert(**f)).count();
                if new > 0 && attempt as usize > seeds.len() {
                    if pool.len() < MAX_POOL {
                        pool.push(raw);
                    } else {
                        let at = rng.below(pool.len() - seeds.len()) + seeds.len();
                        pool[at] = raw;
                    }
                }
            }
            Err(panic) => {
                if !places.insert(panic.location.clone()) {
                    stats.repeats += 1;
                    continue;
                }
                let minimised = minimise(target, &text, &panic.location);
                let path = report::save(&options.crash_dir, target.name, "panic", &minimised);
                let _ = report::save(&options.crash_dir, target.name, "panic-full", &text);
                println!(
                    "fuzz {}: panic at {}: {}",
                    target.name, panic.location, panic.message
                );
                for frame in &panic.frames {
                    println!("    in {frame}");
                }
                report::print_input(&minimised, path.as_deref());
                stats.findings.push(Finding {
                    panic,
                    input: text,
                    minimised,
                    path,
                });
                if !options.keep_going {
                    break;
                }
            }
        }
    }
    stats.elapsed = started.elapsed();
    stats.pool = pool.len();
    stats.features = seen.len();
    stats
}

/// The next input: the corpus first, then generated or mutated ones.
fn next_input(
    target: &Target,
    rng: &mut Rng,
    seeds: &[Vec<u8>],
    pool: &[Vec<u8>],
    attempt: u64,
) -> Vec<u8> {
    if let Some(seed) = seeds.get(attempt as usize) {
        return seed.clone();
    }
    let mut raw = if pool.is_empty() || rng.one_in(4) {
        let len = 64 + rng.below(4096);
        let bytes = rng.bytes(len);
        match target.generate {
            Some(generate) => generate(&mut Unstructured::new(&bytes))
                .map(String::into_bytes)
                .unwrap_or(bytes),
            None => bytes,
        }
    } else {
        let mut input = rng.pick(pool).clone();
        mutate(rng, &mut input, pool, target.tokens);
        input
    };
    raw.truncate(target.max_len);
    raw
}

/// Keeps the three slowest inputs.
fn note_slow(slowest: &mut Vec<(Duration, String)>, took: Duration, text: &str) {
    if slowest.len() < 3 || slowest.last().is_some_and(|(t, _)| took > *t) {
        slowest.push((took, text.to_string()));
        slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
        slowest.truncate(3);
    }
}

/// The smallest input found (by removing lines, then characters) that still
/// panics at `location`. Bounded in tries and time.
pub fn minimise(target: &Target, text: &str, location: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut best = text.to_string();
    let panics_here = |candidate: &str| {
        guard::running(target.name, candidate);
        let result = guard::catch(|| {
            if (target.excluded)(candidate).is_none() {
                (target.run)(candidate, &mut Vec::new());
            }
        });
        guard::done();
        matches!(result, Err(p) if p.location == location)
    };
    for by_lines in [true, false] {
        let units = |s: &str| -> Vec<String> {
            if by_lines {
                s.split_inclusive('\n').map(str::to_string).collect()
            } else {
                s.chars().map(String::from).collect()
            }
        };
        let mut chunk = units(&best).len().div_ceil(2).max(1);
        loop {
            let mut at = 0;
            while at < units(&best).len() && Instant::now() < deadline {
                let parts = units(&best);
                let end = (at + chunk).min(parts.len());
                let candidate: String = parts[..at].concat() + &parts[end..].concat();
                if panics_here(&candidate) {
                    best = candidate;
                } else {
                    at += chunk;
                }
            }
            if chunk == 1 || Instant::now() >= deadline {
                break;
            }
            chunk = chunk.div_ceil(2);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::{self, TARGETS};

    const BOOM: Target = Target {
        name: "boom-test",
        about: "panics when the input holds `boom`",
        generate: Some(|u| {
            let n: u8 = u.arbitrary()?;
            Ok(if n == 7 {
                "a boom b".into()
            } else {
                "calm".into()
            })
        }),
        prepare: targets::lossy,
        excluded: |t| t.contains("skip").then_some("skipped"),
        run: |t, features| {
            features.push(targets::feature("len", &t.len().to_string()));
            if t.contains("boom") {
                panic!("found a boom");
            }
        },
        tokens: &[&["boom", "skip"]],
        max_len: 64,
    };

    /// The panic hook that catches findings is global to the process, so tests
    /// that fuzz take turns: one test's panic must not reach another's hook.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

    fn turn() -> std::sync::MutexGuard<'static, ()> {
        ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn options(runs: u64) -> Options {
        Options {
            seed: 1,
            budget: Budget::Runs(runs),
            keep_going: true,
            crash_dir: std::env::temp_dir()
                .join(format!("taintlab-fuzz-test-{}", std::process::id())),
        }
    }

    #[test]
    fn a_panic_is_found_minimised_and_reported_once() {
        let _turn = turn();
        let stats = fuzz(&BOOM, &options(3000));
        assert_eq!(stats.findings.len(), 1, "{stats:?}");
        let finding = &stats.findings[0];
        assert_eq!(finding.panic.message, "found a boom");
        assert_eq!(finding.minimised, "boom");
        assert!(stats.repeats > 0);
        assert!(stats.excluded.get("skipped").is_some_and(|n| *n > 0));
        let _ = std::fs::remove_dir_all(&options(0).crash_dir);
    }

    #[test]
    fn the_same_seed_makes_the_same_run() {
        let _turn = turn();
        let a = fuzz(&BOOM, &options(500));
        let b = fuzz(&BOOM, &options(500));
        assert_eq!((a.runs, a.repeats, a.pool), (b.runs, b.repeats, b.pool));
        let _ = std::fs::remove_dir_all(&options(0).crash_dir);
    }

    #[test]
    fn every_target_runs_its_corpus_and_a_few_more_inputs() {
        let _turn = turn();
        for target in TARGETS {
            let seeds = crate::corpus::load(&crate::corpus::dir(target.name)).len() as u64;
            let stats = fuzz(target, &options(seeds.min(3) + 2));
            assert!(
                stats.findings.is_empty(),
                "{}: {:?}",
                target.name,
                stats.findings
            );
            assert!(stats.runs > 0, "{}", target.name);
        }
    }
}
