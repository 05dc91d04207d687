use super::*;
use Kind::*;

/// The spans of `text` as (kind, text) pairs, for readable expectations.
fn tokens(text: &str) -> Vec<(Kind, &str)> {
    highlight(text)
        .into_iter()
        .map(|s| (s.kind, &text[s.start..s.end]))
        .collect()
}

/// The spans of one line of `text` (1-based).
fn line_tokens(text: &str, line: usize) -> Vec<(Kind, std::string::String)> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let end = start + text.split_inclusive('\n').nth(line - 1).map_or(0, str::len);
    highlight(text)
        .into_iter()
        .filter(|s| s.start >= start && s.end <= end)
        .map(|s| (s.kind, text[s.start..s.end].to_string()))
        .collect()
}

fn owned(expected: &[(Kind, &str)]) -> Vec<(Kind, std::string::String)> {
    expected.iter().map(|(k, t)| (*k, t.to_string())).collect()
}

/// What every result must satisfy, whatever the input.
fn check_invariants(text: &str) {
    let spans = highlight(text);
    let mut previous_end = 0;
    for span in &spans {
        assert!(span.start < span.end, "empty span {span:?} in {text:?}");
        assert!(
            span.start >= previous_end,
            "overlap at {span:?} in {text:?}"
        );
        assert!(span.end <= text.len(), "out of bounds {span:?} in {text:?}");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "not on a char boundary: {span:?} in {text:?}"
        );
        let inside = &text[span.start..span.end];
        // A lone CR inside a line is text (browsers turn it into a line break in
        // a textarea, and the web layer does the same before highlighting).
        assert!(
            !inside.contains('\n') && !inside.ends_with('\r'),
            "span crosses a line end: {span:?} in {text:?}"
        );
        previous_end = span.end;
    }
}

#[test]
fn a_manifest_line_by_line() {
    let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: redis-ds\n";
    assert_eq!(
        tokens(text),
        [
            (Key, "apiVersion"),
            (Punct, ":"),
            (String, "apps/v1"),
            (Key, "kind"),
            (Punct, ":"),
            (String, "DaemonSet"),
            (Key, "metadata"),
            (Punct, ":"),
            (Key, "name"),
            (Punct, ":"),
            (String, "redis-ds"),
        ]
    );
}

#[test]
fn sequence_items_with_keys() {
    let text = "      containers:\n        - image: redis:5-alpine\n          name: redis\n        - -1\n        -\n";
    assert_eq!(
        line_tokens(text, 2),
        owned(&[
            (Punct, "-"),
            (Key, "image"),
            (Punct, ":"),
            (String, "redis:5-alpine"),
        ])
    );
    assert_eq!(line_tokens(text, 4), owned(&[(Punct, "-"), (Number, "-1")]));
    assert_eq!(line_tokens(text, 5), owned(&[(Punct, "-")]));
    // Nested sequences on one line.
    assert_eq!(
        tokens("- - a\n"),
        [(Punct, "-"), (Punct, "-"), (String, "a")]
    );
}

#[test]
fn quoted_keys_and_values() {
    assert_eq!(
        tokens("\"app.kubernetes.io/name\": 'redis'\n'it''s': \"a \\\" b\"\n"),
        [
            (Key, "\"app.kubernetes.io/name\""),
            (Punct, ":"),
            (String, "'redis'"),
            (Key, "'it''s'"),
            (Punct, ":"),
            (String, "\"a \\\" b\""),
        ]
    );
    // A quoted value that merely contains a colon is not a key.
    assert_eq!(
        tokens("port: \"80:8080\"\n"),
        [(Key, "port"), (Punct, ":"), (String, "\"80:8080\"")]
    );
}

#[test]
fn comments_after_values_but_not_inside_strings() {
    assert_eq!(
        tokens("name: redis # the cache\n"),
        [
            (Key, "name"),
            (Punct, ":"),
            (String, "redis"),
            (Comment, "# the cache"),
        ]
    );
    assert_eq!(
        tokens("a: \"x # y\" # z\nb: 'p#q'\nc: d#e\n# whole line\n  # indented\n"),
        [
            (Key, "a"),
            (Punct, ":"),
            (String, "\"x # y\""),
            (Comment, "# z"),
            (Key, "b"),
            (Punct, ":"),
            (String, "'p#q'"),
            (Key, "c"),
            (Punct, ":"),
            (String, "d#e"),
            (Comment, "# whole line"),
            (Comment, "# indented"),
        ]
    );
    assert_eq!(
        tokens("key: # nothing yet\n"),
        [(Key, "key"), (Punct, ":"), (Comment, "# nothing yet")]
    );
}

#[test]
fn numbers_booleans_and_null() {
    let kinds = |text: &str| tokens(text).last().map(|t| t.0);
    for n in [
        "3", "-1", "+7", "0.5", ".5", "1.", "1e5", "2.5E-3", "0x1F", "0o17", ".inf", "-.inf",
        ".nan",
    ] {
        assert_eq!(kinds(&format!("v: {n}\n")), Some(Number), "{n}");
    }
    for s in [
        "1.2.3", "100m", "1Gi", "0x", "0o8", "1_000", "-x", "e5", "1e", "-.nan", "yes", "v1",
    ] {
        assert_eq!(kinds(&format!("v: {s}\n")), Some(String), "{s}");
    }
    for l in ["true", "False", "NULL", "null", "~"] {
        assert_eq!(kinds(&format!("v: {l}\n")), Some(Literal), "{l}");
    }
    assert_eq!(
        tokens("v: \"3\"\n").last().map(|t| t.0),
        Some(String),
        "a quoted number is a string"
    );
}

#[test]
fn flow_collections() {
    assert_eq!(
        tokens("labels: {app: web, tier: \"db\"}\nargs: [a, 1, true]\n"),
        [
            (Key, "labels"),
            (Punct, ":"),
            (Punct, "{"),
            (Key, "app"),
            (Punct, ":"),
            (String, "web"),
            (Punct, ","),
            (Key, "tier"),
            (Punct, ":"),
            (String, "\"db\""),
            (Punct, "}"),
            (Key, "args"),
            (Punct, ":"),
            (Punct, "["),
            (String, "a"),
            (Punct, ","),
            (Number, "1"),
            (Punct, ","),
            (Literal, "true"),
            (Punct, "]"),
        ]
    );
    // JSON spread over lines: the keys are keys, the values values.
    let json = "{\n  \"kind\": \"Pod\",\n  \"spec\": {\"nodeName\":\"worker\", \"n\": [1, 2]}\n}\n";
    assert_eq!(
        line_tokens(json, 2),
        owned(&[
            (Key, "\"kind\""),
            (Punct, ":"),
            (String, "\"Pod\""),
            (Punct, ","),
        ])
    );
    assert_eq!(
        line_tokens(json, 3),
        owned(&[
            (Key, "\"spec\""),
            (Punct, ":"),
            (Punct, "{"),
            (Key, "\"nodeName\""),
            (Punct, ":"),
            (String, "\"worker\""),
            (Punct, ","),
            (Key, "\"n\""),
            (Punct, ":"),
            (Punct, "["),
            (Number, "1"),
            (Punct, ","),
            (Number, "2"),
            (Punct, "]"),
            (Punct, "}"),
        ])
    );
    assert_eq!(line_tokens(json, 4), owned(&[(Punct, "}")]));
    // An empty map and list.
    assert_eq!(
        tokens("a: {}\nb: []\n"),
        [
            (Key, "a"),
            (Punct, ":"),
            (Punct, "{"),
            (Punct, "}"),
            (Key, "b"),
            (Punct, ":"),
            (Punct, "["),
            (Punct, "]"),
        ]
    );
}

#[test]
fn block_scalars_are_strings_until_the_indentation_drops() {
    let text = "\
data:
  script: |
    echo \"# not a comment\"
    key: not a key

    - not an item
  other: >-
    folded
next: 1
";
    assert_eq!(
        line_tokens(text, 2),
        owned(&[(Key, "script"), (Punct, ":"), (BlockIndicator, "|")])
    );
    assert_eq!(
        line_tokens(text, 3),
        owned(&[(BlockText, "echo \"# not a comment\"")])
    );
    assert_eq!(
        line_tokens(text, 4),
        owned(&[(BlockText, "key: not a key")])
    );
    assert_eq!(line_tokens(text, 5), owned(&[]));
    assert_eq!(line_tokens(text, 6), owned(&[(BlockText, "- not an item")]));
    assert_eq!(
        line_tokens(text, 7),
        owned(&[(Key, "other"), (Punct, ":"), (BlockIndicator, ">-")])
    );
    assert_eq!(line_tokens(text, 8), owned(&[(BlockText, "folded")]));
    assert_eq!(
        line_tokens(text, 9),
        owned(&[(Key, "next"), (Punct, ":"), (Number, "1")])
    );
}

#[test]
fn block_scalars_in_sequences_with_indicators_and_comments() {
    let text = "\
command:
- |+2 # keep
  line one
- name: x
  value: |
    inside
  after: y
";
    assert_eq!(
        line_tokens(text, 2),
        owned(&[(Punct, "-"), (BlockIndicator, "|+2"), (Comment, "# keep")])
    );
    assert_eq!(line_tokens(text, 3), owned(&[(BlockText, "line one")]));
    assert_eq!(
        line_tokens(text, 4),
        owned(&[(Punct, "-"), (Key, "name"), (Punct, ":"), (String, "x")])
    );
    assert_eq!(line_tokens(text, 6), owned(&[(BlockText, "inside")]));
    assert_eq!(
        line_tokens(text, 7),
        owned(&[(Key, "after"), (Punct, ":"), (String, "y")])
    );
    // `>` followed by text is a plain value, not a block scalar.
    assert_eq!(
        tokens("a: >b\nc: d\n"),
        [
            (Key, "a"),
            (Punct, ":"),
            (String, ">b"),
            (Key, "c"),
            (Punct, ":"),
            (String, "d"),
        ]
    );
    // Inside a flow collection `|` is just text.
    assert_eq!(
        tokens("a: [|]\n"),
        [
            (Key, "a"),
            (Punct, ":"),
            (Punct, "["),
            (String, "|"),
            (Punct, "]"),
        ]
    );
}

#[test]
fn document_markers_end_everything_open() {
    let text = "\
%YAML 1.2
---
a: |
  text
---
b: \"open
... 
c: [1,
--- # next
d: e
";
    assert_eq!(line_tokens(text, 1), owned(&[(Marker, "%YAML 1.2")]));
    assert_eq!(line_tokens(text, 2), owned(&[(Marker, "---")]));
    assert_eq!(line_tokens(text, 5), owned(&[(Marker, "---")]));
    assert_eq!(line_tokens(text, 7), owned(&[(Marker, "...")]));
    assert_eq!(
        line_tokens(text, 9),
        owned(&[(Marker, "---"), (Comment, "# next")])
    );
    assert_eq!(
        line_tokens(text, 10),
        owned(&[(Key, "d"), (Punct, ":"), (String, "e")])
    );
    // `---` glued to text is not a marker.
    assert_eq!(tokens("---x\n"), [(String, "---x")]);
    // A block scalar at the top of a document may start at column 0.
    assert_eq!(
        tokens("--- |\ntext\n---\n"),
        [
            (Marker, "---"),
            (BlockIndicator, "|"),
            (BlockText, "text"),
            (Marker, "---"),
        ]
    );
}

#[test]
fn quoted_strings_over_several_lines() {
    let text = "a: \"one\n  two\n  three\" # c\nb: 'x\n  y': z\n";
    assert_eq!(
        tokens(text),
        [
            (Key, "a"),
            (Punct, ":"),
            (String, "\"one"),
            (String, "two"),
            (String, "three\""),
            (Comment, "# c"),
            (Key, "b"),
            (Punct, ":"),
            (String, "'x"),
            // A quoted scalar that ends before `: ` is a key, even over lines.
            (Key, "y'"),
            (Punct, ":"),
            (String, "z"),
        ]
    );
}

#[test]
fn anchors_aliases_and_tags() {
    assert_eq!(
        tokens(
            "base: &defaults\n  a: !!str 1\nuse: *defaults\nbin: !!binary |\n  AAAA\n<<: *defaults\n"
        ),
        [
            (Key, "base"),
            (Punct, ":"),
            (Anchor, "&defaults"),
            (Key, "a"),
            (Punct, ":"),
            (Tag, "!!str"),
            (Number, "1"),
            (Key, "use"),
            (Punct, ":"),
            (Anchor, "*defaults"),
            (Key, "bin"),
            (Punct, ":"),
            (Tag, "!!binary"),
            (BlockIndicator, "|"),
            (BlockText, "AAAA"),
            (Key, "<<"),
            (Punct, ":"),
            (Anchor, "*defaults"),
        ]
    );
}

#[test]
fn keys_with_spaces_urls_and_crlf() {
    assert_eq!(
        tokens("my key  : http://x:8080/a\r\nimage: \"nginx\"\r\n"),
        [
            (Key, "my key"),
            (Punct, ":"),
            (String, "http://x:8080/a"),
            (Key, "image"),
            (Punct, ":"),
            (String, "\"nginx\""),
        ]
    );
    assert_eq!(
        tokens("名字: 值 # 注释\n"),
        [
            (Key, "名字"),
            (Punct, ":"),
            (String, "值"),
            (Comment, "# 注释"),
        ]
    );
}

#[test]
fn every_key_of_the_tutorial_manifests_is_a_key() {
    for text in [
        taintlab_core::TUTORIAL_DAEMONSET,
        taintlab_core::TUTORIAL_DAEMONSET_TOLERATING,
    ] {
        let spans = highlight(text);
        let keys: Vec<&str> = spans
            .iter()
            .filter(|s| s.kind == Key)
            .map(|s| &text[s.start..s.end])
            .collect();
        let expected: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim_start().trim_start_matches("- ").split_once(':'))
            .filter(|(_, rest)| rest.is_empty() || rest.starts_with(' '))
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, expected);
        assert!(
            spans
                .iter()
                .all(|s| matches!(s.kind, Key | Punct | String | Number))
        );
    }
}

use taintlab_core::test_rng::Rng;

#[test]
fn random_bytes_never_break_it() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    // Bytes biased towards YAML's indicators, so the scanner's branches are hit.
    const ALPHABET: &[u8] = b" \t\n\r:-?#'\"\\|>[]{},&*!%.~0123456789abcxyzE+@`";
    for round in 0..4000 {
        let len = (rng.next_u64() % 120) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = rng.next_u64();
                if round % 4 == 0 {
                    r as u8
                } else {
                    ALPHABET[(r % ALPHABET.len() as u64) as usize]
                }
            })
            .collect();
        check_invariants(&std::string::String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn every_prefix_of_real_manifests_keeps_the_invariants() {
    let mut texts = vec![
        taintlab_core::TUTORIAL_DAEMONSET.to_string(),
        taintlab_core::TUTORIAL_DAEMONSET_TOLERATING.to_string(),
        include_str!("../../../core/tests/fixtures/kind-nodes.yaml").to_string(),
        "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"},\n \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"i\"}]}}\n".to_string(),
        "a: |\n  x\n  y # z\nb: >\n  é\n\n  \"q\ncode: \"é\\\"\"\n".to_string(),
    ];
    texts.extend(crate::snippets::SNIPPETS.iter().map(|s| s.yaml.to_string()));
    for text in &texts {
        for cut in 0..=text.len() {
            if text.is_char_boundary(cut) {
                check_invariants(&text[..cut]);
            }
        }
    }
}
