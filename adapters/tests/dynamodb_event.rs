//! DynamoDB stream events: the `aws_lambda_events` fixtures, faaskit's own edge cases, typed
//! images, per-record failures, partial batch responses, errors, and interop.

#![cfg(feature = "dynamodb")]

use aws_lambda_events::dynamodb as aws;
use faaskit_adapters::batch::BatchRecord;
use faaskit_adapters::dynamodb::{DynamoDbEvent, DynamoDbRecord, EventName, ImageName, StreamViewType};
use faaskit_core::decode_event;
use serde::Deserialize;
use serde_json::{Value, json};

fn fixture(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Order {
    pk: String,
    sk: u32,
    customer: String,
    total: f64,
    items: Vec<Item>,
    tags: Vec<String>,
    paid: bool,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Item {
    sku: String,
    qty: u32,
}

#[test]
fn the_documented_event_decodes_with_every_field() {
    let event: DynamoDbEvent =
        decode_event(&fixture("aws_lambda_events/example-dynamodb-event.json")).expect("decodes");
    assert_eq!(event.len(), 2);
    let record = &event.records()[1];
    assert_eq!(record.event_id(), Some("f07f8ca4b0b26cb9c4e5e77e42f274ee"));
    assert_eq!(record.event_name(), EventName::Insert);
    assert_eq!(record.event_version(), Some("1.1"));
    assert_eq!(record.event_source(), Some("aws:dynamodb"));
    assert_eq!(record.aws_region(), Some("us-east-1"));
    assert_eq!(record.sequence_number(), Some("1405400000000002063282832"));
    assert_eq!(record.size_bytes(), Some(54));
    assert_eq!(record.stream_view_type(), Some(StreamViewType::NewAndOldImages));
    assert_eq!(record.table_name(), Some("Example-Table"));
    assert_eq!(record.approximate_creation_time().map(|t| t.to_rfc3339()), Some("2016-12-02T01:27:00+00:00".into()));
    assert_eq!(record.keys(), json!({"val": "data", "key": "binary"}).as_object().expect("map"));
    let new = record.new_image().expect("new image");
    assert_eq!(new["IntegerNumber"], 123);
    assert_eq!(new["NumberSet"], json!([1234, 567.8]));
    assert_eq!(new["Map"], json!({"Name": "Joe", "Age": 35}));
    assert_eq!(new["asdf1"], "AAEqQQ==");
    assert_eq!(record.old_image(), None);
    assert!(record.decode_error().is_none());
    assert_eq!(record.item_identifier(), "1405400000000002063282832");
    // The first record was written by Time to Live? No: it is an INSERT with a service identity.
    assert!(!event.records()[0].is_time_to_live_removal());
    assert_eq!(event.records()[0].user_identity().map(|u| u.principal_id.as_str()), Some("dynamodb.amazonaws.com"));
}

#[test]
fn a_record_kept_after_its_event_keeps_its_strings() {
    let event: DynamoDbEvent =
        decode_event(&fixture("aws_lambda_events/example-dynamodb-event.json")).expect("decodes");
    let kept = event.into_records().pop().expect("two records");
    assert_eq!(kept.event_id(), Some("f07f8ca4b0b26cb9c4e5e77e42f274ee"));
    assert_eq!(kept.sequence_number(), Some("1405400000000002063282832"));
    assert_eq!(kept.table_name(), Some("Example-Table"));
    let copy = kept.clone();
    drop(kept);
    assert_eq!(copy.aws_region(), Some("us-east-1"));
    let debug = format!("{copy:?}");
    for shown in [r#"event_id: Some("f07f8ca4b0b26cb9c4e5e77e42f274ee")"#, "event_name: Insert", r#"new_image: Some("#]
    {
        assert!(debug.contains(shown), "{shown} in {debug}");
    }
}

#[test]
fn null_images_are_absent() {
    let event: DynamoDbEvent =
        decode_event(&fixture("aws_lambda_events/example-dynamodb-event-null-items.json")).expect("decodes");
    assert_eq!(event.len(), 2);
    let record = &event.records()[0];
    assert!(record.keys().is_empty());
    assert_eq!((record.new_image(), record.old_image()), (None, None));
    assert!(record.raw_new_image().is_none());
    assert_eq!(event.records()[1].keys().len(), 2);
    assert_eq!(event.records()[1].new_image().map(|image| image.as_object().map(|o| o.len())), Some(Some(17)));
}

#[test]
fn a_lone_record_with_only_some_fields_decodes() {
    let record: DynamoDbRecord =
        serde_json::from_slice(&fixture("aws_lambda_events/example-dynamodb-event-record-with-optional-fields.json"))
            .expect("decodes");
    assert_eq!(record.event_name(), EventName::Insert);
    assert_eq!(record.table_name(), Some("examples"));
    assert_eq!(record.record_format(), Some("application/json"));
    assert_eq!(record.sequence_number(), None);
    assert_eq!(record.item_identifier(), "", "no sequence number: Lambda retries the batch");
    assert_eq!(record.approximate_creation_time(), None);
    assert_eq!(record.stream_view_type(), None);
    assert_eq!(record.size_bytes(), Some(292));
    assert_eq!(
        record.new_image(),
        Some(&json!({"id": "00000000-0000-0000-0000-000000000000", "created": "2022-02-16T15:12:00.14Z"}))
    );
}

#[test]
fn typed_images_decode_and_a_bad_one_fails_only_its_record() {
    let event: DynamoDbEvent<Order> =
        decode_event(&fixture("dynamodb/orders-batch.json")).expect("the envelope decodes");
    assert_eq!(event.len(), 4);
    let [insert, modify, broken, ttl] = event.records() else { panic!("4 records") };

    let order = insert.new_image().expect("typed");
    assert_eq!((order.pk.as_str(), order.sk, order.total), ("ORDER#1001", 1, 59.9));
    assert_eq!(order.items, [Item { sku: "BOOK-7".into(), qty: 2 }]);
    assert_eq!(order.tags, ["gift", "express"]);
    assert_eq!(order.note, None, "NULL is None");

    let images = modify.clone().into_images();
    assert_eq!(images.new.as_ref().map(|o| o.items.len()), Some(2));
    assert_eq!(images.old.as_ref().map(|o| o.total), Some(59.9));
    assert_eq!(images.new.and_then(|o| o.note).as_deref(), Some("leave at the door"));

    let err = broken.decode_error().expect("total is text");
    assert_eq!(err.image(), ImageName::NewImage);
    assert_eq!(err.attribute(), "total");
    assert_eq!(err.record_index(), Some(2));
    assert_eq!(err.json_path(), "Records[2].dynamodb.NewImage.total.S");
    assert_eq!(
        err.to_string(),
        "record 2 (SequenceNumber 100000000000000000003): the NewImage is not a valid Order: \
         at total (Records[2].dynamodb.NewImage.total.S): invalid type: a string attribute (S), expected f64"
    );
    assert!(broken.new_image().is_none());
    assert_eq!(broken.old_image().map(|o| o.total), Some(12.0), "the other image still decodes");
    let as_json: Option<Value> = broken.new_image_as().expect("plain JSON always fits");
    assert_eq!(as_json.map(|v| v["total"].clone()), Some(json!("twelve")));

    assert!(ttl.is_time_to_live_removal());
    assert_eq!(ttl.event_name(), EventName::Remove);
    #[derive(Deserialize)]
    struct Key {
        pk: String,
        sk: u8,
    }
    let key: Key = ttl.keys_as().expect("typed keys");
    assert_eq!((key.pk.as_str(), key.sk), ("ORDER#0999", 1));
}

#[tokio::test]
async fn processing_stops_at_the_first_failure_and_reports_the_rest() {
    let event: DynamoDbEvent<Order> = decode_event(&fixture("dynamodb/orders-batch.json")).expect("decodes");
    let mut seen = Vec::new();
    let response = event
        .process(|record| {
            seen.push(record.sequence_number().map(str::to_owned));
            async { Ok::<_, String>(()) }
        })
        .await;
    assert_eq!(response.failed_identifiers(), ["100000000000000000003", "100000000000000000004"]);
    assert_eq!(seen.len(), 2, "the broken record and the one after it never reach the handler");

    let event: DynamoDbEvent<Order> = decode_event(&fixture("dynamodb/orders-batch.json")).expect("decodes");
    let response = event
        .process(|record| async move {
            if record.event_name() == EventName::Modify { Err("cannot apply modification") } else { Ok(()) }
        })
        .await;
    assert_eq!(
        response.failed_identifiers(),
        ["100000000000000000002", "100000000000000000003", "100000000000000000004"]
    );

    let event: DynamoDbEvent = decode_event(&fixture("dynamodb/orders-batch.json")).expect("decodes");
    let response = event.process(|_| async { Ok::<_, String>(()) }).await;
    assert!(response.is_success(), "as plain JSON every image fits");
    assert_eq!(serde_json::to_value(&response).expect("JSON"), json!({"batchItemFailures": []}));
}

#[test]
fn keys_only_streams_have_keys_and_no_images() {
    let event: DynamoDbEvent<Order> = decode_event(&fixture("dynamodb/keys-only.json")).expect("decodes");
    let record = &event.records()[0];
    assert_eq!(record.stream_view_type(), Some(StreamViewType::KeysOnly));
    assert_eq!(record.keys(), json!({"Id": 101, "Blob": "AAEqQQ=="}).as_object().expect("map"));
    assert!(record.new_image().is_none() && record.old_image().is_none() && record.decode_error().is_none());
    let time = record.approximate_creation_time().expect("time");
    assert_eq!(time.timestamp_millis(), 1_716_239_000_123);
}

#[test]
fn keys_are_checked_with_the_event_and_built_when_asked() {
    let payload = br#"{"Records": [
        {"eventName": "REMOVE", "dynamodb": {"SequenceNumber": "1", "Keys": {"pk": {"S": "user#1"}, "sk": {"N": "3"}, "Blob": {"B": "AAEqQQ=="}}}},
        {"eventName": "REMOVE", "dynamodb": {"SequenceNumber": "2", "Keys": {"pk": {"S": "user#2"}, "sk": {"N": "three"}}}},
        {"eventName": "REMOVE", "dynamodb": {"SequenceNumber": "3", "Keys": {"pk": {"SS": "user#3"}}}}
    ]}"#;
    let event: DynamoDbEvent<Order> = decode_event(payload).expect("the envelope is fine");
    let [good, bad_number, bad_set] = event.records() else { panic!("three records") };

    let copy = good.clone();
    let plain = json!({"pk": "user#1", "sk": 3, "Blob": "AAEqQQ=="});
    assert_eq!(good.keys(), plain.as_object().expect("map"));
    assert_eq!(copy.keys(), good.keys(), "a clone taken before the first call builds the same map");
    assert!(
        format!("{good:?}").contains(r#"keys: {"Blob": String("AAEqQQ=="), "pk": String("user#1"), "sk": Number(3)}"#)
    );
    assert!(good.decode_error().is_none());

    for (record, attribute, why) in [(bad_number, "sk", "three"), (bad_set, "pk", "expected a set of strings")] {
        let err = record.decode_error().expect("the keys do not decode");
        assert_eq!((err.image(), err.attribute()), (ImageName::Keys, attribute), "{err}");
        assert!(err.to_string().contains(why), "{err}");
        assert!(record.keys().is_empty(), "failed keys read as none");
    }
    let failed: Vec<_> = event.records().iter().filter(|record| record.decode_error().is_some()).collect();
    assert_eq!(failed.iter().map(|record| record.item_identifier()).collect::<Vec<_>>(), ["2", "3"]);
}

#[test]
fn a_bad_envelope_fails_the_event_and_says_where() {
    let err = decode_event::<DynamoDbEvent>(&fixture("dynamodb/bad-envelope.json")).expect_err("UPSERT");
    assert_eq!(err.error_type(), faaskit_core::Error::DECODE);
    assert!(
        err.message().starts_with("cannot decode the aws:dynamodb event as DynamoDbEvent")
            && err.message().contains(
                ": record 1 (eventID b2): at Records[1].eventName: unknown variant `UPSERT`, expected one of `INSERT`, `MODIFY`, `REMOVE`"
            ),
        "{}",
        err.message()
    );

    let err = decode_event::<DynamoDbEvent>(br#"{"Records": [{"eventName": "INSERT"}]}"#).expect_err("no dynamodb");
    assert!(err.message().contains("missing field `dynamodb`"), "{}", err.message());
    let err = decode_event::<DynamoDbEvent>(br#"{"records": []}"#).expect_err("wrong case");
    assert!(err.message().contains("missing field `Records`"), "{}", err.message());
    let err =
        decode_event::<DynamoDbEvent>(br#"{"Records": [{"eventName": "INSERT", "dynamodb": {"SizeBytes": "big"}}]}"#)
            .expect_err("size is a number");
    assert!(err.message().contains("at Records[0].dynamodb.SizeBytes"), "{}", err.message());
}

#[test]
fn malformed_attribute_json_fails_only_its_record() {
    let payload = br#"{"Records": [
        {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "1", "Keys": {"Id": {"N": "1"}}, "NewImage": {"Id": {"N": "1"}}}},
        {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "2", "Keys": {"Id": {"Q": "1"}}, "NewImage": {"Id": {"N": "2"}}}}
    ]}"#;
    let event: DynamoDbEvent = decode_event(payload).expect("the envelope is fine");
    assert!(event.records()[0].decode_error().is_none());
    let err = event.records()[1].decode_error().expect("Q is not a type");
    assert_eq!(err.image(), ImageName::Keys);
    assert!(err.to_string().contains("unknown variant `Q`"), "{err}");
    assert!(aws::Event::try_from(&event).is_err(), "the aws types cannot hold it either");
}

#[test]
fn converts_to_the_aws_lambda_events_types() {
    for name in [
        "aws_lambda_events/example-dynamodb-event.json",
        "aws_lambda_events/example-dynamodb-event-null-items.json",
        "dynamodb/orders-batch.json",
        "dynamodb/keys-only.json",
    ] {
        let payload = fixture(name);
        let mut expected: aws::Event = serde_json::from_slice(&payload).expect("aws_lambda_events reads it");
        let ours: DynamoDbEvent = decode_event(&payload).expect("decodes");
        for (theirs, ours) in expected.records.iter_mut().zip(ours.iter()) {
            // aws_lambda_events reads a fraction of a second (1716239000.123) as 0.000123 s;
            // faaskit keeps the milliseconds. Everything else must be equal.
            let time = ours.approximate_creation_time().unwrap_or_default();
            let drift = (theirs.change.approximate_creation_date_time - time).num_milliseconds().abs();
            assert!(drift < 1000, "{name}: {drift} ms apart");
            theirs.change.approximate_creation_date_time = time;
        }
        assert_eq!(aws::Event::try_from(&ours).expect("converts"), expected, "{name}");
        let typed: DynamoDbEvent<Order> = decode_event(&payload).expect("decodes");
        if typed.iter().all(|r| r.decode_error().is_none()) {
            assert_eq!(aws::Event::try_from(typed).expect("converts"), expected, "{name}");
        }
    }
}

#[test]
fn samples_decode_as_their_own_type() {
    use faaskit_core::ExampleEvent;
    let sample = DynamoDbEvent::<Order>::example_event();
    let event: DynamoDbEvent<Order> = decode_event(sample.to_string().as_bytes()).expect("decodes");
    assert_eq!(event.len(), 3);
    assert!(event.iter().all(|record| record.decode_error().is_none()));
    let sample = DynamoDbEvent::<Value>::example_event();
    let event: DynamoDbEvent = decode_event(sample.to_string().as_bytes()).expect("decodes");
    assert_eq!(event.records()[1].old_image(), Some(&json!({"Id": 101, "Message": "This item has changed"})));
}
