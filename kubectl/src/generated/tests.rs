use super::*;

/// Strings an attacker would put in a flag: YAML structure, comments, quotes,
/// flow collections, document markers, control characters, Unicode line breaks,
/// a byte-order mark, and values YAML would read as something other than text.
pub(crate) const HOSTILE: &[&str] = &[
    "nginx\n  hostNetwork: true",
    "nginx\n    securityContext: {privileged: true}",
    "nginx\nhostNetwork: true",
    "a: b",
    "a:b",
    "x # comment",
    "#x",
    "{hostNetwork: true}",
    "[1, 2]",
    "\"quoted\"",
    "'single'",
    "it's",
    "a\\nb",
    "\n---\nkind: Pod\n",
    "---",
    "...",
    "a\n...\nb",
    "&anchor x",
    "*alias",
    "!!binary aGk=",
    "!tag x",
    "|\n  x",
    "> x",
    "- x",
    "? x",
    "%YAML 1.1",
    "@x",
    "`x`",
    "",
    " ",
    " lead",
    "trail ",
    "\t",
    "a\tb",
    "\r\n",
    "a\rb",
    "nul\0byte",
    "esc\u{1b}[31m",
    "bell\u{7}",
    "del\u{7f}",
    "\u{85}next line",
    "\u{2028}\u{2029}",
    "\u{feff}bom",
    "\u{a0}nbsp",
    "\u{fffe}",
    "😀 emoji",
    "true",
    "yes",
    "off",
    "null",
    "~",
    "123",
    "0x1F",
    "0o17",
    "1e3",
    ".inf",
    "-.nan",
    "1_000",
    "2026-01-01",
    "1:20",
    "<<",
    "=",
    "a=b,c=d",
    "trailing newline\n",
    "two\n\nnewlines\n\n",
    "  indented\n  lines",
];

/// Every key path of a value (`spec.containers[0].image`), to compare shapes.
pub(crate) fn paths(value: &Value) -> Vec<String> {
    fn walk(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Mapping(m) => {
                for (k, v) in m {
                    let key = k.as_str().unwrap_or("?");
                    let next = if at.is_empty() {
                        key.to_string()
                    } else {
                        format!("{at}.{key}")
                    };
                    walk(v, next, out);
                }
            }
            Value::Sequence(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{at}[{i}]"), out);
                }
            }
            _ => out.push(at),
        }
    }
    let mut out = Vec::new();
    walk(value, String::new(), &mut out);
    out.sort();
    out
}

fn pod_with(value: &str) -> PodSpec {
    PodSpec {
        name: value.to_string(),
        namespace: Some(value.to_string()),
        image: value.to_string(),
        labels: vec![("run".to_string(), value.to_string())],
        env: vec![("E".to_string(), format!("{value}."))],
        args: vec![value.to_string()],
        command: false,
        port: Some(80),
        restart: value.to_string(),
    }
}

#[test]
fn every_hostile_string_reads_back_as_the_object_built() {
    for minor in [33, 36] {
        for value in HOSTILE {
            let objects = [
                pod(&pod_with(value), minor),
                deployment(
                    value,
                    Some(value),
                    &[value.to_string(), "redis".to_string()],
                    2,
                    Some(80),
                    minor,
                ),
                namespace(value, minor),
            ];
            for object in objects {
                let text = to_text(&object);
                let back: Value = text
                    .as_deref()
                    .ok()
                    .and_then(|t| serde_yaml::from_str(t).ok())
                    .unwrap_or(Value::Null);
                assert_eq!(back, object, "{value:?}: {text:?}");
            }
        }
    }
}

#[test]
fn a_hostile_value_stays_in_its_own_field() {
    let benign = paths(&pod(&pod_with("nginx"), 36));
    for value in HOSTILE {
        let built = pod(&pod_with(value), 36);
        assert_eq!(paths(&built), benign, "{value:?}");
        let text = to_text(&built).unwrap_or_default();
        let back: Value = serde_yaml::from_str(&text).unwrap_or(Value::Null);
        assert_eq!(paths(&back), benign, "{value:?}: {text}");
        let image = back
            .get("spec")
            .and_then(|s| s.get("containers"))
            .and_then(|c| c.get(0))
            .and_then(|c| c.get("image"))
            .and_then(Value::as_str);
        assert_eq!(image, Some(*value));
        assert!(
            back.get("spec")
                .and_then(|s| s.get("hostNetwork"))
                .is_none()
        );
    }
}

#[test]
fn ordinary_values_print_as_kubectl_prints_them() {
    let spec = PodSpec {
        name: "web".into(),
        namespace: None,
        image: "nginx:1.27".into(),
        labels: vec![
            ("tier".into(), "front".into()),
            ("app".into(), "web".into()),
        ],
        env: vec![("A".into(), "1".into()), ("EMPTY".into(), String::new())],
        args: vec!["sleep".into(), "3600".into()],
        command: true,
        port: Some(80),
        restart: "Never".into(),
    };
    assert_eq!(
        to_text(&pod(&spec, 33)).as_deref(),
        Ok(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n    tier: front\n  name: web\nspec:\n  containers:\n  - command:\n    - sleep\n    - \"3600\"\n    env:\n    - name: A\n      value: \"1\"\n    - name: EMPTY\n    image: nginx:1.27\n    name: web\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Never\nstatus: {}\n"
        )
    );
    // A name that YAML would read as a number is quoted, as yaml.v2 quotes it.
    let deploy = deployment("123", Some("lab"), &["a/b:1".into()], 1, None, 36);
    assert_eq!(
        to_text(&deploy).as_deref(),
        Ok(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: \"123\"\n  name: \"123\"\n  namespace: lab\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: \"123\"\n  strategy: {}\n  template:\n    metadata:\n      labels:\n        app: \"123\"\n    spec:\n      containers:\n      - image: a/b:1\n        name: b\n        resources: {}\nstatus: {}\n"
        )
    );
    assert_eq!(
        to_text(&namespace("lab", 33)).as_deref(),
        Ok(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: lab\nspec: {}\nstatus: {}\n"
        )
    );
}

#[test]
fn labels_parse_as_generate_parse_labels_does() {
    assert_eq!(
        parse_labels("app=web,tier=front,app=api"),
        Ok(vec![
            ("app".into(), "web".into()),
            ("tier".into(), "front".into()),
            ("app".into(), "api".into()),
        ])
    );
    assert_eq!(parse_labels("a="), Ok(vec![("a".into(), String::new())]));
    assert_eq!(
        parse_labels("a=b=c"),
        Err("unexpected label spec: a=b=c".into())
    );
    assert_eq!(
        parse_labels("a=b,c"),
        Err("unexpected label spec: c".into())
    );
    assert_eq!(parse_labels("a=b,"), Err("unexpected label spec: ".into()));
    assert_eq!(parse_labels("=b"), Err("unexpected empty label key".into()));
    // Characters YAML cares about pass through to the API server's validation.
    assert_eq!(
        parse_labels("a=b\n  namespace: kube-system"),
        Ok(vec![("a".into(), "b\n  namespace: kube-system".into())])
    );
}

#[test]
fn env_parses_as_parse_envs_does() {
    assert_eq!(
        parse_envs(&["A=1", "B=x=y", "C=", "my.env-name=a,b"]),
        Ok(vec![
            ("A".into(), "1".into()),
            ("B".into(), "x=y".into()),
            ("C".into(), String::new()),
            ("my.env-name".into(), "a,b".into()),
        ])
    );
    // Any value is data.
    assert_eq!(
        parse_envs(&["A=\n  hostNetwork: true"]),
        Ok(vec![("A".into(), "\n  hostNetwork: true".into())])
    );
    for bad in ["A", "=1", "1A=x", "A B=x", "A\n=x", "..=x", "a:b=c"] {
        assert_eq!(parse_envs(&[bad]), Err(format!("invalid env: {bad}")));
    }
}

#[test]
fn an_object_that_would_not_read_back_is_refused() {
    // The printer drops a tag, so the text reads back as a plain string: the
    // guard sees the difference and refuses, as it would for any string the
    // printer and the reader disagreed on.
    let mut object = namespace("lab", 36);
    let tagged = serde_yaml::value::TaggedValue {
        tag: serde_yaml::value::Tag::new("x"),
        value: s("a"),
    };
    set(&mut object, "spec", Value::Tagged(Box::new(tagged)));
    assert_eq!(to_text(&object), Err(ERR_NOT_ROUND_TRIP));
}

#[test]
fn containers_are_named_as_build_pod_spec_names_them() {
    assert_eq!(container_name("nginx"), "nginx");
    assert_eq!(container_name("registry.k8s.io/pause:3.10"), "pause");
    assert_eq!(container_name("localhost:5000/team/app@sha256:00"), "app");
    assert_eq!(container_name("Nginx"), "Nginx");
    // `sanitizeAndUniquify`: a suffix that is stable here, random upstream.
    let named = container_name("my_app.v2:1");
    assert_eq!(
        named,
        format!(
            "my-app-v2-{}",
            taintlab_core::names::stable_suffix("my_app.v2:1")
        )
    );
    assert_eq!(named.len(), "my-app-v2-".len() + 5);
    assert!(taintlab_core::api::identifiers::is_dns1123_label(&named).is_ok());
    assert_ne!(container_name("my_app:1"), container_name("my_app:2"));
}
