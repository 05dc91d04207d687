//! taintlab-ui: what both of the page's modules show.
//!
//! The page is two WebAssembly modules: the first-load module (`web/lite`,
//! which has a size budget) and the full one (`web/full`). Both show the same
//! cluster cards, top bar and tabs, from here. Components take only the values
//! they show and callbacks (as in yew's todomvc example), so a clock tick
//! re-renders what changed. Depends on `taintlab-core` alone.

pub mod cluster_panel;
pub mod crash;
pub mod i18n;
pub mod node_card;
pub mod panel;
pub mod top_bar;

pub use cluster_panel::{GRID_AT, cluster_panel, titled_cluster_panel};
pub use i18n::{Lang, tr};
pub use node_card::NodeCardView;
pub use panel::{Panel, Tabs, TabsProps, tabs};
pub use top_bar::{
    Brand, LangButton, LangButtonProps, TimeControls, TimeControlsProps, VersionBadge, brand,
    lang_button, time_controls, use_clock, use_html_lang, version_badge,
};
