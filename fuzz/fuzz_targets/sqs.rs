//! SQS events, bodies as JSON: an event or a clear error, never a panic; the attributes built
//! lazily build; processing a decoded batch reports every record that failed.
#![no_main]

use faaskit::sqs::SqsEvent;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = faaskit::decode_event::<SqsEvent<serde_json::Value>>(data) {
        let undecoded = event.records().iter().filter(|message| message.body().is_none()).count();
        // Built on first use from what the decode kept: must not fail or panic either.
        for message in event.records() {
            let _ = (message.attributes(), message.message_attributes(), format!("{message:?}"));
        }
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
        let response = runtime.block_on(event.process(|_| async { Ok::<_, std::convert::Infallible>(()) }));
        assert!(response.batch_item_failures.len() >= undecoded, "a record that did not decode was not reported");
    }
});
