//! The top bar's pieces: the brand, the simulated clock's controls, the
//! version badge and the language switch. Each takes only what it shows, so a
//! clock tick re-renders the time controls and nothing else of the bar. The
//! first-load module calls the functions behind the components: each component
//! costs bytes of its budget, and it lives for two seconds.

use crate::i18n::{Lang, tr};
use gloo::timers::callback::Interval;
use yew::prelude::*;

/// Simulated time since the cluster started, as `m:ss` or `h:mm:ss`.
pub fn format_clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Properties of [`Brand`].
#[derive(Properties, PartialEq)]
pub struct BrandProps {
    /// UI language.
    pub lang: Lang,
}

/// The logo, the name and the tagline.
#[component]
pub fn Brand(props: &BrandProps) -> Html {
    brand(props.lang)
}

/// What [`Brand`] shows.
pub fn brand(lang: Lang) -> Html {
    html! {
        <div class="brand">
            <img class="logo" src="favicon.svg" alt="" />
            <span class="name">{"taintlab"}</span>
            <span class="tagline">{tr(lang, "See where pods land, and why", "看清 Pod 落在哪里，以及原因")}</span>
        </div>
    }
}

/// Properties of [`TimeControls`].
#[derive(Properties, PartialEq)]
pub struct TimeControlsProps {
    /// UI language.
    pub lang: Lang,
    /// Whether simulated time stands still.
    pub paused: bool,
    /// Simulated seconds per wall-clock second.
    pub speed: u64,
    /// Simulated seconds since the cluster started.
    pub seconds: u64,
    /// Pause or play.
    pub on_pause: Callback<()>,
    /// One simulated second now.
    pub on_step: Callback<()>,
    /// The next speed.
    pub on_speed: Callback<()>,
}

/// Pause or play, +1 s, the speed, and the clock.
#[component]
pub fn TimeControls(props: &TimeControlsProps) -> Html {
    time_controls(props)
}

/// What [`TimeControls`] shows (the first-load module calls it directly: each
/// component costs bytes of its budget).
pub fn time_controls(props: &TimeControlsProps) -> Html {
    let lang = props.lang;
    let speed = format!("{}×", props.speed);
    let (pause_text, pause_icon) = if props.paused {
        (tr(lang, "Play", "继续"), "▶")
    } else {
        (tr(lang, "Pause", "暂停"), "⏸")
    };
    let click = |callback: &Callback<()>| callback.reform(|_: MouseEvent| ());
    html! {
        <div class="time-controls" role="group" aria-label={tr(lang, "Simulated time", "模拟时间")}>
            <button class="ghost icon" data-testid="pause" onclick={click(&props.on_pause)}
                aria-pressed={props.paused.to_string()} aria-label={pause_text} title={pause_text}>
                {pause_icon}
            </button>
            <button class="ghost" data-testid="clock-step" onclick={click(&props.on_step)}>
                {tr(lang, "+1 s", "+1 秒")}
            </button>
            // The accessible name contains the visible text (WCAG 2.5.3).
            <button class="ghost" data-testid="speed" onclick={click(&props.on_speed)}
                aria-label={format!("{} {speed}", tr(lang, "Speed", "速度"))}>
                {speed}
            </button>
            {clock(lang, props.seconds)}
        </div>
    }
}

/// The simulated time since the cluster started.
fn clock(lang: Lang, seconds: u64) -> Html {
    html! {
        <span class="clock" data-testid="clock-time"
            title={tr(lang, "Time since the cluster started", "集群启动以来的时间")}>
            {format_clock(seconds)}
        </span>
    }
}

/// Properties of [`VersionBadge`].
#[derive(Properties, PartialEq)]
pub struct VersionBadgeProps {
    /// The Kubernetes version the cluster simulates (`v1.30`).
    pub version: AttrValue,
    /// What the badge says on hover.
    pub note: &'static str,
}

/// The simulated Kubernetes version.
#[component]
pub fn VersionBadge(props: &VersionBadgeProps) -> Html {
    version_badge(props.version.clone(), props.note)
}

/// What [`VersionBadge`] shows.
pub fn version_badge(version: AttrValue, note: &'static str) -> Html {
    html! { <span class="version" title={note}>{version}</span> }
}

/// Properties of [`LangButton`].
#[derive(Properties, PartialEq)]
pub struct LangButtonProps {
    /// UI language.
    pub lang: Lang,
    /// The user switched to this language.
    pub on_switch: Callback<Lang>,
}

/// Switches between English and Chinese; keeps `<html lang>` in step with the
/// UI language (screen readers, fonts).
#[component]
pub fn LangButton(props: &LangButtonProps) -> Html {
    use_html_lang(props.lang);
    lang_button(props)
}

/// Keeps `<html lang>` in step with the UI language (screen readers, fonts).
#[hook]
pub fn use_html_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            // An attribute the page can always set; nothing to report if not.
            root.set_attribute("lang", lang.tag()).ok();
        }
    });
}

/// What [`LangButton`] shows.
pub fn lang_button(props: &LangButtonProps) -> Html {
    let lang = props.lang;
    let text = tr(lang, "中文", "English");
    html! {
        <button class="ghost" data-testid="lang" onclick={props.on_switch.reform(move |_: MouseEvent| lang.other())}
            aria-label={text}>
            {text}
        </button>
    }
}

/// Calls `tick` every wall-clock second while the component is mounted: the
/// simulated clock runs at wall-clock speed while the page is open.
#[hook]
pub fn use_clock(tick: Callback<()>) {
    use_effect_with((), move |_| {
        let interval = Interval::new(1000, move || tick.emit(()));
        move || drop(interval)
    });
}
