//! Message bodies: decoded into your type, or kept as text or bytes.
//!
//! SQS bodies, SNS messages and Kinesis data are payloads inside the payload. A record's body is
//! decoded into the type you name: any `serde::Deserialize` type from JSON, [`Text`] for the
//! text as sent, [`Binary`] for raw bytes. (An EventBridge `detail` is JSON in the event itself:
//! it takes a `serde::Deserialize` type, not `Text` or `Binary`.)
//!
//! In an SQS or Kinesis batch, a body that does not decode fails only its own record (see
//! [`crate::batch`]). SNS has no partial batch response: a message that does not decode fails
//! the whole invocation, as a `detail` that does not decode does.

use std::fmt;
use std::ops::Deref;

use serde::de::DeserializeOwned;

#[cfg(any(feature = "sqs", feature = "sns"))]
pub use crate::sample_body::SampleBody;

/// A type a message body decodes into.
///
/// Implemented for every `serde::Deserialize` type (the body is JSON), for [`Text`] and for
/// [`Binary`].
///
/// # Examples
///
/// ```
/// use faaskit::body::{FromBody, Text};
///
/// #[derive(serde::Deserialize)]
/// struct Order { id: u32 }
///
/// let order = Order::from_text(r#"{"id": 7}"#.to_owned()).expect("JSON body");
/// assert_eq!(order.id, 7);
/// let text = Text::from_text("not JSON".to_owned()).expect("any text");
/// assert_eq!(&*text, "not JSON");
/// ```
///
/// # Errors
///
/// A [`BodyError`] naming the expected type, the JSON path and what was wrong.
pub trait FromBody: Sized {
    /// Decodes a body that arrived as text (SQS, SNS).
    ///
    /// # Errors
    ///
    /// When the text is not a `Self`.
    fn from_text(text: String) -> Result<Self, BodyError>;

    /// Decodes a body that arrived as text the decoder only lends, such as an SQS body
    /// unescaped in the decoder's buffer. JSON types read it in place; the default copies it
    /// into [`from_text`](Self::from_text).
    ///
    /// # Errors
    ///
    /// When the text is not a `Self`.
    fn from_borrowed_text(text: &str) -> Result<Self, BodyError> {
        Self::from_text(text.to_owned())
    }

    /// Decodes a body that arrived as bytes (Kinesis, base64-decoded).
    ///
    /// # Errors
    ///
    /// When the bytes are not a `Self`.
    fn from_bytes(bytes: Vec<u8>) -> Result<Self, BodyError>;
}

impl<T: DeserializeOwned> FromBody for T {
    fn from_text(text: String) -> Result<Self, BodyError> {
        decode_json_text(&text)
    }

    fn from_borrowed_text(text: &str) -> Result<Self, BodyError> {
        decode_json_text(text)
    }

    fn from_bytes(bytes: Vec<u8>) -> Result<Self, BodyError> {
        decode_json(&bytes)
    }
}

/// Decodes a JSON body, naming the path that failed.
pub(crate) fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, BodyError> {
    faaskit_core::__private::from_json_bytes(bytes).map_err(|_| explain_failure::<T>(bytes))
}

/// Decodes a JSON body that is text, naming the path that failed.
fn decode_json_text<T: DeserializeOwned>(text: &str) -> Result<T, BodyError> {
    serde_json::from_str(text).map_err(|_| explain_failure::<T>(text.as_bytes()))
}

/// Decodes again with path tracking, only on failure, to say where and why.
fn explain_failure<T: DeserializeOwned>(bytes: &[u8]) -> BodyError {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let (path, detail) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(err) => (faaskit_core::__private::known_path(&err.path().to_string()), err.into_inner().to_string()),
        Ok(_) => (".".to_owned(), deserializer.end().err().map(|e| e.to_string()).unwrap_or_default()),
    };
    BodyError::new(std::any::type_name::<T>(), &path, detail)
}

/// A body kept as the text that was sent, undecoded.
///
/// # Examples
///
/// ```
/// let text = faaskit::body::Text::from("hello");
/// assert_eq!(text.as_str(), "hello");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(pub String);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl FromBody for Text {
    fn from_text(text: String) -> Result<Self, BodyError> {
        Ok(Self(text))
    }

    fn from_bytes(bytes: Vec<u8>) -> Result<Self, BodyError> {
        String::from_utf8(bytes).map(Self).map_err(|err| BodyError::new("Text", ".", format!("not UTF-8: {err}")))
    }
}

/// A body kept as raw bytes, undecoded.
///
/// # Examples
///
/// ```
/// let data = faaskit::body::Binary(vec![0, 159, 146, 150]);
/// assert_eq!(data.len(), 4);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Binary(pub Vec<u8>);

impl Binary {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }
}

impl Deref for Binary {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl serde::Serialize for Binary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl FromBody for Binary {
    fn from_text(text: String) -> Result<Self, BodyError> {
        Ok(Self(text.into_bytes()))
    }

    fn from_bytes(bytes: Vec<u8>) -> Result<Self, BodyError> {
        Ok(Self(bytes))
    }
}

/// A message body that did not decode into the type the handler asked for.
///
/// # Examples
///
/// ```
/// use faaskit::body::FromBody;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Order { amount: f64 }
///
/// let err = Order::from_text(r#"{"amount": "ten"}"#.to_owned()).unwrap_err();
/// assert_eq!(err.path(), "amount");
/// assert!(err.to_string().starts_with("the body is not a valid Order: at amount: invalid type: string \"ten\""));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyError {
    type_name: String,
    path: String,
    detail: String,
    /// Whether the body failed before it could be read as the type (its encoding was wrong).
    encoding: bool,
}

impl BodyError {
    /// An error for a body that is not a `type_name`, failing at `path` because of `detail`.
    pub fn new(type_name: &str, path: &str, detail: impl Into<String>) -> Self {
        Self {
            type_name: faaskit_core::__private::readable_type_name(type_name),
            path: path.to_owned(),
            detail: detail.into(),
            encoding: false,
        }
    }

    /// An error for a body whose encoding (base64, say) was wrong, so that it was never read as
    /// a `type_name`; `detail` says what was wrong and is the whole message.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::body::BodyError;
    ///
    /// let err = BodyError::encoding("Order", "the data is not valid base64: `@` at offset 0 is not a base64 character");
    /// assert_eq!(err.to_string(), "the data is not valid base64: `@` at offset 0 is not a base64 character");
    /// assert_eq!(err.type_name(), "Order");
    /// ```
    pub fn encoding(type_name: &str, detail: impl Into<String>) -> Self {
        Self { encoding: true, ..Self::new(type_name, ".", detail) }
    }

    /// The type the body was decoded into.
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// The JSON path of the field that failed (`.` for the body as a whole).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.encoding {
            return f.write_str(&self.detail);
        }
        write!(f, "the body is not a valid {}", self.type_name)?;
        if !self.path.is_empty() && self.path != "." {
            write!(f, ": at {}", self.path)?;
        }
        write!(f, ": {}", self.detail)
    }
}

impl std::error::Error for BodyError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_bodies_need_no_decoding() {
        assert_eq!(Binary::from_bytes(vec![0xff]).expect("raw"), Binary(vec![0xff]));
    }

    #[test]
    fn text_from_bytes_must_be_utf8() {
        let err = Text::from_bytes(vec![0xff, 0xfe]).expect_err("invalid UTF-8");
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }

    #[test]
    fn json_from_bytes_names_the_string_that_is_not_utf8() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Reading {
            sensor: String,
        }
        let err = Reading::from_bytes(b"{\"sensor\": \"s\xff\"}".to_vec()).expect_err("not UTF-8");
        assert!(err.to_string().contains("at sensor: invalid unicode code point"), "{err}");
        let reading = Reading::from_bytes("{\"sensor\": \"s\u{e9}\"}".as_bytes().to_vec()).expect("UTF-8");
        assert_eq!(reading.sensor, "s\u{e9}");
    }

    #[test]
    fn json_errors_name_the_trailing_garbage() {
        let err = serde_json::Value::from_text("{} x".to_owned()).expect_err("trailing");
        assert!(err.to_string().contains("trailing characters"), "{err}");
    }
}
