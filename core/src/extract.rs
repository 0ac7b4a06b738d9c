//! Handler arguments, recognised by type: the event payload, the `Context`, and `State<T>`.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::state::StateRequirement;
use crate::{Context, Error, Invocation, State};

/// A type a handler can take as an argument, extracted from each [`Invocation`].
///
/// Implemented for the event payload (every type that implements `serde::Deserialize`, the typed
/// adapters among them), for [`Context`], for [`State<T>`] and for [`RawEvent`]. A handler takes
/// at most one event argument; the attribute macro checks this at compile time.
///
/// # Examples
///
/// A custom argument, here the tenant of a multi-tenant function:
///
/// ```
/// use faaskit::{Error, FromInvocation, Invocation};
///
/// struct Tenant(String);
///
/// impl FromInvocation for Tenant {
///     fn from_invocation(invocation: &Invocation) -> Result<Self, Error> {
///         let tenant = invocation.context().tenant_id().unwrap_or("default");
///         Ok(Tenant(tenant.to_owned()))
///     }
/// }
/// ```
///
/// # Errors
///
/// An argument that cannot be extracted fails the invocation with the error it returns.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an argument of a faaskit handler",
    label = "not an event payload, `Context` or `State<T>`",
    note = "a handler argument is the event (a type that implements `serde::Deserialize` and owns its data: `String`, not `&str`), the invocation `faaskit::Context`, or shared state `faaskit::State<T>` (where `T: Send + Sync + 'static`: `Mutex<T>`, not `RefCell<T>`)"
)]
pub trait FromInvocation: Sized {
    /// Whether this argument is the event payload; a handler takes at most one.
    #[doc(hidden)]
    const IS_EVENT: bool = false;

    /// Extracts the argument from the invocation.
    ///
    /// # Errors
    ///
    /// Whatever prevents extraction: a payload that does not decode, a missing state.
    fn from_invocation(invocation: &Invocation) -> Result<Self, Error>;

    /// The shared state this argument needs, checked before the first invocation.
    #[doc(hidden)]
    fn required_state() -> Option<StateRequirement> {
        None
    }
}

impl<T: DeserializeOwned> FromInvocation for T {
    const IS_EVENT: bool = true;

    fn from_invocation(invocation: &Invocation) -> Result<Self, Error> {
        invocation.event()
    }
}

impl FromInvocation for Context {
    fn from_invocation(invocation: &Invocation) -> Result<Self, Error> {
        Ok(invocation.context().clone())
    }
}

impl<T: Send + Sync + 'static> FromInvocation for State<T> {
    fn from_invocation(invocation: &Invocation) -> Result<Self, Error> {
        invocation.state::<T>().ok_or_else(|| missing_state(std::any::type_name::<T>()))
    }

    fn required_state() -> Option<StateRequirement> {
        Some(StateRequirement::of::<T>())
    }
}

pub(crate) fn missing_state(type_name: &str) -> Error {
    Error::new(
        Error::STATE,
        format!(
            "no state of type {type_name}: name an init function that returns it, as in #[faaskit::handler(init = ...)] or #[faaskit::http(init = ...)]"
        ),
    )
}

/// The event payload as raw bytes, undecoded.
///
/// # Examples
///
/// ```
/// use faaskit::{Context, FromInvocation, Invocation, RawEvent};
///
/// let invocation = Invocation::new("[1,2,3]", Context::builder().build());
/// let RawEvent(bytes) = RawEvent::from_invocation(&invocation).expect("always extracts");
/// assert_eq!(&bytes[..], b"[1,2,3]");
/// ```
#[derive(Clone, Debug)]
pub struct RawEvent(pub Bytes);

impl FromInvocation for RawEvent {
    const IS_EVENT: bool = true;

    fn from_invocation(invocation: &Invocation) -> Result<Self, Error> {
        Ok(Self(invocation.payload().clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_arguments() {
        const { assert!(<serde_json::Value as FromInvocation>::IS_EVENT) };
        const { assert!(!<Context as FromInvocation>::IS_EVENT) };
        const { assert!(!<State<u8> as FromInvocation>::IS_EVENT) };
        assert!(<State<u8> as FromInvocation>::required_state().is_some());
    }

    #[test]
    fn a_missing_state_names_its_type() {
        let invocation = Invocation::new("{}", Context::builder().build());
        let err = State::<u8>::from_invocation(&invocation).expect_err("no state");
        assert_eq!(err.error_type(), Error::STATE);
        assert!(err.message().contains("u8"));
    }
}
