//! Browser tests of the lessons panel: the real app, mounted in headless Chromium,
//! driven through the DOM.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, Mounted};

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The state a step shows (`done`, `current`, `later`).
fn step_state(app: &Mounted, step: u32) -> Option<String> {
    app.get(&format!("[data-testid=lessons] [data-step='{step}']"))
        .get_attribute("data-state")
}

#[wasm_bindgen_test]
async fn the_tutorial_lesson_follows_the_cluster() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    // Something in the cluster before the lesson: starting it resets the cluster.
    app.click("[data-testid=apply]").await;
    assert_eq!(app.count("[data-pod]"), 1);

    app.click("[data-tab=lessons]").await;
    assert_eq!(app.count("[data-testid=lessons] [data-lesson]"), 10);
    app.click("[data-lesson=tutorial] [data-action=start-lesson]")
        .await;
    assert!(app.find("[data-open-lesson=tutorial]").is_some());
    assert_eq!(app.count("[data-pod]"), 0, "the cluster starts afresh");
    assert_eq!(step_state(&app, 1).as_deref(), Some("current"));
    assert_eq!(step_state(&app, 2).as_deref(), Some("later"));
    assert!(app.text("[data-testid=lesson-progress]").contains("0 of 5"));

    // Step 1: the hint's Deployment, through the editor.
    app.click("[data-step='1'] [data-action=to-editor]").await;
    assert!(app.editor().value().contains("name: redis-deploy"));
    assert_eq!(
        app.text("[data-testid=open-file]"),
        "redis-deploy.yaml",
        "in a file of its own: the open one keeps its text"
    );
    assert_eq!(app.count("[data-file='redis-ds.yaml']"), 1);
    app.click("[data-testid=apply]").await;
    assert_eq!(step_state(&app, 1).as_deref(), Some("done"));
    assert_eq!(step_state(&app, 2).as_deref(), Some("current"));
    assert_eq!(app.text("[data-step='1'] .step-mark"), "✓");

    // Step 2: the DaemonSet, typed into the editor as a learner would.
    app.type_text(taintlab_core::TUTORIAL_DAEMONSET).await;
    assert_eq!(
        step_state(&app, 2).as_deref(),
        Some("current"),
        "typing is not applying"
    );
    app.click("[data-testid=apply]").await;
    assert_eq!(step_state(&app, 2).as_deref(), Some("done"));
    assert_eq!(app.count("[data-node=master] [data-pod^='redis-ds-']"), 0);

    // Step 3: the × on the master's taint badge.
    app.click("[data-node=master] .taint-remove").await;
    assert_eq!(step_state(&app, 3).as_deref(), Some("done"));
    assert_eq!(step_state(&app, 4).as_deref(), Some("current"));
    assert!(app.text("[data-testid=lesson-progress]").contains("3 of 5"));
    assert!(
        app.text("[data-step='4'] .lesson-hint")
            .contains("kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule")
    );

    // Another tab: the current step stays in sight, and the lesson is one click away.
    app.click("[data-tab=terminal]").await;
    let strip = app.text("[data-testid=lesson-strip]");
    assert!(strip.contains("3/5"), "{strip}");
    assert!(strip.contains("Put the taint back"), "{strip}");
    app.click("[data-action=show-lesson]").await;
    assert_eq!(step_state(&app, 3).as_deref(), Some("done"));
    assert!(app.find("[data-testid=lesson-strip]").is_none());

    // Back to the list, and the lesson's texts in Chinese.
    app.click("[data-action=all-lessons]").await;
    assert!(app.find("[data-open-lesson]").is_none());
    app.click("[data-testid=lang]").await;
    assert!(
        app.text("[data-lesson=tutorial]")
            .contains("DaemonSet 与 master 污点")
    );
}

#[wasm_bindgen_test]
async fn starting_over_undoes_the_steps() {
    let app = Mounted::new().await;
    app.click("[data-testid=pause]").await;
    app.click("[data-tab=lessons]").await;
    app.click("[data-lesson=cordon-drain] [data-action=start-lesson]")
        .await;
    assert_eq!(app.count("[data-node]"), 3, "three nodes for this lesson");
    app.click("[data-node=worker-1] [data-action=cordon]").await;
    assert_eq!(step_state(&app, 1).as_deref(), Some("done"));
    app.click("[data-action=restart-lesson]").await;
    assert_eq!(step_state(&app, 1).as_deref(), Some("current"));
    assert!(
        !app.text("[data-node=worker-1]")
            .contains("SchedulingDisabled")
    );
}
