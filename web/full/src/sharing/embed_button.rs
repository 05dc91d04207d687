//! The top bar's Embed button: the `<iframe>` snippet that embeds the current
//! scenario in a tutorial page ([`super::embed::snippet`]), to copy.

use crate::state::AppState;
use taintlab_core::limits::Limit;
use taintlab_playground::anonymize;
use taintlab_ui::i18n::{Lang, core_message, tr};
use yew::prelude::*;

/// What the button's box shows.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// The snippet, and whether it was copied.
    Snippet(String, bool),
    /// The link could not be made.
    Failed(String),
}

/// Properties of [`EmbedButton`].
#[derive(Properties)]
pub struct EmbedButtonProps {
    /// The app's state (a handle: it always reads the current state).
    pub state: UseReducerHandle<AppState>,
    /// UI language.
    pub lang: Lang,
}

impl PartialEq for EmbedButtonProps {
    /// The button shows nothing of the state but the language.
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
    }
}

/// Embed: makes the snippet for the scenario as it is now and shows it, with
/// Copy. An imported cluster's names are replaced by placeholders, as a Share
/// pressed before the full module loaded does: a snippet is meant to be
/// published.
#[component]
pub fn EmbedButton(props: &EmbedButtonProps) -> Html {
    let lang = props.lang;
    let shown = use_state(|| None::<Shown>);
    let press = {
        let (state, shown) = (props.state.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            if shown.is_some() {
                shown.set(None);
                return;
            }
            let session = state.pg.session();
            let session = if anonymize::is_imported(session) {
                anonymize::anonymize(session)
            } else {
                session.clone()
            };
            let shown = shown.clone();
            super::link_code_of(&session, move |result| {
                shown.set(Some(match result {
                    Ok(code) => Shown::Snippet(
                        super::embed::snippet(
                            &super::embed::page_address(),
                            &code,
                            tr(
                                lang,
                                "taintlab: a Kubernetes scheduling playground",
                                "taintlab：Kubernetes 调度练习场",
                            ),
                        ),
                        false,
                    ),
                    Err(why) => Shown::Failed(why),
                }))
            });
        })
    };
    let close = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(None))
    };
    html! {
        <span class="share-wrap">
            <button class="ghost" data-testid="embed" onclick={press}
                aria-expanded={shown.is_some().to_string()}
                title={tr(lang, "Make an <iframe> snippet that embeds this scenario in a tutorial page", "生成把此场景嵌入教程页面的 <iframe> 代码片段")}>
                {tr(lang, "Embed", "嵌入")}
            </button>
            if let Some(now) = (*shown).clone() {
                {snippet_box(lang, now, &shown, close)}
            }
        </span>
    }
}

/// The box under the button: the snippet to copy, or why there is none.
fn snippet_box(
    lang: Lang,
    now: Shown,
    shown: &UseStateHandle<Option<Shown>>,
    close: Callback<MouseEvent>,
) -> Html {
    let body = match now {
        Shown::Snippet(text, copied) => {
            let copy = {
                let (shown, text) = (shown.clone(), text.clone());
                Callback::from(move |_: MouseEvent| {
                    let (shown, again) = (shown.clone(), text.clone());
                    super::copy_text(&text, move |ok| {
                        shown.set(Some(Shown::Snippet(again, ok)));
                    });
                })
            };
            html! {
                <>
                    <label for="embed-code">
                        {tr(lang,
                            "Paste this into a tutorial page. The frame opens this scenario as it is now, keeps nothing over the learner's own work, and the script fits its height to the content.",
                            "把它粘贴到教程页面中。框架会打开此场景的当前状态，不会覆盖学习者自己的内容；脚本会让框架的高度适应内容。")}
                    </label>
                    <textarea id="embed-code" class="embed-code" data-testid="embed-code" readonly=true
                        rows="7" spellcheck="false" value={text}
                        onfocus={Callback::from(|e: FocusEvent| {
                            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                                area.select();
                            }
                        })} />
                    <span class="confirm-buttons">
                        <span class="muted" role="status">
                            {copied.then(|| tr(lang, "Copied.", "已复制。"))}
                        </span>
                        <button class="small primary" data-testid="embed-copy" onclick={copy}>
                            {tr(lang, "Copy", "复制")}
                        </button>
                        <button class="ghost" onclick={close}>{tr(lang, "Close", "关闭")}</button>
                    </span>
                </>
            }
        }
        Shown::Failed(why) => html! {
            <>
                <p role="alert">
                    {match (lang, Limit::from_en(&why).is_some()) {
                        (Lang::En, true) => format!("This scenario is too large for a link: {why}"),
                        (Lang::Zh, true) => format!("这个场景太大，无法放进链接：{}", core_message(lang, &why)),
                        (Lang::En, false) => format!("This browser cannot make the link ({why})"),
                        (Lang::Zh, false) => format!("此浏览器无法生成链接（{why}）"),
                    }}
                </p>
                <span class="confirm-buttons">
                    <button class="ghost" onclick={close}>{tr(lang, "Close", "关闭")}</button>
                </span>
            </>
        },
    };
    html! {
        <div class="confirm embed-snippet" role="group" data-testid="embed-snippet"
            aria-label={tr(lang, "Embed this scenario", "嵌入此场景")}>
            {body}
        </div>
    }
}
