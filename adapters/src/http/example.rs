//! The sample event `FAASKIT_PRINT_EXAMPLE_EVENT=1` prints for HTTP functions.

use serde_json::{Value, json};

/// An HTTP API (payload 2.0) `GET /` as API Gateway writes it.
pub(crate) fn sample_event() -> Option<Value> {
    Some(request_event("GET", "/"))
}

/// The sample event of a function that answers `route` for `methods` (every method when
/// empty): a request it routes, its path parameters filled with their names (`/hello/{name}`
/// is `/hello/name`), and a JSON body `{}` for a method that carries one.
pub(crate) fn routed_sample_event(route: &str, methods: &[&str]) -> Value {
    let path: String = route
        .split('/')
        .map(|segment| match segment.strip_prefix('{').and_then(|inner| inner.strip_suffix('}')) {
            Some(parameter) => parameter.trim_start_matches('*'),
            None => segment,
        })
        .collect::<Vec<_>>()
        .join("/");
    let method = methods.first().map_or_else(|| "GET".to_owned(), |method| method.to_ascii_uppercase());
    let mut event = request_event(&method, if path.is_empty() { "/" } else { &path });
    if matches!(method.as_str(), "POST" | "PUT" | "PATCH") {
        event["headers"]["content-type"] = json!("application/json");
        event["body"] = json!("{}");
    }
    event
}

/// An HTTP API (payload 2.0) request for `method` and `path`, without a body.
fn request_event(method: &str, path: &str) -> Value {
    json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
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
                "method": method,
                "path": path,
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_routed_sample_asks_for_its_route() {
        let event = routed_sample_event("/greet/{name}/files/{*rest}", &["post", "GET"]);
        assert_eq!(event["rawPath"], "/greet/name/files/rest");
        assert_eq!(event["requestContext"]["http"]["method"], "POST");
        assert_eq!(event["requestContext"]["http"]["path"], "/greet/name/files/rest");
        assert_eq!((&event["body"], &event["headers"]["content-type"]), (&json!("{}"), &json!("application/json")));
        let any_method = routed_sample_event("/", &[]);
        assert_eq!(
            (&any_method["rawPath"], &any_method["requestContext"]["http"]["method"]),
            (&json!("/"), &json!("GET"))
        );
        assert_eq!(any_method.get("body"), None);
    }
}
