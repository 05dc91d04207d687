//! What an import did, as the Import dialog lists it once it is done: what was
//! imported, the moment its times count from, the kinds left out (once each,
//! with the reason and how many) and the objects given twice.

use taintlab_core::clock::unix_rfc3339;
use taintlab_core::import::{Duplicate, SkipReason, Skipped};
use taintlab_playground::import::Import;
use taintlab_ui::i18n::{Lang, core_message, tr};
use yew::prelude::*;

/// Properties of [`ImportReport`].
#[derive(Properties, PartialEq)]
pub struct ImportReportProps {
    /// UI language.
    pub lang: Lang,
    /// What was imported.
    pub imported: Import,
}

/// The summary of an import.
#[component]
pub fn ImportReport(props: &ImportReportProps) -> Html {
    let lang = props.lang;
    let imported = &props.imported;
    html! {
        <div class="import-report" data-testid="import-report">
            <p role="status">{summary(lang, imported)}</p>
            if let Some(read_at) = imported.read_at {
                <p class="muted small" data-testid="import-read-at">{read_at_text(lang, read_at)}</p>
            }
            if !imported.skipped.is_empty() {
                <h3>{tr(lang, "Left out", "未导入")}</h3>
                <ul data-testid="import-skipped">
                    {for imported.skipped.iter().map(|s| html! { <li>{skipped_text(lang, s)}</li> })}
                </ul>
            }
            if !imported.duplicates.is_empty() {
                <h3>{tr(lang, "Given twice", "重复出现")}</h3>
                <ul class="import-warnings" data-testid="import-duplicates">
                    {for imported.duplicates.iter().map(|d| html! { <li>{duplicate_text(lang, d)}</li> })}
                </ul>
            }
        </div>
    }
}

/// `Imported 3 nodes and 12 objects (Kubernetes v1.31).`
fn summary(lang: Lang, imported: &Import) -> String {
    let (nodes, version) = (imported.nodes.len(), imported.version);
    match (lang, imported.state.is_some()) {
        (Lang::En, true) => format!(
            "Imported {} objects, {nodes} of them nodes (Kubernetes {version}).",
            imported.objects
        ),
        (Lang::Zh, true) => format!(
            "已导入 {} 个对象，其中 {nodes} 个节点（Kubernetes {version}）。",
            imported.objects
        ),
        (Lang::En, false) => format!("Imported {nodes} nodes (Kubernetes {version})."),
        (Lang::Zh, false) => format!("已导入 {nodes} 个节点（Kubernetes {version}）。"),
    }
}

/// The moment the imported times count from.
fn read_at_text(lang: Lang, read_at: i64) -> String {
    let at = unix_rfc3339(read_at);
    match lang {
        Lang::En => format!(
            "Ages and NoExecute countdowns are as they were at {at}, the newest time in the state: the simulated clock's now stands for it."
        ),
        Lang::Zh => format!(
            "存在时间和 NoExecute 倒计时按 {at}（导入内容中最新的时间）计算：模拟时钟的“现在”即对应这一时刻。"
        ),
    }
}

/// `2 × Service: not simulated`. Kubernetes' own messages stay as Kubernetes
/// words them; taintlab's are in `lang`.
fn skipped_text(lang: Lang, s: &Skipped) -> String {
    let reason = match (lang, &s.reason) {
        (Lang::En, _) => core_message(lang, &s.reason_en()),
        (Lang::Zh, SkipReason::NotSimulated) => "taintlab 不模拟这种对象".to_string(),
        (Lang::Zh, SkipReason::NodeMissing(node)) => format!("所在节点 {node:?} 不在导入内容中"),
        (Lang::Zh, _) => core_message(lang, &s.reason_en()),
    };
    let first = match (lang, &s.reason) {
        (_, SkipReason::NotSimulated | SkipReason::NoMatch(_)) => "",
        _ if s.count == 1 => "",
        (Lang::En, _) => " (the first of them)",
        (Lang::Zh, _) => "（以第一个为例）",
    };
    format!(
        "{} × {}{}{reason}{first}",
        s.count,
        s.kind,
        tr(lang, ": ", "：")
    )
}

/// Which text an object given twice was taken from.
fn duplicate_text(lang: Lang, d: &Duplicate) -> String {
    if lang == Lang::En {
        return d.en();
    }
    let object = match d.namespace.as_str() {
        "" => format!("{} {}", d.kind, d.name),
        ns => format!("{} {ns}/{}", d.kind, d.name),
    };
    let from = |name: &str| {
        if name.is_empty() {
            "粘贴的文本".to_string()
        } else {
            name.to_string()
        }
    };
    if d.dropped_from == d.kept_from {
        format!(
            "{object} 在 {} 中出现了两次：导入的是后一个",
            from(&d.kept_from)
        )
    } else {
        format!(
            "{object} 同时出现在 {} 和 {} 中：导入的是 {} 中的那个",
            from(&d.dropped_from),
            from(&d.kept_from),
            from(&d.kept_from)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_left_out_reads_in_both_languages() {
        let skipped = Skipped {
            kind: "Pod".into(),
            reason: SkipReason::NodeMissing("gone".into()),
            count: 3,
        };
        assert_eq!(
            skipped_text(Lang::En, &skipped),
            "3 × Pod: its node \"gone\" is not in the text (the first of them)"
        );
        assert_eq!(
            skipped_text(Lang::Zh, &skipped),
            "3 × Pod：所在节点 \"gone\" 不在导入内容中（以第一个为例）"
        );
        let service = Skipped {
            kind: "Service".into(),
            reason: SkipReason::NotSimulated,
            count: 2,
        };
        assert_eq!(
            skipped_text(Lang::En, &service),
            "2 × Service: not simulated"
        );
        assert_eq!(
            skipped_text(Lang::Zh, &service),
            "2 × Service：taintlab 不模拟这种对象"
        );
        let twice = Duplicate {
            kind: "Node".into(),
            namespace: String::new(),
            name: "a".into(),
            dropped_from: "x.json".into(),
            kept_from: "y.json".into(),
        };
        assert_eq!(
            duplicate_text(Lang::Zh, &twice),
            "Node a 同时出现在 x.json 和 y.json 中：导入的是 y.json 中的那个"
        );
        assert!(read_at_text(Lang::En, 0).contains("1970-01-01T00:00:00Z"));
    }
}
