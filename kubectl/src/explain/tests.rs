//! `kubectl explain` outputs, checked against the plaintext template.

use super::*;
use taintlab_core::Cluster;
use taintlab_core::sorted_map::SortedMap;

fn kubectl(line: &str) -> Output {
    let mut cluster = Cluster::tutorial();
    let files = SortedMap::default();
    let args: Vec<String> = line
        .split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect();
    run(
        Invocation {
            cluster: &mut cluster,
            files: &files,
            stdin: None,
        },
        &args,
    )
}

/// Whole outputs of the plaintext template: header, FIELD with its type and
/// enum, DESCRIPTION wrapped at 76 with line breaks removed, FIELDS with literal
/// tabs and descriptions wrapped at 76 minus the indent.
#[test]
fn outputs_follow_the_plaintext_template() {
    let cases: &[(&str, &str)] = &[
        (
            "pod.spec.tolerations.operator",
            "KIND:       Pod\nVERSION:    v1\n\nFIELD: operator <string>\nENUM:\n    Equal\n    Exists\n    Gt\n    Lt\n\nDESCRIPTION:\n    Operator represents a key's relationship to the value. Valid operators are\n    Exists, Equal, Lt, and Gt. Defaults to Equal. Exists is equivalent to\n    wildcard for value, so that a pod can tolerate all taints of a particular\n    category. Lt and Gt perform numeric comparisons (requires feature gate\n    TaintTolerationComparisonOperators).Possible enum values: - `\"Equal\"` -\n    `\"Exists\"` - `\"Gt\"` - `\"Lt\"`\n\n",
        ),
        (
            "node.spec.unschedulable",
            "KIND:       Node\nVERSION:    v1\n\nFIELD: unschedulable <boolean>\n\n\nDESCRIPTION:\n    Unschedulable controls node schedulability of new pods. By default, node is\n    schedulable. More info:\n    https://kubernetes.io/docs/concepts/nodes/node/#manual-node-administration\n\n",
        ),
        (
            "ds.spec.updateStrategy --recursive",
            "GROUP:      apps\nKIND:       DaemonSet\nVERSION:    v1\n\nFIELD: updateStrategy <DaemonSetUpdateStrategy>\n\n\nDESCRIPTION:\n    An update strategy to replace existing DaemonSet pods with new\n    pods.DaemonSetUpdateStrategy is a struct used to control the update strategy\n    for a DaemonSet.\nFIELDS:\n  rollingUpdate\t<RollingUpdateDaemonSet>\n    maxSurge\t<IntOrString>\n    maxUnavailable\t<IntOrString>\n  type\t<string>\n  enum: OnDelete, RollingUpdate\n\n",
        ),
        (
            "pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.matchExpressions.operator",
            "KIND:       Pod\nVERSION:    v1\n\nFIELD: operator <string>\nENUM:\n    DoesNotExist\n    Exists\n    Gt\n    In\n    Lt\n    NotIn\n\nDESCRIPTION:\n    Represents a key's relationship to a set of values. Valid operators are In,\n    NotIn, Exists, DoesNotExist. Gt, and Lt.Possible enum values: -\n    `\"DoesNotExist\"` - `\"Exists\"` - `\"Gt\"` - `\"In\"` - `\"Lt\"` - `\"NotIn\"`\n\n",
        ),
    ];
    for (line, want) in cases {
        let out = kubectl(&format!("explain {line}"));
        assert_eq!(out.text, *want, "{line}");
        assert_eq!(out.code, 0, "{line}");
    }
}

#[test]
fn field_lists_show_enums_and_required_fields() {
    let out = kubectl("explain node.spec.taints").text;
    assert!(out.contains("FIELD: taints <[]Taint>\n\n\nDESCRIPTION:\n    If specified, the node's taints.The node this Taint is attached to has the\n"));
    assert!(out.contains("\nFIELDS:\n  effect\t<string> -required-\n  enum: NoExecute, NoSchedule, PreferNoSchedule\n    Required. The effect"));
    assert!(out.contains(
        "  timeAdded\t<string>\n    TimeAdded represents the time at which the taint was added.\n\n"
    ));
    let selector = kubectl("explain pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.matchExpressions").text;
    assert!(
        selector.contains(
            "  operator\t<string> -required-\n  enum: DoesNotExist, Exists, Gt, In, ....\n"
        )
    );
    let pods = kubectl("explain pods").text;
    assert!(pods.starts_with("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\nFIELDS:\n  apiVersion\t<string>\n"));
    assert!(pods.ends_with("#spec-and-status\n\n\n"));
    assert_eq!(kubectl("explain deployments.apps.spec.replicas").code, 0);
    assert_eq!(
        kubectl("explain rs.spec.").text,
        kubectl("explain rs.spec").text
    );
}

/// Errors as kubectl prints them: (command line, output).
#[test]
fn errors() {
    let cases: &[(&str, &str)] = &[
        (
            "explain",
            "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n",
        ),
        (
            "explain pods spec",
            "error: We accept only this format: explain RESOURCE\n",
        ),
        (
            "explain foo.spec",
            "error: the server doesn't have a resource type \"foo\"\n",
        ),
        (
            "explain pods.spec.foo",
            "KIND:       Pod\nVERSION:    v1\n\nerror: field \"foo\" does not exist\n",
        ),
        (
            "explain pods.nope.spec",
            "KIND:       Pod\nVERSION:    v1\n\nerror: field \"spec\" does not exist\n",
        ),
        (
            "explain ds.spec.minReadySeconds.x",
            "GROUP:      apps\nKIND:       DaemonSet\nVERSION:    v1\n\nerror: field \"x\" does not exist\n",
        ),
        (
            "explain deploy --api-version=apps/v1beta1",
            "error: couldn't find resource for \"apps/v1beta1, Resource=deployments\"\n",
        ),
        (
            "explain pods --api-version=apps/v1",
            "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema\n",
        ),
        (
            "explain pods --api-version=a/b/c",
            "error: unexpected GroupVersion string: a/b/c\n",
        ),
        ("explain pods -o yaml", "error: unrecognized format: yaml\n"),
        (
            "explain pods --bogus",
            "error: unknown flag: --bogus\nSee 'kubectl explain --help' for usage.\n",
        ),
        (
            "explain services",
            "error: taintlab does not simulate \"kubectl explain services\" yet\n",
        ),
    ];
    for (line, want) in cases {
        let out = kubectl(line);
        assert_eq!(out.text, *want, "{line}");
        assert_eq!(out.code, 1, "{line}");
    }
}

/// Nothing a user types makes explain panic.
#[test]
fn odd_input_never_panics() {
    for line in [
        "explain .",
        "explain ..",
        "explain pods..spec",
        "explain .pods",
        "explain pods.spec.",
        "explain pod.spec.tolerations.key.x.y",
        "explain pods --recursive --api-version=v1",
        "explain ds.spec.template.spec.containers.name",
        "explain no.status.x",
        "explain -o",
        "explain a.b.c.d.e.f",
        "explain deployments.v1.apps.spec",
        "explain x --api-version=",
    ] {
        let _ = kubectl(line);
    }
}
