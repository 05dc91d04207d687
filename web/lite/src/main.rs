//! The first-load module: mounts the first-load [`app::App`] on `<body>`, and
//! hands over to the full module (`web/full`) through [`loader`].
//!
//! It depends on `taintlab-ui` and `taintlab-core` only, so what the page
//! loads first (a size budget, `xtask/src/dist.rs`) cannot pull in the full
//! module's code by accident: Cargo enforces the boundary.

mod app;
mod diagnostics;
mod editor;
mod loader;
mod state;

/// A small free-list allocator instead of dlmalloc: the page's first load has a
/// size budget, and the page runs on one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: WebAssembly in the browser runs this module on a single thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

fn main() {
    taintlab_ui::crash::install(loader::crashed);
    yew::Renderer::<app::App>::new().render();
}
