//! The app's building blocks.

mod cluster_panel;
// The first-load editor; the full module has its own (`crate::full::WorkspacePanel`).
#[cfg(not(feature = "full"))]
mod diagnostics;
#[cfg(not(feature = "full"))]
mod editor;
#[cfg(feature = "full")]
mod events_panel;
mod node_card;

pub use cluster_panel::ClusterPanel;
#[cfg(not(feature = "full"))]
pub use diagnostics::DiagnosticsPanel;
#[cfg(not(feature = "full"))]
pub use editor::Editor;
#[cfg(feature = "full")]
pub use events_panel::events_panel;
