//! The explanations panel (`data-testid="explain"`): why a pod is where it is, what
//! a DaemonSet decides on each node, and a node as `kubectl describe node` tells it.
//! Everything shown comes from `taintlab_core::explain`; this module lays it out.

mod daemon_set;
mod node;
mod pod;
mod table;
mod texts;

use crate::state::{Action, AppState};
use taintlab_core::api::TaintEffect;
use taintlab_core::why::Subject;
use taintlab_core::why::subjects;
use taintlab_playground::Msg;
use taintlab_ui::i18n::{Lang, tr};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The panel: a picker of everything there is to explain, then the selection.
pub fn explain_panel(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let cluster = state.pg.cluster();
    let select = {
        let state = state.clone();
        Callback::from(move |key: String| state.dispatch(Action::Update(Msg::Select(key))))
    };
    let subject = Subject::parse(&state.pg.session().selected);
    let body = match &subject {
        None => html! {
            <p class="muted explain-empty">
                {tr(lang, "Pick a pod, a node or a DaemonSet above, or click one in the cluster view, to see why it is where it is.",
                    "在上方选择一个 Pod、节点或 DaemonSet，或在集群视图中点击它，看看它为什么在那里。")}
            </p>
        },
        Some(s) if !s.exists(cluster) => not_found(lang, s),
        Some(Subject::Pod { namespace, name }) => {
            pod::pod_view(lang, cluster, namespace, name, &select)
        }
        Some(Subject::Node(name)) => node::node_view(lang, cluster, name, &select),
        Some(Subject::DaemonSet { namespace, name }) => {
            daemon_set::daemon_set_view(lang, cluster, namespace, name, &select)
        }
    };
    html! {
        <div class="explain" data-testid="explain">
            <Picker {lang} subjects={subjects(cluster)} selected={subject.clone()} on_select={select.clone()} />
            {body}
        </div>
    }
}

/// Properties of [`Picker`].
#[derive(Properties, PartialEq)]
struct PickerProps {
    lang: Lang,
    /// Everything there is to explain.
    subjects: Vec<Subject>,
    /// What is explained now.
    selected: Option<Subject>,
    /// A choice was made: its selection key.
    on_select: Callback<String>,
}

/// A `<select>` of every node, pod and DaemonSet, grouped by kind. A component so
/// that it can keep the element's value in step with a selection made elsewhere
/// (an `<option selected>` attribute stops counting once the user has chosen).
#[component]
fn Picker(props: &PickerProps) -> Html {
    let lang = props.lang;
    let select_ref = use_node_ref();
    {
        let select_ref = select_ref.clone();
        let key = props
            .selected
            .as_ref()
            .map(Subject::key)
            .unwrap_or_default();
        use_effect_with(key, move |key| {
            if let Some(select) = select_ref.cast::<HtmlSelectElement>() {
                select.set_value(key);
            }
        });
    }
    let onchange = props.on_select.reform(|e: Event| {
        e.target_dyn_into::<HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default()
    });
    let selected = props.selected.as_ref();
    let group = |label: &'static str, keep: fn(&Subject) -> bool| {
        let members: Vec<&Subject> = props.subjects.iter().filter(|s| keep(s)).collect();
        if members.is_empty() {
            return html! {};
        }
        html! {
            <optgroup {label}>
                {for members.into_iter().map(|s| html! {
                    <option value={s.key()} selected={Some(s) == selected}>{s.label()}</option>
                })}
            </optgroup>
        }
    };
    html! {
        <div class="explain-picker">
            <label for="explain-subject">{tr(lang, "Explain", "解释")}</label>
            <select id="explain-subject" data-testid="explain-select" ref={select_ref} {onchange}>
                <option value="" selected={selected.is_none()} disabled=true>
                    {tr(lang, "Choose a pod, node or DaemonSet…", "选择 Pod、节点或 DaemonSet…")}
                </option>
                {group(tr(lang, "Nodes", "节点"), |s| matches!(s, Subject::Node(_)))}
                {group(tr(lang, "Pods", "Pod"), |s| matches!(s, Subject::Pod { .. }))}
                {group("DaemonSets", |s| matches!(s, Subject::DaemonSet { .. }))}
            </select>
            if selected.is_some_and(|s| !props.subjects.contains(s)) {
                <span class="muted small">{tr(lang, "(no longer in the cluster)", "（已不在集群中）")}</span>
            }
        </div>
    }
}

/// The selection is gone: kubectl's own words for it.
fn not_found(lang: Lang, subject: &Subject) -> Html {
    let (resource, name) = match subject {
        Subject::Node(name) => ("nodes", name),
        Subject::Pod { name, .. } => ("pods", name),
        Subject::DaemonSet { name, .. } => ("daemonsets.apps", name),
    };
    html! {
        <div class="explain-note bad" role="status">
            <code>{format!("Error from server (NotFound): {resource} \"{name}\" not found")}</code>
            <p>{tr(lang, "It was deleted or evicted since you selected it.", "在你选中它之后，它已被删除或驱逐。")}</p>
        </div>
    }
}

/// A camel-case name (a plugin, `shouldContinueRunning`) with break opportunities
/// between its words, so that narrow table headers wrap `NodeResourcesFit` as
/// `Node·Resources·Fit`.
fn camel(name: &str) -> Html {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        match words.last_mut() {
            Some(word) if !c.is_ascii_uppercase() => word.push(c),
            _ => words.push(c.to_string()),
        }
    }
    html! { <>{for words.into_iter().enumerate().map(|(i, w)| html! { <>if i > 0 { <wbr /> }{w}</> })}</> }
}

/// `text` with break opportunities after `/`, `.`, `:`, `=` and `,`, so that long
/// keys like `node-role.kubernetes.io/master:NoSchedule` wrap between their parts
/// rather than in the middle of a word.
pub(crate) fn breakable(text: &str) -> Html {
    let mut parts: Vec<String> = vec![String::new()];
    for c in text.chars() {
        if let Some(last) = parts.last_mut() {
            last.push(c);
        }
        if matches!(c, '/' | '.' | ':' | '=' | ',') {
            parts.push(String::new());
        }
    }
    html! { <>{for parts.into_iter().enumerate().map(|(i, p)| html! { <>if i > 0 { <wbr /> }{p}</> })}</> }
}

/// A button that explains `subject` (a node or pod named in the panel).
fn subject_button(subject: &Subject, select: &Callback<String>, class: &'static str) -> Html {
    let key = subject.key();
    html! {
        <button class={classes!("link", "subject", class)} data-select={key.clone()}
            onclick={select.reform(move |_: MouseEvent| key.clone())}>
            {subject.label()}
        </button>
    }
}

/// ✓ or ✗ with words for screen readers.
fn mark(lang: Lang, yes: bool) -> Html {
    let (symbol, class, words) = if yes {
        ("✓", "pass", tr(lang, "yes", "是"))
    } else {
        ("✗", "fail", tr(lang, "no", "否"))
    };
    html! {
        <span class={classes!("mark", class)}>
            <span aria-hidden="true">{symbol}</span>
            <span class="visually-hidden">{words}</span>
        </span>
    }
}

/// A taint in `Taint.ToString` form, coloured by its effect.
fn taint_badge(text: &str) -> Html {
    let effect = text
        .rsplit_once(':')
        .and_then(|(_, e)| TaintEffect::parse(e));
    let class = effect.map_or("taint", texts::effect_class);
    html! { <code class={class}>{breakable(text)}</code> }
}
