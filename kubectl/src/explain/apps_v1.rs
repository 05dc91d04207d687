//! `apps/v1` schemas: DaemonSet, Deployment and ReplicaSet with their specs and
//! update strategies.

use super::core_v1::POD_TEMPLATE_SPEC;
use super::schema::*;

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
    use super::super::core_v1::*;
    use super::*;

    /// Properties are listed in Go's map order: sorted by name, as bytes.
    #[test]
    fn fields_are_sorted() {
        for t in [
            &POD,
            &NODE,
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
            &POD_TEMPLATE_SPEC,
        ] {
            assert!(
                t.fields.windows(2).all(|p| p[0].name < p[1].name),
                "{}",
                t.shown
            );
        }
        for t in [&POD, &NODE] {
            for f in t.fields {
                if let Some(inner) = f.shape.target() {
                    assert!(
                        inner.fields.windows(2).all(|p| p[0].name < p[1].name),
                        "{}",
                        inner.shown
                    );
                }
            }
        }
    }
}
