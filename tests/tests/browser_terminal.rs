//! Browser tests of the terminal panel: the real app in headless Chromium, driven
//! through DOM events as a person at the keyboard would (input events, key
//! presses, a paste).
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, Mounted};

use taintlab_core::{TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

impl Mounted {
    /// The app with its clock paused (so only the commands move the cluster) and
    /// the terminal open.
    async fn with_terminal() -> Mounted {
        let app = Mounted::new().await;
        app.click("[data-testid=pause]").await;
        app.click("[data-tab=terminal]").await;
        app
    }

    fn input(&self) -> HtmlInputElement {
        self.get("[data-testid=terminal-input]").unchecked_into()
    }

    fn output(&self) -> String {
        self.text("[data-testid=terminal-output]")
    }

    /// Types `text` into the terminal's input line (replacing it) and fires `input`.
    async fn type_line(&self, text: &str) {
        let input = self.input();
        input.set_value(text);
        let len = text.encode_utf16().count() as u32;
        input.set_selection_range(len, len).expect("cursor");
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
        input.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }

    /// Presses `key` in the input line; returns whether the page took the key
    /// (prevented the browser's default).
    async fn press(&self, key: &str, ctrl: bool) -> bool {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_ctrl_key(ctrl);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .expect("event");
        let not_taken = self.input().dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
        !not_taken
    }

    /// Types `line` and presses Enter.
    async fn run(&self, line: &str) {
        self.type_line(line).await;
        self.press("Enter", false).await;
    }

    /// Pastes `text` into the input line, as the clipboard delivers it.
    async fn paste(&self, text: &str) {
        let data = web_sys::DataTransfer::new().expect("a DataTransfer");
        data.set_data("text/plain", text).expect("set");
        let init = web_sys::ClipboardEventInit::new();
        init.set_clipboard_data(Some(&data));
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event =
            web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).expect("event");
        self.input().dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }

    /// The pod lines of the last `kubectl get pods` output on the screen.
    fn last_output(&self) -> String {
        let outputs = self
            .root
            .query_selector_all("[data-testid=terminal-output] .term-out")
            .expect("outputs");
        outputs
            .item(outputs.length().saturating_sub(1))
            .and_then(|n| n.text_content())
            .unwrap_or_default()
    }
}

#[wasm_bindgen_test]
async fn the_tutorial_through_the_terminal() {
    let app = Mounted::with_terminal().await;
    // Typed line by line, as in bash: the first line opens a here-document and
    // the prompt turns to `> ` until its delimiter.
    app.run("kubectl apply -f - <<EOF").await;
    assert_eq!(app.text(".term-input-row .term-prompt"), "> ");
    assert_eq!(app.count("[data-pod]"), 0, "nothing runs before EOF");
    for line in TUTORIAL_DAEMONSET.lines() {
        app.run(line).await;
    }
    app.run("EOF").await;
    assert_eq!(app.text(".term-input-row .term-prompt"), "$ ");
    let output = app.output();
    assert!(
        output.contains("daemonset.apps/redis-ds created"),
        "{output}"
    );
    assert!(
        output.contains("> EOF"),
        "the here-document is on the screen"
    );

    app.run("kubectl get pods -o wide").await;
    let pods = app.last_output();
    let lines: Vec<&str> = pods
        .lines()
        .filter(|l| l.starts_with("redis-ds-"))
        .collect();
    assert_eq!(lines.len(), 1, "{pods}");
    assert!(lines[0].contains(" worker "), "{pods}");
    assert_eq!(app.count("[data-node=master] [data-pod]"), 0);

    app.run("kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule-")
        .await;
    assert_eq!(app.last_output(), "node/master untainted\n");
    assert_eq!(app.count("[data-node=master] [data-pod^='redis-ds-']"), 1);
    assert_eq!(app.count("[data-node=master] [data-taint]"), 0);
    app.run("kubectl get pods -o wide").await;
    let pods = app.last_output();
    assert!(
        pods.lines()
            .any(|l| l.starts_with("redis-ds-") && l.contains(" master ")),
        "{pods}"
    );
}

#[wasm_bindgen_test]
async fn a_pasted_heredoc_runs_as_one_command() {
    let app = Mounted::with_terminal().await;
    app.paste(&format!(
        "kubectl apply -f - <<EOF\n{TUTORIAL_DAEMONSET}EOF\nkubectl get ds\n"
    ))
    .await;
    let output = app.output();
    assert!(
        output.contains("daemonset.apps/redis-ds created"),
        "{output}"
    );
    assert_eq!(app.count("[data-testid=terminal-output] .term-entry"), 2);
    assert!(
        app.last_output().starts_with("NAME "),
        "{}",
        app.last_output()
    );
    assert_eq!(app.count("[data-node=worker] [data-pod^='redis-ds-']"), 1);
    assert_eq!(app.input().value(), "");
    // A paste without a final newline leaves its last line to be finished.
    app.paste("kubectl get nodes\nkubectl get no").await;
    assert_eq!(app.input().value(), "kubectl get no");
    assert!(app.last_output().contains("master"));
}

#[wasm_bindgen_test]
async fn a_recalled_heredoc_comes_back_whole() {
    let app = Mounted::with_terminal().await;
    app.paste("cat <<EOF > note.txt\nfirst\nsecond\nEOF\n")
        .await;
    app.run("rm note.txt").await;
    // ↑↑: the here-document command, its body shown under the line.
    app.press("ArrowUp", false).await;
    app.press("ArrowUp", false).await;
    assert_eq!(app.input().value(), "cat <<EOF > note.txt");
    assert!(
        app.text("[data-testid=terminal-recalled]")
            .starts_with("> first> second> EOF")
    );
    assert_eq!(app.count("[data-testid=terminal-recalled] .term-line"), 3);
    app.press("Enter", false).await;
    app.run("cat note.txt").await;
    assert_eq!(
        app.last_output(),
        "first\nsecond\n",
        "Enter ran it with its body"
    );
    assert_eq!(app.count("[data-testid=terminal-recalled]"), 0);
    // `!cat <` finds it too, and bash echoes the whole command.
    app.run("rm note.txt").await;
    app.run("!-3").await;
    assert_eq!(
        app.last_output(),
        "cat <<EOF > note.txt\nfirst\nsecond\nEOF\n"
    );
    app.run("cat note.txt").await;
    assert_eq!(app.last_output(), "first\nsecond\n");
    // The History panel shows its first line.
    app.click("[data-tab=events]").await;
    assert!(
        app.text("[data-testid=history]")
            .contains("$ cat <<EOF > note.txt +3 lines")
    );
}

#[wasm_bindgen_test]
async fn apply_f_reads_the_editor_and_files_written_reach_it() {
    let app = Mounted::with_terminal().await;
    // The editor's text, not saved or applied, is what `-f` reads.
    let editor: HtmlTextAreaElement = app.get("[data-testid=editor]").unchecked_into();
    editor.set_value(TUTORIAL_DAEMONSET_TOLERATING);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
    editor.dispatch_event(&event).expect("dispatched");
    yew::scheduler::flush().await;
    app.run("kubectl apply -f redis-ds.yaml").await;
    assert_eq!(app.last_output(), "daemonset.apps/redis-ds created\n");
    assert_eq!(app.count("[data-pod^='redis-ds-']"), 2);
    // A file the terminal writes is the workspace's.
    app.run("cat > redis-ds.yaml <<EOF").await;
    app.run("# written in the terminal").await;
    app.run("EOF").await;
    assert_eq!(editor.value(), "# written in the terminal\n");
}

#[wasm_bindgen_test]
async fn errors_are_marked_and_the_prompt_follows_ssh() {
    let app = Mounted::with_terminal().await;
    app.run("kubectl get pod nosuch").await;
    assert_eq!(
        app.text(".term-out.error"),
        "Error from server (NotFound): pods \"nosuch\" not found\n"
    );
    app.run("kubectl get nodes").await;
    assert_eq!(app.count(".term-out.error"), 1, "success is not an error");
    app.run("ssh worker").await;
    assert_eq!(app.text(".term-input-row .term-prompt"), "root@worker:~# ");
    app.run("systemctl stop kubelet").await;
    app.run("exit").await;
    assert_eq!(app.text(".term-input-row .term-prompt"), "$ ");
    assert!(
        app.output()
            .contains("root@worker:~# systemctl stop kubelet")
    );
}

#[wasm_bindgen_test]
async fn history_is_shared_with_the_node_buttons() {
    let app = Mounted::with_terminal().await;
    app.click("[data-node=worker] [data-action=cordon]").await;
    assert!(app.press("ArrowUp", false).await);
    assert_eq!(app.input().value(), "kubectl cordon worker");
    app.type_line("").await;
    app.run("kubectl get nodes").await;
    app.type_line("kubectl get p").await;
    app.press("ArrowUp", false).await;
    assert_eq!(app.input().value(), "kubectl get nodes");
    app.press("ArrowUp", false).await;
    assert_eq!(app.input().value(), "kubectl cordon worker");
    app.press("ArrowUp", false).await;
    assert_eq!(
        app.input().value(),
        "kubectl cordon worker",
        "the oldest stays"
    );
    app.press("ArrowDown", false).await;
    assert_eq!(app.input().value(), "kubectl get nodes");
    app.press("ArrowDown", false).await;
    assert_eq!(
        app.input().value(),
        "kubectl get p",
        "back to the line typed"
    );
    // The terminal's commands join the list the buttons fill (shown beside the
    // other tabs; the terminal shows its own).
    app.click("[data-tab=events]").await;
    assert!(
        app.text("[data-testid=history]")
            .contains("$ kubectl get nodes")
    );
}

#[wasm_bindgen_test]
async fn history_and_bang_bang_work_as_in_bash() {
    let app = Mounted::with_terminal().await;
    app.click("[data-node=worker] [data-action=cordon]").await;
    app.run("kubectl get nodes").await;
    app.run("!!").await;
    let out = app.last_output();
    assert!(
        out.starts_with("kubectl get nodes\nNAME"),
        "bash echoes the expanded line, then runs it: {out}"
    );
    app.run("!1").await;
    assert!(app.last_output().starts_with("kubectl cordon worker\n"));
    app.run("!42").await;
    assert_eq!(app.last_output(), "bash: !42: event not found\n");
    app.run("history").await;
    assert_eq!(
        app.last_output(),
        "    1  kubectl cordon worker\n    2  kubectl get nodes\n    3  kubectl get nodes\n    4  kubectl cordon worker\n    5  history\n",
        "the buttons' commands are numbered with the typed ones"
    );
}

#[wasm_bindgen_test]
async fn clear_and_ctrl_l_empty_the_screen() {
    let app = Mounted::with_terminal().await;
    app.run("kubectl get nodes").await;
    assert!(app.output().contains("worker"));
    app.run("clear").await;
    assert_eq!(app.output(), "");
    app.run("kubectl get nodes").await;
    assert!(app.output().contains("worker"));
    assert!(app.press("l", true).await, "Ctrl+L is the terminal's");
    assert_eq!(app.output(), "");
    // Ctrl+C drops the line and a half-typed here-document.
    app.run("cat > x.yaml <<EOF").await;
    app.type_line("half").await;
    app.press("c", true).await;
    assert_eq!(app.text(".term-input-row .term-prompt"), "$ ");
    assert!(app.output().contains("half^C"), "{}", app.output());
}

#[wasm_bindgen_test]
async fn tab_completes() {
    let app = Mounted::with_terminal().await;
    app.type_line("kubectl get no").await;
    assert!(app.press("Tab", false).await);
    assert_eq!(app.input().value(), "kubectl get nodes ");
    assert!(app.press("Tab", false).await);
    assert_eq!(
        app.text("[data-testid=terminal-candidates]"),
        "masterworker"
    );
    app.type_line("kubectl get nodes w").await;
    assert!(
        app.find("[data-testid=terminal-candidates]").is_none(),
        "typing hides the list"
    );
    app.press("Tab", false).await;
    assert_eq!(app.input().value(), "kubectl get nodes worker ");
    // Several candidates and nothing in common to add: Tab lists them.
    app.type_line("kubectl c").await;
    app.press("Tab", false).await;
    assert_eq!(app.input().value(), "kubectl c");
    let listed = app.text("[data-testid=terminal-candidates]");
    assert!(
        listed.contains("cordon") && listed.contains("create"),
        "{listed}"
    );
    // On an empty line Tab is left to the browser, to move the focus on.
    app.type_line("").await;
    assert!(!app.press("Tab", false).await);
}

#[wasm_bindgen_test]
async fn the_input_has_the_focus_when_the_terminal_opens() {
    let app = Mounted::with_terminal().await;
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    assert_eq!(focused, Some(app.get("[data-testid=terminal-input]")));
}
