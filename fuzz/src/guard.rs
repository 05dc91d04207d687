//! What keeps a fuzzing run honest: a panic hook that records the message and
//! where it happened (instead of printing it), and a watchdog thread that reports
//! an input that runs too long or makes the process grow too large. A hang cannot
//! be caught like a panic, so the watchdog writes the input out and ends the
//! process.

use crate::report;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A panic caught while running an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic {
    /// The panic's message.
    pub message: String,
    /// `file:line:column` of the panic.
    pub location: String,
    /// The frames of taintlab's own code that led there, innermost first.
    pub frames: Vec<String>,
}

static LAST_PANIC: Mutex<Option<Panic>> = Mutex::new(None);

/// Installs the hook that records panics quietly (once per process).
pub fn install_hook() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        panic::set_hook(Box::new(|info| {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(a panic without a message)".to_string());
            let location = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            let trace = std::backtrace::Backtrace::force_capture().to_string();
            let frames = own_frames(&trace);
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = Some(Panic {
                    message,
                    location,
                    frames,
                });
            }
        }));
    });
}

/// The crates whose frames a report keeps: the product, not the fuzzer or std.
const OWN_CRATES: [&str; 4] = [
    "taintlab_core::",
    "taintlab_kubectl::",
    "taintlab_shell::",
    "taintlab_playground::",
];

/// A source path from its crate's folder on (`core/src/session.rs`).
fn crate_path(path: &str) -> &str {
    [
        "/core/src/",
        "/kubectl/src/",
        "/shell/src/",
        "/playground/src/",
    ]
    .iter()
    .filter_map(|dir| path.rfind(dir).map(|i| &path[i + 1..]))
    .min_by_key(|p| p.len())
    .unwrap_or(path)
}

/// The product's functions in a printed backtrace, with their locations.
fn own_frames(trace: &str) -> Vec<String> {
    let mut frames = Vec::new();
    let mut lines = trace.lines().peekable();
    while let Some(line) = lines.next() {
        let line = line.trim();
        let Some((_, function)) = line.split_once(": ") else {
            continue;
        };
        if !OWN_CRATES.iter().any(|c| function.starts_with(c)) {
            continue;
        }
        let at = lines
            .peek()
            .and_then(|l| l.trim().strip_prefix("at "))
            .map(|l| format!(" at {}", crate_path(l)))
            .unwrap_or_default();
        frames.push(format!("{function}{at}"));
        if frames.len() == 8 {
            break;
        }
    }
    frames
}

/// Runs `f`, returning the panic it raised, if any.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    install_hook();
    if let Ok(mut last) = LAST_PANIC.lock() {
        *last = None;
    }
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        LAST_PANIC
            .lock()
            .ok()
            .and_then(|mut last| last.take())
            .unwrap_or(Panic {
                message: "(a panic the hook did not see)".into(),
                location: String::new(),
                frames: Vec::new(),
            })
    })
}

/// What the watchdog watches: the input running now and since when.
struct Watched {
    target: String,
    input: String,
}

static CURRENT: Mutex<Option<Watched>> = Mutex::new(None);
/// Milliseconds since [`epoch`] when the current input started; 0 when idle.
static STARTED: AtomicU64 = AtomicU64::new(0);

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn now_millis() -> u64 {
    // At least 1, so that 0 can mean idle.
    (epoch().elapsed().as_millis() as u64).max(1)
}

/// The files where the running input is kept, for a crash that ends the process
/// (a stack overflow aborts; no hook sees it): the supervisor reads them.
struct Trail {
    target: std::fs::File,
    input: std::fs::File,
    last_target: String,
}

static TRAIL: Mutex<Option<Trail>> = Mutex::new(None);

/// The file that names the running target, in `dir`.
pub fn trail_target(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join(".running-target")
}

/// The file that holds the running input, in `dir`.
pub fn trail_input(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join(".running-input")
}

/// Keeps each input in `dir` while it runs (two small writes per input).
pub fn keep_trail(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let open = |path| {
        std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(path)
    };
    let trail = Trail {
        target: open(trail_target(dir))?,
        input: open(trail_input(dir))?,
        last_target: String::new(),
    };
    if let Ok(mut t) = TRAIL.lock() {
        *t = Some(trail);
    }
    Ok(())
}

fn write_trail(target: &str, input: &str) {
    use std::io::{Seek, Write};
    let Ok(mut guard) = TRAIL.lock() else {
        return;
    };
    let Some(trail) = guard.as_mut() else {
        return;
    };
    let rewrite = |file: &mut std::fs::File, bytes: &[u8]| {
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = file.write_all(bytes);
    };
    if trail.last_target != target {
        rewrite(&mut trail.target, target.as_bytes());
        trail.last_target = target.to_string();
    }
    rewrite(&mut trail.input, input.as_bytes());
}

/// Marks `input` of `target` as running (the watchdog reports it if it hangs).
pub fn running(target: &str, input: &str) {
    write_trail(target, input);
    if let Ok(mut current) = CURRENT.lock() {
        match current.as_mut() {
            Some(w) => {
                w.target.clear();
                w.target.push_str(target);
                w.input.clear();
                w.input.push_str(input);
            }
            None => {
                *current = Some(Watched {
                    target: target.to_string(),
                    input: input.to_string(),
                })
            }
        }
    }
    STARTED.store(now_millis(), Ordering::SeqCst);
}

/// Marks the current input as done.
pub fn done() {
    STARTED.store(0, Ordering::SeqCst);
}

/// Starts the watchdog: an input running longer than `hang` or a process larger
/// than `max_rss_mb` is written to `crash_dir`, printed, and the process ends
/// with status 3 (hang) or 4 (memory).
pub fn start_watchdog(hang: Duration, max_rss_mb: u64, crash_dir: std::path::PathBuf) {
    let _ = epoch();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let started = STARTED.load(Ordering::SeqCst);
            if started == 0 {
                continue;
            }
            let elapsed = now_millis().saturating_sub(started);
            let rss = rss_mb();
            let what = if elapsed > hang.as_millis() as u64 {
                Some(("hang", format!("ran for more than {} s", hang.as_secs()), 3))
            } else if rss.is_some_and(|mb| mb > max_rss_mb) {
                Some((
                    "memory",
                    format!("the process grew past {max_rss_mb} MB"),
                    4,
                ))
            } else {
                None
            };
            if let Some((kind, why, code)) = what {
                let (target, input) = CURRENT
                    .lock()
                    .ok()
                    .and_then(|c| c.as_ref().map(|w| (w.target.clone(), w.input.clone())))
                    .unwrap_or_default();
                let path = report::save(&crash_dir, &target, kind, &input);
                println!("not ok - fuzz {target}: {kind}: an input {why}");
                report::print_input(&input, path.as_deref());
                std::process::exit(code);
            }
        }
    });
}

/// The resident set size of this process in MB (Linux), if known.
fn rss_mb() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / (1024 * 1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_with_its_message_and_place() {
        let caught = catch(|| {
            let v: Vec<u8> = Vec::new();
            v[3]
        });
        let panic = caught.unwrap_err();
        assert!(panic.message.contains("index out of bounds"), "{panic:?}");
        assert!(panic.location.contains("guard.rs"), "{panic:?}");
        assert_eq!(catch(|| 5), Ok(5));
    }

    #[test]
    fn own_frames_keeps_the_products_crates_only() {
        let trace = "   0: std::panicking::begin\n             at /rustc/x/library/std/src/panicking.rs:1:1\n   1: taintlab_core::session::record\n             at /work/core/src/session.rs:432:21\n   2: taintlab_shell::Terminal::run\n             at /work/shell/src/lib.rs:10:5\n   3: taintlab_fuzz::engine::run\n";
        assert_eq!(
            own_frames(trace),
            [
                "taintlab_core::session::record at core/src/session.rs:432:21",
                "taintlab_shell::Terminal::run at shell/src/lib.rs:10:5"
            ]
        );
    }
}
