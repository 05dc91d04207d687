//! The workspace panel: the files (workspace files, then each node's manifests),
//! the open file's controls, the editor, Apply, and the diagnostics.

use super::code_editor::{CodeEditor, Mark, perform};
use super::file_forms::{self, Form, FormHandles};
use super::workspace::{Location, ManifestRef, Target, WorkspaceAction, manifest_groups, target};
use super::{diagnostics_list, files};
use crate::i18n::{Lang, Text, t, tr};
use crate::state::{Action, AppState};
use std::rc::Rc;
use taintlab_core::cluster::STATIC_POD_PATH;
use taintlab_core::edit::Edit;
use taintlab_core::snippets::{self, SNIPPETS, Snippet};
use taintlab_core::workspace::{Bundle, unique_name};
use taintlab_core::{TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`WorkspacePanel`].
#[derive(Properties)]
pub struct WorkspacePanelProps {
    /// The app's state.
    pub state: UseReducerHandle<AppState>,
}

impl PartialEq for WorkspacePanelProps {
    // The panel renders whenever the app does; its editor skips unchanged renders.
    fn eq(&self, _: &Self) -> bool {
        false
    }
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

/// The node a static pod snippet is offered for first: a control-plane node if
/// there is one (that is where kubeadm keeps its static pods), else the first node.
fn first_static_node(state: &AppState) -> Option<String> {
    let nodes: Vec<_> = state.cluster().nodes().collect();
    nodes
        .iter()
        .find(|n| {
            n.metadata.labels.keys().any(|k| {
                k == "node-role.kubernetes.io/control-plane"
                    || k == "node-role.kubernetes.io/master"
            })
        })
        .or(nodes.first())
        .map(|n| n.metadata.name.clone())
}

/// Everything in the workspace as a tar archive: files, then manifests (their
/// drafts where edited).
fn bundle(state: &AppState) -> Bundle {
    let manifests = manifest_groups(state)
        .into_iter()
        .flat_map(|(node, files)| files.into_iter().map(move |file| (node.clone(), file)))
        .filter_map(|(node, file)| {
            let at = ManifestRef { node, file };
            let text = state
                .workspace
                .drafts
                .iter()
                .find(|d| d.at == at)
                .map(|d| d.text.clone())
                .or_else(|| super::workspace::on_node(state.cluster(), &at).map(str::to_string))?;
            Some((at.node, at.file, text))
        })
        .collect();
    Bundle {
        files: state.session.files.clone(),
        manifests,
    }
}

/// The workspace and its editor (replaces the first-load module's editor).
#[component]
pub fn WorkspacePanel(props: &WorkspacePanelProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
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
    let current = target(state);

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
                        dispatch.dispatch(Action::Save);
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

    let send = |action: WorkspaceAction| {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Workspace(action.clone())))
    };
    let set_form = |next: Form| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set(next.clone()))
    };
    // The file lists.
    let workspace_files = state.session.files.iter().enumerate().map(|(i, (name, _))| {
        let open = matches!(&current, Target::File(n) if *n == *name) && state.workspace.manifest.is_none();
        html! {
            <li>
                <button class="file-tab" aria-current={open.then_some("true")} data-file={name.clone()}
                    onclick={send(WorkspaceAction::OpenFile(i))}>
                    {name.clone()}
                </button>
            </li>
        }
    });
    let groups = manifest_groups(state);
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
                        let draft = state.workspace.is_draft(&at);
                        html! {
                            <li>
                                <button class={classes!("file-tab", draft.then_some("draft"))}
                                    aria-current={open.then_some("true")}
                                    data-manifest={format!("{node}/{file}")}
                                    title={draft.then(|| tr(lang, "Edited: not written to the node yet", "已修改：尚未写入节点"))}
                                    onclick={send(WorkspaceAction::OpenManifest(at))}>
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
            Location::Workspace => state.session.files.iter().map(|(n, _)| n.clone()).collect(),
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
            files::download(&name, state.text().as_bytes(), "application/yaml")
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
                    Ok(bundle) => WorkspaceAction::Upload(bundle),
                    Err(error) => WorkspaceAction::UploadFailed(error),
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
                let start = taintlab_core::edit::byte_of(&text, area.selection_start().ok().flatten().unwrap_or(0) as usize);
                let end = taintlab_core::edit::byte_of(&text, area.selection_end().ok().flatten().unwrap_or(0) as usize);
                let insert = snippets::insertion(&text[..start], &text[end..], yaml);
                let at = start + insert.len();
                let _ = area.focus();
                perform(&area, &Edit { start, end, insert, select: (at, at) });
            })
        };
        let location = if snippet.static_pod {
            first_static_node(state).map_or(Location::Workspace, Location::Node)
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
    let diagnostics_here = state
        .workspace
        .diagnostics_of
        .as_ref()
        .is_none_or(|about| *about == current);
    let marks: Rc<Vec<Mark>> = Rc::new(if diagnostics_here {
        state
            .diagnostics
            .iter()
            .map(|d| Mark {
                line: d.line,
                column: d.column,
                severity: d.severity,
                message: crate::i18n::core_message(state.lang, &d.message),
            })
            .collect()
    } else {
        Vec::new()
    });
    let manifest = state.workspace.manifest.clone();
    let apply_label = match &manifest {
        Some(at) => match lang {
            Lang::En => format!("Write to {}", at.node),
            Lang::Zh => format!("写入 {}", at.node),
        },
        None => t(lang, Text::Apply).to_string(),
    };

    html! {
        <section class="panel editor-panel workspace-panel" aria-labelledby="manifest-title" ref={panel}>
            <div class="panel-head">
                <h2 id="manifest-title">{tr(lang, "Workspace", "工作区")}</h2>
                <div class="examples" role="group" aria-label={t(lang, Text::Examples)}>
                    <span class="muted">{t(lang, Text::Examples)}{tr(lang, ":", "：")}</span>
                    <button class="link" onclick={load(TUTORIAL_DAEMONSET)}>{t(lang, Text::ExampleDaemonSet)}</button>
                    <button class="link" onclick={load(TUTORIAL_DAEMONSET_TOLERATING)}>{t(lang, Text::ExampleToleration)}</button>
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
            if let Some(error) = &state.workspace.error {
                <p class="action-error" role="alert">
                    {crate::i18n::core_message(lang, error)}
                    <button class="link" onclick={send(WorkspaceAction::DismissError)} aria-label={tr(lang, "Dismiss", "关闭")}>{"×"}</button>
                </p>
            }
            <div class="file-bar">
                <code class="path" data-testid="open-file">{current.path()}</code>
                <div class="file-buttons">
                    if state.workspace.saved {
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
            <CodeEditor key={target_key(&current)} text={AttrValue::from(state.text().to_string())}
                marks={marks} label={t(lang, Text::EditorLabel)} described_by="editor-keys"
                dispatch={state.dispatcher()}
                jump={jump_here} {on_jumped} />
            <div class="apply-row">
                <button class="primary" data-testid="apply" onclick={state.dispatcher().to_callback().reform(|_: MouseEvent| Action::Apply)}>
                    {apply_label}
                </button>
                <span class="muted hint" id="editor-keys">
                    {tr(lang, "Ctrl+Enter applies · Ctrl+S saves · Tab indents (Esc, then Tab, leaves the editor)",
                        "Ctrl+Enter 应用 · Ctrl+S 保存 · Tab 缩进（先按 Esc 再按 Tab 可离开编辑器）")}
                </span>
            </div>
            {diagnostics_list::view(state, &current, jump.clone())}
        </section>
    }
}
