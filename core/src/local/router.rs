//! Which handler answers a local request: the Invoke API by name, else the HTTP function.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;

use http::{Request, Response, StatusCode};
use hyper::body::Incoming;
use tokio::sync::watch;

use super::head_deadline::Serving;
use super::invoke::{self, InvokeTarget};
use super::responses::LocalBody;
use super::{http_serving, responses, settings::LocalSettings};
use crate::pipeline::Prepared;

/// The names a binary with a single handler also answers to on the Invoke API: `function`, the
/// name the AWS Runtime Interface Emulator uses, and `_`, what `cargo lambda invoke` sends
/// when no name is given.
const SINGLE_HANDLER_ALIASES: &[&str] = &["function", "_"];

/// The handlers of a local server.
pub(crate) struct LocalRouter {
    handlers: Vec<Arc<Prepared>>,
    by_name: HashMap<String, InvokeTarget>,
    http: HttpMount,
    pub(crate) settings: LocalSettings,
    /// `Event` invocations still running after their `202`, which shutdown waits for: each
    /// holds a receiver until it ends. A channel of its own, of the type hyper-util's graceful
    /// shutdown already links, so it adds next to no code.
    events: watch::Sender<()>,
    /// Set when the shutdown grace period ends: the `Event` invocations still running stop.
    abandoned: watch::Sender<bool>,
}

/// How HTTP functions are mounted: at the root when there is one, under `/{name}` when several.
enum HttpMount {
    None,
    Root(Arc<Prepared>),
    ByName(HashMap<String, Arc<Prepared>>),
}

impl LocalRouter {
    pub(crate) fn new(handlers: Vec<Arc<Prepared>>, settings: LocalSettings) -> Self {
        let mut by_name: HashMap<String, InvokeTarget> =
            handlers.iter().map(|h| (h.name.to_string(), InvokeTarget::new(Arc::clone(h)))).collect();
        if let [only] = handlers.as_slice() {
            for alias in SINGLE_HANDLER_ALIASES {
                by_name.entry((*alias).to_owned()).or_insert_with(|| InvokeTarget::new(Arc::clone(only)));
            }
        }
        let http_handlers: Vec<&Arc<Prepared>> = handlers.iter().filter(|h| h.http.is_some()).collect();
        let http = match http_handlers.as_slice() {
            [] => HttpMount::None,
            [only] => HttpMount::Root(Arc::clone(only)),
            many => HttpMount::ByName(many.iter().map(|h| (h.name.to_string(), Arc::clone(h))).collect()),
        };
        Self { handlers, by_name, http, settings, events: watch::Sender::new(()), abandoned: watch::Sender::new(false) }
    }

    /// Runs an `Event` invocation on its own task, which shutdown waits for.
    pub(crate) fn spawn_event(&self, invocation: impl std::future::Future<Output = ()> + Send + 'static) {
        let running = self.events.subscribe();
        let mut abandoned = self.abandoned.subscribe();
        tokio::spawn(async move {
            tokio::select! {
                () = invocation => {}
                _ = abandoned.wait_for(|abandoned| *abandoned) => {}
            }
            drop(running);
        });
    }

    /// Stops the `Event` invocations still running (the shutdown grace period is over).
    pub(crate) fn abandon_events(&self) {
        self.abandoned.send_replace(true);
    }

    /// Waits for the `Event` invocations still running.
    pub(crate) async fn finish_events(&self) {
        let running = self.events.receiver_count();
        if running > 0 {
            tracing::info!(running, "finishing Event invocations in flight");
        }
        self.events.closed().await;
    }

    pub(crate) fn by_invoke_name(&self, name: &str) -> Option<&InvokeTarget> {
        self.by_name.get(name)
    }

    pub(crate) fn invoke_names(&self) -> Vec<&str> {
        self.handlers.iter().map(|h| &*h.name).collect()
    }

    pub(crate) fn handlers(&self) -> &[Arc<Prepared>] {
        &self.handlers
    }

    /// The path prefix each HTTP function is served under, for the start-up log.
    pub(crate) fn http_mounts(&self) -> Vec<(String, &str)> {
        match &self.http {
            HttpMount::None => Vec::new(),
            HttpMount::Root(handler) => vec![("/".to_owned(), &*handler.name)],
            HttpMount::ByName(map) => map.keys().map(|name| (format!("/{name}/"), name.as_str())).collect(),
        }
    }

    /// Answers one request: on the Invoke API path, or with the HTTP function mounted there.
    ///
    /// `_serving` marks the request as in service on its connection until its response is made
    /// (no header read timeout runs meanwhile); held here rather than by a future around this
    /// one, which would copy this one's state once more.
    pub(crate) async fn route(
        self: Arc<Self>,
        request: Request<Incoming>,
        _serving: Serving,
    ) -> Result<Response<LocalBody>, Infallible> {
        if invoke::function_name(request.uri().path()).is_some() {
            return Ok(invoke::handle(&self, request).await);
        }
        let response = match &self.http {
            HttpMount::Root(handler) => http_serving::serve(&self, handler, request, None).await,
            HttpMount::ByName(map) => {
                // One leading slash only, as `strip_path_prefix` removes `/{name}`: `//shop/x` must
                // not reach `shop` with its mount prefix still on the path.
                let path = request.uri().path();
                let first = path.strip_prefix('/').unwrap_or(path).split('/').next().unwrap_or_default();
                match map.get(first) {
                    Some(handler) => {
                        let prefix = format!("/{first}");
                        http_serving::serve(&self, handler, request, Some(&prefix)).await
                    }
                    None => self.not_found(request).await,
                }
            }
            HttpMount::None => self.not_found(request).await,
        };
        Ok(response)
    }

    /// The `404` of a request no route serves, its body read first (see `after_discarding`).
    async fn not_found(&self, mut request: Request<Incoming>) -> Response<LocalBody> {
        let response = self.no_route(request.method(), request.uri().path());
        super::whole_body::refuse(&mut request, self.settings.header_read_timeout(), response).await
    }

    fn no_route(&self, method: &http::Method, path: &str) -> Response<LocalBody> {
        let routes: Vec<String> = self
            .handlers
            .iter()
            .map(|h| format!("POST {}{}{}", invoke::INVOKE_PREFIX, h.name, invoke::INVOKE_SUFFIX))
            .chain(self.http_mounts().into_iter().map(|(prefix, _)| format!("{prefix}*")))
            .collect();
        let body = serde_json::json!({
            "message": format!("no route for {method} {path}"),
            "routes": routes,
        });
        responses::json(StatusCode::NOT_FOUND, body.to_string())
    }
}
