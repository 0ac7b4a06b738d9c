//! Real HTTP for HTTP functions: the request goes to the service as it came, no Lambda event in between.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum_core::body::Body;
use futures_util::FutureExt;
use http::{HeaderValue, Request, Response, StatusCode, Uri, header};
use hyper::body::Incoming;
use tower::ServiceExt;

use super::responses::LocalBody;
use super::router::LocalRouter;
use super::whole_body::{WholeBodyError, after_discarding, closing, declared_over, drainable, read_whole};
use crate::lazy_context::LazyContext;
use crate::pipeline::{Prepared, panic_message};

/// Serves `request` with the HTTP function, as Lambda would behind API Gateway, ALB or a Function
/// URL: the whole request body is read before the function runs (a slow upload does not count
/// against its timeout), and the whole response, body included, is made within the timeout
/// (Lambda answers only once it is complete; a streamed body arrives in one piece).
pub(crate) async fn serve(
    router: &Arc<LocalRouter>,
    handler: &Arc<Prepared>,
    request: Request<Incoming>,
    strip_prefix: Option<&str>,
) -> Response<LocalBody> {
    let Some(service) = handler.http.clone() else {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error");
    };
    let limit = router.settings.max_body_bytes();
    // A request refused before its body is read still has it read: see `after_discarding`.
    let idle = router.settings.header_read_timeout();
    let (mut parts, mut body) = request.into_parts();
    if declared_over(&parts.headers, limit) {
        let response = refused(
            &parts.method,
            &parts.uri,
            StatusCode::PAYLOAD_TOO_LARGE,
            "Request Entity Too Large",
            &format!("its Content-Length is over the limit of {limit} bytes"),
        );
        return after_discarding(&mut body, idle, drainable(&parts.headers), response).await;
    }
    let body = match read_whole(&mut body, limit, Some(idle)).await {
        Ok(body) => body,
        Err(err) => {
            // The rest of a body over the limit can still be read; one that stalled or broke cannot.
            let readable = matches!(err, WholeBodyError::TooLarge);
            let (status, answer, why) = match err {
                WholeBodyError::TooLarge => (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Request Entity Too Large",
                    format!("its body is longer than the limit of {limit} bytes"),
                ),
                WholeBodyError::Stalled => (
                    StatusCode::REQUEST_TIMEOUT,
                    "Request Timeout: the request body stopped arriving",
                    "its body stopped arriving".to_owned(),
                ),
                WholeBodyError::Failed(err) => {
                    (StatusCode::BAD_REQUEST, "Bad Request", format!("its body could not be read: {err}"))
                }
            };
            let response = refused(&parts.method, &parts.uri, status, answer, &why);
            return if readable {
                after_discarding(&mut body, idle, drainable(&parts.headers), response).await
            } else {
                closing(response)
            };
        }
    };
    // In the event, a binary body is base64: a third more of Lambda's limit.
    if let Some(encoded) = crate::http_body_size::over_lambda_limit(&parts.headers, &body, limit) {
        return refused(
            &parts.method,
            &parts.uri,
            StatusCode::PAYLOAD_TOO_LARGE,
            "Request Entity Too Large (over the limit once in a Lambda event: base64 when binary, escaped when text)",
            &format!(
                "its body takes {encoded} bytes in a Lambda event (base64 when binary, escaped when text), over the limit of {limit}"
            ),
        );
    }
    if let Some(prefix) = strip_prefix {
        parts.uri = strip_path_prefix(&parts.uri, prefix);
    }
    let timeout = router.settings.timeout();
    let deadline = crate::deadline::later(tokio::time::Instant::now(), timeout);
    let context = LazyContext::new(Arc::clone(&handler.function), deadline);
    // An empty body is boxed without an allocation.
    let body = if body.is_empty() { Body::empty() } else { Body::from(body) };
    let mut request = Request::from_parts(parts, body);
    // With logs on, the span names the request id, so the context is built here; with them
    // off, only when the handler asks for it.
    let span = tracing::info_span!("http", requestId = context.get().request_id(), method = %request.method(), path = request.uri().path());
    crate::http_extract::insert_extensions(request.extensions_mut(), context, handler.states.clone());
    let call = async move {
        let Ok(response) = service.oneshot(request).await;
        let (parts, mut body) = response.into_parts();
        // Bounded by the timeout around this call, and by Lambda's limit: a body longer than
        // that is over it in any encoding, so no more of it is read.
        (parts, read_whole(&mut body, crate::MAX_RESPONSE_BYTES, None).await)
    };
    let call = AssertUnwindSafe(crate::panic_report::serving_request(call)).catch_unwind();
    let outcome = tokio::time::timeout_at(deadline, tracing::Instrument::instrument(call, span.clone())).await;
    // `timeout_at` polls the call before its timer: on a busy runtime that polls both late, a
    // response finished past the deadline would win, where Lambda would have timed out.
    let outcome = match outcome {
        Ok(done) if tokio::time::Instant::now() <= deadline => Ok(done),
        _ => Err(()),
    };
    match outcome {
        Ok(Ok((parts, Ok(body)))) => {
            match crate::http_body_size::over_lambda_limit(&parts.headers, &body, crate::MAX_RESPONSE_BYTES) {
                Some(encoded) => response_too_large(&span, Some(encoded)),
                None => Response::from_parts(parts, LocalBody::new(body)),
            }
        }
        Ok(Ok((_, Err(WholeBodyError::TooLarge)))) => response_too_large(&span, None),
        Ok(Ok((_, Err(err)))) => {
            tracing::error!(parent: &span, error = %err, "the HTTP handler's response body failed");
            text(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
        }
        Ok(Err(panic)) => {
            if !crate::panic_report::logged_by_hook() {
                tracing::error!(parent: &span, panic.message = panic_message(panic.as_ref()), "HTTP handler panicked");
            }
            text(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
        }
        Err(_) => {
            tracing::error!(
                parent: &span,
                timeout_ms = timeout.as_millis() as u64,
                "HTTP handler timed out: its whole response, a streamed body included, must be made within the \
                 timeout, as on Lambda"
            );
            text(StatusCode::GATEWAY_TIMEOUT, "Endpoint request timed out")
        }
    }
}

/// The local server's own refusal of a request the function never saw, logged: nothing else in
/// the server's output would say why the client got it.
#[cold]
#[inline(never)]
fn refused(
    method: &http::Method,
    uri: &Uri,
    status: StatusCode,
    answer: &'static str,
    why: &str,
) -> Response<LocalBody> {
    tracing::warn!(status = status.as_u16(), method = method.as_str(), path = uri.path(), "request refused: {why}");
    text(status, answer)
}

/// What Lambda's HTTP front ends answer when the function's response is over Lambda's 6 MB once
/// in the response JSON (`encoded` bytes, when the whole body was read): the invocation fails
/// with `Function.ResponseSizeTooLarge`, and API Gateway, ALB and Function URLs answer `502`.
#[cold]
#[inline(never)]
fn response_too_large(span: &tracing::Span, encoded: Option<usize>) -> Response<LocalBody> {
    let limit = crate::MAX_RESPONSE_BYTES;
    match encoded {
        Some(encoded) => tracing::error!(
            parent: span,
            encoded,
            limit,
            "the HTTP handler's response body takes {encoded} bytes in Lambda's response JSON (as text, or base64 when \
             binary), over Lambda's limit of {limit}: on Lambda the invocation fails (Function.ResponseSizeTooLarge)"
        ),
        None => tracing::error!(
            parent: span,
            limit,
            "the HTTP handler's response body is longer than Lambda's limit of {limit} bytes (no more of it was \
             read): on Lambda the invocation fails (Function.ResponseSizeTooLarge)"
        ),
    }
    text(
        StatusCode::BAD_GATEWAY,
        "Bad Gateway: the response is over Lambda's 6 MB payload limit (Function.ResponseSizeTooLarge)",
    )
}

fn strip_path_prefix(uri: &Uri, prefix: &str) -> Uri {
    let path_and_query = uri.path_and_query().map(|pq| pq.as_str()).unwrap_or("/");
    let rest = path_and_query.strip_prefix(prefix).unwrap_or(path_and_query);
    let rest = if rest.is_empty() || rest.starts_with('?') { format!("/{rest}") } else { rest.to_owned() };
    rest.parse().unwrap_or_else(|_| uri.clone())
}

fn text(status: StatusCode, body: &'static str) -> Response<LocalBody> {
    let mut response = Response::new(LocalBody::from(body));
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
    use http_body_util::BodyExt;

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

    /// An HTTP function of one service.
    fn http_function<S, F>(service: S) -> Handler
    where
        S: Fn(Request<Body>) -> F + Clone + Send + Sync + 'static,
        F: std::future::Future<Output = Result<Response<Body>, std::convert::Infallible>> + Send + 'static,
    {
        Handler::new("web", |_: crate::Invocation| async { Ok::<_, Error>(()) })
            .with_http_service(tower::util::BoxCloneSyncService::new(tower::service_fn(service)))
    }

    /// As on Lambda, a response over 6 MB once in the response JSON fails, and gets the `502` API
    /// Gateway answers then; one that fits is served whole. The server goes on serving.
    #[tokio::test]
    async fn answers_502_to_a_response_over_lambda_s_limit() {
        let limit = crate::MAX_RESPONSE_BYTES;
        let sized = http_function(move |request: Request<Body>| async move {
            let (content_type, len) = match request.uri().path() {
                "/text-fits" => ("text/plain", limit),
                "/text-over" => ("text/plain", limit + 1),
                // Base64 takes four bytes for three.
                "/binary-fits" => ("application/octet-stream", limit / 4 * 3),
                _ => ("application/octet-stream", limit / 4 * 3 + 1),
            };
            let mut response = Response::new(Body::from(vec![b'a'; len]));
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            Ok(response)
        });
        let server = TestServer::start_with(vec![sized], LocalSettings::default()).await.expect("starts");
        for (path, status, len) in [
            ("/text-over", StatusCode::BAD_GATEWAY, None),
            ("/text-fits", StatusCode::OK, Some(limit)),
            ("/binary-over", StatusCode::BAD_GATEWAY, None),
            ("/binary-fits", StatusCode::OK, Some(limit / 4 * 3)),
        ] {
            let response = server.client().get(path).await.expect("answers");
            assert_eq!(response.status, status, "{path}");
            match len {
                Some(len) => assert_eq!(response.body.len(), len, "{path}"),
                None => assert!(response.text().contains("over Lambda's 6 MB payload limit"), "{path}"),
            }
        }
    }

    /// A response body that never ends is cut off at Lambda's limit, not kept in memory until the
    /// function's timeout.
    #[tokio::test]
    async fn stops_reading_a_response_body_at_lambda_s_limit() {
        let endless = http_function(|_: Request<Body>| async move {
            let chunk = bytes::Bytes::from(vec![b'a'; 64 * 1024]);
            let chunks = futures_util::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone()));
            Ok(Response::new(Body::from_stream(chunks)))
        });
        let settings = LocalSettings::default().with_timeout(Duration::from_secs(60));
        let server = TestServer::start_with(vec![endless], settings).await.expect("starts");
        let response = tokio::time::timeout(Duration::from_secs(30), server.client().get("/forever"))
            .await
            .expect("answered long before the 60 s timeout")
            .expect("answers");
        assert_eq!(response.status, StatusCode::BAD_GATEWAY);
    }

    /// Sends `head`, waits, sends `body`, and reads the status line.
    async fn slow_request(addr: std::net::SocketAddr, head: &str, pause: Duration, body: &[u8]) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connects");
        stream.write_all(head.as_bytes()).await.expect("writes");
        tokio::time::sleep(pause).await;
        stream.write_all(body).await.expect("writes");
        let mut answer = vec![0; 1024];
        let read = stream.read(&mut answer).await.expect("reads");
        String::from_utf8_lossy(&answer[..read]).lines().next().unwrap_or_default().to_owned()
    }

    /// As API Gateway reads the whole request before it invokes, a slow upload is not the
    /// function's time; as Lambda answers only once the response is complete, a body that streams
    /// past the timeout is.
    #[tokio::test]
    async fn the_timeout_covers_the_function_s_work_only() {
        let echo_length = http_function(|request: Request<Body>| async move {
            let body = request.into_body().collect().await.expect("body").to_bytes();
            Ok(Response::new(Body::from(body.len().to_string())))
        });
        let settings = LocalSettings::default().with_timeout(Duration::from_millis(300));
        let server = TestServer::start_with(vec![echo_length], settings.clone()).await.expect("starts");
        let head = "POST /len HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n";
        let status = slow_request(server.addr(), head, Duration::from_millis(600), b"hello").await;
        assert_eq!(status, "HTTP/1.1 200 OK");

        let streaming = http_function(|_: Request<Body>| async move {
            let ticks = futures_util::stream::unfold(0, |tick| async move {
                tokio::time::sleep(Duration::from_millis(200)).await;
                (tick < 5).then(|| (Ok::<_, std::io::Error>(bytes::Bytes::from(format!("tick {tick}\n"))), tick + 1))
            });
            Ok(Response::new(Body::from_stream(ticks)))
        });
        let server = TestServer::start_with(vec![streaming], settings).await.expect("starts");
        let response = server.client().get("/events").await.expect("answers");
        assert_eq!(response.status, StatusCode::GATEWAY_TIMEOUT);
    }

    /// A binary body takes a third more in the event, as base64: over the limit there, refused.
    #[tokio::test]
    async fn refuses_a_body_over_the_limit_once_in_the_event() {
        let ok = http_function(|_: Request<Body>| async move { Ok(Response::new(Body::from("ok"))) });
        let settings = LocalSettings::default().with_max_body_bytes(1_000);
        let server = TestServer::start_with(vec![ok], settings).await.expect("starts");
        let send = |content_type: &'static str| {
            let mut headers = http::HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            server.client().send(http::Method::POST, "/upload", headers, vec![b'a'; 900].into())
        };
        assert_eq!(send("text/plain").await.expect("answers").status, StatusCode::OK);
        assert_eq!(send("application/octet-stream").await.expect("answers").status, StatusCode::PAYLOAD_TOO_LARGE);
    }

    /// Sends `request` on a new connection (a head that declares more body than it carries) and
    /// reads the start of the answer, which must come within 5 s without the rest of the body.
    async fn answer_without_the_body(addr: std::net::SocketAddr, request: &str) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connects");
        stream.write_all(request.as_bytes()).await.expect("writes");
        let mut answer = vec![0; 1024];
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
            .await
            .expect("an answer within 5 s, without the rest of the body")
            .expect("reads");
        String::from_utf8_lossy(&answer[..read]).into_owned()
    }

    /// A client that stops sending its body is answered once the header read timeout passes
    /// without a byte, on both paths; it does not hold the request, or a shutdown, for ever.
    #[tokio::test]
    async fn answers_a_request_whose_body_stops_arriving() {
        let ok = http_function(|_: Request<Body>| async move { Ok(Response::new(Body::from("ok"))) });
        let settings = LocalSettings::default().with_header_read_timeout(Duration::from_millis(300));
        let server = TestServer::start_with(vec![ok], settings).await.expect("starts");
        let http =
            answer_without_the_body(server.addr(), "POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab").await;
        assert!(http.starts_with("HTTP/1.1 408"), "{http}");
        assert!(http.to_ascii_lowercase().contains("connection: close"), "the body is left unread: {http}");
        let invoke =
            "POST /2015-03-31/functions/web/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n{\"a\"";
        let invoke = answer_without_the_body(server.addr(), invoke).await;
        assert!(invoke.starts_with("HTTP/1.1 408"), "{invoke}");
        assert!(invoke.to_ascii_lowercase().contains("connection: close"), "{invoke}");
        assert!(invoke.contains("the request body stopped arriving: nothing for 0.3 s"), "{invoke}");
    }

    /// Writes `head` and `body_len` bytes of body whole before it reads anything, as Python's
    /// `http.client` does, then reads one answer; the connection stays open for the next request.
    async fn write_whole_then_read(stream: &mut tokio::net::TcpStream, head: &str, body_len: usize) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        stream.write_all(head.as_bytes()).await.expect("writes the head");
        stream.write_all(&vec![b' '; body_len]).await.expect("writes the whole body: the server reads it");
        let mut answer = Vec::new();
        let mut byte = [0; 1];
        while !answer.ends_with(b"\r\n\r\n") {
            assert_eq!(stream.read(&mut byte).await.expect("reads the answer"), 1, "{answer:?}");
            answer.push(byte[0]);
        }
        let head = String::from_utf8(answer).expect("text");
        let length = head
            .lines()
            .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length: ").map(str::to_owned))
            .and_then(|length| length.trim().parse::<usize>().ok())
            .expect("a Content-Length");
        let mut body = vec![0; length];
        stream.read_exact(&mut body).await.expect("reads the answer's body");
        head
    }

    /// A request refused before its body is read (over the limit, a bad Invoke API header, the
    /// wrong method) is answered after its body has been read: a client that writes its whole
    /// request before it reads gets the answer, not a reset connection, and the connection goes
    /// on to serve its next request.
    #[tokio::test]
    async fn answers_a_client_that_writes_its_whole_refused_request_first() {
        let ok = http_function(|_: Request<Body>| async move { Ok(Response::new(Body::from("ok"))) });
        let settings = LocalSettings::default().with_max_body_bytes(1_000);
        let server = TestServer::start_with(vec![ok], settings).await.expect("starts");
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.expect("connects");
        let len = 4 * 1024 * 1024;
        let invoke = "/2015-03-31/functions/web/invocations";
        for (head, status) in [
            (format!("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: {len}\r\n\r\n"), "413"),
            (format!("POST {invoke} HTTP/1.1\r\nHost: x\r\nContent-Length: {len}\r\n\r\n"), "413"),
            (
                format!(
                    "POST {invoke} HTTP/1.1\r\nHost: x\r\nX-Amz-Invocation-Type: Bogus\r\nContent-Length: {len}\r\n\r\n"
                ),
                "400",
            ),
            (format!("GET {invoke} HTTP/1.1\r\nHost: x\r\nContent-Length: {len}\r\n\r\n"), "405"),
            (
                format!(
                    "POST /2015-03-31/functions/nobody/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: {len}\r\n\r\n"
                ),
                "404",
            ),
        ] {
            let answer = write_whole_then_read(&mut stream, &head, len).await;
            assert!(answer.starts_with(&format!("HTTP/1.1 {status}")), "{head:?}: {answer}");
            assert!(!answer.to_ascii_lowercase().contains("connection: close"), "{answer}");
            let next = write_whole_then_read(&mut stream, "GET /again HTTP/1.1\r\nHost: x\r\n\r\n", 0).await;
            assert!(next.starts_with("HTTP/1.1 200"), "the same connection serves the next request: {next}");
        }
    }

    /// A request no route serves is refused as the others are: its body read first, unless it
    /// declares more than is worth reading, which is answered at once and the connection closed.
    #[tokio::test]
    async fn reads_the_body_of_a_request_no_route_serves() {
        let echo = Handler::new("echo", |_: crate::Invocation| async { Ok::<_, Error>(()) });
        let server = TestServer::start_with(vec![echo], LocalSettings::default()).await.expect("starts");
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.expect("connects");
        let len = 4 * 1024 * 1024;
        let head = format!("POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: {len}\r\n\r\n");
        let answer = write_whole_then_read(&mut stream, &head, len).await;
        assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
        let next = "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
        let next = write_whole_then_read(&mut stream, next, 0).await;
        assert!(next.starts_with("HTTP/1.1 200"), "the same connection serves the next request: {next}");

        let huge = "POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n";
        let answer = answer_without_the_body(server.addr(), huge).await.to_ascii_lowercase();
        assert!(answer.starts_with("http/1.1 404") && answer.contains("connection: close"), "{answer}");
    }

    /// A client that waits for `100 Continue` before it sends its body (curl, for a large one)
    /// gets the refusal at once, its body unread and its connection closed, on both paths.
    #[tokio::test]
    async fn refuses_a_client_waiting_for_100_continue_without_asking_for_the_body() {
        let ok = http_function(|_: Request<Body>| async move { Ok(Response::new(Body::from("ok"))) });
        let settings = LocalSettings::default().with_max_body_bytes(1_000);
        let server = TestServer::start_with(vec![ok], settings).await.expect("starts");
        let expect = "Content-Length: 4000000\r\nExpect: 100-continue\r\n\r\n";
        let invoke = "POST /2015-03-31/functions/web/invocations HTTP/1.1\r\nHost: x\r\n";
        for (head, status) in [
            (format!("POST /upload HTTP/1.1\r\nHost: x\r\n{expect}"), "413"),
            (format!("{invoke}{expect}"), "413"),
            (format!("{invoke}X-Amz-Log-Type: Bogus\r\n{expect}"), "400"),
        ] {
            let answer = answer_without_the_body(server.addr(), &head).await.to_ascii_lowercase();
            assert!(answer.starts_with(&format!("http/1.1 {status}")), "{head:?}: {answer}");
            assert!(answer.contains("connection: close"), "{answer}");
        }
    }

    /// `post_json` sends JSON as axum's `Json` extractor asks for it.
    #[tokio::test]
    async fn the_test_client_posts_json_with_its_content_type() {
        let echo = http_function(|request: Request<Body>| async move {
            let content_type = request.headers().get(header::CONTENT_TYPE).cloned();
            let body = request.into_body().collect().await.expect("body").to_bytes();
            let answer = format!(
                "{} {}",
                content_type.as_ref().and_then(|v| v.to_str().ok()).unwrap_or("-"),
                String::from_utf8_lossy(&body)
            );
            Ok(Response::new(Body::from(answer)))
        });
        let server = TestServer::start_with(vec![echo], LocalSettings::default()).await.expect("starts");
        let answer = server.client().post_json("/orders", &serde_json::json!({"id": 7})).await.expect("answers");
        assert_eq!(answer.text(), r#"application/json {"id":7}"#);
    }

    /// `LocalSettings::with_timeout(Duration::MAX)`, "no timeout", serves both paths.
    #[tokio::test]
    async fn serves_with_a_timeout_too_long_for_the_clock() {
        let ok = http_function(|_: Request<Body>| async move { Ok(Response::new(Body::from("ok"))) });
        let settings = LocalSettings::default().with_timeout(Duration::MAX);
        let server = TestServer::start_with(vec![ok], settings).await.expect("starts");
        let response = server.client().get("/anything").await.expect("answers");
        assert_eq!((response.status, response.text()), (StatusCode::OK, "ok".to_owned()));
        let invoked = server.client().invoke("web", serde_json::json!({})).await.expect("answers");
        assert_eq!(invoked.status, StatusCode::OK, "{}", invoked.text());
    }

    #[test]
    fn strips_mount_prefixes() {
        let uri: Uri = "/api/hello/Ana?x=1".parse().expect("uri");
        assert_eq!(strip_path_prefix(&uri, "/api").to_string(), "/hello/Ana?x=1");
        let uri: Uri = "/api?x=1".parse().expect("uri");
        assert_eq!(strip_path_prefix(&uri, "/api").to_string(), "/?x=1");
    }
}
