//! What a command on a node works with and gives back: [`Shell`], its view of
//! the node (files, working directory, the kubelet's unit), and [`Res`], its
//! output and status. The node shell (`node_shell`) dispatches to the commands
//! (`coreutils`, `ls`, `mv_cp`, `crictl`, `systemctl`, `pipeline`); they all
//! share these two types, kept here so that none of them imports the dispatcher.

use super::node_fs::{self, Machine};
use super::systemctl::UnitState;

/// What a command wrote to standard output and standard error, and its status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Res {
    /// Standard output (what `>` redirects).
    pub out: String,
    /// Standard error (always on the terminal).
    pub err: String,
    /// Exit status.
    pub code: i32,
}

impl Res {
    /// Success printing `out`.
    pub fn ok(out: impl Into<String>) -> Res {
        Res {
            out: out.into(),
            ..Res::default()
        }
    }

    /// Failure with status `code`, printing `err` on standard error.
    pub fn fail(err: impl Into<String>, code: i32) -> Res {
        Res {
            out: String::new(),
            err: err.into(),
            code,
        }
    }
}

/// A command's view of the node: its machine, working directory and the cluster.
pub(crate) struct Shell<'a> {
    /// The node's files and the cluster behind its manifests.
    pub m: Machine<'a>,
    /// The working directory.
    pub cwd: &'a mut String,
    /// `$OLDPWD`, for `cd -`.
    pub oldpwd: &'a mut Option<String>,
    /// The kubelet's systemd unit.
    pub unit: &'a mut UnitState,
    /// The next process id.
    pub next_pid: &'a mut u32,
    /// Whether standard output is the terminal (not redirected): `ls` lays out
    /// columns only then.
    pub tty: bool,
}

impl Shell<'_> {
    /// An argument as an absolute path.
    pub fn path(&self, arg: &str) -> String {
        node_fs::resolve(self.cwd, arg)
    }

    /// A fresh process id.
    pub fn pid(&mut self) -> u32 {
        let pid = *self.next_pid;
        *self.next_pid += 1 + pid % 3;
        pid
    }
}
