//! The path and query a router sees: the client's, without a REST API stage or a custom domain's
//! base path, with every character a URI needs escaped.
//!
//! REST APIs, Function URLs and ALB pass the path with the escapes the client sent. HTTP APIs
//! (payload 2.0 `rawPath`, and payload 1.0 `path`) pass it decoded, so there a `%` is the
//! client's own character and is escaped again.

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

use super::wire::{Pairs, Str};

/// What must be escaped in a path: what a URI does not allow there. `%` stays, so escapes the
/// event already carries pass through unchanged.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^');

/// What must be escaped in a raw query string.
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^');

/// What must be escaped in a decoded query key or value: all but the unreserved characters.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// What must be escaped in a path an HTTP API decoded: the same, and `%` itself.
const DECODED_PATH: &AsciiSet = &PATH.add(b'%');

/// How an event carries its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathForm {
    /// With the client's escapes (REST APIs, Function URLs, ALB).
    Escaped,
    /// Decoded once (HTTP APIs): an escaped slash the client sent is a slash here.
    Decoded,
}

/// The part of `path` the route `template` matched, given the path parameters.
///
/// API Gateway routes on the path after the stage (execute-api domains) or after the base path
/// mapping (custom domains), and the route template says how many segments that is: `/hello/{name}`
/// is two, `/{proxy+}` is one plus the slashes in `proxy`. The path's last that many segments are
/// what the client asked the API for, escapes as sent. `None` when the template says nothing
/// (no template, or a greedy parameter without its value).
pub(crate) fn routed_suffix<'p>(
    path: &'p str,
    form: PathForm,
    template: &str,
    params: Option<&Pairs<'_, Str<'_>>>,
) -> Option<&'p str> {
    if !template.starts_with('/') {
        return None;
    }
    if template == "/" {
        return Some("/");
    }
    let mut slashes = 0;
    for segment in template.split('/').skip(1) {
        slashes += 1;
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix("+}")) {
            // The parameter is decoded: a slash the client sent as `%2F` is one there, but not
            // a segment of an escaped path.
            let in_value = params?.get(name)?.as_str().matches('/').count();
            let escaped = match form {
                PathForm::Escaped => encoded_slashes(path),
                PathForm::Decoded => 0,
            };
            slashes += in_value.saturating_sub(escaped);
        }
    }
    if path.ends_with('/') && !template.ends_with('/') {
        slashes += 1;
    }
    let start = path.rmatch_indices('/').nth(slashes - 1).map_or(0, |(index, _)| index);
    Some(&path[start..])
}

/// How many slashes `path` carries escaped, as `%2F` or `%2f`.
fn encoded_slashes(path: &str) -> usize {
    path.as_bytes()
        .windows(3)
        .filter(|window| window[0] == b'%' && window[1] == b'2' && window[2] | 0x20 == b'f')
        .count()
}

/// `path` without the `/{stage}` prefix, when API Gateway put the stage in it: a named stage
/// (not `$default`) on an `execute-api` domain.
pub(crate) fn strip_stage<'p>(path: &'p str, stage: Option<&str>, domain: Option<&str>) -> &'p str {
    let Some(stage) = stage.filter(|stage| !stage.is_empty() && *stage != "$default") else {
        return path;
    };
    if domain.is_some_and(|domain| !domain.contains(".execute-api.")) {
        return path;
    }
    match path.strip_prefix('/').and_then(|rest| rest.strip_prefix(stage)) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        _ => path,
    }
}

/// Appends `path` to `uri`, escaping what a URI does not allow; in a decoded path, `%` too.
pub(crate) fn push_path(uri: &mut String, path: &str, form: PathForm) {
    if !path.starts_with('/') {
        uri.push('/');
    }
    let set = match form {
        PathForm::Escaped => PATH,
        PathForm::Decoded => DECODED_PATH,
    };
    uri.extend(utf8_percent_encode(path, set));
}

/// Appends a raw query string (escapes as the client sent them) to `uri`, after a `?`.
pub(crate) fn push_raw_query(uri: &mut String, query: &str) {
    let query = query.strip_prefix('?').unwrap_or(query);
    if !query.is_empty() {
        uri.push('?');
        uri.extend(utf8_percent_encode(query, QUERY));
    }
}

/// Appends decoded query parameters to `uri`, escaping each key and value.
pub(crate) fn push_decoded_query<'a>(uri: &mut String, pairs: impl Iterator<Item = (&'a str, &'a str)>) {
    for (index, (key, value)) in pairs.enumerate() {
        uri.push(if index == 0 { '?' } else { '&' });
        uri.extend(utf8_percent_encode(key, COMPONENT));
        uri.push('=');
        uri.extend(utf8_percent_encode(value, COMPONENT));
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn params(pairs: &[(&'static str, &'static str)]) -> Pairs<'static, Str<'static>> {
        Pairs(pairs.iter().map(|(k, v)| (Str(Cow::Borrowed(*k)), Str(Cow::Borrowed(*v)))).collect())
    }

    #[test]
    fn keeps_the_segments_the_route_matched() {
        let name = params(&[("name", "Ana")]);
        assert_eq!(routed_suffix("/hello/Ana", PathForm::Escaped, "/hello/{name}", Some(&name)), Some("/hello/Ana"));
        assert_eq!(
            routed_suffix("/prod/hello/Ana", PathForm::Escaped, "/hello/{name}", Some(&name)),
            Some("/hello/Ana")
        );
        assert_eq!(
            routed_suffix("/api/v1/hello/Ana", PathForm::Escaped, "/hello/{name}", Some(&name)),
            Some("/hello/Ana")
        );
        let proxy = params(&[("proxy", "users/7/orders")]);
        assert_eq!(
            routed_suffix("/base/users/7/orders", PathForm::Escaped, "/{proxy+}", Some(&proxy)),
            Some("/users/7/orders")
        );
        assert_eq!(
            routed_suffix("/base/users/7/orders/", PathForm::Escaped, "/{proxy+}", Some(&proxy)),
            Some("/users/7/orders/")
        );
        assert_eq!(routed_suffix("/base", PathForm::Escaped, "/", None), Some("/"));
        assert_eq!(routed_suffix("/base/x", PathForm::Escaped, "/{proxy+}", None), None);
        assert_eq!(routed_suffix("/x", PathForm::Escaped, "$default", None), None);
        // A slash the client escaped is decoded in the parameter, not a segment in the path.
        let escaped = params(&[("proxy", "echo/a/b")]);
        assert_eq!(
            routed_suffix("/base/echo/a%2Fb", PathForm::Escaped, "/{proxy+}", Some(&escaped)),
            Some("/echo/a%2Fb")
        );
        assert_eq!(
            routed_suffix("/base/echo/a%2fb", PathForm::Escaped, "/{proxy+}", Some(&escaped)),
            Some("/echo/a%2fb")
        );
        assert_eq!(routed_suffix("/echo/a%2Fb", PathForm::Escaped, "/{proxy+}", Some(&escaped)), Some("/echo/a%2Fb"));
    }

    #[test]
    fn a_decoded_path_has_no_escaped_slashes_and_keeps_its_percent_signs() {
        // The client asked for `/base/echo/a%252Fb/c`; an HTTP API passes `/base/echo/a%2Fb/c`.
        let proxy = params(&[("proxy", "echo/a%2Fb/c")]);
        let routed = routed_suffix("/base/echo/a%2Fb/c", PathForm::Decoded, "/{proxy+}", Some(&proxy));
        assert_eq!(routed, Some("/echo/a%2Fb/c"));
        let mut uri = String::new();
        push_path(&mut uri, "/files/100% done/a%2Fb?#", PathForm::Decoded);
        assert_eq!(uri, "/files/100%25%20done/a%252Fb%3F%23");
    }

    #[test]
    fn strips_named_stages_on_execute_api_domains_only() {
        let aws = Some("abc.execute-api.eu-west-1.amazonaws.com");
        assert_eq!(strip_stage("/prod/hello", Some("prod"), aws), "/hello");
        assert_eq!(strip_stage("/prod", Some("prod"), aws), "/");
        assert_eq!(strip_stage("/production/x", Some("prod"), aws), "/production/x");
        assert_eq!(strip_stage("/hello", Some("$default"), aws), "/hello");
        assert_eq!(strip_stage("/prod/hello", Some("prod"), Some("api.example.com")), "/prod/hello");
    }

    #[test]
    fn escapes_what_a_uri_does_not_allow_and_keeps_escapes() {
        let mut uri = String::new();
        push_path(&mut uri, "/files/my photo/a%2Fb/ä", PathForm::Escaped);
        push_raw_query(&mut uri, "q=a b&tag=%C3%A4");
        assert_eq!(uri, "/files/my%20photo/a%2Fb/%C3%A4?q=a%20b&tag=%C3%A4");
        let mut uri = String::from("/");
        push_decoded_query(&mut uri, [("tag", "a&b"), ("tag", "c d"), ("é", "=")].into_iter());
        assert_eq!(uri, "/?tag=a%26b&tag=c%20d&%C3%A9=%3D");
    }
}
