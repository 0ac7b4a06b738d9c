//! An SNS notification: the message SNS delivers, to Lambda (inside a record) or as the body of
//! an SQS message, its text decoded into your type.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};

use crate::body::{FromBody, Text};

/// An attribute the publisher attached to a message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnsMessageAttribute {
    /// `String`, `String.Array`, `Number` or `Binary`.
    #[serde(rename = "Type")]
    pub data_type: String,
    /// The value as sent (base64 for `Binary`, a JSON array in text for `String.Array`).
    #[serde(rename = "Value")]
    pub value: String,
}

/// An SNS notification, its `Message` decoded into `T`.
///
/// It is what the `Sns` field of a Lambda SNS record holds, and the JSON body SNS writes into
/// an SQS queue subscribed without raw message delivery: take `SqsEvent<SnsNotification<T>>`
/// for that envelope. (With raw message delivery the SQS body is the bare message: take
/// `SqsEvent<T>`.)
///
/// # Examples
///
/// ```
/// use faaskit::sns::SnsNotification;
///
/// #[derive(serde::Deserialize)]
/// struct Alert { level: String }
///
/// let body = r#"{
///     "Type": "Notification", "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
///     "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Subject": "disk",
///     "Message": "{\"level\": \"critical\"}", "Timestamp": "2024-05-01T12:00:00.000Z",
///     "SignatureVersion": "1", "Signature": "EXAMPLE", "SigningCertURL": "https://example.com/cert.pem",
///     "UnsubscribeURL": "https://example.com/unsubscribe"
/// }"#;
/// let notification: SnsNotification<Alert> = serde_json::from_str(body).unwrap();
/// assert_eq!(notification.message().level, "critical");
/// assert_eq!(notification.subject(), Some("disk"));
/// assert_eq!(notification.topic_name(), "alerts");
/// ```
#[derive(Clone, Debug)]
pub struct SnsNotification<T = Text> {
    pub(crate) message_type: String,
    pub(crate) message_id: String,
    pub(crate) topic_arn: String,
    pub(crate) subject: Option<String>,
    pub(crate) message: T,
    pub(crate) timestamp: Option<String>,
    pub(crate) signature_version: Option<String>,
    pub(crate) signature: Option<String>,
    pub(crate) signing_cert_url: Option<String>,
    pub(crate) unsubscribe_url: Option<String>,
    pub(crate) message_attributes: BTreeMap<String, SnsMessageAttribute>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[serde(expecting = "an SNS notification object")]
struct NotificationWire<'a> {
    #[serde(rename = "Type", default)]
    message_type: Option<String>,
    message_id: String,
    topic_arn: String,
    #[serde(default)]
    subject: Option<String>,
    #[serde(borrow)]
    message: Cow<'a, str>,
    #[serde(default)]
    timestamp: Option<String>,
    #[serde(default)]
    signature_version: Option<String>,
    #[serde(default)]
    signature: Option<String>,
    #[serde(rename = "SigningCertUrl", alias = "SigningCertURL", default)]
    signing_cert_url: Option<String>,
    #[serde(rename = "UnsubscribeUrl", alias = "UnsubscribeURL", default)]
    unsubscribe_url: Option<String>,
    #[serde(default)]
    message_attributes: BTreeMap<String, SnsMessageAttribute>,
}

impl<'de, T: FromBody> Deserialize<'de> for SnsNotification<T> {
    /// Reads the notification and decodes its `Message`; a message that is not a `T` fails,
    /// naming the message id and the path in the message.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = NotificationWire::deserialize(deserializer)?;
        let message = T::from_text(wire.message.into_owned())
            .map_err(|err| D::Error::custom(format!("SNS message {}: {err}", wire.message_id)))?;
        Ok(Self {
            message_type: wire.message_type.unwrap_or_else(|| "Notification".to_owned()),
            message_id: wire.message_id,
            topic_arn: wire.topic_arn,
            subject: wire.subject.filter(|subject| !subject.is_empty()),
            message,
            timestamp: wire.timestamp,
            signature_version: wire.signature_version,
            signature: wire.signature,
            signing_cert_url: wire.signing_cert_url,
            unsubscribe_url: wire.unsubscribe_url,
            message_attributes: wire.message_attributes,
        })
    }
}

impl<T> SnsNotification<T> {
    /// The message, decoded.
    pub fn message(&self) -> &T {
        &self.message
    }

    /// The message, taken out of the notification.
    pub fn into_message(self) -> T {
        self.message
    }

    /// The message id SNS assigned.
    pub fn message_id(&self) -> &str {
        &self.message_id
    }

    /// The topic's ARN.
    pub fn topic_arn(&self) -> &str {
        &self.topic_arn
    }

    /// The topic's name: the last part of its ARN.
    pub fn topic_name(&self) -> &str {
        self.topic_arn.rsplit(':').next().unwrap_or(&self.topic_arn)
    }

    /// The subject, when the publisher gave one.
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// `Notification` (or `SubscriptionConfirmation`, `UnsubscribeConfirmation` on HTTP
    /// endpoints).
    pub fn message_type(&self) -> &str {
        &self.message_type
    }

    /// When SNS published the message; `None` when absent or not an RFC 3339 time.
    pub fn timestamp(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(self.timestamp.as_deref()?).ok().map(|time| time.with_timezone(&Utc))
    }

    /// The timestamp as sent.
    pub fn timestamp_raw(&self) -> Option<&str> {
        self.timestamp.as_deref()
    }

    /// The attributes the publisher attached, by name.
    pub fn message_attributes(&self) -> &BTreeMap<String, SnsMessageAttribute> {
        &self.message_attributes
    }

    /// One attribute the publisher attached.
    pub fn message_attribute(&self, name: &str) -> Option<&SnsMessageAttribute> {
        self.message_attributes.get(name)
    }

    /// The signature version (`1` for SHA1, `2` for SHA256).
    pub fn signature_version(&self) -> Option<&str> {
        self.signature_version.as_deref()
    }

    /// The base64 signature of the notification, to verify it yourself.
    pub fn signature(&self) -> Option<&str> {
        self.signature.as_deref()
    }

    /// Where the certificate that signed the notification lives.
    pub fn signing_cert_url(&self) -> Option<&str> {
        self.signing_cert_url.as_deref()
    }

    /// The URL that unsubscribes the endpoint.
    pub fn unsubscribe_url(&self) -> Option<&str> {
        self.unsubscribe_url.as_deref()
    }
}
