//! Every lesson, solved through the terminal with its own hints: each step's check
//! is false before its action and true after it, and the lesson ends complete.

use super::*;
use taintlab_core::session::{STARTS, replay};

/// Seconds the learner spends between steps (the page's clock keeps running).
const PAUSE: &str = "sleep 5";

/// Runs the hint's commands in the terminal; every one must succeed.
fn perform(terminal: &mut Terminal, lesson: &Lesson, step: usize) {
    for (line, stdin) in lesson.steps[step].hint.commands() {
        let out = terminal.run(&line, stdin.as_deref());
        assert_eq!(
            out.code,
            0,
            "{} step {}: `{line}` failed:\n{}",
            lesson.id,
            step + 1,
            out.text
        );
    }
}

fn solve(lesson: &Lesson) {
    let mut terminal = Terminal::new(lesson.start_cluster());
    for step in 0..lesson.steps.len() {
        let done = lesson.progress(terminal.cluster());
        assert_eq!(
            done,
            step,
            "{}: before step {}'s action, {done} steps show done",
            lesson.id,
            step + 1
        );
        assert!(
            !(lesson.steps[step].check)(terminal.cluster()),
            "{} step {}: the check holds before the action",
            lesson.id,
            step + 1
        );
        perform(&mut terminal, lesson, step);
        terminal.run(PAUSE, None);
        let done = lesson.progress(terminal.cluster());
        assert_eq!(
            done,
            step + 1,
            "{}: after step {}'s hint, {done} steps show done",
            lesson.id,
            step + 1
        );
    }
    assert!(lesson.complete(terminal.cluster()));
}

#[test]
fn tutorial() {
    solve(&tutorial::LESSON);
}

#[test]
fn control_plane() {
    solve(&control_plane::LESSON);
}

#[test]
fn static_pods() {
    solve(&static_pods::LESSON);
}

#[test]
fn no_execute() {
    solve(&no_execute::LESSON);
}

#[test]
fn prefer_no_schedule() {
    solve(&prefer_no_schedule::LESSON);
}

#[test]
fn cordon_drain() {
    solve(&cordon_drain::LESSON);
}

#[test]
fn not_ready() {
    solve(&not_ready::LESSON);
}

#[test]
fn affinity() {
    solve(&affinity::LESSON);
}

#[test]
fn every_lesson_is_listed_once_and_starts_cleanly() {
    for (i, lesson) in LESSONS.iter().enumerate() {
        assert!(
            LESSONS[..i].iter().all(|l| l.id != lesson.id),
            "{} twice",
            lesson.id
        );
        assert_eq!(find(lesson.id).map(|l| l.id), Some(lesson.id));
        assert!(STARTS.contains(&lesson.start), "{}", lesson.id);
        assert!(!lesson.steps.is_empty());
        // The setup applies cleanly: a refused apply would be skipped on replay.
        if !lesson.setup.is_empty() {
            let mut cluster = session::start(lesson.start).expect("a known start");
            let report = cluster.apply(lesson.setup).expect("the setup applies");
            assert!(report.warnings.is_empty(), "{}", lesson.id);
        }
        // Replaying the recorded inputs reaches the same cluster.
        let mut replayed = Cluster::empty(taintlab_core::KubeVersion::default());
        for input in lesson.start_inputs() {
            assert!(replay(&mut replayed, &input));
        }
        let names =
            |c: &Cluster| -> Vec<String> { c.pods().map(|p| p.metadata.name.clone()).collect() };
        assert_eq!(names(&replayed), names(&lesson.start_cluster()));
        let texts = [lesson.title, lesson.summary, lesson.intro]
            .into_iter()
            .chain(lesson.steps.iter().flat_map(|s| [s.goal, s.why]));
        for text in texts {
            for words in [text.en, text.zh] {
                assert!(!words.is_empty(), "{}", lesson.id);
                // Code spans come in pairs, or the UI would run one to the end.
                assert_eq!(words.matches('`').count() % 2, 0, "{words}");
            }
        }
    }
    assert!(find("nowhere").is_none());
}

#[test]
fn skipping_the_action_leaves_the_step_undone() {
    // Waiting is not enough: the tutorial's taint stays until it is removed.
    let lesson = &tutorial::LESSON;
    let mut terminal = Terminal::new(lesson.start_cluster());
    perform(&mut terminal, lesson, 0);
    perform(&mut terminal, lesson, 1);
    terminal.run("sleep 60", None);
    assert_eq!(lesson.progress(terminal.cluster()), 2);
    // Removing the taint with no DaemonSet left is not what step 3 asks for.
    terminal.run("kubectl delete daemonset redis-ds", None);
    perform(&mut terminal, lesson, 2);
    assert_eq!(lesson.progress(terminal.cluster()), 1);
}

#[test]
fn hints_split_into_commands_and_here_documents() {
    let hint = Hint::Shell("ssh master\ncat > f.yaml <<EOF\na: 1\n\nb: 2\nEOF\nexit\n");
    assert_eq!(
        hint.commands(),
        [
            ("ssh master".to_string(), None),
            (
                "cat > f.yaml <<EOF".to_string(),
                Some("a: 1\n\nb: 2\n".to_string())
            ),
            ("exit".to_string(), None),
        ]
    );
    assert_eq!(
        Hint::Yaml("kind: Pod\n").commands(),
        [(
            "kubectl apply -f - <<EOF".to_string(),
            Some("kind: Pod\n".to_string())
        )]
    );
    assert_eq!(Hint::Yaml("kind: Pod\n").text(), "kind: Pod\n");
}
