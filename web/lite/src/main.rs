//! Entry point of the web app: mounts [`taintlab_web::App`] on `<body>`.

/// A small free-list allocator instead of dlmalloc: the page's first load has a
/// size budget, and the page runs on one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: WebAssembly in the browser runs this module on a single thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

fn main() {
    taintlab_web::crash::install();
    yew::Renderer::<taintlab_web::App>::new().render();
}
