//! Optional strings borrowed from the payload when it allows.
//!
//! serde borrows a `Cow<'a, str>` field marked `#[serde(borrow)]`, but not an
//! `Option<Cow<'a, str>>`: that one is always copied. Wire structs read optional strings with
//! [`option_cow`] instead, so that a string without escapes costs no allocation until a record
//! keeps it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, Visitor};

/// Reads an optional string, borrowed from the input when it has no escapes.
pub(crate) fn option_cow<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Cow<'de, str>>, D::Error> {
    deserializer.deserialize_option(OptionCowVisitor)
}

struct OptionCowVisitor;

impl<'de> Visitor<'de> for OptionCowVisitor {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(CowVisitor).map(Some)
    }
}

struct CowVisitor;

impl<'de> Visitor<'de> for CowVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Wire<'a> {
        #[serde(default, borrow, deserialize_with = "option_cow")]
        text: Option<Cow<'a, str>>,
    }

    #[test]
    fn borrows_unescaped_strings_and_copies_escaped_ones() {
        let wire: Wire<'_> = serde_json::from_str(r#"{"text": "plain"}"#).unwrap();
        assert!(matches!(wire.text, Some(Cow::Borrowed("plain"))));
        let wire: Wire<'_> = serde_json::from_str(r#"{"text": "tab\there"}"#).unwrap();
        assert!(matches!(wire.text, Some(Cow::Owned(ref text)) if text == "tab\there"));
        let wire: Wire<'_> = serde_json::from_str(r#"{"text": null}"#).unwrap();
        assert!(wire.text.is_none());
        let wire: Wire<'_> = serde_json::from_str("{}").unwrap();
        assert!(wire.text.is_none());
        assert!(serde_json::from_str::<Wire<'_>>(r#"{"text": 5}"#).is_err());
    }
}
