//! The raw request context of the event (authorizer, source IP, stage), reachable from the request.

use std::sync::{Arc, OnceLock};

use aws_lambda_events::alb::AlbTargetGroupRequestContext;
use aws_lambda_events::apigw::{
    ApiGatewayProxyRequestContext, ApiGatewayRequestAuthorizer, ApiGatewayV2httpRequestContext,
    ApiGatewayWebsocketProxyRequestContext,
};
use aws_lambda_events::lambda_function_urls::LambdaFunctionUrlRequestContext;
use axum::extract::FromRequestParts;
use bytes::Bytes;
use faaskit_core::Context;
use http::StatusCode;
use http::request::Parts;

use super::format::EventFormat;

/// The `requestContext` of the event a request came in, typed by its format.
///
/// Take it as an axum extractor, or read it with [`RequestExt::request_context`]. It is decoded
/// from the event's JSON the first time it is asked for, so requests that never look at it
/// do not pay for it. Requests served locally over plain HTTP have none.
///
/// # Examples
///
/// ```
/// use faaskit::http::RequestContext;
///
/// async fn whoami(context: RequestContext) -> String {
///     let ip = context.source_ip().unwrap_or("unknown");
///     let user = context.claim("sub").unwrap_or("anonymous");
///     format!("{user} from {ip} on stage {}", context.stage().unwrap_or("-"))
/// }
/// # let _ = faaskit::http::axum::Router::<()>::new().route("/", faaskit::http::axum::routing::get(whoami));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RequestContext {
    /// API Gateway REST API (payload 1.0).
    RestApi(Box<ApiGatewayProxyRequestContext>),
    /// API Gateway HTTP API (payload 2.0).
    HttpApi(Box<ApiGatewayV2httpRequestContext>),
    /// Application Load Balancer.
    Alb(Box<AlbTargetGroupRequestContext>),
    /// Lambda Function URL.
    FunctionUrl(Box<LambdaFunctionUrlRequestContext>),
    /// API Gateway WebSocket API.
    WebSocket(Box<ApiGatewayWebsocketProxyRequestContext>),
}

impl RequestContext {
    /// Decodes the `requestContext` JSON of an event of `format`.
    ///
    /// # Errors
    ///
    /// When the JSON is not that format's request context.
    pub fn from_json(format: EventFormat, json: &[u8]) -> Result<Self, serde_json::Error> {
        Ok(match format {
            EventFormat::RestApi => Self::RestApi(serde_json::from_slice(json)?),
            EventFormat::HttpApi => Self::HttpApi(serde_json::from_slice(json)?),
            EventFormat::Alb { .. } => Self::Alb(serde_json::from_slice(json)?),
            EventFormat::FunctionUrl => Self::FunctionUrl(serde_json::from_slice(json)?),
            EventFormat::WebSocket => Self::WebSocket(serde_json::from_slice(json)?),
        })
    }

    /// The API Gateway or Function URL request id.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::RestApi(c) => c.request_id.as_deref(),
            Self::HttpApi(c) => c.request_id.as_deref(),
            Self::FunctionUrl(c) => c.request_id.as_deref(),
            Self::WebSocket(c) => c.request_id.as_deref(),
            Self::Alb(_) => None,
        }
    }

    /// The API Gateway stage (`prod`, `$default`).
    pub fn stage(&self) -> Option<&str> {
        match self {
            Self::RestApi(c) => c.stage.as_deref(),
            Self::HttpApi(c) => c.stage.as_deref(),
            Self::WebSocket(c) => c.stage.as_deref(),
            Self::Alb(_) | Self::FunctionUrl(_) => None,
        }
    }

    /// The client's IP address as API Gateway or the Function URL saw it. ALB gives none: read
    /// the `x-forwarded-for` header.
    pub fn source_ip(&self) -> Option<&str> {
        match self {
            Self::RestApi(c) => c.identity.source_ip.as_deref(),
            Self::HttpApi(c) => c.http.source_ip.as_deref(),
            Self::FunctionUrl(c) => c.http.source_ip.as_deref(),
            Self::WebSocket(c) => c.identity.source_ip.as_deref(),
            Self::Alb(_) => None,
        }
    }

    /// The API Gateway authorizer's description (JWT claims, Lambda authorizer context, IAM).
    pub fn authorizer(&self) -> Option<&ApiGatewayRequestAuthorizer> {
        match self {
            Self::RestApi(c) => Some(&c.authorizer),
            Self::HttpApi(c) => c.authorizer.as_ref(),
            Self::WebSocket(c) => Some(&c.authorizer),
            Self::Alb(_) | Self::FunctionUrl(_) => None,
        }
    }

    /// A claim of the caller's token: from a JWT authorizer (HTTP API) or a Cognito user pool
    /// authorizer (REST API, `authorizer.claims`).
    pub fn claim(&self, name: &str) -> Option<&str> {
        let authorizer = self.authorizer()?;
        if let Some(value) = authorizer.jwt.as_ref().and_then(|jwt| jwt.claims.get(name)) {
            return Some(value);
        }
        authorizer.fields.get("claims").and_then(|claims| claims.get(name)).and_then(serde_json::Value::as_str)
    }
}

/// What a request built from an event carries in its extensions: the event's format and its
/// `requestContext` JSON, decoded on first use.
#[derive(Clone)]
pub(crate) struct EventContext(Arc<EventContextInner>);

struct EventContextInner {
    format: EventFormat,
    json: Bytes,
    decoded: OnceLock<Option<RequestContext>>,
}

impl EventContext {
    pub(crate) fn new(format: EventFormat, json: Bytes) -> Self {
        Self(Arc::new(EventContextInner { format, json, decoded: OnceLock::new() }))
    }

    pub(crate) fn format(&self) -> EventFormat {
        self.0.format
    }

    fn request_context(&self) -> Option<&RequestContext> {
        let inner = &*self.0;
        inner
            .decoded
            .get_or_init(|| match RequestContext::from_json(inner.format, &inner.json) {
                Ok(context) => Some(context),
                Err(err) => {
                    tracing::warn!(format = inner.format.name(), error = %err, "cannot decode the event's requestContext");
                    None
                }
            })
            .as_ref()
    }
}

/// What faaskit puts in the requests it builds from Lambda events.
///
/// Implemented for `http::Request<B>` and `http::request::Parts`.
///
/// # Examples
///
/// ```
/// use faaskit::http::{EventFormat, RequestExt, decode_request};
///
/// let payload = br#"{"httpMethod":"GET","path":"/","resource":"/","headers":null,
///     "requestContext":{"stage":"prod","httpMethod":"GET","identity":{"sourceIp":"203.0.113.9"}}}"#;
/// let (_, request) = decode_request(&bytes::Bytes::from_static(payload)).expect("a REST API event");
/// assert_eq!(request.event_format(), Some(EventFormat::RestApi));
/// let context = request.request_context().expect("the event's requestContext");
/// assert_eq!(context.source_ip(), Some("203.0.113.9"));
/// assert_eq!(context.stage(), Some("prod"));
/// ```
pub trait RequestExt {
    /// The format of the event the request came in; `None` for plain HTTP.
    fn event_format(&self) -> Option<EventFormat>;
    /// The event's typed `requestContext`; `None` for plain HTTP, or if it does not decode.
    fn request_context(&self) -> Option<&RequestContext>;
    /// The invocation's [`Context`]: the Lambda invocation's, or for plain HTTP on the local
    /// server, the request's own (a fresh request id and the local timeout's deadline).
    fn lambda_context(&self) -> Option<&Context>;
}

impl RequestExt for http::Extensions {
    fn event_format(&self) -> Option<EventFormat> {
        self.get::<EventContext>().map(EventContext::format)
    }
    fn request_context(&self) -> Option<&RequestContext> {
        self.get::<EventContext>().and_then(EventContext::request_context)
    }
    fn lambda_context(&self) -> Option<&Context> {
        faaskit_core::__private::context_in(self)
    }
}

impl<B> RequestExt for http::Request<B> {
    fn event_format(&self) -> Option<EventFormat> {
        self.extensions().event_format()
    }
    fn request_context(&self) -> Option<&RequestContext> {
        self.extensions().request_context()
    }
    fn lambda_context(&self) -> Option<&Context> {
        self.extensions().lambda_context()
    }
}

impl RequestExt for Parts {
    fn event_format(&self) -> Option<EventFormat> {
        self.extensions.event_format()
    }
    fn request_context(&self) -> Option<&RequestContext> {
        self.extensions.request_context()
    }
    fn lambda_context(&self) -> Option<&Context> {
        self.extensions.lambda_context()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.request_context().cloned().ok_or_else(|| {
            // The client sees a bare 500: the log says why, and what to do.
            tracing::error!(
                "no Lambda request context: the request did not come in a Lambda HTTP event (real HTTP served \
                 locally has none); take `Option<RequestContext>` in a handler that also runs locally"
            );
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "no Lambda request context: the request did not come in a Lambda HTTP event",
            )
        })
    }
}

/// `Option<RequestContext>` works too, for handlers that also serve plain HTTP locally.
impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for RequestContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.request_context().cloned())
    }
}
