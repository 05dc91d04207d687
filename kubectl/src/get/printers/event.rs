//! Models `printers.go: printEvent` (and `formatEventSource`).

use super::{Column, col, wide};
use crate::age::age;
use crate::objects::EventObject;
use taintlab_core::Cluster;

/// `eventColumnDefinitions`: NAME is the last column, and wide-only.
pub const COLUMNS: &[Column] = &[
    col("Last Seen"),
    col("Type"),
    col("Reason"),
    col("Object"),
    wide("Subobject"),
    wide("Source"),
    col("Message"),
    wide("First Seen"),
    wide("Count"),
    Column {
        name: "Name",
        wide: true,
        is_name: true,
    },
];

/// Models `formatEventSource`: `component, host`; the kubelet reports from the
/// node it runs on.
fn source(cluster: &Cluster, e: &EventObject<'_>) -> String {
    let component = e.event.source;
    if component.is_empty() {
        return "<unknown>".to_string();
    }
    let host = match (component, e.event.object.kind) {
        ("kubelet", "Node") => Some(e.event.object.name.clone()),
        ("kubelet", "Pod") => cluster
            .pod(&e.namespace, &e.event.object.name)
            .map(|p| p.spec.node_name.clone())
            .filter(|n| !n.is_empty()),
        _ => None,
    };
    match host {
        Some(host) => format!("{component}, {host}"),
        None => component.to_string(),
    }
}

/// LAST SEEN and FIRST SEEN are ages; OBJECT is `kind/name` with the kind in
/// lower case; MESSAGE is trimmed.
pub fn cells(cluster: &Cluster, e: &EventObject<'_>) -> Vec<String> {
    let now = cluster.now();
    let event = e.event;
    let target = if event.object.name.is_empty() {
        event.object.kind.to_lowercase()
    } else {
        format!("{}/{}", event.object.kind.to_lowercase(), event.object.name)
    };
    vec![
        age(now, Some(event.last_timestamp)),
        event.type_.as_str().to_string(),
        event.reason.to_string(),
        target,
        String::new(),
        source(cluster, e),
        event.message.trim().to_string(),
        age(now, Some(event.first_timestamp)),
        event.count.max(1).to_string(),
        e.name.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::{Object, list};
    use crate::resource::resolve;

    #[test]
    fn event_cells() {
        let mut c = Cluster::tutorial();
        c.advance(90);
        let events = list(&c, resolve("ev").expect("events"), Some("default"));
        let Some(Object::Event(first)) = events.first() else {
            panic!("an event");
        };
        let row = cells(&c, first);
        assert_eq!(
            row[..9],
            [
                "90s",
                "Normal",
                "Starting",
                "node/master",
                "",
                "kubelet, master",
                "Starting kubelet.",
                "90s",
                "1"
            ]
        );
        assert_eq!(row[9], first.name);
    }
}
