//! The sample event `FAASKIT_PRINT_EXAMPLE_EVENT=1` prints: the shape AWS documents, with data
//! of the handler's own type.

use base64::Engine as _;
use faaskit_core::ExampleEvent;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::event::KinesisEvent;
use crate::body::{Binary, Text};

/// A data type with sample data, for the sample event of [`KinesisEvent`].
///
/// Implemented for [`Binary`] and [`Text`] (text from the AWS documentation) and for every
/// `serde::Deserialize` type (JSON traced from the type).
///
/// # Examples
///
/// ```
/// use faaskit::kinesis::SampleData;
///
/// #[derive(serde::Deserialize)]
/// #[allow(dead_code)]
/// struct Click { page: String }
///
/// assert_eq!(Click::sample_data(0), br#"{"page":"page"}"#);
/// ```
pub trait SampleData {
    /// The bytes of sample record `index`.
    fn sample_data(index: usize) -> Vec<u8>;
}

/// The data of the AWS documentation's sample records.
fn documented_text(index: usize) -> &'static str {
    if index == 0 { "Hello, this is a test." } else { "This is only a test." }
}

impl SampleData for Binary {
    fn sample_data(index: usize) -> Vec<u8> {
        documented_text(index).as_bytes().to_vec()
    }
}

impl SampleData for Text {
    fn sample_data(index: usize) -> Vec<u8> {
        documented_text(index).as_bytes().to_vec()
    }
}

impl<T: DeserializeOwned> SampleData for T {
    fn sample_data(index: usize) -> Vec<u8> {
        match faaskit_core::trace_sample::<T>() {
            Some(sample) => sample.to_string().into_bytes(),
            None => documented_text(index).as_bytes().to_vec(),
        }
    }
}

const SEQUENCE_NUMBERS: [&str; 2] = [
    "49590338271490256608559692538361571095921575989136588898",
    "49590338271490256608559692540925702759324208523137515618",
];

impl<T: SampleData> ExampleEvent for KinesisEvent<T> {
    /// Two records, as in the AWS documentation, with data of `T`.
    fn example_event() -> Value {
        let records: Vec<Value> = SEQUENCE_NUMBERS
            .iter()
            .enumerate()
            .map(|(index, sequence_number)| {
                let data = base64::engine::general_purpose::STANDARD.encode(T::sample_data(index));
                json!({
                    "kinesis": {
                        "kinesisSchemaVersion": "1.0",
                        "partitionKey": "1",
                        "sequenceNumber": sequence_number,
                        "data": data,
                        "approximateArrivalTimestamp": 1_545_084_650.987,
                    },
                    "eventSource": "aws:kinesis",
                    "eventVersion": "1.0",
                    "eventID": format!("shardId-000000000006:{sequence_number}"),
                    "eventName": "aws:kinesis:record",
                    "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
                    "awsRegion": "us-east-2",
                    "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream",
                })
            })
            .collect();
        json!({ "Records": records })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Click {
        page: String,
        at: u64,
    }

    #[test]
    fn samples_decode_as_their_own_type() {
        let sample = KinesisEvent::<Binary>::example_event().to_string();
        let event: KinesisEvent<Text> = faaskit_core::decode_event(sample.as_bytes()).expect("decodes");
        assert_eq!(event.records()[0].data().map(Text::as_str), Some("Hello, this is a test."));
        assert_eq!(event.records()[1].data().map(Text::as_str), Some("This is only a test."));

        let sample = KinesisEvent::<Click>::example_event().to_string();
        let event: KinesisEvent<Click> = faaskit_core::decode_event(sample.as_bytes()).expect("decodes");
        assert!(event.iter().all(|record| record.decode_error().is_none()));
        assert_eq!(event.records()[0].data().map(|click| click.page.as_str()), Some("page"));
    }
}
