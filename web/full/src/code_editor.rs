//! The rich YAML editor: a text area over a highlighted copy of its text.
//!
//! The text area holds the text and does all editing (caret, selection, IME,
//! the browser's undo/redo); its own glyphs are transparent. Under it, a `<pre>`
//! with the same font, size, line height, padding and tab size shows the same text
//! in colour ([`taintlab_core::highlight`]). Both sit in one grid cell whose size
//! the `<pre>` sets, inside one scrolling box with the line numbers, so they
//! scroll together without any script and line up exactly.
//!
//! The text area's `value` is only set when it differs from what it holds, so
//! typing never resets it, and keys that change the text (Tab, Shift+Tab, Enter,
//! a snippet) go through `execCommand("insertText")`, which the browser records
//! in its undo history.

use crate::highlight_html::highlighted_blocks;
use crate::state::{Action, AppState};
use std::rc::Rc;
use taintlab_core::Severity;
use taintlab_playground::Msg;
use taintlab_playground::edit;
use taintlab_playground::edit::Edit;
use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

/// A diagnostic shown on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// The message, shown on hover.
    pub message: String,
}

impl Mark {
    fn class(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Properties of [`CodeEditor`].
#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The text.
    pub text: AttrValue,
    /// Diagnostics to mark, by line.
    pub marks: Rc<Vec<Mark>>,
    /// The text area's accessible label.
    pub label: AttrValue,
    /// The id of the element that describes the keys.
    pub described_by: AttrValue,
    /// Where edits, Apply (Ctrl/Cmd+Enter) go.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// A line and column to move the caret to (and focus) once shown.
    pub jump: Option<(usize, usize)>,
    /// Called when the caret has moved there.
    pub on_jumped: Callback<()>,
}

/// The selection of `area` as byte offsets into `text`.
fn selection(area: &HtmlTextAreaElement, text: &str) -> (usize, usize) {
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    (edit::byte_of(text, start), edit::byte_of(text, end))
}

fn select(area: &HtmlTextAreaElement, text: &str, (start, end): (usize, usize)) {
    let _ = area.set_selection_range(
        edit::utf16_of(text, start) as u32,
        edit::utf16_of(text, end) as u32,
    );
}

/// Performs `edit` on `area` as if typed: one step of the browser's undo history,
/// and an `input` event that puts the new text in the state.
pub fn perform(area: &HtmlTextAreaElement, edit: &Edit) {
    let text = area.value();
    let (start, end) = (edit.start.min(text.len()), edit.end.min(text.len()));
    if text.get(start..end) != Some(edit.insert.as_str()) {
        select(area, &text, (start, end));
        let native = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| {
                let command = if edit.insert.is_empty() {
                    "delete"
                } else {
                    "insertText"
                };
                d.exec_command_with_show_ui_and_value(command, false, &edit.insert)
                    .ok()
            })
            .unwrap_or(false);
        if !native || area.value() == text {
            // No execCommand (or it did nothing): change the text directly. The
            // browser's undo may not see this step.
            let _ = area.set_range_text(&edit.insert);
            if let Ok(event) = web_sys::InputEvent::new("input") {
                let _ = area.dispatch_event(&event);
            }
        }
    }
    select(area, &area.value(), edit.select);
}

/// Moves the caret of `area` to 1-based `line` and `column`, focuses it and scrolls
/// the line into view.
fn jump_to(area: &HtmlTextAreaElement, line: usize, column: usize) {
    let text = area.value();
    let at = edit::offset_of(&text, line, column);
    select(area, &text, (at, at));
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = area.focus_with_options(&options);
    // The line's band (every diagnostic line has one) is where to scroll to.
    if let Some(band) = area
        .parent_element()
        .and_then(|p| {
            p.query_selector(&format!(".code-marks [data-line=\"{line}\"]"))
                .ok()
        })
        .flatten()
    {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        band.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The line height and top padding of `area`, in pixels, from its computed style.
fn metrics(area: &HtmlTextAreaElement) -> Option<(f64, f64)> {
    let style = web_sys::window()?.get_computed_style(area).ok()??;
    let px = |name: &str| {
        style
            .get_property_value(name)
            .ok()?
            .trim_end_matches("px")
            .parse::<f64>()
            .ok()
    };
    Some((px("line-height")?, px("padding-top")?))
}

/// The YAML editor (`data-testid="editor"` on its text area).
#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let blocks = {
        let marks = props.marks.clone();
        use_memo((props.text.clone(), marks), |(text, marks)| {
            let points: Vec<(usize, &'static str)> = marks
                .iter()
                .map(|m| (edit::offset_of(text, m.line, m.column), m.class()))
                .collect();
            highlighted_blocks(text, &points)
        })
    };
    // Counted once per text, not per render: a long text has 100,000 lines.
    let lines = *use_memo(props.text.clone(), |text| text.split('\n').count());
    let numbers = use_memo(lines, |lines| {
        (1..=*lines)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    });
    // This editor's own reference: a shared one would be cleared when the editor
    // of the file switched away from goes.
    let textarea = use_node_ref();
    {
        // After this editor's text area is in the page, so it can take the caret.
        let textarea = textarea.clone();
        let on_jumped = props.on_jumped.clone();
        use_effect_with(props.jump, move |jump| {
            if let Some((line, column)) = *jump
                && let Some(area) = textarea.cast::<HtmlTextAreaElement>()
            {
                jump_to(&area, line, column);
                on_jumped.emit(());
            }
        });
    }
    // Escape, then Tab, leaves the editor (Tab alone indents): no keyboard trap.
    let escaped = use_mut_ref(|| false);

    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            dispatch.dispatch(Action::Update(Msg::Edit(area.value())));
        })
    };
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Keys that finish an IME composition (Chinese input) are the IME's.
            if e.is_composing() || e.key_code() == 229 {
                return;
            }
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let command = e.ctrl_key() || e.meta_key();
            let key = e.key();
            let was_escaped = std::mem::replace(&mut *escaped.borrow_mut(), key == "Escape");
            let change = match key.as_str() {
                "Enter" if command => {
                    e.prevent_default();
                    // The state has every edit already (input events); apply it.
                    dispatch.dispatch(Action::Update(Msg::Edit(area.value())));
                    dispatch.dispatch(Action::Update(Msg::Apply));
                    return;
                }
                "Tab" if !command && !e.alt_key() && !was_escaped => {
                    let text = area.value();
                    let (start, end) = selection(&area, &text);
                    if e.shift_key() {
                        edit::outdent(&text, start, end)
                    } else {
                        edit::indent(&text, start, end)
                    }
                }
                "Enter" if !e.shift_key() && !e.alt_key() => {
                    let text = area.value();
                    let (start, end) = selection(&area, &text);
                    edit::newline(&text, start, end)
                }
                _ => return,
            };
            e.prevent_default();
            perform(&area, &change);
        })
    };
    // The messages of the line under the pointer, as the text area's tooltip.
    let onmousemove = {
        let marks = props.marks.clone();
        Callback::from(move |e: MouseEvent| {
            if marks.is_empty() {
                return;
            }
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let Some((line_height, top)) = metrics(&area) else {
                return;
            };
            let y = f64::from(e.offset_y()) - top;
            let line = if y < 0.0 {
                0
            } else {
                (y / line_height) as usize + 1
            };
            let title = marks
                .iter()
                .filter(|m| m.line == line)
                .map(|m| m.message.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            if area.title() != title {
                area.set_title(&title);
            }
        })
    };

    let marks: Vec<&Mark> = props.marks.iter().filter(|m| m.line <= lines).collect();
    // One band and one gutter marker per line, errors over warnings.
    let mut lines_marked: Vec<(usize, &'static str, String)> = Vec::new();
    for mark in &marks {
        match lines_marked.iter_mut().find(|(l, _, _)| *l == mark.line) {
            Some((_, class, title)) => {
                if mark.severity == Severity::Error {
                    *class = "error";
                }
                title.push('\n');
                title.push_str(&mark.message);
            }
            None => lines_marked.push((mark.line, mark.class(), mark.message.clone())),
        }
    }
    let style = |line: usize| format!("--line: {}", line - 1);
    html! {
        <div class="code-editor">
            <div class="code-gutter">
                <pre aria-hidden="true">{(*numbers).clone()}</pre>
                {for lines_marked.iter().map(|(line, class, title)| html! {
                    // `~style` sets the property (CSSOM), which the page's Content-Security-Policy allows; it blocks style attributes.
                    <span class={classes!("gutter-mark", *class)} ~style={style(*line)} title={title.clone()}>
                        {line}
                    </span>
                })}
            </div>
            <div class="code-area">
                <div class="code-marks" aria-hidden="true">
                    {for lines_marked.iter().map(|(line, class, _)| html! {
                        <div class={classes!("band", *class)} ~style={style(*line)} data-line={line.to_string()}></div>
                    })}
                </div>
                // Blocks keyed by their content: an edit re-renders only the
                // blocks whose HTML it changes.
                <pre class="code-highlight" aria-hidden="true">
                    {for blocks.iter().map(|(key, html)| html! {
                        <key={key.clone()}>{Html::from_html_unchecked(html.clone())}</>
                    })}
                </pre>
                <textarea
                    ref={textarea}
                    data-testid="editor"
                    aria-label={props.label.clone()}
                    aria-describedby={props.described_by.clone()}
                    aria-invalid={marks.iter().any(|m| m.severity == Severity::Error).then_some("true")}
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    rows="1"
                    cols="1"
                    value={props.text.clone()}
                    {oninput}
                    {onkeydown}
                    {onmousemove}
                />
            </div>
        </div>
    }
}
