//! The local server's own answers, shaped as the AWS services answer.

use bytes::Bytes;
use http::header::{self, HeaderName};
use http::{HeaderValue, Response, StatusCode};

/// The body of every answer the local server gives: whole, as Lambda only ever answers whole (an
/// HTTP function's response is read whole before it is sent). A concrete type, not a boxed
/// `axum` body: one allocation less per response.
pub(crate) type LocalBody = http_body_util::Full<Bytes>;

/// The kind of an Invoke API error, which the AWS CLI and SDKs read.
const ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// A JSON response with the given status.
pub(crate) fn json(status: StatusCode, body: impl Into<LocalBody>) -> Response<LocalBody> {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// An error of the Invoke API itself (not of the function), as AWS shapes it: an
/// `x-amzn-ErrorType` header and a `{"Type", "message"}` body, which the AWS CLI and SDKs parse;
/// plus `errorType` and `errorMessage`, which `cargo lambda invoke` reads from any error.
///
/// The refusal is logged too: the function never ran, so nothing else in the server's output
/// would say why a client got it.
pub(crate) fn service_error(status: StatusCode, error_type: &'static str, message: &str) -> Response<LocalBody> {
    tracing::warn!(status = status.as_u16(), error_type, "invocation refused: {}", one_line(message));
    let body = serde_json::json!({
        "Type": "User",
        "message": message,
        "errorType": error_type,
        "errorMessage": message,
    });
    let mut response = json(status, body.to_string());
    response.headers_mut().insert(ERROR_TYPE, HeaderValue::from_static(error_type));
    // AWS gives every answer a request id, a refusal too.
    if let Ok(id) = HeaderValue::from_str(&crate::request_id::fresh()) {
        response.headers_mut().insert(super::invoke::REQUEST_ID, id);
    }
    response
}

/// `text` with its control characters escaped (`\n` as `\\n`): a message that quotes the
/// client's input (a function name, a payload) cannot start a line of its own in the log.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    line
}
