//! A time limit that costs nothing when the work is done at once.

use std::future::Future;
use std::task::Poll;
use std::time::Duration;

use tokio::time::Instant;
use tokio::time::error::Elapsed;

/// Runs `future` with `limit` to finish, as `tokio::time::timeout` does, but builds the timer
/// only when the future is still pending after its first poll.
///
/// Most requests to a local server finish at their first poll (a handler with nothing to wait
/// on), and those skip the timer: its handle lookup, its construction and its drop, about 300
/// instructions of a request's 20,000. The limit counts from the first poll of the returned
/// future (callers await it at once), so work done before the future first waits counts too.
pub(crate) async fn within<F: Future>(limit: Duration, future: F) -> Result<F::Output, Elapsed> {
    let started = Instant::now();
    let mut future = std::pin::pin!(future);
    if let Poll::Ready(output) = std::future::poll_fn(|cx| Poll::Ready(future.as_mut().poll(cx))).await {
        return Ok(output);
    }
    match started.checked_add(limit) {
        Some(deadline) => tokio::time::timeout_at(deadline, future).await,
        // A limit past the end of time is no limit.
        None => Ok(future.await),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_ready_future_needs_no_timer() {
        assert_eq!(within(Duration::ZERO, async { 7 }).await, Ok(7));
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiting_future_finishes_within_its_limit() {
        let slow = async {
            tokio::time::sleep(Duration::from_millis(900)).await;
            "done"
        };
        assert_eq!(within(Duration::from_secs(1), slow).await, Ok("done"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiting_future_past_its_limit_is_cut_off_at_the_limit() {
        let started = Instant::now();
        let never = std::future::pending::<()>();
        assert!(within(Duration::from_secs(3), never).await.is_err());
        assert_eq!(started.elapsed(), Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn the_limit_counts_from_the_call_not_from_the_first_wait() {
        let started = Instant::now();
        let busy_then_waiting = async {
            // Work done before the first wait counts against the limit (paused time: advance).
            tokio::time::advance(Duration::from_secs(2)).await;
            std::future::pending::<()>().await;
        };
        assert!(within(Duration::from_secs(3), busy_then_waiting).await.is_err());
        assert_eq!(started.elapsed(), Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn a_limit_past_the_end_of_time_is_no_limit() {
        let slow = async {
            tokio::time::sleep(Duration::from_secs(86_400)).await;
            1
        };
        assert_eq!(within(Duration::MAX, slow).await, Ok(1));
    }
}
