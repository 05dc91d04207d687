//! GNU `mv` and `cp` on the node. A rename into, out of or within the static pod
//! directory is a removal then a creation, the order in which the kubelet's file
//! source sees a rename's inotify events.

use super::coreutils::{Errors, getopt, missing, remove_tree};
use super::node_fs::{self, FsError, Kind};
use super::node_shell::{Res, Shell};

/// Copies a file or a directory tree.
fn copy_tree(sh: &mut Shell<'_>, from: &str, to: &str) -> Result<(), FsError> {
    match sh.m.kind(from) {
        Some(Kind::File) => {
            let text = sh.m.read(from)?;
            sh.m.write(to, &text)
        }
        Some(Kind::Dir) => {
            if sh.m.kind(to) != Some(Kind::Dir) {
                sh.m.make_dir(to)?;
            }
            for name in sh.m.list(from)? {
                copy_tree(sh, &node_fs::join(from, &name), &node_fs::join(to, &name))?;
            }
            Ok(())
        }
        None => Err(FsError::NotFound),
    }
}

/// Removes a file or a directory tree, quietly.
fn remove_any(sh: &mut Shell<'_>, path: &str) {
    let mut out = String::new();
    let mut errors = Errors::default();
    if sh.m.kind(path) == Some(Kind::Dir) {
        remove_tree(sh, path, path, false, &mut out, &mut errors);
    } else {
        let _ = sh.m.remove_file(path);
    }
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
        let (to, to_shown) = if into_dir {
            let name = node_fs::base(&from).to_string();
            (
                node_fs::join(&dest_path, &name),
                format!("{}/{name}", dest.trim_end_matches('/')),
            )
        } else {
            (dest_path.clone(), dest.clone())
        };
        if kind == Kind::Dir && !recursive {
            errors.add(
                format!("cp: -r not specified; omitting directory '{src}'"),
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
        if kind == Kind::Dir && to.starts_with(&format!("{from}/")) {
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
        if moving {
            // A rename: the kubelet's file source sees the old name go, then the new one.
            let saved = (kind == Kind::File)
                .then(|| sh.m.read(&from).ok())
                .flatten();
            match saved {
                Some(text) => {
                    let _ = sh.m.remove_file(&from);
                    if let Err(e) = sh.m.write(&to, &text) {
                        errors.add(
                            format!("mv: cannot move '{src}' to '{to_shown}': {}", e.message()),
                            1,
                        );
                        continue;
                    }
                }
                None => {
                    if let Err(e) = copy_tree(sh, &from, &to) {
                        errors.add(
                            format!("mv: cannot move '{src}' to '{to_shown}': {}", e.message()),
                            1,
                        );
                        continue;
                    }
                    remove_any(sh, &from);
                }
            }
            if opts.has('v') {
                out.push_str(&format!("renamed '{src}' -> '{to_shown}'\n"));
            }
        } else {
            if let Err(e) = copy_tree(sh, &from, &to) {
                errors.add(
                    format!(
                        "cp: cannot create regular file '{to_shown}': {}",
                        e.message()
                    ),
                    1,
                );
                continue;
            }
            if opts.has('v') {
                out.push_str(&format!("'{src}' -> '{to_shown}'\n"));
            }
        }
    }
    errors.finish(out)
}

/// `mv SOURCE... DEST`.
pub(crate) fn mv(sh: &mut Shell<'_>, args: &[String]) -> Res {
    transfer(sh, "mv", args)
}

/// `cp [-r] SOURCE... DEST`.
pub(crate) fn cp(sh: &mut Shell<'_>, args: &[String]) -> Res {
    transfer(sh, "cp", args)
}
