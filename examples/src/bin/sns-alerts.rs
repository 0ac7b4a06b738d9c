//! `sns-alerts`: turns SNS notifications into alerts.
//!
//! | input | output |
//! | --- | --- |
//! | an SNS event | a JSON array, one `{"topic", "subject", "message"}` per record |
//! | a payload that is not an SNS event | a function error (`Faaskit.DecodeError`) naming what was wrong |
//!
//! `topic` is the topic ARN, `subject` is `null` when the publisher gave none, `message` is
//! the message text as published.
//!
//! ```text
//! cargo run -p faaskit-examples --bin sns-alerts
//! ./target/debug/sns-alerts example-event > sns.json
//! curl -s -XPOST localhost:9000/2015-03-31/functions/sns-alerts/invocations -d @sns.json
//! ```

use faaskit::sns::SnsEvent;
use serde::Serialize;

/// One alert per record.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Alert {
    /// The topic's ARN.
    pub topic: String,
    /// The subject, if any.
    pub subject: Option<String>,
    /// The message text.
    pub message: String,
}

/// One alert per notification.
#[faaskit::handler(name = "sns-alerts")]
async fn sns_alerts(event: SnsEvent) -> Vec<Alert> {
    event
        .iter()
        .map(|record| Alert {
            topic: record.topic_arn().to_owned(),
            subject: record.subject().map(str::to_owned),
            message: record.message().as_str().to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use faaskit::testing::{SnsEventBuilder, TestFunction};
    use serde_json::json;

    use super::*;

    #[tokio::test]
    async fn one_alert_per_record() {
        let event = SnsEventBuilder::new("alerts").subject("disk").message_text("disk full").build();
        let alerts = sns_alerts(event).await;
        assert_eq!(alerts[0].subject.as_deref(), Some("disk"));
        assert_eq!(alerts[0].message, "disk full");
    }

    #[tokio::test]
    async fn a_missing_subject_is_null() {
        let function = TestFunction::of::<sns_alerts>().await.expect("no init");
        let output = function.invoke(SnsEventBuilder::new("alerts").message_text("cpu hot")).await.expect("alerts");
        assert_eq!(
            output,
            json!([{"topic": "arn:aws:sns:us-east-1:123456789012:alerts", "subject": null, "message": "cpu hot"}])
        );
    }
}
