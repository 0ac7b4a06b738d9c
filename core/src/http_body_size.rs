//! How an HTTP body travels in a Lambda event or response: as JSON text when it is text, else
//! base64; and so how much of Lambda's 6 MB it takes.

use http::HeaderMap;
use http::header::{CONTENT_ENCODING, CONTENT_TYPE};

/// Whether the headers describe text: a textual media type (or none), not compressed.
pub fn is_textual(headers: &HeaderMap) -> bool {
    let encoded =
        headers.get(CONTENT_ENCODING).is_some_and(|value| !value.as_bytes().eq_ignore_ascii_case(b"identity"));
    if encoded {
        return false;
    }
    // Read as bytes: a content type with non-ASCII parameters (`name="é.png"`) is still the
    // media type it names, not a missing one.
    let Some(content_type) = headers.get(CONTENT_TYPE) else {
        return true;
    };
    let essence = content_type.as_bytes().split(|&byte| byte == b';').next().unwrap_or_default().trim_ascii();
    // Compared without case and without a lowercase copy: this runs for every HTTP response.
    let starts =
        |prefix: &str| essence.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()));
    let ends = |suffix: &str| {
        essence.len() >= suffix.len()
            && essence
                .get(essence.len() - suffix.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix.as_bytes()))
    };
    starts("text/")
        || ends("+json")
        || ends("+xml")
        || ends("+yaml")
        || TEXTUAL_APPLICATION_TYPES.iter().any(|textual| essence.eq_ignore_ascii_case(textual.as_bytes()))
}

/// The `application/` media types that are text.
const TEXTUAL_APPLICATION_TYPES: &[&str] = &[
    "application/json",
    "application/javascript",
    "application/ecmascript",
    "application/xml",
    "application/x-www-form-urlencoded",
    "application/graphql",
    "application/x-ndjson",
    "application/yaml",
    "application/x-yaml",
];

/// The bytes `body` takes in a Lambda event or response JSON, when that is over `limit`.
///
/// A body too short to reach `limit` in any form (escaped, a byte takes at most six:
/// `\u001f`) is not looked at, so small requests and responses cost no header lookups.
pub(crate) fn over_lambda_limit(headers: &HeaderMap, body: &[u8], limit: usize) -> Option<usize> {
    if body.len() <= limit / 6 {
        return None;
    }
    let encoded = lambda_encoded_len(headers, body);
    (encoded > limit).then_some(encoded)
}

/// The bytes `body` takes in a Lambda event or response JSON: escaped text when `headers` say
/// text and it is UTF-8, else base64 (a third more).
pub(crate) fn lambda_encoded_len(headers: &HeaderMap, body: &[u8]) -> usize {
    if is_textual(headers) {
        if let Ok(text) = std::str::from_utf8(body) {
            return json_escaped_len(text);
        }
    }
    body.len().div_ceil(3) * 4
}

/// The length of `text` as a JSON string's content, as `serde_json` escapes it.
fn json_escaped_len(text: &str) -> usize {
    let escapes: usize = text
        .bytes()
        .map(|byte| match byte {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum();
    text.len() + escapes
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    fn with(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn tells_text_from_binary() {
        assert!(is_textual(&with(&[])));
        assert!(is_textual(&with(&[("content-type", "text/html; charset=utf-8")])));
        assert!(is_textual(&with(&[("content-type", "application/problem+json")])));
        assert!(is_textual(&with(&[("content-type", "Application/JSON")])));
        assert!(!is_textual(&with(&[("content-type", "image/png")])));
        assert!(!is_textual(&with(&[("content-type", "application/octet-stream")])));
        assert!(!is_textual(&with(&[("content-type", "text/plain"), ("content-encoding", "gzip")])));
        assert!(is_textual(&with(&[("content-type", "text/plain"), ("content-encoding", "Identity")])));
        assert!(is_textual(&with(&[("content-type", "TEXT/CSV")])));
        assert!(is_textual(&with(&[("content-type", " image/svg+XML ; charset=utf-8")])));
        assert!(is_textual(&with(&[("content-type", "application/x-www-form-urlencoded")])));
        // Too short for a suffix, or only a prefix of a textual type.
        assert!(!is_textual(&with(&[("content-type", "json")])));
        assert!(!is_textual(&with(&[("content-type", "text")])));
        assert!(!is_textual(&with(&[("content-type", "application/jsonx")])));
        assert!(!is_textual(&with(&[("content-type", "")])));
        // Parameters that are not ASCII do not hide the media type.
        let mut png = HeaderMap::new();
        png.insert(CONTENT_TYPE, HeaderValue::from_bytes("image/png; name=\"é.png\"".as_bytes()).expect("header"));
        assert!(!is_textual(&png));
        let mut csv = HeaderMap::new();
        csv.insert(CONTENT_TYPE, HeaderValue::from_bytes("text/csv; name=\"é.csv\"".as_bytes()).expect("header"));
        assert!(is_textual(&csv));
    }

    #[test]
    fn judges_a_body_against_the_limit_once_encoded() {
        let png = with(&[("content-type", "image/png")]);
        let text = with(&[("content-type", "text/plain")]);
        assert_eq!(over_lambda_limit(&png, &[0; 75], 100), None, "base64: exactly 100");
        assert_eq!(over_lambda_limit(&png, &[0; 76], 100), Some(104));
        assert_eq!(over_lambda_limit(&text, &[b'a'; 100], 100), None);
        assert_eq!(over_lambda_limit(&text, &[b'"'; 51], 100), Some(102), "each quote escaped");
        // Control characters take six bytes each, so even a short body can be over.
        assert_eq!(over_lambda_limit(&text, &[1; 16], 100), None);
        assert_eq!(over_lambda_limit(&text, &[1; 17], 100), Some(102));
    }

    #[test]
    fn counts_what_the_body_takes_in_json() {
        let json = with(&[("content-type", "application/json")]);
        let text = r#"{"a":"x\y"}"#;
        assert_eq!(lambda_encoded_len(&json, text.as_bytes()), serde_json::to_string(text).expect("JSON").len() - 2);
        let controls = "a\u{1}b\n";
        assert_eq!(
            lambda_encoded_len(&json, controls.as_bytes()),
            serde_json::to_string(controls).expect("JSON").len() - 2
        );
        let png = with(&[("content-type", "image/png")]);
        assert_eq!(lambda_encoded_len(&png, &[0; 5]), 8);
        // Text that is not UTF-8 goes as base64 too.
        assert_eq!(lambda_encoded_len(&json, &[0xff, 0xfe, 0xfd]), 4);
    }
}
