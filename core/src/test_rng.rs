//! Deterministic random numbers for tests: xorshift64*, small and seeded (no `rand`
//! crate), so that a fuzz-style test fails the same way every run, in any crate.

/// xorshift64* from a seed.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    // Not `Iterator`: the generator never ends, and tests call `next` for bare
    // numbers, not `Option`s.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}
