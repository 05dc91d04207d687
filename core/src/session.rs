//! A session as data: the workspace, the controls and every input the cluster has
//! seen, in order.
//!
//! The engine is deterministic, so replaying the inputs from the same starting
//! cluster reaches exactly the same state: same pod names, same events, same
//! clock. That makes one text serve three purposes: the share link, the autosave,
//! and the handover from the page's first, small module to the full one (which adds
//! the terminal, explanations and lessons) without losing anything.
//!
//! The text is a list of records. A record is one tag byte, then fields written as
//! `<byte length>:<bytes>`, then a newline. Lengths make any content safe,
//! newlines and all, and the format needs no parser beyond a few lines.

use crate::Cluster;
use crate::actions::{self, NodeAction};
use crate::api::TaintEffect;
use crate::limits::{
    Limit, MAX_LESSON_BYTES, MAX_SESSION_STEPS, MAX_SPEED, MAX_STEP_SECONDS, MAX_TEXT_BYTES,
};

/// The first record of every session text, with the format's version.
const MAGIC: &str = "taintlab-session";
const FORMAT: &str = "1";

/// Something that changed the cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The cluster started again from a named starting point ([`start`]).
    Reset(String),
    /// YAML applied from the editor.
    Apply(String),
    /// `times` steps of `seconds` simulated seconds each. Steps are kept as they
    /// happened, because each step ends with a reconcile.
    Advance {
        /// Seconds per step.
        seconds: u64,
        /// How many steps in a row.
        times: u64,
    },
    /// A button on a node card.
    Node {
        /// The node's name.
        node: String,
        /// What the button did.
        action: NodeAction,
    },
    /// A file written to the terminal's host (the workspace as `kubectl apply -f` sees it).
    File {
        /// The file's name.
        name: String,
        /// Its content.
        content: String,
    },
    /// A static pod manifest written to a node's `/etc/kubernetes/manifests` from
    /// the workspace (`content`), or removed from it (`None`). Made with
    /// [`Input::manifest`]. (Two fields, laid out as [`Input::Command`]'s, cost the
    /// page's size-budgeted first load less than three.)
    Manifest {
        /// `NODE/FILE`: node names and file names hold no slash.
        path: String,
        /// The new content; `None` removes the file.
        content: Option<String>,
    },
    /// A line run in the terminal, with the here-document it read, if any.
    Command {
        /// The line as typed.
        line: String,
        /// The here-document's text.
        stdin: Option<String>,
    },
    /// A whole cluster's state imported from `kubectl get ... -A -o yaml`
    /// output ([`Cluster::import_state`]): objects keep their UIDs and running
    /// pods stay where they are. Shared: a big cluster's state is tens of
    /// megabytes, and the page copies its session with every change.
    ImportState(std::rc::Rc<str>),
}

impl Input {
    /// Writing (`Some`) or removing (`None`) `file` in `node`'s manifest directory.
    pub fn manifest(node: &str, file: &str, content: Option<String>) -> Input {
        Input::Manifest {
            path: format!("{node}/{file}"),
            content,
        }
    }
}

/// The node and file of a manifest input's path.
fn manifest_path(path: &str) -> (&str, &str) {
    path.split_once('/').unwrap_or((path, ""))
}

/// The clusters a session can start from: the tutorial's two nodes, an empty
/// cluster, the tutorial's master with two workers (`worker-1`, `worker-2`), and a
/// kind cluster of v1.24 (`kind-control-plane`, `kind-worker`), the release whose
/// control plane carries both the `master` and the `control-plane` taint. `empty`
/// may name a version, `empty v1.30`, as an import of a real cluster's nodes does.
pub const STARTS: [&str; 4] = ["tutorial", "empty", "three-nodes", "kind-1.24"];

/// The kind config behind the `kind-1.24` start.
const KIND_1_24: &str = "kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  image: kindest/node:v1.24.7
- role: worker
  image: kindest/node:v1.24.7
";

/// The cluster a session starts from, by name; `None` for a name we do not know.
pub fn start(name: &str) -> Option<Cluster> {
    match name {
        "tutorial" => Some(Cluster::tutorial()),
        "empty" => Some(Cluster::empty(crate::KubeVersion::default())),
        "three-nodes" => Some(Cluster::tutorial_nodes(&["master", "worker-1", "worker-2"])),
        "kind-1.24" => Cluster::from_config(KIND_1_24).ok(),
        _ => {
            let version = crate::KubeVersion::parse(name.strip_prefix("empty ")?)?;
            (version.major == 1 && version <= crate::KubeVersion::NEWEST)
                .then(|| Cluster::empty(version))
        }
    }
}

/// The name of an empty cluster of `version` for [`Input::Reset`].
pub fn empty_start(version: crate::KubeVersion) -> String {
    if version == crate::KubeVersion::default() {
        "empty".into()
    } else {
        format!("empty {version}")
    }
}

/// Everything needed to show the same scenario again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    /// Workspace files, in the order they are shown: name and text.
    pub files: Vec<(String, String)>,
    /// Which file is open.
    pub active: usize,
    /// Whether simulated time stands still.
    pub paused: bool,
    /// Simulated seconds per wall-clock second.
    pub speed: u64,
    /// The terminal history (commands typed and the commands buttons stand for).
    pub history: Vec<String>,
    /// The panel that is open (`events`, `terminal`, `explain`, `lessons`, ...).
    pub panel: String,
    /// What is selected, as `KIND/NAME` or `KIND/NAMESPACE/NAME` (`node/master`).
    pub selected: String,
    /// Every input, oldest first.
    pub log: Vec<Input>,
    /// An input the user asked for that the module which wrote the session could
    /// not perform; the module that reads it performs it first.
    pub pending: Option<Input>,
    /// The user pressed Share in the module that cannot make links (the first
    /// load); the module that reads the session makes the link first.
    pub share: bool,
    /// A what-if copy of the cluster, while one is open: the changes being
    /// tried live there, apart from the cluster as it is.
    pub fork: Option<Fork>,
    /// A lesson that is not built in (opened from a file or a `#lesson=` URL),
    /// carried whole. A link or the autosave then reopens the same lesson
    /// wherever it is opened, without fetching anything again. Shared: the page
    /// copies its session with every change.
    pub lesson: Option<std::rc::Rc<LessonFile>>,
}

/// A lesson file carried in a session: at most [`MAX_LESSON_BYTES`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonFile {
    /// The file's name, or the URL it came from (errors name it).
    pub name: String,
    /// The lesson's YAML.
    pub text: String,
}

impl LessonFile {
    /// The lesson file `name` holding `text`, shared.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> std::rc::Rc<LessonFile> {
        std::rc::Rc::new(LessonFile {
            name: name.into(),
            text: text.into(),
        })
    }
}

/// A what-if copy of the cluster: made from the cluster as the first `at`
/// inputs of [`Session::log`] left it, then changed by its own inputs. While it
/// is open, [`Session::record`] writes to the copy's log, and the cluster as it
/// is gets only the clock's steps ([`Session::record_base`]), so that the same
/// simulated time passes in both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fork {
    /// How many inputs of the session's log the copy was made after.
    pub at: usize,
    /// The inputs made in the copy since, the clock's steps included.
    pub log: Vec<Input>,
}

impl Session {
    /// Records `input` in the open what-if copy's log if there is one, else in
    /// the session's, merging a step into the run of equal steps before it.
    pub fn record(&mut self, input: Input) {
        match &mut self.fork {
            Some(fork) => push_merged(&mut fork.log, 0, input),
            None => push_merged(&mut self.log, 0, input),
        }
    }

    /// Records `input` in the session's own log (the cluster as it is), even
    /// while a what-if copy is open. A step is not merged into one from before
    /// the copy was made: the copy starts from that point.
    pub fn record_base(&mut self, input: Input) {
        let floor = self.fork.as_ref().map_or(0, |f| f.at);
        push_merged(&mut self.log, floor, input);
    }

    /// The inputs a record goes to while reading: the copy's once it began.
    fn inputs_mut(&mut self) -> &mut Vec<Input> {
        match &mut self.fork {
            Some(fork) => &mut fork.log,
            None => &mut self.log,
        }
    }

    /// Whether the session holds work worth keeping: an input other than the
    /// clock's steps, or a workspace other than the tutorial's one file. The
    /// autosave skips sessions without work, so a visit that only watched the
    /// clock leaves nothing behind.
    pub fn has_work(&self) -> bool {
        self.log.iter().any(|i| !matches!(i, Input::Advance { .. }))
            || self.fork.is_some()
            || self.lesson.is_some()
            || self.files.len() > 1
            || self
                .files
                .first()
                .is_some_and(|(_, text)| text != crate::TUTORIAL_DAEMONSET)
    }

    /// Whether replaying needs the terminal (the page's full module), as a
    /// what-if copy does.
    pub fn needs_terminal(&self) -> bool {
        self.fork.is_some()
            || self
                .log
                .iter()
                .any(|i| matches!(i, Input::Command { .. } | Input::File { .. }))
    }

    /// The session as text.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        put(&mut out, 'V', &[MAGIC, FORMAT]);
        for (name, text) in &self.files {
            put(&mut out, 'F', &[name, text]);
        }
        put(&mut out, 'O', &[&self.active.to_string()]);
        put(&mut out, 'P', &[if self.paused { "1" } else { "0" }]);
        put(&mut out, 'S', &[&self.speed.to_string()]);
        for line in &self.history {
            put(&mut out, 'H', &[line]);
        }
        put(&mut out, 'U', &[&self.panel, &self.selected]);
        // Before the log: a reader before lessons were carried skips it.
        if let Some(lesson) = &self.lesson {
            put(&mut out, 'L', &[&lesson.name, &lesson.text]);
        }
        if self.share {
            put(&mut out, 'Z', &[]);
        }
        for input in &self.log {
            put_input(&mut out, input);
        }
        // The copy's inputs follow its mark; a reader before the copy existed
        // skips the mark and would take them as the session's own.
        if let Some(fork) = &self.fork {
            put(&mut out, 'W', &[&fork.at.to_string()]);
            for input in &fork.log {
                put_input(&mut out, input);
            }
        }
        if let Some(input) = &self.pending {
            put(&mut out, 'X', &[]);
            put_input(&mut out, input);
        }
        out
    }

    /// Reads a session text; the error says what is wrong with it. A session
    /// asks for work in proportion to its text, within the limits: its size,
    /// each clock step and the number of steps.
    pub fn decode(text: &str) -> Result<Session, String> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(Limit::TextBytes.en());
        }
        let mut session = Session {
            speed: 1,
            ..Session::default()
        };
        let mut rest = text;
        let mut first = true;
        let mut pending = false;
        let mut steps: u64 = 0;
        while !rest.is_empty() {
            let (tag, fields, after) = record(rest)?;
            rest = after;
            if first {
                if tag != 'V' || fields.first() != Some(&MAGIC) {
                    return Err("this is not a taintlab session".into());
                }
                if fields.get(1) != Some(&FORMAT) {
                    return Err("this session was written by a newer taintlab".into());
                }
                first = false;
                continue;
            }
            let field = |i: usize| fields.get(i).map(|s| s.to_string()).unwrap_or_default();
            let number = |i: usize| -> Result<u64, String> {
                field(i)
                    .parse()
                    .map_err(|_| format!("record {tag}: {:?} is not a number", field(i)))
            };
            match tag {
                // A name the workspace refuses is left out: a link is a
                // stranger's text, and the names reach archives and scripts.
                'F' => {
                    let name = field(0);
                    if crate::file_name::name_error(&name, std::iter::empty()).is_none() {
                        session.files.push((name, field(1)));
                    }
                }
                'O' => session.active = number(0)? as usize,
                'P' => session.paused = field(0) == "1",
                'S' => session.speed = number(0)?.clamp(1, MAX_SPEED),
                'H' => session.history.push(field(0)),
                'X' => pending = true,
                'Z' => session.share = true,
                'W' if session.fork.is_none() => {
                    let at = (number(0)? as usize).min(session.log.len());
                    session.fork = Some(Fork {
                        at,
                        log: Vec::new(),
                    });
                }
                'U' => {
                    session.panel = field(0);
                    session.selected = field(1);
                }
                'L' => {
                    let text = field(1);
                    if text.len() > MAX_LESSON_BYTES {
                        return Err(Limit::LessonBytes.en());
                    }
                    session.lesson = Some(LessonFile::new(field(0), text));
                }
                'r' => session.inputs_mut().push(Input::Reset(field(0))),
                'a' => session.inputs_mut().push(Input::Apply(field(0))),
                'i' => session
                    .inputs_mut()
                    .push(Input::ImportState(field(0).into())),
                't' => {
                    let (seconds, times) = (number(0)?, number(1)?);
                    if seconds > MAX_STEP_SECONDS {
                        return Err(Limit::StepSeconds.en());
                    }
                    steps = steps.saturating_add(times);
                    if steps > MAX_SESSION_STEPS {
                        return Err(Limit::SessionSteps.en());
                    }
                    session.inputs_mut().push(Input::Advance { seconds, times });
                }
                'n' => {
                    let action = parse_action(&field(1))
                        .ok_or_else(|| format!("unknown node action {:?}", field(1)))?;
                    session.inputs_mut().push(Input::Node {
                        node: field(0),
                        action,
                    })
                }
                'f' => session.inputs_mut().push(Input::File {
                    name: field(0),
                    content: field(1),
                }),
                'm' => session.inputs_mut().push(Input::Manifest {
                    path: field(0),
                    content: fields.get(1).map(|s| s.to_string()),
                }),
                'c' => session.inputs_mut().push(Input::Command {
                    line: field(0),
                    stdin: fields.get(1).map(|s| s.to_string()),
                }),
                // Records from a later version that this one can do without.
                _ => {}
            }
        }
        if first {
            return Err("this is not a taintlab session".into());
        }
        if pending {
            session.pending = session.inputs_mut().pop();
        }
        if session.active >= session.files.len() {
            session.active = 0;
        }
        Ok(session)
    }
}

/// Pushes `input` onto `log`, merging a step into an equal step before it
/// unless that one sits below `floor`.
fn push_merged(log: &mut Vec<Input>, floor: usize, input: Input) {
    if log.len() > floor
        && let (
            Some(Input::Advance { seconds, times }),
            Input::Advance {
                seconds: step,
                times: more,
            },
        ) = (log.last_mut(), &input)
        && *seconds == *step
    {
        *times += more;
        return;
    }
    log.push(input);
}

/// Replays one input that needs no terminal. Returns false for the terminal's
/// inputs ([`Input::Command`], [`Input::File`]), which the caller replays.
///
/// An input that fails changes nothing, now as when it was recorded; that holds
/// for names too: a node that joins under a name the API server refuses, or a
/// manifest whose node or file name is refused ([`Cluster::write_manifest`]),
/// is skipped.
pub fn replay(cluster: &mut Cluster, input: &Input) -> bool {
    match input {
        Input::Reset(name) => {
            if let Some(fresh) = start(name) {
                *cluster = fresh;
            }
        }
        // A failed apply changed nothing when it happened, and changes nothing now.
        Input::Apply(text) => {
            let _ = crate::recorded::apply_text(cluster, text);
        }
        // A refused import changed nothing when it happened, and changes nothing now.
        Input::ImportState(text) => {
            let _ = cluster.import_state(text);
        }
        Input::Advance { seconds, times } => {
            cluster.advance_steps(*seconds, *times);
        }
        Input::Node { node, action } => {
            let _ = actions::apply(cluster, node, action);
        }
        Input::Manifest { path, content } => {
            let (node, file) = manifest_path(path);
            match content {
                Some(content) => {
                    cluster.write_manifest(node, file, content);
                }
                None => {
                    cluster.remove_manifest(node, file);
                }
            }
        }
        Input::File { .. } | Input::Command { .. } => return false,
    }
    true
}

/// A node action as a short text: `cordon`, `uncordon`, `stop`, `start`, `delete`,
/// `join`, `join control-plane`, `untaint KEY:EFFECT` or `taint SPEC`.
fn action_text(action: &NodeAction) -> String {
    match action {
        NodeAction::Cordon => "cordon".into(),
        NodeAction::Uncordon => "uncordon".into(),
        NodeAction::StopKubelet => "stop".into(),
        NodeAction::StartKubelet => "start".into(),
        NodeAction::Delete => "delete".into(),
        NodeAction::Join { control_plane } => {
            if *control_plane {
                "join control-plane".into()
            } else {
                "join".into()
            }
        }
        NodeAction::RemoveTaint { key, effect } => format!("untaint {key}:{}", effect.as_str()),
        NodeAction::AddTaintSpec(spec) => format!("taint {spec}"),
        NodeAction::AddTaint { key, value, effect } => {
            let value = if value.is_empty() {
                String::new()
            } else {
                format!("={value}")
            };
            format!("taint {key}{value}:{}", effect.as_str())
        }
    }
}

fn parse_action(text: &str) -> Option<NodeAction> {
    Some(match text {
        "cordon" => NodeAction::Cordon,
        "uncordon" => NodeAction::Uncordon,
        "stop" => NodeAction::StopKubelet,
        "start" => NodeAction::StartKubelet,
        "delete" => NodeAction::Delete,
        "join" => NodeAction::Join {
            control_plane: false,
        },
        "join control-plane" => NodeAction::Join {
            control_plane: true,
        },
        _ => {
            if let Some(spec) = text.strip_prefix("untaint ") {
                let (key, effect) = spec.rsplit_once(':')?;
                NodeAction::RemoveTaint {
                    key: key.into(),
                    effect: TaintEffect::parse(effect)?,
                }
            } else {
                NodeAction::AddTaintSpec(text.strip_prefix("taint ")?.into())
            }
        }
    })
}

fn put_input(out: &mut String, input: &Input) {
    match input {
        Input::Reset(name) => put(out, 'r', &[name]),
        Input::Apply(text) => put(out, 'a', &[text]),
        Input::ImportState(text) => put(out, 'i', &[text]),
        Input::Advance { seconds, times } => {
            put(out, 't', &[&seconds.to_string(), &times.to_string()])
        }
        Input::Node { node, action } => put(out, 'n', &[node, &action_text(action)]),
        Input::File { name, content } => put(out, 'f', &[name, content]),
        Input::Manifest { path, content } => match content {
            Some(content) => put(out, 'm', &[path, content]),
            None => put(out, 'm', &[path]),
        },
        Input::Command { line, stdin } => match stdin {
            Some(stdin) => put(out, 'c', &[line, stdin]),
            None => put(out, 'c', &[line]),
        },
    }
}

fn put(out: &mut String, tag: char, fields: &[&str]) {
    out.push(tag);
    for field in fields {
        out.push_str(&field.len().to_string());
        out.push(':');
        out.push_str(field);
    }
    out.push('\n');
}

/// One record: its tag, its fields and the text after it.
fn record(text: &str) -> Result<(char, Vec<&str>, &str), String> {
    let broken = || "the session text is cut short or damaged".to_string();
    let mut chars = text.chars();
    let tag = chars.next().ok_or_else(broken)?;
    let mut rest = chars.as_str();
    let mut fields = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix('\n') {
            return Ok((tag, fields, after));
        }
        let colon = rest.find(':').ok_or_else(broken)?;
        let len: usize = rest[..colon].parse().map_err(|_| broken())?;
        let start = colon + 1;
        // A length from a stranger's link may be anything up to usize::MAX.
        let end = start.checked_add(len).ok_or_else(broken)?;
        let field = rest.get(start..end).ok_or_else(broken)?;
        fields.push(field);
        rest = &rest[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TUTORIAL_DAEMONSET;

    #[test]
    fn a_what_if_copy_keeps_its_own_inputs_and_the_shared_steps() {
        let mut s = Session::default();
        s.record(Input::Apply(TUTORIAL_DAEMONSET.into()));
        s.record(Input::Advance {
            seconds: 1,
            times: 3,
        });
        s.fork = Some(Fork {
            at: s.log.len(),
            log: Vec::new(),
        });
        s.record(Input::Node {
            node: "worker".into(),
            action: NodeAction::Cordon,
        });
        s.record(Input::Advance {
            seconds: 1,
            times: 1,
        });
        // The step the cluster as it is takes is not merged into the steps
        // from before the copy: the copy was made after those.
        s.record_base(Input::Advance {
            seconds: 1,
            times: 1,
        });
        s.record_base(Input::Advance {
            seconds: 1,
            times: 1,
        });
        assert_eq!(s.log.len(), 3);
        assert_eq!(
            s.log[2],
            Input::Advance {
                seconds: 1,
                times: 2
            }
        );
        let fork = s.fork.clone().expect("open");
        assert_eq!(fork.at, 2);
        assert_eq!(fork.log.len(), 2);
        let decoded = Session::decode(&s.encode()).expect("decodes");
        assert_eq!(
            decoded,
            Session {
                speed: 1,
                ..s.clone()
            }
        );
        assert!(decoded.needs_terminal());
        assert!(decoded.has_work());
        // A mark past the end of the log is held to the log.
        let text = s.encode().replace("W1:2", "W2:99");
        let decoded = Session::decode(&text).expect("decodes");
        assert_eq!(decoded.fork.map(|f| f.at), Some(3));
    }

    fn sample() -> Session {
        let mut s = Session {
            files: vec![
                ("redis-ds.yaml".into(), TUTORIAL_DAEMONSET.into()),
                ("odd.txt".into(), "a:1:\nb\n\n5:x".into()),
            ],
            active: 1,
            paused: true,
            speed: 5,
            history: vec!["kubectl cordon worker".into()],
            panel: "explain".into(),
            selected: "pod/default/redis-ds-abcde".into(),
            log: Vec::new(),
            pending: Some(Input::Node {
                node: "worker".into(),
                action: NodeAction::Cordon,
            }),
            share: true,
            fork: None,
            lesson: None,
        };
        s.record(Input::Apply(TUTORIAL_DAEMONSET.into()));
        s.record(Input::Advance {
            seconds: 1,
            times: 1,
        });
        s.record(Input::Advance {
            seconds: 1,
            times: 1,
        });
        s.record(Input::Node {
            node: "master".into(),
            action: NodeAction::RemoveTaint {
                key: "node-role.kubernetes.io/master".into(),
                effect: TaintEffect::NoSchedule,
            },
        });
        s.record(Input::Node {
            node: "worker".into(),
            action: NodeAction::AddTaint {
                key: "k".into(),
                value: "v".into(),
                effect: TaintEffect::NoExecute,
            },
        });
        s.record(Input::Command {
            line: "kubectl apply -f - <<EOF".into(),
            stdin: Some("kind: Pod\n".into()),
        });
        s.record(Input::Command {
            line: "kubectl get pods".into(),
            stdin: None,
        });
        s.record(Input::Node {
            node: "cp-2".into(),
            action: NodeAction::Join {
                control_plane: true,
            },
        });
        s.record(Input::Node {
            node: "cp-2".into(),
            action: NodeAction::Delete,
        });
        s.record(Input::File {
            name: "中文.yaml".into(),
            content: "名字: 值\n".into(),
        });
        s.record(Input::manifest(
            "master",
            "web.yaml",
            Some("kind: Pod\n".into()),
        ));
        s.record(Input::manifest("master", "empty.yaml", Some(String::new())));
        s.record(Input::manifest("master", "web.yaml", None));
        s
    }

    #[test]
    fn every_start_builds_its_cluster() {
        let nodes = |name: &str| -> Vec<String> {
            start(name)
                .map(|c| c.nodes().map(|n| n.metadata.name.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(nodes("tutorial"), ["master", "worker"]);
        assert!(nodes("empty").is_empty());
        assert_eq!(nodes("three-nodes"), ["master", "worker-1", "worker-2"]);
        assert_eq!(nodes("kind-1.24"), ["kind-control-plane", "kind-worker"]);
        for name in STARTS {
            assert!(start(name).is_some(), "{name}");
        }
        assert!(start("nowhere").is_none());
        let kind = start("kind-1.24").expect("kind-1.24");
        assert_eq!(kind.version().minor, 24);
        let taints: Vec<String> = kind
            .node("kind-control-plane")
            .map(|n| n.spec.taints.iter().map(|t| t.to_string()).collect())
            .unwrap_or_default();
        assert_eq!(
            taints,
            [
                "node-role.kubernetes.io/master:NoSchedule",
                "node-role.kubernetes.io/control-plane:NoSchedule"
            ]
        );
    }

    #[test]
    fn steps_in_a_row_are_one_record() {
        let s = sample();
        assert_eq!(
            s.log[1],
            Input::Advance {
                seconds: 1,
                times: 2
            }
        );
    }

    #[test]
    fn encode_then_decode_is_the_same_session() {
        let s = sample();
        let decoded = Session::decode(&s.encode()).unwrap();
        // AddTaint comes back as the spec the user would have typed.
        let mut expected = s.clone();
        expected.log[3] = Input::Node {
            node: "worker".into(),
            action: NodeAction::AddTaintSpec("k=v:NoExecute".into()),
        };
        assert_eq!(decoded, expected);
        assert!(decoded.needs_terminal());
    }

    #[test]
    fn a_carried_lesson_round_trips_and_old_readers_skip_it() {
        let mut s = sample();
        s.lesson = Some(LessonFile::new("mine.yaml", "id: mine\nsteps:\n- x: 1:2\n"));
        let text = s.encode();
        let decoded = Session::decode(&text).expect("decodes");
        assert_eq!(decoded.lesson, s.lesson);
        // A session without one reads back without one (an old link).
        assert_eq!(Session::decode(&sample().encode()).unwrap().lesson, None);
        assert!(!Session::default().has_work());
        let only_lesson = Session {
            lesson: s.lesson.clone(),
            ..Session::default()
        };
        assert!(only_lesson.has_work(), "a carried lesson is work to keep");
        // Over the bound, the text is refused with the limit's message.
        let mut big = sample();
        big.lesson = Some(LessonFile::new(
            "big.yaml",
            "#".repeat(MAX_LESSON_BYTES + 1),
        ));
        assert_eq!(Session::decode(&big.encode()), Err(Limit::LessonBytes.en()));
    }

    #[test]
    fn replay_reaches_the_same_cluster() {
        let mut live = Cluster::tutorial();
        let mut s = Session::default();
        let inputs = [
            Input::Apply(TUTORIAL_DAEMONSET.into()),
            Input::Advance {
                seconds: 1,
                times: 3,
            },
            Input::Node {
                node: "master".into(),
                action: NodeAction::RemoveTaint {
                    key: "node-role.kubernetes.io/master".into(),
                    effect: TaintEffect::NoSchedule,
                },
            },
            Input::Advance {
                seconds: 2,
                times: 1,
            },
        ];
        for input in inputs {
            assert!(replay(&mut live, &input));
            s.record(input);
        }
        let again = Session::decode(&s.encode()).unwrap();
        let mut replayed = Cluster::tutorial();
        for input in &again.log {
            replay(&mut replayed, input);
        }
        let names = |c: &Cluster| {
            c.pods()
                .map(|p| p.metadata.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&replayed), names(&live));
        assert_eq!(names(&live).len(), 2);
        assert_eq!(replayed.now(), live.now());
        assert_eq!(replayed.events().all().len(), live.events().all().len());
    }

    #[test]
    fn empty_starts_may_name_a_version() {
        let v130 = crate::KubeVersion::v1(30);
        assert_eq!(start(&empty_start(v130)).map(|c| c.version()), Some(v130));
        assert_eq!(empty_start(crate::KubeVersion::default()), "empty");
        assert_eq!(
            start("empty").map(|c| c.nodes().count()),
            Some(0),
            "an empty cluster"
        );
        for unknown in ["empty v2.1", "empty v1.99", "empty x", "emptyv1.30", "kind"] {
            assert!(start(unknown).is_none(), "{unknown}");
        }
    }

    #[test]
    fn only_sessions_with_work_are_worth_keeping() {
        let fresh = Session {
            files: vec![("redis-ds.yaml".into(), TUTORIAL_DAEMONSET.into())],
            speed: 5,
            paused: true,
            panel: "terminal".into(),
            ..Session::default()
        };
        let mut watched = fresh.clone();
        watched.record(Input::Advance {
            seconds: 1,
            times: 30,
        });
        assert!(!fresh.has_work() && !watched.has_work());
        let mut edited = watched.clone();
        edited.files[0].1.push_str("# mine\n");
        let mut two_files = watched.clone();
        two_files.files.push(("b.yaml".into(), String::new()));
        let mut applied = watched.clone();
        applied.record(Input::Apply(TUTORIAL_DAEMONSET.into()));
        for session in [edited, two_files, applied] {
            assert!(session.has_work(), "{session:?}");
        }
    }

    #[test]
    fn manifests_written_and_removed_replay_to_the_same_mirror_pods() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: c\n      image: nginx\n";
        let inputs = [
            Input::manifest("master", "web.yaml", Some(pod.into())),
            Input::manifest("worker", "web.yaml", Some(pod.into())),
            Input::Advance {
                seconds: 1,
                times: 2,
            },
            Input::manifest("worker", "web.yaml", None),
            Input::Advance {
                seconds: 1,
                times: 1,
            },
        ];
        let mut live = Cluster::tutorial();
        let mut s = Session::default();
        for input in inputs {
            assert!(replay(&mut live, &input), "no terminal needed");
            s.record(input);
        }
        assert!(!s.needs_terminal());
        assert!(live.pod("default", "web-master").is_some());
        assert!(live.pod("default", "web-worker").is_none());
        let mut replayed = Cluster::tutorial();
        for input in &Session::decode(&s.encode()).unwrap().log {
            replay(&mut replayed, input);
        }
        let manifests = |c: &Cluster| {
            c.manifests()
                .map(|(n, f, t)| format!("{n}/{f}:{t}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(manifests(&replayed), manifests(&live));
        assert_eq!(manifests(&live).len(), 1);
        let pods = |c: &Cluster| {
            c.pods()
                .map(|p| (p.metadata.name.clone(), p.spec.node_name.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(pods(&replayed), pods(&live));
    }

    #[test]
    fn names_a_link_may_not_bring_are_left_out() {
        let mut s = Session {
            files: vec![
                ("ok.yaml".into(), "a: 1\n".into()),
                ("a\nb.yaml".into(), "x".into()),
                ("dir/x.yaml".into(), "x".into()),
                ("bidi\u{202E}lmay.yaml".into(), "x".into()),
                ("..".into(), "x".into()),
            ],
            ..Session::default()
        };
        for (node, file) in [
            ("worker", "ok.yaml"),
            ("worker", "nul\0.yaml"),
            ("worker", "cr\r.yaml"),
            ("worker", "x/y.yaml"),
            ("worker", ""),
            ("nowhere", "a.yaml"),
        ] {
            s.record(Input::manifest(node, file, Some("kind: Pod\n".into())));
        }
        for node in ["$(touch x)", "a\nb", "-x", "UPPER", "ok-node"] {
            s.record(Input::Node {
                node: node.into(),
                action: NodeAction::Join {
                    control_plane: false,
                },
            });
        }
        let decoded = Session::decode(&s.encode()).unwrap();
        assert_eq!(
            decoded.files,
            [("ok.yaml".to_string(), "a: 1\n".to_string())]
        );
        let mut c = Cluster::tutorial();
        for input in &decoded.log {
            assert!(replay(&mut c, input), "needs no terminal");
        }
        let manifests: Vec<String> = c.manifests().map(|(n, f, _)| format!("{n}/{f}")).collect();
        assert_eq!(manifests, ["worker/ok.yaml"]);
        let nodes: Vec<&str> = c.nodes().map(|n| n.metadata.name.as_str()).collect();
        assert_eq!(nodes, ["master", "ok-node", "worker"]);
    }

    #[test]
    fn damaged_text_is_an_error_not_a_panic() {
        let text = sample().encode();
        for cut in 0..text.len() {
            if text.is_char_boundary(cut) {
                let _ = Session::decode(&text[..cut]);
            }
        }
        assert!(Session::decode("").is_err());
        assert!(Session::decode("hello").is_err());
        assert!(Session::decode("V16:taintlab-session1:9\n").is_err());
        assert!(Session::decode("V16:taintlab-session1:1\nt1:x1:1\n").is_err());
        assert!(Session::decode("V16:taintlab-session1:1\nF99:abc\n").is_err());
        assert!(Session::decode("V16:taintlab-session1:1\nF1:é\n").is_err());
    }

    #[test]
    fn a_session_cannot_ask_for_unbounded_work() {
        let head = "V16:taintlab-session1:1\n";
        let decode = |body: &str| Session::decode(&format!("{head}{body}"));
        // The record from the attack: 10^18 steps of a second.
        assert_eq!(
            decode("t1:119:1000000000000000000\n"),
            Err(Limit::SessionSteps.en())
        );
        assert_eq!(
            decode("t1:116:5000000000000000\nt1:116:5000000000000000\n"),
            Err(Limit::SessionSteps.en())
        );
        assert_eq!(decode("t5:864011:1\n"), Err(Limit::StepSeconds.en()));
        let steps = MAX_SESSION_STEPS.to_string();
        let most = decode(&format!("t5:86400{}:{steps}\n", steps.len()));
        assert!(most.is_ok(), "{most:?}");
        assert_eq!(
            decode("S20:18446744073709551615\n").map(|s| s.speed),
            Ok(MAX_SPEED)
        );
        assert_eq!(decode("S1:0\n").map(|s| s.speed), Ok(1));
        assert_eq!(
            Session::decode(&" ".repeat(MAX_TEXT_BYTES + 1)),
            Err(Limit::TextBytes.en())
        );
    }

    #[test]
    fn the_longest_run_of_steps_replays_at_once_on_a_quiet_cluster() {
        let mut cluster = Cluster::tutorial();
        let _ = cluster.apply(TUTORIAL_DAEMONSET);
        let events = cluster.events().recorded();
        replay(
            &mut cluster,
            &Input::Advance {
                seconds: MAX_STEP_SECONDS,
                times: MAX_SESSION_STEPS,
            },
        );
        assert_eq!(
            cluster.now().as_secs(),
            MAX_STEP_SECONDS * MAX_SESSION_STEPS
        );
        // The DaemonSet's pod started on the way; then nothing more happened.
        assert!(cluster.events().recorded() > events);
    }

    #[test]
    fn a_field_length_near_usize_max_is_damage_not_overflow() {
        // Found by the fuzzer (`session-text`): `start + len` overflowed.
        for text in [
            "V16:taintlab-session1:1\nH18446744073709551615:",
            "V16:taintlab-session1:1\nF1:a18446744073709551614:b\n",
        ] {
            assert_eq!(
                Session::decode(text),
                Err("the session text is cut short or damaged".to_string())
            );
        }
    }
}
