//! What `#[faaskit::handler]`'s expansion does at run time, where the signature's syntax alone
//! cannot tell: results under another name, answers of an opaque type.

use faaskit::testing::{FunctionError, TestFunction};
use serde::Serialize;

#[derive(Serialize)]
struct Reply {
    message: String,
}

/// A crate's own name for its handlers' results.
type HandlerResult<T> = Result<T, faaskit::Error>;

/// The same with a `Display` error.
type TextResult = Result<Reply, String>;

#[faaskit::handler(main = false)]
async fn aliased(event: serde_json::Value) -> HandlerResult<Reply> {
    match event["name"].as_str() {
        Some(name) => Ok(Reply { message: format!("Hello, {name}!") }),
        None => Err(faaskit::Error::new("MissingName", "the event has no `name`")),
    }
}

#[faaskit::handler(main = false)]
async fn aliased_text(event: serde_json::Value) -> TextResult {
    if event.is_null() { Err("no event".to_owned()) } else { Ok(Reply { message: "hi".into() }) }
}

#[tokio::test]
async fn a_result_under_another_name_fails_as_an_error() {
    let function = TestFunction::of::<aliased>().await.expect("starts");
    let ok = function.invoke(r#"{"name": "Ana"}"#).await.expect("answers");
    assert_eq!(ok, serde_json::json!({"message": "Hello, Ana!"}));
    let err: FunctionError = function.invoke("{}").await.expect_err("fails");
    assert_eq!((err.error_type.as_str(), err.error_message.as_str()), ("MissingName", "the event has no `name`"));

    let function = TestFunction::of::<aliased_text>().await.expect("starts");
    let err = function.invoke("null").await.expect_err("fails");
    assert_eq!((err.error_type.as_str(), err.error_message.as_str()), ("HandlerError", "no event"));
}

#[faaskit::handler(main = false)]
async fn opaque(event: serde_json::Value) -> impl Serialize {
    Reply { message: format!("got {event}") }
}

#[faaskit::handler(main = false)]
async fn opaque_in_result(event: serde_json::Value) -> Result<impl Serialize, std::io::Error> {
    match event.as_u64() {
        Some(n) => Ok(vec![n; 2]),
        None => Err(std::io::Error::other("not a number")),
    }
}

#[tokio::test]
async fn an_answer_of_an_opaque_type_is_served() {
    let function = TestFunction::of::<opaque>().await.expect("starts");
    assert_eq!(function.invoke("7").await.expect("answers"), serde_json::json!({"message": "got 7"}));

    let function = TestFunction::of::<opaque_in_result>().await.expect("starts");
    assert_eq!(function.invoke("3").await.expect("answers"), serde_json::json!([3, 3]));
    let err = function.invoke("\"x\"").await.expect_err("fails");
    assert_eq!((err.error_type.as_str(), err.error_message.as_str()), ("io::Error", "not a number"));
}

/// An HTTP handler's `faaskit::Error` is a `500` whose body does not show the message (it may
/// name internal hosts); the log has it.
#[cfg(feature = "http")]
mod http_errors {
    use faaskit::http::axum::extract::Path;
    use faaskit::testing::TestServer;

    #[faaskit::http(route = "/orders/{id}", method = "GET", main = false)]
    async fn order(Path(id): Path<u32>) -> Result<String, faaskit::Error> {
        if id == 0 {
            return Err(faaskit::Error::new("OrderNotFound", "db-internal:5432 has no order 0"));
        }
        Ok(format!("order {id}"))
    }

    #[tokio::test]
    async fn an_error_is_an_opaque_500() {
        let server = TestServer::of::<order>().await.expect("starts");
        let ok = server.client().get("/orders/7").await.expect("answers");
        assert_eq!((ok.status.as_u16(), ok.text()), (200, "order 7".to_owned()));
        let failed = server.client().get("/orders/0").await.expect("answers");
        assert_eq!((failed.status.as_u16(), failed.text()), (500, "Internal Server Error".to_owned()));
    }
}

/// An axum handler's `State<T>` is checked before the first request, as an event handler's is:
/// without an init that provides it, the function does not start.
#[cfg(feature = "http")]
mod http_state {
    use faaskit::State;
    use faaskit::http::axum::extract::Path;
    use faaskit::testing::{TestFunction, TestServer};

    struct Pool(&'static str);

    fn connect() -> Result<Pool, faaskit::Error> {
        Ok(Pool("db-1"))
    }

    #[faaskit::http(route = "/users/{id}", method = "GET", main = false)]
    async fn without_init(Path(id): Path<u32>, pool: State<Pool>) -> String {
        format!("{id} from {}", pool.0)
    }

    #[faaskit::http(route = "/users/{id}", method = "GET", main = false, init = connect)]
    async fn with_init(Path(id): Path<u32>, pool: State<Pool>) -> String {
        format!("{id} from {}", pool.0)
    }

    #[tokio::test]
    async fn a_state_without_an_init_stops_the_start() {
        let Err(refused_test) = TestFunction::of::<without_init>().await else {
            panic!("no init provides State<Pool>")
        };
        let Err(refused_server) = TestServer::of::<without_init>().await else {
            panic!("no init provides State<Pool>")
        };
        for err in [refused_test, refused_server] {
            assert_eq!(err.error_type(), "Faaskit.StateError");
            assert!(err.message().contains("handler `without_init` takes State<"), "{}", err.message());
            assert!(err.message().contains("Pool>, but no init function provides one"), "{}", err.message());
        }
        let server = TestServer::of::<with_init>().await.expect("its init provides the state");
        let answer = server.client().get("/users/7").await.expect("answers");
        assert_eq!((answer.status.as_u16(), answer.text()), (200, "7 from db-1".to_owned()));
    }
}

/// An SQS batch whose one message is not an `Order`.
fn undecodable_batch() -> serde_json::Value {
    serde_json::json!({"Records": [{"messageId": "m-1", "body": "{\"amount\": \"lots\"}"}]})
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Order {
    amount: f64,
}

#[faaskit::handler(main = false)]
async fn boxed_local(event: faaskit::sqs::SqsEvent<Order>) -> Result<usize, Box<dyn std::error::Error>> {
    Ok(event.try_into_records()?.len())
}

#[faaskit::handler(main = false)]
async fn boxed_send(event: faaskit::sqs::SqsEvent<Order>) -> Result<usize, Box<dyn std::error::Error + Send>> {
    let records = event.try_into_records().map_err(|err| Box::new(err) as Box<dyn std::error::Error + Send>)?;
    Ok(records.len())
}

#[faaskit::handler(main = false)]
async fn boxed_shared(event: faaskit::sqs::SqsEvent<Order>) -> Result<usize, faaskit::BoxError> {
    Ok(event.try_into_records()?.len())
}

#[faaskit::handler(main = false)]
async fn boxed_io(_event: serde_json::Value) -> Result<(), Box<dyn std::error::Error>> {
    Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no such bucket").into())
}

/// A record that did not decode is a `Faaskit.DecodeError` whichever box the handler returns it
/// in; any other boxed error is a `HandlerError` with its message.
#[tokio::test]
async fn a_boxed_record_error_stays_a_decode_error() {
    let functions = [
        TestFunction::of::<boxed_local>().await,
        TestFunction::of::<boxed_send>().await,
        TestFunction::of::<boxed_shared>().await,
    ];
    for function in functions {
        let function = function.expect("no init");
        let error = function.invoke(undecodable_batch()).await.expect_err("a record that did not decode");
        assert_eq!(error.error_type, "Faaskit.DecodeError", "{}", function.name());
        assert!(
            error.error_message.starts_with("message 0 (messageId m-1): the body is not a valid Order"),
            "{error:?}"
        );
    }
    let function = TestFunction::of::<boxed_io>().await.expect("no init");
    let error = function.invoke(serde_json::json!({})).await.expect_err("fails");
    assert_eq!((error.error_type.as_str(), error.error_message.as_str()), ("HandlerError", "no such bucket"));
}
