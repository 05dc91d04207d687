//! GNU coreutils on the node (`cat`, `rm`, `rmdir`, `mkdir`, `touch`; `mv` and `cp`
//! are in [`super::mv_cp`]) and
//! bash's `echo`, with their messages in the C locale (`cat: x: No such file or
//! directory`, `rm: cannot remove 'x': Is a directory`).

use super::node_command::{Res, Shell};
use super::node_fs::{self, FsError, Kind};
use taintlab_core::limits::{self, Limit};

/// Options as GNU `getopt_long` reads them: short flags may be combined (`-rf`),
/// long ones are spelled out, `--` ends them, operands may come anywhere.
pub(crate) struct Opts {
    /// The short letters seen (long options mapped to their letter).
    pub flags: Vec<char>,
    /// Everything else, in order.
    pub operands: Vec<String>,
}

impl Opts {
    /// Whether `c` was given.
    pub fn has(&self, c: char) -> bool {
        self.flags.contains(&c)
    }
}

/// Parses `args` for `cmd`, accepting the letters in `shorts` and the long options
/// in `longs`; an unknown one is getopt's error with exit status `bad`.
pub(crate) fn getopt(
    cmd: &str,
    args: &[String],
    shorts: &str,
    longs: &[(&str, char)],
    bad: i32,
) -> Result<Opts, Res> {
    let mut opts = Opts {
        flags: Vec::new(),
        operands: Vec::new(),
    };
    let try_help = format!("Try '{cmd} --help' for more information.\n");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--" {
            opts.operands.extend(rest.by_ref().cloned());
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            if long == "help" {
                return Err(Res::ok(format!(
                    "Usage: {cmd} [OPTION]... FILE...\n(taintlab simulates: {})\n",
                    shorts
                        .chars()
                        .map(|c| format!("-{c}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                )));
            }
            match longs.iter().find(|(name, _)| *name == long) {
                Some((_, c)) => opts.flags.push(*c),
                None => {
                    return Err(Res::fail(
                        format!("{cmd}: unrecognized option '{arg}'\n{try_help}"),
                        bad,
                    ));
                }
            }
        } else if arg.len() > 1 && arg.starts_with('-') {
            for c in arg.chars().skip(1) {
                if shorts.contains(c) {
                    opts.flags.push(c);
                } else {
                    return Err(Res::fail(
                        format!("{cmd}: invalid option -- '{c}'\n{try_help}"),
                        bad,
                    ));
                }
            }
        } else {
            opts.operands.push(arg.clone());
        }
    }
    Ok(opts)
}

/// What a command says when its output would exceed [`limits::MAX_TEXT_BYTES`]
/// (it then writes nothing): GNU's `write error` line, with the limit where
/// the C library's reason would be.
pub(crate) fn write_error(cmd: &str) -> String {
    format!("{cmd}: write error: {}\n", Limit::TextBytes.en())
}

/// Collects error lines and the exit status of a command over many operands.
#[derive(Default)]
pub(crate) struct Errors {
    text: String,
    code: i32,
}

impl Errors {
    /// Adds one error line; the status is the highest seen.
    pub(crate) fn add(&mut self, line: String, code: i32) {
        self.text.push_str(&line);
        self.text.push('\n');
        self.code = self.code.max(code);
    }

    /// The command's result: `out` on standard output, the errors on standard error.
    pub(crate) fn finish(self, out: String) -> Res {
        Res {
            out,
            err: self.text,
            code: self.code,
        }
    }
}

/// Why `path` cannot be reached: `NotADirectory` when a parent is a file.
pub(crate) fn missing(sh: &Shell<'_>, path: &str) -> FsError {
    let mut dir = node_fs::parent(path);
    loop {
        match sh.m.kind(dir) {
            Some(Kind::File) => return FsError::NotADirectory,
            Some(Kind::Dir) => return FsError::NotFound,
            None if dir == "/" => return FsError::NotFound,
            None => dir = node_fs::parent(dir),
        }
    }
}

/// bash's `echo` builtin: `-n` drops the newline, `-e` reads backslash escapes.
pub(crate) fn echo(args: &[String]) -> Res {
    let mut newline = true;
    let mut escapes = false;
    let mut words = args;
    while let Some(first) = words.first() {
        let letters = first.strip_prefix('-').unwrap_or_default();
        if letters.is_empty() || !letters.chars().all(|c| matches!(c, 'n' | 'e' | 'E')) {
            break;
        }
        for c in letters.chars() {
            match c {
                'n' => newline = false,
                'e' => escapes = true,
                _ => escapes = false,
            }
        }
        words = &words[1..];
    }
    let mut text = words.join(" ");
    if escapes {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some('c') => {
                    return Res::ok(out);
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        }
        text = out;
    }
    if newline {
        text.push('\n');
    }
    Res::ok(text)
}

/// `cat [-n] [FILE]...`; no file (or `-`) reads standard input, the here-document.
pub(crate) fn cat(sh: &mut Shell<'_>, args: &[String], stdin: Option<&str>) -> Res {
    let opts = match getopt("cat", args, "n", &[("number", 'n')], 1) {
        Ok(o) => o,
        Err(res) => return res,
    };
    let number = opts.has('n');
    let operands = if opts.operands.is_empty() {
        vec!["-".to_string()]
    } else {
        opts.operands
    };
    let mut out = String::new();
    let mut errors = Errors::default();
    for arg in &operands {
        let text = if arg == "-" {
            Ok(stdin.unwrap_or_default().to_string())
        } else {
            sh.m.read(&sh.path(arg))
        };
        match text {
            Ok(text) if out.len().saturating_add(text.len()) > limits::MAX_TEXT_BYTES => {
                return Res::fail(write_error("cat"), 1);
            }
            Ok(text) => out.push_str(&text),
            Err(e) => errors.add(format!("cat: {arg}: {}", e.message()), 1),
        }
    }
    if number {
        let mut numbered = String::new();
        for (i, line) in out.split_inclusive('\n').enumerate() {
            numbered.push_str(&format!("{:>6}\t{line}", i + 1));
            if numbered.len() > limits::MAX_TEXT_BYTES {
                return Res::fail(write_error("cat"), 1);
            }
        }
        out = numbered;
    }
    errors.finish(out)
}

/// `rm [-f] [-r] [-d] [-v] FILE...`.
pub(crate) fn rm(sh: &mut Shell<'_>, args: &[String]) -> Res {
    let longs = [
        ("force", 'f'),
        ("recursive", 'r'),
        ("dir", 'd'),
        ("verbose", 'v'),
    ];
    let opts = match getopt("rm", args, "fiIrRdv", &longs, 1) {
        Ok(o) => o,
        Err(res) => return res,
    };
    let force = opts.has('f');
    let recursive = opts.has('r') || opts.has('R');
    if opts.operands.is_empty() {
        if force {
            return Res::ok("");
        }
        return Res::fail(
            "rm: missing operand\nTry 'rm --help' for more information.\n",
            1,
        );
    }
    let mut out = String::new();
    let mut errors = Errors::default();
    for arg in &opts.operands {
        let path = sh.path(arg);
        let last = arg
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        if last == "." || last == ".." {
            errors.add(
                format!("rm: refusing to remove '.' or '..' directory: skipping '{arg}'"),
                1,
            );
            continue;
        }
        if path == "/" && recursive {
            errors.add(
                "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe".to_string(),
                1,
            );
            continue;
        }
        match sh.m.kind(&path) {
            None => {
                if !force {
                    let e = missing(sh, &path);
                    errors.add(format!("rm: cannot remove '{arg}': {}", e.message()), 1);
                }
            }
            Some(Kind::File) => match sh.m.remove_file(&path) {
                Ok(()) if opts.has('v') => out.push_str(&format!("removed '{arg}'\n")),
                Ok(()) => {}
                Err(e) => errors.add(format!("rm: cannot remove '{arg}': {}", e.message()), 1),
            },
            Some(Kind::Dir) if recursive => {
                remove_tree(sh, &path, arg, opts.has('v'), &mut out, &mut errors);
            }
            Some(Kind::Dir) if opts.has('d') => match sh.m.remove_dir(&path) {
                Ok(()) if opts.has('v') => {
                    out.push_str(&format!("removed directory '{arg}'\n"));
                }
                Ok(()) => {}
                Err(e) => errors.add(format!("rm: cannot remove '{arg}': {}", e.message()), 1),
            },
            Some(Kind::Dir) => {
                errors.add(format!("rm: cannot remove '{arg}': Is a directory"), 1);
            }
        }
    }
    errors.finish(out)
}

/// `rm -r`: the files and directories under `path`, depth first.
pub(crate) fn remove_tree(
    sh: &mut Shell<'_>,
    path: &str,
    shown: &str,
    verbose: bool,
    out: &mut String,
    errors: &mut Errors,
) {
    for name in sh.m.list(path).unwrap_or_default() {
        let child = node_fs::join(path, &name);
        let child_shown = format!("{}/{name}", shown.trim_end_matches('/'));
        if sh.m.kind(&child) == Some(Kind::Dir) {
            remove_tree(sh, &child, &child_shown, verbose, out, errors);
        } else if sh.m.remove_file(&child).is_ok() && verbose {
            out.push_str(&format!("removed '{child_shown}'\n"));
        }
    }
    match sh.m.remove_dir(path) {
        Ok(()) if verbose => out.push_str(&format!("removed directory '{shown}'\n")),
        Ok(()) => {}
        Err(e) => errors.add(format!("rm: cannot remove '{shown}': {}", e.message()), 1),
    }
}

/// `rmdir DIR...`.
pub(crate) fn rmdir(sh: &mut Shell<'_>, args: &[String]) -> Res {
    let opts = match getopt(
        "rmdir",
        args,
        "pv",
        &[("parents", 'p'), ("verbose", 'v')],
        1,
    ) {
        Ok(o) => o,
        Err(res) => return res,
    };
    if opts.operands.is_empty() {
        return Res::fail(
            "rmdir: missing operand\nTry 'rmdir --help' for more information.\n",
            1,
        );
    }
    let mut errors = Errors::default();
    for arg in &opts.operands {
        let path = sh.path(arg);
        if let Err(e) = sh.m.remove_dir(&path) {
            errors.add(
                format!("rmdir: failed to remove '{arg}': {}", e.message()),
                1,
            );
        }
    }
    errors.finish(String::new())
}

/// `mkdir [-p] [-v] DIR...`.
pub(crate) fn mkdir(sh: &mut Shell<'_>, args: &[String]) -> Res {
    let opts = match getopt(
        "mkdir",
        args,
        "pv",
        &[("parents", 'p'), ("verbose", 'v')],
        1,
    ) {
        Ok(o) => o,
        Err(res) => return res,
    };
    if opts.operands.is_empty() {
        return Res::fail(
            "mkdir: missing operand\nTry 'mkdir --help' for more information.\n",
            1,
        );
    }
    let mut out = String::new();
    let mut errors = Errors::default();
    for arg in &opts.operands {
        let path = sh.path(arg);
        if opts.has('p') {
            // Every missing ancestor, outermost first.
            let mut chain = vec![path.clone()];
            let mut dir = node_fs::parent(&path).to_string();
            while dir != "/" && sh.m.kind(&dir).is_none() {
                chain.push(dir.clone());
                dir = node_fs::parent(&dir).to_string();
            }
            for p in chain.iter().rev() {
                match sh.m.kind(p) {
                    Some(Kind::Dir) => {}
                    Some(Kind::File) if p == &path => {
                        errors.add(
                            format!("mkdir: cannot create directory '{arg}': File exists"),
                            1,
                        );
                        break;
                    }
                    _ => match sh.m.make_dir(p) {
                        Ok(()) if opts.has('v') => {
                            out.push_str(&format!("mkdir: created directory '{p}'\n"));
                        }
                        Ok(()) => {}
                        Err(e) => {
                            errors.add(
                                format!("mkdir: cannot create directory '{arg}': {}", e.message()),
                                1,
                            );
                            break;
                        }
                    },
                }
            }
        } else {
            match sh.m.make_dir(&path) {
                Ok(()) if opts.has('v') => {
                    out.push_str(&format!("mkdir: created directory '{arg}'\n"));
                }
                Ok(()) => {}
                Err(e) => errors.add(
                    format!("mkdir: cannot create directory '{arg}': {}", e.message()),
                    1,
                ),
            }
        }
    }
    errors.finish(out)
}

/// `touch [-c] FILE...`: creates empty files, or marks existing ones modified now.
pub(crate) fn touch(sh: &mut Shell<'_>, args: &[String]) -> Res {
    let opts = match getopt("touch", args, "acm", &[("no-create", 'c')], 1) {
        Ok(o) => o,
        Err(res) => return res,
    };
    if opts.operands.is_empty() {
        return Res::fail(
            "touch: missing file operand\nTry 'touch --help' for more information.\n",
            1,
        );
    }
    let mut errors = Errors::default();
    for arg in &opts.operands {
        let path = sh.path(arg);
        if sh.m.kind(&path).is_some() {
            sh.m.touch(&path);
        } else if !opts.has('c')
            && let Err(e) = sh.m.write(&path, "")
        {
            errors.add(format!("touch: cannot touch '{arg}': {}", e.message()), 1);
        }
    }
    errors.finish(String::new())
}
