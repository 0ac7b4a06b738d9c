//! A handler's event side as a tower `Service`, so tower middleware can wrap it.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

use serde_json::value::RawValue;
use tower::{Layer, Service, ServiceExt as _};

use crate::handler::EventFn;
use crate::{BoxError, Error, Handler, Invocation};

/// A handler's function as a tower [`Service`]: an [`Invocation`] in, the JSON the caller
/// receives out; what a [`Layer`] given to [`Handler::layer`] wraps.
///
/// Its error is a [`BoxError`], as tower middleware expects; the handler's own [`Error`] travels
/// inside it unchanged and comes out with its `errorType` intact.
#[derive(Clone)]
pub struct EventService {
    function: EventFn,
}

/// A handler's [`Error`] crossing tower middleware as a `BoxError`.
#[derive(Debug)]
struct HandlerFailure(Error);

impl std::fmt::Display for HandlerFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.message())
    }
}

impl std::error::Error for HandlerFailure {}

impl Service<Invocation> for EventService {
    type Response = Box<RawValue>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Box<RawValue>, BoxError>> + Send>>;

    fn poll_ready(&mut self, _: &mut TaskContext<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, invocation: Invocation) -> Self::Future {
        let future = (self.function)(invocation);
        Box::pin(async move { future.await.map_err(|err| Box::new(HandlerFailure(err)) as BoxError) })
    }
}

/// The [`Error`] a layered handler reports: its own, as it was, or the middleware's (a
/// timeout, a refused request) as a `HandlerError` with the middleware's message.
fn into_error(error: BoxError) -> Error {
    match error.downcast::<HandlerFailure>() {
        Ok(failure) => failure.0,
        Err(other) => Error::from_boxed(other),
    }
}

impl Handler {
    /// Wraps the handler's function in a tower [`Layer`]: timeouts, concurrency limits, your
    /// own logging or checks, each invocation passing through it on Lambda, on the local Invoke
    /// API and in [`TestFunction`](crate::testing::TestFunction).
    ///
    /// The layer wraps an [`EventService`]. Layers applied one after the other nest: the last
    /// one applied runs first. An error from the middleware itself becomes a `HandlerError`
    /// carrying its message; the handler's own errors pass through unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use faaskit::{Error, Handler, Invocation};
    /// use tower::layer::layer_fn;
    /// use tower::ServiceExt as _;
    ///
    /// let handler = Handler::new("hello", |_: Invocation| async { Ok::<_, Error>("hello") })
    ///     .layer(layer_fn(|inner: faaskit::EventService| {
    ///         tower::service_fn(move |invocation: Invocation| {
    ///             let inner = inner.clone();
    ///             async move {
    ///                 faaskit::tracing::info!(request_id = invocation.context().request_id(), "before");
    ///                 inner.oneshot(invocation).await
    ///             }
    ///         })
    ///     }));
    /// # let _ = handler;
    /// ```
    ///
    /// With `#[faaskit::handler(main = false)]`, layer the handler the attribute made
    /// (`<my_fn as faaskit::HandlerDefinition>::handler()`) and run it with [`App`](crate::App).
    #[must_use]
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<EventService>,
        L::Service: Service<Invocation, Response = Box<RawValue>> + Clone + Send + Sync + 'static,
        <L::Service as Service<Invocation>>::Error: Into<BoxError>,
        <L::Service as Service<Invocation>>::Future: Send + 'static,
    {
        let service = layer.layer(EventService { function: self.event });
        self.event = std::sync::Arc::new(move |invocation| {
            let service = service.clone();
            Box::pin(async move { service.oneshot(invocation).await.map_err(|err| into_error(err.into())) })
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use tower::layer::layer_fn;
    use tower::service_fn;

    use super::*;
    use crate::testing::{FunctionError, TestFunction};

    fn doubler() -> Handler {
        Handler::new("double", |invocation: Invocation| async move {
            let n: i64 = invocation.event()?;
            if n < 0 {
                return Err(Error::new("Negative", "negative numbers are refused"));
            }
            Ok::<_, Error>(n * 2)
        })
    }

    /// `handler`, counting the invocations that pass through the layer it gains.
    fn counted(handler: Handler, count: &Arc<AtomicUsize>) -> Handler {
        let count = Arc::clone(count);
        handler.layer(layer_fn(move |inner: EventService| {
            let count = Arc::clone(&count);
            service_fn(move |invocation: Invocation| {
                count.fetch_add(1, Ordering::Relaxed);
                inner.clone().oneshot(invocation)
            })
        }))
    }

    #[tokio::test]
    async fn every_invocation_passes_through_the_layer_and_errors_keep_their_type() {
        let count = Arc::new(AtomicUsize::new(0));
        let function = TestFunction::new(counted(doubler(), &count)).await.unwrap();
        assert_eq!(function.invoke("21").await.unwrap(), serde_json::json!(42));
        let error = function.invoke("-1").await.unwrap_err();
        assert_eq!(
            error,
            FunctionError { error_type: "Negative".into(), error_message: "negative numbers are refused".into() }
        );
        assert_eq!(function.invoke("\"x\"").await.unwrap_err().error_type, Error::DECODE);
        assert_eq!(count.load(Ordering::Relaxed), 3);
    }

    #[tokio::test]
    async fn a_refusal_by_the_middleware_is_a_handler_error_with_its_message() {
        let refuse_odd = layer_fn(|inner: EventService| {
            service_fn(move |invocation: Invocation| {
                let inner = inner.clone();
                async move {
                    if invocation.payload().ends_with(b"1") {
                        return Err::<Box<RawValue>, BoxError>("odd numbers stop at the door".into());
                    }
                    inner.oneshot(invocation).await
                }
            })
        });
        let count = Arc::new(AtomicUsize::new(0));
        // The last layer applied runs first: the refusal happens before counting.
        let handler = counted(doubler(), &count).layer(refuse_odd);
        let function = TestFunction::new(handler).await.unwrap();
        let error = function.invoke("21").await.unwrap_err();
        assert_eq!(error.error_type, Error::HANDLER);
        assert_eq!(error.error_message, "odd numbers stop at the door");
        assert_eq!(count.load(Ordering::Relaxed), 0);
        assert_eq!(function.invoke("4").await.unwrap(), serde_json::json!(8));
        assert_eq!(count.load(Ordering::Relaxed), 1);
    }
}
