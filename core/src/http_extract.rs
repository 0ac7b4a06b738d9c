//! `Context` and `State<T>` as extractors of HTTP handlers (axum's `FromRequestParts`).

use axum_core::extract::FromRequestParts;
use http::StatusCode;
use http::request::Parts;

use crate::lazy_context::LazyContext;
use crate::state::StateMap;
use crate::{Context, Invocation, State};

/// Puts the invocation's context (a [`Context`], or the local server's [`LazyContext`]) and
/// state where HTTP extractors find them.
///
/// A function without state gets no state map (one allocation less per request).
pub(crate) fn insert_extensions<C: Clone + Send + Sync + 'static>(
    extensions: &mut http::Extensions,
    context: C,
    states: StateMap,
) {
    extensions.insert(context);
    if !states.is_empty() {
        extensions.insert(states);
    }
}

/// The invocation's [`Context`] from a request's extensions: the one a Lambda event's request
/// carries, or the local server's, built on first use.
///
/// # Examples
///
/// ```
/// # use faaskit::__private::context_in;
/// let mut request = http::Request::new(());
/// assert!(context_in(request.extensions()).is_none(), "not a request faaskit made");
/// request.extensions_mut().insert(faaskit::Context::builder().request_id("r-1").build());
/// assert_eq!(context_in(request.extensions()).map(|context| context.request_id()), Some("r-1"));
/// ```
pub fn context_in(extensions: &http::Extensions) -> Option<&Context> {
    extensions.get::<Context>().or_else(|| extensions.get::<LazyContext>().map(LazyContext::get))
}

/// Whether faaskit made the request (it carries a context, built or not).
fn under_faaskit(extensions: &http::Extensions) -> bool {
    extensions.get::<Context>().is_some() || extensions.get::<LazyContext>().is_some()
}

impl Invocation {
    /// Makes this invocation's [`Context`] and [`State`] extractable from an HTTP request.
    ///
    /// HTTP adapters call it on each request they build from a Lambda event.
    #[doc(hidden)]
    pub fn extend_http_request<B>(&self, request: &mut http::Request<B>) {
        insert_extensions(request.extensions_mut(), self.context().clone(), self.states_for_http());
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Context {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        context_in(&parts.extensions)
            .cloned()
            .ok_or((StatusCode::INTERNAL_SERVER_ERROR, "no faaskit Context: the handler is not running under faaskit"))
    }
}

impl<S: Send + Sync, T: Send + Sync + 'static> FromRequestParts<S> for State<T> {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let missing =
            (StatusCode::INTERNAL_SERVER_ERROR, "no faaskit state of this type: name an init function that returns it");
        let states = parts.extensions.get::<StateMap>();
        if let Some(state) = states.and_then(StateMap::get::<T>) {
            return Ok(state);
        }
        // Under faaskit (a context is there), say which init is missing.
        if states.is_some() || under_faaskit(&parts.extensions) {
            tracing::error!(
                state = std::any::type_name::<T>(),
                "{}",
                crate::extract::missing_state(std::any::type_name::<T>())
            );
        }
        Err(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::StateValue;

    fn parts(context: Option<Context>, states: StateMap) -> Parts {
        let mut request = http::Request::new(());
        if let Some(context) = context {
            insert_extensions(request.extensions_mut(), context, states);
        }
        request.into_parts().0
    }

    #[tokio::test]
    async fn state_comes_from_the_state_map() {
        let states = StateMap::from_values(vec![StateValue::new(7_u32)]);
        let mut parts = parts(Some(Context::builder().build()), states);
        let state = State::<u32>::from_request_parts(&mut parts, &()).await.expect("the u32 state");
        assert_eq!(*state, 7);
        assert!(State::<String>::from_request_parts(&mut parts, &()).await.is_err());
    }

    #[tokio::test]
    async fn a_function_without_state_refuses_state_extractors() {
        let mut parts = parts(Some(Context::builder().request_id("r-1").build()), StateMap::default());
        assert!(parts.extensions.get::<StateMap>().is_none(), "no map is stored for a function without state");
        let (status, message) = State::<u32>::from_request_parts(&mut parts, &()).await.expect_err("no state");
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(message.contains("init function"), "{message}");
        let context = Context::from_request_parts(&mut parts, &()).await.expect("the context");
        assert_eq!(context.request_id(), "r-1");
    }

    #[tokio::test]
    async fn outside_faaskit_both_extractors_refuse() {
        let mut parts = parts(None, StateMap::default());
        assert!(State::<u32>::from_request_parts(&mut parts, &()).await.is_err());
        let (_, message) = Context::from_request_parts(&mut parts, &()).await.expect_err("no context");
        assert!(message.contains("not running under faaskit"), "{message}");
    }
}
