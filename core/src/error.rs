//! The one error type handlers and the framework report, and how errors become Lambda errors.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

/// A boxed error that can cross threads.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// An [`Error`] as a `std::error::Error`, inside a [`BoxError`].
#[derive(Debug)]
struct BoxedError(Error);

impl fmt::Display for BoxedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.message())
    }
}

impl StdError for BoxedError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.0.source.as_deref().map(|source| source as &(dyn StdError + 'static))
    }
}

/// An error a function reports to its caller: an `errorType` and an `errorMessage`.
///
/// This is what Lambda receives from a failed invocation and what the local server answers with
/// (`{"errorType": ..., "errorMessage": ...}` and the header `X-Amz-Function-Error: Unhandled`).
///
/// Any [`std::error::Error`] converts into it with `?`: the `errorType` is the error's type name
/// (`OrderRejected`, `io::Error`), never a compiler-internal path, and the `errorMessage` keeps
/// the whole `source()` chain. To choose the `errorType` yourself, implement [`ErrorType`] on your
/// error and return that type from the handler (or convert with [`Error::from_typed`]: `?` into
/// `Error` cannot see the trait), or build one with [`Error::new`].
///
/// The framework's own failures use the `errorType`s listed as constants on this type.
///
/// # Examples
///
/// ```
/// use faaskit::Error;
///
/// let err = Error::new("OrderRejected", "amount must not be negative");
/// assert_eq!(err.error_type(), "OrderRejected");
/// assert_eq!(err.message(), "amount must not be negative");
///
/// let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such bucket");
/// let err = Error::from(io);
/// assert_eq!(err.error_type(), "io::Error");
/// ```
pub struct Error {
    error_type: Cow<'static, str>,
    message: String,
    source: Option<BoxError>,
}

impl Error {
    /// `errorType` of an event payload that does not match the handler's event type.
    pub const DECODE: &'static str = "Faaskit.DecodeError";
    /// `errorType` of a handler output that could not be serialized to JSON.
    pub const ENCODE: &'static str = "Faaskit.EncodeError";
    /// `errorType` of a handler that panicked; the message carries the panic message.
    pub const PANIC: &'static str = "Faaskit.Panic";
    /// `errorType` of an invocation that ran past its deadline (the name Lambda itself uses).
    pub const TIMEOUT: &'static str = "Sandbox.Timedout";
    /// `errorType` of a handler whose `State<T>` was never provided by an `init` function.
    pub const STATE: &'static str = "Faaskit.StateError";
    /// `errorType` of a failed `init` function (cold start).
    pub const INIT: &'static str = "Faaskit.InitError";
    /// `errorType` of a misconfigured environment (bad `FAASKIT_ADDR`, missing Lambda variables).
    pub const CONFIG: &'static str = "Faaskit.ConfigError";
    /// `errorType` of a process that lost the Lambda Runtime API (it cannot reach or talk to it).
    pub const RUNTIME_API: &'static str = "Faaskit.RuntimeApiError";
    /// `errorType` of a response larger than Lambda's 6 MB synchronous limit.
    pub const RESPONSE_TOO_LARGE: &'static str = "Function.ResponseSizeTooLarge";
    /// `errorType` for opaque errors whose type says nothing (`Box<dyn Error>`, `String`).
    pub const HANDLER: &'static str = "HandlerError";

    /// Creates an error with the given `errorType` and `errorMessage`.
    ///
    /// # Examples
    ///
    /// ```
    /// let err = faaskit::Error::new("NotFound", "no order 42");
    /// assert_eq!(err.to_string(), "no order 42");
    /// ```
    pub fn new(error_type: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self { error_type: error_type.into(), message: message.into(), source: None }
    }

    /// Wraps any error, naming it after its type and keeping its `source()` chain in the message.
    ///
    /// This is what `?` does. It cannot see an [`ErrorType`] implementation, except on faaskit's
    /// own errors (a record that did not decode stays a `Faaskit.DecodeError`); to keep yours,
    /// use [`Error::from_typed`] or return your error type from the handler.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::Error;
    ///
    /// let parse = "x".parse::<u32>().unwrap_err();
    /// let err = Error::from_error(parse);
    /// assert_eq!(err.error_type(), "ParseIntError");
    /// assert_eq!(err.message(), "invalid digit found in string");
    /// ```
    pub fn from_error<E>(error: E) -> Self
    where
        E: StdError + Send + Sync + 'static,
    {
        let error_type =
            crate::typed_errors::error_type_of(&error).unwrap_or_else(|| short_type_name(std::any::type_name::<E>()));
        let message = chain_message(&error);
        Self { error_type, message, source: Some(Box::new(error)) }
    }

    /// Wraps an error whose `errorType` its [`ErrorType`] implementation chooses.
    pub fn from_typed<E>(error: E) -> Self
    where
        E: ErrorType + Send + Sync + 'static,
    {
        let error_type = error.error_type();
        let message = chain_message(&error);
        Self { error_type, message, source: Some(Box::new(error)) }
    }

    /// Wraps a boxed error; its concrete type is unknown, so the `errorType` is `HandlerError`,
    /// unless it is an [`Error`] boxed by [`Error::into_boxed`], which comes back as it was, or
    /// one of faaskit's own errors (a record that did not decode is a `Faaskit.DecodeError`).
    pub fn from_boxed(error: BoxError) -> Self {
        match error.downcast::<BoxedError>() {
            Ok(boxed) => boxed.0,
            Err(error) => {
                let message = chain_message(error.as_ref());
                let error_type =
                    crate::typed_errors::error_type_of(error.as_ref()).unwrap_or(Cow::Borrowed(Self::HANDLER));
                Self { error_type, message, source: Some(error) }
            }
        }
    }

    /// An error known only by reference, which cannot be kept (a `Box<dyn Error>` that cannot
    /// cross threads): named `HandlerError` as a boxed error is, with its `source()` chain.
    pub(crate) fn from_local_box(error: &(dyn StdError + 'static)) -> Self {
        let error_type = crate::typed_errors::error_type_of(error).unwrap_or(Cow::Borrowed(Self::HANDLER));
        Self { error_type, message: chain_message(error), source: None }
    }

    /// This error as a [`BoxError`], for code that takes one (tower middleware, for example);
    /// [`Error::from_boxed`] gives it back with its `errorType`.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::Error;
    ///
    /// let boxed = Error::new("Auth.Unauthorized", "no token").into_boxed();
    /// assert_eq!(boxed.to_string(), "no token");
    /// assert_eq!(Error::from_boxed(boxed).error_type(), "Auth.Unauthorized");
    /// ```
    pub fn into_boxed(self) -> BoxError {
        Box::new(BoxedError(self))
    }

    /// Wraps a value that only implements `Display` (a `String`, an `anyhow::Error`).
    ///
    /// The alternate form (`{:#}`) is used, so `anyhow` and `eyre` errors keep their chain.
    pub fn from_display<D: fmt::Display>(error: D) -> Self {
        Self::new(Self::HANDLER, format!("{error:#}"))
    }

    /// Replaces the `errorType`.
    ///
    /// # Examples
    ///
    /// ```
    /// let err = faaskit::Error::from_display("out of stock").with_error_type("OutOfStock");
    /// assert_eq!(err.error_type(), "OutOfStock");
    /// ```
    #[must_use]
    pub fn with_error_type(mut self, error_type: impl Into<Cow<'static, str>>) -> Self {
        self.error_type = error_type.into();
        self
    }

    /// The `errorType` Lambda reports.
    pub fn error_type(&self) -> &str {
        &self.error_type
    }

    /// The `errorMessage` Lambda reports.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The wrapped error, if this error was made from one.
    pub fn inner(&self) -> Option<&(dyn StdError + Send + Sync + 'static)> {
        self.source.as_deref()
    }

    /// The wrapped error as a `T`, if it is one.
    ///
    /// # Examples
    ///
    /// ```
    /// let parse = "x".parse::<u32>().unwrap_err();
    /// let err = faaskit::Error::from(parse);
    /// assert!(err.downcast_ref::<std::num::ParseIntError>().is_some());
    /// ```
    pub fn downcast_ref<T: StdError + 'static>(&self) -> Option<&T> {
        self.source.as_deref().and_then(|e| e.downcast_ref::<T>())
    }

    /// Whether this error's `errorType` is `error_type`: one of the constants on this type
    /// (`err.is(Error::DECODE)`) or any other name.
    pub fn is(&self, error_type: &str) -> bool {
        self.error_type == error_type
    }

    /// The JSON body Lambda's Invoke API answers with: `{"errorType": ..., "errorMessage": ...}`.
    ///
    /// # Examples
    ///
    /// ```
    /// let body = faaskit::Error::new("Oops", "it broke").to_json();
    /// assert_eq!(body, serde_json::json!({"errorType": "Oops", "errorMessage": "it broke"}));
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "errorType": self.error_type, "errorMessage": self.message })
    }

    pub(crate) fn decode(message: String) -> Self {
        Self::new(Self::DECODE, message)
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Self::new(Self::CONFIG, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error").field("error_type", &self.error_type).field("message", &self.message).finish()
    }
}

impl<E> From<E> for Error
where
    E: StdError + Send + Sync + 'static,
{
    fn from(error: E) -> Self {
        Self::from_error(error)
    }
}

impl From<Error> for lambda_runtime::Diagnostic {
    fn from(error: Error) -> Self {
        lambda_runtime::Diagnostic { error_type: error.error_type.into_owned(), error_message: error.message }
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("errorType", &self.error_type)?;
        s.serialize_field("errorMessage", &self.message)?;
        s.end()
    }
}

/// Lets an error type choose the `errorType` Lambda reports for it.
///
/// Without it, a handler's error is named after its type. With it, you can name each variant,
/// so that a Step Functions `Retry` or a CloudWatch metric filter can tell them apart.
///
/// The handler must return your error type itself (`Result<Reply, OrderError>`), or convert it
/// with [`Error::from_typed`]: a `?` into [`Error`] goes through `From`, which cannot see this
/// trait (Rust has no specialization), and names the error after its type (`OrderError`).
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
///
/// #[derive(Debug)]
/// enum OrderError { NegativeAmount, UnknownCustomer(String) }
///
/// impl std::fmt::Display for OrderError {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         match self {
///             Self::NegativeAmount => f.write_str("amount must not be negative"),
///             Self::UnknownCustomer(id) => write!(f, "no customer {id}"),
///         }
///     }
/// }
/// impl std::error::Error for OrderError {}
///
/// impl faaskit::ErrorType for OrderError {
///     fn error_type(&self) -> Cow<'static, str> {
///         match self {
///             Self::NegativeAmount => "NegativeAmount".into(),
///             Self::UnknownCustomer(_) => "UnknownCustomer".into(),
///         }
///     }
/// }
///
/// let err = faaskit::Error::from_typed(OrderError::NegativeAmount);
/// assert_eq!(err.error_type(), "NegativeAmount");
///
/// fn check(amount: i64) -> Result<i64, faaskit::Error> {
///     if amount < 0 {
///         return Err(OrderError::NegativeAmount).map_err(faaskit::Error::from_typed);
///     }
///     Ok(amount)
/// }
/// assert_eq!(check(-1).unwrap_err().error_type(), "NegativeAmount");
/// ```
pub trait ErrorType: StdError {
    /// The `errorType` to report for this error.
    fn error_type(&self) -> Cow<'static, str>;
}

/// The message of an error followed by each of its sources, `": "`-separated.
///
/// A source whose text the message already ends with is not repeated.
pub(crate) fn chain_message(error: &(dyn StdError + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !text.is_empty() && !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// A readable name for a type: its last path segment without generics.
///
/// `Error`s are qualified by their module (`io::Error`) or crate (`serde_json::Error`), and
/// trait objects, whose type says nothing, are `HandlerError`.
pub(crate) fn short_type_name(full: &str) -> Cow<'static, str> {
    let without_generics = full.split('<').next().unwrap_or(full);
    if full.contains("dyn ") || full.starts_with('&') {
        return Cow::Borrowed(Error::HANDLER);
    }
    let segments: Vec<&str> = without_generics.split("::").collect();
    let last = segments.last().copied().unwrap_or(without_generics);
    if last != "Error" || segments.len() < 2 {
        return Cow::Owned(last.to_owned());
    }
    let qualifier = match segments[0] {
        "std" | "core" | "alloc" if segments.len() > 2 => segments[1],
        first => first,
    };
    Cow::Owned(format!("{qualifier}::Error"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(std::io::Error);
    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("could not charge card")
        }
    }
    impl StdError for Outer {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn keeps_the_source_chain_in_the_message() {
        let err = Error::from(Outer(std::io::Error::other("connection refused")));
        assert_eq!(err.error_type(), "Outer");
        assert_eq!(err.message(), "could not charge card: connection refused");
    }

    #[test]
    fn does_not_repeat_a_source_already_in_the_message() {
        #[derive(Debug)]
        struct Loud(std::io::Error);
        impl fmt::Display for Loud {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "failed: {}", self.0)
            }
        }
        impl StdError for Loud {
            fn source(&self) -> Option<&(dyn StdError + 'static)> {
                Some(&self.0)
            }
        }
        let err = Error::from(Loud(std::io::Error::other("disk full")));
        assert_eq!(err.message(), "failed: disk full");
    }

    #[test]
    fn names_types_readably() {
        assert_eq!(short_type_name("my_app::errors::OrderRejected"), "OrderRejected");
        assert_eq!(short_type_name("std::io::error::Error"), "io::Error");
        assert_eq!(short_type_name("serde_json::error::Error"), "serde_json::Error");
        assert_eq!(short_type_name("my_app::Wrapper<alloc::string::String>"), "Wrapper");
        assert_eq!(short_type_name("alloc::boxed::Box<dyn core::error::Error + Send + Sync>"), "HandlerError");
        assert_eq!(short_type_name("&str"), "HandlerError");
    }

    #[test]
    fn converts_into_a_lambda_diagnostic() {
        let diagnostic: lambda_runtime::Diagnostic = Error::new("Oops", "broken").into();
        assert_eq!(diagnostic.error_type, "Oops");
        assert_eq!(diagnostic.error_message, "broken");
    }

    #[test]
    fn boxed_errors_are_handler_errors() {
        let boxed: BoxError = "plain text".into();
        let err = Error::from_boxed(boxed);
        assert_eq!(err.error_type(), Error::HANDLER);
        assert_eq!(err.message(), "plain text");
    }
}
