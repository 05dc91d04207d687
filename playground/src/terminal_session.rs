//! A terminal command run in a session: the terminal and the session's workspace
//! see the same files, and the session's log records what a replay needs to reach
//! the same cluster and the same files.
//!
//! The page's terminal runs every line through [`run`]. Before the line, the
//! terminal's host files are made the workspace's (`kubectl apply -f FILE` reads
//! the editor's text), each change logged as an [`Input::File`]; a file gone from
//! the workspace is removed with a logged `rm`. After it, the line is logged as an
//! [`Input::Command`] and joins the history (which the UI's buttons share), and
//! the files the command wrote or removed on the host (`cat > x.yaml <<EOF`,
//! `rm x.yaml`) are written to or removed from the workspace.

use taintlab_core::session::{Input, Session};
use taintlab_core::sorted_map::SortedMap;
use taintlab_shell::history;
use taintlab_shell::{Output, Terminal};

/// Runs `line` (with its here-document's `stdin`) in `term` for `session`. A blank
/// line runs nothing and is neither logged nor kept in the history, as in bash.
///
/// The line is interactive, as in a terminal: `!` references to the history are
/// expanded first (the expanded line is echoed, kept and logged), and `history`
/// lists or clears the history.
pub fn run(term: &mut Terminal, session: &mut Session, line: &str, stdin: Option<&str>) -> Output {
    if line.trim().is_empty() {
        return Output::ok("");
    }
    let (line, stdin, echo) = match history::expand(line, &session.history) {
        Ok(None) => (line.to_string(), stdin.map(str::to_string), String::new()),
        // A recalled here-document brings its body along.
        Ok(Some(expanded)) => {
            let echo = format!("{expanded}\n");
            let (line, body) = history::command(&expanded);
            (line, body.or(stdin.map(str::to_string)), echo)
        }
        Err(message) => return Output::failed(message, 1),
    };
    if let Err(refused) = Terminal::check_input(&line, stdin.as_deref()) {
        return refused.map_text(|text| format!("{echo}{text}"));
    }
    session
        .history
        .push(history::entry(&line, stdin.as_deref()));
    if let Some(mut out) = history::builtin(&line, &mut session.history) {
        out.text.insert_str(0, &echo);
        return out;
    }
    files_to_terminal(term, session);
    let before = term.files().clone();
    let mut out = term.run(&line, stdin.as_deref());
    session.record(Input::Command {
        line: line.clone(),
        stdin,
    });
    files_to_workspace(term, session, &before);
    out.text.insert_str(0, &echo);
    out
}

/// Replays one logged input on `term`, as the page's full module and the tests
/// replay a session: the cluster's inputs through [`taintlab_core::session::replay`],
/// the terminal's ([`Input::Command`], [`Input::File`]) on the terminal.
pub fn replay(term: &mut Terminal, input: &Input) {
    if taintlab_core::session::replay(term.cluster_mut(), input) {
        return;
    }
    match input {
        Input::Command { line, stdin } => {
            let _ = term.run(line, stdin.as_deref());
        }
        Input::File { name, content } => {
            term.set_file(name, content);
        }
        _ => {}
    }
}

/// Makes the terminal's host files the workspace's.
fn files_to_terminal(term: &mut Terminal, session: &mut Session) {
    let changed: Vec<(String, String)> = session
        .files
        .iter()
        .filter(|(name, content)| term.files().get(name.as_str()) != Some(content))
        .cloned()
        .collect();
    for (name, content) in changed {
        term.set_file(&name, &content);
        session.record(Input::File { name, content });
    }
    let gone: Vec<String> = term
        .files()
        .keys()
        .filter(|name| !session.files.iter().any(|(n, _)| n == *name))
        .cloned()
        .collect();
    for name in gone {
        // The host's `rm` removes it, now and on replay; no input of its own needed.
        let line = format!("rm -f -- '{}'", name.replace('\'', r"'\''"));
        let _ = term.run(&line, None);
        session.record(Input::Command { line, stdin: None });
    }
}

/// Brings what a command did to the host's files into the workspace: new files at
/// the end, changed ones in place, removed ones out (the open file stays open when
/// it can).
fn files_to_workspace(term: &Terminal, session: &mut Session, before: &SortedMap<String, String>) {
    for (name, content) in term.files().iter() {
        if before.get(name.as_str()) == Some(content) {
            continue;
        }
        match session.files.iter_mut().find(|(n, _)| n == name) {
            Some(file) => file.1 = content.clone(),
            None => session.files.push((name.clone(), content.clone())),
        }
    }
    for name in before.keys() {
        if term.files().contains_key(name.as_str()) {
            continue;
        }
        if let Some(at) = session.files.iter().position(|(n, _)| n == name) {
            session.files.remove(at);
            if at < session.active {
                session.active -= 1;
            }
        }
    }
    if session.active >= session.files.len() {
        session.active = session.files.len().saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::{Cluster, TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};

    fn start() -> (Terminal, Session) {
        let session = Session {
            files: vec![("redis-ds.yaml".into(), TUTORIAL_DAEMONSET.into())],
            speed: 1,
            ..Session::default()
        };
        (Terminal::new(Cluster::tutorial()), session)
    }

    /// The session's log replayed on a fresh terminal, as the page replays it.
    fn replayed(session: &Session) -> Terminal {
        let mut term = Terminal::new(Cluster::tutorial());
        for input in &session.log {
            replay(&mut term, input);
        }
        term
    }

    /// What a replay must reproduce: every object, the clock, the events, the files.
    fn state(term: &mut Terminal) -> (String, String, Vec<(String, String)>) {
        let objects = term.run("kubectl get all,nodes -A -o yaml", None).text;
        let events = term.run("kubectl get events -A", None).text;
        let files = term
            .files()
            .iter()
            .map(|(n, c)| (n.clone(), c.clone()))
            .collect();
        (objects, events, files)
    }

    fn pods_on(term: &Terminal, node: &str) -> usize {
        term.cluster()
            .pods()
            .filter(|p| p.spec.node_name == node)
            .count()
    }

    #[test]
    fn apply_reads_the_workspace_as_it_is_now() {
        let (mut term, mut session) = start();
        let out = run(
            &mut term,
            &mut session,
            "kubectl apply -f redis-ds.yaml",
            None,
        );
        assert_eq!(out.text, "daemonset.apps/redis-ds created\n");
        assert_eq!((pods_on(&term, "worker"), pods_on(&term, "master")), (1, 0));
        // The editor changes; the terminal reads the new text without a save.
        session.files[0].1 = TUTORIAL_DAEMONSET_TOLERATING.into();
        let out = run(
            &mut term,
            &mut session,
            "kubectl apply -f redis-ds.yaml",
            None,
        );
        assert_eq!(out.text, "daemonset.apps/redis-ds configured\n");
        term.cluster_mut().advance(1);
        assert_eq!(pods_on(&term, "master"), 1);
        // Each version of the file was logged once, before the command that read it.
        let files: Vec<&Input> = session
            .log
            .iter()
            .filter(|i| matches!(i, Input::File { .. }))
            .collect();
        assert_eq!(files.len(), 2);
        assert!(matches!(session.log[0], Input::File { .. }));
        assert_eq!(
            session.history,
            [
                "kubectl apply -f redis-ds.yaml",
                "kubectl apply -f redis-ds.yaml"
            ]
        );
    }

    #[test]
    fn a_heredoc_is_kept_whole_and_recalled_with_its_body() {
        let (mut term, mut session) = start();
        let body = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n";
        let out = run(
            &mut term,
            &mut session,
            "kubectl apply -f - <<EOF",
            Some(body),
        );
        assert_eq!(out.text, "pod/web created\n");
        assert_eq!(
            session.history,
            [format!("kubectl apply -f - <<EOF\n{body}EOF")]
        );
        run(&mut term, &mut session, "kubectl delete pod web", None);
        let out = run(&mut term, &mut session, "!-2", None);
        assert_eq!(
            out.text,
            format!("kubectl apply -f - <<EOF\n{body}EOF\npod/web created\n"),
            "echoed whole, then run with its body"
        );
        // The log holds the line and its body, so a replay reaches the same cluster.
        assert!(matches!(
            session.log.last(),
            Some(Input::Command { line, stdin: Some(b) }) if line == "kubectl apply -f - <<EOF" && b == body
        ));
        assert_eq!(replayed(&session).cluster().pods().count(), 1);
        let out = run(&mut term, &mut session, "!nope", None);
        assert_eq!(
            (out.text.as_str(), out.code),
            ("bash: !nope: event not found\n", 1)
        );
        assert_eq!(session.history.len(), 3, "a failed expansion is not kept");
    }

    #[test]
    fn files_the_terminal_writes_or_removes_follow_in_the_workspace() {
        let (mut term, mut session) = start();
        session.files.push(("b.yaml".into(), "kind: List\n".into()));
        session.active = 1;
        run(
            &mut term,
            &mut session,
            "cat > pod.yaml <<EOF",
            Some("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n"),
        );
        assert_eq!(session.files.len(), 3);
        assert_eq!(
            session.files[2],
            (
                "pod.yaml".to_string(),
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n".to_string()
            )
        );
        run(&mut term, &mut session, "echo more >> b.yaml", None);
        assert_eq!(session.files[1].1, "kind: List\nmore\n");
        run(&mut term, &mut session, "rm redis-ds.yaml", None);
        assert_eq!(
            session
                .files
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>(),
            ["b.yaml", "pod.yaml"]
        );
        assert_eq!(session.active, 0, "b.yaml stays open");
        // A file removed from the workspace is gone from the terminal too.
        session.files.retain(|(n, _)| n != "pod.yaml");
        let out = run(&mut term, &mut session, "ls", None);
        assert_eq!(out.text, "b.yaml\n");
        // Reading commands are logged too; blank lines are not.
        let logged = session.log.len();
        run(&mut term, &mut session, "   ", None);
        assert_eq!(session.log.len(), logged);
        assert_eq!(session.history.len(), 4);
    }

    #[test]
    fn replaying_the_log_reaches_the_same_cluster_and_files() {
        let (mut term, mut session) = start();
        let steps: &[(&str, Option<&str>)] = &[
            ("kubectl apply -f redis-ds.yaml", None),
            ("kubectl get pods -o wide", None),
            (
                "kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule-",
                None,
            ),
            ("sleep 5", None),
            ("ssh worker", None),
            (
                "cat > /etc/kubernetes/manifests/static-web.yaml <<EOF",
                Some(
                    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: nginx\n",
                ),
            ),
            ("systemctl stop kubelet", None),
            ("exit", None),
            ("cat > extra.yaml <<EOF", Some("kind: List\nitems: []\n")),
            ("kubectl cordon worker", None),
            ("kubectl delete ds redis-ds", None),
        ];
        for (i, (line, stdin)) in steps.iter().enumerate() {
            if i == 3 {
                // The editor changes between commands, and a button acts.
                session.files[0].1 = TUTORIAL_DAEMONSET_TOLERATING.into();
                term.cluster_mut().advance(2);
                session.record(Input::Advance {
                    seconds: 2,
                    times: 1,
                });
            }
            run(&mut term, &mut session, line, *stdin);
        }
        run(
            &mut term,
            &mut session,
            "kubectl apply -f redis-ds.yaml",
            None,
        );
        let encoded = Session::decode(&session.encode()).expect("decodes");
        let mut again = replayed(&encoded);
        assert_eq!(state(&mut again), state(&mut term));
        assert_eq!(again.cluster().now(), term.cluster().now());
        assert_eq!(pods_on(&again, "master"), pods_on(&term, "master"));
    }

    #[test]
    fn a_refused_line_is_neither_kept_nor_logged() {
        let mut term = Terminal::new(Cluster::tutorial());
        let mut session = Session::default();
        let line = format!("echo {}", "x".repeat(taintlab_core::limits::MAX_LINE_BYTES));
        let out = run(&mut term, &mut session, &line, None);
        assert_eq!(out.code, 1);
        assert!(session.history.is_empty());
        assert!(session.log.is_empty());
    }
}
