//! The accept loop: hyper HTTP/1.1 connections, header read timeouts and graceful shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpStream};

use super::head_deadline::HeadTimedStream;
use super::router::LocalRouter;
use crate::Error;

/// How the server is told to stop.
pub(crate) enum Stop<F> {
    /// By SIGINT or SIGTERM, the process's own server: a second one exits at once.
    OnSignal,
    /// When this future completes (a `TestServer`, a test): signals are left alone.
    // Made only by the testing toolkit and the tests.
    #[cfg_attr(not(feature = "testing"), allow(dead_code))]
    When(F),
}

/// Serves connections from `listeners` until told to stop, then lets in-flight requests finish
/// (up to the shutdown grace period).
pub(crate) async fn run<F: Future<Output = ()>>(
    listeners: Vec<TcpListener>,
    router: Arc<LocalRouter>,
    stop: Stop<F>,
    ready: impl FnOnce(&LocalRouter),
) -> Result<(), Error> {
    // Listened for from here on, and kept for the second signal: one sent while the first is
    // being handled is not missed.
    let signals = matches!(stop, Stop::OnSignal).then(StopSignals::listen).flatten();
    // Announced only now: a supervisor that stops the server as soon as it says it listens
    // must find the signals handled, not kill the process before its hooks run.
    ready(&router);
    let shutdown = async move {
        match (stop, signals) {
            (Stop::When(shutdown), _) => {
                shutdown.await;
                None
            }
            (Stop::OnSignal, Some(mut signals)) => {
                match signals.next().await {
                    StopSignal::Interrupt => tracing::info!("SIGINT received"),
                    StopSignal::Terminate => tracing::info!("SIGTERM received"),
                }
                Some(signals)
            }
            (Stop::OnSignal, None) => std::future::pending().await,
        }
    };
    let graceful = GracefulShutdown::new();
    let mut connection = http1::Builder::new();
    // The header read timeout is kept by each connection's stream (see `head_deadline`).
    connection.header_read_timeout(None).keep_alive(true);
    // A client may shut down its sending side once its request is whole (`nc -N`, `socat`,
    // some HTTP/1.0 clients): it still gets its answer. hyper's default would take that EOF
    // for a client gone, drop the invocation and close without answering. The cost: a client
    // that does go away mid-invocation is noticed when its answer is written, not before.
    connection.half_close(true);
    let header_read_timeout = router.settings.header_read_timeout();
    tokio::pin!(shutdown);
    // The connections' tasks, aborted when the grace period ends: what still runs then must not
    // run on beside the shutdown hooks.
    let mut connections = tokio::task::JoinSet::new();
    let signals = loop {
        tokio::select! {
            // Reaps the connections that ended, so the set holds only the open ones.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            accepted = accept_any(&listeners) => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(err) => {
                        // Out of file descriptors and the like: wait, then accept again.
                        tracing::warn!(error = %err, "could not accept a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let router = Arc::clone(&router);
                let stream = HeadTimedStream::new(stream, header_read_timeout);
                let requests = stream.requests();
                let service =
                    hyper::service::service_fn(move |request| Arc::clone(&router).route(request, requests.serving()));
                let served = graceful.watch(connection.clone().serve_connection(TokioIo::new(stream), service));
                connections.spawn(async move {
                    if let Err(err) = served.await {
                        tracing::debug!(%peer, error = %err, "connection ended with an error");
                    }
                });
            }
            signals = &mut shutdown => break signals,
        }
    };
    drop(listeners);
    let grace = router.settings.shutdown_grace();
    if let Some(mut signals) = signals {
        tracing::info!(
            grace_secs = grace.as_secs_f64(),
            "shutting down: finishing requests in flight (Ctrl-C again to stop now)"
        );
        // Lives until the process ends, so a second signal also cuts a slow shutdown hook short.
        tokio::spawn(async move {
            let signal = signals.next().await;
            tracing::warn!("stopping now, with requests still in flight");
            std::process::exit(signal.exit_code());
        });
    } else {
        tracing::info!(grace_secs = grace.as_secs_f64(), "shutting down: finishing requests in flight");
    }
    let finished = async {
        graceful.shutdown().await;
        router.finish_events().await;
    };
    tokio::select! {
        () = finished => {
            tracing::info!("all requests finished; goodbye");
            Ok(())
        }
        () = tokio::time::sleep(grace) => {
            // Stopped here, before the shutdown hooks run, rather than running on beside them.
            router.abandon_events();
            connections.abort_all();
            while connections.join_next().await.is_some() {}
            router.finish_events().await;
            // An error, so the exit code tells a supervisor that work was cut off.
            Err(Error::new(
                Error::TIMEOUT,
                format!("requests still in flight after the shutdown grace of {grace:?}; stopped them"),
            ))
        }
    }
}

/// The next connection on any of `listeners`.
async fn accept_any(listeners: &[TcpListener]) -> std::io::Result<(TcpStream, SocketAddr)> {
    std::future::poll_fn(|cx| {
        for listener in listeners {
            if let Poll::Ready(accepted) = listener.poll_accept(cx) {
                return Poll::Ready(accepted);
            }
        }
        Poll::Pending
    })
    .await
}

/// A signal that stops the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StopSignal {
    /// SIGINT: Ctrl-C.
    Interrupt,
    /// SIGTERM: `kill`, a supervisor.
    Terminate,
}

impl StopSignal {
    /// The exit code a shell gives a process this signal stops: 128 plus its number.
    pub(crate) fn exit_code(self) -> i32 {
        match self {
            Self::Interrupt => 130,
            Self::Terminate => 143,
        }
    }
}

/// The process's SIGINT and SIGTERM (Ctrl-C only, off Unix), listened for from when this is
/// made: a signal that comes between two waits is kept for the next.
pub(crate) struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    /// Starts listening; `None`, with a warning, where the signals cannot be listened for.
    pub(crate) fn listen() -> Option<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match (signal(SignalKind::interrupt()), signal(SignalKind::terminate())) {
                (Ok(interrupt), Ok(terminate)) => Some(Self { interrupt, terminate }),
                _ => {
                    tracing::warn!("could not listen for shutdown signals; stop the server by killing it");
                    None
                }
            }
        }
        #[cfg(not(unix))]
        {
            Some(Self {})
        }
    }

    /// The next signal.
    pub(crate) async fn next(&mut self) -> StopSignal {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.interrupt.recv() => StopSignal::Interrupt,
                _ = self.terminate.recv() => StopSignal::Terminate,
            }
        }
        #[cfg(not(unix))]
        {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
            StopSignal::Interrupt
        }
    }
}
