//! Conversions to and from `aws_lambda_events::s3`, and back to the wire JSON.

use aws_lambda_events::s3 as aws;
use serde_json::{Value, json};

use super::event::S3Event;
use super::key::KeyError;
use super::record::S3Record;
use super::wire::{SIZE, field};
use crate::record_text::TextBuilder;

/// The event as S3 writes it.
pub(crate) fn to_wire_json(event: &S3Event) -> Value {
    if event.is_test_event() {
        return json!({"Service": "Amazon S3", "Event": "s3:TestEvent"});
    }
    let records: Vec<Value> = event
        .iter()
        .map(|record| {
            let mut object = json!({ "key": record.raw_key() });
            let fields =
                [("eTag", record.etag()), ("versionId", record.version_id()), ("sequencer", record.sequencer())];
            for (name, value) in fields {
                if let Some(value) = value {
                    object[name] = Value::from(value);
                }
            }
            if let Some(size) = record.size() {
                object["size"] = Value::from(size);
            }
            json!({
                "eventVersion": record.event_version(),
                "eventSource": record.event_source(),
                "awsRegion": record.region(),
                "eventTime": record.event_time_raw(),
                "eventName": record.event_name(),
                "userIdentity": { "principalId": record.principal_id() },
                "requestParameters": { "sourceIPAddress": record.source_ip_address() },
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": record.configuration_id(),
                    "bucket": {
                        "name": record.bucket(),
                        "arn": record.bucket_arn(),
                        "ownerIdentity": { "principalId": record.bucket_owner() },
                    },
                    "object": object,
                },
            })
        })
        .collect();
    json!({ "Records": records })
}

impl From<&S3Record> for aws::S3EventRecord {
    fn from(record: &S3Record) -> Self {
        let mut aws_record = aws::S3EventRecord::default();
        aws_record.event_version = record.event_version().map(str::to_owned);
        aws_record.event_source = record.event_source().map(str::to_owned);
        aws_record.aws_region = record.region().map(str::to_owned);
        if let Some(time) = record.event_time() {
            aws_record.event_time = time;
        }
        aws_record.event_name = Some(record.event_name().to_owned());
        aws_record.principal_id.principal_id = record.principal_id().map(str::to_owned);
        aws_record.request_parameters.source_ip_address = record.source_ip_address().map(str::to_owned);
        // S3 has only ever sent schema 1.0; the record does not keep it.
        aws_record.s3.schema_version = Some("1.0".to_owned());
        aws_record.s3.configuration_id = record.configuration_id().map(str::to_owned);
        aws_record.s3.bucket.name = Some(record.bucket().to_owned());
        aws_record.s3.bucket.owner_identity = record.bucket_owner().map(|owner| {
            let mut identity = aws::S3UserIdentity::default();
            identity.principal_id = Some(owner.to_owned());
            identity
        });
        aws_record.s3.bucket.arn = record.bucket_arn().map(str::to_owned);
        aws_record.s3.object.key = Some(record.raw_key().to_owned());
        aws_record.s3.object.url_decoded_key = Some(record.key().to_owned());
        aws_record.s3.object.size = record.size().and_then(|size| i64::try_from(size).ok());
        aws_record.s3.object.e_tag = record.etag().map(str::to_owned);
        aws_record.s3.object.version_id = record.version_id().map(str::to_owned);
        aws_record.s3.object.sequencer = record.sequencer().map(str::to_owned);
        aws_record
    }
}

impl From<&S3Event> for aws::S3Event {
    /// The `aws_lambda_events` event, `url_decoded_key` filled.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::s3::S3Event;
    ///
    /// let event: S3Event = serde_json::from_str(r#"{"Records": [{"eventName": "ObjectRemoved:Delete",
    ///     "eventTime": "2024-05-01T12:00:00.000Z",
    ///     "s3": {"bucket": {"name": "b"}, "object": {"key": "a+b"}}}]}"#).unwrap();
    /// let aws = aws_lambda_events::s3::S3Event::from(&event);
    /// assert_eq!(aws.records[0].s3.object.url_decoded_key.as_deref(), Some("a b"));
    /// assert_eq!(S3Event::try_from(aws).unwrap(), event);
    /// ```
    fn from(event: &S3Event) -> Self {
        let mut aws_event = aws::S3Event::default();
        aws_event.records = event.iter().map(aws::S3EventRecord::from).collect();
        aws_event
    }
}

impl TryFrom<aws::S3Event> for S3Event {
    type Error = KeyError;

    /// The faaskit event of an `aws_lambda_events` one.
    ///
    /// # Errors
    ///
    /// When a key's escapes are not UTF-8.
    fn try_from(event: aws::S3Event) -> Result<Self, Self::Error> {
        let mut builder = TextBuilder::default();
        let records = event
            .records
            .into_iter()
            .map(|record| {
                builder.clear();
                let event_time = record.event_time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                let texts = [
                    (field::EVENT_VERSION, record.event_version),
                    (field::EVENT_SOURCE, record.event_source),
                    (field::REGION, record.aws_region),
                    (field::EVENT_TIME, Some(event_time)),
                    (field::EVENT_NAME, Some(record.event_name.unwrap_or_default())),
                    (field::PRINCIPAL_ID, record.principal_id.principal_id),
                    (field::SOURCE_IP, record.request_parameters.source_ip_address),
                    (field::CONFIGURATION_ID, record.s3.configuration_id),
                    (field::BUCKET, Some(record.s3.bucket.name.unwrap_or_default())),
                    (field::BUCKET_ARN, record.s3.bucket.arn),
                    (field::BUCKET_OWNER, record.s3.bucket.owner_identity.and_then(|owner| owner.principal_id)),
                    (field::RAW_KEY, Some(record.s3.object.key.unwrap_or_default())),
                    (field::ETAG, record.s3.object.e_tag),
                    (field::VERSION_ID, record.s3.object.version_id),
                    (field::SEQUENCER, record.s3.object.sequencer),
                ];
                for (index, text) in texts {
                    if let Some(text) = text {
                        builder.set(index, &text);
                    }
                }
                builder.set_number(SIZE, record.s3.object.size.and_then(|size| u64::try_from(size).ok()));
                S3Record::from_builder(&mut builder)
            })
            .collect::<Result<_, KeyError>>()?;
        builder.finish();
        Ok(S3Event::new(records))
    }
}
