//! The Import dialog: paste or choose a real cluster's nodes or whole state
//! (`kubectl get ... -o yaml`, `kubectl cluster-info dump`, the files of its
//! `--output-directory`, several files at once), get a simulated cluster of it
//! (`taintlab_playground::import`). What the import left out or found twice is
//! listed afterwards ([`super::import_report`]).

use super::import_report::ImportReport;
use taintlab_core::import::{Source, SourceDiagnostic};
use taintlab_core::limits::{Limit, MAX_IMPORT_BYTES};
use taintlab_playground::import::{self, Import, dump_files};
use taintlab_ui::i18n::{Lang, core_message, limit_text, tr};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`ImportDialog`].
#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    /// UI language.
    pub lang: Lang,
    /// The cluster was read: replace the simulated one with it. The dialog
    /// stays open to list what was left out when there is something to list.
    pub on_imported: Callback<Import>,
    /// Close.
    pub on_close: Callback<()>,
}

/// What the dialog shows.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// The form, with the errors of the last try.
    Form(Vec<SourceDiagnostic>),
    /// Files are being read.
    Reading,
    /// Imported: what it did.
    Done(Box<Import>),
}

/// Paste `kubectl get nodes -o yaml` (nodes) or a whole cluster's state, or
/// choose its files or a `kubectl cluster-info dump` folder; errors point at
/// the file and line.
#[component]
pub fn ImportDialog(props: &ImportDialogProps) -> Html {
    let lang = props.lang;
    let text = use_node_ref();
    let (files_input, folder_input) = (use_node_ref(), use_node_ref());
    let shown = use_state(|| Shown::Form(Vec::new()));
    {
        let text = text.clone();
        use_effect_with((), move |_| {
            if let Some(area) = text.cast::<HtmlTextAreaElement>() {
                let _ = area.focus();
            }
        });
    }
    let on_key = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    // One import, from whatever was read.
    let finish = {
        let (shown, on_imported) = (shown.clone(), props.on_imported.clone());
        move |read: Result<Import, Vec<SourceDiagnostic>>| match read {
            Ok(imported) => {
                // The report keeps what it shows; the cluster goes to the page.
                shown.set(Shown::Done(Box::new(imported.without_cluster())));
                on_imported.emit(imported);
            }
            Err(errors) => shown.set(Shown::Form(errors)),
        }
    };
    let submit = {
        let (text, finish) = (text.clone(), finish.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(area) = text.cast::<HtmlTextAreaElement>() {
                let value = area.value();
                finish(import::files(&[Source {
                    name: "",
                    text: &value,
                }]));
            }
        })
    };
    let on_files = {
        let (shown, finish) = (shown.clone(), finish.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let chosen = chosen_files(&input);
            // The same files can be chosen again later.
            input.set_value("");
            if chosen.is_empty() {
                return;
            }
            shown.set(Shown::Reading);
            let (shown, finish) = (shown.clone(), finish.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match read_files(chosen, lang).await {
                    Ok(texts) => {
                        let sources: Vec<Source<'_>> = texts
                            .iter()
                            .map(|(name, text)| Source { name, text })
                            .collect();
                        finish(import::files(&sources));
                    }
                    Err(message) => shown.set(Shown::Form(vec![SourceDiagnostic {
                        source: String::new(),
                        diagnostic: taintlab_core::Diagnostic {
                            severity: taintlab_core::Severity::Error,
                            document: 0,
                            line: 0,
                            column: 0,
                            path: String::new(),
                            message,
                        },
                    }])),
                }
            });
        })
    };
    let open = |input: &NodeRef| {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let body = match &*shown {
        Shown::Done(imported) => html! {
            <>
                <ImportReport {lang} imported={(**imported).clone()} />
                <div class="dialog-actions">
                    <button type="button" class="primary" data-testid="import-done" onclick={close}>{tr(lang, "Done", "完成")}</button>
                </div>
            </>
        },
        Shown::Form(errors) => html! {
            <>
                <p class="muted small">
                    {tr(lang,
                        "Paste the output of kubectl get nodes -o yaml (or -o json). The simulated cluster starts again with those nodes: their names, labels, taints, cordons, capacity and Kubernetes version. Your files stay.",
                        "粘贴 kubectl get nodes -o yaml（或 -o json）的输出。模拟集群会以这些节点重新开始：保留名称、标签、污点、cordon 状态、容量和 Kubernetes 版本。工作区文件不变。")}
                </p>
                <p class="muted small">
                    {tr(lang,
                        "For the whole state, paste kubectl get nodes,pods,daemonsets,deployments,replicasets,priorityclasses,poddisruptionbudgets -A -o yaml or what kubectl cluster-info dump prints, or choose several files, or the folder kubectl cluster-info dump --output-directory wrote: they make one import. Running pods stay where they are, controllers keep their pods, pending pods are scheduled here, and ages and NoExecute countdowns are what they were when the state was read.",
                        "若要导入整个状态，请粘贴 kubectl get nodes,pods,daemonsets,deployments,replicasets,priorityclasses,poddisruptionbudgets -A -o yaml 或 kubectl cluster-info dump 的输出，或选择多个文件，或选择 kubectl cluster-info dump --output-directory 写出的文件夹：它们合并为一次导入。正在运行的 Pod 留在原来的节点上，控制器保留各自的 Pod，等待中的 Pod 由这里的调度器调度，存在时间和 NoExecute 倒计时与读取状态时一致。")}
                </p>
                <textarea ref={text.clone()} class="import-text" data-testid="import-text" spellcheck="false"
                    aria-label={tr(lang, "kubectl output to import", "要导入的 kubectl 输出")}
                    placeholder="apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n  ..." />
                <div class="import-files">
                    <button type="button" class="ghost small" data-testid="import-choose-files" onclick={open(&files_input)}>
                        {tr(lang, "Choose files…", "选择文件…")}
                    </button>
                    <button type="button" class="ghost small" data-testid="import-choose-folder" onclick={open(&folder_input)}>
                        {tr(lang, "Choose a dump folder…", "选择转储文件夹…")}
                    </button>
                    <input type="file" ref={files_input.clone()} class="hidden" multiple=true data-testid="import-files"
                        accept=".yaml,.yml,.json,.txt" onchange={on_files.clone()} tabindex="-1" aria-hidden="true" />
                    <input type="file" ref={folder_input.clone()} class="hidden" webkitdirectory=true data-testid="import-folder"
                        onchange={on_files} tabindex="-1" aria-hidden="true" />
                </div>
                if !errors.is_empty() {
                    <ul class="import-errors" role="alert" data-testid="import-errors">
                        {for errors.iter().map(|e| html! { <li>{error_text(lang, e)}</li> })}
                    </ul>
                }
                <div class="dialog-actions">
                    <button type="button" class="ghost" onclick={close}>{tr(lang, "Cancel", "取消")}</button>
                    <button type="submit" class="primary" data-testid="import-apply">{tr(lang, "Import", "导入")}</button>
                </div>
            </>
        },
        Shown::Reading => html! {
            <p class="muted" role="status" data-testid="import-reading">{tr(lang, "Reading the files…", "正在读取文件…")}</p>
        },
    };
    html! {
        <div class="dialog-backdrop">
            <form class="dialog panel" role="dialog" aria-modal="true" aria-labelledby="import-title"
                data-testid="import-dialog" onsubmit={submit} onkeydown={on_key}>
                <h2 id="import-title">{tr(lang, "Import a real cluster", "导入真实集群")}</h2>
                {body}
            </form>
        </div>
    }
}

/// An error as the dialog lists it: the file (when there are files), the
/// position (when there is one), the message.
fn error_text(lang: Lang, e: &SourceDiagnostic) -> String {
    let d = &e.diagnostic;
    let mut out = String::new();
    if !e.source.is_empty() {
        out.push_str(&e.source);
        out.push_str(tr(lang, ", ", "，"));
    }
    if d.line > 0 {
        out.push_str(&taintlab_ui::i18n::position(
            lang, d.document, d.line, d.column,
        ));
    }
    if !out.is_empty() {
        out.push_str(tr(lang, ": ", "："));
    }
    out.push_str(&core_message(lang, &d.message));
    out
}

/// The files of a file input, each with the name it is known by: for a folder
/// (`webkitdirectory`), its path inside the folder, keeping only the files of a
/// `kubectl cluster-info dump` in their order ([`dump_files`]); else its name,
/// the files in name order, so that the same choice imports the same.
fn chosen_files(input: &HtmlInputElement) -> Vec<(String, File)> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    let mut files: Vec<(String, File)> = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| {
            let relative = js_sys::Reflect::get(&f, &JsValue::from_str("webkitRelativePath"))
                .ok()
                .and_then(|p| p.as_string())
                .unwrap_or_default();
            // `cluster-state/shop/pods.json`: inside the folder chosen.
            let inside = relative.split_once('/').map(|(_, rest)| rest.to_string());
            (inside.unwrap_or_else(|| f.name()), f)
        })
        .collect();
    if input.webkitdirectory() {
        let keep = dump_files(files.iter().map(|(name, _)| name.clone()));
        files = keep
            .into_iter()
            .filter_map(|name| {
                let at = files.iter().position(|(n, _)| *n == name)?;
                Some(files.swap_remove(at))
            })
            .collect();
    } else {
        files.sort_by(|a, b| a.0.cmp(&b.0));
    }
    files
}

/// Reads the chosen files as text. Files larger together than an import takes
/// ([`MAX_IMPORT_BYTES`]) are refused before they are read.
async fn read_files(
    files: Vec<(String, File)>,
    lang: Lang,
) -> Result<Vec<(String, String)>, String> {
    let total: f64 = files.iter().map(|(_, f)| f.size()).sum();
    if total > MAX_IMPORT_BYTES as f64 {
        return Err(limit_text(lang, Limit::ImportBytes));
    }
    let mut texts = Vec::with_capacity(files.len());
    for (name, file) in files {
        let text = JsFuture::from(file.text()).await.map_err(|_| {
            format!(
                "{name}{}",
                tr(lang, ": the file could not be read", "：无法读取该文件")
            )
        })?;
        texts.push((name, text.as_string().unwrap_or_default()));
    }
    Ok(texts)
}
