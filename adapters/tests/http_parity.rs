//! HTTP events where faaskit once parted from what the services send and read (found against
//! `lambda_http` and AWS's documentation): headers listed once in a payload 1.0 answer, a
//! Function URL's cookies once, empty multi-value maps, text media types.

#![cfg(all(feature = "http", feature = "testing"))]

use axum::body::Body;
use bytes::Bytes;
use faaskit_adapters::http::{EventFormat, decode_request, encode_response};
use faaskit_adapters::testing::FunctionUrlEvent;
use http::{Request, Response};
use serde_json::{Value, json};

fn header<'r>(request: &'r Request<Body>, name: &str) -> Vec<&'r str> {
    request.headers().get_all(name).iter().map(|value| value.to_str().expect("text")).collect()
}

/// A Function URL passes the client's `Cookie` header in `headers` as well as split into
/// `cookies`: the handler sees each cookie once.
#[test]
fn function_url_cookies_reach_the_handler_once() {
    let request = Request::get("/my/path").header("cookie", "a=1; b=2").body("").unwrap();
    let json = FunctionUrlEvent::from_request(request).to_json();
    assert_eq!(json["headers"]["cookie"], "a=1; b=2", "as a Function URL writes it: {json}");
    assert_eq!(json["cookies"], json!(["a=1", "b=2"]));
    let (format, request) = decode_request(&Bytes::from(json.to_string())).expect("decodes");
    assert_eq!(format, EventFormat::FunctionUrl);
    let cookies: Vec<_> = request.headers().get_all("cookie").iter().collect();
    assert_eq!(cookies, ["a=1; b=2"]);
}

/// An HTTP API on payload 1.0 merges `headers` into `multiValueHeaders` and sends a header listed
/// in both twice (two `access-control-allow-origin` values fail CORS): a payload 1.0 answer lists
/// each header once, in `multiValueHeaders`.
#[tokio::test]
async fn payload_1_0_answers_list_each_header_once() {
    let response = Response::builder()
        .header("access-control-allow-origin", "https://app.example.com")
        .header("cache-control", "max-age=60")
        .body(Body::from("hi"))
        .unwrap();
    let json: Value =
        serde_json::from_str(encode_response(EventFormat::RestApi, response).await.unwrap().get()).unwrap();
    assert_eq!(json.get("headers"), None, "{json}");
    assert_eq!(json["multiValueHeaders"]["access-control-allow-origin"], json!(["https://app.example.com"]));
    assert_eq!(json["multiValueHeaders"]["cache-control"], json!(["max-age=60"]));
    // As an HTTP API on payload 1.0 merges the two maps: each value once.
    let mut merged = json["multiValueHeaders"].clone();
    for (name, value) in json.get("headers").and_then(Value::as_object).into_iter().flatten() {
        match merged[name].as_array_mut() {
            Some(values) => values.push(value.clone()),
            None => merged[name] = json!([value]),
        }
    }
    assert_eq!(merged["access-control-allow-origin"], json!(["https://app.example.com"]), "{json}");
}

/// A WebSocket `$connect` answer is written in `headers` alone, the form AWS documents for it,
/// repeated values joined.
#[tokio::test]
async fn websocket_answers_write_single_value_headers() {
    let response = Response::builder()
        .header("sec-websocket-protocol", "chat")
        .header("x-multi", "one")
        .header("x-multi", "two")
        .body(Body::empty())
        .unwrap();
    let json: Value =
        serde_json::from_str(encode_response(EventFormat::WebSocket, response).await.unwrap().get()).unwrap();
    assert_eq!(json["headers"]["sec-websocket-protocol"], "chat", "{json}");
    assert_eq!(json["headers"]["x-multi"], "one,two", "{json}");
    assert_eq!(json.get("multiValueHeaders"), None, "{json}");
}

/// An `aws_lambda_events` request filled the natural way (single-value `headers` and query)
/// writes its unused multi-value maps as `{}`: the values in the filled maps are kept, and an
/// ALB event with only single-value headers is answered in the single-value form.
#[test]
fn empty_multi_value_maps_leave_the_single_value_ones_in_force() {
    use aws_lambda_events::alb::AlbTargetGroupRequest;
    use aws_lambda_events::apigw::ApiGatewayProxyRequest;
    use faaskit_adapters::http::request_from_aws;

    let mut rest = ApiGatewayProxyRequest::default();
    rest.http_method = http::Method::GET;
    rest.path = Some("/hello".into());
    rest.resource = Some("/hello".into());
    rest.headers.insert("x-api-key", http::HeaderValue::from_static("secret"));
    rest.query_string_parameters =
        [("lang".to_owned(), "pt".to_owned())].into_iter().collect::<std::collections::HashMap<_, _>>().into();
    let (_, request) = request_from_aws(&rest).expect("decodes");
    assert_eq!(request.headers()["x-api-key"], "secret");
    assert_eq!(request.uri(), "/hello?lang=pt");

    let mut alb = AlbTargetGroupRequest::default();
    alb.http_method = http::Method::GET;
    alb.path = Some("/hello".into());
    alb.headers.insert("x-api-key", http::HeaderValue::from_static("secret"));
    alb.request_context.elb.target_group_arn = Some("arn".into());
    let (format, request) = request_from_aws(&alb).expect("decodes");
    assert_eq!(format, EventFormat::Alb { multi_value_headers: false });
    assert_eq!(request.headers()["x-api-key"], "secret");

    // A multi-value target group with no headers at all still answers in the multi-value form.
    let empty = json!({"requestContext": {"elb": {"targetGroupArn": "arn"}}, "httpMethod": "GET", "path": "/",
        "multiValueHeaders": {}, "multiValueQueryStringParameters": {}, "body": "", "isBase64Encoded": false});
    let (format, _) = decode_request(&Bytes::from(empty.to_string())).expect("decodes");
    assert_eq!(format, EventFormat::Alb { multi_value_headers: true });
}

/// `+yaml` is a text suffix (RFC 9512), as `+json` and `+xml` are: a REST API without binary
/// media types would hand the client base64 text.
#[tokio::test]
async fn yaml_suffix_media_types_are_text() {
    let response =
        Response::builder().header("content-type", "application/openapi+yaml").body(Body::from("a: 1")).unwrap();
    let json: Value =
        serde_json::from_str(encode_response(EventFormat::RestApi, response).await.unwrap().get()).unwrap();
    assert_eq!(json["isBase64Encoded"], false, "{json}");
    assert_eq!(json["body"], "a: 1");
}

/// The empty multi-value map is told apart however it is written (`{ }` over lines), and a
/// `null` one is no map at all: the single-value headers and query are used.
#[test]
fn an_empty_multi_value_map_is_empty_however_written() {
    let spaced = br#"{"requestContext": {"elb": {"targetGroupArn": "arn"}}, "httpMethod": "GET", "path": "/",
        "headers": {"x-api-key": "secret"}, "multiValueHeaders": {
        }, "queryStringParameters": {"q": "1"}, "multiValueQueryStringParameters": { }}"#;
    let (format, request) = decode_request(&Bytes::from_static(spaced)).expect("decodes");
    assert_eq!(format, EventFormat::Alb { multi_value_headers: false });
    assert_eq!((header(&request, "x-api-key"), request.uri().to_string()), (vec!["secret"], "/?q=1".to_owned()));
    let null = br#"{"requestContext": {"elb": {"targetGroupArn": "arn"}}, "httpMethod": "GET", "path": "/",
        "headers": {"x-api-key": "secret"}, "multiValueHeaders": null}"#;
    let (format, request) = decode_request(&Bytes::from_static(null)).expect("decodes");
    assert_eq!(format, EventFormat::Alb { multi_value_headers: false });
    assert_eq!(header(&request, "x-api-key"), ["secret"]);
}

/// A Function URL event with its `Cookie` header alone (no `cookies`, or an empty list) keeps
/// the header; `cookies` alone becomes it.
#[test]
fn function_url_cookies_from_either_field_arrive_once() {
    let event = |extra: Value| {
        let mut event = json!({"version": "2.0", "rawPath": "/", "rawQueryString": "", "headers": {},
            "requestContext": {"domainName": "a1b2.lambda-url.us-east-1.on.aws", "http": {"method": "GET", "path": "/"}}});
        event.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
        decode_request(&Bytes::from(event.to_string())).expect("decodes").1
    };
    for extra in [json!({"headers": {"cookie": "a=1; b=2"}}), json!({"headers": {"cookie": "a=1; b=2"}, "cookies": []})]
    {
        assert_eq!(header(&event(extra.clone()), "cookie"), ["a=1; b=2"], "{extra}");
    }
    assert_eq!(header(&event(json!({"cookies": ["a=1", "b=2"]})), "cookie"), ["a=1; b=2"]);
}
