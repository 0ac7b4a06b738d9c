//! Lambda mode: serve invocations from the Lambda Runtime API through `lambda_runtime`.

mod environment;
mod payload_handoff;
mod runtime_api_endpoint;

use std::sync::Arc;

use lambda_runtime::LambdaEvent;
use serde::de::IgnoredAny;

pub(crate) use environment::check_environment;
pub use runtime_api_endpoint::RuntimeApiEndpoint;

use crate::pipeline::Prepared;
use crate::{Context, Error};

/// Serves one handler on the Runtime API until the runtime stops.
///
/// `lambda_runtime` polls `/next`, posts responses and errors, and, when
/// `AWS_LAMBDA_MAX_CONCURRENCY` is above 1 (Lambda Managed Instances), runs that many polling
/// loops concurrently. faaskit takes the raw payload from it and runs its own pipeline, so the
/// `errorType`s and decode errors are faaskit's.
pub(crate) async fn serve(prepared: Arc<Prepared>, runtime_api: &str) -> Result<(), Error> {
    let concurrent = serves_concurrently();
    let service = tower::service_fn(move |event: LambdaEvent<IgnoredAny>| {
        let prepared = Arc::clone(&prepared);
        let payload = payload_handoff::take_payload();
        async move {
            let payload = payload.ok_or_else(payload_handoff::missing_payload)?;
            let context = Context::from_lambda(event.context, Arc::clone(&prepared.function));
            // On Lambda Managed Instances an invocation past its deadline is not stopped: Lambda
            // answers the caller, and the invocation would hold its slot until it ended. It is
            // stopped here at the deadline. Elsewhere Lambda stops the whole process then.
            let limit = concurrent.then(|| context.remaining_time());
            // Boxed: `lambda_runtime` moves this future through its layers several times before
            // and while polling it, and each move copies the whole state machine. One allocation
            // is cheaper than copying the pipeline's state on every move (see BENCHMARKS.md).
            let tracked = context.clone();
            match Box::pin(prepared.invoke(payload, context, limit)).await {
                // Refused here rather than posted: the Runtime API would refuse it (`413`) after
                // the whole upload, and `lambda_runtime`'s line about that names no request id.
                Ok(output) if output.get().len() > crate::MAX_RESPONSE_BYTES => {
                    Err(crate::local::oversized_answer(&prepared.name, Some(tracked.request_id()), output.get().len()))
                }
                result => result,
            }
        }
    });
    lambda_runtime::Runtime::new(service)
        .layer(payload_handoff::PayloadHandoffLayer)
        .run_concurrent()
        .await
        // The runtime loop stopped: the Runtime API failed, or `lambda_runtime` could not read
        // an invocation's headers (a malformed client context, say), not a handler.
        .map_err(|err| {
            Error::new(
                Error::RUNTIME_API,
                format!(
                    "lambda_runtime stopped serving the Lambda Runtime API at {runtime_api}: {err} (the API failed, or \
                     sent an invocation whose headers lambda_runtime could not read)"
                ),
            )
        })
}

/// Whether `lambda_runtime` serves several invocations at once: `AWS_LAMBDA_MAX_CONCURRENCY`
/// above 1, as Lambda Managed Instances set it.
fn serves_concurrently() -> bool {
    std::env::var("AWS_LAMBDA_MAX_CONCURRENCY").ok().and_then(|value| value.parse::<u32>().ok()).is_some_and(|n| n > 1)
}
