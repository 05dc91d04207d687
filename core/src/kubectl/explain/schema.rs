//! The OpenAPI v3 schemas `kubectl explain` reads, reduced to the fields of the
//! simulated kinds that matter for scheduling. Descriptions are upstream's, as the
//! API server publishes them (`api/openapi-spec/v3`, generated from the comments
//! in `staging/src/k8s.io/api/core/v1/types.go` and `apps/v1/types.go`, with the
//! "Possible enum values" that openapi-gen appends for `+enum` types).
//!
//! Large types (ObjectMeta, Container, the status types, LabelSelector) are kept
//! as names and descriptions only, and PodSpec lists only its placement fields, to
//! keep the WebAssembly small.

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

const fn field(name: &'static str, description: &'static str, shape: Shape) -> Field {
    Field {
        name,
        description,
        shape,
        required: false,
        enums: &[],
        enum_doc: "",
    }
}

const fn required(name: &'static str, description: &'static str, shape: Shape) -> Field {
    Field {
        name,
        description,
        shape,
        required: true,
        enums: &[],
        enum_doc: "",
    }
}

const fn enumerated(
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

const fn opaque(shown: &'static str, description: &'static str) -> Type {
    Type {
        shown,
        description,
        fields: &[],
    }
}

const API_VERSION: Field = field(
    "apiVersion",
    "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    Shape::Scalar("string"),
);
const KIND: Field = field(
    "kind",
    "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    Shape::Scalar("string"),
);
const METADATA_DESCRIPTION: &str = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const METADATA: Field = field("metadata", METADATA_DESCRIPTION, Shape::Ref(&OBJECT_META));
const MIN_READY: &str = "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)";
const TAINT_EFFECT: &str = "\n\nPossible enum values:\n - `\"NoExecute\"` Evict any already-running pods that do not tolerate the taint. Currently enforced by NodeController.\n - `\"NoSchedule\"` Do not allow new pods to schedule onto the node unless they tolerate the taint, but allow all pods submitted to Kubelet without going through the scheduler to start, and allow all already-running pods to continue running. Enforced by the scheduler.\n - `\"PreferNoSchedule\"` Like TaintEffectNoSchedule, but the scheduler tries not to schedule new pods onto the node, rather than prohibiting new pods from scheduling onto the node entirely. Enforced by the scheduler.";
const EFFECTS: &[&str] = &["NoExecute", "NoSchedule", "PreferNoSchedule"];

static OBJECT_META: Type = opaque(
    "ObjectMeta",
    "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
);
static LABEL_SELECTOR: Type = opaque(
    "LabelSelector",
    "A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.",
);
static TIME: Type = opaque(
    "string",
    "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.",
);
static INT_OR_STRING: Type = opaque(
    "IntOrString",
    "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
);
static CONTAINER: Type = opaque(
    "Container",
    "A single application container that you want to run within a pod.",
);

/// `io.k8s.api.core.v1.Pod`.
pub static POD: Type = Type {
    shown: "Pod",
    description: "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        field(
            "spec",
            "Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            Shape::Ref(&POD_SPEC),
        ),
        field(
            "status",
            "Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            Shape::Ref(&POD_STATUS),
        ),
    ],
};
static POD_STATUS: Type = opaque(
    "PodStatus",
    "PodStatus represents information about the status of a pod. Status may trail the actual state of a system, especially if the node that hosts the pod cannot contact the control plane.",
);

static POD_SPEC: Type = Type {
    shown: "PodSpec",
    description: "PodSpec is a description of a pod.",
    fields: &[
        field(
            "affinity",
            "If specified, the pod's scheduling constraints",
            Shape::Ref(&AFFINITY),
        ),
        required(
            "containers",
            "List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.",
            Shape::Array(&CONTAINER),
        ),
        field(
            "hostNetwork",
            "Host networking requested for this pod. Use the host's network namespace. When using HostNetwork you should specify ports so the scheduler is aware. When `hostNetwork` is true, specified `hostPort` fields in port definitions must match `containerPort`, and unspecified `hostPort` fields in port definitions are defaulted to match `containerPort`. Default to false.",
            Shape::Scalar("boolean"),
        ),
        field(
            "nodeName",
            "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
            Shape::Scalar("string"),
        ),
        field(
            "nodeSelector",
            "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
            Shape::Map("string"),
        ),
        field(
            "priority",
            "The priority value. Various system components use this field to find the priority of the pod. When Priority Admission Controller is enabled, it prevents users from setting this field. The admission controller populates this field from PriorityClassName. The higher the value, the higher the priority.",
            Shape::Scalar("integer"),
        ),
        field(
            "priorityClassName",
            "If specified, indicates the pod's priority. \"system-node-critical\" and \"system-cluster-critical\" are two special keywords which indicate the highest priorities with the former being the highest priority. Any other name must be defined by creating a PriorityClass object with that name. If not specified, the pod priority will be default or zero if there is no default.",
            Shape::Scalar("string"),
        ),
        field(
            "tolerations",
            "If specified, the pod's tolerations.",
            Shape::Array(&TOLERATION),
        ),
    ],
};

static TOLERATION: Type = Type {
    shown: "Toleration",
    description: "The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.",
    fields: &[
        enumerated(
            "effect",
            "Effect indicates the taint effect to match. Empty means match all taint effects. When specified, allowed values are NoSchedule, PreferNoSchedule and NoExecute.",
            false,
            EFFECTS,
            TAINT_EFFECT,
        ),
        field(
            "key",
            "Key is the taint key that the toleration applies to. Empty means match all taint keys. If the key is empty, operator must be Exists; this combination means to match all values and all keys.",
            Shape::Scalar("string"),
        ),
        enumerated(
            "operator",
            "Operator represents a key's relationship to the value. Valid operators are Exists, Equal, Lt, and Gt. Defaults to Equal. Exists is equivalent to wildcard for value, so that a pod can tolerate all taints of a particular category. Lt and Gt perform numeric comparisons (requires feature gate TaintTolerationComparisonOperators).",
            false,
            &["Equal", "Exists", "Gt", "Lt"],
            "\n\nPossible enum values:\n - `\"Equal\"`\n - `\"Exists\"`\n - `\"Gt\"`\n - `\"Lt\"`",
        ),
        field(
            "tolerationSeconds",
            "TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute, otherwise this field is ignored) tolerates the taint. By default, it is not set, which means tolerate the taint forever (do not evict). Zero and negative values will be treated as 0 (evict immediately) by the system.",
            Shape::Scalar("integer"),
        ),
        field(
            "value",
            "Value is the taint value the toleration matches to. If the operator is Exists, the value should be empty, otherwise just a regular string.",
            Shape::Scalar("string"),
        ),
    ],
};

static AFFINITY: Type = Type {
    shown: "Affinity",
    description: "Affinity is a group of affinity scheduling rules.",
    fields: &[
        field(
            "nodeAffinity",
            "Describes node affinity scheduling rules for the pod.",
            Shape::Ref(&NODE_AFFINITY),
        ),
        field(
            "podAffinity",
            "Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).",
            Shape::Ref(&POD_AFFINITY),
        ),
        field(
            "podAntiAffinity",
            "Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).",
            Shape::Ref(&POD_ANTI_AFFINITY),
        ),
    ],
};
static POD_AFFINITY: Type = opaque(
    "PodAffinity",
    "Pod affinity is a group of inter pod affinity scheduling rules.",
);
static POD_ANTI_AFFINITY: Type = opaque(
    "PodAntiAffinity",
    "Pod anti affinity is a group of inter pod anti affinity scheduling rules.",
);

static NODE_AFFINITY: Type = Type {
    shown: "NodeAffinity",
    description: "Node affinity is a group of node affinity scheduling rules.",
    fields: &[
        field(
            "preferredDuringSchedulingIgnoredDuringExecution",
            "The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding \"weight\" to the sum if the node matches the corresponding matchExpressions; the node(s) with the highest sum are the most preferred.",
            Shape::Array(&PREFERRED_SCHEDULING_TERM),
        ),
        field(
            "requiredDuringSchedulingIgnoredDuringExecution",
            "If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to an update), the system may or may not try to eventually evict the pod from its node.",
            Shape::Ref(&NODE_SELECTOR),
        ),
    ],
};

static PREFERRED_SCHEDULING_TERM: Type = Type {
    shown: "PreferredSchedulingTerm",
    description: "An empty preferred scheduling term matches all objects with implicit weight 0 (i.e. it's a no-op). A null preferred scheduling term matches no objects (i.e. is also a no-op).",
    fields: &[
        required(
            "preference",
            "A node selector term, associated with the corresponding weight.",
            Shape::Ref(&NODE_SELECTOR_TERM),
        ),
        required(
            "weight",
            "Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.",
            Shape::Scalar("integer"),
        ),
    ],
};

static NODE_SELECTOR: Type = Type {
    shown: "NodeSelector",
    description: "A node selector represents the union of the results of one or more label queries over a set of nodes; that is, it represents the OR of the selectors represented by the node selector terms.",
    fields: &[required(
        "nodeSelectorTerms",
        "Required. A list of node selector terms. The terms are ORed.",
        Shape::Array(&NODE_SELECTOR_TERM),
    )],
};

static NODE_SELECTOR_TERM: Type = Type {
    shown: "NodeSelectorTerm",
    description: "A null or empty node selector term matches no objects. The requirements of them are ANDed. The TopologySelectorTerm type implements a subset of the NodeSelectorTerm.",
    fields: &[
        field(
            "matchExpressions",
            "A list of node selector requirements by node's labels.",
            Shape::Array(&NODE_SELECTOR_REQUIREMENT),
        ),
        field(
            "matchFields",
            "A list of node selector requirements by node's fields.",
            Shape::Array(&NODE_SELECTOR_REQUIREMENT),
        ),
    ],
};

static NODE_SELECTOR_REQUIREMENT: Type = Type {
    shown: "NodeSelectorRequirement",
    description: "A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.",
    fields: &[
        required(
            "key",
            "The label key that the selector applies to.",
            Shape::Scalar("string"),
        ),
        enumerated(
            "operator",
            "Represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.",
            true,
            &["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"],
            "\n\nPossible enum values:\n - `\"DoesNotExist\"`\n - `\"Exists\"`\n - `\"Gt\"`\n - `\"In\"`\n - `\"Lt\"`\n - `\"NotIn\"`",
        ),
        field(
            "values",
            "An array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer. This array is replaced during a strategic merge patch.",
            Shape::ScalarArray("string"),
        ),
    ],
};

/// `io.k8s.api.core.v1.Node`.
pub static NODE: Type = Type {
    shown: "Node",
    description: "Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        field(
            "spec",
            "Spec defines the behavior of a node. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            Shape::Ref(&NODE_SPEC),
        ),
        field(
            "status",
            "Most recently observed status of the node. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            Shape::Ref(&NODE_STATUS),
        ),
    ],
};
static NODE_STATUS: Type = opaque(
    "NodeStatus",
    "NodeStatus is information about the current status of a node.",
);
static NODE_CONFIG_SOURCE: Type = opaque(
    "NodeConfigSource",
    "NodeConfigSource specifies a source of node configuration. Exactly one subfield (excluding metadata) must be non-nil. This API is deprecated since 1.22",
);

static NODE_SPEC: Type = Type {
    shown: "NodeSpec",
    description: "NodeSpec describes the attributes that a node is created with.",
    fields: &[
        field(
            "configSource",
            "Deprecated: Previously used to specify the source of the node's configuration for the DynamicKubeletConfig feature. This feature is removed.",
            Shape::Ref(&NODE_CONFIG_SOURCE),
        ),
        field(
            "externalID",
            "Deprecated. Not all kubelets will set this field. Remove field after 1.13. see: https://issues.k8s.io/61966",
            Shape::Scalar("string"),
        ),
        field(
            "podCIDR",
            "PodCIDR represents the pod IP range assigned to the node.",
            Shape::Scalar("string"),
        ),
        field(
            "podCIDRs",
            "podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node. If this field is specified, the 0th entry must match the podCIDR field. It may contain at most 1 value for each of IPv4 and IPv6.",
            Shape::ScalarArray("string"),
        ),
        field(
            "providerID",
            "ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>",
            Shape::Scalar("string"),
        ),
        field(
            "taints",
            "If specified, the node's taints.",
            Shape::Array(&TAINT),
        ),
        field(
            "unschedulable",
            "Unschedulable controls node schedulability of new pods. By default, node is schedulable. More info: https://kubernetes.io/docs/concepts/nodes/node/#manual-node-administration",
            Shape::Scalar("boolean"),
        ),
    ],
};

static TAINT: Type = Type {
    shown: "Taint",
    description: "The node this Taint is attached to has the \"effect\" on any pod that does not tolerate the Taint.",
    fields: &[
        enumerated(
            "effect",
            "Required. The effect of the taint on pods that do not tolerate the taint. Valid effects are NoSchedule, PreferNoSchedule and NoExecute.",
            true,
            EFFECTS,
            TAINT_EFFECT,
        ),
        required(
            "key",
            "Required. The taint key to be applied to a node.",
            Shape::Scalar("string"),
        ),
        field(
            "timeAdded",
            "TimeAdded represents the time at which the taint was added.",
            Shape::Ref(&TIME),
        ),
        field(
            "value",
            "The taint value corresponding to the taint key.",
            Shape::Scalar("string"),
        ),
    ],
};

static POD_TEMPLATE_SPEC: Type = Type {
    shown: "PodTemplateSpec",
    description: "PodTemplateSpec describes the data a pod should have when created from a template",
    fields: &[
        METADATA,
        field(
            "spec",
            "Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            Shape::Ref(&POD_SPEC),
        ),
    ],
};

/// `io.k8s.api.apps.v1.DaemonSet`.
pub static DAEMON_SET: Type = Type {
    shown: "DaemonSet",
    description: "DaemonSet represents the configuration of a daemon set.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        field(
            "spec",
            "The desired behavior of this daemon set. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            Shape::Ref(&DAEMON_SET_SPEC),
        ),
        field(
            "status",
            "The current status of this daemon set. This data may be out of date by some window of time. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            Shape::Ref(&DAEMON_SET_STATUS),
        ),
    ],
};
static DAEMON_SET_STATUS: Type = opaque(
    "DaemonSetStatus",
    "DaemonSetStatus represents the current status of a daemon set.",
);

static DAEMON_SET_SPEC: Type = Type {
    shown: "DaemonSetSpec",
    description: "DaemonSetSpec is the specification of a daemon set.",
    fields: &[
        field(
            "minReadySeconds",
            "The minimum number of seconds for which a newly created DaemonSet pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready).",
            Shape::Scalar("integer"),
        ),
        field(
            "revisionHistoryLimit",
            "The number of old history to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.",
            Shape::Scalar("integer"),
        ),
        required(
            "selector",
            "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
            Shape::Ref(&LABEL_SELECTOR),
        ),
        required(
            "template",
            "An object that describes the pod that will be created. The DaemonSet will create exactly one copy of this pod on every node that matches the template's node selector (or on every node if no node selector is specified). The only allowed template.spec.restartPolicy value is \"Always\". More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#pod-template",
            Shape::Ref(&POD_TEMPLATE_SPEC),
        ),
        field(
            "updateStrategy",
            "An update strategy to replace existing DaemonSet pods with new pods.",
            Shape::Ref(&DAEMON_SET_UPDATE_STRATEGY),
        ),
    ],
};

static DAEMON_SET_UPDATE_STRATEGY: Type = Type {
    shown: "DaemonSetUpdateStrategy",
    description: "DaemonSetUpdateStrategy is a struct used to control the update strategy for a DaemonSet.",
    fields: &[
        field(
            "rollingUpdate",
            "Rolling update config params. Present only if type = \"RollingUpdate\".",
            Shape::Ref(&ROLLING_UPDATE_DAEMON_SET),
        ),
        enumerated(
            "type",
            "Type of daemon set update. Can be \"RollingUpdate\" or \"OnDelete\". Default is RollingUpdate.",
            false,
            &["OnDelete", "RollingUpdate"],
            "\n\nPossible enum values:\n - `\"OnDelete\"` Replace the old daemons only when it's killed\n - `\"RollingUpdate\"` Replace the old daemons by new ones using rolling update i.e replace them on each node one after the other.",
        ),
    ],
};

static ROLLING_UPDATE_DAEMON_SET: Type = Type {
    shown: "RollingUpdateDaemonSet",
    description: "Spec to control the desired behavior of daemon set rolling update.",
    fields: &[
        field(
            "maxSurge",
            "The maximum number of nodes with an existing available DaemonSet pod that can have an updated DaemonSet pod during during an update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up to a minimum of 1. Default value is 0. Example: when this is set to 30%, at most 30% of the total number of nodes that should be running the daemon pod (i.e. status.desiredNumberScheduled) can have their a new pod created before the old pod is marked as deleted. The update starts by launching new pods on 30% of nodes. Once an updated pod is available (Ready for at least minReadySeconds) the old DaemonSet pod on that node is marked deleted. If the old pod becomes unavailable for any reason (Ready transitions to false, is evicted, or is drained) an updated pod is immediatedly created on that node without considering surge limits. Allowing surge implies the possibility that the resources consumed by the daemonset on any given node can double if the readiness check fails, and so resource intensive daemonsets should take into account that they may cause evictions during disruption.",
            Shape::Ref(&INT_OR_STRING),
        ),
        field(
            "maxUnavailable",
            "The maximum number of DaemonSet pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of total number of DaemonSet pods at the start of the update (ex: 10%). Absolute number is calculated from percentage by rounding up. This cannot be 0 if MaxSurge is 0 Default value is 1. Example: when this is set to 30%, at most 30% of the total number of nodes that should be running the daemon pod (i.e. status.desiredNumberScheduled) can have their pods stopped for an update at any given time. The update starts by stopping at most 30% of those DaemonSet pods and then brings up new DaemonSet pods in their place. Once the new pods are available, it then proceeds onto other DaemonSet pods, thus ensuring that at least 70% of original number of DaemonSet pods are available at all times during the update.",
            Shape::Ref(&INT_OR_STRING),
        ),
    ],
};

/// `io.k8s.api.apps.v1.Deployment`.
pub static DEPLOYMENT: Type = Type {
    shown: "Deployment",
    description: "Deployment enables declarative updates for Pods and ReplicaSets.",
    fields: &[
        API_VERSION,
        KIND,
        METADATA,
        field(
            "spec",
            "Specification of the desired behavior of the Deployment.",
            Shape::Ref(&DEPLOYMENT_SPEC),
        ),
        field(
            "status",
            "Most recently observed status of the Deployment.",
            Shape::Ref(&DEPLOYMENT_STATUS),
        ),
    ],
};
static DEPLOYMENT_STATUS: Type = opaque(
    "DeploymentStatus",
    "DeploymentStatus is the most recently observed status of the Deployment.",
);

static DEPLOYMENT_SPEC: Type = Type {
    shown: "DeploymentSpec",
    description: "DeploymentSpec is the specification of the desired behavior of the Deployment.",
    fields: &[
        field("minReadySeconds", MIN_READY, Shape::Scalar("integer")),
        field(
            "paused",
            "Indicates that the deployment is paused.",
            Shape::Scalar("boolean"),
        ),
        field(
            "progressDeadlineSeconds",
            "The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.",
            Shape::Scalar("integer"),
        ),
        field(
            "replicas",
            "Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.",
            Shape::Scalar("integer"),
        ),
        field(
            "revisionHistoryLimit",
            "The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.",
            Shape::Scalar("integer"),
        ),
        required(
            "selector",
            "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
            Shape::Ref(&LABEL_SELECTOR),
        ),
        field(
            "strategy",
            "The deployment strategy to use to replace existing pods with new ones.",
            Shape::Ref(&DEPLOYMENT_STRATEGY),
        ),
        required(
            "template",
            "Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is \"Always\".",
            Shape::Ref(&POD_TEMPLATE_SPEC),
        ),
    ],
};

static DEPLOYMENT_STRATEGY: Type = Type {
    shown: "DeploymentStrategy",
    description: "DeploymentStrategy describes how to replace existing pods with new ones.",
    fields: &[
        field(
            "rollingUpdate",
            "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.",
            Shape::Ref(&ROLLING_UPDATE_DEPLOYMENT),
        ),
        enumerated(
            "type",
            "Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is RollingUpdate.",
            false,
            &["Recreate", "RollingUpdate"],
            "\n\nPossible enum values:\n - `\"Recreate\"` Kill all existing pods before creating new ones.\n - `\"RollingUpdate\"` Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one.",
        ),
    ],
};

static ROLLING_UPDATE_DEPLOYMENT: Type = Type {
    shown: "RollingUpdateDeployment",
    description: "Spec to control the desired behavior of rolling update.",
    fields: &[
        field(
            "maxSurge",
            "The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up. Defaults to 25%. Example: when this is set to 30%, the new ReplicaSet can be scaled up immediately when the rolling update starts, such that the total number of old and new pods do not exceed 130% of desired pods. Once old pods have been killed, new ReplicaSet can be scaled up further, ensuring that total number of pods running at any time during the update is at most 130% of desired pods.",
            Shape::Ref(&INT_OR_STRING),
        ),
        field(
            "maxUnavailable",
            "The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding down. This can not be 0 if MaxSurge is 0. Defaults to 25%. Example: when this is set to 30%, the old ReplicaSet can be scaled down to 70% of desired pods immediately when the rolling update starts. Once new pods are ready, old ReplicaSet can be scaled down further, followed by scaling up the new ReplicaSet, ensuring that the total number of pods available at all times during the update is at least 70% of desired pods.",
            Shape::Ref(&INT_OR_STRING),
        ),
    ],
};

/// `io.k8s.api.apps.v1.ReplicaSet`.
pub static REPLICA_SET: Type = Type {
    shown: "ReplicaSet",
    description: "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
    fields: &[
        API_VERSION,
        KIND,
        field(
            "metadata",
            "If the Labels of a ReplicaSet are empty, they are defaulted to be the same as the Pod(s) that the ReplicaSet manages. Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
            Shape::Ref(&OBJECT_META),
        ),
        field(
            "spec",
            "Spec defines the specification of the desired behavior of the ReplicaSet. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            Shape::Ref(&REPLICA_SET_SPEC),
        ),
        field(
            "status",
            "Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            Shape::Ref(&REPLICA_SET_STATUS),
        ),
    ],
};
static REPLICA_SET_STATUS: Type = opaque(
    "ReplicaSetStatus",
    "ReplicaSetStatus represents the current status of a ReplicaSet.",
);

static REPLICA_SET_SPEC: Type = Type {
    shown: "ReplicaSetSpec",
    description: "ReplicaSetSpec is the specification of a ReplicaSet.",
    fields: &[
        field("minReadySeconds", MIN_READY, Shape::Scalar("integer")),
        field(
            "replicas",
            "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#how-a-replicaset-works",
            Shape::Scalar("integer"),
        ),
        required(
            "selector",
            "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
            Shape::Ref(&LABEL_SELECTOR),
        ),
        field(
            "template",
            "Template is the object that describes the pod that will be created if insufficient replicas are detected. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#pod-template",
            Shape::Ref(&POD_TEMPLATE_SPEC),
        ),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Properties are listed in Go's map order: sorted by name, as bytes.
    #[test]
    fn fields_are_sorted() {
        for t in [
            &POD,
            &POD_SPEC,
            &TOLERATION,
            &AFFINITY,
            &NODE_AFFINITY,
            &NODE_SELECTOR_TERM,
            &NODE_SELECTOR_REQUIREMENT,
            &PREFERRED_SCHEDULING_TERM,
            &NODE,
            &NODE_SPEC,
            &TAINT,
            &POD_TEMPLATE_SPEC,
            &DAEMON_SET,
            &DAEMON_SET_SPEC,
            &DAEMON_SET_UPDATE_STRATEGY,
            &ROLLING_UPDATE_DAEMON_SET,
            &DEPLOYMENT,
            &DEPLOYMENT_SPEC,
            &DEPLOYMENT_STRATEGY,
            &ROLLING_UPDATE_DEPLOYMENT,
            &REPLICA_SET,
            &REPLICA_SET_SPEC,
        ] {
            assert!(
                t.fields.windows(2).all(|p| p[0].name < p[1].name),
                "{}",
                t.shown
            );
        }
    }
}
