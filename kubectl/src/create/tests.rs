//! `kubectl create deployment|namespace` with hostile flag values: each one is
//! refused with upstream's message, or lands in its one field of an object that
//! has exactly the fields expected, and a refusal leaves the cluster as it was.

use super::*;
use crate::csv::read_as_csv;
use crate::generated::tests::{HOSTILE, paths};
use crate::run::tests::state;
use serde_yaml::Value;
use taintlab_core::Cluster;
use taintlab_core::api::field_value::go_quote;
use taintlab_core::api::identifiers::{is_dns1123_label, is_dns1123_subdomain};
use taintlab_core::api::{Container, Deployment};
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

/// Runs `kubectl create deployment ...`; on success the one new deployment,
/// on failure the message, with the cluster unchanged.
fn create_deployment(list: &[&str]) -> Result<Deployment, String> {
    let mut cluster = Cluster::tutorial();
    let before = state(&cluster);
    let mut all = words(&["create", "deployment"]);
    all.extend(words(list));
    let out = kubectl(&mut cluster, &all);
    if out.code != 0 {
        assert_eq!(
            state(&cluster),
            before,
            "{list:?}: a refusal changed the cluster"
        );
        return Err(out.text);
    }
    let made: Vec<&Deployment> = cluster.deployments().collect();
    assert_eq!(made.len(), 1, "{list:?}: {}", out.text);
    let deployment = made[0].clone();
    assert_eq!(
        out.text,
        format!("deployment.apps/{} created\n", deployment.metadata.name)
    );
    assert!(!deployment.spec.template.spec.host_network, "{list:?}");
    Ok(deployment)
}

fn containers(images: &[String]) -> Vec<Container> {
    images
        .iter()
        .map(|image| Container {
            name: generated::container_name(image),
            image: image.clone(),
            ..Container::default()
        })
        .collect()
}

#[test]
fn an_image_value_is_read_as_csv_and_lands_in_its_own_containers() {
    for value in HOSTILE {
        let result = create_deployment(&["web", &format!("--image={value}")]);
        let images = match read_as_csv(value) {
            Ok(images) => images,
            Err(cause) => {
                // pflag's error, as a usage error.
                assert_eq!(
                    result.err(),
                    Some(format!(
                        "error: invalid argument {} for \"--image\" flag: {cause}\nSee 'kubectl create deployment --help' for usage.\n",
                        go_quote(value)
                    )),
                    "{value:?}"
                );
                continue;
            }
        };
        match result {
            Ok(deployment) => {
                assert_eq!(
                    deployment.spec.template.spec.containers,
                    containers(&images)
                );
                assert_eq!(deployment.metadata.namespace, "default");
                assert_eq!(deployment.spec.replicas, Some(1));
            }
            Err(text) => {
                // The API server refuses what the generator made: no image, or a
                // container name that is not a DNS label, or two of one name.
                let names: Vec<String> = images
                    .iter()
                    .map(|i| generated::container_name(i))
                    .collect();
                let refusable = images.is_empty()
                    || images.iter().any(String::is_empty)
                    || names.iter().any(|n| is_dns1123_label(n).is_err())
                    || names
                        .iter()
                        .enumerate()
                        .any(|(i, n)| names[..i].contains(n));
                assert!(refusable, "{value:?}: {text}");
                assert!(
                    text.starts_with(
                        "error: failed to create deployment: Deployment.apps \"web\" is invalid: "
                    ),
                    "{value:?}: {text}"
                );
            }
        }
    }
}

#[test]
fn the_injections_from_the_issue_are_harmless() {
    // pflag reads the first line only: the rest never reaches the object.
    let made = create_deployment(&["web", "--image=nginx\n      hostNetwork: true"]);
    assert_eq!(
        made.map(|d| d.spec.template.spec.containers),
        Ok(containers(&["nginx".to_string()]))
    );
    // Quoted, the newline stays in the image, and the container named after it
    // (up to the `:` of a tag) is refused by the API server.
    assert_eq!(
        create_deployment(&["web", "--image=\"x\n  hostNetwork: true\""]),
        Err("error: failed to create deployment: Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].name: Invalid value: \"x\\n  hostNetwork\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n".to_string())
    );
    assert_eq!(
        create_deployment(&[
            "web",
            "--image=nginx,redis:5",
            "--image=a/b@sha256:0123456789abcdef0123456789abcdef"
        ])
        .map(|d| d.spec.template.spec.containers),
        Ok(containers(&[
            "nginx".to_string(),
            "redis:5".to_string(),
            "a/b@sha256:0123456789abcdef0123456789abcdef".to_string()
        ]))
    );
    assert_eq!(
        create_deployment(&["web", "--image=nginx:1,nginx:2"]),
        Err("error: failed to create deployment: Deployment.apps \"web\" is invalid: spec.template.spec.containers[1].name: Duplicate value: \"nginx\"\n".to_string())
    );
    assert_eq!(
        create_deployment(&["web", "--image="]),
        Err("error: failed to create deployment: Deployment.apps \"web\" is invalid: spec.template.spec.containers: Required value\n".to_string())
    );
}

#[test]
fn a_hostile_name_or_namespace_is_refused_by_the_api_server() {
    for value in HOSTILE {
        match create_deployment(&[value, "--image=nginx"]) {
            Ok(made) => {
                assert!(is_dns1123_subdomain(value).is_ok(), "{value:?}");
                assert_eq!(made.metadata.name, *value);
                assert_eq!(
                    made.metadata.labels,
                    [("app".to_string(), value.to_string())].into()
                );
                assert_eq!(made.spec.template.metadata.labels, made.metadata.labels);
            }
            Err(text) => assert!(
                text.starts_with("error: failed to create deployment: Deployment.apps ")
                    || text.starts_with("error: exactly one NAME is required")
                    || text.starts_with("error: unknown shorthand flag")
                    || text.starts_with("error: bad flag syntax"),
                "{value:?}: {text}"
            ),
        }
        let namespace = create_deployment(&["web", "--image=nginx", "-n", value]);
        match namespace {
            Ok(made) => {
                assert!(value.is_empty(), "{value:?}");
                assert_eq!(made.metadata.namespace, "default");
            }
            Err(text) => assert_eq!(
                text,
                format!(
                    "error: failed to create deployment: namespaces {} not found\n",
                    go_quote(value)
                )
            ),
        }
    }
}

#[test]
fn a_hostile_value_stays_in_its_own_field_of_the_printed_object() {
    let print = |list: &[&str]| {
        let mut all = words(&["create", "deployment"]);
        all.extend(words(list));
        all.extend(words(&["--dry-run=client", "-o", "yaml"]));
        let out = kubectl(&mut Cluster::tutorial(), &all);
        assert_eq!(out.code, 0, "{list:?}: {}", out.text);
        serde_yaml::from_str::<Value>(&out.text).unwrap_or(Value::Null)
    };
    let benign = paths(&print(&["web", "--image=nginx", "-n", "lab"]));
    // A word that starts with `-` is a flag, never a name.
    for value in HOSTILE.iter().filter(|v| !v.starts_with('-')) {
        // A client dry run sends nothing: even names the server would refuse
        // are printed, as kubectl prints them, each in its own field.
        let object = print(&[value, "--image=\"x\n  hostNetwork: true\"", "-n", value]);
        assert_eq!(paths(&object), benign, "{value:?}");
        assert_eq!(object["metadata"]["name"].as_str(), Some(*value));
        assert_eq!(object["metadata"]["namespace"].as_str(), Some(*value));
        assert_eq!(
            object["spec"]["selector"]["matchLabels"]["app"].as_str(),
            Some(*value)
        );
        assert_eq!(
            object["spec"]["template"]["spec"]["containers"][0]["image"].as_str(),
            Some("x\n  hostNetwork: true")
        );
    }
}

#[test]
fn a_namespace_name_is_a_dns_label() {
    let mut cluster = Cluster::tutorial();
    for value in HOSTILE {
        let before = state(&cluster);
        let out = kubectl(&mut cluster, &words(&["create", "namespace", value]));
        if out.code == 0 {
            assert!(is_dns1123_label(value).is_ok(), "{value:?}");
            assert_eq!(out.text, format!("namespace/{value} created\n"));
            assert!(cluster.namespaces().iter().any(|n| n == value));
        } else {
            assert_eq!(state(&cluster), before, "{value:?}");
        }
    }
    let out = kubectl(&mut cluster, &words(&["create", "namespace", "a.b"]));
    assert_eq!(
        out.text,
        "The Namespace \"a.b\" is invalid: metadata.name: Invalid value: \"a.b\": must not contain dots\n"
    );
}

#[test]
fn the_type_word_is_taken_once() {
    // A deployment named `deployment`, with flags before the type word.
    let mut cluster = Cluster::tutorial();
    let out = kubectl(
        &mut cluster,
        &words(&[
            "create",
            "-n",
            "default",
            "deployment",
            "deployment",
            "--image",
            "deployment",
        ]),
    );
    assert_eq!(out.text, "deployment.apps/deployment created\n");
    assert_eq!(
        first_positional(&words(&[
            "-n",
            "deploy",
            "-oyaml",
            "--dry-run",
            "client",
            "deploy"
        ])),
        Some(5)
    );
    assert_eq!(first_positional(&words(&["-r", "2", "--", "-x"])), Some(3));
    assert_eq!(first_positional(&words(&["--image=x"])), None);
}
