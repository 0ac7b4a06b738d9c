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
    announce(&addrs, &router);
    server::run(listeners, router, stop).await
}

fn announce(addrs: &[SocketAddr], router: &LocalRouter) {
    let Some((addr, others)) = addrs.split_first() else { return };
    tracing::info!("faaskit local server listening on http://{addr}");
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

    /// Requests still in flight when the shutdown grace ends are cut off, and the server says
    /// so: its error becomes the process's failing exit code.
    #[tokio::test]
    async fn a_shutdown_that_cuts_requests_off_is_an_error() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("loopback");
        let addr = listener.local_addr().expect("addr");
        let started = Arc::new(tokio::sync::Notify::new());
        let handler = Handler::new("slow", {
            let started = Arc::clone(&started);
            move |_: Invocation| {
                started.notify_one();
                async {
                    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                    Ok::<_, Error>("late")
                }
            }
        });
        let prepared = App::new().handler(handler).prepare_local().await.expect("prepared");
        let settings = LocalSettings::default()
            .with_timeout(std::time::Duration::from_secs(120))
            .with_shutdown_grace(std::time::Duration::from_millis(100));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let when_stopped = Stop::When(async move {
            let _ = stopped.await;
        });
        let server = tokio::spawn(serve_on(vec![listener], prepared, settings, when_stopped));
        let call = tokio::spawn(async move { LocalClient::new(addr).invoke("slow", "null").await });
        started.notified().await;
        let _ = stop.send(());
        let err = server.await.expect("joins").expect_err("a request was cut off");
        assert_eq!(err.error_type(), Error::TIMEOUT);
        assert!(err.message().contains("still in flight after the shutdown grace of 100ms"), "{err}");
        call.abort();
    }
}
