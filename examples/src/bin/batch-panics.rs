//! `batch-panics`: processes a batch of ids with `faaskit::batch::process`, panicking on the id
//! `poison`, either in the closure's body (`{"ids": [...], "in": "call"}`) or in its future
//! (`"in": "future"`). For tests/batch_panics.rs: the panic's log line names the record either way.

use std::process::ExitCode;

use faaskit::batch::{self, BatchRecord, Ordering};
use faaskit::{App, Error, Handler, Invocation};

struct Id(String);

impl BatchRecord for Id {
    fn item_identifier(&self) -> &str {
        &self.0
    }

    fn decode_error(&self) -> Option<&dyn std::error::Error> {
        None
    }
}

#[derive(serde::Deserialize)]
struct Batch {
    ids: Vec<String>,
    r#in: String,
}

fn main() -> ExitCode {
    let handler = Handler::new("batch", |invocation: Invocation| async move {
        let batch: Batch = invocation.event()?;
        let in_call = batch.r#in == "call";
        let records = batch.ids.into_iter().map(Id).collect();
        let response = batch::process(records, Ordering::Unordered, |record| {
            // Work done before the future, as a closure often does (parsing, say).
            if in_call && record.0 == "poison" {
                panic!("cannot parse this record");
            }
            async move {
                if record.0 == "poison" {
                    panic!("cannot handle this record");
                }
                Ok::<_, String>(())
            }
        })
        .await;
        Ok::<_, Error>(response)
    });
    App::new().handler(handler).run_main()
}
