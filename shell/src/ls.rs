//! GNU `ls` on the node: names in columns on a terminal (`print_many_per_line` with
//! `calculate_columns` for an 80-column screen), one per line when redirected,
//! `-l` long lines, `-a`/`-A`, `-d`, `-h`, `-r`, `-t`, `-1`. Sorting is bytewise, as
//! in the C locale a `docker exec` shell on a kind node runs with.

use super::clock_text::ls_date;
use super::coreutils::getopt;
use super::node_command::{Res, Shell};
use super::node_fs::{self, HOME, Kind, Stat};

const LINE_LENGTH: usize = 80;

/// One name to print, with what `-l` needs.
struct Entry {
    name: String,
    path: String,
    stat: Stat,
}

struct Options {
    all: bool,
    almost_all: bool,
    long: bool,
    one: bool,
    directory: bool,
    human: bool,
    reverse: bool,
    by_time: bool,
}

/// Runs `ls ARGS`.
pub(crate) fn run(sh: &mut Shell<'_>, args: &[String]) -> Res {
    let longs = [
        ("all", 'a'),
        ("almost-all", 'A'),
        ("directory", 'd'),
        ("human-readable", 'h'),
        ("reverse", 'r'),
    ];
    let opts = match getopt("ls", args, "aAl1dhrt", &longs, 2) {
        Ok(o) => o,
        Err(res) => return res,
    };
    let o = Options {
        all: opts.has('a'),
        almost_all: opts.has('A'),
        long: opts.has('l'),
        one: opts.has('1'),
        directory: opts.has('d'),
        human: opts.has('h'),
        reverse: opts.has('r'),
        by_time: opts.has('t'),
    };
    let operands = if opts.operands.is_empty() {
        vec![".".to_string()]
    } else {
        opts.operands
    };
    let mut err = String::new();
    let mut code = 0;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for arg in &operands {
        let path = sh.path(arg);
        match sh.m.stat(&path) {
            None => {
                err.push_str(&format!(
                    "ls: cannot access '{arg}': No such file or directory\n"
                ));
                code = 2;
            }
            Some(stat) if stat.kind == Kind::Dir && !o.directory => dirs.push((arg.clone(), path)),
            Some(stat) => files.push(Entry {
                name: arg.clone(),
                path,
                stat,
            }),
        }
    }
    sort(&mut files, &o);
    let mut out = String::new();
    if !files.is_empty() {
        out.push_str(&format_entries(sh, &files, &o, false));
    }
    let headers = operands.len() > 1;
    dirs.sort_by(|a, b| a.0.cmp(&b.0));
    if o.reverse {
        dirs.reverse();
    }
    for (i, (arg, path)) in dirs.iter().enumerate() {
        if !out.is_empty() || i > 0 {
            out.push('\n');
        }
        if headers {
            out.push_str(&format!("{arg}:\n"));
        }
        let mut entries = Vec::new();
        if o.all {
            for (name, p) in [
                (".", path.clone()),
                ("..", node_fs::parent(path).to_string()),
            ] {
                if let Some(stat) = sh.m.stat(&p) {
                    entries.push(Entry {
                        name: name.to_string(),
                        path: p,
                        stat,
                    });
                }
            }
        }
        for name in sh.m.list(path).unwrap_or_default() {
            if name.starts_with('.') && !(o.all || o.almost_all) {
                continue;
            }
            let p = node_fs::join(path, &name);
            if let Some(stat) = sh.m.stat(&p) {
                entries.push(Entry {
                    name,
                    path: p,
                    stat,
                });
            }
        }
        sort(&mut entries, &o);
        out.push_str(&format_entries(sh, &entries, &o, true));
    }
    Res { out, err, code }
}

fn sort(entries: &mut [Entry], o: &Options) {
    if o.by_time {
        entries.sort_by(|a, b| b.stat.mtime.cmp(&a.stat.mtime).then(a.name.cmp(&b.name)));
    } else {
        entries.sort_by(|a, b| a.name.cmp(&b.name));
    }
    if o.reverse {
        entries.reverse();
    }
}

/// A name as `ls` shows it on a terminal: shell-quoted when it holds characters a
/// shell would read specially (`quoting_style=shell-escape`).
fn quoted(name: &str) -> String {
    let special = |c: char| " \t!\"$&'()*;<>?[\\]^`{|}".contains(c);
    let leading = name.starts_with('#') || name.starts_with('~');
    if !(leading || name.chars().any(special)) {
        return name.to_string();
    }
    if name.contains('\'') {
        format!("\"{}\"", name.replace('"', "\\\""))
    } else {
        format!("'{name}'")
    }
}

fn format_entries(sh: &Shell<'_>, entries: &[Entry], o: &Options, total: bool) -> String {
    let tty = sh.tty;
    let names: Vec<String> = entries
        .iter()
        .map(|e| if tty { quoted(&e.name) } else { e.name.clone() })
        .collect();
    // When some names are quoted, the others get a space so the names line up.
    let any_quoted = tty && names.iter().zip(entries).any(|(n, e)| *n != e.name);
    let names: Vec<String> = names
        .into_iter()
        .zip(entries)
        .map(|(n, e)| {
            if any_quoted && n == e.name {
                format!(" {n}")
            } else {
                n
            }
        })
        .collect();
    if o.long {
        return long_format(sh, entries, &names, o, total);
    }
    if o.one || !tty {
        return names.iter().map(|n| format!("{n}\n")).collect();
    }
    columns(&names)
}

/// Models `calculate_columns` + `print_many_per_line`: the most columns that fit,
/// filled top to bottom, each as wide as its longest name plus two spaces.
fn columns(names: &[String]) -> String {
    let n = names.len();
    if n == 0 {
        return String::new();
    }
    let widths: Vec<usize> = names.iter().map(|s| s.chars().count()).collect();
    let max_cols = n.clamp(1, LINE_LENGTH / 3);
    let mut best = (1, vec![widths.iter().copied().max().unwrap_or(0)]);
    for cols in (1..=max_cols).rev() {
        let rows = n.div_ceil(cols);
        let mut col_widths = vec![0usize; cols];
        for (i, w) in widths.iter().enumerate() {
            let col = i / rows;
            if col < cols {
                let real = w + if col == cols - 1 { 0 } else { 2 };
                col_widths[col] = col_widths[col].max(real);
            }
        }
        if col_widths.iter().sum::<usize>() < LINE_LENGTH {
            best = (cols, col_widths);
            break;
        }
    }
    let (cols, col_widths) = best;
    let rows = n.div_ceil(cols);
    let mut out = String::new();
    for row in 0..rows {
        let mut i = row;
        let mut col = 0;
        loop {
            out.push_str(&names[i]);
            i += rows;
            if i >= n {
                break;
            }
            let pad = col_widths[col].saturating_sub(widths[i - rows]);
            out.extend(std::iter::repeat_n(' ', pad));
            col += 1;
        }
        out.push('\n');
    }
    out
}

/// `ls -h`: sizes rounded up, one decimal below 10 (`human_readable`, ceiling).
fn human(bytes: usize) -> String {
    if bytes < 1024 {
        return bytes.to_string();
    }
    let mut value = bytes as f64;
    let mut unit = 0;
    let units = ['K', 'M', 'G', 'T'];
    while value >= 1024.0 && unit < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    let suffix = units[unit.saturating_sub(1)];
    if value < 10.0 {
        format!("{:.1}{suffix}", (value * 10.0).ceil() / 10.0)
    } else {
        format!("{}{suffix}", value.ceil() as u64)
    }
}

/// The mode string: directories 755, root's home 700, `/tmp` 1777, kubeconfigs and
/// keys 600, other files 644.
fn mode(path: &str, kind: Kind) -> &'static str {
    match kind {
        Kind::Dir if path == HOME => "drwx------",
        Kind::Dir if path == "/tmp" => "drwxrwxrwt",
        Kind::Dir => "drwxr-xr-x",
        Kind::File
            if path.ends_with(".key")
                || path.ends_with(".conf") && path.starts_with("/etc/kubernetes/")
                || path.ends_with(".pem") =>
        {
            "-rw-------"
        }
        Kind::File => "-rw-r--r--",
    }
}

/// 1K blocks a file takes on a 4K-block file system.
fn blocks(stat: &Stat) -> usize {
    stat.size.div_ceil(4096) * 4
}

fn long_format(
    sh: &Shell<'_>,
    entries: &[Entry],
    names: &[String],
    o: &Options,
    total: bool,
) -> String {
    let links: Vec<String> = entries
        .iter()
        .map(|e| match e.stat.kind {
            Kind::Dir => (2 + sh.m.subdirs(&e.path)).to_string(),
            Kind::File => "1".to_string(),
        })
        .collect();
    let sizes: Vec<String> = entries
        .iter()
        .map(|e| {
            if o.human {
                human(e.stat.size)
            } else {
                e.stat.size.to_string()
            }
        })
        .collect();
    let link_w = links.iter().map(String::len).max().unwrap_or(1);
    let size_w = sizes.iter().map(String::len).max().unwrap_or(1);
    let mut out = String::new();
    if total {
        let sum: usize = entries.iter().map(|e| blocks(&e.stat)).sum();
        let shown = if o.human && sum > 0 {
            human(sum * 1024)
        } else {
            sum.to_string()
        };
        out.push_str(&format!("total {shown}\n"));
    }
    for (i, e) in entries.iter().enumerate() {
        out.push_str(&format!(
            "{} {:>link_w$} root root {:>size_w$} {} {}\n",
            mode(&e.path, e.stat.kind),
            links[i],
            sizes[i],
            ls_date(e.stat.mtime),
            names[i]
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn columns_fill_downwards_within_eighty() {
        assert_eq!(
            columns(&names(&["kubelet.conf", "manifests", "pki"])),
            "kubelet.conf  manifests  pki\n"
        );
        let many: Vec<String> = (0..30).map(|i| format!("file-{i:02}.yaml")).collect();
        let text = columns(&many);
        assert!(text.lines().all(|l| l.len() < 80), "{text}");
        assert!(
            text.starts_with("file-00.yaml  file-06.yaml  file-12.yaml"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 6, "{text}");
        assert_eq!(human(4096), "4.0K");
        assert_eq!(human(1234), "1.3K");
        assert_eq!(human(12_345), "13K");
        assert_eq!(quoted("my file"), "'my file'");
    }
}
