//! Entry point of the full module: the first-load module imports it and calls
//! [`start_full`] with its session.

use std::rc::Rc;
use taintlab_web::{App, AppProps};
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: WebAssembly in the browser runs this module on a single thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Takes over the page from the first-load module, starting from its session.
#[wasm_bindgen]
pub fn start_full(session: String) {
    yew::Renderer::<App>::with_props(AppProps {
        session: Some(Rc::from(session)),
        keep: true,
    })
    .render();
}

fn main() {}
