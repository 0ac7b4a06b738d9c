//! Sample events: what a binary prints so `curl` and `cargo lambda invoke` have something to send.
//!
//! Typed adapters provide a realistic sample through [`ExampleEvent`]. For any other event type,
//! the sample is traced from its `Deserialize` implementation: a deserializer feeds the type one
//! value of every shape it asks for and records what it fed, so the result is a JSON document
//! the type accepts.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_json::{Map, Value};

/// An event type with a realistic sample payload, as the AWS service would send it.
///
/// # Examples
///
/// ```
/// use faaskit::ExampleEvent;
///
/// struct Ping;
/// impl ExampleEvent for Ping {
///     fn example_event() -> serde_json::Value {
///         serde_json::json!({"ping": true})
///     }
/// }
/// assert_eq!(Ping::example_event()["ping"], true);
/// ```
pub trait ExampleEvent {
    /// A sample payload of this event type.
    fn example_event() -> Value;
}

/// A JSON document that `T` accepts, traced from its `Deserialize` implementation.
///
/// Strings are filled with their field's name, numbers with zero, sequences with one element and
/// optional values with a value; enums take their first variant. `None` when the type cannot be
/// traced (it inspects the input with `deserialize_any`, as untagged enums do).
///
/// # Examples
///
/// ```
/// #[derive(serde::Deserialize)]
/// #[allow(dead_code)]
/// struct Order { order_id: String, amount: f64, note: Option<String> }
///
/// let sample = faaskit::trace_sample::<Order>().expect("traceable");
/// assert_eq!(sample, serde_json::json!({"order_id": "order_id", "amount": 0.0, "note": "note"}));
/// ```
pub fn trace_sample<T: DeserializeOwned>() -> Option<Value> {
    let mut out = Value::Null;
    T::deserialize(Tracer::new(&mut out, None, 0)).ok()?;
    Some(out)
}

/// How deep the tracer follows nested optional values and sequences (recursive types stop here).
const MAX_DEPTH: usize = 6;

#[derive(Debug)]
struct TraceError(String);

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TraceError {}

impl de::Error for TraceError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

struct Tracer<'a> {
    out: &'a mut Value,
    field: Option<&'static str>,
    depth: usize,
}

impl<'a> Tracer<'a> {
    fn new(out: &'a mut Value, field: Option<&'static str>, depth: usize) -> Self {
        Self { out, field, depth }
    }

    fn text(&self) -> &'static str {
        self.field.unwrap_or("string")
    }
}

macro_rules! trace_number {
    ($($method:ident => $visit:ident($value:expr)),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
            *self.out = serde_json::json!($value);
            visitor.$visit($value)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Tracer<'_> {
    type Error = TraceError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Value::Object(Map::new());
        visitor.visit_map(de::value::MapDeserializer::new(std::iter::empty::<(&str, &str)>()))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Value::Bool(false);
        visitor.visit_bool(false)
    }

    trace_number! {
        deserialize_i8 => visit_i8(0),
        deserialize_i16 => visit_i16(0),
        deserialize_i32 => visit_i32(0),
        deserialize_i64 => visit_i64(0),
        deserialize_u8 => visit_u8(0),
        deserialize_u16 => visit_u16(0),
        deserialize_u32 => visit_u32(0),
        deserialize_u64 => visit_u64(0),
        deserialize_f32 => visit_f32(0.0),
        deserialize_f64 => visit_f64(0.0),
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Value::String("a".to_owned());
        visitor.visit_char('a')
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        let text = self.text();
        *self.out = Value::String(text.to_owned());
        visitor.visit_str(text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Value::Array(Vec::new());
        visitor.visit_bytes(&[])
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        if self.depth >= MAX_DEPTH {
            *self.out = Value::Null;
            return visitor.visit_none();
        }
        let depth = self.depth + 1;
        visitor.visit_some(Tracer::new(self.out, self.field, depth))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Value::Null;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, TraceError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        let len = usize::from(self.depth < MAX_DEPTH);
        self.trace_seq(len, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, TraceError> {
        self.trace_seq(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        self.trace_seq(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.trace_fields(&[], visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        self.trace_fields(fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        let variant = variants.first().copied().ok_or_else(|| TraceError("an enum without variants".into()))?;
        visitor.visit_enum(EnumTracer { out: self.out, variant, depth: self.depth })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_unit()
    }
}

impl Tracer<'_> {
    fn trace_seq<'de, V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Value::Array(vec![Value::Null; len]);
        let Value::Array(items) = self.out else {
            return Err(TraceError("array vanished".into()));
        };
        visitor.visit_seq(SeqTracer { items: items.iter_mut(), field: self.field, depth: self.depth + 1 })
    }

    fn trace_fields<'de, V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        *self.out = Value::Object(Map::new());
        let Value::Object(map) = self.out else {
            return Err(TraceError("object vanished".into()));
        };
        visitor.visit_map(FieldTracer { map, fields: fields.iter(), current: None, depth: self.depth + 1 })
    }
}

struct SeqTracer<'a> {
    items: std::slice::IterMut<'a, Value>,
    field: Option<&'static str>,
    depth: usize,
}

impl<'de> de::SeqAccess<'de> for SeqTracer<'_> {
    type Error = TraceError;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, TraceError> {
        match self.items.next() {
            Some(slot) => seed.deserialize(Tracer::new(slot, self.field, self.depth)).map(Some),
            None => Ok(None),
        }
    }
}

struct FieldTracer<'a> {
    map: &'a mut Map<String, Value>,
    fields: std::slice::Iter<'static, &'static str>,
    current: Option<&'static str>,
    depth: usize,
}

impl<'de> de::MapAccess<'de> for FieldTracer<'_> {
    type Error = TraceError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, TraceError> {
        match self.fields.next() {
            Some(field) => {
                self.current = Some(field);
                seed.deserialize(field.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, TraceError> {
        let field = self.current.take().ok_or_else(|| TraceError("a value before its key".into()))?;
        let slot = self.map.entry(field.to_owned()).or_insert(Value::Null);
        seed.deserialize(Tracer::new(slot, Some(field), self.depth))
    }
}

struct EnumTracer<'a> {
    out: &'a mut Value,
    variant: &'static str,
    depth: usize,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumTracer<'a> {
    type Error = TraceError;
    type Variant = VariantTracer<'a>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, VariantTracer<'a>), TraceError> {
        let value = seed.deserialize(self.variant.into_deserializer())?;
        Ok((value, VariantTracer { out: self.out, variant: self.variant, depth: self.depth }))
    }
}

struct VariantTracer<'a> {
    out: &'a mut Value,
    variant: &'static str,
    depth: usize,
}

impl<'de> de::VariantAccess<'de> for VariantTracer<'_> {
    type Error = TraceError;

    fn unit_variant(self) -> Result<(), TraceError> {
        *self.out = Value::String(self.variant.to_owned());
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, TraceError> {
        let mut inner = Value::Null;
        let value = seed.deserialize(Tracer::new(&mut inner, Some(self.variant), self.depth + 1))?;
        *self.out = Value::Object(Map::from_iter([(self.variant.to_owned(), inner)]));
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, TraceError> {
        let mut inner = Value::Null;
        let value = Tracer::new(&mut inner, Some(self.variant), self.depth + 1).trace_seq(len, visitor)?;
        *self.out = Value::Object(Map::from_iter([(self.variant.to_owned(), inner)]));
        Ok(value)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        let mut inner = Value::Null;
        let value = Tracer::new(&mut inner, Some(self.variant), self.depth + 1).trace_fields(fields, visitor)?;
        *self.out = Value::Object(Map::from_iter([(self.variant.to_owned(), inner)]));
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::HashMap;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Greeting {
        name: Option<String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    #[serde(rename_all = "camelCase")]
    struct Order {
        order_id: String,
        lines: Vec<Line>,
        tags: HashMap<String, String>,
        status: Status,
        kind: Kind,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Line {
        sku: String,
        quantity: u32,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    enum Status {
        Open,
        Closed,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    enum Kind {
        Gift { message: String },
        Plain,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Tree {
        children: Vec<Tree>,
        parent: Option<Box<Tree>>,
    }

    #[test]
    fn traces_plain_structs() {
        assert_eq!(trace_sample::<Greeting>(), Some(serde_json::json!({"name": "name"})));
    }

    #[test]
    fn traces_nested_shapes() {
        let sample = trace_sample::<Order>().expect("traceable");
        assert_eq!(
            sample,
            serde_json::json!({
                "orderId": "orderId",
                "lines": [{"sku": "sku", "quantity": 0}],
                "tags": {},
                "status": "Open",
                "kind": {"Gift": {"message": "message"}},
            })
        );
        // The sample decodes as the type it was traced from.
        serde_json::from_value::<Order>(sample).expect("sample decodes");
    }

    #[test]
    fn stops_at_recursion() {
        let sample = trace_sample::<Tree>().expect("traceable");
        serde_json::from_value::<Tree>(sample).expect("sample decodes");
    }

    #[test]
    fn gives_up_on_untagged_enums() {
        #[derive(Deserialize)]
        #[serde(untagged)]
        #[allow(dead_code)]
        enum Either {
            Number(u32),
            Text(String),
        }
        assert_eq!(trace_sample::<Either>(), None);
    }

    #[test]
    fn any_value_is_an_object() {
        assert_eq!(trace_sample::<Value>(), Some(serde_json::json!({})));
    }
}
