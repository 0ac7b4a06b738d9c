//! Object keys as S3 writes them in event notifications: form-encoded UTF-8.

use std::fmt;

use percent_encoding::percent_decode;

/// An object key that does not decode: after `+` became a space and each `%XX` its byte, the
/// bytes were not UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyError {
    raw_key: String,
}

impl KeyError {
    pub(crate) fn new(raw_key: impl Into<String>) -> Self {
        Self { raw_key: raw_key.into() }
    }

    /// The key as it arrived.
    pub fn raw_key(&self) -> &str {
        &self.raw_key
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the object key `{}` does not decode: its percent escapes are not UTF-8", self.raw_key)
    }
}

impl std::error::Error for KeyError {}

/// Decodes a key as S3 encodes it in event notifications: `+` is a space, `%2B` a plus, and
/// percent escapes are UTF-8 bytes.
///
/// # Examples
///
/// ```
/// use faaskit::s3::decode_key;
///
/// assert_eq!(decode_key("holiday+photos/%C3%A9t%C3%A9.jpg").unwrap(), "holiday photos/été.jpg");
/// assert_eq!(decode_key("a%2Bb+c.txt").unwrap(), "a+b c.txt");
/// assert!(decode_key("bad/%FF.txt").is_err());
/// ```
///
/// # Errors
///
/// When the decoded bytes are not UTF-8.
pub fn decode_key(raw: &str) -> Result<String, KeyError> {
    if !raw.contains(['+', '%']) {
        return Ok(raw.to_owned());
    }
    let mut decoded = Vec::with_capacity(raw.len());
    decode_key_into(raw.as_bytes(), &mut decoded);
    String::from_utf8(decoded).map_err(|_| KeyError::new(raw))
}

/// Appends the bytes `raw` decodes to (`+` a space, `%XX` a byte) to `out`, not yet checked as
/// UTF-8. A `+` is never part of an escape, so each run between two is percent-decoded alone.
pub(crate) fn decode_key_into(raw: &[u8], out: &mut Vec<u8>) {
    for (index, run) in raw.split(|&byte| byte == b'+').enumerate() {
        if index > 0 {
            out.push(b' ');
        }
        if run.contains(&b'%') {
            out.extend(percent_decode(run));
        } else {
            out.extend_from_slice(run);
        }
    }
}

/// Encodes a key as S3 writes it in event notifications (the inverse of [`decode_key`]):
/// unreserved characters and `/` stay, a space becomes `+`, everything else `%XX`.
///
/// # Examples
///
/// ```
/// use faaskit::s3::encode_key;
///
/// assert_eq!(encode_key("my photos/a+b.jpg"), "my+photos/a%2Bb.jpg");
/// assert_eq!(encode_key("été.jpg"), "%C3%A9t%C3%A9.jpg");
/// ```
pub fn encode_key(key: &str) -> String {
    let mut encoded = String::with_capacity(key.len() + 8);
    for byte in key.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b'*' => {
                encoded.push(byte as char)
            }
            b' ' => encoded.push('+'),
            other => encoded.push_str(&format!("%{other:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_form_encoding() {
        for (raw, key) in [
            ("plain/key.txt", "plain/key.txt"),
            ("a+b", "a b"),
            ("a%2Bb", "a+b"),
            ("%2B%2B++", "++  "),
            ("dir%2Fwith%2Fslashes", "dir/with/slashes"),
            ("%E6%97%A5%E6%9C%AC%E8%AA%9E.txt", "日本語.txt"),
            ("100%25", "100%"),
            ("odd%", "odd%"),
            ("odd%2", "odd%2"),
        ] {
            assert_eq!(decode_key(raw).unwrap(), key, "{raw}");
        }
    }

    #[test]
    fn refuses_escapes_that_are_not_utf8() {
        let err = decode_key("photos/%C3%28.jpg").unwrap_err();
        assert_eq!(err.raw_key(), "photos/%C3%28.jpg");
        assert!(err.to_string().contains("photos/%C3%28.jpg"));
    }

    #[test]
    fn encoding_round_trips() {
        for key in ["my photos/a+b.jpg", "a+b c.txt", "été/日本語 % & = ?.png", "~user/*.tar.gz"] {
            assert_eq!(decode_key(&encode_key(key)).unwrap(), key);
        }
    }
}
