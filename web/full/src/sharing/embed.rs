//! Embed mode (`?embed`): a compact page for an `<iframe>` in a tutorial (README
//! "Embedding"), and the snippet the Embed button gives.
//!
//! An embedded page opens the share link in its own address (`#s=…`) and
//! nothing else: it never reads the autosave, and the app it runs in keeps
//! nothing (`AppProps::keep` is off), so a learner's own session in the
//! full-size page is never written over. It tells the page around it its height
//! ([`use_height_report`]), and links to the same scenario full-size, with the
//! work done in the frame.

use crate::state::{Action, AppState};
use taintlab_core::recorded::FIRST_PANEL;
use taintlab_playground::Msg;
use taintlab_ui::Panel;
use taintlab_ui::i18n::{Lang, core_message, tr};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(module = "/src/embed.js")]
extern "C" {
    /// The page's address without query or fragment.
    pub(super) fn page_address() -> String;
    /// This page's address without `?embed`.
    fn full_size_address() -> String;
    /// Posts the height of `element` to the parent page whenever it changes;
    /// returns an id for [`stop_height`].
    fn report_height(element: &web_sys::Element) -> u32;
    /// Stops a [`report_height`].
    fn stop_height(id: u32);
}

/// The `<iframe>` snippet that embeds the scenario of the link code `code`, on
/// the page at `page` (an address without query or fragment), with `title` as
/// the frame's accessible name; followed by the script that sizes the frame
/// from its height messages. Everything it embeds is escaped for an HTML
/// attribute: the address and the title are the page's and the user's.
pub fn snippet(page: &str, code: &str, title: &str) -> String {
    let src = format!("{page}?embed#s={code}");
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" style=\"width: 100%; height: 640px; border: 0\"></iframe>\n\
         <script>\n\
         // taintlab tells its frame's height: fit the frame to it.\n\
         addEventListener('message', (e) => {{\n  \
           if (e.data?.type !== 'taintlab:height') return;\n  \
           for (const f of document.querySelectorAll('iframe'))\n    \
             if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';\n\
         }});\n\
         </script>\n",
        escape_attribute(&src),
        escape_attribute(title),
    )
}

/// `address` with its fragment replaced by the link `code`.
fn with_link(address: &str, code: &str) -> String {
    let page = address.split_once('#').map_or(address, |(page, _)| page);
    format!("{page}#s={code}")
}

/// `text` as the value of a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Tells the parent page the height of the element `app` refers to, while `on`
/// (embed mode): a message `{type: "taintlab:height", height}` each time it
/// changes (`web/full/src/embed.js`).
#[hook]
pub fn use_height_report(app: NodeRef, on: bool) {
    use_effect_with(on, move |on| {
        let id = on
            .then(|| app.cast::<web_sys::Element>())
            .flatten()
            .map(|element| report_height(&element));
        move || {
            if let Some(id) = id {
                stop_height(id);
            }
        }
    });
}

/// An embed shows the terminal, unless its link opens another panel than the
/// one a session starts with.
fn show_terminal(state: &UseReducerHandle<AppState>, panel: &str) {
    if panel.is_empty() || panel == FIRST_PANEL {
        state.dispatch(Action::Update(Msg::Open(Panel::Terminal.key().into())));
    }
}

/// Properties of [`EmbedBar`].
#[derive(Properties)]
pub struct EmbedBarProps {
    /// The app's state (a handle: it always reads the current state).
    pub state: UseReducerHandle<AppState>,
    /// UI language.
    pub lang: Lang,
}

impl PartialEq for EmbedBarProps {
    /// The bar shows nothing of the state but the language.
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
    }
}

/// The embedded page's part of the top bar, in place of Share, Import, Export
/// and Reset: opens the link in the address once, at start, and links to the
/// same scenario full-size.
#[component]
pub fn EmbedBar(props: &EmbedBarProps) -> Html {
    let lang = props.lang;
    let failed = use_state(|| None::<String>);
    {
        let (state, failed) = (props.state.clone(), failed.clone());
        use_effect_with((), move |_| match super::link_code() {
            Some(code) => super::open_link(&code, move |result| match result {
                Ok(session) => {
                    let panel = session.panel.clone();
                    state.dispatch(Action::Update(Msg::Restore(session)));
                    show_terminal(&state, &panel);
                }
                Err(why) => failed.set(Some(why)),
            }),
            None => show_terminal(&state, &state.pg.session().panel),
        });
    }
    // The link carries the work done in the frame: made again as the pointer
    // or the focus reaches it, and as it is pressed, before the click (compression answers
    // asynchronously, and a new tab opened later than the click is a popup the
    // browser may block). Until one is made, the frame's own link.
    let href = use_state(full_size_address);
    let refresh = {
        let (state, href) = (props.state.clone(), href.clone());
        Callback::from(move |()| {
            let href = href.clone();
            super::link_code_of(state.pg.session(), move |result| {
                if let Ok(code) = result {
                    href.set(with_link(&full_size_address(), &code));
                }
            });
        })
    };
    html! {
        <div class="embed-bar">
            <a class="button ghost" data-testid="open-full-size" href={(*href).clone()}
                target="_blank" rel="noopener"
                onpointerenter={refresh.reform(|_: PointerEvent| ())}
                onpointerdown={refresh.reform(|_: PointerEvent| ())}
                onfocus={refresh.reform(|_: FocusEvent| ())}
                title={tr(lang, "Open this scenario, with your changes, full-size in a new tab", "在新标签页中以完整尺寸打开此场景（包括你的更改）")}>
                {tr(lang, "Open in taintlab", "在 taintlab 中打开")}
                <span aria-hidden="true">{" ↗"}</span>
            </a>
            if let Some(why) = &*failed {
                <p class="action-error" role="alert" data-testid="embed-error">
                    {match lang {
                        Lang::En => format!("This link cannot be opened ({why}). The built-in example is shown instead."),
                        Lang::Zh => format!("无法打开这个链接（{}）。现在显示的是内置示例。", core_message(lang, why)),
                    }}
                </p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_embeds_the_link_in_embed_mode() {
        let s = snippet("https://example.org/taintlab/", "abc_-1", "taintlab");
        assert!(
            s.starts_with(
                "<iframe src=\"https://example.org/taintlab/?embed#s=abc_-1\" title=\"taintlab\""
            ),
            "{s}"
        );
        assert!(s.contains("'taintlab:height'"), "{s}");
    }

    #[test]
    fn the_full_size_link_carries_the_new_code() {
        assert_eq!(
            with_link("https://x.test/t/#s=old", "new"),
            "https://x.test/t/#s=new"
        );
        assert_eq!(
            with_link("https://x.test/t/", "new"),
            "https://x.test/t/#s=new"
        );
    }

    #[test]
    fn nothing_it_embeds_reaches_the_html_unescaped() {
        let s = snippet(
            "https://x.test/a\"><script>alert(1)</script>",
            "c",
            "it's <b>&",
        );
        let frame = s.split("</iframe>").next().unwrap_or_default();
        assert!(!frame.contains("<script>") && !frame.contains("<b>"), "{s}");
        assert!(frame.contains("a&quot;&gt;&lt;script&gt;"), "{s}");
        assert!(frame.contains("title=\"it&#39;s &lt;b&gt;&amp;\""), "{s}");
        // One iframe and one script, the snippet's own.
        assert_eq!(s.matches("<script>").count(), 1, "{s}");
    }
}
