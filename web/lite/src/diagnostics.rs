//! What the last apply said: kubectl's lines, or errors with their positions.

use taintlab_core::Diagnostic;
use taintlab_core::Severity;
use taintlab_ui::i18n::{Lang, position, tr};
use yew::prelude::*;

/// Properties of [`DiagnosticsPanel`].
#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    /// UI language.
    pub lang: Lang,
    /// Errors or warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// kubectl lines from a successful apply.
    pub applied: Vec<String>,
    /// Whether the last apply failed.
    pub failed: bool,
}

/// The diagnostics area (`data-testid="diagnostics"`).
#[component]
pub fn DiagnosticsPanel(props: &DiagnosticsProps) -> Html {
    let lang = props.lang;
    let items = props.diagnostics.iter().map(|d| {
        let class = match d.severity {
            Severity::Error => "diag error",
            Severity::Warning => "diag warning",
        };
        html! {
            <li class={class}>
                <span class="where">{position(lang, d.document, d.line, d.column)}</span>
                <code class="what">{d.message.clone()}</code>
            </li>
        }
    });
    let status = if props.failed {
        html! { <p class="status bad" role="alert">{tr(lang, "Nothing was applied; the cluster is as it was.", "没有应用任何内容，集群保持不变。")}</p> }
    } else if !props.applied.is_empty() {
        html! {
            <p class="status good">
                <span>{tr(lang, "Applied", "已应用")}{": "}</span>
                {for props.applied.iter().map(|l| html! { <code class="kubectl">{l.clone()}</code> })}
            </p>
        }
    } else {
        html! {}
    };
    html! {
        <div class="diagnostics" data-testid="diagnostics" aria-live="polite">
            {status}
            if !props.diagnostics.is_empty() {
                <ul>{for items}</ul>
            }
        </div>
    }
}
