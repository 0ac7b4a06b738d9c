//! The service's `http::Response` into the response format of the event it answers.

use std::borrow::Cow;

use axum::body::HttpBody;
use base64::Engine as _;
use bytes::Bytes;
use faaskit_core::{BoxError, Error};
use http::header::{CONTENT_TYPE, SET_COOKIE};
use http::{HeaderMap, HeaderValue, Response, StatusCode};
use http_body_util::BodyExt;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::value::RawValue;

use super::format::EventFormat;

/// Writes `response` in the response format of `format`, the JSON Lambda hands back to the
/// service that sent the event.
///
/// - REST API (and HTTP API payload 1.0): `statusCode`, `multiValueHeaders` (every value; no
///   `headers`, which an HTTP API would send a second time), `body`, `isBase64Encoded`.
/// - WebSocket: `statusCode`, `headers` (repeated values joined with `,`, the last `set-cookie`),
///   `body`, `isBase64Encoded`.
/// - HTTP API and Function URLs: `statusCode`, `headers` (repeated values joined with `,`),
///   `cookies` (each `set-cookie`), `body`, `isBase64Encoded`.
/// - ALB: `statusCode`, `statusDescription`, and `multiValueHeaders` when the target group sends
///   them, else `headers`.
///
/// The body is text when its `content-type` is textual (`text/*`, JSON, XML, JavaScript, form
/// data; or none) with no `content-encoding`, and it is valid UTF-8; otherwise it is base64.
///
/// # Examples
///
/// ```
/// use faaskit::http::{EventFormat, encode_response};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let response = http::Response::builder()
///     .header("content-type", "text/plain")
///     .header("set-cookie", "a=1")
///     .header("set-cookie", "b=2")
///     .body(faaskit::Body::from("Hello"))
///     .unwrap();
/// let json = encode_response(EventFormat::HttpApi, response).await.expect("encodes");
/// assert_eq!(
///     json.get(),
///     r#"{"statusCode":200,"headers":{"content-type":"text/plain"},"cookies":["a=1","b=2"],"body":"Hello","isBase64Encoded":false}"#
/// );
/// # });
/// ```
///
/// # Errors
///
/// None in practice: a body that fails while it is read answers `500` (logged). The `Result` is
/// for a response that cannot be written as JSON (a [`Error::ENCODE`] error).
pub async fn encode_response<B>(format: EventFormat, response: Response<B>) -> Result<Box<RawValue>, Error>
where
    B: HttpBody<Data = Bytes> + Send,
    B::Error: Into<BoxError>,
{
    let (parts, body) = response.into_parts();
    let (status, headers, bytes) = match body.collect().await {
        Ok(collected) => (parts.status, parts.headers, collected.to_bytes()),
        Err(err) => {
            let err: BoxError = err.into();
            tracing::error!(error = %err, "the HTTP response body failed while it was read");
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
            (StatusCode::INTERNAL_SERVER_ERROR, headers, Bytes::from_static(b"Internal Server Error"))
        }
    };
    encode_parts(format, status, &headers, &bytes)
}

/// The JSON of a response whose body is already read.
pub(crate) fn encode_parts(
    format: EventFormat,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Box<RawValue>, Error> {
    let (body, is_base64_encoded) = encode_body(headers, body);
    let mut wire = ResponseWire {
        status_code: status.as_u16(),
        status_description: None,
        headers: None,
        multi_value_headers: None,
        cookies: None,
        body,
        is_base64_encoded,
    };
    match format {
        EventFormat::RestApi => {
            // `multiValueHeaders` alone: an HTTP API on payload 1.0 merges `headers` into it and
            // sends a header listed in both twice (a REST API merges equal pairs, but needs
            // nothing from `headers` either).
            wire.multi_value_headers = Some(MultiHeaders(headers));
        }
        EventFormat::WebSocket => {
            // `headers` alone, the form AWS documents for a `$connect` answer
            // (`Sec-WebSocket-Protocol`): with `multiValueHeaders` beside it, a header listed in
            // both could be sent twice, as an HTTP API on payload 1.0 does.
            wire.headers = Some(Headers { map: headers, style: Style::JoinedButLastCookie, skip_cookies: false });
        }
        EventFormat::HttpApi | EventFormat::FunctionUrl => {
            wire.headers = Some(Headers { map: headers, style: Style::Joined, skip_cookies: true });
            let cookies: Vec<Cow<'_, str>> = headers.get_all(SET_COOKIE).iter().map(text).collect();
            wire.cookies = (!cookies.is_empty()).then_some(cookies);
        }
        EventFormat::Alb { multi_value_headers } => {
            wire.status_description = Some(match status.canonical_reason() {
                Some(reason) => format!("{} {reason}", status.as_u16()),
                None => status.as_u16().to_string(),
            });
            if multi_value_headers {
                wire.multi_value_headers = Some(MultiHeaders(headers));
            } else {
                if headers.get_all(SET_COOKIE).iter().nth(1).is_some() {
                    tracing::warn!(
                        "the ALB target group does not have multi-value headers enabled: only the last set-cookie header is sent"
                    );
                }
                wire.headers = Some(Headers { map: headers, style: Style::JoinedButLastCookie, skip_cookies: false });
            }
        }
    }
    let json = serde_json::to_string(&wire)
        .map_err(|err| Error::new(Error::ENCODE, format!("cannot write the {format} response: {err}")))?;
    RawValue::from_string(json)
        .map_err(|err| Error::new(Error::ENCODE, format!("cannot write the {format} response: {err}")))
}

/// The body as text, or base64 when it is binary.
fn encode_body<'b>(headers: &HeaderMap, body: &'b [u8]) -> (Cow<'b, str>, bool) {
    if faaskit_core::__private::is_textual(headers) {
        if let Ok(text) = std::str::from_utf8(body) {
            return (Cow::Borrowed(text), false);
        }
    }
    (Cow::Owned(base64::engine::general_purpose::STANDARD.encode(body)), true)
}

fn text(value: &HeaderValue) -> Cow<'_, str> {
    String::from_utf8_lossy(value.as_bytes())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResponseWire<'a> {
    status_code: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headers: Option<Headers<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    multi_value_headers: Option<MultiHeaders<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cookies: Option<Vec<Cow<'a, str>>>,
    body: Cow<'a, str>,
    is_base64_encoded: bool,
}

/// How a single-value `headers` object writes a header that has several values.
#[derive(Clone, Copy)]
enum Style {
    /// Joined with `,` (payload 2.0).
    Joined,
    /// Joined with `,`, but `set-cookie` cannot be joined: the last one.
    JoinedButLastCookie,
}

struct Headers<'a> {
    map: &'a HeaderMap,
    style: Style,
    skip_cookies: bool,
}

impl Serialize for Headers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.map.keys_len()))?;
        for name in self.map.keys() {
            let cookie = name == SET_COOKIE;
            if cookie && self.skip_cookies {
                continue;
            }
            let mut values = self.map.get_all(name).iter();
            let joined = match self.style {
                Style::Joined => true,
                Style::JoinedButLastCookie => !cookie,
            };
            if joined {
                let mut value = values.next().map(text).unwrap_or_default();
                for next in values {
                    value.to_mut().push(',');
                    value.to_mut().push_str(&text(next));
                }
                map.serialize_entry(name.as_str(), &value)?;
            } else if let Some(last) = values.next_back() {
                map.serialize_entry(name.as_str(), &text(last))?;
            }
        }
        map.end()
    }
}

struct MultiHeaders<'a>(&'a HeaderMap);

impl Serialize for MultiHeaders<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.keys_len()))?;
        for name in self.0.keys() {
            let values: Vec<Cow<'_, str>> = self.0.get_all(name).iter().map(text).collect();
            map.serialize_entry(name.as_str(), &values)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_text_from_binary() {
        let with = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.append(*name, HeaderValue::from_static(value));
            }
            map
        };
        let (body, base64) = encode_body(&with(&[("content-type", "text/plain")]), &[0xff, 0xfe]);
        assert_eq!((body.as_ref(), base64), ("//4=", true));
    }
}
