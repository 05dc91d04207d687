//! Terminal lines: core's kubectl and node-shell interpreter run as part of the
//! session ([`crate::terminal_session::run`] keeps the terminal's
//! files and the workspace's the same, logs the line and adds it to the
//! history). What a line prints is an [`Effect::Print`]: the screen is the
//! page's, not part of the session, so a restored or handed-over session starts
//! with an empty one.

use super::{Effect, Playground};
use crate::terminal_session;
use taintlab_shell::Terminal;

/// One command on the screen: its prompt, the lines typed (a here-document's
/// after the first), and what it printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The prompt the command was typed at.
    pub prompt: String,
    /// The line typed, then a here-document's lines and its delimiter.
    pub lines: Vec<String>,
    /// Standard output and standard error.
    pub output: String,
    /// The exit status: not 0 is shown as an error.
    pub code: i32,
}

impl Playground {
    /// Runs `line` (with its here-document's body) on the terminal.
    pub(super) fn run_command(&mut self, line: String, stdin: Option<String>) -> Vec<Effect> {
        // `kubectl get` right after a big change reads what it reached.
        self.settle_fully();
        let prompt = self.terminal.prompt();
        let mut lines = vec![line.clone()];
        if let (Some(body), Some(doc)) = (&stdin, Terminal::heredoc(&line)) {
            lines.extend(body.lines().map(str::to_string));
            lines.push(doc.delimiter);
        }
        let out = terminal_session::run(
            &mut self.terminal,
            &mut self.session,
            &line,
            stdin.as_deref(),
        );
        self.refresh();
        if out.clear {
            return vec![Effect::ClearScreen];
        }
        vec![Effect::Print(Entry {
            prompt,
            lines,
            output: out.text,
            code: out.code,
        })]
    }

    /// Ctrl+C: the lines typed so far, shown abandoned (`^C`, status 130).
    pub(super) fn interrupted(&self, mut lines: Vec<String>) -> Effect {
        if let Some(last) = lines.last_mut() {
            last.push_str("^C");
        }
        Effect::Print(Entry {
            prompt: self.terminal.prompt(),
            lines,
            output: String::new(),
            code: 130,
        })
    }
}
