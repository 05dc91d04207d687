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
//! The texts are in English and Simplified Chinese, written for taintlab (the
//! tutorial that inspired the first lessons is only followed in its path).

#[macro_use]
mod setups;

mod affinity;
pub mod checks;
mod control_plane;
mod cordon_drain;
mod no_execute;
mod not_ready;
mod preemption;
mod prefer_no_schedule;
mod spread;
mod static_pods;
#[cfg(test)]
mod tests;
mod tutorial;

use taintlab_core::Cluster;
use taintlab_core::session::{self, Input};
use taintlab_shell::Terminal;

/// A text in both of the UI's languages. Names, commands and fields are set off
/// in backticks (`` `worker` ``), for the UI to show as code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

/// What to try for a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Terminal lines, one command a line; a line that opens a here-document is
    /// followed by its body and delimiter, as typed.
    Shell(&'static str),
    /// YAML to apply: the editor's Apply, or `kubectl apply -f -` in the terminal.
    Yaml(&'static str),
}

/// One step of a lesson.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// What to do and what to look for.
    pub goal: Text,
    /// The exact command or YAML that does it.
    pub hint: Hint,
    /// What just happened and why, shown once the step is done.
    pub why: Text,
    /// Whether the cluster shows the step done.
    pub check: fn(&Cluster) -> bool,
}

/// A guided scenario.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    /// Stable name (share links keep it).
    pub id: &'static str,
    /// Title.
    pub title: Text,
    /// One line for the list of lessons.
    pub summary: Text,
    /// What the lesson is about and what the cluster holds at its start.
    pub intro: Text,
    /// The named cluster it starts from ([`session::STARTS`]).
    pub start: &'static str,
    /// YAML applied once the cluster has started; empty for none.
    pub setup: &'static str,
    /// The steps, in order.
    pub steps: &'static [Step],
}

/// Every lesson, in the order the list shows them: the tutorial's path first.
pub static LESSONS: [&Lesson; 10] = [
    &tutorial::LESSON,
    &control_plane::LESSON,
    &static_pods::LESSON,
    &no_execute::LESSON,
    &prefer_no_schedule::LESSON,
    &cordon_drain::LESSON,
    &not_ready::LESSON,
    &affinity::LESSON,
    &spread::LESSON,
    &preemption::LESSON,
];

/// The lesson called `id`.
pub fn find(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().copied().find(|l| l.id == id)
}

impl Lesson {
    /// The inputs that start the lesson: a reset to its cluster, then its setup.
    /// Recording them in the session's log keeps replay exact.
    pub fn start_inputs(&self) -> Vec<Input> {
        let mut inputs = vec![Input::Reset(self.start.to_string())];
        if !self.setup.is_empty() {
            inputs.push(Input::Apply(self.setup.to_string()));
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
            .rposition(|step| (step.check)(cluster))
            .map_or(0, |last| last + 1)
    }

    /// Whether every step is done.
    pub fn complete(&self, cluster: &Cluster) -> bool {
        self.progress(cluster) == self.steps.len()
    }
}

impl Hint {
    /// The text as shown: the commands or the YAML.
    pub fn text(&self) -> &'static str {
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
            Hint::Shell(script) => {
                let mut commands = Vec::new();
                let mut lines = script.lines();
                while let Some(line) = lines.next() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let stdin =
                        Terminal::heredoc(line).map(|doc| doc.read_body(lines.by_ref(), |_| {}));
                    commands.push((line.to_string(), stdin));
                }
                commands
            }
        }
    }
}
