//! Running example binaries for real: as a local server, and against a Runtime API peer.
//!
//! Shared by the integration tests in this folder (each declared in `examples/Cargo.toml`, so
//! `CARGO_BIN_EXE_<name>` points at the example binaries).

#![allow(dead_code, unreachable_pub)]

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use faaskit::testing::{LocalClient, RuntimeApiPeer};

/// How long a binary may take to start listening.
const STARTUP: Duration = Duration::from_secs(60);

/// A function binary running as a local server on an ephemeral port.
pub struct LocalFunction {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    /// A client of it.
    pub client: LocalClient,
    logs: CapturedLogs,
}

impl LocalFunction {
    /// Starts `binary` in local mode on `127.0.0.1:0`, with extra environment variables.
    pub fn start(binary: impl AsRef<Path>, envs: &[(&str, &str)]) -> Self {
        let mut command = Command::new(binary.as_ref());
        command
            .env_remove("AWS_LAMBDA_RUNTIME_API")
            .env("FAASKIT_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "info")
            .envs(envs.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child =
            command.spawn().unwrap_or_else(|err| panic!("cannot start {}: {err}", binary.as_ref().display()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let mut logs = CapturedLogs::default();
        let (found, address) = mpsc::channel();
        let mut announced = false;
        logs.capture(stderr, move |line| {
            if announced {
                return;
            }
            if let Some(addr) = listening_address(line) {
                announced = true;
                let _ = found.send(addr);
            }
        });
        let addr = match address.recv_timeout(STARTUP) {
            Ok(addr) => addr,
            Err(_) => {
                let _ = child.kill();
                panic!("{} did not start listening; logs:\n{}", binary.as_ref().display(), logs.lines().join("\n"));
            }
        };
        Self { child, addr, client: LocalClient::new(addr), logs }
    }

    /// The log lines so far.
    pub fn logs(&self) -> Vec<String> {
        self.logs.lines()
    }

    /// Waits until `count` log lines hold every one of `parts`, and returns them.
    pub async fn wait_for_lines(&self, parts: &[&str], count: usize) -> Vec<String> {
        wait_for(|| {
            let lines: Vec<String> =
                self.logs().into_iter().filter(|line| parts.iter().all(|part| line.contains(part))).collect();
            (lines.len() == count).then_some(lines)
        })
        .await
    }

    /// Sends a signal (`TERM`, `INT`) with `kill`.
    pub fn signal(&self, signal: &str) {
        send_signal(&self.child, signal);
    }

    /// Waits for the process to exit, up to `timeout`; its exit status, if it exited.
    ///
    /// It yields to the runtime while waiting, so a peer served by the test keeps answering.
    pub async fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        wait_for_exit(&mut self.child, &self.logs, timeout).await
    }
}

impl Drop for LocalFunction {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The address in `faaskit local server listening on http://ADDR`.
fn listening_address(line: &str) -> Option<SocketAddr> {
    let rest = line.split("listening on http://").nth(1)?;
    let addr: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || ".:[]".contains(*c)).collect();
    addr.parse().ok()
}

/// A function binary running in Lambda mode against a [`RuntimeApiPeer`].
pub struct LambdaFunction {
    child: Child,
    logs: CapturedLogs,
}

impl LambdaFunction {
    /// Starts `binary` with the Lambda environment of `peer`, plus extra variables.
    pub fn start(binary: impl AsRef<Path>, name: &str, peer: &RuntimeApiPeer, envs: &[(&str, &str)]) -> Self {
        let mut command = Command::new(binary.as_ref());
        command
            .envs(peer.lambda_environment(name))
            .env_remove("FAASKIT_ADDR")
            .envs(envs.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child =
            command.spawn().unwrap_or_else(|err| panic!("cannot start {}: {err}", binary.as_ref().display()));
        let mut logs = CapturedLogs::default();
        logs.capture(child.stdout.take().expect("stdout is piped"), |_| {});
        logs.capture(child.stderr.take().expect("stderr is piped"), |_| {});
        Self { child, logs }
    }

    /// Sends a signal (`TERM`, `INT`) with `kill`.
    pub fn signal(&self, signal: &str) {
        send_signal(&self.child, signal);
    }

    /// The log lines so far (stdout and stderr).
    pub fn logs(&self) -> Vec<String> {
        self.logs.lines()
    }

    /// Waits for the process to exit, up to `timeout`, yielding to the runtime (and the peer).
    pub async fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        wait_for_exit(&mut self.child, &self.logs, timeout).await
    }
}

impl Drop for LambdaFunction {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for `child` to exit, then for `logs` to have read its output to the end.
async fn wait_for_exit(child: &mut Child, logs: &CapturedLogs, timeout: Duration) -> Option<std::process::ExitStatus> {
    let deadline = std::time::Instant::now() + timeout;
    while std::time::Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            while !logs.drained() && std::time::Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            return Some(status);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

/// The lines a child process writes, read by one thread per stream.
#[derive(Default)]
struct CapturedLogs {
    lines: Arc<Mutex<Vec<String>>>,
    readers: Vec<JoinHandle<()>>,
}

impl CapturedLogs {
    /// Reads `stream` line by line; each line is kept, then handed to `on_line`.
    fn capture(&mut self, stream: impl Read + Send + 'static, mut on_line: impl FnMut(&str) + Send + 'static) {
        let sink = Arc::clone(&self.lines);
        self.readers.push(std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                sink.lock().expect("log lock").push(line.clone());
                on_line(&line);
            }
        }));
    }

    /// The lines so far.
    fn lines(&self) -> Vec<String> {
        self.lines.lock().expect("log lock").clone()
    }

    /// Whether every stream has reached its end.
    fn drained(&self) -> bool {
        self.readers.iter().all(JoinHandle::is_finished)
    }
}

/// Builds an example binary with another profile (such as `abort`, which aborts on panic like
/// `cargo lambda build --release`) and returns its path.
pub fn build_with_profile(binary: &str, profile: &str) -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--profile", profile, "-p", "faaskit-examples", "--bin", binary])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo build --profile {profile} --bin {binary} failed");
    target_dir().join(profile).join(binary)
}

/// The target directory this test was built in.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    // target/<profile>/deps/<test binary>
    let exe = std::env::current_exe().expect("test binary path");
    exe.ancestors().nth(3).expect("target directory").to_path_buf()
}

#[test]
fn reads_the_listening_line() {
    let line = "2026-11-22T20:48:11.675960Z  INFO faaskit local server listening on http://127.0.0.1:9000";
    assert_eq!(listening_address(line), Some("127.0.0.1:9000".parse().expect("addr")));
    let json = r#"{"message":"faaskit local server listening on http://127.0.0.1:41234","level":"INFO"}"#;
    assert_eq!(listening_address(json), Some("127.0.0.1:41234".parse().expect("addr")));
}

/// What an example must answer to one input: its JSON output, a function error of a type
/// whose message contains a text, or the input refused before the function runs.
#[derive(Clone, Debug)]
pub enum Expect {
    /// The JSON the caller receives.
    Output(serde_json::Value),
    /// A function error: its `errorType`, and a text its `errorMessage` contains.
    Error(&'static str, &'static str),
    /// Refused without invoking, as Lambda refuses a payload that is not JSON: the Invoke API's
    /// `400` with `InvalidRequestContentException`, or the peer's outcome of that type.
    NotJson,
}

/// Checks that `binary` answers each `(input, expected)` the same way locally (over the Invoke
/// API, as `name`) and in Lambda mode against a Runtime API peer, on one process per mode, so a
/// failure is always followed by the next input being served.
pub async fn assert_contract(binary: &str, name: &str, cases: &[(String, Expect)]) {
    let local = LocalFunction::start(binary, &[]);
    for (input, expected) in cases {
        let response = local.client.invoke(name, input.clone()).await.expect("the local server answers");
        let body = response.json().expect("a JSON body");
        if let Expect::NotJson = expected {
            assert_eq!(response.status, 400, "{input}");
            assert_eq!(response.header("x-amzn-errortype"), Some("InvalidRequestContentException"), "{input}");
            continue;
        }
        assert_eq!(response.status, 200, "{input}");
        check(expected, response.is_function_error(), &body, &format!("locally, {input:.200}"));
    }
    let peer = RuntimeApiPeer::start().await.expect("a Runtime API peer");
    let _lambda = LambdaFunction::start(binary, name, &peer, &[]);
    for (input, expected) in cases {
        match peer.invoke(input.clone()).await {
            faaskit::testing::Outcome::Response(bytes) => {
                let body: serde_json::Value = serde_json::from_slice(&bytes).expect("a JSON response");
                check(expected, false, &body, &format!("on the Runtime API, {input:.200}"));
            }
            faaskit::testing::Outcome::Error { body, .. } => {
                check(expected, true, &body, &format!("on the Runtime API, {input:.200}"));
            }
        }
    }
}

fn check(expected: &Expect, is_error: bool, body: &serde_json::Value, context: &str) {
    match expected {
        Expect::Output(output) => {
            assert!(!is_error, "{context}: a function error: {body}");
            assert_eq!(body, output, "{context}");
        }
        Expect::NotJson => check(
            &Expect::Error("InvalidRequestContentException", "Could not parse request body into json"),
            is_error,
            body,
            context,
        ),
        Expect::Error(error_type, text) => {
            assert!(is_error, "{context}: not an error: {body}");
            assert_eq!(body["errorType"], *error_type, "{context}: {body}");
            let message = body["errorMessage"].as_str().unwrap_or_default();
            assert!(message.contains(text), "{context}: `{message}` does not contain `{text}`");
        }
    }
}

/// Sends `signal` (`TERM`, `INT`) to `child` with `kill`.
fn send_signal(child: &Child, signal: &str) {
    let status =
        Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().expect("kill runs");
    assert!(status.success(), "kill -{signal} failed");
}

/// Polls `check` for up to 10 s.
pub async fn wait_for<T>(mut check: impl FnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(found) = check() {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("not seen in 10 s")
}
