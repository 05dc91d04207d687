//! The form that joins a node to the cluster.

use taintlab_core::actions::NodeAction;
use taintlab_ui::i18n::{Lang, tr};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`AddNodeForm`].
#[derive(Properties, PartialEq)]
pub struct AddNodeFormProps {
    /// UI language.
    pub lang: Lang,
    /// A node joins: its name and [`NodeAction::Join`].
    pub on_action: Callback<(String, NodeAction)>,
}

/// "Add a node": a name and a role; the node joins as `kubeadm join` would make it.
#[component]
pub fn AddNodeForm(props: &AddNodeFormProps) -> Html {
    let lang = props.lang;
    let name = use_node_ref();
    let role = use_node_ref();
    let submit = {
        let on_action = props.on_action.clone();
        let (name, role) = (name.clone(), role.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(input), Some(select)) = (
                name.cast::<HtmlInputElement>(),
                role.cast::<HtmlSelectElement>(),
            ) else {
                return;
            };
            let control_plane = select.value() == "control-plane";
            on_action.emit((
                input.value().trim().to_string(),
                NodeAction::Join { control_plane },
            ));
            input.set_value("");
        })
    };
    html! {
        <form class="add-node" onsubmit={submit} aria-label={tr(lang, "Add a node", "添加节点")}>
            <label>
                {tr(lang, "Add a node", "添加节点")}{" "}
                <input ref={name} data-field="node-name" required=true placeholder="worker-2" size="12" />
            </label>
            <select ref={role} data-field="node-role" aria-label={tr(lang, "Role", "角色")}>
                <option value="worker" selected=true>{tr(lang, "worker", "工作节点")}</option>
                <option value="control-plane">{tr(lang, "control plane", "控制平面")}</option>
            </select>
            <button class="small" type="submit" data-action="join">{tr(lang, "Join", "加入")}</button>
        </form>
    }
}
