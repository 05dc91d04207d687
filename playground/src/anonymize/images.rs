//! Placeholders for container images (`image-k3fq9a`) that keep what the
//! simulation reads of an image.
//!
//! An image's name can tell a private registry or product, so every image is
//! replaced. But the simulated registry gives each image a size from a hash of
//! its name (`taintlab_core::names::image_size`), and ImageLocality scores nodes
//! that hold a pod's images by those sizes: a placeholder of another size could
//! tip a close choice between nodes. So each placeholder is chosen to have the
//! same size: `image-` and six letters, the last three found by running the hash
//! (FNV-1a, whose steps can be undone) backwards from each hash value of that
//! size, the first three by looking the meeting point up among every way the
//! hash can go forwards. About 130,000 steps per image, and the same answer on
//! every machine.
//!
//! `X:latest` next to an untagged `X` becomes the placeholder of `X` with
//! `:latest`, as ImageLocality takes an untagged image for its `:latest`.

use std::collections::{BTreeSet, HashMap, HashSet};

const PREFIX: &str = "image-";
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
const OFFSET: u32 = 0x811c_9dc5;
const PRIME: u32 = 0x0100_0193;
/// `PRIME`'s inverse modulo 2^32, so that a step can be undone.
const PRIME_INVERSE: u32 = inverse(PRIME);
/// Sizes are `5_000_000 + hash % SIZES` bytes.
const SIZES: u64 = 60_000_000;
/// The filter over the forward states: their low 20 bits.
const FILTER_BITS: u32 = 20;

/// The inverse of odd `a` modulo 2^32 (Newton's iteration, five rounds).
const fn inverse(a: u32) -> u32 {
    let mut x = a;
    let mut round = 0;
    while round < 5 {
        x = x.wrapping_mul(2u32.wrapping_sub(a.wrapping_mul(x)));
        round += 1;
    }
    x
}

fn step(hash: u32, byte: u8) -> u32 {
    (hash ^ u32::from(byte)).wrapping_mul(PRIME)
}

/// Every hash after `image-` and three letters, sorted, with the letters, and a
/// filter that rules most hashes out before a search.
struct Forward {
    states: Vec<(u32, [u8; 3])>,
    filter: Vec<u64>,
}

impl Forward {
    fn new() -> Forward {
        let start = PREFIX.bytes().fold(OFFSET, step);
        let mut states = Vec::with_capacity(ALPHABET.len().pow(3));
        for a in ALPHABET {
            for b in ALPHABET {
                for c in ALPHABET {
                    states.push((step(step(step(start, *a), *b), *c), [*a, *b, *c]));
                }
            }
        }
        // Stable: of two ways to the same hash, the first in letter order wins.
        states.sort_by_key(|(hash, _)| *hash);
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        for (hash, _) in &states {
            let bit = hash & ((1 << FILTER_BITS) - 1);
            if let Some(word) = filter.get_mut((bit >> 6) as usize) {
                *word |= 1 << (bit & 63);
            }
        }
        Forward { states, filter }
    }

    /// The letters that lead to `hash`, if any.
    fn letters(&self, hash: u32) -> Option<[u8; 3]> {
        let bit = hash & ((1 << FILTER_BITS) - 1);
        let word = self.filter.get((bit >> 6) as usize)?;
        if word & (1 << (bit & 63)) == 0 {
            return None;
        }
        let at = self.states.partition_point(|(h, _)| *h < hash);
        self.states
            .get(at)
            .filter(|(h, _)| *h == hash)
            .map(|(_, letters)| *letters)
    }

    /// The first placeholder, in a fixed order, whose size is `image`'s and
    /// that `used` does not hold.
    fn same_size(&self, image: &str, used: &HashSet<String>) -> Option<String> {
        let residue = u64::from(taintlab_core::names::fnv32a(image)) % SIZES;
        let mut target = residue;
        while target <= u64::from(u32::MAX) {
            let end = target as u32;
            for c in ALPHABET {
                let before_c = end.wrapping_mul(PRIME_INVERSE) ^ u32::from(*c);
                for b in ALPHABET {
                    let before_b = before_c.wrapping_mul(PRIME_INVERSE) ^ u32::from(*b);
                    for a in ALPHABET {
                        let before_a = before_b.wrapping_mul(PRIME_INVERSE) ^ u32::from(*a);
                        if let Some(first) = self.letters(before_a) {
                            let mut name = String::with_capacity(PREFIX.len() + 6);
                            name.push_str(PREFIX);
                            name.extend(first.iter().chain([a, b, c]).map(|b| char::from(*b)));
                            if !used.contains(&name) {
                                return Some(name);
                            }
                        }
                    }
                }
            }
            target += SIZES;
        }
        None
    }
}

/// A placeholder for each of `images`.
pub(crate) fn placeholders(images: &BTreeSet<String>) -> HashMap<String, String> {
    let mut out = HashMap::with_capacity(images.len());
    if images.is_empty() {
        return out;
    }
    let forward = Forward::new();
    let mut used = HashSet::with_capacity(images.len());
    let latest = |image: &String| {
        image
            .strip_suffix(":latest")
            .filter(|bare| {
                images.contains(*bare) && !bare.rsplit('/').next().unwrap_or("").contains(':')
            })
            .map(str::to_string)
    };
    for (i, image) in images.iter().enumerate() {
        if latest(image).is_some() {
            continue;
        }
        let name = forward
            .same_size(image, &used)
            .unwrap_or_else(|| format!("{PREFIX}{}", i + 1));
        used.insert(name.clone());
        out.insert(image.clone(), name);
    }
    for image in images {
        if let Some(bare) = latest(image)
            && let Some(name) = out.get(&bare).cloned()
        {
            out.insert(image.clone(), format!("{name}:latest"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::names::image_size;

    #[test]
    fn the_inverse_undoes_a_step() {
        assert_eq!(PRIME.wrapping_mul(PRIME_INVERSE), 1);
    }

    #[test]
    fn placeholders_have_the_size_of_their_image() {
        let images: BTreeSet<String> = [
            "nginx:1.27",
            "registry.acme.io/shop/api:2.1",
            "busybox",
            "busybox:latest",
            "fluent/fluent-bit:3.1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let got = placeholders(&images);
        assert_eq!(got.len(), images.len());
        for image in &images {
            let placeholder = &got[image];
            assert!(placeholder.starts_with("image-"), "{placeholder}");
            if image != "busybox:latest" {
                assert_eq!(
                    image_size(placeholder),
                    image_size(image),
                    "{image} -> {placeholder}"
                );
            }
        }
        assert_eq!(got["busybox:latest"], format!("{}:latest", got["busybox"]));
        let distinct: HashSet<&String> = got.values().collect();
        assert_eq!(distinct.len(), got.len());
        assert_eq!(got, placeholders(&images), "the same every time");
    }
}
