//! What runs the simulated cluster in this build of the page.
//!
//! The page ships as two modules. The first load carries the cluster and the YAML
//! engine only (its size has a budget); the full module, loaded when the user
//! opens the terminal, an explanation or a lesson, adds `core`'s terminal. Both
//! drive the same deterministic cluster, so the full module takes over by
//! replaying the session ([`taintlab_core::session`]).

#[cfg(not(feature = "full"))]
use taintlab_core::Cluster;
#[cfg(feature = "full")]
use taintlab_core::session::{self, Input};

/// The full module's engine: the terminal, which owns the cluster.
#[cfg(feature = "full")]
pub type Engine = taintlab_core::terminal::Terminal;

/// The first-load module's engine: the cluster alone.
#[cfg(not(feature = "full"))]
#[derive(Debug, Clone)]
pub struct Engine(Cluster);

#[cfg(not(feature = "full"))]
impl Engine {
    /// An engine over `cluster`.
    pub fn new(cluster: Cluster) -> Engine {
        Engine(cluster)
    }

    /// The simulated cluster.
    pub fn cluster(&self) -> &Cluster {
        &self.0
    }

    /// The simulated cluster, to change it.
    pub fn cluster_mut(&mut self) -> &mut Cluster {
        &mut self.0
    }
}

/// Whether this module has the terminal (and with it everything else).
pub const FULL: bool = cfg!(feature = "full");

/// Replays `input` (the full module replays sessions; the first-load one hands
/// them over).
#[cfg(feature = "full")]
pub fn replay(engine: &mut Engine, input: &Input) {
    if session::replay(engine.cluster_mut(), input) {
        return;
    }
    match input {
        Input::Command { line, stdin } => {
            let _ = engine.run(line, stdin.as_deref());
        }
        // A name the workspace refuses is skipped, as any failed input.
        Input::File { name, content } => {
            engine.set_file(name, content);
        }
        _ => {}
    }
}
