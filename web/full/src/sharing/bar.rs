//! The top bar's Share, Embed, Import, Export and Reset, and what they report.

use super::RestoreError;
use super::embed_button::EmbedButton;
use super::import_dialog::ImportDialog;
use crate::state::{Action, AppState};
use taintlab_core::limits::Limit;
use taintlab_playground::Msg;
use taintlab_playground::anonymize;
use taintlab_playground::export;
use taintlab_playground::import;
use taintlab_ui::i18n::{Lang, core_message, tr};
use yew::prelude::*;

/// What a link carries of the names of an imported cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    /// No real cluster was imported: nothing to say.
    Own,
    /// Its names are replaced by placeholders (`node-1`, `ns-1`, ...).
    Placeholders,
    /// Its real names, as the user chose.
    Real,
}

/// What the bar reports, shown in the current language.
#[derive(Debug, Clone, PartialEq)]
enum Notice {
    /// The link is in the address bar and on the clipboard.
    Copied(Names),
    /// The clipboard refused: the link, to copy by hand.
    Link(String, Names),
    /// The browser could not compress the session.
    CannotShare(String),
    /// The link or the autosave found at start could not be read.
    NotRestored(RestoreError),
    /// Nodes were imported.
    Imported {
        /// Their names.
        nodes: Vec<String>,
        /// The Kubernetes version the cluster now simulates.
        version: String,
    },
}

impl Notice {
    /// Good news goes away by itself; the link to copy and problems stay until
    /// dismissed.
    fn fades(&self) -> bool {
        matches!(self, Notice::Copied(_) | Notice::Imported { .. })
    }

    /// Its class and ARIA role: problems are alerts.
    fn tone(&self) -> (&'static str, &'static str) {
        match self {
            Notice::Copied(_) | Notice::Imported { .. } => ("notice good", "status"),
            Notice::Link(..) => ("notice", "status"),
            Notice::CannotShare(_) | Notice::NotRestored(_) => ("notice bad", "alert"),
        }
    }
}

/// Properties of [`KeepBar`].
#[derive(Properties)]
pub struct KeepBarProps {
    /// The app's state (a handle: it always reads the current state).
    pub state: UseReducerHandle<AppState>,
    /// UI language.
    pub lang: Lang,
    /// A share is pending (pressed before the handover).
    pub share: bool,
    /// The app started without a session handed over and keeps its work: open
    /// the link or the autosave the page holds.
    pub boot: bool,
    /// The session holds a real cluster's import, whose names a link would
    /// carry ([`anonymize::is_imported`]).
    pub imported: bool,
}

impl PartialEq for KeepBarProps {
    /// The bar shows nothing of the state but the language; its callbacks read
    /// the current state through the handle (yew 0.23 handles all see the
    /// latest state, so comparing them says nothing).
    fn eq(&self, other: &Self) -> bool {
        (self.lang, self.share, self.boot, self.imported)
            == (other.lang, other.share, other.boot, other.imported)
    }
}

/// Share, import, export and reset, in the top bar.
#[component]
pub fn KeepBar(props: &KeepBarProps) -> Html {
    let state = props.state.clone();
    let lang = props.lang;
    let notice = use_state(|| None::<Notice>);
    let confirming = use_state(|| false);
    let importing = use_state(|| false);
    {
        let (state, notice, boot) = (state.clone(), notice.clone(), props.boot);
        use_effect_with((), move |_| {
            let watch = boot.then(|| {
                let failed = {
                    let notice = notice.clone();
                    move |e| notice.set(Some(Notice::NotRestored(e)))
                };
                super::restore_at_start(&state, failed);
                super::LinkWatch::new(move |code| {
                    let notice = notice.clone();
                    notice.set(None);
                    super::open_shared(&state, code, move |e| {
                        notice.set(Some(Notice::NotRestored(e)))
                    });
                })
            });
            move || drop(watch)
        });
    }
    {
        let notice = notice.clone();
        use_effect_with((*notice).clone(), move |shown| {
            let timer = shown
                .as_ref()
                .filter(|n| n.fades())
                .map(|_| gloo::timers::callback::Timeout::new(8000, move || notice.set(None)));
            move || drop(timer)
        });
    }
    // Imported: Share asks first whether the link carries the real names.
    let choosing = use_state(|| false);
    let share = {
        let (state, notice, choosing) = (state.clone(), notice.clone(), choosing.clone());
        Callback::from(move |names: Names| {
            choosing.set(false);
            let notice = notice.clone();
            // Made here, in the browser, like the link: nothing is sent anywhere.
            let session = match names {
                Names::Placeholders => anonymize::anonymize(state.pg.session()),
                Names::Own | Names::Real => state.pg.session().clone(),
            };
            super::share_link(&session, move |result| match result {
                Ok(url) => {
                    let shown = notice.clone();
                    super::copy_text(&url.clone(), move |copied| {
                        shown.set(Some(if copied {
                            Notice::Copied(names)
                        } else {
                            Notice::Link(url, names)
                        }))
                    });
                }
                Err(e) => notice.set(Some(Notice::CannotShare(e))),
            });
        })
    };
    let press_share = {
        let (state, share, choosing) = (state.clone(), share.clone(), choosing.clone());
        Callback::from(move |_: MouseEvent| {
            if anonymize::is_imported(state.pg.session()) {
                choosing.set(!*choosing);
            } else {
                share.emit(Names::Own);
            }
        })
    };
    {
        // Share was pressed in the first-load module: make the link now, with
        // placeholders for an imported cluster's names (the default).
        let (state, share) = (state.clone(), share.clone());
        use_effect_with(props.share, move |pending| {
            if *pending {
                state.dispatch(Action::Update(Msg::Shared));
                share.emit(if anonymize::is_imported(state.pg.session()) {
                    Names::Placeholders
                } else {
                    Names::Own
                });
            }
        });
    }
    let export = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let script = export::export(state.pg.cluster()).script();
            super::offer_download(export::SCRIPT_NAME, &script);
        })
    };
    let reset = {
        let (state, confirming, notice) = (state.clone(), confirming.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            super::forget_all();
            confirming.set(false);
            notice.set(None);
            state.dispatch(Action::Update(Msg::Reset));
        })
    };
    let set = |flag: &UseStateHandle<bool>, to: bool| {
        let flag = flag.clone();
        Callback::from(move |_: MouseEvent| flag.set(to))
    };
    let on_imported = {
        let (state, importing, notice) = (state.clone(), importing.clone(), notice.clone());
        Callback::from(move |imported: import::Import| {
            notice.set(Some(Notice::Imported {
                nodes: imported.nodes.clone(),
                version: imported.version.to_string(),
            }));
            // What was left out or given twice stays listed in the dialog.
            if imported.skipped.is_empty() && imported.duplicates.is_empty() {
                importing.set(false);
            }
            state.dispatch(Action::Update(Msg::Imported(Box::new(imported))));
        })
    };
    let close_import = {
        let importing = importing.clone();
        Callback::from(move |()| importing.set(false))
    };
    let dismiss = {
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| notice.set(None))
    };
    html! {
        <div class="keep-bar" role="group" aria-label={tr(lang, "Share and keep", "分享与保存")}>
            <span class="share-wrap">
                <button class="ghost" data-testid="share" onclick={press_share}
                    aria-expanded={props.imported.then(|| choosing.to_string())}
                    title={if props.imported {
                        tr(lang, "Make a link to this scenario: choose whether it carries the imported cluster's real names", "生成指向此场景的链接：选择是否带上导入集群的真实名称")
                    } else {
                        tr(lang, "Put a link to this scenario in the address bar and copy it", "把指向此场景的链接放进地址栏并复制")
                    }}>
                    {tr(lang, "Share", "分享")}
                </button>
                if *choosing {
                    {share_choice(lang, &share, set(&choosing, false))}
                }
            </span>
            <EmbedButton state={state.clone()} {lang} />
            <button class="ghost" data-testid="import" onclick={{
                    // Opening the import closes an unanswered reset or share question.
                    let (open, ask) = (set(&importing, true), set(&confirming, false));
                    let close = set(&choosing, false);
                    Callback::from(move |e: MouseEvent| {
                        ask.emit(e.clone());
                        close.emit(e.clone());
                        open.emit(e);
                    })
                }}
                title={tr(lang, "Simulate a real cluster: its nodes, or its whole state", "模拟真实集群：它的节点，或它的整个状态")}>
                {tr(lang, "Import", "导入")}
            </button>
            <button class="ghost" data-testid="export" onclick={export}
                title={tr(lang, "Download a script that rebuilds this scenario with kind", "下载用 kind 重建此场景的脚本")}>
                {tr(lang, "Export", "导出")}
            </button>
            // The question opens under the button, so that the bar keeps its shape.
            <span class="reset-wrap">
                <button class="ghost" data-testid="reset" onclick={{
                        // Asking to reset closes an unanswered share question.
                        let (ask, close) = (set(&confirming, !*confirming), set(&choosing, false));
                        Callback::from(move |e: MouseEvent| {
                            close.emit(e.clone());
                            ask.emit(e);
                        })
                    }}
                    aria-expanded={confirming.to_string()}
                    title={tr(lang, "Start again from the built-in example", "从内置示例重新开始")}>
                    {tr(lang, "Reset", "重置")}
                </button>
                if *confirming {
                    <span class="confirm" role="alert">
                        <span>{tr(lang, "Reset to the built-in example? Work you have not shared is lost.", "重置为内置示例？未分享的内容将丢失。")}</span>
                        <span class="confirm-buttons">
                            <button class="ghost danger" data-testid="reset-confirm" onclick={reset}>{tr(lang, "Reset", "重置")}</button>
                            <button class="ghost" onclick={set(&confirming, false)}>{tr(lang, "Cancel", "取消")}</button>
                        </span>
                    </span>
                }
            </span>
            {notice_view(lang, (*notice).clone(), dismiss)}
            if *importing {
                <ImportDialog {lang} {on_imported} on_close={close_import} />
            }
        </div>
    }
}

/// The question Share asks when the session holds a real cluster's import: the
/// link would carry its real names; placeholders are offered first.
fn share_choice(lang: Lang, share: &Callback<Names>, cancel: Callback<MouseEvent>) -> Html {
    html! {
        <div class="confirm share-choice" role="group" data-testid="share-choice"
            aria-label={tr(lang, "Names in the link", "链接中的名称")}>
            <p data-testid="real-names-notice">
                <strong>{tr(lang, "This cluster was imported from a real one.", "这个集群是从真实集群导入的。")}</strong>
                {" "}
                {tr(lang,
                    "A link with its real names carries them to whoever opens it: node, namespace and pod names, label values and images.",
                    "带真实名称的链接会把它们交给打开链接的任何人：节点、命名空间和 Pod 的名称、标签值以及镜像。")}
            </p>
            <p class="quiet">
                {tr(lang,
                    "Placeholders (node-1, ns-1, value-1, …) keep the same placement. The link is made in this browser; nothing is sent anywhere.",
                    "占位名称（node-1、ns-1、value-1……）保持同样的调度结果。链接在本浏览器中生成，不会发送到任何地方。")}
            </p>
            <span class="confirm-buttons">
                <button class="small primary" data-testid="share-placeholders"
                    onclick={share.reform(|_: MouseEvent| Names::Placeholders)}>
                    {tr(lang, "Share with placeholders", "用占位名称分享")}
                </button>
                <button class="ghost" data-testid="share-real-names"
                    onclick={share.reform(|_: MouseEvent| Names::Real)}>
                    {tr(lang, "Share with real names", "用真实名称分享")}
                </button>
                <button class="ghost" onclick={cancel}>{tr(lang, "Cancel", "取消")}</button>
            </span>
        </div>
    }
}

fn notice_view(lang: Lang, notice: Option<Notice>, dismiss: Callback<MouseEvent>) -> Html {
    let Some(notice) = notice else {
        return html! {};
    };
    let (class, role) = notice.tone();
    let body = match notice {
        Notice::Copied(names) => html! {
            {match names {
                Names::Own => tr(lang, "Link copied: it is also in the address bar.", "链接已复制，地址栏中也有。"),
                Names::Placeholders => tr(lang, "Link copied, with placeholders for the cluster's names: it is also in the address bar.", "链接已复制，集群的名称已换成占位名称；地址栏中也有。"),
                Names::Real => tr(lang, "Link copied, with the cluster's real names: it is also in the address bar.", "链接已复制，带有集群的真实名称；地址栏中也有。"),
            }}
        },
        Notice::Link(url, names) => html! {
            <label>
                {match names {
                    Names::Own => tr(lang, "The clipboard is not available here; copy the link:", "此处无法使用剪贴板，请手动复制链接："),
                    Names::Placeholders => tr(lang, "The clipboard is not available here; copy the link (with placeholders for the cluster's names):", "此处无法使用剪贴板，请手动复制链接（集群的名称已换成占位名称）："),
                    Names::Real => tr(lang, "The clipboard is not available here; copy the link (with the cluster's real names):", "此处无法使用剪贴板，请手动复制链接（带有集群的真实名称）："),
                }}
                <input class="link-field" data-testid="share-link" readonly=true value={url}
                    onfocus={Callback::from(|e: FocusEvent| {
                        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                            input.select();
                        }
                    })} />
            </label>
        },
        // Too large for a link: the limit, in `lang`.
        Notice::CannotShare(error) if Limit::from_en(&error).is_some() => html! {
            {match lang {
                Lang::En => format!("This scenario is too large for a link: {error}"),
                Lang::Zh => format!("这个场景太大，无法放进链接：{}", core_message(lang, &error)),
            }}
        },
        Notice::CannotShare(error) => html! {
            {match lang {
                Lang::En => format!("This browser cannot make the link ({error})"),
                Lang::Zh => format!("此浏览器无法生成链接（{error}）"),
            }}
        },
        // A link over a limit is not damaged: it asks too much.
        Notice::NotRestored(RestoreError::Link(why)) => html! {
            {match (lang, Limit::from_en(&why).is_some()) {
                (Lang::En, false) => format!("This link is damaged ({why}). The built-in example is shown instead."),
                (Lang::Zh, false) => format!("这个链接已损坏（{why}）。现在显示的是内置示例。"),
                (Lang::En, true) => format!("This link cannot be opened: {why}. The built-in example is shown instead."),
                (Lang::Zh, true) => format!("无法打开这个链接：{}。现在显示的是内置示例。", core_message(lang, &why)),
            }}
        },
        Notice::NotRestored(RestoreError::Autosave(why)) => html! {
            {match lang {
                Lang::En => format!("The work saved in this browser could not be read ({why})."),
                Lang::Zh => format!("无法读取此浏览器中保存的内容（{}）。", core_message(lang, &why)),
            }}
        },
        // A big cluster's nodes are counted rather than named.
        Notice::Imported { nodes, version } if nodes.len() > 8 => html! {
            {match lang {
                Lang::En => format!("Imported {} nodes (Kubernetes {version})", nodes.len()),
                Lang::Zh => format!("已导入 {} 个节点（Kubernetes {version}）", nodes.len()),
            }}
        },
        Notice::Imported { nodes, version } => html! {
            {match lang {
                Lang::En => format!("Imported nodes: {} (Kubernetes {version})", nodes.join(", ")),
                Lang::Zh => format!("已导入节点：{}（Kubernetes {version}）", nodes.join(", ")),
            }}
        },
    };
    html! {
        <div class={class} role={role} data-testid="keep-notice">
            {body}
            <button class="link" onclick={dismiss} aria-label={tr(lang, "Dismiss", "关闭")}>{"×"}</button>
        </div>
    }
}
