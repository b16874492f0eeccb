//! The clock: the current time as RFC 3339 UTC, which tests can set, and its formatting.

/// Environment variable that sets the clock for testing: an RFC 3339 UTC time
/// (`2026-12-07T09:00:00Z`) the app starts at, so weeks can be simulated.
pub const CLOCK_ENV: &str = "TRUSTBOOK_NOW";

/// The current time as RFC 3339 UTC, to the second (see [`CLOCK_ENV`]).
pub fn now_utc() -> String {
    use std::sync::OnceLock;
    use std::time::{Instant, SystemTime, UNIX_EPOCH};
    static CLOCK: OnceLock<Option<(u64, Instant)>> = OnceLock::new();
    let set = CLOCK.get_or_init(|| {
        let v = std::env::var(CLOCK_ENV).ok()?;
        Some((parse_utc(&v)?, Instant::now()))
    });
    let secs = match set {
        Some((start, at)) => start + at.elapsed().as_secs(),
        None => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    format_utc(secs)
}

/// What is wrong with [`CLOCK_ENV`] when it is set but is no time this build reads (the
/// real clock is then used), for the command line to say.
pub fn clock_problem() -> Option<String> {
    let v = std::env::var_os(CLOCK_ENV)?;
    let v = v.to_string_lossy();
    if parse_utc(&v).is_some() {
        return None;
    }
    Some(format!(
        "note: {CLOCK_ENV}={} is not a UTC time like 2026-12-07T09:00:00Z, so the real clock is used.",
        crate::safe::line(&v)
    ))
}

/// Seconds since the Unix epoch of `YYYY-MM-DDTHH:MM:SSZ`, if it is one.
pub fn parse_utc(s: &str) -> Option<u64> {
    let (day, time) = s.strip_suffix('Z')?.split_once('T')?;
    let days = crate::date::parse(day)?;
    let mut hms = time.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    if hms.next().is_some() || h > 23 || m > 59 || sec > 59 {
        return None;
    }
    u64::try_from(days)
        .ok()
        .map(|d| d * 86_400 + h * 3600 + m * 60 + sec)
}

/// Formats seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_utc(secs: u64) -> String {
    let day = crate::date::civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}
