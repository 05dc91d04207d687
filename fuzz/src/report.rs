//! Findings as a person acts on them: the input in a file, and printed as a Rust
//! string literal ready to paste into a regression test.

use std::path::{Path, PathBuf};

/// `input` as a Rust string literal (`Debug` escapes every character a literal
/// cannot hold as it is).
pub fn literal(input: &str) -> String {
    format!("{input:?}")
}

/// Writes `input` to `dir/TARGET-KIND-HASH.txt`; the path, if it could be written.
pub fn save(dir: &Path, target: &str, kind: &str, input: &str) -> Option<PathBuf> {
    std::fs::create_dir_all(dir).ok()?;
    let path = dir.join(format!(
        "{target}-{kind}-{:016x}.txt",
        crate::rng::hash(input.as_bytes())
    ));
    std::fs::write(&path, input).ok()?;
    Some(path)
}

/// Prints where `input` was saved and the input as a literal (cut after 4,000
/// characters; the file holds all of it).
pub fn print_input(input: &str, path: Option<&Path>) {
    if let Some(path) = path {
        println!("    saved to {}", path.display());
    }
    let lit = literal(input);
    if lit.len() > 4000 {
        let cut = (0..=4000)
            .rev()
            .find(|i| lit.is_char_boundary(*i))
            .unwrap_or(0);
        println!("    input ({} bytes, cut): {}…", input.len(), &lit[..cut]);
    } else {
        println!("    input ({} bytes): {lit}", input.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_escapes_what_a_rust_string_cannot_hold() {
        assert_eq!(literal("a\"b\\c\n\0\t"), r#""a\"b\\c\n\0\t""#);
        assert_eq!(literal("中\u{feff}"), "\"中\\u{feff}\"");
    }

    #[test]
    fn saving_names_the_file_by_its_content() {
        let dir = std::env::temp_dir().join(format!("taintlab-fuzz-report-{}", std::process::id()));
        let a = save(&dir, "apply", "panic", "x").unwrap();
        let b = save(&dir, "apply", "panic", "x").unwrap();
        assert_eq!(a, b);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "x");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
