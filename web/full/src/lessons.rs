//! The lessons panel: the list of lessons, and the open lesson's steps with their
//! goals, hints and state (done, current, not yet).
//!
//! Progress is not stored: every render asks core how far the cluster has come
//! ([`Lesson::progress`]). Starting a lesson records the reset to its cluster (and
//! its setup YAML) in the session's log, so a replayed session reaches the same
//! cluster and shows the same progress. Which lesson is open lives in
//! the playground and, while the lessons panel is open, in the session's
//! panel as `lessons/ID`, so a share link taken there reopens it.
//!
//! A lesson of one's own opens from a file (*Open a lesson file…*) or from the
//! address (`#lesson=URL`, fetched with CORS and no credentials, at most
//! `MAX_LESSON_BYTES`); the session then carries its text. Its texts are a
//! stranger's: they reach the page as text nodes only, which Yew escapes.

use crate::sharing;
use crate::state::{Action, AppState};
use taintlab_core::limits::{Limit, MAX_LESSON_BYTES};
use taintlab_playground::Msg;
use taintlab_playground::WorkspaceEvent;
use taintlab_playground::lessons;
use taintlab_playground::lessons::Hint;
use taintlab_playground::lessons::Lesson;
use taintlab_playground::lessons::Text;
use taintlab_ui::Panel;
use taintlab_ui::i18n::{Lang, limit_text, tr};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A lesson file on its way: fetched from a URL or read from a chosen file.
#[derive(Debug, Clone, PartialEq)]
pub enum LessonLoad {
    /// Being fetched from this URL.
    Fetching(String),
    /// The file or URL `from` could not be had.
    Failed {
        /// The file's name or the URL.
        from: String,
        /// Why.
        why: LoadError,
    },
}

/// Why a lesson file could not be had (a text that arrived but does not read
/// is the playground's to say: `Playground::lesson_errors`).
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// Not a URL.
    Url,
    /// The network failed or CORS refused; what the browser said.
    Network(String),
    /// The server answered with this HTTP status.
    Status(String),
    /// Over [`MAX_LESSON_BYTES`].
    Size,
    /// Not UTF-8 text, or a file the browser could not read.
    Unreadable,
}

impl LoadError {
    fn from_fetch((kind, detail): sharing::FetchError) -> LoadError {
        match kind.as_str() {
            "url" => LoadError::Url,
            "status" => LoadError::Status(detail),
            "size" => LoadError::Size,
            "encoding" => LoadError::Unreadable,
            _ => LoadError::Network(detail),
        }
    }

    /// What went wrong with `from`, in `lang`.
    fn text(&self, lang: Lang, from: &str) -> String {
        match (self, lang) {
            (LoadError::Url, Lang::En) => format!("{from} is not a URL."),
            (LoadError::Url, Lang::Zh) => format!("{from} 不是有效的 URL。"),
            (LoadError::Network(detail), Lang::En) => format!(
                "The lesson at {from} could not be fetched: the network failed, or its server does \
                 not let other sites read it (it has to send Access-Control-Allow-Origin, as GitHub \
                 Pages and raw gist URLs do). The browser said: {detail}"
            ),
            (LoadError::Network(detail), Lang::Zh) => format!(
                "无法获取 {from} 上的课程：网络出错，或者该服务器不允许其他网站读取（它需要发送 \
                 Access-Control-Allow-Origin 头，GitHub Pages 和 gist 的 raw 链接都会发送）。浏览器的说明：{detail}"
            ),
            (LoadError::Status(status), Lang::En) => {
                format!("The server of {from} answered {status}: no lesson was opened.")
            }
            (LoadError::Status(status), Lang::Zh) => {
                format!("{from} 的服务器返回 {status}：没有打开课程。")
            }
            (LoadError::Size, _) => format!(
                "{from}{}{}",
                tr(lang, ": ", "："),
                limit_text(lang, Limit::LessonBytes)
            ),
            (LoadError::Unreadable, Lang::En) => format!("{from}: the file is not UTF-8 text."),
            (LoadError::Unreadable, Lang::Zh) => format!("{from}：该文件不是 UTF-8 文本。"),
        }
    }
}

/// Fetches the lesson at `url` and opens it; says on the page what happens.
fn open_url(dispatcher: UseReducerDispatcher<AppState>, url: String) {
    dispatcher.dispatch(Action::Update(Msg::Open(Panel::Lessons.key().into())));
    dispatcher.dispatch(Action::LessonLoad(Some(LessonLoad::Fetching(url.clone()))));
    sharing::fetch_lesson_text(&url.clone(), move |result| {
        sharing::done_with_lesson_url(&url);
        open_fetched(dispatcher, url, result)
    });
}

/// Opens a fetched lesson file, or says why it could not be fetched.
fn open_fetched(
    dispatcher: UseReducerDispatcher<AppState>,
    url: String,
    result: Result<String, sharing::FetchError>,
) {
    match result {
        Ok(text) => {
            dispatcher.dispatch(Action::LessonLoad(None));
            dispatcher.dispatch(Action::Update(Msg::OpenLessonText { name: url, text }));
        }
        Err(error) => dispatcher.dispatch(Action::LessonLoad(Some(LessonLoad::Failed {
            from: url,
            why: LoadError::from_fetch(error),
        }))),
    }
}

/// Opens the lesson the address names (`#lesson=URL`) once the page starts,
/// and any such URL put into the address later.
#[hook]
pub fn use_lesson_url(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        if let Some(url) = sharing::lesson_in_address() {
            open_url(dispatcher.clone(), url);
        }
        let watch = sharing::LessonWatch::new(move |url| open_url(dispatcher.clone(), url));
        move || drop(watch)
    });
}

/// Reads the chosen lesson file and opens it; refuses one over
/// [`MAX_LESSON_BYTES`] before reading it.
async fn read_file(file: web_sys::File) -> Action {
    let from = file.name();
    if file.size() > MAX_LESSON_BYTES as f64 {
        return Action::LessonLoad(Some(LessonLoad::Failed {
            from,
            why: LoadError::Size,
        }));
    }
    match JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
    {
        Some(text) => Action::Update(Msg::OpenLessonText { name: from, text }),
        None => Action::LessonLoad(Some(LessonLoad::Failed {
            from,
            why: LoadError::Unreadable,
        })),
    }
}

/// Properties of [`LessonFileButton`].
#[derive(Properties, PartialEq)]
struct LessonFileProps {
    lang: Lang,
    dispatcher: UseReducerDispatcher<AppState>,
}

/// *Open a lesson file…*: a button over a hidden file input.
#[component]
fn LessonFileButton(props: &LessonFileProps) -> Html {
    let input = use_node_ref();
    let choose = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_change = {
        let dispatcher = props.dispatcher.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|list| list.get(0)) else {
                return;
            };
            // The same file can be chosen again after it is edited.
            input.set_value("");
            let dispatcher = dispatcher.clone();
            dispatcher.dispatch(Action::LessonLoad(None));
            wasm_bindgen_futures::spawn_local(async move {
                dispatcher.dispatch(read_file(file).await);
            });
        })
    };
    let lang = props.lang;
    html! {
        <>
            <button class="ghost small" data-action="open-lesson-file" onclick={choose}>
                {tr(lang, "Open a lesson file…", "打开课程文件…")}
            </button>
            <input type="file" accept=".yaml,.yml" class="visually-hidden" tabindex="-1"
                aria-hidden="true" data-testid="lesson-file" ref={input} onchange={on_change} />
        </>
    }
}

/// What the last lesson file or URL came to: being fetched, could not be had,
/// or its errors at their lines and columns.
fn load_report(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let errors = state.pg.lesson_errors();
    match &state.lesson_load {
        Some(LessonLoad::Fetching(url)) => html! {
            <p class="status muted" role="status" data-testid="lesson-fetching">
                {match lang {
                    Lang::En => format!("Fetching the lesson from {url}…"),
                    Lang::Zh => format!("正在获取课程：{url}…"),
                }}
            </p>
        },
        Some(LessonLoad::Failed { from, why }) => html! {
            <p class="status bad" role="alert" data-testid="lesson-load-error">{why.text(lang, from)}</p>
        },
        None if !errors.is_empty() => html! {
            <div class="status bad" role="alert" data-testid="lesson-load-error">
                <p>{tr(lang, "The lesson file has errors; nothing was opened:",
                    "课程文件有错误，没有打开任何课程：")}</p>
                <ul class="lesson-errors">
                    {for errors.iter().map(|e| html! { <li><code>{e.to_string()}</code></li> })}
                </ul>
            </div>
        },
        None => html! {},
    }
}

/// The text in the page's language (`tr` takes the page's own static texts).
fn text(lang: Lang, text: &Text) -> &str {
    match lang {
        Lang::En => &text.en,
        Lang::Zh => &text.zh,
    }
}

/// A lesson text with its `backticked` names shown as code.
fn rich(lang: Lang, text: &Text) -> Html {
    let words = self::text(lang, text);
    html! {
        {for words.split('`').enumerate().map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{part}</code> }
            } else {
                html! { {part} }
            }
        })}
    }
}

/// The lessons panel.
pub fn panel(state: &UseReducerHandle<AppState>) -> Html {
    match state.pg.lesson() {
        Some(lesson) => open_lesson(lesson, state),
        None => lesson_list(state),
    }
}

/// The open lesson's current step, one line above another panel, so the goal
/// stays in sight while the learner works in the terminal or reads an explanation.
pub fn strip(panel: Panel, state: &UseReducerHandle<AppState>) -> Html {
    let Some(lesson) = state.pg.lesson() else {
        return html! {};
    };
    if panel == Panel::Lessons {
        return html! {};
    }
    let lang = state.lang;
    let done = lesson.progress(state.pg.cluster());
    let total = lesson.steps.len();
    let show = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Update(Msg::Open(Panel::Lessons.key().into())))
        })
    };
    let current = lesson.steps.get(done);
    html! {
        <div class="lesson-strip" data-testid="lesson-strip" role="status">
            <span class="strip-count">{format!("{} {}/{total}", text(lang, &lesson.title), done.min(total))}</span>
            <span class="strip-goal">
                {match current {
                    Some(step) => rich(lang, &step.goal),
                    None => html! { {tr(lang, "Lesson complete.", "本课完成。")} },
                }}
            </span>
            if let Some(Hint::Shell(command)) = current.map(|s| &s.hint) {
                <code class="strip-hint">{command}</code>
            }
            <button class="link" data-action="show-lesson" onclick={show}>
                {tr(lang, "Show the lesson", "查看课程")}
            </button>
        </div>
    }
}

fn start(state: &UseReducerHandle<AppState>, id: &'static str) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_| state.dispatch(Action::Update(Msg::StartLesson(id))))
}

/// Starts the carried lesson, or the built-in lesson `id`, from its start.
fn restart(state: &UseReducerHandle<AppState>, carried: bool, id: &str) -> Callback<MouseEvent> {
    match lessons::find(id) {
        Some(lesson) if !carried => start(state, &lesson.id),
        _ => {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::Update(Msg::StartCarriedLesson)))
        }
    }
}

fn lesson_list(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    html! {
        <section class="lessons" data-testid="lessons" aria-labelledby="lessons-title">
            <div class="panel-head">
                <h2 id="lessons-title">{tr(lang, "Lessons", "课程")}</h2>
                <span class="muted small">
                    {tr(lang, "Starting a lesson resets the cluster to the lesson's own.",
                        "开始一节课会把集群重置为该课的初始状态。")}
                </span>
                <LessonFileButton {lang} dispatcher={state.dispatcher()} />
            </div>
            {load_report(state)}
            <ol class="lesson-list">
                if let Some(lesson) = state.pg.carried_lesson() {
                    <li class="lesson-item own" data-lesson-file={lesson.id.clone()}>
                        <div class="lesson-item-text">
                            <h3>
                                <span class="lesson-number">{"★"}</span>
                                {text(lang, &lesson.title)}
                            </h3>
                            <p class="muted lesson-summary">
                                <span class="small">{tr(lang, "Opened from a file: ", "从文件打开：")}</span>
                                {rich(lang, &lesson.summary)}
                            </p>
                        </div>
                        <div class="lesson-item-actions">
                            <span class="muted small">{steps_count(lang, lesson.steps.len())}</span>
                            <button class="primary" data-action="start-lesson"
                                aria-label={format!("{} {}", tr(lang, "Start", "开始"), text(lang, &lesson.title))}
                                onclick={restart(state, true, "")}>
                                {tr(lang, "Start", "开始")}
                            </button>
                        </div>
                    </li>
                }
                {for lessons::all().iter().enumerate().map(|(i, lesson)| html! {
                    <li class="lesson-item" data-lesson={lesson.id.clone()}>
                        <div class="lesson-item-text">
                            <h3>
                                <span class="lesson-number">{format!("{}", i + 1)}</span>
                                {text(lang, &lesson.title)}
                            </h3>
                            <p class="muted lesson-summary">{rich(lang, &lesson.summary)}</p>
                        </div>
                        <div class="lesson-item-actions">
                            <span class="muted small">{steps_count(lang, lesson.steps.len())}</span>
                            <button class="primary" data-action="start-lesson"
                                aria-label={format!("{} {}", tr(lang, "Start", "开始"), text(lang, &lesson.title))}
                                onclick={start(state, &lesson.id)}>
                                {tr(lang, "Start", "开始")}
                            </button>
                        </div>
                    </li>
                })}
            </ol>
        </section>
    }
}

fn steps_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 step".into(),
        Lang::En => format!("{n} steps"),
        Lang::Zh => format!("{n} 步"),
    }
}

/// Where a step stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StepState {
    Done,
    Current,
    Later,
}

impl StepState {
    fn key(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Current => "current",
            StepState::Later => "later",
        }
    }

    fn spoken(self, lang: Lang) -> &'static str {
        match self {
            StepState::Done => tr(lang, "Done", "已完成"),
            StepState::Current => tr(lang, "Current step", "当前步骤"),
            StepState::Later => tr(lang, "Not yet", "尚未进行"),
        }
    }
}

fn open_lesson(lesson: &Lesson, state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let carried = state.pg.lesson_is_carried();
    let done = lesson.progress(state.pg.cluster());
    let total = lesson.steps.len();
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Update(Msg::CloseLesson)))
    };
    // A lesson of one's own has no next one.
    let next = lessons::all()
        .iter()
        .position(|l| l.id == lesson.id && !carried)
        .and_then(|i| lessons::all().get(i + 1));
    let percent = done * 100 / total.max(1);
    html! {
        <section class="lessons lesson-open" data-testid="lessons" data-open-lesson={lesson.id.clone()}
            data-lesson-from={carried.then_some("file")} aria-labelledby="lesson-title">
            <div class="lesson-head">
                <button class="link back" data-action="all-lessons" onclick={close}>
                    {tr(lang, "← All lessons", "← 全部课程")}
                </button>
                <button class="ghost small" data-action="restart-lesson" onclick={restart(state, carried, &lesson.id)}
                    title={tr(lang, "Reset the cluster to the lesson's start", "把集群重置为本课的初始状态")}>
                    {tr(lang, "Start over", "重新开始")}
                </button>
            </div>
            {load_report(state)}
            <h2 id="lesson-title">{text(lang, &lesson.title)}</h2>
            <p class="lesson-intro">{rich(lang, &lesson.intro)}</p>
            <div class="lesson-progress">
                <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax={total.to_string()}
                    aria-valuenow={done.to_string()} aria-label={tr(lang, "Progress", "进度")}>
                    // `~style` sets the property (CSSOM), which the page's Content-Security-Policy allows; it blocks style attributes.
                    <span ~style={format!("width: {percent}%")}></span>
                </div>
                <span class="small muted" data-testid="lesson-progress">
                    {match lang {
                        Lang::En => format!("{done} of {total} done"),
                        Lang::Zh => format!("已完成 {done} / {total}"),
                    }}
                </span>
            </div>
            <ol class="steps">
                {for lesson.steps.iter().enumerate().map(|(i, step)| {
                    let step_state = if i < done {
                        StepState::Done
                    } else if i == done {
                        StepState::Current
                    } else {
                        StepState::Later
                    };
                    html! {
                        <li class={classes!("step", step_state.key())} data-step={(i + 1).to_string()}
                            data-state={step_state.key()}
                            aria-current={(step_state == StepState::Current).then_some("step")}>
                            <span class="step-mark" aria-hidden="true">
                                {if step_state == StepState::Done { "✓".to_string() } else { (i + 1).to_string() }}
                            </span>
                            <div class="step-body">
                                <span class="visually-hidden">{step_state.spoken(lang)}{tr(lang, ": ", "：")}</span>
                                <p class="goal">{rich(lang, &step.goal)}</p>
                                if step_state == StepState::Current {
                                    {hint(lang, &step.hint, state)}
                                }
                                if step_state == StepState::Done {
                                    <p class="why">{rich(lang, &step.why)}</p>
                                }
                            </div>
                        </li>
                    }
                })}
            </ol>
            if done == total {
                <div class="lesson-complete" role="status">
                    <p>{tr(lang, "Lesson complete: every step shows in the cluster.",
                        "本课完成：每一步都已体现在集群中。")}</p>
                    if let Some(next) = next {
                        <button class="primary" data-action="next-lesson" onclick={start(state, &next.id)}>
                            {format!("{}{}", tr(lang, "Next lesson: ", "下一课："), text(lang, &next.title))}
                        </button>
                    }
                </div>
            }
        </section>
    }
}

/// The command or YAML to try, with a copy button (and, for YAML, one that puts
/// it in the editor).
fn hint(lang: Lang, hint: &Hint, state: &UseReducerHandle<AppState>) -> Html {
    let code = AttrValue::from(hint.text().to_string());
    let (label, is_yaml) = match hint {
        Hint::Shell(_) => (tr(lang, "In the terminal:", "在终端中执行："), false),
        Hint::Yaml(_) => (tr(lang, "Apply this YAML:", "应用这段 YAML："), true),
    };
    let to_editor = {
        let state = state.clone();
        let code = code.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Workspace(WorkspaceEvent::OpenYaml(
                code.to_string(),
            )))
        })
    };
    html! {
        <div class="lesson-hint">
            <div class="hint-head">
                <span class="small muted">{label}</span>
                <span class="hint-actions">
                    if is_yaml {
                        <button class="ghost small" data-action="to-editor" onclick={to_editor}>
                            {tr(lang, "Open in editor", "放入编辑器")}
                        </button>
                    }
                    <CopyButton {lang} text={code.clone()} />
                </span>
            </div>
            // A long hint scrolls: focusable, so that the keyboard can scroll it.
            <pre class={classes!("hint-code", is_yaml.then_some("yaml"))} tabindex="0"><code>{code}</code></pre>
        </div>
    }
}

/// Properties of [`CopyButton`].
#[derive(Properties, PartialEq)]
struct CopyProps {
    lang: Lang,
    text: AttrValue,
}

/// Copies `text` to the clipboard and says so for a moment.
#[component]
fn CopyButton(props: &CopyProps) -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let copied = copied.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(window) = web_sys::window() {
                // The promise settles on its own; a refusal leaves the text selectable.
                let _ = window.navigator().clipboard().write_text(&text);
                copied.set(true);
                let copied = copied.clone();
                gloo::timers::callback::Timeout::new(1500, move || copied.set(false)).forget();
            }
        })
    };
    let lang = props.lang;
    html! {
        <button class="ghost small" data-action="copy" {onclick} aria-live="polite">
            {if *copied { tr(lang, "Copied ✓", "已复制 ✓") } else { tr(lang, "Copy", "复制") }}
        </button>
    }
}
