//! The `sns-alerts` example, run for real, locally and on a Runtime API peer: one
//! `{"topic", "subject", "message"}` per record, `subject` null when absent.

mod support;

use faaskit::testing::{SnsEventBuilder, TestPayload};
use serde_json::json;
use support::{Expect, assert_contract};

const SNS_ALERTS: &str = env!("CARGO_BIN_EXE_sns-alerts");

fn payload(builder: &SnsEventBuilder) -> String {
    String::from_utf8(builder.to_payload().to_vec()).expect("UTF-8")
}

#[tokio::test]
async fn turns_notifications_into_alerts_in_both_modes() {
    let topic = "arn:aws:sns:us-east-1:123456789012:alerts";
    let two = SnsEventBuilder::new("alerts")
        .subject("disk")
        .message_text("disk 91% full")
        .message_json(&json!({"cpu": 0.97}))
        .attribute("severity", "high");
    let no_subject = SnsEventBuilder::new("alerts").message_text("line one\nline two");
    let cases = vec![
        (
            include_str!("../adapters/tests/fixtures/aws_lambda_events/example-sns-event.json").to_owned(),
            Expect::Output(
                json!([{"topic": "arn:aws:sns:us-east-1:246796806071:snsNetTest", "subject": "Greetings", "message": "Hello\r\nworld!"}]),
            ),
        ),
        (
            payload(&two),
            Expect::Output(json!([
                {"topic": topic, "subject": "disk", "message": "disk 91% full"},
                {"topic": topic, "subject": "disk", "message": "{\"cpu\":0.97}"},
            ])),
        ),
        (
            payload(&no_subject),
            Expect::Output(json!([{"topic": topic, "subject": null, "message": "line one\nline two"}])),
        ),
        (
            r#"{"Records": [{"Sns": {"MessageId": "m-1"}}]}"#.to_owned(),
            Expect::Error("Faaskit.DecodeError", "missing field `TopicArn`"),
        ),
        (r#"[]"#.to_owned(), Expect::Error("Faaskit.DecodeError", "cannot decode the event")),
        (
            payload(&no_subject),
            Expect::Output(json!([{"topic": topic, "subject": null, "message": "line one\nline two"}])),
        ),
    ];
    assert_contract(SNS_ALERTS, "sns-alerts", &cases).await;
}
