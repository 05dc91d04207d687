//! Arbitrary bytes as YAML or JSON in the editor: highlighted as typed, decoded,
//! applied to the tutorial cluster and to an empty one, the clock run on, and
//! everything the page shows of the result built.

use super::{Target, exercise, feature, known_shape, lossy, tutorial};
use crate::generate;
use crate::mutate::{COMMON_TOKENS, K8S_TOKENS};
use taintlab_core::{Cluster, Diagnostic, KubeVersion};
use taintlab_playground::edit;
use taintlab_playground::highlight;

/// `Cluster::decode` and `Cluster::apply`, on the tutorial cluster and an empty one.
pub const APPLY: Target = Target {
    name: "apply",
    about: "YAML/JSON applied to the tutorial and an empty cluster (highlight, decode, apply, clock, views)",
    generate: Some(generate::manifest),
    prepare: lossy,
    excluded: known_shape,
    run,
    tokens: &[COMMON_TOKENS, K8S_TOKENS],
    max_len: 16 * 1024,
};

fn run(text: &str, features: &mut Vec<u64>) {
    // The editor highlights every keystroke's text: each span must be a slice of it.
    for span in highlight::highlight(text) {
        assert!(
            span.start <= span.end && text.get(span.start..span.end).is_some(),
            "highlight span {}..{} is not a slice of the text",
            span.start,
            span.end
        );
    }
    let mut cluster = tutorial();
    let decoded = cluster.decode(text);
    match &decoded {
        Ok(d) => features.push(feature("decoded", &d.objects.len().min(3).to_string())),
        Err(errors) => diagnostics(text, errors, "decode", features),
    }
    let before = format!("{cluster:?}");
    match cluster.apply(text) {
        Ok(report) => {
            for line in &report.lines {
                // `daemonset.apps/NAME configured`: the resource and the verb.
                let resource = line.split('/').next().unwrap_or("");
                let verb = line.rsplit(' ').next().unwrap_or("");
                features.push(feature("applied", &format!("{resource} {verb}")));
            }
            for w in &report.warnings {
                features.push(feature("warning", &w.message));
            }
            cluster.advance(1);
            cluster.advance(30);
            exercise(&cluster, features);
        }
        Err(errors) => {
            // Nothing is half-applied.
            assert!(
                format!("{cluster:?}") == before,
                "a refused apply changed the cluster"
            );
            diagnostics(text, &errors, "apply", features);
        }
    }
    let mut empty = Cluster::empty(KubeVersion::default());
    if empty.apply(text).is_ok() {
        empty.advance(5);
        exercise(&empty, features);
    }
}

/// The page marks each diagnostic's line and column in the editor.
fn diagnostics(text: &str, errors: &[Diagnostic], kind: &str, features: &mut Vec<u64>) {
    for d in errors {
        let at = edit::offset_of(text, d.line, d.column);
        assert!(text.is_char_boundary(at), "diagnostic at a non-boundary");
        let _ = edit::utf16_of(text, at);
        features.push(feature(kind, &d.message));
    }
}
