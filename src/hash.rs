//! FNV-1a, the one non-cryptographic hash of the crate: stable across builds and Rust versions
//! (Anki note ids, search shard boundaries depend on that) and fast on short keys (std's SipHash
//! guards against attacks that do not apply to an author's own text).

use std::hash::{BuildHasherDefault, Hasher};

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hasher = FnvHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// FNV-1a in 32 bits (the short site id that keys a learner's progress in the browser: it
/// must never change).
pub fn fnv1a_32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash: u32, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// FNV-1a as a `Hasher`, for maps and sets keyed by words and paths.
pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(OFFSET_BASIS)
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }
}

/// For `HashMap<K, V, Fnv>` and `HashSet<K, Fnv>`.
pub type Fnv = BuildHasherDefault<FnvHasher>;

#[cfg(test)]
mod tests {
    #[test]
    fn known_values() {
        // The published FNV-1a 64-bit test vectors.
        assert_eq!(super::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(super::fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(super::fnv1a_32(b""), 0x811c_9dc5);
        assert_eq!(super::fnv1a_32(b"a"), 0xe40c_292c);
        assert_eq!(super::fnv1a_32(b"foobar"), 0xbf9c_f968);
    }
}
