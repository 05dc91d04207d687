//! The full module's panels: terminal, explanations and lessons.

pub mod terminal;

use crate::i18n::tr;
use crate::state::{AppState, Panel};
use yew::prelude::*;

/// The content of `panel`.
pub fn panel(panel: Panel, state: &UseReducerHandle<AppState>) -> Html {
    match panel {
        Panel::Terminal => terminal::panel(state),
        Panel::Explain => html! { <div data-testid="explain"></div> },
        Panel::Lessons => html! { <div data-testid="lessons"></div> },
        Panel::Events => html! {},
    }
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
                <p class="action-error" role="alert">{error.clone()}</p>
            }
            <ol class="history" data-testid="history">
                {for state.session.history.iter().rev().take(8).map(|c| html! { <li><code>{format!("$ {c}")}</code></li> })}
            </ol>
        </section>
    }
}
