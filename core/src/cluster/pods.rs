//! Creating and deleting pods the way the API server does: admission on create,
//! graceful deletion that waits for the node's kubelet.

use super::{Cluster, key, namespaced};
use crate::api::{Pod, TaintEffect, Toleration};
use crate::events::{EventType, ObjectRef};
use crate::limits::{Limit, MAX_NODES};

/// `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`.
const DEFAULT_TOLERATION_SECONDS: i64 = 300;

/// Models `plugin/pkg/admission/defaulttolerationseconds`: adds 300 s tolerations for
/// `not-ready` and `unreachable` unless the pod already tolerates that key for
/// NoExecute (or all keys, or all effects).
pub(crate) fn add_default_toleration_seconds(pod: &mut Pod) {
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        let covered = pod.spec.tolerations.iter().any(|t| {
            (t.key == key || t.key.is_empty())
                && (t.effect == Some(TaintEffect::NoExecute) || t.effect.is_none())
        });
        if !covered {
            let mut toleration = Toleration::exists(key, Some(TaintEffect::NoExecute));
            toleration.toleration_seconds = Some(DEFAULT_TOLERATION_SECONDS);
            pod.spec.tolerations.push(toleration);
        }
    }
}

impl Cluster {
    /// Creates a pod through the simulated API server: defaults, admission, UID, time.
    /// A `generateName` without a name gets a random suffix.
    pub(super) fn create_pod(&mut self, pod: Pod) -> String {
        self.create_pod_as(pod, |_| {})
    }

    /// [`Cluster::create_pod`], with `finish` given the pod as created before it
    /// is stored: an import puts back what the real API server had written,
    /// in the one write that stores it.
    pub(super) fn create_pod_as(&mut self, mut pod: Pod, finish: impl FnOnce(&mut Pod)) -> String {
        pod.metadata.namespace = namespaced(&pod.metadata.namespace);
        if pod.metadata.name.is_empty() {
            pod.metadata.name = self.names.generate_name(&pod.metadata.generate_name);
        }
        pod.metadata.uid = self.names.uid();
        pod.metadata.created = self.now;
        pod.metadata.deleted = None;
        pod.metadata.resource_version = self.names.resource_version();
        add_default_toleration_seconds(&mut pod);
        pod.status = Default::default();
        pod.status.phase = "Pending".to_string();
        finish(&mut pod);
        let name = pod.metadata.name.clone();
        self.pods.insert(pod);
        name
    }

    /// Removes a pod from the store for good, with its timers.
    pub(crate) fn remove_pod(&mut self, key: &str) -> Option<Pod> {
        let pod = self.pods.remove(key)?;
        self.evictions.remove(&pod.metadata.uid);
        if let Some((_, runtime)) = self.nodes.runtime_mut(pod.spec.node_name.as_str()) {
            runtime.starting.remove(key);
        }
        Some(pod)
    }

    /// Models a DELETE with the default grace period: a pod on a node whose kubelet
    /// runs (or on no node) goes at once, after the kubelet stops its containers; a
    /// pod on a node whose kubelet is down stays `Terminating` until it comes back.
    pub(crate) fn delete_pod_gracefully(&mut self, pod_key: &str) {
        let now = self.now;
        let Some(pod) = self.pods.get(pod_key) else {
            return;
        };
        let node = pod.spec.node_name.clone();
        let kubelet_up = self
            .nodes
            .get(node.as_str())
            .is_none_or(|r| r.runtime.kubelet_running);
        if kubelet_up {
            let running: Vec<String> = if pod.status.phase == "Running" {
                pod.spec.containers.iter().map(|c| c.name.clone()).collect()
            } else {
                Vec::new()
            };
            let object = ObjectRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
            for name in running {
                self.record_event(
                    EventType::Normal,
                    object.clone(),
                    "kubelet",
                    "Killing",
                    format!("Stopping container {name}"),
                );
            }
            self.remove_pod(pod_key);
        } else if let Some(mut pod) = self.pods.get_mut(pod_key)
            && pod.metadata.deleted.is_none()
        {
            pod.metadata.deleted = Some(now);
        }
    }

    /// Whether one more pod fits under [`crate::limits::MAX_PODS`].
    pub(crate) fn room_for_pod(&self) -> bool {
        self.pods.len() < self.max_pods
    }

    /// Whether one more node fits under [`MAX_NODES`].
    pub(super) fn room_for_node(&self) -> bool {
        self.nodes.len() < MAX_NODES
    }

    /// Models `controller.RealPodControl.CreatePods`: creates a controller's pod and
    /// records `SuccessfulCreate` on the controller. When the cluster holds as many
    /// pods as taintlab allows, the create fails as a refused API call does: a
    /// `FailedCreate` warning on the controller, and `false`, so the controller
    /// stops this round (as `slowStartBatch` stops at the first error).
    pub(crate) fn create_controlled_pod(
        &mut self,
        pod: Pod,
        owner: &ObjectRef,
        source: &'static str,
    ) -> bool {
        if !self.room_for_pod() {
            let name = if pod.metadata.name.is_empty() {
                &pod.metadata.generate_name
            } else {
                &pod.metadata.name
            };
            let message = format!(
                "Error creating: pods {name:?} is forbidden: {}",
                Limit::Pods.en()
            );
            self.record_event(
                EventType::Warning,
                owner.clone(),
                source,
                "FailedCreate",
                message,
            );
            return false;
        }
        let mut pod = pod;
        if let Err(why) = self.admit_priority(&mut pod) {
            let name = if pod.metadata.name.is_empty() {
                &pod.metadata.generate_name
            } else {
                &pod.metadata.name
            };
            let message = format!("Error creating: pods {name:?} is forbidden: {why}");
            self.record_event(
                EventType::Warning,
                owner.clone(),
                source,
                "FailedCreate",
                message,
            );
            return false;
        }
        let name = self.create_pod(pod);
        self.record_event(
            EventType::Normal,
            owner.clone(),
            source,
            "SuccessfulCreate",
            format!("Created pod: {name}"),
        );
        true
    }

    /// Models `controller.RealPodControl.DeletePod`: deletes a controller's pod and
    /// records `SuccessfulDelete` on the controller.
    pub(crate) fn delete_controlled_pod(
        &mut self,
        key: &str,
        owner: &ObjectRef,
        source: &'static str,
    ) {
        let name = self
            .pods
            .get(key)
            .map(|p| p.metadata.name.clone())
            .unwrap_or_default();
        self.delete_pod_gracefully(key);
        self.record_event(
            EventType::Normal,
            owner.clone(),
            source,
            "SuccessfulDelete",
            format!("Deleted pod: {name}"),
        );
    }
}

/// `namespace/name` of a pod.
pub(crate) fn pod_key(pod: &Pod) -> String {
    key(&pod.metadata.namespace, &pod.metadata.name)
}
