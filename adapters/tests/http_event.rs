//! HTTP events both ways: every `aws_lambda_events` HTTP fixture and faaskit's own edge cases
//! (stage prefix, custom domain base path, escaped paths, binary bodies, cookies, repeated query
//! keys) into `http::Request`, and `http::Response` into each format's response JSON, checked
//! against the `aws_lambda_events` types.

#![cfg(all(feature = "http", feature = "testing"))]

use aws_lambda_events::alb::AlbTargetGroupResponse;
use aws_lambda_events::apigw::{ApiGatewayProxyResponse, ApiGatewayV2httpResponse};
use aws_lambda_events::lambda_function_urls::LambdaFunctionUrlResponse;
use axum::body::Body;
use bytes::Bytes;
use faaskit_adapters::http::{EventFormat, RequestContext, RequestExt, decode_request, encode_response};
use faaskit_adapters::testing::{AlbEvent, ApiGatewayRestEvent, FunctionUrlEvent, HttpApiEvent, HttpEventResponse};
use faaskit_core::testing::TestPayload;
use http::{Request, Response};
use http_body_util::BodyExt;
use serde_json::{Value, json};

fn fixture(path: &str) -> Bytes {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    Bytes::from(std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}")))
}

fn decode(path: &str) -> (EventFormat, Request<Body>) {
    decode_request(&fixture(path)).unwrap_or_else(|err| panic!("{path}: {}", err.message()))
}

async fn body_of(request: Request<Body>) -> Vec<u8> {
    request.into_body().collect().await.expect("body").to_bytes().to_vec()
}

fn header<'r>(request: &'r Request<Body>, name: &str) -> Vec<&'r str> {
    request.headers().get_all(name).iter().map(|v| v.to_str().expect("text")).collect()
}

/// What each `aws_lambda_events` fixture must become: format, method, path and query.
#[tokio::test]
async fn every_aws_lambda_events_fixture_becomes_its_request() {
    let cases: &[(&str, EventFormat, &str, &str)] = &[
        ("example-apigw-request.json", EventFormat::RestApi, "POST", "/hello/world?name=me"),
        ("example-apigw-request-catch-all.json", EventFormat::RestApi, "POST", "/hello/world?name=me"),
        (
            "example-apigw-request-multi-value-parameters.json",
            EventFormat::RestApi,
            "POST",
            "/hello/world?name=me&name=me2",
        ),
        ("example-apigw-console-request.json", EventFormat::RestApi, "POST", "/path/to/resource?foo=bar"),
        ("example-apigw-console-test-request.json", EventFormat::RestApi, "POST", "/myPath"),
        ("example-apigw-restapi-openapi-request.json", EventFormat::RestApi, "POST", "/hello/world?name=me"),
        ("example-apigw-sam-rest-request.json", EventFormat::RestApi, "GET", "/test"),
        ("example-apigw-sam-http-request.json", EventFormat::HttpApi, "GET", "/dump?foo=bar"),
        (
            "example-apigw-v2-request-iam.json",
            EventFormat::HttpApi,
            "GET",
            "/my/path?parameter1=value1&parameter1=value2&parameter2=value",
        ),
        (
            "example-apigw-v2-request-jwt-authorizer.json",
            EventFormat::HttpApi,
            "GET",
            "/my/path?parameter1=value1&parameter1=value2&parameter2=value",
        ),
        (
            "example-apigw-v2-request-lambda-authorizer.json",
            EventFormat::HttpApi,
            "GET",
            "/my/path?parameter1=value1&parameter1=value2&parameter2=value",
        ),
        (
            "example-apigw-v2-request-multi-value-parameters.json",
            EventFormat::HttpApi,
            "GET",
            "/my/path?Parameter1=value1&Parameter1=value2",
        ),
        ("example-apigw-v2-request-no-authorizer.json", EventFormat::HttpApi, "GET", "/"),
        ("example-apigw-websocket-request.json", EventFormat::WebSocket, "POST", "/$connect?name=me"),
        ("example-apigw-websocket-request-without-method.json", EventFormat::WebSocket, "POST", "/$connect"),
        ("example-apigw-websocket-request-disconnect-route.json", EventFormat::WebSocket, "POST", "/$disconnect"),
        (
            "example-alb-lambda-target-request-headers-only.json",
            EventFormat::Alb { multi_value_headers: false },
            "GET",
            "/?key=hello",
        ),
        (
            "example-alb-lambda-target-request-multivalue-headers.json",
            EventFormat::Alb { multi_value_headers: true },
            "GET",
            "/?key=hello",
        ),
    ];
    for (file, format, method, uri) in cases {
        let (found, request) = decode(&format!("aws_lambda_events/{file}"));
        assert_eq!(found, *format, "{file}");
        assert_eq!(request.method(), *method, "{file}");
        assert_eq!(request.uri(), *uri, "{file}");
        assert_eq!(request.event_format(), Some(*format), "{file}");
        let context = request.request_context().unwrap_or_else(|| panic!("{file}: requestContext does not decode"));
        let matches = matches!(
            (format, context),
            (EventFormat::RestApi, RequestContext::RestApi(_))
                | (EventFormat::HttpApi, RequestContext::HttpApi(_))
                | (EventFormat::WebSocket, RequestContext::WebSocket(_))
                | (EventFormat::Alb { .. }, RequestContext::Alb(_))
        );
        assert!(matches, "{file}: {context:?}");
    }
}

#[tokio::test]
async fn rest_api_fixture_keeps_headers_body_and_context() {
    let (_, request) = decode("aws_lambda_events/example-apigw-request.json");
    assert_eq!(header(&request, "content-type"), ["application/json"]);
    assert_eq!(header(&request, "x-forwarded-for"), ["54.240.196.186, 54.182.214.83"]);
    assert_eq!(request.headers().len(), 19);
    let context = request.request_context().expect("context");
    assert_eq!(context.stage(), Some("testStage"));
    assert_eq!(context.source_ip(), Some("192.168.196.186"));
    assert_eq!(context.request_id(), Some("deef4878-7910-11e6-8f14-25afc3e9ae33"));
    assert_eq!(context.authorizer().and_then(|a| a.fields.get("principalId")), Some(&json!("admin")));
    let body: Value = serde_json::from_slice(&body_of(request).await).expect("JSON body");
    assert_eq!(body, json!({"a": 1}));
}

#[tokio::test]
async fn v2_fixtures_join_cookies_and_keep_authorizers() {
    let (_, request) = decode("aws_lambda_events/example-apigw-v2-request-jwt-authorizer.json");
    assert_eq!(header(&request, "cookie"), ["cookie1; cookie2"]);
    assert_eq!(header(&request, "header2"), ["value2"]);
    let context = request.request_context().expect("context");
    assert_eq!(context.claim("claim1"), Some("value1"));
    assert_eq!(context.source_ip(), Some("IP"));
    assert_eq!(context.stage(), Some("$default"));
    assert_eq!(body_of(request).await, b"{\r\n\t\"a\": 1\r\n}");
}

#[tokio::test]
async fn alb_fixtures_keep_multi_value_headers() {
    let (_, request) = decode("aws_lambda_events/example-alb-lambda-target-request-multivalue-headers.json");
    assert_eq!(header(&request, "x-myheader"), ["123"]);
    assert_eq!(header(&request, "host"), ["lambda-test-alb-1234567.us-east-1.elb.amazonaws.com"]);
    assert_eq!(body_of(request).await, b"Some text");
}

#[tokio::test]
async fn function_urls_are_told_from_http_apis_by_their_domain() {
    let (format, request) = decode("http/function-url-request.json");
    assert_eq!(format, EventFormat::FunctionUrl);
    assert_eq!(request.uri(), "/my/path?parameter1=value1&parameter1=value2&parameter2=value");
    assert_eq!(header(&request, "cookie"), ["cookie1; cookie2"]);
    let Some(RequestContext::FunctionUrl(context)) = request.request_context() else {
        panic!("a Function URL context: {:?}", request.request_context());
    };
    let iam = context.authorizer.as_ref().and_then(|a| a.iam.as_ref()).expect("iam");
    assert_eq!(iam.user_arn.as_deref(), Some("arn:aws:iam::111122223333:user/example-user"));
    assert_eq!(request.request_context().and_then(RequestContext::source_ip), Some("123.123.123.123"));
    assert_eq!(body_of(request).await, b"Hello from client!");
}

#[tokio::test]
async fn the_rest_api_stage_is_not_in_the_routed_path() {
    let (_, request) = decode("http/rest-stage-in-path.json");
    assert_eq!(request.uri(), "/hello/Ana?tag=a&tag=b%20c&q=%E2%9C%93");
    let context = request.request_context().expect("context");
    assert_eq!(context.claim("email"), Some("ana@example.com"));
    assert_eq!(context.stage(), Some("prod"));
}

#[tokio::test]
async fn a_custom_domain_base_path_is_not_in_the_routed_path_and_binary_bodies_decode() {
    let (_, request) = decode("http/rest-custom-domain-base-path.json");
    assert_eq!(request.method(), "PUT");
    assert_eq!(request.uri(), "/files/my%20photo.jpg");
    assert_eq!(header(&request, "x-trace"), ["one", "two"]);
    assert_eq!(body_of(request).await, [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01]);
}

#[test]
fn an_escaped_slash_under_a_custom_domain_base_path_routes_on_what_the_client_asked() {
    let event = json!({
        "resource": "/{proxy+}",
        "path": "/base/echo/a%2Fb",
        "httpMethod": "GET",
        "pathParameters": { "proxy": "echo/a/b" },
        "requestContext": { "stage": "prod", "domainName": "api.example.com", "path": "/base/echo/a%2Fb" },
    });
    let (_, request) = decode_request(&Bytes::from(event.to_string())).expect("decodes");
    assert_eq!(request.uri(), "/echo/a%2Fb");
}

#[test]
fn an_http_api_payload_1_0_on_its_default_route_leaves_the_stage_out() {
    let event = json!({
        "version": "1.0",
        "resource": "$default",
        "path": "/prod/echo",
        "httpMethod": "GET",
        "requestContext": { "stage": "prod", "domainName": "abc123.execute-api.eu-west-1.amazonaws.com" },
    });
    let (_, request) = decode_request(&Bytes::from(event.to_string())).expect("decodes");
    assert_eq!(request.uri(), "/echo");
}

#[tokio::test]
async fn http_api_stage_cookies_escapes_and_repeated_keys_survive() {
    let (_, request) = decode("http/http-api-stage-cookies-binary.json");
    assert_eq!(request.uri(), "/upload/r%C3%A9sum%C3%A9.pdf?tag=a&tag=b%20c&q=%E2%9C%93&empty=");
    assert_eq!(header(&request, "cookie"), ["session=abc123; theme=dark"]);
    assert_eq!(request.request_context().and_then(|c| c.claim("sub")), Some("user-42"));
    assert_eq!(body_of(request).await, b"%PDF-1.7\n\xff");
}

#[tokio::test]
async fn alb_queries_stay_escaped_as_sent() {
    let (format, request) = decode("http/alb-encoded-query.json");
    assert_eq!(format, EventFormat::Alb { multi_value_headers: false });
    assert_eq!(request.uri(), "/search/caf%C3%A9?q=a%20b%26c&page=2");
    assert_eq!(header(&request, "cookie"), ["a=1; b=2"]);
    assert!(body_of(request).await.is_empty());
}

#[test]
fn bad_events_name_what_is_wrong() {
    let cases: &[(&str, &str)] = &[
        (r#"{"Records": []}"#, "the event is not an HTTP request"),
        (r#"{"httpMethod": 5, "path": "/"}"#, "at httpMethod: invalid type: integer `5`, expected a string"),
        (r#"{"httpMethod": "GET", "path": "/", "headers": {"a": 1}}"#, "at headers.a: invalid type: integer `1`"),
        (
            r#"{"version": "2.0", "rawPath": "/", "requestContext": {"http": {"method": 7}}}"#,
            "at requestContext.http.method: invalid type",
        ),
        (r#"{"version": "2.0", "rawPath": "/", "requestContext": {}}"#, "has no `requestContext.http.method`"),
        (r#"{"httpMethod": "G E T", "path": "/"}"#, "httpMethod `G E T` is not an HTTP method"),
        (
            r#"{"httpMethod": "POST", "path": "/", "body": "%%%", "isBase64Encoded": true}"#,
            "at body: isBase64Encoded is true but the body is not base64",
        ),
        (r#"{"httpMethod": "GET""#, "EOF while parsing an object"),
    ];
    for (payload, expected) in cases {
        let err = decode_request(&Bytes::from_static(payload.as_bytes())).expect_err(payload);
        assert_eq!(err.error_type(), "Faaskit.DecodeError", "{payload}");
        assert!(err.message().contains(expected), "{payload}: {}", err.message());
    }
}

/// HTTP APIs pass the path decoded (payload 2.0 `rawPath` and 1.0 `path`), REST APIs and
/// Function URLs with the client's escapes: a `%` is the client's own only in the first.
#[test]
fn an_http_api_path_is_decoded_and_a_rest_api_path_is_not() {
    // The client asked for `/files/a%252Fb/100%25`.
    let v2 = r#"{"version":"2.0","routeKey":"GET /files/{proxy+}","rawPath":"/files/a%2Fb/100%","rawQueryString":"",
        "pathParameters":{"proxy":"a%2Fb/100%"},
        "requestContext":{"apiId":"id","domainName":"id.execute-api.us-east-1.amazonaws.com","stage":"$default",
            "http":{"method":"GET","path":"/files/a%2Fb/100%"}},"isBase64Encoded":false}"#;
    let v1 = r#"{"version":"1.0","resource":"/files/{proxy+}","path":"/files/a%2Fb/100%","httpMethod":"GET",
        "pathParameters":{"proxy":"a%2Fb/100%"},
        "requestContext":{"apiId":"id","domainName":"id.execute-api.us-east-1.amazonaws.com","stage":"$default"},
        "isBase64Encoded":false}"#;
    let rest = r#"{"resource":"/files/{proxy+}","path":"/files/a%252Fb/100%25","httpMethod":"GET",
        "pathParameters":{"proxy":"a%2Fb/100%"},"requestContext":{"stage":"prod"},"isBase64Encoded":false}"#;
    for (label, payload) in [("HTTP API 2.0", v2), ("HTTP API 1.0", v1), ("REST API", rest)] {
        let (_, request) = decode_request(&Bytes::from(payload)).unwrap_or_else(|err| panic!("{label}: {err}"));
        assert_eq!(request.uri(), "/files/a%252Fb/100%25", "{label}");
    }
}

/// `cargo lambda watch` emulates a Function URL: a payload 2.0 event from `localhost`, without
/// `apiId`, whose path keeps the client's escapes.
#[test]
fn cargo_lambda_watch_events_keep_their_escapes() {
    let event = json!({
        "version": "2.0", "routeKey": "$default", "rawPath": "/files/my%20photo", "rawQueryString": null,
        "headers": {}, "isBase64Encoded": false,
        "requestContext": {
            "stage": "$default", "routeKey": "$default", "requestId": "r", "domainName": "localhost",
            "domainPrefix": "http-api", "apiId": null, "timeEpoch": 0,
            "http": {"method": "GET", "path": "/files/my%20photo", "protocol": "http", "sourceIp": "127.0.0.1",
                "userAgent": "cargo-lambda"}
        }
    });
    let (format, request) = decode_request(&Bytes::from(event.to_string())).expect("decodes");
    assert_eq!(format, EventFormat::HttpApi);
    assert_eq!(request.uri(), "/files/my%20photo");
}

/// A request with every tricky part, built into each format and decoded back.
#[tokio::test]
async fn builders_round_trip_every_part_of_a_request() {
    let request = || {
        // Keys in order: REST API and ALB events group the values by key in a JSON object.
        // `%25` and `%252F` are the client's own `%` signs: an HTTP API passes them decoded.
        Request::post("/files/my%20photo/caf%C3%A9/100%25/a%252Fb?q=%E2%9C%93&tag=a&tag=b%20c")
            .header("content-type", "application/octet-stream")
            .header("x-multi", "one")
            .header("cookie", "session=abc; theme=dark")
            .body(vec![0_u8, 159, 146, 150, 255])
            .expect("request")
    };
    let decoded: Vec<(&str, Request<Body>)> = vec![
        ("REST", ApiGatewayRestEvent::from_request(request()).stage("prod").build()),
        (
            "REST custom domain",
            ApiGatewayRestEvent::from_request(request()).custom_domain("api.example.com", "v2").build(),
        ),
        ("HTTP API", HttpApiEvent::from_request(request()).stage("prod").build()),
        ("HTTP API 1.0", HttpApiEvent::from_request(request()).stage("prod").payload_format_1_0().build()),
        (
            "HTTP API 1.0 on a route",
            HttpApiEvent::from_request(request()).route_key("POST /files/{proxy+}").payload_format_1_0().build(),
        ),
        ("ALB", AlbEvent::from_request(request()).build()),
        ("ALB multi-value", AlbEvent::from_request(request()).multi_value_headers(true).build()),
        ("Function URL", FunctionUrlEvent::from_request(request()).build()),
    ];
    for (label, request) in decoded {
        assert_eq!(request.method(), "POST", "{label}");
        // Without multi-value headers, ALB sends only the last value of a repeated key.
        let query = if label == "ALB" { "q=%E2%9C%93&tag=b%20c" } else { "q=%E2%9C%93&tag=a&tag=b%20c" };
        assert_eq!(request.uri(), format!("/files/my%20photo/caf%C3%A9/100%25/a%252Fb?{query}").as_str(), "{label}");
        assert_eq!(header(&request, "x-multi"), ["one"], "{label}");
        assert_eq!(header(&request, "cookie"), ["session=abc; theme=dark"], "{label}");
        assert_eq!(body_of(request).await, [0_u8, 159, 146, 150, 255], "{label}");
    }
}

fn response() -> Response<Body> {
    Response::builder()
        .status(201)
        .header("content-type", "application/json")
        .header("set-cookie", "a=1; Path=/")
        .header("set-cookie", "b=2")
        .header("x-multi", "one")
        .header("x-multi", "two")
        .body(Body::from(r#"{"ok":true}"#))
        .expect("response")
}

fn binary_response() -> Response<Body> {
    Response::builder()
        .header("content-type", "image/png")
        .body(Body::from(vec![0x89, b'P', b'N', b'G', 0xff]))
        .expect("response")
}

async fn encode(format: EventFormat, response: Response<Body>) -> Value {
    let json = encode_response(format, response).await.expect("encodes");
    serde_json::from_str(json.get()).expect("JSON")
}

#[tokio::test]
async fn rest_api_responses_carry_every_header_value() {
    let json = encode(EventFormat::RestApi, response()).await;
    assert_eq!(json["statusCode"], 201);
    assert_eq!(json["multiValueHeaders"]["set-cookie"], json!(["a=1; Path=/", "b=2"]));
    assert_eq!(json["multiValueHeaders"]["x-multi"], json!(["one", "two"]));
    assert_eq!(json["multiValueHeaders"]["content-type"], json!(["application/json"]));
    // No `headers`: an HTTP API on payload 1.0 would send each header listed in both twice.
    assert_eq!(json.get("headers"), None);
    assert_eq!(json["body"], r#"{"ok":true}"#);
    assert_eq!(json["isBase64Encoded"], false);
    let aws: ApiGatewayProxyResponse = serde_json::from_value(json).expect("an aws_lambda_events response");
    assert_eq!(aws.status_code, 201);
    assert_eq!(aws.multi_value_headers.get_all("set-cookie").iter().count(), 2);
    let binary = encode(EventFormat::RestApi, binary_response()).await;
    assert_eq!((binary["body"].as_str(), binary["isBase64Encoded"].as_bool()), (Some("iVBOR/8="), Some(true)));
}

#[tokio::test]
async fn payload_2_responses_put_set_cookie_in_cookies() {
    for format in [EventFormat::HttpApi, EventFormat::FunctionUrl] {
        let json = encode(format, response()).await;
        assert_eq!(json["cookies"], json!(["a=1; Path=/", "b=2"]), "{format}");
        assert_eq!(json["headers"]["x-multi"], "one,two", "{format}");
        assert!(json["headers"].get("set-cookie").is_none() && json.get("multiValueHeaders").is_none(), "{json}");
        let v2: ApiGatewayV2httpResponse = serde_json::from_value(json.clone()).expect("an HTTP API response");
        assert_eq!(v2.cookies, ["a=1; Path=/", "b=2"]);
        let url: LambdaFunctionUrlResponse = serde_json::from_value(json).expect("a Function URL response");
        assert_eq!(url.status_code, 201);
    }
}

#[tokio::test]
async fn alb_responses_match_the_request_s_header_mode() {
    let multi = encode(EventFormat::Alb { multi_value_headers: true }, response()).await;
    assert_eq!(multi["statusDescription"], "201 Created");
    assert_eq!(multi["multiValueHeaders"]["set-cookie"], json!(["a=1; Path=/", "b=2"]));
    assert!(multi.get("headers").is_none());
    let single = encode(EventFormat::Alb { multi_value_headers: false }, response()).await;
    assert!(single.get("multiValueHeaders").is_none());
    assert_eq!(single["headers"]["x-multi"], "one,two");
    assert_eq!(single["headers"]["set-cookie"], "b=2");
    let aws: AlbTargetGroupResponse = serde_json::from_value(single).expect("an ALB response");
    assert_eq!(aws.status_description.as_deref(), Some("201 Created"));
}

#[tokio::test]
async fn the_aws_lambda_events_response_fixtures_read_back() {
    for (file, status) in [("example-apigw-response.json", 200), ("example-alb-lambda-target-response.json", 200)] {
        let json: Value = serde_json::from_slice(&fixture(&format!("aws_lambda_events/{file}"))).expect("JSON");
        let response = HttpEventResponse::from_json(&json).expect(file);
        assert_eq!(response.status, status, "{file}");
        assert!(!response.headers.is_empty(), "{file}");
    }
}

#[test]
fn builders_write_the_wire_json_aws_writes() {
    let request = Request::get("/hello/Ana?tag=a&tag=b%20c").header("cookie", "a=1").body("").expect("request");
    let rest = ApiGatewayRestEvent::from_request(request).stage("prod").to_json();
    assert_eq!(rest["path"], "/hello/Ana");
    assert_eq!(rest["requestContext"]["path"], "/prod/hello/Ana");
    assert_eq!(rest["pathParameters"]["proxy"], "hello/Ana");
    assert_eq!(rest["queryStringParameters"]["tag"], "b c");
    assert_eq!(rest["multiValueQueryStringParameters"]["tag"], json!(["a", "b c"]));
    let payload: Value =
        serde_json::from_slice(&ApiGatewayRestEvent::from_request(Request::get("/").body("").expect("r")).to_payload())
            .expect("JSON payload");
    assert_eq!(payload["resource"], "/");
}

/// The `aws_lambda_events` value of each fixture gives the request the fixture gives.
#[tokio::test]
async fn aws_lambda_events_values_give_the_same_requests() {
    use aws_lambda_events::alb::AlbTargetGroupRequest;
    use aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayV2httpRequest, ApiGatewayWebsocketProxyRequest};
    use faaskit_adapters::http::request_from_aws;

    fn via_aws<T: serde::de::DeserializeOwned + serde::Serialize>(path: &str) -> (EventFormat, Request<Body>) {
        let value: T = serde_json::from_slice(&fixture(path)).expect("an aws_lambda_events value");
        request_from_aws(&value).unwrap_or_else(|err| panic!("{path}: {}", err.message()))
    }
    let cases = [
        (
            "aws_lambda_events/example-apigw-request-multi-value-parameters.json",
            via_aws::<ApiGatewayProxyRequest> as fn(&str) -> _,
        ),
        ("http/rest-stage-in-path.json", via_aws::<ApiGatewayProxyRequest>),
        ("aws_lambda_events/example-apigw-v2-request-jwt-authorizer.json", via_aws::<ApiGatewayV2httpRequest>),
        ("http/http-api-stage-cookies-binary.json", via_aws::<ApiGatewayV2httpRequest>),
        (
            "aws_lambda_events/example-alb-lambda-target-request-multivalue-headers.json",
            via_aws::<AlbTargetGroupRequest>,
        ),
        (
            "aws_lambda_events/example-apigw-websocket-request-without-method.json",
            via_aws::<ApiGatewayWebsocketProxyRequest>,
        ),
    ];
    for (path, convert) in cases {
        let (format, request) = convert(path);
        let (expected_format, expected) = decode(path);
        assert_eq!(format, expected_format, "{path}");
        assert_eq!(request.method(), expected.method(), "{path}");
        // aws_lambda_events keeps query parameters in a hash map: the order of different keys
        // is lost (it carries no meaning in the event's JSON object either), each key's values
        // keep theirs.
        assert_eq!(request.uri().path(), expected.uri().path(), "{path}");
        assert_eq!(query_by_key(&request), query_by_key(&expected), "{path}");
        assert_eq!(header(&request, "cookie"), header(&expected, "cookie"), "{path}");
        assert_eq!(body_of(request).await, body_of(expected).await, "{path}");
    }
}

fn query_by_key(request: &Request<Body>) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut map = std::collections::BTreeMap::<String, Vec<String>>::new();
    for pair in request.uri().query().unwrap_or_default().split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        map.entry(key.to_owned()).or_default().push(value.to_owned());
    }
    map
}
