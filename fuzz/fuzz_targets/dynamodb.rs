//! DynamoDB Streams events, images as plain JSON: an event or a clear error, never a panic.
#![no_main]

use faaskit::dynamodb::DynamoDbEvent;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = faaskit::decode_event::<DynamoDbEvent<serde_json::Value>>(data) {
        for record in event.iter() {
            let _ = (record.event_name(), record.new_image(), record.old_image());
        }
    }
});
