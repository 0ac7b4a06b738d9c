//! The sample event `FAASKIT_PRINT_EXAMPLE_EVENT=1` prints for HTTP functions.

use serde_json::{Value, json};

/// An HTTP API (payload 2.0) `GET /` as API Gateway writes it.
pub(crate) fn sample_event() -> Option<Value> {
    Some(json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": "/",
        "rawQueryString": "",
        "headers": {
            "accept": "*/*",
            "host": "r3pmxmplak.execute-api.us-east-2.amazonaws.com",
            "user-agent": "curl/8.5.0",
            "x-forwarded-for": "203.0.113.10",
            "x-forwarded-proto": "https"
        },
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "r3pmxmplak",
            "domainName": "r3pmxmplak.execute-api.us-east-2.amazonaws.com",
            "domainPrefix": "r3pmxmplak",
            "http": {
                "method": "GET",
                "path": "/",
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.10",
                "userAgent": "curl/8.5.0"
            },
            "requestId": "JKJaXmPLvHcESHA=",
            "routeKey": "$default",
            "stage": "$default",
            "time": "10/Mar/2026:00:03:59 +0000",
            "timeEpoch": 1_773_101_039_000_i64
        },
        "isBase64Encoded": false
    }))
}
