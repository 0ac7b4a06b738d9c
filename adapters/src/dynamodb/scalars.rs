//! The scalar attributes: numbers parsed from their strings, binary from base64, `NULL`.
//!
//! Each visitor here reads the JSON value of a tag and presents it to the visitor of the type
//! being decoded as the value it stands for.

use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use serde::de::{self, Visitor};

/// The base64 alphabet DynamoDB (and `serde_dynamo`) use: standard, padded.
const BASE64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The number type a visitor asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberKind {
    /// Whatever fits: `i64`, then `u64`, then `f64` (as `serde_dynamo` reads numbers).
    Any,
    I8,
    I16,
    I32,
    I64,
    I128,
    U8,
    U16,
    U32,
    U64,
    U128,
    F32,
    F64,
}

/// Reads the string of an `N` attribute and visits the number it holds.
pub(crate) struct NumberVisitor<V> {
    pub(crate) kind: NumberKind,
    pub(crate) visitor: V,
}

/// Why a number that reads as infinite or not a number is refused.
const NOT_FINITE: &str = "it is not finite (DynamoDB numbers are, with magnitudes from 1E-130 to under 1E+126)";

/// Why a number read into a float type came out infinite or not a number: beyond the type's
/// range (a DynamoDB number over `f32`'s), or no DynamoDB number at all.
fn not_finite(text: &str) -> &'static str {
    if text.parse::<f64>().is_ok_and(f64::is_finite) { BEYOND_RANGE } else { NOT_FINITE }
}

/// Why a DynamoDB number too large for the float type asked for is refused.
const BEYOND_RANGE: &str = "it is beyond the type's range";

fn not_a<E: de::Error>(text: &str, kind: &str, err: impl fmt::Display) -> E {
    E::custom(format_args!("the number {text:?} is not a valid {kind}: {err}"))
}

impl<'de, V: Visitor<'de>> Visitor<'de> for NumberVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number written as a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<V::Value, E> {
        macro_rules! parse {
            ($ty:ty, $visit:ident) => {
                match text.parse::<$ty>() {
                    Ok(number) => self.visitor.$visit(number),
                    Err(err) => Err(not_a(text, stringify!($ty), err)),
                }
            };
        }
        // `str::parse` reads "NaN", "inf" and overflows to infinity; DynamoDB sends none of them.
        macro_rules! parse_finite {
            ($ty:ty, $visit:ident) => {
                match text.parse::<$ty>() {
                    Ok(number) if number.is_finite() => self.visitor.$visit(number),
                    Ok(_) => Err(not_a(text, stringify!($ty), not_finite(text))),
                    Err(err) => Err(not_a(text, stringify!($ty), err)),
                }
            };
        }
        match self.kind {
            NumberKind::Any => {
                if let Ok(number) = text.parse::<i64>() {
                    self.visitor.visit_i64(number)
                } else if let Ok(number) = text.parse::<u64>() {
                    self.visitor.visit_u64(number)
                } else {
                    match text.parse::<f64>() {
                        Ok(number) if number.is_finite() => self.visitor.visit_f64(number),
                        Ok(_) => Err(not_a(text, "number", NOT_FINITE)),
                        Err(err) => Err(not_a(text, "number", err)),
                    }
                }
            }
            NumberKind::I8 => parse!(i8, visit_i8),
            NumberKind::I16 => parse!(i16, visit_i16),
            NumberKind::I32 => parse!(i32, visit_i32),
            NumberKind::I64 => parse!(i64, visit_i64),
            NumberKind::I128 => parse!(i128, visit_i128),
            NumberKind::U8 => parse!(u8, visit_u8),
            NumberKind::U16 => parse!(u16, visit_u16),
            NumberKind::U32 => parse!(u32, visit_u32),
            NumberKind::U64 => parse!(u64, visit_u64),
            NumberKind::U128 => parse!(u128, visit_u128),
            NumberKind::F32 => parse_finite!(f32, visit_f32),
            NumberKind::F64 => parse_finite!(f64, visit_f64),
        }
    }
}

/// How a `B` attribute is presented to a visitor that asks for "anything".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BinaryAs {
    /// As bytes, as `serde_dynamo` does.
    Bytes,
    /// As its base64 text, for plain JSON values (JSON has no bytes).
    Base64Text,
    /// As a sequence of bytes, for a visitor that asked for one (a `Vec<u8>` or `[u8; N]`
    /// without `serde_bytes`); its elements are `u8`s and nothing else.
    Sequence,
}

impl BinaryAs {
    /// How `V`, which asked for "anything", sees a `B` attribute: a visitor of `serde_json`'s
    /// (a `Value` anywhere in the image, as a field, in a list or a map) gets the base64 text,
    /// as a `Value` image does, since JSON has no bytes and would refuse them.
    pub(crate) fn for_any<V>(self) -> Self {
        if std::any::type_name::<V>().starts_with("serde_json::") { Self::Base64Text } else { self }
    }
}

/// Reads the base64 string of a `B` attribute and visits its bytes (or its checked text).
pub(crate) struct BinaryVisitor<V> {
    pub(crate) binary: BinaryAs,
    pub(crate) visitor: V,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for BinaryVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("base64 text")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<V::Value, E> {
        let bytes = BASE64.decode(text).map_err(|err| {
            E::custom(format_args!(
                "a binary value (B, or an element of BS) is not valid base64: {}",
                faaskit_core::__private::describe_base64_error(&err, text.as_bytes())
            ))
        })?;
        match self.binary {
            BinaryAs::Bytes => self.visitor.visit_byte_buf(bytes),
            BinaryAs::Base64Text => self.visitor.visit_str(text),
            BinaryAs::Sequence => {
                let count = bytes.len();
                let mut bytes = ByteSeq { bytes: bytes.into_iter(), error: PhantomData::<E> };
                let value = self.visitor.visit_seq(&mut bytes)?;
                match bytes.bytes.len() {
                    0 => Ok(value),
                    left => Err(E::invalid_length(count, &format!("{} bytes", count - left).as_str())),
                }
            }
        }
    }
}

/// The bytes of a `B` attribute as a sequence whose elements are `u8`s and nothing else: a
/// `Vec<u16>` or `Vec<Value>` given a `B` fails, as it does in `serde_dynamo`, rather than
/// reading each byte as a number.
struct ByteSeq<E> {
    bytes: std::vec::IntoIter<u8>,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> de::SeqAccess<'de> for ByteSeq<E> {
    type Error = E;

    fn next_element_seed<S: de::DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, E> {
        match self.bytes.next() {
            Some(byte) => seed.deserialize(Byte { byte, error: self.error }).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.bytes.len())
    }
}

/// One byte of a `B` attribute, which only a `u8` (or a value that is ignored) takes.
struct Byte<E> {
    byte: u8,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> de::Deserializer<'de> for Byte<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Other("a byte of a binary attribute (B)"), &visitor))
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_u8(self.byte)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_unit()
    }

    /// A newtype around a `u8` (`struct Octet(u8)`) is the `u8`, as everywhere else.
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct seq tuple tuple_struct map struct enum identifier
    }
}

/// What a visitor asked of a `NULL` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NullAs {
    /// `()`, a unit struct, or "anything".
    Unit,
    /// `None`.
    None,
}

/// Reads the `true` of a `NULL` attribute and visits unit or none.
pub(crate) struct NullVisitor<V> {
    pub(crate) null: NullAs,
    pub(crate) visitor: V,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for NullVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`true`")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<V::Value, E> {
        if !value {
            return Err(E::custom("a null attribute (NULL) must be `true`"));
        }
        match self.null {
            NullAs::Unit => self.visitor.visit_unit(),
            NullAs::None => self.visitor.visit_none(),
        }
    }
}

/// Reads the string of an `S` attribute as the name of a unit enum variant.
pub(crate) struct VariantNameVisitor<V>(pub(crate) V);

impl<'de, V: Visitor<'de>> Visitor<'de> for VariantNameVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the name of an enum variant")
    }

    fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<V::Value, E> {
        self.0.visit_enum(de::value::BorrowedStrDeserializer::new(name))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<V::Value, E> {
        self.0.visit_enum(de::value::StrDeserializer::new(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{BoolDeserializer, Error, StrDeserializer};
    use serde::de::{Deserializer as _, IgnoredAny};

    /// Records what a number visitor was given, as JSON.
    struct Seen;

    impl Visitor<'_> for Seen {
        type Value = serde_json::Value;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number")
        }
        fn visit_i64<E>(self, v: i64) -> Result<serde_json::Value, E> {
            Ok(v.into())
        }
        fn visit_u64<E>(self, v: u64) -> Result<serde_json::Value, E> {
            Ok(v.into())
        }
        fn visit_f64<E>(self, v: f64) -> Result<serde_json::Value, E> {
            Ok(v.into())
        }
    }

    fn number(kind: NumberKind, text: &str) -> Result<serde_json::Value, Error> {
        StrDeserializer::<Error>::new(text).deserialize_str(NumberVisitor { kind, visitor: Seen })
    }

    #[test]
    fn numbers_take_the_shape_that_fits() {
        assert_eq!(number(NumberKind::Any, "-5").expect("int"), serde_json::json!(-5));
        assert_eq!(number(NumberKind::Any, "18446744073709551615").expect("u64"), serde_json::json!(u64::MAX));
        assert_eq!(number(NumberKind::Any, "1e3").expect("float"), serde_json::json!(1000.0));
        assert_eq!(number(NumberKind::I64, "-0").expect("i64"), serde_json::json!(0));
    }

    #[test]
    fn numbers_that_do_not_parse_say_so() {
        let err = number(NumberKind::U8, "256").expect_err("too big");
        assert_eq!(err.to_string(), "the number \"256\" is not a valid u8: number too large to fit in target type");
        let err = number(NumberKind::Any, "ten").expect_err("not a number");
        assert!(err.to_string().starts_with("the number \"ten\" is not a valid number"), "{err}");
    }

    /// `str::parse` reads these as floats; DynamoDB has no such numbers, and a `Value` would
    /// turn them into `null`.
    #[test]
    fn numbers_that_are_not_finite_are_refused() {
        for (kind, text, name) in [
            (NumberKind::Any, "1e400", "number"),
            (NumberKind::Any, "NaN", "number"),
            (NumberKind::Any, "-inf", "number"),
            (NumberKind::F64, "Infinity", "f64"),
            (NumberKind::F64, "-1e309", "f64"),
        ] {
            let err = number(kind, text).expect_err(text);
            assert_eq!(err.to_string(), format!("the number {text:?} is not a valid {name}: {NOT_FINITE}"));
        }
        let err = number(NumberKind::F32, "1e39").expect_err("over f32's range");
        assert_eq!(err.to_string(), format!("the number \"1e39\" is not a valid f32: {BEYOND_RANGE}"));
        assert_eq!(number(NumberKind::F64, "9.9e125").expect("DynamoDB's largest"), serde_json::json!(9.9e125));
    }

    #[test]
    fn null_must_be_true() {
        let err = BoolDeserializer::<Error>::new(false)
            .deserialize_bool(NullVisitor { null: NullAs::Unit, visitor: IgnoredAny })
            .expect_err("false");
        assert_eq!(err.to_string(), "a null attribute (NULL) must be `true`");
    }

    #[test]
    fn binary_must_be_base64() {
        let err = StrDeserializer::<Error>::new("not base64!")
            .deserialize_str(BinaryVisitor { binary: BinaryAs::Bytes, visitor: IgnoredAny })
            .expect_err("invalid");
        assert!(err.to_string().starts_with("a binary value (B, or an element of BS) is not valid base64"), "{err}");
    }
}
