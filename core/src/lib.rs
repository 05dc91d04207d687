//! taintlab-core: the engine. The simulated Kubernetes control plane (the API
//! server's decoding and validation, the store, the scheduler, the controllers,
//! the kubelet, events and the clock) and the explanations of its decisions.
//!
//! Everything here is pure and deterministic: the same input text gives the same
//! cluster, names included. It knows nothing of kubectl, the terminal or the
//! page: those crates sit above it (see `ARCHITECTURE.md`).

pub mod actions;
pub mod api;
pub mod clock;
pub mod cluster;
pub mod controller;
pub mod decode;
pub mod diagnostic;
pub mod events;
pub mod file_name;
pub mod import;
pub mod limits;
pub mod locate;
pub mod names;
pub mod recorded;
pub mod scheduler;
pub mod session;
pub mod shared;
pub mod sort;
pub mod sorted_map;
pub mod status;
pub mod test_rng;
pub mod unseen;
pub mod version;
pub mod view;
pub mod what_if;
pub mod why;

pub use cluster::{ApplyReport, Cluster};
pub use diagnostic::{Diagnostic, Severity};
pub use version::KubeVersion;

/// The tutorial's `redis-ds` DaemonSet, as the editor first shows it.
pub const TUTORIAL_DAEMONSET: &str = include_str!("../../static/examples/redis-ds.yaml");

/// The same DaemonSet with the toleration for the master taint.
pub const TUTORIAL_DAEMONSET_TOLERATING: &str =
    include_str!("../../static/examples/redis-ds-tolerations.yaml");
