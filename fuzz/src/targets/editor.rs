//! The editor's text rules on any text, at selections spread over it: Tab,
//! Shift+Tab and Enter (`edit`), UTF-16 and byte offsets, highlighting, and
//! finding a field's line (`locate`). They run on every keystroke in the page.
//! Each edit must replace a slice of the text and select inside the result.

use super::{Target, feature, known_shape, lossy};
use crate::generate;
use crate::mutate::{COMMON_TOKENS, K8S_TOKENS};
use taintlab_core::locate;
use taintlab_playground::edit::{self, Edit};
use taintlab_playground::highlight;

/// The editor.
pub const EDITOR: Target = Target {
    name: "editor",
    about: "the editor's Tab/Shift+Tab/Enter, offsets, highlighting and field locations",
    generate: Some(generate::manifest),
    prepare: lossy,
    excluded: known_shape,
    run,
    tokens: &[COMMON_TOKENS, K8S_TOKENS],
    max_len: 8 * 1024,
};

const PATHS: &[&str] = &[
    "kind",
    "metadata.name",
    "spec.template.spec.tolerations[0].effect",
    "spec.containers[1].resources.requests.cpu",
    "items[2].spec.taints[0].key",
    "spec.selector",
    "[0]",
    "a..b",
    "spec.x[99999999999999999999]",
    "",
];

fn run(text: &str, features: &mut Vec<u64>) {
    let units = text.encode_utf16().count();
    // Selections as the browser gives them: UTF-16 offsets, made bytes.
    let points: Vec<usize> = [
        0,
        1,
        units / 3,
        units / 2,
        units.saturating_sub(1),
        units,
        units + 5,
    ]
    .into_iter()
    .map(|u| edit::byte_of(text, u))
    .collect();
    for &a in &points {
        assert!(text.is_char_boundary(a), "byte_of gave a non-boundary");
        assert!(edit::utf16_of(text, a) <= units);
        for &b in &points {
            for e in [
                edit::indent(text, a, b),
                edit::outdent(text, a, b),
                edit::newline(text, a, b),
            ] {
                check(text, &e);
                features.push(feature("edit", &e.insert.len().min(12).to_string()));
            }
        }
    }
    let mut previous = None;
    for span in highlight::highlight(text) {
        assert!(
            text.get(span.start..span.end).is_some(),
            "highlight span off the text"
        );
        // Which kinds follow which: a rough picture of the highlighter's states.
        let kind = format!("{:?}", span.kind);
        features.push(feature("span", &format!("{previous:?} {kind}")));
        previous = Some(kind);
    }
    for path in PATHS {
        if let Some((line, column)) = locate::locate(text, path) {
            let at = edit::offset_of(text, line, column);
            assert!(text.is_char_boundary(at));
            features.push(feature("located", path));
        }
    }
}

/// An edit replaces a slice of `text` and selects inside the result.
fn check(text: &str, e: &Edit) {
    assert!(
        e.start <= e.end && text.get(e.start..e.end).is_some(),
        "edit {}..{} is not a slice of the text",
        e.start,
        e.end
    );
    let after = format!("{}{}{}", &text[..e.start], e.insert, &text[e.end..]);
    let (s, t) = e.select;
    assert!(
        s <= t && after.get(s..t).is_some(),
        "selection {s}..{t} is not inside the edited text"
    );
}
