//! The automaton `grep` matches a line with: Thompson's construction for the
//! sequences of pieces taintlab's patterns are made of, simulated with bit sets
//! (one bit per state, 64 states a word), so every character of the line costs
//! the same few word operations whatever the pattern and the line hold. No
//! backtracking: time is linear in the line, at most the number of states / 64
//! words per character.
//!
//! State `i` of a branch means "its pieces from `i` on are left to match"; the
//! state after its last piece is its final state. A piece that may be skipped
//! (`x?`, `x*`) lets a thread move on without reading; the shift-and-add below
//! moves every thread over such runs at once.

use std::cell::RefCell;

/// How often a piece's atom is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Times {
    /// Exactly once.
    Once,
    /// Once or not at all (`?`).
    Optional,
    /// Any number of times (`*`).
    Repeated,
}

/// One piece: the characters its atom matches, as inclusive code point ranges,
/// and how often it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    pub ranges: Vec<(u32, u32)>,
    pub times: Times,
}

/// One alternative: its steps and its anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sequence {
    pub steps: Vec<Step>,
    /// `^`: only from the start of the line.
    pub start: bool,
    /// `$`: only to its end.
    pub end: bool,
}

/// The alternatives of a pattern set, compiled into one bit-parallel automaton.
#[derive(Debug, Clone, Default)]
pub(crate) struct Automaton {
    /// Words per state set.
    words: usize,
    /// Where the character classes change: segment `j` is the code points from
    /// `bounds[j]` up to the next bound.
    bounds: Vec<u32>,
    /// For each segment, the states whose atom matches its characters.
    reads: Vec<u64>,
    /// The segment of each ASCII character, for the common case.
    ascii: Vec<usize>,
    /// States of `*` pieces, which stay where they are after reading.
    stays: Vec<u64>,
    /// States of `?` and `*` pieces, which a thread may skip.
    skips: Vec<u64>,
    /// Where a thread starts (with what it may skip at once): anywhere, or only
    /// at the start of the line (`^`).
    starts: Vec<u64>,
    starts_at_line_start: Vec<u64>,
    /// Final states: anywhere, or only at the end of the line (`$`).
    finals: Vec<u64>,
    finals_at_line_end: Vec<u64>,
    /// The two state sets of [`Automaton::matches`], kept from line to line.
    scratch: RefCell<Vec<u64>>,
}

/// The highest code point.
const MAX_CHAR: u32 = 0x10_FFFF;

fn set(bits: &mut [u64], state: usize) {
    if let Some(word) = bits.get_mut(state / 64) {
        *word |= 1 << (state % 64);
    }
}

fn any(bits: &[u64]) -> bool {
    bits.iter().any(|w| *w != 0)
}

fn meets(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).any(|(x, y)| x & y != 0)
}

impl Automaton {
    /// The automaton of `sequences`: `states` of them (each step and each
    /// final state), for the caller to have bounded.
    pub fn new(sequences: &[Sequence]) -> Automaton {
        let states: usize = sequences.iter().map(|s| s.steps.len() + 1).sum();
        let words = states.div_ceil(64).max(1);
        let mut bounds = vec![0u32];
        for step in sequences.iter().flat_map(|s| &s.steps) {
            for (lo, hi) in &step.ranges {
                bounds.push(*lo);
                if *hi < MAX_CHAR {
                    bounds.push(hi + 1);
                }
            }
        }
        bounds.sort_unstable();
        bounds.dedup();
        let segment = |c: u32| bounds.partition_point(|b| *b <= c).saturating_sub(1);
        let mut a = Automaton {
            words,
            reads: vec![0; bounds.len() * words],
            ascii: (0..128).map(segment).collect(),
            stays: vec![0; words],
            skips: vec![0; words],
            starts: vec![0; words],
            starts_at_line_start: vec![0; words],
            finals: vec![0; words],
            finals_at_line_end: vec![0; words],
            scratch: RefCell::new(vec![0; 2 * words]),
            bounds: Vec::new(),
        };
        let mut state = 0;
        for sequence in sequences {
            let first = state;
            for step in &sequence.steps {
                for (lo, hi) in &step.ranges {
                    for j in segment(*lo)..=segment(*hi) {
                        if let Some(row) = a.reads.get_mut(j * words..(j + 1) * words) {
                            set(row, state);
                        }
                    }
                }
                match step.times {
                    Times::Once => {}
                    Times::Optional => set(&mut a.skips, state),
                    Times::Repeated => {
                        set(&mut a.skips, state);
                        set(&mut a.stays, state);
                    }
                }
                state += 1;
            }
            let finals = if sequence.end {
                &mut a.finals_at_line_end
            } else {
                &mut a.finals
            };
            set(finals, state);
            state += 1;
            let mut start = vec![0; words];
            set(&mut start, first);
            a.close(&mut start);
            let starts = if sequence.start {
                &mut a.starts_at_line_start
            } else {
                &mut a.starts
            };
            for (s, w) in starts.iter_mut().zip(&start) {
                *s |= w;
            }
        }
        a.bounds = bounds;
        a
    }

    /// Adds to `threads` every state they reach by skipping optional pieces:
    /// within each run of skippable states, a thread in it reaches the rest of
    /// the run and the state after it. Adding the threads to the run's bits
    /// carries from the lowest thread to just past the run, and the bits that
    /// changed are exactly those states.
    fn close(&self, threads: &mut [u64]) {
        let mut carry = false;
        for (t, skip) in threads.iter_mut().zip(&self.skips) {
            let (sum, c1) = skip.overflowing_add(*t & skip);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *t |= sum ^ skip;
        }
    }

    /// The states that read `c`.
    fn reading(&self, c: char) -> &[u64] {
        let code = u32::from(c);
        let j = match self.ascii.get(code as usize) {
            Some(j) => *j,
            None => self
                .bounds
                .partition_point(|b| *b <= code)
                .saturating_sub(1),
        };
        self.reads
            .get(j * self.words..(j + 1) * self.words)
            .unwrap_or(&[])
    }

    /// Whether a sequence matches in `chars`. With `whole_words`, threads start
    /// only where `is_word` does not continue from the left, and end only after
    /// reading something where it does not continue to the right (GNU grep's
    /// retry of shorter and later matches finds the same).
    pub fn matches(
        &self,
        chars: &[char],
        whole_words: bool,
        is_word: impl Fn(char) -> bool,
    ) -> bool {
        match self.scratch.try_borrow_mut() {
            Ok(mut sets) => self.run(chars, whole_words, is_word, &mut sets),
            Err(_) => self.run(chars, whole_words, is_word, &mut vec![0; 2 * self.words]),
        }
    }

    fn run(
        &self,
        chars: &[char],
        whole_words: bool,
        is_word: impl Fn(char) -> bool,
        sets: &mut [u64],
    ) -> bool {
        let word = |i: usize| chars.get(i).is_some_and(|c| is_word(*c));
        let (read, live) = sets.split_at_mut(self.words.min(sets.len()));
        read.fill(0);
        let anywhere = any(&self.starts);
        for at in 0..=chars.len() {
            let may_start = !(whole_words && at > 0 && word(at - 1));
            let may_end = !(whole_words && word(at));
            // `live`: the threads now; `read`, those that have read something.
            for (l, r) in live.iter_mut().zip(read.iter()) {
                *l = *r;
            }
            if may_start {
                let fresh = self.starts.iter().zip(&self.starts_at_line_start);
                for (l, (s, s0)) in live.iter_mut().zip(fresh) {
                    *l |= s | if at == 0 { *s0 } else { 0 };
                }
            }
            // Without -w an empty match counts; with it a match reads something.
            let ended: &[u64] = if whole_words { read } else { live };
            if may_end
                && (meets(ended, &self.finals)
                    || (at == chars.len() && meets(ended, &self.finals_at_line_end)))
            {
                return true;
            }
            let Some(&c) = chars.get(at) else {
                break;
            };
            // Read `c`: `*` states stay, the others move on one state.
            let reading = self.reading(c);
            let mut shifted_out = 0;
            for i in 0..self.words {
                let (l, r, stay) = (
                    live.get(i).copied().unwrap_or(0),
                    reading.get(i).copied().unwrap_or(0),
                    self.stays.get(i).copied().unwrap_or(0),
                );
                let moved = l & r;
                let advance = moved & !stay;
                if let Some(slot) = read.get_mut(i) {
                    *slot = (moved & stay) | (advance << 1) | shifted_out;
                }
                shifted_out = advance >> 63;
            }
            self.close(read);
            if !anywhere && !any(read) {
                // Every sequence is anchored at the start: none can begin later.
                return false;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(c: char, times: Times) -> Step {
        Step {
            ranges: vec![(u32::from(c), u32::from(c))],
            times,
        }
    }

    fn sequence(steps: Vec<Step>) -> Sequence {
        Sequence {
            steps,
            start: false,
            end: false,
        }
    }

    #[test]
    fn skipping_carries_over_runs_and_words() {
        // Seventy optional pieces then `b`: a run of skippable states that
        // crosses from one word into the next.
        let mut steps: Vec<Step> = (0..70).map(|_| step('a', Times::Optional)).collect();
        steps.push(step('b', Times::Once));
        let a = Automaton::new(&[sequence(steps)]);
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(a.matches(&chars("b"), false, char::is_alphanumeric));
        assert!(a.matches(
            &chars(&format!("{}b", "a".repeat(70))),
            true,
            char::is_alphanumeric
        ));
        assert!(!a.matches(
            &chars(&format!("{}b", "a".repeat(71))),
            true,
            char::is_alphanumeric
        ));
        assert!(!a.matches(&chars("a"), false, char::is_alphanumeric));
    }
}
