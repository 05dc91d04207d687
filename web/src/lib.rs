//! taintlab-web: the playground's user interface.
//!
//! UI state and rendering only; every decision about the cluster comes from
//! `taintlab-core`.

mod app;
mod components;
mod i18n;
mod state;

pub use app::App;
pub use i18n::Lang;
