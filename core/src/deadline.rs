//! Deadlines that cannot overflow: a timeout too long for the clock (`Duration::MAX`, "no
//! timeout") ends about 30 years on, as `tokio::time::timeout` reads one.

use std::time::{Duration, SystemTime};

use tokio::time::Instant;

/// How far off a deadline too far for the clock is put.
const FAR: Duration = Duration::from_secs(86_400 * 365 * 30);

/// `at + by`, or about 30 years from `at` when that overflows.
pub(crate) fn later(at: Instant, by: Duration) -> Instant {
    at.checked_add(by).unwrap_or_else(|| at + FAR)
}

/// `at + by` in wall-clock time, or about 30 years from `at` when that overflows.
pub(crate) fn later_time(at: SystemTime, by: Duration) -> SystemTime {
    at.checked_add(by).unwrap_or_else(|| at + FAR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_a_timeout_the_clock_can_hold() {
        let now = Instant::now();
        assert_eq!(later(now, Duration::from_secs(3)), now + Duration::from_secs(3));
        let wall = SystemTime::now();
        assert_eq!(later_time(wall, Duration::from_secs(3)), wall + Duration::from_secs(3));
    }

    #[test]
    fn puts_a_timeout_too_long_for_the_clock_decades_away() {
        let now = Instant::now();
        assert_eq!(later(now, Duration::MAX), now + FAR);
        let wall = SystemTime::now();
        assert_eq!(later_time(wall, Duration::MAX), wall + FAR);
    }
}
