//! `raw-hello-logged` answers `hello`'s contract in Lambda mode, as the size and start-up
//! comparisons assume, started the way their harnesses start it (its logs set up, at `warn`).

use std::path::Path;
use std::time::Duration;

use faaskit::testing::{Outcome, RuntimeApiPeer};
use faaskit_bench::spawn_lambda;

const RAW_HELLO_LOGGED: &str = env!("CARGO_BIN_EXE_raw-hello-logged");

#[tokio::test]
async fn answers_hellos_contract_against_a_runtime_api_peer() {
    let peer = RuntimeApiPeer::start().await.expect("peer starts");
    let _child = spawn_lambda(Path::new(RAW_HELLO_LOGGED), &peer, "raw-hello-logged").expect("raw-hello-logged starts");
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
