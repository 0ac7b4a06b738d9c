//! Requests per second and latency of a local faaskit server against bare axum serving the same
//! route, both running, alternating rounds, with 1 and with 32 connections.
//!
//! ```text
//! local-load --faaskit target/release/http-api --axum target/release/axum-hello \
//!     --method GET --path /hello/Ana [--body '...'] [--connections 1,32] [--seconds 3] [--rounds 4]
//! ```
//!
//! Every answer must be a 200 with the same body from both servers; anything else counts as an
//! error and is reported. The rounds are rounded up to an even number and the ratio is balanced
//! for which server ran first ([`faaskit_bench::paired_ratio`]).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use faaskit::testing::LocalClient;
use faaskit_bench::{Result, arg, even_rounds, median, paired_ratio, quantile, required_arg, spawn_local_quiet};
use http::{HeaderMap, Method};

/// What one round measured.
struct Round {
    requests_per_second: f64,
    p50: Duration,
    p99: Duration,
    errors: usize,
}

async fn round(addr: SocketAddr, method: &Method, path: &str, body: &Bytes, connections: usize, seconds: f64) -> Round {
    let client = LocalClient::new(addr);
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let (client, method, path, body) = (client.clone(), method.clone(), Arc::<str>::from(path), body.clone());
            tokio::spawn(async move {
                let (mut latencies, mut errors) = (Vec::new(), 0usize);
                while Instant::now() < deadline {
                    let sent = Instant::now();
                    match client.send(method.clone(), &path, HeaderMap::new(), body.clone()).await {
                        Ok(response) if response.status == 200 && !response.is_function_error() => {
                            latencies.push(sent.elapsed())
                        }
                        _ => errors += 1,
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let (mut latencies, mut errors) = (Vec::new(), 0);
    for task in tasks {
        if let Ok((task_latencies, task_errors)) = task.await {
            latencies.extend(task_latencies);
            errors += task_errors;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let requests_per_second = latencies.len() as f64 / elapsed;
    Round { requests_per_second, p50: quantile(&mut latencies, 0.5), p99: quantile(&mut latencies, 0.99), errors }
}

#[tokio::main]
async fn main() -> Result<()> {
    let faaskit = PathBuf::from(required_arg("--faaskit")?);
    let axum = PathBuf::from(required_arg("--axum")?);
    let method = Method::from_str(&arg("--method", "GET".to_owned()))?;
    let path = arg("--path", "/hello/Ana".to_owned());
    let body = Bytes::from(arg("--body", String::new()));
    let connections: Vec<usize> =
        arg("--connections", "1,32".to_owned()).split(',').filter_map(|n| n.trim().parse().ok()).collect();
    let seconds = arg("--seconds", 3.0f64);
    let rounds = even_rounds(arg("--rounds", 4usize));

    let (_faaskit_child, faaskit_addr) = spawn_local_quiet(&faaskit, &[]).await?;
    let (_axum_child, axum_addr) = spawn_local_quiet(&axum, &[]).await?;
    let check = |addr| {
        let (client, method, path, body) = (LocalClient::new(addr), method.clone(), path.clone(), body.clone());
        async move { client.send(method, &path, HeaderMap::new(), body).await }
    };
    let (faaskit_answer, axum_answer) =
        (check(faaskit_addr).await.map_err(|e| e.to_string())?, check(axum_addr).await.map_err(|e| e.to_string())?);
    if faaskit_answer.status != axum_answer.status || faaskit_answer.body != axum_answer.body {
        return Err(format!(
            "the answers differ: faaskit {} {:?}, axum {} {:?}",
            faaskit_answer.status,
            faaskit_answer.text(),
            axum_answer.status,
            axum_answer.text()
        )
        .into());
    }

    for &conns in &connections {
        let (mut faaskit_rounds, mut axum_rounds) = (Vec::new(), Vec::new());
        round(faaskit_addr, &method, &path, &body, conns, 0.5).await; // warm-up
        round(axum_addr, &method, &path, &body, conns, 0.5).await;
        for index in 0..rounds {
            if index % 2 == 0 {
                faaskit_rounds.push(round(faaskit_addr, &method, &path, &body, conns, seconds).await);
                axum_rounds.push(round(axum_addr, &method, &path, &body, conns, seconds).await);
            } else {
                axum_rounds.push(round(axum_addr, &method, &path, &body, conns, seconds).await);
                faaskit_rounds.push(round(faaskit_addr, &method, &path, &body, conns, seconds).await);
            }
        }
        let rates = |rounds: &[Round]| rounds.iter().map(|r| r.requests_per_second).collect::<Vec<_>>();
        let summary = |rounds: &[Round]| {
            let rps = median(&rates(rounds));
            let p50 = median(&rounds.iter().map(|r| r.p50.as_secs_f64() * 1e6).collect::<Vec<_>>());
            let p99 = median(&rounds.iter().map(|r| r.p99.as_secs_f64() * 1e6).collect::<Vec<_>>());
            let errors: usize = rounds.iter().map(|r| r.errors).sum();
            (rps, p50, p99, errors)
        };
        let (f_rps, f_p50, f_p99, f_err) = summary(&faaskit_rounds);
        let (a_rps, a_p50, a_p99, a_err) = summary(&axum_rounds);
        println!(
            "local-load {method} {path} connections={conns} rounds={rounds}x{seconds}s: \
             bare axum {a_rps:.0} req/s (p50 {a_p50:.0} us, p99 {a_p99:.0} us, errors {a_err}), \
             faaskit {f_rps:.0} req/s (p50 {f_p50:.0} us, p99 {f_p99:.0} us, errors {f_err}), ratio {:.3}",
            paired_ratio(&rates(&faaskit_rounds), &rates(&axum_rounds))
        );
    }
    Ok(())
}
