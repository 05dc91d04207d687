//! Every lesson, solved through the terminal with its own hints: each step's check
//! is false before its action and true after it, and the lesson ends complete.

use super::*;
use taintlab_core::session::{STARTS, replay};

/// The shipped lesson `id`.
fn shipped(id: &str) -> &'static Lesson {
    find(id).unwrap_or_else(|| panic!("no lesson {id}"))
}

/// Seconds the learner spends between steps (the page's clock keeps running).
const PAUSE: &str = "sleep 5";

/// Runs the hint's commands in the terminal; every one must succeed.
fn perform(terminal: &mut Terminal, lesson: &Lesson, step: usize) {
    for (line, stdin) in lesson.steps[step].solution_commands() {
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
            !lesson.steps[step].check.holds(terminal.cluster()),
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
    solve(shipped("tutorial"));
}

#[test]
fn control_plane() {
    solve(shipped("control-plane"));
}

#[test]
fn static_pods() {
    solve(shipped("static-pods"));
}

#[test]
fn no_execute() {
    solve(shipped("no-execute"));
}

#[test]
fn prefer_no_schedule() {
    solve(shipped("prefer-no-schedule"));
}

#[test]
fn cordon_drain() {
    solve(shipped("cordon-drain"));
}

#[test]
fn not_ready() {
    solve(shipped("not-ready"));
}

#[test]
fn affinity() {
    solve(shipped("affinity"));
}

#[test]
fn every_lesson_is_listed_once_and_starts_cleanly() {
    assert_eq!(all().len(), FILES.len(), "every file reads");
    for (i, lesson) in all().iter().enumerate() {
        assert!(
            all()[..i].iter().all(|l| l.id != lesson.id),
            "{} twice",
            lesson.id
        );
        assert_eq!(find(&lesson.id).map(|l| &l.id), Some(&lesson.id));
        assert!(STARTS.contains(&lesson.start.as_str()), "{}", lesson.id);
        assert!(!lesson.steps.is_empty());
        // The setup applies cleanly: a refused apply would be skipped on replay.
        if !lesson.setup.is_empty() {
            let mut cluster = session::start(&lesson.start).expect("a known start");
            let report = cluster.apply(&lesson.setup).expect("the setup applies");
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
        let texts = [&lesson.title, &lesson.summary, &lesson.intro]
            .into_iter()
            .chain(lesson.steps.iter().flat_map(|s| [&s.goal, &s.why]));
        for text in texts {
            for words in [&text.en, &text.zh] {
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
    let lesson = shipped("tutorial");
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
    let hint = Hint::Shell("ssh master\ncat > f.yaml <<EOF\na: 1\n\nb: 2\nEOF\nexit\n".into());
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
        Hint::Yaml("kind: Pod\n".into()).commands(),
        [(
            "kubectl apply -f - <<EOF".to_string(),
            Some("kind: Pod\n".to_string())
        )]
    );
    assert_eq!(Hint::Yaml("kind: Pod\n".into()).text(), "kind: Pod\n");
}

#[test]
fn spread_zones() {
    solve(shipped("spread-zones"));
}

#[test]
fn priority_preemption() {
    solve(shipped("priority-preemption"));
}

/// Applies `yaml` in the terminal, then lets the cluster run for a while.
fn apply(terminal: &mut Terminal, yaml: &str) {
    let out = terminal.run("kubectl apply -f - <<EOF", Some(yaml));
    assert_eq!(out.code, 0, "{}", out.text);
    terminal.run(PAUSE, None);
}

#[test]
fn spreading_is_read_off_where_the_pods_run() {
    let lesson = shipped("spread-zones");
    let mut terminal = Terminal::new(lesson.start_cluster());
    perform(&mut terminal, lesson, 0);
    terminal.run(PAUSE, None);
    // The same four replicas without the anti-affinity term all run: no step 2.
    let cache = lesson.steps[1].hint.text();
    let plain = cache.replace(
        "      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - labelSelector:\n                matchLabels:\n                  app: cache\n              topologyKey: kubernetes.io/hostname\n",
        "",
    );
    // Its own name and labels, or `cache`'s pods would keep away from its pods.
    let plain = plain.replace("cache", "plain");
    assert!(!plain.contains("podAntiAffinity"));
    apply(&mut terminal, &plain);
    assert_eq!(lesson.progress(terminal.cluster()), 1);
    perform(&mut terminal, lesson, 1);
    terminal.run(PAUSE, None);
    assert_eq!(lesson.progress(terminal.cluster()), 2);
    // With `zone-b`'s only node cordoned, the zone spread holds pods back.
    terminal.run("kubectl cordon worker-3", None);
    perform(&mut terminal, lesson, 2);
    terminal.run(PAUSE, None);
    assert_eq!(lesson.progress(terminal.cluster()), 2);
    terminal.run("kubectl uncordon worker-3", None);
    terminal.run(PAUSE, None);
    assert!(lesson.complete(terminal.cluster()));
}

/// The node the pod `name` is bound to; empty while it waits.
fn node_of(cluster: &Cluster, name: &str) -> String {
    cluster
        .pod("default", name)
        .map(|p| p.spec.node_name.clone())
        .unwrap_or_default()
}

#[test]
fn preemption_steps_need_their_objects() {
    let lesson = shipped("priority-preemption");
    let mut terminal = Terminal::new(lesson.start_cluster());
    perform(&mut terminal, lesson, 0);
    terminal.run(PAUSE, None);
    // Without `preemptionPolicy: Never`, `backup` evicts a pod and runs.
    let eager = lesson.steps[1]
        .hint
        .text()
        .replace("preemptionPolicy: Never\n", "");
    apply(&mut terminal, &eager);
    assert_eq!(node_of(terminal.cluster(), "backup"), "worker-1");
    assert_eq!(lesson.progress(terminal.cluster()), 1);
    terminal.run("kubectl delete pod backup", None);
    terminal.run("kubectl delete priorityclass polite", None);
    perform(&mut terminal, lesson, 1);
    terminal.run(PAUSE, None);
    assert_eq!(lesson.progress(terminal.cluster()), 2);
    // Without the budget, `urgent-2` takes `worker-1`'s last `reports` pod, and a
    // budget made afterwards protects nothing that runs.
    let (budget, pod) = lesson.steps[2]
        .hint
        .text()
        .split_once("---\n")
        .expect("a budget and a pod");
    let reports_running = |c: &Cluster| {
        c.pods()
            .any(|p| p.metadata.name.starts_with("reports-") && !p.spec.node_name.is_empty())
    };
    // A replacement took the room `backup` left: `reports` runs on `worker-1` again.
    assert!(reports_running(terminal.cluster()));
    apply(&mut terminal, pod);
    assert_eq!(node_of(terminal.cluster(), "urgent-2"), "worker-1");
    assert!(!reports_running(terminal.cluster()));
    assert_eq!(lesson.progress(terminal.cluster()), 2);
    apply(&mut terminal, budget);
    assert_eq!(lesson.progress(terminal.cluster()), 2);
}

/// How many pods whose name starts with `prefix` each node runs, by node name.
fn spread_of(cluster: &Cluster, prefix: &str) -> Vec<(String, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for pod in cluster.pods() {
        if pod.metadata.name.starts_with(prefix) && !pod.spec.node_name.is_empty() {
            *counts.entry(pod.spec.node_name.clone()).or_insert(0) += 1;
        }
    }
    counts.into_iter().collect()
}

#[test]
fn the_two_new_lessons_say_what_happens() {
    let counts = |pairs: &[(&str, usize)]| -> Vec<(String, usize)> {
        pairs.iter().map(|(n, c)| (n.to_string(), *c)).collect()
    };
    let lesson = shipped("spread-zones");
    let mut terminal = Terminal::new(lesson.start_cluster());
    for step in 0..lesson.steps.len() {
        perform(&mut terminal, lesson, step);
        terminal.run(PAUSE, None);
    }
    let c = terminal.cluster();
    // Two `web` pods a worker: four in `zone-a`, two in `zone-b`.
    let even = [("worker-1", 2), ("worker-2", 2), ("worker-3", 2)];
    assert_eq!(spread_of(c, "web-"), counts(&even));
    // One `cache` pod a worker, and one waiting.
    let one_each = [("worker-1", 1), ("worker-2", 1), ("worker-3", 1)];
    assert_eq!(spread_of(c, "cache-"), counts(&one_each));
    // Three `shop` pods a zone: `worker-3` alone carries three.
    let shop = spread_of(c, "shop-");
    assert_eq!(shop.iter().map(|(_, n)| n).sum::<usize>(), 6);
    assert!(shop.contains(&("worker-3".to_string(), 3)), "{shop:?}");

    let lesson = shipped("priority-preemption");
    let mut terminal = Terminal::new(lesson.start_cluster());
    perform(&mut terminal, lesson, 0);
    terminal.run(PAUSE, None);
    // `urgent` took a `reports` pod's place; its replacement waits.
    assert_eq!(node_of(terminal.cluster(), "urgent"), "worker-1");
    assert_eq!(
        spread_of(terminal.cluster(), "reports-"),
        counts(&[("worker-1", 1)])
    );
    perform(&mut terminal, lesson, 1);
    terminal.run(PAUSE, None);
    assert_eq!(node_of(terminal.cluster(), "backup"), "");
    perform(&mut terminal, lesson, 2);
    terminal.run(PAUSE, None);
    // The victim is a `crawler` pod; `reports` keeps its pod; `backup` still waits.
    let c = terminal.cluster();
    assert_eq!(node_of(c, "urgent-2"), "worker-2");
    assert_eq!(spread_of(c, "crawler-"), counts(&[("worker-2", 1)]));
    assert_eq!(spread_of(c, "reports-"), counts(&[("worker-1", 1)]));
    assert_eq!(node_of(c, "backup"), "");
}

#[test]
fn every_shipped_lesson_passes_lesson_check() {
    for (name, text) in FILES {
        let passed = author::check_lesson(name, text).unwrap_or_else(|errors| {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("{}", lines.join("\n"))
        });
        assert_eq!(Some(passed.steps), find(&passed.id).map(|l| l.steps.len()));
    }
}

/// The tutorial's file with `from` replaced by `to`, checked.
fn check_changed(from: &str, to: &str) -> Vec<String> {
    let (name, text) = FILES[0];
    assert!(text.contains(from), "{from}");
    let changed = text.replacen(from, to, 1);
    match author::check_lesson(name, &changed) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_check_that_never_turns_green_fails_lesson_check() {
    // Step 2 asks for the DaemonSet's pod on a node that is not there.
    let errors = check_changed(
        "  - pods: {of: daemonset, on: node/worker}",
        "  - pods: {of: daemonset, on: node/wroker}",
    );
    assert_eq!(
        errors,
        [
            "01-tutorial.yaml:98:5: steps[1].check: step 2: the check names node/wroker, \
             which does not exist after the step's solution",
            "01-tutorial.yaml:98:5: steps[1].check: step 2: the check does not hold after \
             the step's solution and 5 s"
        ]
        .map(|s| s.replace("             ", ""))
    );
}

#[test]
fn a_check_green_before_its_step_fails_lesson_check() {
    // Step 1 asks for what the starting cluster already shows.
    let errors = check_changed(
        "pods: {of: deployment, on: node, per: [node, owner], count: {min: 2}}",
        "taint: {node: master, key: node-role.kubernetes.io/master}",
    );
    assert_eq!(
        errors,
        [
            "01-tutorial.yaml:58:5: steps[0].check: step 1: the check already holds before the \
          step's solution runs, so the step would show done before the learner acts"
                .replace("          ", "")
        ]
    );
}

#[test]
fn a_mistyped_check_is_placed_at_its_line_and_column() {
    let errors = check_changed("effect: NoSchedule}", "effect: NoShedule}");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("01-tutorial.yaml:100:11: steps[1].check.all[0].taint.effect: unknown effect \"NoShedule\""),
        "{}",
        errors[0]
    );
    let errors = check_changed(
        "  - pods: {of: daemonset, on: node/worker}",
        "  - pod: {of: daemonset}",
    );
    assert!(
        errors[0].contains("unknown predicate \"pod\"; the predicates are all, any, not"),
        "{errors:?}"
    );
    let errors = check_changed("  zh: >-\n    DaemonSet 与 master 污点\n", "");
    assert_eq!(
        errors,
        [
            "01-tutorial.yaml:2:1: title: missing `zh`: every text is in English and Chinese (Chinese is missing)"
        ]
    );
    let errors = check_changed("id: tutorial", "id: [tutorial");
    assert!(errors[0].starts_with("01-tutorial.yaml:"), "{errors:?}");
    assert!(errors[0].contains("not YAML"), "{errors:?}");
}

#[test]
fn a_lesson_file_too_large_is_refused() {
    let text = "#".repeat(taintlab_core::limits::MAX_LESSON_BYTES + 1);
    let errors = parse("big.yaml", &text).expect_err("too large");
    assert!(errors[0].message.contains("at most"), "{errors:?}");
}

#[test]
fn seed_chapter() {
    solve(shipped("seed-chapter"));
}
