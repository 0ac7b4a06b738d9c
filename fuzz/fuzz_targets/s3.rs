//! S3 events: any bytes decode to an event or a clear error, never a panic.
#![no_main]

use faaskit::s3::S3Event;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = faaskit::decode_event::<S3Event>(data) {
        for record in event.records() {
            let _ = (record.bucket(), record.key(), record.raw_key(), record.kind(), record.event_time());
        }
    }
});
