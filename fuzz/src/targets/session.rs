//! Sessions, as share links and autosaves carry them: a fragment decompressed and
//! decoded, the session text decoded, and generated sessions encoded; each then
//! replayed as the page and `taintlab link` replay one (the terminal's inputs on
//! the terminal, the rest on the cluster), its pending input performed, a line
//! typed into its workspace and history, and everything shown.

use super::{Target, exercise, feature, lossy, shapes::known_shell_shape, tutorial};
use crate::generate;
use crate::mutate::{COMMON_TOKENS, K8S_TOKENS, SESSION_TOKENS, SHELL_TOKENS};
use arbitrary::Unstructured;
use taintlab_core::session::{self, Input, Session};
use taintlab_playground::anonymize;
use taintlab_playground::link;
use taintlab_playground::terminal_session;
use taintlab_shell::Terminal;

/// A share link's fragment (`#s=` and compressed text), as opened from a URL.
pub const LINK: Target = Target {
    name: "link",
    about: "a share-link fragment: base64url, DEFLATE, session text, replay",
    generate: Some(|u| Ok(link::fragment(&generate::session(u)?))),
    prepare: lossy,
    excluded: |text| link::session(text).ok().and_then(|s| session_shape(&s)),
    run: |text, features| match link::session(text) {
        Ok(session) => {
            round_trips(&session);
            replay(&session, features)
        }
        Err(e) => features.push(feature("link", &e)),
    },
    tokens: &[&["#s=", "s=", "#", "=", "-", "_", "A", "AAAA", "____", "%3D"]],
    max_len: 8 * 1024,
};

/// Generated sessions: every byte string is a session (built with `arbitrary`,
/// then encoded), so mutations reach replay instead of the parser's errors.
pub const SESSION: Target = Target {
    name: "session",
    about: "sessions built with `arbitrary` from the bytes, encoded, decoded and replayed",
    generate: None,
    prepare: structured,
    excluded: session_text_shape,
    run: run_text,
    tokens: &[],
    max_len: 8 * 1024,
};

/// The session text (`Session::decode`), as an autosave or a decompressed link holds it.
pub const SESSION_TEXT: Target = Target {
    name: "session-text",
    about: "session text decoded and replayed (records, length-prefixed fields)",
    generate: Some(|u| Ok(generate::session(u)?.encode())),
    prepare: lossy,
    excluded: session_text_shape,
    run: run_text,
    tokens: &[SESSION_TOKENS, COMMON_TOKENS, SHELL_TOKENS, K8S_TOKENS],
    max_len: 16 * 1024,
};

/// A session anonymized for a link (`anonymize::anonymize`), as the page's
/// Share with placeholders and `taintlab link --anonymize` make one of a
/// stranger's session: it must not panic, must still be a session, and must
/// replay.
pub const ANONYMIZE: Target = Target {
    name: "anonymize",
    about: "session text anonymized (placeholders for names), round trip, replay",
    generate: Some(|u| Ok(generate::session(u)?.encode())),
    prepare: lossy,
    excluded: session_text_shape,
    run: |text, features| match Session::decode(text) {
        Ok(session) => {
            let mapping = anonymize::Mapping::of(&session);
            features.push(feature("placeholders", &mapping.len().min(20).to_string()));
            let anonymized = mapping.session(&session);
            round_trips(&anonymized);
            assert_eq!(
                anonymized.log.len(),
                session.log.len(),
                "anonymizing keeps every input"
            );
            let mut cluster = tutorial();
            for input in &anonymized.log {
                session::replay(&mut cluster, input);
            }
            exercise(&cluster, features);
        }
        Err(e) => features.push(feature("decode", &e)),
    },
    tokens: &[SESSION_TOKENS, COMMON_TOKENS, SHELL_TOKENS, K8S_TOKENS],
    max_len: 16 * 1024,
};

/// The session the bytes build, as text.
fn structured(bytes: &[u8]) -> String {
    generate::session(&mut Unstructured::new(bytes))
        .unwrap_or_default()
        .encode()
}

fn session_text_shape(text: &str) -> Option<&'static str> {
    Session::decode(text).ok().and_then(|s| session_shape(&s))
}

/// Why a session is left out: clock steps past the lead's session limits, or a
/// terminal line of a known shape.
fn session_shape(session: &Session) -> Option<&'static str> {
    let mut total: u64 = 0;
    for input in session.log.iter().chain(&session.pending) {
        if let Input::Advance { seconds, times } = input {
            total = total.saturating_add(seconds.saturating_mul(*times));
            if *seconds > 3600 || *times > 1000 || total > 86_400 {
                return Some("clock steps over a day (MAX_STEP_SECONDS, MAX_SESSION_STEPS)");
            }
        }
    }
    known_shell_shape(&session.encode())
}

fn run_text(text: &str, features: &mut Vec<u64>) {
    match Session::decode(text) {
        Ok(session) => {
            round_trips(&session);
            replay(&session, features)
        }
        Err(e) => features.push(feature("decode", &e)),
    }
}

/// A session read from a link writes the same link again: encoding and
/// decoding lose nothing.
fn round_trips(session: &Session) {
    assert!(
        Session::decode(&session.encode()).as_ref() == Ok(session),
        "a decoded session encodes to another session"
    );
    assert!(
        link::session(&link::fragment(session)).as_ref() == Ok(session),
        "a session's link opens another session"
    );
}

/// Replays `session` as the page does.
fn replay(session: &Session, features: &mut Vec<u64>) {
    // The first-load module: the cluster's inputs only.
    let mut cluster = tutorial();
    for input in &session.log {
        session::replay(&mut cluster, input);
    }
    // The full module: the terminal's inputs too, then the pending input.
    let mut term = Terminal::new(tutorial());
    for input in session.log.iter().chain(&session.pending) {
        terminal_session::replay(&mut term, input);
        features.push(feature("input", kind(input)));
    }
    // The session's workspace and history meet the terminal on the next line.
    let mut live = session.clone();
    for line in ["kubectl get all -A", "!!", "history"] {
        let out = terminal_session::run(&mut term, &mut live, line, None);
        features.push(feature(line, &out.text));
    }
    features.push(feature(
        "counts",
        &format!(
            "{} {} {}",
            term.cluster().nodes().count().min(5),
            term.cluster().pods().count().min(5),
            term.cluster().events().all().len().min(5)
        ),
    ));
    exercise(term.cluster(), features);
    exercise(&cluster, features);
}

fn kind(input: &Input) -> &'static str {
    match input {
        Input::Reset(_) => "reset",
        Input::Apply(_) => "apply",
        Input::ImportState(_) => "import",
        Input::Advance { .. } => "advance",
        Input::Node { .. } => "node",
        Input::File { .. } => "file",
        Input::Manifest { .. } => "manifest",
        Input::Command { .. } => "command",
    }
}
