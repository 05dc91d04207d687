//! Pipelines (`kubectl describe node master | grep Taints`,
//! `cat <<EOF | kubectl apply -f -`): each command's output is the next one's
//! standard input, and the filters people put after `|` (`grep`, `head`, `tail`,
//! `wc`) are simulated here. Standard error is not piped: a failing command's
//! message goes to the screen, and the next command reads nothing.

use super::Output;
use super::coreutils::{getopt, write_error};
use super::pattern::{Pattern, Syntax, line_chars_into};
use taintlab_core::limits;

/// How a command in a list follows the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Then {
    /// The first command, or after `;`: it runs.
    Always,
    /// After `&&`: it runs if the one before succeeded.
    IfOk,
    /// After `||`: it runs if the one before failed.
    IfFailed,
}

/// `line` split at `&&`, `||` and `;` outside quotes and comments, each part with
/// how it follows the one before; one part when there is no list.
pub(crate) fn list(line: &str) -> Vec<(Then, &str)> {
    let mut out = Vec::new();
    let (mut single, mut double, mut escaped) = (false, false, false);
    let (mut start, mut then) = (0, Then::Always);
    let bytes = line.as_bytes();
    let mut skip = false;
    // `#` starts a comment only where a word starts: after whitespace that no
    // backslash escaped (`a \ #` is the word " #", as `words::split` reads it).
    let mut word_start = true;
    for (i, c) in line.char_indices() {
        if skip {
            skip = false;
            continue;
        }
        let at_word_start = std::mem::replace(&mut word_start, false);
        let next = bytes.get(i + 1).copied();
        let op = match c {
            _ if escaped => {
                escaped = false;
                None
            }
            '\\' if !single => {
                escaped = true;
                None
            }
            '\'' if !double => {
                single = !single;
                None
            }
            '"' if !single => {
                double = !double;
                None
            }
            _ if single || double => None,
            '#' if at_word_start => break,
            c if c.is_ascii_whitespace() => {
                word_start = true;
                None
            }
            ';' => Some((Then::Always, 1)),
            '&' if next == Some(b'&') => Some((Then::IfOk, 2)),
            '|' if next == Some(b'|') => Some((Then::IfFailed, 2)),
            _ => None,
        };
        if let Some((following, len)) = op {
            out.push((then, &line[start..i]));
            then = following;
            start = i + len;
            skip = len == 2;
        }
    }
    out.push((then, &line[start..]));
    out
}

/// The commands of `line` split at each `|` outside quotes; one element when
/// there is no pipe.
pub(crate) fn stages(line: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let (mut single, mut double, mut escaped) = (false, false, false);
    let mut start = 0;
    let bytes = line.as_bytes();
    // As in `list`: a comment starts only where a word starts.
    let mut word_start = true;
    for (i, c) in line.char_indices() {
        let at_word_start = std::mem::replace(&mut word_start, false);
        match c {
            _ if escaped => escaped = false,
            '\\' if !single => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && at_word_start => break,
            c if !single && !double && c.is_ascii_whitespace() => word_start = true,
            '|' if !single && !double => {
                if bytes.get(i + 1) == Some(&b'|') || line[..i].ends_with('|') {
                    return Err("bash: syntax error near unexpected token `||'\n".into());
                }
                out.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&line[start..]);
    Ok(out)
}

/// A command's screen text as what its standard output would carry down the
/// pipe and what its standard error would show. A failing command's text is its
/// error; kubectl's `No resources found` and `Warning:` lines are standard error
/// even when it succeeds.
pub(crate) fn stdout_and_stderr(text: String, code: i32) -> (String, String) {
    if code != 0 {
        return (String::new(), text);
    }
    let (mut out, mut err) = (String::new(), String::new());
    for line in text.split_inclusive('\n') {
        if line.starts_with("No resources found") || line.starts_with("Warning: ") {
            err.push_str(line);
        } else {
            out.push_str(line);
        }
    }
    (out, err)
}

/// Runs `words` as a filter over `input` if it is one this module simulates.
pub(crate) fn filter(words: &[String], input: &str) -> Option<Output> {
    let (name, args) = words.split_first()?;
    Some(match name.as_str() {
        // With files, grep reads them rather than the pipe: the shell runs it.
        "grep" | "egrep" | "fgrep" if parse_grep(name, args).is_ok_and(|g| !g.files.is_empty()) => {
            return None;
        }
        "grep" | "egrep" | "fgrep" => grep(name, args, input),
        "head" => head_tail(true, args, input),
        "tail" => head_tail(false, args, input),
        "wc" => wc(args, input),
        // Outside a terminal these page nothing: they copy their input.
        "less" | "more" => Output::ok(input),
        "sort" | "uniq" | "cut" | "awk" | "sed" | "tr" | "xargs" | "jq" | "column" | "tee" => {
            Output::failed(
                format!(
                    "taintlab: {name} is not simulated; after a | taintlab runs grep, head, tail, wc and the terminal's own commands\n"
                ),
                127,
            )
        }
        _ => return None,
    })
}

/// What `grep` was asked for.
#[derive(Default)]
struct GrepArgs {
    patterns: Vec<String>,
    ignore_case: bool,
    invert: bool,
    count: bool,
    quiet: bool,
    numbers: bool,
    words: bool,
    syntax: Option<Syntax>,
    /// Context lines asked for (`-B`, `-A`, `-C`); asked for at all, even as 0,
    /// groups are separated by `--`, as GNU grep does.
    before: Option<usize>,
    after: Option<usize>,
    /// The files to read (`-` is standard input); none means standard input.
    files: Vec<String>,
}

fn grep_usage(message: &str) -> Output {
    Output::failed(
        format!(
            "{message}Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"
        ),
        2,
    )
}

fn parse_grep(name: &str, args: &[String]) -> Result<GrepArgs, Output> {
    let mut g = GrepArgs {
        syntax: match name {
            "egrep" => Some(Syntax::Extended),
            "fgrep" => Some(Syntax::Fixed),
            _ => None,
        },
        ..GrepArgs::default()
    };
    let mut operands = Vec::new();
    let mut i = 0;
    let number = |value: Option<&String>, flag: char| -> Result<usize, Output> {
        let value = value.ok_or_else(|| {
            grep_usage(&format!("grep: option requires an argument -- '{flag}'\n"))
        })?;
        value.parse().map_err(|_| {
            Output::failed(
                format!("grep: {value}: invalid context length argument\n"),
                2,
            )
        })
    };
    while let Some(arg) = args.get(i) {
        i += 1;
        if arg == "--" {
            operands.extend(args[i..].iter().cloned());
            break;
        }
        let Some(flags) = arg.strip_prefix('-').filter(|f| !f.is_empty()) else {
            operands.push(arg.clone());
            continue;
        };
        if let Some(long) = flags.strip_prefix('-') {
            match long {
                "ignore-case" => g.ignore_case = true,
                "invert-match" => g.invert = true,
                "count" => g.count = true,
                "quiet" | "silent" => g.quiet = true,
                "line-number" => g.numbers = true,
                "word-regexp" => g.words = true,
                "extended-regexp" => g.syntax = Some(Syntax::Extended),
                "fixed-strings" => g.syntax = Some(Syntax::Fixed),
                _ => return Err(grep_usage(&format!("grep: unrecognized option '{arg}'\n"))),
            }
            continue;
        }
        for (at, flag) in flags.char_indices() {
            // A value may be glued on (`-A3`) or be the next word (`-A 3`).
            let glued = &flags[at + flag.len_utf8()..];
            let mut value = || -> Option<String> {
                if glued.is_empty() {
                    i += 1;
                    args.get(i - 1).cloned()
                } else {
                    Some(glued.to_string())
                }
            };
            match flag {
                'i' | 'y' => g.ignore_case = true,
                'v' => g.invert = true,
                'c' => g.count = true,
                'n' => g.numbers = true,
                'w' => g.words = true,
                'E' => g.syntax = Some(Syntax::Extended),
                'F' => g.syntax = Some(Syntax::Fixed),
                'G' => g.syntax = Some(Syntax::Basic),
                'A' | 'B' | 'C' => {
                    let n = number(value().as_ref(), flag)?;
                    if flag != 'B' {
                        g.after = Some(n);
                    }
                    if flag != 'A' {
                        g.before = Some(n);
                    }
                    break;
                }
                'e' => {
                    let pattern = value()
                        .ok_or_else(|| grep_usage("grep: option requires an argument -- 'e'\n"))?;
                    g.patterns.push(pattern);
                    break;
                }
                'h' | 'H' | 's' => {}
                'q' => g.quiet = true,
                other => return Err(grep_usage(&format!("grep: invalid option -- '{other}'\n"))),
            }
        }
    }
    if g.patterns.is_empty() {
        if operands.is_empty() {
            return Err(grep_usage(""));
        }
        g.patterns.push(operands.remove(0));
    }
    g.files = operands;
    Ok(g)
}

/// Models GNU grep over standard input: `-i -v -c -q -n -w -E -F -e -A -B -C`.
/// Exit status 0 when a line is selected, 1 when none is, 2 on an error.
fn grep(name: &str, args: &[String], input: &str) -> Output {
    let (out, err, code) = grep_command(name, args, Some(input), |file| {
        Err(format!("grep: {file}: No such file or directory"))
    });
    Output::failed(out + &err, code)
}

/// `grep` as a command: over its files, read with `read` (which says why a
/// file cannot be read, in grep's words), or over `stdin`. With several files
/// each line starts with its file's name, as in GNU grep; a file that cannot be
/// read makes the status 2. Returns standard output, standard error and status.
pub(crate) fn grep_command(
    name: &str,
    args: &[String],
    stdin: Option<&str>,
    read: impl Fn(&str) -> Result<String, String>,
) -> (String, String, i32) {
    let g = match parse_grep(name, args) {
        Ok(g) => g,
        Err(out) => return (String::new(), out.text, out.code),
    };
    let syntax = g.syntax.unwrap_or(Syntax::Basic);
    // A pattern with newlines is several patterns, as in grep.
    let texts: Vec<&str> = g.patterns.iter().flat_map(|p| p.split('\n')).collect();
    let pattern = match Pattern::any_of(&texts, syntax, g.ignore_case) {
        Ok(p) => p,
        Err(message) => return (String::new(), message, 2),
    };
    let sources: Vec<String> = if g.files.is_empty() {
        vec!["-".to_string()]
    } else {
        g.files.clone()
    };
    let named = sources.len() > 1;
    let (mut out, mut errors, mut any) = (String::new(), String::new(), false);
    for source in &sources {
        let text = if source == "-" {
            Ok(stdin.unwrap_or_default().to_string())
        } else {
            read(source)
        };
        match text {
            Ok(text) => {
                let file = named.then_some(source.as_str());
                let Some((lines, hit)) = grep_text(&g, &pattern, &text, file, out.len()) else {
                    return (String::new(), write_error("grep"), 2);
                };
                out.push_str(&lines);
                any |= hit;
            }
            Err(message) => {
                errors.push_str(&message);
                errors.push('\n');
            }
        }
    }
    let code = if !errors.is_empty() {
        2
    } else {
        i32::from(!any)
    };
    if g.quiet {
        return (String::new(), errors, if any { 0 } else { code });
    }
    (out, errors, code)
}

/// What grep prints for one text (prefixed with `file:` when there are several),
/// and whether a line was selected; `None` when that, after `written` bytes
/// already printed, would be more than [`limits::MAX_TEXT_BYTES`]. One pass
/// over the lines, keeping only the `-B` lines not yet shown.
fn grep_text(
    g: &GrepArgs,
    pattern: &Pattern,
    text: &str,
    file: Option<&str>,
    written: usize,
) -> Option<(String, bool)> {
    let prefix = |mark: char| file.map(|f| format!("{f}{mark}")).unwrap_or_default();
    let context = g.before.is_some() || g.after.is_some();
    let before = g.before.unwrap_or(0);
    let mut out = String::new();
    let mut hits = 0usize;
    let mut chars = Vec::new();
    // The lines that may be shown before the next selected one, as the first
    // one's number, where it starts in `text` and how many (they follow one
    // another, so the window costs nothing however large -B is); and how many
    // more lines after the last selected one are shown.
    let mut waiting: Option<(usize, usize, usize)> = None;
    let mut after_left = 0usize;
    let mut last: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        line_chars_into(line, g.ignore_case, &mut chars);
        let selected = pattern.matches(&chars, g.words) != g.invert;
        if selected {
            hits += 1;
        }
        if g.count {
            continue;
        }
        let mut show = |at: usize, line: &str, mark: char| {
            if context && last.is_some_and(|l| l + 1 < at) {
                out.push_str("--\n");
            }
            out.push_str(&prefix(mark));
            if g.numbers {
                out.push_str(&format!("{}{mark}", at + 1));
            }
            out.push_str(line);
            out.push('\n');
            last = Some(at);
        };
        if selected {
            if let Some((first, from, count)) = waiting.take() {
                let earlier = text.get(from..).unwrap_or_default().lines();
                for (at, line) in (first..).zip(earlier.take(count)) {
                    show(at, line, '-');
                }
            }
            show(i, line, ':');
            after_left = g.after.unwrap_or(0);
        } else if after_left > 0 {
            show(i, line, '-');
            after_left -= 1;
        } else if before > 0 {
            waiting = Some(match waiting {
                None => (i, offset(text, line), 1),
                Some((first, from, count)) if count < before => (first, from, count + 1),
                // Full: the window moves on by a line.
                Some((first, from, count)) => {
                    let next = text
                        .get(from..)
                        .and_then(|rest| rest.find('\n'))
                        .map_or(text.len(), |at| from + at + 1);
                    (first + 1, next, count)
                }
            });
        }
        if written.saturating_add(out.len()) > limits::MAX_TEXT_BYTES {
            return None;
        }
    }
    if g.count {
        return Some((format!("{}{hits}\n", prefix(':')), hits > 0));
    }
    Some((out, hits > 0))
}

/// Where `line`, a slice of `text`, starts in it.
fn offset(text: &str, line: &str) -> usize {
    (line.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// `head` and `tail`: the first or last lines (10, or `-n N`, or `-N`).
fn head_tail(head: bool, args: &[String], input: &str) -> Output {
    let name = if head { "head" } else { "tail" };
    let mut count = 10usize;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        i += 1;
        let value = if arg == "-n" || arg == "--lines" {
            i += 1;
            args.get(i - 1).map(String::as_str)
        } else if let Some(v) = arg.strip_prefix("--lines=") {
            Some(v)
        } else if let Some(v) = arg.strip_prefix("-n") {
            Some(v)
        } else if let Some(v) = arg
            .strip_prefix('-')
            .filter(|v| v.bytes().all(|b| b.is_ascii_digit()))
        {
            Some(v)
        } else {
            return Output::failed(
                format!("taintlab: {name} reads what is piped to it; it takes -n N ({arg})\n"),
                1,
            );
        };
        let Some(n) = value.and_then(|v| v.trim_start_matches('+').parse().ok()) else {
            return Output::failed(
                format!(
                    "{name}: invalid number of lines: '{}'\n",
                    value.unwrap_or_default()
                ),
                1,
            );
        };
        count = n;
    }
    let lines: Vec<&str> = input.lines().collect();
    let picked = if head {
        &lines[..count.min(lines.len())]
    } else {
        &lines[lines.len().saturating_sub(count)..]
    };
    Output::ok(picked.iter().map(|l| format!("{l}\n")).collect::<String>())
}

/// `wc` over standard input: `-l`, `-w`, `-c` or all three.
fn wc(args: &[String], input: &str) -> Output {
    let longs = [
        ("lines", 'l'),
        ("words", 'w'),
        ("chars", 'm'),
        ("bytes", 'c'),
    ];
    let opts = match getopt("wc", args, "lwmc", &longs, 1) {
        Ok(opts) => opts,
        Err(res) => return Output::failed(format!("{}{}", res.out, res.err), res.code),
    };
    if let Some(file) = opts.operands.first() {
        return Output::failed(
            format!("taintlab: wc reads what is piped to it; it does not open files ({file})\n"),
            1,
        );
    }
    let counts = [
        ('l', input.matches('\n').count()),
        ('w', input.split_whitespace().count()),
        ('m', input.chars().count()),
        ('c', input.len()),
    ];
    let asked: Vec<usize> = counts
        .iter()
        .filter(|(flag, _)| opts.has(*flag))
        .map(|(_, n)| *n)
        .collect();
    let text = match asked.as_slice() {
        // One count from standard input: just the number.
        [n] => format!("{n}\n"),
        [] => format!("{:7} {:7} {:7}\n", counts[0].1, counts[1].1, counts[3].1),
        several => {
            several
                .iter()
                .map(|n| format!("{n:7}"))
                .collect::<Vec<_>>()
                .join(" ")
                + "\n"
        }
    };
    Output::ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_string).collect()
    }

    const DESCRIBE: &str = "Name:               master\nRoles:              master\nTaints:             node-role.kubernetes.io/master:NoSchedule\nUnschedulable:      false\nLease:\n  HolderIdentity:  master\n";

    #[test]
    fn stages_split_outside_quotes() {
        assert_eq!(stages("a | b"), Ok(vec!["a ", " b"]));
        assert_eq!(
            stages("echo 'a|b' | grep \"|\""),
            Ok(vec!["echo 'a|b' ", " grep \"|\""])
        );
        assert_eq!(stages("echo a\\|b"), Ok(vec!["echo a\\|b"]));
        assert!(stages("a || b").is_err(), "lists split first");
        assert_eq!(
            list("a && b || c; d # e; f"),
            vec![
                (Then::Always, "a "),
                (Then::IfOk, " b "),
                (Then::IfFailed, " c"),
                (Then::Always, " d # e; f")
            ]
        );
        assert_eq!(
            list("echo 'a;b' && x"),
            vec![(Then::Always, "echo 'a;b' "), (Then::IfOk, " x")]
        );
    }

    #[test]
    fn grep_selects_numbers_counts_and_inverts() {
        let out = filter(&words("grep Taints"), DESCRIBE).expect("grep");
        assert_eq!(
            (out.text.as_str(), out.code),
            (
                "Taints:             node-role.kubernetes.io/master:NoSchedule\n",
                0
            )
        );
        let out = filter(&words("grep -n -i ROLES"), DESCRIBE).expect("grep");
        assert_eq!(out.text, "2:Roles:              master\n");
        let out = filter(&words("grep -c master"), DESCRIBE).expect("grep");
        assert_eq!((out.text.as_str(), out.code), ("4\n", 0));
        let out = filter(&words("grep -vc master"), DESCRIBE).expect("grep");
        assert_eq!(out.text, "2\n");
        let out = filter(&words("grep -q master"), DESCRIBE).expect("grep");
        assert_eq!((out.text.as_str(), out.code), ("", 0));
        let out = filter(&words("grep nothing"), DESCRIBE).expect("grep");
        assert_eq!((out.text.as_str(), out.code), ("", 1));
        let out = filter(&words("grep -E Roles|Taints"), DESCRIBE).expect("grep");
        assert_eq!(out.text.lines().count(), 2);
    }

    #[test]
    fn grep_context_separates_groups() {
        let out = filter(&words("grep -A1 -n Name"), DESCRIBE).expect("grep");
        assert_eq!(
            out.text,
            "1:Name:               master\n2-Roles:              master\n"
        );
        let out = filter(&words("grep -B 1 -e Unsched -e Lease"), DESCRIBE).expect("grep");
        assert_eq!(
            out.text,
            "Taints:             node-role.kubernetes.io/master:NoSchedule\nUnschedulable:      false\nLease:\n"
        );
        let out = filter(&words("grep -A 0 -e Name -e Taints"), DESCRIBE).expect("grep");
        assert_eq!(
            out.text,
            "Name:               master\n--\nTaints:             node-role.kubernetes.io/master:NoSchedule\n"
        );
    }

    /// How grep printed context before it read lines in one pass: mark the
    /// lines to show, then print them.
    fn context_reference(g: &GrepArgs, selected: &[bool], lines: &[&str]) -> String {
        let mut shown = vec![false; lines.len()];
        for (i, _) in selected.iter().enumerate().filter(|(_, s)| **s) {
            let from = i.saturating_sub(g.before.unwrap_or(0));
            let to = (i + g.after.unwrap_or(0)).min(lines.len().saturating_sub(1));
            for s in shown.iter_mut().take(to + 1).skip(from) {
                *s = true;
            }
        }
        let context = g.before.is_some() || g.after.is_some();
        let mut out = String::new();
        let mut last: Option<usize> = None;
        for (i, line) in lines.iter().enumerate().filter(|(i, _)| shown[*i]) {
            if context && last.is_some_and(|l| l + 1 < i) {
                out.push_str("--\n");
            }
            let mark = if selected[i] { ':' } else { '-' };
            if g.numbers {
                out.push_str(&format!("{}{mark}", i + 1));
            }
            out.push_str(line);
            out.push('\n');
            last = Some(i);
        }
        out
    }

    #[test]
    fn context_in_one_pass_prints_what_marking_printed() {
        let mut rng = taintlab_core::test_rng::Rng(0x5eed_c0de);
        let pattern = Pattern::any_of(&["a"], Syntax::Basic, false).expect("compiles");
        for _ in 0..2_000 {
            let lines: Vec<&str> = (0..rng.below(12)).map(|_| rng.pick(&["a", "b"])).collect();
            let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            let option =
                |rng: &mut taintlab_core::test_rng::Rng| (rng.below(3) > 0).then(|| rng.below(4));
            let g = GrepArgs {
                before: option(&mut rng),
                after: option(&mut rng),
                numbers: rng.below(2) == 0,
                invert: rng.below(2) == 0,
                ..GrepArgs::default()
            };
            let selected: Vec<bool> = lines.iter().map(|l| (*l == "a") != g.invert).collect();
            let (out, hit) = grep_text(&g, &pattern, &text, None, 0).expect("small");
            assert_eq!(out, context_reference(&g, &selected, &lines), "{lines:?}");
            assert_eq!(hit, selected.contains(&true));
        }
    }

    #[test]
    fn grep_errors_in_its_words() {
        let out = filter(&words("grep"), "").expect("grep");
        assert_eq!(out.code, 2);
        assert!(
            out.text
                .starts_with("Usage: grep [OPTION]... PATTERNS [FILE]...")
        );
        let out = filter(&words("grep -Z x"), "").expect("grep");
        assert!(out.text.starts_with("grep: invalid option -- 'Z'\n"));
        let out = filter(&words("grep -E (a|b)"), "").expect("grep");
        assert_eq!(out.code, 2);
    }

    #[test]
    fn head_tail_and_wc() {
        let out = filter(&words("head -n 2"), DESCRIBE).expect("head");
        assert_eq!(
            out.text,
            "Name:               master\nRoles:              master\n"
        );
        let out = filter(&words("tail -1"), DESCRIBE).expect("tail");
        assert_eq!(out.text, "  HolderIdentity:  master\n");
        assert_eq!(
            filter(&words("head"), "a\n").map(|o| o.text),
            Some("a\n".into())
        );
        assert_eq!(
            filter(&words("wc -l"), DESCRIBE).map(|o| o.text),
            Some("6\n".into())
        );
        assert_eq!(
            filter(&words("wc"), "a b\nc\n").map(|o| o.text),
            Some("      2       3       6\n".into())
        );
        assert_eq!(
            filter(&words("sort"), "").map(|o| o.code),
            Some(127),
            "said to be not simulated"
        );
        assert!(
            filter(&words("kubectl get pods"), "").is_none(),
            "not a filter"
        );
    }
}
