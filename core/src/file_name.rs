//! File names: which names a workspace file or a node's manifest may have, and
//! how to show a name safely.
//!
//! One set of rules for every place a file name enters (the editor's workspace,
//! a node shell, a share link, an uploaded archive), kept in the engine because
//! the kubelet's manifest folder enforces it too. A name reaches share links,
//! archives and the export script, so it holds nothing a reader cannot see.

use std::fmt::Write as _;

/// The longest file name the workspace accepts (bytes); tar's name field is 100.
pub const MAX_NAME: usize = 100;

/// Whether a reader could not see `c`, or a terminal would act on it: control
/// characters (C0, DEL, C1), bidirectional embeddings, overrides, isolates and
/// marks, zero-width and invisible characters, line and paragraph separators,
/// the byte-order mark, interlinear annotations and Unicode tags. No file name
/// holds one, and the export script writes none (`taintlab_playground::export`).
pub fn unreadable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Why a name cannot name a file in a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    /// Empty, or only blanks.
    Empty,
    /// `.` or `..`.
    Dots,
    /// It holds a `/` or `\`.
    Slash,
    /// It holds a control character (a tab, a line break, ...) or an invisible
    /// one ([`unreadable`]).
    Control,
    /// Longer than [`MAX_NAME`] bytes.
    TooLong,
    /// Another file in the folder has it.
    Taken,
}

/// Why `name` cannot name a file next to `taken` (the other names in the same
/// folder); `None` when it can. The UI words the reason in its language.
pub fn name_error<'a>(name: &str, mut taken: impl Iterator<Item = &'a str>) -> Option<NameError> {
    if name.trim().is_empty() {
        Some(NameError::Empty)
    } else if name == "." || name == ".." {
        Some(NameError::Dots)
    } else if name.contains(['/', '\\']) {
        Some(NameError::Slash)
    } else if name.chars().any(unreadable) {
        Some(NameError::Control)
    } else if name.len() > MAX_NAME {
        Some(NameError::TooLong)
    } else if taken.any(|t| t == name) {
        Some(NameError::Taken)
    } else {
        None
    }
}

/// `base` if no file in `taken` has that name, else `stem-2.ext`, `stem-3.ext`, ...
pub fn unique_name(base: &str, taken: &[&str]) -> String {
    if !taken.contains(&base) {
        return base.to_string();
    }
    let (stem, ext) = match base.rfind('.') {
        Some(dot) if dot > 0 => base.split_at(dot),
        _ => (base, ""),
    };
    (2..)
        .map(|n| format!("{stem}-{n}{ext}"))
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .unwrap_or_default()
}

/// `text` for a comment line: every character [`unreadable`], tab and newline
/// included, written as `\u{...}`.
pub fn comment_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if unreadable(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_a_folder_refuses() {
        let taken = ["a.yaml", "b.yaml"];
        let long = "é".repeat(51);
        let cases: [(&str, Option<NameError>); 14] = [
            ("c.yaml", None),
            ("名字.yaml", None),
            ("a.yaml", Some(NameError::Taken)),
            ("", Some(NameError::Empty)),
            ("  ", Some(NameError::Empty)),
            ("dir/x.yaml", Some(NameError::Slash)),
            ("dir\\x.yaml", Some(NameError::Slash)),
            ("..", Some(NameError::Dots)),
            ("tab\there", Some(NameError::Control)),
            ("nul\0.yaml", Some(NameError::Control)),
            ("cr\r.yaml", Some(NameError::Control)),
            ("c1\u{85}.yaml", Some(NameError::Control)),
            ("bidi\u{202E}lmay.sh", Some(NameError::Control)),
            (&long, Some(NameError::TooLong)),
        ];
        for (name, expected) in cases {
            assert_eq!(
                name_error(name, taken.iter().copied()),
                expected,
                "{name:?}"
            );
        }
    }

    #[test]
    fn unique_names_count_up() {
        assert_eq!(unique_name("new.yaml", &[]), "new.yaml");
        assert_eq!(unique_name("new.yaml", &["new.yaml"]), "new-2.yaml");
        assert_eq!(
            unique_name("new.yaml", &["new.yaml", "new-2.yaml"]),
            "new-3.yaml"
        );
        assert_eq!(unique_name("Makefile", &["Makefile"]), "Makefile-2");
        assert_eq!(unique_name(".env", &[".env"]), ".env-2");
    }
}
