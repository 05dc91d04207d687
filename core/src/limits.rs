//! The bounds on what one input may ask of taintlab.
//!
//! A share link is text from a stranger and a pasted file can be anything, so
//! every input that sizes an allocation or a loop has a limit here. Each limit is
//! far above what a person learning or debugging scheduling meets (the tutorial
//! uses two nodes; upstream's own scheduler benchmarks use 5,000 nodes and
//! 10,000 pods), and low enough that the page stays alive when it is reached. A
//! refused input says which limit it met, in the way kube-apiserver words its own
//! (`Request entity too large: limit is 3145728`), and nothing is half-applied.
//! README.md ("Limits and safety") lists them for users.

use std::fmt;

/// Bytes of one YAML or JSON document, as kube-apiserver's
/// `--max-request-body-bytes` default (`MaxRequestBodyBytes`, 3 MiB) bounds one
/// object sent by `kubectl apply`.
pub const MAX_OBJECT_BYTES: usize = 3 * 1024 * 1024;

/// Bytes of one text taintlab reads as a whole: an applied text, a workspace
/// file, a file on a node, a here-document, an uploaded file, and a share link's
/// or autosave's session text after decompression (the page checks the same
/// number, `web/full/src/sharing.js`).
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// Bytes of one lesson file (`taintlab lesson check`, a lesson opened from a URL
/// or carried in a share link). The longest shipped lesson is about 12 KB.
pub const MAX_LESSON_BYTES: usize = 256 * 1024;

/// Steps in one lesson. The longest shipped lesson has a dozen.
pub const MAX_LESSON_STEPS: usize = 100;

/// Bytes of the texts one import of a cluster's state reads, together (the
/// output of `kubectl get ... -A -o yaml`, of `kubectl cluster-info dump`, the
/// files of its `--output-directory`), and of the one text recorded for it. A
/// real cluster at taintlab's limits of nodes and pods prints tens of megabytes
/// (a pod is 2 to 6 KB of YAML), far over [`MAX_TEXT_BYTES`]: an import is read
/// once, decoded where it is read, and is the only input that may be this large.
/// A session that holds an import larger than [`MAX_TEXT_BYTES`] cannot travel in
/// a share link or the autosave, which stay bounded by [`MAX_TEXT_BYTES`].
pub const MAX_IMPORT_BYTES: usize = 256 * 1024 * 1024;

/// Objects of the kinds taintlab simulates in one import: as many nodes and pods
/// as a cluster holds ([`MAX_NODES`], [`MAX_PODS`]), and as many others as one
/// apply takes.
pub const MAX_IMPORT_OBJECTS: usize = MAX_NODES + MAX_PODS + MAX_OBJECTS_PER_APPLY;

/// How deeply YAML or JSON collections may nest. Kubernetes objects need about
/// 12 levels; the check runs while scanning, before any parser sees the text.
pub const MAX_DEPTH: usize = 100;

/// Objects in one apply (documents, or the items of a `kind: List`).
pub const MAX_OBJECTS_PER_APPLY: usize = 20_000;

/// Nodes in one cluster.
pub const MAX_NODES: usize = 20_000;

/// Pods in one cluster, counting those the controllers create.
pub const MAX_PODS: usize = 30_000;

/// `spec.replicas` of one Deployment or ReplicaSet (`kubectl scale` included).
pub const MAX_REPLICAS: i64 = 10_000;

/// Simulated seconds one clock step may cover (`sleep`, a step in a session).
pub const MAX_STEP_SECONDS: u64 = 24 * 60 * 60;

/// Clock steps in one session (a share link or an autosave). The page records
/// one step per second of wall-clock time; this is eleven days of it.
pub const MAX_SESSION_STEPS: u64 = 1_000_000;

/// Simulated seconds per wall-clock second (the page's fastest speed is 10).
pub const MAX_SPEED: u64 = 10;

/// Bytes of a terminal line after history expansion (`!!`).
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Files on one node's file system (directories and static pod manifests
/// count; a fresh kind node has about 60).
pub const MAX_NODE_FILES: usize = 1_000;

/// Bytes of all the files on one node's file system together, its static pod
/// manifests included: four texts' worth.
pub const MAX_NODE_BYTES: usize = 4 * MAX_TEXT_BYTES;

/// The size of the regular expressions of one `grep`: a piece each, a branch
/// each, and the ranges of bracket expressions (a long string of plain
/// characters, such as `-F`'s, counts 64 at any length). Matching reads each
/// character of text with a few word operations per 64 of these.
pub const MAX_GREP_PATTERN: usize = 1_000;

/// Lines scanned, in all, to place the diagnostics of one document on their
/// lines. Placing one diagnostic scans the document, so a large document with
/// thousands of errors (a list of containers that all lack an image) would cost
/// time quadratic in its size; once this many lines have been scanned, the other
/// diagnostics point at the document's first line. Nothing is refused and every
/// message is still reported; a document of 500 lines has 500 of its
/// diagnostics placed.
pub const MAX_LOCATE_LINE_SCANS: usize = 250_000;

/// Profiles in one scheduler configuration (`KubeSchedulerConfiguration`):
/// each is a framework that every pending pod's pass may look up.
pub const MAX_SCHEDULER_PROFILES: usize = 1_000;

/// A limit that an input met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`MAX_OBJECT_BYTES`].
    ObjectBytes,
    /// [`MAX_TEXT_BYTES`].
    TextBytes,
    /// [`MAX_DEPTH`].
    Depth,
    /// [`MAX_OBJECTS_PER_APPLY`].
    ObjectsPerApply,
    /// [`MAX_NODES`].
    Nodes,
    /// [`MAX_PODS`].
    Pods,
    /// [`MAX_REPLICAS`].
    Replicas,
    /// [`MAX_STEP_SECONDS`].
    StepSeconds,
    /// [`MAX_SESSION_STEPS`].
    SessionSteps,
    /// [`MAX_LINE_BYTES`].
    LineBytes,
    /// [`MAX_NODE_FILES`].
    NodeFiles,
    /// [`MAX_NODE_BYTES`].
    NodeBytes,
    /// [`MAX_GREP_PATTERN`].
    GrepPattern,
    /// [`MAX_SCHEDULER_PROFILES`].
    SchedulerProfiles,
    /// [`MAX_IMPORT_BYTES`].
    ImportBytes,
    /// [`MAX_IMPORT_OBJECTS`].
    ImportObjects,
    /// [`MAX_LESSON_BYTES`].
    LessonBytes,
}

impl Limit {
    /// The number the limit allows.
    pub fn value(self) -> u64 {
        match self {
            Limit::ObjectBytes => MAX_OBJECT_BYTES as u64,
            Limit::TextBytes => MAX_TEXT_BYTES as u64,
            Limit::Depth => MAX_DEPTH as u64,
            Limit::ObjectsPerApply => MAX_OBJECTS_PER_APPLY as u64,
            Limit::Nodes => MAX_NODES as u64,
            Limit::Pods => MAX_PODS as u64,
            Limit::Replicas => MAX_REPLICAS as u64,
            Limit::StepSeconds => MAX_STEP_SECONDS,
            Limit::SessionSteps => MAX_SESSION_STEPS,
            Limit::LineBytes => MAX_LINE_BYTES as u64,
            Limit::NodeFiles => MAX_NODE_FILES as u64,
            Limit::NodeBytes => MAX_NODE_BYTES as u64,
            Limit::GrepPattern => MAX_GREP_PATTERN as u64,
            Limit::SchedulerProfiles => MAX_SCHEDULER_PROFILES as u64,
            Limit::ImportBytes => MAX_IMPORT_BYTES as u64,
            Limit::ImportObjects => MAX_IMPORT_OBJECTS as u64,
            Limit::LessonBytes => MAX_LESSON_BYTES as u64,
        }
    }

    /// The message in English, worded as kube-apiserver words its request limit.
    pub fn en(self) -> String {
        let n = self.value();
        match self {
            // kube-apiserver: apierrors.NewRequestEntityTooLargeError.
            Limit::ObjectBytes => format!("Request entity too large: limit is {n}"),
            Limit::TextBytes => format!("text too large: taintlab's limit is {n} bytes"),
            Limit::Depth => format!("nesting too deep: taintlab's limit is {n} levels"),
            Limit::ObjectsPerApply => {
                format!("too many objects in one apply: taintlab's limit is {n}")
            }
            Limit::Nodes => format!("too many nodes: taintlab's limit is {n} in a cluster"),
            Limit::Pods => format!("too many pods: taintlab's limit is {n} in a cluster"),
            Limit::Replicas => format!("too many replicas: taintlab's limit is {n}"),
            Limit::StepSeconds => {
                format!("too much time at once: taintlab's limit is {n} seconds (24h) a step")
            }
            Limit::SessionSteps => {
                format!("too many clock steps: taintlab's limit is {n} in a session")
            }
            Limit::LineBytes => format!("line too long: taintlab's limit is {n} bytes"),
            Limit::NodeFiles => format!("too many files: taintlab's limit is {n} on a node"),
            Limit::NodeBytes => {
                format!("files too large: taintlab's limit is {n} bytes on a node")
            }
            Limit::GrepPattern => {
                format!("regular expression too big: taintlab's limit is {n} pieces")
            }
            Limit::SchedulerProfiles => {
                format!("too many scheduler profiles: taintlab's limit is {n}")
            }
            Limit::ImportBytes => {
                format!("import too large: taintlab's limit is {n} bytes in one import")
            }
            Limit::ImportObjects => {
                format!("too many objects to import: taintlab's limit is {n}")
            }
            Limit::LessonBytes => {
                format!("lesson too large: taintlab's limit is {n} bytes in a lesson file")
            }
        }
    }

    /// The message in Simplified Chinese.
    pub fn zh(self) -> String {
        let n = self.value();
        match self {
            Limit::ObjectBytes => format!("请求实体过大：上限为 {n} 字节"),
            Limit::TextBytes => format!("文本过大：taintlab 的上限为 {n} 字节"),
            Limit::Depth => format!("嵌套过深：taintlab 的上限为 {n} 层"),
            Limit::ObjectsPerApply => format!("一次应用的对象过多：taintlab 的上限为 {n} 个"),
            Limit::Nodes => format!("节点过多：taintlab 的集群上限为 {n} 个"),
            Limit::Pods => format!("Pod 过多：taintlab 的集群上限为 {n} 个"),
            Limit::Replicas => format!("副本数过多：taintlab 的上限为 {n}"),
            Limit::StepSeconds => {
                format!("一次推进的时间过长：taintlab 的上限为每步 {n} 秒（24 小时）")
            }
            Limit::SessionSteps => format!("时钟步数过多：taintlab 的会话上限为 {n} 步"),
            Limit::LineBytes => format!("命令行过长：taintlab 的上限为 {n} 字节"),
            Limit::NodeFiles => format!("文件过多：taintlab 的节点上限为 {n} 个"),
            Limit::NodeBytes => format!("文件总量过大：taintlab 的节点上限为 {n} 字节"),
            Limit::GrepPattern => format!("正则表达式过大：taintlab 的上限为 {n} 个单元"),
            Limit::SchedulerProfiles => format!("调度器配置文件过多：taintlab 的上限为 {n} 个"),
            Limit::ImportBytes => format!("导入的内容过大：taintlab 的单次导入上限为 {n} 字节"),
            Limit::ImportObjects => format!("导入的对象过多：taintlab 的上限为 {n} 个"),
            Limit::LessonBytes => format!("课程文件过大：taintlab 的上限为每个课程文件 {n} 字节"),
        }
    }

    /// Which limit an English message of [`Limit::en`] names, so a view can show
    /// it in another language.
    pub fn from_en(message: &str) -> Option<Limit> {
        ALL.into_iter().find(|l| message.ends_with(&l.en()))
    }
}

/// Every limit.
pub const ALL: [Limit; 17] = [
    Limit::ObjectBytes,
    Limit::TextBytes,
    Limit::Depth,
    Limit::ObjectsPerApply,
    Limit::Nodes,
    Limit::Pods,
    Limit::Replicas,
    Limit::StepSeconds,
    Limit::SessionSteps,
    Limit::LineBytes,
    Limit::NodeFiles,
    Limit::NodeBytes,
    Limit::GrepPattern,
    Limit::SchedulerProfiles,
    Limit::ImportBytes,
    Limit::ImportObjects,
    Limit::LessonBytes,
];

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_names_its_number_in_both_languages() {
        for limit in ALL {
            let n = limit.value().to_string();
            assert!(limit.en().contains(&n), "{limit:?}");
            assert!(limit.zh().contains(&n), "{limit:?}");
            assert_eq!(Limit::from_en(&limit.en()), Some(limit));
            assert_eq!(Limit::from_en(&format!("x: {}", limit.en())), Some(limit));
        }
        assert_eq!(Limit::from_en("something else"), None);
    }
}
