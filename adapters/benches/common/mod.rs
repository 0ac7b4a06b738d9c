//! The run every batch decode bench shares: faaskit, the raw types, and `IgnoredAny`, side by side.

// Each bench uses part of this module: the HTTP bench only the interleaved report.
#![allow(dead_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};

/// Benchmarks `faaskit` against `raw` on a payload of each size, with `IgnoredAny` as the floor.
///
/// `payload(size)` builds the bytes for one size (records, or lines of detail); both decoders
/// return a checksum of what they read, so the compiler cannot skip the work. The group reports
/// throughput in bytes, so criterion prints MB/s for all three.
///
/// Criterion measures one function after the other, so a neighbour's load that comes and goes
/// skews their ratio. After the group, each size is measured again with the two decoders
/// alternating ([`interleaved`]), and that ratio is printed too; not under `--profile-time`, so
/// that a profile holds only the function the filter names.
///
/// # Panics
///
/// If `faaskit` and `raw` disagree on a payload: the two must read the same thing.
pub(crate) fn compare(
    c: &mut Criterion,
    name: &str,
    payload: impl Fn(usize) -> Vec<u8>,
    faaskit: fn(&[u8]) -> usize,
    raw: fn(&[u8]) -> usize,
) {
    let mut group = c.benchmark_group(name);
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
    if profiling() {
        return;
    }
    for size in [1, 10, 100] {
        let payload = payload(size);
        report_interleaved(&format!("{name}/{size}"), payload.as_slice(), payload.len(), faaskit, raw);
    }
}

/// Prints the [`interleaved`] throughputs and ratio of `faaskit` and `raw` on `payload`
/// (`bytes` long), as `label: interleaved, ...`; nothing under `--profile-time`.
pub(crate) fn report_interleaved<P: ?Sized>(
    label: &str,
    payload: &P,
    bytes: usize,
    faaskit: impl Fn(&P) -> usize,
    raw: impl Fn(&P) -> usize,
) {
    if profiling() {
        return;
    }
    let (faaskit_mbs, raw_mbs, ratio) = interleaved(payload, bytes, faaskit, raw);
    println!(
        "{label}: interleaved, faaskit {faaskit_mbs:.0} MB/s, raw {raw_mbs:.0} MB/s, faaskit/raw {ratio:.2}x (median of {ROUNDS} rounds)"
    );
}

/// Whether criterion runs with `--profile-time`, to be profiled: then only the function named by
/// the filter should run, not the interleaved rounds of both.
fn profiling() -> bool {
    std::env::args().any(|arg| arg == "--profile-time")
}

/// Rounds of [`interleaved`].
const ROUNDS: usize = 21;

/// The two decoders timed in alternating rounds of about 20 ms each, the first of each pair
/// alternating too: their medians in MB/s, and the median of the rounds' ratios (raw's time over
/// faaskit's), which a load that lasts more than one round cannot bias.
fn interleaved<P: ?Sized>(
    payload: &P,
    bytes: usize,
    faaskit: impl Fn(&P) -> usize,
    raw: impl Fn(&P) -> usize,
) -> (f64, f64, f64) {
    let start = Instant::now();
    black_box(faaskit(black_box(payload)));
    let runs = (Duration::from_millis(20).as_nanos() / start.elapsed().as_nanos().max(1)).clamp(1, 100_000) as u32;
    let time = |decode: &dyn Fn(&P) -> usize| {
        let start = Instant::now();
        for _ in 0..runs {
            black_box(decode(black_box(payload)));
        }
        start.elapsed().as_secs_f64() / f64::from(runs)
    };
    let (mut faaskit_times, mut raw_times, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (faaskit_time, raw_time) = if round % 2 == 0 {
            let faaskit_time = time(&faaskit);
            (faaskit_time, time(&raw))
        } else {
            let raw_time = time(&raw);
            (time(&faaskit), raw_time)
        };
        faaskit_times.push(faaskit_time);
        raw_times.push(raw_time);
        ratios.push(raw_time / faaskit_time);
    }
    let mbs = |seconds: f64| bytes as f64 / seconds / 1e6;
    (mbs(median(&mut faaskit_times)), mbs(median(&mut raw_times)), median(&mut ratios))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
