//! Hostile input to the terminal: what would never end or never stop growing is
//! refused with a message that names the limit, and leaves everything as it was.

use super::*;
use taintlab_core::limits::{self, Limit};

fn on_worker() -> Terminal {
    let mut term = Terminal::new(Cluster::tutorial());
    assert_eq!(term.run("ssh worker", None).code, 0);
    term
}

/// Runs `line` and returns what it printed and its status.
fn run(term: &mut Terminal, line: &str) -> (String, i32) {
    let out = term.run(line, None);
    (out.text, out.code)
}

fn failed(text: &str) -> (String, i32) {
    (format!("{text}\n"), 1)
}

#[test]
fn a_directory_is_not_copied_or_moved_into_itself() {
    let mut term = on_worker();
    let root = run(&mut term, "ls -a /");
    let cases = [
        (
            "mv / /x",
            "mv: cannot move '/' to '/x': Device or resource busy",
        ),
        (
            "cp -r / /x",
            "cp: cannot copy a directory, '/', into itself, '/x'",
        ),
        (
            "cp -r /etc /etc/x",
            "cp: cannot copy a directory, '/etc', into itself, '/etc/x'",
        ),
        (
            "cp -r /etc /etc",
            "cp: cannot copy a directory, '/etc', into itself, '/etc/etc'",
        ),
        (
            "mv /etc /etc/kubernetes",
            "mv: cannot move '/etc' to a subdirectory of itself, '/etc/kubernetes/etc'",
        ),
        (
            "mv . /tmp",
            "mv: cannot move '.' to '/tmp/.': Device or resource busy",
        ),
    ];
    for (line, message) in cases {
        assert_eq!(run(&mut term, line), failed(message), "{line}");
    }
    assert_eq!(run(&mut term, "ls -a /"), root, "nothing was made");
    assert_eq!(run(&mut term, "mkdir /x"), (String::new(), 0));
    // Into an existing directory, `/` keeps coreutils' empty last component.
    assert_eq!(
        run(&mut term, "cp -r / /x"),
        failed("cp: cannot copy a directory, '/', into itself, '/x/'")
    );
    assert_eq!(run(&mut term, "mkdir /a"), (String::new(), 0));
    assert_eq!(
        run(&mut term, "mv /a /a/b"),
        failed("mv: cannot move '/a' to a subdirectory of itself, '/a/b'")
    );
    assert_eq!(run(&mut term, "ls /x /a"), ("/a:\n\n/x:\n".into(), 0));
}

#[test]
fn a_directory_moves_whole_and_replaces_only_an_empty_one() {
    let mut term = on_worker();
    for line in [
        "mkdir -p /d/e /h/d /m/d/z",
        "echo x > /d/e/f",
        "mv /d /h",
        "cat /h/d/e/f",
    ] {
        assert_eq!(term.run(line, None).code, 0, "{line}");
    }
    assert_eq!(
        run(&mut term, "ls /d"),
        (
            "ls: cannot access '/d': No such file or directory\n".into(),
            2
        )
    );
    assert_eq!(
        run(&mut term, "mv /h/d /m"),
        failed("mv: cannot move '/h/d' to '/m/d': Directory not empty")
    );
    assert_eq!(run(&mut term, "cat /h/d/e/f"), ("x\n".into(), 0));
}

/// Touches `/tmp/f0`, `/tmp/f1`, ... until one fails; returns that message and
/// how many were made.
fn fill(term: &mut Terminal) -> (String, usize) {
    for i in 0..=limits::MAX_NODE_FILES {
        let out = term.run(&format!("touch /tmp/f{i}"), None);
        if out.code != 0 {
            return (out.text, i);
        }
    }
    (String::new(), limits::MAX_NODE_FILES + 1)
}

#[test]
fn a_node_holds_a_bounded_number_of_files() {
    let mut term = on_worker();
    let (message, made) = fill(&mut term);
    let full = Limit::NodeFiles.en();
    assert_eq!(
        message,
        format!("touch: cannot touch '/tmp/f{made}': {full}\n")
    );
    assert!(made > limits::MAX_NODE_FILES / 2, "{made}");
    let refusals = [
        (
            "mkdir /q",
            format!("mkdir: cannot create directory '/q': {full}"),
        ),
        ("echo x > /q", format!("bash: /q: {full}")),
        (
            "cp /etc/hosts /q",
            format!("cp: cannot create regular file '/q': {full}"),
        ),
        (
            "cp -r /etc /q",
            format!("cp: cannot create directory '/q': {full}"),
        ),
        (
            "cat > /etc/kubernetes/manifests/web.yaml",
            format!("bash: /etc/kubernetes/manifests/web.yaml: {full}"),
        ),
    ];
    for (line, message) in refusals {
        assert_eq!(run(&mut term, line), failed(&message), "{line}");
    }
    assert_eq!(
        run(&mut term, "ls /q"),
        (
            "ls: cannot access '/q': No such file or directory\n".into(),
            2
        )
    );
    // As in bash, the redirection fails before the command runs.
    assert_eq!(
        run(&mut term, "rm /tmp/f0 > /q"),
        failed(&format!("bash: /q: {full}"))
    );
    assert_eq!(run(&mut term, "ls /tmp/f0"), ("/tmp/f0\n".into(), 0));
    // A move needs no room; a removal makes some.
    assert_eq!(run(&mut term, "mv /tmp /q"), (String::new(), 0));
    assert_eq!(run(&mut term, "rm /q/f0"), (String::new(), 0));
    assert_eq!(run(&mut term, "mkdir /tmp"), (String::new(), 0));
}

#[test]
fn a_node_file_and_all_of_them_are_bounded_in_bytes() {
    let mut term = on_worker();
    let chunk = "x".repeat(limits::MAX_TEXT_BYTES / 2 + 1);
    let out = term.run("cat > /root/half <<EOF", Some(&chunk));
    assert_eq!((out.text.as_str(), out.code), ("", 0));
    assert_eq!(
        run(&mut term, "cat /root/half >> /root/half"),
        failed(&format!("bash: /root/half: {}", Limit::TextBytes.en()))
    );
    assert_eq!(
        run(&mut term, "cat /root/half /root/half"),
        failed(&format!("cat: write error: {}", Limit::TextBytes.en()))
    );
    let copies = limits::MAX_NODE_BYTES / chunk.len();
    for i in 1..copies {
        assert_eq!(run(&mut term, &format!("cp half c{i}")), (String::new(), 0));
    }
    assert_eq!(
        run(&mut term, &format!("cp half c{copies}")),
        failed(&format!(
            "cp: cannot create regular file 'c{copies}': {}",
            Limit::NodeBytes.en()
        ))
    );
}

#[test]
fn names_are_bounded_as_the_kernel_bounds_them() {
    let mut term = on_worker();
    let long = "n".repeat(256);
    assert_eq!(
        run(&mut term, &format!("touch {long}")),
        failed(&format!("touch: cannot touch '{long}': File name too long"))
    );
    let deep = ["dddddddddd"; 400].join("/");
    assert_eq!(
        run(&mut term, &format!("mkdir -p {deep}")),
        failed(&format!(
            "mkdir: cannot create directory '{deep}': File name too long"
        ))
    );
}

#[test]
fn a_line_or_body_over_the_limit_is_refused_not_run() {
    let mut term = Terminal::new(Cluster::tutorial());
    let line = format!("touch made{}", " ".repeat(limits::MAX_LINE_BYTES));
    assert_eq!(
        run(&mut term, &line),
        failed(&format!("bash: {}", Limit::LineBytes.en()))
    );
    let body = "x".repeat(limits::MAX_TEXT_BYTES + 1);
    let out = term.run("cat > made <<EOF", Some(&body));
    assert_eq!(
        (out.text.as_str(), out.code),
        (
            format!("bash: here-document: {}\n", Limit::TextBytes.en()).as_str(),
            1
        )
    );
    assert!(term.files().is_empty());
    // Within the limits, the same line runs.
    assert_eq!(run(&mut term, line.trim_end()), (String::new(), 0));
    // A script's body is read to its delimiter, and the line after it runs.
    let script = format!("cat > big <<EOF\n{body}\nEOF\necho after\n");
    let transcript = Terminal::new(Cluster::tutorial()).run_script(&script);
    assert!(
        transcript.ends_with(&format!(
            "> EOF\nbash: here-document: {}\n$ echo after\nafter\n",
            Limit::TextBytes.en()
        )),
        "{}",
        &transcript[transcript.len().saturating_sub(300)..]
    );
}

#[test]
fn grep_holds_its_patterns_and_its_output_to_limits() {
    let mut term = Terminal::new(Cluster::tutorial());
    term.set_file("big", &"x\n".repeat(limits::MAX_TEXT_BYTES / 4));
    let too_big = "a?".repeat(limits::MAX_GREP_PATTERN);
    assert_eq!(
        run(&mut term, &format!("grep -cE {too_big} big")),
        (format!("grep: {}\n", Limit::GrepPattern.en()), 2)
    );
    let many = vec!["-e a*"; limits::MAX_GREP_PATTERN / 2 + 1].join(" ");
    assert_eq!(run(&mut term, &format!("grep -c {many} big")).1, 2);
    // A plain string costs one at any length.
    let plain = "x".repeat(10_000);
    assert_eq!(
        run(&mut term, &format!("grep -cF {plain} big")),
        ("0\n".into(), 1)
    );
    assert_eq!(
        run(&mut term, &format!("grep -c {plain} big")),
        ("0\n".into(), 1)
    );
    assert_eq!(
        run(&mut term, "grep -n x big big"),
        (format!("grep: write error: {}\n", Limit::TextBytes.en()), 2)
    );
}
