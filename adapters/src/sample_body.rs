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

impl SampleBody for Text {
    fn sample_body() -> String {
        "Hello from faaskit!".to_owned()
    }
}

impl<T: DeserializeOwned> SampleBody for T {
    fn sample_body() -> String {
        faaskit_core::trace_sample::<T>().map_or_else(|| "Hello from faaskit!".to_owned(), |sample| sample.to_string())
    }
}
