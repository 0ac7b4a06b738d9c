//! `s3-inventory`: lists the objects an S3 event notification is about.
//!
//! | input | output |
//! | --- | --- |
//! | an S3 event notification | a JSON array, one `{"bucket", "key", "size", "event"}` per record, in order |
//! | a payload that is not an S3 event, or a key whose escapes are not UTF-8 | a function error (`Faaskit.DecodeError`) naming what was wrong |
//!
//! `key` is decoded (`holiday+photos/%C3%A9t%C3%A9.jpg` is `holiday photos/été.jpg`); `size` is
//! `null` for removals; `event` is the record's `eventName` as sent (`"ObjectCreated:Put"`).
//!
//! ```text
//! cargo run -p faaskit-examples --bin s3-inventory
//! ./target/debug/s3-inventory example-event > s3.json
//! curl -s -XPOST localhost:9000/2015-03-31/functions/s3-inventory/invocations -d @s3.json
//! ```

use faaskit::s3::S3Event;
use serde::Serialize;

/// One object of the event.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The bucket's name.
    pub bucket: String,
    /// The object key, decoded.
    pub key: String,
    /// The object's size in bytes (`null` on removals).
    pub size: Option<u64>,
    /// The record's `eventName`, as sent.
    pub event: String,
}

/// Lists the objects of an S3 event, one item per record.
#[faaskit::handler(name = "s3-inventory")]
async fn s3_inventory(event: S3Event) -> Vec<Item> {
    event
        .iter()
        .map(|record| Item {
            bucket: record.bucket().to_owned(),
            key: record.key().to_owned(),
            size: record.size(),
            event: record.event_name().to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use faaskit::testing::{S3EventBuilder, TestFunction};
    use serde_json::json;

    use super::*;

    #[tokio::test]
    async fn lists_every_record_with_its_key_decoded() {
        let event = S3EventBuilder::new("photos").put("a+b c.txt", 1024).delete("old/été.txt").build();
        let items = s3_inventory(event).await;
        assert_eq!(items[0].key, "a+b c.txt");
        assert_eq!(
            items[1],
            Item {
                bucket: "photos".into(),
                key: "old/été.txt".into(),
                size: None,
                event: "ObjectRemoved:Delete".into()
            }
        );
    }

    #[tokio::test]
    async fn answers_through_the_whole_pipeline() {
        let function = TestFunction::of::<s3_inventory>().await.expect("no init");
        let output = function.invoke(S3EventBuilder::new("photos").put("a+b c.txt", 7)).await.expect("lists");
        assert_eq!(output, json!([{"bucket": "photos", "key": "a+b c.txt", "size": 7, "event": "ObjectCreated:Put"}]));
        let error = function
            .invoke(json!({"Records": [{"eventName": "ObjectCreated:Put",
            "s3": {"bucket": {"name": "b"}, "object": {"key": "bad%FF"}}}]}))
            .await
            .expect_err("a bad key");
        assert_eq!(error.error_type, "Faaskit.DecodeError");
        assert!(
            error.error_message.contains("record 0") && error.error_message.contains("bad%FF"),
            "{}",
            error.error_message
        );
    }
}
