//! Nested deliveries: S3 through SNS, through SQS, through SNS then SQS; DynamoDB changes through
//! Kinesis; Kinesis records in SQS. An event or a clear error, never a panic.
#![no_main]

use faaskit::dynamodb::DynamoDbRecord;
use faaskit::kinesis::{KinesisEvent, KinesisRecord};
use faaskit::s3::S3Event;
use faaskit::sns::{SnsEvent, SnsNotification};
use faaskit::sqs::SqsEvent;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = faaskit::decode_event::<SnsEvent<S3Event>>(data);
    let _ = faaskit::decode_event::<SqsEvent<S3Event>>(data);
    let _ = faaskit::decode_event::<SqsEvent<SnsNotification<S3Event>>>(data);
    let _ = faaskit::decode_event::<KinesisEvent<DynamoDbRecord<serde_json::Value>>>(data);
    let _ = faaskit::decode_event::<SqsEvent<KinesisRecord<serde_json::Value>>>(data);
});
