//! The sample event `FAASKIT_PRINT_EXAMPLE_EVENT=1` prints: the shape AWS documents, with
//! images of the handler's own type.

use std::any::TypeId;

use faaskit_core::ExampleEvent;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::event::DynamoDbEvent;

/// The image of the AWS documentation's sample event.
fn documented_image(message: &str) -> Value {
    json!({"Id": {"N": "101"}, "Message": {"S": message}})
}

/// A sample image of `T` as DynamoDB writes it, traced from `T`'s `Deserialize`.
pub(crate) fn sample_image<T: DeserializeOwned + 'static>() -> Option<Value> {
    if TypeId::of::<T>() == TypeId::of::<Value>() {
        return None;
    }
    let plain = faaskit_core::trace_sample::<T>()?;
    let item: serde_dynamo::Item = serde_dynamo::to_item(plain).ok()?;
    let image = serde_json::to_value(item).ok()?;
    // Only a sample that reads back as a T is worth printing.
    super::image::decode::<T>(&image.to_string()).ok()?;
    Some(image)
}

/// The key of a sample image: its `id`-like attribute, or its first one.
fn key_of(image: &Value) -> Value {
    let Some(map) = image.as_object() else {
        return json!({});
    };
    let key = map.keys().find(|name| name.to_ascii_lowercase().ends_with("id")).or_else(|| map.keys().next());
    match key {
        Some(name) => json!({ name: map[name] }),
        None => json!({}),
    }
}

fn record(event_name: &str, sequence: &str, keys: &Value, new: Option<&Value>, old: Option<&Value>) -> Value {
    let mut dynamodb = json!({
        "ApproximateCreationDateTime": 1_428_537_600,
        "Keys": keys,
        "SequenceNumber": sequence,
        "SizeBytes": 26,
        "StreamViewType": "NEW_AND_OLD_IMAGES",
    });
    if let Some(new) = new {
        dynamodb["NewImage"] = new.clone();
    }
    if let Some(old) = old {
        dynamodb["OldImage"] = old.clone();
    }
    json!({
        "eventID": format!("c4ca4238a0b923820dcc509a6f75849{}", &sequence[sequence.len() - 1..]),
        "eventName": event_name,
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1",
        "dynamodb": dynamodb,
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899",
    })
}

impl<T: DeserializeOwned + 'static> ExampleEvent for DynamoDbEvent<T> {
    /// An insert, a modification and a removal, as in the AWS documentation, with images of `T`
    /// when its shape can be traced.
    fn example_event() -> Value {
        let (new, old) = match sample_image::<T>() {
            Some(image) => (image.clone(), image),
            None => (documented_image("New item!"), documented_image("This item has changed")),
        };
        let keys = key_of(&new);
        json!({
            "Records": [
                record("INSERT", "111", &keys, Some(&new), None),
                record("MODIFY", "222", &keys, Some(&new), Some(&old)),
                record("REMOVE", "333", &keys, None, Some(&old)),
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dynamodb::EventName;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Order {
        order_id: String,
        total: f64,
        lines: Vec<String>,
    }

    #[test]
    fn the_plain_sample_is_the_documented_one() {
        let sample = DynamoDbEvent::<Value>::example_event();
        let event: DynamoDbEvent = faaskit_core::decode_event(sample.to_string().as_bytes()).expect("decodes");
        let names: Vec<EventName> = event.iter().map(|r| r.event_name()).collect();
        assert_eq!(names, [EventName::Insert, EventName::Modify, EventName::Remove]);
        assert_eq!(event.records()[0].new_image(), Some(&json!({"Id": 101, "Message": "New item!"})));
        assert_eq!(event.records()[0].keys()["Id"], 101);
    }

    #[test]
    fn typed_samples_carry_images_of_the_type() {
        let sample = DynamoDbEvent::<Order>::example_event();
        assert_eq!(sample["Records"][0]["dynamodb"]["NewImage"]["total"], json!({"N": "0"}));
        assert_eq!(sample["Records"][0]["dynamodb"]["Keys"], json!({"order_id": {"S": "order_id"}}));
        let event: DynamoDbEvent<Order> = faaskit_core::decode_event(sample.to_string().as_bytes()).expect("decodes");
        assert!(event.iter().all(|record| record.decode_error().is_none()));
        assert_eq!(event.records()[2].old_image().map(|order| order.order_id.as_str()), Some("order_id"));
    }
}
