//! SNS events, messages as text and as JSON: an event or a clear error, never a panic.
#![no_main]

use faaskit::body::Text;
use faaskit::sns::SnsEvent;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = faaskit::decode_event::<SnsEvent<Text>>(data);
    let _ = faaskit::decode_event::<SnsEvent<serde_json::Value>>(data);
});
