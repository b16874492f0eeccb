//! The couple's weeks: which week a moment belongs to, in the computer's own time zone,
//! with the day the couple's weeks start on. A week is named by the date of its first
//! day (`2026-11-30`), so ids written before (UTC weeks starting on Monday) stay valid.

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::answers::Timestamp;

/// A day of the week, the day a couple's weeks start on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    /// Monday, the default (and the only day before weeks could be set).
    #[default]
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

/// The days in order, as written in files and typed on the command line.
const NAMES: [(&str, WeekStart); 7] = [
    ("monday", WeekStart::Monday),
    ("tuesday", WeekStart::Tuesday),
    ("wednesday", WeekStart::Wednesday),
    ("thursday", WeekStart::Thursday),
    ("friday", WeekStart::Friday),
    ("saturday", WeekStart::Saturday),
    ("sunday", WeekStart::Sunday),
];

impl WeekStart {
    /// The day named (`sunday`, any case), if it is one.
    pub fn parse(name: &str) -> Option<WeekStart> {
        let name = name.trim().to_ascii_lowercase();
        NAMES.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
    }

    /// Its name as files keep it (`sunday`).
    pub fn name(self) -> &'static str {
        NAMES[self.index()].0
    }

    /// The day after it (for a key that steps through the days).
    pub fn next(self) -> WeekStart {
        NAMES[(self.index() + 1) % 7].1
    }

    /// 0 for Monday to 6 for Sunday.
    fn index(self) -> usize {
        match self {
            WeekStart::Monday => 0,
            WeekStart::Tuesday => 1,
            WeekStart::Wednesday => 2,
            WeekStart::Thursday => 3,
            WeekStart::Friday => 4,
            WeekStart::Saturday => 5,
            WeekStart::Sunday => 6,
        }
    }
}

impl std::fmt::Display for WeekStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.name();
        let mut chars = name.chars();
        if let Some(first) = chars.next() {
            write!(f, "{}{}", first.to_ascii_uppercase(), chars.as_str())?;
        }
        Ok(())
    }
}

/// The day a couple's weeks start on, as one partner set it and when: of the two
/// partners' settings the later one is in effect, so both file a check-in in one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekSetting {
    /// The first day of every week.
    pub starts: WeekStart,
    /// When it was set, RFC 3339 UTC.
    pub changed: String,
}

impl WeekSetting {
    /// The setting in effect of `mine` and `theirs`: the one set later, leaving out one
    /// dated after `now` or not a real time (a clock far ahead must not win for ever).
    pub fn in_effect<'a>(
        mine: Option<&'a WeekSetting>,
        theirs: Option<&'a WeekSetting>,
        now: Timestamp,
    ) -> Option<&'a WeekSetting> {
        let sound = |s: &&WeekSetting| Timestamp::parse(&s.changed).is_some_and(|t| t <= now);
        match (mine.filter(sound), theirs.filter(sound)) {
            (Some(m), Some(t)) if t.changed > m.changed => Some(t),
            (Some(m), Some(_) | None) => Some(m),
            (None, t) => t.or(mine),
        }
    }
}

/// How weeks are counted here: in a time zone, starting on a day.
#[derive(Debug, Clone)]
pub struct Weeks {
    /// The zone whose calendar days count (the computer's, from the edge).
    pub zone: TimeZone,
    /// The day the couple's weeks start on.
    pub start: WeekStart,
}

impl Default for Weeks {
    /// UTC weeks from Monday, as before weeks followed the computer's zone.
    fn default() -> Weeks {
        Weeks {
            zone: TimeZone::UTC,
            start: WeekStart::Monday,
        }
    }
}

impl Weeks {
    /// Weeks in `zone` starting on `start`.
    pub fn new(zone: TimeZone, start: WeekStart) -> Weeks {
        Weeks { zone, start }
    }

    /// The calendar day (days since 1970-01-01) it is at `t` in this zone.
    pub fn day_at(&self, t: Timestamp) -> i64 {
        let secs = i64::try_from(t.secs()).unwrap_or(i64::MAX);
        let Ok(ts) = jiff::Timestamp::from_second(secs) else {
            // Out of jiff's range (past 9999): the UTC day, which the clock caps.
            return secs.div_euclid(86_400);
        };
        let dt = self.zone.to_datetime(ts);
        crate::date::days_from_civil(i64::from(dt.year()), i64::from(dt.month()), i64::from(dt.day()))
            .unwrap_or_else(|| secs.div_euclid(86_400))
    }

    /// The first day of the week holding `day`.
    pub fn start_of(&self, day: i64) -> i64 {
        // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on a Monday.
        let weekday = (day + 3).rem_euclid(7);
        day - (weekday - self.start.index() as i64).rem_euclid(7)
    }

    /// The id of the week `t` falls in: the date of its first day.
    pub fn id_at(&self, t: Timestamp) -> String {
        crate::date::civil_from_days(self.start_of(self.day_at(t)))
    }

    /// The id of the week `t` falls in, given the weeks already kept (`kept`, their first
    /// days): a kept week still running on that day is kept to, so changing the start
    /// day takes effect once the current week is over and no two weeks overlap.
    pub fn id_among(&self, t: Timestamp, kept: impl IntoIterator<Item = i64>) -> String {
        let today = self.day_at(t);
        let running = kept.into_iter().filter(|d| *d <= today && today < d + 7).max();
        crate::date::civil_from_days(running.unwrap_or_else(|| self.start_of(today)))
    }
}

/// The system's time zone (from `TZ` or `/etc/localtime`), UTC when it cannot be read:
/// read at the edges only, and handed to the app with the time.
pub fn system_zone() -> TimeZone {
    linked_localtime()
        .or_else(|| TimeZone::try_system().ok())
        .unwrap_or(TimeZone::UTC)
}

/// The usual case read directly: `TZ` and `TZDIR` unset, `/etc/localtime` a link into a
/// zoneinfo folder. jiff's own lookup first lists every zone of the system database
/// (some 600 files in 30 folders), which was a quarter of the work before the first
/// frame; the zone it finds is the file the link points to, read here. Anything else
/// (`TZ` set, a copied file, no zone at all) is left to jiff.
fn linked_localtime() -> Option<TimeZone> {
    const LOCALTIME: &str = "/etc/localtime";
    const FOLDER: &str = "zoneinfo/";
    if std::env::var_os("TZ").is_some() || std::env::var_os("TZDIR").is_some() {
        return None;
    }
    let target = std::fs::read_link(LOCALTIME).ok()?;
    let target = target.to_str()?;
    let name = &target[target.rfind(FOLDER)? + FOLDER.len()..];
    let data = std::fs::read(LOCALTIME).ok()?;
    TimeZone::tzif(name, &data).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).expect("a time")
    }

    #[test]
    fn a_monday_week_in_utc_is_the_old_id() {
        let w = Weeks::default();
        assert_eq!(w.id_at(at("2026-12-02T10:00:00Z")), "2026-11-30");
        assert_eq!(w.id_at(at("2026-12-06T23:59:59Z")), "2026-11-30");
        assert_eq!(w.id_at(at("2026-12-07T00:00:00Z")), "2026-12-07");
    }

    #[test]
    fn a_los_angeles_sunday_evening_is_that_sundays_week() {
        let la = TimeZone::posix("PST8PDT,M3.2.0,M11.1.0").expect("a zone");
        let w = Weeks::new(la, WeekStart::Monday);
        // Sunday 6 Dec, 19:00 in Los Angeles is Monday 03:00 UTC.
        assert_eq!(w.id_at(at("2026-12-07T03:00:00Z")), "2026-11-30");
        assert_eq!(Weeks::default().id_at(at("2026-12-07T03:00:00Z")), "2026-12-07");
    }

    #[test]
    fn weeks_can_start_on_any_day() {
        let mut w = Weeks::default();
        for (name, id) in [
            ("sunday", "2026-11-29"),
            ("wednesday", "2026-12-02"),
            ("thursday", "2026-11-26"),
        ] {
            w.start = WeekStart::parse(name).expect("a day");
            assert_eq!(w.id_at(at("2026-12-02T10:00:00Z")), id, "{name}");
            assert_eq!(w.start.name(), name);
        }
        assert_eq!(WeekStart::parse("Sunday"), Some(WeekStart::Sunday));
        assert_eq!(WeekStart::parse("sun"), None);
        assert_eq!(WeekStart::Sunday.next(), WeekStart::Monday);
    }

    #[test]
    fn a_new_start_day_waits_for_the_running_week_to_end() {
        let w = Weeks::new(TimeZone::UTC, WeekStart::Sunday);
        let monday = crate::date::parse("2026-11-30").expect("a day");
        // Saturday 5 Dec is still in the kept week of Monday 30 Nov.
        assert_eq!(w.id_among(at("2026-12-05T10:00:00Z"), [monday]), "2026-11-30");
        // Monday 7 Dec: that week is over; the Sunday week of 6 Dec runs.
        assert_eq!(w.id_among(at("2026-12-07T10:00:00Z"), [monday]), "2026-12-06");
    }

    #[test]
    fn the_later_setting_of_the_two_partners_is_in_effect() {
        let set = |d: &str, at: &str| WeekSetting {
            starts: WeekStart::parse(d).expect("a day"),
            changed: at.to_string(),
        };
        let now = at("2026-12-06T12:00:00Z");
        let mine = set("sunday", "2026-12-01T10:00:00Z");
        let theirs = set("friday", "2026-12-02T10:00:00Z");
        let pick = |m, t| WeekSetting::in_effect(m, t, now).map(|s| s.starts);
        assert_eq!(pick(Some(&mine), Some(&theirs)), Some(WeekStart::Friday));
        assert_eq!(pick(Some(&theirs), Some(&mine)), Some(WeekStart::Friday));
        let future = set("friday", "9999-12-31T23:59:59Z");
        assert_eq!(pick(Some(&mine), Some(&future)), Some(WeekStart::Sunday));
        let garbled = set("friday", "soon");
        assert_eq!(pick(Some(&mine), Some(&garbled)), Some(WeekStart::Sunday));
        assert_eq!(pick(None, Some(&theirs)), Some(WeekStart::Friday));
        assert_eq!(pick(None, None), None);
    }

    #[test]
    fn the_last_second_of_the_clock_has_a_week() {
        let w = Weeks::new(TimeZone::posix("EST5").expect("a zone"), WeekStart::Monday);
        assert!(w.id_at(at("9999-12-31T23:59:59Z")).starts_with("9999-12-"));
        assert_eq!(w.id_at(at("1970-01-01T00:00:00Z")), "1969-12-29");
    }

    #[test]
    fn the_linked_zone_is_the_one_jiff_finds() {
        // Only where the short cut applies (the usual Linux set-up, this machine's).
        let applies = std::env::var_os("TZ").is_none()
            && std::env::var_os("TZDIR").is_none()
            && std::fs::symlink_metadata("/etc/localtime").is_ok_and(|m| m.file_type().is_symlink());
        if !applies {
            return;
        }
        let fast = linked_localtime().expect("the linked zone reads");
        let jiff = TimeZone::try_system().expect("jiff reads the zone too");
        assert_eq!(fast.iana_name(), jiff.iana_name());
        for t in [
            "1970-01-01T00:00:00Z",
            "2026-03-08T10:30:00Z",
            "2026-03-29T01:30:00Z",
            "2026-07-01T12:00:00Z",
            "2026-10-25T00:30:00Z",
            "2026-11-01T06:30:00Z",
            "9999-12-30T00:00:00Z",
        ] {
            let t: jiff::Timestamp = t.parse().expect("a time");
            assert_eq!(fast.to_offset(t), jiff.to_offset(t), "at {t}");
        }
    }
}
