//! The `dynamodb-audit` example, run for real, locally and on a Runtime API peer: one
//! `{"event", "keys", "new", "old"}` per record, images as plain JSON.

mod support;

use faaskit::testing::{DynamoDbEventBuilder, TestPayload};
use serde_json::json;
use support::{Expect, assert_contract};

const DYNAMODB_AUDIT: &str = env!("CARGO_BIN_EXE_dynamodb-audit");

fn payload(builder: &DynamoDbEventBuilder) -> String {
    String::from_utf8(builder.to_payload().to_vec()).expect("UTF-8")
}

/// A good record, then one with these `dynamodb` fields (and sequence number 222).
fn bad_record(fields: &str) -> String {
    format!(
        r#"{{"Records": [
            {{"eventID": "1", "eventName": "INSERT", "dynamodb": {{"Keys": {{"Id": {{"N": "7"}}}}, "SequenceNumber": "111"}}}},
            {{"eventID": "2", "eventName": "INSERT", "dynamodb": {{{fields}, "SequenceNumber": "222"}}}}
        ]}}"#
    )
}

#[tokio::test]
async fn audits_changes_in_both_modes() {
    let key = json!({"Id": 101});
    let changes = DynamoDbEventBuilder::new("Orders")
        .insert(&key, &json!({"Id": 101, "Total": 12.5, "Tags": ["gift"], "Lines": [{"Sku": "A", "Qty": 2}], "Paid": false, "Note": null}))
        .modify(&key, &json!({"Id": 101, "Paid": false}), &json!({"Id": 101, "Paid": true}))
        .remove(&key, &json!({"Id": 101, "Paid": true}))
        .keys_only("REMOVE", &json!({"Id": 102}));
    // As DynamoDB writes it: numbers as strings, sets, maps, binary.
    let handwritten = json!({"Records": [{
        "eventID": "1", "eventName": "MODIFY", "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
        "dynamodb": {
            "Keys": {"Id": {"N": "101"}},
            "NewImage": {"Id": {"N": "101"}, "Price": {"N": "-3.25"}, "Big": {"N": "12345678901234567890"},
                         "Sizes": {"NS": ["1", "2"]}, "Names": {"SS": ["a", "b"]}, "Blob": {"B": "AAEqQQ=="},
                         "Nested": {"M": {"L": {"L": [{"S": "x"}, {"BOOL": true}, {"NULL": true}]}}}},
            "SequenceNumber": "111", "SizeBytes": 26, "StreamViewType": "NEW_IMAGE"
        },
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-05-01T00:00:00.000"
    }]});
    let cases = vec![
        (
            payload(&changes),
            Expect::Output(json!([
                {"event": "INSERT", "keys": {"Id": 101}, "new": {"Id": 101, "Total": 12.5, "Tags": ["gift"], "Lines": [{"Sku": "A", "Qty": 2}], "Paid": false, "Note": null}, "old": null},
                {"event": "MODIFY", "keys": {"Id": 101}, "new": {"Id": 101, "Paid": true}, "old": {"Id": 101, "Paid": false}},
                {"event": "REMOVE", "keys": {"Id": 101}, "new": null, "old": {"Id": 101, "Paid": true}},
                {"event": "REMOVE", "keys": {"Id": 102}, "new": null, "old": null},
            ])),
        ),
        (
            handwritten.to_string(),
            Expect::Output(json!([{"event": "MODIFY", "keys": {"Id": 101},
                "new": {"Id": 101, "Price": -3.25, "Big": 12345678901234567890u64, "Sizes": [1, 2], "Names": ["a", "b"],
                        "Blob": "AAEqQQ==", "Nested": {"L": ["x", true, null]}},
                "old": null}])),
        ),
        (
            r#"{"Records": [{"eventName": "UPSERT", "dynamodb": {}}]}"#.to_owned(),
            Expect::Error("Faaskit.DecodeError", "UPSERT"),
        ),
        (r#"{"Records": 5}"#.to_owned(), Expect::Error("Faaskit.DecodeError", "Records")),
        // A record whose image or keys are not AttributeValue JSON fails the trail, named, rather
        // than being audited as `null` / `{}`.
        (
            bad_record(r#""Keys": {"Id": {"N": "1"}}, "NewImage": {"Id": {"N": "1"}, "Total": {"N": "abc"}}"#),
            Expect::Error(
                "Faaskit.DecodeError",
                "record 1 (SequenceNumber 222): the NewImage is not a valid Value: at Total (Records[1].dynamodb.NewImage.Total.N)",
            ),
        ),
        (
            bad_record(r#""Keys": {"Id": {"X": "1"}}"#),
            Expect::Error(
                "Faaskit.DecodeError",
                "record 1 (SequenceNumber 222): the Keys are not a valid Map<String, Value>: at Id (Records[1].dynamodb.Keys.Id.X)",
            ),
        ),
        (
            payload(&changes),
            Expect::Output(json!([
                {"event": "INSERT", "keys": {"Id": 101}, "new": {"Id": 101, "Total": 12.5, "Tags": ["gift"], "Lines": [{"Sku": "A", "Qty": 2}], "Paid": false, "Note": null}, "old": null},
                {"event": "MODIFY", "keys": {"Id": 101}, "new": {"Id": 101, "Paid": true}, "old": {"Id": 101, "Paid": false}},
                {"event": "REMOVE", "keys": {"Id": 101}, "new": null, "old": {"Id": 101, "Paid": true}},
                {"event": "REMOVE", "keys": {"Id": 102}, "new": null, "old": null},
            ])),
        ),
    ];
    assert_contract(DYNAMODB_AUDIT, "dynamodb-audit", &cases).await;
}
