//! Real HTTP for HTTP functions: the request goes to the service as it came, no Lambda event in between.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum_core::body::Body;
use futures_util::FutureExt;
use http::{HeaderValue, Request, Response, StatusCode, Uri, header};
use http_body_util::Limited;
use hyper::body::Incoming;
use tower::ServiceExt;

use super::router::LocalRouter;
use crate::pipeline::{Prepared, panic_message};

pub(crate) async fn serve(
    router: &Arc<LocalRouter>,
    handler: &Arc<Prepared>,
    request: Request<Incoming>,
    strip_prefix: Option<&str>,
) -> Response<Body> {
    let Some(service) = handler.http.clone() else {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error");
    };
    let limit = router.settings.max_body_bytes();
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return text(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large");
    }
    let timeout = router.settings.timeout();
    let context = handler.local_context().timeout(timeout).build();
    let (mut parts, body) = request.into_parts();
    if let Some(prefix) = strip_prefix {
        parts.uri = strip_path_prefix(&parts.uri, prefix);
    }
    let mut request = Request::from_parts(parts, Body::new(Limited::new(body, limit)));
    crate::http_extract::insert_extensions(request.extensions_mut(), context.clone(), handler.states.clone());
    let span = tracing::info_span!("http", requestId = context.request_id(), method = %request.method(), path = request.uri().path());
    let call = AssertUnwindSafe(service.oneshot(request)).catch_unwind();
    let outcome = tokio::time::timeout(timeout, tracing::Instrument::instrument(call, span.clone())).await;
    match outcome {
        Ok(Ok(Ok(response))) => response,
        Ok(Ok(Err(never))) => match never {},
        Ok(Err(panic)) => {
            tracing::error!(parent: &span, panic.message = panic_message(panic.as_ref()), "HTTP handler panicked");
            text(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
        }
        Err(_) => {
            tracing::error!(parent: &span, timeout_ms = timeout.as_millis() as u64, "HTTP handler timed out");
            text(StatusCode::GATEWAY_TIMEOUT, "Endpoint request timed out")
        }
    }
}

fn strip_path_prefix(uri: &Uri, prefix: &str) -> Uri {
    let path_and_query = uri.path_and_query().map(|pq| pq.as_str()).unwrap_or("/");
    let rest = path_and_query.strip_prefix(prefix).unwrap_or(path_and_query);
    let rest = if rest.is_empty() || rest.starts_with('?') { format!("/{rest}") } else { rest.to_owned() };
    rest.parse().unwrap_or_else(|_| uri.clone())
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_mount_prefixes() {
        let uri: Uri = "/api/hello/Ana?x=1".parse().expect("uri");
        assert_eq!(strip_path_prefix(&uri, "/api").to_string(), "/hello/Ana?x=1");
        let uri: Uri = "/api?x=1".parse().expect("uri");
        assert_eq!(strip_path_prefix(&uri, "/api").to_string(), "/?x=1");
    }
}
