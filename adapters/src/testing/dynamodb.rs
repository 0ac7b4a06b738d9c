//! DynamoDB Streams events, written as DynamoDB writes them.

use bytes::Bytes;
use faaskit_core::testing::TestPayload;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::dynamodb::DynamoDbEvent;

/// Builds a DynamoDB Streams event the way DynamoDB writes it: your items as AttributeValue
/// JSON (`{"Id": {"N": "101"}}`), increasing sequence numbers, sizes, the stream view type.
///
/// Items are written by `serde_dynamo`, which sees no sets and no bytes in a Rust type: a
/// `BTreeSet<String>` is written as an `L` where DynamoDB writes an `SS`, and a `Vec<u8>` as an
/// `L` of `N`s where DynamoDB writes a `B` (unless the field is `#[serde(with = "serde_bytes")]`).
/// faaskit decodes both forms into such fields alike; to test with the exact form, edit
/// [`to_json`](Self::to_json) and decode that.
///
/// # Examples
///
/// ```
/// use faaskit::dynamodb::EventName;
/// use faaskit::testing::DynamoDbEventBuilder;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Order { id: u32, status: String }
///
/// let key = serde_json::json!({"id": 101});
/// let builder = DynamoDbEventBuilder::new("Orders")
///     .insert(&key, &Order { id: 101, status: "placed".into() })
///     .modify(&key, &Order { id: 101, status: "placed".into() }, &Order { id: 101, status: "paid".into() });
/// assert_eq!(builder.to_json()["Records"][0]["dynamodb"]["NewImage"]["id"], serde_json::json!({"N": "101"}));
///
/// let event = builder.build::<Order>();
/// assert_eq!(event.records()[1].event_name(), EventName::Modify);
/// assert_eq!(event.records()[1].new_image().map(|order| order.status.as_str()), Some("paid"));
/// ```
#[derive(Clone, Debug)]
pub struct DynamoDbEventBuilder {
    table: String,
    records: Vec<Value>,
}

fn attribute_values<T: Serialize>(value: &T) -> Value {
    let item: serde_dynamo::Item =
        serde_dynamo::to_item(value).unwrap_or_else(|err| panic!("not a DynamoDB item (a struct or map): {err}"));
    serde_json::to_value(item).unwrap_or_else(|err| panic!("not JSON: {err}"))
}

impl DynamoDbEventBuilder {
    /// An event of table `table`'s stream, with no record yet.
    pub fn new(table: &str) -> Self {
        Self { table: table.to_owned(), records: Vec::new() }
    }

    fn push(mut self, name: &str, keys: Value, new: Option<Value>, old: Option<Value>) -> Self {
        let n = self.records.len() as u128;
        let view = match (&new, &old) {
            (Some(_), Some(_)) => "NEW_AND_OLD_IMAGES",
            (Some(_), None) if name == "INSERT" => "NEW_AND_OLD_IMAGES",
            (None, Some(_)) => "NEW_AND_OLD_IMAGES",
            _ => "KEYS_ONLY",
        };
        let size = keys.to_string().len() + new.as_ref().map_or(0, |v| v.to_string().len());
        let mut dynamodb = json!({
            "ApproximateCreationDateTime": 1_714_564_800 + n as u64,
            "Keys": keys,
            "SequenceNumber": format!("{}", 111_000_000_000_000_000_000_u128 + n),
            "SizeBytes": size,
            "StreamViewType": view
        });
        if let Some(new) = new {
            dynamodb["NewImage"] = new;
        }
        if let Some(old) = old {
            dynamodb["OldImage"] = old;
        }
        self.records.push(json!({
            "eventID": format!("{:032x}", 0xc4ca_4238_a0b9_2382_0dcc_509a_6f75_849b_u128 + n),
            "eventName": name,
            "eventVersion": "1.1",
            "eventSource": "aws:dynamodb",
            "awsRegion": "us-east-1",
            "dynamodb": dynamodb,
            "eventSourceARN": format!("arn:aws:dynamodb:us-east-1:123456789012:table/{}/stream/2024-05-01T00:00:00.000", self.table)
        }));
        self
    }

    /// Adds an `INSERT` of `new`, whose primary key is `keys`.
    ///
    /// # Panics
    ///
    /// When `keys` or `new` is not a DynamoDB item (a struct or a map).
    #[must_use]
    pub fn insert<K: Serialize, T: Serialize>(self, keys: &K, new: &T) -> Self {
        self.push("INSERT", attribute_values(keys), Some(attribute_values(new)), None)
    }

    /// Adds a `MODIFY` from `old` to `new`.
    ///
    /// # Panics
    ///
    /// As [`insert`](Self::insert).
    #[must_use]
    pub fn modify<K: Serialize, T: Serialize>(self, keys: &K, old: &T, new: &T) -> Self {
        self.push("MODIFY", attribute_values(keys), Some(attribute_values(new)), Some(attribute_values(old)))
    }

    /// Adds a `REMOVE` of `old`.
    ///
    /// # Panics
    ///
    /// As [`insert`](Self::insert).
    #[must_use]
    pub fn remove<K: Serialize, T: Serialize>(self, keys: &K, old: &T) -> Self {
        self.push("REMOVE", attribute_values(keys), None, Some(attribute_values(old)))
    }

    /// Adds a record of a `KEYS_ONLY` stream: no image. A stream has one view type, so an event
    /// mixes these records with the others' (`NEW_AND_OLD_IMAGES`) only in a test.
    ///
    /// # Panics
    ///
    /// As [`insert`](Self::insert).
    #[must_use]
    pub fn keys_only<K: Serialize>(self, event_name: &str, keys: &K) -> Self {
        self.push(event_name, attribute_values(keys), None, None)
    }

    /// The identifier each record has in a [`BatchResponse`](crate::batch::BatchResponse), in
    /// the order the records were added: its sequence number (`dynamodb.SequenceNumber`). To compare with
    /// [`failed_identifiers`](crate::batch::BatchResponse::failed_identifiers).
    pub fn item_identifiers(&self) -> Vec<String> {
        self.records
            .iter()
            .map(|record| record["dynamodb"]["SequenceNumber"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// The event's wire JSON.
    pub fn to_json(&self) -> Value {
        json!({ "Records": self.records })
    }

    /// The event decoded from its wire JSON, images into `T`, as a handler receives it.
    ///
    /// # Panics
    ///
    /// Never: an image that is not a `T` fails only its record.
    pub fn build<T: DeserializeOwned + 'static>(&self) -> DynamoDbEvent<T> {
        faaskit_core::decode_event(self.to_payload().as_ref()).unwrap_or_else(|err| panic!("{err}"))
    }
}

impl TestPayload for DynamoDbEventBuilder {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}
