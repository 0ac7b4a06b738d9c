//! What a test can send as an event: JSON text, a `serde_json::Value`, any `Serialize` value
//! (through [`AsJson`]), or an event builder.

use bytes::Bytes;

/// A payload a test sends to a handler, as the bytes Lambda would deliver.
///
/// Implemented for JSON given as text, bytes or a `serde_json::Value`, for any `Serialize`
/// value wrapped in [`AsJson`], and by the event builders of `faaskit::testing`, which write
/// payloads the way each AWS service writes them.
///
/// Text is sent as it is, so it must be JSON: `"Ana"` is not a JSON string, `"\"Ana\""` or
/// `AsJson("Ana")` is.
///
/// # Examples
///
/// ```
/// use faaskit::testing::{AsJson, TestPayload};
///
/// #[derive(serde::Serialize)]
/// struct Greeting { name: String }
///
/// assert_eq!(&serde_json::json!({"name": "Ana"}).to_payload()[..], br#"{"name":"Ana"}"#);
/// assert_eq!(&r#"{"name":"Ana"}"#.to_payload()[..], br#"{"name":"Ana"}"#);
/// assert_eq!(&AsJson(Greeting { name: "Ana".into() }).to_payload()[..], br#"{"name":"Ana"}"#);
/// assert_eq!(&AsJson("Ana").to_payload()[..], br#""Ana""#);
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

/// Any `Serialize` value as a payload: the JSON `serde_json` writes for it.
///
/// # Examples
///
/// ```
/// # use faaskit::testing::{AsJson, TestPayload};
/// #[derive(serde::Serialize)]
/// struct Order { id: u32 }
///
/// assert_eq!(&AsJson(&Order { id: 7 }).to_payload()[..], br#"{"id":7}"#);
/// ```
///
/// # Panics
///
/// When the value cannot be written as JSON (a map with non-string keys, or a `Serialize`
/// implementation that fails): a test that sends it could not mean it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsJson<T>(pub T);

impl<T: serde::Serialize> TestPayload for AsJson<T> {
    fn to_payload(&self) -> Bytes {
        match serde_json::to_vec(&self.0) {
            Ok(json) => Bytes::from(json),
            Err(err) => panic!("the test payload cannot be written as JSON: {err}"),
        }
    }
}

impl<T: TestPayload + ?Sized> TestPayload for &T {
    fn to_payload(&self) -> Bytes {
        (**self).to_payload()
    }
}
