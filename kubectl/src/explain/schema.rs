//! The OpenAPI v3 schemas `kubectl explain` reads, reduced to the fields of the
//! simulated kinds that matter for scheduling. Descriptions are upstream's, as the
//! API server publishes them (`api/openapi-spec/v3`, generated from the comments
//! in `staging/src/k8s.io/api/core/v1/types.go` and `apps/v1/types.go`, with the
//! "Possible enum values" that openapi-gen appends for `+enum` types).
//!
//! Large types (ObjectMeta, Container, the status types, LabelSelector) are kept
//! as names and descriptions only, and PodSpec lists only its placement fields, to
//! keep the WebAssembly small. The data lives in `core_v1.rs` and `apps_v1.rs`.

/// A schema in `components/schemas`.
#[derive(Debug)]
pub struct Type {
    /// What `typeGuess` prints for a field of this type: the last part of the
    /// schema name, or the primitive type (`string` for `Time`).
    pub shown: &'static str,
    /// The schema's description.
    pub description: &'static str,
    /// Its properties, sorted by name as Go's template `range` visits a map.
    pub fields: &'static [Field],
}

/// A property of a schema.
#[derive(Debug)]
pub struct Field {
    /// The property name.
    pub name: &'static str,
    /// The property's own description.
    pub description: &'static str,
    /// Its schema.
    pub shape: Shape,
    /// Whether the parent lists it in `required`.
    pub required: bool,
    /// Its `enum` values, sorted as openapi-gen writes them.
    pub enums: &'static [&'static str],
    /// The "Possible enum values" text openapi-gen appends to the description.
    pub enum_doc: &'static str,
}

impl Field {
    /// The description as the schema publishes it.
    pub fn full_description(&self) -> String {
        format!("{}{}", self.description, self.enum_doc)
    }
}

/// The schema of a property.
#[derive(Debug)]
pub enum Shape {
    /// `{"type": "string"}` and friends.
    Scalar(&'static str),
    /// `{"allOf": [{"$ref": ...}]}`: another schema.
    Ref(&'static Type),
    /// `{"type": "array", "items": {"allOf": [{"$ref": ...}]}}`.
    Array(&'static Type),
    /// `{"type": "array", "items": {"type": ...}}`.
    ScalarArray(&'static str),
    /// `{"type": "object", "additionalProperties": {"type": ...}}`.
    Map(&'static str),
}

impl Shape {
    /// Models the template `typeGuess`.
    pub fn type_guess(&self) -> String {
        match self {
            Shape::Scalar(t) => t.to_string(),
            Shape::Ref(t) => t.shown.to_string(),
            Shape::Array(t) => format!("[]{}", t.shown),
            Shape::ScalarArray(t) => format!("[]{t}"),
            Shape::Map(t) => format!("map[string]{t}"),
        }
    }

    /// The schema whose properties a path continues into.
    pub fn target(&self) -> Option<&'static Type> {
        match self {
            Shape::Ref(t) | Shape::Array(t) => Some(t),
            _ => None,
        }
    }
}

pub(super) const fn field(name: &'static str, description: &'static str, shape: Shape) -> Field {
    Field {
        name,
        description,
        shape,
        required: false,
        enums: &[],
        enum_doc: "",
    }
}

pub(super) const fn required(name: &'static str, description: &'static str, shape: Shape) -> Field {
    Field {
        name,
        description,
        shape,
        required: true,
        enums: &[],
        enum_doc: "",
    }
}

pub(super) const fn enumerated(
    name: &'static str,
    description: &'static str,
    required: bool,
    enums: &'static [&'static str],
    enum_doc: &'static str,
) -> Field {
    Field {
        name,
        description,
        shape: Shape::Scalar("string"),
        required,
        enums,
        enum_doc,
    }
}

pub(super) const fn opaque(shown: &'static str, description: &'static str) -> Type {
    Type {
        shown,
        description,
        fields: &[],
    }
}

pub(super) const API_VERSION: Field = field(
    "apiVersion",
    "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    Shape::Scalar("string"),
);
pub(super) const KIND: Field = field(
    "kind",
    "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    Shape::Scalar("string"),
);
pub(super) const METADATA_DESCRIPTION: &str = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
pub(super) const METADATA: Field =
    field("metadata", METADATA_DESCRIPTION, Shape::Ref(&OBJECT_META));
pub(super) const MIN_READY: &str = "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)";
pub(super) const TAINT_EFFECT: &str = "\n\nPossible enum values:\n - `\"NoExecute\"` Evict any already-running pods that do not tolerate the taint. Currently enforced by NodeController.\n - `\"NoSchedule\"` Do not allow new pods to schedule onto the node unless they tolerate the taint, but allow all pods submitted to Kubelet without going through the scheduler to start, and allow all already-running pods to continue running. Enforced by the scheduler.\n - `\"PreferNoSchedule\"` Like TaintEffectNoSchedule, but the scheduler tries not to schedule new pods onto the node, rather than prohibiting new pods from scheduling onto the node entirely. Enforced by the scheduler.";
pub(super) const EFFECTS: &[&str] = &["NoExecute", "NoSchedule", "PreferNoSchedule"];

pub(super) static OBJECT_META: Type = opaque(
    "ObjectMeta",
    "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
);
pub(super) static LABEL_SELECTOR: Type = opaque(
    "LabelSelector",
    "A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.",
);
pub(super) static TIME: Type = opaque(
    "string",
    "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.",
);
pub(super) static INT_OR_STRING: Type = opaque(
    "IntOrString",
    "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
);
pub(super) static CONTAINER: Type = opaque(
    "Container",
    "A single application container that you want to run within a pod.",
);
