//! The full module's panels: terminal, explanations and lessons.

mod code_editor;
mod diagnostics_list;
mod explain;
mod file_forms;
mod files;
mod highlight_html;
pub mod keep;
pub mod leaving;
pub mod lessons;
pub mod node_grid;
pub mod terminal;
pub mod workspace;
mod workspace_view;

pub(crate) use explain::breakable;
pub use workspace_view::WorkspacePanel;

use crate::i18n::{Lang, tr};
use crate::state::{AppState, Panel};
use taintlab_core::actions::NodeAction;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Brings the panels under the cluster into view when they start below the
/// window, after the render that fills them: a click on a pod or a node opens
/// its explanation there.
pub fn reveal_panels() {
    gloo::timers::callback::Timeout::new(0, || {
        let Some(panel) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".tabs-panel").ok().flatten())
        else {
            return;
        };
        let height = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(f64::MAX);
        if panel.get_bounding_client_rect().top() > height * 0.6 {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Start);
            let still = web_sys::window()
                .and_then(|w| {
                    w.match_media("(prefers-reduced-motion: reduce)")
                        .ok()
                        .flatten()
                })
                .is_some_and(|m| m.matches());
            options.set_behavior(if still {
                web_sys::ScrollBehavior::Auto
            } else {
                web_sys::ScrollBehavior::Smooth
            });
            panel.scroll_into_view_with_scroll_into_view_options(&options);
        }
    })
    .forget();
}

/// The content of `panel`.
pub fn panel(panel: Panel, state: &UseReducerHandle<AppState>) -> Html {
    let body = match panel {
        Panel::Terminal => terminal::panel(state),
        Panel::Explain => explain::explain_panel(state),
        Panel::Lessons => lessons::panel(state),
        Panel::Events => html! {},
    };
    html! { <>{lessons::strip(panel, state)}{body}</> }
}

/// The history the terminal and the UI's buttons share (each button as the
/// command that does the same), newest first, and why the last button did
/// nothing, if it did nothing.
pub fn history_panel(state: &AppState) -> Html {
    let lang = state.lang;
    if state.action_error.is_none() && state.session.history.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel history-panel" aria-labelledby="history-title">
            <div class="panel-head">
                <h2 id="history-title">{tr(lang, "History", "命令历史")}</h2>
                <span class="muted small">
                    {tr(lang, "Commands typed in the terminal, and for each button the command that does the same.", "终端中输入的命令；每个按钮则列出效果相同的那条命令。")}
                </span>
            </div>
            if let Some(error) = &state.action_error {
                <p class="action-error" role="alert">{crate::i18n::core_message(lang, error)}</p>
            }
            <ol class="history" data-testid="history">
                {for state.session.history.iter().rev().take(8).map(|c| {
                    // A here-document command: its first line, and how long its body is.
                    let mut lines = c.lines();
                    let first = lines.next().unwrap_or_default();
                    let more = lines.count();
                    html! {
                        <li>
                            <code>{format!("$ {first}")}</code>
                            if more > 0 {
                                <span class="muted small">{match lang {
                                    Lang::En => format!(" +{more} lines"),
                                    Lang::Zh => format!(" 另有 {more} 行"),
                                }}</span>
                            }
                        </li>
                    }
                })}
            </ol>
        </section>
    }
}

/// "Add a node": a name and a role; the node joins as `kubeadm join` would make it.
pub fn add_node_form(lang: Lang, on_action: Callback<(String, NodeAction)>) -> Html {
    let name = NodeRef::default();
    let role = NodeRef::default();
    let submit = {
        let (name, role) = (name.clone(), role.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(input), Some(select)) = (
                name.cast::<HtmlInputElement>(),
                role.cast::<HtmlSelectElement>(),
            ) else {
                return;
            };
            let control_plane = select.value() == "control-plane";
            on_action.emit((
                input.value().trim().to_string(),
                NodeAction::Join { control_plane },
            ));
            input.set_value("");
        })
    };
    html! {
        <form class="add-node" onsubmit={submit} aria-label={tr(lang, "Add a node", "添加节点")}>
            <label>
                {tr(lang, "Add a node", "添加节点")}{" "}
                <input ref={name} data-field="node-name" required=true placeholder="worker-2" size="12" />
            </label>
            <select ref={role} data-field="node-role" aria-label={tr(lang, "Role", "角色")}>
                <option value="worker" selected=true>{tr(lang, "worker", "工作节点")}</option>
                <option value="control-plane">{tr(lang, "control plane", "控制平面")}</option>
            </select>
            <button class="small" type="submit" data-action="join">{tr(lang, "Join", "加入")}</button>
        </form>
    }
}
