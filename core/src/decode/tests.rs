//! Decoding as the API server does it: strict fields, Go's type errors, Lists.

use super::*;

fn errors(text: &str) -> Vec<Diagnostic> {
    decode(text).err().unwrap_or_default()
}

const DS_WITH_TYPO: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: redis-ds
spec:
  selector:
    matchLabels:
      name: redis-ds
  template:
    metadata:
      labels:
        name: redis-ds
    spec:
      containers:
      - name: redis
        image: redis:5-alpine
      toleration:
      - key: node-role.kubernetes.io/master
        operator: Exists
";

#[test]
fn unknown_fields_are_strict_decoding_errors_at_their_line() {
    let errs = errors(DS_WITH_TYPO);
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0].message,
        "strict decoding error: unknown field \"spec.template.spec.toleration\""
    );
    assert_eq!((errs[0].document, errs[0].line, errs[0].column), (1, 17, 7));
    assert_eq!(errs[0].path, "spec.template.spec.toleration");
}

#[test]
fn every_unknown_field_is_reported() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  lables: {a: b}\nspec:\n  containers:\n  - name: c\n    image: i\n    imagePolicy: Always\n";
    let messages: Vec<String> = errors(text).into_iter().map(|e| e.message).collect();
    assert_eq!(
        messages,
        [
            "strict decoding error: unknown field \"metadata.lables\"",
            "strict decoding error: unknown field \"spec.containers[0].imagePolicy\"",
        ]
    );
}

#[test]
fn type_errors_use_gos_wording() {
    let cases = [
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    ports:\n    - containerPort: http\n",
            "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
            10,
        ),
        (
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: n\nspec:\n  taints: {key: a}\n",
            "json: cannot unmarshal object into Go struct field NodeSpec.spec.taints of type []v1.Taint",
            6,
        ),
        (
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels:\n    tier: 3\n",
            "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
            5,
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: \"yes\"\n  containers: [{name: c, image: i}]\n",
            "json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool",
            6,
        ),
    ];
    for (text, want, line) in cases {
        let errs = errors(text);
        assert_eq!(errs.len(), 1, "{text}");
        assert_eq!(errs[0].message, want);
        assert_eq!(errs[0].line, line, "{want}");
    }
}

#[test]
fn a_real_kubectl_get_nodes_output_loads() {
    let text = include_str!("../../tests/fixtures/kind-nodes.yaml");
    let decoded = decode(text).expect("kubectl output decodes");
    let names: Vec<&str> = decoded.objects.iter().map(|o| o.object.name()).collect();
    assert_eq!(names, ["demo-control-plane", "demo-worker"]);
    let Object::Node(cp) = &decoded.objects[0].object else {
        panic!("a node");
    };
    assert_eq!(
        cp.spec.taints[0].to_string(),
        "node-role.kubernetes.io/control-plane:NoSchedule"
    );
    assert_eq!(cp.roles(), ["control-plane"]);
}

#[test]
fn list_items_point_at_their_own_lines() {
    let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: b\n  spec:\n    taints:\n    - key: k\n      effect: Sometimes\n";
    let errs = errors(text);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].path, "items[1].spec.taints[0].effect");
    assert_eq!(errs[0].line, 15);
    assert!(
        errs[0]
            .message
            .starts_with("spec.taints[0].effect: Unsupported value: \"Sometimes\""),
        "{}",
        errs[0].message
    );
}

#[test]
fn json_is_yaml_too() {
    let text = r#"{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n", "labels": {"a": "b"}}, "spec": {"taints": [{"key": "k", "effect": "NoExecute"}]}}"#;
    let decoded = decode(text).expect("JSON decodes");
    assert_eq!(decoded.objects.len(), 1);
    let errs = errors(
        r#"{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"}, "spec": {"taint": []}}"#,
    );
    assert_eq!(
        errs[0].message,
        "strict decoding error: unknown field \"spec.taint\""
    );
    assert_eq!(
        (errs[0].line, errs[0].column),
        (1, 1),
        "flow style falls back to the document start"
    );
}

#[test]
fn scheduling_constraints_taintlab_does_not_model_are_pointed_out() {
    let text = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      schedulingGates:
      - name: wait-for-quota
      containers:
      - name: web
        image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  affinity:
    nodeAffinity: {}
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels: {app: web}
        topologyKey: kubernetes.io/hostname
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector:
      matchLabels: {app: web}
  containers:
  - name: c
    image: nginx
";
    let decoded = decode(text).expect("valid objects decode");
    let found: Vec<(usize, usize, &str)> = decoded
        .warnings
        .iter()
        .map(|w| (w.document, w.line, w.path.as_str()))
        .collect();
    // Only the scheduling gate counts: node and pod affinity and topology spread
    // constraints are simulated.
    assert_eq!(found, [(1, 12, "spec.template.spec.schedulingGates")]);
    assert!(decoded.warnings[0].message.contains("does not simulate"));
    let Object::Pod(pod) = &decoded.objects[1].object else {
        panic!("a pod");
    };
    assert_eq!(pod.spec.topology_spread_constraints.len(), 1);
    let anti = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.pod_anti_affinity.as_ref())
        .map(|a| a.required_during_scheduling_ignored_during_execution.len());
    assert_eq!(anti, Some(1));
}

#[test]
fn a_byte_order_mark_is_dropped_as_kubectl_does() {
    let with_bom = format!("\u{feff}{}", crate::TUTORIAL_DAEMONSET);
    let decoded = decode(&with_bom).map(|d| d.objects.len());
    assert_eq!(decoded, Ok(1));
}

#[test]
fn each_limit_is_an_error_that_names_it() {
    use crate::limits::{Limit, MAX_DEPTH, MAX_OBJECT_BYTES, MAX_OBJECTS_PER_APPLY};
    let first = |text: &str| {
        decode(text)
            .err()
            .and_then(|e| e.into_iter().next())
            .map(|d| (d.document, d.line, d.column, d.message))
    };
    // 40,000 nested flow mappings, refused at the first level past the limit
    // (this took 17 s to reach the parser's own recursion limit).
    let deep = format!(
        "kind: Pod\nx: {}{}",
        "{a: ".repeat(40_000),
        "}".repeat(40_000)
    );
    assert_eq!(
        first(&deep),
        Some((1, 2, 4 + 4 * MAX_DEPTH, Limit::Depth.en()))
    );
    let deep_second = format!("kind: Pod\n---\n{}", "[".repeat(40_000));
    let at = decode(&deep_second)
        .err()
        .unwrap_or_default()
        .into_iter()
        .find(|d| d.message == Limit::Depth.en())
        .map(|d| (d.document, d.line, d.column));
    assert_eq!(at, Some((2, 3, MAX_DEPTH + 1)));
    let big = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: \"{}\"\n",
        "a".repeat(MAX_OBJECT_BYTES)
    );
    assert_eq!(first(&big), Some((1, 1, 1, Limit::ObjectBytes.en())));
    let pod = "- {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: i}]}}\n";
    let many = format!(
        "kind: List\napiVersion: v1\nitems:\n{}",
        pod.repeat(MAX_OBJECTS_PER_APPLY + 1)
    );
    assert_eq!(first(&many).map(|d| d.3), Some(Limit::ObjectsPerApply.en()));
}

#[test]
fn many_errors_are_all_reported_and_only_the_first_placed() {
    // 1,000 containers whose names are not DNS labels: one error each. Placing
    // one scans the document, so only as many are placed as the scan budget
    // allows; the rest point at the document's first line.
    let containers = 1000;
    let mut text =
        String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n");
    for i in 0..containers {
        text.push_str(&format!("  - name: C{i}\n    image: x\n"));
    }
    let errs = errors(&text);
    assert_eq!(errs.len(), containers);
    let lines = text.lines().count();
    let placed = crate::limits::MAX_LOCATE_LINE_SCANS / lines;
    assert!(placed > 0 && placed < containers);
    for (i, e) in errs.iter().enumerate() {
        assert_eq!(e.path, format!("spec.containers[{i}].name"));
        assert!(
            e.message.starts_with(&format!(
                "spec.containers[{i}].name: Invalid value: \"C{i}\": "
            )),
            "{}",
            e.message
        );
        let line = if i < placed { 7 + 2 * i } else { 1 };
        assert_eq!(e.line, line, "error {i}");
    }
}

/// `regions` as first written, walking every line: the search must agree.
fn regions_by_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut first_line = 1;
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        let is_separator = bare == "---"
            || bare.starts_with("--- ")
            || bare.starts_with("---\t")
            || bare.starts_with("--- #");
        if is_separator {
            out.push((first_line, &text[start..offset]));
            start = offset + line.len();
            first_line = i + 2;
        }
        offset += line.len();
    }
    out.push((first_line, &text[start..]));
    out.retain(|(_, t)| {
        t.lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    });
    out
}

#[test]
fn regions_are_found_as_by_walking_lines() {
    let pieces = [
        "---",
        "--- ",
        "---\t",
        "--- #c",
        "----",
        "-",
        "--",
        "a",
        "a---",
        " ---",
        "# x",
        "\n",
        "\r",
        "\r\n",
        "é",
        "kind: Pod",
        "...",
    ];
    let mut seed: u64 = 11;
    for _ in 0..20_000 {
        let mut text = String::new();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        for _ in 0..(seed >> 59) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let found: Vec<(usize, &str)> = regions(&text)
            .into_iter()
            .map(|r| (r.first_line, r.text))
            .collect();
        assert_eq!(found, regions_by_lines(&text), "{text:?}");
    }
}
