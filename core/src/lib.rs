//! taintlab-core: the simulated Kubernetes control plane behind taintlab.
//!
//! Everything here is pure and deterministic: the same input text gives the same
//! cluster, names included. The web app and the command line are thin shells over
//! [`Cluster`].

pub mod actions;
pub mod api;
pub mod clock;
pub mod cluster;
pub mod controller;
pub mod decode;
pub mod diagnostic;
pub mod edit;
pub mod events;
pub mod explain;
pub mod export;
pub mod highlight;
pub mod import;
pub mod kubectl;
pub mod lessons;
pub mod limits;
#[cfg(feature = "link")]
pub mod link;
pub mod locate;
pub mod names;
pub mod render;
pub mod scheduler;
pub mod session;
pub mod shared;
pub mod snippets;
pub mod sort;
pub mod status;
pub mod table;
pub mod terminal;
#[cfg(test)]
mod test_rng;
pub mod validate;
pub mod validation;
pub mod version;
pub mod view;
pub mod workspace;

pub use cluster::{ApplyReport, Cluster};
pub use diagnostic::{Diagnostic, Severity};
pub use version::KubeVersion;

/// The tutorial's `redis-ds` DaemonSet, as the editor first shows it.
pub const TUTORIAL_DAEMONSET: &str = include_str!("../../static/examples/redis-ds.yaml");

/// The same DaemonSet with the toleration for the master taint.
pub const TUTORIAL_DAEMONSET_TOLERATING: &str =
    include_str!("../../static/examples/redis-ds-tolerations.yaml");
