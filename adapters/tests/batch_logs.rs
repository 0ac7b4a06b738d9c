//! What batch processing logs: each failed record by its identifier, and the records left
//! unprocessed after a failure by their count, first and last.

#![cfg(feature = "kinesis")]

use std::sync::{Arc, Mutex};

use faaskit_adapters::body::Text;
use faaskit_adapters::kinesis::KinesisEvent;
use serde_json::{Value, json};

/// A log writer that keeps what it is given.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("not poisoned")).into_owned()
    }
}

fn kinesis(sequence_numbers: &[&str]) -> KinesisEvent<Text> {
    // "hi"
    let records: Vec<Value> =
        sequence_numbers.iter().map(|seq| json!({"kinesis": {"sequenceNumber": seq, "data": "aGk="}})).collect();
    serde_json::from_value(json!({ "Records": records })).expect("a Kinesis event")
}

#[tokio::test]
async fn names_the_failed_record_and_the_range_left_unprocessed() {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let event = kinesis(&["s-1", "s-2", "s-3", "s-4"]);
    let response =
        event.process(|record| async move { if record.sequence_number() == "s-2" { Err("no") } else { Ok(()) } }).await;
    assert_eq!(response.failed_identifiers(), ["s-2", "s-3", "s-4"]);
    let text = logs.text();
    let failed = text.lines().find(|line| line.contains("record failed")).expect("the failure is logged");
    assert!(failed.contains("item=s-2") && failed.contains("error=no"), "{failed}");
    let skipped = text.lines().find(|line| line.contains("later records not processed")).expect("the rest is logged");
    assert!(skipped.contains("count=2") && skipped.contains("first=s-3") && skipped.contains("last=s-4"), "{skipped}");
}
