//! The interactive shell's history: the `history` builtin and `!` expansion
//! (`!!`, `!N`, `!-N`, `!prefix`), over the history the terminal shares with the
//! UI's buttons. Models bash's `history` builtin and readline's history expansion
//! for the forms people type; scripts (`taintlab run`) have neither, as in a
//! non-interactive bash.

use super::{Output, Terminal};
use taintlab_core::limits::{self, Limit};

/// The history entry for `line` run with `stdin`: a command with a here-document
/// is kept whole, body and delimiter included, as bash keeps it.
pub fn entry(line: &str, stdin: Option<&str>) -> String {
    match (stdin, Terminal::heredoc(line)) {
        (Some(body), Some(doc)) => format!("{line}\n{body}{}", doc.delimiter),
        _ => line.to_string(),
    }
}

/// A history entry as the line to run and its here-document's body: the
/// inverse of [`entry`].
pub fn command(entry: &str) -> (String, Option<String>) {
    let Some((line, rest)) = entry.split_once('\n') else {
        return (entry.to_string(), None);
    };
    let body = match (Terminal::heredoc(line), rest.rsplit_once('\n')) {
        (Some(doc), Some((body, last))) if last == doc.delimiter => format!("{body}\n"),
        (Some(doc), None) if rest == doc.delimiter => String::new(),
        _ => format!("{rest}\n"),
    };
    (line.to_string(), Some(body))
}

/// `line` with its history references replaced: `Ok(None)` when it has none,
/// `Err` with bash's message when one refers to nothing, or when the expanded
/// line would be longer than [`limits::MAX_LINE_BYTES`] (the line then does not
/// run and is not kept).
pub fn expand(line: &str, history: &[String]) -> Result<Option<String>, String> {
    let mut out = String::with_capacity(line.len());
    let mut expanded = false;
    let mut single_quoted = false;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' => single_quoted = !single_quoted,
            '\\' if !single_quoted => {
                out.push(c);
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
                continue;
            }
            '!' if !single_quoted => {
                // Not an event: `!` alone, before a blank, `=`, `(` or `"` (bash's
                // history_no_expand_chars and the `!=` of label selectors).
                let rest = &line[i + 1..];
                let Some(next) = rest.chars().next() else {
                    out.push(c);
                    continue;
                };
                if next.is_whitespace() || matches!(next, '=' | '(' | '"') {
                    out.push(c);
                    continue;
                }
                let (event, len) = event_designator(rest);
                let found = match event {
                    Event::Last => history.last(),
                    Event::Number(n) => n.checked_sub(1).and_then(|i| history.get(i)),
                    Event::Back(n) => history.len().checked_sub(n).and_then(|i| history.get(i)),
                    Event::Prefix(prefix) => history.iter().rev().find(|h| h.starts_with(prefix)),
                };
                let Some(found) = found else {
                    return Err(format!("bash: !{}: event not found\n", &rest[..len]));
                };
                // Each `!!` may double the line: the length is checked before
                // the text is copied, so a refused line costs nothing.
                if !fits(&out, found) {
                    return Err(format!(
                        "bash: !{}: {}\n",
                        &rest[..len],
                        Limit::LineBytes.en()
                    ));
                }
                out.push_str(found);
                expanded = true;
                for _ in 0..rest[..len].chars().count() {
                    chars.next();
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    Ok(expanded.then_some(out))
}

/// Whether `out` may grow by `found`: its command line (up to a recalled
/// here-document's body) within [`limits::MAX_LINE_BYTES`], the body within
/// [`limits::MAX_TEXT_BYTES`].
fn fits(out: &str, found: &str) -> bool {
    let line = match (out.find('\n'), found.find('\n')) {
        (Some(end), _) => end,
        (None, Some(end)) => out.len().saturating_add(end),
        (None, None) => out.len().saturating_add(found.len()),
    };
    let total = out.len().saturating_add(found.len());
    line <= limits::MAX_LINE_BYTES && total <= limits::MAX_LINE_BYTES + limits::MAX_TEXT_BYTES
}

enum Event<'a> {
    Last,
    Number(usize),
    Back(usize),
    Prefix(&'a str),
}

/// The event after a `!` and how many bytes of `rest` it takes.
fn event_designator(rest: &str) -> (Event<'_>, usize) {
    if rest.starts_with('!') {
        return (Event::Last, 1);
    }
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let n = digits(rest);
    if n > 0 {
        return (Event::Number(rest[..n].parse().unwrap_or(usize::MAX)), n);
    }
    if let Some(back) = rest.strip_prefix('-') {
        let n = digits(back);
        if n > 0 {
            return (Event::Back(back[..n].parse().unwrap_or(usize::MAX)), n + 1);
        }
    }
    let len = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ';' | '&' | '|' | '\'' | '"'))
        .unwrap_or(rest.len());
    (Event::Prefix(&rest[..len]), len)
}

/// Runs `line` if it is the `history` builtin: `history` lists the history
/// numbered from 1, `history N` the last N entries, `history -c` clears it.
pub fn builtin(line: &str, history: &mut Vec<String>) -> Option<Output> {
    let mut words = line.split_whitespace();
    if words.next() != Some("history") {
        return None;
    }
    let args: Vec<&str> = words.collect();
    let count = match args.as_slice() {
        [] => history.len(),
        ["-c"] => {
            history.clear();
            return Some(Output::ok(""));
        }
        [n] if n.bytes().all(|b| b.is_ascii_digit()) => n.parse().unwrap_or(usize::MAX),
        [arg] if arg.starts_with('-') => {
            return Some(Output::failed(
                format!("bash: history: {arg}: invalid option\nhistory: usage: history [-c] [n]\n"),
                2,
            ));
        }
        [arg] => {
            return Some(Output::failed(
                format!("bash: history: {arg}: numeric argument required\n"),
                1,
            ));
        }
        _ => return Some(Output::failed("bash: history: too many arguments\n", 1)),
    };
    let start = history.len().saturating_sub(count);
    let text: String = history
        .iter()
        .enumerate()
        .skip(start)
        .map(|(i, line)| format!("{:5}  {line}\n", i + 1))
        .collect();
    Some(Output::ok(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history() -> Vec<String> {
        [
            "kubectl get nodes",
            "kubectl get pods -o wide",
            "ssh worker",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn bang_bang_is_the_last_command() {
        assert_eq!(expand("!!", &history()), Ok(Some("ssh worker".into())));
        assert_eq!(
            expand("sudo !!", &history()),
            Ok(Some("sudo ssh worker".into()))
        );
    }

    #[test]
    fn numbers_count_from_one_and_back_from_the_end() {
        assert_eq!(
            expand("!1", &history()),
            Ok(Some("kubectl get nodes".into()))
        );
        assert_eq!(
            expand("!-2", &history()),
            Ok(Some("kubectl get pods -o wide".into()))
        );
        assert_eq!(
            expand("!9", &history()),
            Err("bash: !9: event not found\n".into())
        );
        assert_eq!(
            expand("!-4", &history()),
            Err("bash: !-4: event not found\n".into())
        );
    }

    #[test]
    fn a_prefix_finds_the_newest_command_that_starts_with_it() {
        assert_eq!(
            expand("!kubectl", &history()),
            Ok(Some("kubectl get pods -o wide".into()))
        );
        assert_eq!(
            expand("!helm", &history()),
            Err("bash: !helm: event not found\n".into())
        );
    }

    #[test]
    fn quotes_and_selectors_keep_their_bang() {
        for line in [
            "kubectl get pods -l 'env!=prod'",
            "kubectl get pods -l env!=prod",
            "echo hi !",
            "echo \\!!",
            "kubectl get pods -o jsonpath='{.items[?(@.x!=\"y\")]}'",
        ] {
            assert_eq!(expand(line, &history()), Ok(None), "{line}");
        }
        assert_eq!(expand("!!", &[]), Err("bash: !!: event not found\n".into()));
    }

    #[test]
    fn an_expansion_is_bounded_before_it_is_made() {
        let mut history = vec!["echo hello".to_string()];
        let mut refused = None;
        for _ in 0..20 {
            match expand("!! !!", &history) {
                Ok(Some(line)) => history.push(line),
                other => {
                    refused = Some(other);
                    break;
                }
            }
        }
        let longest = history.iter().map(String::len).max().unwrap_or(0);
        assert!(longest <= limits::MAX_LINE_BYTES, "{longest}");
        assert_eq!(
            refused,
            Some(Err(format!(
                "bash: !!: line too long: taintlab's limit is {} bytes\n",
                limits::MAX_LINE_BYTES
            )))
        );
        // A recalled here-document brings its body, which may be longer.
        let body = "x".repeat(limits::MAX_LINE_BYTES);
        let kept = vec![entry("cat <<EOF > f", Some(&format!("{body}\n")))];
        assert!(matches!(expand("!!", &kept), Ok(Some(_))));
    }

    #[test]
    fn a_here_document_is_one_entry_with_its_body() {
        let line = "cat <<EOF > pod.yaml";
        let body = "kind: Pod\nmetadata:\n  name: web\n";
        let kept = entry(line, Some(body));
        assert_eq!(
            kept,
            "cat <<EOF > pod.yaml\nkind: Pod\nmetadata:\n  name: web\nEOF"
        );
        assert_eq!(command(&kept), (line.to_string(), Some(body.to_string())));
        assert_eq!(
            command("cat <<EOF > empty\nEOF"),
            ("cat <<EOF > empty".to_string(), Some(String::new()))
        );
        assert_eq!(entry("kubectl get pods", None), "kubectl get pods");
        assert_eq!(
            command("kubectl get pods"),
            ("kubectl get pods".to_string(), None)
        );
    }

    #[test]
    fn history_lists_numbered_entries() {
        let mut h = history();
        let out = builtin("history", &mut h).map(|o| o.text);
        assert_eq!(
            out.as_deref(),
            Some("    1  kubectl get nodes\n    2  kubectl get pods -o wide\n    3  ssh worker\n")
        );
        let out = builtin("history 1", &mut h).map(|o| o.text);
        assert_eq!(out.as_deref(), Some("    3  ssh worker\n"));
        assert_eq!(builtin("kubectl get pods", &mut h), None);
        let out = builtin("history x", &mut h).map(|o| (o.text, o.code));
        assert_eq!(
            out,
            Some(("bash: history: x: numeric argument required\n".into(), 1))
        );
        assert_eq!(builtin("history -c", &mut h).map(|o| o.code), Some(0));
        assert!(h.is_empty());
    }
}
