//! An [`Error`] as an HTTP response, so that an HTTP handler can return `Result<T, faaskit::Error>`
//! and use `?` on the errors its event handlers would.

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CONTENT_TYPE, HeaderValue};

use crate::Error;

/// `500` (`400` for a [`Error::DECODE`] error) with the error's JSON, `{"errorType",
/// "errorMessage"}`, as the Invoke API answers a failed invocation; the error is logged.
///
/// The message reaches the client: answer with a response of your own when it is not for them.
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = if self.is(Error::DECODE) { StatusCode::BAD_REQUEST } else { StatusCode::INTERNAL_SERVER_ERROR };
        tracing::error!(errorType = %self.error_type(), errorMessage = %self.message(), "HTTP handler failed");
        let mut response = Response::new(Body::from(self.to_json().to_string()));
        *response.status_mut() = status;
        response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    }
}

#[cfg(test)]
mod tests {
    use http_body_util::BodyExt;

    use super::*;

    #[tokio::test]
    async fn answers_with_the_error_as_the_invoke_api_does() {
        let response = Error::new("OrderRejected", "amount must not be negative").into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = response.into_body().collect().await.expect("body").to_bytes();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&body).expect("JSON"),
            serde_json::json!({"errorType": "OrderRejected", "errorMessage": "amount must not be negative"})
        );
        let decode = Error::new(Error::DECODE, "at amount: invalid type").into_response();
        assert_eq!(decode.status(), StatusCode::BAD_REQUEST);
    }
}
