//! What a test can send as an event: JSON text, a `serde_json::Value`, or an event builder.

use bytes::Bytes;

/// A payload a test sends to a handler, as the bytes Lambda would deliver.
///
/// Implemented for JSON given as text, bytes or a `serde_json::Value`, and by the event builders
/// of `faaskit::testing`, which write payloads the way each AWS service writes them.
///
/// # Examples
///
/// ```
/// use faaskit::testing::TestPayload;
///
/// assert_eq!(&serde_json::json!({"name": "Ana"}).to_payload()[..], br#"{"name":"Ana"}"#);
/// assert_eq!(&r#"{"name":"Ana"}"#.to_payload()[..], br#"{"name":"Ana"}"#);
/// ```
pub trait TestPayload {
    /// The payload's bytes.
    fn to_payload(&self) -> Bytes;
}

impl TestPayload for str {
    fn to_payload(&self) -> Bytes {
        Bytes::copy_from_slice(self.as_bytes())
    }
}

impl TestPayload for String {
    fn to_payload(&self) -> Bytes {
        Bytes::copy_from_slice(self.as_bytes())
    }
}

impl TestPayload for [u8] {
    fn to_payload(&self) -> Bytes {
        Bytes::copy_from_slice(self)
    }
}

impl TestPayload for Vec<u8> {
    fn to_payload(&self) -> Bytes {
        Bytes::copy_from_slice(self)
    }
}

impl TestPayload for Bytes {
    fn to_payload(&self) -> Bytes {
        self.clone()
    }
}

impl TestPayload for serde_json::Value {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_string())
    }
}

impl<T: TestPayload + ?Sized> TestPayload for &T {
    fn to_payload(&self) -> Bytes {
        (**self).to_payload()
    }
}
