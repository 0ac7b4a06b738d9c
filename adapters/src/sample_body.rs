//! Sample bodies for the sample events `example-event` prints.

use serde::de::DeserializeOwned;

use crate::body::Text;

/// A body type with a sample body, for the sample events of sources with text bodies (SQS, SNS).
///
/// Implemented for [`Text`] (the text of the AWS documentation's sample) and for every
/// `serde::Deserialize` type (JSON traced from the type).
///
/// # Examples
///
/// ```
/// use faaskit::body::SampleBody;
///
/// #[derive(serde::Deserialize)]
/// #[allow(dead_code)]
/// struct Order { order_id: String, amount: f64 }
///
/// assert_eq!(Order::sample_body(), r#"{"amount":0.0,"order_id":"order_id"}"#);
/// ```
pub trait SampleBody {
    /// A body, as it travels in the message.
    fn sample_body() -> String;
}

/// The text of a sample message.
const TEXT: &str = "Hello from faaskit!";

impl SampleBody for Text {
    fn sample_body() -> String {
        TEXT.to_owned()
    }
}

impl<T: DeserializeOwned> SampleBody for T {
    fn sample_body() -> String {
        if let Some(sample) = faaskit_core::trace_sample::<T>() {
            return sample.to_string();
        }
        // A type whose shape cannot be traced, such as an AWS event delivered in a message
        // (`SqsEvent<S3Event>`, `SqsEvent<SnsNotification<S3Event>>`): the first body AWS
        // delivers that it decodes.
        delivered_bodies()
            .into_iter()
            .find(|body| serde_json::from_str::<T>(body).is_ok())
            .unwrap_or_else(|| TEXT.to_owned())
    }
}

/// The sample bodies of the events AWS delivers inside SQS and SNS messages, plain ones first.
// One `push` per enabled source: with one source, clippy would rather see a `vec!`.
#[allow(clippy::vec_init_then_push)]
fn delivered_bodies() -> Vec<String> {
    #[allow(unused_mut)]
    let mut bodies: Vec<String> = Vec::new();
    #[cfg(feature = "s3")]
    bodies.push(<crate::s3::S3Event as faaskit_core::ExampleEvent>::example_event().to_string());
    #[cfg(feature = "sns")]
    {
        let messages: Vec<String> = std::iter::once(TEXT.to_owned()).chain(bodies.iter().cloned()).collect();
        bodies.extend(messages.into_iter().map(|message| crate::sns::sample_notification(message).to_string()));
    }
    bodies
}

#[cfg(all(test, feature = "s3", feature = "sns", feature = "sqs"))]
mod tests {
    use faaskit_core::ExampleEvent;

    use crate::s3::S3Event;
    use crate::sns::{SnsEvent, SnsNotification};
    use crate::sqs::SqsEvent;

    /// The sample event of `E`, decoded as the handler that prints it decodes it.
    fn decoded_sample<E: ExampleEvent + serde::de::DeserializeOwned>() -> E {
        serde_json::from_value(E::example_event()).expect("the sample decodes")
    }

    #[test]
    fn an_aws_event_in_a_message_gets_a_sample_it_decodes() {
        let in_sqs: SqsEvent<S3Event> = decoded_sample();
        let event = in_sqs.records()[0].body().expect("an S3 event body");
        assert_eq!(event.records()[0].key(), "holiday photos/été.jpg");

        let in_sns: SnsEvent<S3Event> = decoded_sample();
        assert_eq!(in_sns.records()[0].message().records()[0].bucket(), "photos-bucket");

        let through_both: SqsEvent<SnsNotification<S3Event>> = decoded_sample();
        let notification = through_both.records()[0].body().expect("an SNS notification body");
        assert_eq!(notification.message().records()[0].key(), "holiday photos/été.jpg");

        let text_in_sqs: SqsEvent<SnsNotification> = decoded_sample();
        let notification = text_in_sqs.records()[0].body().expect("an SNS notification body");
        assert_eq!(notification.message().as_str(), "Hello from faaskit!");
    }
}
