//! The events timeline: `kubectl get events` as a list, newest first, filtered by
//! the object they are about. A plain function rather than a component: the filter
//! lives in the app state, and the page stays light.

use taintlab_core::events::Event;
use taintlab_core::events::EventType;
use taintlab_kubectl::age::human_duration;
use taintlab_ui::i18n::{Lang, tr};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How many events the list shows at most.
const SHOWN: usize = 200;

/// Events newest first, those whose `kind/name` contains `filter`, with the filter box.
pub fn events_panel(
    lang: Lang,
    events: &[Event],
    now_millis: u64,
    filter: &str,
    on_filter: Callback<String>,
) -> Html {
    let needle = filter.to_ascii_lowercase();
    let shown: Vec<&Event> = events
        .iter()
        .rev()
        .filter(|e| {
            needle.is_empty()
                || format!("{}/{}", e.object.kind, e.object.name)
                    .to_ascii_lowercase()
                    .contains(&needle)
        })
        .take(SHOWN)
        .collect();
    let oninput = on_filter.reform(|e: InputEvent| {
        e.target_dyn_into::<HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default()
    });
    html! {
        <section class="panel events-panel" aria-labelledby="events-title">
            <div class="panel-head">
                <h2 id="events-title">{tr(lang, "Events", "事件")}</h2>
                <input class="filter" type="search" data-testid="event-filter" value={filter.to_string()}
                    {oninput} placeholder={tr(lang, "Filter by object", "按对象筛选")}
                    aria-label={tr(lang, "Filter by object", "按对象筛选")} />
            </div>
            if shown.is_empty() {
                <p class="muted">{tr(lang, "No events match.", "没有匹配的事件。")}</p>
            } else {
                <p class="muted small events-legend">
                    {tr(lang, "Newest first: age, type, reason, object: message (kubectl get events lists the oldest first).",
                        "最新的在前：时间、类型、原因、对象：消息（kubectl get events 则是最早的在前）。")}
                </p>
                // One line per event, in `kubectl get events` column order. The
                // list scrolls, so it takes the focus for keyboard scrolling.
                <ol class="events" data-testid="events" tabindex="0"
                    aria-label={tr(lang, "Events, newest first", "事件，最新的在前")}>
                    {for shown.iter().map(|e| {
                        let age = human_duration(now_millis as i64 - e.last_timestamp.0 as i64);
                        let repeat = if e.count > 1 { format!(" (x{})", e.count) } else { String::new() };
                        let line = format!(
                            "{age:>6}  {:<7}  {}  {}/{}: {}{repeat}",
                            e.type_.as_str(),
                            e.reason,
                            e.object.kind.to_ascii_lowercase(),
                            e.object.name,
                            e.message
                        );
                        let warning = (e.type_ == EventType::Warning).then_some("warning");
                        html! { <li class={classes!(warning)}>{line}</li> }
                    })}
                </ol>
            }
        </section>
    }
}

/// Properties of [`HeldWhile`].
#[derive(Properties, PartialEq)]
pub struct HeldWhileProps {
    /// Keep what is shown as it is.
    pub hold: bool,
    /// What to show.
    pub children: Html,
}

/// Shows its children as they were while `hold` is set, and as they are again
/// once it is not. The events list while a big change settles: each step adds
/// hundreds of events, so all 200 lines would be new in every frame, some 40 ms
/// of patching and layout in frames that should stay under 100 ms; the list
/// catches up when the change is done.
pub struct HeldWhile;

impl Component for HeldWhile {
    type Message = ();
    type Properties = HeldWhileProps;

    fn create(_: &Context<Self>) -> HeldWhile {
        HeldWhile
    }

    fn changed(&mut self, ctx: &Context<Self>, _: &HeldWhileProps) -> bool {
        !ctx.props().hold
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        ctx.props().children.clone()
    }
}
