//! `kubectl run` with hostile flag values: each one is refused with upstream's
//! message, or lands in its one field of a pod that has exactly the fields
//! expected, and a refusal leaves the cluster as it was.

use super::*;
use crate::generated::tests::{HOSTILE, paths};
use serde_yaml::Value;
use taintlab_core::Cluster;
use taintlab_core::api::{Container, ContainerPort};
use taintlab_core::sorted_map::SortedMap;

fn kubectl(cluster: &mut Cluster, words: &[String]) -> Output {
    let files = SortedMap::default();
    super::super::run(
        Invocation {
            cluster,
            files: &files,
            stdin: None,
        },
        words,
    )
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

/// What a refused command must leave as it was: every pod, workload and namespace.
pub(crate) fn state(cluster: &Cluster) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        cluster.pods().collect::<Vec<_>>(),
        cluster.deployments().collect::<Vec<_>>(),
        cluster.replica_sets().collect::<Vec<_>>(),
        cluster.namespaces(),
    )
}

/// Runs `words`; on success exactly one pod more exists, named `name` in
/// `default`, and `check` looks at it; on failure nothing changed and the
/// message is returned.
fn run_checked(
    words: Vec<String>,
    name: &str,
    check: impl Fn(&taintlab_core::api::Pod),
) -> Result<(), String> {
    let mut cluster = Cluster::tutorial();
    let before = state(&cluster);
    let pods = cluster.pods().count();
    let out = kubectl(&mut cluster, &words);
    if out.code != 0 {
        assert_eq!(
            state(&cluster),
            before,
            "{words:?}: a refusal changed the cluster"
        );
        return Err(out.text);
    }
    assert_eq!(out.text, format!("pod/{name} created\n"), "{words:?}");
    assert_eq!(cluster.pods().count(), pods + 1, "{words:?}");
    let pod = cluster.pod("default", name);
    assert!(pod.is_some(), "{words:?}: no pod {name:?} in default");
    if let Some(pod) = pod {
        assert!(!pod.spec.host_network, "{words:?}");
        check(pod);
    }
    Ok(())
}

fn container(name: &str, image: &str) -> Container {
    Container {
        name: name.to_string(),
        image: image.to_string(),
        ..Container::default()
    }
}

#[test]
fn an_image_is_a_reference_or_refused_with_upstreams_message() {
    for image in HOSTILE {
        let result = run_checked(
            words(&["run", "web", &format!("--image={image}")]),
            "web",
            |pod| {
                assert_eq!(pod.spec.containers, [container("web", image)]);
                assert_eq!(
                    pod.metadata.labels,
                    [("run".to_string(), "web".to_string())].into()
                );
            },
        );
        match result {
            Ok(()) => assert!(image_ref::is_reference(image), "{image:?} was accepted"),
            Err(text) if image.is_empty() => assert_eq!(text, "error: --image is required\n"),
            Err(text) => assert_eq!(
                text,
                format!(
                    "error: Invalid image name {}: invalid reference format\n",
                    go_quote(image)
                ),
            ),
        }
    }
}

#[test]
fn the_injection_from_the_issue_is_refused() {
    let mut cluster = Cluster::tutorial();
    let out = kubectl(
        &mut cluster,
        &words(&[
            "run",
            "p",
            "--image=nginx\n    securityContext: {privileged: true}",
        ]),
    );
    assert_eq!(
        out.text,
        "error: Invalid image name \"nginx\\n    securityContext: {privileged: true}\": invalid reference format\n"
    );
    assert!(cluster.pod("default", "p").is_none());
}

#[test]
fn a_label_value_is_data_for_the_api_server_to_judge() {
    for value in HOSTILE {
        let result = run_checked(
            words(&[
                "run",
                "web",
                "--image=nginx",
                &format!("--labels=app={value}"),
            ]),
            "web",
            |pod| {
                assert_eq!(
                    pod.metadata.labels,
                    [("app".to_string(), value.to_string())].into()
                );
                assert_eq!(pod.spec.containers, [container("web", "nginx")]);
            },
        );
        let valid = taintlab_core::api::identifiers::is_valid_label_value(value).is_ok();
        match result {
            Ok(()) => assert!(valid, "{value:?} was accepted"),
            Err(text) if value.contains(['=', ',']) => {
                assert!(text.starts_with("error: unexpected label spec: "), "{text}");
            }
            Err(text) => {
                assert!(!valid, "{value:?}: {text}");
                assert!(
                    text.starts_with(&format!(
                        "The Pod \"web\" is invalid: metadata.labels: Invalid value: {}: ",
                        go_quote(value)
                    )),
                    "{value:?}: {text}"
                );
            }
        }
    }
    for (labels, message) in [
        ("a", "error: unexpected label spec: a\n"),
        ("a=b=c", "error: unexpected label spec: a=b=c\n"),
        ("=b", "error: unexpected empty label key\n"),
    ] {
        let result = run_checked(
            words(&["run", "web", "--image=nginx", &format!("--labels={labels}")]),
            "web",
            |_| {},
        );
        assert_eq!(result, Err(message.to_string()));
    }
}

#[test]
fn a_hostile_label_key_or_name_or_namespace_is_refused_by_the_api_server() {
    for value in HOSTILE {
        let key = run_checked(
            words(&[
                "run",
                "web",
                "--image=nginx",
                &format!("--labels={value}=x"),
            ]),
            "web",
            |pod| {
                assert_eq!(
                    pod.metadata.labels,
                    [(value.to_string(), "x".to_string())].into()
                )
            },
        );
        assert_eq!(
            key.is_ok(),
            taintlab_core::api::identifiers::is_qualified_name(value).is_ok()
                && !value.contains([',', '=']),
            "{value:?}: {key:?}"
        );
        let name = run_checked(words(&["run", value, "--image=nginx"]), value, |pod| {
            assert_eq!(pod.spec.containers, [container(value, "nginx")]);
            assert_eq!(
                pod.metadata.labels,
                [("run".to_string(), value.to_string())].into()
            );
        });
        assert_eq!(
            name.is_ok(),
            taintlab_core::api::identifiers::is_dns1123_label(value).is_ok(),
            "{value:?}: {name:?}"
        );
        if let Err(text) = name {
            assert!(
                text.starts_with("The Pod ")
                    || text.starts_with("error: unknown shorthand flag")
                    || text.starts_with("error: bad flag syntax"),
                "{value:?}: {text}"
            );
        }
        let namespace = run_checked(
            words(&["run", "web", "--image=nginx", "-n", value]),
            "web",
            |_| {},
        );
        // Only the empty namespace, which means `default`, exists.
        assert_eq!(
            namespace.is_ok(),
            value.is_empty(),
            "{value:?}: {namespace:?}"
        );
        if let Err(text) = namespace {
            assert_eq!(
                text,
                format!(
                    "Error from server (NotFound): namespaces {} not found\n",
                    go_quote(value)
                )
            );
        }
    }
}

/// `kubectl run web --image=nginx ARGS --dry-run=client -o yaml`, read back.
fn dry_run(extra: &[&str]) -> Value {
    let mut list = words(&[
        "run",
        "web",
        "--image=nginx",
        "--dry-run=client",
        "-o",
        "yaml",
    ]);
    list.extend(words(extra));
    let out = kubectl(&mut Cluster::tutorial(), &list);
    assert_eq!(out.code, 0, "{extra:?}: {}", out.text);
    serde_yaml::from_str(&out.text).unwrap_or(Value::Null)
}

#[test]
fn environment_values_and_arguments_are_data() {
    let benign = paths(&dry_run(&["--env=E=x", "--", "sleep"]));
    for value in HOSTILE {
        let object = dry_run(&[&format!("--env=E={value}"), "--", value]);
        let container = &object["spec"]["containers"][0];
        if value.is_empty() {
            // `EnvVar.Value` is `omitempty`.
            assert!(container["env"][0].get("value").is_none());
        } else {
            assert_eq!(paths(&object), benign, "{value:?}");
            assert_eq!(container["env"][0]["value"].as_str(), Some(*value));
        }
        assert_eq!(container["args"][0].as_str(), Some(*value));
        assert_eq!(container["image"].as_str(), Some("nginx"));
        assert!(object["spec"].get("hostNetwork").is_none());
    }
    let command = dry_run(&["--command", "--", "sleep", "1"]);
    assert_eq!(
        command["spec"]["containers"][0]["command"],
        serde_yaml::from_str::<Value>("[sleep, \"1\"]").unwrap_or(Value::Null)
    );
    // Upstream's `parseEnvs` refuses a name that is not an environment variable's.
    for value in HOSTILE {
        let env = format!("{value}=x");
        let result = run_checked(
            words(&["run", "web", "--image=nginx", &format!("--env={env}")]),
            "web",
            |_| {},
        );
        let name = value.split('=').next().unwrap_or_default();
        match taintlab_core::api::identifiers::is_env_var_name(name) {
            Ok(()) => assert!(result.is_ok(), "{value:?}: {result:?}"),
            Err(_) => assert_eq!(result, Err(format!("error: invalid env: {env}\n"))),
        }
    }
}

#[test]
fn flags_are_checked_as_upstream_checks_them() {
    let run = |list: &[&str]| run_checked(words(list), "web", |_| {});
    assert_eq!(
        run(&["run"]),
        Err("error: required flag(s) \"image\" not set\n".into())
    );
    assert_eq!(
        run(&["run", "--image=nginx"]),
        Err("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n".into())
    );
    assert_eq!(
        run(&["run", "web", "--image=nginx", "--restart=always"]),
        Err(
            "error: invalid restart policy: always\nSee 'kubectl run -h' for help and examples\n"
                .into()
        )
    );
    assert_eq!(
        run(&["run", "web", "--image=nginx", "--dry-run=yes"]),
        Err(
            "error: Invalid dry-run value (yes). Must be \"none\", \"server\", or \"client\".\n"
                .into()
        )
    );
    // A pod name with dots is a subdomain, but its container's name must be a label.
    assert_eq!(
        run(&["run", "a.b", "--image=nginx"]),
        Err("The Pod \"a.b\" is invalid: spec.containers[0].name: Invalid value: \"a.b\": must not contain dots\n".into())
    );
    assert_eq!(
        run_checked(
            words(&["run", "web", "--image=nginx", "--port=80", "--restart="]),
            "web",
            |pod| {
                assert_eq!(
                    pod.spec.containers[0].ports,
                    [ContainerPort {
                        container_port: 80,
                        ..ContainerPort::default()
                    }]
                );
            }
        ),
        Ok(())
    );
}
