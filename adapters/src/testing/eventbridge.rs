//! EventBridge events, written as EventBridge writes them.

use bytes::Bytes;
use faaskit_core::testing::TestPayload;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::eventbridge::EventBridgeEvent;

/// Builds an EventBridge event: the envelope EventBridge writes around a `detail`.
///
/// # Examples
///
/// ```
/// use faaskit::eventbridge::ScheduledEvent;
/// use faaskit::testing::EventBridgeEventBuilder;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct OrderPlaced { order_id: String }
///
/// let builder = EventBridgeEventBuilder::new("com.example.shop", "Order Placed")
///     .detail(&OrderPlaced { order_id: "o-1".into() });
/// assert_eq!(builder.build::<OrderPlaced>().detail.order_id, "o-1");
///
/// let schedule = EventBridgeEventBuilder::scheduled("nightly");
/// let event: ScheduledEvent = faaskit::decode_event(schedule.to_json().to_string().as_bytes()).unwrap();
/// assert_eq!(event.rule_name(), Some("nightly"));
/// ```
#[derive(Clone, Debug)]
pub struct EventBridgeEventBuilder {
    event: Value,
}

impl EventBridgeEventBuilder {
    /// An event from `source` of type `detail_type`, with an empty detail.
    pub fn new(source: &str, detail_type: &str) -> Self {
        Self {
            event: json!({
                "version": "0",
                "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
                "detail-type": detail_type,
                "source": source,
                "account": "123456789012",
                "time": "2024-05-01T12:00:00Z",
                "region": "us-east-1",
                "resources": [],
                "detail": {}
            }),
        }
    }

    /// The event a schedule rule named `rule` sends.
    pub fn scheduled(rule: &str) -> Self {
        Self::new("aws.events", "Scheduled Event")
            .resource(&format!("arn:aws:events:us-east-1:123456789012:rule/{rule}"))
    }

    /// Sets the detail.
    ///
    /// # Panics
    ///
    /// When `detail` cannot be written as JSON.
    #[must_use]
    pub fn detail<T: Serialize>(mut self, detail: &T) -> Self {
        self.event["detail"] =
            serde_json::to_value(detail).unwrap_or_else(|err| panic!("the detail is not JSON: {err}"));
        self
    }

    /// Adds a resource ARN.
    #[must_use]
    pub fn resource(mut self, arn: &str) -> Self {
        if let Some(resources) = self.event["resources"].as_array_mut() {
            resources.push(Value::from(arn));
        }
        self
    }

    /// The event's wire JSON.
    pub fn to_json(&self) -> Value {
        self.event.clone()
    }

    /// The event decoded from its wire JSON, detail into `T`, as a handler receives it.
    ///
    /// # Panics
    ///
    /// When the detail is not a `T`.
    pub fn build<T: DeserializeOwned>(&self) -> EventBridgeEvent<T> {
        faaskit_core::decode_event(self.to_payload().as_ref()).unwrap_or_else(|err| panic!("{err}"))
    }
}

impl TestPayload for EventBridgeEventBuilder {
    fn to_payload(&self) -> Bytes {
        Bytes::from(self.event.to_string())
    }
}
