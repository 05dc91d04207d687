//! taintlab-web: the playground's user interface.
//!
//! UI state and rendering only; every decision about the cluster comes from
//! `taintlab-core`. Built twice: the first-load module, and with the `full`
//! feature the module that adds the terminal, explanations and lessons.

mod app;
mod components;
pub mod crash;
mod engine;
#[cfg(feature = "full")]
mod full;
mod i18n;
#[cfg(not(feature = "full"))]
mod loader;
mod state;

pub use app::{App, AppProps};
pub use i18n::Lang;
