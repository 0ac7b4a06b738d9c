//! Reads a few values out of JSON text by path, without building a tree of it.
//!
//! For error reports that name where in an event a failure happened: each lookup walks the
//! text once, skipping what it does not need, and nothing is decoded but the value asked for.
//! `serde_json::Value` would do the same job, but it would put its whole decoder (maps, floats)
//! into every function's binary for the sake of an error path.

use std::fmt;

use serde::Deserializer as _;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// The value at a JSON pointer (`/Records/0/messageId`) in `json`, as raw JSON text.
///
/// Object members are matched by name (the last one wins, as in `serde_json::Value`), array
/// elements by index. `None` when a step does not exist or the text is not JSON.
pub(crate) fn pointer<'a>(json: &'a str, pointer: &str) -> Option<&'a RawValue> {
    let mut current: &'a RawValue = serde_json::from_str(json).ok()?;
    for step in pointer.split('/').skip(1) {
        let step = step.replace("~1", "/").replace("~0", "~");
        current = child(current.get(), &step)?;
    }
    Some(current)
}

/// The string at `pointer`, decoded.
pub(crate) fn string_at(json: &str, pointer: &str) -> Option<String> {
    self::pointer(json, pointer).and_then(|raw| serde_json::from_str(raw.get()).ok())
}

/// A value shown in a message: a string's text, or any other value's JSON.
pub(crate) fn display(raw: &RawValue) -> String {
    serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_owned())
}

/// The member `step` of an object, or the element at index `step` of an array.
fn child<'a>(json: &'a str, step: &str) -> Option<&'a RawValue> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    deserializer.deserialize_any(Child { step }).ok().flatten()
}

/// Finds one member or element; the rest is skipped unread. Any other value has no children,
/// which serde reports as an error of the wrong type, and [`child`] as `None`.
struct Child<'s> {
    step: &'s str,
}

impl<'de> Visitor<'de> for Child<'_> {
    type Value = Option<&'de RawValue>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object or an array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(matches) = map.next_key_seed(KeyIs(self.step))? {
            if matches {
                found = Some(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Ok(index) = self.step.parse::<usize>() else {
            return Ok(None);
        };
        for _ in 0..index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(None);
            }
        }
        let found = seq.next_element()?;
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(found)
    }
}

/// Whether an object's key is the one looked for, compared without keeping it.
struct KeyIs<'s>(&'s str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{
        "Records": [
            {"messageId": "a", "attributes": {"ApproximateReceiveCount": "1"}},
            {"messageId": "b", "Sns": {"MessageId": 7}, "a/b": {"~x": true}}
        ],
        "source": "aws.events",
        "source": "aws.s3"
    }"#;

    #[test]
    fn follows_members_and_indexes() {
        assert_eq!(pointer(EVENT, "/Records/1/messageId").map(RawValue::get), Some(r#""b""#));
        assert_eq!(pointer(EVENT, "/Records/0/attributes/ApproximateReceiveCount").map(RawValue::get), Some(r#""1""#));
        assert_eq!(pointer(EVENT, "/Records/1/Sns/MessageId").map(RawValue::get), Some("7"));
        assert_eq!(pointer(EVENT, "/Records/1/a~1b/~0x").map(RawValue::get), Some("true"));
        assert_eq!(pointer(r#"{"a": 1}"#, "").map(RawValue::get), Some(r#"{"a": 1}"#));
    }

    #[test]
    fn finds_nothing_where_nothing_is() {
        assert!(pointer(EVENT, "/Records/2").is_none());
        assert!(pointer(EVENT, "/Records/x").is_none());
        assert!(pointer(EVENT, "/Records/0/messageId/deeper").is_none());
        assert!(pointer(EVENT, "/records").is_none());
        assert!(pointer(r#"{"Records": [1, "#, "/Records/0").is_none());
        assert!(pointer("[", "/0").is_none());
        assert!(pointer("not json", "").is_none());
    }

    #[test]
    fn the_last_of_repeated_members_wins() {
        assert_eq!(string_at(EVENT, "/source").as_deref(), Some("aws.s3"));
    }

    #[test]
    fn decodes_strings_and_shows_other_values_as_json() {
        assert_eq!(string_at(r#"{"key": "a\"b\u00e9"}"#, "/key").as_deref(), Some("a\"bé"));
        assert_eq!(string_at(r#"{"key": 5}"#, "/key"), None);
        let number = pointer(r#"{"id": 5}"#, "/id").expect("the id");
        assert_eq!(display(number), "5");
        let text = pointer(r#"{"id": "a\"b"}"#, "/id").expect("the id");
        assert_eq!(display(text), "a\"b");
    }

    #[test]
    fn skips_deep_nesting_it_does_not_need() {
        let nested = format!(r#"{{"deep": {}{}, "id": "x"}}"#, "[".repeat(5_000), "]".repeat(5_000));
        assert_eq!(string_at(&nested, "/id").as_deref(), Some("x"));
        assert!(pointer(&"[".repeat(10_000), "/0").is_none());
    }
}
