//! Local mode: without `AWS_LAMBDA_RUNTIME_API`, the binary is an HTTP server on your machine.
//!
//! Every handler answers the Lambda Invoke API, `POST /2015-03-31/functions/{name}/invocations`;
//! HTTP functions also serve real HTTP.

mod head_deadline;
mod http_serving;
pub(crate) mod invoke;
mod responses;
mod router;
mod server;
mod settings;
mod whole_body;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;

pub(crate) use settings::oversized_answer;
pub use settings::{DEFAULT_ADDR, LocalSettings, MAX_PAYLOAD_BYTES, MAX_RESPONSE_BYTES};
#[cfg(feature = "testing")]
pub(crate) use settings::{not_json, request_too_large_message, response_too_large};

use crate::Error;
use crate::pipeline::Prepared;
use router::LocalRouter;
pub(crate) use server::Stop;

/// Binds the configured address (and the IPv6 loopback when it applies) and serves until
/// SIGINT or SIGTERM.
pub(crate) async fn serve(handlers: Vec<Arc<Prepared>>, settings: LocalSettings) -> Result<(), Error> {
    let mut listeners = vec![bind(settings.addr()).await?];
    if let Some(addr) = settings.ipv6_loopback() {
        match TcpListener::bind(addr).await {
            Ok(listener) => listeners.push(listener),
            // Clients that resolve `localhost` to it (`cargo lambda invoke`) would reach the other
            // process that holds it. A machine without IPv6 is no news.
            Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => {
                tracing::warn!(%addr, error = %err, "not listening on the IPv6 loopback: serving IPv4 only");
            }
            Err(err) => tracing::debug!(%addr, error = %err, "not listening on the IPv6 loopback"),
        }
    }
    serve_on(listeners, handlers, settings, Stop::<std::future::Pending<()>>::OnSignal).await
}

pub(crate) async fn bind(addr: SocketAddr) -> Result<TcpListener, Error> {
    TcpListener::bind(addr).await.map_err(|err| {
        Error::config(format!("cannot listen on {addr}: {err} (set FAASKIT_ADDR to use another address)"))
    })
}

/// Serves on already bound listeners (the first is the one announced) until told to `stop`.
pub(crate) async fn serve_on<F: Future<Output = ()>>(
    listeners: Vec<TcpListener>,
    handlers: Vec<Arc<Prepared>>,
    settings: LocalSettings,
    stop: Stop<F>,
) -> Result<(), Error> {
    let addrs = listeners
        .iter()
        .map(TcpListener::local_addr)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| Error::config(format!("cannot read the listening address: {err}")))?;
    let router = Arc::new(LocalRouter::new(handlers, settings));
    server::run(listeners, router, stop, |router| announce(&addrs, router)).await
}

fn announce(addrs: &[SocketAddr], router: &LocalRouter) {
    let Some((addr, others)) = addrs.split_first() else { return };
    tracing::info!("faaskit local server listening on http://{addr}");
    if let Some(open) = addrs.iter().find(|addr| !addr.ip().is_loopback()) {
        tracing::warn!(
            "listening on {open}, beyond this machine (set by PORT or FAASKIT_ADDR): anyone who can reach it can \
             invoke the functions, which run with this process's credentials; set FAASKIT_ADDR=127.0.0.1:{port} \
             to keep it local",
            port = open.port()
        );
    }
    for other in others {
        tracing::info!("  and on http://{other}");
    }
    for handler in router.handlers() {
        tracing::info!(
            "  {name}: POST http://{addr}{prefix}{name}{suffix}",
            name = handler.name,
            prefix = invoke::INVOKE_PREFIX,
            suffix = invoke::INVOKE_SUFFIX
        );
    }
    for (prefix, name) in router.http_mounts() {
        tracing::info!("  {name}: HTTP at http://{addr}{prefix}");
    }
    if crate::panic_report::ABORTS_ON_PANIC {
        tracing::warn!(
            "this build aborts on panic (panic = \"abort\", as release builds for Lambda are made): a handler that \
             panics stops this server and the requests in flight; a build that unwinds (`cargo run`) answers \
             Faaskit.Panic and serves on"
        );
    }
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    use super::*;
    use crate::testing::LocalClient;
    use crate::{App, Handler, Invocation};

    #[tokio::test]
    async fn answers_on_every_listener() {
        let Ok(ipv6) = TcpListener::bind("[::1]:0").await else {
            eprintln!("no IPv6 loopback on this machine: only the IPv4 one is served");
            return;
        };
        let ipv4 = TcpListener::bind("127.0.0.1:0").await.expect("IPv4 loopback");
        let addrs = [ipv4.local_addr().expect("addr"), ipv6.local_addr().expect("addr")];
        let handler = Handler::new("hello", |_: Invocation| async { Ok::<_, Error>("hi") });
        let prepared = App::new().handler(handler).prepare_local().await.expect("prepared");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let when_stopped = Stop::When(async move {
            let _ = stopped.await;
        });
        let server = tokio::spawn(serve_on(vec![ipv4, ipv6], prepared, LocalSettings::default(), when_stopped));
        for addr in addrs {
            let client = LocalClient::new(addr);
            let answer = tokio::time::timeout(std::time::Duration::from_secs(10), client.invoke("hello", "null"))
                .await
                .unwrap_or_else(|_| panic!("no answer on {addr} in 10 s"))
                .expect("answers");
            assert_eq!(answer.json().expect("JSON"), "hi", "{addr}");
        }
        let _ = stop.send(());
        server.await.expect("joins").expect("serves");
    }

    /// Once the shutdown grace period is over the server says it is "stopping anyway", and
    /// `App::run` goes on to the shutdown hooks: an invocation still in flight then (a
    /// `RequestResponse` one in its connection's task, or an `Event` one) must stop, not run on
    /// beside the hooks (which close what it uses) until the runtime is dropped.
    #[tokio::test]
    async fn invocations_in_flight_stop_when_the_grace_period_ends() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::time::Duration;
        static FINISHED: AtomicUsize = AtomicUsize::new(0);
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let slow = Handler::new("slow", |_: Invocation| async {
            STARTED.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(800)).await;
            FINISHED.fetch_add(1, Ordering::SeqCst);
            Ok::<_, Error>("done")
        });
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let addr = listener.local_addr().expect("addr");
        let prepared = App::new().handler(slow).prepare_local().await.expect("prepared");
        let settings = LocalSettings::default()
            .with_timeout(Duration::from_secs(10))
            .with_shutdown_grace(Duration::from_millis(200));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let when_stopped = Stop::When(async move {
            let _ = stopped.await;
        });
        let server = tokio::spawn(serve_on(vec![listener], prepared, settings, when_stopped));
        let client = LocalClient::new(addr);
        let sync_call = tokio::spawn({
            let client = client.clone();
            async move { client.invoke("slow", "null").await }
        });
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amz-invocation-type", http::HeaderValue::from_static("Event"));
        let path = "/2015-03-31/functions/slow/invocations";
        let accepted = client.send(http::Method::POST, path, headers, "null".into()).await.expect("answers");
        assert_eq!(accepted.status, 202);
        while STARTED.load(Ordering::SeqCst) < 2 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let _ = stop.send(());
        let err = server.await.expect("joins").expect_err("requests were cut off");
        assert_eq!(err.error_type(), Error::TIMEOUT, "a failing exit code says so");
        assert!(err.message().contains("still in flight after the shutdown grace of 200ms"), "{err}");
        // The server has given up on them; the hooks would run now.
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert_eq!(FINISHED.load(Ordering::SeqCst), 0, "invocations ran on after the server stopped");
        assert!(sync_call.await.expect("joins").is_err(), "the caller is not answered after the grace period");
    }

    /// A caller that goes away once its request is sent does not stop the invocation, as on
    /// Lambda: it runs to its end (a caller that half-closes still gets its answer).
    #[tokio::test]
    async fn an_invocation_whose_caller_goes_away_runs_to_its_end() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::time::Duration;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        static STARTED: AtomicBool = AtomicBool::new(false);
        static FINISHED: AtomicBool = AtomicBool::new(false);
        let slow = Handler::new("slow", |_: Invocation| async {
            STARTED.store(true, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(300)).await;
            FINISHED.store(true, Ordering::SeqCst);
            Ok::<_, Error>("done")
        });
        let server = crate::testing::TestServer::start(vec![slow]).await.expect("starts");
        let request =
            "POST /2015-03-31/functions/slow/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nnull";
        // Half-closed: the answer still comes.
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.expect("connects");
        stream.write_all(request.as_bytes()).await.expect("writes");
        stream.shutdown().await.expect("half-closes");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.expect("reads");
        assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("\"done\""), "{answer}");
        // Gone: the invocation runs to its end all the same.
        FINISHED.store(false, Ordering::SeqCst);
        STARTED.store(false, Ordering::SeqCst);
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.expect("connects");
        stream.write_all(request.as_bytes()).await.expect("writes");
        while !STARTED.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        drop(stream);
        tokio::time::timeout(Duration::from_secs(10), async {
            while !FINISHED.load(Ordering::SeqCst) {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .expect("the invocation ran to its end");
    }
}

#[cfg(all(test, feature = "testing"))]
/// Clients that half-close (`half_close(true)`) at every stage: none leaves its connection open.
mod half_close_tests {
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use crate::testing::TestServer;
    use crate::{Error, Handler, Invocation, LocalSettings};

    async fn server() -> TestServer {
        let echo = Handler::new("echo", |_: Invocation| async { Ok::<_, Error>("done") });
        TestServer::start_with(vec![echo], LocalSettings::default().with_header_read_timeout(Duration::from_secs(30)))
            .await
            .expect("starts")
    }

    /// Reads until the server closes, within 3 s.
    async fn read_to_eof(stream: &mut tokio::net::TcpStream) -> Result<String, &'static str> {
        let mut answer = Vec::new();
        match tokio::time::timeout(Duration::from_secs(3), stream.read_to_end(&mut answer)).await {
            Ok(_) => Ok(String::from_utf8_lossy(&answer).into_owned()),
            Err(_) => Err("still open 3 s after the half-close"),
        }
    }

    #[tokio::test]
    async fn an_idle_keep_alive_connection_half_closed_is_closed() {
        let server = server().await;
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.expect("connects");
        let request =
            "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nnull";
        stream.write_all(request.as_bytes()).await.expect("writes");
        let mut buf = [0u8; 4096];
        let n = stream.read(&mut buf).await.expect("reads");
        assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
        stream.shutdown().await.expect("half-closes");
        read_to_eof(&mut stream).await.expect("closed");
    }

    #[tokio::test]
    async fn a_connection_half_closed_before_any_request_is_closed() {
        let server = server().await;
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.expect("connects");
        stream.shutdown().await.expect("half-closes");
        read_to_eof(&mut stream).await.expect("closed");
    }

    /// Sends `request`, half-closes, and reads what the server answers before it closes.
    async fn half_closed_after(request: &str) -> String {
        let server = server().await;
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.expect("connects");
        stream.write_all(request.as_bytes()).await.expect("writes");
        stream.shutdown().await.expect("half-closes");
        read_to_eof(&mut stream).await.expect("closed")
    }

    /// Cut short mid-head, mid-body or mid-chunk: closed, with a `400` once the head is whole.
    #[tokio::test]
    async fn a_connection_half_closed_mid_request_is_closed() {
        const HEAD: &str = "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: x\r\n";
        assert_eq!(half_closed_after(HEAD).await, "");
        for cut in ["Content-Length: 100\r\n\r\n[1,2", "Transfer-Encoding: chunked\r\n\r\n4\r\n[1,2\r\n"] {
            let answer = half_closed_after(&format!("{HEAD}{cut}")).await;
            assert!(answer.starts_with("HTTP/1.1 400"), "{cut:?}: {answer}");
        }
    }

    /// Two pipelined requests, then a half-close: both are answered.
    #[tokio::test]
    async fn two_pipelined_requests_then_half_close() {
        let request =
            "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nnull";
        let answer = half_closed_after(&format!("{request}{request}")).await;
        assert_eq!(answer.matches("HTTP/1.1 200").count(), 2, "{answer}");
    }
}
