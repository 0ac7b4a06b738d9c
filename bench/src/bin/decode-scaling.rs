//! How decode time and memory grow with batch size (1 to 10,000 records) and payload size
//! (1 KB to 6 MB): a table, one row per size, each measured in a fresh child process so that its
//! peak RSS is its own.
//!
//! ```text
//! decode-scaling [--repeat 20]
//! ```
//!
//! Columns: payload bytes, median decode time, nanoseconds per record (batch sizes) or per byte
//! (payload sizes), MB/s, and the peak RSS growth over the child's baseline (its high-water mark
//! reset once the payload is built, through `/proc/self/clear_refs`). Linear growth shows
//! as a flat per-record (per-byte) column.

use std::hint::black_box;
use std::process::Command;
use std::time::Instant;

use faaskit::dynamodb::DynamoDbEvent;
use faaskit::s3::S3Event;
use faaskit::sqs::SqsEvent;
use faaskit_bench::{Result, arg, median, peak_rss_kib, rss_kib};
use serde::Deserialize;
use serde_json::{Value, json};

/// The body of the SQS messages and the DynamoDB images.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Order {
    order_id: String,
    amount: f64,
    note: String,
}

fn s3_batch(records: usize) -> Value {
    let record = |i: usize| {
        json!({
            "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
            "eventTime": "2024-05-01T12:00:00.000Z", "eventName": "ObjectCreated:Put",
            "userIdentity": {"principalId": "AWS:AIDAEXAMPLE"},
            "requestParameters": {"sourceIPAddress": "203.0.113.7"},
            "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S"},
            "s3": {
                "s3SchemaVersion": "1.0", "configurationId": "inventory",
                "bucket": {"name": "photos", "ownerIdentity": {"principalId": "A3NL1KOZZKExample"}, "arn": "arn:aws:s3:::photos"},
                "object": {"key": format!("holiday+photos/{i}/%C3%A9t%C3%A9.jpg"), "size": 1024 + i, "eTag": "d41d8cd98f00b204e9800998ecf8427e", "sequencer": format!("0055AED6DCD9028{i:08}")}
            }
        })
    };
    json!({ "Records": (0..records).map(record).collect::<Vec<_>>() })
}

fn sqs_batch(records: usize, note_bytes: usize) -> Value {
    let note = "n".repeat(note_bytes);
    let record = |i: usize| {
        json!({
            "messageId": format!("00000000-0000-4000-8000-{i:012}"), "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
            "body": json!({"order_id": format!("order-{i}"), "amount": 10.5, "note": note}).to_string(),
            "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1523232000000", "SenderId": "123456789012", "ApproximateFirstReceiveTimestamp": "1523232000001"},
            "messageAttributes": {}, "md5OfBody": "7b270e59b47ff90a553787216d55d91d", "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders", "awsRegion": "us-east-1"
        })
    };
    json!({ "Records": (0..records).map(record).collect::<Vec<_>>() })
}

fn dynamodb_batch(records: usize) -> Value {
    let record = |i: usize| {
        let image = json!({"order_id": {"S": format!("order-{i}")}, "amount": {"N": "10.5"}, "note": {"S": "leave at the door"}});
        json!({
            "eventID": format!("{i:032x}"), "eventName": "MODIFY", "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
            "dynamodb": {"ApproximateCreationDateTime": 1479499740, "Keys": {"order_id": {"S": format!("order-{i}")}},
                "NewImage": image, "OldImage": image, "SequenceNumber": format!("{}", 13021600000000001596893679u128 + i as u128),
                "SizeBytes": 212, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2016-11-18T19:29:00.000"
        })
    };
    json!({ "Records": (0..records).map(record).collect::<Vec<_>>() })
}

fn payload(case: &str, size: usize) -> Result<Vec<u8>> {
    let value = match case {
        "s3" => s3_batch(size),
        "sqs" => sqs_batch(size, 16),
        "dynamodb" => dynamodb_batch(size),
        // One SQS message whose body is about `size` bytes.
        "sqs-body" => sqs_batch(1, size.saturating_sub(60)),
        other => return Err(format!("unknown case {other}").into()),
    };
    Ok(serde_json::to_vec(&value)?)
}

fn decode(case: &str, bytes: &[u8]) -> Result<usize> {
    Ok(match case {
        "s3" => faaskit::decode_event::<S3Event>(bytes).map_err(|e| e.to_string())?.records().len(),
        "sqs" | "sqs-body" => {
            faaskit::decode_event::<SqsEvent<Order>>(bytes).map_err(|e| e.to_string())?.records().len()
        }
        "dynamodb" => faaskit::decode_event::<DynamoDbEvent<Order>>(bytes).map_err(|e| e.to_string())?.len(),
        other => return Err(format!("unknown case {other}").into()),
    })
}

/// In the child: decode `size` of `case` `repeat` times; print bytes, median ns, peak RSS growth.
fn child(case: &str, size: usize, repeat: usize) -> Result<()> {
    let bytes = payload(case, size)?;
    let pid = std::process::id();
    // Reset the high-water mark so that building the payload does not count (Linux 4.0+).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let baseline = rss_kib(pid).unwrap_or(0);
    let mut times = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let started = Instant::now();
        black_box(decode(case, black_box(&bytes))?);
        times.push(started.elapsed().as_nanos() as f64);
    }
    let peak = peak_rss_kib(pid).unwrap_or(0);
    println!("{} {} {}", bytes.len(), median(&times), peak.saturating_sub(baseline));
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        let (case, size, repeat) = (&args[2], args[3].parse()?, args[4].parse()?);
        return child(case, size, repeat);
    }
    let repeat = arg("--repeat", 20usize);
    let me = std::env::current_exe()?;
    println!("| case | size | payload bytes | median decode | per unit | MB/s | peak RSS growth |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let batches = [1, 10, 100, 1_000, 10_000];
    let bodies = [1_024, 16 * 1_024, 256 * 1_024, 1_024 * 1_024, 6 * 1_000 * 1_000];
    let runs = ["s3", "sqs", "dynamodb"]
        .iter()
        .flat_map(|case| batches.iter().map(move |size| (*case, *size, "record")))
        .chain(bodies.iter().map(|size| ("sqs-body", *size, "byte")));
    for (case, size, unit) in runs {
        let repeat = if size >= 1_000 { repeat.min(5) } else { repeat };
        let output = Command::new(&me).args(["--child", case, &size.to_string(), &repeat.to_string()]).output()?;
        if !output.status.success() {
            return Err(format!("{case} {size}: {}", String::from_utf8_lossy(&output.stderr)).into());
        }
        let text = String::from_utf8(output.stdout)?;
        let fields: Vec<f64> = text.split_whitespace().filter_map(|f| f.parse().ok()).collect();
        let [bytes, ns, rss_kib] = fields[..] else { return Err(format!("{case} {size}: {text}").into()) };
        let units = if unit == "record" { size as f64 } else { bytes };
        println!(
            "| {case} | {size} {unit}s | {bytes:.0} | {:.3} ms | {:.1} ns/{unit} | {:.0} | {rss_kib:.0} KiB |",
            ns / 1e6,
            ns / units,
            bytes / (ns / 1e9) / 1e6
        );
    }
    Ok(())
}
