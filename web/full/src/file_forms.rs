//! The forms above the editor: a new file (its name and folder), a new name for
//! the open file, and the confirmation before deleting it.

use crate::state::{Action, AppState};
use crate::workspace_shown::WorkspaceShown;
use taintlab_playground::{Location, ManifestRef, Target, WorkspaceEvent};
use taintlab_ui::i18n::{Lang, tr};

use taintlab_core::cluster::STATIC_POD_PATH;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The form open above the editor, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// No form.
    None,
    /// A new file: its name, where, and its first text.
    New {
        /// The name typed so far.
        name: String,
        /// The folder.
        location: Location,
        /// The text it starts with (empty, or a snippet).
        text: &'static str,
    },
    /// A new name for the open file.
    Rename(String),
    /// Delete the open file?
    ConfirmDelete,
}

/// What the forms change: which form is open, its name field (focused when it
/// opens), and the caret's next position (a new file's first line).
pub struct FormHandles {
    /// The open form.
    pub form: UseStateHandle<Form>,
    /// The name field.
    pub field: NodeRef,
    /// Where the caret goes next, once that file is open.
    pub jump: UseStateHandle<Option<(Target, usize, usize)>>,
}

/// The open form, if any.
pub fn view(
    state: &UseReducerHandle<AppState>,
    shown: &WorkspaceShown,
    current: &Target,
    handles: &FormHandles,
) -> Html {
    let lang = shown.lang;
    let FormHandles {
        form,
        field: form_field,
        jump,
    } = handles;
    let close_form = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set(Form::None))
    };
    let escape_closes = {
        let form = form.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                form.set(Form::None);
            }
        })
    };

    match (**form).clone() {
        Form::None => html! {},
        Form::New { name, location, .. } => {
            let nodes = shown.nodes.clone();
            let onsubmit = {
                let dispatch = state.dispatcher();
                let form = form.clone();
                let jump = jump.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let Form::New {
                        name,
                        location,
                        text,
                    } = (*form).clone()
                    else {
                        return;
                    };
                    let name = name.trim().to_string();
                    // Once the new file is open, its editor gets the caret.
                    let at = match &location {
                        Location::Workspace => Target::File(name.clone()),
                        Location::Node(node) => Target::Manifest(ManifestRef {
                            node: node.clone(),
                            file: name.clone(),
                        }),
                    };
                    jump.set(Some((at, 1, 1)));
                    dispatch.dispatch(Action::Workspace(WorkspaceEvent::New {
                        location,
                        name,
                        text: text.to_string(),
                    }));
                    form.set(Form::None);
                })
            };
            let on_name = {
                let form = form.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    if let Form::New { location, text, .. } = (*form).clone() {
                        form.set(Form::New {
                            name: input.value(),
                            location,
                            text,
                        });
                    }
                })
            };
            let on_location = {
                let form = form.clone();
                Callback::from(move |e: Event| {
                    let select: HtmlSelectElement = e.target_unchecked_into();
                    let value = select.value();
                    if let Form::New { name, text, .. } = (*form).clone() {
                        let location = match value.strip_prefix("node:") {
                            Some(node) => Location::Node(node.to_string()),
                            None => Location::Workspace,
                        };
                        form.set(Form::New {
                            name,
                            location,
                            text,
                        });
                    }
                })
            };
            let selected = match &location {
                Location::Workspace => "workspace".to_string(),
                Location::Node(node) => format!("node:{node}"),
            };
            html! {
                <form class="file-form" data-testid="new-file-form" {onsubmit} onkeydown={escape_closes.clone()}>
                    <label>
                        <span>{tr(lang, "Name", "文件名")}</span>
                        <input data-testid="new-file-name" ref={form_field.clone()} value={name} oninput={on_name} />
                    </label>
                    <label>
                        <span>{tr(lang, "In", "位置")}</span>
                        <select data-testid="new-file-location" onchange={on_location}>
                            <option value="workspace" selected={selected == "workspace"}>
                                {tr(lang, "Workspace (applied through the API)", "工作区（通过 API 应用）")}
                            </option>
                            {for nodes.iter().map(|node| {
                                let value = format!("node:{node}");
                                let chosen = selected == value;
                                html! {
                                    <option selected={chosen} value={value}>
                                        {format!("{node}:{STATIC_POD_PATH}/")}
                                    </option>
                                }
                            })}
                        </select>
                    </label>
                    <button class="primary small" type="submit" data-testid="new-file-create">{tr(lang, "Create", "创建")}</button>
                    <button class="ghost small" type="button" onclick={close_form.clone()}>{tr(lang, "Cancel", "取消")}</button>
                </form>
            }
        }
        Form::Rename(name) => {
            let onsubmit = {
                let dispatch = state.dispatcher();
                let form = form.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    if let Form::Rename(name) = (*form).clone() {
                        dispatch.dispatch(Action::Workspace(WorkspaceEvent::Rename(
                            name.trim().to_string(),
                        )));
                    }
                    form.set(Form::None);
                })
            };
            let on_name = {
                let form = form.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    form.set(Form::Rename(input.value()));
                })
            };
            html! {
                <form class="file-form" {onsubmit} onkeydown={escape_closes.clone()}>
                    <label>
                        <span>{tr(lang, "New name", "新文件名")}</span>
                        <input data-testid="rename-input" ref={form_field.clone()} value={name} oninput={on_name} />
                    </label>
                    <button class="primary small" type="submit">{tr(lang, "Rename", "重命名")}</button>
                    <button class="ghost small" type="button" onclick={close_form.clone()}>{tr(lang, "Cancel", "取消")}</button>
                </form>
            }
        }
        Form::ConfirmDelete => {
            let confirm = {
                let dispatch = state.dispatcher();
                let form = form.clone();
                Callback::from(move |_: MouseEvent| {
                    dispatch.dispatch(Action::Workspace(WorkspaceEvent::Delete));
                    form.set(Form::None);
                })
            };
            let question = match &current {
                Target::File(name) => match lang {
                    Lang::En => format!("Delete {name} from the workspace?"),
                    Lang::Zh => format!("从工作区删除 {name}？"),
                },
                Target::Manifest(at) => match lang {
                    Lang::En => format!(
                        "Delete {} from {}? Its kubelet stops the static pod.",
                        at.file, at.node
                    ),
                    Lang::Zh => format!(
                        "从 {} 删除 {}？kubelet 会停止这个静态 Pod。",
                        at.node, at.file
                    ),
                },
            };
            html! {
                <div class="file-form confirm" role="alertdialog" aria-label={tr(lang, "Delete the file", "删除文件")}>
                    <span>{question}</span>
                    <button class="danger small" data-testid="confirm-delete" onclick={confirm}>{tr(lang, "Delete", "删除")}</button>
                    <button class="ghost small" onclick={close_form.clone()}>{tr(lang, "Cancel", "取消")}</button>
                </div>
            }
        }
    }
}
