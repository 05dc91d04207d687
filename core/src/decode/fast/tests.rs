//! The fast paths against the general parser: whenever a fast path returns a
//! value, the general parser returns the same value (same variants, numbers,
//! key order); when it returns `None` the general parser reads the text, so its
//! result and errors are the general parser's by construction. Everything after
//! parsing (typed objects, validation, positions) works from the value alone, so
//! equal values mean equal decoded objects and diagnostics.

use serde_yaml::Value;

/// The fast paths, ignoring items as they are read.
fn parse(text: &str) -> Option<Value> {
    super::parse(text, &mut |_, _| {})
}

/// The general parser's result, the way `yaml::parse` reports it.
fn general(text: &str) -> Result<Value, String> {
    serde_yaml::from_str::<Value>(text).map_err(|e| e.to_string())
}

/// Checks one text; returns whether a fast path took it.
fn same(text: &str) -> bool {
    let Some(fast) = parse(text) else {
        return false;
    };
    let slow = general(text);
    // Debug shows key order and each number's kind; `==` alone ignores order.
    assert_eq!(
        slow.as_ref().map(|v| format!("{v:?}")),
        Ok(format!("{fast:?}")),
        "fast path differs on {text:?}"
    );
    true
}

const POD_YAML: &str = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: pod-00001\n    namespace: default\n    labels:\n      app.kubernetes.io/name: web\n      tier: \"3\"\n  spec:\n    containers:\n    - image: registry.k8s.io/pause:3.10\n      name: pause\n      ports:\n      - containerPort: 80\n      resources:\n        limits:\n          cpu: 100m\n          memory: 500Mi\n        requests: {}\n    tolerations:\n    - key: node-role.kubernetes.io/control-plane\n      operator: Exists\n      effect: NoSchedule\n      tolerationSeconds: 300\n    nodeSelector:\n      disk: 'ssd'\n    args: []\n    x:\n    -\n    - null\n    - ~\n    y:\n";

const POD_JSON: &str = r#"{
  "apiVersion": "v1",
  "items": [
    {
      "apiVersion": "v1",
      "kind": "Pod",
      "metadata": {"name": "pod-00001", "namespace": "default", "labels": {}},
      "spec": {
        "containers": [
          {
            "image": "registry.k8s.io/pause:3.10",
            "name": "pause",
            "ports": [{"containerPort": 80, "protocol": "TCP"}],
            "resources": {"limits": {"cpu": "100m", "memory": "500Mi"}, "requests": {"cpu": 0.5}}
          }
        ],
        "tolerations": [],
        "priority": -3,
        "hostNetwork": false,
        "x": null
      }
    }
  ],
  "kind": "List",
  "metadata": {"resourceVersion": ""}
}
"#;

/// `managedFields` as `kubectl get -o yaml --show-managed-fields` prints them.
const MANAGED_FIELDS: &str = "metadata:\n  managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n    fieldsV1:\n      f:metadata:\n        f:labels:\n          .: {}\n          f:app: {}\n      f:status:\n        f:conditions:\n          k:{\"type\":\"Ready\"}:\n            .: {}\n            f:lastTransitionTime: {}\n        f:containerStatuses: {}\n    manager: kubelet\n    operation: Update\n    subresource: status\n    time: \"2026-12-01T09:05:10Z\"\n  name: x\n";

#[test]
fn the_usual_shapes_take_the_fast_path() {
    assert!(same(MANAGED_FIELDS));
    assert!(same(POD_YAML));
    assert!(same(POD_JSON));
    assert!(same(crate::TUTORIAL_DAEMONSET));
    assert!(same(crate::TUTORIAL_DAEMONSET_TOLERATING));
    assert!(same("{\"a\":1,\"b\":[1,2,{}],\"c\":\"\\u00e9\\n\\/\\\"\"}"));
    assert!(same("[]"));
    assert!(same("a: 1\nb:\n- x\n- y\nc: z\n"));
}

#[test]
fn plain_scalars_resolve_as_the_general_parser_resolves_them() {
    let scalars = [
        "1",
        "-1",
        "+1",
        "0",
        "-0",
        "+0",
        "00",
        "007",
        "-007",
        "0x1f",
        "-0x1f",
        "0x",
        "0o17",
        "-0o17",
        "0b101",
        "-0b101",
        "0x+1",
        "+0x1",
        "1_000",
        "1.5",
        "-1.5",
        "1e3",
        "1E+3",
        "1e-3",
        ".5",
        "5.",
        "1e400",
        "-1e400",
        ".inf",
        "-.inf",
        "+.inf",
        ".Inf",
        ".NAN",
        ".nan",
        "nan",
        "inf",
        "infinity",
        "NaN",
        "null",
        "Null",
        "NULL",
        "nULL",
        "~",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "99999999999999999999999999999999999999999",
        "0.1e1",
        "1.0",
        "-0.0",
        "100m",
        "500Mi",
        "1Gi",
        "3.10",
        "pause:3.10",
        "a.b",
        "_x",
        "x_",
        "$x",
        "(x)",
        "~x",
        "/x",
        ".x",
        "+x",
        "-x",
        "--x",
        "1-2",
        "2026-12-07",
        "12:30",
        "1:2:3",
        "Infinity",
        "-Infinity",
        "iNf",
        "INF",
        "-inf",
        "+nan",
        "fAlse",
        "Yes",
        "x1",
        "i",
        "n",
        "t",
        "f",
        "F",
        "I",
        "N",
        "T",
        "é1",
        "_1",
        "e5",
        "E5",
        "0e5",
        "1e",
        "0.",
        "-.5",
        "+.5",
        "0x1F",
        "0X1F",
        "0B1",
        "1__0",
        "it's",
        "x\"y",
        "x'",
        "a]",
        "a}",
        "a,b",
        "a :b",
        "a: b",
        "a:",
        "x%",
        "x!",
        "x&",
        "x*",
        "x|",
        "x>",
        "x?",
        "x@",
        "x`",
        "(1)",
        "$1",
        "/1",
        "~1",
        ".1.2",
        "1.2.3",
        "0x",
        "0o",
        "0b",
    ];
    for s in scalars {
        same(&format!("k: {s}\n"));
        same(&format!("- {s}\n"));
        same(&format!("{s}: v\n"));
        same(&format!("[{s}]"));
        same(&format!("{{\"k\": {s}}}"));
    }
}

#[test]
fn json_edge_cases_agree_or_fall_back() {
    let texts = [
        "{}",
        "{ }",
        "[ ]",
        "{\"a\": 1, \"a\": 2}",
        "{\"a\": {\"b\": 1, \"b\": 1}}",
        "{\"a\":1}",
        "{\"a\" : 1}",
        "{\"a\"\n: 1}",
        "{\"a\":\n1}",
        "{\"a\": 1,}",
        "[1, 2,]",
        "{\"a\": 1} x",
        "{\"a\": 1}\n\n",
        "  {\"a\": 1}",
        "\n{\"a\": 1}",
        "{\"a\":\t1}",
        "{\"a\":\r\n1}",
        "{a: 1}",
        "{\"a\": b}",
        "{\"a\": 'b'}",
        "{\"a\": \"\\ud83d\\ude00\"}",
        "{\"a\": \"\\ud83d\"}",
        "{\"a\": \"\\u0000\"}",
        "{\"a\": \"\\u001f\"}",
        "{\"a\": \"\\u0085\"}",
        "{\"a\": \"\\u2028\"}",
        "{\"a\": \"\\x41\"}",
        "{\"a\": \"\\e\"}",
        "{\"a\": \"tab\there\"}",
        "{\"a\": \"é ü 日本 😀\"}",
        "{\"a\": \"\u{7f}\"}",
        "{\"a\": \"\u{85}\"}",
        "{\"a\": \"\u{2028}\"}",
        "{\"a\": \"\u{feff}\"}",
        "{\"a\": \"\u{fffe}\"}",
        "{\"a\": \"x # y\"}",
        "{\"a\": 1} # c",
        "{\"a\": [1, [2, [3, {\"b\": null}]]]}",
        "{\"1\": 1, \"true\": 2, \"null\": 3}",
        "{\"\": \"\"}",
        "{\"a\": -}",
        "{\"a\": 01}",
        "{\"a\": 1.}",
        "{\"a\": .5}",
        "{\"a\": 1e}",
        "{\"a\": TRUE}",
        "{\"a\": True}",
        "{\"a\": [\"}\", \"]\", \"{\", \"[\", \",\", \":\"]}",
        "{\"a\": \"b\", }",
        "[\"a\": 1]",
        "[{\"a\": 1}, {\"a\": 1}]",
        "{\"a\"}",
        "{\"a\":}",
        "{,}",
        "[,]",
        "[1 2]",
        "{\"a\": 1 \"b\": 2}",
        "\"just a string\"",
        "[\"a\"]\n---\n[\"b\"]",
    ];
    for text in texts {
        same(text);
    }
    let long_key = format!("{{\"{}\": 1}}", "k".repeat(1100));
    same(&long_key);
    let long_value = format!("{{\"k\": \"{}\"}}", "v".repeat(5000));
    assert!(same(&long_value));
    let deep = format!("{}1{}", "[".repeat(120), "]".repeat(120));
    same(&deep);
    let deep = format!("{}1{}", "[".repeat(60), "]".repeat(60));
    assert!(same(&deep));
}

#[test]
fn block_edge_cases_agree_or_fall_back() {
    let texts = [
        "a: 1\na: 2\n",
        "a:\n  b: 1\n  b: 2\n",
        "a: 1\n b: 2\n",
        "a:\n    b: 1\n  c: 2\n",
        "a: b\n  c\n",
        "- a\n  b\n",
        "- a: 1\n b: 2\n",
        "- a: 1\n   b: 2\n",
        "-   a: 1\n    b: 2\n",
        "- - a\n  - b\n",
        "-\n  a: 1\n-\n- b\n",
        "a:\n- 1\n- 2\nb: 3\n",
        "a:\n  - 1\n  b: 3\n",
        "a:\n  - 1\nb:\n  - c: 1\n    d:\n    - e\n    f: g\n",
        "a: b: c\n",
        "a: b:\n",
        "a: b:c\n",
        "a:b\n",
        "a: -\n",
        "a: - b\n",
        "a: -b\n",
        "a: 'x'\n",
        "a: 'x''y'\n",
        "a: \"x\\ny\"\n",
        "a: \"x\" y\n",
        "a: 'x\n",
        "a: \"\"\n",
        "a: ''\n",
        "a: \"#\"\n",
        "a: x # c\n",
        "# c\na: 1\n",
        "a: 1 \n",
        "a:  1\n",
        "a :1\n",
        "a : 1\n",
        "a: {}\n",
        "a: []\n",
        "a: {b: 1}\n",
        "a: [1]\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: |\n  x\n",
        "a: >\n  x\n",
        "a: @x\n",
        "a: `x\n",
        "a: %x\n",
        "a: ?x\n",
        "? a\n: 1\n",
        "---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n\n\nb: 2\n",
        "a: 1\n   \nb: 2\n",
        "a:\n\n  b: 1\n",
        "  a: 1\n  b: 2\n",
        "  a: 1\nb: 2\n",
        "a: 1\n  \n",
        "x\n",
        "- x\ny: 1\n",
        "a:\n-\n",
        "a:\n- \n",
        "a:\tb\n",
        "a: b\r\nc: d\r\n",
        "a: é\n",
        "a: \u{85}\n",
        "a: 日本\n",
        "a-b.c/d: 1\n",
        "1: a\n2: b\n",
        "true: a\nnull: b\n",
        "0x1: a\n1: b\n",
        "1: a\n01: b\n",
        "a: 1\nA: 2\n",
        "a: http://x/y\n",
        "a: x:y\n",
        "a: x: \n",
        "a: [x\n",
        "a: x]\n",
        "a: x,y\n",
        "a: (x)\n",
        "a: ~\n",
        "a: $x\n",
        "a:\n",
        "a:",
        "-",
        "- ",
        "-x\n",
        "--- a\n",
        "f:a:\n  .: {}\n  k:{\"type\":\"Ready\"}:\n    f:status: {}\n",
        "a:b: 1\n",
        ".: 1\n",
        "..: 1\n",
        "a\"b: 1\n",
        "k:{x: 1}\n",
        "k:[a]: b\n",
        "{a}: 1\n",
        "a}: 1\n",
        "f:a::\n",
        "- f:x: 1\n  .: {}\n",
        "  ...: 1\n",
    ];
    for text in texts {
        same(text);
    }
    let long_key = format!("{}: 1\n", "k".repeat(1100));
    same(&long_key);
    let mut deep = String::new();
    for i in 0..80 {
        deep.push_str(&format!("{}k:\n", " ".repeat(i)));
    }
    same(&deep);
}

/// A tiny deterministic generator (no dependency needed for a test).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next(from.len())]
    }
}

const KEYS: [&str; 18] = [
    "a",
    "b",
    "name",
    "1",
    "true",
    "null",
    "0x1f",
    "app.kubernetes.io/name",
    "_x",
    "k-1",
    "~",
    "a b",
    "f:metadata",
    "k:{\"type\":\"Ready\"}",
    ".",
    "a,b",
    "x[0]",
    "k:{x",
];
const SCALARS: [&str; 28] = [
    "1",
    "-0",
    "0o17",
    "+1",
    "1e3",
    "1_000",
    "99999999999999999999",
    "0.5",
    ".inf",
    "~",
    "null",
    "yes",
    "True",
    "007",
    "-0x1f",
    "x",
    "a:b",
    "http://x",
    "'q'",
    "\"d\"",
    "'it''s'",
    "{}",
    "[]",
    "-1",
    "100m",
    "",
    "a b",
    "3.10",
];

/// A random block-style document, mostly well formed, with random indentation
/// slips so that errors and continuations are exercised too.
fn random_block(rng: &mut Lcg, indent: usize, depth: usize, out: &mut String) {
    let entries = 1 + rng.next(3);
    let sequence = rng.next(3) == 0;
    for _ in 0..entries {
        let slip = if rng.next(12) == 0 { 1 } else { 0 };
        let pad = " ".repeat(indent + slip);
        out.push_str(&pad);
        if sequence {
            out.push_str(if rng.next(8) == 0 { "-" } else { "- " });
        } else {
            out.push_str(rng.pick(&KEYS));
            out.push(':');
        }
        let nest = depth < 4 && rng.next(2) == 0;
        if nest {
            out.push('\n');
            let deeper = if !sequence && rng.next(3) == 0 {
                indent
            } else {
                indent + 2
            };
            if deeper == indent {
                // A compact sequence at the key's indentation.
                for _ in 0..1 + rng.next(2) {
                    out.push_str(&format!("{pad}- {}\n", rng.pick(&SCALARS)));
                }
            } else {
                random_block(rng, deeper, depth + 1, out);
            }
        } else {
            if !sequence {
                out.push(' ');
            }
            out.push_str(rng.pick(&SCALARS));
            out.push('\n');
        }
    }
}

/// A random JSON value, with random spacing.
fn random_json(rng: &mut Lcg, depth: usize, out: &mut String) {
    let space = |rng: &mut Lcg| match rng.next(6) {
        0 => "\n  ",
        1 => " ",
        _ => "",
    };
    match if depth > 4 { 2 } else { rng.next(4) } {
        0 => {
            out.push('{');
            for i in 0..rng.next(4) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(space(rng));
                out.push_str(&format!("\"{}\"", rng.pick(&KEYS)));
                out.push_str(space(rng));
                out.push(':');
                out.push_str(space(rng));
                random_json(rng, depth + 1, out);
            }
            out.push_str(space(rng));
            out.push('}');
        }
        1 => {
            out.push('[');
            for i in 0..rng.next(4) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(space(rng));
                random_json(rng, depth + 1, out);
            }
            out.push(']');
        }
        _ => out.push_str(rng.pick(&[
            "1",
            "-0",
            "1e3",
            "0.5",
            "-1.5E-3",
            "true",
            "false",
            "null",
            "\"x\"",
            "\"\"",
            "\"a\\\"b\"",
            "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"",
            "\"1\"",
            "\"null\"",
            "99999999999999999999",
            "-9223372036854775809",
            "\"\\/\"",
        ])),
    }
}

/// Deletes, doubles or replaces one byte (at a character boundary), to make
/// near-miss inputs.
fn mutate(rng: &mut Lcg, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let at = rng.next(chars.len());
    let mut out: String = chars[..at].iter().collect();
    match rng.next(3) {
        0 => {}
        1 => {
            out.push(chars[at]);
            out.push(chars[at]);
        }
        _ => out.push(
            rng.pick(&[
                " ", "\n", ":", "-", "\"", "'", "#", "{", "}", "[", ",", "\t",
            ])
            .chars()
            .next()
            .unwrap_or(' '),
        ),
    }
    out.extend(&chars[at + 1..]);
    out
}

#[test]
fn random_documents_agree() {
    let mut rng = Lcg(13);
    let mut taken = [0; 4];
    let rounds = 20_000;
    for _ in 0..rounds {
        let mut text = String::new();
        random_block(&mut rng, 0, 0, &mut text);
        let mutated = mutate(&mut rng, &text);
        let mut json = String::new();
        random_json(&mut rng, 0, &mut json);
        let mutated_json = mutate(&mut rng, &json);
        for (i, t) in [&text, &mutated, &json, &mutated_json]
            .into_iter()
            .enumerate()
        {
            taken[i] += usize::from(same(t));
        }
    }
    // The generators are meant to hit the fast paths often, not only fall back.
    assert!(
        taken.iter().all(|&n| n * 20 > rounds),
        "{taken:?} of {rounds} each"
    );
}

#[test]
fn the_fuzz_corpus_agrees() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return;
    };
    let mut checked = 0;
    for dir in dirs.flatten() {
        for file in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let Ok(text) = std::fs::read_to_string(file.path()) else {
                continue;
            };
            same(&text);
            for region in crate::decode::regions(&text) {
                same(region.text);
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn the_top_level_items_are_handed_over_as_read() {
    let nested = "items:\n- a\n- items:\n  - x\n- {}\nkind: List\n";
    let json = r#"{"items": [1, {"items": [2]}, "b"], "kind": "List"}"#;
    let other = "kind: Pod\nspec:\n  items:\n  - a\n";
    for (text, count) in [
        (POD_YAML, 1),
        (POD_JSON, 1),
        (nested, 3),
        (json, 3),
        (other, 0),
    ] {
        let mut seen = Vec::new();
        let value = super::parse(text, &mut |i, item| seen.push((i, item.clone())));
        let items = value
            .as_ref()
            .and_then(|v| v.get("items"))
            .and_then(Value::as_sequence)
            .cloned()
            .unwrap_or_default();
        let want: Vec<(usize, Value)> = items.into_iter().enumerate().collect();
        assert!(value.is_some(), "{text}");
        assert_eq!(seen.len(), count, "{text}");
        assert_eq!(format!("{seen:?}"), format!("{want:?}"), "{text}");
    }
}
