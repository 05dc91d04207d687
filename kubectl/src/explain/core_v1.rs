//! `core/v1` schemas: Pod with the placement fields of PodSpec, Node with NodeSpec
//! and Taint, and the affinity and toleration types.

use super::schema::*;

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

pub(super) static POD_TEMPLATE_SPEC: Type = Type {
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
