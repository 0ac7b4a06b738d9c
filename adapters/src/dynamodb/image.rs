//! Decoding an image (`Keys`, `NewImage`, `OldImage`) into the caller's type.

use std::any::TypeId;
use std::fmt;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde_path_to_error::Segment;

use super::scalars::BinaryAs;
use super::transcode::Item;

/// Decodes DynamoDB AttributeValue JSON (an item, as in an image) into `T`, in one pass.
///
/// The semantics are `serde_dynamo`'s: numbers are parsed from their strings into the type the
/// field asks for, sets (`SS`, `NS`, `BS`) are sequences, `B` is bytes (a `Vec<u8>` or `[u8; N]`
/// field takes them as they are, where `serde_dynamo` needs `#[serde(with = "serde_bytes")]`),
/// `NULL` is unit or `None`, a struct is an `M` (or an `L` of its fields), an enum is an `S`
/// (unit variants) or an `M` with the variant as its only key. Decoding into
/// `serde_json::Value` gives plain JSON with numbers as JSON numbers, and binary attributes as
/// their base64 text (JSON has no bytes); so does a `Value` anywhere inside the type (a field,
/// a `Vec<Value>`, a `HashMap<String, Value>`). Through `#[serde(flatten)]`, an untagged or an
/// internally tagged enum, serde asks for any value and gets bytes, which a `Value` there
/// refuses and a `String` takes as UTF-8 text: take such fields by name instead.
///
/// Unlike `serde_dynamo`, a `String` field takes an `N` too, as the digits DynamoDB sent: a
/// number keeps all its 38 significant digits there (or in a decimal type that reads strings),
/// where `f64`, and so `serde_json::Value`, keeps about 16 (integers are exact up to 64 bits,
/// and up to 128 bits in `i128`/`u128` fields). Only a field that asks for a string gets them:
/// through `#[serde(flatten)]` or an untagged enum, serde asks for any value, and an `N` is then
/// a JSON number. Also unlike `serde_dynamo`, a number beyond an `f32` field's range, or one no
/// float can hold (`"1e400"`, `"NaN"`), is an error rather than infinity or `null`.
///
/// # Examples
///
/// ```
/// use faaskit::dynamodb::decode_item;
///
/// #[derive(Debug, PartialEq, serde::Deserialize)]
/// struct Order { id: u64, tags: Vec<String> }
///
/// let json = r#"{"id": {"N": "101"}, "tags": {"SS": ["gift"]}}"#;
/// let order: Order = decode_item(json).unwrap();
/// assert_eq!(order, Order { id: 101, tags: vec!["gift".into()] });
///
/// let plain: serde_json::Value = decode_item(json).unwrap();
/// assert_eq!(plain, serde_json::json!({"id": 101, "tags": ["gift"]}));
///
/// #[derive(serde::Deserialize)]
/// struct Balance { cents: String }
///
/// let exact: Balance = decode_item(r#"{"cents": {"N": "12345678901234567890123456789012345678"}}"#).unwrap();
/// assert_eq!(exact.cents, "12345678901234567890123456789012345678");
/// ```
///
/// # Errors
///
/// An [`ImageError`] naming the attribute that did not decode and why: a type mismatch, a
/// number that does not fit, invalid base64, or JSON that is not AttributeValue JSON.
pub fn decode_item<T: DeserializeOwned + 'static>(json: &str) -> Result<T, ImageError> {
    decode(json).map_err(|failure| failure.into_error(ImageName::Item))
}

/// Which part of a stream record an [`ImageError`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageName {
    /// The primary key attributes, `Keys`.
    Keys,
    /// The item after the change, `NewImage`.
    NewImage,
    /// The item before the change, `OldImage`.
    OldImage,
    /// An item decoded on its own, with [`decode_item`].
    Item,
}

impl ImageName {
    /// The name as the wire writes it (`Keys`, `NewImage`, `OldImage`), or `item`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keys => "Keys",
            Self::NewImage => "NewImage",
            Self::OldImage => "OldImage",
            Self::Item => "item",
        }
    }
}

impl fmt::Display for ImageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An image that did not decode into the type the handler asked for.
///
/// It names the record (index and sequence number) when it comes from a stream event, the
/// image, the attribute path (`items[0].sku`) and the JSON path inside the payload.
///
/// # Examples
///
/// ```
/// use faaskit::dynamodb::decode_item;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Order { lines: Vec<Line> }
/// #[derive(Debug, serde::Deserialize)]
/// struct Line { quantity: u32 }
///
/// let json = r#"{"lines": {"L": [{"M": {"quantity": {"S": "two"}}}]}}"#;
/// let err = decode_item::<Order>(json).unwrap_err();
/// assert_eq!(err.attribute(), "lines[0].quantity");
/// assert_eq!(err.json_path(), "lines.L[0].M.quantity.S");
/// assert_eq!(
///     err.to_string(),
///     "the item is not a valid Order: at lines[0].quantity (lines.L[0].M.quantity.S): \
///      invalid type: a string attribute (S), expected u32"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageError(Box<ImageErrorInner>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct ImageErrorInner {
    image: ImageName,
    type_name: String,
    attribute: String,
    json_path: String,
    detail: String,
    record: Option<RecordRef>,
}

/// Where in a stream event a failed image was.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RecordRef {
    index: usize,
    sequence_number: Option<String>,
}

impl ImageError {
    /// The image that failed.
    pub fn image(&self) -> ImageName {
        self.0.image
    }

    /// The type the image was decoded into.
    pub fn type_name(&self) -> &str {
        &self.0.type_name
    }

    /// The path of the attribute that failed, as a DynamoDB document path (`items[0].sku`);
    /// empty when the image as a whole failed.
    pub fn attribute(&self) -> &str {
        &self.0.attribute
    }

    /// The JSON path of the value that failed: inside the payload
    /// (`Records[3].dynamodb.NewImage.items.L[0].M.sku.S`) for a record of an event, inside
    /// the item otherwise.
    pub fn json_path(&self) -> String {
        let mut path = String::new();
        if let Some(record) = &self.0.record {
            path.push_str(&format!("Records[{}].dynamodb.{}", record.index, self.0.image));
        }
        if !self.0.json_path.is_empty() {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&self.0.json_path);
        }
        path
    }

    /// The index of the record in its event, when the image came from one.
    pub fn record_index(&self) -> Option<usize> {
        self.0.record.as_ref().map(|record| record.index)
    }

    /// What was wrong.
    pub fn detail(&self) -> &str {
        &self.0.detail
    }

    /// Places the error in record `index` of an event.
    pub(crate) fn in_record(mut self, index: usize, sequence_number: Option<&str>) -> Self {
        self.0.record = Some(RecordRef { index, sequence_number: sequence_number.map(str::to_owned) });
        self
    }
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(record) = &self.0.record {
            write!(f, "record {}", record.index)?;
            if let Some(sequence_number) = &record.sequence_number {
                write!(f, " (SequenceNumber {sequence_number})")?;
            }
            f.write_str(": ")?;
        }
        let verb = if self.0.image == ImageName::Keys { "are" } else { "is" };
        write!(f, "the {} {verb} not a valid {}", self.0.image, self.0.type_name)?;
        let json_path = self.json_path();
        match (self.0.attribute.is_empty(), json_path.is_empty()) {
            (false, _) => write!(f, ": at {} ({json_path})", self.0.attribute)?,
            (true, false) => write!(f, ": at {json_path}")?,
            (true, true) => {}
        }
        write!(f, ": {}", self.0.detail)
    }
}

/// Returned from a handler, a record that did not decode is a `Faaskit.DecodeError`, as an
/// event that did not decode is.
impl faaskit_core::ErrorType for ImageError {
    fn error_type(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(faaskit_core::Error::DECODE)
    }
}

impl std::error::Error for ImageError {}

/// A failed decode, before it is placed in a record.
#[derive(Debug)]
pub(crate) struct Failure {
    type_name: &'static str,
    attribute: String,
    json_path: String,
    detail: String,
}

impl Failure {
    /// JSON that is not AttributeValue JSON at all.
    pub(crate) fn wire(err: &serde_json::Error) -> Self {
        Self {
            type_name: "serde_dynamo::Item",
            attribute: String::new(),
            json_path: String::new(),
            detail: without_position(err),
        }
    }

    pub(crate) fn into_error(self, image: ImageName) -> ImageError {
        faaskit_core::__private::remember_error_type::<ImageError>();
        ImageError(Box::new(ImageErrorInner {
            image,
            type_name: faaskit_core::__private::readable_type_name(self.type_name),
            attribute: self.attribute,
            json_path: self.json_path,
            detail: self.detail,
            record: None,
        }))
    }
}

/// How `T` sees binary attributes: plain JSON has no bytes, so `serde_json::Value` gets text.
fn binary_for<T: 'static>() -> BinaryAs {
    if TypeId::of::<T>() == TypeId::of::<serde_json::Value>()
        || TypeId::of::<T>() == TypeId::of::<serde_json::Map<String, serde_json::Value>>()
    {
        BinaryAs::Base64Text
    } else {
        BinaryAs::Bytes
    }
}

/// Decodes the AttributeValue JSON object `json` as a `T`.
pub(crate) fn decode<T: DeserializeOwned + 'static>(json: &str) -> Result<T, Failure> {
    let binary = binary_for::<T>();
    read::<T>(json, binary).map_err(|()| explain::<T>(json, binary))
}

/// The record's keys as plain JSON, or `None` when they are not AttributeValue JSON (which
/// [`check_plain`] has already reported).
pub(crate) fn plain_keys(json: &str) -> Option<PlainJson> {
    read::<PlainJson>(json, binary_for::<PlainJson>()).ok()
}

/// Checks that the AttributeValue JSON object `json` decodes as plain JSON, as
/// [`decode`]`::<serde_json::Map<_, _>>` would, without building anything; the failure is the
/// one that decoding would give.
pub(crate) fn check_plain(json: &str) -> Result<(), Failure> {
    let binary = binary_for::<PlainJson>();
    read::<IgnoredAny>(json, binary).map(|IgnoredAny| ()).map_err(|()| explain::<PlainJson>(json, binary))
}

/// A JSON object, as an image or the keys read as plain JSON.
type PlainJson = serde_json::Map<String, serde_json::Value>;

/// One pass of `json` into `T`, the whole input consumed; why it failed is [`explain`]'s.
fn read<T: DeserializeOwned>(json: &str, binary: BinaryAs) -> Result<T, ()> {
    let mut de = serde_json::Deserializer::from_str(json);
    T::deserialize(Item::new(&mut de, binary)).and_then(|value| de.end().map(|()| value)).map_err(drop)
}

/// Decodes again, tracking the path, to say where and why decoding failed.
fn explain<T: DeserializeOwned + 'static>(json: &str, binary: BinaryAs) -> Failure {
    let mut de = serde_json::Deserializer::from_str(json);
    let mut track = serde_path_to_error::Track::new();
    let result = T::deserialize(Item::new(serde_path_to_error::Deserializer::new(&mut de, &mut track), binary));
    let (path, detail) = match result {
        Err(err) => (Some(track.path()), without_position(&err)),
        Ok(_) => match de.end() {
            Err(err) => (None, without_position(&err)),
            Ok(()) => (None, "the image did not decode".to_owned()),
        },
    };
    let (attribute, json_path) = match &path {
        Some(path) => (attribute_path(path), json_path(path)),
        None => (String::new(), String::new()),
    };
    Failure { type_name: std::any::type_name::<T>(), attribute, json_path, detail }
}

/// The message of a JSON error without its line and column, which point into the image, not
/// into the payload.
fn without_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    if err.line() == 0 {
        return message;
    }
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    message.strip_suffix(&suffix).map_or(message.clone(), str::to_owned)
}

/// The JSON path, without the segments serde could not name.
fn json_path(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// The document path of the attribute a JSON path points into: attribute names and list
/// indexes, without the type tags (`items.L[0].M.sku.S` is `items[0].sku`).
fn attribute_path(path: &serde_path_to_error::Path) -> String {
    #[derive(Clone, Copy)]
    enum Next {
        Name,
        Tag,
        ListIndex,
        SetIndex,
        Done,
    }
    let mut out = String::new();
    let mut next = Next::Name;
    for segment in path {
        next = match (next, segment) {
            (Next::Name, Segment::Map { key } | Segment::Enum { variant: key }) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
                Next::Tag
            }
            (Next::Tag, Segment::Map { key }) => match key.as_str() {
                "M" => Next::Name,
                "L" => Next::ListIndex,
                "SS" | "NS" | "BS" => Next::SetIndex,
                _ => Next::Done,
            },
            (Next::ListIndex | Next::SetIndex, Segment::Seq { index }) => {
                out.push_str(&format!("[{index}]"));
                if matches!(next, Next::ListIndex) { Next::Tag } else { Next::Done }
            }
            (_, Segment::Unknown) => next,
            _ => Next::Done,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_paths_drop_the_tags() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Deep {
            a: std::collections::HashMap<String, Vec<Vec<u8>>>,
        }
        let json = r#"{"a": {"M": {"S": {"L": [{"L": [{"N": "1"}, {"N": "300"}]}]}}}}"#;
        let failure = decode::<Deep>(json).expect_err("300 is not a u8");
        assert_eq!(failure.attribute, "a.S[0][1]", "an attribute named like a tag is still a name");
        assert_eq!(failure.json_path, "a.M.S.L[0].L[1].N");
    }

    #[test]
    fn checking_as_plain_json_agrees_with_decoding_into_a_map() {
        type Plain = serde_json::Map<String, serde_json::Value>;
        let cases = [
            r#"{}"#,
            r#"{"pk": {"S": "a"}, "sk": {"N": "-1.5e3"}, "b": {"B": "AAEqQQ=="}, "n": {"NULL": true}}"#,
            r#"{"m": {"M": {"l": {"L": [{"BOOL": false}, {"NS": ["1", "2"]}, {"BS": ["AA=="]}]}}}}"#,
            r#"{"big": {"N": "1e400"}, "b": {"B": "not base64 at all"}}"#,
            r#"{"sk": {"N": "three"}}"#,
            r#"{"pk": {"SS": "one"}}"#,
            r#"{"pk": {"Q": "1"}}"#,
            r#"{"pk": {"S": "a", "N": "1"}}"#,
            r#"{"pk": {}}"#,
            r#"{"pk": "plain"}"#,
            r#"[]"#,
            r#"{"pk": {"S": "a"}} trailing"#,
            r#"{"pk": {"S": "a"}"#,
        ];
        for json in cases {
            match (check_plain(json), decode::<Plain>(json)) {
                (Ok(()), Ok(_)) => {}
                (Err(checked), Err(decoded)) => assert_eq!(
                    (checked.attribute, checked.json_path, checked.detail),
                    (decoded.attribute, decoded.json_path, decoded.detail),
                    "{json}"
                ),
                (checked, decoded) => panic!("{json}: checked {:?}, decoded {:?}", checked.is_ok(), decoded.is_ok()),
            }
        }
    }

    #[test]
    fn positions_are_dropped() {
        let failure = decode::<serde_json::Value>(r#"{"a": {"S": "x"}"#).expect_err("truncated");
        assert!(!failure.detail.contains("line"), "{}", failure.detail);
    }
}
