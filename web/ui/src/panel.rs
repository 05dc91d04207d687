//! The panels under the cluster and their tabs. The first-load module shows the
//! tabs and hands over to the full module, which has the panels.

use crate::i18n::{Lang, tr};
use yew::prelude::*;

/// A panel under the cluster view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// The events timeline.
    Events,
    /// The kubectl and node-shell terminal.
    Terminal,
    /// Why a pod, node or DaemonSet is where it is.
    Explain,
    /// Guided lessons.
    Lessons,
    /// A what-if copy of the cluster and what it would change.
    WhatIf,
}

impl Panel {
    /// Every panel, in tab order.
    pub const ALL: [Panel; 5] = [
        Panel::Events,
        Panel::Terminal,
        Panel::Explain,
        Panel::WhatIf,
        Panel::Lessons,
    ];

    /// The panel's name in a session.
    pub fn key(self) -> &'static str {
        match self {
            Panel::Events => "events",
            Panel::Terminal => "terminal",
            Panel::Explain => "explain",
            Panel::Lessons => "lessons",
            Panel::WhatIf => "what-if",
        }
    }

    /// The panel a session's panel names (what comes after a `/` says what the
    /// panel shows, as in `lessons/tutorial`); the events for anything else.
    pub fn from_key(key: &str) -> Panel {
        let key = key.split('/').next().unwrap_or_default();
        Panel::ALL
            .into_iter()
            .find(|p| p.key() == key)
            .unwrap_or(Panel::Events)
    }

    /// The tab's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Panel::Events => tr(lang, "Events", "事件"),
            Panel::Terminal => tr(lang, "Terminal", "终端"),
            Panel::Explain => tr(lang, "Why here?", "为什么在这里？"),
            Panel::Lessons => tr(lang, "Lessons", "课程"),
            Panel::WhatIf => tr(lang, "What if", "假如"),
        }
    }
}

/// Properties of [`Tabs`].
#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// UI language.
    pub lang: Lang,
    /// The open panel.
    pub open: Panel,
    /// A tab was clicked.
    pub on_open: Callback<Panel>,
}

/// The panels' tab list.
#[component]
pub fn Tabs(props: &TabsProps) -> Html {
    tabs(props)
}

/// What [`Tabs`] shows.
pub fn tabs(props: &TabsProps) -> Html {
    let lang = props.lang;
    html! {
        <div class="tabs" role="tablist" aria-label={tr(lang, "Panels", "面板")}>
            {for Panel::ALL.into_iter().map(|panel| html! {
                <button role="tab" class="tab" aria-selected={(props.open == panel).to_string()}
                    data-tab={panel.key()} onclick={props.on_open.reform(move |_: MouseEvent| panel)}>
                    {panel.title(lang)}
                </button>
            })}
        </div>
    }
}
