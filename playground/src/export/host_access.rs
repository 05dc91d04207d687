//! Which exported pods can reach the machine that runs kind.
//!
//! kind nodes are privileged containers on the user's machine, so a pod that is
//! privileged, adds capabilities, mounts a `hostPath` or shares the node's
//! network, PID or IPC namespace reaches through its node to that machine. The
//! script names such pods and asks before it runs them.
//!
//! The check errs on the side of asking: it looks for the fields anywhere in an
//! object (a Job's or a CronJob's template as much as a Pod's), compares field
//! names without regard to case, counts any value but `false`, `null` or an empty
//! one as set (YAML 1.1 readers take `yes` for true), and a static pod file that
//! does not read as YAML is listed as one to check by hand.

use serde_yaml::Value;

/// The fields that open a way to the machine, and how the warning names them.
const FIELDS: [(&str, &str); 5] = [
    ("privileged", "privileged"),
    ("hostPath", "hostPath volume"),
    ("hostNetwork", "hostNetwork"),
    ("hostPID", "hostPID"),
    ("hostIPC", "hostIPC"),
];

/// How the warning names added capabilities (`capabilities.add`).
const CAPABILITIES: &str = "added capabilities";

/// How the warning names a static pod file that is not YAML taintlab can read.
pub(super) const UNREADABLE: &str = "not readable as YAML: check it by hand";

/// Whether `v` sets something: anything but `null`, `false` or an empty value.
fn set(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.is_empty() && !s.eq_ignore_ascii_case("false"),
        Value::Sequence(s) => !s.is_empty(),
        Value::Mapping(m) => !m.is_empty(),
        Value::Tagged(t) => set(&t.value),
        Value::Bool(true) | Value::Number(_) => true,
    }
}

fn add(found: &mut Vec<&'static str>, what: &'static str) {
    if !found.contains(&what) {
        found.push(what);
    }
}

/// Adds to `found` what `value` (an object, or any part of one) asks for.
pub(super) fn scan(value: &Value, found: &mut Vec<&'static str>) {
    match value {
        Value::Mapping(m) => {
            for (k, v) in m {
                let Some(key) = k.as_str() else {
                    scan(v, found);
                    continue;
                };
                if let Some((_, name)) = FIELDS.iter().find(|(f, _)| f.eq_ignore_ascii_case(key))
                    && set(v)
                {
                    add(found, name);
                }
                if key.eq_ignore_ascii_case("capabilities")
                    && let Some(caps) = v.as_mapping()
                    && caps.iter().any(|(k, v)| {
                        k.as_str().is_some_and(|k| k.eq_ignore_ascii_case("add")) && set(v)
                    })
                {
                    add(found, CAPABILITIES);
                }
                scan(v, found);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                scan(item, found);
            }
        }
        Value::Tagged(t) => scan(&t.value, found),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// What a static pod file asks for; every document of it counts.
pub(super) fn scan_text(text: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for (_, document) in taintlab_core::decode::documents(text) {
        match serde_yaml::from_str::<Value>(document) {
            Ok(value) => scan(&value, &mut found),
            Err(_) => {
                found.push(UNREADABLE);
                break;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_to_the_host_is_named_once() {
        let pod = "kind: Pod\nspec:\n  hostNetwork: true\n  HostPID: yes\n  hostIPC: false\n  volumes:\n  - name: root\n    hostPath: {path: /}\n  containers:\n  - name: a\n    securityContext:\n      privileged: true\n      capabilities: {add: [SYS_ADMIN]}\n  - name: b\n    securityContext:\n      privileged: true\n      capabilities: {drop: [ALL]}\n";
        assert_eq!(
            scan_text(pod),
            [
                "hostNetwork",
                "hostPID",
                "hostPath volume",
                "privileged",
                "added capabilities"
            ]
        );
        let plain = "kind: Pod\nspec:\n  hostNetwork: false\n  containers:\n  - name: a\n    securityContext: {privileged: null, capabilities: {add: []}}\n";
        assert!(scan_text(plain).is_empty());
        assert!(scan_text("").is_empty());
        assert_eq!(scan_text("a: [\n"), [UNREADABLE]);
        assert_eq!(
            scan_text("kind: Pod\n---\n!x {\"host\\u0050ath\": {path: /}}\n"),
            ["hostPath volume"],
            "escapes and tags hide nothing"
        );
    }
}
