//! taintlab-playground: the playground the page shows, as plain Rust.
//!
//! [`Playground`] holds the session, the terminal (which owns the simulated
//! cluster), the workspace, the open lesson and what the last apply said.
//! Every change goes through [`Playground::update`], and [`Playground::replay`]
//! rebuilds a playground from a session's log: the share link, the autosave
//! and the handover from the page's first-load module all go through it. The
//! web app keeps only what is purely visual (the open dialog, the terminal's
//! scrollback, the language) next to a `Playground`.

pub mod playground;

pub use playground::command::Entry;
pub use playground::workspace::{
    Draft, FileError, Location, ManifestRef, Target, Workspace, WorkspaceEvent, normalize, on_node,
};
pub use playground::{Effect, FIRST_FILE, Msg, Playground, SPEEDS};
