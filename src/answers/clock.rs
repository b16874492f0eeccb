//! The clock: the current time as RFC 3339 UTC, which tests can set, and its formatting.

/// Environment variable that sets the clock for testing: an RFC 3339 UTC time
/// (`2026-12-07T09:00:00Z`) the app starts at, so weeks can be simulated.
pub const CLOCK_ENV: &str = "TRUSTBOOK_NOW";

/// A moment, to the second, in UTC: seconds since the Unix epoch. Written as
/// RFC 3339 (`2026-12-07T09:00:00Z`), the form answers files have always kept,
/// so old files read the same. The app is given one by its session rather than
/// reading the clock, so tests can make up any time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(u64);

impl Timestamp {
    /// The moment `secs` seconds after the Unix epoch.
    pub const fn from_secs(secs: u64) -> Timestamp {
        Timestamp(secs)
    }

    /// Seconds since the Unix epoch.
    pub const fn secs(self) -> u64 {
        self.0
    }

    /// The clock's time now (see [`CLOCK_ENV`]): read at the edges only.
    pub fn now() -> Timestamp {
        Timestamp(now_secs())
    }

    /// The moment an RFC 3339 UTC time (`YYYY-MM-DDTHH:MM:SSZ`) names, if it is one.
    pub fn parse(s: &str) -> Option<Timestamp> {
        parse_utc(s).map(Timestamp)
    }

    /// This moment `d` later (whole seconds).
    pub fn plus(self, d: std::time::Duration) -> Timestamp {
        Timestamp(self.0.saturating_add(d.as_secs()).min(LAST_SECOND))
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_utc(self.0))
    }
}

/// The last second the clock names, 9999-12-31T23:59:59Z: dates have four-digit years,
/// so a clock set near it stops there instead of rolling over to the year 10000 (which
/// no date reads, and which filed a check-in under 1969).
pub const LAST_SECOND: u64 = 253_402_300_799;

/// The current time as RFC 3339 UTC, to the second (see [`CLOCK_ENV`]).
pub fn now_utc() -> String {
    Timestamp::now().to_string()
}

/// Seconds since the Unix epoch now, or from [`CLOCK_ENV`]'s start.
fn now_secs() -> u64 {
    use std::sync::OnceLock;
    use std::time::{Instant, SystemTime, UNIX_EPOCH};
    static CLOCK: OnceLock<Option<(u64, Instant)>> = OnceLock::new();
    let set = CLOCK.get_or_init(|| {
        let v = std::env::var(CLOCK_ENV).ok()?;
        Some((parse_utc(&v)?, Instant::now()))
    });
    match set {
        Some((start, at)) => clock_at(*start, at.elapsed().as_secs()),
        None => clock_at(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            0,
        ),
    }
}

/// The second `elapsed` seconds after `start`, never past [`LAST_SECOND`].
fn clock_at(start: u64, elapsed: u64) -> u64 {
    start.saturating_add(elapsed).min(LAST_SECOND)
}

/// What is wrong with [`CLOCK_ENV`] when it is set but is no time this build reads (the
/// real clock is then used), for the command line to say.
pub fn clock_problem() -> Option<String> {
    let v = std::env::var_os(CLOCK_ENV)?;
    let v = v.to_string_lossy();
    if parse_utc(&v).is_some() {
        return None;
    }
    let shown = crate::safe::line(&v);
    // A time whose year is out of reach gets the range; anything else, the shape.
    let year = v
        .split('-')
        .next()
        .filter(|y| !y.is_empty() && y.bytes().all(|b| b.is_ascii_digit()));
    if year.is_some_and(|y| y.len() != 4 || y < "1970") {
        return Some(format!(
            "note: {CLOCK_ENV}={shown} is outside the years 1970 to 9999 the clock counts, so the real clock is used; set a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z."
        ));
    }
    Some(format!(
        "note: {CLOCK_ENV}={shown} is not a UTC time like 2026-12-07T09:00:00Z, so the real clock is used."
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

/// Formats seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`; a time past
/// [`LAST_SECOND`] is shown as that second.
pub fn format_utc(secs: u64) -> String {
    let secs = secs.min(LAST_SECOND);
    let day = crate::date::civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_is_written_as_answers_files_keep_it() {
        // The stored form is unchanged, so old answers files read the same.
        for s in [
            "2026-12-07T09:00:00Z",
            "1970-01-01T00:00:00Z",
            "2031-02-28T23:59:59Z",
        ] {
            let t = Timestamp::parse(s).expect("a time");
            assert_eq!(t.to_string(), s);
        }
        let t = Timestamp::parse("2026-12-07T09:00:00Z").expect("a time");
        assert_eq!(
            t.plus(std::time::Duration::from_secs(86_400 + 61)).to_string(),
            "2026-12-08T09:01:01Z"
        );
        assert_eq!(Timestamp::parse("2026-12-07 09:00"), None);
    }

    #[test]
    fn the_clock_stops_at_the_last_second_of_9999() {
        let last = parse_utc("9999-12-31T23:59:59Z").expect("in range");
        assert_eq!(last, LAST_SECOND);
        let at = |start, elapsed| format_utc(clock_at(start, elapsed));
        assert_eq!(at(last, 0), "9999-12-31T23:59:59Z");
        assert_eq!(at(last, 3600), "9999-12-31T23:59:59Z");
        assert_eq!(at(u64::MAX, 1), "9999-12-31T23:59:59Z");
        assert_eq!(at(0, 59), "1970-01-01T00:00:59Z");
    }

    #[test]
    fn times_outside_1970_to_9999_are_no_clock() {
        assert_eq!(parse_utc("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_utc("1969-12-31T23:59:59Z"), None);
        assert_eq!(parse_utc("10000-01-01T00:00:00Z"), None);
    }
}
