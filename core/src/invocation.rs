//! One invocation as a handler's arguments are extracted from it: payload, context and state.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::state::StateMap;
use crate::{Context, Error, State};

/// One invocation: the raw event payload, its [`Context`], and the process's shared state.
///
/// Handler arguments are extracted from it through [`crate::FromInvocation`]. Write against it
/// directly when you register a handler without the attribute macro.
///
/// # Examples
///
/// ```
/// use faaskit::{Context, Invocation};
///
/// #[derive(serde::Deserialize)]
/// struct Greeting { name: String }
///
/// let invocation = Invocation::new(r#"{"name":"Ana"}"#, Context::builder().build());
/// let greeting: Greeting = invocation.event().expect("decodes");
/// assert_eq!(greeting.name, "Ana");
/// ```
#[derive(Clone)]
pub struct Invocation {
    payload: Bytes,
    context: Context,
    states: StateMap,
}

impl Invocation {
    /// An invocation of `payload` (JSON bytes) with this context and no shared state.
    pub fn new(payload: impl Into<Bytes>, context: Context) -> Self {
        Self { payload: payload.into(), context, states: StateMap::default() }
    }

    pub(crate) fn with_states(payload: Bytes, context: Context, states: StateMap) -> Self {
        Self { payload, context, states }
    }

    /// The raw event payload.
    pub fn payload(&self) -> &Bytes {
        &self.payload
    }

    /// The invocation context.
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// Decodes the payload as a `T`.
    ///
    /// # Errors
    ///
    /// A [`Error::DECODE`] error naming the event source, the record, the JSON path of the field
    /// that failed and what was wrong.
    pub fn event<T: DeserializeOwned>(&self) -> Result<T, Error> {
        crate::decode::decode_event(&self.payload)
    }

    pub(crate) fn states_for_http(&self) -> StateMap {
        self.states.clone()
    }

    /// The shared state of type `T`, if an `init` function provided one.
    pub fn state<T: Send + Sync + 'static>(&self) -> Option<State<T>> {
        self.states.get::<T>()
    }
}

impl std::fmt::Debug for Invocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invocation")
            .field("payload_len", &self.payload.len())
            .field("context", &self.context)
            .field("states", &self.states.type_names())
            .finish()
    }
}
