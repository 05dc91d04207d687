//! The playground's behaviour, as the page relies on it: every reducer that
//! used to live in the web crate, tested natively.

use super::*;
use crate::bundle::Bundle;
use crate::import;
use crate::link;
use crate::{FileError, Location, ManifestRef, Target, WorkspaceEvent};
use taintlab_core::api::TaintEffect;
use taintlab_core::file_name::NameError;
use taintlab_core::session::LessonFile;
use taintlab_core::{TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};

/// The pods' names, sorted, with their nodes.
fn pods(playground: &Playground) -> Vec<(String, String)> {
    let mut pods: Vec<(String, String)> = playground
        .cluster()
        .pods()
        .map(|p| (p.metadata.name.clone(), p.spec.node_name.clone()))
        .collect();
    pods.sort();
    pods
}

fn command(line: &str) -> Msg {
    Msg::Command {
        line: line.into(),
        stdin: None,
    }
}

/// Everything a replay must reproduce.
fn same(a: &Playground, b: &Playground) {
    assert_eq!(a.view(), b.view());
    assert_eq!(pods(a), pods(b));
    assert_eq!(a.cluster().now(), b.cluster().now());
    assert_eq!(a.terminal().files(), b.terminal().files());
    assert_eq!(a.session().log, b.session().log);
}

/// A scenario with one input of every kind the page records.
fn worked() -> Playground {
    let mut pg = Playground::new();
    pg.update(Msg::Apply);
    pg.update(Msg::Step(5));
    pg.update(Msg::Tick);
    pg.update(Msg::Node("worker".into(), NodeAction::Cordon));
    pg.update(Msg::Command {
        line: "cat > pod.yaml <<EOF".into(),
        stdin: Some("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n".into()),
    });
    pg.update(command("kubectl apply -f pod.yaml"));
    pg.update(Msg::Workspace(WorkspaceEvent::OpenManifest(ManifestRef {
        node: "master".into(),
        file: "static-web.yaml".into(),
    })));
    pg.update(Msg::Edit(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: nginx\n".into(),
    ));
    pg.update(Msg::Save);
    pg.update(Msg::Step(30));
    pg
}

#[test]
fn the_tutorial_is_where_the_page_starts() {
    let pg = Playground::new();
    assert_eq!(pg.session().files.len(), 1);
    assert_eq!(pg.session().files[0].0, FIRST_FILE);
    assert_eq!(pg.text(), TUTORIAL_DAEMONSET);
    assert_eq!(pg.session().panel, "events");
    assert_eq!(pg.session().speed, 1);
    assert!(pg.session().log.is_empty());
    assert!(!pg.session().has_work());
    assert_eq!(pg.view().nodes.len(), 2);
}

#[test]
fn apply_runs_the_daemonset_on_the_worker_only_and_logs_it() {
    let mut pg = Playground::new();
    assert!(pg.update(Msg::Apply).is_empty());
    assert!(!pg.failed());
    assert!(!pg.applied().is_empty());
    assert_eq!(pg.session().log, [Input::Apply(TUTORIAL_DAEMONSET.into())]);
    pg.update(Msg::Step(10));
    let pods = pods(&pg);
    assert_eq!(pods.len(), 1);
    assert_eq!(pods[0].1, "worker");
    assert!(pods[0].0.starts_with("redis-ds-"));
}

#[test]
fn apply_with_an_error_keeps_the_text_and_the_cluster() {
    let mut pg = Playground::new();
    let broken = TUTORIAL_DAEMONSET_TOLERATING.replace("NoSchedule", "NoScheduled");
    pg.update(Msg::Edit(broken.clone()));
    let before = pg.view().clone();
    pg.update(Msg::Apply);
    assert!(pg.failed());
    assert!(!pg.diagnostics().is_empty());
    assert!(pg.applied().is_empty());
    assert_eq!(pg.text(), broken, "the text stays in the editor");
    assert_eq!(*pg.view(), before, "the cluster stays as it was");
    assert!(pg.session().log.is_empty(), "nothing applied is logged");
    assert_eq!(pg.cluster().pods().count(), 0);
}

#[test]
fn an_apply_without_objects_is_refused_as_kubectl_does() {
    let mut pg = Playground::new();
    pg.update(Msg::Edit("# nothing\n".into()));
    pg.update(Msg::Apply);
    assert!(pg.failed());
    assert_eq!(
        pg.workspace().refusal.as_deref(),
        Some("error: no objects passed to apply")
    );
    assert!(pg.session().log.is_empty());
}

#[test]
fn editing_to_the_same_text_changes_nothing() {
    let mut pg = Playground::new();
    pg.update(Msg::Edit(TUTORIAL_DAEMONSET.into()));
    assert!(!pg.session().has_work());
    pg.update(Msg::Edit("kind: Pod\n".into()));
    assert_eq!(pg.text(), "kind: Pod\n");
    assert!(!pg.workspace().saved);
}

#[test]
fn replay_of_the_log_equals_doing_the_inputs_one_by_one() {
    let pg = worked();
    assert!(pg.cluster().pods().any(|p| p.metadata.name == "web"));
    assert!(
        pg.cluster()
            .pods()
            .any(|p| p.metadata.name == "static-web-master")
    );
    let replayed = Playground::replay(&pg.session().log);
    same(&pg, &replayed);
}

#[test]
fn replay_of_a_prefix_is_the_state_at_that_point() {
    let mut pg = Playground::new();
    pg.update(Msg::Apply);
    let at_apply = pg.clone();
    pg.update(Msg::Step(20));
    let replayed = Playground::replay(&pg.session().log[..1]);
    same(&at_apply, &replayed);
}

#[test]
fn a_restored_session_is_the_same_scenario() {
    let mut pg = worked();
    pg.update(Msg::Select("node/worker".into()));
    let text = pg.session().encode();
    let restored = Playground::restore(Session::decode(&text).unwrap());
    same(&pg, &restored);
    assert_eq!(restored.session(), pg.session());
    assert_eq!(restored.session().panel, "explain");
    assert_eq!(restored.session().selected, "node/worker");
}

/// A share link made before the playground crate existed (by core's
/// `link::fragment`, as `taintlab link` and the page make them): the tutorial's
/// DaemonSet applied, 20 seconds, the one with a toleration applied, the worker
/// cordoned, a pod applied in the terminal from a workspace file, 20 seconds.
const OLD_LINK: &str = "#s=7VTNTuMwEL77KfwCKXEKYZnzLuKw2q1UwX1IptSqY0f28NO3Z9yGkAgkTggJ4YMPnpnvG3_zc2NqYLSeHd4WiVKywRsw6tIsIVJrU9GmxR47d1rXgL29oZhdQGPfp5MHo3bWt6B_I3XBr4lVR4wtMoLS2mNHoF9g5EFIyKVs0hlgYlOppyYbEjlqOMSjU4fcbP9Oot6AyitT1ztkGkImCeTjZtHvJCWcA3c-TfBZD_nma0ihbYd3L1FwVqDrxWW0z0Anr32IPIE5Qo0EK7GCrpfnF4MHB0cRWeSdce9oD9qHloooDovd_S1FT0xpYcNJh4kpTihosxH9QP8L62ZL7b2bphn6TCDi6j9PNrGod2lK2JJz4VDki1-zGo_lXYX2ncIe4sbCzYUrBp_mwD7I5--sf1Lqv4FSrfK1zq12VRnIn2rYCUhsg9ePIe7kV1fV-WiRdnF7XWz0a7bqugZ6IM-pBIXL07OfBv2sBlUslaqgKhX-LIJvuQh8Dcepq-E4hGrzBauh-WDipQ2rCkypngE";

#[test]
fn a_share_link_made_before_the_change_opens_the_same_scenario() {
    let session = link::session(OLD_LINK).expect("the link reads");
    let pg = Playground::restore(session);
    assert_eq!(pg.cluster().now().as_secs(), 40);
    let pods = pods(&pg);
    assert!(
        pods.iter()
            .any(|(name, node)| name.starts_with("redis-ds-") && node == "master"),
        "{pods:?}"
    );
    assert!(pods.iter().any(|(name, _)| name == "hello"), "{pods:?}");
    let worker = pg.view().nodes.iter().find(|n| n.name == "worker").unwrap();
    assert!(worker.cordoned);
    assert_eq!(pg.session().files.len(), 2);
    assert_eq!(pg.session().history.len(), 2);
}

#[test]
fn a_pending_button_is_pressed_after_the_restore() {
    let mut session = Playground::new().session().clone();
    session.pending = Some(Input::Node {
        node: "worker".into(),
        action: NodeAction::Cordon,
    });
    let pg = Playground::restore(session);
    assert!(pg.session().pending.is_none());
    assert_eq!(
        pg.session().log,
        [Input::Node {
            node: "worker".into(),
            action: NodeAction::Cordon
        }]
    );
    assert_eq!(pg.session().history, ["kubectl cordon worker"]);
}

#[test]
fn a_session_without_files_keeps_the_tutorials_workspace() {
    let session = Session {
        log: vec![Input::Apply(TUTORIAL_DAEMONSET_TOLERATING.into())],
        panel: "terminal".into(),
        ..Session::default()
    };
    let pg = Playground::restore(session);
    assert_eq!(pg.text(), TUTORIAL_DAEMONSET);
    assert_eq!(pg.session().panel, "terminal");
    assert_eq!(pg.cluster().pods().count(), 2);
}

#[test]
fn time_moves_at_the_sessions_speed_unless_paused() {
    let mut pg = Playground::new();
    pg.update(Msg::NextSpeed);
    assert_eq!(pg.session().speed, 2);
    pg.update(Msg::Tick);
    assert_eq!(pg.cluster().now().as_secs(), 2);
    pg.update(Msg::TogglePause);
    pg.update(Msg::Tick);
    assert_eq!(pg.cluster().now().as_secs(), 2, "paused");
    pg.update(Msg::Step(1));
    assert_eq!(
        pg.cluster().now().as_secs(),
        3,
        "a step moves a paused clock"
    );
    pg.update(Msg::TogglePause);
    pg.update(Msg::Tick);
    pg.update(Msg::Tick);
    assert_eq!(
        pg.session().log.last(),
        Some(&Input::Advance {
            seconds: 2,
            times: 2
        }),
        "equal steps are one input"
    );
}

#[test]
fn the_speed_button_cycles() {
    let mut pg = Playground::new();
    let mut seen = Vec::new();
    for _ in 0..4 {
        pg.update(Msg::NextSpeed);
        seen.push(pg.session().speed);
    }
    assert_eq!(seen, [2, 5, 10, 1]);
}

#[test]
fn a_node_button_is_its_command_in_the_history() {
    let mut pg = Playground::new();
    pg.update(Msg::Node(
        "master".into(),
        NodeAction::RemoveTaint {
            key: "node-role.kubernetes.io/master".into(),
            effect: TaintEffect::NoSchedule,
        },
    ));
    assert_eq!(
        pg.session().history,
        ["kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule-"]
    );
    assert!(pg.action_error().is_none());
    assert!(pg.view().nodes[0].taints.is_empty() || pg.view().nodes[1].taints.is_empty());
}

#[test]
fn a_refused_button_says_why_and_changes_nothing() {
    let mut pg = Playground::new();
    pg.update(Msg::Node(
        "nowhere".into(),
        NodeAction::AddTaintSpec("a=b:NoSchedule".into()),
    ));
    assert!(pg.action_error().is_some_and(|e| e.contains("not found")));
    assert!(pg.session().log.is_empty());
    assert!(pg.session().history.is_empty());
    pg.update(Msg::Node("worker".into(), NodeAction::Cordon));
    assert!(pg.action_error().is_none(), "the next button clears it");
}

#[test]
fn a_terminal_line_prints_its_output_at_its_prompt() {
    let mut pg = Playground::new();
    let effects = pg.update(command("kubectl get nodes"));
    let [Effect::Print(entry)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(entry.prompt, "$ ");
    assert_eq!(entry.lines, ["kubectl get nodes"]);
    assert!(entry.output.contains("master"));
    assert_eq!(entry.code, 0);
    assert_eq!(pg.session().history, ["kubectl get nodes"]);
    let effects = pg.update(command("kubectl get nodez"));
    assert!(matches!(&effects[..], [Effect::Print(e)] if e.code != 0));
    assert_eq!(pg.update(command("clear")), [Effect::ClearScreen]);
}

#[test]
fn a_here_document_shows_its_lines_and_joins_the_workspace() {
    let mut pg = Playground::new();
    let effects = pg.update(Msg::Command {
        line: "cat > a.yaml <<EOF".into(),
        stdin: Some("kind: Pod\n".into()),
    });
    let [Effect::Print(entry)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(entry.lines, ["cat > a.yaml <<EOF", "kind: Pod", "EOF"]);
    assert!(
        pg.session()
            .files
            .iter()
            .any(|(n, t)| n == "a.yaml" && t == "kind: Pod\n")
    );
}

#[test]
fn the_terminal_reads_the_editors_text() {
    let mut pg = Playground::new();
    pg.update(Msg::Edit(TUTORIAL_DAEMONSET_TOLERATING.into()));
    pg.update(command("kubectl apply -f redis-ds.yaml"));
    pg.update(Msg::Step(5));
    assert_eq!(pg.cluster().pods().count(), 2);
}

#[test]
fn ctrl_c_shows_the_abandoned_lines() {
    let mut pg = Playground::new();
    pg.update(command("ssh worker"));
    let logged = pg.session().log.len();
    let effects = pg.update(Msg::Interrupted(vec!["cat <<EOF".into(), "x".into()]));
    let [Effect::Print(entry)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(entry.lines, ["cat <<EOF", "x^C"]);
    assert_eq!(entry.code, 130);
    assert!(entry.prompt.contains("worker"));
    assert_eq!(pg.session().log.len(), logged, "nothing run");
}

#[test]
fn a_lesson_resets_the_cluster_and_is_kept_in_the_panel() {
    let mut pg = Playground::new();
    pg.update(Msg::Apply);
    pg.update(Msg::StartLesson("control-plane"));
    assert_eq!(pg.lesson_id(), Some("control-plane"));
    assert_eq!(pg.session().panel, "lessons/control-plane");
    assert!(matches!(pg.session().log[1], Input::Reset(_)));
    pg.update(Msg::Open("terminal".into()));
    assert_eq!(pg.session().panel, "terminal");
    assert_eq!(pg.lesson_id(), Some("control-plane"), "the strip keeps it");
    pg.update(Msg::Open("lessons".into()));
    assert_eq!(pg.session().panel, "lessons/control-plane");
    let restored = Playground::restore(pg.session().clone());
    assert_eq!(restored.lesson_id(), Some("control-plane"));
    same(&pg, &restored);
    pg.update(Msg::CloseLesson);
    assert_eq!(pg.lesson_id(), None);
    assert_eq!(pg.session().panel, "lessons");
}

/// A lesson file of our own, as a teacher would host it.
const MY_LESSON: &str = "id: mine
title: {en: Mine, zh: 我的}
summary: {en: A lesson of my own., zh: 我自己的课。}
intro: {en: Cordon a node and taint it., zh: 封锁一个节点并给它打污点。}
start: tutorial
steps:
  - goal: {en: Cordon `worker`., zh: 封锁 `worker`。}
    shell: kubectl cordon worker
    why: {en: It is cordoned., zh: 它被封锁了。}
    check:
      cordoned: worker
  - goal: {en: Taint `worker`., zh: 给 `worker` 打污点。}
    shell: kubectl taint nodes worker k=v:NoSchedule
    why: {en: It is tainted., zh: 它有污点了。}
    check:
      taint: {node: worker, key: k}
";

fn open_mine() -> Msg {
    Msg::OpenLessonText {
        name: "mine.yaml".into(),
        text: MY_LESSON.into(),
    }
}

#[test]
fn a_lesson_opens_from_its_text_and_shows_progress() {
    let mut pg = Playground::new();
    pg.update(Msg::Apply);
    pg.update(open_mine());
    assert!(pg.lesson_errors().is_empty(), "{:?}", pg.lesson_errors());
    assert_eq!(pg.lesson_id(), Some("mine"));
    assert!(pg.lesson_is_carried());
    assert_eq!(pg.session().panel, "lessons/file/mine");
    assert_eq!(
        pg.session().lesson,
        Some(LessonFile::new("mine.yaml", MY_LESSON))
    );
    assert_eq!(pg.session().log[1], Input::Reset("tutorial".into()));
    let progress = |pg: &Playground| pg.lesson().map(|l| l.progress(pg.cluster()));
    assert_eq!(progress(&pg), Some(0));
    pg.update(command("kubectl cordon worker"));
    assert_eq!(progress(&pg), Some(1));
    // Start over: the carried lesson from its start again.
    pg.update(Msg::StartCarriedLesson);
    assert_eq!(progress(&pg), Some(0));
    assert_eq!(pg.lesson_id(), Some("mine"));
    pg.update(command("kubectl cordon worker"));
    pg.update(command("kubectl taint nodes worker k=v:NoSchedule"));
    assert_eq!(progress(&pg), Some(2));
    // Back to the list: the lesson stays carried, to be opened again.
    pg.update(Msg::CloseLesson);
    assert_eq!(pg.session().panel, "lessons");
    assert_eq!(pg.carried_lesson().map(|l| l.id.as_str()), Some("mine"));
    // A built-in lesson opens as before, and is not the carried one.
    pg.update(Msg::StartLesson("tutorial"));
    assert!(!pg.lesson_is_carried());
    assert_eq!(pg.session().panel, "lessons/tutorial");
}

#[test]
fn a_carried_lesson_survives_a_link_and_the_autosave() {
    let mut pg = Playground::new();
    pg.update(open_mine());
    pg.update(command("kubectl cordon worker"));
    // A share link: encoded, compressed, read back and replayed elsewhere.
    let fragment = link::fragment(pg.session());
    let session = link::session(&fragment).expect("the link reads");
    assert_eq!(session.lesson, pg.session().lesson);
    let restored = Playground::restore(session);
    assert_eq!(restored.lesson_id(), Some("mine"));
    assert!(restored.lesson_is_carried());
    assert_eq!(
        restored.lesson().map(|l| l.progress(restored.cluster())),
        Some(1)
    );
    same(&pg, &restored);
    // The autosave and the handover are the session text itself.
    let text = pg.session().encode();
    let again = Playground::restore(Session::decode(&text).expect("decodes"));
    assert_eq!(again.session().lesson, pg.session().lesson);
    assert_eq!(again.lesson_id(), Some("mine"));
    // From another panel, the strip still shows it; the list still offers it.
    let mut elsewhere = pg.clone();
    elsewhere.update(Msg::Open("terminal".into()));
    let restored = Playground::restore(elsewhere.session().clone());
    assert_eq!(restored.lesson_id(), None, "the panel named no lesson");
    assert_eq!(
        restored.carried_lesson().map(|l| l.id.as_str()),
        Some("mine")
    );
    // A session without files (the first-load module's) keeps the lesson too.
    let mut bare = pg.session().clone();
    bare.files.clear();
    let restored = Playground::restore(bare);
    assert_eq!(restored.lesson_id(), Some("mine"));
    assert!(restored.session().lesson.is_some());
}

#[test]
fn a_lesson_text_that_does_not_read_changes_nothing() {
    let mut pg = Playground::new();
    pg.update(Msg::StartLesson("tutorial"));
    let before = pg.session().clone();
    let bad = MY_LESSON.replace("cordoned: worker", "cordonned: worker");
    pg.update(Msg::OpenLessonText {
        name: "https://example.com/mine.yaml".into(),
        text: bad,
    });
    assert_eq!(pg.session(), &before, "nothing logged, nothing carried");
    assert_eq!(pg.lesson_id(), Some("tutorial"));
    let errors: Vec<String> = pg.lesson_errors().iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("https://example.com/mine.yaml:11:7: steps[0].check"),
        "{errors:?}"
    );
    // Not YAML, or over the bound: errors with a position, never a panic.
    for text in [
        "id: [",
        "\u{0}",
        &"#".repeat(taintlab_core::limits::MAX_LESSON_BYTES + 1),
    ] {
        pg.update(Msg::OpenLessonText {
            name: "x.yaml".into(),
            text: text.to_string(),
        });
        assert!(!pg.lesson_errors().is_empty(), "{text:.20}");
        assert_eq!(pg.session(), &before);
    }
    // A lesson that opens clears them.
    pg.update(open_mine());
    assert!(pg.lesson_errors().is_empty());
    // A carried text that does not read (a damaged link) is left out.
    let mut session = pg.session().clone();
    session.lesson = Some(LessonFile::new("x.yaml", "id: ["));
    let restored = Playground::restore(session);
    assert_eq!(restored.lesson_id(), None);
    assert!(restored.carried_lesson().is_none());
}

#[test]
fn an_unknown_lesson_changes_nothing() {
    let mut pg = Playground::new();
    pg.update(Msg::StartLesson("no-such-lesson"));
    assert_eq!(pg.lesson_id(), None);
    assert!(pg.session().log.is_empty());
}

#[test]
fn selecting_opens_the_explanation() {
    let mut pg = Playground::new();
    pg.update(Msg::Select("node/master".into()));
    assert_eq!(pg.session().selected, "node/master");
    assert_eq!(pg.session().panel, "explain");
}

#[test]
fn import_replaces_the_cluster_and_forgets_the_selection() {
    let nodes = include_str!("../../../core/tests/fixtures/kind-v1.30-nodes.yaml");
    let imported = import::nodes(nodes).expect("imports");
    let mut pg = Playground::new();
    pg.update(Msg::Select("node/master".into()));
    pg.update(Msg::Edit("kind: Pod\n".into()));
    pg.update(Msg::Apply);
    assert!(pg.failed());
    pg.update(Msg::Import(imported.inputs()));
    assert!(!pg.failed());
    assert!(pg.diagnostics().is_empty());
    assert!(pg.session().selected.is_empty());
    assert_eq!(pg.cluster().version().to_string(), "v1.30");
    assert!(pg.cluster().node("master").is_none());
    same(&pg, &Playground::replay(&pg.session().log));
}

#[test]
fn reset_and_shared() {
    let mut pg = worked();
    pg.update(Msg::Reset);
    same(&pg, &Playground::new());
    let mut session = pg.session().clone();
    session.share = true;
    pg.update(Msg::Restore(session));
    assert!(pg.session().share);
    pg.update(Msg::Shared);
    assert!(!pg.session().share);
}

#[test]
fn new_files_need_a_free_valid_name() {
    let mut pg = Playground::new();
    let new = |name: &str| {
        Msg::Workspace(WorkspaceEvent::New {
            location: Location::Workspace,
            name: name.into(),
            text: "kind: Pod\n".into(),
        })
    };
    pg.update(new(FIRST_FILE));
    assert_eq!(
        pg.workspace().errors,
        [FileError::Name {
            name: FIRST_FILE.into(),
            error: NameError::Taken
        }]
    );
    pg.update(new("a/b.yaml"));
    assert!(matches!(
        pg.workspace().errors[..],
        [FileError::Name {
            error: NameError::Slash,
            ..
        }]
    ));
    pg.update(new("pod.yaml"));
    assert!(pg.workspace().errors.is_empty());
    assert_eq!(pg.target(), Target::File("pod.yaml".into()));
    assert_eq!(pg.text(), "kind: Pod\n");
    pg.update(Msg::Workspace(WorkspaceEvent::OpenFile(0)));
    assert_eq!(pg.text(), TUTORIAL_DAEMONSET);
    pg.update(Msg::Workspace(WorkspaceEvent::OpenFileNamed(
        "pod.yaml".into(),
    )));
    assert_eq!(pg.session().active, 1);
}

#[test]
fn a_new_manifest_is_a_draft_until_saved() {
    let mut pg = Playground::new();
    pg.update(Msg::Workspace(WorkspaceEvent::New {
        location: Location::Node("gone".into()),
        name: "x.yaml".into(),
        text: String::new(),
    }));
    assert_eq!(
        pg.workspace().errors,
        [FileError::NodeNotFound("gone".into())]
    );
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: s\nspec:\n  containers:\n  - name: c\n    image: nginx\n";
    pg.update(Msg::Workspace(WorkspaceEvent::New {
        location: Location::Node("worker".into()),
        name: "s.yaml".into(),
        text: pod.into(),
    }));
    let at = ManifestRef {
        node: "worker".into(),
        file: "s.yaml".into(),
    };
    assert!(pg.workspace().is_draft(&at));
    assert_eq!(
        pg.manifest_groups(),
        [("worker".to_string(), vec!["s.yaml".to_string()])]
    );
    assert!(pg.session().log.is_empty(), "a draft is not in the session");
    pg.update(Msg::Save);
    assert!(pg.workspace().saved);
    assert!(!pg.workspace().is_draft(&at));
    assert_eq!(pg.workspace().written.as_ref(), Some(&at));
    assert_eq!(
        pg.session().log,
        [Input::manifest("worker", "s.yaml", Some(pod.into()))]
    );
    pg.update(Msg::Step(10));
    assert!(pg.cluster().pods().any(|p| p.metadata.name == "s-worker"));
}

#[test]
fn renaming_a_manifest_moves_it_on_the_node() {
    let mut pg = Playground::new();
    pg.update(Msg::Workspace(WorkspaceEvent::New {
        location: Location::Node("worker".into()),
        name: "a.yaml".into(),
        text: "kind: Pod\n".into(),
    }));
    pg.update(Msg::Apply);
    pg.update(Msg::Workspace(WorkspaceEvent::Rename("b.yaml".into())));
    assert_eq!(
        pg.manifest_groups(),
        [("worker".to_string(), vec!["b.yaml".to_string()])]
    );
    assert_eq!(
        pg.target().path(),
        "worker:/etc/kubernetes/manifests/b.yaml"
    );
    same(&pg, &Playground::replay(&pg.session().log));
    pg.update(Msg::Workspace(WorkspaceEvent::Delete));
    assert!(pg.manifest_groups().is_empty());
    assert_eq!(pg.target(), Target::File(FIRST_FILE.into()));
}

#[test]
fn deleting_the_last_file_leaves_an_empty_one() {
    let mut pg = Playground::new();
    pg.update(Msg::Workspace(WorkspaceEvent::Rename("ds.yaml".into())));
    assert_eq!(pg.session().files[0].0, "ds.yaml");
    pg.update(Msg::Workspace(WorkspaceEvent::Delete));
    assert_eq!(
        pg.session().files,
        [(FIRST_FILE.to_string(), String::new())]
    );
}

#[test]
fn an_upload_gets_names_of_its_own_and_skips_what_it_cannot_place() {
    let mut pg = Playground::new();
    pg.update(Msg::Workspace(WorkspaceEvent::Upload(Bundle {
        files: vec![
            (FIRST_FILE.into(), "a: 1\r\n".into()),
            ("bad\tname.yaml".into(), String::new()),
        ],
        manifests: vec![
            ("worker".into(), "m.yaml".into(), "kind: Pod\r\n".into()),
            ("gone".into(), "m.yaml".into(), String::new()),
        ],
    })));
    let names: Vec<&str> = pg.session().files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 2);
    assert_ne!(names[1], FIRST_FILE);
    assert_eq!(pg.text(), "a: 1\n", "line breaks as a text area has them");
    assert!(matches!(
        pg.workspace().errors[..],
        [FileError::Name { .. }, FileError::NodeNotFound(_)]
    ));
    assert_eq!(
        pg.session().log,
        [Input::manifest(
            "worker",
            "m.yaml",
            Some("kind: Pod\n".into())
        )]
    );
    pg.update(Msg::Workspace(WorkspaceEvent::DismissError));
    assert!(pg.workspace().errors.is_empty());
    pg.update(Msg::Workspace(WorkspaceEvent::UploadFailed("no".into())));
    assert_eq!(pg.workspace().errors, [FileError::Unreadable("no".into())]);
}

#[test]
fn a_lessons_yaml_opens_in_a_file_of_its_own() {
    let mut pg = Playground::new();
    pg.update(Msg::Workspace(WorkspaceEvent::OpenYaml(
        TUTORIAL_DAEMONSET_TOLERATING.into(),
    )));
    // The file named after its object is the tutorial's own: its text is replaced.
    assert_eq!(pg.session().files.len(), 1);
    assert_eq!(pg.text(), TUTORIAL_DAEMONSET_TOLERATING);
    pg.update(Msg::Workspace(WorkspaceEvent::OpenYaml(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n".into(),
    )));
    assert_eq!(pg.session().files[1].0, "web.yaml");
    pg.update(Msg::Workspace(WorkspaceEvent::OpenYaml("foo: [".into())));
    assert_eq!(pg.session().files[2].0, "lesson.yaml");
}

/// `count` worker nodes and a Deployment of `replicas`, as YAML.
fn nodes_and_deployment(count: usize, replicas: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        text.push_str(&format!(
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: n{i}\n---\n"
        ));
    }
    text.push_str(&format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: web}}\n  template:\n    metadata:\n      labels: {{app: web}}\n    spec:\n      containers: [{{name: c, image: nginx}}]\n"));
    text
}

/// With a round budget (the page's), a big change returns early, holds the
/// clock, settles in unlogged steps and ends where the same inputs without a
/// budget end, and so where the log's replay ends; the budget outlives a reset.
#[test]
fn a_round_budget_settles_in_steps_to_the_same_playground() {
    let text = nodes_and_deployment(10, 1000);
    let mut at_once = Playground::new();
    let mut stepped = Playground::new();
    stepped.set_round_budget(Some(1));
    for pg in [&mut at_once, &mut stepped] {
        pg.update(Msg::Edit(text.clone()));
        pg.update(Msg::Apply);
    }
    assert!(at_once.is_settled());
    assert!(
        !stepped.is_settled(),
        "1,000 replicas take more than one round"
    );
    let log = stepped.session().log.clone();
    let now = stepped.cluster().now();
    stepped.update(Msg::Tick);
    assert_eq!(stepped.cluster().now(), now, "time is held while settling");
    assert_eq!(stepped.session().log, log, "a held tick logs nothing");
    let bound = |pg: &Playground| pg.view().nodes.iter().map(|n| n.pods.len()).sum::<usize>();
    let mut steps = 0;
    let mut shown = Vec::new();
    let one_round = || {
        let mut once = true;
        move || mem::take(&mut once)
    };
    while !stepped.settle(one_round()) {
        shown.push(bound(&stepped));
        steps += 1;
        assert!(steps < 100, "never settles");
    }
    assert!(
        shown.windows(2).all(|w| w[0] <= w[1]),
        "pods appear in waves: {shown:?}"
    );
    assert_eq!(stepped.session().log, log, "settling logs nothing");
    same(&stepped, &at_once);
    same(&Playground::replay(&stepped.session().log), &stepped);
    for pg in [&mut at_once, &mut stepped] {
        pg.update(Msg::Tick);
    }
    same(&stepped, &at_once);

    // A terminal command reads the change's end.
    for pg in [&mut at_once, &mut stepped] {
        pg.update(command("kubectl scale deployment web --replicas=2000"));
        pg.update(command("kubectl get deployment web"));
    }
    same(&stepped, &at_once);

    stepped.update(Msg::Reset);
    stepped.update(Msg::Edit(text));
    stepped.update(Msg::Apply);
    assert!(!stepped.is_settled(), "the budget outlives a reset");
}

mod what_if {
    use super::*;
    use crate::WhatIfEvent;
    use taintlab_core::what_if::ChangeKind;

    const WEB: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";

    /// The tutorial's cluster running `web`, a copy made, and the worker
    /// tainted NoExecute in the copy from the terminal; then 10 s pass.
    fn tainted_copy() -> Playground {
        let mut pg = Playground::new();
        pg.update(Msg::Edit(WEB.into()));
        pg.update(Msg::Apply);
        pg.update(Msg::Step(5));
        pg.update(Msg::WhatIf(WhatIfEvent::Start));
        pg.update(command("kubectl taint nodes worker dedicated=db:NoExecute"));
        pg.update(Msg::Step(10));
        pg
    }

    #[test]
    fn changes_go_to_the_copy_and_time_passes_in_both() {
        let pg = tainted_copy();
        let what_if = pg.what_if().expect("open");
        // The copy lost its web pods on the worker; the cluster as it is did not.
        let on_worker = |c: &taintlab_core::Cluster| {
            c.pods()
                .filter(|p| p.spec.node_name == "worker" && !p.is_terminating())
                .count()
        };
        assert_eq!(on_worker(what_if.base()), 2);
        assert_eq!(on_worker(pg.cluster()), 0);
        assert_eq!(what_if.base().now(), pg.cluster().now());
        let diff = what_if.diff();
        let evicted = diff
            .pods
            .iter()
            .filter(|c| c.kind == ChangeKind::Evicted)
            .count();
        assert_eq!(evicted, 2, "{}", diff.text());
        assert!(
            what_if
                .base()
                .node("worker")
                .is_some_and(|n| n.spec.taints.is_empty())
        );
    }

    #[test]
    fn a_link_carries_both_clusters() {
        let pg = tainted_copy();
        let session = Session::decode(&pg.session().encode()).expect("decodes");
        let again = Playground::restore(session);
        same(&pg, &again);
        let (a, b) = (pg.what_if().expect("open"), again.what_if().expect("open"));
        assert_eq!(a.base_view(), b.base_view());
        assert_eq!(a.diff(), b.diff());
        assert_eq!(a.since(), b.since());
        assert_eq!(pg.session().fork, again.session().fork);
    }

    #[test]
    fn keeping_the_copy_makes_its_changes_real() {
        let mut pg = tainted_copy();
        pg.update(Msg::WhatIf(WhatIfEvent::Keep));
        assert!(pg.what_if().is_none());
        assert!(pg.session().fork.is_none());
        let again = Playground::replay(&pg.session().log);
        same(&pg, &again);
        assert!(
            pg.cluster()
                .node("worker")
                .is_some_and(|n| !n.spec.taints.is_empty())
        );
    }

    #[test]
    fn discarding_the_copy_keeps_the_time_that_passed() {
        let mut pg = tainted_copy();
        let now = pg.cluster().now();
        pg.update(Msg::WhatIf(WhatIfEvent::Discard));
        assert!(pg.what_if().is_none());
        assert_eq!(pg.cluster().now(), now);
        assert!(
            pg.cluster()
                .node("worker")
                .is_some_and(|n| n.spec.taints.is_empty())
        );
        let again = Playground::replay(&pg.session().log);
        same(&pg, &again);
    }

    #[test]
    fn a_workload_applied_to_both_lands_by_each_ones_scheduler_configuration() {
        // The copy packs pods (MostAllocated); the cluster as it is spreads them.
        const PACK: &str = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: default-scheduler\n  plugins:\n    score:\n      disabled:\n      - name: PodTopologySpread\n      - name: NodeResourcesBalancedAllocation\n  pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocated\n";
        const THREE: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: spread\nspec:\n  replicas: 4\n  selector:\n    matchLabels: {app: spread}\n  template:\n    metadata:\n      labels: {app: spread}\n    spec:\n      tolerations:\n      - operator: Exists\n      containers:\n      - name: c\n        image: nginx\n        resources:\n          requests: {cpu: 100m}\n";
        let mut pg = Playground::new();
        pg.update(Msg::WhatIf(WhatIfEvent::Start));
        pg.update(Msg::Edit(PACK.into()));
        pg.update(Msg::Apply);
        assert!(!pg.failed(), "{:?}", pg.diagnostics());
        pg.update(Msg::Edit(THREE.into()));
        pg.update(Msg::WhatIf(WhatIfEvent::ApplyToBoth));
        assert!(!pg.failed(), "{:?}", pg.diagnostics());
        pg.update(Msg::Step(5));
        let nodes = |c: &taintlab_core::Cluster| {
            let mut nodes: Vec<String> = c
                .pods()
                .filter(|p| p.metadata.name.starts_with("spread-"))
                .map(|p| p.spec.node_name.clone())
                .collect();
            nodes.sort();
            nodes.dedup();
            nodes
        };
        let what_if = pg.what_if().expect("open");
        assert_eq!(nodes(what_if.base()), ["master", "worker"], "spread");
        assert_eq!(nodes(pg.cluster()).len(), 1, "packed");
        assert!(!what_if.diff().is_empty());
        // Replayed from the session: the same two clusters.
        let again = Playground::restore(Session::decode(&pg.session().encode()).expect("decodes"));
        same(&pg, &again);
        assert_eq!(again.what_if().map(|w| w.diff()), Some(what_if.diff()));
        // A text the cluster as it is refuses changes neither.
        let before = pg.session().clone();
        pg.update(Msg::Edit("kind: Pod\n".into()));
        pg.update(Msg::WhatIf(WhatIfEvent::ApplyToBoth));
        assert!(pg.failed());
        assert_eq!(pg.session().log, before.log);
        assert_eq!(pg.session().fork, before.fork);
    }

    #[test]
    fn an_import_or_a_lesson_closes_the_copy() {
        let mut pg = tainted_copy();
        pg.update(Msg::StartLesson("tutorial"));
        assert!(pg.what_if().is_none());
        assert!(pg.session().fork.is_none());
    }
}

#[test]
fn a_scheduler_configuration_left_by_the_first_load_module_is_applied() {
    let config = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: packer\n";
    let session = Session {
        files: vec![("redis-ds.yaml".into(), config.into())],
        pending: Some(Input::Apply(config.into())),
        speed: 1,
        ..Session::default()
    };
    let pg = Playground::restore(session);
    assert!(!pg.failed(), "{:?}", pg.diagnostics());
    assert_eq!(pg.session().log, [Input::Apply(config.into())]);
    let names: Vec<&str> = pg
        .cluster()
        .scheduler_config()
        .profiles
        .iter()
        .map(|p| p.scheduler_name.as_str())
        .collect();
    assert_eq!(names, ["packer"]);
}
