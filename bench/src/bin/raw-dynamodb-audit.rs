//! `dynamodb-audit` written by hand on `lambda_runtime`, `aws_lambda_events` and `serde_dynamo`:
//! the reference the faaskit example is measured against. Same output: one
//! `{"event", "keys", "new", "old"}` per record, images as plain JSON.

use aws_lambda_events::dynamodb::Event;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

fn plain(item: serde_dynamo::Item) -> Result<Value, Error> {
    if item.is_empty() { Ok(Value::Null) } else { Ok(serde_dynamo::from_item(item)?) }
}

async fn audit(event: LambdaEvent<Event>) -> Result<Value, Error> {
    let mut entries = Vec::with_capacity(event.payload.records.len());
    for record in event.payload.records {
        entries.push(json!({
            "event": record.event_name.to_uppercase(),
            "keys": plain(record.change.keys)?,
            "new": plain(record.change.new_image)?,
            "old": plain(record.change.old_image)?,
        }));
    }
    Ok(Value::Array(entries))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(audit)).await
}
