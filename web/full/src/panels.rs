//! The open panel under the cluster: the lesson strip above it, then its body.

use crate::state::AppState;
use crate::{explain, lessons, terminal, what_if};
use taintlab_ui::Panel;
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
        Panel::WhatIf => what_if::panel(state),
        Panel::Events => html! {},
    };
    html! { <>{lessons::strip(panel, state)}{body}</> }
}
