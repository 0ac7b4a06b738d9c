//! Request ids for invocations faaskit starts itself (local server, tests): UUID v4 text.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// A fresh request id in the form Lambda uses: a lowercase, hyphenated version 4 UUID.
///
/// The random bits are drawn from the operating system once per process; each id mixes them
/// with a counter, so ids never repeat within a process and no id costs a system call (the
/// local server makes one per request).
pub(crate) fn fresh() -> String {
    static SEED: OnceLock<u128> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let seed = *SEED.get_or_init(|| uuid::Uuid::new_v4().as_u128());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // Each half is a bijection of the counter under its own random key, so distinct counters
    // give distinct ids (the version and variant bits take 4 bits of the high half and 2 of the
    // low one), and no two ids share a prefix.
    let (high_key, low_key) = ((seed >> 64) as u64, seed as u64);
    let bits = u128::from(mix(n ^ high_key)) << 64 | u128::from(mix(n ^ low_key));
    let uuid = uuid::Builder::from_random_bytes(bits.to_be_bytes()).into_uuid();
    // Encoded into a buffer, not through `Display`: the local server makes one id per request.
    let mut text = [0; uuid::fmt::Hyphenated::LENGTH];
    uuid.hyphenated().encode_lower(&mut text).to_owned()
}

/// SplitMix64's finaliser: a bijection on `u64` that spreads each input bit over the output.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn ids_are_v4_uuids() {
        let id = fresh();
        let parsed = uuid::Uuid::parse_str(&id).expect("a UUID");
        assert_eq!(parsed.get_version(), Some(uuid::Version::Random), "{id}");
        assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122, "{id}");
        assert_eq!(id, parsed.hyphenated().to_string(), "lowercase and hyphenated");
    }

    #[test]
    fn ids_do_not_repeat() {
        let ids: HashSet<String> = (0..100_000).map(|_| fresh()).collect();
        assert_eq!(ids.len(), 100_000);
    }

    #[test]
    fn consecutive_ids_differ_in_many_places() {
        let (a, b) = (fresh(), fresh());
        let differing = a.chars().zip(b.chars()).filter(|(x, y)| x != y).count();
        assert!(differing >= 16, "{a} and {b} look alike");
        assert_ne!(a[..8], b[..8], "{a} and {b} share a prefix");
    }
}
