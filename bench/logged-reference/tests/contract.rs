//! `raw-hello-logged` answers `hello`'s contract in Lambda mode, as the size and start-up
//! comparisons assume, and keeps answering with its logs on.

use std::process::Stdio;
use std::time::Duration;

use faaskit::testing::{Outcome, RuntimeApiPeer};

const RAW_HELLO_LOGGED: &str = env!("CARGO_BIN_EXE_raw-hello-logged");

#[tokio::test]
async fn answers_hellos_contract_against_a_runtime_api_peer() {
    let peer = RuntimeApiPeer::start().await.expect("peer starts");
    let _child = tokio::process::Command::new(RAW_HELLO_LOGGED)
        .envs(peer.lambda_environment("raw-hello-logged"))
        .env("AWS_LAMBDA_LOG_LEVEL", "debug")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("raw-hello-logged starts");
    for (payload, expected) in [
        (r#"{"name":"Ana"}"#, r#"{"message":"Hello, Ana!"}"#),
        ("{}", r#"{"message":"Hello, world!"}"#),
        (r#"{"name":"  "}"#, r#"{"message":"Hello, world!"}"#),
    ] {
        let outcome =
            tokio::time::timeout(Duration::from_secs(30), peer.invoke(payload)).await.expect("answers in 30 s");
        match outcome {
            Outcome::Response(body) => assert_eq!(body, expected.as_bytes(), "{payload}"),
            other => panic!("{payload}: {other:?}"),
        }
    }
    let outcome =
        tokio::time::timeout(Duration::from_secs(30), peer.invoke(r#"{"nme":"Ana"}"#)).await.expect("answers");
    assert!(matches!(outcome, Outcome::Error { .. }), "an unknown field is an error: {outcome:?}");
}
