//! The controllers of kube-controller-manager that taintlab runs
//! (`pkg/controller/<name>`), one module each: the rules a controller decides by,
//! and its sync, which acts on them as an `impl` block of
//! [`Cluster`](crate::cluster::Cluster). [`crate::cluster`] runs the syncs in its
//! control loop (`Cluster::reconcile`) and holds the store, the API server's
//! writes and the kubelet they go through.

pub mod daemon;
pub mod deployment;
pub mod disruption;
pub mod node_lifecycle;
pub mod podgc;
pub mod replicaset;
pub mod taint_eviction;
pub(crate) mod work_queue;
