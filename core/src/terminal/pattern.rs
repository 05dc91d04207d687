//! The regular expressions `grep` matches lines with: the part of POSIX basic and
//! extended expressions that people type at a terminal (literals, `.`, bracket
//! expressions, `*`, `+`, `?`, `^`, `$` and alternation). Groups and interval
//! counts are refused with a message rather than matched wrongly.

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

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    branches: Vec<Branch>,
    ignore_case: bool,
}

impl Pattern {
    /// Compiles `text`; `Err` says, in grep's manner, what is not supported.
    pub fn new(text: &str, syntax: Syntax, ignore_case: bool) -> Result<Pattern, String> {
        let branches = if syntax == Syntax::Fixed {
            vec![Branch {
                pieces: text
                    .chars()
                    .map(|c| Piece {
                        atom: Atom::Char(c),
                        repeat: Repeat::One,
                    })
                    .collect(),
                ..Branch::default()
            }]
        } else {
            parse(text, syntax)?
        };
        Ok(Pattern {
            branches,
            ignore_case,
        })
    }

    /// Whether the pattern matches somewhere in `line` (with `whole_words`, only
    /// where the match is not part of a longer word, as `grep -w`).
    pub fn is_match(&self, line: &str, whole_words: bool) -> bool {
        let chars: Vec<char> = if self.ignore_case {
            line.chars().flat_map(char::to_lowercase).collect()
        } else {
            line.chars().collect()
        };
        let word = |i: usize| {
            chars
                .get(i)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        };
        self.branches.iter().any(|branch| {
            let from = |i: usize| {
                let mut starts = vec![false; chars.len() + 1];
                if let Some(s) = starts.get_mut(i) {
                    *s = true;
                }
                starts
            };
            let fits_end = |end: usize| !branch.end || end == chars.len();
            if !whole_words {
                // Every start at once: an unanchored pattern may begin anywhere.
                let starts = if branch.start {
                    from(0)
                } else {
                    vec![true; chars.len() + 1]
                };
                return self
                    .reach(&branch.pieces, &chars, starts)
                    .iter()
                    .enumerate()
                    .any(|(end, r)| *r && fits_end(end));
            }
            // `-w`: each start after a non-word character, to an end before one.
            (0..=chars.len())
                .filter(|start| (!branch.start || *start == 0) && !(*start > 0 && word(start - 1)))
                .any(|start| {
                    self.reach(&branch.pieces, &chars, from(start))
                        .iter()
                        .enumerate()
                        .any(|(end, r)| *r && end > start && fits_end(end) && !word(end))
                })
        })
    }

    /// The positions where `pieces` can end, matched from any of `starts`: the
    /// set of positions reachable piece by piece, so that no pattern takes more
    /// than pieces × length² steps (backtracking can take exponential time).
    fn reach(&self, pieces: &[Piece], chars: &[char], starts: Vec<bool>) -> Vec<bool> {
        let mut reach = starts;
        for piece in pieces {
            let (min, max) = match piece.repeat {
                Repeat::One => (1, 1),
                Repeat::ZeroOrOne => (0, 1),
                Repeat::ZeroOrMore => (0, usize::MAX),
                Repeat::OneOrMore => (1, usize::MAX),
            };
            let mut next = vec![false; chars.len() + 1];
            for (from, _) in reach.iter().enumerate().filter(|(_, r)| **r) {
                let mut count = 0;
                loop {
                    if count >= min
                        && let Some(n) = next.get_mut(from + count)
                    {
                        *n = true;
                    }
                    let fits = chars
                        .get(from + count)
                        .is_some_and(|c| self.atom_matches(&piece.atom, *c));
                    if count >= max || !fits {
                        break;
                    }
                    count += 1;
                }
            }
            reach = next;
        }
        reach
    }

    fn atom_matches(&self, atom: &Atom, c: char) -> bool {
        let fold = |x: char| {
            if self.ignore_case {
                x.to_lowercase().next().unwrap_or(x)
            } else {
                x
            }
        };
        match atom {
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
        }
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
}
