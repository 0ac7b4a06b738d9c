//! Invocations per second through a Lambda Runtime API peer: a faaskit binary against the same
//! function on raw `lambda_runtime`, both running, alternating rounds, in one process.
//!
//! ```text
//! runtime-overhead --raw target/release/raw-hello --faaskit target/release/hello \
//!     [--payload bench/payloads/hello.json] [--invocations 2000] [--rounds 6]
//! ```
//!
//! Each round drives `--invocations` sequential invocations through each binary (the order
//! alternates between rounds, and the rounds are rounded up to an even number); the report gives
//! each side's median invocations per second and the ratio faaskit / raw balanced for which side
//! ran first ([`faaskit_bench::paired_ratio`]). Both binaries must answer the payload identically.
//!
//! Throughput includes the peer and the scheduler, which a shared machine makes noisy; the
//! report also gives the CPU time each function process spent per invocation (its threads'
//! scheduler time over the round), which is what faaskit itself adds, and how many connections
//! it opened to its peer in each round (see `RuntimeApiPeer::connections`: a new connection
//! costs the function about a third of an invocation's instructions, ten times what faaskit
//! adds to one, and how often one is opened depends on timing).

use std::path::PathBuf;
use std::time::Instant;

use bytes::Bytes;
use faaskit::testing::{Outcome, RuntimeApiPeer};
use faaskit_bench::{
    Result, arg, cpu_time_ns, even_rounds, median, paired_ratio, payload_arg, required_arg, same_answer, spawn_lambda,
};

struct Side {
    label: &'static str,
    peer: RuntimeApiPeer,
    child: tokio::process::Child,
    rates: Vec<f64>,
    /// CPU microseconds per invocation, per round.
    cpu_us: Vec<f64>,
    /// Connections the function opened to its peer, per round.
    connections: Vec<usize>,
}

impl Side {
    /// The CPU time the function process has used so far, in nanoseconds.
    fn cpu_ns(&self) -> Result<u64> {
        let pid = self.child.id().ok_or("the function process has exited")?;
        cpu_time_ns(pid).ok_or_else(|| format!("cannot read the CPU time of process {pid}").into())
    }
}

async fn drive(peer: &RuntimeApiPeer, payload: &Bytes, invocations: usize) -> Result<f64> {
    let started = Instant::now();
    for _ in 0..invocations {
        if let Outcome::Error { body, .. } = peer.invoke(payload.clone()).await {
            return Err(format!("function error: {body}").into());
        }
    }
    Ok(invocations as f64 / started.elapsed().as_secs_f64())
}

async fn start(label: &'static str, binary: PathBuf, payload: &Bytes) -> Result<(Side, Outcome)> {
    let peer = RuntimeApiPeer::start().await?;
    let child = spawn_lambda(&binary, &peer, label)?;
    let first = peer.invoke(payload.clone()).await;
    Ok((Side { label, peer, child, rates: Vec::new(), cpu_us: Vec::new(), connections: Vec::new() }, first))
}

#[tokio::main]
async fn main() -> Result<()> {
    let raw = PathBuf::from(required_arg("--raw")?);
    let faaskit = PathBuf::from(required_arg("--faaskit")?);
    let payload = payload_arg()?;
    let invocations = arg("--invocations", 2000usize);
    let rounds = even_rounds(arg("--rounds", 6usize));

    let (raw_side, raw_first) = start("raw", raw.clone(), &payload).await?;
    let (faaskit_side, faaskit_first) = start("faaskit", faaskit.clone(), &payload).await?;
    let (Outcome::Response(raw_body), Outcome::Response(faaskit_body)) = (&raw_first, &faaskit_first) else {
        return Err(format!("a function failed: raw {raw_first:?}, faaskit {faaskit_first:?}").into());
    };
    same_answer(raw_body, faaskit_body)?;

    let mut sides = [raw_side, faaskit_side];
    for side in &sides {
        drive(&side.peer, &payload, invocations / 10 + 1).await?; // warm-up
    }
    for round in 0..rounds {
        let order: [usize; 2] = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        for index in order {
            let side = &mut sides[index];
            let cpu_before = side.cpu_ns()?;
            let connections_before = side.peer.connections();
            let rate = drive(&side.peer, &payload, invocations).await?;
            let cpu_after = side.cpu_ns()?;
            side.connections.push(side.peer.connections() - connections_before);
            side.rates.push(rate);
            side.cpu_us.push(cpu_after.saturating_sub(cpu_before) as f64 / 1000.0 / invocations as f64);
        }
    }
    let raw_rate = median(&sides[0].rates);
    let faaskit_rate = median(&sides[1].rates);
    println!(
        "runtime-overhead payload={}B invocations={invocations}x{rounds} raw={} ({:.0} inv/s) faaskit={} ({:.0} inv/s) ratio={:.3}",
        payload.len(),
        raw.display(),
        raw_rate,
        faaskit.display(),
        faaskit_rate,
        paired_ratio(&sides[1].rates, &sides[0].rates)
    );
    let (raw_cpu, faaskit_cpu) = (median(&sides[0].cpu_us), median(&sides[1].cpu_us));
    println!(
        "  cpu per invocation (function process): raw {raw_cpu:.1} us, faaskit {faaskit_cpu:.1} us, difference {:+.1} us, ratio {:.3}",
        faaskit_cpu - raw_cpu,
        paired_ratio(&sides[1].cpu_us, &sides[0].cpu_us)
    );
    for side in &sides {
        let rates: Vec<String> = side.rates.iter().map(|rate| format!("{rate:.0}")).collect();
        let cpu: Vec<String> = side.cpu_us.iter().map(|us| format!("{us:.1}")).collect();
        let connections: Vec<String> = side.connections.iter().map(usize::to_string).collect();
        println!(
            "  {:<8} rounds: {} inv/s; cpu {} us/inv; connections opened {}",
            side.label,
            rates.join(" "),
            cpu.join(" "),
            connections.join(" ")
        );
    }
    Ok(())
}
