//! `taintlab lesson check`: proves a lesson file can be done as written.
//!
//! The file must read ([`super::parse`]: the schema, both languages, every check).
//! Then, from the lesson's starting cluster, each step's reference solution runs
//! in a terminal (its `solution` script, or its hint), as a learner would type
//! it, followed by a pause of [`PAUSE_SECONDS`]; the step's check must be false
//! before the solution and true after it, the lesson's progress must move by
//! exactly one step, and every object the check names outside a `not` must exist.

use super::check::{ObjectRef, exists};
use super::errors::{Errors, LessonError};
use super::{Lesson, parse};
use taintlab_shell::Terminal;

/// Seconds the learner spends after each step's solution (the page's clock runs).
pub const PAUSE_SECONDS: u64 = 5;

/// Characters of a failed command's output quoted in an error.
const QUOTED_OUTPUT: usize = 400;

/// What a passing check found: one line a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passed {
    /// The lesson's id.
    pub id: String,
    /// How many steps were proven.
    pub steps: usize,
}

/// Reads the lesson in `text` (the file `file`) and runs its reference solution.
pub fn check_lesson(file: &str, text: &str) -> Result<Passed, Vec<LessonError>> {
    let lesson = parse(file, text)?;
    let mut errors = Errors::new(file, text);
    run_solution(&lesson, &mut errors);
    if errors.list.is_empty() {
        Ok(Passed {
            id: lesson.id,
            steps: lesson.steps.len(),
        })
    } else {
        Err(errors.list)
    }
}

/// Runs every step's solution, stopping at the first step that fails: the steps
/// after it would start from a cluster the author did not mean.
fn run_solution(lesson: &Lesson, errors: &mut Errors) {
    let mut cluster = taintlab_core::Cluster::default();
    for input in lesson.start_inputs() {
        if !taintlab_core::session::replay(&mut cluster, &input) {
            errors.at("setup", "the setup does not apply to the starting cluster");
            return;
        }
    }
    if !lesson.setup.is_empty() {
        // A refused apply is skipped on replay: apply it again to hear why.
        if let Some(mut fresh) = taintlab_core::session::start(&lesson.start)
            && let Err(diagnostics) = fresh.apply(&lesson.setup)
        {
            let first = diagnostics
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            errors.at("setup", format!("the setup is refused: {first}"));
            return;
        }
    }
    let mut terminal = Terminal::new(cluster);
    for (i, step) in lesson.steps.iter().enumerate() {
        let n = i + 1;
        let at = format!("steps[{i}]");
        let check_at = format!("{at}.check");
        if step.check.holds(terminal.cluster()) {
            errors.at(
                &check_at,
                format!("step {n}: the check already holds before the step's solution runs, so the step would show done before the learner acts"),
            );
            return;
        }
        let solution_at = if step.solution.is_some() {
            format!("{at}.solution")
        } else {
            match step.hint {
                super::Hint::Shell(_) => format!("{at}.shell"),
                super::Hint::Yaml(_) => format!("{at}.yaml"),
            }
        };
        for (line, stdin) in step.solution_commands() {
            let out = terminal.run(&line, stdin.as_deref());
            if out.code != 0 {
                let quoted: String = out.text.chars().take(QUOTED_OUTPUT).collect();
                errors.at(
                    &solution_at,
                    format!(
                        "step {n}: `{line}` failed (exit status {}):\n{}",
                        out.code,
                        quoted.trim_end()
                    ),
                );
                return;
            }
        }
        terminal.run(&format!("sleep {PAUSE_SECONDS}"), None);
        let cluster = terminal.cluster();
        let mut named: Vec<ObjectRef> = Vec::new();
        step.check.named_objects(&mut named);
        for object in named {
            if !exists(cluster, &object) {
                errors.at(
                    &check_at,
                    format!(
                        "step {n}: the check names {}/{}, which does not exist after the step's solution",
                        object.kind.api_name().to_ascii_lowercase(),
                        object.name
                    ),
                );
            }
        }
        if !step.check.holds(cluster) {
            errors.at(
                &check_at,
                format!("step {n}: the check does not hold after the step's solution and {PAUSE_SECONDS} s"),
            );
        }
        let done = lesson.progress(cluster);
        if errors.list.is_empty() && done != n {
            errors.at(
                &check_at,
                format!("step {n}: after its solution the lesson shows {done} steps done, not {n}: a later step's check holds already"),
            );
        }
        if !errors.list.is_empty() {
            return;
        }
    }
}
