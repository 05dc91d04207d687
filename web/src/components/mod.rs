//! The app's building blocks.

mod cluster_panel;
mod diagnostics;
mod editor;
#[cfg(feature = "full")]
mod events_panel;
mod node_card;

pub use cluster_panel::ClusterPanel;
pub use diagnostics::DiagnosticsPanel;
pub use editor::Editor;
#[cfg(feature = "full")]
pub use events_panel::events_panel;
