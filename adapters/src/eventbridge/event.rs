//! An EventBridge event, its `detail` decoded into your type.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// An event EventBridge delivers to a rule's target, its `detail` decoded into `T`.
///
/// A `detail` that is not a `T` fails the invocation with an error naming the JSON path in it
/// (`detail.order.total: invalid type...`); EventBridge retries, then uses the target's
/// dead-letter queue.
///
/// # Examples
///
/// ```
/// use faaskit::eventbridge::EventBridgeEvent;
///
/// #[derive(serde::Deserialize)]
/// struct OrderPlaced { order_id: String, total: f64 }
///
/// let event: EventBridgeEvent<OrderPlaced> = serde_json::from_str(r#"{
///     "version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "Order Placed",
///     "source": "com.example.shop", "account": "111122223333", "time": "2024-05-01T12:00:00Z",
///     "region": "us-east-1", "resources": [], "detail": {"order_id": "o-1", "total": 42.5}
/// }"#).unwrap();
/// assert_eq!(event.detail.total, 42.5);
/// assert_eq!(event.detail_type, "Order Placed");
/// assert_eq!(event.time().unwrap().to_rfc3339(), "2024-05-01T12:00:00+00:00");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", bound(deserialize = "T: DeserializeOwned", serialize = "T: Serialize"))]
pub struct EventBridgeEvent<T = serde_json::Value> {
    /// The event id.
    pub id: String,
    /// Which service or application sent it (`aws.s3`, `com.example.shop`).
    pub source: String,
    /// What happened (`Object Created`, `Order Placed`).
    pub detail_type: String,
    /// The account the event comes from.
    #[serde(default)]
    pub account: String,
    /// The region the event comes from.
    #[serde(default)]
    pub region: String,
    /// When it happened, as sent (RFC 3339); see [`time`](Self::time).
    #[serde(rename = "time", default)]
    pub time_raw: String,
    /// The ARNs of the resources involved.
    #[serde(default)]
    pub resources: Vec<String>,
    /// The envelope's version (`0`).
    #[serde(default)]
    pub version: String,
    /// The archive replay this event comes from, when it was replayed (`replay-name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replay_name: Option<String>,
    /// The event's own content.
    pub detail: T,
}

impl<T> EventBridgeEvent<T> {
    /// When it happened; `None` when the time is not RFC 3339.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.time_raw).ok().map(|time| time.with_timezone(&Utc))
    }
}

impl<T: DeserializeOwned> TryFrom<aws_lambda_events::eventbridge::EventBridgeEvent<serde_json::Value>>
    for EventBridgeEvent<T>
{
    type Error = serde_json::Error;

    /// The faaskit event of an `aws_lambda_events` one, `detail` decoded into `T`.
    ///
    /// # Errors
    ///
    /// When the detail is not a `T`.
    fn try_from(
        event: aws_lambda_events::eventbridge::EventBridgeEvent<serde_json::Value>,
    ) -> Result<Self, Self::Error> {
        // The fields `aws_lambda_events` leaves out are `None` there, and empty here.
        Ok(Self {
            id: event.id.unwrap_or_default(),
            source: event.source,
            detail_type: event.detail_type,
            account: event.account.unwrap_or_default(),
            region: event.region.unwrap_or_default(),
            time_raw: event.time.map(|time| time.to_rfc3339_opts(SecondsFormat::AutoSi, true)).unwrap_or_default(),
            resources: event.resources.unwrap_or_default(),
            version: event.version.unwrap_or_default(),
            replay_name: None,
            detail: serde_json::from_value(event.detail)?,
        })
    }
}
