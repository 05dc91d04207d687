//! The history the terminal and the node buttons share.

use std::rc::Rc;
use taintlab_ui::i18n::{Lang, core_message, tr};
use yew::prelude::*;

/// Properties of [`HistoryPanel`].
#[derive(Properties, PartialEq)]
pub struct HistoryPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The shared history, oldest first.
    pub history: Rc<Vec<String>>,
    /// Why the last button did nothing, in the words of its command.
    pub action_error: Option<AttrValue>,
}

/// The history the terminal and the UI's buttons share (each button as the
/// command that does the same), newest first, and why the last button did
/// nothing, if it did nothing.
#[component]
pub fn HistoryPanel(props: &HistoryPanelProps) -> Html {
    let lang = props.lang;
    if props.action_error.is_none() && props.history.is_empty() {
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
            if let Some(error) = &props.action_error {
                <p class="action-error" role="alert">{core_message(lang, error)}</p>
            }
            <ol class="history" data-testid="history">
                {for props.history.iter().rev().take(8).map(|c| {
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
