//! The lessons panel: the list of lessons, and the open lesson's steps with their
//! goals, hints and state (done, current, not yet).
//!
//! Progress is not stored: every render asks core how far the cluster has come
//! ([`Lesson::progress`]). Starting a lesson records the reset to its cluster (and
//! its setup YAML) in the session's log, so a replayed session reaches the same
//! cluster and shows the same progress. Which lesson is open lives in
//! the playground and, while the lessons panel is open, in the session's
//! panel as `lessons/ID`, so a share link taken there reopens it.

use crate::state::{Action, AppState};
use taintlab_playground::Msg;
use taintlab_playground::WorkspaceEvent;
use taintlab_playground::lessons;
use taintlab_playground::lessons::Hint;
use taintlab_playground::lessons::Lesson;
use taintlab_playground::lessons::Text;
use taintlab_ui::Panel;
use taintlab_ui::i18n::{Lang, tr};
use yew::prelude::*;

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
    match state.pg.lesson().and_then(lessons::find) {
        Some(lesson) => open_lesson(lesson, state),
        None => lesson_list(state),
    }
}

/// The open lesson's current step, one line above another panel, so the goal
/// stays in sight while the learner works in the terminal or reads an explanation.
pub fn strip(panel: Panel, state: &UseReducerHandle<AppState>) -> Html {
    let Some(lesson) = state.pg.lesson().and_then(lessons::find) else {
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
            </div>
            <ol class="lesson-list">
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

fn open_lesson(lesson: &'static Lesson, state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let done = lesson.progress(state.pg.cluster());
    let total = lesson.steps.len();
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Update(Msg::CloseLesson)))
    };
    let next = lessons::all()
        .iter()
        .position(|l| l.id == lesson.id)
        .and_then(|i| lessons::all().get(i + 1));
    let percent = done * 100 / total.max(1);
    html! {
        <section class="lessons lesson-open" data-testid="lessons" data-open-lesson={lesson.id.clone()}
            aria-labelledby="lesson-title">
            <div class="lesson-head">
                <button class="link back" data-action="all-lessons" onclick={close}>
                    {tr(lang, "← All lessons", "← 全部课程")}
                </button>
                <button class="ghost small" data-action="restart-lesson" onclick={start(state, &lesson.id)}
                    title={tr(lang, "Reset the cluster to the lesson's start", "把集群重置为本课的初始状态")}>
                    {tr(lang, "Start over", "重新开始")}
                </button>
            </div>
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
fn hint(lang: Lang, hint: &'static Hint, state: &UseReducerHandle<AppState>) -> Html {
    let code = hint.text();
    let (label, is_yaml) = match hint {
        Hint::Shell(_) => (tr(lang, "In the terminal:", "在终端中执行："), false),
        Hint::Yaml(_) => (tr(lang, "Apply this YAML:", "应用这段 YAML："), true),
    };
    let to_editor = {
        let state = state.clone();
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
                    <CopyButton {lang} text={code} />
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
    text: &'static str,
}

/// Copies `text` to the clipboard and says so for a moment.
#[component]
fn CopyButton(props: &CopyProps) -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let copied = copied.clone();
        let text = props.text;
        Callback::from(move |_: MouseEvent| {
            if let Some(window) = web_sys::window() {
                // The promise settles on its own; a refusal leaves the text selectable.
                let _ = window.navigator().clipboard().write_text(text);
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
