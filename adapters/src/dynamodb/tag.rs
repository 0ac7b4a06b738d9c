//! The type tag of an AttributeValue: the single key of `{"N": "101"}`.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Unexpected, Visitor};

/// The type of an AttributeValue, as DynamoDB writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    /// `N`: a number, written as a string.
    N,
    /// `S`: a string.
    S,
    /// `BOOL`: a boolean.
    Bool,
    /// `B`: binary data, base64-encoded.
    B,
    /// `NULL`: null, written as `true`.
    Null,
    /// `M`: a map of attribute values.
    M,
    /// `L`: a list of attribute values.
    L,
    /// `SS`: a set of strings.
    Ss,
    /// `NS`: a set of numbers.
    Ns,
    /// `BS`: a set of binary values.
    Bs,
}

/// Every tag, as written, for error messages.
const TAGS: &[&str] = &["N", "S", "BOOL", "B", "NULL", "M", "L", "SS", "NS", "BS"];

impl Tag {
    fn parse(key: &str) -> Option<Self> {
        Some(match key {
            "S" => Self::S,
            "N" => Self::N,
            "M" => Self::M,
            "L" => Self::L,
            "BOOL" => Self::Bool,
            "B" => Self::B,
            "NULL" => Self::Null,
            "SS" => Self::Ss,
            "NS" => Self::Ns,
            "BS" => Self::Bs,
            _ => return None,
        })
    }

    /// How the tag is written on the wire.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::N => "N",
            Self::S => "S",
            Self::Bool => "BOOL",
            Self::B => "B",
            Self::Null => "NULL",
            Self::M => "M",
            Self::L => "L",
            Self::Ss => "SS",
            Self::Ns => "NS",
            Self::Bs => "BS",
        }
    }

    /// What an attribute of this type is, for "invalid type" errors.
    pub(crate) fn unexpected(self) -> Unexpected<'static> {
        Unexpected::Other(match self {
            Self::N => "a number attribute (N)",
            Self::S => "a string attribute (S)",
            Self::Bool => "a boolean attribute (BOOL)",
            Self::B => "a binary attribute (B)",
            Self::Null => "a null attribute (NULL)",
            Self::M => "a map attribute (M)",
            Self::L => "a list attribute (L)",
            Self::Ss => "a string set attribute (SS)",
            Self::Ns => "a number set attribute (NS)",
            Self::Bs => "a binary set attribute (BS)",
        })
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads a tag from a map key.
pub(crate) struct TagSeed;

impl<'de> DeserializeSeed<'de> for TagSeed {
    type Value = Tag;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Tag, D::Error> {
        deserializer.deserialize_identifier(TagVisitor)
    }
}

struct TagVisitor;

impl Visitor<'_> for TagVisitor {
    type Value = Tag;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a DynamoDB type: N, S, BOOL, B, NULL, M, L, SS, NS or BS")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Tag, E> {
        Tag::parse(key).ok_or_else(|| E::unknown_variant(key, TAGS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_reads_back() {
        for key in TAGS {
            let tag = Tag::parse(key).expect("known tag");
            assert_eq!(tag.as_str(), *key);
        }
        assert_eq!(Tag::parse("X"), None);
        assert_eq!(Tag::parse("s"), None, "tags are case-sensitive");
    }
}
