//! How deeply flow collections (`[...]`, `{...}`) nest, bounded in one linear
//! pass before the YAML parser sees the text.
//!
//! Why: the YAML scanner keeps one possible simple key per open flow collection
//! and walks all of them for every token, so its time grows with depth × tokens:
//! 16,000 nested `{a: ` took 10 s to reach the deserializer's recursion limit.
//! This pass refuses such a text after reading it once.
//!
//! It must never report less than the scanner's real flow level, or a crafted text
//! could slip past it. Telling a quoted scalar from plain text needs the whole
//! scanner (a `"` after a space is plain text on a plain scalar's continuation
//! line), so the pass follows every reading that could be the scanner's at once:
//! structure (or plain text), a comment, a single-quoted and a double-quoted
//! scalar, each with the deepest level it could be at. Where a quote may or may not
//! open a scalar, both readings go on; where readings meet, the deeper one is kept.
//! Only the structure reading opens collections, so the bound it reports is at
//! least the scanner's level whichever reading is the true one. It can overstate
//! the level when quoted text holds unmatched brackets, which is why the limit
//! ([`MAX_DEPTH`](crate::limits::MAX_DEPTH)) is several times what any
//! Kubernetes object needs.

/// Where the nesting first went past the limit: 1-based line and column (in
/// characters) of the bracket that did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// The readings that may be the scanner's, each with the deepest flow level it
/// could be at (`None`: not a possible reading here).
#[derive(Debug, Clone, Copy, Default)]
struct Readings {
    /// Structure, or a plain scalar.
    plain: Option<usize>,
    /// A comment, up to the end of the line.
    comment: Option<usize>,
    /// Inside `'...'`.
    single: Option<usize>,
    /// Inside `'...'`, just after a `'` that either ends it or starts `''`.
    single_quote: Option<usize>,
    /// Inside `"..."`.
    double: Option<usize>,
    /// Inside `"..."`, just after a backslash.
    double_escape: Option<usize>,
}

/// Keeps the deeper of two possible levels.
fn join(slot: &mut Option<usize>, level: usize) {
    *slot = Some(slot.map_or(level, |l| l.max(level)));
}

/// Whether a byte separates tokens, so a quote or bracket after it can open one.
fn separates(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':')
}

/// Steps the structure reading at `level` over `b`, into `next`.
fn step_plain(level: usize, b: u8, prev: u8, next: &mut Readings) {
    let token_start = separates(prev);
    let after_blank = matches!(prev, b' ' | b'\t' | b'\n' | b'\r');
    match b {
        b'#' if after_blank => join(&mut next.comment, level),
        // In flow context every bracket outside a scalar opens a collection; in
        // block context only one after a blank does (`a:[`, `x[` are plain text).
        // A level above zero may be an overstatement, so it counts as flow context.
        b'[' | b'{' if level > 0 || after_blank => join(&mut next.plain, level + 1),
        b']' | b'}' => join(&mut next.plain, level.saturating_sub(1)),
        b'"' | b'\'' => {
            // A quote that starts a token may open a scalar, or be plain text.
            join(&mut next.plain, level);
            if token_start {
                let slot = if b == b'"' {
                    &mut next.double
                } else {
                    &mut next.single
                };
                join(slot, level);
            }
        }
        _ => join(&mut next.plain, level),
    }
}

/// Bytes that may change one of the readings (or end one), by whether a comment
/// and a `"..."` scalar are among them (index `comment + 2 * double`). Any other
/// byte leaves every reading as it was, unless a reading is just past a `'` or a
/// `\\`; the next byte sees it only as the previous byte. A line break ends a
/// comment, and a backslash escapes in `"..."`; to the other readings they are
/// text like any other.
static MAY_CHANGE: [[bool; 256]; 4] = {
    let mut tables = [[false; 256]; 4];
    let mut kind = 0;
    while kind < 4 {
        let table = &mut tables[kind];
        table[b'#' as usize] = true;
        table[b'[' as usize] = true;
        table[b'{' as usize] = true;
        table[b']' as usize] = true;
        table[b'}' as usize] = true;
        table[b'"' as usize] = true;
        table[b'\'' as usize] = true;
        table[b'\n' as usize] = kind & 1 != 0;
        table[b'\\' as usize] = kind & 2 != 0;
        kind += 1;
    }
    tables
};

/// The row of [`MAY_CHANGE`] for the readings `now`.
fn may_change(now: &Readings) -> &'static [bool; 256] {
    &MAY_CHANGE[usize::from(now.comment.is_some()) + 2 * usize::from(now.double.is_some())]
}

/// Where the byte at `at` is: its 1-based line and column (in characters).
/// Worked out only for the refusal, so the pass itself counts nothing.
fn position(text: &str, at: usize) -> TooDeep {
    let before = &text.as_bytes()[..at];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |newline| newline + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // Columns count characters: skip UTF-8 continuation bytes.
    let column = text.as_bytes()[line_start..=at]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    TooDeep { line, column }
}

/// Checks that no flow collection in `text` may nest deeper than `limit`.
pub(crate) fn check(text: &str, limit: usize) -> Result<(), TooDeep> {
    let mut now = Readings {
        plain: Some(0),
        ..Readings::default()
    };
    let bytes = text.as_bytes();
    let mut prev = b'\n';
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // Most bytes change nothing: skip a run of them at once (the check is
        // one pass over every applied text, 7 MiB for 10,000 pods as JSON).
        let stops = may_change(&now);
        if now.single_quote.is_none() && now.double_escape.is_none() && !stops[usize::from(b)] {
            let run = bytes[at..]
                .iter()
                .position(|&b| stops[usize::from(b)])
                .unwrap_or(bytes.len() - at);
            at += run;
            prev = bytes[at - 1];
            continue;
        }
        // A `"` in JSON (the most common event there): structure only, or a
        // double-quoted scalar besides. The same as the steps below, in short.
        if b == b'"'
            && now.comment.is_none()
            && now.single.is_none()
            && now.single_quote.is_none()
            && now.double_escape.is_none()
            && let Some(plain) = now.plain
        {
            let opens = separates(prev).then_some(plain);
            let closed = now.double.map_or(plain, |double| double.max(plain));
            now = Readings {
                plain: Some(closed),
                double: opens,
                ..Readings::default()
            };
            prev = b;
            at += 1;
            continue;
        }
        let mut next = Readings::default();
        if let Some(level) = now.plain {
            step_plain(level, b, prev, &mut next);
        }
        if let Some(level) = now.comment {
            if b == b'\n' {
                join(&mut next.plain, level);
            } else {
                join(&mut next.comment, level);
            }
        }
        if let Some(level) = now.single {
            if b == b'\'' {
                join(&mut next.single_quote, level);
            } else {
                join(&mut next.single, level);
            }
        }
        if let Some(level) = now.single_quote {
            if b == b'\'' {
                // `''` is a quote inside the scalar.
                join(&mut next.single, level);
            } else {
                // The scalar ended at the quote before this byte.
                step_plain(level, b, b'\'', &mut next);
            }
        }
        if let Some(level) = now.double_escape {
            join(&mut next.double, level);
        }
        if let Some(level) = now.double {
            match b {
                b'\\' => join(&mut next.double_escape, level),
                b'"' => join(&mut next.plain, level),
                _ => join(&mut next.double, level),
            }
        }
        if next.plain.is_some_and(|level| level > limit) {
            return Err(position(text, at));
        }
        now = next;
        prev = b;
        at += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize) -> String {
        format!("{}{}", open.repeat(n), close.repeat(n))
    }

    /// The pass as first written, a byte at a time with line and column counted
    /// as it goes: the skipping pass must agree with it everywhere.
    fn reference(text: &str, limit: usize) -> Result<(), TooDeep> {
        let mut now = Readings {
            plain: Some(0),
            ..Readings::default()
        };
        let (mut line, mut column) = (1, 0);
        let mut prev = b'\n';
        for &b in text.as_bytes() {
            if b & 0xC0 != 0x80 {
                column += 1;
            }
            let mut next = Readings::default();
            if let Some(level) = now.plain {
                step_plain(level, b, prev, &mut next);
            }
            if let Some(level) = now.comment {
                if b == b'\n' {
                    join(&mut next.plain, level);
                } else {
                    join(&mut next.comment, level);
                }
            }
            if let Some(level) = now.single {
                if b == b'\'' {
                    join(&mut next.single_quote, level);
                } else {
                    join(&mut next.single, level);
                }
            }
            if let Some(level) = now.single_quote {
                if b == b'\'' {
                    join(&mut next.single, level);
                } else {
                    step_plain(level, b, b'\'', &mut next);
                }
            }
            if let Some(level) = now.double_escape {
                join(&mut next.double, level);
            }
            if let Some(level) = now.double {
                match b {
                    b'\\' => join(&mut next.double_escape, level),
                    b'"' => join(&mut next.plain, level),
                    _ => join(&mut next.double, level),
                }
            }
            if next.plain.is_some_and(|level| level > limit) {
                return Err(TooDeep { line, column });
            }
            now = next;
            prev = b;
            if b == b'\n' {
                line += 1;
                column = 0;
            }
        }
        Ok(())
    }

    #[test]
    fn skipping_runs_changes_no_result() {
        let pieces = [
            "[", "]", "{", "}", "\"", "'", "\\", "#", "\n", " ", "\t", "a", "bc", ":", ",", "é",
            "日", "- ", "''", "\\\"",
        ];
        let mut seed: u64 = 7;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 58) as usize;
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for limit in [0, 1, 3] {
                assert_eq!(
                    check(&text, limit),
                    reference(&text, limit),
                    "{text:?} {limit}"
                );
            }
        }
    }

    #[test]
    fn kubernetes_objects_pass() {
        for text in [
            crate::TUTORIAL_DAEMONSET,
            "{\"kind\": \"List\", \"items\": [{\"spec\": {\"containers\": [{\"args\": [\"[\", \"{\"]}]}}]}",
            "a: b [c\nd: \"[[[[\"\n# [[[[[[[[\n",
            "a: 'it''s [[[[ here'\n",
            "a: |\n  {\"x\": [1, [2, [3]]]}\n",
        ] {
            assert_eq!(check(text, 10), Ok(()), "{text}");
        }
    }

    #[test]
    fn long_json_lists_do_not_drift() {
        let item = "{\"metadata\": {\"name\": \"a\", \"annotations\": {\"x\": \"{\\\"k\\\": [1]}\", \"re\": \"^[a-z]+$\"}}, \"spec\": {\"args\": [\"it's\", \"[x]\"]}}";
        let text = format!(
            "{{\"kind\": \"List\", \"items\": [{}]}}",
            vec![item; 500].join(",\n")
        );
        assert_eq!(check(&text, 10), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_where_it_passes_the_limit() {
        let cases = [
            (nested("[", "]", 5), 1, 4),
            (nested("{a: ", "}", 5), 1, 13),
            (format!("x:\n  - {}", nested("[", "]", 9)), 2, 8),
        ];
        for (text, line, column) in cases {
            assert_eq!(check(&text, 3), Err(TooDeep { line, column }), "{text}");
        }
        assert_eq!(check(&nested("[", "]", 3), 3), Ok(()));
    }

    #[test]
    fn quotes_that_may_be_plain_text_do_not_hide_brackets() {
        // The `"` on the continuation line is plain text to the scanner, so the
        // brackets after it are real; a reader that took it for a quote would
        // miss them.
        let text = format!("a: b\n  \"\n{}\n\"\n", "[".repeat(10));
        assert!(check(&text, 3).is_err());
        // Brackets right after a quote are plain text in every reading.
        let text = format!("a: '{}'\n", "[".repeat(10));
        assert_eq!(check(&text, 3), Ok(()));
        // After a blank they may be flow, so they count.
        let text = format!("a: ' {}'\n", "[".repeat(10));
        assert!(check(&text, 3).is_err());
    }

    #[test]
    fn bracketed_words_in_block_context_are_plain_text() {
        assert_eq!(check(&format!("a: x{}\n", "[".repeat(10)), 3), Ok(()));
    }
}
