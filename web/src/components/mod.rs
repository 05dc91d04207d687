//! The app's building blocks.

mod cluster_panel;
mod diagnostics;
mod editor;
mod node_card;

pub use cluster_panel::ClusterPanel;
pub use diagnostics::DiagnosticsPanel;
pub use editor::Editor;
