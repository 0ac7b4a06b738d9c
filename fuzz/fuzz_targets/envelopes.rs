//! Nested deliveries: S3 through SNS, through SQS, through SNS then SQS. An event or a clear
//! error, never a panic.
#![no_main]

use faaskit::s3::S3Event;
use faaskit::sns::{SnsEvent, SnsNotification};
use faaskit::sqs::SqsEvent;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = faaskit::decode_event::<SnsEvent<S3Event>>(data);
    let _ = faaskit::decode_event::<SqsEvent<S3Event>>(data);
    let _ = faaskit::decode_event::<SqsEvent<SnsNotification<S3Event>>>(data);
});
