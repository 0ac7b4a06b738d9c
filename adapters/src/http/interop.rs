//! Interop with `aws_lambda_events`: requests from its HTTP event types.

use axum::body::Body;
use bytes::Bytes;
use faaskit_core::Error;
use http::Request;
use serde::Serialize;

use super::format::EventFormat;
use super::request::decode_request;

/// Builds the request of an HTTP event held as an `aws_lambda_events` value:
/// `ApiGatewayProxyRequest`, `ApiGatewayV2httpRequest`, `AlbTargetGroupRequest`,
/// `LambdaFunctionUrlRequest` or `ApiGatewayWebsocketProxyRequest`.
///
/// The event is written as the JSON Lambda delivers and decoded as faaskit decodes events, so
/// the request is the one an HTTP function receives for that event.
///
/// # Examples
///
/// ```
/// use aws_lambda_events::apigw::ApiGatewayV2httpRequest;
/// use faaskit::http::{EventFormat, request_from_aws};
///
/// let mut event = ApiGatewayV2httpRequest::default();
/// event.version = Some("2.0".into());
/// event.raw_path = Some("/hello/Ana".into());
/// event.raw_query_string = Some("lang=pt".into());
/// event.request_context.http.method = http::Method::GET;
/// let (format, request) = request_from_aws(&event).expect("an HTTP API request");
/// assert_eq!(format, EventFormat::HttpApi);
/// assert_eq!(request.uri(), "/hello/Ana?lang=pt");
/// ```
///
/// # Errors
///
/// When the value does not serialize to JSON, or as [`decode_request`].
pub fn request_from_aws<E: Serialize>(event: &E) -> Result<(EventFormat, Request<Body>), Error> {
    let json = serde_json::to_vec(event)
        .map_err(|err| Error::new(Error::DECODE, format!("cannot write the aws_lambda_events value as JSON: {err}")))?;
    decode_request(&Bytes::from(json))
}
