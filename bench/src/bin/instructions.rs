//! Instructions per invocation or request, counted by valgrind's callgrind: a faaskit binary
//! against the same function on raw `lambda_runtime`, or its local server against bare axum.
//!
//! ```text
//! instructions --raw target/release/raw-hello --faaskit target/release/hello \
//!     [--payload bench/payloads/hello.json] [--invocations 2000]
//! instructions --local --raw target/release/axum-hello --faaskit target/release/http-api \
//!     --method GET --path /hello/Ana [--body '...'] [--invocations 2000]
//! ```
//!
//! `--keep DIR` keeps the dumps there, for `callgrind_annotate DIR/callgrind.faaskit.out.1`.
//!
//! Throughput on a shared machine moves by several percent between runs; the instructions a
//! process executes per invocation do not. Each binary runs under `valgrind --tool=callgrind`,
//! in Lambda mode against its own Runtime API peer, or with `--local` as a local server that
//! one client calls over one kept-alive connection. After a warm-up its counters are zeroed
//! (`callgrind_control --zero`), `--invocations` invocations (or requests) are driven one after
//! the other, and the counters are dumped (`callgrind_control --dump`). The report gives each
//! side's instructions per invocation in user space (the kernel's share is the same requests on
//! the same sockets) and the ratio faaskit / reference. Both sides must give the same answer.
//! Needs valgrind (`apt-get install valgrind`).
//!
//! The binaries run with one tokio worker (`TOKIO_WORKER_THREADS=1`). Callgrind runs a process's
//! threads one at a time anyway, and a second worker only adds work-stealing, spinning and
//! parking whose count depends on timing: on one day, `raw-hello` against itself counted 0.989
//! to 1.018 with two workers and 0.997 to 1.009 with one.
//!
//! In Lambda mode, what still moves the count most is how many connections the function opens
//! to the peer: `lambda_runtime`'s client opens a new one when the last is not back in its pool
//! as the next request goes out, which depends on timing, and each costs the function some
//! 30,000 instructions. The report gives both counts (`connections opened raw / faaskit`):
//! compare runs where they are close, or fit instructions against connections.
//!
//! Callgrind takes a command when the process next runs code, so a command sent while the
//! function waits for work is taken as the next invocation starts: the counted window is still
//! exactly `--invocations` whole invocations.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use bytes::Bytes;
use faaskit::testing::{LocalClient, Outcome, RuntimeApiPeer};
use faaskit_bench::{
    Result, arg, payload_arg, required_arg, same_answer, spawn_lambda_command, spawn_local_quiet_command,
};
use http::{HeaderMap, Method};
use tokio::process::{Child, Command};

/// What is driven, and how.
#[derive(Clone)]
enum Work {
    /// Invocations of this payload through a Runtime API peer.
    Lambda { payload: Bytes },
    /// Requests to a local server.
    Local { method: Method, path: String, body: Bytes },
}

/// The work, with how one binary under callgrind is reached to do it.
enum Target {
    Lambda { peer: RuntimeApiPeer, payload: Bytes },
    Local { client: LocalClient, method: Method, path: String, body: Bytes },
}

/// One binary under callgrind.
struct Counted {
    target: Target,
    child: Child,
    out_file: PathBuf,
}

impl Counted {
    async fn start(label: &str, binary: &Path, work: &Work, dir: &Path) -> Result<Self> {
        let out_file = dir.join(format!("callgrind.{label}.out"));
        let mut command = Command::new("valgrind");
        command.arg("--tool=callgrind").arg(format!("--callgrind-out-file={}", out_file.display())).arg(binary);
        command.env("TOKIO_WORKER_THREADS", "1");
        let (target, child) = match work.clone() {
            Work::Lambda { payload } => {
                let peer = RuntimeApiPeer::start().await?;
                let child = spawn_lambda_command(command, binary, &peer, label)?;
                (Target::Lambda { peer, payload }, child)
            }
            Work::Local { method, path, body } => {
                let (child, addr) = spawn_local_quiet_command(command, binary, &[]).await?;
                (Target::Local { client: LocalClient::new(addr), method, path, body }, child)
            }
        };
        Ok(Self { target, child, out_file })
    }

    /// One invocation or request; its answer.
    async fn invoke(&self) -> Result<Bytes> {
        match &self.target {
            Target::Lambda { peer, payload } => match peer.invoke(payload.clone()).await {
                Outcome::Response(body) => Ok(body),
                other => Err(format!("function error: {other:?}").into()),
            },
            Target::Local { client, method, path, body } => {
                let response = client
                    .send(method.clone(), path, HeaderMap::new(), body.clone())
                    .await
                    .map_err(|err| format!("{method} {path}: {}", err.message()))?;
                if response.status != 200 || response.is_function_error() {
                    return Err(format!("{method} {path}: {} {}", response.status, response.text()).into());
                }
                Ok(Bytes::from(response.text()))
            }
        }
    }

    /// Sends `callgrind_control <action>` and serves invocations until callgrind has taken it.
    async fn control(&mut self, action: &str) -> Result<()> {
        let pid = self.child.id().ok_or("the function process has exited")?;
        let mut control = Command::new("callgrind_control")
            .arg(action)
            .arg(pid.to_string())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|err| format!("cannot run callgrind_control (is valgrind installed?): {err}"))?;
        for _ in 0..100 {
            if let Ok(status) = tokio::time::timeout(Duration::from_millis(500), control.wait()).await {
                return if status?.success() {
                    Ok(())
                } else {
                    Err(format!("callgrind_control {action} failed").into())
                };
            }
            self.invoke().await?;
        }
        Err(format!("callgrind did not take {action}").into())
    }

    /// How many connections the function has opened to the Runtime API peer so far; none for
    /// a local server, whose connections the harness opens.
    fn connections(&self) -> Option<usize> {
        match &self.target {
            Target::Lambda { peer, .. } => Some(peer.connections()),
            Target::Local { .. } => None,
        }
    }

    /// The instructions counted since the last zeroing, from the newest dump.
    fn dumped_instructions(&self) -> Result<u64> {
        let name = self.out_file.file_name().and_then(|n| n.to_str()).ok_or("bad file name")?.to_owned();
        let dir = self.out_file.parent().ok_or("no directory")?;
        let newest = std::fs::read_dir(dir)?
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| {
                let file = entry.file_name().into_string().ok()?;
                let part: u32 = file.strip_prefix(&format!("{name}."))?.parse().ok()?;
                Some((part, entry.path()))
            })
            .max_by_key(|(part, _)| *part)
            .ok_or_else(|| format!("no callgrind dump next to {}", self.out_file.display()))?
            .1;
        let text = std::fs::read_to_string(&newest)?;
        let summary = text.lines().find_map(|line| line.strip_prefix("summary:")).ok_or("no summary line")?;
        Ok(summary.split_whitespace().next().ok_or("empty summary")?.parse()?)
    }
}

/// What one binary counted.
struct Count {
    /// Instructions per invocation.
    per_invocation: f64,
    /// Connections the function opened to the Runtime API peer while counted (Lambda mode).
    connections: Option<usize>,
    /// Its first answer, to check against the other binary's.
    answer: Bytes,
}

/// Counts the instructions per invocation of one binary.
async fn count(label: &str, binary: &Path, work: &Work, invocations: usize, dir: &Path) -> Result<Count> {
    let mut counted = Counted::start(label, binary, work, dir).await?;
    let answer = counted.invoke().await?;
    for _ in 0..invocations / 10 + 1 {
        counted.invoke().await?;
    }
    counted.control("--zero").await?;
    let connections_before = counted.connections();
    for _ in 0..invocations {
        counted.invoke().await?;
    }
    let connections = counted.connections().zip(connections_before).map(|(after, before)| after - before);
    counted.control("--dump").await?;
    let instructions = counted.dumped_instructions()?;
    Ok(Count { per_invocation: instructions as f64 / invocations as f64, connections, answer })
}

#[tokio::main]
async fn main() -> Result<()> {
    let raw = PathBuf::from(required_arg("--raw")?);
    let faaskit = PathBuf::from(required_arg("--faaskit")?);
    let work = if std::env::args().any(|arg| arg == "--local") {
        Work::Local {
            method: Method::from_str(&arg("--method", "GET".to_owned()))?,
            path: arg("--path", "/".to_owned()),
            body: Bytes::from(arg("--body", String::new())),
        }
    } else {
        Work::Lambda { payload: payload_arg()? }
    };
    let invocations = arg("--invocations", 2000usize).max(1);
    let valgrind = Command::new("valgrind").arg("--version").output().await;
    if !valgrind.is_ok_and(|output| output.status.success()) {
        return Err("valgrind is not installed (apt-get install valgrind): it counts the instructions".into());
    }
    let kept = arg("--keep", String::new());
    let dir = match kept.as_str() {
        "" => std::env::temp_dir().join(format!("faaskit-instructions-{}", std::process::id())),
        kept => PathBuf::from(kept),
    };
    std::fs::create_dir_all(&dir)?;

    let counts = async {
        let raw_count = count("raw", &raw, &work, invocations, &dir).await?;
        let faaskit_count = count("faaskit", &faaskit, &work, invocations, &dir).await?;
        same_answer(&raw_count.answer, &faaskit_count.answer)?;
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>((raw_count, faaskit_count))
    }
    .await;
    if kept.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let (raw_count, faaskit_count) = counts?;
    let (raw_per, faaskit_per) = (raw_count.per_invocation, faaskit_count.per_invocation);
    // In Lambda mode, say how many connections each opened: each costs tens of thousands of
    // instructions, and their number moves with timing (see `RuntimeApiPeer::connections`).
    let connections = match (raw_count.connections, faaskit_count.connections) {
        (Some(raw), Some(faaskit)) => format!(", connections opened {raw} / {faaskit}"),
        _ => String::new(),
    };
    println!(
        "instructions {} invocations={invocations}: reference={} {raw_per:.0} Ir/inv, faaskit={} {faaskit_per:.0} Ir/inv, difference {:+.0}, ratio {:.3}{connections}",
        match &work {
            Work::Lambda { payload } => format!("payload={}B", payload.len()),
            Work::Local { method, path, .. } => format!("local {method} {path}"),
        },
        raw.display(),
        faaskit.display(),
        faaskit_per - raw_per,
        faaskit_per / raw_per
    );
    Ok(())
}
