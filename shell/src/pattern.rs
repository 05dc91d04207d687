//! The regular expressions `grep` matches lines with: the part of POSIX basic and
//! extended expressions that people type at a terminal (literals, `.`, bracket
//! expressions, `*`, `+`, `?`, `^`, `$` and alternation). Groups and interval
//! counts are refused with a message rather than matched wrongly.
//!
//! Matching takes time linear in the line, whatever the pattern: the branches
//! become one bit-parallel automaton ([`super::automaton`]), and a long string
//! of plain characters a substring search. No backtracking.

use super::automaton::{Automaton, Sequence, Step, Times};
use taintlab_core::limits::{self, Limit};

/// One bracket expression item: a character or a range.
#[derive(Debug, Clone, PartialEq)]
enum ClassItem {
    Char(char),
    Range(char, char),
}

#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Char(char),
    Any,
    Class {
        negated: bool,
        items: Vec<ClassItem>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Repeat {
    One,
    ZeroOrMore,
    OneOrMore,
    ZeroOrOne,
}

#[derive(Debug, Clone, PartialEq)]
struct Piece {
    atom: Atom,
    repeat: Repeat,
}

/// One alternative: its pieces, and whether it is anchored at either end.
#[derive(Debug, Clone, PartialEq, Default)]
struct Branch {
    start: bool,
    end: bool,
    pieces: Vec<Piece>,
}

/// How a pattern is written (`grep`, `grep -E`, `grep -F`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Basic: `\|`, `\+` and `\?` are operators, `|`, `+` and `?` are literal.
    Basic,
    /// Extended (`-E`): `|`, `+` and `?` are operators.
    Extended,
    /// Fixed strings (`-F`): every character is literal.
    Fixed,
}

/// Compiled patterns: a line matches if any of their branches matches.
#[derive(Debug, Clone)]
pub struct Pattern {
    automaton: Automaton,
    literals: Vec<Literal>,
    /// For [`Pattern::is_match`], which reads the line itself.
    #[cfg(test)]
    ignore_case: bool,
}

/// A long branch of plain characters, searched for as a string (Knuth-Morris-
/// Pratt: linear in the line at any length, and every occurrence is found for
/// `-w` without going back).
#[derive(Debug, Clone)]
struct Literal {
    start: bool,
    end: bool,
    text: Vec<char>,
    /// The length of the longest proper border of each prefix of `text`.
    border: Vec<usize>,
}

/// Plain strings up to this length join the automaton, which costs a word per
/// 64 states; a longer one is searched for on its own.
const SHORT_LITERAL: usize = 64;

/// The highest code point.
const MAX_CHAR: u32 = 0x10_FFFF;

impl Pattern {
    /// Compiles `text`; `Err` says, in grep's manner, what is not supported.
    #[cfg(test)]
    pub fn new(text: &str, syntax: Syntax, ignore_case: bool) -> Result<Pattern, String> {
        Pattern::any_of(&[text], syntax, ignore_case)
    }

    /// Compiles several patterns into one that matches where any of them does
    /// (`grep -e A -e B`). Their size, which bounds what matching costs per
    /// character of text, is held to [`limits::MAX_GREP_PATTERN`]: one per
    /// piece, per branch and per range of a bracket expression after its first,
    /// and [`SHORT_LITERAL`] for a long plain string.
    pub fn any_of(texts: &[&str], syntax: Syntax, ignore_case: bool) -> Result<Pattern, String> {
        let fold = |c: char| {
            if ignore_case {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                c
            }
        };
        let mut sequences = Vec::new();
        let mut literals = Vec::new();
        let mut size = 0usize;
        for text in texts {
            for branch in branches(text, syntax)? {
                let plain: Option<Vec<char>> = branch
                    .pieces
                    .iter()
                    .map(|p| match (&p.atom, p.repeat) {
                        (Atom::Char(c), Repeat::One) => Some(fold(*c)),
                        _ => None,
                    })
                    .collect();
                match plain {
                    Some(text) if text.len() > SHORT_LITERAL => {
                        size = size.saturating_add(SHORT_LITERAL);
                        literals.push(Literal {
                            start: branch.start,
                            end: branch.end,
                            border: borders(&text),
                            text,
                        });
                    }
                    _ => {
                        let sequence = sequence(branch, fold);
                        let items: usize = sequence
                            .steps
                            .iter()
                            .map(|s| s.ranges.len().saturating_sub(1))
                            .sum();
                        size = size
                            .saturating_add(sequence.steps.len() + 1)
                            .saturating_add(items);
                        sequences.push(sequence);
                    }
                }
                if size > limits::MAX_GREP_PATTERN {
                    return Err(format!("grep: {}\n", Limit::GrepPattern.en()));
                }
            }
        }
        Ok(Pattern {
            automaton: Automaton::new(&sequences),
            literals,
            #[cfg(test)]
            ignore_case,
        })
    }

    /// Whether the pattern matches somewhere in `line` (with `whole_words`, only
    /// where the match is not part of a longer word, as `grep -w`).
    #[cfg(test)]
    pub fn is_match(&self, line: &str, whole_words: bool) -> bool {
        self.matches(&line_chars(line, self.ignore_case), whole_words)
    }

    /// [`Pattern::is_match`] over a line already read with [`line_chars`] (with
    /// the same `ignore_case`).
    pub fn matches(&self, chars: &[char], whole_words: bool) -> bool {
        self.automaton.matches(chars, whole_words, is_word)
            || self
                .literals
                .iter()
                .any(|literal| literal.occurs(chars, whole_words))
    }
}

/// A line as a pattern reads it: its characters, lowercased for `-i`.
#[cfg(test)]
pub fn line_chars(line: &str, ignore_case: bool) -> Vec<char> {
    let mut chars = Vec::new();
    line_chars_into(line, ignore_case, &mut chars);
    chars
}

/// [`line_chars`] into a buffer that is reused from line to line.
pub fn line_chars_into(line: &str, ignore_case: bool, chars: &mut Vec<char>) {
    chars.clear();
    if ignore_case {
        chars.extend(line.chars().flat_map(char::to_lowercase));
    } else {
        chars.extend(line.chars());
    }
}

/// Whether `c` belongs to a word for `-w`: a letter, a digit or `_`.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The branches of one pattern as written.
fn branches(text: &str, syntax: Syntax) -> Result<Vec<Branch>, String> {
    if syntax != Syntax::Fixed {
        return parse(text, syntax);
    }
    Ok(vec![Branch {
        pieces: text
            .chars()
            .map(|c| Piece {
                atom: Atom::Char(c),
                repeat: Repeat::One,
            })
            .collect(),
        ..Branch::default()
    }])
}

/// A parsed branch as the automaton's steps: each atom as the characters it
/// matches (folded for `-i` as the line is), `x+` as `xx*`.
fn sequence(branch: Branch, fold: impl Fn(char) -> char + Copy) -> Sequence {
    let mut steps = Vec::with_capacity(branch.pieces.len());
    for piece in &branch.pieces {
        let ranges = ranges(&piece.atom, fold);
        let times = match piece.repeat {
            Repeat::One => Times::Once,
            Repeat::ZeroOrOne => Times::Optional,
            Repeat::ZeroOrMore => Times::Repeated,
            Repeat::OneOrMore => {
                steps.push(Step {
                    ranges: ranges.clone(),
                    times: Times::Once,
                });
                Times::Repeated
            }
        };
        steps.push(Step { ranges, times });
    }
    Sequence {
        steps,
        start: branch.start,
        end: branch.end,
    }
}

/// The characters an atom matches, as sorted, disjoint code point ranges. With
/// `-i` the line is lowercased, and a bracket range matches a character within
/// its bounds as written or lowercased.
fn ranges(atom: &Atom, fold: impl Fn(char) -> char) -> Vec<(u32, u32)> {
    let point = |c: char| u32::from(fold(c));
    let (negated, mut ranges) = match atom {
        Atom::Any => return vec![(0, MAX_CHAR)],
        Atom::Char(c) => return vec![(point(*c), point(*c))],
        Atom::Class { negated, items } => {
            let mut ranges = Vec::new();
            for item in items {
                match item {
                    ClassItem::Char(c) => ranges.push((point(*c), point(*c))),
                    ClassItem::Range(a, b) => {
                        ranges.push((point(*a), point(*b)));
                        ranges.push((u32::from(*a), u32::from(*b)));
                    }
                }
            }
            (*negated, ranges)
        }
    };
    ranges.retain(|(lo, hi)| lo <= hi);
    ranges.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match merged.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    if !negated {
        return merged;
    }
    let mut gaps = Vec::with_capacity(merged.len() + 1);
    let mut next = 0u32;
    for (lo, hi) in merged {
        if lo > next {
            gaps.push((next, lo - 1));
        }
        next = hi.saturating_add(1);
    }
    if next <= MAX_CHAR {
        gaps.push((next, MAX_CHAR));
    }
    gaps
}

/// For each prefix of `text`, the length of its longest proper prefix that is
/// also its suffix (Knuth-Morris-Pratt's failure function).
fn borders(text: &[char]) -> Vec<usize> {
    let mut border = vec![0; text.len()];
    let mut k = 0;
    for i in 1..text.len() {
        while k > 0 && text.get(i) != text.get(k) {
            k = border.get(k - 1).copied().unwrap_or(0);
        }
        if text.get(i) == text.get(k) {
            k += 1;
        }
        if let Some(b) = border.get_mut(i) {
            *b = k;
        }
    }
    border
}

impl Literal {
    /// Whether the string occurs in `chars` where the anchors and `-w` allow.
    fn occurs(&self, chars: &[char], whole_words: bool) -> bool {
        let text = &self.text;
        let word = |i: usize| chars.get(i).is_some_and(|c| is_word(*c));
        let fits = |from: usize| {
            let to = from + text.len();
            (!self.start || from == 0)
                && (!self.end || to == chars.len())
                && !(whole_words && ((from > 0 && word(from - 1)) || word(to)))
        };
        if self.start || self.end {
            // Only one place can match.
            let from = if self.start {
                0
            } else {
                chars.len().saturating_sub(text.len())
            };
            return chars.get(from..from + text.len()) == Some(&text[..]) && fits(from);
        }
        let mut k = 0;
        for (i, c) in chars.iter().enumerate() {
            while k > 0 && text.get(k) != Some(c) {
                k = self.border.get(k - 1).copied().unwrap_or(0);
            }
            if text.get(k) == Some(c) {
                k += 1;
            }
            if k == text.len() {
                if fits(i + 1 - k) {
                    return true;
                }
                k = self.border.get(k - 1).copied().unwrap_or(0);
            }
        }
        false
    }
}

fn unsupported(what: &str) -> String {
    format!("grep: {what} are not simulated in taintlab's grep\n")
}

fn parse(text: &str, syntax: Syntax) -> Result<Vec<Branch>, String> {
    let extended = syntax == Syntax::Extended;
    let mut branches = vec![Branch::default()];
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        let branch = branches.last_mut().ok_or_else(|| unsupported("patterns"))?;
        let quantifier =
            |branch: &mut Branch, repeat: Repeat, c: char| match branch.pieces.last_mut() {
                Some(piece) if piece.repeat == Repeat::One => piece.repeat = repeat,
                _ => branch.pieces.push(Piece {
                    atom: Atom::Char(c),
                    repeat: Repeat::One,
                }),
            };
        match c {
            '^' if at_start => branch.start = true,
            '$' if chars.peek().is_none() || (extended && chars.peek() == Some(&'|')) => {
                branch.end = true
            }
            '$' if !extended && chars.peek() == Some(&'\\') && {
                let mut ahead = chars.clone();
                ahead.next();
                ahead.next() == Some('|')
            } =>
            {
                branch.end = true
            }
            '.' => branch.pieces.push(Piece {
                atom: Atom::Any,
                repeat: Repeat::One,
            }),
            '[' => {
                let atom = bracket(&mut chars)?;
                branch.pieces.push(Piece {
                    atom,
                    repeat: Repeat::One,
                });
            }
            '*' if at_start => quantifier(branch, Repeat::One, '*'),
            '*' => quantifier(branch, Repeat::ZeroOrMore, '*'),
            '+' if extended => quantifier(branch, Repeat::OneOrMore, '+'),
            '?' if extended => quantifier(branch, Repeat::ZeroOrOne, '?'),
            '|' if extended => {
                branches.push(Branch::default());
                at_start = true;
                continue;
            }
            '(' | ')' if extended => return Err(unsupported("groups")),
            '{' if extended => return Err(unsupported("interval counts")),
            '\\' => match chars.next() {
                Some('|') if !extended => {
                    branches.push(Branch::default());
                    at_start = true;
                    continue;
                }
                Some('+') if !extended => quantifier(branch, Repeat::OneOrMore, '+'),
                Some('?') if !extended => quantifier(branch, Repeat::ZeroOrOne, '?'),
                Some('(' | ')') if !extended => return Err(unsupported("groups")),
                Some('{') if !extended => return Err(unsupported("interval counts")),
                Some('w' | 'W' | 's' | 'S' | 'b' | 'B' | '<' | '>') => {
                    return Err(unsupported("backslash classes such as \\w"));
                }
                Some(c) => branch.pieces.push(Piece {
                    atom: Atom::Char(c),
                    repeat: Repeat::One,
                }),
                None => return Err("grep: trailing backslash (\\)\n".to_string()),
            },
            c => branch.pieces.push(Piece {
                atom: Atom::Char(c),
                repeat: Repeat::One,
            }),
        }
        at_start = false;
    }
    Ok(branches)
}

/// A bracket expression after its `[`: `[abc]`, `[a-z]`, `[^ ]`, `[]x]`.
fn bracket(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<Atom, String> {
    let negated = chars.peek() == Some(&'^');
    if negated {
        chars.next();
    }
    let mut items = Vec::new();
    let mut first = true;
    loop {
        let Some(c) = chars.next() else {
            return Err("grep: Unmatched [, [^, [:, [., or [=\n".to_string());
        };
        match c {
            ']' if !first => break,
            '[' if chars.peek() == Some(&':') => {
                return Err(unsupported("character classes such as [:digit:]"));
            }
            c => {
                let mut ahead = chars.clone();
                if ahead.next() == Some('-') && ahead.peek().is_some_and(|n| *n != ']') {
                    chars.next();
                    let end = chars.next().unwrap_or(c);
                    items.push(ClassItem::Range(c, end));
                } else {
                    items.push(ClassItem::Char(c));
                }
            }
        }
        first = false;
    }
    Ok(Atom::Class { negated, items })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, syntax: Syntax, line: &str) -> bool {
        Pattern::new(pattern, syntax, false)
            .map(|p| p.is_match(line, false))
            .unwrap_or(false)
    }

    #[test]
    fn literals_dots_and_anchors() {
        assert!(matches(
            "Taints",
            Syntax::Basic,
            "Taints:             node-role"
        ));
        assert!(!matches("taints", Syntax::Basic, "Taints:"));
        assert!(matches("^Taints", Syntax::Basic, "Taints: x"));
        assert!(!matches("^Taints", Syntax::Basic, " Taints: x"));
        assert!(matches("Running$", Syntax::Basic, "web   1/1   Running"));
        assert!(matches("r.dis", Syntax::Basic, "redis-ds"));
        assert!(matches("a.*z", Syntax::Basic, "a to z"));
        assert!(matches("", Syntax::Basic, "anything"));
    }

    #[test]
    fn basic_and_extended_operators() {
        assert!(matches("master\\|worker", Syntax::Basic, "worker   Ready"));
        assert!(!matches("master|worker", Syntax::Basic, "worker   Ready"));
        assert!(matches("master|worker", Syntax::Basic, "a master|worker b"));
        assert!(matches("master|worker", Syntax::Extended, "worker   Ready"));
        assert!(
            matches("^(x)?", Syntax::Basic, "(x)? here"),
            "literal in basic syntax"
        );
        assert!(matches(
            "redis-[a-z0-9]+$",
            Syntax::Extended,
            "pod redis-x7k2p"
        ));
        assert!(matches(
            "redis-[a-z0-9]\\+$",
            Syntax::Basic,
            "pod redis-x7k2p"
        ));
        assert!(matches("colou?r", Syntax::Extended, "color"));
        assert!(matches("[^ ]*Pending", Syntax::Basic, "x  Pending"));
        assert!(
            matches("*x", Syntax::Basic, "a*x"),
            "a leading * is literal"
        );
    }

    #[test]
    fn fixed_strings_and_case() {
        assert!(matches("a.b", Syntax::Fixed, "xa.by"));
        assert!(!matches("a.b", Syntax::Fixed, "axb"));
        let p = Pattern::new("noschedule", Syntax::Basic, true).expect("compiles");
        assert!(p.is_match("node-role.kubernetes.io/master:NoSchedule", false));
    }

    #[test]
    fn whole_words() {
        let p = Pattern::new("web", Syntax::Basic, false).expect("compiles");
        assert!(p.is_match("pod/web created", true));
        assert!(!p.is_match("pod/webapp created", true));
        assert!(p.is_match("webapp web", true));
    }

    #[test]
    fn what_is_not_simulated_says_so() {
        for (pattern, syntax) in [
            ("(a|b)", Syntax::Extended),
            ("a{2}", Syntax::Extended),
            ("\\(a\\)", Syntax::Basic),
            ("\\w+", Syntax::Extended),
            ("[[:digit:]]", Syntax::Basic),
        ] {
            let err = Pattern::new(pattern, syntax, false).expect_err(pattern);
            assert!(err.contains("not simulated"), "{pattern}: {err}");
        }
        assert!(Pattern::new("[abc", Syntax::Basic, false).is_err());
    }

    #[test]
    fn whole_words_are_retried_further_along_the_line() {
        for (pattern, syntax, line, want) in [
            ("ab", Syntax::Fixed, "abab ab", true),
            ("ab", Syntax::Fixed, "abab aba", false),
            ("a*b", Syntax::Basic, "xab ab", true),
            ("a.*", Syntax::Basic, "ba a", true),
            ("aa", Syntax::Fixed, "aaa", false),
            ("a", Syntax::Basic, "", false),
            ("", Syntax::Fixed, "a b", false),
        ] {
            let p = Pattern::new(pattern, syntax, false).expect("compiles");
            assert_eq!(p.is_match(line, true), want, "{pattern} in {line:?}");
        }
    }

    /// The matcher taintlab had before, which tries every start and every
    /// length (pieces × length² steps): the reference for what must not change.
    fn reference(
        pattern: &str,
        syntax: Syntax,
        ignore_case: bool,
        line: &str,
        whole: bool,
    ) -> bool {
        let branches = match syntax {
            Syntax::Fixed => vec![Branch {
                pieces: pattern
                    .chars()
                    .map(|c| Piece {
                        atom: Atom::Char(c),
                        repeat: Repeat::One,
                    })
                    .collect(),
                ..Branch::default()
            }],
            _ => parse(pattern, syntax).expect("parses"),
        };
        let chars = line_chars(line, ignore_case);
        let fold = |x: char| {
            if ignore_case {
                x.to_lowercase().next().unwrap_or(x)
            } else {
                x
            }
        };
        let atom = |a: &Atom, c: char| match a {
            Atom::Any => true,
            Atom::Char(x) => fold(*x) == c,
            Atom::Class { negated, items } => {
                let hit = items.iter().any(|item| match item {
                    ClassItem::Char(x) => fold(*x) == c,
                    ClassItem::Range(a, b) => {
                        (fold(*a)..=fold(*b)).contains(&c) || (*a..=*b).contains(&c)
                    }
                });
                hit != *negated
            }
        };
        let word = |i: usize| chars.get(i).is_some_and(|c| is_word(*c));
        let reach = |pieces: &[Piece], from: usize| {
            let mut reach = vec![false; chars.len() + 1];
            reach[from] = true;
            for piece in pieces {
                let (min, max) = match piece.repeat {
                    Repeat::One => (1, 1),
                    Repeat::ZeroOrOne => (0, 1),
                    Repeat::ZeroOrMore => (0, usize::MAX),
                    Repeat::OneOrMore => (1, usize::MAX),
                };
                let mut next = vec![false; chars.len() + 1];
                for (at, _) in reach.iter().enumerate().filter(|(_, r)| **r) {
                    let mut count = 0;
                    loop {
                        if count >= min && at + count <= chars.len() {
                            next[at + count] = true;
                        }
                        let fits = chars.get(at + count).is_some_and(|c| atom(&piece.atom, *c));
                        if count >= max || !fits {
                            break;
                        }
                        count += 1;
                    }
                }
                reach = next;
            }
            reach
        };
        branches.iter().any(|b| {
            (0..=chars.len())
                .filter(|s| (!b.start || *s == 0) && !(whole && *s > 0 && word(s - 1)))
                .any(|s| {
                    reach(&b.pieces, s).iter().enumerate().any(|(e, r)| {
                        *r && (!b.end || e == chars.len()) && !(whole && (e == s || word(e)))
                    })
                })
        })
    }

    #[test]
    fn the_automaton_matches_what_the_old_matcher_matched() {
        let mut rng = taintlab_core::test_rng::Rng(0x9e37_79b9_7f4a_7c15);
        let pattern_parts = [
            "a", "b", "A", "_", " ", ".", "*", "+", "?", "|", "^", "$", "[ab]", "[^a]", "[a-c]",
            "[A-B]", "\\|", "\\+", "\\?", "\\.", "ab", "x",
        ];
        let line_parts = ["a", "b", "A", "B", "_", " ", ".", "x", "ab", "ba", "-", "é"];
        let mut checked = 0;
        for _ in 0..20_000 {
            let pattern: String = (0..rng.below(6))
                .map(|_| rng.pick(&pattern_parts))
                .collect();
            let line: String = (0..rng.below(9)).map(|_| rng.pick(&line_parts)).collect();
            let syntax = [Syntax::Basic, Syntax::Extended, Syntax::Fixed][rng.below(3)];
            let ignore_case = rng.below(2) == 0;
            let whole = rng.below(2) == 0;
            let Ok(p) = Pattern::new(&pattern, syntax, ignore_case) else {
                continue;
            };
            checked += 1;
            assert_eq!(
                p.is_match(&line, whole),
                reference(&pattern, syntax, ignore_case, &line, whole),
                "{pattern:?} {syntax:?} -i {ignore_case} -w {whole} in {line:?}"
            );
        }
        assert!(checked > 10_000, "{checked}");
        // Long plain strings are searched for on their own.
        for _ in 0..300 {
            let core: String = (0..SHORT_LITERAL + 1 + rng.below(4))
                .map(|_| rng.pick(&["a", "b"]))
                .collect();
            let pattern = format!(
                "{}{core}{}",
                if rng.below(3) == 0 { "^" } else { "" },
                if rng.below(3) == 0 { "$" } else { "" }
            );
            let parts = [core.as_str(), "a", "b", " ", "ab"];
            let line: String = (0..rng.below(6)).map(|_| rng.pick(&parts)).collect();
            let whole = rng.below(2) == 0;
            let p = Pattern::new(&pattern, Syntax::Basic, false).expect("compiles");
            assert_eq!(
                p.is_match(&line, whole),
                reference(&pattern, Syntax::Basic, false, &line, whole),
                "{pattern:?} -w {whole} in {line:?}"
            );
        }
    }

    #[test]
    fn long_lines_and_long_strings_take_linear_time() {
        // Backtracking takes quadratic or exponential time on these; the
        // automaton reads each character once, the string search too.
        let long = "a".repeat(20_000);
        let p = Pattern::new("a*a*a*b", Syntax::Basic, false).expect("compiles");
        assert!(!p.is_match(&long, false));
        assert!(p.is_match(&format!("{long}b"), true));
        let fixed = format!("{}b", "a".repeat(5_000));
        for syntax in [Syntax::Fixed, Syntax::Basic] {
            let p = Pattern::new(&fixed, syntax, false).expect("a plain string of any length");
            assert!(!p.is_match(&long, false));
            assert!(p.is_match(&format!("{long}b"), false));
            assert!(!p.is_match(&format!("{long}b"), true), "inside a word");
            assert!(p.is_match(&format!("{long} {fixed}"), true));
        }
    }

    #[test]
    fn a_pattern_is_held_to_its_size_limit() {
        let limit = format!("grep: {}\n", Limit::GrepPattern.en());
        // Each piece and each bracket item is a step, each branch one more.
        let fits = "a?".repeat(limits::MAX_GREP_PATTERN - 1);
        assert!(Pattern::new(&fits, Syntax::Extended, false).is_ok());
        let over = format!("{fits}b");
        assert_eq!(
            Pattern::new(&over, Syntax::Extended, false).err(),
            Some(limit.clone())
        );
        // Characters that are not neighbours are a range each.
        let items: String = (0..limits::MAX_GREP_PATTERN as u32)
            .filter_map(|i| char::from_u32(0x100 + 2 * i))
            .collect();
        let items = format!("[{items}]");
        assert_eq!(
            Pattern::new(&items, Syntax::Basic, false).err(),
            Some(limit.clone())
        );
        let many = vec!["x."; limits::MAX_GREP_PATTERN / 3 + 1];
        assert_eq!(
            Pattern::any_of(&many, Syntax::Basic, false).err(),
            Some(limit)
        );
    }
}
