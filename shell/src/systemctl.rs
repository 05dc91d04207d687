//! `systemctl` on a kind node for the kubelet's unit: `stop` and `start` drive the
//! simulated kubelet (so the node goes NotReady on the cluster's clock), `status`
//! prints systemd 252's block (`print_status_info` in `systemctl-show.c`, as on
//! the node's Debian bookworm) with the unit files kind ships.

use super::clock_text::{journal_stamp, systemd_relative, systemd_timespan, systemd_timestamp};
use super::node_command::{Res, Shell};
use super::node_files::{KIND_PRE_COMMANDS, kubelet_command_line};
use taintlab_core::clock::Time;

const UNIT: &str = "kubelet.service";
const DESCRIPTION: &str = "kubelet: The Kubernetes Node Agent";
const EXEC_START: &str = "/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_EXTRA_ARGS $KUBELET_KUBEADM_ARGS";
/// How many journal lines `systemctl status` shows (`-n 10`).
const JOURNAL_LINES: usize = 10;

/// What systemd remembers of the kubelet's unit on one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitState {
    /// The `ExecStartPre=` processes of the last start.
    pre_pids: [u32; 2],
    /// The kubelet's process of the last start.
    main_pid: u32,
    /// systemd's own journal lines about the unit.
    journal: Vec<(Time, String)>,
}

impl UnitState {
    /// The unit as the node booted it at `started`.
    pub fn booted(started: Time) -> UnitState {
        UnitState {
            pre_pids: [201, 208],
            main_pid: 215,
            journal: vec![
                (started, format!("Starting {UNIT} - {DESCRIPTION}...")),
                (started, format!("Started {UNIT} - {DESCRIPTION}.")),
            ],
        }
    }
}

/// CPU time the kubelet used while running `millis`: a steady 2% plus start-up.
fn cpu_millis(millis: u64) -> u64 {
    640 + millis / 50
}

/// The verbs taintlab's systemctl knows.
pub(crate) const VERBS: [&str; 7] = [
    "start",
    "stop",
    "restart",
    "status",
    "is-active",
    "is-enabled",
    "daemon-reload",
];

/// The units a node has (kind's node image runs these two under systemd).
pub(crate) const UNITS: [&str; 2] = ["kubelet", "containerd"];

/// Runs `systemctl ARGS`.
pub(crate) fn run(sh: &mut Shell<'_>, args: &[String]) -> Res {
    let mut words = Vec::new();
    for a in args {
        match a.as_str() {
            "--no-pager" | "-l" | "--full" | "--now" | "-q" | "--quiet" | "--no-block" => {}
            flag if flag.starts_with("--") => {
                return Res::fail(format!("systemctl: unrecognized option '{flag}'\n"), 1);
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                let c = flag.chars().nth(1).unwrap_or('-');
                return Res::fail(format!("systemctl: invalid option -- '{c}'\n"), 1);
            }
            word => words.push(word),
        }
    }
    let Some((verb, units)) = words.split_first() else {
        return Res::fail(
            "taintlab: listing every unit is not simulated; try: systemctl status kubelet\n",
            1,
        );
    };
    if !VERBS.contains(verb) {
        return match VERBS.iter().find(|v| v.starts_with(verb)) {
            Some(guess) => Res::fail(
                format!("Unknown command verb '{verb}', did you mean '{guess}'?\n"),
                1,
            ),
            None => Res::fail(format!("Unknown command verb '{verb}'.\n"), 1),
        };
    }
    if *verb == "daemon-reload" {
        return Res::ok("");
    }
    if units.is_empty() {
        return Res::fail("Too few arguments.\n", 1);
    }
    let mut res = Res::default();
    for (i, unit) in units.iter().enumerate() {
        let unit = if unit.contains('.') {
            unit.to_string()
        } else {
            format!("{unit}.service")
        };
        let one = if unit == UNIT {
            kubelet(sh, verb)
        } else {
            other_unit(verb, &unit)
        };
        if i > 0 && *verb == "status" && !one.out.is_empty() {
            res.out.push('\n');
        }
        res.out.push_str(&one.out);
        res.err.push_str(&one.err);
        res.code = res.code.max(one.code);
    }
    res
}

/// A unit other than the kubelet's: containerd runs and is left alone; others do
/// not exist on the node (systemctl's "not found" wordings and statuses).
fn other_unit(verb: &str, unit: &str) -> Res {
    if unit == "containerd.service" {
        return match verb {
            "is-active" => Res::ok("active\n"),
            "is-enabled" => Res::ok("enabled\n"),
            "status" => Res::ok(
                "● containerd.service - containerd container runtime\n     Loaded: loaded (/etc/systemd/system/containerd.service; enabled; preset: enabled)\n     Active: active (running)\n       Docs: https://containerd.io\n",
            ),
            _ => Res::fail(
                "taintlab: only the kubelet's unit can be stopped and started here\n",
                1,
            ),
        };
    }
    match verb {
        "status" => Res::fail(format!("Unit {unit} could not be found.\n"), 4),
        "is-active" => Res {
            out: "inactive\n".to_string(),
            err: String::new(),
            code: 3,
        },
        "is-enabled" => Res::fail(
            format!("Failed to get unit file state for {unit}: No such file or directory\n"),
            1,
        ),
        "stop" => Res::fail(
            format!("Failed to stop {unit}: Unit {unit} not loaded.\n"),
            5,
        ),
        _ => Res::fail(
            format!("Failed to {verb} {unit}: Unit {unit} not found.\n"),
            5,
        ),
    }
}

fn running(sh: &Shell<'_>) -> bool {
    sh.m.cluster
        .node_runtime(sh.m.node)
        .is_some_and(|r| r.kubelet_running)
}

fn stop(sh: &mut Shell<'_>) {
    if !running(sh) {
        return;
    }
    let now = sh.m.cluster.now();
    let started =
        sh.m.cluster
            .node_runtime(sh.m.node)
            .map_or(now, |r| r.kubelet_started);
    sh.m.cluster.stop_kubelet(sh.m.node);
    let cpu = systemd_timespan(cpu_millis(now.millis_since(started)));
    for line in [
        format!("Stopping {UNIT} - {DESCRIPTION}..."),
        format!("{UNIT}: Deactivated successfully."),
        format!("{UNIT}: Consumed {cpu} CPU time."),
        format!("Stopped {UNIT} - {DESCRIPTION}."),
    ] {
        sh.unit.journal.push((now, line));
    }
}

fn start(sh: &mut Shell<'_>) {
    if running(sh) {
        return;
    }
    let now = sh.m.cluster.now();
    sh.unit.pre_pids = [sh.pid(), sh.pid()];
    sh.unit.main_pid = sh.pid();
    sh.unit
        .journal
        .push((now, format!("Starting {UNIT} - {DESCRIPTION}...")));
    sh.m.cluster.start_kubelet(sh.m.node);
    sh.unit
        .journal
        .push((now, format!("Started {UNIT} - {DESCRIPTION}.")));
}

fn kubelet(sh: &mut Shell<'_>, verb: &str) -> Res {
    match verb {
        "stop" => stop(sh),
        "start" => start(sh),
        "restart" => {
            stop(sh);
            start(sh);
        }
        "is-active" => {
            return if running(sh) {
                Res::ok("active\n")
            } else {
                Res {
                    out: "inactive\n".to_string(),
                    err: String::new(),
                    code: 3,
                }
            };
        }
        "is-enabled" => return Res::ok("enabled\n"),
        _ => return status(sh),
    }
    Res::ok("")
}

/// `systemctl status kubelet`: exit status 0 when active, 3 when not.
fn status(sh: &Shell<'_>) -> Res {
    let now = sh.m.cluster.now();
    let node = sh.m.node;
    let (is_running, started, stopped) =
        sh.m.cluster
            .node_runtime(node)
            .map_or((false, Time::ZERO, None), |r| {
                (r.kubelet_running, r.kubelet_started, r.kubelet_stopped)
            });
    let glyph = if is_running { "●" } else { "○" };
    let mut out = format!(
        "{glyph} {UNIT} - {DESCRIPTION}
     Loaded: loaded (/etc/systemd/system/{UNIT}; enabled; preset: enabled)
    Drop-In: /etc/systemd/system/{UNIT}.d
             └─10-kubeadm.conf, 11-kind.conf
"
    );
    let ok = "(code=exited, status=0/SUCCESS)";
    let [pre1, pre2] = sh.unit.pre_pids;
    let main = sh.unit.main_pid;
    let processes = format!(
        "    Process: {pre1} ExecStartPre={} {ok}\n    Process: {pre2} ExecStartPre={} {ok}\n",
        KIND_PRE_COMMANDS[0], KIND_PRE_COMMANDS[1]
    );
    if is_running {
        let up = now.millis_since(started);
        out.push_str(&format!(
            "     Active: active (running) since {}; {}\n       Docs: http://kubernetes.io/docs/\n{processes}   Main PID: {main} (kubelet)\n      Tasks: 15 (limit: 28829)\n     Memory: 39.4M\n        CPU: {}\n     CGroup: /kubelet.slice/{UNIT}\n             └─{main} {}\n",
            systemd_timestamp(started),
            systemd_relative(up),
            systemd_timespan(cpu_millis(up)),
            kubelet_command_line(sh.m.cluster, node)
        ));
    } else {
        let since = stopped.unwrap_or(now);
        let ran = since.millis_since(started);
        out.push_str(&format!(
            "     Active: inactive (dead) since {}; {}\n   Duration: {}\n       Docs: http://kubernetes.io/docs/\n{processes}    Process: {main} ExecStart={EXEC_START} {ok}\n   Main PID: {main} {ok}\n        CPU: {}\n",
            systemd_timestamp(since),
            systemd_relative(now.millis_since(since)),
            systemd_timespan(ran),
            systemd_timespan(cpu_millis(ran)),
        ));
    }
    let journal = &sh.unit.journal;
    if !journal.is_empty() {
        out.push('\n');
        for (t, line) in &journal[journal.len().saturating_sub(JOURNAL_LINES)..] {
            out.push_str(&format!(
                "{} {node} systemd[1]: {line}\n",
                journal_stamp(*t)
            ));
        }
    }
    Res {
        out,
        err: String::new(),
        code: if is_running { 0 } else { 3 },
    }
}
