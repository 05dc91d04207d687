//! The fuzz targets: each turns bytes into the text the engine reads, says which
//! inputs it leaves to the known, already-reported problems, and runs one input,
//! noting features of what happened (which error, which exit status) so the
//! engine keeps inputs that did something new.

mod apply;
mod config;
mod editor;
mod session;
mod shapes;
mod terminal;

pub use shapes::known_shape;
pub use terminal::session_of_script;

use arbitrary::Unstructured;
use taintlab_core::Cluster;
use taintlab_core::why;

/// One fuzz target.
pub struct Target {
    /// Its name (`--target NAME`, the corpus folder `fuzz/corpus/NAME`).
    pub name: &'static str,
    /// What it runs, in a few words.
    pub about: &'static str,
    /// Builds an input from random bytes with `arbitrary`; `None` for a target
    /// whose inputs are the random bytes themselves.
    pub generate: Option<fn(&mut Unstructured) -> arbitrary::Result<String>>,
    /// Turns a corpus file, a mutant or a generated input into the text it runs.
    pub prepare: fn(&[u8]) -> String,
    /// Why an input is left out (it would only meet a problem already reported).
    pub excluded: fn(&str) -> Option<&'static str>,
    /// Runs the text, pushing a hash of each feature of what happened.
    pub run: fn(&str, &mut Vec<u64>),
    /// Tokens the mutator inserts.
    pub tokens: &'static [&'static [&'static str]],
    /// Inputs are cut to this many bytes (the known blow-ups are quadratic, so a
    /// bound keeps them from passing for hangs).
    pub max_len: usize,
}

/// Every target.
pub const TARGETS: &[Target] = &[
    apply::APPLY,
    terminal::HOST,
    terminal::NODE,
    session::LINK,
    session::SESSION,
    session::SESSION_TEXT,
    session::ANONYMIZE,
    config::KIND,
    config::IMPORT,
    config::SCHEDULER,
    editor::EDITOR,
];

/// The target called `name`.
pub fn find(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// The tutorial's cluster, built once per thread (the engine's cells are not
/// `Sync`) and cloned, which shares its objects.
pub fn tutorial() -> Cluster {
    thread_local! {
        static TUTORIAL: Cluster = Cluster::tutorial();
    }
    TUTORIAL.with(Cluster::clone)
}

/// Bytes as text: invalid UTF-8 becomes U+FFFD, as the page's text areas would.
pub fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A feature: `what` with digits and quoted names blurred, so that `pod "a"` and
/// `pod "b"` count as one thing.
pub fn feature(kind: &str, what: &str) -> u64 {
    let mut shape = String::with_capacity(64);
    shape.push_str(kind);
    shape.push('|');
    let mut quoted = false;
    let mut last_digit = false;
    for c in what.lines().next().unwrap_or("").chars().take(80) {
        if c == '"' {
            quoted = !quoted;
            shape.push('"');
            continue;
        }
        if quoted {
            continue;
        }
        if c.is_ascii_digit() {
            if !last_digit {
                shape.push('#');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        shape.push(c);
    }
    crate::rng::hash(shape.as_bytes())
}

/// What the page shows of a cluster: the view, every explanation, the export.
/// A panic in any of them would kill the page as surely as one in apply.
pub fn exercise(cluster: &Cluster, features: &mut Vec<u64>) {
    let view = taintlab_core::view::ClusterView::of(cluster);
    let _ = view;
    for subject in why::subjects(cluster).into_iter().take(40) {
        match subject {
            why::Subject::Node(name) => {
                let _ = why::explain_node(cluster, &name);
                let _ = taintlab_core::status::node_status(cluster, &name);
            }
            why::Subject::Pod { namespace, name } => {
                if let Some(e) = why::explain_pod(cluster, &namespace, &name) {
                    features.push(feature("status", &e.status));
                    if let Some(message) = &e.scheduling_message {
                        features.push(feature("scheduling", message));
                    }
                    let _ = e.scoring_skipped();
                    let _ = e.daemon_set();
                }
                let _ = why::explain_eviction(cluster, &namespace, &name);
            }
            why::Subject::DaemonSet { namespace, name } => {
                let _ = why::explain_daemon_set(cluster, &namespace, &name);
                let _ = why::daemon_set_facts(cluster, &namespace, &name);
            }
        }
    }
    for ds in cluster.daemon_sets() {
        let _ = taintlab_core::status::daemon_set_status(cluster, ds);
    }
    for d in cluster.deployments() {
        let _ = taintlab_core::status::deployment_status(cluster, d);
    }
    let export = taintlab_playground::export::export(cluster);
    let _ = export.script();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_blur_names_and_numbers() {
        assert_eq!(
            feature("e", "pods \"a\" not found at 12"),
            feature("e", "pods \"bb\" not found at 3")
        );
        assert_ne!(feature("e", "pods"), feature("f", "pods"));
        assert_ne!(feature("e", "pods"), feature("e", "nodes"));
    }

    #[test]
    fn every_target_has_a_corpus_folder_and_a_unique_name() {
        for (i, t) in TARGETS.iter().enumerate() {
            assert!(TARGETS[..i].iter().all(|o| o.name != t.name), "{}", t.name);
            let dir = crate::corpus::dir(t.name);
            assert!(
                dir.is_dir(),
                "{} has no corpus at {}",
                t.name,
                dir.display()
            );
        }
    }
}
