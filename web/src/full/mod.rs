//! The full module's panels: terminal, explanations and lessons.

mod code_editor;
mod diagnostics_list;
mod file_forms;
mod files;
mod highlight_html;
pub mod workspace;
mod workspace_view;

pub use workspace_view::WorkspacePanel;

use crate::i18n::tr;
use crate::state::{AppState, Panel};
use yew::prelude::*;

/// The content of `panel`.
pub fn panel(panel: Panel, state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    match panel {
        Panel::Terminal => {
            html! { <div data-testid="terminal-output">{tr(lang, "Terminal", "终端")}</div> }
        }
        Panel::Explain => html! { <div data-testid="explain"></div> },
        Panel::Lessons => html! { <div data-testid="lessons"></div> },
        Panel::Events => html! {},
    }
}

/// What the UI's buttons and the terminal did, newest first, and why the last
/// button did nothing, if it did nothing.
pub fn history_panel(state: &AppState) -> Html {
    let lang = state.lang;
    if state.action_error.is_none() && state.session.history.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel history-panel" aria-labelledby="history-title">
            <div class="panel-head">
                <h2 id="history-title">{tr(lang, "What the buttons did", "按钮执行的操作")}</h2>
                <span class="muted small">
                    {tr(lang, "Each button does what this command does in a terminal.", "每个按钮的效果都与终端中这条命令相同。")}
                </span>
            </div>
            if let Some(error) = &state.action_error {
                <p class="action-error" role="alert">{error.clone()}</p>
            }
            <ol class="history" data-testid="history">
                {for state.session.history.iter().rev().take(8).map(|c| html! { <li><code>{format!("$ {c}")}</code></li> })}
            </ol>
        </section>
    }
}
