//! Local mode: without `AWS_LAMBDA_RUNTIME_API`, the binary is an HTTP server on your machine.
//!
//! Every handler answers the Lambda Invoke API, `POST /2015-03-31/functions/{name}/invocations`;
//! HTTP functions also serve real HTTP.

mod http_serving;
pub(crate) mod invoke;
mod responses;
mod router;
mod server;
mod settings;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;

pub use settings::{DEFAULT_ADDR, LocalSettings, MAX_PAYLOAD_BYTES};

use crate::Error;
use crate::pipeline::Prepared;
use router::LocalRouter;

/// Binds the configured address and serves until SIGINT or SIGTERM.
pub(crate) async fn serve(handlers: Vec<Arc<Prepared>>, settings: LocalSettings) -> Result<(), Error> {
    let listener = bind(settings.addr()).await?;
    serve_on(listener, handlers, settings, server::shutdown_signal()).await
}

pub(crate) async fn bind(addr: SocketAddr) -> Result<TcpListener, Error> {
    TcpListener::bind(addr).await.map_err(|err| {
        Error::config(format!("cannot listen on {addr}: {err} (set FAASKIT_ADDR to use another address)"))
    })
}

/// Serves on an already bound listener until `shutdown` completes.
pub(crate) async fn serve_on(
    listener: TcpListener,
    handlers: Vec<Arc<Prepared>>,
    settings: LocalSettings,
    shutdown: impl Future<Output = ()>,
) -> Result<(), Error> {
    let addr =
        listener.local_addr().map_err(|err| Error::config(format!("cannot read the listening address: {err}")))?;
    let router = Arc::new(LocalRouter::new(handlers, settings));
    announce(addr, &router);
    server::run(listener, router, shutdown).await
}

fn announce(addr: SocketAddr, router: &LocalRouter) {
    tracing::info!("faaskit local server listening on http://{addr}");
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
}
