//! The terminal panel: core's kubectl and node-shell interpreter (the
//! playground's terminal) behind a prompt, with a scrollback, history on the
//! arrow keys, Tab completion, here-documents typed or pasted line by line,
//! `clear` and Ctrl+L.
//!
//! Running a line is the playground's `Msg::Command`: the session logs it, so
//! a replay reaches the same cluster, and what it printed comes back as an
//! effect. The scrollback is what this page showed and is not part of the
//! session: a restored or handed-over session starts with an empty screen.

use crate::scrollback::Scrollback;
use crate::state::{Action, AppState};
use std::rc::Rc;
use taintlab_shell::Terminal;
use taintlab_shell::complete::Completion;
use taintlab_shell::words::HereDoc;
use taintlab_ui::i18n::{Lang, tr};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the terminal asks of the reducer besides running a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreenEdit {
    /// Ctrl+L: an empty screen, nothing run.
    Clear,
    /// Ctrl+C: the lines typed so far are shown, abandoned (`^C`), not run.
    Interrupted(Vec<String>),
}

/// The terminal panel for the app's state.
pub fn panel(state: &UseReducerHandle<AppState>) -> Html {
    let on_command = {
        let state = state.clone();
        Callback::from(move |(line, stdin): (String, Option<String>)| {
            state.dispatch(Action::Update(taintlab_playground::Msg::Command {
                line,
                stdin,
            }))
        })
    };
    let on_screen = {
        let state = state.clone();
        Callback::from(move |edit: ScreenEdit| {
            state.dispatch(match edit {
                ScreenEdit::Clear => Action::ClearScreen,
                ScreenEdit::Interrupted(lines) => {
                    Action::Update(taintlab_playground::Msg::Interrupted(lines))
                }
            })
        })
    };
    let complete = {
        let state = state.clone();
        Callback::from(move |(line, cursor): (String, usize)| {
            state.pg.terminal().complete(&line, cursor)
        })
    };
    html! {
        <TerminalView lang={state.lang} prompt={state.pg.terminal().prompt()}
            scrollback={state.scrollback.clone()} history={Rc::new(state.pg.session().history.clone())}
            {on_command} {on_screen} {complete} />
    }
}

/// Properties of [`TerminalView`].
#[derive(Properties)]
pub struct TerminalProps {
    /// UI language.
    pub lang: Lang,
    /// The prompt for the next command (`$ `, `root@worker:~# `).
    pub prompt: String,
    /// The commands on the screen.
    pub scrollback: Scrollback,
    /// The shared history, oldest first (typed commands and the buttons' commands).
    pub history: Rc<Vec<String>>,
    /// Runs a line with its here-document's body.
    pub on_command: Callback<(String, Option<String>)>,
    /// Clears the screen or shows an interrupted line.
    pub on_screen: Callback<ScreenEdit>,
    /// Tab completion of a line at a byte offset.
    pub complete: Callback<(String, usize), Completion>,
}

impl PartialEq for TerminalProps {
    /// What the terminal shows. The callbacks are made anew on every render
    /// (so they never compare equal), yet each one acts on the app's latest
    /// state (yew 0.23's handles read the shared state, not a snapshot): left
    /// out, so that a clock tick does not render the terminal again.
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.prompt == other.prompt
            && self.scrollback == other.scrollback
            && self.history == other.history
    }
}

/// A here-document being typed: the command line, its delimiter, the lines so far.
#[derive(Debug, Clone)]
struct Pending {
    line: String,
    doc: HereDoc,
    body: Vec<String>,
}

/// What the input line keeps between key presses.
#[derive(Debug, Default)]
struct LineState {
    /// The here-document being typed, if any.
    pending: Option<Pending>,
    /// Which history entry is shown; `None` is the line being typed.
    at: Option<usize>,
    /// The line being typed, kept while the history is browsed.
    draft: String,
    /// What Tab listed last, until the line changes.
    listed: Vec<String>,
    /// The rest of a recalled here-document command (its body and delimiter),
    /// entered after the line shown when Enter runs it.
    recalled: Vec<String>,
}

impl LineState {
    /// Takes one line as Enter does: runs it, starts a here-document, adds to one,
    /// or ends one and runs the command with its body.
    fn enter(&mut self, line: String, on_command: &Callback<(String, Option<String>)>) {
        self.at = None;
        self.listed.clear();
        if let Some(mut pending) = self.pending.take() {
            match pending.doc.body_line(&line) {
                Some(text) => {
                    pending.body.push(text.to_string());
                    self.pending = Some(pending);
                }
                None => {
                    let body: String = pending.body.iter().map(|l| format!("{l}\n")).collect();
                    on_command.emit((pending.line, Some(body)));
                }
            }
            return;
        }
        match Terminal::heredoc(&line) {
            Some(doc) => {
                self.pending = Some(Pending {
                    line,
                    doc,
                    body: Vec::new(),
                })
            }
            None => on_command.emit((line, None)),
        }
    }

    /// The lines typed so far for the pending command.
    fn typed(&self) -> Vec<String> {
        self.pending
            .as_ref()
            .map(|p| {
                std::iter::once(p.line.clone())
                    .chain(p.body.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A JavaScript string offset (UTF-16 units) as a byte offset into `text`.
fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0;
    for (at, c) in text.char_indices() {
        if units >= utf16 as usize {
            return at;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// A byte offset into `text` as a JavaScript string offset.
fn utf16_offset(text: &str, bytes: usize) -> u32 {
    text.get(..bytes)
        .unwrap_or(text)
        .encode_utf16()
        .count()
        .try_into()
        .unwrap_or(u32::MAX)
}

/// Shows `text` in the input with the cursor at byte `cursor`.
fn set_line(input: &HtmlInputElement, text: &str, cursor: usize) {
    input.set_value(text);
    let at = utf16_offset(text, cursor);
    let _ = input.set_selection_range(at, at);
}

/// Whether the terminal may take the focus as it opens: not in a framed page
/// that does not have it (an embed in a tutorial, opening on its terminal),
/// where it would take the reader's focus and scroll their page to the frame.
fn may_take_focus() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let framed = window
        .top()
        .ok()
        .flatten()
        .is_some_and(|top| !js_sys::Object::is(&top, &window));
    !framed
        || window
            .document()
            .is_some_and(|d| d.has_focus().unwrap_or(false))
}

/// The terminal: scrollback, the pending here-document, Tab's list, the input line.
#[component]
pub fn TerminalView(props: &TerminalProps) -> Html {
    let lang = props.lang;
    let input_ref = use_node_ref();
    let screen_ref = use_node_ref();
    let line_state = use_mut_ref(LineState::default);
    let redraw = use_force_update();

    // Focus the input when the panel opens.
    {
        let input_ref = input_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>()
                && may_take_focus()
            {
                let _ = input.focus();
            }
        });
    }
    // Keep the newest output in view.
    {
        let screen_ref = screen_ref.clone();
        let deps = (
            props.scrollback.clone(),
            line_state.borrow().typed().len(),
            line_state.borrow().listed.len(),
            line_state.borrow().recalled.len(),
        );
        use_effect_with(deps, move |_| {
            if let Some(screen) = screen_ref.cast::<web_sys::Element>() {
                screen.set_scroll_top(screen.scroll_height());
            }
        });
    }

    let onkeydown = {
        let line_state = line_state.clone();
        let redraw = redraw.clone();
        let history = props.history.clone();
        let on_command = props.on_command.clone();
        let on_screen = props.on_screen.clone();
        let complete = props.complete.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Keys that finish an input method's composition (Chinese, Japanese)
            // are the input method's.
            if e.is_composing() {
                return;
            }
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let key = e.key();
            // Ctrl, not Cmd: on a Mac Cmd+C copies and Cmd+L is the address bar.
            let ctrl = e.ctrl_key() && !e.meta_key();
            let mut st = line_state.borrow_mut();
            match key.as_str() {
                "Enter" => {
                    e.prevent_default();
                    let line = input.value();
                    input.set_value("");
                    st.enter(line, &on_command);
                    for rest in std::mem::take(&mut st.recalled) {
                        st.enter(rest, &on_command);
                    }
                }
                "ArrowUp" | "ArrowDown" if !history.is_empty() => {
                    e.prevent_default();
                    let next = match (key.as_str(), st.at) {
                        ("ArrowUp", None) => {
                            st.draft = input.value();
                            Some(history.len() - 1)
                        }
                        ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                        (_, Some(i)) if i + 1 < history.len() => Some(i + 1),
                        _ => None,
                    };
                    if next == st.at && next.is_none() {
                        return;
                    }
                    st.at = next;
                    let text = match next {
                        Some(i) => history[i].clone(),
                        None => std::mem::take(&mut st.draft),
                    };
                    // A here-document command comes back whole: its first line to
                    // edit, the rest to run with it.
                    let mut lines = text.split('\n').map(str::to_string);
                    let first = lines.next().unwrap_or_default();
                    st.recalled = lines.collect();
                    set_line(&input, &first, first.len());
                    st.listed.clear();
                }
                // On an empty command line Tab is the browser's, to move the focus on.
                "Tab" if !e.shift_key() && (st.pending.is_some() || !input.value().is_empty()) => {
                    e.prevent_default();
                    let line = input.value();
                    if st.pending.is_some() {
                        // Inside a here-document Tab indents, as YAML wants spaces.
                        let at =
                            byte_offset(&line, input.selection_start().ok().flatten().unwrap_or(0));
                        let text = format!("{}  {}", &line[..at], &line[at..]);
                        set_line(&input, &text, at + 2);
                        return;
                    }
                    let cursor =
                        byte_offset(&line, input.selection_start().ok().flatten().unwrap_or(0));
                    let completion = complete.emit((line.clone(), cursor));
                    if completion.changes(&line) {
                        let (text, at) = completion.apply(&line);
                        set_line(&input, &text, at);
                        st.listed.clear();
                    } else {
                        // Nothing more to type for sure: list what could follow.
                        st.listed = completion.candidates;
                    }
                }
                "l" | "L" if ctrl && !e.alt_key() => {
                    e.prevent_default();
                    st.listed.clear();
                    on_screen.emit(ScreenEdit::Clear);
                }
                "c" | "C" if ctrl && !e.alt_key() => {
                    let (start, end) = (input.selection_start(), input.selection_end());
                    if start.ok().flatten() != end.ok().flatten() {
                        return; // Copying the selection.
                    }
                    e.prevent_default();
                    let mut lines = st.typed();
                    st.pending = None;
                    st.recalled.clear();
                    lines.push(input.value());
                    input.set_value("");
                    st.at = None;
                    st.listed.clear();
                    on_screen.emit(ScreenEdit::Interrupted(lines));
                }
                _ => return,
            }
            drop(st);
            redraw.force_update();
        })
    };
    let oninput = {
        let line_state = line_state.clone();
        let redraw = redraw.clone();
        Callback::from(move |_: InputEvent| {
            let had_list = !line_state.borrow().listed.is_empty();
            line_state.borrow_mut().listed.clear();
            if had_list {
                redraw.force_update();
            }
        })
    };
    // Pasted lines run one by one, as in a terminal: each complete line is
    // entered, the last (unfinished) one stays in the input.
    let onpaste = {
        let line_state = line_state.clone();
        let redraw = redraw.clone();
        let on_command = props.on_command.clone();
        Callback::from(move |e: Event| {
            let Ok(e) = e.dyn_into::<web_sys::ClipboardEvent>() else {
                return;
            };
            let Some(text) = e
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            if !text.contains(['\n', '\r']) {
                return;
            }
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            e.prevent_default();
            let value = input.value();
            let start = byte_offset(&value, input.selection_start().ok().flatten().unwrap_or(0));
            let end = byte_offset(&value, input.selection_end().ok().flatten().unwrap_or(0));
            let (start, end) = (start.min(end), end.max(start));
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let whole = format!("{}{text}{}", &value[..start], &value[end..]);
            let mut lines: Vec<&str> = whole.split('\n').collect();
            let last = lines.pop().unwrap_or_default();
            let mut st = line_state.borrow_mut();
            for line in lines {
                st.enter(line.to_string(), &on_command);
            }
            set_line(&input, last, last.len());
            drop(st);
            redraw.force_update();
        })
    };
    let focus_input = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            // A click that selected text (to copy it) keeps the selection.
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if !selecting && let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        })
    };

    let st = line_state.borrow();
    let typed = st.typed();
    let prompt = if st.pending.is_some() {
        "> ".to_string()
    } else {
        props.prompt.clone()
    };
    let line = |prompt: &str, text: &str| {
        html! {
            <div class="term-line"><span class="term-prompt">{prompt.to_string()}</span>{text.to_string()}</div>
        }
    };
    html! {
        <section class="panel terminal-panel" aria-labelledby="terminal-title">
            <div class="panel-head">
                <h2 id="terminal-title">{tr(lang, "Terminal", "终端")}</h2>
                <span class="muted small">
                    {tr(lang,
                        "kubectl and the nodes' shells (ssh worker). Tab completes, ↑ ↓ and !! recall the history, Ctrl+L clears.",
                        "kubectl 与节点的 shell（ssh worker）。Tab 补全，↑ ↓ 和 !! 调出历史，Ctrl+L 清屏。")}
                </span>
            </div>
            <div class="terminal" ref={screen_ref} onclick={focus_input}>
                <div class="term-output" data-testid="terminal-output" role="log"
                    aria-label={tr(lang, "Terminal output", "终端输出")}>
                    {for props.scrollback.entries().iter().map(|entry| {
                        let class = if entry.code == 0 { "term-out" } else { "term-out error" };
                        html! {
                            <div class="term-entry" data-code={entry.code.to_string()}>
                                {for entry.lines.iter().enumerate().map(|(i, l)| {
                                    line(if i == 0 { &entry.prompt } else { "> " }, l)
                                })}
                                if !entry.output.is_empty() {
                                    <pre class={class}>{entry.output.clone()}</pre>
                                }
                            </div>
                        }
                    })}
                </div>
                if !typed.is_empty() {
                    <div class="term-entry term-typing">
                        {for typed.iter().enumerate().map(|(i, l)| {
                            line(if i == 0 { &props.prompt } else { "> " }, l)
                        })}
                    </div>
                }
                if !st.listed.is_empty() {
                    <div class="term-candidates" data-testid="terminal-candidates" role="status">
                        {for st.listed.iter().map(|c| html! { <span>{c.clone()}</span> })}
                    </div>
                }
                <div class="term-input-row">
                    <label class="term-prompt" for="terminal-input">{prompt}</label>
                    <input id="terminal-input" class="term-input" data-testid="terminal-input" ref={input_ref}
                        type="text" autocomplete="off" autocapitalize="off" spellcheck="false"
                        aria-label={tr(lang, "Command", "命令")}
                        aria-describedby={(!st.recalled.is_empty()).then_some("terminal-recalled")}
                        {onkeydown} {oninput} {onpaste} />
                </div>
                if !st.recalled.is_empty() {
                    <div class="term-recalled" id="terminal-recalled" data-testid="terminal-recalled">
                        {for st.recalled.iter().map(|l| line("> ", l))}
                        <p class="muted small">
                            {match lang {
                                Lang::En => format!("Enter runs these {} lines with it (the here-document).", st.recalled.len()),
                                Lang::Zh => format!("按 Enter 会连同这 {} 行（here-document）一起运行。", st.recalled.len()),
                            }}
                        </p>
                    </div>
                }
            </div>
        </section>
    }
}
