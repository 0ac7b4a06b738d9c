//! EventBridge events and scheduled events: an event or a clear error, never a panic.
#![no_main]

use faaskit::eventbridge::{EventBridgeEvent, ScheduledEvent};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = faaskit::decode_event::<EventBridgeEvent<serde_json::Value>>(data);
    let _ = faaskit::decode_event::<ScheduledEvent>(data);
});
