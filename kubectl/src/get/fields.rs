//! Field selectors (`--field-selector spec.nodeName=worker,status.phase!=Running`).
//!
//! Models `staging/src/k8s.io/apimachinery/pkg/fields/selector.go: ParseSelector`
//! (terms, `=`/`==`/`!=`, escapes), the API server's field label conversion
//! functions per kind (`pkg/apis/core/v1/conversion.go`,
//! `pkg/apis/apps/v1/conversion.go`, `runtime.DefaultMetaV1FieldSelectorConversion`)
//! and the fields each kind's registry exposes (`GetAttrs`/`ToSelectableFields`).

use crate::objects::Object;
use taintlab_core::Cluster;

/// One term: `field=value` or `field!=value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The field label, e.g. `spec.nodeName`.
    pub field: String,
    /// `=`/`==` (true) or `!=` (false).
    pub equal: bool,
    /// The unescaped value.
    pub value: String,
}

/// Models `fields.splitTerms`: commas split terms unless escaped.
fn split_terms(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut terms = Vec::new();
    let mut start = 0;
    let mut in_slash = false;
    for (i, c) in text.char_indices() {
        if in_slash {
            in_slash = false;
        } else if c == '\\' {
            in_slash = true;
        } else if c == ',' {
            terms.push(&text[start..i]);
            start = i + 1;
        }
    }
    terms.push(&text[start..]);
    terms
}

/// Models `fields.splitTerm`: the first `!=`, `==` or `=` splits the term.
fn split_term(term: &str) -> Option<(&str, &str, &str)> {
    for (i, _) in term.char_indices() {
        let rest = &term[i..];
        for op in ["!=", "==", "="] {
            if let Some(value) = rest.strip_prefix(op) {
                return Some((&term[..i], op, value));
            }
        }
    }
    None
}

/// Models `fields.UnescapeValue`.
fn unescape(value: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut in_slash = false;
    for c in value.chars() {
        if in_slash {
            if matches!(c, '\\' | ',' | '=') {
                out.push(c);
                in_slash = false;
                continue;
            }
            return Err(format!(
                "invalid field selector: invalid escape sequence: \\{c}"
            ));
        }
        match c {
            '\\' => in_slash = true,
            ',' | '=' => {
                return Err(format!(
                    "invalid field selector: unescaped character in value: {c}"
                ));
            }
            _ => out.push(c),
        }
    }
    if in_slash {
        return Err("invalid field selector: invalid escape sequence: \\".to_string());
    }
    Ok(out)
}

/// Models `fields.ParseSelector`: terms sorted as strings, empty ones skipped.
pub fn parse(text: &str) -> Result<Vec<Term>, String> {
    let mut parts = split_terms(text);
    taintlab_core::sort::sort(&mut parts);
    let mut terms = Vec::new();
    for part in parts {
        if part.is_empty() {
            continue;
        }
        let Some((field, op, value)) = split_term(part) else {
            return Err(format!(
                "invalid selector: '{text}'; can't understand '{part}'"
            ));
        };
        terms.push(Term {
            field: field.to_string(),
            equal: op != "!=",
            value: unescape(value)?,
        });
    }
    Ok(terms)
}

/// The field labels a kind's conversion function accepts, and whether it words
/// its refusal as `field label not supported` (a kind-specific function) or as
/// the default `is not a known field selector`.
fn supported(kind: &str) -> (&'static [&'static str], bool) {
    const META: &[&str] = &["metadata.name", "metadata.namespace"];
    match kind {
        "Pod" => (
            &[
                "metadata.name",
                "metadata.namespace",
                "spec.nodeName",
                "spec.restartPolicy",
                "spec.schedulerName",
                "spec.serviceAccountName",
                "spec.hostNetwork",
                "status.phase",
                "status.podIP",
                "status.podIPs",
                "status.nominatedNodeName",
                "spec.host",
            ],
            true,
        ),
        "Node" => (&["metadata.name", "spec.unschedulable"], true),
        "Namespace" => (&["status.phase", "metadata.name"], true),
        "Event" => (
            &[
                "involvedObject.kind",
                "involvedObject.namespace",
                "involvedObject.name",
                "involvedObject.uid",
                "involvedObject.apiVersion",
                "involvedObject.resourceVersion",
                "involvedObject.fieldPath",
                "reason",
                "reportingComponent",
                "source",
                "type",
                "metadata.namespace",
                "metadata.name",
            ],
            true,
        ),
        "ReplicaSet" => (
            &["metadata.name", "metadata.namespace", "status.replicas"],
            true,
        ),
        "Secret" => (&["type", "metadata.namespace", "metadata.name"], true),
        "Job" => (
            &["metadata.name", "metadata.namespace", "status.successful"],
            true,
        ),
        _ => (META, false),
    }
}

/// Models the API server's field label conversion for `kind`: the first
/// unsupported label (in term order) is refused with upstream's words.
pub fn check(kind: &str, terms: &[Term]) -> Result<(), String> {
    let (fields, specific) = supported(kind);
    match terms.iter().find(|t| !fields.contains(&t.field.as_str())) {
        None => Ok(()),
        Some(t) if specific => Err(format!("field label not supported: {}", t.field)),
        Some(t) => Err(format!(
            "{:?} is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
            t.field
        )),
    }
}

/// The value of a supported field label on `object`, as the registry's
/// `ToSelectableFields` gives it.
fn value(cluster: &Cluster, object: &Object<'_>, field: &str) -> String {
    match (object, field) {
        (_, "metadata.name") => object.name().to_string(),
        (_, "metadata.namespace") => object.namespace().to_string(),
        (Object::Pod(p), "spec.nodeName" | "spec.host") => p.spec.node_name.clone(),
        (Object::Pod(_), "spec.restartPolicy") => "Always".to_string(),
        (Object::Pod(p), "spec.schedulerName") => p.spec.scheduler_name().to_string(),
        (Object::Pod(_), "spec.serviceAccountName") => "default".to_string(),
        (Object::Pod(p), "spec.hostNetwork") => p.spec.host_network.to_string(),
        (Object::Pod(p), "status.phase") => p.status.phase.clone(),
        (Object::Pod(p), "status.podIP" | "status.podIPs") => p.status.pod_ip.clone(),
        (Object::Node(n), "spec.unschedulable") => n.spec.unschedulable.to_string(),
        (Object::Namespace(_), "status.phase") => "Active".to_string(),
        (Object::ReplicaSet(r), "status.replicas") => {
            super::printers::replica_set_counts(cluster, r)
                .0
                .to_string()
        }
        (Object::Event(e), _) => match field {
            "involvedObject.kind" => e.event.object.kind.to_string(),
            "involvedObject.namespace" => e.event.object.namespace.clone(),
            "involvedObject.name" => e.event.object.name.clone(),
            "reason" => e.event.reason.to_string(),
            "source" | "reportingComponent" => e.event.source.to_string(),
            "type" => e.event.type_.as_str().to_string(),
            _ => String::new(),
        },
        (Object::Other(o), "type") if o.kind == "Secret" => cluster
            .applied_config("Secret", object.namespace(), object.name())
            .and_then(|r| r.get("type"))
            .and_then(serde_yaml::Value::as_str)
            .unwrap_or("Opaque")
            .to_string(),
        _ => String::new(),
    }
}

/// Whether `object` satisfies every term (`hasTerm` / `notHasTerm`).
pub fn matches(cluster: &Cluster, object: &Object<'_>, terms: &[Term]) -> bool {
    terms
        .iter()
        .all(|t| (value(cluster, object, &t.field) == t.value) == t.equal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::list;
    use crate::resource::resolve;

    #[test]
    fn parses_terms_as_upstream() {
        let term = |f: &str, equal, v: &str| Term {
            field: f.into(),
            equal,
            value: v.into(),
        };
        let cases: [(&str, Result<Vec<Term>, String>); 7] = [
            ("", Ok(vec![])),
            (
                "status.phase!=Running,spec.nodeName=worker",
                Ok(vec![
                    term("spec.nodeName", true, "worker"),
                    term("status.phase", false, "Running"),
                ]),
            ),
            ("a==b", Ok(vec![term("a", true, "b")])),
            ("a=b\\,c", Ok(vec![term("a", true, "b,c")])),
            (
                "a",
                Err("invalid selector: 'a'; can't understand 'a'".to_string()),
            ),
            (
                "a=b=c",
                Err("invalid field selector: unescaped character in value: =".to_string()),
            ),
            (
                "a=b\\x",
                Err("invalid field selector: invalid escape sequence: \\x".to_string()),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text:?}");
        }
    }

    #[test]
    fn conversion_errors_per_kind() {
        let terms = parse("foo=bar").expect("parses");
        assert_eq!(
            check("Pod", &terms),
            Err("field label not supported: foo".to_string())
        );
        assert_eq!(
            check("DaemonSet", &terms),
            Err(
                "\"foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
                    .to_string()
            )
        );
        assert_eq!(
            check("Node", &parse("metadata.namespace=x").expect("parses")),
            Err("field label not supported: metadata.namespace".to_string())
        );
        assert!(
            check(
                "Pod",
                &parse("spec.nodeName=x,status.phase=Running").expect("parses")
            )
            .is_ok()
        );
    }

    #[test]
    fn matches_pod_fields() {
        let mut c = Cluster::tutorial();
        c.apply(taintlab_core::TUTORIAL_DAEMONSET).expect("applies");
        c.advance(5);
        let pods = list(&c, resolve("pods").expect("pods"), Some("default"));
        let count = |text: &str| {
            let terms = parse(text).expect("parses");
            pods.iter().filter(|p| matches(&c, p, &terms)).count()
        };
        assert_eq!(count("spec.nodeName=worker"), 1);
        assert_eq!(count("spec.nodeName=master"), 0);
        assert_eq!(count("status.phase=Running,metadata.namespace=default"), 1);
        assert_eq!(count("status.phase!=Running"), 0);
    }
}
