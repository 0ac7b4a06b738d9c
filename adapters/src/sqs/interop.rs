//! Conversions to and from `aws_lambda_events::sqs`.

use aws_lambda_events::sqs as aws;

use super::event::SqsEvent;
use super::message::SqsMessage;
use super::wire::{decoded_body, field};
use crate::batch::BatchResponse;
use crate::body::{FromBody, Text};
use crate::record_text::TextBuilder;

impl<T: FromBody> From<aws::SqsEvent> for SqsEvent<T> {
    /// The faaskit event of an `aws_lambda_events` one, bodies decoded into `T` (a body that
    /// does not decode fails only its message).
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::sqs::SqsEvent;
    ///
    /// let aws: aws_lambda_events::sqs::SqsEvent =
    ///     serde_json::from_str(r#"{"Records": [{"messageId": "m-1", "body": "[1, 2]"}]}"#).unwrap();
    /// let event = SqsEvent::<Vec<u8>>::from(aws);
    /// assert_eq!(event.records()[0].body(), Some(&vec![1, 2]));
    /// ```
    fn from(event: aws::SqsEvent) -> Self {
        let mut builder = TextBuilder::default();
        let records = event
            .records
            .into_iter()
            .enumerate()
            .map(|(index, message)| {
                builder.clear();
                let texts = [
                    (field::MESSAGE_ID, Some(message.message_id.unwrap_or_default())),
                    (field::RECEIPT_HANDLE, message.receipt_handle),
                    (field::MD5_OF_BODY, message.md5_of_body),
                    (field::MD5_OF_MESSAGE_ATTRIBUTES, message.md5_of_message_attributes),
                    (field::EVENT_SOURCE, message.event_source),
                    (field::EVENT_SOURCE_ARN, message.event_source_arn),
                    (field::REGION, message.aws_region),
                ];
                for (index, text) in texts {
                    if let Some(text) = text {
                        builder.set(index, &text);
                    }
                }
                // Kept as the JSON Lambda would have written, read when first asked for.
                if !message.attributes.is_empty() {
                    let attributes = serde_json::to_string(&message.attributes).unwrap_or_default();
                    builder.set(field::ATTRIBUTES, &attributes);
                }
                let message_attributes = message
                    .message_attributes
                    .into_iter()
                    .map(|(name, attribute)| {
                        let converted = crate::sqs::MessageAttribute {
                            data_type: attribute.data_type.unwrap_or_default(),
                            string_value: attribute.string_value,
                            binary_value: attribute.binary_value.map(|bytes| {
                                base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &*bytes)
                            }),
                        };
                        (name, converted)
                    })
                    .collect();
                let message_id = builder.get(field::MESSAGE_ID).unwrap_or_default();
                let body = decoded_body(message.body.map(T::from_text), Some(index), message_id);
                SqsMessage::new(builder.record(), body).with_message_attributes(message_attributes)
            })
            .collect();
        builder.finish();
        SqsEvent::new(records)
    }
}

impl From<SqsEvent<Text>> for aws::SqsEvent {
    /// The `aws_lambda_events` event of a text-bodied one.
    fn from(event: SqsEvent<Text>) -> Self {
        let mut aws_event = aws::SqsEvent::default();
        aws_event.records = event
            .into_iter()
            .map(|message| {
                // Handed on whole: its decode error, if any, counts as read.
                let _ = message.error.get();
                let mut aws_message = aws::SqsMessage::default();
                aws_message.message_id = Some(message.message_id().to_owned());
                aws_message.receipt_handle = message.receipt_handle().map(str::to_owned);
                aws_message.md5_of_body = message.md5_of_body().map(str::to_owned);
                aws_message.md5_of_message_attributes = message.md5_of_message_attributes().map(str::to_owned);
                aws_message.event_source = message.event_source().map(str::to_owned);
                aws_message.event_source_arn = message.event_source_arn().map(str::to_owned);
                aws_message.aws_region = message.region().map(str::to_owned);
                aws_message.attributes =
                    serde_json::to_value(message.attributes()).and_then(serde_json::from_value).unwrap_or_default();
                aws_message.message_attributes = message
                    .message_attributes()
                    .iter()
                    .map(|(name, attribute)| {
                        let mut aws_attribute = aws::SqsMessageAttribute::default();
                        aws_attribute.data_type = Some(attribute.data_type.clone());
                        aws_attribute.string_value = attribute.string_value.clone();
                        aws_attribute.binary_value = attribute
                            .binary_value
                            .as_ref()
                            .and_then(|base64| serde_json::from_value(serde_json::Value::from(base64.as_str())).ok());
                        (name.clone(), aws_attribute)
                    })
                    .collect();
                aws_message.body = message.into_body().map(Text::into_string);
                aws_message
            })
            .collect();
        aws_event
    }
}

impl From<BatchResponse> for aws::SqsBatchResponse {
    /// The `aws_lambda_events` form of a batch response.
    fn from(response: BatchResponse) -> Self {
        let mut aws_response = aws::SqsBatchResponse::default();
        aws_response.batch_item_failures = response
            .batch_item_failures
            .into_iter()
            .map(|failure| {
                let mut aws_failure = aws::BatchItemFailure::default();
                aws_failure.item_identifier = failure.item_identifier;
                aws_failure
            })
            .collect();
        aws_response
    }
}
