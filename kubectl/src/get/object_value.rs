//! Each object as the API server's JSON, for `--sort-by`: the full document from
//! `encode::object` when it has one, otherwise the fields taintlab models, laid
//! out (and omitted when empty) as the API types' JSON would be.

use super::printers::replica_set_counts;
use crate::encode;
use crate::objects::Object;
use crate::resource::ResourceType;
use serde_yaml::{Mapping, Value};
use taintlab_core::Cluster;
use taintlab_core::api::{ContainerState, ObjectMeta, Pod};

/// A mapping from `(key, value)` pairs, leaving out `Null` values (`omitempty`).
fn map(pairs: Vec<(&str, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        if !v.is_null() {
            m.insert(Value::String(k.to_string()), v);
        }
    }
    Value::Mapping(m)
}

/// A string, or `Null` (omitted) when empty.
fn s(text: &str) -> Value {
    if text.is_empty() {
        Value::Null
    } else {
        Value::String(text.to_string())
    }
}

fn n(number: i64) -> Value {
    Value::Number(number.into())
}

fn string_map(m: &std::collections::BTreeMap<String, String>) -> Value {
    if m.is_empty() {
        return Value::Null;
    }
    Value::Mapping(
        m.iter()
            .map(|(k, v)| (Value::String(k.clone()), Value::String(v.clone())))
            .collect(),
    )
}

fn metadata(meta: &ObjectMeta, namespace: &str) -> Value {
    map(vec![
        ("name", s(&meta.name)),
        ("namespace", s(namespace)),
        ("uid", s(&meta.uid)),
        ("resourceVersion", s(&meta.resource_version.to_string())),
        ("creationTimestamp", s(&meta.created.rfc3339())),
        ("labels", string_map(&meta.labels)),
        ("annotations", string_map(&meta.annotations)),
    ])
}

fn pod_status(pod: &Pod) -> Value {
    let statuses: Vec<Value> = pod
        .status
        .container_statuses
        .iter()
        .map(|c| {
            map(vec![
                ("name", s(&c.name)),
                ("image", s(&c.image)),
                ("ready", Value::Bool(c.ready)),
                ("restartCount", n(i64::from(c.restart_count))),
                (
                    "started",
                    Value::Bool(matches!(c.state, ContainerState::Running(_))),
                ),
            ])
        })
        .collect();
    map(vec![
        ("phase", s(&pod.status.phase)),
        ("reason", s(&pod.status.reason)),
        ("hostIP", s(&pod.status.host_ip)),
        ("podIP", s(&pod.status.pod_ip)),
        (
            "startTime",
            pod.status
                .start_time
                .map_or(Value::Null, |t| s(&t.rfc3339())),
        ),
        (
            "containerStatuses",
            if statuses.is_empty() {
                Value::Null
            } else {
                Value::Sequence(statuses)
            },
        ),
    ])
}

fn containers(list: &[taintlab_core::api::Container]) -> Value {
    Value::Sequence(
        list.iter()
            .map(|c| map(vec![("name", s(&c.name)), ("image", s(&c.image))]))
            .collect(),
    )
}

/// The fields taintlab models, as JSON.
fn modelled(cluster: &Cluster, object: &Object<'_>) -> Value {
    let ns = object.namespace();
    match object {
        Object::Pod(p) => map(vec![
            ("metadata", metadata(&p.metadata, ns)),
            (
                "spec",
                map(vec![
                    ("nodeName", s(&p.spec.node_name)),
                    ("containers", containers(&p.spec.containers)),
                    ("priority", n(i64::from(p.spec.priority))),
                ]),
            ),
            ("status", pod_status(p)),
        ]),
        Object::Node(node) => {
            let info = taintlab_core::status::node_status(cluster, &node.metadata.name);
            map(vec![
                ("metadata", metadata(&node.metadata, "")),
                (
                    "spec",
                    map(vec![(
                        "unschedulable",
                        if node.spec.unschedulable {
                            Value::Bool(true)
                        } else {
                            Value::Null
                        },
                    )]),
                ),
                (
                    "status",
                    map(vec![(
                        "nodeInfo",
                        map(vec![(
                            "kubeletVersion",
                            s(&info.map(|i| i.kubelet_version).unwrap_or_default()),
                        )]),
                    )]),
                ),
            ])
        }
        Object::DaemonSet(d) => {
            let st = taintlab_core::status::daemon_set_status(cluster, d);
            let count = |v: usize| n(v as i64);
            map(vec![
                ("metadata", metadata(&d.metadata, ns)),
                (
                    "status",
                    map(vec![
                        ("currentNumberScheduled", count(st.current_number_scheduled)),
                        ("desiredNumberScheduled", count(st.desired_number_scheduled)),
                        ("numberAvailable", count(st.number_available)),
                        ("numberMisscheduled", count(st.number_misscheduled)),
                        ("numberReady", count(st.number_ready)),
                        ("updatedNumberScheduled", count(st.updated_number_scheduled)),
                    ]),
                ),
            ])
        }
        Object::Deployment(d) => {
            let st = taintlab_core::status::deployment_status(cluster, d);
            map(vec![
                ("metadata", metadata(&d.metadata, ns)),
                ("spec", map(vec![("replicas", n(d.replicas()))])),
                (
                    "status",
                    map(vec![
                        ("availableReplicas", n(st.available_replicas as i64)),
                        ("readyReplicas", n(st.ready_replicas as i64)),
                        ("replicas", n(st.replicas as i64)),
                        ("updatedReplicas", n(st.updated_replicas as i64)),
                    ]),
                ),
            ])
        }
        Object::ReplicaSet(r) => {
            let (current, ready) = replica_set_counts(cluster, r);
            map(vec![
                ("metadata", metadata(&r.metadata, ns)),
                ("spec", map(vec![("replicas", n(r.replicas()))])),
                (
                    "status",
                    map(vec![
                        ("readyReplicas", n(ready as i64)),
                        ("replicas", n(current as i64)),
                    ]),
                ),
            ])
        }
        Object::Namespace(name) => {
            let meta = ObjectMeta {
                name: name.to_string(),
                labels: object.labels(),
                ..Default::default()
            };
            map(vec![
                ("metadata", metadata(&meta, "")),
                ("status", map(vec![("phase", s("Active"))])),
            ])
        }
        Object::Event(e) => {
            let ev = e.event;
            let meta = ObjectMeta {
                name: e.name.clone(),
                created: ev.first_timestamp,
                ..Default::default()
            };
            map(vec![
                ("metadata", metadata(&meta, ns)),
                (
                    "involvedObject",
                    map(vec![
                        ("kind", s(ev.object.kind)),
                        ("name", s(&ev.object.name)),
                        ("namespace", s(&ev.object.namespace)),
                    ]),
                ),
                ("reason", s(ev.reason)),
                ("message", s(&ev.message)),
                ("source", map(vec![("component", s(ev.source))])),
                ("firstTimestamp", s(&ev.first_timestamp.rfc3339())),
                ("lastTimestamp", s(&ev.last_timestamp.rfc3339())),
                ("count", n(i64::from(ev.count))),
                ("type", s(ev.type_.as_str())),
            ])
        }
        // `encode::object` always finds these: only their metadata is kept here.
        Object::PriorityClass(pc) => map(vec![("metadata", metadata(&pc.metadata, ""))]),
        Object::PodDisruptionBudget(pdb) => map(vec![("metadata", metadata(&pdb.metadata, ns))]),
        Object::Other(o) => {
            let mut value = cluster
                .applied_config(&o.kind, ns, &o.metadata.name)
                .cloned()
                .unwrap_or_else(|| Value::Mapping(Mapping::new()));
            if let Value::Mapping(m) = &mut value {
                m.insert(
                    Value::String("metadata".to_string()),
                    metadata(&o.metadata, ns),
                );
            }
            value
        }
    }
}

/// The object as JSON: `encode::object`'s document when there is one.
pub fn object_value(cluster: &Cluster, resource: &ResourceType, object: &Object<'_>) -> Value {
    if !matches!(object, Object::Event(_))
        && let Some(v) = encode::object(cluster, resource, object.namespace(), object.name())
    {
        return v;
    }
    modelled(cluster, object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::list;
    use crate::resource::resolve;

    #[test]
    fn pods_carry_the_fields_people_sort_by() {
        let mut c = Cluster::tutorial();
        c.apply(taintlab_core::TUTORIAL_DAEMONSET).expect("applies");
        c.advance(5);
        let pods = resolve("pods").expect("pods");
        let objects = list(&c, pods, None);
        let v = object_value(&c, pods, &objects[0]);
        assert_eq!(v["spec"]["nodeName"].as_str(), Some("worker"), "{v:?}");
        assert_eq!(v["status"]["phase"].as_str(), Some("Running"));
        assert_eq!(
            v["metadata"]["creationTimestamp"].as_str(),
            Some("2026-01-01T00:00:00Z")
        );
        assert_eq!(
            v["status"]["containerStatuses"][0]["restartCount"].as_i64(),
            Some(0)
        );
    }
}
