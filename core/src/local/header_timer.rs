//! hyper's header read timer for one connection, which moves tokio's timer only when a deadline
//! comes due rather than on every request.
//!
//! hyper arms a sleep each time it waits for a request head and drops it once the head is read.
//! Behind `hyper_util`'s `TokioTimer`, each of those sleeps is an insertion into tokio's timer
//! wheel and a removal from it: about 1,800 instructions a request, the largest share of what the
//! local server adds to bare axum's per-request work (see `BENCHMARKS.md`, section 3).
//!
//! Here a connection keeps one tokio sleep for all its request heads. A new head's deadline is
//! only written down. The tokio sleep stays where it was armed; when it fires before the head's
//! deadline (the previous head was read in time and a new one is awaited), it is moved to that
//! deadline and waited on again. A connection that keeps sending requests thus moves its tokio
//! sleep about once per timeout instead of once per request, and a head that does not arrive in
//! time still fails at its own deadline.
//!
//! That saves about 600 of those instructions. What is left is hyper's own work per head (a
//! boxed sleep, a reading of the clock, a poll) and the checks tokio's workers make of a pending
//! timer each time they park.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use hyper::rt::{Sleep, Timer};

/// A connection's one tokio sleep, armed on the first poll of one of its deadlines.
type SharedSleep = Arc<Mutex<Option<Pin<Box<tokio::time::Sleep>>>>>;

/// The [`Timer`] of one connection: every sleep it hands out shares one tokio sleep.
#[derive(Clone, Default)]
pub(crate) struct ConnectionTimer {
    armed: SharedSleep,
}

impl Timer for ConnectionTimer {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Sleep>> {
        self.sleep_until(self.now() + duration)
    }

    fn sleep_until(&self, deadline: Instant) -> Pin<Box<dyn Sleep>> {
        Box::pin(HeadDeadline { deadline: deadline.into(), armed: Arc::clone(&self.armed) })
    }

    fn reset(&self, sleep: &mut Pin<Box<dyn Sleep>>, new_deadline: Instant) {
        match sleep.as_mut().downcast_mut_pin::<HeadDeadline>() {
            Some(head) => head.get_mut().deadline = new_deadline.into(),
            None => *sleep = self.sleep_until(new_deadline),
        }
    }

    fn now(&self) -> Instant {
        // tokio's clock, so that hyper's deadlines follow tokio's paused time in tests.
        tokio::time::Instant::now().into_std()
    }
}

/// A deadline handed to hyper, waited on through its connection's shared tokio sleep.
struct HeadDeadline {
    deadline: tokio::time::Instant,
    armed: SharedSleep,
}

impl Future for HeadDeadline {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let deadline = self.deadline;
        let mut armed = self.armed.lock().unwrap_or_else(PoisonError::into_inner);
        let sleep = armed.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        if sleep.deadline() > deadline {
            sleep.as_mut().reset(deadline);
        }
        loop {
            ready!(sleep.as_mut().poll(cx));
            if sleep.deadline() >= deadline {
                return Poll::Ready(());
            }
            // It fired for an earlier head, read in time since: wait on until this one's deadline.
            sleep.as_mut().reset(deadline);
        }
    }
}

impl Sleep for HeadDeadline {}

#[cfg(test)]
mod tests {
    use std::task::Waker;

    use super::*;

    fn poll(sleep: &mut Pin<Box<dyn Sleep>>) -> Poll<()> {
        sleep.as_mut().poll(&mut Context::from_waker(Waker::noop()))
    }

    async fn advance(millis: u64) {
        tokio::time::advance(Duration::from_millis(millis)).await;
    }

    #[tokio::test(start_paused = true)]
    async fn fires_at_its_deadline_and_not_before() {
        let timer = ConnectionTimer::default();
        let mut head = timer.sleep(Duration::from_secs(10));
        assert!(poll(&mut head).is_pending());
        advance(9_999).await;
        assert!(poll(&mut head).is_pending());
        advance(1).await;
        assert!(poll(&mut head).is_ready());
    }

    #[tokio::test(start_paused = true)]
    async fn a_later_head_waits_for_its_own_deadline_after_the_earlier_one_fires() {
        let timer = ConnectionTimer::default();
        let mut first = timer.sleep(Duration::from_secs(10));
        assert!(poll(&mut first).is_pending());
        drop(first); // its head was read in time
        advance(4_000).await;
        let mut second = timer.sleep(Duration::from_secs(10)); // due at 14 s
        assert!(poll(&mut second).is_pending());
        advance(6_000).await; // 10 s: the shared sleep fires for the first head
        assert!(poll(&mut second).is_pending());
        advance(3_999).await;
        assert!(poll(&mut second).is_pending());
        advance(1).await;
        assert!(poll(&mut second).is_ready());
    }

    #[tokio::test(start_paused = true)]
    async fn a_head_awaited_after_the_shared_sleep_fired_unobserved_still_waits() {
        let timer = ConnectionTimer::default();
        let mut first = timer.sleep(Duration::from_secs(1));
        assert!(poll(&mut first).is_pending());
        drop(first);
        advance(5_000).await; // the shared sleep fired with nothing waiting on it
        let mut second = timer.sleep(Duration::from_secs(1));
        assert!(poll(&mut second).is_pending());
        advance(999).await;
        assert!(poll(&mut second).is_pending());
        advance(1).await;
        assert!(poll(&mut second).is_ready());
    }

    #[tokio::test(start_paused = true)]
    async fn an_earlier_deadline_than_the_armed_one_fires_at_its_own_time() {
        let timer = ConnectionTimer::default();
        let mut long = timer.sleep(Duration::from_secs(30));
        assert!(poll(&mut long).is_pending());
        drop(long);
        let mut short = timer.sleep(Duration::from_secs(2));
        assert!(poll(&mut short).is_pending());
        advance(2_000).await;
        assert!(poll(&mut short).is_ready());
    }

    #[tokio::test(start_paused = true)]
    async fn reset_moves_the_deadline_either_way() {
        let timer = ConnectionTimer::default();
        let mut head = timer.sleep(Duration::from_secs(10));
        assert!(poll(&mut head).is_pending());
        timer.reset(&mut head, timer.now() + Duration::from_secs(20));
        advance(10_000).await;
        assert!(poll(&mut head).is_pending(), "moved later");
        timer.reset(&mut head, timer.now() + Duration::from_secs(1));
        advance(1_000).await;
        assert!(poll(&mut head).is_ready(), "moved earlier");
    }

    #[tokio::test(start_paused = true)]
    async fn wakes_the_task_waiting_on_it() {
        let timer = ConnectionTimer::default();
        let earlier = timer.sleep(Duration::from_millis(100));
        let waited = tokio::spawn(earlier);
        let later = timer.sleep(Duration::from_secs(3));
        let woken = tokio::time::timeout(Duration::from_millis(200), waited).await;
        assert!(woken.is_ok(), "the task waiting on the earlier deadline was not woken");
        let started = tokio::time::Instant::now();
        later.await;
        assert_eq!(started.elapsed(), Duration::from_millis(2_900));
    }
}
