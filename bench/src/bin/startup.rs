//! Start-up and memory: time from process start to the first answered invocation, and peak RSS
//! after a run of invocations, for a faaskit binary and its raw reference, alternating.
//!
//! ```text
//! startup --raw target/release/raw-hello --faaskit target/release/hello \
//!     [--axum target/release/axum-hello] [--runs 20] [--invocations 1000]
//! ```
//!
//! Lambda mode: the invocation is queued on a Runtime API peer before the process starts, and
//! the clock stops when its answer arrives. Both binaries are read whole before the first run, so
//! both are in the page cache alike. Local mode (faaskit against bare axum, when `--axum`
//! is given): the clock stops at the first answered Invoke API request.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use faaskit::testing::{LocalClient, Outcome, RuntimeApiPeer};
use faaskit_bench::{Result, arg, median, peak_rss_kib, ratio, required_arg, spawn_lambda, spawn_local};

const PAYLOAD: &[u8] = br#"{"name":"Ana"}"#;

/// Milliseconds to the first answer, and peak RSS (KiB) after `invocations` more.
async fn lambda_run(binary: &Path, invocations: usize) -> Result<(f64, u64)> {
    let peer = RuntimeApiPeer::start().await?;
    let first = peer.enqueue(PAYLOAD);
    let started = Instant::now();
    let child = spawn_lambda(binary, &peer, "startup")?;
    let outcome = tokio::time::timeout(Duration::from_secs(30), first).await.map_err(|_| "no answer in 30 s")?;
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    if !matches!(outcome, Outcome::Response(_)) {
        return Err(format!("{}: {outcome:?}", binary.display()).into());
    }
    for _ in 0..invocations {
        peer.invoke(PAYLOAD).await;
    }
    let rss = child.id().and_then(peak_rss_kib).unwrap_or(0);
    Ok((elapsed, rss))
}

async fn local_run(binary: &Path) -> Result<f64> {
    let started = Instant::now();
    let (_child, addr) = spawn_local(binary, &[("RUST_LOG", "info")]).await?;
    let client = LocalClient::new(addr);
    let response = client.invoke("function", PAYLOAD).await.map_err(|err| err.to_string())?;
    if response.status != 200 {
        return Err(format!("{}: status {}", binary.display(), response.status).into());
    }
    Ok(started.elapsed().as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> Result<()> {
    let raw = PathBuf::from(required_arg("--raw")?);
    let faaskit = PathBuf::from(required_arg("--faaskit")?);
    let axum = arg("--axum", String::new());
    let runs = arg("--runs", 20usize);
    let invocations = arg("--invocations", 1000usize);
    // Each binary is read whole first, so all its pages are in the page cache: the kernel maps a
    // faulting page's cached neighbours too (fault-around), so a binary only partly cached (one
    // just linked, say) would show a smaller peak RSS than one just copied.
    for binary in [&raw, &faaskit] {
        std::fs::read(binary).map_err(|err| format!("{}: {err}", binary.display()))?;
    }

    let (mut raw_ms, mut faaskit_ms, mut raw_rss, mut faaskit_rss) = (vec![], vec![], vec![], vec![]);
    for run in 0..runs {
        let order = if run % 2 == 0 { [false, true] } else { [true, false] };
        for is_faaskit in order {
            let binary = if is_faaskit { &faaskit } else { &raw };
            let (ms, rss) = lambda_run(binary, invocations).await?;
            let (times, peaks) =
                if is_faaskit { (&mut faaskit_ms, &mut faaskit_rss) } else { (&mut raw_ms, &mut raw_rss) };
            times.push(ms);
            peaks.push(rss as f64);
        }
    }
    let (raw_start, faaskit_start) = (median(&raw_ms), median(&faaskit_ms));
    let (raw_peak, faaskit_peak) = (median(&raw_rss), median(&faaskit_rss));
    println!(
        "startup lambda-mode runs={runs}: raw {raw_start:.2} ms, faaskit {faaskit_start:.2} ms, difference {:+.2} ms",
        faaskit_start - raw_start
    );
    println!(
        "peak-rss lambda-mode after {invocations} invocations: raw {raw_peak:.0} KiB, faaskit {faaskit_peak:.0} KiB, ratio {}",
        ratio(faaskit_peak, raw_peak)
    );

    if !axum.is_empty() {
        let axum = PathBuf::from(axum);
        let (mut axum_ms, mut local_ms) = (vec![], vec![]);
        for run in 0..runs {
            if run % 2 == 0 {
                axum_ms.push(local_run(&axum).await?);
                local_ms.push(local_run(&faaskit).await?);
            } else {
                local_ms.push(local_run(&faaskit).await?);
                axum_ms.push(local_run(&axum).await?);
            }
        }
        let (axum_start, local_start) = (median(&axum_ms), median(&local_ms));
        println!(
            "startup local-mode runs={runs}: bare axum {axum_start:.2} ms, faaskit {local_start:.2} ms, difference {:+.2} ms",
            local_start - axum_start
        );
    }
    Ok(())
}
