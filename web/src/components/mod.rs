//! The app's building blocks.

mod cluster_panel;
mod diagnostics;
mod editor;
mod events_panel;
mod node_card;

pub use cluster_panel::ClusterPanel;
pub use diagnostics::DiagnosticsPanel;
pub use editor::Editor;
pub use events_panel::events_panel;
