//! `Context` and `State<T>` as extractors of HTTP handlers (axum's `FromRequestParts`).

use axum_core::extract::FromRequestParts;
use http::StatusCode;
use http::request::Parts;

use crate::state::StateMap;
use crate::{Context, Invocation, State};

/// Puts the invocation's context and state where HTTP extractors find them.
pub(crate) fn insert_extensions(extensions: &mut http::Extensions, context: Context, states: StateMap) {
    extensions.insert(context);
    extensions.insert(states);
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
        parts
            .extensions
            .get::<Context>()
            .cloned()
            .ok_or((StatusCode::INTERNAL_SERVER_ERROR, "no faaskit Context: the handler is not running under faaskit"))
    }
}

impl<S: Send + Sync, T: Send + Sync + 'static> FromRequestParts<S> for State<T> {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let missing =
            (StatusCode::INTERNAL_SERVER_ERROR, "no faaskit state of this type: name an init function that returns it");
        let states = parts.extensions.get::<StateMap>().ok_or(missing)?;
        states.get::<T>().ok_or_else(|| {
            tracing::error!(
                state = std::any::type_name::<T>(),
                "{}",
                crate::extract::missing_state(std::any::type_name::<T>())
            );
            missing
        })
    }
}
