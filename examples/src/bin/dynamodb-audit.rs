//! `dynamodb-audit`: an audit trail of a DynamoDB table's changes.
//!
//! | input | output |
//! | --- | --- |
//! | a DynamoDB Streams event | a JSON array, one `{"event", "keys", "new", "old"}` per record |
//! | a payload that is not a DynamoDB Streams event | a function error (`Faaskit.DecodeError`) naming what was wrong |
//! | a record whose keys or an image are not AttributeValue JSON (`{"N": "abc"}`) | a function error (`Faaskit.DecodeError`) naming the record, its `SequenceNumber` and the attribute; Lambda retries the batch, so no change is left out of the trail |
//!
//! `event` is `"INSERT"`, `"MODIFY"` or `"REMOVE"`; `keys`, `new` and `old` are the key and
//! images as plain JSON (`{"Id": {"N": "101"}}` is `{"Id": 101}`; sets are arrays, binary is
//! base64 text), `null` when the stream does not carry that image.
//!
//! ```text
//! cargo run -p faaskit-examples --bin dynamodb-audit
//! ./target/debug/dynamodb-audit example-event > ddb.json
//! curl -s -XPOST localhost:9000/2015-03-31/functions/dynamodb-audit/invocations -d @ddb.json
//! ```

use faaskit::dynamodb::{DynamoDbEvent, ImageError};
use serde::Serialize;
use serde_json::Value;

/// One entry of the trail.
#[derive(Debug, PartialEq, Serialize)]
pub struct Entry {
    /// `INSERT`, `MODIFY` or `REMOVE`.
    pub event: &'static str,
    /// The item's primary key.
    pub keys: Value,
    /// The item after the change.
    pub new: Option<Value>,
    /// The item before the change.
    pub old: Option<Value>,
}

/// One entry per change; a record that did not decode fails the whole trail, so none is skipped.
#[faaskit::handler(name = "dynamodb-audit")]
async fn dynamodb_audit(event: DynamoDbEvent<Value>) -> Result<Vec<Entry>, ImageError> {
    let entries = event.try_into_records()?.into_iter().map(|record| Entry {
        event: record.event_name().as_str(),
        keys: Value::Object(record.keys().clone()),
        new: record.new_image().cloned(),
        old: record.old_image().cloned(),
    });
    Ok(entries.collect())
}

#[cfg(test)]
mod tests {
    use faaskit::testing::{DynamoDbEventBuilder, TestFunction};
    use serde_json::json;

    use super::*;

    #[tokio::test]
    async fn one_entry_per_change_with_plain_images() {
        let key = json!({"Id": 101});
        let builder = DynamoDbEventBuilder::new("Orders")
            .insert(&key, &json!({"Id": 101, "Status": "placed", "Tags": ["a", "b"]}))
            .modify(&key, &json!({"Id": 101, "Status": "placed"}), &json!({"Id": 101, "Status": "paid"}))
            .remove(&key, &json!({"Id": 101, "Status": "paid"}));
        let function = TestFunction::of::<dynamodb_audit>().await.expect("no init");
        let output = function.invoke(&builder).await.expect("a trail");
        assert_eq!(
            output[0],
            json!({"event": "INSERT", "keys": {"Id": 101}, "new": {"Id": 101, "Status": "placed", "Tags": ["a", "b"]}, "old": null})
        );
        assert_eq!(output[1]["new"], json!({"Id": 101, "Status": "paid"}));
        assert_eq!(
            output[2],
            json!({"event": "REMOVE", "keys": {"Id": 101}, "new": null, "old": {"Id": 101, "Status": "paid"}})
        );
    }
}
