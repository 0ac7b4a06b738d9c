//! Side-by-side harnesses: faaskit binaries against the same functions written on raw
//! `lambda_runtime` and bare `axum`, run in one process, alternating, and reported as ratios.
//!
//! The binaries of this crate: `runtime-overhead` (invocations per second through a Runtime API
//! peer), `instructions` (instructions per invocation or request, counted by callgrind), `startup` (process start to first answered invocation, peak RSS), `local-load`
//! (requests per second and latency of a local server, also the load test of good and bad
//! requests), and the raw references (`raw-hello`, `raw-s3-inventory`, `raw-sqs-orders`,
//! `raw-dynamodb-audit`, `axum-hello`). `raw-hello-logged`, `raw-hello` with its logs set up as
//! `cargo lambda new` writes it, is a package of its own (`bench/logged-reference`).
//! `bench/run.sh` builds them in release and runs them all; `bench/size.sh` compares the
//! stripped sizes of `hello` and the raw hellos under several release profiles.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use faaskit::testing::RuntimeApiPeer;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A result of a harness, reported on its own line.
pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The median of `values` (0 when empty).
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// The `q` quantile (0..=1) of `values`, nearest rank (0 when empty).
pub fn quantile(values: &mut [Duration], q: f64) -> Duration {
    if values.is_empty() {
        return Duration::ZERO;
    }
    values.sort_unstable();
    let rank = ((values.len() as f64 * q).ceil() as usize).clamp(1, values.len());
    values[rank - 1]
}

/// The peak resident set size of process `pid` so far (`VmHWM`), in KiB.
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    proc_status_kib(pid, "VmHWM:")
}

/// The CPU time process `pid` has used so far, all its threads together, in nanoseconds: the
/// first field of each `/proc/PID/task/TID/schedstat`, which the scheduler keeps to the
/// nanosecond (`/proc/PID/stat` counts in 10 ms ticks, too coarse for a few thousand
/// invocations).
pub fn cpu_time_ns(pid: u32) -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let schedstat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += schedstat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// The current resident set size of process `pid` (`VmRSS`), in KiB.
pub fn rss_kib(pid: u32) -> Option<u64> {
    proc_status_kib(pid, "VmRSS:")
}

fn proc_status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Starts `binary` in Lambda mode against `peer`, logs discarded.
///
/// # Errors
///
/// When the binary cannot be started.
pub fn spawn_lambda(binary: &Path, peer: &RuntimeApiPeer, function_name: &str) -> Result<Child> {
    spawn_lambda_command(Command::new(binary), binary, peer, function_name)
}

/// Starts `command` (which runs `binary`, possibly under a tool such as valgrind) in Lambda mode
/// against `peer`, logs discarded.
///
/// # Errors
///
/// When the command cannot be started.
pub fn spawn_lambda_command(
    mut command: Command,
    binary: &Path,
    peer: &RuntimeApiPeer,
    function_name: &str,
) -> Result<Child> {
    let child = command
        .envs(peer.lambda_environment(function_name))
        .env("AWS_LAMBDA_LOG_LEVEL", "warn")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|err| format!("cannot start {}: {err}", binary.display()))?;
    Ok(child)
}

/// Starts `binary` as a local server on an ephemeral loopback port and waits for the
/// `listening on http://ADDR` line it prints.
///
/// # Errors
///
/// When the binary cannot be started or does not announce its address within 30 s.
pub async fn spawn_local(binary: &Path, envs: &[(&str, &str)]) -> Result<(Child, SocketAddr)> {
    let mut child = Command::new(binary)
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .env("FAASKIT_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|err| format!("cannot start {}: {err}", binary.display()))?;
    let stderr = child.stderr.take().ok_or("stderr is piped")?;
    let mut lines = BufReader::new(stderr).lines();
    let addr = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await? {
            if let Some(addr) = listening_address(&line) {
                return Ok::<_, std::io::Error>(Some(addr));
            }
        }
        Ok(None)
    })
    .await
    .map_err(|_| format!("{} did not announce its address in 30 s", binary.display()))??
    .ok_or_else(|| format!("{} exited before listening", binary.display()))?;
    // Keep draining its logs so it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok((child, addr))
}

/// Starts `binary` as a local server with logs off (`RUST_LOG=off`), on a loopback port picked
/// here, and waits until it accepts connections.
///
/// # Errors
///
/// When the binary cannot be started or does not accept connections within 30 s.
pub async fn spawn_local_quiet(binary: &Path, envs: &[(&str, &str)]) -> Result<(Child, SocketAddr)> {
    spawn_local_quiet_command(Command::new(binary), binary, envs).await
}

/// Like [`spawn_local_quiet`], with `command` running `binary` (possibly under a tool such as
/// valgrind).
///
/// # Errors
///
/// When the command cannot be started or does not accept connections within 30 s.
pub async fn spawn_local_quiet_command(
    mut command: Command,
    binary: &Path,
    envs: &[(&str, &str)],
) -> Result<(Child, SocketAddr)> {
    let addr = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let child = command
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .env("FAASKIT_ADDR", addr.to_string())
        .env("RUST_LOG", "off")
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|err| format!("cannot start {}: {err}", binary.display()))?;
    let started = std::time::Instant::now();
    while tokio::net::TcpStream::connect(addr).await.is_err() {
        if started.elapsed() > Duration::from_secs(30) {
            return Err(format!("{} does not accept connections on {addr} after 30 s", binary.display()).into());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok((child, addr))
}

/// The address in a `listening on http://ADDR` log line.
pub fn listening_address(line: &str) -> Option<SocketAddr> {
    let rest = &line[line.find("listening on http://")? + "listening on http://".len()..];
    rest.split(|c: char| c.is_whitespace() || c == '"').next()?.parse().ok()
}

/// Formats a ratio `faaskit / reference` with its reading.
pub fn ratio(faaskit: f64, reference: f64) -> String {
    if reference == 0.0 { "n/a".into() } else { format!("{:.3}", faaskit / reference) }
}

/// The ratio `faaskit / reference` of rounds run in alternating order, balanced for position.
///
/// Round `i` measured both sides, one after the other, and the order alternates between rounds.
/// On this machine the side that runs first in a round is several percent faster, so with an odd
/// number of rounds, or a median per side, one side gets the better slot more often. Here each
/// pair of rounds `(2k, 2k + 1)` puts each side once in each slot; a pair's ratio is the
/// geometric mean of its two per-round ratios, and the result is the median over pairs. A last
/// unpaired round is left out. 0 when there is no complete pair.
///
/// # Examples
///
/// ```
/// // Whichever side runs first is 10% faster; the sides are equal.
/// let faaskit = [90.0, 110.0, 90.0, 110.0];
/// let reference = [110.0, 90.0, 110.0, 90.0];
/// assert!((faaskit_bench::paired_ratio(&faaskit, &reference) - 1.0).abs() < 1e-9);
/// ```
pub fn paired_ratio(faaskit: &[f64], reference: &[f64]) -> f64 {
    let per_round: Vec<f64> = faaskit.iter().zip(reference).map(|(f, r)| f / r).collect();
    let pairs: Vec<f64> = per_round.chunks_exact(2).map(|pair| (pair[0] * pair[1]).sqrt()).collect();
    median(&pairs)
}

/// `rounds` rounded up to an even number, so that every round has its pair (see [`paired_ratio`]).
pub fn even_rounds(rounds: usize) -> usize {
    rounds.max(2).next_multiple_of(2)
}

/// The payload `--payload FILE` names, or `{"name":"Ana"}` (the event of the `hello` functions).
///
/// # Errors
///
/// When the file cannot be read.
pub fn payload_arg() -> Result<bytes::Bytes> {
    match arg("--payload", String::new()) {
        path if path.is_empty() => Ok(bytes::Bytes::from_static(br#"{"name":"Ana"}"#)),
        path => Ok(std::fs::read(&path).map_err(|err| format!("cannot read {path}: {err}"))?.into()),
    }
}

/// Checks that faaskit answered as its reference did: the same JSON value, or, for answers
/// that are not both JSON (a plain-text HTTP body), the same bytes.
///
/// # Errors
///
/// Both answers, when they differ.
pub fn same_answer(reference: &[u8], faaskit: &[u8]) -> Result<()> {
    let as_json = |answer: &[u8]| serde_json::from_slice::<serde_json::Value>(answer).ok();
    let same = match (as_json(reference), as_json(faaskit)) {
        (Some(reference), Some(faaskit)) => reference == faaskit,
        _ => reference == faaskit,
    };
    if same {
        return Ok(());
    }
    let (reference, faaskit) = (String::from_utf8_lossy(reference), String::from_utf8_lossy(faaskit));
    Err(format!("the answers differ:\n  reference {reference}\n  faaskit   {faaskit}").into())
}

/// Reads `--name value` from the command line, or `default`.
pub fn arg<T: std::str::FromStr>(name: &str, default: T) -> T {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|arg| arg == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// Reads `--name value` from the command line.
///
/// # Errors
///
/// When it is missing.
pub fn required_arg(name: &str) -> Result<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|arg| arg == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .ok_or_else(|| format!("missing {name} <value>").into())
}

/// Times `f`.
pub async fn timed<F: std::future::Future>(f: F) -> (F::Output, Duration) {
    let started = Instant::now();
    let output = f.await;
    (output, started.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_quantiles() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        let mut values: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(quantile(&mut values, 0.5), Duration::from_millis(50));
        assert_eq!(quantile(&mut values, 0.99), Duration::from_millis(99));
    }

    #[test]
    fn reads_the_announced_address() {
        let line = "2026-11-23T04:00:00Z  INFO faaskit local server listening on http://127.0.0.1:4321";
        assert_eq!(listening_address(line), Some("127.0.0.1:4321".parse().unwrap()));
        assert_eq!(listening_address("listening on http://127.0.0.1:80 (axum)"), Some("127.0.0.1:80".parse().unwrap()));
        assert_eq!(listening_address("nothing here"), None);
    }

    #[test]
    fn paired_ratio_cancels_the_position_of_each_side() {
        // faaskit 5% slower, and whoever runs first (faaskit in even rounds) gains 10%.
        let faaskit = [95.0 * 1.1, 95.0, 95.0 * 1.1, 95.0, 95.0 * 1.1];
        let reference = [100.0, 110.0, 100.0, 110.0, 100.0];
        assert!((paired_ratio(&faaskit, &reference) - 0.95).abs() < 1e-9);
        // The per-side medians of the same rounds would say 1.045 (faaskit has 3 of 5 first slots).
        assert!((median(&faaskit) / median(&reference) - 1.045).abs() < 1e-9);
        assert_eq!(paired_ratio(&[1.0], &[1.0]), 0.0);
    }

    #[test]
    fn rounds_are_even() {
        assert_eq!(even_rounds(0), 2);
        assert_eq!(even_rounds(7), 8);
        assert_eq!(even_rounds(8), 8);
    }

    #[test]
    fn answers_compare_as_json_or_as_bytes() {
        assert!(same_answer(br#"{"a": 1, "b": 2}"#, br#"{"b":2,"a":1}"#).is_ok());
        assert!(same_answer(b"Hello, Ana!", b"Hello, Ana!").is_ok());
        let err = same_answer(br#"{"a":1}"#, br#"{"a":2}"#).expect_err("different values");
        assert!(err.to_string().contains(r#"faaskit   {"a":2}"#), "{err}");
        assert!(same_answer(b"Hello, Ana!", b"Hello, Bo!").is_err());
    }
}
