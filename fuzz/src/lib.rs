//! taintlab's fuzzer, for the stable toolchain: a seeded, deterministic loop over
//! inputs generated with the `arbitrary` crate and mutated from a corpus kept in
//! the repository (`fuzz/corpus/TARGET/`). Every input runs under
//! `catch_unwind` and a watchdog; a panic, a hang or runaway memory is reported
//! with the input as a Rust string literal, ready for a regression test.
//!
//! `cargo xtask fuzz [--minutes N] [--target NAME]` runs it; `cargo xtask test`
//! runs a short, fixed number of inputs per target.

pub mod corpus;
pub mod engine;
pub mod generate;
pub mod guard;
pub mod mutate;
pub mod report;
pub mod rng;
pub mod seeds;
pub mod targets;
