//! The list under the editor: what the last apply or write said, and each
//! diagnostic as an entry that moves the caret to its line and column.

use crate::state::{Action, AppState};
use crate::workspace_shown::WorkspaceShown;
use taintlab_playground::{Target, WorkspaceEvent};
use taintlab_ui::i18n::{Lang, core_message, position, tr};

use taintlab_core::Severity;
use taintlab_core::cluster::STATIC_POD_PATH;
use yew::prelude::*;

/// How many of an apply's lines are listed before the rest are counted.
const SHOWN_APPLIED: usize = 8;

/// What the last apply or write said, and its diagnostics as entries that move
/// the caret to their line and column (opening their file first if needed).
pub fn view(
    state: &UseReducerHandle<AppState>,
    shown: &WorkspaceShown,
    current: &Target,
    jump: UseStateHandle<Option<(Target, usize, usize)>>,
) -> Html {
    let lang = shown.lang;
    // Diagnostics that name no file (set elsewhere) are about the open one.
    let about = shown
        .workspace
        .diagnostics_of
        .clone()
        .unwrap_or_else(|| current.clone());
    let status = if let Some(at) = &shown.workspace.written {
        let errors = shown
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        let (class, text) = match (lang, errors) {
            (Lang::En, false) => (
                "status good",
                format!(
                    "Written to {}:{STATIC_POD_PATH}/{}: its kubelet runs the pod as a static pod.",
                    at.node, at.file
                ),
            ),
            (Lang::Zh, false) => (
                "status good",
                format!(
                    "已写入 {}:{STATIC_POD_PATH}/{}：该节点的 kubelet 会把它作为静态 Pod 运行。",
                    at.node, at.file
                ),
            ),
            (Lang::En, true) => (
                "status bad",
                format!(
                    "Written to {}:{STATIC_POD_PATH}/{}, but its kubelet cannot run it:",
                    at.node, at.file
                ),
            ),
            (Lang::Zh, true) => (
                "status bad",
                format!(
                    "已写入 {}:{STATIC_POD_PATH}/{}，但 kubelet 无法运行它：",
                    at.node, at.file
                ),
            ),
        };
        html! { <p class={class} role={errors.then_some("alert")}>{text}</p> }
    } else if let Some(refusal) = &shown.workspace.refusal {
        html! {
            <p class="status bad" role="alert">
                <code class="kubectl">{core_message(lang, refusal)}</code>{" "}{tr(lang, "Nothing was applied; the cluster is as it was.", "没有应用任何内容，集群保持不变。")}
            </p>
        }
    } else if shown.failed {
        html! { <p class="status bad" role="alert">{tr(lang, "Nothing was applied; the cluster is as it was.", "没有应用任何内容，集群保持不变。")}</p> }
    } else if !shown.applied.is_empty() {
        html! {
            <p class="status good">
                <span>{tr(lang, "Applied", "已应用")}{tr(lang, ": ", "：")}</span>
                // A long apply (a cluster of nodes) is summed up after a few lines.
                {for shown.applied.iter().take(SHOWN_APPLIED).map(|l| html! { <code class="kubectl">{l.clone()}</code> })}
                if shown.applied.len() > SHOWN_APPLIED {
                    <span class="muted">{match lang {
                        Lang::En => format!("…and {} more ({} objects in all)", shown.applied.len() - SHOWN_APPLIED, shown.applied.len()),
                        Lang::Zh => format!("……另有 {} 个（共 {} 个对象）", shown.applied.len() - SHOWN_APPLIED, shown.applied.len()),
                    }}</span>
                }
            </p>
        }
    } else {
        html! {}
    };
    let elsewhere = (about != *current).then(|| about.path());
    let items = shown.diagnostics.iter().map(|d| {
        let class = match d.severity {
            Severity::Error => "diag error",
            Severity::Warning => "diag warning",
        };
        let onclick = {
            let jump = jump.clone();
            let about = about.clone();
            let dispatch = state.dispatcher();
            let current = current.clone();
            let (line, column) = (d.line, d.column);
            Callback::from(move |_: MouseEvent| {
                let at = about.clone();
                if at != current {
                    let open = match &at {
                        Target::Manifest(m) => WorkspaceEvent::OpenManifest(m.clone()),
                        Target::File(name) => WorkspaceEvent::OpenFileNamed(name.clone()),
                    };
                    dispatch.dispatch(Action::Workspace(open));
                }
                jump.set(Some((at, line, column)));
            })
        };
        html! {
            <li>
                <button class={class} {onclick} data-line={d.line.to_string()} data-column={d.column.to_string()}>
                    <span class="where">{position(lang, d.document, d.line, d.column)}</span>
                    <code class="what">{core_message(lang, &d.message)}</code>
                </button>
            </li>
        }
    });
    html! {
        <div class="diagnostics" data-testid="diagnostics" aria-live="polite">
            // The last apply was of another file: say which, first.
            if let Some(path) = elsewhere.filter(|_| shown.failed || !shown.diagnostics.is_empty()) {
                <p class="muted small about">{tr(lang, "The last apply, of ", "上次应用的是 ")}<code>{path}</code>{tr(lang, ":", "：")}</p>
            }
            {status}
            if !shown.diagnostics.is_empty() {
                <ul>{for items}</ul>
            }
        </div>
    }
}
