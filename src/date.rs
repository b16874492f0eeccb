//! Calendar dates as `YYYY-MM-DD` (proleptic Gregorian), for the date kind:
//! parsing with a reason, formatting, and moving by days.

/// Days since 1970-01-01 of a valid date, or `None` when it is no real date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> Option<i64> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    // After Howard Hinnant's published days-from-civil algorithm.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The date `days` after 1970-01-01 as `YYYY-MM-DD`.
pub fn civil_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of `YYYY-MM-DD`, or `None` when it is not that form or no
/// real date (2026-02-30).
pub fn parse(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<i64>().ok();
    let digits = text
        .bytes()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !digits {
        return None;
    }
    days_from_civil(num(0..4)?, num(5..7)?, num(8..10)?)
}

/// A day typed on the command line, as days since 1970-01-01, or what is wrong with it.
pub fn parse_arg(text: &str) -> Result<i64, String> {
    parse(text.trim()).ok_or_else(|| {
        format!(
            "`{}` is not a day written YYYY-MM-DD, like 2026-12-07",
            crate::safe::line(text)
        )
    })
}

/// An RFC 3339 time's day as people read it (`3 Dec 2026`), or `None` when the text
/// starts with no real day (a hand-edited or damaged file: its text is not shown).
pub fn readable_day_of(time: &str) -> Option<String> {
    parse(time.get(..10)?).map(readable)
}

/// An RFC 3339 time's day as `YYYY-MM-DD`, or `None` when the text starts with no real
/// day.
pub fn valid_day_of(time: &str) -> Option<String> {
    parse(time.get(..10)?).map(civil_from_days)
}

/// Today (UTC) as `YYYY-MM-DD`, from an RFC 3339 time like `answers::now_utc()`.
pub fn day_of(rfc3339: &str) -> String {
    rfc3339.get(..10).unwrap_or("1970-01-01").to_string()
}

/// The Monday (days since 1970-01-01) of the calendar week holding day `days`; weeks
/// run Monday to Sunday. 1970-01-01 was a Thursday.
pub fn monday_of(days: i64) -> i64 {
    days - (days + 3).rem_euclid(7)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day as people read it: `2 Dec 2026`.
pub fn readable(days: i64) -> String {
    let d = civil_from_days(days);
    let (y, m, day) = (&d[0..4], &d[5..7], &d[8..10]);
    let month = m
        .parse::<usize>()
        .ok()
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    format!("{} {} {y}", day.trim_start_matches('0'), month.unwrap_or(&"?"))
}

/// The week starting on Monday `monday` by its dates: `30 Nov – 6 Dec 2026`.
pub fn week_label(monday: i64) -> String {
    let (a, b) = (readable(monday), readable(monday + 6));
    // "30 Nov 2026 – 6 Dec 2026" says the year twice; keep it once when it is the same.
    match (a.rsplit_once(' '), b.rsplit_once(' ')) {
        (Some((a_dm, a_y)), Some((_, b_y))) if a_y == b_y => format!("{a_dm} – {b}"),
        _ => format!("{a} – {b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_refuse_what_is_no_date() {
        assert_eq!(parse("1970-01-01"), Some(0));
        let wed = parse("2026-12-02").unwrap_or_default();
        assert_eq!(civil_from_days(monday_of(wed)), "2026-11-30");
        assert_eq!(monday_of(monday_of(wed)), monday_of(wed));
        assert_eq!(civil_from_days(monday_of(wed + 5)), "2026-12-07");
        assert_eq!(week_label(monday_of(wed)), "30 Nov – 6 Dec 2026");
        let dec29 = parse("2025-12-29").unwrap_or_default();
        assert_eq!(week_label(dec29), "29 Dec 2025 – 4 Jan 2026");
        assert_eq!(
            parse("2000-02-29").map(civil_from_days).as_deref(),
            Some("2000-02-29")
        );
        assert_eq!(
            parse("2026-12-31").map(|d| civil_from_days(d + 1)).as_deref(),
            Some("2027-01-01")
        );
        assert_eq!(
            parse("2024-03-01").map(|d| civil_from_days(d - 1)).as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-1-01",
            "2026/01/01",
            "abcd-ef-gh",
            "0000-01-01",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        for d in -1000..1000 {
            assert_eq!(parse(&civil_from_days(d * 37)), Some(d * 37));
        }
    }
}
