//! The one-pass AttributeValue decoder against `serde_dynamo`, its reference.
//!
//! Every case decodes the same AttributeValue JSON twice: with `decode_item`, and with
//! `serde_json` into `serde_dynamo::Item` then `serde_dynamo::from_item`. Both must give the same
//! value, or both fail. Cases: the images of the `aws_lambda_events` fixtures, generated items
//! (nested maps and lists, every scalar, numbers of every shape, binary, sets), user structs
//! written by `serde_dynamo::to_item`, and type mismatches.

#![cfg(feature = "dynamodb")]

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use faaskit_adapters::dynamodb::decode_item;
use serde::de::{DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a type's `Deserialize` was shown, visit by visit: compares decoders exactly.
#[derive(Clone, Debug, PartialEq)]
enum Seen {
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(String),
    Bytes(Vec<u8>),
    Unit,
    None,
    Some(Box<Seen>),
    Seq(Vec<Seen>),
    Map(Vec<(String, Seen)>),
}

impl<'de> Deserialize<'de> for Seen {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SeenVisitor)
    }
}

struct SeenVisitor;

impl<'de> Visitor<'de> for SeenVisitor {
    type Value = Seen;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("anything")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Seen, E> {
        Ok(Seen::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Seen, E> {
        Ok(Seen::I64(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Seen, E> {
        Ok(Seen::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Seen, E> {
        Ok(Seen::F64(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Seen, E> {
        Ok(Seen::Str(v.to_owned()))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Seen, E> {
        Ok(Seen::Bytes(v.to_vec()))
    }
    fn visit_unit<E>(self) -> Result<Seen, E> {
        Ok(Seen::Unit)
    }
    fn visit_none<E>(self) -> Result<Seen, E> {
        Ok(Seen::None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Seen, D::Error> {
        Seen::deserialize(d).map(|seen| Seen::Some(Box::new(seen)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Seen, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Seen::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Seen, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry()? {
            entries.push((key, value));
        }
        // serde_dynamo reads maps from a HashMap: compare entries regardless of order.
        entries.sort_by(|a: &(String, Seen), b| a.0.cmp(&b.0));
        Ok(Seen::Map(entries))
    }
}

/// Decodes with the reference: serde_json into `serde_dynamo::Item`, then `from_item`.
fn reference<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    let item: serde_dynamo::Item = serde_json::from_str(json).map_err(|err| err.to_string())?;
    serde_dynamo::from_item(item).map_err(|err| err.to_string())
}

/// Decodes with faaskit.
fn faaskit<T: DeserializeOwned + 'static>(json: &str) -> Result<T, String> {
    decode_item(json).map_err(|err| err.to_string())
}

/// Both decoders give the same value, or both fail; returns faaskit's result.
#[track_caller]
fn agree<T: DeserializeOwned + PartialEq + fmt::Debug + 'static>(json: &str) -> Result<T, String> {
    let ours = faaskit::<T>(json);
    let theirs = reference::<T>(json);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "different values for {json}"),
        (Err(_), Err(_)) => {}
        _ => panic!("decoders disagree on {json}:\n faaskit: {ours:?}\n serde_dynamo: {theirs:?}"),
    }
    ours
}

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/aws_lambda_events/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
    serde_json::from_str(&text).expect("fixture is JSON")
}

/// Every image of the DynamoDB fixtures.
fn fixture_images() -> Vec<String> {
    let mut images = Vec::new();
    for name in ["example-dynamodb-event.json", "example-dynamodb-event-null-items.json"] {
        for record in fixture(name)["Records"].as_array().expect("records") {
            for image in ["Keys", "NewImage", "OldImage"] {
                let value = &record["dynamodb"][image];
                if value.is_object() {
                    images.push(value.to_string());
                }
            }
        }
    }
    let record = fixture("example-dynamodb-event-record-with-optional-fields.json");
    for image in ["Keys", "NewImage"] {
        images.push(record["dynamodb"][image].to_string());
    }
    images
}

#[test]
fn fixture_images_decode_exactly_as_serde_dynamo_reads_them() {
    let images = fixture_images();
    assert_eq!(images.len(), 8, "keys and new image of 3 event records, and of the lone record");
    for json in &images {
        let seen = agree::<Seen>(json).expect("fixture images decode");
        assert!(matches!(seen, Seen::Map(ref entries) if !entries.is_empty()), "{seen:?}");
    }
}

#[test]
fn fixture_values_are_what_aws_wrote() {
    let event = fixture("example-dynamodb-event.json");
    let json = event["Records"][1]["dynamodb"]["NewImage"].to_string();
    let Seen::Map(entries) = agree::<Seen>(&json).expect("decodes") else { panic!("a map") };
    let get = |name: &str| entries.iter().find(|(key, _)| key == name).map(|(_, v)| v.clone()).expect(name);
    assert_eq!(get("Binary"), Seen::Bytes(vec![0, 1, 42, 65]));
    assert_eq!(get("IntegerNumber"), Seen::I64(123));
    assert_eq!(get("FloatNumber"), Seen::F64(123.45));
    assert_eq!(get("NumberSet"), Seen::Seq(vec![Seen::I64(1234), Seen::F64(567.8)]));
    assert_eq!(get("Null"), Seen::Unit);
    assert_eq!(get("EmptyStringSet"), Seen::Seq(vec![]));
    assert_eq!(get("Map"), Seen::Map(vec![("Age".into(), Seen::I64(35)), ("Name".into(), Seen::Str("Joe".into()))]));

    // As plain JSON: numbers are numbers, binary is its base64 text.
    let plain: Value = decode_item(&json).expect("plain JSON");
    assert_eq!(plain["IntegerNumber"], 123);
    assert_eq!(plain["FloatNumber"], 123.45);
    // The fixture's number is the text "3.14159", not the constant.
    #[allow(clippy::approx_constant)]
    let pi_ish = 3.14159;
    assert_eq!(plain["List"], serde_json::json!(["Cookies", "Coffee", pi_ish]));
    assert_eq!(plain["Map"], serde_json::json!({"Name": "Joe", "Age": 35}));
    assert_eq!(plain["Binary"], "AAEqQQ==");
    assert_eq!(plain["BinarySet"], serde_json::json!(["AAEqQQ==", "AAEqQQ=="]));
    assert_eq!(plain["Null"], Value::Null);
    assert_eq!(plain["StringSet"], serde_json::json!(["Giraffe", "Zebra"]));
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "7",
    "-7",
    "101",
    "123.45",
    "-0.5",
    "3.14159",
    "1e3",
    "1E+3",
    "2.5e-3",
    "-1.5E10",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "12345678901234567890123456789012345678",
    "0.000000000000000000000000000001",
    "1000000000000000000000000000000000000000",
];
const STRINGS: &[&str] = &["", "a", "Hello", "ünïcødé ✓", "with \"quotes\" and \\", "line\nbreak", "S", "NULL"];
const BINARIES: &[&str] = &["", "AA==", "AAEqQQ==", "dGVzdA==", "/+/+", "SGVsbG8gV29ybGQ="];

/// A random AttributeValue, up to `depth` levels of maps and lists.
fn attribute(rng: &mut Rng, depth: u32) -> Value {
    let kinds = if depth == 0 { 8 } else { 10 };
    match rng.below(kinds) {
        0 => serde_json::json!({"S": rng.pick(STRINGS)}),
        1 => serde_json::json!({"N": rng.pick(NUMBERS)}),
        2 => serde_json::json!({"BOOL": rng.below(2) == 1}),
        3 => serde_json::json!({"B": rng.pick(BINARIES)}),
        4 => serde_json::json!({"NULL": true}),
        5 => {
            serde_json::json!({"SS": (0..rng.below(3)).map(|_| rng.pick(STRINGS)).collect::<Vec<_>>()})
        }
        6 => {
            serde_json::json!({"NS": (0..rng.below(3)).map(|_| rng.pick(NUMBERS)).collect::<Vec<_>>()})
        }
        7 => {
            serde_json::json!({"BS": (0..rng.below(3)).map(|_| rng.pick(BINARIES)).collect::<Vec<_>>()})
        }
        8 => serde_json::json!({"M": item(rng, depth - 1)}),
        _ => {
            serde_json::json!({"L": (0..rng.below(4)).map(|_| attribute(rng, depth - 1)).collect::<Vec<_>>()})
        }
    }
}

/// A random item: a map of attribute names to attribute values.
fn item(rng: &mut Rng, depth: u32) -> Value {
    let names = ["id", "name", "S", "N", "M", "nested", "x y", "ü", "list", "n"];
    let mut map = serde_json::Map::new();
    for _ in 0..rng.below(6) {
        map.insert(rng.pick(&names).to_owned(), attribute(rng, depth));
    }
    Value::Object(map)
}

fn has_binary(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.contains_key("B") || map.contains_key("BS") || map.values().any(has_binary),
        Value::Array(items) => items.iter().any(has_binary),
        _ => false,
    }
}

#[test]
fn generated_items_decode_exactly_as_serde_dynamo_reads_them() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut compared_as_json = 0;
    for _ in 0..2_000 {
        let item = item(&mut rng, 3);
        let json = item.to_string();
        agree::<Seen>(&json).expect("valid items decode");
        agree::<BTreeMap<String, Seen>>(&json).expect("as a map");
        if !has_binary(&item) {
            // serde_dynamo cannot give JSON bytes; without them, plain JSON agrees too.
            agree::<Value>(&json).expect("as plain JSON");
            compared_as_json += 1;
        }
    }
    assert!(compared_as_json > 200, "enough items without binary: {compared_as_json}");
}

#[test]
fn numbers_decode_into_the_type_asked_for() {
    for number in NUMBERS {
        let json = format!(r#"{{"n": {{"N": "{number}"}}}}"#);
        let _ = agree::<HashMap<String, i8>>(&json);
        let _ = agree::<HashMap<String, i32>>(&json);
        let _ = agree::<HashMap<String, i64>>(&json);
        let _ = agree::<HashMap<String, u8>>(&json);
        let _ = agree::<HashMap<String, u64>>(&json);
        // A number beyond f32's range is infinity through serde_dynamo; faaskit refuses it.
        match reference::<HashMap<String, f32>>(&json) {
            Ok(map) if map["n"].is_infinite() => assert!(faaskit::<HashMap<String, f32>>(&json).is_err(), "{json}"),
            _ => drop(agree::<HashMap<String, f32>>(&json)),
        }
        let _ = agree::<HashMap<String, f64>>(&json);
        let _ = agree::<HashMap<String, Seen>>(&json);
    }
    let big: HashMap<String, u64> = faaskit(r#"{"n": {"N": "18446744073709551615"}}"#).expect("u64::MAX");
    assert_eq!(big["n"], u64::MAX);
    let float: HashMap<String, f64> = faaskit(r#"{"n": {"N": "-1.5E10"}}"#).expect("exponent");
    assert_eq!(float["n"], -1.5e10);
    let int: Result<HashMap<String, i64>, _> = faaskit(r#"{"n": {"N": "1e3"}}"#);
    assert!(int.is_err(), "an exponent is not an integer, as in serde_dynamo");
}

/// A byte buffer that asks for bytes, as `serde_bytes::ByteBuf` does.
#[derive(Debug, PartialEq, Serialize)]
struct ByteBuf(#[serde(serialize_with = "as_bytes")] Vec<u8>);

fn as_bytes<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(bytes)
}

impl<'de> Deserialize<'de> for ByteBuf {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ByteBuf;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<ByteBuf, E> {
                Ok(ByteBuf(v.to_vec()))
            }
        }
        d.deserialize_byte_buf(V)
    }
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Order {
    order_id: String,
    customer: Customer,
    total: f64,
    quantity: u32,
    discount: Option<i16>,
    note: Option<String>,
    paid: bool,
    tags: Vec<String>,
    lines: Vec<Line>,
    status: Status,
    payment: Payment,
    scores: HashMap<String, i64>,
    pair: (u8, String),
    signature: ByteBuf,
    nothing: (),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Customer {
    id: u64,
    email: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Line {
    sku: String,
    price: f64,
    quantity: i32,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Status {
    Placed,
    Shipped,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Payment {
    Card { last4: String },
    Voucher(String),
    Cash,
}

fn order(rng: &mut Rng, n: u64) -> Order {
    let lines = (0..rng.below(4))
        .map(|i| Line {
            sku: format!("SKU-{i}"),
            price: rng.below(10_000) as f64 / 100.0,
            quantity: rng.below(20) as i32 - 5,
        })
        .collect();
    Order {
        order_id: format!("order-{n}"),
        customer: Customer { id: rng.next(), email: format!("c{n}@example.com") },
        total: (rng.below(1_000_000) as f64) / 100.0 - 5_000.0,
        quantity: rng.below(u32::MAX as u64) as u32,
        discount: if rng.below(2) == 0 { None } else { Some(rng.below(200) as i16 - 100) },
        note: if rng.below(2) == 0 { None } else { Some(rng.pick(STRINGS).to_owned()) },
        paid: rng.below(2) == 1,
        tags: (0..rng.below(3)).map(|i| format!("tag{i}")).collect(),
        lines,
        status: if rng.below(2) == 0 { Status::Placed } else { Status::Shipped },
        payment: match rng.below(3) {
            0 => Payment::Card { last4: "4242".into() },
            1 => Payment::Voucher("WELCOME".into()),
            _ => Payment::Cash,
        },
        scores: (0..rng.below(3)).map(|i| (format!("k{i}"), rng.next() as i64)).collect(),
        pair: (rng.below(256) as u8, "second".into()),
        signature: ByteBuf((0..rng.below(8)).map(|_| rng.below(256) as u8).collect()),
        nothing: (),
    }
}

#[test]
fn user_structs_written_by_serde_dynamo_read_back() {
    let mut rng = Rng(42);
    for n in 0..500 {
        let original = order(&mut rng, n);
        let item: serde_dynamo::Item = serde_dynamo::to_item(&original).expect("serde_dynamo writes it");
        let json = serde_json::to_string(&item).expect("JSON");
        let decoded = agree::<Order>(&json).expect("reads back");
        assert_eq!(decoded, original);
    }
}

#[derive(Debug, PartialEq, Deserialize)]
#[allow(dead_code)]
struct Strict {
    id: u32,
    name: String,
    lines: Vec<Line>,
}

#[test]
fn type_mismatches_fail_and_name_the_attribute() {
    let cases: &[(&str, &str, &str)] = &[
        (
            r#"{"id": {"S": "1"}, "name": {"S": "a"}, "lines": {"L": []}}"#,
            "id",
            "invalid type: a string attribute (S), expected u32",
        ),
        (
            r#"{"id": {"N": "-1"}, "name": {"S": "a"}, "lines": {"L": []}}"#,
            "id",
            "the number \"-1\" is not a valid u32",
        ),
        (
            r#"{"id": {"N": "1"}, "name": {"BOOL": true}, "lines": {"L": []}}"#,
            "name",
            "invalid type: a boolean attribute (BOOL), expected a string",
        ),
        (r#"{"id": {"N": "1"}, "name": {"S": "a"}, "lines": {"SS": ["x"]}}"#, "lines[0]", "expected struct Line"),
        (
            r#"{"id": {"N": "1"}, "name": {"S": "a"}, "lines": {"L": [{"M": {"sku": {"S": "x"}, "price": {"N": "1"}, "quantity": {"BOOL": true}}}]}}"#,
            "lines[0].quantity",
            "invalid type: a boolean attribute (BOOL), expected i32",
        ),
        (r#"{"id": {"N": "1"}, "name": {"S": "a"}}"#, "", "missing field `lines`"),
        (r#"{"id": {"X": "1"}, "name": {"S": "a"}, "lines": {"L": []}}"#, "id", "unknown variant `X`"),
        (r#"{"id": {}, "name": {"S": "a"}, "lines": {"L": []}}"#, "id", "this one is empty"),
        (r#"{"id": {"N": "1", "S": "1"}, "name": {"S": "a"}, "lines": {"L": []}}"#, "id", "exactly one key"),
        (
            r#"{"id": {"N": 1}, "name": {"S": "a"}, "lines": {"L": []}}"#,
            "id",
            "invalid type: integer `1`, expected a number written as a string",
        ),
        (
            r#"{"id": {"N": "1"}, "name": {"S": "a"}, "lines": {"L": []}, "extra": {"B": "%%%"}}"#,
            "extra",
            "not valid base64",
        ),
        (
            r#"{"id": {"N": "1"}, "name": {"S": "a"}, "lines": {"L": []}, "extra": {"BS": ["AA==", "é"]}}"#,
            "extra[1]",
            "a binary value (B, or an element of BS) is not valid base64: `é` at offset 0 is not a base64 character",
        ),
        (
            r#"{"id": {"N": "1"}, "name": {"S": "a"}, "lines": {"L": []}, "extra": {"NULL": false}}"#,
            "extra",
            "must be `true`",
        ),
        (r#"[]"#, "", "invalid type: sequence"),
    ];
    for (json, attribute, detail) in cases {
        let ours = decode_item::<Strict>(json).expect_err(json);
        assert!(reference::<Strict>(json).is_err(), "serde_dynamo fails too on {json}");
        assert_eq!(ours.attribute(), *attribute, "{json}: {ours}");
        assert!(ours.detail().contains(detail), "{json}: {ours}");
        assert!(ours.to_string().starts_with("the item is not a valid Strict"), "{ours}");
    }
}

/// Where faaskit departs from `serde_dynamo`: a `String` takes an `N` as its digits, all 38 of
/// them, where `f64` (and `serde_json::Value`) keeps about 16.
#[test]
fn a_string_field_keeps_a_number_exactly() {
    #[derive(Debug, Deserialize)]
    struct Exact {
        big: String,
        small: String,
        set: Vec<String>,
    }
    let json = r#"{"big": {"N": "12345678901234567890123456789012345678"}, "small": {"N": "-0.10"},
        "set": {"NS": ["99999999999999999999", "1E-130"]}}"#;
    let exact: Exact = decode_item(json).expect("digits");
    assert_eq!(exact.big, "12345678901234567890123456789012345678");
    assert_eq!(exact.small, "-0.10");
    assert_eq!(exact.set, ["99999999999999999999", "1E-130"]);
    assert!(reference::<Exact>(json).is_err(), "serde_dynamo refuses an N as a string");
    let plain: Value = decode_item(json).expect("plain");
    assert_eq!(plain["big"], 1.2345678901234568e37);
}

#[test]
fn plain_json_keeps_every_shape() {
    let json = r#"{
        "Id": {"N": "101"}, "Price": {"N": "-12.5"}, "Big": {"N": "18446744073709551615"},
        "Name": {"S": "Widget"}, "InStock": {"BOOL": false}, "Gone": {"NULL": true},
        "Dims": {"L": [{"N": "1"}, {"M": {"unit": {"S": "cm"}}}]}, "Colors": {"SS": ["red"]},
        "Sizes": {"NS": ["1", "2.5"]}, "Blob": {"B": "AAEqQQ=="}, "Blobs": {"BS": ["AA=="]}
    }"#;
    let plain: Value = decode_item(json).expect("plain");
    assert_eq!(
        plain,
        serde_json::json!({
            "Id": 101, "Price": -12.5, "Big": 18446744073709551615u64, "Name": "Widget",
            "InStock": false, "Gone": null, "Dims": [1, {"unit": "cm"}], "Colors": ["red"],
            "Sizes": [1, 2.5], "Blob": "AAEqQQ==", "Blobs": ["AA=="]
        })
    );
    let err = decode_item::<Value>(r#"{"Blob": {"B": "not base64"}}"#).expect_err("checked");
    assert_eq!(err.attribute(), "Blob");
}

/// A `serde_json::Value` anywhere in the image type (a field, a list of them, a map of them)
/// gets a binary attribute as its base64 text, as a `Value` image does: JSON has no bytes, and a
/// `Value` refuses them, which failed the record (and stalled its stream) on the first `B`.
#[test]
fn a_value_inside_the_image_takes_binary_as_base64_text() {
    #[derive(Debug, Deserialize)]
    struct Item {
        id: String,
        blob: Value,
        history: Vec<Value>,
    }
    let json = r#"{"id": {"S": "1"}, "blob": {"B": "AAEC"},
        "history": {"L": [{"N": "1"}, {"BS": ["AQI=", "/w=="]}, {"M": {"raw": {"B": "AAEC"}}}]}}"#;
    let item: Item = decode_item(json).expect("a Value takes binary as text");
    assert_eq!(item.id, "1");
    assert_eq!(item.blob, Value::from("AAEC"));
    assert_eq!(
        item.history,
        [serde_json::json!(1), serde_json::json!(["AQI=", "/w=="]), serde_json::json!({"raw": "AAEC"})]
    );
    let map: HashMap<String, Value> = decode_item(json).expect("a map of Values");
    assert_eq!(map["blob"], "AAEC");
    assert_eq!(map, decode_item::<HashMap<String, Value>>(json).expect("the same again"));
    let whole: Value = decode_item(json).expect("a Value image");
    assert_eq!(Value::Object(map.into_iter().collect()), whole, "nested or whole, the same JSON");
}

/// A `Vec<u8>` or `[u8; N]` field takes a `B` attribute's bytes as they are, as
/// `serde_bytes::ByteBuf` does (serde_dynamo needs `#[serde(with = "serde_bytes")]` there); a
/// `BS` set is a list of them, and a list of numbers (what `serde_dynamo::to_item` writes for a
/// `Vec<u8>`) still decodes.
#[test]
fn a_byte_vector_takes_binary_as_it_is() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct Blob {
        data: Vec<u8>,
        digest: [u8; 2],
        parts: Vec<Vec<u8>>,
    }
    let json = r#"{"data": {"B": "AAEC/w=="}, "digest": {"B": "q80="}, "parts": {"BS": ["AQ==", "AgM="]}}"#;
    let blob: Blob = decode_item(json).expect("bytes into Vec<u8> and [u8; 2]");
    assert_eq!(blob, Blob { data: vec![0, 1, 2, 255], digest: [0xab, 0xcd], parts: vec![vec![1], vec![2, 3]] });
    let from_numbers: Blob = decode_item(
        r#"{"data": {"L": [{"N": "0"}, {"N": "1"}]}, "digest": {"L": [{"N": "171"}, {"N": "205"}]}, "parts": {"L": []}}"#,
    )
    .expect("a list of numbers, as serde_dynamo writes a Vec<u8>");
    assert_eq!(from_numbers.data, [0, 1]);
    let err = decode_item::<Blob>(r#"{"data": {"B": "AA=="}, "digest": {"B": "AAEC"}, "parts": {"BS": []}}"#)
        .expect_err("three bytes are not two");
    assert!(err.to_string().contains("digest"), "{err}");
    let err = decode_item::<Blob>(r#"{"data": {"B": "not base64!"}, "digest": {"B": "q80="}, "parts": {"BS": []}}"#)
        .expect_err("not base64");
    assert!(err.to_string().contains("is not valid base64"), "{err}");
}

/// Only `u8`s take the bytes of a `B`: a sequence of anything else given one fails, as in
/// serde_dynamo, rather than reading each byte as a number.
#[test]
fn a_binary_attribute_is_not_a_sequence_of_anything_but_bytes() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Scores {
        v: Vec<u16>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Readings {
        v: Vec<f64>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Values {
        v: Vec<Value>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Pair {
        v: (Value, Value),
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Bytes {
        v: (u8, u8),
    }
    let json = r#"{"v": {"B": "AAEC/w=="}}"#;
    let err = decode_item::<Scores>(json).expect_err("u16s are not bytes");
    assert!(err.to_string().contains("a byte of a binary attribute (B)"), "{err}");
    assert!(decode_item::<Readings>(json).is_err());
    assert!(decode_item::<Values>(json).is_err());
    assert!(decode_item::<Pair>(r#"{"v": {"B": "AQI="}}"#).is_err());
    assert_eq!(decode_item::<Bytes>(r#"{"v": {"B": "AQI="}}"#).expect("two bytes").v, (1, 2));
    let err = decode_item::<Bytes>(json).expect_err("four bytes are not two");
    assert!(err.to_string().contains("invalid length 4, expected 2 bytes"), "{err}");
}

/// A newtype around a `u8` is the `u8` in a `B`'s bytes, as in a list of numbers.
#[test]
fn a_newtype_byte_takes_a_binary_attribute_s_bytes() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct Octet(u8);
    #[derive(Debug, Deserialize)]
    struct Packet {
        data: Vec<Octet>,
    }
    let numbers = decode_item::<Packet>(r#"{"data": {"L": [{"N": "1"}, {"N": "2"}]}}"#).expect("numbers");
    let bytes = decode_item::<Packet>(r#"{"data": {"B": "AQI="}}"#).expect("bytes");
    assert_eq!(numbers.data, [Octet(1), Octet(2)]);
    assert_eq!(bytes.data, numbers.data);
}
