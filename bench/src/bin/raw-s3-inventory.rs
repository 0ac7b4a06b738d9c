//! `s3-inventory` written by hand on `lambda_runtime` and `aws_lambda_events`: the reference the
//! faaskit example is measured against. Same output: one `{"bucket", "key", "size", "event"}` per
//! record, the key form-decoded as a user would do it.

use aws_lambda_events::s3::S3Event;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

async fn inventory(event: LambdaEvent<S3Event>) -> Result<Value, Error> {
    let mut items = Vec::with_capacity(event.payload.records.len());
    for record in event.payload.records {
        let raw_key = record.s3.object.key.unwrap_or_default().replace('+', " ");
        let key = percent_decode_str(&raw_key).decode_utf8()?.into_owned();
        items.push(json!({
            "bucket": record.s3.bucket.name,
            "key": key,
            "size": record.s3.object.size,
            "event": record.event_name,
        }));
    }
    Ok(Value::Array(items))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(inventory)).await
}
