//! The shell on a virtual node (bash as root on a kind node), and the file commands
//! of the host's workspace.
//!
//! A node shell keeps, per node, a small file system ([`super::node_fs`]) whose
//! `/etc/kubernetes/manifests` is the kubelet's static pod directory, a working
//! directory, and the state of the kubelet's systemd unit. Its commands live in
//! sibling modules: [`super::coreutils`], [`super::ls`], [`super::systemctl`],
//! [`super::crictl`].

use super::node_command::{Res, Shell};
use super::node_fs::{self, FsError, HOME, Kind, Machine, NodeFs};
use super::systemctl::UnitState;
use super::words::CommandLine;
use super::{Output, Terminal};
use taintlab_core::Cluster;
use taintlab_core::limits::{self, Limit};
use taintlab_core::sorted_map::SortedMap;

/// How a node shell was entered, which decides what leaving it prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Entry {
    /// `ssh NODE`: a login shell; `exit` prints `logout`, then ssh reports the
    /// closed connection.
    #[default]
    Ssh,
    /// `docker exec -it NODE bash`: an interactive non-login shell; `exit` prints
    /// `exit`, and `logout` is refused.
    DockerExec,
}

/// The machines behind the nodes as the shell has seen them, and the open session.
#[derive(Debug, Clone, Default)]
pub struct NodeSessions {
    machines: SortedMap<String, MachineState>,
    entry: Entry,
}

/// One node's machine: files, working directory, the kubelet unit.
#[derive(Debug, Clone)]
pub(crate) struct MachineState {
    fs: NodeFs,
    cwd: String,
    oldpwd: Option<String>,
    unit: UnitState,
    /// The next process id this machine hands out.
    next_pid: u32,
}

impl NodeSessions {
    /// The machine behind `node`, made as a fresh kind node the first time.
    fn machine(&mut self, cluster: &Cluster, node: &str) -> &mut MachineState {
        self.machines.get_or_insert_with(node.to_string(), || {
            let started = cluster
                .node_runtime(node)
                .map(|r| r.kubelet_started)
                .unwrap_or_default();
            MachineState {
                fs: NodeFs::new(super::node_files::initial_files(cluster, node)),
                cwd: HOME.to_string(),
                oldpwd: None,
                unit: UnitState::booted(started),
                next_pid: 1021,
            }
        })
    }

    /// Opens a session on `node`: ssh lands in root's home, `docker exec` in the
    /// container's working directory, `/`.
    pub(crate) fn enter(&mut self, cluster: &Cluster, node: &str, entry: Entry) {
        self.entry = entry;
        let machine = self.machine(cluster, node);
        machine.cwd = match entry {
            Entry::Ssh => HOME.to_string(),
            Entry::DockerExec => "/".to_string(),
        };
        machine.oldpwd = None;
    }

    /// bash's prompt on `node` (`PS1='\u@\h:\w\$ '`): the working directory with
    /// root's home shown as `~`.
    pub fn prompt(&self, node: &str) -> String {
        let cwd = self.machines.get(node).map_or(HOME, |m| m.cwd.as_str());
        let shown = if cwd == HOME {
            "~".to_string()
        } else if let Some(rest) = cwd.strip_prefix("/root/") {
            format!("~/{rest}")
        } else {
            cwd.to_string()
        };
        format!("root@{node}:{shown}# ")
    }
}

/// Runs a command in the shell on `node`.
pub fn run(term: &mut Terminal, node: &str, line: &CommandLine, stdin: Option<&str>) -> Output {
    let words = &line.words;
    let Some(command) = words.first().map(String::as_str) else {
        return Output::ok("");
    };
    match command {
        "exit" | "logout" => return leave(term, node, command),
        "clear" => {
            return Output {
                clear: true,
                ..Output::default()
            };
        }
        _ => {}
    }
    let Terminal {
        cluster,
        nodes,
        piped,
        ..
    } = term;
    let machine = nodes.machine(cluster, node);
    let mut sh = Shell {
        m: Machine {
            cluster,
            node,
            fs: &mut machine.fs,
        },
        cwd: &mut machine.cwd,
        oldpwd: &mut machine.oldpwd,
        unit: &mut machine.unit,
        next_pid: &mut machine.next_pid,
        tty: line.redirect.is_none() && !*piped,
    };
    // bash opens (and truncates) the redirection target before it runs the command.
    let target = match &line.redirect {
        Some((file, append)) => match redirect_target(&sh, file) {
            Ok(path) => Some((file, path, *append)),
            Err(e) => return Output::error(format!("bash: {file}: {}\n", e.message())),
        },
        None => None,
    };
    let args = expand_globs(&sh, &words[1..]);
    let mut res = dispatch(&mut sh, command, &args, stdin);
    if let Some((file, path, append)) = target {
        let existing = sh.m.read(&path).ok();
        let content = match (&existing, append) {
            (Some(old), true) => format!("{old}{}", res.out),
            _ => std::mem::take(&mut res.out),
        };
        // Appending nothing leaves the file as it was; anything else rewrites it
        // once, so the kubelet sees the final manifest rather than a truncated one.
        if !(append && existing.is_some() && res.out.is_empty())
            && let Err(e) = sh.m.write(&path, &content)
        {
            res.err
                .push_str(&format!("bash: {file}: {}\n", e.message()));
            res.code = 1;
        }
        res.out.clear();
    }
    Output {
        text: res.out + &res.err,
        code: res.code,
        clear: false,
    }
}

/// Whether `name` matches a glob pattern of `*` and `?` (greedy with one
/// backtracking point, so linear in practice).
fn glob_match(pattern: &[char], name: &[char]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(c) if *c == '?' || *c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

/// bash's pathname expansion of `*` and `?` in the last component of a word:
/// matching names, sorted, hidden ones only for a pattern starting with `.`; a
/// pattern matching nothing stays as it is.
fn expand_globs(sh: &Shell<'_>, args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for arg in args {
        let (dir_part, pattern) = match arg.rfind('/') {
            Some(i) => (&arg[..=i], &arg[i + 1..]),
            None => ("", arg.as_str()),
        };
        if !pattern.contains(['*', '?']) || dir_part.contains(['*', '?']) {
            out.push(arg.clone());
            continue;
        }
        let dir = sh.path(if dir_part.is_empty() { "." } else { dir_part });
        let wanted: Vec<char> = pattern.chars().collect();
        let matches: Vec<String> =
            sh.m.list(&dir)
                .unwrap_or_default()
                .into_iter()
                .filter(|n| !n.starts_with('.') || pattern.starts_with('.'))
                .filter(|n| glob_match(&wanted, &n.chars().collect::<Vec<_>>()))
                .map(|n| format!("{dir_part}{n}"))
                .collect();
        if matches.is_empty() {
            out.push(arg.clone());
        } else {
            out.extend(matches);
        }
    }
    out
}

/// Where `> FILE` writes, or why bash cannot open it (the command then does
/// not run).
fn redirect_target(sh: &Shell<'_>, file: &str) -> Result<String, FsError> {
    let path = sh.path(file);
    match sh.m.kind(&path) {
        Some(Kind::Dir) => Err(FsError::IsADirectory),
        Some(Kind::File) => Ok(path),
        None => match sh.m.kind(node_fs::parent(&path)) {
            // Creating it needs a name the kernel takes and room on the node.
            Some(Kind::Dir) => node_fs::check_name(&path)
                .and_then(|()| sh.m.room(1, 0))
                .map(|()| path),
            Some(Kind::File) => Err(FsError::NotADirectory),
            None => Err(FsError::NotFound),
        },
    }
}

/// `exit` / `logout`: what bash and the session's client print on the way out.
fn leave(term: &mut Terminal, node: &str, command: &str) -> Output {
    match (term.nodes.entry, command) {
        (Entry::DockerExec, "logout") => {
            Output::error("bash: logout: not login shell: use `exit'\n")
        }
        (Entry::DockerExec, _) => {
            term.leave_node();
            Output::ok("exit\n")
        }
        (Entry::Ssh, _) => {
            term.leave_node();
            Output::ok(format!("logout\nConnection to {node} closed.\n"))
        }
    }
}

/// The commands the node shell runs (`exit`, `logout` and `clear` included), for
/// Tab completion; [`dispatch`] and [`run`] are where each is handled.
pub(crate) const COMMANDS: &[&str] = &[
    "cat",
    "cd",
    "clear",
    "cp",
    "crictl",
    "echo",
    "exit",
    "grep",
    "help",
    "hostname",
    "kubectl",
    "logout",
    "ls",
    "mkdir",
    "mv",
    "pwd",
    "rm",
    "rmdir",
    "sleep",
    "systemctl",
    "touch",
    "whoami",
];

/// The entries of the directory `dir` (as typed, relative to the working
/// directory) on `node`, each with whether it is a directory; empty when there is
/// no such directory or the node has no session yet. For Tab completion: reading
/// goes through the same [`Machine`] the commands use, on copies, so completing
/// never changes the terminal.
pub(crate) fn entries(term: &Terminal, node: &str, dir: &str) -> Vec<(String, bool)> {
    let Some(machine) = term.nodes.machines.get(node) else {
        return Vec::new();
    };
    let mut cluster = term.cluster.clone();
    let mut fs = machine.fs.clone();
    let m = Machine {
        cluster: &mut cluster,
        node,
        fs: &mut fs,
    };
    let dir = node_fs::resolve(&machine.cwd, dir);
    m.list(&dir)
        .unwrap_or_default()
        .into_iter()
        .map(|name| {
            let is_dir = m.kind(&node_fs::join(&dir, &name)) == Some(Kind::Dir);
            (name, is_dir)
        })
        .collect()
}

/// Runs one command of the node shell.
fn dispatch(sh: &mut Shell<'_>, command: &str, args: &[String], stdin: Option<&str>) -> Res {
    match command {
        "cd" => cd(sh, args),
        "pwd" => Res::ok(format!("{}\n", sh.cwd)),
        "hostname" => hostname(sh, args),
        "whoami" => Res::ok("root\n"),
        "help" => Res::ok(NODE_HELP),
        "sleep" => {
            let (err, code) = super::sleep::run(sh.m.cluster, args);
            Res::fail(err, code)
        }
        "echo" => super::coreutils::echo(args),
        "cat" => super::coreutils::cat(sh, args, stdin),
        "grep" | "egrep" | "fgrep" => {
            let (out, err, code) = super::pipeline::grep_command(command, args, stdin, |file| {
                sh.m.read(&sh.path(file))
                    .map_err(|e| format!("grep: {file}: {}", e.message()))
            });
            Res { out, err, code }
        }
        "rm" => super::coreutils::rm(sh, args),
        "rmdir" => super::coreutils::rmdir(sh, args),
        "mkdir" => super::coreutils::mkdir(sh, args),
        "touch" => super::coreutils::touch(sh, args),
        "mv" => super::mv_cp::mv(sh, args),
        "cp" => super::mv_cp::cp(sh, args),
        "ls" => super::ls::run(sh, args),
        "systemctl" => super::systemctl::run(sh, args),
        "crictl" => super::crictl::run(sh, args),
        "kubectl" => kubectl(sh, args),
        other if other.contains('/') => {
            let path = sh.path(other);
            match sh.m.kind(&path) {
                Some(Kind::Dir) => Res::fail(format!("bash: {other}: Is a directory\n"), 126),
                Some(Kind::File) => Res::fail(format!("bash: {other}: Permission denied\n"), 126),
                None => Res::fail(format!("bash: {other}: No such file or directory\n"), 127),
            }
        }
        other => Res::fail(format!("bash: {other}: command not found\n"), 127),
    }
}

/// bash's `cd` builtin.
fn cd(sh: &mut Shell<'_>, args: &[String]) -> Res {
    let (target, print) = match args {
        [] => (HOME.to_string(), false),
        [dash] if dash == "-" => match sh.oldpwd.clone() {
            Some(old) => (old, true),
            None => return Res::fail("bash: cd: OLDPWD not set\n", 1),
        },
        [dir] => (sh.path(dir), false),
        _ => return Res::fail("bash: cd: too many arguments\n", 1),
    };
    let shown = args.first().map_or(HOME, String::as_str);
    match sh.m.kind(&target) {
        Some(Kind::Dir) => {
            let previous = std::mem::replace(sh.cwd, target.clone());
            *sh.oldpwd = Some(previous);
            Res::ok(if print {
                format!("{target}\n")
            } else {
                String::new()
            })
        }
        Some(Kind::File) => Res::fail(format!("bash: cd: {shown}: Not a directory\n"), 1),
        None => Res::fail(format!("bash: cd: {shown}: No such file or directory\n"), 1),
    }
}

/// `hostname`, and `-i`/`-I` for the node's address.
fn hostname(sh: &Shell<'_>, args: &[String]) -> Res {
    let ip =
        sh.m.cluster
            .node_runtime(sh.m.node)
            .map_or_else(String::new, |r| r.internal_ip.clone());
    match args.first().map(String::as_str) {
        None => Res::ok(format!("{}\n", sh.m.node)),
        Some("-i") => Res::ok(format!("{ip}\n")),
        Some("-I") => Res::ok(format!("{ip} \n")),
        Some(_) => Res::fail(
            "hostname: you must be root to change the host name\n".to_string(),
            1,
        ),
    }
}

/// `kubectl` on a node. A kind node has the binary but no kubeconfig for root
/// (`/etc/kubernetes/admin.conf` is not `$KUBECONFIG`), so kubectl falls back to
/// `http://localhost:8080`, where nothing listens. Models client-go's discovery
/// (`memcache.go`) logging each failed API group list through klog, then
/// kubectl's `The connection to the server ... was refused` (`cmdutil.CheckErr`).
fn kubectl(sh: &mut Shell<'_>, args: &[String]) -> Res {
    let help = args.is_empty()
        || args
            .iter()
            .any(|a| a == "--help" || a == "-h" || a == "help");
    if help {
        return Res::ok(taintlab_kubectl::help());
    }
    const REFUSED: &str = "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n";
    let version = sh.m.cluster.version();
    if args.iter().any(|a| a == "version") {
        return Res {
            out: format!("Client Version: {version}.0\nKustomize Version: v5.7.1\n"),
            err: REFUSED.to_string(),
            code: 1,
        };
    }
    let pid = sh.pid();
    let stamp = super::clock_text::klog_stamp(sh.m.cluster.now());
    let mut err = String::new();
    for i in 0..5u32 {
        err.push_str(&format!(
            "E{stamp}.{:06} {pid:>7} memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: Get \\\"http://localhost:8080/api?timeout=32s\\\": dial tcp [::1]:8080: connect: connection refused\"\n",
            31_522 + i * 1_187
        ));
    }
    err.push_str(REFUSED);
    Res::fail(err, 1)
}

const NODE_HELP: &str = "Commands on this node (bash as root on a kind node):
  ls [-l] [-a] [PATH], cat FILE, rm [-r] [-f] PATH, mv, cp [-r], mkdir [-p], touch
  echo TEXT > FILE, cat > FILE <<EOF      write files
  cd DIR, pwd                             move around (~ is /root)
  systemctl stop|start|restart|status kubelet
  crictl ps [-a], crictl pods, crictl images
  grep PATTERN FILE..., CMD | grep ...    search (also head, tail, wc after |)
  sleep N[s|m|h]                          let simulated time pass
  exit                                    back to the host
Static pods: the kubelet runs every manifest in /etc/kubernetes/manifests.
";

/// Why the host cannot make a workspace file called `name`, as `strerror` words
/// it (the workspace is one folder, so a slash names a missing directory), or
/// in taintlab's words for what only taintlab refuses
/// ([`taintlab_core::file_name::name_error`]: the name reaches share links, archives
/// and the exported script).
pub(crate) fn host_name_error(name: &str) -> Option<&'static str> {
    use taintlab_core::file_name::{NameError, name_error};
    Some(match name_error(name, std::iter::empty())? {
        NameError::Empty | NameError::Slash => "No such file or directory",
        NameError::Dots => "Is a directory",
        NameError::Control | NameError::TooLong | NameError::Taken => {
            "Invalid argument (taintlab: a workspace file's name holds no control or invisible characters and at most 100 bytes)"
        }
    })
}

/// File commands on the host's workspace (`ls`, `cat`, `grep`, `rm`, `touch`,
/// `echo`, and `cat > FILE <<EOF`). `None` when `command` is not one of them.
pub fn file_command(
    files: &mut SortedMap<String, String>,
    command: &str,
    line: &CommandLine,
    stdin: Option<&str>,
) -> Option<Output> {
    let args = &line.words[1..];
    let written = |files: &mut SortedMap<String, String>, text: String| -> Output {
        match &line.redirect {
            Some((file, _)) if let Some(why) = host_name_error(file) => Output::failed(
                format!(
                    "bash: {}: {why}\n",
                    taintlab_core::file_name::comment_text(file)
                ),
                1,
            ),
            Some((file, append)) => {
                let kept = match files.get(file.as_str()) {
                    Some(old) if *append => old.len(),
                    _ => 0,
                };
                if kept.saturating_add(text.len()) > limits::MAX_TEXT_BYTES {
                    return Output::error(format!("bash: {file}: {}\n", Limit::TextBytes.en()));
                }
                let entry = files.get_or_insert_with(file.clone(), String::new);
                if !append {
                    entry.clear();
                }
                entry.push_str(&text);
                Output::ok("")
            }
            None => Output::ok(text),
        }
    };
    let out = match command {
        "ls" => {
            let names: Vec<&String> = files.keys().collect();
            let listed: Vec<String> = if args.is_empty() {
                names.iter().map(|n| n.to_string()).collect()
            } else {
                let mut out = Vec::new();
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    if files.contains_key(a.as_str()) {
                        out.push(a.clone());
                    } else {
                        return Some(Output::failed(
                            format!("ls: cannot access '{a}': No such file or directory\n"),
                            2,
                        ));
                    }
                }
                out
            };
            let text = if listed.is_empty() {
                String::new()
            } else {
                format!("{}\n", listed.join("  "))
            };
            written(files, text)
        }
        "cat" => {
            if args.is_empty() {
                return Some(written(files, stdin.unwrap_or_default().to_string()));
            }
            let mut text = String::new();
            let mut errors = String::new();
            for a in args {
                match files.get(a.as_str()) {
                    Some(content)
                        if text.len().saturating_add(content.len()) > limits::MAX_TEXT_BYTES =>
                    {
                        return Some(Output::error(super::coreutils::write_error("cat")));
                    }
                    Some(content) => text.push_str(content),
                    None => errors.push_str(&format!("cat: {a}: No such file or directory\n")),
                }
            }
            let mut out = written(files, text);
            if !errors.is_empty() {
                out.text.push_str(&errors);
                out.code = 1;
            }
            out
        }
        "grep" | "egrep" | "fgrep" => {
            let (out, err, code) = super::pipeline::grep_command(command, args, stdin, |file| {
                files
                    .get(file)
                    .cloned()
                    .ok_or_else(|| format!("grep: {file}: No such file or directory"))
            });
            let mut shown = written(files, out);
            shown.text.push_str(&err);
            shown.code = code;
            shown
        }
        "echo" => {
            let (newline, words) = match args.first().map(String::as_str) {
                Some("-n") => (false, &args[1..]),
                _ => (true, args),
            };
            let mut text = words.join(" ");
            if newline {
                text.push('\n');
            }
            written(files, text)
        }
        "touch" => {
            let mut errors = String::new();
            for a in args {
                match host_name_error(a) {
                    Some(why) => errors.push_str(&format!(
                        "touch: cannot touch '{}': {why}\n",
                        taintlab_core::file_name::comment_text(a)
                    )),
                    None => {
                        files.get_or_insert_with(a.clone(), String::new);
                    }
                }
            }
            if errors.is_empty() {
                Output::ok("")
            } else {
                Output::error(errors)
            }
        }
        "rm" => {
            let mut errors = String::new();
            let force = args.iter().any(|a| a.starts_with('-') && a.contains('f'));
            for a in args.iter().filter(|a| !a.starts_with('-')) {
                if files.remove(a.as_str()).is_none() && !force {
                    errors.push_str(&format!(
                        "rm: cannot remove '{a}': No such file or directory\n"
                    ));
                }
            }
            if errors.is_empty() {
                Output::ok("")
            } else {
                Output::error(errors)
            }
        }
        _ => return None,
    };
    Some(out)
}
