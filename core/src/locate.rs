//! Finds the line and column of a field path (`spec.tolerations[0].effect`) in
//! block-style YAML, so validation errors can point at the text the user wrote.
//!
//! `yaml_serde` keeps no positions in its values, and the positions it reports for
//! errors raised by `TryFrom` checks are those of the enclosing node. Kubernetes
//! manifests are almost always block style, which a line scanner reads reliably;
//! for flow style or JSON the caller falls back to the decoder's position.

/// One non-blank, non-comment line: its 1-based number, indentation and content.
#[derive(Clone)]
struct Line<'a> {
    number: usize,
    indent: usize,
    content: &'a str,
}

/// Splits `a.b[2].c` into segments. Keys may contain dots (label keys); the
/// scanner resolves those by trying longer keys first, see [`locate`]. A
/// bracketed name that is not an index is a map key (`field.Path.Key`:
/// `requests[cpu]`, `limits[example.com/gpu]`).
fn split_path(path: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']').unwrap_or(inner.len());
            let key = &inner[..close];
            if key.parse::<usize>().is_ok() {
                pieces.push(format!("[{key}]"));
            } else {
                pieces.push(key.to_string());
            }
            rest = inner.get(close + 1..).unwrap_or("");
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            pieces.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    pieces.retain(|p| !p.is_empty());
    pieces
}

fn significant_lines(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .enumerate()
        .filter_map(|(i, raw)| {
            let trimmed = raw.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                return None;
            }
            Some(Line {
                number: i + 1,
                indent: raw.len() - trimmed.len(),
                content: trimmed.trim_end(),
            })
        })
        .collect()
}

/// The key a line starts with (`key:` or `"key":`), if any.
fn line_key(content: &str) -> Option<&str> {
    let (key, _) = content.split_once(':')?;
    let key = key.trim_end();
    let unquoted = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    Some(unquoted)
}

/// The lines belonging to the node that starts at `lines[0]` (a key line or a list item):
/// everything indented deeper than it, up to the next sibling.
fn children<'a>(lines: &[Line<'a>], parent_indent: usize) -> Vec<Line<'a>> {
    lines
        .iter()
        .take_while(|l| l.indent > parent_indent)
        .cloned()
        .collect()
}

/// Finds `path` in `text`; returns the 1-based line and column of the field's key
/// (or of the list item's dash for an index).
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let pieces = split_path(path);
    let mut scope = significant_lines(text);
    let mut found = None;
    let mut i = 0;
    while i < pieces.len() {
        let indent = scope.first()?.indent;
        if let Some(index) = pieces[i]
            .strip_prefix('[')
            .and_then(|p| p.strip_suffix(']'))
            .and_then(|n| n.parse::<usize>().ok())
        {
            let items: Vec<usize> = scope
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    l.indent == indent && (l.content == "-" || l.content.starts_with("- "))
                })
                .map(|(pos, _)| pos)
                .collect();
            let pos = *items.get(index)?;
            let item = &scope[pos];
            found = Some((item.number, item.indent + 1));
            // The item's first line holds its first key after "- "; treat it as a
            // line of its own, indented past the dash.
            let mut next = Vec::new();
            let inline = item.content.trim_start_matches('-').trim_start();
            if !inline.is_empty() {
                next.push(Line {
                    number: item.number,
                    indent: item.indent + (item.content.len() - inline.len()),
                    content: inline,
                });
            }
            next.extend(children(&scope[pos + 1..], item.indent));
            scope = next;
            i += 1;
            continue;
        }
        // Try the longest key first, so `node-role.kubernetes.io/master` is one key.
        let mut matched = None;
        for end in (i + 1..=pieces.len()).rev() {
            if pieces[i..end].iter().any(|p| p.starts_with('[')) {
                continue;
            }
            let key = pieces[i..end].join(".");
            if let Some(pos) = scope
                .iter()
                .position(|l| l.indent == indent && line_key(l.content) == Some(key.as_str()))
            {
                matched = Some((pos, end));
                break;
            }
        }
        let (pos, end) = matched?;
        let (number, key_indent) = (scope[pos].number, scope[pos].indent);
        found = Some((number, key_indent + 1));
        scope = children(&scope[pos + 1..], key_indent);
        // A block sequence may sit at the same indentation as its key.
        if scope.is_empty() {
            scope = scope_of_compact_sequence(text, number, key_indent);
        }
        i = end;
    }
    found
}

/// `key:\n- a\n- b`: list items at the key's own indentation belong to the key.
fn scope_of_compact_sequence(text: &str, key_line: usize, indent: usize) -> Vec<Line<'_>> {
    significant_lines(text)
        .into_iter()
        .skip_while(|l| l.number <= key_line)
        .take_while(|l| l.indent > indent || (l.indent == indent && l.content.starts_with('-')))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: redis-ds
  labels:
    app.kubernetes.io/name: redis
spec:
  template:
    spec:
      containers:
        - image: redis:5-alpine
          name: redis
      tolerations:
      # a comment
      - key: a
        effect: NoSchedule
      - key: b
        effect: Bogus
";

    #[test]
    fn finds_fields_and_items() {
        let cases = [
            ("kind", Some((2, 1))),
            ("metadata.name", Some((4, 3))),
            ("metadata.labels.app.kubernetes.io/name", Some((6, 5))),
            ("spec.template.spec.containers[0]", Some((11, 9))),
            ("spec.template.spec.containers[0].name", Some((12, 11))),
            ("spec.template.spec.containers[0].image", Some((11, 11))),
            ("spec.template.spec.tolerations[1].effect", Some((18, 9))),
            ("spec.template.spec.tolerations[2]", None),
            ("spec.missing", None),
        ];
        for (path, want) in cases {
            assert_eq!(locate(DS, path), want, "{path}");
        }
    }

    #[test]
    fn finds_map_keys_in_brackets() {
        let pod = "spec:\n  containers:\n  - name: c\n    resources:\n      limits:\n        example.com/gpu: 1\n      requests:\n        cpu: -1\n";
        for (path, want) in [
            ("spec.containers[0].resources.requests[cpu]", Some((8, 9))),
            (
                "spec.containers[0].resources.limits[example.com/gpu]",
                Some((6, 9)),
            ),
            ("spec.containers[0].resources.requests", Some((7, 7))),
            ("spec.containers[0].resources.requests[memory]", None),
        ] {
            assert_eq!(locate(pod, path), want, "{path}");
        }
    }
}
