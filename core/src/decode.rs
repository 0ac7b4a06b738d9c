//! Decoding an event payload into the handler's type, with errors that say where it failed.
//!
//! The fast path is plain `serde_json`. Only when it fails is the payload decoded again with
//! `serde_path_to_error`, to name the JSON path, and read loosely, to name the event source and
//! the record (index and id) that failed. Failures cost the extra work; successes do not.

use crate::{Error, loose_json};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Decodes `payload` as a `T`, or explains what did not match.
///
/// # Errors
///
/// A [`Error::DECODE`] error naming the expected type, the event source and record when the
/// payload is an AWS event, the JSON path of the field that failed, and what was wrong.
pub fn decode_event<T: DeserializeOwned>(payload: &[u8]) -> Result<T, Error> {
    from_json_bytes(payload).map_err(|_| explain_failure::<T>(payload))
}

/// Reads JSON bytes as one `T` and nothing after it, as `serde_json::from_slice` does, but faster
/// for text: bytes that are UTF-8 (checked once, as a whole) are read as a `str`, whose strings
/// `serde_json` then borrows without checking each again, a fifth of a batch's decode when done
/// string by string. Bytes that are not UTF-8 are read as bytes, so the error names the string
/// that breaks.
///
/// # Examples
///
/// ```
/// # use faaskit::__private::from_json_bytes;
/// let name: String = from_json_bytes(br#""Zo\u00eb""#).unwrap();
/// assert_eq!(name, "Zoë");
/// let err = from_json_bytes::<String>(b"\"Zo\xff\"").unwrap_err();
/// assert!(err.to_string().starts_with("invalid unicode code point"));
/// ```
///
/// # Errors
///
/// `serde_json`'s error when the bytes are not one JSON `T`.
pub fn from_json_bytes<'a, T: Deserialize<'a>>(json: &'a [u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(json) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(json),
    }
}

/// Builds the error for a payload that failed to decode as `T`.
fn explain_failure<T: DeserializeOwned>(payload: &[u8]) -> Error {
    let mut deserializer = serde_json::Deserializer::from_slice(payload);
    let (path, detail) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(err) => (known_path(&err.path().to_string()), err.into_inner().to_string()),
        Ok(_) => match deserializer.end() {
            Err(err) => (".".to_owned(), err.to_string()),
            // Both passes must agree; if they somehow do not, still say something useful.
            Ok(()) => (".".to_owned(), "the payload did not decode".to_owned()),
        },
    };
    let type_name = readable_type_name(std::any::type_name::<T>());
    let origin = RecordOrigin::find(payload, &path);
    Error::decode(describe(&type_name, &origin, &path, &detail))
}

fn describe(type_name: &str, origin: &RecordOrigin, path: &str, detail: &str) -> String {
    let mut message = match &origin.source {
        Some(source) => format!("cannot decode the {source} event as {type_name}"),
        None => format!("cannot decode the event as {type_name}"),
    };
    if let Some(index) = origin.record {
        message.push_str(&format!(": record {index}"));
        if let Some((label, id)) = &origin.id {
            message.push_str(&format!(" ({label} {id})"));
        }
    }
    if path != "." && !path.is_empty() {
        message.push_str(&format!(": at {path}"));
    }
    message.push_str(": ");
    message.push_str(detail);
    message
}

/// A path without the segments serde could not name (`?`), or `.` when none is left.
///
/// # Examples
///
/// ```
/// # use faaskit::__private::known_path;
/// assert_eq!(known_path("Records[2].body"), "Records[2].body");
/// assert_eq!(known_path("Records[2].?"), "Records[2]");
/// assert_eq!(known_path("?"), ".");
/// ```
pub fn known_path(path: &str) -> String {
    let known: Vec<&str> = path.split('.').filter(|segment| *segment != "?" && !segment.is_empty()).collect();
    if known.is_empty() { ".".to_owned() } else { known.join(".") }
}

/// Where in an AWS event a failure happened, read loosely from the payload.
#[derive(Debug, Default, PartialEq, Eq)]
struct RecordOrigin {
    source: Option<String>,
    record: Option<usize>,
    id: Option<(&'static str, String)>,
}

/// The record identifiers of AWS event sources, as JSON pointers into one record.
const RECORD_IDS: &[(&str, &str)] = &[
    ("messageId", "/messageId"),
    ("eventID", "/eventID"),
    ("MessageId", "/Sns/MessageId"),
    ("sequenceNumber", "/kinesis/sequenceNumber"),
    ("SequenceNumber", "/dynamodb/SequenceNumber"),
    ("key", "/s3/object/key"),
];

impl RecordOrigin {
    fn find(payload: &[u8], path: &str) -> Self {
        let Some(event) = std::str::from_utf8(payload).ok().filter(|event| loose_json::pointer(event, "").is_some())
        else {
            return Self::default();
        };
        let exists = |pointer: &str| loose_json::pointer(event, pointer).is_some();
        let records = ["/Records", "/records"].into_iter().find(|records| exists(records)).unwrap_or("/Records");
        let record = record_index(path);
        let failed_record = record.map(|index| format!("{records}/{index}")).filter(|pointer| exists(pointer));
        let first_record = format!("{records}/0");
        let source_holder = match &failed_record {
            Some(failed) => failed.as_str(),
            None if exists(&first_record) => &first_record,
            None => "",
        };
        let source = ["eventSource", "EventSource", "source"]
            .iter()
            .find_map(|field| loose_json::string_at(event, &format!("{source_holder}/{field}")));
        let id = failed_record.and_then(|failed| {
            RECORD_IDS.iter().find_map(|(label, id)| {
                loose_json::pointer(event, &format!("{failed}{id}")).map(|id| (*label, loose_json::display(id)))
            })
        });
        Self { source, record, id }
    }
}

/// The record index of a path such as `Records[3].body`.
fn record_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("Records[").or_else(|| path.strip_prefix("records["))?;
    rest.split(']').next()?.parse().ok()
}

/// `my_app::events::Order<alloc::string::String>` reads as `Order<String>`.
pub fn readable_type_name(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut segment = String::new();
    for ch in full.chars() {
        match ch {
            ':' => segment.clear(),
            '<' | '>' | ',' | ' ' | '(' | ')' | '[' | ']' | ';' | '&' => {
                out.push_str(&segment);
                segment.clear();
                out.push(ch);
            }
            _ => segment.push(ch),
        }
    }
    out.push_str(&segment);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Greeting {
        name: String,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Sqs {
        #[serde(rename = "Records")]
        records: Vec<Message>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Message {
        #[serde(rename = "messageId")]
        message_id: String,
        body: u32,
    }

    #[test]
    fn decodes_a_matching_payload() {
        let greeting: Greeting = decode_event(br#"{"name":"Ana"}"#).expect("decodes");
        assert_eq!(greeting.name, "Ana");
    }

    #[test]
    fn names_the_field_path_and_type() {
        let err = decode_event::<Greeting>(br#"{"name": 5}"#).expect_err("wrong type");
        assert_eq!(err.error_type(), Error::DECODE);
        assert!(
            err.message().starts_with("cannot decode the event as Greeting: at name: invalid type: integer `5`"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn names_source_record_and_id() {
        let payload = br#"{"Records":[
            {"messageId":"a","body":1,"eventSource":"aws:sqs"},
            {"messageId":"b","body":"x","eventSource":"aws:sqs"}]}"#;
        let err = decode_event::<Sqs>(payload).expect_err("record 1 is wrong");
        assert!(
            err.message().starts_with("cannot decode the aws:sqs event as Sqs: record 1 (messageId b): at Records[1].body: invalid type: string \"x\""),
            "{}",
            err.message()
        );
    }

    #[test]
    fn finds_where_a_failure_happened_in_each_kind_of_event() {
        let origin = |payload: &str, path: &str| RecordOrigin::find(payload.as_bytes(), path);
        let s3 = r#"{"Records":[{"eventSource":"aws:s3","s3":{"object":{"key":"a.txt"}}},
                                 {"eventSource":"aws:s3","s3":{"object":{"key":"b\u00e9.txt"}}}]}"#;
        assert_eq!(
            origin(s3, "Records[1].s3.object.size"),
            RecordOrigin { source: Some("aws:s3".into()), record: Some(1), id: Some(("key", "bé.txt".into())) }
        );
        let kinesis = r#"{"records":[{"eventSource":"aws:kinesis","kinesis":{"sequenceNumber":"49"}}]}"#;
        assert_eq!(
            origin(kinesis, "records[0].kinesis.data"),
            RecordOrigin {
                source: Some("aws:kinesis".into()),
                record: Some(0),
                id: Some(("sequenceNumber", "49".into()))
            }
        );
        let numeric_id = r#"{"Records":[{"EventSource":"aws:sns","Sns":{"MessageId":17}}]}"#;
        assert_eq!(
            origin(numeric_id, "Records[0].Sns.Message"),
            RecordOrigin { source: Some("aws:sns".into()), record: Some(0), id: Some(("MessageId", "17".into())) }
        );
        // Outside any record: the first record names the source, and no record is blamed.
        assert_eq!(origin(s3, "Records"), RecordOrigin { source: Some("aws:s3".into()), record: None, id: None });
        // A record index past the end blames the index but names no id.
        assert_eq!(origin(s3, "Records[5]"), RecordOrigin { source: Some("aws:s3".into()), record: Some(5), id: None });
        let eventbridge = r#"{"source":"orders","detail-type":"Placed","detail":{}}"#;
        assert_eq!(
            origin(eventbridge, "detail.id"),
            RecordOrigin { source: Some("orders".into()), ..Default::default() }
        );
        assert_eq!(origin("[1, 2]", "."), RecordOrigin::default());
        assert_eq!(origin(r#"{"Records": [1, "#, "."), RecordOrigin::default());
    }

    #[test]
    fn reports_truncated_json() {
        let err = decode_event::<Greeting>(br#"{"name": "An"#).expect_err("truncated");
        assert!(err.message().contains("EOF while parsing"), "{}", err.message());
        let err = decode_event::<Greeting>(br#"{"name": "Ana""#).expect_err("truncated");
        assert!(
            err.message().starts_with("cannot decode the event as Greeting: EOF while parsing an object"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn names_the_string_that_is_not_utf8() {
        let err = decode_event::<Greeting>(b"{\"name\": \"An\xff\"}").expect_err("not UTF-8");
        assert!(
            err.message().starts_with("cannot decode the event as Greeting: at name: invalid unicode code point"),
            "{}",
            err.message()
        );
        let greeting: Greeting = decode_event("{\"name\": \"Zoë\"}".as_bytes()).expect("UTF-8 text decodes");
        assert_eq!(greeting.name, "Zoë");
    }

    #[test]
    fn rejects_trailing_garbage() {
        let err = decode_event::<Greeting>(br#"{"name": "Ana"} trailing"#).expect_err("trailing");
        assert!(err.message().contains("trailing characters"), "{}", err.message());
    }

    #[test]
    fn survives_deep_nesting() {
        let payload = "[".repeat(10_000);
        let err = decode_event::<serde_json::Value>(payload.as_bytes()).expect_err("too deep");
        assert!(err.message().contains("recursion limit exceeded"), "{}", err.message());
    }

    #[test]
    fn reads_type_names() {
        assert_eq!(readable_type_name("my_app::Order<alloc::string::String>"), "Order<String>");
        assert_eq!(readable_type_name("serde_json::value::Value"), "Value");
        assert_eq!(readable_type_name("(u32, my::A)"), "(u32, A)");
    }
}
