//! When to save: the policy of the terminal loop as a small state machine that
//! is told the time, so it is tested in microseconds rather than real seconds.
//!
//! - Committed changes (a pick, a list item, a new page) are saved at once; the
//!   loop does that without asking the schedule.
//! - Typed text is committed after a pause in typing, and at the latest a while
//!   after the first unsaved keystroke, so a crash loses at most about a second.
//! - A failed save is tried again every so often, but only when no save is running.

use std::time::{Duration, Instant};

/// How long typing must pause before the text is committed and saved.
pub const TYPING_PAUSE: Duration = Duration::from_millis(800);
/// Longest that typed text goes uncommitted while typing never pauses.
pub const TYPING_MAX_UNSAVED: Duration = Duration::from_millis(1000);
/// How often a failed save is tried again.
pub const RETRY_EVERY: Duration = Duration::from_secs(5);
/// Longest the loop sleeps waiting for input, so it notices a stop signal in time.
const IDLE_WAIT: Duration = Duration::from_millis(250);

/// The save policy's state.
#[derive(Debug, Default, Clone)]
pub struct SaveSchedule {
    /// When the text being typed must be committed.
    commit_at: Option<Instant>,
    /// When the oldest uncommitted keystroke was typed.
    first_unsaved: Option<Instant>,
    /// When a save was last asked for.
    last_attempt: Option<Instant>,
}

impl SaveSchedule {
    /// Text was typed at `now`: commit after a pause, or at the longest unsaved time.
    pub fn typed(&mut self, now: Instant) {
        let first = *self.first_unsaved.get_or_insert(now);
        self.commit_at = Some((now + TYPING_PAUSE).min(first + TYPING_MAX_UNSAVED));
    }

    /// True, once, when the typed text is due to be committed at `now`.
    pub fn commit_due(&mut self, now: Instant) -> bool {
        if self.commit_at.is_some_and(|at| now >= at) {
            self.commit_at = None;
            self.first_unsaved = None;
            return true;
        }
        false
    }

    /// A save was asked for at `now`.
    pub fn attempted(&mut self, now: Instant) {
        self.last_attempt = Some(now);
    }

    /// True when a failed save should be tried again at `now`: saving is failing,
    /// no save is running, and the last attempt was long enough ago.
    pub fn retry_due(&self, now: Instant, failing: bool, busy: bool) -> bool {
        failing
            && !busy
            && self
                .last_attempt
                .is_some_and(|t| now.duration_since(t) >= RETRY_EVERY)
    }

    /// How long the loop may wait for input at `now` before the schedule needs it.
    pub fn wait(&self, now: Instant) -> Duration {
        self.commit_at
            .map_or(IDLE_WAIT, |at| at.saturating_duration_since(now).min(IDLE_WAIT))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_pause_in_typing_commits() {
        let t0 = Instant::now();
        let mut s = SaveSchedule::default();
        assert!(!s.commit_due(t0 + ms(5000)), "nothing typed: nothing to commit");
        s.typed(t0);
        assert!(!s.commit_due(t0 + ms(799)));
        assert_eq!(
            s.wait(t0 + ms(700)),
            ms(100),
            "the loop wakes when the pause ends"
        );
        assert!(s.commit_due(t0 + ms(800)));
        assert!(!s.commit_due(t0 + ms(900)), "committed once");
        assert_eq!(s.wait(t0 + ms(900)), IDLE_WAIT);
    }

    #[test]
    fn a_burst_of_typing_is_committed_within_the_longest_unsaved_time() {
        let t0 = Instant::now();
        let mut s = SaveSchedule::default();
        // A key every 100 ms: the pause never comes.
        for i in 0..10 {
            let now = t0 + ms(100 * i);
            assert!(!s.commit_due(now), "{i}");
            s.typed(now);
        }
        assert!(!s.commit_due(t0 + ms(999)));
        assert!(
            s.commit_due(t0 + ms(1000)),
            "a second after the first unsaved key"
        );
        // Typing goes on: the next second starts from the next key.
        s.typed(t0 + ms(1050));
        assert!(!s.commit_due(t0 + ms(1800)));
        assert!(s.commit_due(t0 + ms(1850)), "a pause after the last key");
    }

    #[test]
    fn a_failed_save_is_retried_only_when_due_and_idle() {
        let t0 = Instant::now();
        let mut s = SaveSchedule::default();
        assert!(!s.retry_due(t0 + RETRY_EVERY, true, false), "never attempted");
        s.attempted(t0);
        assert!(!s.retry_due(t0 + RETRY_EVERY, false, false), "saving works");
        assert!(!s.retry_due(t0 + ms(4999), true, false), "too soon");
        assert!(!s.retry_due(t0 + RETRY_EVERY, true, true), "a save is running");
        assert!(s.retry_due(t0 + RETRY_EVERY, true, false));
        s.attempted(t0 + RETRY_EVERY);
        assert!(
            !s.retry_due(t0 + RETRY_EVERY + ms(1), true, false),
            "just retried"
        );
    }
}
