//! Entry point of the full module: the first-load module imports it and calls
//! [`start_full`] with its session.

use std::rc::Rc;
use taintlab_full::{App, AppProps};
use wasm_bindgen::prelude::*;

// The default allocator (dlmalloc), not the first-load module's lol_alloc: its
// free list makes each `dealloc` linear in the number of free blocks, which took
// most of a clock step on a 500-node cluster (measured with the CPU profiler).

/// Takes over the page from the first-load module, starting from its session;
/// `embed`: the page is in embed mode (`?embed`), which opens its link and keeps
/// nothing.
#[wasm_bindgen]
pub fn start_full(session: String, embed: bool) {
    yew::Renderer::<App>::with_props(AppProps {
        session: Some(Rc::from(session)),
        keep: !embed,
        embed,
    })
    .render();
}

fn main() {
    taintlab_ui::crash::install(taintlab_full::sharing::crashed);
}
