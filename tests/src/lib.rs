//! taintlab's cross-crate tests live in `tests/`: native scenario tests, and
//! browser tests (`tests/browser.rs`) that mount the real app in headless Chromium
//! through `cargo test --target wasm32-unknown-unknown` (see `cargo xtask test`).
