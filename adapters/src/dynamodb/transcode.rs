//! Reading AttributeValue JSON as the plain values it stands for, in one pass.
//!
//! A DynamoDB image is written `{"Id": {"N": "101"}, "Tags": {"SS": ["a"]}}`. The usual way to
//! read it into a Rust type is two steps: JSON into `serde_dynamo::Item` (a map of tagged values,
//! every key and string allocated), then `serde_dynamo::from_item`. The deserializers here do
//! both at once: they sit on top of a JSON deserializer and present the plain structure
//! (`{"Id": 101, "Tags": ["a"]}`) to the type's own `Deserialize`, reading each tag as it comes.
//! The semantics are `serde_dynamo`'s; the tests in `adapters/tests/dynamodb_transcode.rs` hold
//! the two side by side.
//!
//! - [`Item`]: a JSON object of attribute values (an image, or the content of an `M`).
//! - [`Attribute`]: one `{"<tag>": <value>}` object; reads the tag, then hands over to
//! - [`Tagged`]: the value of a known tag, answering whatever the visitor asks for.

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use super::scalars::{BinaryAs, BinaryVisitor, NullAs, NullVisitor, NumberKind, NumberVisitor, VariantNameVisitor};
use super::tag::{Tag, TagSeed};

/// A JSON object of attribute values, presented as a plain map (or struct, or enum).
pub(crate) struct Item<D> {
    de: D,
    binary: BinaryAs,
}

impl<D> Item<D> {
    /// Reads the object `de` is at; `binary` says how `B` attributes look to "anything" visitors.
    pub(crate) fn new(de: D, binary: BinaryAs) -> Self {
        Self { de, binary }
    }
}

/// One AttributeValue object, `{"<tag>": <value>}`, presented as the value it holds.
struct Attribute<D> {
    de: D,
    binary: BinaryAs,
}

/// The value of an attribute whose tag has been read.
struct Tagged<D> {
    tag: Tag,
    de: D,
    binary: BinaryAs,
}

/// What a visitor asked the deserializer for, kept while the tag is read.
#[derive(Clone, Copy)]
enum Want {
    Any,
    Bool,
    Number(NumberKind),
    Char,
    Str,
    String,
    Bytes,
    ByteBuf,
    Option,
    Unit,
    UnitStruct(&'static str),
    NewtypeStruct(&'static str),
    Seq,
    Tuple(usize),
    TupleStruct(&'static str, usize),
    Map,
    Struct(&'static str, &'static [&'static str]),
    Enum(&'static str, &'static [&'static str]),
    Identifier,
    IgnoredAny,
}

impl<'de, D: Deserializer<'de>> Tagged<D> {
    /// Answers `want` with the value of this tag.
    fn dispatch<V: Visitor<'de>>(self, want: Want, visitor: V) -> Result<V::Value, D::Error> {
        match want {
            Want::Any => self.deserialize_any(visitor),
            Want::Bool => self.deserialize_bool(visitor),
            Want::Number(kind) => self.number(kind, visitor),
            Want::Char => self.deserialize_char(visitor),
            Want::Str => self.deserialize_str(visitor),
            Want::String => self.deserialize_string(visitor),
            Want::Bytes => self.deserialize_bytes(visitor),
            Want::ByteBuf => self.deserialize_byte_buf(visitor),
            Want::Option => self.deserialize_option(visitor),
            Want::Unit => self.deserialize_unit(visitor),
            Want::UnitStruct(name) => self.deserialize_unit_struct(name, visitor),
            Want::NewtypeStruct(name) => self.deserialize_newtype_struct(name, visitor),
            Want::Seq => self.deserialize_seq(visitor),
            Want::Tuple(len) => self.deserialize_tuple(len, visitor),
            Want::TupleStruct(name, len) => self.deserialize_tuple_struct(name, len, visitor),
            Want::Map => self.deserialize_map(visitor),
            Want::Struct(name, fields) => self.deserialize_struct(name, fields, visitor),
            Want::Enum(name, variants) => self.deserialize_enum(name, variants, visitor),
            Want::Identifier => self.deserialize_identifier(visitor),
            Want::IgnoredAny => self.deserialize_ignored_any(visitor),
        }
    }

    fn mismatch<V: Visitor<'de>>(&self, visitor: &V) -> D::Error {
        de::Error::invalid_type(self.tag.unexpected(), visitor)
    }

    fn number<V: Visitor<'de>>(self, kind: NumberKind, visitor: V) -> Result<V::Value, D::Error> {
        match self.tag {
            Tag::N => self.de.deserialize_str(NumberVisitor { kind, visitor }),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn text<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        match self.tag {
            Tag::S => self.de.deserialize_str(visitor),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    /// A string, or a number's digits as DynamoDB sent them: a `String` keeps all 38 of an `N`'s
    /// significant digits, where `f64` keeps about 16.
    fn text_or_digits<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        match self.tag {
            Tag::S | Tag::N => self.de.deserialize_str(visitor),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn sequence<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let binary = self.binary;
        let element = match self.tag {
            Tag::L => return self.de.deserialize_seq(ListVisitor { visitor, binary }),
            Tag::Ss => Tag::S,
            Tag::Ns => Tag::N,
            Tag::Bs => Tag::B,
            Tag::B => return self.de.deserialize_str(BinaryVisitor { binary: BinaryAs::Sequence, visitor }),
            _ => return Err(self.mismatch(&visitor)),
        };
        self.de.deserialize_seq(SetVisitor { element, visitor, binary })
    }

    fn null<V: Visitor<'de>>(self, null: NullAs, visitor: V) -> Result<V::Value, D::Error> {
        match self.tag {
            Tag::Null => self.de.deserialize_bool(NullVisitor { null, visitor }),
            _ => Err(self.mismatch(&visitor)),
        }
    }
}

macro_rules! numbers {
    ($($method:ident => $kind:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.number(NumberKind::$kind, visitor)
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tagged<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        match self.tag {
            Tag::N => self.de.deserialize_str(NumberVisitor { kind: NumberKind::Any, visitor }),
            Tag::S => self.de.deserialize_str(visitor),
            Tag::Bool => self.de.deserialize_bool(visitor),
            Tag::B => self.de.deserialize_str(BinaryVisitor { binary: self.binary.for_any::<V>(), visitor }),
            Tag::Null => self.null(NullAs::Unit, visitor),
            Tag::M => Item::new(self.de, self.binary).deserialize_map(visitor),
            Tag::L | Tag::Ss | Tag::Ns | Tag::Bs => self.sequence(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        match self.tag {
            Tag::Bool => self.de.deserialize_bool(visitor),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    numbers! {
        deserialize_i8 => I8, deserialize_i16 => I16, deserialize_i32 => I32, deserialize_i64 => I64,
        deserialize_i128 => I128, deserialize_u8 => U8, deserialize_u16 => U16, deserialize_u32 => U32,
        deserialize_u64 => U64, deserialize_u128 => U128, deserialize_f32 => F32, deserialize_f64 => F64,
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.text(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.text_or_digits(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.text_or_digits(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        match self.tag {
            Tag::B => self.de.deserialize_str(BinaryVisitor { binary: BinaryAs::Bytes, visitor }),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        match self.tag {
            Tag::Null => self.null(NullAs::None, visitor),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.null(NullAs::Unit, visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.null(NullAs::Unit, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.sequence(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.sequence(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.sequence(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        match self.tag {
            Tag::M => Item::new(self.de, self.binary).deserialize_map(visitor),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // As serde_dynamo: a struct is a map, or a list of its fields in order.
        match self.tag {
            Tag::M => Item::new(self.de, self.binary).deserialize_map(visitor),
            Tag::L => self.sequence(visitor),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // A unit variant is its name (S); any other is a map with the variant as its only key.
        match self.tag {
            Tag::S => self.de.deserialize_str(VariantNameVisitor(visitor)),
            Tag::M => Item::new(self.de, self.binary).deserialize_enum(name, variants, visitor),
            _ => Err(self.mismatch(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.text(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        // Checked like any other value, as serde_dynamo does for attributes a type ignores.
        self.deserialize_any(visitor)
    }
}

impl<'de, D: Deserializer<'de>> Attribute<D> {
    /// Reads the tag, then answers `want` with the tagged value.
    fn read<V: Visitor<'de>>(self, want: Want, visitor: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_map(AttributeVisitor { want, visitor, binary: self.binary })
    }
}

macro_rules! wants {
    ($($method:ident => $want:expr),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.read($want, visitor)
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Attribute<D> {
    type Error = D::Error;

    wants! {
        deserialize_any => Want::Any,
        deserialize_bool => Want::Bool,
        deserialize_i8 => Want::Number(NumberKind::I8),
        deserialize_i16 => Want::Number(NumberKind::I16),
        deserialize_i32 => Want::Number(NumberKind::I32),
        deserialize_i64 => Want::Number(NumberKind::I64),
        deserialize_i128 => Want::Number(NumberKind::I128),
        deserialize_u8 => Want::Number(NumberKind::U8),
        deserialize_u16 => Want::Number(NumberKind::U16),
        deserialize_u32 => Want::Number(NumberKind::U32),
        deserialize_u64 => Want::Number(NumberKind::U64),
        deserialize_u128 => Want::Number(NumberKind::U128),
        deserialize_f32 => Want::Number(NumberKind::F32),
        deserialize_f64 => Want::Number(NumberKind::F64),
        deserialize_char => Want::Char,
        deserialize_str => Want::Str,
        deserialize_string => Want::String,
        deserialize_bytes => Want::Bytes,
        deserialize_byte_buf => Want::ByteBuf,
        deserialize_option => Want::Option,
        deserialize_unit => Want::Unit,
        deserialize_seq => Want::Seq,
        deserialize_map => Want::Map,
        deserialize_identifier => Want::Identifier,
        deserialize_ignored_any => Want::IgnoredAny,
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.read(Want::UnitStruct(name), visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.read(Want::NewtypeStruct(name), visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.read(Want::Tuple(len), visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.read(Want::TupleStruct(name, len), visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.read(Want::Struct(name, fields), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.read(Want::Enum(name, variants), visitor)
    }
}

/// Reads `{"<tag>": <value>}`: exactly one key, a known tag.
struct AttributeVisitor<V> {
    want: Want,
    visitor: V,
    binary: BinaryAs,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for AttributeVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a DynamoDB AttributeValue such as {\"S\": \"text\"} or {\"N\": \"1\"}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<V::Value, A::Error> {
        let Some(tag) = map.next_key_seed(TagSeed)? else {
            return Err(de::Error::custom(
                "an AttributeValue has one key naming its type (N, S, BOOL, B, NULL, M, L, SS, NS or BS); this one is empty",
            ));
        };
        let value =
            map.next_value_seed(TaggedSeed { tag, want: self.want, visitor: self.visitor, binary: self.binary })?;
        if map.next_key::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(format_args!(
                "an AttributeValue has exactly one key; this one has more after {tag:?}",
                tag = tag.as_str()
            )));
        }
        Ok(value)
    }
}

/// Hands the value of a read tag to [`Tagged`], answering `want`.
struct TaggedSeed<V> {
    tag: Tag,
    want: Want,
    visitor: V,
    binary: BinaryAs,
}

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for TaggedSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        Tagged { tag: self.tag, de, binary: self.binary }.dispatch(self.want, self.visitor)
    }
}

/// Gives a seed an [`Attribute`] to read from.
struct AttributeSeed<S> {
    seed: S,
    binary: BinaryAs,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for AttributeSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Attribute { de, binary: self.binary })
    }
}

/// Asks an [`Attribute`] for `want`, for visitors that need a specific shape.
struct WantSeed<V> {
    want: Want,
    visitor: V,
    binary: BinaryAs,
}

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for WantSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        Attribute { de, binary: self.binary }.read(self.want, self.visitor)
    }
}

/// Gives a seed a set element: a bare string read as an attribute of type `tag`.
struct ElementSeed<S> {
    seed: S,
    tag: Tag,
    binary: BinaryAs,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ElementSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Tagged { tag: self.tag, de, binary: self.binary })
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Item<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_map(ItemVisitor { visitor, binary: self.binary })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_map(ItemVisitor { visitor, binary: self.binary })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_map(ItemVisitor { visitor, binary: self.binary })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_map(EnumVisitor { visitor, binary: self.binary })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.deserialize_any(visitor)
    }

    // A map is nothing else; say so in the visitor's own words.
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct identifier
    }
}

/// Presents a JSON object of attribute values as a plain map.
struct ItemVisitor<V> {
    visitor: V,
    binary: BinaryAs,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ItemVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map of DynamoDB AttributeValues")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(ItemAccess { map, binary: self.binary })
    }
}

/// The entries of an item: plain keys, attribute values.
struct ItemAccess<A> {
    map: A,
    binary: BinaryAs,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for ItemAccess<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(seed)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(AttributeSeed { seed, binary: self.binary })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Presents a JSON array of attribute values (an `L`) as a plain sequence.
struct ListVisitor<V> {
    visitor: V,
    binary: BinaryAs,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ListVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of DynamoDB AttributeValues")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(ListAccess { seq, binary: self.binary })
    }
}

struct ListAccess<A> {
    seq: A,
    binary: BinaryAs,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for ListAccess<A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, A::Error> {
        self.seq.next_element_seed(AttributeSeed { seed, binary: self.binary })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// Presents a JSON array of bare strings (an `SS`, `NS` or `BS`) as a sequence of `element`s.
struct SetVisitor<V> {
    element: Tag,
    visitor: V,
    binary: BinaryAs,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for SetVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a set of strings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(SetAccess { seq, element: self.element, binary: self.binary })
    }
}

struct SetAccess<A> {
    seq: A,
    element: Tag,
    binary: BinaryAs,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for SetAccess<A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, A::Error> {
        self.seq.next_element_seed(ElementSeed { seed, tag: self.element, binary: self.binary })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// Presents a map with one key as an enum: the key names the variant, the value holds its data.
struct EnumVisitor<V> {
    visitor: V,
    binary: BinaryAs,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for EnumVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map with one key, the enum variant")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(VariantMap { map, binary: self.binary })
    }
}

struct VariantMap<A> {
    map: A,
    binary: BinaryAs,
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for VariantMap<A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(mut self, seed: S) -> Result<(S::Value, Self), A::Error> {
        match self.map.next_key_seed(seed)? {
            Some(variant) => Ok((variant, self)),
            None => Err(de::Error::custom("an enum is a map with one key, the variant; this map is empty")),
        }
    }
}

impl<'de, A: MapAccess<'de>> VariantMap<A> {
    fn end<T>(mut self, value: T) -> Result<T, A::Error> {
        match self.map.next_key::<de::IgnoredAny>()? {
            None => Ok(value),
            Some(_) => Err(de::Error::custom("an enum is a map with one key, the variant; this map has more")),
        }
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for VariantMap<A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        let binary = self.binary;
        self.map.next_value_seed(AttributeSeed { seed: std::marker::PhantomData::<de::IgnoredAny>, binary })?;
        self.end(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(mut self, seed: S) -> Result<S::Value, A::Error> {
        let value = self.map.next_value_seed(AttributeSeed { seed, binary: self.binary })?;
        self.end(value)
    }

    fn tuple_variant<V: Visitor<'de>>(mut self, _len: usize, visitor: V) -> Result<V::Value, A::Error> {
        let value = self.map.next_value_seed(WantSeed { want: Want::Seq, visitor, binary: self.binary })?;
        self.end(value)
    }

    fn struct_variant<V: Visitor<'de>>(
        mut self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let value = self.map.next_value_seed(WantSeed { want: Want::Map, visitor, binary: self.binary })?;
        self.end(value)
    }
}
