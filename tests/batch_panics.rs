//! A panic in a batch's `process` closure is logged naming the record, whether it comes in the
//! closure's body or in its future.

mod support;

use support::LocalFunction;

const BINARY: &str = env!("CARGO_BIN_EXE_batch-panics");

#[tokio::test]
async fn a_panic_in_the_closure_names_the_record() {
    let function = LocalFunction::start(BINARY, &[]);
    for place in ["future", "call"] {
        let payload = serde_json::json!({"ids": ["m-1", "poison", "m-3"], "in": place}).to_string();
        let response = function.client.invoke("batch", payload).await.expect("answers");
        assert_eq!(response.json().expect("JSON")["errorType"], "Faaskit.Panic", "{place}");
        let next = function.client.invoke("batch", r#"{"ids": ["m-4"], "in": "call"}"#).await.expect("answers");
        assert_eq!(next.status, 200, "serves on after a panic in the {place}");
    }
    let logs = function.logs();
    let panics: Vec<&String> = logs.iter().filter(|line| line.contains("panic.message=")).collect();
    assert_eq!(panics.len(), 2, "{logs:#?}");
    for line in panics {
        assert!(line.contains("handling batch record poison"), "the record is named: {line}");
    }
}
