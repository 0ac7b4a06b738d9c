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

impl Service<Invocation> for EventService {
    type Response = Box<RawValue>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Box<RawValue>, BoxError>> + Send>>;

    fn poll_ready(&mut self, _: &mut TaskContext<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, invocation: Invocation) -> Self::Future {
        let future = (self.function)(invocation);
        Box::pin(async move { future.await.map_err(Error::into_boxed) })
    }
}

impl Handler {
    /// Wraps the handler's function in a tower [`Layer`]: timeouts, concurrency limits, your
    /// own logging or checks, each invocation passing through it on Lambda, on the local Invoke
    /// API and in [`TestFunction`](crate::testing::TestFunction).
    ///
    /// The layer wraps an [`EventService`]; the service it makes must be `Clone + Send + Sync`
    /// (tower's `Buffer` makes any service so; it needs a tokio runtime when it is built, so
    /// build such layers inside `#[tokio::main]` and call [`App::run`](crate::App::run)). A panic
    /// in the synchronous `call` of a service behind `Buffer` stops its worker, and every later
    /// invocation then fails: keep work that may panic in the future `call` returns, where
    /// faaskit catches it.
    /// Layers applied one after the other nest: the last one applied runs first.
    ///
    /// An error from the middleware itself (a timeout, a refusal) becomes a `HandlerError`
    /// carrying its message; to choose its `errorType`, return a
    /// [`faaskit::Error`](crate::Error) through [`Error::into_boxed`]. The handler's own errors
    /// pass through unchanged.
    ///
    /// For event handlers only: an HTTP function's middleware goes on its `Router`
    /// (`Router::layer`), which serves both its events and real HTTP; [`App::run`](crate::App::run)
    /// refuses an HTTP function given `Handler::layer`.
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
        self.layered = true;
        let service = layer.layer(EventService { function: self.event });
        self.event = std::sync::Arc::new(move |invocation| {
            let service = service.clone();
            Box::pin(async move { service.oneshot(invocation).await.map_err(|err| Error::from_boxed(err.into())) })
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
    use crate::test_handlers::doubler;
    use crate::testing::{FunctionError, TestFunction};

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

    #[tokio::test]
    async fn a_refusal_boxed_from_a_faaskit_error_keeps_its_type() {
        let refuse_all = layer_fn(|_: EventService| {
            service_fn(|_: Invocation| async {
                Err::<Box<RawValue>, BoxError>(Error::new("Auth.Unauthorized", "no token").into_boxed())
            })
        });
        let function = TestFunction::new(doubler().layer(refuse_all)).await.unwrap();
        let error = function.invoke("4").await.unwrap_err();
        assert_eq!(error, FunctionError { error_type: "Auth.Unauthorized".into(), error_message: "no token".into() });
    }
}
