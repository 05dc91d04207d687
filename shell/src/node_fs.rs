//! The file system of a virtual node: a small tree of directories and files, laid
//! out as on a kind node (`kindest/node`, which kubeadm set up), whose static pod
//! directory is the node's manifest table in the cluster. Writing or removing a
//! file there is `write_manifest` / `remove_manifest`, so the kubelet reacts as it
//! does to its `staticPodPath` (`pkg/kubelet/config/file.go`).
//!
//! A node holds at most [`limits::MAX_NODE_FILES`] files and directories and
//! [`limits::MAX_NODE_BYTES`] bytes, a file at most [`limits::MAX_TEXT_BYTES`],
//! and names are bounded as the kernel bounds them (`NAME_MAX`, `PATH_MAX`).

use taintlab_core::Cluster;
use taintlab_core::clock::Time;
use taintlab_core::cluster::STATIC_POD_PATH;
use taintlab_core::limits::{self, Limit};
use taintlab_core::sorted_map::SortedMap;

/// The home directory of root, where `ssh` sessions start.
pub const HOME: &str = "/root";

/// What a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A directory.
    Dir,
    /// A regular file.
    File,
}

/// The longest file name, in bytes (`NAME_MAX` of `linux/limits.h`).
const NAME_MAX: usize = 255;

/// The longest path, in bytes and without its terminating NUL (`PATH_MAX` of
/// `linux/limits.h` is 4096 with it).
const PATH_MAX: usize = 4095;

/// Why a file operation failed, as `strerror` words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsError {
    /// `ENOENT`.
    NotFound,
    /// `ENOTDIR`.
    NotADirectory,
    /// `EISDIR`.
    IsADirectory,
    /// `EEXIST`.
    Exists,
    /// `ENOTEMPTY`.
    NotEmpty,
    /// `EINVAL`: a static pod manifest's name taintlab refuses (a control or
    /// invisible character, or longer than [`taintlab_core::file_name::MAX_NAME`]
    /// bytes; see [`taintlab_core::Cluster::write_manifest`]).
    InvalidName,
    /// `ENAMETOOLONG`: a name longer than `NAME_MAX` or a path longer than `PATH_MAX`.
    NameTooLong,
    /// `EBUSY`: the root directory is a mount point and cannot be renamed.
    Busy,
    /// One of taintlab's limits, met where a real disk would say `ENOSPC` or
    /// `EFBIG`: the message names the limit instead.
    Limit(Limit),
}

impl FsError {
    /// The C library's message for the error (a limit's own message for a limit).
    pub fn message(self) -> String {
        match self {
            FsError::NotFound => "No such file or directory".into(),
            FsError::NotADirectory => "Not a directory".into(),
            FsError::IsADirectory => "Is a directory".into(),
            FsError::Exists => "File exists".into(),
            FsError::NotEmpty => "Directory not empty".into(),
            FsError::NameTooLong => "File name too long".into(),
            FsError::Busy => "Device or resource busy".into(),
            FsError::Limit(limit) => limit.en(),
            FsError::InvalidName => {
                "Invalid argument (taintlab: a static pod manifest's name holds no control or invisible characters and at most 100 bytes)".into()
            }
        }
    }
}

/// Whether a new file or directory may be called `path` (absolute, normalized):
/// the kernel refuses a name over `NAME_MAX` bytes and a path over `PATH_MAX`.
pub fn check_name(path: &str) -> Result<(), FsError> {
    if path.len() > PATH_MAX || path.split('/').any(|name| name.len() > NAME_MAX) {
        return Err(FsError::NameTooLong);
    }
    Ok(())
}

/// Whether `path` is `dir` or lies under it (both absolute, normalized).
pub fn within(path: &str, dir: &str) -> bool {
    dir == "/"
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// One entry of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Inode {
    Dir(Time),
    File(String, Time),
}

/// What `stat` tells about a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    /// File or directory.
    pub kind: Kind,
    /// Size in bytes (4096 for a directory, as on ext4 and overlayfs).
    pub size: usize,
    /// Last modification.
    pub mtime: Time,
}

/// The files of one node, except the static pod manifests, which live in the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeFs {
    entries: SortedMap<String, Inode>,
    /// When the shell last wrote each manifest.
    manifest_times: SortedMap<String, Time>,
}

/// A node's file system together with the cluster that holds its manifests.
pub struct Machine<'a> {
    /// The cluster.
    pub cluster: &'a mut Cluster,
    /// The node's name.
    pub node: &'a str,
    /// The node's files.
    pub fs: &'a mut NodeFs,
}

/// The directory part of an absolute, normalized path (`/` for `/x` and `/`).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// The last component of a path (`/` for `/`).
pub fn base(path: &str) -> &str {
    if path == "/" {
        return "/";
    }
    path.rsplit('/').next().unwrap_or(path)
}

/// `dir` joined with `name`.
pub fn join(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// Turns what the user typed into an absolute path: `~` is root's home, relative
/// paths start at `cwd`, and `.`, `..` and repeated slashes are folded as the
/// kernel does for a tree without symbolic links.
pub fn resolve(cwd: &str, arg: &str) -> String {
    let expanded = if arg == "~" {
        HOME.to_string()
    } else if let Some(rest) = arg.strip_prefix("~/") {
        format!("{HOME}/{rest}")
    } else if arg.starts_with('/') {
        arg.to_string()
    } else {
        format!("{cwd}/{arg}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in expanded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

impl NodeFs {
    /// The tree a fresh kind node has: the directories of a Debian root file system,
    /// the kubelet's configuration as kubeadm writes it, its systemd unit as kind
    /// ships it, and the manifest directory.
    pub fn new(files: Vec<(String, String)>) -> NodeFs {
        let mut fs = NodeFs::default();
        for dir in SKELETON {
            fs.entries.insert(dir.to_string(), Inode::Dir(Time::ZERO));
        }
        for (path, content) in files {
            let mut dir = parent(&path).to_string();
            while !fs.entries.contains_key(dir.as_str()) {
                fs.entries.insert(dir.clone(), Inode::Dir(Time::ZERO));
                dir = parent(&dir).to_string();
            }
            fs.entries.insert(path, Inode::File(content, Time::ZERO));
        }
        fs
    }
}

/// Directories every node has.
const SKELETON: &[&str] = &[
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/etc/kubernetes",
    STATIC_POD_PATH,
    "/etc/kubernetes/pki",
    "/etc/systemd",
    "/etc/systemd/system",
    "/etc/systemd/system/kubelet.service.d",
    "/home",
    "/kind",
    "/lib",
    "/media",
    "/mnt",
    "/opt",
    "/proc",
    HOME,
    "/run",
    "/sbin",
    "/srv",
    "/sys",
    "/tmp",
    "/usr",
    "/usr/bin",
    "/usr/local",
    "/usr/local/bin",
    "/var",
    "/var/lib",
    "/var/lib/kubelet",
    "/var/lib/kubelet/pki",
    "/var/log",
    "/var/log/containers",
    "/var/log/pods",
];

impl Machine<'_> {
    /// The manifest a path names, if it is a file directly in the static pod
    /// directory. Dot files are the kubelet's to ignore (`file.go` skips names
    /// starting with `.`), so they stay ordinary files here.
    fn manifest_name<'p>(&self, path: &'p str) -> Option<&'p str> {
        let name = path.strip_prefix(STATIC_POD_PATH)?.strip_prefix('/')?;
        if name.is_empty() || name.contains('/') || name.starts_with('.') {
            return None;
        }
        if self.fs.entries.contains_key(path) {
            // A directory of that name.
            return None;
        }
        Some(name)
    }

    fn manifest_dir_exists(&self) -> bool {
        matches!(self.fs.entries.get(STATIC_POD_PATH), Some(Inode::Dir(_)))
    }

    fn manifest(&self, name: &str) -> Option<&String> {
        if !self.manifest_dir_exists() {
            return None;
        }
        self.cluster
            .node_runtime(self.node)
            .and_then(|r| r.manifests.get(name))
    }

    /// What `path` (absolute, normalized) is.
    pub fn stat(&self, path: &str) -> Option<Stat> {
        if let Some(name) = self.manifest_name(path) {
            let content = self.manifest(name)?;
            return Some(Stat {
                kind: Kind::File,
                size: content.len(),
                mtime: self
                    .fs
                    .manifest_times
                    .get(name)
                    .copied()
                    .unwrap_or(Time::ZERO),
            });
        }
        match self.fs.entries.get(path)? {
            Inode::Dir(t) => Some(Stat {
                kind: Kind::Dir,
                size: 4096,
                mtime: *t,
            }),
            Inode::File(content, t) => Some(Stat {
                kind: Kind::File,
                size: content.len(),
                mtime: *t,
            }),
        }
    }

    /// The kind of `path`, if it exists.
    pub fn kind(&self, path: &str) -> Option<Kind> {
        self.stat(path).map(|s| s.kind)
    }

    /// Checks that the directory holding `path` exists.
    fn check_parent(&self, path: &str) -> Result<(), FsError> {
        match self.kind(parent(path)) {
            Some(Kind::Dir) => Ok(()),
            Some(Kind::File) => Err(FsError::NotADirectory),
            None => Err(FsError::NotFound),
        }
    }

    /// The content of a file.
    pub fn read(&self, path: &str) -> Result<String, FsError> {
        if let Some(name) = self.manifest_name(path) {
            self.check_parent(path)?;
            return self.manifest(name).cloned().ok_or(FsError::NotFound);
        }
        match self.fs.entries.get(path) {
            Some(Inode::File(content, _)) => Ok(content.clone()),
            Some(Inode::Dir(_)) => Err(FsError::IsADirectory),
            None => {
                self.check_parent(path)?;
                Err(FsError::NotFound)
            }
        }
    }

    /// How many files and directories the node holds, its manifests included.
    pub fn files(&self) -> usize {
        let manifests = self
            .cluster
            .node_runtime(self.node)
            .map_or(0, |r| r.manifests.len());
        self.fs.entries.len() + manifests
    }

    /// How many bytes the node's files hold together, its manifests included.
    fn bytes(&self) -> usize {
        let manifests: usize = self
            .cluster
            .node_runtime(self.node)
            .map_or(0, |r| r.manifests.values().map(String::len).sum());
        let files: usize = self
            .fs
            .entries
            .values()
            .map(|inode| match inode {
                Inode::File(content, _) => content.len(),
                Inode::Dir(_) => 0,
            })
            .sum();
        files + manifests
    }

    /// Whether the node has room for `files` more files and `bytes` more bytes,
    /// within [`limits::MAX_NODE_FILES`] and [`limits::MAX_NODE_BYTES`].
    pub fn room(&self, files: usize, bytes: usize) -> Result<(), FsError> {
        if self.files().saturating_add(files) > limits::MAX_NODE_FILES {
            return Err(FsError::Limit(Limit::NodeFiles));
        }
        if bytes > 0 && self.bytes().saturating_add(bytes) > limits::MAX_NODE_BYTES {
            return Err(FsError::Limit(Limit::NodeBytes));
        }
        Ok(())
    }

    /// Creates or replaces a file. A file holds at most
    /// [`limits::MAX_TEXT_BYTES`], and a new one needs room on the node.
    pub fn write(&mut self, path: &str, content: &str) -> Result<(), FsError> {
        self.check_parent(path)?;
        if content.len() > limits::MAX_TEXT_BYTES {
            return Err(FsError::Limit(Limit::TextBytes));
        }
        let existing = self.stat(path);
        match existing {
            Some(Stat {
                kind: Kind::Dir, ..
            }) => return Err(FsError::IsADirectory),
            Some(Stat { size, .. }) => self.room(0, content.len().saturating_sub(size))?,
            None => {
                check_name(path)?;
                self.room(1, content.len())?;
            }
        }
        let now = self.cluster.now();
        if let Some(name) = self.manifest_name(path) {
            let name = name.to_string();
            // The kubelet's file source sees the new content and syncs its pods.
            if !self.cluster.write_manifest(self.node, &name, content) {
                return Err(FsError::InvalidName);
            }
            self.fs.manifest_times.insert(name, now);
            return Ok(());
        }
        self.fs
            .entries
            .insert(path.to_string(), Inode::File(content.to_string(), now));
        self.touch_dir(parent(path), now);
        Ok(())
    }

    /// Sets a file's modification time to now (`touch` of an existing file).
    pub fn touch(&mut self, path: &str) {
        let now = self.cluster.now();
        if let Some(name) = self.manifest_name(path) {
            self.fs.manifest_times.insert(name.to_string(), now);
            return;
        }
        match self.fs.entries.get_mut(path) {
            Some(Inode::File(_, t) | Inode::Dir(t)) => *t = now,
            None => {}
        }
    }

    fn touch_dir(&mut self, dir: &str, now: Time) {
        if let Some(Inode::Dir(t)) = self.fs.entries.get_mut(dir) {
            *t = now;
        }
    }

    /// Removes a file (not a directory).
    pub fn remove_file(&mut self, path: &str) -> Result<(), FsError> {
        if let Some(name) = self.manifest_name(path) {
            let name = name.to_string();
            if self.manifest(&name).is_none() {
                return Err(FsError::NotFound);
            }
            // The kubelet stops the static pod and its mirror pod goes away.
            self.cluster.remove_manifest(self.node, &name);
            self.fs.manifest_times.remove(name.as_str());
            let now = self.cluster.now();
            self.touch_dir(STATIC_POD_PATH, now);
            return Ok(());
        }
        match self.fs.entries.get(path) {
            Some(Inode::File(..)) => {
                self.fs.entries.remove(path);
                let now = self.cluster.now();
                self.touch_dir(parent(path), now);
                Ok(())
            }
            Some(Inode::Dir(_)) => Err(FsError::IsADirectory),
            None => {
                self.check_parent(path)?;
                Err(FsError::NotFound)
            }
        }
    }

    /// Creates a directory whose parent exists, if the node has room for it.
    pub fn make_dir(&mut self, path: &str) -> Result<(), FsError> {
        if self.stat(path).is_some() {
            return Err(FsError::Exists);
        }
        self.check_parent(path)?;
        check_name(path)?;
        self.room(1, 0)?;
        let now = self.cluster.now();
        self.fs.entries.insert(path.to_string(), Inode::Dir(now));
        self.touch_dir(parent(path), now);
        Ok(())
    }

    /// Removes an empty directory.
    pub fn remove_dir(&mut self, path: &str) -> Result<(), FsError> {
        match self.kind(path) {
            None => return Err(FsError::NotFound),
            Some(Kind::File) => return Err(FsError::NotADirectory),
            Some(Kind::Dir) => {}
        }
        if !self.list(path)?.is_empty() {
            return Err(FsError::NotEmpty);
        }
        self.fs.entries.remove(path);
        let now = self.cluster.now();
        self.touch_dir(parent(path), now);
        Ok(())
    }

    /// The names in a directory, sorted bytewise (the C locale's order).
    pub fn list(&self, dir: &str) -> Result<Vec<String>, FsError> {
        match self.kind(dir) {
            None => return Err(FsError::NotFound),
            Some(Kind::File) => return Err(FsError::NotADirectory),
            Some(Kind::Dir) => {}
        }
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{dir}/")
        };
        let mut names: Vec<String> = self
            .fs
            .entries
            .keys()
            .filter_map(|k| k.strip_prefix(prefix.as_str()))
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .map(str::to_string)
            .collect();
        if dir == STATIC_POD_PATH
            && let Some(runtime) = self.cluster.node_runtime(self.node)
        {
            names.extend(
                runtime
                    .manifests
                    .keys()
                    .filter(|n| !n.is_empty() && !n.contains('/') && !n.starts_with('.'))
                    .cloned(),
            );
        }
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// How many directories `dir` holds (for its link count).
    pub fn subdirs(&self, dir: &str) -> usize {
        self.list(dir)
            .unwrap_or_default()
            .iter()
            .filter(|n| self.kind(&join(dir, n)) == Some(Kind::Dir))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_like_the_kernel() {
        let cases = [
            ("/root", "web.yaml", "/root/web.yaml"),
            ("/root", "~", "/root"),
            ("/", "~/a/../b", "/root/b"),
            ("/etc/kubernetes", "manifests/", "/etc/kubernetes/manifests"),
            ("/etc", "../../..", "/"),
            ("/tmp", "//etc///hosts", "/etc/hosts"),
            ("/tmp", "./x/./y", "/tmp/x/y"),
        ];
        for (cwd, arg, want) in cases {
            assert_eq!(resolve(cwd, arg), want, "{cwd} + {arg}");
        }
        assert_eq!(parent("/etc/kubernetes"), "/etc");
        assert_eq!(parent("/etc"), "/");
        assert_eq!(base("/etc/kubernetes"), "kubernetes");
    }

    #[test]
    fn manifests_are_the_clusters() {
        let mut cluster = Cluster::tutorial();
        let mut fs = NodeFs::new(Vec::new());
        let mut m = Machine {
            cluster: &mut cluster,
            node: "worker",
            fs: &mut fs,
        };
        let path = format!("{STATIC_POD_PATH}/web.yaml");
        assert_eq!(m.read(&path), Err(FsError::NotFound));
        m.write(&path, "kind: Pod\n").expect("writes");
        assert_eq!(m.list(STATIC_POD_PATH), Ok(vec!["web.yaml".to_string()]));
        m.write(&format!("{STATIC_POD_PATH}/.swp"), "x")
            .expect("writes");
        assert_eq!(
            cluster.node_runtime("worker").map(|r| r.manifests.len()),
            Some(1)
        );
        let mut m = Machine {
            cluster: &mut cluster,
            node: "worker",
            fs: &mut fs,
        };
        m.remove_file(&path).expect("removes");
        assert_eq!(m.remove_file(&path), Err(FsError::NotFound));
        assert_eq!(m.write("/nowhere/x", ""), Err(FsError::NotFound));
        assert_eq!(m.write("/etc", ""), Err(FsError::IsADirectory));
        for name in [
            "tab\there.yaml",
            "cr\r",
            "nul\0",
            "bidi\u{202E}",
            &"x".repeat(101),
        ] {
            let path = format!("{STATIC_POD_PATH}/{name}");
            assert_eq!(m.write(&path, "kind: Pod\n"), Err(FsError::InvalidName));
            assert_eq!(m.read(&path), Err(FsError::NotFound));
        }
        assert!(FsError::InvalidName.message().contains(&format!(
            "at most {} bytes",
            taintlab_core::file_name::MAX_NAME
        )));
    }
}
