//! English and Simplified Chinese text for every piece of UI, in our own words.

#[cfg(feature = "full")]
use taintlab_core::limits::Limit;

/// The page's localStorage, if the browser allows it.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

const STORAGE_KEY: &str = "taintlab.lang";

impl Lang {
    /// The remembered choice, else the browser's language.
    pub fn initial() -> Lang {
        if let Some(saved) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
            return Lang::from_tag(&saved);
        }
        let browser = web_sys::window()
            .and_then(|w| w.navigator().language())
            .unwrap_or_default();
        Lang::from_tag(&browser)
    }

    /// `zh*` is Chinese, everything else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Remembers the choice for the next visit.
    pub fn remember(self) {
        // Storage may be disabled (private mode); the switch still works for this visit.
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, self.tag());
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// Every UI string, by meaning.
#[derive(Debug, Clone, Copy)]
pub enum Text {
    Tagline,
    #[cfg_attr(feature = "full", allow(dead_code))]
    Manifest,
    Apply,
    #[cfg_attr(feature = "full", allow(dead_code))]
    ApplyHint,
    Examples,
    ExampleDaemonSet,
    ExampleToleration,
    Share,
    Cluster,
    NoPods,
    NoTaints,
    NoPodHere,
    MayStay,
    Pending,
    Applied,
    NothingApplied,
    SwitchLanguage,
    EditorLabel,
    Legend,
    OwnerDaemonSet,
    OwnerReplicaSet,
    OwnerStatic,
    OwnerBare,
    EvictionDue,
    EffectNoSchedule,
    EffectPreferNoSchedule,
    EffectNoExecute,
    Pause,
    Play,
    TimeControls,
    StepOne,
    Speed,
    SimulatedTime,
    Events,
    Cordon,
    Uncordon,
    StopKubelet,
    StartKubelet,
    RemoveTaint,
    AddTaint,
    NodeActions,
    Panels,
    #[cfg_attr(feature = "full", allow(dead_code))]
    PanelsHint,
    Terminal,
    Explain,
    Lessons,
    LoadingFull,
    FullFailed,
}

/// The text for `key` in `lang`.
pub fn t(lang: Lang, key: Text) -> &'static str {
    use Text::*;
    match (lang, key) {
        (Lang::En, Tagline) => "See where pods land, and why",
        (Lang::Zh, Tagline) => "看清 Pod 落在哪里，以及原因",
        (Lang::En, Manifest) => "Manifest",
        (Lang::Zh, Manifest) => "YAML 清单",
        (Lang::En, Apply) => "Apply",
        (Lang::Zh, Apply) => "应用",
        (Lang::En, ApplyHint) => "Ctrl+Enter applies",
        (Lang::Zh, ApplyHint) => "Ctrl+Enter 即可应用",
        (Lang::En, Examples) => "Examples",
        (Lang::Zh, Examples) => "示例",
        (Lang::En, ExampleDaemonSet) => "redis-ds DaemonSet",
        (Lang::Zh, ExampleDaemonSet) => "redis-ds DaemonSet",
        (Lang::En, ExampleToleration) => "…with a toleration",
        (Lang::Zh, ExampleToleration) => "……加上容忍度",
        (Lang::En, Share) => "Share",
        (Lang::Zh, Share) => "分享",
        (Lang::En, Cluster) => "Cluster",
        (Lang::Zh, Cluster) => "集群",
        (Lang::En, NoPods) => "No pods",
        (Lang::Zh, NoPods) => "暂无 Pod",
        (Lang::En, NoTaints) => "No taints",
        (Lang::Zh, NoTaints) => "没有污点",
        (Lang::En, NoPodHere) => "no pod on this node",
        (Lang::Zh, NoPodHere) => "不会在此节点创建 Pod",
        (Lang::En, MayStay) => "A pod that already runs here may stay: NoSchedule does not evict.",
        (Lang::Zh, MayStay) => "已在此运行的 Pod 可以留下：NoSchedule 不会驱逐。",
        (Lang::En, Pending) => "Pending pods",
        (Lang::Zh, Pending) => "等待调度的 Pod",
        (Lang::En, Applied) => "Applied",
        (Lang::Zh, Applied) => "已应用",
        (Lang::En, NothingApplied) => "Nothing was applied; the cluster is as it was.",
        (Lang::Zh, NothingApplied) => "没有应用任何内容，集群保持不变。",
        (Lang::En, SwitchLanguage) => "中文",
        (Lang::Zh, SwitchLanguage) => "English",
        (Lang::En, EditorLabel) => "YAML manifest editor",
        (Lang::Zh, EditorLabel) => "YAML 清单编辑器",
        (Lang::En, Legend) => "Pod owners",
        (Lang::Zh, Legend) => "Pod 的属主",
        (Lang::En, OwnerDaemonSet) => "DaemonSet",
        (Lang::Zh, OwnerDaemonSet) => "DaemonSet",
        (Lang::En, OwnerReplicaSet) => "Deployment",
        (Lang::Zh, OwnerReplicaSet) => "Deployment",
        (Lang::En, OwnerStatic) => "Static pod",
        (Lang::Zh, OwnerStatic) => "静态 Pod",
        (Lang::En, OwnerBare) => "Bare pod",
        (Lang::Zh, OwnerBare) => "独立 Pod",
        (Lang::En, EvictionDue) => "evicted after",
        (Lang::Zh, EvictionDue) => "将被驱逐，剩余",
        (Lang::En, EffectNoSchedule) => {
            "NoSchedule: new pods that do not tolerate this taint are not placed here; running pods stay."
        }
        (Lang::Zh, EffectNoSchedule) => {
            "NoSchedule：不容忍该污点的新 Pod 不会被放到这里，已运行的 Pod 不受影响。"
        }
        (Lang::En, EffectPreferNoSchedule) => {
            "PreferNoSchedule: the scheduler avoids this node when it can."
        }
        (Lang::Zh, EffectPreferNoSchedule) => "PreferNoSchedule：调度器会尽量避开这个节点。",
        (Lang::En, EffectNoExecute) => {
            "NoExecute: pods that do not tolerate this taint are evicted, and new ones are not placed here."
        }
        (Lang::Zh, EffectNoExecute) => {
            "NoExecute：不容忍该污点的 Pod 会被驱逐，新 Pod 也不会被放到这里。"
        }
        (Lang::En, Pause) => "Pause",
        (Lang::Zh, Pause) => "暂停",
        (Lang::En, Play) => "Play",
        (Lang::Zh, Play) => "继续",
        (Lang::En, TimeControls) => "Simulated time",
        (Lang::Zh, TimeControls) => "模拟时间",
        (Lang::En, StepOne) => "+1 s",
        (Lang::Zh, StepOne) => "+1 秒",
        (Lang::En, Speed) => "Speed",
        (Lang::Zh, Speed) => "速度",
        (Lang::En, SimulatedTime) => "Time since the cluster started",
        (Lang::Zh, SimulatedTime) => "集群启动以来的时间",
        (Lang::En, Events) => "Events",
        (Lang::Zh, Events) => "事件",
        (Lang::En, Cordon) => "Cordon",
        (Lang::Zh, Cordon) => "停止调度",
        (Lang::En, Uncordon) => "Uncordon",
        (Lang::Zh, Uncordon) => "恢复调度",
        (Lang::En, StopKubelet) => "Stop kubelet",
        (Lang::Zh, StopKubelet) => "停止 kubelet",
        (Lang::En, StartKubelet) => "Start kubelet",
        (Lang::Zh, StartKubelet) => "启动 kubelet",
        (Lang::En, RemoveTaint) => "Remove this taint",
        (Lang::Zh, RemoveTaint) => "移除这个污点",
        (Lang::En, AddTaint) => "Add a taint",
        (Lang::Zh, AddTaint) => "添加污点",
        (Lang::En, NodeActions) => "Node actions",
        (Lang::Zh, NodeActions) => "节点操作",
        (Lang::En, PanelsHint) => {
            "Open a tab to follow events, type kubectl commands, ask why a pod is where it is, or take a lesson."
        }
        (Lang::Zh, PanelsHint) => {
            "打开一个标签页：查看事件、输入 kubectl 命令、弄清 Pod 为何在那里，或者跟着课程学习。"
        }
        (Lang::En, Panels) => "Panels",
        (Lang::Zh, Panels) => "面板",
        (Lang::En, Terminal) => "Terminal",
        (Lang::Zh, Terminal) => "终端",
        (Lang::En, Explain) => "Why here?",
        (Lang::Zh, Explain) => "为什么在这里？",
        (Lang::En, Lessons) => "Lessons",
        (Lang::Zh, Lessons) => "课程",
        (Lang::En, LoadingFull) => "Loading the terminal, explanations and lessons…",
        (Lang::Zh, LoadingFull) => "正在加载终端、解释与课程……",
        (Lang::En, FullFailed) => {
            "The rest of taintlab could not be loaded. Check the connection and try again."
        }
        (Lang::Zh, FullFailed) => "taintlab 的其余部分未能加载。请检查网络后重试。",
    }
}

/// Picks the text for `lang`: for the full module's panels, which keep their
/// strings next to the code that shows them.
#[cfg_attr(not(feature = "full"), allow(dead_code))]
pub fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// "document 2, line 5, column 3" in `lang`.
pub fn position(lang: Lang, document: usize, line: usize, column: usize) -> String {
    match lang {
        Lang::En => format!("document {document}, line {line}, column {column}"),
        Lang::Zh => format!("第 {document} 个文档，第 {line} 行，第 {column} 列"),
    }
}

/// A limit's message in `lang` ([`Limit::en`], [`Limit::zh`]).
#[cfg(feature = "full")]
pub fn limit_text(lang: Lang, limit: Limit) -> String {
    match lang {
        Lang::En => limit.en(),
        Lang::Zh => limit.zh(),
    }
}

/// A message from core in `lang`. Core words its messages in English, as
/// Kubernetes does; a limit's (which [`Limit::from_en`] recognises at the end
/// of the message) is taintlab's own and has Chinese words too, which replace
/// it (what comes before, such as a file name or a position, stays).
#[cfg(feature = "full")]
pub fn core_message(lang: Lang, message: &str) -> String {
    let localized = match (lang, Limit::from_en(message)) {
        (Lang::Zh, Some(limit)) => message
            .strip_suffix(limit.en().as_str())
            .map(|head| format!("{head}{}", limit.zh())),
        _ => None,
    };
    localized.unwrap_or_else(|| message.to_string())
}
