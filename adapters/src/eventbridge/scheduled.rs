//! The event a schedule rule sends: `aws.events` / `Scheduled Event`.

use chrono::{DateTime, Utc};
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};

use super::event::EventBridgeEvent;

/// The event an EventBridge schedule rule (`rate(...)`, `cron(...)`) sends its target.
///
/// # Examples
///
/// ```
/// use faaskit::eventbridge::ScheduledEvent;
///
/// let event: ScheduledEvent = serde_json::from_str(r#"{
///     "version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
///     "source": "aws.events", "account": "123456789012", "time": "2015-10-08T16:53:06Z",
///     "region": "us-east-1", "resources": ["arn:aws:events:us-east-1:123456789012:rule/nightly"],
///     "detail": {}
/// }"#).unwrap();
/// assert_eq!(event.rule_name(), Some("nightly"));
/// assert_eq!(event.time().unwrap().to_rfc3339(), "2015-10-08T16:53:06+00:00");
/// ```
///
/// # Errors
///
/// Decoding fails, naming what it got, for an event that is not `aws.events` /
/// `Scheduled Event`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScheduledEvent(EventBridgeEvent<serde_json::Value>);

impl ScheduledEvent {
    /// The event id.
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// The time the schedule fired; `None` when the time is not RFC 3339.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        self.0.time()
    }

    /// The ARN of the rule that fired.
    pub fn rule_arn(&self) -> Option<&str> {
        self.0.resources.iter().find(|arn| arn.contains(":rule/")).map(String::as_str)
    }

    /// The name of the rule that fired.
    pub fn rule_name(&self) -> Option<&str> {
        self.rule_arn()?.rsplit('/').next()
    }

    /// The account of the rule.
    pub fn account(&self) -> &str {
        &self.0.account
    }

    /// The region of the rule.
    pub fn region(&self) -> &str {
        &self.0.region
    }

    /// The whole event.
    pub fn event(&self) -> &EventBridgeEvent<serde_json::Value> {
        &self.0
    }
}

impl<'de> Deserialize<'de> for ScheduledEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let event = EventBridgeEvent::<serde_json::Value>::deserialize(deserializer)?;
        if event.source != "aws.events" || event.detail_type != "Scheduled Event" {
            return Err(D::Error::custom(format!(
                "not a scheduled event: source `{}`, detail-type `{}` (expected `aws.events`, `Scheduled Event`)",
                event.source, event.detail_type
            )));
        }
        Ok(Self(event))
    }
}
