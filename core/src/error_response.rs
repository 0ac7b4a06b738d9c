//! An [`Error`] as an HTTP response, so that an HTTP handler can return `Result<T, faaskit::Error>`
//! and use `?` on the errors its event handlers would.

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CONTENT_TYPE, HeaderValue};

use crate::Error;

/// `500 Internal Server Error`, the error logged with its type and message but not shown to the
/// client (it may name hosts, users or queries); a [`Error::DECODE`] error, about the request
/// itself, is a `400` whose body is the error's JSON (`{"errorType", "errorMessage"}`).
///
/// Answer with a response of your own for anything else (a `404`, a message for the client).
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if self.is(Error::DECODE) {
            tracing::warn!(errorType = %self.error_type(), errorMessage = %self.message(), "bad request");
            return response(StatusCode::BAD_REQUEST, "application/json", self.to_json().to_string());
        }
        tracing::error!(errorType = %self.error_type(), errorMessage = %self.message(), "HTTP handler failed");
        response(StatusCode::INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", "Internal Server Error".to_owned())
    }
}

fn response(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

#[cfg(test)]
mod tests {
    use http_body_util::BodyExt;

    use super::*;

    async fn body_of(response: Response) -> String {
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }

    #[tokio::test]
    async fn hides_a_failure_and_shows_a_bad_request() {
        let failed = Error::new("DbError", "connection to db-internal:5432 refused").into_response();
        assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body_of(failed).await, "Internal Server Error");
        let decode = Error::new(Error::DECODE, "at amount: invalid type").into_response();
        assert_eq!(decode.status(), StatusCode::BAD_REQUEST);
        assert_eq!(decode.headers()[CONTENT_TYPE], "application/json");
        assert_eq!(
            body_of(decode).await,
            r#"{"errorMessage":"at amount: invalid type","errorType":"Faaskit.DecodeError"}"#
        );
    }
}
