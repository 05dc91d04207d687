//! The YAML editor: a text area with a line-number gutter that marks error lines.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The text to show.
    pub text: String,
    /// 1-based lines that carry an error.
    pub error_lines: Vec<usize>,
    /// Accessible label.
    pub label: &'static str,
    /// Called with the new text on every edit.
    pub on_edit: Callback<String>,
    /// Called on Ctrl/Cmd+Enter.
    pub on_apply: Callback<()>,
}

/// The manifest editor.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    let onkeydown = {
        let on_apply = props.on_apply.clone();
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                // Make sure the latest text is in the state before applying.
                let area: HtmlTextAreaElement = e.target_unchecked_into();
                on_edit.emit(area.value());
                on_apply.emit(());
            }
        })
    };
    let line_count = props.text.lines().count().max(1) + usize::from(props.text.ends_with('\n'));
    let gutter = (1..=line_count).map(|n| {
        let class = if props.error_lines.contains(&n) {
            "ln error"
        } else {
            "ln"
        };
        html! { <span class={class}>{n}</span> }
    });
    html! {
        <div class="editor">
            <div class="gutter" aria-hidden="true">{for gutter}</div>
            <textarea
                data-testid="editor"
                aria-label={props.label}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                rows={line_count.to_string()}
                value={props.text.clone()}
                {oninput}
                {onkeydown}
            />
        </div>
    }
}
