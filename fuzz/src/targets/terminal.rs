//! A terminal session: several lines typed in sequence on one terminal, on the
//! host or in a node's shell, here-documents, pipes and lists included, each
//! completed with Tab before it runs, then a few clock steps. The lines go
//! through [`terminal_session::run`] as the page's do (history expansion, the
//! workspace's files, the session's log), and the logged session must replay to
//! the same cluster and files.

use super::{Target, exercise, feature, lossy, shapes::known_shell_shape, tutorial};
use crate::generate;
use crate::mutate::{COMMON_TOKENS, K8S_TOKENS, SHELL_TOKENS};
use taintlab_core::session::{Input, Session};
use taintlab_playground::terminal_session;
use taintlab_shell::Terminal;

/// Lines on the host's shell.
pub const HOST: Target = Target {
    name: "terminal",
    about: "terminal lines on the host (kubectl, files, pipes, here-documents), then clock steps and a replay",
    generate: Some(|u| generate::script(u, false)),
    prepare: lossy,
    excluded: known_shell_shape,
    run: |text, features| run(text, false, features),
    tokens: &[SHELL_TOKENS, COMMON_TOKENS, K8S_TOKENS],
    max_len: 8 * 1024,
};

/// Lines in a node's shell (`ssh worker` first).
pub const NODE: Target = Target {
    name: "node-shell",
    about: "lines in a node's shell after `ssh worker` (files, manifests, systemctl, crictl)",
    generate: Some(|u| generate::script(u, true)),
    prepare: lossy,
    excluded: known_shell_shape,
    run: |text, features| run(text, true, features),
    tokens: &[SHELL_TOKENS, COMMON_TOKENS, K8S_TOKENS],
    max_len: 8 * 1024,
};

/// Lines of a script run at most.
const MAX_LINES: usize = 40;
/// The clock steps after the lines: past a heartbeat, NotReady and eviction.
const STEPS: [u64; 4] = [1, 10, 60, 300];

fn run(script: &str, on_node: bool, features: &mut Vec<u64>) {
    let mut term = Terminal::new(tutorial());
    let mut session = Session {
        files: vec![(
            "redis-ds.yaml".into(),
            taintlab_core::TUTORIAL_DAEMONSET.into(),
        )],
        speed: 1,
        ..Session::default()
    };
    if on_node {
        terminal_session::run(&mut term, &mut session, "ssh worker", None);
    }
    run_lines(&mut term, &mut session, script, features);
    for seconds in STEPS {
        term.cluster_mut().advance(seconds);
        session.record(Input::Advance { seconds, times: 1 });
    }
    exercise(term.cluster(), features);
    replays_the_same(&term, &session);
}

/// Runs `script` line by line as the page's terminal does: a line that opens a
/// here-document takes the lines up to its delimiter as its body.
pub fn run_lines(
    term: &mut Terminal,
    session: &mut Session,
    script: &str,
    features: &mut Vec<u64>,
) {
    let mut lines = script.lines();
    let mut count = 0;
    while let Some(line) = lines.next() {
        count += 1;
        if count > MAX_LINES {
            break;
        }
        let stdin = Terminal::heredoc(line).map(|doc| doc.read_body(lines.by_ref(), |_| {}));
        complete(term, line);
        let _ = term.prompt();
        let out = terminal_session::run(term, session, line, stdin.as_deref());
        let command = line
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        features.push(feature(&format!("{command}:{}", out.code), &out.text));
        // Every failure says why, but grep finding nothing (status 1) is silent,
        // and a redirection (`2>file`) may take the message off the screen.
        assert!(
            out.code == 0
                || !out.text.trim().is_empty()
                || line.trim().is_empty()
                || line.contains('>')
                || (out.code == 1 && line.contains("grep")),
            "a failed command said nothing"
        );
    }
}

/// Tab at the end of the line and in its middle, and what Tab would make of it.
fn complete(term: &Terminal, line: &str) {
    let middle = (0..=line.len() / 2)
        .rev()
        .find(|i| line.is_char_boundary(*i))
        .unwrap_or(0);
    for cursor in [line.len(), middle] {
        let completion = term.complete(line, cursor);
        let (after, at) = completion.apply(line);
        assert!(
            after.is_char_boundary(at.min(after.len())),
            "completion cursor off a character"
        );
        let _ = completion.changes(line);
    }
}

/// The session's log, encoded and decoded as a share link carries it, replayed
/// on a fresh terminal, reaches the same cluster and the same files.
fn replays_the_same(term: &Terminal, session: &Session) {
    let decoded = match Session::decode(&session.encode()) {
        Ok(decoded) => decoded,
        Err(e) => panic!("a session the terminal logged does not decode: {e}"),
    };
    let mut again = Terminal::new(tutorial());
    for input in &decoded.log {
        terminal_session::replay(&mut again, input);
    }
    assert!(
        again.cluster().now() == term.cluster().now(),
        "replay reached another time"
    );
    let files = |t: &Terminal| -> Vec<(String, String)> {
        t.files()
            .iter()
            .map(|(n, c)| (n.clone(), c.clone()))
            .collect()
    };
    assert!(files(&again) == files(term), "replay reached other files");
    // Asked on the host, wherever the shell is now.
    let state = |t: &Terminal| {
        Terminal::new(t.cluster().clone())
            .run("kubectl get all,nodes -A -o yaml", None)
            .text
    };
    assert!(
        state(&again) == state(term),
        "replay reached another cluster"
    );
}

/// The session the page would log for `script` typed on the tutorial cluster
/// (used to seed the session corpora).
pub fn session_of_script(script: &str) -> Session {
    let mut term = Terminal::new(tutorial());
    let mut session = Session {
        files: vec![(
            "redis-ds.yaml".into(),
            taintlab_core::TUTORIAL_DAEMONSET.into(),
        )],
        speed: 1,
        ..Session::default()
    };
    run_lines(&mut term, &mut session, script, &mut Vec::new());
    session.record(Input::Advance {
        seconds: 1,
        times: 3,
    });
    session
}
