//! The run every batch decode bench shares: faaskit, the raw types, and `IgnoredAny`, side by side.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};

/// Benchmarks `faaskit` against `raw` on a payload of each size, with `IgnoredAny` as the floor.
///
/// `payload(size)` builds the bytes for one size (records, or lines of detail); both decoders
/// return a checksum of what they read, so the compiler cannot skip the work. The group reports
/// throughput in bytes, so criterion prints MB/s for all three.
///
/// # Panics
///
/// If `faaskit` and `raw` disagree on a payload: the two must read the same thing.
pub(crate) fn compare(
    c: &mut Criterion,
    group: &str,
    payload: impl Fn(usize) -> Vec<u8>,
    faaskit: fn(&[u8]) -> usize,
    raw: fn(&[u8]) -> usize,
) {
    let mut group = c.benchmark_group(group);
    group.measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500)).sample_size(30);
    for size in [1, 10, 100] {
        let payload = payload(size);
        assert_eq!(faaskit(&payload), raw(&payload), "faaskit and raw read the same {size}-record payload");
        group.throughput(Throughput::Bytes(payload.len() as u64));
        group.bench_with_input(BenchmarkId::new("faaskit", size), &payload, |b, p| b.iter(|| faaskit(black_box(p))));
        group.bench_with_input(BenchmarkId::new("raw", size), &payload, |b, p| b.iter(|| raw(black_box(p))));
        group.bench_with_input(BenchmarkId::new("ignored_any", size), &payload, |b, p| {
            b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(p)).expect("JSON"))
        });
    }
    group.finish();
}
