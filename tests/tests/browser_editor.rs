//! Browser tests of the workspace and the editor: files, keys, diagnostics on
//! their lines, node manifests, snippets, and the highlighted layer under the text.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Dom, Mounted, sleep};

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

impl Mounted {
    /// The app with the page's stylesheets (the editor's layers line up only
    /// with them), its clock paused.
    async fn styled() -> Mounted {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .expect("a document");
        if document.get_element_by_id("taintlab-styles").is_none() {
            let style = document.create_element("style").expect("a style");
            style.set_id("taintlab-styles");
            style.set_text_content(Some(concat!(
                include_str!("../../static/style.css"),
                include_str!("../../static/full.css")
            )));
            document
                .head()
                .expect("a head")
                .append_child(&style)
                .expect("appended");
        }
        let app = Mounted::new().await;
        // Simulated time stands still, so nothing changes under the test.
        app.click("[data-testid=pause]").await;
        app
    }

    /// Presses `key` in the editor, with Ctrl or Shift if asked.
    async fn press(&self, key: &str, ctrl: bool, shift: bool) {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_ctrl_key(ctrl);
        init.set_shift_key(shift);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .expect("event");
        self.editor().dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }

    /// Creates a file through the new-file form, in the workspace or on a node.
    async fn new_file(&self, name: &str, location: &str) {
        self.click("[data-testid=file-new]").await;
        let input: web_sys::HtmlInputElement =
            self.get("[data-testid=new-file-name]").unchecked_into();
        input.set_value(name);
        fire_input(&input);
        yew::scheduler::flush().await;
        let select: web_sys::HtmlSelectElement =
            self.get("[data-testid=new-file-location]").unchecked_into();
        select.set_value(location);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let change = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
        select.dispatch_event(&change).expect("dispatched");
        yew::scheduler::flush().await;
        self.click("[data-testid=new-file-create]").await;
    }
}

fn fire_input(target: &web_sys::EventTarget) {
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
    target.dispatch_event(&event).expect("dispatched");
}

fn active_element() -> Option<Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n";

#[wasm_bindgen_test]
async fn a_second_file_is_created_switched_to_and_applied() {
    let app = Mounted::styled().await;
    assert_eq!(app.count("[data-file]"), 1);
    app.new_file("web-pod.yaml", "workspace").await;
    assert_eq!(app.count("[data-file]"), 2);
    assert_eq!(app.text("[data-testid=open-file]"), "web-pod.yaml");
    assert_eq!(app.editor().value(), "", "a new file starts empty");
    assert_eq!(
        active_element(),
        Some(app.editor().unchecked_into()),
        "and has the caret"
    );
    app.type_text(POD).await;

    app.click("[data-file='redis-ds.yaml']").await;
    assert!(app.editor().value().contains("name: redis-ds"));
    app.click("[data-file='web-pod.yaml']").await;
    assert_eq!(app.editor().value(), POD, "each file keeps its text");
    assert_eq!(
        app.get("[data-file='web-pod.yaml']")
            .get_attribute("aria-current")
            .as_deref(),
        Some("true")
    );

    app.click("[data-testid=apply]").await;
    assert_eq!(app.count("[data-node=worker] [data-pod=web]"), 1);
    assert!(
        app.text("[data-testid=diagnostics]")
            .contains("pod/web created")
    );
    // Only the open file was applied.
    assert_eq!(app.count("[data-pod^='redis-ds-']"), 0);
}

#[wasm_bindgen_test]
async fn a_file_without_objects_is_refused_as_kubectl_does() {
    let app = Mounted::styled().await;
    app.new_file("notes.yaml", "workspace").await;
    app.type_text("# nothing here yet\n---\n").await;
    app.click("[data-testid=apply]").await;
    let status = app.text("[data-testid=diagnostics]");
    assert!(
        status.contains("error: no objects passed to apply"),
        "{status}"
    );
    assert_eq!(app.count("[data-pod]"), 0);
    app.type_text(POD).await;
    app.click("[data-testid=apply]").await;
    assert!(
        !app.text("[data-testid=diagnostics]").contains("no objects"),
        "the refusal goes with the next apply"
    );
}

#[wasm_bindgen_test]
async fn a_name_that_is_taken_is_refused() {
    let app = Mounted::styled().await;
    app.new_file("redis-ds.yaml", "workspace").await;
    assert!(
        app.text("[role=alert]")
            .contains("\"redis-ds.yaml\": a file with this name exists")
    );
    assert_eq!(app.count("[data-file]"), 1);
}

#[wasm_bindgen_test]
async fn rename_and_delete_after_confirming() {
    let app = Mounted::styled().await;
    app.new_file("a.yaml", "workspace").await;
    app.click("[data-testid=file-rename]").await;
    let input: web_sys::HtmlInputElement = app.get("[data-testid=rename-input]").unchecked_into();
    input.set_value("b.yaml");
    fire_input(&input);
    yew::scheduler::flush().await;
    let form: web_sys::HtmlFormElement = app
        .get("[data-testid=rename-input]")
        .closest("form")
        .ok()
        .flatten()
        .expect("a form")
        .unchecked_into();
    form.request_submit().expect("submitted");
    yew::scheduler::flush().await;
    assert_eq!(app.count("[data-file='b.yaml']"), 1);
    assert_eq!(app.count("[data-file='a.yaml']"), 0);

    app.click("[data-testid=file-delete]").await;
    assert_eq!(
        app.count("[data-file='b.yaml']"),
        1,
        "nothing goes before the confirmation"
    );
    app.click("[data-testid=confirm-delete]").await;
    assert_eq!(app.count("[data-file='b.yaml']"), 0);
    assert_eq!(app.text("[data-testid=open-file]"), "redis-ds.yaml");
}

#[wasm_bindgen_test]
async fn tab_inserts_two_spaces_and_shift_tab_takes_them_away() {
    let app = Mounted::styled().await;
    app.type_text("a:\nb: 1\n").await;
    let editor = app.editor();
    editor.focus().expect("focused");
    editor.set_selection_range(3, 3).expect("caret");
    app.press("Tab", false, false).await;
    assert_eq!(editor.value(), "a:\n  b: 1\n");
    assert_eq!(editor.selection_start().ok().flatten(), Some(5));
    app.press("Tab", false, true).await;
    assert_eq!(editor.value(), "a:\nb: 1\n");
    assert_eq!(editor.selection_start().ok().flatten(), Some(3));
    // Enter keeps the indentation, and opens one after `key:`.
    editor.set_selection_range(2, 2).expect("caret");
    app.press("Enter", false, false).await;
    assert_eq!(editor.value(), "a:\n  \nb: 1\n");
}

#[wasm_bindgen_test]
async fn a_broken_file_marks_its_line_and_a_click_on_the_message_moves_the_caret() {
    let app = Mounted::styled().await;
    let broken = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n   labels: {}\n";
    app.type_text(broken).await;
    app.press("Enter", true, false).await;
    let diagnostics = app.text("[data-testid=diagnostics]");
    assert!(diagnostics.contains("line 5, column"), "{diagnostics}");
    // The line is marked in the gutter (with the message on hover) and across the text.
    let mark = app.get(".gutter-mark.error");
    assert_eq!(mark.text_content().as_deref(), Some("5"));
    assert!(
        mark.get_attribute("title")
            .unwrap_or_default()
            .contains("mapping values are not allowed")
    );
    assert_eq!(app.count(".band.error[data-line='5']"), 1);
    assert_eq!(app.count(".code-highlight .col-mark.error"), 1);

    let entry = app.get("[data-testid=diagnostics] button.diag");
    let column: usize = entry
        .get_attribute("data-column")
        .and_then(|c| c.parse().ok())
        .expect("a column");
    app.click("[data-testid=diagnostics] button.diag").await;
    let editor = app.editor();
    let line_start = broken
        .split_inclusive('\n')
        .take(4)
        .map(str::len)
        .sum::<usize>();
    assert_eq!(
        editor.selection_start().ok().flatten(),
        Some((line_start + column - 1) as u32)
    );
    assert_eq!(active_element(), Some(editor.unchecked_into::<Element>()));
}

#[wasm_bindgen_test]
async fn a_static_pod_written_to_master_from_the_workspace_runs_as_a_mirror_pod() {
    let app = Mounted::styled().await;
    app.new_file("static-web.yaml", "node:master").await;
    assert_eq!(
        app.text("[data-testid=open-file]"),
        "master:/etc/kubernetes/manifests/static-web.yaml"
    );
    assert!(
        app.get("[data-manifest='master/static-web.yaml']")
            .class_list()
            .contains("draft")
    );
    app.type_text(&POD.replace("name: web\nspec", "name: static-web\nspec"))
        .await;
    assert_eq!(app.text("[data-testid=apply]"), "Write to master");
    // Ctrl+S keeps the workspace: the manifest goes to its node.
    app.press("s", true, false).await;
    assert_eq!(
        app.count("[data-node=master] [data-pod='static-web-master']"),
        1
    );
    assert!(
        !app.get("[data-manifest='master/static-web.yaml']")
            .class_list()
            .contains("draft")
    );
    assert!(
        app.text("[data-testid=diagnostics]")
            .contains("Written to master:/etc/kubernetes/manifests/static-web.yaml")
    );
    assert_eq!(app.count("[data-testid=saved]"), 1);

    // Deleting the file stops the pod.
    app.click("[data-testid=file-delete]").await;
    app.click("[data-testid=confirm-delete]").await;
    assert_eq!(app.count("[data-manifest]"), 0);
    app.click("[data-testid=clock-step]").await;
    app.click("[data-testid=clock-step]").await;
    assert_eq!(app.count("[data-pod='static-web-master']"), 0);
}

#[wasm_bindgen_test]
async fn a_snippet_is_inserted_at_the_caret_as_a_document_of_its_own() {
    let app = Mounted::styled().await;
    let editor = app.editor();
    let end = editor.value().encode_utf16().count() as u32;
    editor.set_selection_range(end, end).expect("caret");
    app.click("[data-snippet=deployment]").await;
    let text = editor.value();
    assert!(
        text.starts_with(taintlab_core::TUTORIAL_DAEMONSET),
        "{text}"
    );
    assert!(
        text.contains("\n---\napiVersion: apps/v1\nkind: Deployment"),
        "{text}"
    );
    app.click("[data-testid=apply]").await;
    assert_eq!(app.count("[data-pod^='web-']"), 3);
    assert_eq!(app.count("[data-pod^='redis-ds-']"), 1);
}

#[wasm_bindgen_test]
async fn the_highlighted_layer_holds_the_same_text_in_the_same_box() {
    let app = Mounted::styled().await;
    // Long enough for several blocks, with empty lines, some of which end blocks.
    let more: String = (0..90)
        .map(|i| {
            if i % 3 == 0 {
                "\n".to_string()
            } else {
                format!("  k{i}: v{i}\n")
            }
        })
        .collect();
    let long = format!(
        "# 注释 with a tab:\t end\nmetadata:\n  name: \"x # y\"\n  labels: {{a: b}}\n  long: {}\nspec: |\n  text\n{more}",
        "x".repeat(300)
    );
    app.type_text(&long).await;
    let editor = app.editor();
    let layer: HtmlElement = app.get(".code-highlight").unchecked_into();
    // The same characters (the layer adds a space after a final line break, so
    // its last, empty line has a height as the text area's does).
    assert_eq!(layer.text_content().unwrap_or_default(), format!("{long} "));
    assert!(app.count(".code-highlight .hl-key") >= 4);
    assert_eq!(app.count(".code-highlight .hl-comment"), 1);
    // Same box, same metrics.
    let (a, b) = (
        editor.get_bounding_client_rect(),
        layer.get_bounding_client_rect(),
    );
    assert_eq!(
        (a.x(), a.y(), a.width(), a.height()),
        (b.x(), b.y(), b.width(), b.height())
    );
    let window = web_sys::window().expect("a window");
    let style = |e: &Element, name: &str| {
        window
            .get_computed_style(e)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value(name).ok())
            .unwrap_or_default()
    };
    for property in [
        "font-family",
        "font-size",
        "font-weight",
        "line-height",
        "letter-spacing",
        "tab-size",
        "padding-top",
        "padding-left",
        "white-space",
    ] {
        assert_eq!(
            style(&editor, property),
            style(&layer, property),
            "{property}"
        );
    }
    // The layer's text sits in blocks, which must not bring a font of their own.
    let code = app.get(".code-highlight > span");
    for property in [
        "font-family",
        "font-size",
        "font-weight",
        "line-height",
        "letter-spacing",
    ] {
        assert_eq!(
            style(&editor, property),
            style(&code, property),
            "{property}"
        );
    }
    // The text area never scrolls inside itself: the layer's box holds all its text.
    assert!(
        editor.scroll_width() <= editor.client_width() + 1,
        "{} > {}",
        editor.scroll_width(),
        editor.client_width()
    );
    assert!(editor.scroll_height() <= editor.client_height() + 1);
    // The layer is exactly as many lines tall as the text area's text.
    let line_height: f64 = style(&editor, "line-height")
        .trim_end_matches("px")
        .parse()
        .expect("a line height in px");
    let padding: f64 = ["padding-top", "padding-bottom"]
        .iter()
        .map(|p| {
            style(&editor, p)
                .trim_end_matches("px")
                .parse::<f64>()
                .unwrap_or(0.0)
        })
        .sum();
    let lines = long.split('\n').count() as f64;
    assert_eq!(
        f64::from(layer.scroll_height()),
        (lines * line_height + padding).ceil()
    );
    // A number for each line of text and for the empty one after the last line break.
    assert_eq!(
        app.text(".code-gutter pre").lines().count(),
        long.split('\n').count()
    );
}

/// Chooses `files` (name and bytes) in the upload field, as the file dialog would,
/// and waits until `until` matches something (reading files takes a few tasks).
async fn upload(app: &Mounted, files: &[(&str, &[u8])], until: &str) {
    let transfer = web_sys::DataTransfer::new().expect("a data transfer");
    for (name, bytes) in files {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(*bytes));
        let file = web_sys::File::new_with_u8_array_sequence(&parts, name).expect("a file");
        transfer.items().add_with_file(&file).expect("added");
    }
    let input: web_sys::HtmlInputElement = app.get("input[type=file]").unchecked_into();
    input.set_files(transfer.files().as_ref());
    let event = web_sys::Event::new("change").expect("event");
    input.dispatch_event(&event).expect("dispatched");
    for _ in 0..100 {
        sleep(10).await;
        if app.find(until).is_some() {
            return;
        }
    }
    panic!("nothing matches {until} after the upload");
}

#[wasm_bindgen_test]
async fn an_uploaded_file_and_a_downloaded_bundle_come_back_in() {
    let app = Mounted::styled().await;
    let crlf = POD.replace('\n', "\r\n");
    upload(
        &app,
        &[("web-pod.yaml", crlf.as_bytes())],
        "[data-file='web-pod.yaml']",
    )
    .await;
    assert_eq!(app.text("[data-testid=open-file]"), "web-pod.yaml");
    assert_eq!(
        app.editor().value(),
        POD,
        "line ends as the text area has them"
    );

    // A bundle as "Download all" writes it: a workspace file and a manifest for master.
    let bundle = taintlab_playground::bundle::Bundle {
        files: vec![("redis-ds.yaml".into(), "kind: x\n".into())],
        manifests: vec![(
            "master".into(),
            "static-web.yaml".into(),
            POD.replace("name: web\nspec", "name: static-web\nspec"),
        )],
    };
    let tar = bundle.to_tar(0);
    upload(
        &app,
        &[("taintlab-workspace.tar", &tar)],
        "[data-file='redis-ds-2.yaml']",
    )
    .await;
    // The name is taken, so the uploaded file gets a number; the manifest is on master.
    assert_eq!(app.count("[data-file='redis-ds-2.yaml']"), 1);
    assert_eq!(app.count("[data-manifest='master/static-web.yaml']"), 1);
    assert_eq!(
        app.count("[data-node=master] [data-pod='static-web-master']"),
        1
    );

    upload(
        &app,
        &[("broken.tar", b"not a tar archive")],
        "[role=alert]",
    )
    .await;
    assert!(
        app.text("[role=alert]")
            .contains("broken.tar: this is not a tar archive")
    );
}

#[wasm_bindgen_test]
async fn an_edit_in_a_long_file_re_renders_only_its_block() {
    let app = Mounted::styled().await;
    let long: String = (0..400).map(|i| format!("key{i}: value {i}\n")).collect();
    app.type_text(&long).await;
    let blocks = || {
        let list = app
            .root
            .query_selector_all(".code-highlight > span")
            .expect("blocks");
        (0..list.length())
            .filter_map(|i| list.get(i))
            .collect::<Vec<_>>()
    };
    let before = blocks();
    assert!(before.len() > 5, "{} blocks", before.len());
    // A new line near the top: the blocks below it are the same elements.
    app.type_text(&format!("new: line\n{long}")).await;
    let after = blocks();
    let kept = after.iter().filter(|b| before.contains(b)).count();
    assert!(kept + 2 >= before.len(), "kept {kept} of {}", before.len());
    let layer = app.get(".code-highlight");
    assert_eq!(
        layer.text_content().unwrap_or_default(),
        format!("new: line\n{long} ")
    );
}
