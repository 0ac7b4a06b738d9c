//! The Lambda Invoke API, `POST /2015-03-31/functions/{name}/invocations`, for every handler.
//!
//! It answers as Lambda does, so `curl`, `aws lambda invoke --endpoint-url` and
//! `cargo lambda invoke` work against it: `200` with the function's JSON output; on a function
//! error `200` with `X-Amz-Function-Error: Unhandled` and `{"errorType", "errorMessage"}`.
//!
//! The function may be named as Lambda accepts it: `name`, `name:qualifier`, or its full or
//! partial ARN, percent-encoded or not. The local server runs one version of each function, so
//! any qualifier Lambda accepts (`$LATEST`, a version, an alias) reaches it; one it would refuse
//! gets Lambda's `ValidationException`. `X-Amz-Tenant-Id` and `X-Amzn-Trace-Id` reach the
//! context, and a client context reaches synchronous invocations only, as on Lambda. An empty
//! payload is `{}`, as on Lambda. `X-Amz-Log-Type: Tail` (`aws lambda invoke --log-type Tail`) gets the last 4 KB of the
//! invocation's log in `X-Amz-Log-Result`: the lines it logged through faaskit's logs, between
//! Lambda's `START`, `END` and `REPORT` lines (in text, whatever the log format). The lines are
//! those its own task logged: unlike Lambda's, the tail leaves out `println!` output and the
//! lines of tasks the handler spawned. An invocation through a version or an alias sees its
//! qualified ARN in its context.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use bytes::Bytes;
use http::header::{self, HeaderName};
use http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use hyper::body::Incoming;

use super::responses::{self, LocalBody};
use super::router::LocalRouter;
use super::settings::{self, MAX_RESPONSE_BYTES};
use super::whole_body::{WholeBodyError, after_discarding, closing, declared_over, drainable, read_whole, refuse};
use crate::Error;
use crate::logging::tail;
use crate::pipeline::Prepared;

/// The path prefix of the Invoke API.
pub(crate) const INVOKE_PREFIX: &str = "/2015-03-31/functions/";
/// The path suffix of the Invoke API.
pub(crate) const INVOKE_SUFFIX: &str = "/invocations";

/// How the caller asks to invoke: `RequestResponse` (the default), `Event` or `DryRun`.
const INVOCATION_TYPE: HeaderName = HeaderName::from_static("x-amz-invocation-type");
/// The client context the AWS SDKs send, base64-encoded JSON.
const CLIENT_CONTEXT: HeaderName = HeaderName::from_static("x-amz-client-context");
/// The client context as the Runtime API spells it, plain JSON (`cargo lambda invoke` sends it).
const RUNTIME_CLIENT_CONTEXT: HeaderName = HeaderName::from_static("lambda-runtime-client-context");
/// The Cognito identity as the Runtime API spells it, plain JSON.
const RUNTIME_COGNITO_IDENTITY: HeaderName = HeaderName::from_static("lambda-runtime-cognito-identity");
/// The tenant of a function with tenant isolation, which its context carries.
const TENANT_ID: HeaderName = HeaderName::from_static("x-amz-tenant-id");
/// The caller's X-Ray trace header, which the invocation's context carries.
const TRACE_ID: HeaderName = HeaderName::from_static("x-amzn-trace-id");
/// The answer's request id.
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");
/// The function version that ran.
const EXECUTED_VERSION: HeaderName = HeaderName::from_static("x-amz-executed-version");
/// Set to `Unhandled` when the function failed.
const FUNCTION_ERROR: HeaderName = HeaderName::from_static("x-amz-function-error");
/// `Tail` asks for the invocation's log in the answer; `None`, the default, does not.
const LOG_TYPE: HeaderName = HeaderName::from_static("x-amz-log-type");
/// The last 4 KB of the invocation's log, base64-encoded, when `X-Amz-Log-Type` is `Tail`.
const LOG_RESULT: HeaderName = HeaderName::from_static("x-amz-log-result");

/// The headers the Invoke API reads, found in one pass over the request's headers (cheaper than
/// a hashed lookup of each).
#[derive(Default)]
struct InvokeHeaders<'a> {
    invocation_type: Option<&'a HeaderValue>,
    log_type: Option<&'a HeaderValue>,
    client_context: Option<&'a HeaderValue>,
    runtime_client_context: Option<&'a HeaderValue>,
    runtime_cognito_identity: Option<&'a HeaderValue>,
    tenant_id: Option<&'a HeaderValue>,
    trace_id: Option<&'a HeaderValue>,
}

impl<'a> InvokeHeaders<'a> {
    fn read(headers: &'a HeaderMap) -> Self {
        let mut found = Self::default();
        for (name, value) in headers {
            let slot = if *name == INVOCATION_TYPE {
                &mut found.invocation_type
            } else if *name == LOG_TYPE {
                &mut found.log_type
            } else if *name == CLIENT_CONTEXT {
                &mut found.client_context
            } else if *name == RUNTIME_CLIENT_CONTEXT {
                &mut found.runtime_client_context
            } else if *name == RUNTIME_COGNITO_IDENTITY {
                &mut found.runtime_cognito_identity
            } else if *name == TENANT_ID {
                &mut found.tenant_id
            } else if *name == TRACE_ID {
                &mut found.trace_id
            } else {
                continue;
            };
            // The first value, as `HeaderMap::get` gives.
            slot.get_or_insert(value);
        }
        found
    }
}

/// A handler the Invoke API answers for, with what its answers repeat worked out once.
pub(crate) struct InvokeTarget {
    prepared: Arc<Prepared>,
    /// `X-Amz-Executed-Version`; none when the version is not a valid header value.
    executed_version: Option<HeaderValue>,
}

impl InvokeTarget {
    pub(crate) fn new(prepared: Arc<Prepared>) -> Self {
        let executed_version = HeaderValue::from_str(prepared.function.version()).ok();
        Self { prepared, executed_version }
    }
}

/// Lambda's limit on an asynchronous (`Event`) invocation's payload: 1 MB.
pub(crate) const MAX_EVENT_PAYLOAD_BYTES: usize = 1024 * 1024;

/// What the handler receives when the caller sends no payload, as on Lambda.
pub(crate) const EMPTY_PAYLOAD: &[u8] = b"{}";

/// The function name of an Invoke API path, as sent (maybe percent-encoded), if the path is one.
pub(crate) fn function_name(path: &str) -> Option<&str> {
    let name = path.strip_prefix(INVOKE_PREFIX)?.strip_suffix(INVOKE_SUFFIX)?;
    (!name.is_empty() && !name.contains('/')).then_some(name)
}

/// The function an Invoke API path names, and the qualifier it carries, if any.
#[derive(Debug, PartialEq, Eq)]
struct FunctionRef<'a> {
    name: Cow<'a, str>,
    qualifier: Option<String>,
}

impl<'a> FunctionRef<'a> {
    /// Reads `name`, `name:qualifier`, `account:function:name[:qualifier]` or
    /// `arn:partition:lambda:region:account:function:name[:qualifier]`, percent-decoded.
    ///
    /// Anything else is returned whole as the name, so that the "not found" answer quotes it.
    /// A plain name, the common case, is borrowed.
    fn parse(sent: &'a str) -> Self {
        if !sent.bytes().any(|byte| byte == b'%' || byte == b':') {
            return Self { name: Cow::Borrowed(sent), qualifier: None };
        }
        let decoded = percent_encoding::percent_decode_str(sent).decode_utf8_lossy();
        if !decoded.contains(':') {
            return Self { name: decoded, qualifier: None };
        }
        let parts: Vec<&str> = decoded.split(':').collect();
        let (name, qualifier) = match parts.as_slice() {
            [name, qualifier] => (*name, Some(*qualifier)),
            [_, "function", name] | ["arn", _, "lambda", _, _, "function", name] => (*name, None),
            [_, "function", name, qualifier] | ["arn", _, "lambda", _, _, "function", name, qualifier] => {
                (*name, Some(*qualifier))
            }
            _ => (&*decoded, None),
        };
        Self { name: Cow::Owned(name.to_owned()), qualifier: qualifier.map(str::to_owned) }
    }
}

/// The `Qualifier` query parameter (`aws lambda invoke --qualifier`), percent-decoded.
fn query_qualifier(query: Option<&str>) -> Option<String> {
    let value = query?.split('&').find_map(|pair| pair.strip_prefix("Qualifier="))?;
    Some(percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned())
}

/// Why a qualifier is not one Lambda accepts, in the words of AWS's validation errors (which come
/// before any lookup of the function); `None` when both are. In the function name (`name:v1`) it
/// is `$LATEST` or letters, digits, `-` and `_`; in the `Qualifier` query parameter `$` may
/// appear anywhere, up to 128 characters.
fn invalid_qualifier(name: &str, in_name: Option<&str>, in_query: Option<&str>) -> Option<String> {
    let rejected = |value: &str, at: &str, constraint: &str| {
        format!(
            "1 validation error detected: Value '{value}' at '{at}' failed to satisfy constraint: Member must {constraint}"
        )
    };
    if let Some(qualifier) = in_name.filter(|qualifier| !qualifier.is_empty()) {
        let valid = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-');
        if qualifier != "$LATEST" && !qualifier.bytes().all(valid) {
            return Some(rejected(
                &format!("{name}:{qualifier}"),
                "functionName",
                "satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?\
                 (\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
            ));
        }
    }
    let qualifier = in_query?;
    if qualifier.len() > 128 {
        return Some(rejected(qualifier, "qualifier", "have length less than or equal to 128"));
    }
    let valid = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'$' | b'_' | b'-');
    (!qualifier.bytes().all(valid))
        .then(|| rejected(qualifier, "qualifier", "satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)"))
}

/// How the caller asked to invoke (`X-Amz-Invocation-Type`).
#[derive(Debug, PartialEq, Eq)]
enum InvocationType {
    RequestResponse,
    Event,
    DryRun,
}

/// Why a request that looks like a browser's from another site is refused: an `Origin` that is
/// not a local page's, or, when the server listens on the loopback, a `Host` that names neither an
/// address nor `localhost` (a DNS rebinding name). `None` for the clients the Invoke API serves.
fn browser_refusal(headers: &HeaderMap, loopback: bool) -> Option<&'static str> {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let host = origin.to_str().ok().and_then(|origin| origin.split_once("://")).map(|(_, rest)| rest);
        if !host.is_some_and(is_loopback_host) {
            return Some("the local Invoke API does not answer requests from web pages of other origins");
        }
    }
    if loopback {
        if let Some(host) = headers.get(header::HOST) {
            if !host.to_str().is_ok_and(is_local_host_name) {
                return Some(
                    "the local Invoke API listens on the loopback and answers requests to it by address or `localhost` only",
                );
            }
        }
    }
    None
}

/// `host[:port]` without its port.
fn without_port(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split_once(']').map_or(authority, |(ip, _)| ip);
    }
    authority.rsplit_once(':').map_or(authority, |(host, _)| host)
}

/// Whether `authority` names `localhost` (or a `.localhost` name), an IP address, a name
/// without a dot (this machine's own, a container's) or an `.internal` one (`host.docker.internal`,
/// `host.containers.internal`: how a container reaches the host's loopback on Docker Desktop and
/// Podman; the TLD is reserved for private use): no public DNS name a page could rebind.
fn is_local_host_name(authority: &str) -> bool {
    let host = without_port(authority).trim_end_matches('.');
    is_localhost(host)
        || !host.contains('.')
        || ends_with_label(host, "internal")
        || host.parse::<std::net::IpAddr>().is_ok()
}

/// Whether `host`'s last label is `label`, in any case.
fn ends_with_label(host: &str, label: &str) -> bool {
    host.rsplit_once('.').is_some_and(|(_, last)| last.eq_ignore_ascii_case(label))
}

/// Whether `authority` names this machine: `localhost` or a loopback address.
fn is_loopback_host(authority: &str) -> bool {
    let host = without_port(authority).trim_end_matches('.');
    is_localhost(host) || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Whether `host` is `localhost` or a name under it, in any case.
fn is_localhost(host: &str) -> bool {
    const LOCALHOST: &str = "localhost";
    let Some(start) = host.len().checked_sub(LOCALHOST.len()) else { return false };
    host.is_char_boundary(start)
        && host[start..].eq_ignore_ascii_case(LOCALHOST)
        && (start == 0 || host.as_bytes()[start - 1] == b'.')
}

/// Answers an Invoke API request, whose path [`function_name`] accepts.
pub(crate) async fn handle(router: &Arc<LocalRouter>, mut request: Request<Incoming>) -> Response<LocalBody> {
    // A request refused before its body is read still has it read: see `after_discarding`.
    let idle = router.settings.header_read_timeout();
    if request.method() != Method::POST {
        let mut response = responses::service_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowedException",
            "the Invoke API takes POST requests",
        );
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("POST"));
        return refuse(&mut request, idle, response).await;
    }
    // The Invoke API runs the function with the developer's credentials and answers without any:
    // a web page must not reach it, neither cross-site (a form or `fetch` POST, which a browser
    // sends without asking) nor through DNS rebinding (a name of the page's own that resolves to
    // the loopback). The AWS CLI, SDKs and `cargo lambda` send no `Origin` and name the address.
    if let Some(why) = browser_refusal(request.headers(), router.settings.addr().ip().is_loopback()) {
        let response = responses::service_error(StatusCode::FORBIDDEN, "AccessDeniedException", why);
        return refuse(&mut request, idle, response).await;
    }
    let function = FunctionRef::parse(function_name(request.uri().path()).unwrap_or_default());
    let in_query = query_qualifier(request.uri().query()).filter(|qualifier| !qualifier.is_empty());
    if let Some(message) = invalid_qualifier(&function.name, function.qualifier.as_deref(), in_query.as_deref()) {
        let response = responses::service_error(StatusCode::BAD_REQUEST, "ValidationException", &message);
        return refuse(&mut request, idle, response).await;
    }
    let Some(target) = router.by_invoke_name(&function.name) else {
        let message =
            format!("Function not found: {}; this server hosts {}", function.name, router.invoke_names().join(", "));
        let response = responses::service_error(StatusCode::NOT_FOUND, "ResourceNotFoundException", &message);
        return refuse(&mut request, idle, response).await;
    };
    let qualifier = match (function.qualifier, in_query) {
        (Some(in_name), _) if in_name.is_empty() => {
            let message = format!("The function name `{}:` ends in an empty qualifier.", function.name);
            let response =
                responses::service_error(StatusCode::BAD_REQUEST, "InvalidParameterValueException", &message);
            return refuse(&mut request, idle, response).await;
        }
        (Some(in_name), Some(in_query)) if in_name != in_query => {
            let response = responses::service_error(
                StatusCode::BAD_REQUEST,
                "InvalidParameterValueException",
                &format!(
                    "The derived qualifier from the function name (`{in_name}`) does not match the specified \
                     qualifier (`{in_query}`)."
                ),
            );
            return refuse(&mut request, idle, response).await;
        }
        (in_name, in_query) => in_name.or(in_query),
    };
    let prepared = &target.prepared;
    let checked = check_headers(&InvokeHeaders::read(request.headers()), prepared, qualifier.as_deref(), router);
    let (invocation_type, wants_log, context) = match checked {
        Ok(checked) => checked,
        Err(response) => return refuse(&mut request, idle, *response).await,
    };
    let limit = match invocation_type {
        InvocationType::Event => router.settings.max_body_bytes().min(MAX_EVENT_PAYLOAD_BYTES),
        InvocationType::RequestResponse | InvocationType::DryRun => router.settings.max_body_bytes(),
    };
    let payload = match read_payload(request, limit, idle).await {
        Ok(payload) if payload.is_empty() => Bytes::from_static(EMPTY_PAYLOAD),
        Ok(payload) => payload,
        Err(response) => return *response,
    };
    // Lambda invokes with JSON only.
    if let Some(message) = settings::not_json(&payload) {
        return responses::service_error(StatusCode::BAD_REQUEST, "InvalidRequestContentException", &message);
    }
    let request_id = HeaderValue::from_str(context.request_id()).ok();
    let timeout = router.settings.timeout();
    match invocation_type {
        // Validated, not run: as Lambda does.
        InvocationType::DryRun => empty(StatusCode::NO_CONTENT, request_id),
        // Runs on after the 202, on its own task.
        InvocationType::Event => {
            let task_handler = Arc::clone(prepared);
            router.spawn_event(async move {
                // Its outcome is logged by `invoke`; nobody waits for the answer.
                let _ = task_handler.invoke(payload, context, Some(timeout)).await;
            });
            empty(StatusCode::ACCEPTED, request_id)
        }
        // Runs in the connection's task: no hop to another worker for the common case. A panic
        // is caught inside `invoke`; a client that goes away is noticed when its answer is written.
        InvocationType::RequestResponse if wants_log => {
            let (request_id_text, memory_mb) = (context.request_id().to_owned(), prepared.function.memory_size_mb());
            let invocation = answer(prepared, payload, context, timeout, request_id.as_ref());
            // Boxed: held inline, this rare branch's state would set the size of every
            // request's future, copied whole each time it moves.
            let (result, log) =
                Box::pin(tail::capture(&request_id_text, prepared.function.version(), memory_mb, invocation)).await;
            let mut response = function_response(result, request_id, target.executed_version.clone());
            let encoded = base64::engine::general_purpose::STANDARD.encode(log);
            if let Ok(value) = HeaderValue::from_str(&encoded) {
                response.headers_mut().insert(LOG_RESULT, value);
            }
            response
        }
        InvocationType::RequestResponse => {
            let result = answer(prepared, payload, context, timeout, request_id.as_ref()).await;
            function_response(result, request_id, target.executed_version.clone())
        }
    }
}

/// Runs a synchronous invocation: its output, or the error Lambda would report.
async fn answer(
    prepared: &Prepared,
    payload: Bytes,
    context: crate::Context,
    timeout: std::time::Duration,
    request_id: Option<&HeaderValue>,
) -> Result<Box<serde_json::value::RawValue>, Error> {
    match prepared.invoke(payload, context, Some(timeout)).await {
        Ok(output) if output.get().len() > MAX_RESPONSE_BYTES => Err(settings::oversized_answer(
            &prepared.name,
            request_id.and_then(|id| id.to_str().ok()),
            output.get().len(),
        )),
        result => result,
    }
}

/// Whether the caller asked for the invocation's log (`X-Amz-Log-Type: Tail`).
fn wants_log(headers: &InvokeHeaders<'_>) -> Result<bool, Box<Response<LocalBody>>> {
    match headers.log_type.map(HeaderValue::as_bytes) {
        None | Some(b"None") => Ok(false),
        Some(b"Tail") => Ok(true),
        Some(other) => Err(Box::new(responses::service_error(
            StatusCode::BAD_REQUEST,
            "InvalidParameterValueException",
            &format!("X-Amz-Log-Type `{}` is not None or Tail", String::from_utf8_lossy(other)),
        ))),
    }
}

fn invocation_type(headers: &InvokeHeaders<'_>) -> Result<InvocationType, Box<Response<LocalBody>>> {
    match headers.invocation_type.map(HeaderValue::as_bytes) {
        None | Some(b"RequestResponse") => Ok(InvocationType::RequestResponse),
        Some(b"Event") => Ok(InvocationType::Event),
        Some(b"DryRun") => Ok(InvocationType::DryRun),
        Some(other) => Err(Box::new(responses::service_error(
            StatusCode::BAD_REQUEST,
            "InvalidParameterValueException",
            &format!(
                "X-Amz-Invocation-Type `{}` is not RequestResponse, Event or DryRun",
                String::from_utf8_lossy(other)
            ),
        ))),
    }
}

/// What an invocation's headers ask for: how to invoke, whether to return the log's tail, and the
/// context; or the answer that refuses them.
fn check_headers(
    headers: &InvokeHeaders<'_>,
    prepared: &Prepared,
    qualifier: Option<&str>,
    router: &LocalRouter,
) -> Result<(InvocationType, bool, crate::Context), Box<Response<LocalBody>>> {
    let invocation_type = invocation_type(headers)?;
    let wants_log = wants_log(headers)?;
    let synchronous = invocation_type != InvocationType::Event;
    let context = context_from_headers(prepared, headers, qualifier, synchronous, router.settings.timeout()).map_err(
        |message| {
            Box::new(responses::service_error(StatusCode::BAD_REQUEST, "InvalidRequestContentException", &message))
        },
    )?;
    Ok((invocation_type, wants_log, context))
}

/// The context Lambda would give: a fresh request id, the deadline, and the client context and
/// Cognito identity sent by the AWS SDKs (`X-Amz-Client-Context`, base64) or `cargo lambda invoke`.
fn context_from_headers(
    prepared: &Prepared,
    headers: &InvokeHeaders<'_>,
    qualifier: Option<&str>,
    synchronous: bool,
    timeout: std::time::Duration,
) -> Result<crate::Context, String> {
    let mut builder = prepared.local_context().timeout(timeout);
    // Invoked through a version or an alias, a function sees its qualified ARN, as on Lambda.
    if let Some(qualifier) = qualifier {
        builder = builder.invoked_function_arn(format!("{}:{qualifier}", prepared.function.local_arn_str()));
    }
    if let Some(tenant) = headers.tenant_id.and_then(|value| value.to_str().ok()) {
        builder = builder.tenant_id(tenant);
    }
    if let Some(trace) = headers.trace_id.and_then(|value| value.to_str().ok()) {
        builder = builder.xray_trace_id(trace);
    }
    // Lambda passes a client context to synchronous invocations only. `lambda_runtime` reads an
    // empty header as none.
    let (client_context, runtime_client_context) = if synchronous {
        (present(headers.client_context), present(headers.runtime_client_context))
    } else {
        (None, None)
    };
    let runtime_cognito_identity = present(headers.runtime_cognito_identity);
    if client_context.is_none() && runtime_client_context.is_none() && runtime_cognito_identity.is_none() {
        return Ok(builder.build());
    }
    // Read with `lambda_runtime`'s own types, which serve the function on Lambda: what they
    // cannot read is refused here, where on Lambda it would stop the function.
    let mut lambda = lambda_runtime::Context::default();
    if let Some(value) = client_context {
        let decoded = base64::engine::general_purpose::STANDARD.decode(value.as_bytes()).map_err(|err| {
            format!(
                "X-Amz-Client-Context is not base64: {}",
                crate::base64_text::describe_base64_error(&err, value.as_bytes())
            )
        })?;
        lambda.client_context =
            Some(parse_as_lambda(&lambda.client_context, "X-Amz-Client-Context", CLIENT_CONTEXT_RULE, &decoded)?);
    } else if let Some(value) = runtime_client_context {
        let name = "lambda-runtime-client-context";
        let text = visible_ascii(name, value)?;
        lambda.client_context = Some(parse_as_lambda(&lambda.client_context, name, CLIENT_CONTEXT_RULE, text)?);
    }
    if let Some(value) = runtime_cognito_identity {
        let name = "lambda-runtime-cognito-identity";
        lambda.identity = Some(parse_as_lambda(&lambda.identity, name, IDENTITY_RULE, visible_ascii(name, value)?)?);
    }
    let (client_context, identity) = crate::context::take_client_parts(&mut lambda);
    if let Some(client_context) = client_context {
        builder = builder.client_context(client_context);
    }
    if let Some(identity) = identity {
        builder = builder.identity(identity);
    }
    Ok(builder.build())
}

/// `value` unless it is empty, which `lambda_runtime` reads as no header.
fn present(value: Option<&HeaderValue>) -> Option<&HeaderValue> {
    value.filter(|value| !value.is_empty())
}

/// A Runtime API header's bytes, when they are visible ASCII, as `lambda_runtime` reads them.
fn visible_ascii<'a>(name: &str, value: &'a HeaderValue) -> Result<&'a [u8], String> {
    match value.to_str() {
        Ok(text) => Ok(text.as_bytes()),
        Err(_) => Err(format!(
            "{name} holds bytes that are not visible ASCII, which lambda_runtime cannot read: on Lambda it would \
             stop the function (write other characters as JSON \\u escapes)"
        )),
    }
}

/// What `lambda_runtime` requires of a client context.
const CLIENT_CONTEXT_RULE: &str = "a `client` must have all of installationId, appTitle, appVersionName, \
     appVersionCode and appPackageName, and `custom` and `environment` take string values only";

/// What `lambda_runtime` requires of a Cognito identity.
const IDENTITY_RULE: &str = "an identity needs identityId and identityPoolId";

/// `bytes` read as the `T` of `slot`, a field of `lambda_runtime::Context` (its client context
/// and Cognito identity types are not exported), or why it cannot be.
fn parse_as_lambda<T: serde::de::DeserializeOwned>(
    _slot: &Option<T>,
    name: &str,
    rule: &str,
    json: &[u8],
) -> Result<T, String> {
    serde_json::from_slice(json).map_err(|err| {
        format!(
            "{name} is not JSON lambda_runtime can read: {err}. On Lambda, lambda_runtime, which serves the \
             function, would stop the function on it: {rule}"
        )
    })
}

/// Reads the request body, refusing more than Lambda's synchronous limit as Lambda does, and a
/// body that stops arriving for `idle`.
pub(crate) async fn read_payload(
    request: Request<Incoming>,
    limit: usize,
    idle: Duration,
) -> Result<Bytes, Box<Response<LocalBody>>> {
    let too_large = || {
        Box::new(responses::service_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestTooLargeException",
            &settings::request_too_large_message(limit),
        ))
    };
    if declared_over(request.headers(), limit) {
        let drainable = drainable(request.headers());
        return Err(Box::new(after_discarding(&mut request.into_body(), idle, drainable, *too_large()).await));
    }
    let mut body = request.into_body();
    match read_whole(&mut body, limit, Some(idle)).await {
        Ok(payload) => Ok(payload),
        // What was declared is within the limit, and the client was sent on (`100 Continue`).
        Err(WholeBodyError::TooLarge) => Err(Box::new(after_discarding(&mut body, idle, true, *too_large()).await)),
        Err(WholeBodyError::Stalled) => Err(Box::new(closing(responses::service_error(
            StatusCode::REQUEST_TIMEOUT,
            "RequestTimeoutException",
            &format!("the request body stopped arriving: nothing for {} s", idle.as_secs_f64()),
        )))),
        Err(WholeBodyError::Failed(err)) => Err(Box::new(closing(responses::service_error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContentException",
            &format!("could not read the request body: {err}"),
        )))),
    }
}

fn function_response(
    result: Result<Box<serde_json::value::RawValue>, Error>,
    request_id: Option<HeaderValue>,
    executed_version: Option<HeaderValue>,
) -> Response<LocalBody> {
    let (body, failed) = match result {
        Ok(output) => (Bytes::from(String::from(Box::<str>::from(output))), false),
        Err(err) => (Bytes::from(serde_json::to_vec(&err).unwrap_or_default()), true),
    };
    let mut response = responses::json(StatusCode::OK, body);
    let headers = response.headers_mut();
    insert_request_id(headers, request_id);
    if let Some(version) = executed_version {
        headers.insert(EXECUTED_VERSION, version);
    }
    if failed {
        headers.insert(FUNCTION_ERROR, HeaderValue::from_static("Unhandled"));
    }
    response
}

fn empty(status: StatusCode, request_id: Option<HeaderValue>) -> Response<LocalBody> {
    let mut response = Response::new(LocalBody::default());
    *response.status_mut() = status;
    insert_request_id(response.headers_mut(), request_id);
    response
}

fn insert_request_id(headers: &mut HeaderMap, request_id: Option<HeaderValue>) {
    if let Some(value) = request_id {
        headers.insert(REQUEST_ID, value);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::testing::{TestResponse, TestServer};
    use crate::{Handler, Invocation};

    /// A server whose one function answers with what its context holds.
    async fn context_echo() -> TestServer {
        let handler = Handler::new("echo", |invocation: Invocation| async move {
            let context = invocation.context();
            Ok::<_, Error>(json!({
                "requestId": context.request_id(),
                "client": context.client_context().map(|client| client.client.app_title.clone()),
                "identity": context.identity().map(|identity| identity.identity_id.clone()),
                "tenant": context.tenant_id(),
                "trace": context.xray_trace_id(),
                "arn": context.invoked_function_arn(),
            }))
        });
        TestServer::start(vec![handler]).await.expect("server starts")
    }

    async fn invoke_with(server: &TestServer, headers: &[(&'static str, &str)]) -> TestResponse {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_str(value).expect("header value"));
        }
        let path = format!("{INVOKE_PREFIX}echo{INVOKE_SUFFIX}");
        server.client().send(Method::POST, &path, map, Bytes::from_static(b"{}")).await.expect("server answers")
    }

    #[tokio::test]
    async fn answers_with_the_request_id_and_the_version_that_ran() {
        let server = context_echo().await;
        let response = invoke_with(&server, &[]).await;
        let body = response.json().expect("JSON");
        assert_eq!(response.header("x-amzn-requestid"), body["requestId"].as_str());
        assert_eq!(body["requestId"].as_str().map(str::len), Some(36), "{body}");
        assert_eq!(response.header("x-amz-executed-version"), Some("$LATEST"));
        assert_eq!(response.header("x-amz-function-error"), None);
    }

    #[tokio::test]
    async fn passes_the_client_context_and_identity_on() {
        let server = context_echo().await;
        let client = r#"{"client":{"installationId":"i-1","appTitle":"Shop","appVersionName":"1.0",
            "appVersionCode":"10","appPackageName":"com.shop"},"custom":{"cart":"3"},"environment":{}}"#;
        let encoded = base64::engine::general_purpose::STANDARD.encode(client);
        // `lambda_runtime` also reads the fields in snake case.
        let snake = r#"{"client":{"installation_id":"i-1","app_title":"Shop","app_version_name":"1.0",
            "app_version_code":"10","app_package_name":"com.shop"}}"#
            .replace('\n', "");
        let identity = r#"{"identityId":"eu-west-1:42","identityPoolId":"eu-west-1:pool"}"#;
        let snake_identity = r#"{"identity_id":"eu-west-1:42","identity_pool_id":"eu-west-1:pool"}"#;
        let client = client.replace('\n', "");
        for headers in [
            vec![("x-amz-client-context", encoded.as_str()), ("lambda-runtime-cognito-identity", identity)],
            vec![("lambda-runtime-client-context", client.as_str()), ("lambda-runtime-cognito-identity", identity)],
            vec![
                ("lambda-runtime-client-context", snake.as_str()),
                ("lambda-runtime-cognito-identity", snake_identity),
            ],
        ] {
            let body = invoke_with(&server, &headers).await.json().expect("JSON");
            assert_eq!(body["client"], "Shop", "{headers:?} {body}");
            assert_eq!(body["identity"], "eu-west-1:42", "{headers:?}");
        }
        let body = invoke_with(&server, &[]).await.json().expect("JSON");
        assert_eq!((&body["client"], &body["identity"]), (&Value::Null, &Value::Null));
    }

    /// `X-Amz-Tenant-Id` and `X-Amzn-Trace-Id` reach the context, as on Lambda.
    #[tokio::test]
    async fn passes_the_tenant_and_the_trace_header_on() {
        let server = context_echo().await;
        let trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        let body = invoke_with(&server, &[("x-amz-tenant-id", "tenant-7"), ("x-amzn-trace-id", trace)]).await;
        let body = body.json().expect("JSON");
        assert_eq!((&body["tenant"], &body["trace"]), (&json!("tenant-7"), &json!(trace)));
        let body = invoke_with(&server, &[]).await.json().expect("JSON");
        assert_eq!((&body["tenant"], &body["trace"]), (&Value::Null, &Value::Null));
    }

    /// As on Lambda, an `Event` invocation gets no client context; a synchronous one does.
    #[tokio::test]
    async fn an_event_invocation_gets_no_client_context() {
        let (sender, mut seen) = tokio::sync::mpsc::unbounded_channel();
        let handler = Handler::new("seen", move |invocation: Invocation| {
            let sender = sender.clone();
            async move {
                let _ = sender.send(invocation.context().client_context().cloned());
                Ok::<_, Error>(())
            }
        });
        let server = TestServer::start(vec![handler]).await.expect("server starts");
        let custom = base64::engine::general_purpose::STANDARD.encode(r#"{"custom":{"k":"v"}}"#);
        let path = format!("{INVOKE_PREFIX}seen{INVOKE_SUFFIX}");
        for (kind, expected) in [("Event", false), ("RequestResponse", true)] {
            let headers = [("x-amz-invocation-type", kind), ("x-amz-client-context", custom.as_str())];
            invoke_path(&server, &path, &headers, Bytes::from_static(b"{}")).await;
            let client_context = tokio::time::timeout(std::time::Duration::from_secs(5), seen.recv())
                .await
                .expect("the invocation runs")
                .expect("a context");
            assert_eq!(client_context.is_some(), expected, "{kind}");
        }
    }

    /// A qualifier must be a version or an alias, as AWS validates it; every refusal carries a
    /// request id, as AWS's do.
    #[tokio::test]
    async fn refuses_a_qualifier_lambda_would_not_accept() {
        let server = context_echo().await;
        let long = "a".repeat(129);
        for (path, detail) in [
            ("echo/invocations?Qualifier=a%20b%3Ac".to_owned(), "Value 'a b:c' at 'qualifier' failed"),
            ("echo/invocations?Qualifier=v!1".to_owned(), "regular expression pattern: (|[a-zA-Z0-9$_-]+)"),
            // In the name, `$` only in `$LATEST`; checked before the function is looked up.
            ("echo:v$1/invocations".to_owned(), "Value 'echo:v$1' at 'functionName' failed"),
            ("nobody:v!1/invocations".to_owned(), "Value 'nobody:v!1' at 'functionName' failed"),
            (format!("echo/invocations?Qualifier={long}"), "length less than or equal to 128"),
        ] {
            let response =
                invoke_path(&server, &format!("{INVOKE_PREFIX}{path}"), &[], Bytes::from_static(b"{}")).await;
            assert_eq!(response.status, 400, "{path}");
            assert_eq!(response.header("x-amzn-errortype"), Some("ValidationException"), "{path}");
            assert_eq!(response.header("x-amzn-requestid").map(str::len), Some(36), "{path}");
            let message = response.json().expect("JSON")["message"].as_str().unwrap_or_default().to_owned();
            assert!(message.starts_with("1 validation error detected") && message.contains(detail), "{message}");
        }
        for path in ["echo:$LATEST/invocations", "echo:live_2-b/invocations"] {
            let response =
                invoke_path(&server, &format!("{INVOKE_PREFIX}{path}"), &[], Bytes::from_static(b"{}")).await;
            assert_eq!(response.status, 200, "{path}: {}", response.text());
        }
        for qualifier in ["$LATEST", "v-1_2", "7"] {
            let path = format!("{INVOKE_PREFIX}echo{INVOKE_SUFFIX}?Qualifier={qualifier}");
            let response = invoke_path(&server, &path, &[], Bytes::from_static(b"{}")).await;
            assert_eq!(response.status, 200, "{qualifier}: {}", response.text());
        }
    }

    /// What `lambda_runtime` cannot read, and so would stop the function on Lambda, is refused
    /// locally with the reason: valid JSON included (a partial `client`, a number in `custom`).
    #[tokio::test]
    async fn refuses_a_client_context_lambda_runtime_cannot_read() {
        let server = context_echo().await;
        let base64 = |json: &str| base64::engine::general_purpose::STANDARD.encode(json);
        let partial = base64(r#"{"client":{"appTitle":"Shop"}}"#);
        let number = base64(r#"{"custom":{"n":1}}"#);
        let stops = "On Lambda, lambda_runtime, which serves the function, would stop the function on it";
        for (headers, starts, names) in [
            (vec![("x-amz-client-context", "not base64!")], "X-Amz-Client-Context is not base64", "byte 0x20"),
            (vec![("x-amz-client-context", partial.as_str())], "X-Amz-Client-Context is not JSON", "installationId"),
            (vec![("x-amz-client-context", number.as_str())], "X-Amz-Client-Context is not JSON", "a string"),
            (vec![("lambda-runtime-client-context", "{")], "lambda-runtime-client-context is not JSON", stops),
            (vec![("lambda-runtime-cognito-identity", "[]")], "lambda-runtime-cognito-identity is not JSON", stops),
            (
                vec![("lambda-runtime-cognito-identity", r#"{"identityId":"x"}"#)],
                "lambda-runtime-cognito-identity is not JSON",
                "identityPoolId",
            ),
        ] {
            let response = invoke_with(&server, &headers).await;
            assert_eq!(response.status, 400, "{headers:?}");
            assert_eq!(response.header("x-amzn-errortype"), Some("InvalidRequestContentException"));
            let body = response.json().expect("JSON");
            let message = body["message"].as_str().unwrap_or_default();
            assert!(message.starts_with(starts) && message.contains(names), "{headers:?}: {message}");
        }
        // `lambda_runtime` reads its headers as visible ASCII.
        let mut headers = HeaderMap::new();
        let accented = HeaderValue::from_bytes(r#"{"custom":{"cafe":"café"}}"#.as_bytes()).expect("obs-text");
        headers.insert("lambda-runtime-client-context", accented);
        let path = format!("{INVOKE_PREFIX}echo{INVOKE_SUFFIX}");
        let response =
            server.client().send(Method::POST, &path, headers, Bytes::from_static(b"{}")).await.expect("answers");
        assert_eq!(response.status, 400, "{}", response.text());
        assert!(response.text().contains("not visible ASCII"), "{}", response.text());
        // An empty header is none, as `lambda_runtime` reads it.
        let empty = [("lambda-runtime-client-context", ""), ("lambda-runtime-cognito-identity", "")];
        let body = invoke_with(&server, &empty).await.json().expect("JSON");
        assert_eq!((&body["client"], &body["identity"]), (&Value::Null, &Value::Null), "{body}");
        // A client context that reads, read with `lambda_runtime`'s types too.
        let custom = base64(r#"{"custom":{"cart":"3"}}"#);
        let response = invoke_with(&server, &[("x-amz-client-context", custom.as_str())]).await;
        assert_eq!(response.status, 200, "{}", response.text());
    }

    #[tokio::test]
    async fn answers_event_and_dry_run_invocations_with_a_request_id() {
        let server = context_echo().await;
        for (kind, status) in [("Event", 202), ("DryRun", 204)] {
            let response = invoke_with(&server, &[("x-amz-invocation-type", kind)]).await;
            assert_eq!(response.status, status, "{kind}");
            assert_eq!(response.header("x-amzn-requestid").map(str::len), Some(36), "{kind}");
        }
    }

    #[test]
    fn refuses_what_a_web_page_sends() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, HeaderValue::from_static(value));
            }
            map
        };
        for allowed in [
            headers(&[("host", "127.0.0.1:9000")]),
            headers(&[("host", "[::1]:9000")]),
            headers(&[("host", "localhost:9000")]),
            headers(&[("host", "LOCALHOST")]),
            headers(&[("host", "app.LocalHost.:9000")]),
            headers(&[("host", "devbox:9000")]),
            headers(&[("host", "host.docker.internal:9000")]),
            headers(&[("host", "host.containers.internal:9000")]),
            headers(&[]),
            headers(&[("host", "localhost:9000"), ("origin", "http://localhost:5173")]),
            headers(&[("host", "127.0.0.1:9000"), ("origin", "http://127.0.0.1:3000")]),
        ] {
            assert_eq!(browser_refusal(&allowed, true), None, "{allowed:?}");
        }
        for refused in [
            headers(&[("host", "evil.example:9000")]),
            headers(&[("host", "127.0.0.1.nip.io:9000")]),
            headers(&[("host", "127.0.0.1:9000"), ("origin", "https://evil.example")]),
            headers(&[("host", "127.0.0.1:9000"), ("origin", "null")]),
            headers(&[("host", "127.0.0.1:9000"), ("origin", "http://localhost.evil.example")]),
            headers(&[("host", "evillocalhost:9000"), ("origin", "http://evillocalhost:9000")]),
            headers(&[("host", "x.evillocalhost:9000")]),
            headers(&[("host", "internal.evil.example:9000")]),
            headers(&[("host", "evil.internalx:9000")]),
        ] {
            assert!(browser_refusal(&refused, true).is_some(), "{refused:?}");
        }
        // Listening on every interface (PORT), a platform's host name is served.
        assert_eq!(browser_refusal(&headers(&[("host", "fn.example.run.app")]), false), None);
    }

    #[test]
    fn recognises_invoke_paths() {
        assert_eq!(function_name("/2015-03-31/functions/hello/invocations"), Some("hello"));
        assert_eq!(function_name("/2015-03-31/functions//invocations"), None);
        assert_eq!(function_name("/2015-03-31/functions/a/b/invocations"), None);
        assert_eq!(function_name("/hello"), None);
    }

    #[test]
    fn reads_names_qualifiers_and_arns() {
        let of = |name: &'static str, qualifier: Option<&str>| FunctionRef {
            name: Cow::Borrowed(name),
            qualifier: qualifier.map(str::to_owned),
        };
        for (sent, expected) in [
            ("plain", of("plain", None)),
            ("plain:$LATEST", of("plain", Some("$LATEST"))),
            ("plain%3A%24LATEST", of("plain", Some("$LATEST"))),
            ("arn:aws:lambda:us-east-1:123456789012:function:plain", of("plain", None)),
            ("arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aplain%3Alive", of("plain", Some("live"))),
            ("123456789012:function:plain", of("plain", None)),
            ("123456789012:function:plain:7", of("plain", Some("7"))),
            ("arn:aws:s3:::bucket", of("arn:aws:s3:::bucket", None)),
        ] {
            assert_eq!(FunctionRef::parse(sent), expected, "{sent}");
        }
        assert_eq!(query_qualifier(Some("a=b&Qualifier=%24LATEST")).as_deref(), Some("$LATEST"));
        assert_eq!(query_qualifier(Some("qualifier=live")), None);
        assert_eq!(query_qualifier(None), None);
    }

    async fn invoke_path(
        server: &TestServer,
        path: &str,
        headers: &[(&'static str, &str)],
        body: Bytes,
    ) -> TestResponse {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_str(value).expect("header value"));
        }
        server.client().send(Method::POST, path, map, body).await.expect("server answers")
    }

    #[tokio::test]
    async fn answers_to_a_qualified_name_or_an_arn() {
        let server = context_echo().await;
        for name in [
            "echo%3A%24LATEST",
            "echo:live",
            "arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aecho",
            "123456789012:function:echo:7",
        ] {
            let path = format!("{INVOKE_PREFIX}{name}{INVOKE_SUFFIX}?Qualifier=live");
            let response = invoke_path(&server, &path, &[], Bytes::from_static(b"{}")).await;
            let expected = if name.contains("LATEST") || name.ends_with(":7") { 400 } else { 200 };
            assert_eq!(response.status, expected, "{name}: {:?}", response.json());
            if expected == 400 {
                let body = response.json().expect("JSON");
                assert!(body["message"].as_str().is_some_and(|m| m.contains("does not match")), "{body}");
            }
        }
        // The function sees the ARN it was invoked by: qualified by the name or the query.
        let arn_of = |body: Value| body["arn"].as_str().unwrap_or_default().to_owned();
        let plain = arn_of(
            invoke_path(&server, &format!("{INVOKE_PREFIX}echo{INVOKE_SUFFIX}"), &[], Bytes::new())
                .await
                .json()
                .expect("JSON"),
        );
        assert!(plain.ends_with(":function:echo"), "{plain}");
        for path in [
            format!("{INVOKE_PREFIX}echo:live{INVOKE_SUFFIX}"),
            format!("{INVOKE_PREFIX}echo{INVOKE_SUFFIX}?Qualifier=live"),
        ] {
            let body = invoke_path(&server, &path, &[], Bytes::new()).await.json().expect("JSON");
            assert_eq!(arn_of(body), format!("{plain}:live"), "{path}");
        }
        let response = invoke_path(&server, &format!("{INVOKE_PREFIX}echo:{INVOKE_SUFFIX}"), &[], Bytes::new()).await;
        assert_eq!(response.status, 400);
        let path = format!("{INVOKE_PREFIX}nope%3A%24LATEST{INVOKE_SUFFIX}");
        let response = invoke_path(&server, &path, &[], Bytes::from_static(b"{}")).await;
        assert_eq!(response.status, 404);
        let body = response.json().expect("JSON");
        assert_eq!(body["message"], "Function not found: nope; this server hosts echo", "{body}");
    }

    #[tokio::test]
    async fn gives_an_empty_payload_as_an_empty_object() {
        let handler = Handler::new("object", |invocation: Invocation| async move {
            Ok::<_, Error>(json!({ "payload": String::from_utf8_lossy(invocation.payload()) }))
        });
        let server = TestServer::start(vec![handler]).await.expect("server starts");
        let path = format!("{INVOKE_PREFIX}object{INVOKE_SUFFIX}");
        let response = invoke_path(&server, &path, &[], Bytes::new()).await;
        assert_eq!(response.json().expect("JSON"), json!({ "payload": "{}" }));
    }

    #[tokio::test]
    async fn refuses_an_event_payload_over_the_asynchronous_limit() {
        let server = context_echo().await;
        let path = format!("{INVOKE_PREFIX}echo{INVOKE_SUFFIX}");
        let padded = |len: usize| Bytes::from(format!("\"{}\"", "x".repeat(len - 2)));
        let event = [("x-amz-invocation-type", "Event")];
        let response = invoke_path(&server, &path, &event, padded(MAX_EVENT_PAYLOAD_BYTES + 1)).await;
        assert_eq!(response.status, 413);
        assert_eq!(response.header("x-amzn-errortype"), Some("RequestTooLargeException"));
        let body = response.json().expect("JSON");
        assert!(body["message"].as_str().is_some_and(|m| m.contains("1048576 bytes")), "{body}");
        let response = invoke_path(&server, &path, &event, padded(MAX_EVENT_PAYLOAD_BYTES)).await;
        assert_eq!(response.status, 202);
        let response = invoke_path(&server, &path, &[], padded(MAX_EVENT_PAYLOAD_BYTES + 1)).await;
        assert_eq!(response.status, 200);
    }

    #[tokio::test]
    async fn returns_the_log_tail_when_asked() {
        let server = context_echo().await;
        let response = invoke_with(&server, &[("x-amz-log-type", "Tail")]).await;
        let request_id = response.header("x-amzn-requestid").expect("request id").to_owned();
        let encoded = response.header("x-amz-log-result").expect("a log tail");
        let log = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(encoded).expect("base64"))
            .expect("text");
        assert!(log.starts_with(&format!("START RequestId: {request_id} Version: $LATEST\n")), "{log}");
        assert!(log.contains(&format!("END RequestId: {request_id}\nREPORT RequestId: {request_id}\t")), "{log}");
        for (value, status, tail) in [("None", 200, false), ("Nope", 400, false)] {
            let response = invoke_with(&server, &[("x-amz-log-type", value)]).await;
            assert_eq!(response.status, status, "{value}");
            assert_eq!(response.header("x-amz-log-result").is_some(), tail, "{value}");
        }
        assert_eq!(invoke_with(&server, &[]).await.header("x-amz-log-result"), None);
    }

    #[test]
    fn reads_invocation_types() {
        let mut headers = HeaderMap::new();
        assert_eq!(invocation_type(&InvokeHeaders::read(&headers)).ok(), Some(InvocationType::RequestResponse));
        headers.insert(INVOCATION_TYPE, HeaderValue::from_static("Event"));
        assert_eq!(invocation_type(&InvokeHeaders::read(&headers)).ok(), Some(InvocationType::Event));
        headers.insert(INVOCATION_TYPE, HeaderValue::from_static("Sometimes"));
        assert!(invocation_type(&InvokeHeaders::read(&headers)).is_err());
        // Header names are case-insensitive: the map holds them lowercased.
        headers.insert(HeaderName::from_bytes(b"X-Amz-Log-Type").expect("name"), HeaderValue::from_static("Tail"));
        assert_eq!(wants_log(&InvokeHeaders::read(&headers)).ok(), Some(true));
    }
}
