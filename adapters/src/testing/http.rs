//! Builders of HTTP events: an `http::Request` written as API Gateway (REST or HTTP API), an ALB
//! or a Function URL would write it for Lambda.

use std::collections::BTreeMap;

use axum::body::Body;
use base64::Engine as _;
use bytes::Bytes;
use faaskit_core::testing::TestPayload;
use http::{HeaderMap, Request};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value, json};

use crate::http::{EventFormat, decode_request};

/// The parts of the request every builder writes from.
#[derive(Debug, Clone)]
struct Parts {
    method: String,
    /// The path as the client sent it, escapes kept.
    path: String,
    /// The query string as the client sent it, escapes kept, without `?`.
    query: String,
    headers: HeaderMap,
    body: Bytes,
}

impl Parts {
    fn from_request<B: Into<Bytes>>(request: Request<B>) -> Self {
        let (parts, body) = request.into_parts();
        Self {
            method: parts.method.as_str().to_owned(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().unwrap_or_default().to_owned(),
            headers: parts.headers,
            body: body.into(),
        }
    }

    /// The query's pairs, as sent (still escaped).
    fn raw_query_pairs(&self) -> Vec<(String, String)> {
        self.query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (key.to_owned(), value.to_owned())
            })
            .collect()
    }

    /// The query's pairs, decoded as API Gateway decodes them (`+` is a space).
    fn decoded_query_pairs(&self) -> Vec<(String, String)> {
        let decode = |text: &str| percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned();
        self.raw_query_pairs().into_iter().map(|(key, value)| (decode(&key), decode(&value))).collect()
    }

    /// The body as the service writes it: text, or base64 when binary.
    fn body(&self) -> (Value, bool) {
        if self.body.is_empty() {
            return (Value::Null, false);
        }
        match std::str::from_utf8(&self.body) {
            Ok(text) if crate::http::is_textual(&self.headers) => (Value::from(text), false),
            _ => (Value::from(base64::engine::general_purpose::STANDARD.encode(&self.body)), true),
        }
    }

    fn header_values(&self) -> BTreeMap<String, Vec<String>> {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, value) in &self.headers {
            map.entry(name.as_str().to_owned())
                .or_default()
                .push(String::from_utf8_lossy(value.as_bytes()).into_owned());
        }
        map
    }
}

/// Last value per key.
fn single(pairs: &BTreeMap<String, Vec<String>>) -> Value {
    if pairs.is_empty() {
        return Value::Null;
    }
    Value::Object(pairs.iter().filter_map(|(k, v)| Some((k.clone(), Value::from(v.last()?.clone())))).collect())
}

/// Every value per key.
fn multi(pairs: &BTreeMap<String, Vec<String>>) -> Value {
    if pairs.is_empty() {
        return Value::Null;
    }
    Value::Object(pairs.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect())
}

fn group(pairs: Vec<(String, String)>) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, value) in pairs {
        map.entry(key).or_default().push(value);
    }
    map
}

/// The path parameters the route `template` (`/files/{name}`, `/{proxy+}`) takes from `path`, as
/// API Gateway fills `pathParameters`; none when the path does not match it.
fn route_parameters(template: &str, path: &str) -> Vec<(String, String)> {
    let mut parameters = Vec::new();
    let mut segments = path.strip_prefix('/').unwrap_or(path).split('/');
    for part in template.strip_prefix('/').unwrap_or(template).split('/').filter(|part| !part.is_empty()) {
        let Some(name) = part.strip_prefix('{').and_then(|part| part.strip_suffix('}')) else {
            if segments.next() != Some(part) {
                return Vec::new();
            }
            continue;
        };
        if let Some(greedy) = name.strip_suffix('+') {
            let rest: Vec<&str> = segments.by_ref().collect();
            parameters.push((greedy.to_owned(), rest.join("/")));
            return parameters;
        }
        match segments.next() {
            Some(segment) if !segment.is_empty() => parameters.push((name.to_owned(), segment.to_owned())),
            _ => return Vec::new(),
        }
    }
    if segments.next().is_some_and(|rest| !rest.is_empty()) {
        return Vec::new();
    }
    parameters
}

/// Decodes builder JSON as production does.
fn decode(json: &Value) -> (EventFormat, Request<Body>) {
    match decode_request(&Bytes::from(json.to_string())) {
        Ok(decoded) => decoded,
        // The builders write every field the decoder reads; this is a bug in the builder.
        Err(err) => panic!("the builder wrote an event faaskit cannot decode: {}", err.message()),
    }
}

const REQUEST_ID: &str = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
const SOURCE_IP: &str = "203.0.113.10";

/// An API Gateway REST API (payload 1.0) proxy event, written from an `http::Request`.
///
/// By default the API is on its `execute-api` domain, stage `prod`, with one `/{proxy+}`
/// resource: the event's `path` is the request's path and `requestContext.path` has the stage in
/// front, as API Gateway writes them. Query values and path parameters are decoded; a body that
/// is not textual UTF-8 is base64, as a REST API writes it when its `binaryMediaTypes` list the
/// body's type (without them, a REST API hands a binary body on as text, damaged: a test of an
/// upload does not show that).
///
/// # Examples
///
/// ```
/// use faaskit::testing::ApiGatewayRestEvent;
///
/// let request = http::Request::get("/hello/Ana?tag=a&tag=b").body("").unwrap();
/// let event = ApiGatewayRestEvent::from_request(request).stage("prod");
/// let json = event.to_json();
/// assert_eq!(json["requestContext"]["path"], "/prod/hello/Ana");
/// assert_eq!(json["multiValueQueryStringParameters"]["tag"], serde_json::json!(["a", "b"]));
/// // What the handler sees, decoded from that JSON:
/// let request = event.build();
/// assert_eq!(request.uri(), "/hello/Ana?tag=a&tag=b");
/// ```
#[derive(Debug, Clone)]
pub struct ApiGatewayRestEvent {
    parts: Parts,
    stage: String,
    custom_domain: Option<(String, String)>,
    resource: Option<(String, Vec<(String, String)>)>,
    authorizer: Option<Value>,
}

impl ApiGatewayRestEvent {
    /// The event of `request` (its path, query, headers and body).
    pub fn from_request<B: Into<Bytes>>(request: Request<B>) -> Self {
        Self {
            parts: Parts::from_request(request),
            stage: "prod".into(),
            custom_domain: None,
            resource: None,
            authorizer: None,
        }
    }

    /// The stage (default `prod`).
    #[must_use]
    pub fn stage(mut self, stage: &str) -> Self {
        self.stage = stage.to_owned();
        self
    }

    /// Serves the API on a custom domain with a base path mapping (`base_path` may be empty):
    /// the event's `path` starts with the base path and has no stage.
    #[must_use]
    pub fn custom_domain(mut self, domain: &str, base_path: &str) -> Self {
        self.custom_domain = Some((domain.to_owned(), base_path.trim_matches('/').to_owned()));
        self
    }

    /// The resource that matched and its path parameters (default `/{proxy+}`).
    #[must_use]
    pub fn resource(mut self, resource: &str, parameters: &[(&str, &str)]) -> Self {
        let parameters = parameters.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        self.resource = Some((resource.to_owned(), parameters));
        self
    }

    /// Sets `requestContext.authorizer` (for example `{"claims": {"sub": "..."}}`).
    #[must_use]
    pub fn authorizer(mut self, authorizer: Value) -> Self {
        self.authorizer = Some(authorizer);
        self
    }

    /// The event's JSON.
    pub fn to_json(&self) -> Value {
        let parts = &self.parts;
        let (domain, path, context_path) = match &self.custom_domain {
            Some((domain, base)) if !base.is_empty() => {
                let path = format!("/{base}{}", parts.path);
                (domain.clone(), path.clone(), path)
            }
            Some((domain, _)) => (domain.clone(), parts.path.clone(), parts.path.clone()),
            None => (
                "abcdef1234.execute-api.us-east-1.amazonaws.com".to_owned(),
                parts.path.clone(),
                format!("/{}{}", self.stage, parts.path),
            ),
        };
        let (resource, parameters) = match &self.resource {
            Some((resource, parameters)) => (resource.clone(), parameters.clone()),
            None if parts.path == "/" => ("/".to_owned(), Vec::new()),
            None => {
                let proxy = percent_decode_str(parts.path.trim_start_matches('/')).decode_utf8_lossy().into_owned();
                ("/{proxy+}".to_owned(), vec![("proxy".to_owned(), proxy)])
            }
        };
        v1_json(
            parts,
            &V1Location {
                resource: &resource,
                path: &path,
                context_path: &context_path,
                stage: &self.stage,
                domain: &domain,
                api_id: "abcdef1234",
            },
            parameters,
            self.authorizer.as_ref(),
        )
    }

    /// The request a handler receives: the event's JSON decoded as production decodes it.
    pub fn build(&self) -> Request<Body> {
        decode(&self.to_json()).1
    }
}

impl TestPayload for ApiGatewayRestEvent {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}

/// Where a payload 1.0 event says the request went.
struct V1Location<'a> {
    /// The resource (REST) or route (HTTP API) template that matched.
    resource: &'a str,
    /// The event's `path`.
    path: &'a str,
    /// `requestContext.path`.
    context_path: &'a str,
    stage: &'a str,
    domain: &'a str,
    api_id: &'a str,
}

/// The JSON of a payload 1.0 event (REST APIs, and HTTP APIs set to payload 1.0).
fn v1_json(
    parts: &Parts,
    location: &V1Location<'_>,
    path_parameters: Vec<(String, String)>,
    authorizer: Option<&Value>,
) -> Value {
    let mut headers = parts.header_values();
    // The request's own `host` (names are lowercase here) is the one Host header; else the domain's.
    if !headers.contains_key("host") {
        headers.insert("Host".into(), vec![location.domain.to_owned()]);
    }
    let query = group(parts.decoded_query_pairs());
    let (body, is_base64_encoded) = parts.body();
    let path_parameters: Map<String, Value> = path_parameters.into_iter().map(|(k, v)| (k, Value::from(v))).collect();
    json!({
        "resource": location.resource,
        "path": location.path,
        "httpMethod": parts.method,
        "headers": single(&headers),
        "multiValueHeaders": multi(&headers),
        "queryStringParameters": single(&query),
        "multiValueQueryStringParameters": multi(&query),
        "pathParameters": if path_parameters.is_empty() { Value::Null } else { Value::Object(path_parameters) },
        "stageVariables": null,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": location.api_id,
            "resourceId": "us4z18",
            "stage": location.stage,
            "domainName": location.domain,
            "domainPrefix": location.domain.split('.').next().unwrap_or_default(),
            "requestId": REQUEST_ID,
            "protocol": "HTTP/1.1",
            "identity": { "sourceIp": SOURCE_IP, "userAgent": parts.headers.get("user-agent").and_then(|v| v.to_str().ok()) },
            "resourcePath": location.resource,
            "path": location.context_path,
            "httpMethod": parts.method,
            "authorizer": authorizer,
            "requestTime": "09/Apr/2026:12:34:56 +0000",
            "requestTimeEpoch": 1_775_738_096_000_i64,
        },
        "body": body,
        "isBase64Encoded": is_base64_encoded,
    })
}

/// The JSON of a payload 2.0 event (HTTP API and Function URLs).
fn v2_json(
    parts: &Parts,
    raw_path: &str,
    route_key: &str,
    stage: &str,
    domain: &str,
    authorizer: Option<&Value>,
) -> Value {
    let mut headers = parts.header_values();
    let cookies: Vec<String> = headers
        .remove("cookie")
        .unwrap_or_default()
        .iter()
        .flat_map(|header| header.split(';').map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect::<Vec<_>>())
        .collect();
    headers.entry("host".into()).or_insert_with(|| vec![domain.to_owned()]);
    let joined: Map<String, Value> = headers.iter().map(|(k, v)| (k.clone(), Value::from(v.join(",")))).collect();
    let query: Map<String, Value> =
        group(parts.decoded_query_pairs()).into_iter().map(|(k, v)| (k, Value::from(v.join(",")))).collect();
    let (body, is_base64_encoded) = parts.body();
    let mut event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": raw_path,
        "rawQueryString": parts.query,
        "headers": joined,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": domain.split('.').next().unwrap_or_default(),
            "domainName": domain,
            "domainPrefix": domain.split('.').next().unwrap_or_default(),
            "http": {
                "method": parts.method,
                "path": raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": SOURCE_IP,
                "userAgent": parts.headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("faaskit-test"),
            },
            "requestId": REQUEST_ID,
            "routeKey": route_key,
            "stage": stage,
            "time": "09/Apr/2026:12:34:56 +0000",
            "timeEpoch": 1_775_738_096_000_i64,
        },
        "isBase64Encoded": is_base64_encoded,
    });
    if !cookies.is_empty() {
        event["cookies"] = Value::from(cookies);
    }
    if !query.is_empty() {
        event["queryStringParameters"] = Value::Object(query);
    }
    if !body.is_null() {
        event["body"] = body;
    }
    if let Some(authorizer) = authorizer {
        event["requestContext"]["authorizer"] = authorizer.clone();
    }
    event
}

/// An API Gateway HTTP API (payload 2.0) event, written from an `http::Request`.
///
/// By default: the `$default` stage and route. A named stage is in `rawPath`, as API Gateway
/// writes it on the `execute-api` domain, and the path is decoded there, as API Gateway decodes
/// it; cookies go to `cookies`, repeated headers and query values are joined with `,`
/// (`rawQueryString` keeps them all). [`HttpApiEvent::payload_format_1_0`] writes the event of
/// an integration set to payload format 1.0 instead.
///
/// # Examples
///
/// ```
/// use faaskit::testing::HttpApiEvent;
///
/// let request = http::Request::get("/hello/Ana").header("cookie", "a=1; b=2").body("").unwrap();
/// let event = HttpApiEvent::from_request(request).stage("prod");
/// assert_eq!(event.to_json()["rawPath"], "/prod/hello/Ana");
/// assert_eq!(event.to_json()["cookies"], serde_json::json!(["a=1", "b=2"]));
/// let request = event.build();
/// assert_eq!(request.uri(), "/hello/Ana");
/// assert_eq!(request.headers()["cookie"], "a=1; b=2");
/// ```
#[derive(Debug, Clone)]
pub struct HttpApiEvent {
    parts: Parts,
    stage: String,
    route_key: String,
    authorizer: Option<Value>,
    payload_1_0: bool,
}

impl HttpApiEvent {
    /// The event of `request`.
    pub fn from_request<B: Into<Bytes>>(request: Request<B>) -> Self {
        Self {
            parts: Parts::from_request(request),
            stage: "$default".into(),
            route_key: "$default".into(),
            authorizer: None,
            payload_1_0: false,
        }
    }

    /// Writes the event in payload format 1.0, as an HTTP API whose Lambda integration says
    /// `PayloadFormatVersion: "1.0"`: the fields of a REST API's event (`httpMethod`,
    /// `multiValueHeaders`, `multiValueQueryStringParameters`) with `"version": "1.0"`, the
    /// route's path as `resource` (`$default` for the default route), and the path decoded,
    /// with a named stage in it, as in payload 2.0.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::testing::HttpApiEvent;
    ///
    /// let request = http::Request::get("/files/my%20photo.png?size=large").body("").unwrap();
    /// let event = HttpApiEvent::from_request(request).stage("prod").route_key("GET /files/{name}").payload_format_1_0();
    /// let json = event.to_json();
    /// assert_eq!(json["version"], "1.0");
    /// assert_eq!(json["resource"], "/files/{name}");
    /// assert_eq!(json["path"], "/prod/files/my photo.png");
    /// assert_eq!(json["multiValueQueryStringParameters"]["size"], serde_json::json!(["large"]));
    /// // What the handler sees, decoded from that JSON:
    /// assert_eq!(event.build().uri(), "/files/my%20photo.png?size=large");
    /// ```
    #[must_use]
    pub fn payload_format_1_0(mut self) -> Self {
        self.payload_1_0 = true;
        self
    }

    /// The stage (default `$default`); a named stage is in the path.
    #[must_use]
    pub fn stage(mut self, stage: &str) -> Self {
        self.stage = stage.to_owned();
        self
    }

    /// The route that matched, as `"GET /hello/{name}"` (default `$default`); the event's
    /// `pathParameters` are what its template takes from the path.
    #[must_use]
    pub fn route_key(mut self, route_key: &str) -> Self {
        self.route_key = route_key.to_owned();
        self
    }

    /// Sets `requestContext.authorizer` (for example `{"jwt": {"claims": {...}, "scopes": null}}`).
    #[must_use]
    pub fn authorizer(mut self, authorizer: Value) -> Self {
        self.authorizer = Some(authorizer);
        self
    }

    /// The event's JSON.
    pub fn to_json(&self) -> Value {
        // An HTTP API decodes the path it passes on (a Function URL does not).
        let path = percent_decode_str(&self.parts.path).decode_utf8_lossy();
        let raw_path = if self.stage == "$default" { path.to_string() } else { format!("/{}{path}", self.stage) };
        let domain = "r3pmxmplak.execute-api.us-east-1.amazonaws.com";
        if self.payload_1_0 {
            // `GET /files/{name}` matched `/files/{name}`; the default route is `$default`.
            let resource = self.route_key.split_once(' ').map_or(self.route_key.as_str(), |(_, path)| path);
            let location = V1Location {
                resource,
                path: &raw_path,
                context_path: &raw_path,
                stage: &self.stage,
                domain,
                api_id: "r3pmxmplak",
            };
            let parameters = route_parameters(resource, &path);
            let mut event = v1_json(&self.parts, &location, parameters, self.authorizer.as_ref());
            event["version"] = Value::from("1.0");
            event["requestContext"]["resourceId"] = Value::Null;
            return event;
        }
        let mut event = v2_json(&self.parts, &raw_path, &self.route_key, &self.stage, domain, self.authorizer.as_ref());
        let template = self.route_key.split_once(' ').map_or("", |(_, template)| template);
        let parameters: Map<String, Value> =
            route_parameters(template, &path).into_iter().map(|(name, value)| (name, Value::from(value))).collect();
        if !parameters.is_empty() {
            event["pathParameters"] = Value::Object(parameters);
        }
        event
    }

    /// The request a handler receives: the event's JSON decoded as production decodes it.
    pub fn build(&self) -> Request<Body> {
        decode(&self.to_json()).1
    }
}

impl TestPayload for HttpApiEvent {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}

/// A Lambda Function URL event (payload 2.0 on a `lambda-url` domain), from an `http::Request`.
///
/// # Examples
///
/// ```
/// use faaskit::http::{EventFormat, RequestExt};
/// use faaskit::testing::FunctionUrlEvent;
///
/// let request = http::Request::post("/echo").body(r#"{"a":1}"#).unwrap();
/// let request = FunctionUrlEvent::from_request(request).build();
/// assert_eq!(request.event_format(), Some(EventFormat::FunctionUrl));
/// assert_eq!(request.uri(), "/echo");
/// ```
#[derive(Debug, Clone)]
pub struct FunctionUrlEvent {
    parts: Parts,
}

impl FunctionUrlEvent {
    /// The event of `request`.
    pub fn from_request<B: Into<Bytes>>(request: Request<B>) -> Self {
        Self { parts: Parts::from_request(request) }
    }

    /// The event's JSON.
    pub fn to_json(&self) -> Value {
        let mut event = v2_json(
            &self.parts,
            &self.parts.path,
            "$default",
            "$default",
            "a1b2c3d4e5f6g7h8.lambda-url.us-east-1.on.aws",
            None,
        );
        // A Function URL with `AuthType: NONE` writes no `authorizer`; `AWS_IAM` writes
        // `{"iam": {...}}` with the caller's keys, never `{"iam": null}`.
        // A Function URL passes the client's `Cookie` header on in `headers` too.
        let cookies: Option<Vec<&str>> =
            event["cookies"].as_array().map(|cookies| cookies.iter().filter_map(Value::as_str).collect());
        if let Some(cookies) = cookies {
            event["headers"]["cookie"] = Value::from(cookies.join("; "));
        }
        event
    }

    /// The request a handler receives: the event's JSON decoded as production decodes it.
    pub fn build(&self) -> Request<Body> {
        decode(&self.to_json()).1
    }
}

impl TestPayload for FunctionUrlEvent {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}

/// An Application Load Balancer event, from an `http::Request`.
///
/// ALB passes the query as sent (still escaped). With multi-value headers enabled on the target
/// group, the event has `multiValueHeaders` and `multiValueQueryStringParameters` (and the
/// response must answer with `multiValueHeaders`); otherwise one value per name, the last.
///
/// # Examples
///
/// ```
/// use faaskit::testing::AlbEvent;
///
/// let request = http::Request::get("/search?q=a%20b&q=c").body("").unwrap();
/// let event = AlbEvent::from_request(request).multi_value_headers(true);
/// assert_eq!(event.to_json()["multiValueQueryStringParameters"]["q"], serde_json::json!(["a%20b", "c"]));
/// assert_eq!(event.build().uri(), "/search?q=a%20b&q=c");
/// ```
#[derive(Debug, Clone)]
pub struct AlbEvent {
    parts: Parts,
    multi_value_headers: bool,
}

impl AlbEvent {
    /// The event of `request`, without multi-value headers.
    pub fn from_request<B: Into<Bytes>>(request: Request<B>) -> Self {
        Self { parts: Parts::from_request(request), multi_value_headers: false }
    }

    /// Whether the target group has multi-value headers enabled.
    #[must_use]
    pub fn multi_value_headers(mut self, enabled: bool) -> Self {
        self.multi_value_headers = enabled;
        self
    }

    /// The event's JSON.
    pub fn to_json(&self) -> Value {
        let parts = &self.parts;
        let mut headers = parts.header_values();
        headers
            .entry("host".into())
            .or_insert_with(|| vec!["lambda-alb-123578498.us-east-1.elb.amazonaws.com".to_owned()]);
        headers.entry("x-forwarded-for".into()).or_insert_with(|| vec![SOURCE_IP.to_owned()]);
        let query = group(parts.raw_query_pairs());
        let (body, is_base64_encoded) = parts.body();
        let mut event = json!({
            "requestContext": {
                "elb": { "targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lambda-279XGJDqGZ5rsrHC2Fjr/49e9d65c45c6791a" }
            },
            "httpMethod": parts.method,
            "path": parts.path,
            "body": if body.is_null() { Value::from("") } else { body },
            "isBase64Encoded": is_base64_encoded,
        });
        if self.multi_value_headers {
            event["multiValueHeaders"] = multi(&headers);
            event["multiValueQueryStringParameters"] = if query.is_empty() { json!({}) } else { multi(&query) };
        } else {
            event["headers"] = single(&headers);
            event["queryStringParameters"] = if query.is_empty() { json!({}) } else { single(&query) };
        }
        event
    }

    /// The request a handler receives: the event's JSON decoded as production decodes it.
    pub fn build(&self) -> Request<Body> {
        decode(&self.to_json()).1
    }
}

impl TestPayload for AlbEvent {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}

/// The HTTP response a handler gave, read back from the JSON of any HTTP event response format.
///
/// It is lenient: it reads `headers`, `multiValueHeaders` and `cookies` whatever the format,
/// where an HTTP API or a Function URL reads no `multiValueHeaders` and an ALB only the form its
/// target group is set to. A handler's own response JSON is checked against the format it
/// answers (or written by faaskit from an `http::Response`, which gets it right).
///
/// # Examples
///
/// ```
/// use faaskit::testing::HttpEventResponse;
///
/// let json = serde_json::json!({"statusCode": 200, "headers": {"content-type": "text/plain"},
///     "cookies": ["a=1"], "body": "aGk=", "isBase64Encoded": true});
/// let response = HttpEventResponse::from_json(&json).expect("a response");
/// assert_eq!(response.status, 200);
/// assert_eq!(response.body, b"hi");
/// assert_eq!(response.headers.get_all("set-cookie").iter().count(), 1);
/// ```
#[derive(Debug, Clone)]
pub struct HttpEventResponse {
    /// `statusCode`.
    pub status: u16,
    /// `headers`, `multiValueHeaders` and `cookies` (as `set-cookie`), merged.
    pub headers: HeaderMap,
    /// The body, base64-decoded when `isBase64Encoded`.
    pub body: Vec<u8>,
}

impl HttpEventResponse {
    /// Reads a response from its JSON; `None` when it is not an HTTP event response.
    pub fn from_json(json: &Value) -> Option<Self> {
        let status = u16::try_from(json.get("statusCode")?.as_u64()?).ok()?;
        let mut headers = HeaderMap::new();
        let mut add = |name: &str, value: &str| {
            if let (Ok(name), Ok(value)) =
                (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_str(value))
            {
                headers.append(name, value);
            }
        };
        let multi = json.get("multiValueHeaders").and_then(Value::as_object);
        if let Some(multi) = multi {
            for (name, values) in multi {
                for value in values.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    add(name, value);
                }
            }
        }
        for (name, value) in json.get("headers").and_then(Value::as_object).into_iter().flatten() {
            if multi.is_none_or(|multi| !multi.contains_key(name)) {
                add(name, value.as_str().unwrap_or_default());
            }
        }
        for cookie in json.get("cookies").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            add("set-cookie", cookie);
        }
        let text = json.get("body").and_then(Value::as_str).unwrap_or_default();
        let body = if json.get("isBase64Encoded").and_then(Value::as_bool).unwrap_or(false) {
            base64::engine::general_purpose::STANDARD.decode(text).ok()?
        } else {
            text.as_bytes().to_vec()
        };
        Some(Self { status, headers, body })
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}
