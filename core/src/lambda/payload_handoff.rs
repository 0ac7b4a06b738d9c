//! Hands the raw invocation payload from `lambda_runtime` to faaskit's pipeline, uncopied.
//!
//! `lambda_runtime` deserializes each payload into the handler's event type before calling it.
//! faaskit decodes the payload itself (one pass, its own errors), so this layer, the outermost
//! around `lambda_runtime`'s services, takes the payload bytes out of the invocation, leaves
//! `null` for `lambda_runtime` to read as `IgnoredAny`, and hands the bytes to the handler through
//! a task-local that lives exactly as long as the synchronous call into the inner services.

use std::cell::RefCell;
use std::task::{Context as TaskContext, Poll};

use bytes::Bytes;
use lambda_runtime::LambdaInvocation;
use tower::{Layer, Service};

use crate::Error;

tokio::task_local! {
    static PAYLOAD: RefCell<Option<Bytes>>;
}

/// What `lambda_runtime` parses in place of the payload.
const PLACEHOLDER: &[u8] = b"null";

/// The outermost layer around `lambda_runtime`'s services.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PayloadHandoffLayer;

impl<S> Layer<S> for PayloadHandoffLayer {
    type Service = PayloadHandoff<S>;

    fn layer(&self, inner: S) -> Self::Service {
        PayloadHandoff { inner }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct PayloadHandoff<S> {
    inner: S,
}

impl<S> Service<LambdaInvocation> for PayloadHandoff<S>
where
    S: Service<LambdaInvocation>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut invocation: LambdaInvocation) -> Self::Future {
        let payload = std::mem::replace(&mut invocation.body, Bytes::from_static(PLACEHOLDER));
        PAYLOAD.sync_scope(RefCell::new(Some(payload)), || self.inner.call(invocation))
    }
}

/// Takes the payload handed over for the invocation being called, once.
pub(crate) fn take_payload() -> Option<Bytes> {
    PAYLOAD.try_with(|slot| slot.borrow_mut().take()).ok().flatten()
}

/// The error if the handoff ever fails (a `lambda_runtime` that calls handlers differently).
pub(crate) fn missing_payload() -> Error {
    Error::new(
        "Faaskit.RuntimeError",
        "the invocation payload was not handed over by lambda_runtime; this faaskit version does not support the lambda_runtime in use",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hands_the_payload_over_once_inside_the_call() {
        let taken =
            PAYLOAD.sync_scope(RefCell::new(Some(Bytes::from_static(b"{}"))), || (take_payload(), take_payload()));
        assert_eq!(taken, (Some(Bytes::from_static(b"{}")), None));
        assert_eq!(take_payload(), None);
    }
}
