//! taintlab-playground: what a person works with. The workspace of files, the
//! lessons, importing and exporting scenarios, share links, the editor's
//! snippets, highlighting and text rules, over the engine, kubectl and the shell.
//!
//! Pure and deterministic like the crates below it; the web app and the command
//! line are views over it.

pub mod bundle;
pub mod edit;
pub mod export;
pub mod highlight;
pub mod import;
pub mod lessons;
#[cfg(feature = "link")]
pub mod link;
pub mod snippets;
pub mod terminal_session;
