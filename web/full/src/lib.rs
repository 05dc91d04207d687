//! taintlab-full: the page's full module, loaded after the first paint.
//!
//! The workspace, the terminal, the explanations, the lessons, the events, the
//! node buttons and the grid, over a [`taintlab_playground::Playground`]: every
//! decision about the session comes from there, and this crate keeps UI state
//! and rendering only. The first-load module (`web/lite`) hands its session
//! over to [`App`] (`start_full` in `main.rs`).

mod add_node;
mod app;
mod code_editor;
mod diagnostics_list;
mod events_panel;
mod explain;
mod file_forms;
mod files;
mod highlight_html;
mod history_panel;
mod leaving;
mod lessons;
mod node_card;
mod node_grid;
mod panels;
mod scrollback;
mod shared_cards;
pub mod sharing;
mod state;
mod terminal;
mod what_if;
mod workspace_shown;
mod workspace_view;

pub use app::{App, AppProps};
