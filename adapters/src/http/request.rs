//! An HTTP-shaped Lambda event into the `http::Request` the service sees.

use std::borrow::Cow;

use axum::body::Body;
use base64::Engine as _;
use bytes::Bytes;
use faaskit_core::Error;
use http::header::{COOKIE, HeaderName, HeaderValue};
use http::{HeaderMap, Method, Request, Uri};
use serde::Deserialize;

use super::context::EventContext;
use super::format::EventFormat;
use super::path;
use super::wire::{ContextWire, List, Pairs, RequestWire, Str, is_empty_object};

/// Builds the request an HTTP event describes, and tells which format it came in.
///
/// The request's path is the one the client asked the API for: without the REST API stage or a
/// custom domain's base path. Query strings keep repeated keys and escapes; headers keep every
/// value; payload 2.0 `cookies` become one `cookie` header; a base64 body is decoded. The
/// request's extensions carry the event's format and its `requestContext` (see
/// [`RequestExt`](super::RequestExt)).
///
/// # Examples
///
/// ```
/// use faaskit::http::{EventFormat, decode_request};
///
/// let payload = br#"{"resource":"/hello/{name}","path":"/hello/Ana","httpMethod":"GET",
///     "multiValueQueryStringParameters":{"tag":["a","b c"]},
///     "requestContext":{"stage":"prod","path":"/prod/hello/Ana","httpMethod":"GET"},
///     "pathParameters":{"name":"Ana"},"body":null,"isBase64Encoded":false}"#;
/// let (format, request) = decode_request(&bytes::Bytes::from_static(payload)).expect("a REST API event");
/// assert_eq!(format, EventFormat::RestApi);
/// assert_eq!(request.uri(), "/hello/Ana?tag=a&tag=b%20c");
/// ```
///
/// # Errors
///
/// A [`Error::DECODE`] error when the payload is not an HTTP event of a known format, names a
/// method or path that is not valid HTTP, or has a body that is not valid base64; it names the
/// JSON path of what was wrong.
pub fn decode_request(payload: &Bytes) -> Result<(EventFormat, Request<Body>), Error> {
    let mut wire: RequestWire<'_> = parse(payload, "")?;
    let context: ContextWire<'_> = match wire.request_context {
        Some(raw) => parse(raw.get().as_bytes(), "requestContext.")?,
        None => ContextWire::default(),
    };
    let Some(format) = EventFormat::detect(&wire, &context) else {
        return Err(decode_error(
            "the event is not an HTTP request: expected an API Gateway (REST, HTTP or WebSocket API), ALB or \
             Function URL event, with `httpMethod`, `requestContext.http` or `requestContext.elb`",
        ));
    };
    let method = method(&wire, &context, format)?;
    let query = Query::read(&wire, format)?;
    let uri = uri(&wire, &context, format, &query)?;
    let mut request = Request::new(body(payload, wire.body.take(), wire.is_base64_encoded.unwrap_or(false))?);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    headers(request.headers_mut(), &wire, format)?;
    let context_json = wire.request_context.map_or_else(Bytes::new, |raw| slice_or_copy(payload, raw.get()));
    request.extensions_mut().insert(EventContext::new(format, context_json));
    Ok((format, request))
}

/// Reads `json` as a `T`; on failure reads it again to name the JSON path of what was wrong,
/// under `prefix` (`requestContext.` when `json` is the request context).
fn parse<'a, T: Deserialize<'a>>(json: &'a [u8], prefix: &str) -> Result<T, Error> {
    match faaskit_core::__private::from_json_bytes(json) {
        Ok(value) => Ok(value),
        Err(plain) => {
            let mut deserializer = serde_json::Deserializer::from_slice(json);
            let (path, detail) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                Err(err) => {
                    (faaskit_core::__private::known_path(&err.path().to_string()), err.into_inner().to_string())
                }
                Ok(_) => (".".to_owned(), plain.to_string()),
            };
            let at = match (prefix, path.as_str()) {
                ("", ".") => String::new(),
                (prefix, ".") => format!("at {}: ", prefix.trim_end_matches('.')),
                (prefix, path) => format!("at {prefix}{path}: "),
            };
            Err(decode_error(&format!("cannot decode the event as an HTTP request: {at}{detail}")))
        }
    }
}

fn decode_error(message: &str) -> Error {
    Error::new(Error::DECODE, message)
}

fn method(wire: &RequestWire<'_>, context: &ContextWire<'_>, format: EventFormat) -> Result<Method, Error> {
    let (name, field) = match (&context.http, &wire.http_method) {
        (Some(http), _) if format.is_v2() => (http.method.as_str(), "requestContext.http.method"),
        (_, Some(method)) => (method.as_str(), "httpMethod"),
        _ if format == EventFormat::WebSocket => return Ok(Method::POST),
        _ if format.is_v2() => {
            return Err(decode_error(&format!("the {format} event has no `requestContext.http.method`")));
        }
        _ => return Err(decode_error(&format!("the {format} event has no `httpMethod`"))),
    };
    Method::from_bytes(name.as_bytes())
        .map_err(|_| decode_error(&format!("the {format} event's {field} `{name}` is not an HTTP method")))
}

fn uri(
    wire: &RequestWire<'_>,
    context: &ContextWire<'_>,
    format: EventFormat,
    query: &Query<'_>,
) -> Result<Uri, Error> {
    let stage = context.stage.as_ref().map(Str::as_str);
    let domain = context.domain_name.as_ref().map(Str::as_str);
    let params = wire.path_parameters.as_ref();
    let form = path_form(wire, context, format);
    let raw_path = match format {
        EventFormat::RestApi => {
            let path = wire.path.as_ref().map_or("/", Str::as_str);
            let template = wire.resource.as_ref().map(Str::as_str);
            match template.and_then(|template| path::routed_suffix(path, form, template, params)) {
                Some(routed) => routed,
                // An HTTP API's payload 1.0 on its `$default` route has no template to go by.
                None => path::strip_stage(path, stage, domain),
            }
        }
        EventFormat::HttpApi | EventFormat::FunctionUrl => {
            let path = wire.raw_path.as_ref().map_or("/", Str::as_str);
            let template = context.route_key.as_ref().and_then(|key| key.as_str().split_once(' ')).map(|(_, t)| t);
            match template.and_then(|template| path::routed_suffix(path, form, template, params)) {
                Some(routed) => routed,
                None => path::strip_stage(path, stage, domain),
            }
        }
        EventFormat::Alb { .. } => wire.path.as_ref().map_or("/", Str::as_str),
        EventFormat::WebSocket => "",
    };
    let mut uri = String::with_capacity(raw_path.len() + 64);
    if format == EventFormat::WebSocket {
        uri.push('/');
        uri.push_str(context.route_key.as_ref().map_or("$default", Str::as_str));
    } else {
        path::push_path(&mut uri, raw_path, form);
    }
    match format {
        EventFormat::HttpApi | EventFormat::FunctionUrl => {
            path::push_raw_query(&mut uri, wire.raw_query_string.as_ref().map_or("", Str::as_str));
        }
        EventFormat::Alb { .. } => {
            // ALB passes the query as the client sent it, still escaped.
            let mut raw = String::new();
            for (index, (key, value)) in query.pairs().enumerate() {
                if index > 0 {
                    raw.push('&');
                }
                raw.push_str(key);
                raw.push('=');
                raw.push_str(value);
            }
            path::push_raw_query(&mut uri, &raw);
        }
        EventFormat::RestApi | EventFormat::WebSocket => path::push_decoded_query(&mut uri, query.pairs()),
    }
    Uri::try_from(uri)
        .map_err(|err| decode_error(&format!("the {format} event's path `{raw_path}` is not a valid URI path: {err}")))
}

/// How the event carries its path: API Gateway's HTTP APIs decode it (payload 2.0 `rawPath`, and
/// payload 1.0 `path`, told from a REST API's by its `version`); the others keep the client's
/// escapes. So do emulators: `cargo lambda watch` sends Function URL events from `localhost`,
/// with the path as the client sent it and no `apiId`, which API Gateway always sets.
fn path_form(wire: &RequestWire<'_>, context: &ContextWire<'_>, format: EventFormat) -> path::PathForm {
    let from_api_gateway = context.api_id.as_ref().is_some_and(|id| !id.as_str().is_empty());
    let http_api_v1 = format == EventFormat::RestApi && wire.version.as_ref().is_some_and(|v| v.as_str() == "1.0");
    if from_api_gateway && (format == EventFormat::HttpApi || http_api_v1) {
        path::PathForm::Decoded
    } else {
        path::PathForm::Escaped
    }
}

/// The query parameters of a payload 1.0 event (REST, WebSocket, ALB): the multi-value form
/// when present, every value of repeated keys in order.
enum Query<'a> {
    None,
    Single(Pairs<'a, Str<'a>>),
    Multi(Pairs<'a, List<'a>>),
}

impl<'a> Query<'a> {
    fn read(wire: &RequestWire<'a>, format: EventFormat) -> Result<Self, Error> {
        if format.is_v2() {
            return Ok(Self::None);
        }
        let multi = wire.multi_value_query_string_parameters.filter(|multi| !is_empty_object(multi));
        Ok(match (multi, wire.query_string_parameters) {
            (Some(multi), _) => Self::Multi(parse(multi.get().as_bytes(), "multiValueQueryStringParameters.")?),
            (None, Some(single)) => Self::Single(parse(single.get().as_bytes(), "queryStringParameters.")?),
            (None, None) => Self::None,
        })
    }

    fn pairs(&self) -> Box<dyn Iterator<Item = (&str, &str)> + '_> {
        match self {
            Self::Multi(multi) => Box::new(
                multi
                    .0
                    .iter()
                    .flat_map(|(key, values)| values.0.iter().map(move |value| (key.as_str(), value.as_str()))),
            ),
            Self::Single(single) => Box::new(single.0.iter().map(|(key, value)| (key.as_str(), value.as_str()))),
            Self::None => Box::new(std::iter::empty()),
        }
    }
}

fn headers(map: &mut HeaderMap, wire: &RequestWire<'_>, format: EventFormat) -> Result<(), Error> {
    // An event may carry an empty multi-value form beside a filled single-value one (an
    // `aws_lambda_events` value written as JSON): the multi-value form is used when it has values.
    let multi_value_headers = wire.multi_value_headers.filter(|multi| !is_empty_object(multi));
    match (multi_value_headers, wire.headers) {
        (Some(multi), _) if !format.is_v2() => {
            let multi: Pairs<'_, List<'_>> = parse(multi.get().as_bytes(), "multiValueHeaders.")?;
            map.reserve(multi.0.len() + 1);
            for (name, values) in &multi.0 {
                for value in &values.0 {
                    append(map, name.as_str(), value.as_str());
                }
            }
        }
        (_, Some(single)) => {
            let single: Pairs<'_, Str<'_>> = parse(single.get().as_bytes(), "headers.")?;
            map.reserve(single.0.len() + 1);
            append_all(map, &single);
        }
        _ => {}
    }
    if let Some(cookies) = wire.cookies.as_ref().filter(|cookies| !cookies.is_empty()) {
        // Function URLs pass the client's `Cookie` header in `headers` as well as in `cookies`:
        // `cookies` is the one source, or every cookie would be sent twice.
        map.remove(COOKIE);
        let joined = cookies.iter().map(Str::as_str).collect::<Vec<_>>().join("; ");
        append(map, COOKIE.as_str(), &joined);
    }
    Ok(())
}

fn append_all(map: &mut HeaderMap, pairs: &Pairs<'_, Str<'_>>) {
    for (name, value) in &pairs.0 {
        append(map, name.as_str(), value.as_str());
    }
}

/// Adds one header; a name or value HTTP cannot carry is skipped and logged, not fatal.
fn append(map: &mut HeaderMap, name: &str, value: &str) {
    match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
        (Ok(name), Ok(value)) => {
            map.append(name, value);
        }
        _ => tracing::warn!(header = name, "skipping a request header that is not valid HTTP"),
    }
}

/// The request's body: `text` as it came (sharing the payload's bytes when it had no escapes),
/// or decoded from base64.
fn body(payload: &Bytes, text: Option<Str<'_>>, is_base64_encoded: bool) -> Result<Body, Error> {
    let Some(Str(text)) = text else {
        return Ok(Body::empty());
    };
    if text.is_empty() {
        return Ok(Body::empty());
    }
    if is_base64_encoded {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map_err(|err| decode_error(&format!("cannot decode the event as an HTTP request: at body: isBase64Encoded is true but the body is not base64: {}", faaskit_core::__private::describe_base64_error(&err, text.as_bytes()))))?;
        return Ok(Body::from(bytes));
    }
    Ok(Body::from(match text {
        Cow::Borrowed(text) => slice_or_copy(payload, text),
        // A body with escapes was unescaped into a string of its own: it becomes the body as is.
        Cow::Owned(text) => Bytes::from(text),
    }))
}

/// The bytes of `text`, shared with `payload` when `text` is a slice of it.
fn slice_or_copy(payload: &Bytes, text: &str) -> Bytes {
    let start = payload.as_ptr() as usize;
    let at = text.as_ptr() as usize;
    if at >= start && at + text.len() <= start + payload.len() {
        payload.slice_ref(text.as_bytes())
    } else {
        Bytes::copy_from_slice(text.as_bytes())
    }
}
