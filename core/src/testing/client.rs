//! A small HTTP client for tests of a local server: the Invoke API and plain HTTP.

use std::net::SocketAddr;

use bytes::Bytes;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::TestPayload;
use crate::Error;

/// A client of a local faaskit server.
///
/// # Examples
///
/// ```no_run
/// # async fn run(addr: std::net::SocketAddr) -> Result<(), faaskit::Error> {
/// let client = faaskit::testing::LocalClient::new(addr);
/// let response = client.invoke("hello", r#"{"name":"Ana"}"#).await?;
/// assert_eq!(response.json()?, serde_json::json!({"message": "Hello, Ana!"}));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct LocalClient {
    addr: SocketAddr,
    client: Client<HttpConnector, Full<Bytes>>,
}

/// A response from a local server.
#[derive(Clone, Debug)]
pub struct TestResponse {
    /// The status code.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
}

impl TestResponse {
    /// The body as JSON.
    ///
    /// # Errors
    ///
    /// When the body is not JSON.
    pub fn json(&self) -> Result<serde_json::Value, Error> {
        serde_json::from_slice(&self.body).map_err(Error::from)
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The value of a header, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// Whether the Invoke API reported a function error (`X-Amz-Function-Error`).
    pub fn is_function_error(&self) -> bool {
        self.headers.contains_key("x-amz-function-error")
    }
}

impl LocalClient {
    /// A client of the server at `addr`.
    pub fn new(addr: SocketAddr) -> Self {
        let client = Client::builder(TokioExecutor::new()).build_http();
        Self { addr, client }
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Invokes a function through the Invoke API, as `aws lambda invoke` would, with any payload
    /// [`TestFunction::invoke`](super::TestFunction::invoke) takes: text, bytes, a
    /// `serde_json::Value`, an event builder.
    ///
    /// # Errors
    ///
    /// When the server cannot be reached.
    pub async fn invoke(&self, function: &str, payload: impl TestPayload) -> Result<TestResponse, Error> {
        let path = format!("/2015-03-31/functions/{function}/invocations");
        self.send(Method::POST, &path, HeaderMap::new(), payload.to_payload()).await
    }

    /// Sends a `GET`.
    ///
    /// # Errors
    ///
    /// When the server cannot be reached.
    pub async fn get(&self, path: &str) -> Result<TestResponse, Error> {
        self.send(Method::GET, path, HeaderMap::new(), Bytes::new()).await
    }

    /// Sends a `POST` with a body.
    ///
    /// # Errors
    ///
    /// When the server cannot be reached.
    pub async fn post(&self, path: &str, body: impl Into<Bytes>) -> Result<TestResponse, Error> {
        self.send(Method::POST, path, HeaderMap::new(), body.into()).await
    }

    /// Sends a `POST` whose body is `value` as JSON, with `Content-Type: application/json` (which
    /// axum's `Json` extractor asks for).
    ///
    /// # Errors
    ///
    /// When `value` cannot be written as JSON, or the server cannot be reached.
    pub async fn post_json<T: serde::Serialize + ?Sized>(&self, path: &str, value: &T) -> Result<TestResponse, Error> {
        let body = serde_json::to_vec(value)
            .map_err(|err| Error::new("Faaskit.TestClientError", format!("the body is not JSON: {err}")))?;
        let mut headers = HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
        self.send(Method::POST, path, headers, body.into()).await
    }

    /// Sends any request.
    ///
    /// # Errors
    ///
    /// When the request is malformed or the server cannot be reached.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        headers: HeaderMap,
        body: Bytes,
    ) -> Result<TestResponse, Error> {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("http://{}{path}", self.addr))
            .body(body)
            .map_err(Error::from)?;
        request.headers_mut().extend(headers);
        self.request(request).await
    }

    /// Sends a request built with the `http` crate (its URI may be just a path), with any body
    /// that converts into bytes (`&str`, `String`, `Vec<u8>`, `Bytes`).
    ///
    /// # Errors
    ///
    /// When the request is malformed or the server cannot be reached.
    pub async fn request<B: Into<Bytes>>(&self, request: Request<B>) -> Result<TestResponse, Error> {
        let (mut parts, body) = request.into_parts();
        let body = Full::new(body.into());
        if parts.uri.authority().is_none() {
            let path = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
            parts.uri = format!("http://{}{path}", self.addr).parse().map_err(Error::from)?;
        }
        let response = self
            .client
            .request(Request::from_parts(parts, body))
            .await
            .map_err(|err| Error::new("Faaskit.TestClientError", format!("request failed: {err}")))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|err| Error::new("Faaskit.TestClientError", format!("response body failed: {err}")))?
            .to_bytes();
        Ok(TestResponse { status: parts.status, headers: parts.headers, body })
    }
}
