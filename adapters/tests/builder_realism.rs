//! The builders write what the services write: regressions found in a review.

#![cfg(all(feature = "testing", feature = "http", feature = "sns", feature = "sqs"))]

use faaskit_adapters::http::{RequestContext, RequestExt};
use faaskit_adapters::testing::{
    ApiGatewayRestEvent, FunctionUrlEvent, HttpApiEvent, SnsEventBuilder, SqsEventBuilder,
};
use serde_json::Value;

/// A request's own `Host` is the one the event carries: API Gateway sends one Host header.
#[test]
fn a_payload_1_0_event_has_one_host_header() {
    let request = || http::Request::get("/x").header("host", "api.example.com").body("").unwrap();
    let rest = ApiGatewayRestEvent::from_request(request());
    let http_api = HttpApiEvent::from_request(request()).payload_format_1_0();
    for (json, built) in [(rest.to_json(), rest.build()), (http_api.to_json(), http_api.build())] {
        let hosts: Vec<&String> = json["multiValueHeaders"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("host"))
            .map(|(name, _)| name)
            .collect();
        assert_eq!(hosts.len(), 1, "{json}");
        let seen: Vec<_> = built.headers().get_all("host").iter().collect();
        assert_eq!(seen, ["api.example.com"]);
    }
    // Without one, the API's domain.
    let built = ApiGatewayRestEvent::from_request(http::Request::get("/x").body("").unwrap()).build();
    assert_eq!(built.headers()["host"], "abcdef1234.execute-api.us-east-1.amazonaws.com");
}

/// A Function URL with `AuthType: NONE` writes no authorizer (lambda_http's captured
/// `lambda_function_url_request.json` has none).
#[test]
fn a_function_url_event_without_auth_has_no_authorizer() {
    let event = FunctionUrlEvent::from_request(http::Request::get("/x").body("").unwrap());
    assert!(event.to_json()["requestContext"].get("authorizer").is_none(), "{}", event.to_json());
    match event.build().request_context() {
        Some(RequestContext::FunctionUrl(context)) => assert!(context.authorizer.is_none(), "{context:?}"),
        other => panic!("{other:?}"),
    }
}

/// SNS writes `Subject` and `MessageAttributes` into a queue only when the message has them:
/// a type that needs them must fail in a test as it fails on AWS.
#[test]
fn a_notification_body_omits_what_sns_omits() {
    let plain = SnsEventBuilder::new("alerts").message_text("hi");
    let body: Value = serde_json::from_str(&plain.notification_body(0)).unwrap();
    assert!(body.get("Subject").is_none(), "{body}");
    assert!(body.get("MessageAttributes").is_none(), "{body}");
    let full = SnsEventBuilder::new("alerts").subject("disk").message_text("hi").attribute("tenant", "acme");
    let body: Value = serde_json::from_str(&full.notification_body(0)).unwrap();
    assert_eq!(body["Subject"], "disk");
    assert_eq!(body["MessageAttributes"]["tenant"], serde_json::json!({"Type": "String", "Value": "acme"}));

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Envelope {
        #[serde(rename = "Message")]
        message: String,
        #[serde(rename = "MessageAttributes")]
        attributes: std::collections::HashMap<String, Value>,
    }
    let event = SqsEventBuilder::new("q").message_text(&plain.notification_body(0)).build::<Envelope>();
    assert!(event.records()[0].decode_error().is_some(), "MessageAttributes is absent on AWS");
    // faaskit's own type reads both forms.
    let event = SqsEventBuilder::new("q")
        .message_text(&plain.notification_body(0))
        .build::<faaskit_adapters::sns::SnsNotification>();
    assert_eq!(event.records()[0].body().map(|n| n.subject()), Some(None));
}

/// An HTTP API route's template fills `pathParameters`, as API Gateway does, in both payload
/// formats; a path the template does not match, or the `$default` route, fills none.
#[test]
fn an_http_api_route_fills_its_path_parameters() {
    let event = |path: &str, route: &str| {
        HttpApiEvent::from_request(http::Request::get(path).body("").unwrap()).stage("prod").route_key(route)
    };
    let json = event("/files/a.png", "GET /files/{name}").to_json();
    assert_eq!(json["pathParameters"], serde_json::json!({"name": "a.png"}), "{json}");
    let json = event("/files/a.png", "GET /files/{name}").payload_format_1_0().to_json();
    assert_eq!(json["pathParameters"], serde_json::json!({"name": "a.png"}), "{json}");
    let json = event("/users/7/docs/a%20b.txt", "ANY /users/{id}/{proxy+}").to_json();
    assert_eq!(json["pathParameters"], serde_json::json!({"id": "7", "proxy": "docs/a b.txt"}), "{json}");
    for (path, route) in
        [("/files/a.png", "$default"), ("/other/a.png", "GET /files/{name}"), ("/files", "GET /files/{name}")]
    {
        let json = event(path, route).to_json();
        assert!(json.get("pathParameters").is_none(), "{path} {route}: {json}");
    }
    // What the handler sees is the path after the stage, with or without parameters.
    let request = event("/users/7/docs/a.txt", "ANY /users/{id}/{proxy+}").build();
    assert_eq!(request.uri(), "/users/7/docs/a.txt");
}
