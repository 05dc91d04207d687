//! Deterministic names and UIDs, seeded, so the same inputs give the same cluster.

/// Upstream's alphabet for generated name suffixes (`k8s.io/apimachinery/pkg/util/rand`):
/// no vowels and no confusable characters.
const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// The length of a `generateName` suffix (`names.SimpleNameGenerator`).
const SUFFIX_LEN: usize = 5;

/// A seeded generator (splitmix64) for name suffixes and UIDs, and the counter
/// behind `resourceVersion`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameGenerator {
    state: u64,
    resource_version: u64,
}

impl NameGenerator {
    /// A generator with a fixed seed.
    pub fn new(seed: u64) -> NameGenerator {
        NameGenerator {
            state: seed,
            resource_version: 0,
        }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Models `names.SimpleNameGenerator.GenerateName`: the prefix plus five characters.
    pub fn generate_name(&mut self, prefix: &str) -> String {
        let mut name = prefix.to_string();
        for _ in 0..SUFFIX_LEN {
            let i = (self.next_u64() % ALPHANUMS.len() as u64) as usize;
            name.push(char::from(ALPHANUMS[i]));
        }
        name
    }

    /// The next `resourceVersion` (etcd's revision, in spirit: one counter for all).
    pub fn resource_version(&mut self) -> u64 {
        self.resource_version += 1;
        self.resource_version
    }

    /// A version-4-shaped UID.
    pub fn uid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        // Written digit by digit: every pod gets one, and `format!` padding is slow.
        let mut uid = String::with_capacity(36);
        push_hex(&mut uid, a >> 32, 8);
        uid.push('-');
        push_hex(&mut uid, (a >> 16) & 0xffff, 4);
        uid.push_str("-4");
        push_hex(&mut uid, a & 0xfff, 3);
        uid.push('-');
        push_hex(&mut uid, ((b >> 48) & 0x3fff) | 0x8000, 4);
        uid.push('-');
        push_hex(&mut uid, b & 0xffff_ffff_ffff, 12);
        uid
    }
}

/// Appends the low `digits` hex digits of `value`, zero-padded.
fn push_hex(out: &mut String, value: u64, digits: u32) {
    for shift in (0..digits).rev() {
        let nibble = (value >> (shift * 4)) & 0xf;
        out.push(char::from(b"0123456789abcdef"[nibble as usize]));
    }
}

/// Models `controller.ComputeHash` + `rand.SafeEncodeString`: a short, stable hash of
/// a pod template, shaped like upstream's `pod-template-hash` (`6d8b7c9f5b`).
pub fn compute_hash(template: &crate::api::PodTemplateSpec) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = Fnv32a(0x811c_9dc5);
    template.hash(&mut hasher);
    (hasher.finish() as u32)
        .to_string()
        .bytes()
        .map(|b| char::from(ALPHANUMS[usize::from(b) % ALPHANUMS.len()]))
        .collect()
}

/// FNV-1a, 128 bits, as 32 hex digits: the shape of a static pod's UID and config hash.
pub fn fnv128a_hex(text: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let hash = text
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME));
    format!("{hash:032x}")
}

/// Five characters of upstream's suffix alphabet, stable for `seed`: where
/// upstream takes random ones (`utilrand.String(5)`) and taintlab must give the
/// same result for the same input.
pub fn stable_suffix(seed: &str) -> String {
    let mut hash = u64::from(fnv32a(seed));
    (0..SUFFIX_LEN)
        .map(|_| {
            let i = (hash % ALPHANUMS.len() as u64) as usize;
            hash /= ALPHANUMS.len() as u64;
            char::from(ALPHANUMS[i])
        })
        .collect()
}

/// A plausible, stable size in bytes for an image the simulated registry serves.
pub fn image_size(image: &str) -> u64 {
    5_000_000 + u64::from(fnv32a(image)) % 60_000_000
}

/// FNV-1a as a `Hasher`, so templates hash without formatting them first.
struct Fnv32a(u32);

impl std::hash::Hasher for Fnv32a {
    fn finish(&self) -> u64 {
        u64::from(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u32::from(*byte)).wrapping_mul(0x0100_0193);
        }
    }
}

/// FNV-1a, 32 bits: a stable hash for template revisions.
pub fn fnv32a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_version_4_shaped() {
        let mut generator = NameGenerator::new(7);
        let mut twin = NameGenerator::new(7);
        for _ in 0..100 {
            let (a, b) = (twin.next_u64(), twin.next_u64());
            let expected = format!(
                "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                a >> 32,
                (a >> 16) & 0xffff,
                a & 0xfff,
                ((b >> 48) & 0x3fff) | 0x8000,
                b & 0xffff_ffff_ffff
            );
            assert_eq!(generator.uid(), expected);
        }
    }

    #[test]
    fn names_are_deterministic_and_well_formed() {
        let mut a = NameGenerator::new(7);
        let mut b = NameGenerator::new(7);
        let name = a.generate_name("redis-ds-");
        assert_eq!(name, b.generate_name("redis-ds-"));
        assert_eq!(name.len(), "redis-ds-".len() + 5);
        assert!(
            name["redis-ds-".len()..]
                .bytes()
                .all(|c| ALPHANUMS.contains(&c))
        );
        assert_ne!(a.generate_name("x-"), a.generate_name("x-"));
        let uid = a.uid();
        assert_eq!(uid.len(), 36);
        assert_eq!(uid.matches('-').count(), 4);
    }
}
