//! The Import dialog: paste `kubectl get nodes -o yaml`, get a simulated
//! cluster of those nodes (`taintlab_core::import`).

use taintlab_core::Diagnostic;
use taintlab_playground::import;
use taintlab_ui::i18n::{Lang, core_message, tr};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of [`ImportDialog`].
#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    /// UI language.
    pub lang: Lang,
    /// The nodes were read: replace the cluster with them.
    pub on_imported: Callback<import::Import>,
    /// Close without importing.
    pub on_close: Callback<()>,
}

/// Paste `kubectl get nodes -o yaml`, get a cluster of those nodes, or a whole
/// cluster's state, get that state; errors point at the pasted text.
#[component]
pub fn ImportDialog(props: &ImportDialogProps) -> Html {
    let lang = props.lang;
    let text = use_node_ref();
    let errors = use_state(Vec::<Diagnostic>::new);
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
    let submit = {
        let (text, errors, on_imported) = (text.clone(), errors.clone(), props.on_imported.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(area) = text.cast::<HtmlTextAreaElement>() else {
                return;
            };
            match import::nodes(&area.value()) {
                Ok(imported) => on_imported.emit(imported),
                Err(found) => errors.set(found),
            }
        })
    };
    html! {
        <div class="dialog-backdrop">
            <form class="dialog panel" role="dialog" aria-modal="true" aria-labelledby="import-title"
                data-testid="import-dialog" onsubmit={submit} onkeydown={on_key}>
                <h2 id="import-title">{tr(lang, "Import a real cluster", "导入真实集群")}</h2>
                <p class="muted small">
                    {tr(lang,
                        "Paste the output of kubectl get nodes -o yaml (or -o json). The simulated cluster starts again with those nodes: their names, labels, taints, cordons, capacity and Kubernetes version. Your files stay.",
                        "粘贴 kubectl get nodes -o yaml（或 -o json）的输出。模拟集群会以这些节点重新开始：保留名称、标签、污点、cordon 状态、容量和 Kubernetes 版本。工作区文件不变。")}
                </p>
                <p class="muted small">
                    {tr(lang,
                        "For the whole state, paste kubectl get nodes,pods,daemonsets,deployments,replicasets,priorityclasses,poddisruptionbudgets -A -o yaml: running pods stay where they are, controllers keep their pods, and pending pods are scheduled here.",
                        "若要导入整个状态，请粘贴 kubectl get nodes,pods,daemonsets,deployments,replicasets,priorityclasses,poddisruptionbudgets -A -o yaml 的输出：正在运行的 Pod 留在原来的节点上，控制器保留各自的 Pod，等待中的 Pod 由这里的调度器调度。")}
                </p>
                <textarea ref={text} class="import-text" data-testid="import-text" spellcheck="false"
                    aria-label={tr(lang, "kubectl get nodes -o yaml output", "kubectl get nodes -o yaml 的输出")}
                    placeholder="apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n  ..." />
                if !errors.is_empty() {
                    <ul class="import-errors" role="alert" data-testid="import-errors">
                        {for errors.iter().map(|d| html! {
                            <li>{format!("{}{}{}", taintlab_ui::i18n::position(lang, d.document, d.line, d.column), tr(lang, ": ", "："), core_message(lang, &d.message))}</li>
                        })}
                    </ul>
                }
                <div class="dialog-actions">
                    <button type="button" class="ghost" onclick={props.on_close.reform(|_: MouseEvent| ())}>{tr(lang, "Cancel", "取消")}</button>
                    <button type="submit" class="primary" data-testid="import-apply">{tr(lang, "Import", "导入")}</button>
                </div>
            </form>
        </div>
    }
}
