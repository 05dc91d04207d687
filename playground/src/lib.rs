//! taintlab-playground: what a person works with, as plain Rust.
//!
//! [`Playground`] holds the session, the terminal (which owns the simulated
//! cluster), the workspace, the open lesson and what the last apply said.
//! Every change goes through [`Playground::update`], and [`Playground::replay`]
//! rebuilds a playground from a session's log: share links, the autosave, the
//! handover from the page's first-load module, lessons and `taintlab link` all
//! go through it. The web app keeps only what is purely visual (the open
//! dialog, the terminal's scrollback, the language) next to a `Playground`.
//!
//! Around it: the workspace archive (`bundle`), lessons, import and export of
//! scenarios, share links (and their placeholders for an imported cluster's
//! names, `anonymize`), the editor's snippets, highlighting and text rules.
//! Pure and deterministic like the crates below it.

pub mod anonymize;
pub mod bundle;
pub mod edit;
pub mod export;
pub mod highlight;
pub mod import;
pub mod lessons;
pub mod link;
pub mod playground;
pub mod snippets;
pub mod terminal_session;

pub use playground::command::Entry;
pub use playground::what_if::{WhatIf, WhatIfEvent};
pub use playground::workspace::{
    Draft, FileError, Location, ManifestRef, Target, Workspace, WorkspaceEvent, normalize, on_node,
};
pub use playground::{Effect, Msg, Playground};
