//! Kinesis events, data as bytes and as JSON: an event or a clear error, never a panic.
#![no_main]

use faaskit::body::Binary;
use faaskit::kinesis::KinesisEvent;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = faaskit::decode_event::<KinesisEvent<Binary>>(data);
    if let Ok(event) = faaskit::decode_event::<KinesisEvent<serde_json::Value>>(data) {
        for record in event.iter() {
            let _ = (record.data(), record.partition_key(), record.approximate_arrival_time());
        }
    }
});
