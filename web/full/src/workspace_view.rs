//! The workspace panel: the files (workspace files, then each node's manifests),
//! the open file's controls, the editor, Apply, and the diagnostics.

use crate::code_editor::{CodeEditor, Mark, perform};
use crate::file_forms::{self, Form, FormHandles};
use crate::state::{Action, AppState};
use crate::workspace_shown::WorkspaceShown;
use crate::{diagnostics_list, files};
use std::rc::Rc;
use taintlab_core::TUTORIAL_DAEMONSET;
use taintlab_core::TUTORIAL_DAEMONSET_TOLERATING;
use taintlab_core::cluster::STATIC_POD_PATH;
use taintlab_core::file_name::MAX_NAME;
use taintlab_core::file_name::NameError;
use taintlab_core::file_name::unique_name;
use taintlab_playground::Msg;
use taintlab_playground::WhatIfEvent;
use taintlab_playground::bundle::Bundle;
use taintlab_playground::edit::Edit;
use taintlab_playground::edit::byte_of;
use taintlab_playground::snippets;
use taintlab_playground::snippets::SNIPPETS;
use taintlab_playground::snippets::Snippet;
use taintlab_playground::{FileError, Location, ManifestRef, Target, WorkspaceEvent};
use taintlab_ui::i18n::{Lang, core_message, tr};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`WorkspacePanel`].
#[derive(Properties)]
pub struct WorkspacePanelProps {
    /// The app's state, for its dispatcher and what a click reads (a handle
    /// always reads the current state).
    pub state: UseReducerHandle<AppState>,
    /// What the panel shows.
    pub shown: WorkspaceShown,
}

impl PartialEq for WorkspacePanelProps {
    /// What the panel shows; the handle says nothing (yew 0.23 handles all see
    /// the latest state).
    fn eq(&self, other: &Self) -> bool {
        self.shown == other.shown
    }
}

/// Why a workspace operation did nothing (or left files out), one reason a
/// line, in `lang`.
fn file_errors(lang: Lang, errors: &[FileError]) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|error| match error {
            FileError::Name { name, error } => name_message(lang, name, *error),
            FileError::NodeNotFound(node) => FileError::not_found(node),
            FileError::Unreadable(message) => core_message(lang, message),
        })
        .collect();
    lines.join("\n")
}

/// Why `name` cannot be a file's name, in `lang`.
fn name_message(lang: Lang, name: &str, error: NameError) -> String {
    let why = match error {
        NameError::Empty => tr(lang, "a file needs a name", "文件名不能为空"),
        NameError::Dots => tr(lang, "this is not a file name", "这不是合法的文件名"),
        NameError::Slash => tr(
            lang,
            "a file name cannot contain a slash",
            "文件名不能包含斜杠",
        ),
        NameError::Control => tr(
            lang,
            "a file name cannot contain tabs, line breaks or other control or invisible characters",
            "文件名不能包含制表符、换行或其他控制字符、不可见字符",
        ),
        NameError::TooLong => match lang {
            Lang::En => return format!("a file name can be at most {MAX_NAME} bytes"),
            Lang::Zh => return format!("文件名最多 {MAX_NAME} 字节"),
        },
        NameError::Taken => tr(lang, "a file with this name exists", "已有同名文件"),
    };
    format!("{name:?}{}{why}", tr(lang, ": ", "："))
}

/// A snippet's name in the menu.
fn snippet_title(lang: Lang, snippet: &Snippet) -> &'static str {
    match snippet.id {
        "node-with-taint" => tr(lang, "Node with a taint", "带污点的 Node"),
        "pod-with-toleration" => tr(lang, "Pod with a toleration", "带容忍度的 Pod"),
        "daemonset" => tr(lang, "DaemonSet", "DaemonSet"),
        "deployment" => tr(lang, "Deployment", "Deployment"),
        _ => tr(
            lang,
            "Static Pod (for a node's manifests)",
            "静态 Pod（放进节点的 manifests 目录）",
        ),
    }
}

/// A stable key for a file, for the editor (a new text area per file, so the
/// browser's undo history never crosses files).
fn target_key(target: &Target) -> String {
    match target {
        Target::File(name) => format!("file:{name}"),
        Target::Manifest(at) => format!("node:{}:{}", at.node, at.file),
    }
}

/// Everything in the workspace as a tar archive: files, then manifests (their
/// drafts where edited).
fn bundle(state: &AppState) -> Bundle {
    let manifests = state
        .pg
        .manifest_groups()
        .into_iter()
        .flat_map(|(node, files)| files.into_iter().map(move |file| (node.clone(), file)))
        .filter_map(|(node, file)| {
            let at = ManifestRef { node, file };
            let text = state
                .pg
                .workspace()
                .drafts
                .iter()
                .find(|d| d.at == at)
                .map(|d| d.text.clone())
                .or_else(|| {
                    taintlab_playground::on_node(state.pg.cluster(), &at).map(str::to_string)
                })?;
            Some((at.node, at.file, text))
        })
        .collect();
    Bundle {
        files: state.pg.session().files.clone(),
        manifests,
    }
}

/// The workspace and its editor (replaces the first-load module's editor).
#[component]
pub fn WorkspacePanel(props: &WorkspacePanelProps) -> Html {
    let state = &props.state;
    let shown = &props.shown;
    let lang = shown.lang;
    let panel = use_node_ref();
    // The open file's text area (each file has an editor of its own).
    let editor_area = {
        let panel = panel.clone();
        move || -> Option<HtmlTextAreaElement> {
            panel
                .cast::<web_sys::Element>()?
                .query_selector("textarea[data-testid=editor]")
                .ok()??
                .dyn_into()
                .ok()
        }
    };
    let upload = use_node_ref();
    let snippet_menu = use_node_ref();
    let form = use_state(|| Form::None);
    let form_field = use_node_ref();
    // A caret position to move to once the file it is in is open.
    let jump = use_state(|| None::<(Target, usize, usize)>);
    let current = shown.target.clone();

    {
        // Ctrl/Cmd+S keeps the workspace wherever the focus is, instead of the
        // browser saving the page.
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener =
                Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                    if (e.ctrl_key() || e.meta_key())
                        && !e.alt_key()
                        && e.key().eq_ignore_ascii_case("s")
                    {
                        e.prevent_default();
                        dispatch.dispatch(Action::Update(Msg::Save));
                    }
                });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w
                    .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    // The editor of the file a pending jump is in performs it once it is shown.
    let jump_here = (*jump)
        .as_ref()
        .filter(|(at, _, _)| *at == current)
        .map(|(_, line, column)| (*line, *column));
    let on_jumped = {
        let jump = jump.clone();
        use_callback((), move |_: (), _| jump.set(None))
    };

    {
        // A form that opens puts the caret in its name field, with the name selected.
        let field = form_field.clone();
        let opened = match *form {
            Form::None | Form::ConfirmDelete => 0,
            Form::New { .. } => 1,
            Form::Rename(_) => 2,
        };
        use_effect_with(opened, move |opened| {
            if *opened > 0
                && let Some(input) = field.cast::<HtmlInputElement>()
            {
                let _ = input.focus();
                input.select();
            }
        });
    }

    let send = |action: WorkspaceEvent| {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Workspace(action.clone())))
    };
    let set_form = |next: Form| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set(next.clone()))
    };
    // The file lists.
    let workspace_files = shown.files.iter().enumerate().map(|(i, name)| {
        let open = matches!(&current, Target::File(n) if *n == *name) && shown.workspace.manifest.is_none();
        html! {
            <li>
                <button class="file-tab" aria-current={open.then_some("true")} data-file={name.clone()}
                    onclick={send(WorkspaceEvent::OpenFile(i))}>
                    {name.clone()}
                </button>
            </li>
        }
    });
    let groups = shown.groups.clone();
    let node_files = groups.iter().map(|(node, names)| {
        let label = format!("{node}:{STATIC_POD_PATH}/");
        html! {
            <div class="file-group">
                <span class="group-label" title={tr(lang, "Static pod manifests: the kubelet on this node runs each file as a pod.", "静态 Pod 清单：这个节点上的 kubelet 会把每个文件作为 Pod 运行。")}>
                    <span class="group-node">{node.clone()}</span>{":"}{STATIC_POD_PATH}{"/"}
                </span>
                <ul class="file-tabs" aria-label={label}>
                    {for names.iter().map(|file| {
                        let at = ManifestRef { node: node.clone(), file: file.clone() };
                        let open = current == Target::Manifest(at.clone());
                        let draft = shown.workspace.is_draft(&at);
                        html! {
                            <li>
                                <button class={classes!("file-tab", draft.then_some("draft"))}
                                    aria-current={open.then_some("true")}
                                    data-manifest={format!("{node}/{file}")}
                                    title={draft.then(|| tr(lang, "Edited: not written to the node yet", "已修改：尚未写入节点"))}
                                    onclick={send(WorkspaceEvent::OpenManifest(at))}>
                                    {file.clone()}
                                    if draft { <span class="dot" aria-label={tr(lang, "not written yet", "尚未写入")}>{"●"}</span> }
                                </button>
                            </li>
                        }
                    })}
                </ul>
            </div>
        }
    });

    // The new-file form, rename field and delete confirmation.
    let new_file = |text: &'static str, location: Location| {
        let taken: Vec<String> = match &location {
            Location::Workspace => shown.files.clone(),
            Location::Node(node) => groups
                .iter()
                .filter(|(n, _)| n == node)
                .flat_map(|(_, f)| f.clone())
                .collect(),
        };
        let base = SNIPPETS
            .iter()
            .find(|s| s.yaml == text)
            .map_or("untitled.yaml".to_string(), |s| format!("{}.yaml", s.id));
        let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
        Form::New {
            name: unique_name(&base, &taken),
            location,
            text,
        }
    };
    let form_html = file_forms::view(
        state,
        shown,
        &current,
        &FormHandles {
            form: form.clone(),
            field: form_field.clone(),
            jump: jump.clone(),
        },
    );

    // The open file's toolbar.
    let download_one = {
        let name = match &current {
            Target::File(name) => name.clone(),
            Target::Manifest(at) => at.file.clone(),
        };
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            files::download(&name, state.pg.text().as_bytes(), "application/yaml")
        })
    };
    let download_all = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let tar = bundle(&state).to_tar(files::now_secs());
            files::download("taintlab-workspace.tar", &tar, "application/x-tar")
        })
    };
    let open_upload = {
        let upload = upload.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = upload.cast::<HtmlElement>() {
                input.click();
            }
        })
    };
    let on_upload = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else {
                return;
            };
            let chosen: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            // The same file can be chosen again later.
            input.set_value("");
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let action = match files::read(chosen, lang).await {
                    Ok(bundle) => WorkspaceEvent::Upload(bundle),
                    Err(error) => WorkspaceEvent::UploadFailed(error),
                };
                dispatch.dispatch(Action::Workspace(action));
            });
        })
    };
    let current_name = match &current {
        Target::File(name) => name.clone(),
        Target::Manifest(at) => at.file.clone(),
    };

    // The snippet menu: insert at the caret, or start a new file with it.
    let close_menu = {
        let menu = snippet_menu.clone();
        move || {
            if let Some(details) = menu.cast::<web_sys::Element>() {
                let _ = details.remove_attribute("open");
            }
        }
    };
    let snippet_items = SNIPPETS.iter().map(|snippet| {
        let insert = {
            let editor_area = editor_area.clone();
            let yaml = snippet.yaml;
            let close_menu = close_menu.clone();
            Callback::from(move |_: MouseEvent| {
                close_menu();
                let Some(area) = editor_area() else {
                    return;
                };
                let text = area.value();
                let start = byte_of(&text, area.selection_start().ok().flatten().unwrap_or(0) as usize);
                let end = byte_of(&text, area.selection_end().ok().flatten().unwrap_or(0) as usize);
                let insert = snippets::insertion(&text[..start], &text[end..], yaml);
                let at = start + insert.len();
                let _ = area.focus();
                perform(&area, &Edit { start, end, insert, select: (at, at) });
            })
        };
        let location = if snippet.static_pod {
            shown.static_node.clone().map_or(Location::Workspace, Location::Node)
        } else {
            Location::Workspace
        };
        let as_new = {
            let form = form.clone();
            let next = new_file(snippet.yaml, location);
            let close_menu = close_menu.clone();
            Callback::from(move |_: MouseEvent| {
                close_menu();
                form.set(next.clone());
            })
        };
        html! {
            <li>
                <span class="snippet-name">{snippet_title(lang, snippet)}</span>
                <button class="link" data-snippet={snippet.id} onclick={insert}>{tr(lang, "insert", "插入")}</button>
                <button class="link" data-snippet-file={snippet.id} onclick={as_new}>{tr(lang, "new file", "新文件")}</button>
            </li>
        }
    });
    let load = |text: &'static str| {
        let editor_area = editor_area.clone();
        Callback::from(move |_: MouseEvent| {
            // Replaces the whole text as one undoable edit.
            if let Some(area) = editor_area() {
                let end = area.value().len();
                let _ = area.focus();
                perform(
                    &area,
                    &Edit {
                        start: 0,
                        end,
                        insert: text.to_string(),
                        select: (0, 0),
                    },
                );
            }
        })
    };

    // Diagnostics of the open file mark its lines.
    let diagnostics_here = shown
        .workspace
        .diagnostics_of
        .as_ref()
        .is_none_or(|about| *about == current);
    let marks: Rc<Vec<Mark>> = Rc::new(if diagnostics_here {
        shown
            .diagnostics
            .iter()
            .map(|d| Mark {
                line: d.line,
                column: d.column,
                severity: d.severity,
                message: taintlab_ui::i18n::core_message(lang, &d.message),
            })
            .collect()
    } else {
        Vec::new()
    });
    let manifest = shown.workspace.manifest.clone();
    let apply_label = match &manifest {
        Some(at) => match lang {
            Lang::En => format!("Write to {}", at.node),
            Lang::Zh => format!("写入 {}", at.node),
        },
        None if shown.what_if => tr(lang, "Apply to the copy", "应用到副本").to_string(),
        None => tr(lang, "Apply", "应用").to_string(),
    };
    // While a what-if copy is open, a workload can go to both clusters: the
    // same pods under each one's changes (or scheduler configuration).
    let apply_both = (shown.what_if && manifest.is_none()).then(|| {
        let onclick = state
            .dispatcher()
            .to_callback()
            .reform(|_: MouseEvent| Action::Update(Msg::WhatIf(WhatIfEvent::ApplyToBoth)));
        html! {
            <button class="ghost" data-testid="apply-both" {onclick}
                title={tr(lang, "Apply this file to the cluster as it is and to the copy", "把这个文件同时应用到原集群和副本")}>
                {tr(lang, "Apply to both", "应用到两边")}
            </button>
        }
    });

    html! {
        <section class="panel editor-panel workspace-panel" aria-labelledby="manifest-title" ref={panel}>
            <div class="panel-head">
                <h2 id="manifest-title">{tr(lang, "Workspace", "工作区")}</h2>
                <div class="examples" role="group" aria-label={tr(lang, "Examples", "示例")}>
                    <span class="muted">{tr(lang, "Examples", "示例")}{tr(lang, ":", "：")}</span>
                    <button class="link" onclick={load(TUTORIAL_DAEMONSET)}>{tr(lang, "redis-ds DaemonSet", "redis-ds DaemonSet")}</button>
                    <button class="link" onclick={load(TUTORIAL_DAEMONSET_TOLERATING)}>{tr(lang, "…with a toleration", "……加上容忍度")}</button>
                </div>
            </div>
            <nav class="files" aria-label={tr(lang, "Files", "文件")}>
                <div class="file-group">
                    <ul class="file-tabs" aria-label={tr(lang, "Workspace files", "工作区文件")}>
                        {for workspace_files}
                    </ul>
                    <div class="file-actions">
                        <button class="ghost small" data-testid="file-new" onclick={set_form(new_file("", Location::Workspace))}>
                            {tr(lang, "+ New", "+ 新建")}
                        </button>
                        <button class="ghost small" data-testid="file-upload" onclick={open_upload}
                            title={tr(lang, "YAML or JSON files, or a .tar bundle downloaded here", "YAML 或 JSON 文件，或从这里下载的 .tar 包")}>
                            {tr(lang, "Upload", "上传")}
                        </button>
                        <input type="file" ref={upload} class="hidden" multiple=true accept=".yaml,.yml,.json,.txt,.tar"
                            onchange={on_upload} tabindex="-1" aria-hidden="true" />
                        <button class="ghost small" data-testid="file-download-all" onclick={download_all}
                            title={tr(lang, "Every file as a .tar archive: the workspace, and each node's manifests under nodes/NODE/etc/kubernetes/manifests/", "所有文件打成一个 .tar 包：工作区文件，以及各节点 nodes/NODE/etc/kubernetes/manifests/ 下的清单")}>
                            {tr(lang, "Download all", "全部下载")}
                        </button>
                    </div>
                </div>
                {for node_files}
            </nav>
            {form_html}
            if !shown.workspace.errors.is_empty() {
                <p class="action-error" role="alert">
                    {file_errors(lang, &shown.workspace.errors)}
                    <button class="link" onclick={send(WorkspaceEvent::DismissError)} aria-label={tr(lang, "Dismiss", "关闭")}>{"×"}</button>
                </p>
            }
            <div class="file-bar">
                <code class="path" data-testid="open-file">{current.path()}</code>
                <div class="file-buttons">
                    if shown.workspace.saved {
                        <span class="saved" data-testid="saved" role="status">{tr(lang, "Saved", "已保存")}</span>
                    }
                    <button class="ghost small" data-testid="file-rename" onclick={set_form(Form::Rename(current_name))}>
                        {tr(lang, "Rename", "重命名")}
                    </button>
                    <button class="ghost small" data-testid="file-download" onclick={download_one}>{tr(lang, "Download", "下载")}</button>
                    <button class="ghost small" data-testid="file-delete" onclick={set_form(Form::ConfirmDelete)}>{tr(lang, "Delete", "删除")}</button>
                    <details class="menu" ref={snippet_menu}>
                        <summary data-testid="snippets">{tr(lang, "Snippets", "代码片段")}</summary>
                        <ul class="menu-list">{for snippet_items}</ul>
                    </details>
                </div>
            </div>
            <CodeEditor key={target_key(&current)} text={AttrValue::from(shown.text.clone())}
                marks={marks} label={tr(lang, "YAML manifest editor", "YAML 清单编辑器")} described_by="editor-keys"
                dispatch={state.dispatcher()}
                jump={jump_here} {on_jumped} />
            <div class="apply-row">
                <button class="primary" data-testid="apply" onclick={state.dispatcher().to_callback().reform(|_: MouseEvent| Action::Update(Msg::Apply))}>
                    {apply_label}
                </button>
                {apply_both}
                <span class="muted hint" id="editor-keys">
                    {tr(lang, "Ctrl+Enter applies · Ctrl+S saves · Tab indents (Esc, then Tab, leaves the editor)",
                        "Ctrl+Enter 应用 · Ctrl+S 保存 · Tab 缩进（先按 Esc 再按 Tab 可离开编辑器）")}
                </span>
            </div>
            {diagnostics_list::view(state, shown, &current, jump.clone())}
        </section>
    }
}
