//! A handler run in-process through the whole wire pipeline, as the Lambda runtime runs it.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::payload::TestPayload;
use crate::__private::HandlerDefinition;
use crate::app::App;
use crate::local::{MAX_PAYLOAD_BYTES, MAX_RESPONSE_BYTES};
use crate::pipeline::Prepared;
use crate::{Context, ContextBuilder, Error, FunctionConfig, Handler};

/// A handler ready to invoke in a test: its init has run, and each invocation goes through
/// decode, handler and encode exactly as on Lambda.
///
/// What comes back is what the service would receive: the handler's JSON output, or the
/// [`FunctionError`] (`errorType` and `errorMessage`) Lambda would report, decode errors included.
///
/// # Examples
///
/// ```
/// use faaskit::testing::TestFunction;
/// use faaskit::{Error, Handler, Invocation};
///
/// #[derive(serde::Deserialize)]
/// struct Greeting { name: String }
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let handler = Handler::new("hello", |invocation: Invocation| async move {
///     let greeting: Greeting = invocation.event()?;
///     Ok::<_, Error>(serde_json::json!({ "message": format!("Hello, {}!", greeting.name) }))
/// });
/// let function = TestFunction::new(handler).await.unwrap();
///
/// let output = function.invoke(r#"{"name": "Ana"}"#).await.unwrap();
/// assert_eq!(output, serde_json::json!({"message": "Hello, Ana!"}));
///
/// let error = function.invoke(r#"{"name": 7}"#).await.unwrap_err();
/// assert_eq!(error.error_type, "Faaskit.DecodeError");
/// assert!(error.error_message.contains("name"), "{}", error.error_message);
/// # });
/// ```
///
/// A function annotated with `#[faaskit::handler]` is tested with
/// `TestFunction::of::<hello>()`, `hello` being the function's name.
#[derive(Clone)]
pub struct TestFunction {
    prepared: Arc<Prepared>,
}

/// The error a failed invocation reports to Lambda: `{"errorType": ..., "errorMessage": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionError {
    /// The error's type, as the service receives it (`Faaskit.DecodeError`, your error's name...).
    pub error_type: String,
    /// The error's message, its `source()` chain included.
    pub error_message: String,
}

impl FunctionError {
    /// The error type [`TestFunction::invoke_as`] gives when the function succeeded but its
    /// output is not the type asked for: a mismatch in the test, not a failure of the function.
    pub const OUTPUT_MISMATCH: &'static str = "Faaskit.TestOutputMismatch";

    /// The error type of a payload over Lambda's 6 MB limit, which Lambda refuses before the
    /// function runs (`RequestTooLargeException`, a `413` from the Invoke API).
    pub const REQUEST_TOO_LARGE: &'static str = "RequestTooLargeException";

    /// The error type of a payload that is not UTF-8 JSON, which Lambda refuses before the
    /// function runs (`InvalidRequestContentException`, a `400` from the Invoke API).
    pub const INVALID_REQUEST_CONTENT: &'static str = "InvalidRequestContentException";
}

impl fmt::Display for FunctionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error_type, self.error_message)
    }
}

impl std::error::Error for FunctionError {}

impl From<&Error> for FunctionError {
    fn from(error: &Error) -> Self {
        Self { error_type: error.error_type().to_owned(), error_message: error.message().to_owned() }
    }
}

impl TestFunction {
    /// Prepares `handler` for invocations: runs its init once, as at a cold start.
    ///
    /// # Errors
    ///
    /// When the handler's init fails, it needs a state no init provides, or it is an HTTP
    /// function given [`Handler::layer`] (a [`Error::CONFIG`] error, as the binary would refuse it).
    pub async fn new(handler: Handler) -> Result<Self, Error> {
        let function = FunctionConfig::new(handler.name());
        let prepared = App::prepare_single(handler, function).await?;
        Ok(Self { prepared })
    }

    /// Prepares the handler `#[faaskit::handler]` generated for the function `H` names.
    ///
    /// # Errors
    ///
    /// When the handler's init fails, or it needs a state no init provides.
    pub async fn of<H: HandlerDefinition>() -> Result<Self, Error> {
        Self::new(H::handler()).await
    }

    /// The handler's name.
    pub fn name(&self) -> &str {
        &self.prepared.name
    }

    /// A test context for this function: a fresh request id, a deadline 3 s ahead, the
    /// function's name and ARN; change any field before [`build`](ContextBuilder::build).
    pub fn context(&self) -> ContextBuilder {
        self.prepared.local_context()
    }

    /// Invokes the handler with `payload` and a fresh test context.
    ///
    /// # Errors
    ///
    /// The [`FunctionError`] Lambda would receive: a payload that does not decode, the
    /// handler's error, a panic, a timeout, an output that does not encode, or one over
    /// Lambda's 6 MB limit (`Function.ResponseSizeTooLarge`); and, as they never reach the
    /// handler on Lambda, a payload over that limit ([`FunctionError::REQUEST_TOO_LARGE`]) or
    /// not JSON ([`FunctionError::INVALID_REQUEST_CONTENT`]).
    pub async fn invoke(&self, payload: impl TestPayload) -> Result<serde_json::Value, FunctionError> {
        self.invoke_with_context(payload, self.context().build()).await
    }

    /// Invokes the handler with `payload` and `context`; the invocation times out at the
    /// context's deadline.
    ///
    /// # Errors
    ///
    /// As [`invoke`](Self::invoke).
    pub async fn invoke_with_context(
        &self,
        payload: impl TestPayload,
        context: Context,
    ) -> Result<serde_json::Value, FunctionError> {
        let raw = self.invoke_raw_with_context(payload, context).await?;
        serde_json::from_str(&raw).map_err(|err| FunctionError {
            error_type: Error::ENCODE.to_owned(),
            error_message: format!("the output is not JSON: {err}"),
        })
    }

    /// Invokes the handler with `payload` and a fresh test context, and gives the JSON text the
    /// caller receives, byte for byte: what a `serde_json::Value` would change stays (an integer
    /// over 64 bits, a key written twice by `#[serde(flatten)]`, the order of keys).
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::testing::TestFunction;
    /// use faaskit::{Error, Handler, Invocation};
    ///
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
    /// let wide = Handler::new("wide", |_: Invocation| async { Ok::<_, Error>(u128::from(u64::MAX) + 1) });
    /// let function = TestFunction::new(wide).await.unwrap();
    /// assert_eq!(function.invoke_raw("{}").await.unwrap(), "18446744073709551616");
    /// # });
    /// ```
    ///
    /// # Errors
    ///
    /// As [`invoke`](Self::invoke).
    pub async fn invoke_raw(&self, payload: impl TestPayload) -> Result<String, FunctionError> {
        self.invoke_raw_with_context(payload, self.context().build()).await
    }

    /// [`invoke_raw`](Self::invoke_raw) with `context`.
    async fn invoke_raw_with_context(
        &self,
        payload: impl TestPayload,
        context: Context,
    ) -> Result<String, FunctionError> {
        let mut payload = payload.to_payload();
        if payload.is_empty() {
            // As Lambda, and the local Invoke API, hand on no payload.
            payload = bytes::Bytes::from_static(crate::local::invoke::EMPTY_PAYLOAD);
        }
        if payload.len() > MAX_PAYLOAD_BYTES {
            // Lambda refuses it before the function runs.
            return Err(FunctionError {
                error_type: FunctionError::REQUEST_TOO_LARGE.to_owned(),
                error_message: crate::local::request_too_large_message(MAX_PAYLOAD_BYTES),
            });
        }
        if let Some(message) = crate::local::not_json(&payload) {
            // So is a payload that is not JSON.
            return Err(FunctionError {
                error_type: FunctionError::INVALID_REQUEST_CONTENT.to_owned(),
                error_message: message,
            });
        }
        let timeout = context.remaining_time();
        let output = self.prepared.invoke(payload, context, Some(timeout)).await;
        match output {
            Ok(raw) if raw.get().len() > MAX_RESPONSE_BYTES => {
                Err(FunctionError::from(&crate::local::response_too_large(raw.get().len())))
            }
            Ok(raw) => Ok(String::from(Box::<str>::from(raw))),
            Err(error) => Err(FunctionError::from(&error)),
        }
    }

    /// Invokes the handler and decodes its output into `T`.
    ///
    /// # Errors
    ///
    /// As [`invoke`](Self::invoke), and a [`FunctionError::OUTPUT_MISMATCH`] error when the function
    /// succeeded but its output is not a `T`.
    pub async fn invoke_as<T: serde::de::DeserializeOwned>(
        &self,
        payload: impl TestPayload,
    ) -> Result<T, FunctionError> {
        let output = self.invoke(payload).await?;
        serde_path_to_error::deserialize(output).map_err(|err| {
            let path = crate::decode::known_path(&err.path().to_string());
            let at = if path == "." { String::new() } else { format!("at {path}: ") };
            FunctionError {
                error_type: FunctionError::OUTPUT_MISMATCH.to_owned(),
                error_message: format!(
                    "the function succeeded, but its output does not decode as {}: {at}{}",
                    crate::decode::readable_type_name(std::any::type_name::<T>()),
                    err.inner()
                ),
            }
        })
    }
}

impl fmt::Debug for TestFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestFunction").field("name", &self.name()).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Invocation;
    use crate::test_handlers::doubler;

    #[tokio::test]
    async fn returns_the_encoded_output() {
        let function = TestFunction::new(doubler()).await.unwrap();
        assert_eq!(function.invoke("21").await.unwrap(), serde_json::json!(42));
        assert_eq!(function.invoke_as::<i64>("4").await.unwrap(), 8);
    }

    #[tokio::test]
    async fn reports_errors_as_lambda_receives_them() {
        let function = TestFunction::new(doubler()).await.unwrap();
        let error = function.invoke("-1").await.unwrap_err();
        assert_eq!(
            error,
            FunctionError { error_type: "Negative".into(), error_message: "negative numbers are refused".into() }
        );
        let error = function.invoke("\"seven\"").await.unwrap_err();
        assert_eq!(error.error_type, Error::DECODE);
    }

    /// An empty payload is `{}`, as Lambda and the local Invoke API hand it on.
    #[tokio::test]
    async fn hands_on_no_payload_as_an_empty_object() {
        let echo = crate::Handler::new("echo", |invocation: Invocation| async move {
            Ok::<_, Error>(String::from_utf8_lossy(invocation.payload()).into_owned())
        });
        let function = TestFunction::new(echo).await.unwrap();
        assert_eq!(function.invoke("").await.unwrap(), serde_json::json!("{}"));
    }

    /// What is not JSON never reaches the handler on Lambda: `InvalidRequestContentException`.
    #[tokio::test]
    async fn refuses_a_payload_that_is_not_json() {
        let function = TestFunction::new(doubler()).await.unwrap();
        for payload in [&b"{"[..], b"4 4", b"\"\xff\""] {
            let error = function.invoke(payload).await.unwrap_err();
            assert_eq!(error.error_type, FunctionError::INVALID_REQUEST_CONTENT, "{payload:?}");
            assert!(error.error_message.starts_with("Could not parse request body into json: "), "{error}");
        }
        assert_eq!(function.invoke("4").await.unwrap(), serde_json::json!(8));
    }

    #[tokio::test]
    async fn refuses_an_output_over_lambda_s_limit_as_lambda_does() {
        let handler = Handler::new("big", |invocation: Invocation| async move {
            let len: usize = invocation.event()?;
            Ok::<_, Error>("x".repeat(len))
        });
        let function = TestFunction::new(handler).await.unwrap();
        // The output is the JSON string: the text and its two quotes. Lambda's response limit is
        // 100 bytes over its request limit.
        let error = function.invoke((MAX_RESPONSE_BYTES - 1).to_string()).await.unwrap_err();
        assert_eq!(error.error_type, Error::RESPONSE_TOO_LARGE);
        assert_eq!(
            error.error_message,
            "Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes)."
        );
        let output = function.invoke((MAX_RESPONSE_BYTES - 2).to_string()).await.unwrap();
        assert_eq!(output.as_str().map(str::len), Some(MAX_RESPONSE_BYTES - 2));
    }

    #[tokio::test]
    async fn refuses_a_payload_over_lambda_s_limit_before_the_handler_runs() {
        let function = TestFunction::new(doubler()).await.unwrap();
        let padded = format!("{}1", " ".repeat(MAX_PAYLOAD_BYTES));
        let error = function.invoke(padded).await.unwrap_err();
        assert_eq!(error.error_type, FunctionError::REQUEST_TOO_LARGE);
        assert_eq!(error.error_message, "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
        let fits = format!("{}1", " ".repeat(MAX_PAYLOAD_BYTES - 1));
        assert_eq!(function.invoke(fits).await.unwrap(), serde_json::json!(2));
    }

    #[tokio::test]
    async fn tells_an_output_of_another_type_from_a_failed_function() {
        let function = TestFunction::new(doubler()).await.unwrap();
        let error = function.invoke_as::<Vec<u8>>("4").await.unwrap_err();
        assert_eq!(error.error_type, FunctionError::OUTPUT_MISMATCH);
        assert_eq!(
            error.error_message,
            "the function succeeded, but its output does not decode as Vec<u8>: invalid type: integer `8`, expected a sequence"
        );
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Named {
            name: String,
        }
        let error = function.invoke_as::<Vec<Named>>("4").await.unwrap_err();
        assert!(error.error_message.ends_with("expected a sequence"), "{}", error.error_message);
        let listing = Handler::new("list", |_: crate::Invocation| async {
            Ok::<_, Error>(serde_json::json!([{"name": "a"}, {"nme": "b"}]))
        });
        let error = TestFunction::new(listing).await.unwrap().invoke_as::<Vec<Named>>("null").await.unwrap_err();
        assert_eq!(
            error.error_message,
            "the function succeeded, but its output does not decode as Vec<Named>: at [1]: missing field `name`"
        );
    }

    #[tokio::test]
    async fn times_out_at_the_context_deadline() {
        let handler = Handler::new("slow", |_: Invocation| async move {
            tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            Ok::<_, Error>(())
        });
        let function = TestFunction::new(handler).await.unwrap();
        let context = function.context().timeout(std::time::Duration::from_millis(20)).build();
        let error = function.invoke_with_context("null", context).await.unwrap_err();
        assert_eq!(error.error_type, Error::TIMEOUT);
    }
}
