//! Every HTTP-shaped Lambda event as Lambda writes it, read once into one lean struct.
//!
//! API Gateway REST (payload 1.0), HTTP API (payload 2.0), ALB, Function URLs and WebSocket
//! events share most of their fields; this struct reads the union of what a request needs and
//! skips the rest. Text is borrowed from the payload where it has no escapes.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// The fields of an HTTP event that a request is built from.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(expecting = "an HTTP event object")]
pub(crate) struct RequestWire<'a> {
    #[serde(default, borrow)]
    pub(crate) version: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub(crate) resource: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub(crate) path: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub(crate) http_method: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub(crate) raw_path: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub(crate) raw_query_string: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub(crate) cookies: Option<Vec<Str<'a>>>,
    // The single- and multi-value forms repeat each other in REST API events: both are kept as
    // raw JSON, and only the one used is read into pairs.
    #[serde(default, borrow)]
    pub(crate) headers: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub(crate) multi_value_headers: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub(crate) query_string_parameters: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub(crate) multi_value_query_string_parameters: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub(crate) path_parameters: Option<Pairs<'a, Str<'a>>>,
    #[serde(default, borrow)]
    pub(crate) request_context: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub(crate) body: Option<Str<'a>>,
    #[serde(default)]
    pub(crate) is_base64_encoded: Option<bool>,
}

/// What the request context tells about the event's format, stage and path.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[serde(expecting = "a `requestContext` object")]
pub(crate) struct ContextWire<'a> {
    #[serde(default, borrow)]
    pub(crate) stage: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub(crate) domain_name: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub(crate) route_key: Option<Str<'a>>,
    /// Set by API Gateway (and on Function URLs), not by emulators such as `cargo lambda watch`.
    #[serde(default, borrow)]
    pub(crate) api_id: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub(crate) http: Option<HttpWire<'a>>,
    #[serde(default)]
    pub(crate) elb: Option<IgnoredAny>,
    #[serde(default)]
    pub(crate) connection_id: Option<IgnoredAny>,
    #[serde(default)]
    pub(crate) event_type: Option<IgnoredAny>,
}

/// `requestContext.http` of payload 2.0 events.
#[derive(Deserialize)]
#[serde(expecting = "a `requestContext.http` object")]
pub(crate) struct HttpWire<'a> {
    #[serde(borrow)]
    pub(crate) method: Str<'a>,
}

/// A JSON string, borrowed from the payload unless it has escapes.
pub(crate) struct Str<'a>(pub(crate) Cow<'a, str>);

impl Str<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for StrVisitor<'a> {
            type Value = Str<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(value)))
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(value.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, value: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(value)))
            }
        }
        deserializer.deserialize_str(StrVisitor(PhantomData))
    }
}

/// A JSON array of strings (a multi-value header or query parameter); `null` is empty.
pub(crate) struct List<'a>(pub(crate) Vec<Str<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for List<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for ListVisitor<'a> {
            type Value = List<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of strings")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(List(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(1));
                while let Some(value) = seq.next_element::<Option<Str<'a>>>()? {
                    values.extend(value);
                }
                Ok(List(values))
            }
        }
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

/// A JSON object kept as its pairs, in order, borrowed where it can be; `null` values are
/// skipped. Reading pairs rather than a map keeps repeated names and costs no hashing.
pub(crate) struct Pairs<'a, V>(pub(crate) Vec<(Str<'a>, V)>);

impl<'de: 'a, 'a, V: Deserialize<'de>> Deserialize<'de> for Pairs<'a, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor<'a, V>(PhantomData<(&'a (), V)>);
        impl<'de: 'a, 'a, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<'a, V> {
            type Value = Pairs<'a, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(key) = map.next_key::<Str<'a>>()? {
                    if let Some(value) = map.next_value::<Option<V>>()? {
                        pairs.push((key, value));
                    }
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor(PhantomData))
    }
}

impl<'a, V> Pairs<'a, V> {
    /// The value of `name`, if present.
    pub(crate) fn get(&self, name: &str) -> Option<&V> {
        self.0.iter().find(|(key, _)| key.as_str() == name).map(|(_, value)| value)
    }
}

/// Whether a raw JSON value is `{}` (with any whitespace inside).
pub(crate) fn is_empty_object(raw: &RawValue) -> bool {
    raw.get().strip_prefix('{').and_then(|rest| rest.strip_suffix('}')).is_some_and(|inside| inside.trim().is_empty())
}
