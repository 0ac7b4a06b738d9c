//! Support for the code the attribute macros generate. Not a public API.

use std::process::ExitCode;

pub use serde_json::Value as JsonValue;

pub use crate::app::binary_file_name;
pub use crate::base64_text::describe_base64_error;
pub use crate::decode::{from_json_bytes, known_path, readable_type_name};
pub use crate::http_body_size::is_textual;
pub use crate::lambda::RuntimeApiEndpoint;
pub use crate::panic_report::{handling_record, logged_by_hook as panic_logged_by_hook};
pub use crate::pipeline::panic_message;
pub use crate::typed_errors::remember as remember_error_type;
pub use crate::{App, Error, FromInvocation, Handler, Invocation};

pub use crate::handler::HandlerDefinition;
pub use crate::http_extract::context_in;

/// The `main` of a binary whose handlers the attributes define.
pub fn run_main(handlers: Vec<Handler>, logging: bool) -> ExitCode {
    App::new().handlers(handlers).logging(logging).run_main()
}

/// What the `main` of `faaskit::main!` returns: the exit code, in a type of its own, so that the
/// macro can tell its `main` from one the user wrote (see [`top_level_main`]).
pub struct MainExit(pub ExitCode);

impl std::process::Termination for MainExit {
    fn report(self) -> ExitCode {
        self.0
    }
}

/// The `main` `faaskit::main!` generates.
#[diagnostic::on_unimplemented(
    message = "`faaskit::main!` is the binary's `fn main`: write it at the top level of `main.rs`, not inside a function",
    label = "the `main` this defines would never run",
    note = "replace your `fn main() {{ faaskit::main!(...); }}` with `faaskit::main!(...);` alone"
)]
pub trait GeneratedMain {}

impl GeneratedMain for MainExit {}

/// Compiles only when `self::main`, seen from where `faaskit::main!` was written, is the
/// `main` it generated: not so inside a function, where it names the enclosing module's own.
pub const fn top_level_main<R: GeneratedMain>(main: fn() -> R) {
    let _ = main;
}

/// Fails to compile when two of `names` (the handlers `faaskit::main!` lists) are the same, with
/// a message that names it; `None`, a name known only at run time, is checked when the binary
/// starts.
pub const fn distinct_names(names: &[Option<&str>]) {
    let mut later = 0;
    while later < names.len() {
        let mut earlier = 0;
        while earlier < later {
            if let (Some(first), Some(second)) = (names[earlier], names[later]) {
                if same(first.as_bytes(), second.as_bytes()) {
                    duplicate_name(second);
                }
            }
            earlier += 1;
        }
        later += 1;
    }
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Panics (at compile time, in `const` evaluation) with a message that names `name`, up to 64
/// bytes of it.
const fn duplicate_name(name: &str) -> ! {
    const BEFORE: &[u8] = b"`faaskit::main!` lists two handlers named `";
    const AFTER: &[u8] =
        b"`: each needs a name of its own (`#[faaskit::handler(name = \"...\")]` renames one), or list it once";
    const NAME_MAX: usize = 64;
    let mut message = [0u8; BEFORE.len() + NAME_MAX + 3 + AFTER.len()];
    let mut len = 0;
    let mut i = 0;
    while i < BEFORE.len() {
        message[len] = BEFORE[i];
        len += 1;
        i += 1;
    }
    // Whole characters only, so that the message stays UTF-8.
    let name = name.as_bytes();
    let mut cut = if name.len() > NAME_MAX { NAME_MAX } else { name.len() };
    while cut < name.len() && (name[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    i = 0;
    while i < cut {
        message[len] = name[i];
        len += 1;
        i += 1;
    }
    if cut < name.len() {
        let ellipsis = b"...";
        i = 0;
        while i < ellipsis.len() {
            message[len] = ellipsis[i];
            len += 1;
            i += 1;
        }
    }
    i = 0;
    while i < AFTER.len() {
        message[len] = AFTER[i];
        len += 1;
        i += 1;
    }
    match std::str::from_utf8(message.split_at(len).0) {
        Ok(message) => panic!("{}", message),
        Err(_) => panic!("`faaskit::main!` lists two handlers of one name: each needs a name of its own"),
    }
}

/// A value a handler may return: anything serializable.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from a faaskit handler",
    label = "does not implement `serde::Serialize`",
    note = "a handler returns a serializable value, or `Result<T, E>` where `T: Serialize` and `E` is an error (`std::error::Error`, `faaskit::Error`, or anything `Display`)"
)]
pub trait HandlerOutput: serde::Serialize {}

impl<T: serde::Serialize> HandlerOutput for T {}

/// Checks a handler's answer is serializable. The macro spans the argument over the answer's type
/// as written, so that the error underlines all of it.
pub fn check_output<T: HandlerOutput>(value: &T) {
    let _ = value;
}

/// An error a handler may return: anything that can be displayed.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the error of a faaskit handler",
    label = "does not implement `std::error::Error` or `Display`",
    note = "a handler's error is a `std::error::Error`, a `faaskit::Error`, or anything `Display`"
)]
pub trait HandlerError: std::fmt::Display {}

impl<T: std::fmt::Display> HandlerError for T {}

/// Checks a handler's error can be reported. The macro spans the argument over the error's type
/// as written.
pub fn check_error<E: HandlerError>(error: &E) {
    let _ = error;
}

/// How a handler's answer reaches [`Handler::new`], chosen by autoref specialization on its
/// type: as it is when it is serializable, else as a stand-in. [`check_output`] has already
/// refused such a type at the return type; the stand-in keeps `Handler::new`'s own bound from
/// adding a second error at the attribute.
///
/// Call as `(&&ServeProbe::of(&value)).faaskit_answer_kind().answer(value)`: method lookup tries
/// `&&ServeProbe` before `&ServeProbe`.
pub mod answer {
    use std::marker::PhantomData;

    use serde::Serialize;

    /// Stands for the answer type `T`.
    pub struct ServeProbe<T>(PhantomData<T>);

    impl<T> ServeProbe<T> {
        /// The probe of `value`'s type.
        pub fn of(value: &T) -> Self {
            let _ = value;
            Self(PhantomData)
        }
    }

    /// The answer is serializable: it goes as it is.
    pub struct Serializable;
    /// The answer is not serializable: the handler does not compile.
    pub struct Unserializable;

    /// What stands for an answer that cannot be serialized; never made in a handler that compiles.
    pub struct NotSerializable;

    impl Serialize for NotSerializable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("the handler's answer type is not serializable"))
        }
    }

    impl Serializable {
        /// The answer as it is.
        pub fn answer<T: Serialize>(self, value: T) -> T {
            value
        }
    }

    impl Unserializable {
        /// The stand-in.
        pub fn answer<T>(self, value: T) -> NotSerializable {
            drop(value);
            NotSerializable
        }
    }

    /// Picks [`Serializable`].
    pub trait SerializableKind {
        /// How the answer goes.
        fn faaskit_answer_kind(&self) -> Serializable {
            Serializable
        }
    }
    impl<T: Serialize> SerializableKind for &ServeProbe<T> {}

    /// Picks [`Unserializable`].
    pub trait UnserializableKind {
        /// How the answer goes.
        fn faaskit_answer_kind(&self) -> Unserializable {
            Unserializable
        }
    }
    impl<T> UnserializableKind for ServeProbe<T> {}
}

/// How a handler's error becomes a [`Error`], chosen by autoref specialization on its type:
/// [`crate::ErrorType`] first, then `Into<Error>` (every `std::error::Error`) or a boxed error,
/// then anything `Display`.
///
/// Call as `(&&&ErrorProbe::of(&err)).faaskit_error_kind().into_error(err)`: method lookup tries
/// `&&ErrorProbe` before `&&&ErrorProbe` before `&ErrorProbe`, so the first kind whose bound
/// holds wins.
pub mod error_kind {
    use std::fmt::Display;
    use std::marker::PhantomData;

    use crate::error::BoxError;
    use crate::{Error, ErrorType};

    /// Stands for the error type `E`.
    pub struct ErrorProbe<E>(PhantomData<E>);

    impl<E> ErrorProbe<E> {
        /// The probe of `error`'s type.
        pub fn of(error: &E) -> Self {
            let _ = error;
            Self(PhantomData)
        }
    }

    /// The error chooses its own `errorType`.
    pub struct Typed;
    /// The error converts into [`Error`] (named after its type).
    pub struct Converted;
    /// A boxed error of unknown type.
    pub struct Boxed;
    /// A boxed error of unknown type that cannot cross threads (`Box<dyn Error>`): its message
    /// is kept, not the error itself.
    pub struct LocalBoxed;
    /// Anything displayable (`String`, `anyhow::Error`).
    pub struct Displayed;

    impl Typed {
        /// Converts the error.
        pub fn into_error<E: ErrorType + Send + Sync + 'static>(self, error: E) -> Error {
            Error::from_typed(error)
        }
    }

    impl Converted {
        /// Converts the error.
        pub fn into_error<E: Into<Error>>(self, error: E) -> Error {
            error.into()
        }
    }

    impl Boxed {
        /// Converts the error.
        pub fn into_error(self, error: BoxError) -> Error {
            Error::from_boxed(error)
        }
    }

    impl LocalBoxed {
        /// Converts the error.
        pub fn into_error<E: LocalBoxError>(self, error: E) -> Error {
            Error::from_local_box(error.as_dyn())
        }
    }

    /// `Box<dyn Error>` and `Box<dyn Error + Send>`, which are not [`BoxError`].
    pub trait LocalBoxError {
        /// The error inside.
        fn as_dyn(&self) -> &(dyn std::error::Error + 'static);
    }

    impl LocalBoxError for Box<dyn std::error::Error> {
        fn as_dyn(&self) -> &(dyn std::error::Error + 'static) {
            self.as_ref()
        }
    }

    impl LocalBoxError for Box<dyn std::error::Error + Send> {
        fn as_dyn(&self) -> &(dyn std::error::Error + 'static) {
            self.as_ref()
        }
    }

    impl Displayed {
        /// Converts the error.
        pub fn into_error<E: Display>(self, error: E) -> Error {
            Error::from_display(error)
        }
    }

    /// Picks [`Typed`].
    pub trait TypedKind {
        /// The conversion to use.
        fn faaskit_error_kind(&self) -> Typed {
            Typed
        }
    }
    impl<E: ErrorType + Send + Sync + 'static> TypedKind for &&ErrorProbe<E> {}

    /// Picks [`Converted`].
    pub trait ConvertedKind {
        /// The conversion to use.
        fn faaskit_error_kind(&self) -> Converted {
            Converted
        }
    }
    impl<E: Into<Error>> ConvertedKind for &&&ErrorProbe<E> {}

    /// Picks [`Boxed`].
    pub trait BoxedKind {
        /// The conversion to use.
        fn faaskit_error_kind(&self) -> Boxed {
            Boxed
        }
    }
    impl BoxedKind for &&&ErrorProbe<BoxError> {}

    /// Picks [`LocalBoxed`].
    pub trait LocalBoxedKind {
        /// The conversion to use.
        fn faaskit_error_kind(&self) -> LocalBoxed {
            LocalBoxed
        }
    }
    impl<E: LocalBoxError> LocalBoxedKind for &&&ErrorProbe<E> {}

    /// Picks [`Displayed`].
    pub trait DisplayedKind {
        /// The conversion to use.
        fn faaskit_error_kind(&self) -> Displayed {
            Displayed
        }
    }
    impl<E: Display> DisplayedKind for &ErrorProbe<E> {}

    /// Picked for an error type none of the others accept. `check_result` has already refused
    /// such a type with a spanned message; this keeps the expansion from adding a second,
    /// unreadable error.
    pub struct Unsupported;

    impl Unsupported {
        /// Never called: the handler does not compile.
        pub fn into_error<E>(self, error: E) -> Error {
            let _ = error;
            Error::new(Error::HANDLER, "the handler's error type is not supported")
        }
    }

    /// Picks [`Unsupported`].
    pub trait UnsupportedKind {
        /// The conversion to use.
        fn faaskit_error_kind(&self) -> Unsupported {
            Unsupported
        }
    }
    impl<E> UnsupportedKind for ErrorProbe<E> {}
}

/// Whether a returned value is a `Result` under another name (`type Reply<T> = Result<T,
/// Error>`), chosen by autoref specialization on its type: the attribute sees only the name.
/// Call as `(&&ReturnProbe::of(&value)).faaskit_return_kind().split(value)`: a `Result`'s `Err`
/// is then the handler's error, where any other value is its answer.
pub mod returned {
    use std::fmt;
    use std::marker::PhantomData;

    /// Stands for the returned type `T`.
    pub struct ReturnProbe<T>(PhantomData<T>);

    impl<T> ReturnProbe<T> {
        /// The probe of `value`'s type.
        pub fn of(value: &T) -> Self {
            let _ = value;
            Self(PhantomData)
        }
    }

    /// The value is a `Result`: its `Err` is the handler's error.
    pub struct Outcome;
    /// The value is the handler's answer.
    pub struct Answer;

    /// The error of a handler that cannot fail.
    #[derive(Debug)]
    pub enum Infallible {}

    impl fmt::Display for Infallible {
        fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
            match *self {}
        }
    }

    impl Outcome {
        /// The result as it is (the macro checks its error, with a spanned message).
        pub fn split<T, E>(self, value: Result<T, E>) -> Result<T, E> {
            value
        }
    }

    impl Answer {
        /// The value as a success.
        pub fn split<T>(self, value: T) -> Result<T, Infallible> {
            Ok(value)
        }
    }

    /// Picks [`Outcome`].
    pub trait OutcomeKind {
        /// How to read the value.
        fn faaskit_return_kind(&self) -> Outcome {
            Outcome
        }
    }
    impl<T, E> OutcomeKind for &ReturnProbe<Result<T, E>> {}

    /// Picks [`Answer`].
    pub trait AnswerKind {
        /// How to read the value.
        fn faaskit_return_kind(&self) -> Answer {
            Answer
        }
    }
    impl<T> AnswerKind for ReturnProbe<T> {}
}

/// The sample event of an argument type, chosen by autoref specialization: the type's own
/// [`crate::ExampleEvent`], else a sample traced from its `Deserialize`, else none.
/// Call as `(&&SampleProbe::<T>::new()).faaskit_sample()`.
pub mod sample {
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    use crate::ExampleEvent;

    pub use super::Probe as SampleProbe;

    /// Picks the type's own sample.
    pub trait ViaExample {
        /// The sample event.
        fn faaskit_sample(&self) -> Option<Value>;
    }
    impl<T: ExampleEvent> ViaExample for &SampleProbe<T> {
        fn faaskit_sample(&self) -> Option<Value> {
            Some(T::example_event())
        }
    }

    /// Picks a traced sample.
    pub trait ViaTrace {
        /// The sample event.
        fn faaskit_sample(&self) -> Option<Value>;
    }
    impl<T: DeserializeOwned> ViaTrace for &&SampleProbe<T> {
        fn faaskit_sample(&self) -> Option<Value> {
            crate::trace_sample::<T>()
        }
    }

    /// Picks no sample.
    pub trait ViaNothing {
        /// The sample event.
        fn faaskit_sample(&self) -> Option<Value>;
    }
    impl<T> ViaNothing for SampleProbe<T> {
        fn faaskit_sample(&self) -> Option<Value> {
            None
        }
    }
}

#[cfg(test)]
// The probes pick their impl by autoref: the borrows are the point.
#[allow(clippy::needless_borrow)]
mod tests {
    use super::answer::{NotSerializable, SerializableKind, ServeProbe, UnserializableKind};
    use super::error_kind::{BoxedKind, ConvertedKind, DisplayedKind, ErrorProbe, TypedKind};
    use super::returned::{AnswerKind, OutcomeKind, ReturnProbe};
    use super::sample::{SampleProbe, ViaExample, ViaNothing, ViaTrace};
    use crate::{Context, Error, ErrorType};
    use std::borrow::Cow;

    #[derive(Debug)]
    struct Rejected;
    impl std::fmt::Display for Rejected {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("rejected")
        }
    }
    impl std::error::Error for Rejected {}
    impl ErrorType for Rejected {
        fn error_type(&self) -> Cow<'static, str> {
            "OrderRejected".into()
        }
    }

    #[test]
    fn picks_the_most_specific_error_conversion() {
        let typed = Rejected;
        assert_eq!((&&&ErrorProbe::of(&typed)).faaskit_error_kind().into_error(typed).error_type(), "OrderRejected");
        let io = std::io::Error::other("disk");
        assert_eq!((&&&ErrorProbe::of(&io)).faaskit_error_kind().into_error(io).error_type(), "io::Error");
        let own = Error::new("Mine", "m");
        assert_eq!((&&&ErrorProbe::of(&own)).faaskit_error_kind().into_error(own).error_type(), "Mine");
        let boxed: crate::error::BoxError = "boxed".into();
        let err = (&&&ErrorProbe::of(&boxed)).faaskit_error_kind().into_error(boxed);
        assert_eq!((err.error_type(), err.message()), ("HandlerError", "boxed"));
        let text = String::from("plain");
        let err = (&&&ErrorProbe::of(&text)).faaskit_error_kind().into_error(text);
        assert_eq!((err.error_type(), err.message()), ("HandlerError", "plain"));
    }

    #[test]
    fn tells_a_result_under_another_name_from_an_answer() {
        type Reply<T> = Result<T, String>;
        let failed: Reply<u32> = Err("no".into());
        let split = (&&ReturnProbe::of(&failed)).faaskit_return_kind().split(failed);
        assert_eq!(split, Err(String::from("no")));
        let answer = serde_json::json!({"a": 1});
        let split = (&&ReturnProbe::of(&answer)).faaskit_return_kind().split(answer.clone());
        assert!(matches!(split, Ok(value) if value == answer));
    }

    #[test]
    fn serves_a_serializable_answer_as_it_is() {
        let answer = vec![1, 2];
        let served = (&&ServeProbe::of(&answer)).faaskit_answer_kind().answer(answer);
        assert_eq!(served, [1, 2]);
        // The stand-in for anything else (which `check_output` refuses to compile) never
        // serializes as a value.
        let instant = std::time::Instant::now();
        let NotSerializable = (&&ServeProbe::of(&instant)).faaskit_answer_kind().answer(instant);
        assert!(serde_json::to_string(&NotSerializable).is_err());
    }

    #[test]
    fn lets_distinct_and_unknown_names_pass() {
        super::distinct_names(&[Some("a"), Some("ab"), None, None, Some("b")]);
        const _: () = super::distinct_names(&[Some("hello"), Some("goodbye")]);
    }

    #[test]
    #[should_panic(expected = "`faaskit::main!` lists two handlers named `b`: each needs a name of its own")]
    fn names_a_name_given_twice() {
        super::distinct_names(&[Some("a"), Some("b"), None, Some("b")]);
    }

    #[test]
    fn cuts_a_long_name_between_characters() {
        let name = format!("{}é{}", "x".repeat(63), "y".repeat(10));
        let name: &'static str = Box::leak(name.into_boxed_str());
        let panic = std::panic::catch_unwind(|| super::distinct_names(&[Some(name), Some(name)]))
            .expect_err("the same name twice");
        let message = panic.downcast_ref::<String>().expect("a formatted message");
        assert!(message.contains(&format!("named `{}...`", "x".repeat(63))), "{message}");
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Greeting {
        name: String,
    }

    struct Ping;
    impl crate::ExampleEvent for Ping {
        fn example_event() -> serde_json::Value {
            serde_json::json!("ping")
        }
    }

    #[test]
    fn picks_the_best_sample() {
        assert_eq!((&&SampleProbe::<Ping>::new()).faaskit_sample(), Some(serde_json::json!("ping")));
        assert_eq!((&&SampleProbe::<Greeting>::new()).faaskit_sample(), Some(serde_json::json!({"name": "name"})));
        assert_eq!((&&SampleProbe::<Context>::new()).faaskit_sample(), None);
    }
}

/// Which faaskit `State<T>` an axum handler's argument is, if it is one: `#[http] async fn`
/// declares it, so that a missing init is an error before the first request, as for an event
/// handler, not a `500` on every request. Autoref picks `ViaState` for a `State<T>`, `ViaOther`
/// for any other extractor.
pub mod state_probe {
    use crate::state::StateRequirement;
    use crate::{FromInvocation, State};

    pub use super::Probe as StateProbe;

    /// A `State<T>` argument requires its state.
    pub trait ViaState {
        /// The state the argument requires.
        fn required_state(&self) -> Option<StateRequirement>;
    }
    impl<T: Send + Sync + 'static> ViaState for &StateProbe<State<T>> {
        fn required_state(&self) -> Option<StateRequirement> {
            <State<T> as FromInvocation>::required_state()
        }
    }

    /// Any other argument requires none.
    pub trait ViaOther {
        /// No state.
        fn required_state(&self) -> Option<StateRequirement> {
            None
        }
    }
    impl<T> ViaOther for StateProbe<T> {}
}

/// Stands for a type in the autoref probes the macros expand to (`sample`, `state_probe`): which
/// trait's method a call on `&&Probe<T>` finds tells what `T` is.
pub struct Probe<T>(std::marker::PhantomData<T>);

impl<T> Probe<T> {
    /// The probe of `T`.
    pub fn new() -> Self {
        Self(std::marker::PhantomData)
    }
}

impl<T> Default for Probe<T> {
    fn default() -> Self {
        Self::new()
    }
}
