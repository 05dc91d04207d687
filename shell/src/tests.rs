//! Terminal sessions: prompts, here-documents, files, time.

use super::*;

#[test]
fn a_script_reads_like_a_terminal() {
    let mut term = Terminal::new(Cluster::tutorial());
    let transcript = term.run_script(
        "# make a file\ncat > hello.txt <<EOF\nhi there\nEOF\ncat hello.txt\nls\nfrobnicate\n",
    );
    assert_eq!(
        transcript,
        "$ cat > hello.txt <<EOF\n> hi there\n> EOF\n$ cat hello.txt\nhi there\n$ ls\nhello.txt\n$ frobnicate\nbash: frobnicate: command not found\n"
    );
}

#[test]
fn ssh_moves_the_prompt_and_exit_returns() {
    let mut term = Terminal::new(Cluster::tutorial());
    let transcript = term.run_script("ssh worker\nhostname\nexit\nssh nowhere\n");
    assert_eq!(
        transcript,
        "$ ssh worker\nroot@worker:~# hostname\nworker\nroot@worker:~# exit\nlogout\nConnection to worker closed.\n$ ssh nowhere\nssh: Could not resolve hostname nowhere: Name or service not known\n"
    );
}

#[test]
fn sleep_advances_the_clock() {
    let mut term = Terminal::new(Cluster::tutorial());
    let before = term.cluster().now();
    assert_eq!(term.run("sleep 90", None).code, 0);
    assert_eq!(term.run("sleep 1m", None).code, 0);
    assert_eq!(term.cluster().now().millis_since(before), 150_000);
    assert_eq!(
        term.run("sleep soon", None).text,
        "sleep: invalid time interval 'soon'\nTry 'sleep --help' for more information.\n"
    );
}

#[test]
fn the_host_makes_no_file_the_workspace_refuses() {
    let mut term = Terminal::new(Cluster::tutorial());
    let why = "Invalid argument (taintlab: a workspace file's name holds no control or invisible characters and at most 100 bytes)";
    let cases = [
        (
            "cat > 'tab\there.yaml' <<EOF",
            format!("bash: tab\\u{{9}}here.yaml: {why}\n"),
        ),
        (
            "echo hi > dir/x.yaml",
            "bash: dir/x.yaml: No such file or directory\n".to_string(),
        ),
        ("echo hi > ..", "bash: ..: Is a directory\n".to_string()),
        (
            "touch ok.yaml 'bidi\u{202E}lmay.yaml'",
            format!("touch: cannot touch 'bidi\\u{{202e}}lmay.yaml': {why}\n"),
        ),
    ];
    for (line, expected) in cases {
        let out = term.run(line, Some("kind: Pod\n"));
        assert_eq!((out.text, out.code), (expected, 1), "{line}");
    }
    let names: Vec<&String> = term.files().keys().collect();
    assert_eq!(names, ["ok.yaml"]);
    assert!(!term.set_file("a\nb.yaml", "x"));
    assert!(term.set_file("it's fine.yaml", "x"));
}

#[test]
fn an_escaped_space_before_a_hash_is_a_word_not_a_comment() {
    // Found by the fuzzer (`terminal`): `list` and `stages` took `\ #` for a
    // comment while `split` did not, and the pipeline ran itself until the stack
    // overflowed. bash prints `a  #` for both.
    let mut term = Terminal::new(Cluster::tutorial());
    for line in ["echo a \\ # || b", "echo a \\ #|| b", "echo a \\ # | cat"] {
        let out = term.run(line, None);
        assert_eq!((out.text.as_str(), out.code), ("a  #\n", 0), "{line}");
    }
    assert_eq!(term.run("echo a # || b", None).text, "a\n");
}
