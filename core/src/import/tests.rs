//! Several texts, and `kubectl cluster-info dump` output, merged into one import.

use super::*;
use crate::Cluster;
use crate::KubeVersion;

/// The kind cluster of `cluster_state.yaml`, as `kubectl get ... -A -o yaml` prints it.
const STATE: &str = include_str!("../../tests/fixtures/cluster_state.yaml");
/// The same cluster as `kubectl cluster-info dump --namespaces default,logging,shop`
/// prints it to standard output.
const DUMP: &str = include_str!("../../tests/fixtures/cluster_info_dump.txt");
/// Where `--output-directory` put the same dump.
const DUMP_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/cluster_info_dump"
);

fn one<'a>(name: &'a str, text: &'a str) -> [Source<'a>; 1] {
    [Source { name, text }]
}

fn merged(sources: &[Source<'_>]) -> Merged {
    match merge(sources) {
        Ok(m) => m,
        Err(errors) => panic!("merges: {errors:?}"),
    }
}

/// Each pod's `namespace/name`, UID, node and phase, after importing `text`.
fn imported_pods(text: &str) -> Vec<(String, String, String, String)> {
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    c.import_state(text).expect("imports");
    let mut rows: Vec<_> = c
        .pods()
        .map(|p| {
            (
                format!("{}/{}", p.metadata.namespace, p.metadata.name),
                p.metadata.uid.clone(),
                p.spec.node_name.clone(),
                p.status.phase.clone(),
            )
        })
        .collect();
    rows.sort();
    rows
}

/// The files of the dump's directory, as the command line reads them.
fn directory() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(DUMP_DIR)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("the fixture directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(DUMP_DIR).expect("inside");
                paths.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    dump_files(paths)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(format!("{DUMP_DIR}/{p}")).expect("reads");
            (p, text)
        })
        .collect()
}

fn sources(files: &[(String, String)]) -> Vec<Source<'_>> {
    files
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect()
}

#[test]
fn a_dump_printed_to_standard_output_imports_as_the_state_does() {
    let m = merged(&one("dump.txt", DUMP));
    assert!(m.dump);
    assert_eq!((m.nodes, m.objects), (3, 12));
    assert_eq!(
        m.node_names,
        ["kind-control-plane", "kind-worker", "kind-worker2"]
    );
    assert_eq!(m.kubelet_version, KubeVersion::parse("v1.31.0"));
    assert!(m.not_ready.is_empty());
    // The lists' items carry no kind: each took its list's.
    assert_eq!(
        m.skipped,
        [
            Skipped {
                kind: "Service".into(),
                reason: SkipReason::NotSimulated,
                count: 2
            },
            Skipped {
                kind: "Event".into(),
                reason: SkipReason::NotSimulated,
                count: 1
            },
        ]
    );
    assert!(m.duplicates.is_empty());
    assert!(!m.text.contains("managedFields"));
    assert!(!m.text.contains("==== START"));
    assert!(m.text.len() * 2 < DUMP.len(), "{}", m.text.len());
    assert_eq!(imported_pods(&m.text), imported_pods(STATE));
}

#[test]
fn a_dump_directory_merges_to_what_its_standard_output_does() {
    let files = directory();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 22, "{names:?}");
    assert_eq!(names[0], "nodes.json");
    assert!(names.contains(&"shop/replication-controllers.json"));
    assert!(names.iter().all(|n| !n.ends_with("logs.txt")));
    let m = merged(&sources(&files));
    assert!(!m.dump, "each file is one list");
    assert_eq!(m.text, merged(&one("dump.txt", DUMP)).text);
}

#[test]
fn the_files_of_a_dump_are_its_lists_in_one_order() {
    let listing = [
        "shop/pods.json",
        "default/web-1/logs.txt",
        "nodes.json",
        ".hidden.json",
        "default/pods.yaml",
        "default/web-1/extra.json",
        "README.md",
        "default/.json",
        "shop/events.json",
    ];
    assert_eq!(
        dump_files(listing),
        [
            "nodes.json",
            "default/pods.yaml",
            "shop/events.json",
            "shop/pods.json"
        ]
    );
}

/// `cluster_state.yaml`'s items, split into a Node list and a list of the rest,
/// both as JSON.
fn split_state() -> (String, String) {
    let value = crate::decode::yaml::parse(STATE).expect("parses");
    let items = value
        .get("items")
        .and_then(Value::as_sequence)
        .expect("items");
    let list = |keep: &dyn Fn(&Value) -> bool| {
        let items: Vec<Value> = items.iter().filter(|i| keep(i)).cloned().collect();
        let mut out = String::new();
        let mut list = serde_yaml::Mapping::new();
        list.insert("apiVersion".into(), "v1".into());
        list.insert("kind".into(), "List".into());
        list.insert("items".into(), Value::Sequence(items));
        json::write(&mut out, &Value::Mapping(list));
        out
    };
    let is_node = |i: &Value| i.get("kind").and_then(Value::as_str) == Some("Node");
    (list(&is_node), list(&|i| !is_node(i)))
}

#[test]
fn several_texts_are_one_import() {
    let (nodes, rest) = split_state();
    // The rest first: the merged list puts the nodes first all the same.
    let m = merged(&[
        Source {
            name: "rest.json",
            text: &rest,
        },
        Source {
            name: "nodes.json",
            text: &nodes,
        },
    ]);
    assert_eq!((m.nodes, m.objects), (3, 12));
    assert!(m.text.starts_with("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n{\"apiVersion\":\"v1\",\"kind\":\"Node\""));
    assert_eq!(imported_pods(&m.text), imported_pods(STATE));
    // The same texts merge to the same text.
    let again = merged(&[
        Source {
            name: "rest.json",
            text: &rest,
        },
        Source {
            name: "nodes.json",
            text: &nodes,
        },
    ]);
    assert_eq!(m.text, again.text);
}

#[test]
fn an_object_given_twice_is_taken_from_the_later_text() {
    let later =
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker\n  labels:\n    tier: later\n";
    let m = merged(&[
        Source {
            name: "state.yaml",
            text: STATE,
        },
        Source {
            name: "fix.yaml",
            text: later,
        },
    ]);
    assert_eq!(
        m.duplicates,
        [Duplicate {
            kind: "Node".into(),
            namespace: String::new(),
            name: "kind-worker".into(),
            dropped_from: "state.yaml".into(),
            kept_from: "fix.yaml".into(),
        }]
    );
    assert_eq!(
        m.duplicates[0].en(),
        "Node kind-worker is in state.yaml and in fix.yaml: the one in fix.yaml is imported"
    );
    assert_eq!(m.nodes, 3);
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    c.import_state(&m.text).expect("imports");
    let worker = c.node("kind-worker").expect("kept");
    assert_eq!(
        worker.metadata.labels.get("tier").map(String::as_str),
        Some("later")
    );
    // The node keeps its place among the nodes.
    let names: Vec<&str> = c.nodes().map(|n| n.name()).collect();
    assert_eq!(names, ["kind-control-plane", "kind-worker", "kind-worker2"]);

    // Twice in one text, with the namespace left to its default.
    let twice = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: [{name: c, image: i}]\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: default\nspec:\n  containers: [{name: c, image: j}]\n";
    let m = merged(&one("", twice));
    assert_eq!(m.objects, 1);
    assert_eq!(
        m.duplicates[0].en(),
        "Pod default/a is given twice in the text: the later one is imported"
    );
    assert!(m.text.contains("\"image\":\"j\""));
}

#[test]
fn kinds_in_versions_taintlab_does_not_serve_are_skipped_with_the_reason() {
    let text = "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: old\n---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: e\n---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: f\n";
    let m = merged(&one("", text));
    assert_eq!(m.objects, 0);
    let reasons: Vec<(String, String, usize)> = m
        .skipped
        .iter()
        .map(|s| (s.kind.clone(), s.reason_en(), s.count))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "PodDisruptionBudget".to_string(),
                "no matches for kind \"PodDisruptionBudget\" in version \"policy/v1beta1\""
                    .to_string(),
                1
            ),
            ("Endpoints".to_string(), "not simulated".to_string(), 2),
        ]
    );
}

#[test]
fn errors_name_the_text_and_the_line() {
    let broken = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: a\n   labels: {}\n";
    let errors = merge(&[
        Source {
            name: "good.yaml",
            text: STATE,
        },
        Source {
            name: "broken.yaml",
            text: broken,
        },
    ])
    .unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].source, "broken.yaml");
    assert_eq!(errors[0].diagnostic.line, 8);

    let kindless = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: a\n- apiVersion: v1\n  metadata:\n    name: b\n";
    let errors = merge(&one("x.yaml", kindless)).unwrap_err();
    assert_eq!(
        (
            errors[0].diagnostic.line,
            errors[0].diagnostic.path.as_str(),
            errors[0].diagnostic.message.as_str()
        ),
        (8, "items[1].kind", "error validating data: kind not set")
    );

    // Something that is neither a list nor a log block between the lists.
    let cut = DUMP.replacen(
        "==== START logs for container agent",
        "junk\n==== START logs for container agent",
        1,
    );
    let errors = merge(&one("dump.txt", &cut)).unwrap_err();
    let line = cut.lines().position(|l| l == "junk").expect("there") + 1;
    assert_eq!(
        (errors[0].diagnostic.line, errors[0].diagnostic.column),
        (line, 1)
    );
    assert!(
        errors[0].diagnostic.message.contains("cluster-info dump"),
        "{errors:?}"
    );
}

#[test]
fn a_dump_cut_short_is_an_error_where_it_stops_or_ends_in_a_log() {
    // Cut in a log block: the rest is the log's.
    let at = DUMP.rfind("==== START logs").expect("a log") + 40;
    let m = merged(&one("dump.txt", &DUMP[..at]));
    assert_eq!(m.objects, 12);
    // Cut in a list: the parser says where.
    let at = DUMP.find("\"kind\": \"PodList\"").expect("a pod list");
    let errors = merge(&one("dump.txt", &DUMP[..at])).unwrap_err();
    assert_eq!(errors[0].source, "dump.txt");
    assert!(errors[0].diagnostic.line > 1);
}

#[test]
fn a_diagnostic_about_the_merged_text_points_at_the_file() {
    let (nodes, rest) = split_state();
    let bad = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: extra\n  spec:\n    taints:\n    - key: a\n      effect: NoScheduled\n";
    let files = [
        Source {
            name: "nodes.json",
            text: &nodes,
        },
        Source {
            name: "rest.json",
            text: &rest,
        },
        Source {
            name: "extra.yaml",
            text: bad,
        },
    ];
    let m = merged(&files);
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    let errors = c.import_state(&m.text).unwrap_err();
    let located = m.locate(&files, &errors[0]);
    assert_eq!(located.source, "extra.yaml");
    assert_eq!(located.diagnostic.path, "items[0].spec.taints[0].effect");
    assert_eq!(located.diagnostic.line, 11);
    assert!(located.diagnostic.message.contains("NoScheduled"));
}

#[test]
fn importing_the_objects_merged_is_importing_the_text_recorded() {
    let mut m = merged(&one("dump.txt", DUMP));
    let mut from_text = Cluster::empty(KubeVersion::NEWEST);
    let text_report = from_text.import_state(&m.text).expect("imports");
    let mut from_values = Cluster::empty(KubeVersion::NEWEST);
    let values_report = from_values.import_merged(&mut m).expect("imports");
    assert_eq!(text_report, values_report);
    assert_eq!(format!("{from_text:?}"), format!("{from_values:?}"));
    // Taken once; a second import reads the text.
    let mut again = Cluster::empty(KubeVersion::NEWEST);
    assert_eq!(again.import_merged(&mut m), Ok(text_report));
    assert_eq!(format!("{again:?}"), format!("{from_text:?}"));

    // The same diagnostics, pointed at the same place.
    let bad = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: extra\n  spec:\n    taints:\n    - key: a\n      effect: NoScheduled\n";
    let files = [Source {
        name: "extra.yaml",
        text: bad,
    }];
    let mut m = merged(&files);
    let from_text = Cluster::empty(KubeVersion::NEWEST)
        .import_state(&m.text)
        .unwrap_err();
    let from_values = Cluster::empty(KubeVersion::NEWEST)
        .import_merged(&mut m)
        .unwrap_err();
    assert_eq!(
        m.locate(&files, &from_text[0]),
        m.locate(&files, &from_values[0])
    );
    assert_eq!(m.locate(&files, &from_values[0]).diagnostic.line, 11);
}

#[test]
fn texts_and_objects_are_bounded() {
    let half = " ".repeat(MAX_IMPORT_BYTES / 2 + 1);
    let errors = merge(&[
        Source {
            name: "a",
            text: &half,
        },
        Source {
            name: "b",
            text: &half,
        },
    ])
    .unwrap_err();
    assert_eq!(errors[0].diagnostic.message, Limit::ImportBytes.en());
    drop(half);

    let mut many = String::from("{\"kind\":\"List\",\"apiVersion\":\"v1\",\"items\":[");
    for i in 0..=MAX_IMPORT_OBJECTS {
        if i > 0 {
            many.push(',');
        }
        many.push_str(&format!(
            "{{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{{\"name\":\"p{i}\"}}}}"
        ));
    }
    many.push_str("]}");
    let errors = merge(&one("many.json", &many)).unwrap_err();
    assert_eq!(errors[0].diagnostic.message, Limit::ImportObjects.en());
}

#[test]
fn the_json_written_reads_back_as_the_same_value() {
    let text = "a: \"quote \\\" back \\\\ nl \\n tab \\t nel \\x85 del \\x7f bom \\ufeff ls \\u2028 é 中 😀\"\nb: [1, -2, 1.5, 1e300, true, null, ~]\nc: {80: x, true: y, null: z}\nd: .inf\n";
    let value = crate::decode::yaml::parse(text).expect("parses");
    let mut out = String::new();
    json::write(&mut out, &value);
    let back = crate::decode::yaml::parse(&out).expect("reads back");
    assert_eq!(back.get("a"), value.get("a"));
    assert_eq!(back.get("b"), value.get("b"));
    assert_eq!(
        back.get("c")
            .and_then(|c| c.get("80"))
            .and_then(Value::as_str),
        Some("x")
    );
    assert_eq!(back.get("d").and_then(Value::as_str), Some(".inf"));
}

#[test]
fn any_text_is_an_answer_not_a_panic() {
    for (i, _) in DUMP.char_indices().step_by(997) {
        let _ = merge(&one("dump.txt", &DUMP[..i]));
        let _ = merge(&one("dump.txt", &DUMP[i..]));
    }
    for text in [
        "",
        "{",
        "[",
        "}",
        "{\"items\": 3, \"kind\": \"PodList\"}",
        "==== START logs for container ",
        "---\n---\n",
        "\u{feff}{}{}",
    ] {
        let _ = merge(&one("x", text));
    }
}
