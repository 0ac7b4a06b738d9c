//! Which HTTP-shaped event a payload is, told from its JSON.

use std::fmt;

use super::wire::{ContextWire, RequestWire};

/// The kind of HTTP event a request came in, which is also the response format it answers in.
///
/// # Examples
///
/// ```
/// use faaskit::http::{EventFormat, decode_request};
///
/// let payload = br#"{"version":"2.0","routeKey":"$default","rawPath":"/hello","rawQueryString":"",
///     "headers":{},"requestContext":{"http":{"method":"GET"},"stage":"$default"},"isBase64Encoded":false}"#;
/// let (format, request) = decode_request(&bytes::Bytes::from_static(payload)).expect("an HTTP API event");
/// assert_eq!(format, EventFormat::HttpApi);
/// assert_eq!(request.uri(), "/hello");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventFormat {
    /// API Gateway REST API, payload format 1.0 (`httpMethod`, `multiValueHeaders`).
    RestApi,
    /// API Gateway HTTP API, payload format 2.0 (`rawPath`, `cookies`).
    HttpApi,
    /// Application Load Balancer (`requestContext.elb`); with multi-value headers enabled on
    /// the target group or not, and the response must match.
    Alb {
        /// Whether the target group sends (and expects) `multiValueHeaders`.
        multi_value_headers: bool,
    },
    /// Lambda Function URLs: payload 2.0 on a `*.lambda-url.*` domain.
    FunctionUrl,
    /// API Gateway WebSocket API: `requestContext.connectionId`, `routeKey` and `eventType`.
    WebSocket,
}

impl EventFormat {
    /// A short name for logs and errors.
    pub fn name(self) -> &'static str {
        match self {
            Self::RestApi => "API Gateway REST API",
            Self::HttpApi => "API Gateway HTTP API",
            Self::Alb { .. } => "ALB",
            Self::FunctionUrl => "Lambda Function URL",
            Self::WebSocket => "API Gateway WebSocket API",
        }
    }

    /// Tells the format from the fields present, or `None` when the event is not HTTP-shaped.
    pub(crate) fn detect(wire: &RequestWire<'_>, context: &ContextWire<'_>) -> Option<Self> {
        if context.elb.is_some() {
            // A target group with multi-value headers sends `multiValueHeaders` and no `headers`;
            // an empty `multiValueHeaders` beside filled `headers` is the single-value form.
            let multi_value_headers = wire.multi_value_headers.is_some_and(|multi| {
                !super::wire::is_empty_object(multi) || wire.headers.is_none_or(super::wire::is_empty_object)
            });
            return Some(Self::Alb { multi_value_headers });
        }
        let v2 = wire.version.as_ref().is_some_and(|v| v.as_str() == "2.0");
        if context.http.is_some() || (v2 && wire.raw_path.is_some()) {
            let function_url =
                context.domain_name.as_ref().is_some_and(|domain| domain.as_str().contains(".lambda-url."));
            return Some(if function_url { Self::FunctionUrl } else { Self::HttpApi });
        }
        if context.connection_id.is_some() || context.event_type.is_some() {
            return Some(Self::WebSocket);
        }
        wire.http_method.is_some().then_some(Self::RestApi)
    }

    /// Whether the event uses payload 2.0 (comma-joined headers, `cookies`).
    pub(crate) fn is_v2(self) -> bool {
        matches!(self, Self::HttpApi | Self::FunctionUrl)
    }
}

impl fmt::Display for EventFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
