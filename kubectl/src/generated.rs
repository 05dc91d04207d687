//! The objects kubectl's generators make (`kubectl run`, `kubectl create
//! deployment|namespace|priorityclass`), built as values rather than as text.
//!
//! A flag value is data: whatever it holds (a newline, `: `, `#`, quotes, braces)
//! it lands in one string field and nowhere else. The object is written out by
//! kubectl's own YAML printer ([`super::encode::yaml::marshal`], what
//! `--dry-run=client -o yaml` prints) and that same text is what is sent to the
//! simulated API server; before it is sent, it is read back and must give the
//! very object that was built, so no value can change the structure.

use serde_yaml::{Mapping, Value};
use taintlab_core::api::identifiers;

/// A mapping from `(key, value)` pairs.
fn map<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Mapping(
        pairs
            .into_iter()
            .map(|(k, v)| (Value::String(k.to_string()), v))
            .collect(),
    )
}

fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

fn empty() -> Value {
    Value::Mapping(Mapping::new())
}

/// `(key, value)` pairs as a mapping of strings; a later key replaces an earlier
/// one, as a Go map assignment does.
fn string_map(pairs: &[(String, String)]) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(s(k), s(v));
    }
    Value::Mapping(m)
}

/// Sets `key` in a mapping value.
fn set(target: &mut Value, key: &str, value: Value) {
    if let Value::Mapping(m) = target {
        m.insert(s(key), value);
    }
}

/// `metadata` with an empty `creationTimestamp`, which the YAML printer writes as
/// `null` up to v1.33 (`metav1.Time` gained `omitzero` in 1.34).
fn meta(minor: u32) -> Value {
    let mut m = empty();
    if minor < 34 {
        set(&mut m, "creationTimestamp", Value::Null);
    }
    m
}

/// What `kubectl run` puts in its pod.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodSpec {
    /// The pod's name, also its container's.
    pub name: String,
    /// `-n`, written into the object (`EnforceNamespace`).
    pub namespace: Option<String>,
    /// `--image`.
    pub image: String,
    /// `--labels`, or `run=NAME`.
    pub labels: Vec<(String, String)>,
    /// `--env`, in order.
    pub env: Vec<(String, String)>,
    /// The words after the name: the container's `args`, or its `command` with `--command`.
    pub args: Vec<String>,
    /// `--command`.
    pub command: bool,
    /// `--port`, as the `int32` it becomes.
    pub port: Option<i32>,
    /// `--restart`.
    pub restart: String,
}

/// Models `BasicPod.Generate` (`kubectl/pkg/generate/versioned/run.go`): one
/// container named after the pod, `dnsPolicy: ClusterFirst`, and the empty
/// `resources` and `status` the printer shows.
pub fn pod(spec: &PodSpec, minor: u32) -> Value {
    let mut container = map([
        ("name", s(&spec.name)),
        ("image", s(&spec.image)),
        ("resources", empty()),
    ]);
    if !spec.args.is_empty() {
        let words = Value::Sequence(spec.args.iter().map(|a| s(a)).collect());
        set(
            &mut container,
            if spec.command { "command" } else { "args" },
            words,
        );
    }
    if !spec.env.is_empty() {
        // `EnvVar.Value` is `omitempty`.
        let env = spec
            .env
            .iter()
            .map(|(name, value)| {
                let mut var = map([("name", s(name))]);
                if !value.is_empty() {
                    set(&mut var, "value", s(value));
                }
                var
            })
            .collect();
        set(&mut container, "env", Value::Sequence(env));
    }
    if let Some(port) = spec.port {
        set(
            &mut container,
            "ports",
            Value::Sequence(vec![map([("containerPort", Value::from(port))])]),
        );
    }
    let mut metadata = meta(minor);
    set(&mut metadata, "name", s(&spec.name));
    set(&mut metadata, "labels", string_map(&spec.labels));
    if let Some(ns) = &spec.namespace {
        set(&mut metadata, "namespace", s(ns));
    }
    map([
        ("apiVersion", s("v1")),
        ("kind", s("Pod")),
        ("metadata", metadata),
        (
            "spec",
            map([
                ("containers", Value::Sequence(vec![container])),
                ("dnsPolicy", s("ClusterFirst")),
                ("restartPolicy", s(&spec.restart)),
            ]),
        ),
        ("status", empty()),
    ])
}

/// Models `buildPodSpec`'s container name: the image's last path segment
/// without its tag or digest, then `sanitizeAndUniquify`: with a `_` or `.`,
/// those become `-` and a five-character suffix is added (random upstream,
/// derived from the image here). Upper case stays, for the API server to refuse.
pub fn container_name(image: &str) -> String {
    let base = image.rsplit('/').next().unwrap_or(image);
    let base = base.split(['@', ':']).next().unwrap_or(base);
    if base.contains(['_', '.']) {
        format!(
            "{}-{}",
            base.replace(['_', '.'], "-"),
            taintlab_core::names::stable_suffix(image)
        )
    } else {
        base.to_string()
    }
}

/// Models `CreateDeploymentOptions.createDeployment`: labels and selector
/// `app=NAME`, one container per image, the port on the first one.
pub fn deployment(
    name: &str,
    namespace: Option<&str>,
    images: &[String],
    replicas: i64,
    port: Option<i64>,
    minor: u32,
) -> Value {
    let labels = || map([("app", s(name))]);
    let containers = images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let mut container = map([
                ("image", s(image)),
                ("name", s(&container_name(image))),
                ("resources", empty()),
            ]);
            // `if o.Port >= 0`: the first container exposes the port.
            if i == 0
                && let Some(port) = port
            {
                set(
                    &mut container,
                    "ports",
                    Value::Sequence(vec![map([("containerPort", Value::from(port))])]),
                );
            }
            container
        })
        .collect();
    let mut metadata = meta(minor);
    set(&mut metadata, "labels", labels());
    set(&mut metadata, "name", s(name));
    if let Some(ns) = namespace {
        set(&mut metadata, "namespace", s(ns));
    }
    let mut template_meta = meta(minor);
    set(&mut template_meta, "labels", labels());
    map([
        ("apiVersion", s("apps/v1")),
        ("kind", s("Deployment")),
        ("metadata", metadata),
        (
            "spec",
            map([
                ("replicas", Value::from(replicas)),
                ("selector", map([("matchLabels", labels())])),
                ("strategy", empty()),
                (
                    "template",
                    map([
                        ("metadata", template_meta),
                        ("spec", map([("containers", Value::Sequence(containers))])),
                    ]),
                ),
            ]),
        ),
        ("status", empty()),
    ])
}

/// Models `NamespaceOptions.createNamespace`.
pub fn namespace(name: &str, minor: u32) -> Value {
    let mut metadata = meta(minor);
    set(&mut metadata, "name", s(name));
    map([
        ("apiVersion", s("v1")),
        ("kind", s("Namespace")),
        ("metadata", metadata),
        ("spec", empty()),
        ("status", empty()),
    ])
}

/// Models `PriorityClassOptions.createPriorityClass`: `globalDefault` and
/// `description` are `omitempty`; the preemption policy is always written.
pub fn priority_class(
    name: &str,
    value: i64,
    global_default: bool,
    description: &str,
    preemption_policy: &str,
    minor: u32,
) -> Value {
    let mut metadata = meta(minor);
    set(&mut metadata, "name", s(name));
    let mut object = map([
        ("apiVersion", s("scheduling.k8s.io/v1")),
        ("kind", s("PriorityClass")),
        ("metadata", metadata),
        ("preemptionPolicy", s(preemption_policy)),
        ("value", Value::from(value)),
    ]);
    if global_default {
        set(&mut object, "globalDefault", Value::Bool(true));
    }
    if !description.is_empty() {
        set(&mut object, "description", s(description));
    }
    object
}

/// The refusal when the printed text would not read back as the object built
/// (the printer and the reader disagree about some string): nothing is sent.
pub const ERR_NOT_ROUND_TRIP: &str = "error: taintlab could not write the generated object as YAML that reads back the same; nothing was created";

/// The object as kubectl prints it (`-o yaml`), checked to read back, as one
/// document, as exactly `object`. `Err` is [`ERR_NOT_ROUND_TRIP`].
pub fn to_text(object: &Value) -> Result<String, &'static str> {
    let text = super::encode::yaml::marshal(object);
    let documents = taintlab_core::decode::documents(&text);
    let same = match documents.as_slice() {
        [(_, doc)] => serde_yaml::from_str::<Value>(doc).is_ok_and(|back| &back == object),
        _ => false,
    };
    if same {
        Ok(text)
    } else {
        Err(ERR_NOT_ROUND_TRIP)
    }
}

/// Models `generate.ParseLabels` (`kubectl/pkg/generate/generate.go`): `k=v`
/// pairs split at `,`, each with exactly one `=` and a key. The API server then
/// validates the keys and values.
pub fn parse_labels(spec: &str) -> Result<Vec<(String, String)>, String> {
    let mut labels = Vec::new();
    for pair in spec.split(',') {
        let mut parts = pair.split('=');
        let (Some(key), Some(value), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("unexpected label spec: {pair}"));
        };
        if key.is_empty() {
            return Err("unexpected empty label key".to_string());
        }
        labels.push((key.to_string(), value.to_string()));
    }
    Ok(labels)
}

/// Models `parseEnvs` (`kubectl/pkg/generate/versioned/run.go`): `NAME=VALUE`,
/// split at the first `=`, the name a valid environment variable name
/// (`validation.IsEnvVarName`); the value may be anything.
pub fn parse_envs(envs: &[&str]) -> Result<Vec<(String, String)>, String> {
    envs.iter()
        .map(|env| match env.split_once('=') {
            Some((name, value)) if identifiers::is_env_var_name(name).is_ok() => {
                Ok((name.to_string(), value.to_string()))
            }
            _ => Err(format!("invalid env: {env}")),
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
