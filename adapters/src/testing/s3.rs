//! S3 event notifications, written as S3 writes them.

use bytes::Bytes;
use faaskit_core::testing::TestPayload;
use serde_json::{Value, json};

use crate::s3::{S3Event, S3EventKind, encode_key};

/// Builds an S3 event notification the way S3 writes it: keys form-encoded (`my photos/a+b.jpg`
/// travels as `my+photos/a%2Bb.jpg`), ETags, sequencers and request ids filled.
///
/// # Examples
///
/// ```
/// use faaskit::testing::S3EventBuilder;
///
/// let builder = S3EventBuilder::new("photos").put("my photos/a+b.jpg", 1024).delete("old.txt");
/// assert_eq!(builder.to_json()["Records"][0]["s3"]["object"]["key"], "my+photos/a%2Bb.jpg");
///
/// let event = builder.build();
/// assert_eq!(event.records()[0].key(), "my photos/a+b.jpg");
/// assert_eq!(event.records()[1].event_name(), "ObjectRemoved:Delete");
/// ```
#[derive(Clone, Debug)]
pub struct S3EventBuilder {
    bucket: String,
    region: String,
    records: Vec<Value>,
}

impl S3EventBuilder {
    /// An event of bucket `bucket`, in `us-east-1`, with no record yet.
    pub fn new(bucket: &str) -> Self {
        Self { bucket: bucket.to_owned(), region: "us-east-1".to_owned(), records: Vec::new() }
    }

    /// The bucket's region, for the records added after this call.
    #[must_use]
    pub fn region(mut self, region: &str) -> Self {
        self.region = region.to_owned();
        self
    }

    /// Adds an `ObjectCreated:Put` record of `key` (as the user named it) and `size` bytes.
    #[must_use]
    pub fn put(self, key: &str, size: u64) -> Self {
        self.record(&S3EventKind::from_event_name("ObjectCreated:Put"), key, Some(size))
    }

    /// Adds an `ObjectRemoved:Delete` record of `key`.
    #[must_use]
    pub fn delete(self, key: &str) -> Self {
        self.record(&S3EventKind::from_event_name("ObjectRemoved:Delete"), key, None)
    }

    /// Adds a record of any kind.
    #[must_use]
    pub fn record(mut self, kind: &S3EventKind, key: &str, size: Option<u64>) -> Self {
        let n = self.records.len();
        let mut object = json!({
            "key": encode_key(key),
            "sequencer": format!("0055AED6DCD9028{n:03X}"),
        });
        if let Some(size) = size {
            object["size"] = Value::from(size);
            object["eTag"] = Value::from(format!("{:032x}", 0xd41d_8cd9_8f00_b204_u128.wrapping_mul(n as u128 + 1)));
        }
        self.records.push(json!({
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": self.region,
            "eventTime": format!("2024-05-01T12:00:{:02}.000Z", n % 60),
            "eventName": kind.to_string(),
            "userIdentity": {"principalId": "AWS:AIDAJDPLRKLG7UEXAMPLE"},
            "requestParameters": {"sourceIPAddress": "203.0.113.7"},
            "responseElements": {
                "x-amz-request-id": format!("C3D13FE58DE4C8{n:02}"),
                "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"
            },
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "faaskit-test",
                "bucket": {
                    "name": self.bucket,
                    "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                    "arn": format!("arn:aws:s3:::{}", self.bucket)
                },
                "object": object
            }
        }));
        self
    }

    /// The event's wire JSON.
    pub fn to_json(&self) -> Value {
        json!({ "Records": self.records })
    }

    /// The event decoded from its wire JSON, as a handler receives it.
    ///
    /// # Panics
    ///
    /// Never for keys this builder encoded (they decode by construction).
    pub fn build(&self) -> S3Event {
        faaskit_core::decode_event(self.to_payload().as_ref()).unwrap_or_else(|err| panic!("{err}"))
    }
}

impl TestPayload for S3EventBuilder {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.to_json().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_the_wire_format() {
        for key in ["a+b c.txt", "my photos/a+b.jpg", "été/日本語 100%.png", "plain.txt"] {
            let event = S3EventBuilder::new("b").put(key, 1).build();
            assert_eq!(event.records()[0].key(), key);
        }
    }
}
