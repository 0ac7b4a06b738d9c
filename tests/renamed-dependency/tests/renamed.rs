//! The handlers of a crate that depends on faaskit as `fk` compile (the crate has no
//! `faaskit` to fall back on) and answer as any handler does.

use faaskit_renamed_dependency::{api, greet, pong};
use fk::testing::{FunctionError, HttpApiEvent, TestFunction};

fn get(path: &str) -> HttpApiEvent {
    HttpApiEvent::from_request(http::Request::get(path).body("").expect("a request"))
}

#[tokio::test]
async fn the_event_handler_answers_and_fails_as_written() {
    let function = TestFunction::of::<greet>().await.expect("prepares");
    let answer = function.invoke(r#"{"name": "Ana"}"#).await.expect("answers");
    assert_eq!(answer, "Hello, Ana, from greet!");
    let err: FunctionError = function.invoke("{}").await.expect_err("fails");
    assert_eq!((err.error_type.as_str(), err.error_message.as_str()), ("MissingName", "no `name`"));
}

#[tokio::test]
async fn the_http_handlers_answer() {
    let router = TestFunction::of::<api>().await.expect("prepares");
    let response = router.invoke(get("/ping")).await.expect("answers");
    assert_eq!((response["statusCode"].as_u64(), response["body"].as_str()), (Some(200), Some("pong")));

    let handler = TestFunction::of::<pong>().await.expect("prepares");
    let response = handler.invoke(get("/pong")).await.expect("answers");
    assert_eq!((response["statusCode"].as_u64(), response["body"].as_str()), (Some(200), Some("ping")));
}
