//! Splitting a command line into words as bash does, for the subset a learner types:
//! quotes, backslashes, comments, output redirection and here-documents.

use taintlab_core::limits;

/// A command line, split.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    /// The words, quotes removed.
    pub words: Vec<String>,
    /// `> FILE` or `>> FILE` (append): where standard output goes.
    pub redirect: Option<(String, bool)>,
    /// The delimiter of a here-document (`<<EOF`, `<<'EOF'`, `<<-EOF`), if any.
    pub heredoc: Option<HereDoc>,
    /// A `|` in the line: pipelines are not simulated.
    pub pipe: bool,
}

/// A here-document's delimiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HereDoc {
    /// The line that ends the document.
    pub delimiter: String,
    /// `<<-`: leading tabs are removed from the body and the delimiter line.
    pub strip_tabs: bool,
}

impl HereDoc {
    /// One line of the body as bash reads it: `None` for the delimiter line, which
    /// ends the document; with `<<-`, the line without its leading tabs.
    pub fn body_line<'a>(&self, line: &'a str) -> Option<&'a str> {
        let line = if self.strip_tabs {
            line.trim_start_matches('\t')
        } else {
            line
        };
        (line != self.delimiter).then_some(line)
    }

    /// The body read from `lines` up to the delimiter (or their end), each line
    /// ending in a newline; `echo` sees every line taken, the delimiter's too.
    /// A body over [`limits::MAX_TEXT_BYTES`] is read to its end but kept only
    /// to just past the limit, which the terminal then refuses.
    pub fn read_body<'a>(
        &self,
        lines: impl Iterator<Item = &'a str>,
        mut echo: impl FnMut(&'a str),
    ) -> String {
        let mut body = String::new();
        for line in lines {
            echo(line);
            match self.body_line(line) {
                Some(_) if body.len() > limits::MAX_TEXT_BYTES => {}
                Some(text) => {
                    body.push_str(text);
                    body.push('\n');
                }
                None => break,
            }
        }
        body
    }
}

/// Why a line could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// A quote was not closed (bash would wait for more input).
    UnclosedQuote(char),
    /// `>` or `<<` without a word after it.
    MissingWord(&'static str),
}

impl SplitError {
    /// bash's message.
    pub fn message(&self) -> String {
        match self {
            SplitError::UnclosedQuote(q) => {
                format!("bash: unexpected EOF while looking for matching `{q}'")
            }
            SplitError::MissingWord(_) => {
                "bash: syntax error near unexpected token `newline'".to_string()
            }
        }
    }
}

/// Splits one line. `#` starts a comment at the start of a word.
pub fn split(line: &str) -> Result<CommandLine, SplitError> {
    let mut out = CommandLine::default();
    let mut chars = line.chars().peekable();
    let mut word = String::new();
    let mut in_word = false;
    // What the next word is for: a plain word, a redirect target or a delimiter.
    #[derive(PartialEq)]
    enum Next {
        Word,
        Redirect(bool),
        HereDoc(bool),
    }
    let mut next = Next::Word;
    let mut quoted_delimiter = false;
    let finish = |out: &mut CommandLine, word: &mut String, next: &mut Next, quoted: &mut bool| {
        let w = std::mem::take(word);
        match std::mem::replace(next, Next::Word) {
            Next::Word => out.words.push(w),
            Next::Redirect(append) => out.redirect = Some((w, append)),
            Next::HereDoc(strip_tabs) => {
                out.heredoc = Some(HereDoc {
                    delimiter: w,
                    strip_tabs,
                })
            }
        }
        *quoted = false;
    };
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if in_word {
                    finish(&mut out, &mut word, &mut next, &mut quoted_delimiter);
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            '\'' => {
                in_word = true;
                quoted_delimiter = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(SplitError::UnclosedQuote('\'')),
                    }
                }
            }
            '"' => {
                in_word = true;
                quoted_delimiter = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(SplitError::UnclosedQuote('"')),
                        },
                        Some(c) => word.push(c),
                        None => return Err(SplitError::UnclosedQuote('"')),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            '|' if !in_word || word.is_empty() => {
                out.pipe = true;
                break;
            }
            '|' => {
                finish(&mut out, &mut word, &mut next, &mut quoted_delimiter);
                in_word = false;
                out.pipe = true;
                break;
            }
            '>' => {
                if in_word {
                    finish(&mut out, &mut word, &mut next, &mut quoted_delimiter);
                    in_word = false;
                }
                let append = chars.peek() == Some(&'>');
                if append {
                    chars.next();
                }
                next = Next::Redirect(append);
            }
            '<' if chars.peek() == Some(&'<') => {
                chars.next();
                if in_word {
                    finish(&mut out, &mut word, &mut next, &mut quoted_delimiter);
                    in_word = false;
                }
                let strip_tabs = chars.peek() == Some(&'-');
                if strip_tabs {
                    chars.next();
                }
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                next = Next::HereDoc(strip_tabs);
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        finish(&mut out, &mut word, &mut next, &mut quoted_delimiter);
    } else if let Next::Redirect(_) = next {
        return Err(SplitError::MissingWord(">"));
    } else if let Next::HereDoc(_) = next {
        return Err(SplitError::MissingWord("<<"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        split(line).map(|c| c.words).unwrap_or_default()
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(
            words(r#"kubectl get pods -o 'jsonpath={.items[*].metadata.name}'"#),
            [
                "kubectl",
                "get",
                "pods",
                "-o",
                "jsonpath={.items[*].metadata.name}"
            ]
        );
        assert_eq!(
            words(r#"echo "a \"b\" c" d\ e"#),
            ["echo", "a \"b\" c", "d e"]
        );
        assert_eq!(
            words("kubectl get pods # all of them"),
            ["kubectl", "get", "pods"]
        );
        assert_eq!(words("echo a#b"), ["echo", "a#b"]);
        assert_eq!(
            split("echo 'open").map(|c| c.words),
            Err(SplitError::UnclosedQuote('\''))
        );
    }

    #[test]
    fn redirects_and_heredocs() {
        let line = split("cat > /etc/kubernetes/manifests/web.yaml <<EOF").expect("splits");
        assert_eq!(line.words, ["cat"]);
        assert_eq!(
            line.redirect,
            Some(("/etc/kubernetes/manifests/web.yaml".to_string(), false))
        );
        assert_eq!(line.heredoc.map(|h| h.delimiter), Some("EOF".to_string()));
        let line = split("kubectl apply -f - << 'END'").expect("splits");
        assert_eq!(line.words, ["kubectl", "apply", "-f", "-"]);
        assert_eq!(line.heredoc.map(|h| h.delimiter), Some("END".to_string()));
        let line = split("echo hi >>notes").expect("splits");
        assert_eq!(line.redirect, Some(("notes".to_string(), true)));
        assert!(split("kubectl get pods | grep redis").expect("splits").pipe);
        assert_eq!(split("echo >"), Err(SplitError::MissingWord(">")));
    }

    #[test]
    fn a_heredoc_body_ends_at_its_delimiter() {
        let doc = split("cat <<-EOF > f")
            .expect("splits")
            .heredoc
            .expect("a here-document");
        let mut seen = Vec::new();
        let mut lines = ["\tkind: Pod", "  name: web", "\tEOF", "after"].into_iter();
        let body = doc.read_body(lines.by_ref(), |l| seen.push(l));
        assert_eq!(body, "kind: Pod\n  name: web\n", "<<- strips leading tabs");
        assert_eq!(seen.len(), 3, "the delimiter line is read too");
        assert_eq!(lines.next(), Some("after"));
        let plain = split("cat <<EOF")
            .expect("splits")
            .heredoc
            .expect("a here-document");
        assert_eq!(
            plain.body_line("\tEOF"),
            Some("\tEOF"),
            "only <<- strips tabs"
        );
        assert_eq!(plain.body_line("EOF"), None);
    }
}
