//! The text functions of `kubectl/pkg/explain/v2/funcs.go`: `wrap` (line breaks
//! removed, then `github.com/mitchellh/go-wordwrap` v1.0.1 `WrapString`) and
//! `indent`.

/// Models the template function `wrap`: drops every line break (PR #126533,
/// "realign line breaks"), then wraps at `limit` characters.
pub fn wrap(limit: usize, text: &str) -> String {
    word_wrap(&text.replace('\n', ""), limit)
}

/// Models `wordwrap.WrapString`: breaks at whitespace only, so a word longer than
/// the limit overflows it; counts characters.
fn word_wrap(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut current = 0usize;
    let (mut word, mut space) = (String::new(), String::new());
    let (mut word_len, mut space_len) = (0usize, 0usize);
    for c in text.chars() {
        if c == '\n' {
            if word.is_empty() {
                if current + space_len <= limit {
                    out.push_str(&space);
                }
            } else {
                out.push_str(&space);
                out.push_str(&word);
            }
            space.clear();
            word.clear();
            space_len = 0;
            word_len = 0;
            out.push(c);
            current = 0;
        } else if c.is_whitespace() && c != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space_len + word_len;
                out.push_str(&space);
                out.push_str(&word);
                space.clear();
                word.clear();
                space_len = 0;
                word_len = 0;
            }
            space.push(c);
            space_len += 1;
        } else {
            word.push(c);
            word_len += 1;
            if current + space_len + word_len > limit && word_len < limit {
                out.push('\n');
                current = 0;
                space.clear();
                space_len = 0;
            }
        }
    }
    if word.is_empty() {
        if current + space_len <= limit {
            out.push_str(&space);
        }
    } else {
        out.push_str(&space);
        out.push_str(&word);
    }
    out
}

/// Models the template function `indent`: `amount` blanks before the text and
/// after every line break.
pub fn indent(amount: usize, text: &str) -> String {
    let pad = " ".repeat(amount);
    format!("{pad}{}", text.replace('\n', &format!("\n{pad}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_like_go_wordwrap() {
        // funcs_test.go: `{{wrap 3 .}}`.
        assert_eq!(
            wrap(3, "this is a really good test"),
            "this\nis\na\nreally\ngood\ntest"
        );
        assert_eq!(
            indent(
                4,
                &wrap(
                    76,
                    "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts."
                )
            ),
            "    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts."
        );
        // A word longer than the limit is not broken.
        assert_eq!(wrap(5, "abcdefgh ij"), "abcdefgh\nij");
        assert_eq!(wrap(10, "one\ntwo"), "onetwo");
    }
}
