//! Guided lessons: short scenarios, each a starting cluster and a list of steps.
//!
//! A step has a goal, a hint (the command or YAML to try) and a check computed on
//! the cluster. Checks look at what the cluster holds (where pods are bound, which
//! taints a node carries, what a DaemonSet's template tolerates, the events the
//! controllers recorded), never at what was typed, so a step is done however the
//! learner got there: a terminal command, a button on a node card or the editor.
//!
//! Progress is read off the cluster as it is now ([`Lesson::progress`]): the
//! lesson has reached the step after the last one whose check holds. A step's
//! check only has to hold right after its own action; the steps before it count
//! as done because the lesson moved past them. Nothing is stored, so a replayed
//! session, a share link or the handover between the page's modules shows the
//! same progress.
//!
//! Each lesson is a YAML file under `playground/lessons/` (docs/lessons.md
//! describes the format and the check language); [`parse`] reads one, and
//! [`author::check_lesson`] proves that its steps can be done.
//!
//! The texts are in English and Simplified Chinese, written for taintlab (the
//! tutorial that inspired the first lessons is only followed in its path).

pub mod author;
pub mod check;
pub mod checks;
mod errors;
mod file;
mod predicates;
mod start;
#[cfg(test)]
mod tests;

pub use check::Check;
pub use errors::LessonError;
pub use file::parse;

use std::sync::OnceLock;
use taintlab_core::Cluster;
use taintlab_core::session::{self, Input};
use taintlab_shell::Terminal;

/// A text in both of the UI's languages. Names, commands and fields are set off
/// in backticks (`` `worker` ``), for the UI to show as code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

/// What to try for a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// Terminal lines, one command a line; a line that opens a here-document is
    /// followed by its body and delimiter, as typed.
    Shell(String),
    /// YAML to apply: the editor's Apply, or `kubectl apply -f -` in the terminal.
    Yaml(String),
}

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What to do and what to look for.
    pub goal: Text,
    /// The exact command or YAML that does it.
    pub hint: Hint,
    /// What just happened and why, shown once the step is done.
    pub why: Text,
    /// What the cluster shows once the step is done.
    pub check: Check,
    /// The reference solution, a script as `taintlab run` reads it; `None` when
    /// the hint is the solution.
    pub solution: Option<String>,
}

/// A guided scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Stable name (share links keep it).
    pub id: String,
    /// Title.
    pub title: Text,
    /// One line for the list of lessons.
    pub summary: Text,
    /// What the lesson is about and what the cluster holds at its start.
    pub intro: Text,
    /// The named cluster it starts from ([`session::STARTS`]).
    pub start: String,
    /// A cluster of its own instead of `start`: a kind config, Node objects
    /// (`kubectl get nodes -o yaml`) or a whole cluster's state, imported as
    /// the page's Import imports it.
    pub cluster: Option<String>,
    /// YAML applied once the cluster has started; empty for none.
    pub setup: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// The lesson files that ship with taintlab, by name, in the order the list
/// shows them: the tutorial's path first. Embedded, so the page has them offline.
pub const FILES: [(&str, &str); 11] = [
    (
        "01-tutorial.yaml",
        include_str!("../../lessons/01-tutorial.yaml"),
    ),
    (
        "02-control-plane.yaml",
        include_str!("../../lessons/02-control-plane.yaml"),
    ),
    (
        "03-static-pods.yaml",
        include_str!("../../lessons/03-static-pods.yaml"),
    ),
    (
        "04-no-execute.yaml",
        include_str!("../../lessons/04-no-execute.yaml"),
    ),
    (
        "05-prefer-no-schedule.yaml",
        include_str!("../../lessons/05-prefer-no-schedule.yaml"),
    ),
    (
        "06-cordon-drain.yaml",
        include_str!("../../lessons/06-cordon-drain.yaml"),
    ),
    (
        "07-not-ready.yaml",
        include_str!("../../lessons/07-not-ready.yaml"),
    ),
    (
        "08-affinity.yaml",
        include_str!("../../lessons/08-affinity.yaml"),
    ),
    (
        "09-spread-zones.yaml",
        include_str!("../../lessons/09-spread-zones.yaml"),
    ),
    (
        "10-priority-preemption.yaml",
        include_str!("../../lessons/10-priority-preemption.yaml"),
    ),
    (
        "11-seed-chapter.yaml",
        include_str!("../../lessons/11-seed-chapter.yaml"),
    ),
];

/// Every shipped lesson, read from [`FILES`] once. A file that does not read is
/// left out (the tests make sure none is).
pub fn all() -> &'static [Lesson] {
    static LESSONS: OnceLock<Vec<Lesson>> = OnceLock::new();
    LESSONS.get_or_init(|| {
        FILES
            .iter()
            .filter_map(|(name, text)| parse(name, text).ok())
            .collect()
    })
}

/// The lesson called `id`.
pub fn find(id: &str) -> Option<&'static Lesson> {
    all().iter().find(|l| l.id == id)
}

impl Lesson {
    /// The inputs that start the lesson: a reset to its cluster, then its setup.
    /// Recording them in the session's log keeps replay exact.
    pub fn start_inputs(&self) -> Vec<Input> {
        let own = self
            .cluster
            .as_deref()
            .and_then(|text| start::inputs(text).ok());
        let mut inputs = own.unwrap_or_else(|| vec![Input::Reset(self.start.clone())]);
        if !self.setup.is_empty() {
            inputs.push(Input::Apply(self.setup.clone()));
        }
        inputs
    }

    /// The cluster at the lesson's start.
    pub fn start_cluster(&self) -> Cluster {
        let mut cluster = Cluster::default();
        for input in self.start_inputs() {
            session::replay(&mut cluster, &input);
        }
        cluster
    }

    /// How many steps are done: every step up to the last one whose check holds.
    pub fn progress(&self, cluster: &Cluster) -> usize {
        self.steps
            .iter()
            .rposition(|step| step.check.holds(cluster))
            .map_or(0, |last| last + 1)
    }

    /// Whether every step is done.
    pub fn complete(&self, cluster: &Cluster) -> bool {
        self.progress(cluster) == self.steps.len()
    }
}

impl Hint {
    /// The text as shown: the commands or the YAML.
    pub fn text(&self) -> &str {
        match self {
            Hint::Shell(text) | Hint::Yaml(text) => text,
        }
    }

    /// The terminal commands that do what the hint says, each with the body of its
    /// here-document; YAML becomes `kubectl apply -f - <<EOF`.
    pub fn commands(&self) -> Vec<(String, Option<String>)> {
        match self {
            Hint::Yaml(yaml) => vec![(
                "kubectl apply -f - <<EOF".to_string(),
                Some(yaml.to_string()),
            )],
            Hint::Shell(script) => script_commands(script),
        }
    }
}

impl Step {
    /// The reference solution's commands: the `solution` script, or the hint's.
    pub fn solution_commands(&self) -> Vec<(String, Option<String>)> {
        match &self.solution {
            Some(script) => script_commands(script),
            None => self.hint.commands(),
        }
    }
}

/// The commands of a script as `taintlab run` reads it, each with the body of its
/// here-document; blank lines and `#` comments are left out.
pub fn script_commands(script: &str) -> Vec<(String, Option<String>)> {
    let mut commands = Vec::new();
    let mut lines = script.lines();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let stdin = Terminal::heredoc(line).map(|doc| doc.read_body(lines.by_ref(), |_| {}));
        commands.push((line.to_string(), stdin));
    }
    commands
}
