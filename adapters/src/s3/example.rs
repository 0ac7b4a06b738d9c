//! The sample event `example-event` prints: one object created, with a key S3 had to encode.

use faaskit_core::ExampleEvent;
use serde_json::{Value, json};

use super::event::S3Event;

impl ExampleEvent for S3Event {
    fn example_event() -> Value {
        json!({"Records": [{
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": "us-east-1",
            "eventTime": "2024-05-01T12:00:00.000Z",
            "eventName": "ObjectCreated:Put",
            "userIdentity": {"principalId": "AWS:AIDAJDPLRKLG7UEXAMPLE"},
            "requestParameters": {"sourceIPAddress": "203.0.113.7"},
            "responseElements": {
                "x-amz-request-id": "C3D13FE58DE4C810",
                "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"
            },
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "inventory",
                "bucket": {
                    "name": "photos-bucket",
                    "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                    "arn": "arn:aws:s3:::photos-bucket"
                },
                "object": {
                    "key": "holiday+photos/%C3%A9t%C3%A9.jpg",
                    "size": 1024,
                    "eTag": "d41d8cd98f00b204e9800998ecf8427e",
                    "versionId": "096fKKXTRTtl3on89fVO.nfljtsv6qko",
                    "sequencer": "0055AED6DCD90281E5"
                }
            }
        }]})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_decodes() {
        let event: S3Event = serde_json::from_value(S3Event::example_event()).unwrap();
        assert_eq!(event.records()[0].key(), "holiday photos/été.jpg");
    }
}
