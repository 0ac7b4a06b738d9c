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

use super::header_timer::ConnectionTimer;
use super::router::LocalRouter;
use crate::Error;

/// Serves connections from `listeners` until `shutdown` completes, then lets in-flight requests
/// finish (up to the shutdown grace period).
pub(crate) async fn run(
    listeners: Vec<TcpListener>,
    router: Arc<LocalRouter>,
    shutdown: impl Future<Output = ()>,
) -> Result<(), Error> {
    let graceful = GracefulShutdown::new();
    let mut connection = http1::Builder::new();
    connection.header_read_timeout(router.settings.header_read_timeout()).keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
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
                let service = hyper::service::service_fn(move |request| Arc::clone(&router).route(request));
                // Each connection has its own header read timer (see `header_timer`).
                let served = graceful.watch(
                    connection.clone().timer(ConnectionTimer::default()).serve_connection(TokioIo::new(stream), service),
                );
                tokio::spawn(async move {
                    if let Err(err) = served.await {
                        tracing::debug!(%peer, error = %err, "connection ended with an error");
                    }
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listeners);
    let grace = router.settings.shutdown_grace();
    tracing::info!(
        grace_secs = grace.as_secs_f64(),
        "shutting down: finishing requests in flight (Ctrl-C again to stop now)"
    );
    tokio::spawn(async {
        shutdown_signal().await;
        tracing::warn!("stopping now, with requests still in flight");
        std::process::exit(130);
    });
    let finished = async {
        graceful.shutdown().await;
        router.finish_events().await;
    };
    tokio::select! {
        () = finished => tracing::info!("all requests finished; goodbye"),
        () = tokio::time::sleep(grace) => tracing::warn!("requests still in flight after the grace period; stopping anyway"),
    }
    Ok(())
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

/// Completes on SIGINT or SIGTERM.
pub(crate) async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match (signal(SignalKind::interrupt()), signal(SignalKind::terminate())) {
            (Ok(mut interrupt), Ok(mut terminate)) => {
                tokio::select! {
                    _ = interrupt.recv() => tracing::info!("SIGINT received"),
                    _ = terminate.recv() => tracing::info!("SIGTERM received"),
                }
            }
            _ => {
                tracing::warn!("could not listen for shutdown signals; stop the server by killing it");
                std::future::pending::<()>().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
