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
use crate::lazy_context::LazyContext;
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
    let context = LazyContext::new(Arc::clone(&handler.function), timeout);
    let (mut parts, body) = request.into_parts();
    if let Some(prefix) = strip_prefix {
        parts.uri = strip_path_prefix(&parts.uri, prefix);
    }
    let mut request = Request::from_parts(parts, Body::new(Limited::new(body, limit)));
    // With logs on, the span names the request id, so the context is built here; with them
    // off, only when the handler asks for it.
    let span = tracing::info_span!("http", requestId = context.get().request_id(), method = %request.method(), path = request.uri().path());
    crate::http_extract::insert_extensions(request.extensions_mut(), context, handler.states.clone());
    let call = AssertUnwindSafe(crate::panic_report::serving_request(service.oneshot(request))).catch_unwind();
    let outcome = tokio::time::timeout(timeout, tracing::Instrument::instrument(call, span.clone())).await;
    match outcome {
        Ok(Ok(Ok(response))) => {
            if let Some(size) = over_lambda_limit(&response) {
                warn_over_lambda_limit(&span, size);
            }
            response
        }
        Ok(Ok(Err(never))) => match never {},
        Ok(Err(panic)) => {
            if !crate::panic_report::logged_by_hook() {
                tracing::error!(parent: &span, panic.message = panic_message(panic.as_ref()), "HTTP handler panicked");
            }
            text(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
        }
        Err(_) => {
            tracing::error!(parent: &span, timeout_ms = timeout.as_millis() as u64, "HTTP handler timed out");
            text(StatusCode::GATEWAY_TIMEOUT, "Endpoint request timed out")
        }
    }
}

/// The size of a response body known to be over Lambda's 6 MB limit, if it is: on Lambda such
/// an answer fails (API Gateway and Function URLs answer `502`), here it is served.
fn over_lambda_limit(response: &Response<Body>) -> Option<u64> {
    let size = http_body::Body::size_hint(response.body()).exact()?;
    (size > crate::MAX_PAYLOAD_BYTES as u64).then_some(size)
}

/// Says, once per response, that this answer would fail on Lambda.
#[cold]
#[inline(never)]
fn warn_over_lambda_limit(span: &tracing::Span, size: u64) {
    tracing::warn!(
        parent: span,
        size,
        limit = crate::MAX_PAYLOAD_BYTES,
        "the response body is over Lambda's 6 MB limit: served here, but on Lambda the invocation fails \
         (API Gateway and Function URLs answer 502)"
    );
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
    use std::time::{Duration, SystemTime};

    use axum_core::extract::FromRequestParts;

    use super::*;
    use crate::testing::TestServer;
    use crate::{Context, Error, Handler, LocalSettings};

    #[test]
    fn knows_a_response_body_over_lambda_s_limit() {
        let sized = |len: usize| Response::new(Body::from(vec![b'x'; len]));
        assert_eq!(over_lambda_limit(&sized(crate::MAX_PAYLOAD_BYTES)), None);
        assert_eq!(over_lambda_limit(&sized(crate::MAX_PAYLOAD_BYTES + 1)), Some(crate::MAX_PAYLOAD_BYTES as u64 + 1));
        // A streamed body of unknown size is not judged.
        let stream = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b'x'; 7 << 20]))]);
        assert_eq!(over_lambda_limit(&Response::new(Body::from_stream(stream))), None);
    }

    /// An HTTP function that answers with what its request's context says, read both ways:
    /// the `Context` extractor and the request's extensions.
    fn context_echo() -> Handler {
        let service = tower::service_fn(|request: Request<Body>| async move {
            let (mut parts, _) = request.into_parts();
            let extracted = Context::from_request_parts(&mut parts, &()).await.expect("the extractor finds a context");
            let read = crate::http_extract::context_in(&parts.extensions).expect("the extensions hold a context");
            let deadline_ms = |context: &Context| {
                context.deadline().duration_since(SystemTime::UNIX_EPOCH).expect("after 1970").as_millis() as u64
            };
            let body = serde_json::json!({
                "requestId": extracted.request_id(),
                "sameContext": extracted.same_as(read),
                "deadlineMs": deadline_ms(&extracted),
                "function": extracted.function_name(),
            });
            Ok::<_, std::convert::Infallible>(Response::new(Body::from(body.to_string())))
        });
        Handler::new("echo", |_: crate::Invocation| async { Ok::<_, Error>(()) })
            .with_http_service(tower::util::BoxCloneSyncService::new(service))
    }

    #[tokio::test]
    async fn each_request_gets_its_own_context_with_the_local_deadline() {
        let settings = LocalSettings::default().with_timeout(Duration::from_secs(7));
        let server = TestServer::start_with(vec![context_echo()], settings).await.expect("starts");
        let now_ms =
            || SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).expect("after 1970").as_millis() as u64;
        let mut ids = Vec::new();
        for _ in 0..2 {
            let before = now_ms();
            let answer = server.client().get("/anything").await.expect("answers").json().expect("JSON");
            let after = now_ms();
            assert_eq!(answer["sameContext"], true, "the extractor and the extensions see one context: {answer}");
            assert_eq!(answer["function"], "echo");
            let deadline = answer["deadlineMs"].as_u64().expect("a deadline");
            assert!((before + 7_000..=after + 7_000).contains(&deadline), "{before} {deadline} {after}");
            let id = answer["requestId"].as_str().expect("a request id").to_owned();
            assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
            ids.push(id);
        }
        assert_ne!(ids[0], ids[1], "a fresh request id per request");
    }

    #[test]
    fn strips_mount_prefixes() {
        let uri: Uri = "/api/hello/Ana?x=1".parse().expect("uri");
        assert_eq!(strip_path_prefix(&uri, "/api").to_string(), "/hello/Ana?x=1");
        let uri: Uri = "/api?x=1".parse().expect("uri");
        assert_eq!(strip_path_prefix(&uri, "/api").to_string(), "/?x=1");
    }
}
