//! One record of an SNS event.

use serde::Deserialize;

use super::notification::SnsNotification;
use crate::body::{FromBody, Text};

/// One record of an SNS event: the subscription it came through and the notification.
///
/// The accessors of the notification are here too: [`message`](Self::message),
/// [`topic_arn`](Self::topic_arn), [`subject`](Self::subject)...
#[derive(Clone, Debug, Deserialize)]
#[serde(bound(deserialize = "T: FromBody"))]
pub struct SnsRecord<T = Text> {
    #[serde(rename = "EventVersion", default)]
    event_version: Option<String>,
    #[serde(rename = "EventSubscriptionArn", default)]
    event_subscription_arn: Option<String>,
    #[serde(rename = "EventSource", default)]
    event_source: Option<String>,
    #[serde(rename = "Sns")]
    sns: SnsNotification<T>,
}

impl<T> SnsRecord<T> {
    /// The notification.
    pub fn notification(&self) -> &SnsNotification<T> {
        &self.sns
    }

    /// The notification, owned.
    pub fn into_notification(self) -> SnsNotification<T> {
        self.sns
    }

    /// The message, decoded.
    pub fn message(&self) -> &T {
        self.sns.message()
    }

    /// The message id SNS assigned.
    pub fn message_id(&self) -> &str {
        self.sns.message_id()
    }

    /// The topic's ARN.
    pub fn topic_arn(&self) -> &str {
        self.sns.topic_arn()
    }

    /// The subject, when the publisher gave one.
    pub fn subject(&self) -> Option<&str> {
        self.sns.subject()
    }

    /// The ARN of the subscription that delivered the record.
    pub fn event_subscription_arn(&self) -> Option<&str> {
        self.event_subscription_arn.as_deref()
    }

    /// The record's `EventVersion`.
    pub fn event_version(&self) -> Option<&str> {
        self.event_version.as_deref()
    }

    /// The record's `EventSource` (`aws:sns`).
    pub fn event_source(&self) -> Option<&str> {
        self.event_source.as_deref()
    }
}
