//! A handler run in-process through the whole wire pipeline, as the Lambda runtime runs it.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::payload::TestPayload;
use crate::__private::HandlerDefinition;
use crate::app::App;
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
    /// When the handler's init fails, or it needs a state no init provides.
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
    /// handler's error, a panic, a timeout or an output that does not encode.
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
        let timeout = context.remaining_time();
        let output = self.prepared.invoke(payload.to_payload(), context, Some(timeout)).await;
        match output {
            Ok(raw) => serde_json::from_str(raw.get()).map_err(|err| FunctionError {
                error_type: Error::ENCODE.to_owned(),
                error_message: format!("the output is not JSON: {err}"),
            }),
            Err(error) => Err(FunctionError::from(&error)),
        }
    }

    /// Invokes the handler and decodes its output into `T`.
    ///
    /// # Errors
    ///
    /// As [`invoke`](Self::invoke), and a `Faaskit.DecodeError` when the output is not a `T`.
    pub async fn invoke_as<T: serde::de::DeserializeOwned>(
        &self,
        payload: impl TestPayload,
    ) -> Result<T, FunctionError> {
        let output = self.invoke(payload).await?;
        serde_json::from_value(output).map_err(|err| FunctionError {
            error_type: Error::DECODE.to_owned(),
            error_message: format!("the output is not a {}: {err}", std::any::type_name::<T>()),
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

    fn doubler() -> Handler {
        Handler::new("double", |invocation: Invocation| async move {
            let n: i64 = invocation.event()?;
            if n < 0 {
                return Err(Error::new("Negative", "negative numbers are refused"));
            }
            Ok::<_, Error>(n * 2)
        })
    }

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
