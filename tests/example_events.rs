//! Every example binary prints a sample of its own event, as every faaskit binary can
//! (`example-event`, or `FAASKIT_PRINT_EXAMPLE_EVENT=1`), and accepts that sample when invoked.

mod support;

use serde_json::Value;
use support::LocalFunction;

/// Each example binary, by function name.
const EXAMPLES: [(&str, &str); 8] = [
    ("hello", env!("CARGO_BIN_EXE_hello")),
    ("faults", env!("CARGO_BIN_EXE_faults")),
    ("s3-inventory", env!("CARGO_BIN_EXE_s3-inventory")),
    ("sqs-orders", env!("CARGO_BIN_EXE_sqs-orders")),
    ("sns-alerts", env!("CARGO_BIN_EXE_sns-alerts")),
    ("dynamodb-audit", env!("CARGO_BIN_EXE_dynamodb-audit")),
    ("http-api", env!("CARGO_BIN_EXE_http-api")),
    ("axum-router", env!("CARGO_BIN_EXE_axum-router")),
];

/// What `binary` prints as its sample, through the subcommand or the variable.
fn sample(binary: &str, through_variable: bool) -> Value {
    let mut command = std::process::Command::new(binary);
    if through_variable {
        command.env("FAASKIT_PRINT_EXAMPLE_EVENT", "1");
    } else {
        command.arg("example-event").env_remove("FAASKIT_PRINT_EXAMPLE_EVENT");
    }
    let output = command.env_remove("AWS_LAMBDA_RUNTIME_API").output().expect("runs");
    assert!(output.status.success(), "{binary}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("{binary}: no JSON sample on stdout ({err}): {:?}", output.stdout))
}

#[test]
fn every_example_prints_a_sample_event_both_ways() {
    for (name, binary) in EXAMPLES {
        let by_command = sample(binary, false);
        assert!(by_command.is_object(), "{name}: {by_command}");
        assert_eq!(sample(binary, true), by_command, "{name}: the two ways print one sample");
    }
}

#[tokio::test]
async fn every_example_accepts_its_own_sample() {
    for (name, binary) in EXAMPLES {
        let event = sample(binary, false);
        let function = LocalFunction::start(binary, &[]);
        let response = function.client.invoke(name, event.to_string()).await.expect("answers");
        assert_eq!(response.status, 200, "{name}: {}", response.text());
        assert!(!response.is_function_error(), "{name} refused its own sample: {}", response.text());
    }
}
