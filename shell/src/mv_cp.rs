//! GNU `mv` and `cp` on the node. A rename into, out of or within the static pod
//! directory is a removal then a creation, the order in which the kubelet's file
//! source sees a rename's inotify events.
//!
//! Both check everything a transfer needs before they change anything (names,
//! what lies at each destination, room on the node within taintlab's limits), so
//! a refused operand leaves the node as it was. Neither copies nor moves a
//! directory into itself: coreutils refuses that (`cp: cannot copy a directory,
//! 'a', into itself, 'a/b'`), and with `/` it would never end.

use super::coreutils::{Errors, getopt, missing};
use super::node_command::{Res, Shell};
use super::node_fs::{self, FsError, Kind};

/// The name a source gets in the destination directory `dest`, as typed: GNU's
/// `file_name_concat (dest, last_component (src))` with trailing slashes
/// removed, so `a` into `d/` is `d/a` and `/` into `/x` is `/x/`.
fn target_name(dest: &str, src: &str) -> String {
    let base = last_component(src);
    let dir = dest.trim_end_matches('/');
    if dir.is_empty() {
        // The destination is the root: no second slash.
        return format!("{dest}{base}");
    }
    format!("{dir}/{base}")
}

/// The last component of a path as typed, without trailing slashes (empty for `/`).
fn last_component(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// A tree's files and directories, parents before children, each as its path
/// relative to the root (empty for the root itself). The node's file limit
/// bounds its length.
fn tree(sh: &Shell<'_>, root: &str, kind: Kind) -> Vec<(String, Kind)> {
    let mut out = vec![(String::new(), kind)];
    let mut at = 0;
    while let Some((rel, kind)) = out.get(at).cloned() {
        at += 1;
        if kind != Kind::Dir {
            continue;
        }
        let dir = under(root, &rel);
        for name in sh.m.list(&dir).unwrap_or_default() {
            let child = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if let Some(kind) = sh.m.kind(&node_fs::join(&dir, &name)) {
                out.push((child, kind));
            }
        }
    }
    out
}

/// `root` with the relative path `rel` under it.
fn under(root: &str, rel: &str) -> String {
    if rel.is_empty() {
        root.to_string()
    } else {
        node_fs::join(root, rel)
    }
}

/// A failed transfer: the entry (relative to the operand) and why.
struct Failure {
    rel: String,
    kind: Kind,
    error: FsError,
}

impl Failure {
    fn new(rel: &str, kind: Kind, error: FsError) -> Failure {
        Failure {
            rel: rel.to_string(),
            kind,
            error,
        }
    }
}

/// Copies the tree at `from` to `to`, merging into directories that exist. Every
/// destination is checked first, and the node's room for what is new, so that
/// a copy that cannot finish does not start.
fn copy_tree(sh: &mut Shell<'_>, from: &str, to: &str, kind: Kind) -> Result<(), Failure> {
    let entries = tree(sh, from, kind);
    let (mut files, mut bytes) = (0usize, 0usize);
    for (rel, kind) in &entries {
        let dest = under(to, rel);
        let size = match kind {
            Kind::Dir => 0,
            Kind::File => sh.m.stat(&under(from, rel)).map_or(0, |s| s.size),
        };
        match (kind, sh.m.stat(&dest)) {
            (_, None) => {
                node_fs::check_name(&dest).map_err(|e| Failure::new(rel, *kind, e))?;
                files += 1;
                bytes = bytes.saturating_add(size);
            }
            (Kind::File, Some(existing)) if existing.kind == Kind::File => {
                bytes = bytes.saturating_add(size.saturating_sub(existing.size));
            }
            (Kind::Dir, Some(existing)) if existing.kind == Kind::Dir => {}
            (Kind::File, Some(_)) => {
                return Err(Failure::new(rel, *kind, FsError::IsADirectory));
            }
            (Kind::Dir, Some(_)) => {
                return Err(Failure::new(rel, *kind, FsError::NotADirectory));
            }
        }
    }
    sh.m.room(files, bytes)
        .map_err(|e| Failure::new("", kind, e))?;
    for (rel, kind) in entries {
        let dest = under(to, &rel);
        let done = match kind {
            Kind::Dir if sh.m.kind(&dest) == Some(Kind::Dir) => Ok(()),
            Kind::Dir => sh.m.make_dir(&dest),
            Kind::File => {
                sh.m.read(&under(from, &rel))
                    .and_then(|text| sh.m.write(&dest, &text))
            }
        };
        done.map_err(|e| Failure::new(&rel, kind, e))?;
    }
    Ok(())
}

/// Moves the tree at `from` to `to` (which does not exist, or is an empty
/// directory it replaces): what it holds is read, the tree is removed, then
/// made again at `to`, so the node never needs more room than it has.
fn move_tree(sh: &mut Shell<'_>, from: &str, to: &str, kind: Kind) -> Result<(), Failure> {
    let entries = tree(sh, from, kind);
    for (rel, kind) in &entries {
        node_fs::check_name(&under(to, rel)).map_err(|e| Failure::new(rel, *kind, e))?;
    }
    let mut saved = Vec::with_capacity(entries.len());
    for (rel, kind) in entries {
        let text = match kind {
            Kind::File => {
                let text = sh.m.read(&under(from, &rel));
                Some(text.map_err(|e| Failure::new(&rel, kind, e))?)
            }
            Kind::Dir => None,
        };
        saved.push((rel, text));
    }
    // Children before parents, so each directory is empty when it goes.
    for (rel, text) in saved.iter().rev() {
        let path = under(from, rel);
        let _ = match text {
            Some(_) => sh.m.remove_file(&path),
            None => sh.m.remove_dir(&path),
        };
    }
    if sh.m.kind(to) == Some(Kind::Dir) {
        let _ = sh.m.remove_dir(to);
    }
    for (rel, text) in &saved {
        let dest = under(to, rel);
        let made = match text {
            Some(text) => sh.m.write(&dest, text),
            None => sh.m.make_dir(&dest),
        };
        let kind = if text.is_some() {
            Kind::File
        } else {
            Kind::Dir
        };
        made.map_err(|e| Failure::new(rel, kind, e))?;
    }
    Ok(())
}

/// `mv` and `cp`: the operands, with the destination directory form
/// (`mv a b DIR`) and the messages of both tools.
fn transfer(sh: &mut Shell<'_>, cmd: &str, args: &[String]) -> Res {
    let moving = cmd == "mv";
    let (shorts, longs): (&str, &[(&str, char)]) = if moving {
        ("finuv", &[("force", 'f'), ("verbose", 'v')])
    } else {
        (
            "rRafinpv",
            &[
                ("recursive", 'r'),
                ("archive", 'a'),
                ("force", 'f'),
                ("verbose", 'v'),
            ],
        )
    };
    let opts = match getopt(cmd, args, shorts, longs, 1) {
        Ok(o) => o,
        Err(res) => return res,
    };
    let recursive = moving || opts.has('r') || opts.has('R') || opts.has('a');
    let try_help = format!("Try '{cmd} --help' for more information.\n");
    let (sources, dest) = match opts.operands.as_slice() {
        [] => return Res::fail(format!("{cmd}: missing file operand\n{try_help}"), 1),
        [only] => {
            return Res::fail(
                format!("{cmd}: missing destination file operand after '{only}'\n{try_help}"),
                1,
            );
        }
        [sources @ .., dest] => (sources, dest),
    };
    let dest_path = sh.path(dest);
    let into_dir = sh.m.kind(&dest_path) == Some(Kind::Dir);
    if sources.len() > 1 && !into_dir {
        return Res::fail(format!("{cmd}: target '{dest}' is not a directory\n"), 1);
    }
    let verb = if moving { "move" } else { "copy" };
    let mut out = String::new();
    let mut errors = Errors::default();
    for src in sources {
        let from = sh.path(src);
        let Some(kind) = sh.m.kind(&from) else {
            let e = missing(sh, &from);
            errors.add(format!("{cmd}: cannot stat '{src}': {}", e.message()), 1);
            continue;
        };
        let to_shown = if into_dir {
            target_name(dest, src)
        } else {
            dest.clone()
        };
        let to = sh.path(&to_shown);
        if kind == Kind::Dir && !recursive {
            errors.add(
                format!("cp: -r not specified; omitting directory '{src}'"),
                1,
            );
            continue;
        }
        if moving && matches!(last_component(src), "" | "." | "..") {
            // The kernel will not rename `/` (a mount point), `.` or `..`.
            errors.add(
                format!(
                    "mv: cannot move '{src}' to '{to_shown}': {}",
                    FsError::Busy.message()
                ),
                1,
            );
            continue;
        }
        if from == to {
            errors.add(
                format!("{cmd}: '{src}' and '{to_shown}' are the same file"),
                1,
            );
            continue;
        }
        if kind == Kind::Dir && node_fs::within(&to, &from) {
            let message = if moving {
                format!("mv: cannot move '{src}' to a subdirectory of itself, '{to_shown}'")
            } else {
                format!("cp: cannot copy a directory, '{src}', into itself, '{to_shown}'")
            };
            errors.add(message, 1);
            continue;
        }
        match (kind, sh.m.kind(&to)) {
            (Kind::File, Some(Kind::Dir)) => {
                errors.add(
                    format!("{cmd}: cannot overwrite directory '{to_shown}' with non-directory"),
                    1,
                );
                continue;
            }
            (Kind::Dir, Some(Kind::File)) => {
                errors.add(
                    format!(
                        "{cmd}: cannot overwrite non-directory '{to_shown}' with directory '{src}'"
                    ),
                    1,
                );
                continue;
            }
            (Kind::Dir, Some(Kind::Dir))
                if moving && !sh.m.list(&to).unwrap_or_default().is_empty() =>
            {
                // rename(2) replaces an empty directory only.
                errors.add(
                    format!(
                        "mv: cannot move '{src}' to '{to_shown}': {}",
                        FsError::NotEmpty.message()
                    ),
                    1,
                );
                continue;
            }
            _ => {}
        }
        if sh.m.kind(node_fs::parent(&to)) != Some(Kind::Dir) {
            let e = missing(sh, &to);
            errors.add(
                format!(
                    "{cmd}: cannot {verb} '{src}' to '{to_shown}': {}",
                    e.message()
                ),
                1,
            );
            continue;
        }
        let done = if moving {
            move_tree(sh, &from, &to, kind)
        } else {
            copy_tree(sh, &from, &to, kind)
        };
        match done {
            Ok(()) if !opts.has('v') => {}
            Ok(()) if moving => out.push_str(&format!("renamed '{src}' -> '{to_shown}'\n")),
            Ok(()) => out.push_str(&format!("'{src}' -> '{to_shown}'\n")),
            Err(failure) => errors.add(failure_message(cmd, src, &to_shown, &failure), 1),
        }
    }
    errors.finish(out)
}

/// What `mv` or `cp` says when an entry of `src` cannot be made at `to_shown`.
fn failure_message(cmd: &str, src: &str, to_shown: &str, failure: &Failure) -> String {
    let shown = if failure.rel.is_empty() {
        to_shown.to_string()
    } else {
        format!("{}/{}", to_shown.trim_end_matches('/'), failure.rel)
    };
    let e = failure.error;
    match (cmd, failure.kind, e) {
        ("mv", _, _) => format!("mv: cannot move '{src}' to '{shown}': {}", e.message()),
        (_, Kind::File, FsError::IsADirectory) => {
            format!("cp: cannot overwrite directory '{shown}' with non-directory")
        }
        (_, Kind::Dir, FsError::NotADirectory) => format!(
            "cp: cannot overwrite non-directory '{shown}' with directory '{}/{}'",
            src.trim_end_matches('/'),
            failure.rel
        ),
        (_, Kind::Dir, _) => format!("cp: cannot create directory '{shown}': {}", e.message()),
        (_, Kind::File, _) => {
            format!("cp: cannot create regular file '{shown}': {}", e.message())
        }
    }
}

/// `mv SOURCE... DEST`.
pub(crate) fn mv(sh: &mut Shell<'_>, args: &[String]) -> Res {
    transfer(sh, "mv", args)
}

/// `cp [-r] SOURCE... DEST`.
pub(crate) fn cp(sh: &mut Shell<'_>, args: &[String]) -> Res {
    transfer(sh, "cp", args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_named_as_coreutils_names_them() {
        let cases = [
            ("d", "a", "d/a"),
            ("d/", "a/", "d/a"),
            ("d//", "x/y//", "d/y"),
            ("/x", "/", "/x/"),
            ("/", "etc", "/etc"),
            ("d", ".", "d/."),
        ];
        for (dest, src, want) in cases {
            assert_eq!(target_name(dest, src), want, "{src} into {dest}");
        }
    }
}
