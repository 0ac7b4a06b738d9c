//! Kinesis events, written as Kinesis writes them.

use base64::Engine as _;
use bytes::Bytes;
use faaskit_core::testing::TestPayload;
use serde::Serialize;
use serde_json::{Value, json};

use crate::body::FromBody;
use crate::kinesis::KinesisEvent;

/// Builds a Kinesis event the way Kinesis writes it: data base64-encoded, increasing sequence
/// numbers, event ids of shard and sequence number, arrival timestamps.
///
/// # Examples
///
/// ```
/// use faaskit::testing::KinesisEventBuilder;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Reading { sensor: String, celsius: f64 }
///
/// let builder = KinesisEventBuilder::new("sensors")
///     .record_json("s1", &Reading { sensor: "s1".into(), celsius: 21.5 })
///     .record_bytes("s2", b"\xff not JSON");
/// assert_eq!(builder.to_json()["Records"][0]["kinesis"]["data"], "eyJzZW5zb3IiOiJzMSIsImNlbHNpdXMiOjIxLjV9");
///
/// let event = builder.build::<Reading>();
/// assert_eq!(event.records()[0].data().map(|r| r.celsius), Some(21.5));
/// assert!(event.records()[1].decode_error().is_some());
/// ```
#[derive(Clone, Debug)]
pub struct KinesisEventBuilder {
    stream: String,
    records: Vec<Value>,
}

impl KinesisEventBuilder {
    /// An event of stream `stream`, with no record yet.
    pub fn new(stream: &str) -> Self {
        Self { stream: stream.to_owned(), records: Vec::new() }
    }

    /// Adds a record of `data`, as the producer put it, with partition key `partition_key`.
    #[must_use]
    pub fn record_bytes(mut self, partition_key: &str, data: &[u8]) -> Self {
        let n = self.records.len() as u128;
        // Kinesis sequence numbers are 56 decimal digits; keep the documented prefix, count up.
        let sequence_number = format!("4959033827149025660855969253836157109592157598913{:07}", 6_588_898 + n);
        self.records.push(json!({
            "kinesis": {
                "kinesisSchemaVersion": "1.0",
                "partitionKey": partition_key,
                "sequenceNumber": sequence_number,
                "data": base64::engine::general_purpose::STANDARD.encode(data),
                "approximateArrivalTimestamp": 1_714_564_800.0 + n as f64 / 1000.0
            },
            "eventSource": "aws:kinesis",
            "eventVersion": "1.0",
            "eventID": format!("shardId-000000000006:{sequence_number}"),
            "eventName": "aws:kinesis:record",
            "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
            "awsRegion": "us-east-1",
            "eventSourceARN": format!("arn:aws:kinesis:us-east-1:123456789012:stream/{}", self.stream)
        }));
        self
    }

    /// Adds a record whose data is `value` as JSON.
    ///
    /// # Panics
    ///
    /// When `value` cannot be written as JSON.
    #[must_use]
    pub fn record_json<T: Serialize>(self, partition_key: &str, value: &T) -> Self {
        let data = serde_json::to_vec(value).unwrap_or_else(|err| panic!("the data is not JSON: {err}"));
        self.record_bytes(partition_key, &data)
    }

    /// The identifier each record has in a [`BatchResponse`](crate::batch::BatchResponse), in
    /// the order the records were added: its sequence number (`kinesis.sequenceNumber`). To compare with
    /// [`failed_identifiers`](crate::batch::BatchResponse::failed_identifiers).
    pub fn item_identifiers(&self) -> Vec<String> {
        self.records
            .iter()
            .map(|record| record["kinesis"]["sequenceNumber"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// The event's wire JSON.
    pub fn to_json(&self) -> Value {
        json!({ "Records": self.records })
    }

    /// The event decoded from its wire JSON, data into `T`, as a handler receives it.
    ///
    /// # Panics
    ///
    /// Never: data that is not a `T` fails only its record.
    pub fn build<T: FromBody>(&self) -> KinesisEvent<T> {
        faaskit_core::decode_event(self.to_payload().as_ref()).unwrap_or_else(|err| panic!("{err}"))
    }
}

impl TestPayload for KinesisEventBuilder {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}
