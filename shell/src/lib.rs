//! taintlab-shell: the terminal. A shell on the machine where kubectl runs, and
//! on the virtual nodes (`ssh worker`): coreutils, `crictl`, `systemctl`, pipes,
//! lists, here-documents, history and completion. Text in, the text a real
//! terminal shows out; the browser terminal and `taintlab run` share it.
//!
//! Sits over the engine and kubectl; it keeps no session of its own (the
//! playground logs what a replay needs).

mod automaton;
mod clock_text;
pub mod complete;
mod coreutils;
mod crictl;
pub mod history;
mod ls;
mod mv_cp;
mod node_command;
mod node_files;
pub mod node_fs;
pub mod node_shell;
mod pattern;
mod pipeline;
mod sleep;
mod systemctl;
pub mod words;

use taintlab_core::Cluster;
use taintlab_kubectl::{self as kubectl, Invocation};

use taintlab_core::limits::{self, Limit};
use taintlab_core::sorted_map::SortedMap;
pub use taintlab_kubectl::Output;
use words::{CommandLine, HereDoc, split};

/// Where the shell is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The machine kubectl runs on.
    Host,
    /// Logged in to a node (`ssh NODE`, `docker exec -it NODE bash`).
    Node(String),
}

/// A terminal session over a cluster.
#[derive(Debug, Clone)]
pub struct Terminal {
    cluster: Cluster,
    /// Files on the host (the workspace), which `kubectl apply -f` reads.
    files: SortedMap<String, String>,
    location: Location,
    /// The nodes' machines as the node shell sees them (files, working directory,
    /// the kubelet's unit).
    nodes: node_shell::NodeSessions,
    /// The command's output goes down a pipe, not to the screen (`ls` then
    /// writes one name per line).
    piped: bool,
}

impl Terminal {
    /// A terminal on the host of `cluster`, with no files.
    pub fn new(cluster: Cluster) -> Terminal {
        Terminal {
            cluster,
            files: SortedMap::default(),
            location: Location::Host,
            nodes: node_shell::NodeSessions::default(),
            piped: false,
        }
    }

    /// The simulated cluster.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// The simulated cluster, to change it directly (the UI's buttons).
    pub fn cluster_mut(&mut self) -> &mut Cluster {
        &mut self.cluster
    }

    /// Where the shell is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Puts a file in the host's workspace (what `kubectl apply -f NAME` reads).
    /// Returns false, changing nothing, for a name the workspace refuses
    /// ([`taintlab_core::file_name::name_error`]), as a share link's replay may hold one.
    pub fn set_file(&mut self, name: &str, text: &str) -> bool {
        if taintlab_core::file_name::name_error(name, std::iter::empty()).is_some() {
            return false;
        }
        self.files.insert(name.to_string(), text.to_string());
        true
    }

    /// The host's workspace files.
    pub fn files(&self) -> &SortedMap<String, String> {
        &self.files
    }

    /// The prompt, as bash shows it: `$ ` on the host, `root@worker:~# ` on a node
    /// (with the working directory when it is not root's home).
    pub fn prompt(&self) -> String {
        match &self.location {
            Location::Host => "$ ".to_string(),
            Location::Node(node) => self.nodes.prompt(node),
        }
    }

    /// The here-document a line opens, if any: the caller then collects lines up to
    /// its delimiter and passes them as standard input to [`Terminal::run`].
    pub fn heredoc(line: &str) -> Option<HereDoc> {
        split(line).ok().and_then(|l| l.heredoc)
    }

    /// Whether a line and its here-document's body are within taintlab's limits:
    /// a line of at most [`limits::MAX_LINE_BYTES`], a body of at most
    /// [`limits::MAX_TEXT_BYTES`]. `Err` holds what the terminal prints instead
    /// of running the line, which is then neither run, kept nor logged.
    pub fn check_input(line: &str, stdin: Option<&str>) -> Result<(), Output> {
        if line.len() > limits::MAX_LINE_BYTES {
            return Err(Output::error(format!("bash: {}\n", Limit::LineBytes.en())));
        }
        if stdin.is_some_and(|body| body.len() > limits::MAX_TEXT_BYTES) {
            return Err(Output::error(format!(
                "bash: here-document: {}\n",
                Limit::TextBytes.en()
            )));
        }
        Ok(())
    }

    /// Runs one command line; `stdin` is the body of its here-document. A line
    /// over taintlab's limits is refused ([`Terminal::check_input`]).
    pub fn run(&mut self, line: &str, stdin: Option<&str>) -> Output {
        match Terminal::check_input(line, stdin) {
            Ok(()) => self.run_line(line, stdin),
            Err(refused) => refused,
        }
    }

    /// Runs one command line, or a part of one (a pipeline's stage reads the
    /// stage before's output, which may be longer than a here-document).
    fn run_line(&mut self, line: &str, stdin: Option<&str>) -> Output {
        let parts = pipeline::list(line);
        if parts.len() > 1 {
            return self.run_list(&parts, stdin);
        }
        self.run_pipeline_or_command(line, stdin)
    }

    /// Runs `a && b || c; d`: each part as its operator says, given the status of
    /// the part before; the here-document goes to the part that opens it. The
    /// status is the last part's that ran.
    fn run_list(&mut self, parts: &[(pipeline::Then, &str)], stdin: Option<&str>) -> Output {
        let mut text = String::new();
        let mut code = 0;
        // bash reads the whole line first: a syntax error runs nothing. Nothing
        // before an operator is one; a final `;` is fine, a final `&&` or `||`
        // leaves the line unfinished.
        for (at, (then, part)) in parts.iter().enumerate() {
            if !part.trim().is_empty() {
                continue;
            }
            let message = match (parts.get(at + 1), then) {
                (Some((next, _)), _) => format!(
                    "bash: syntax error near unexpected token `{}'\n",
                    match next {
                        pipeline::Then::Always => ";",
                        pipeline::Then::IfOk => "&&",
                        pipeline::Then::IfFailed => "||",
                    }
                ),
                (None, pipeline::Then::Always) => continue,
                (None, _) => "bash: syntax error: unexpected end of file\n".to_string(),
            };
            return Output::failed(message, 2);
        }
        for (then, part) in parts {
            if part.trim().is_empty() {
                continue;
            }
            let runs = match then {
                pipeline::Then::Always => true,
                pipeline::Then::IfOk => code == 0,
                pipeline::Then::IfFailed => code != 0,
            };
            if !runs {
                continue;
            }
            let heredoc = Terminal::heredoc(part).is_some();
            let out = self.run_pipeline_or_command(part, stdin.filter(|_| heredoc));
            if out.clear {
                text.clear();
            }
            text.push_str(&out.text);
            code = out.code;
        }
        Output::failed(text, code)
    }

    fn run_pipeline_or_command(&mut self, line: &str, stdin: Option<&str>) -> Output {
        let parsed = match split(line) {
            Ok(parsed) => parsed,
            Err(e) => return Output::failed(format!("{}\n", e.message()), 2),
        };
        if parsed.words.is_empty() {
            return Output::ok("");
        }
        if parsed.pipe {
            return self.run_pipeline(line, stdin);
        }
        match self.location.clone() {
            Location::Host => self.run_on_host(&parsed, stdin),
            Location::Node(node) => node_shell::run(self, &node, &parsed, stdin),
        }
    }

    /// Runs `cmd1 | cmd2 | ...`: each command reads the one before's output (the
    /// first reads `stdin`, its here-document); a failing command's message goes
    /// to the screen and the next reads nothing, as standard error is not piped.
    /// The status is the last command's.
    fn run_pipeline(&mut self, line: &str, stdin: Option<&str>) -> Output {
        let stages = match pipeline::stages(line) {
            // One stage would run this line again, and this pipeline again: if the
            // splitters ever disagree on a `|`, a syntax error, not a stack overflow.
            Ok(stages) if stages.len() < 2 => {
                return Output::failed("bash: syntax error near unexpected token `|'\n", 2);
            }
            Ok(stages) => stages,
            Err(message) => return Output::failed(message, 2),
        };
        let mut screen = String::new();
        let mut input = stdin.map(str::to_string);
        let mut last = Output::ok("");
        for (i, stage) in stages.iter().enumerate() {
            let parsed = match split(stage) {
                Ok(parsed) if parsed.words.is_empty() => {
                    return Output::failed(
                        format!("{screen}bash: syntax error near unexpected token `|'\n"),
                        2,
                    );
                }
                Ok(parsed) => parsed,
                Err(e) => return Output::failed(format!("{screen}{}\n", e.message()), 2),
            };
            let feed = if i == 0 {
                stdin
            } else {
                Some(input.as_deref().unwrap_or(""))
            };
            last = match pipeline::filter(&parsed.words, feed.unwrap_or("")) {
                Some(_) if parsed.redirect.is_some() => {
                    return Output::failed(
                        format!(
                            "{screen}taintlab: > after a pipe is not simulated; redirect the first command\n"
                        ),
                        2,
                    );
                }
                Some(out) if i > 0 => out,
                _ => {
                    self.piped = i + 1 < stages.len();
                    let out = self.run_line(stage, feed);
                    self.piped = false;
                    out
                }
            };
            let (out, err) = pipeline::stdout_and_stderr(std::mem::take(&mut last.text), last.code);
            screen.push_str(&err);
            input = Some(out);
        }
        screen.push_str(input.as_deref().unwrap_or(""));
        Output {
            text: screen,
            code: last.code,
            clear: false,
        }
    }

    /// Leaves a node shell (`exit`).
    pub(crate) fn leave_node(&mut self) {
        self.location = Location::Host;
    }

    /// Enters a node shell, remembering how (ssh or docker exec) for `exit`.
    pub(crate) fn enter_node(&mut self, node: &str, entry: node_shell::Entry) {
        self.nodes.enter(&self.cluster, node, entry);
        self.location = Location::Node(node.to_string());
    }

    /// Runs one command on `node` without staying there (`ssh NODE CMD`,
    /// `docker exec NODE CMD`).
    fn run_on_node_once(
        &mut self,
        node: &str,
        words: &[String],
        entry: node_shell::Entry,
    ) -> Output {
        self.nodes.enter(&self.cluster, node, entry);
        let line = CommandLine {
            words: words.to_vec(),
            ..CommandLine::default()
        };
        let out = node_shell::run(self, node, &line, None);
        self.location = Location::Host;
        out
    }

    /// Tab completion of `line` with the cursor at byte `cursor`: see [`complete`].
    pub fn complete(&self, line: &str, cursor: usize) -> complete::Completion {
        complete::complete(self, line, cursor)
    }

    fn run_on_host(&mut self, line: &CommandLine, stdin: Option<&str>) -> Output {
        let words = &line.words;
        match words[0].as_str() {
            "kubectl" | "k" => kubectl::run(
                Invocation {
                    cluster: &mut self.cluster,
                    files: &self.files,
                    stdin,
                },
                &words[1..],
            ),
            "ssh" => self.ssh(&words[1..]),
            "docker" => self.docker(&words[1..]),
            "sleep" => {
                let (text, code) = sleep::run(&mut self.cluster, &words[1..]);
                Output::failed(text, code)
            }
            "clear" => Output {
                clear: true,
                ..Output::default()
            },
            "exit" | "logout" => Output::ok(""),
            "help" => Output::ok(HOST_HELP),
            other => {
                node_shell::file_command(&mut self.files, other, line, stdin).unwrap_or_else(|| {
                    Output::failed(format!("bash: {other}: command not found\n"), 127)
                })
            }
        }
    }

    /// `ssh NODE` (also `ssh root@NODE`), or `ssh NODE COMMAND...`.
    fn ssh(&mut self, args: &[String]) -> Output {
        let at = args.iter().position(|a| !a.starts_with('-'));
        let Some(target) = at.map(|i| &args[i]) else {
            return Output::failed(
                "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] destination [command [argument ...]]\n",
                255,
            );
        };
        let node = target.rsplit('@').next().unwrap_or(target);
        if self.cluster.node(node).is_none() {
            return Output::failed(
                format!("ssh: Could not resolve hostname {node}: Name or service not known\n"),
                255,
            );
        }
        let command = &args[at.map_or(args.len(), |i| i + 1)..];
        if !command.is_empty() {
            let node = node.to_string();
            return self.run_on_node_once(&node, command, node_shell::Entry::Ssh);
        }
        self.enter_node(node, node_shell::Entry::Ssh);
        Output::ok("")
    }

    /// `docker exec -it NODE bash`, as with kind's node containers.
    fn docker(&mut self, args: &[String]) -> Output {
        match args.first().map(String::as_str) {
            Some("exec") => {
                let rest: Vec<&String> = args[1..].iter().filter(|a| !a.starts_with('-')).collect();
                let (Some(node), Some(shell)) = (rest.first(), rest.get(1)) else {
                    return Output::failed(
                        "\"docker exec\" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n",
                        1,
                    );
                };
                if self.cluster.node(node).is_none() {
                    return Output::failed(
                        format!("Error response from daemon: No such container: {node}\n"),
                        1,
                    );
                }
                let node = node.to_string();
                if !matches!(shell.as_str(), "bash" | "sh" | "/bin/bash" | "/bin/sh") {
                    // A command rather than a shell: docker runs it and returns.
                    let at = args.iter().position(|a| a == *shell).unwrap_or(args.len());
                    let command = args[at..].to_vec();
                    return self.run_on_node_once(&node, &command, node_shell::Entry::DockerExec);
                }
                self.enter_node(&node, node_shell::Entry::DockerExec);
                Output::ok("")
            }
            Some("ps") => {
                let mut text = String::from(
                    "CONTAINER ID   IMAGE                  COMMAND                  CREATED   STATUS   PORTS   NAMES\n",
                );
                for node in self.cluster.nodes() {
                    text.push_str(&format!(
                        "{:<14} kindest/node:{:<8} \"/usr/local/bin/entr…\"   -         Up       -       {}\n",
                        &taintlab_core::names::fnv128a_hex(&node.metadata.name)[..12],
                        self.cluster.version().to_string(),
                        node.metadata.name
                    ));
                }
                Output::ok(text)
            }
            _ => Output::failed(
                "taintlab: only \"docker exec -it NODE bash\" and \"docker ps\" are simulated\n",
                1,
            ),
        }
    }

    /// Runs a script of terminal commands and returns the transcript a person at
    /// the terminal would see: each command after its prompt (here-document lines
    /// after `> `), then its output. `#` comment lines and blank lines are skipped.
    pub fn run_script(&mut self, script: &str) -> String {
        let mut transcript = String::new();
        let mut lines = script.lines();
        while let Some(line) = lines.next() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            transcript.push_str(&self.prompt());
            transcript.push_str(line);
            transcript.push('\n');
            let mut stdin = None;
            if let Some(doc) = Terminal::heredoc(line) {
                stdin = Some(doc.read_body(lines.by_ref(), |body_line| {
                    transcript.push_str("> ");
                    transcript.push_str(body_line);
                    transcript.push('\n');
                }));
            }
            let out = self.run(line, stdin.as_deref());
            transcript.push_str(&out.text);
        }
        transcript
    }
}

/// The commands the host's shell runs, for Tab completion ([`Terminal::run_on_host`]
/// and [`node_shell::file_command`] handle them).
pub(crate) const HOST_COMMANDS: &[&str] = &[
    "cat", "clear", "docker", "echo", "exit", "grep", "help", "kubectl", "ls", "rm", "sleep",
    "ssh", "touch",
];

const HOST_HELP: &str = "Commands on this machine:
  kubectl ...                 talk to the simulated cluster
  ssh NODE                    log in to a node (also: docker exec -it NODE bash)
  sleep N[s|m|h]              let simulated time pass
  ls, cat, rm, echo ... > F   work with files here (kubectl apply -f F reads them)
  cat > F <<EOF               write a file from a here-document
  CMD | grep PATTERN          filter output (also head, tail, wc; grep PATTERN FILE)
  A && B, A || B, A; B        run one after another
  clear                       clear the screen
";

#[cfg(test)]
mod tests;

#[cfg(test)]
mod node_tests;

#[cfg(test)]
mod fuzz_tests;

#[cfg(test)]
mod bounds_tests;
