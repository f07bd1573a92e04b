//! Calendar dates as `YYYY-MM-DD` text: parsing, adding months, counting days.
//! Pure functions; the current date is always passed in by the caller.

/// A parsed date: year, month (1–12), day (1–31, valid for the month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parses a strict `YYYY-MM-DD` (ASCII digits, real calendar date, year 1900–2999).
pub fn parse_date(s: &str) -> Option<Ymd> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let year = digits(0..4)? as i32;
    let month = digits(5..7)?;
    let day = digits(8..10)?;
    if !(1900..=2999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(Ymd { year, month, day })
}

/// Formats as `YYYY-MM-DD`.
pub fn format_date(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// The date `months` months after `date`; the day is clamped to the end of a shorter
/// month (2026-08-31 + 6 months = 2027-02-28). `None` if `date` is not a valid date.
pub fn add_months(date: &str, months: u32) -> Option<String> {
    let d = parse_date(date)?;
    let total = d.year as i64 * 12 + (d.month as i64 - 1) + months as i64;
    let year = (total / 12) as i32;
    let month = (total % 12) as u32 + 1;
    let day = d.day.min(days_in_month(year, month));
    Some(format_date(Ymd { year, month, day }))
}

/// Days since 1970-01-01 (civil-from-days inverse, Howard Hinnant's algorithm).
fn day_number(d: Ymd) -> i64 {
    let y = if d.month <= 2 { d.year - 1 } else { d.year } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = d.month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d.day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Days from `a` to `b` (positive when `b` is later). `None` if either is invalid.
pub fn days_between(a: &str, b: &str) -> Option<i64> {
    Some(day_number(parse_date(b)?) - day_number(parse_date(a)?))
}

/// The date `days` days after `date` (before, when negative). `None` if `date` is not
/// a valid date or the result leaves the years [`parse_date`] accepts.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    let n = day_number(parse_date(date)?) + days;
    // Days to civil (Howard Hinnant's algorithm).
    let z = n + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    let out = format_date(Ymd { year, month, day });
    parse_date(&out).map(|_| out)
}

/// The calendar date at `epoch_ms` (milliseconds since 1970-01-01T00:00:00Z) for a
/// person whose clock is `offset_minutes` ahead of UTC (Beijing: 480). This is the app's
/// one rule for "today": the person's local date, never the UTC date, so that a count
/// made at 07:00 in Beijing agrees with the wall calendar.
pub fn local_date(epoch_ms: f64, offset_minutes: i64) -> String {
    let local_ms = epoch_ms + (offset_minutes as f64) * 60_000.0;
    let days = (local_ms / 86_400_000.0).floor() as i64;
    add_days("1970-01-01", days).unwrap_or_else(|| "1970-01-01".to_string())
}

/// The day in Beijing (UTC+8, where the programme's clerks work) of a record's stamp
/// (`2026-12-01T17:30:00Z` → `2026-12-02`); `None` for text that is not a stamp.
pub fn beijing_day(stamp: &str) -> Option<String> {
    let day = stamp.get(..10).filter(|d| parse_date(d).is_some())?;
    let hour: u32 = stamp.get(11..13)?.parse().ok()?;
    if hour >= 16 {
        add_days(day, 1)
    } else {
        Some(day.to_string())
    }
}

/// The time in Beijing of a record's stamp, to the minute (`2026-12-01T17:30:00Z` →
/// `2026-12-02 01:30`); `None` for text that is not a stamp.
pub fn beijing_time(stamp: &str) -> Option<String> {
    let day = beijing_day(stamp)?;
    let hour: u32 = stamp.get(11..13)?.parse().ok()?;
    let minute: u32 = stamp.get(14..16)?.parse().ok()?;
    (hour < 24 && minute < 60).then(|| format!("{day} {:02}:{minute:02}", (hour + 8) % 24))
}

/// Whether `date` (`YYYY-MM-DD`) has not come yet at `now` (an ISO time in UTC, as the
/// app stamps records) anywhere it might be read: the bound is the day after `now`'s
/// UTC date, so a clerk east of Greenwich (Beijing is 8 hours ahead) is never refused
/// today's date in the early morning, when the UTC date is still yesterday.
pub fn not_yet(date: &str, now: &str) -> bool {
    let utc_day = now.get(..10).unwrap_or(now);
    match add_days(utc_day, 1) {
        Some(latest) => date > latest.as_str(),
        None => false,
    }
}

/// The moment an action is taken: the stamp it is recorded with (ISO, UTC) and, when
/// the app's clock knows it, the person's local date. A date after that local date has
/// not come yet; without one, [`not_yet`]'s bound (the day after the UTC date) applies.
/// Reads as its stamp wherever a `&str` is wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Now {
    stamp: String,
    today: Option<String>,
}

impl Now {
    /// The moment `stamp` (ISO, UTC), on the person's local date `today` (`YYYY-MM-DD`).
    pub fn at(stamp: impl Into<String>, today: impl Into<String>) -> Self {
        Now {
            stamp: stamp.into(),
            today: Some(today.into()),
        }
    }

    /// Whether `date` (`YYYY-MM-DD`) has not come yet: after the person's local date, or
    /// without one, after the day following the UTC date (see [`not_yet`]).
    pub fn has_not_come(&self, date: &str) -> bool {
        match &self.today {
            Some(today) if parse_date(today).is_some() => date > today.as_str(),
            _ => not_yet(date, &self.stamp),
        }
    }
}

impl std::ops::Deref for Now {
    type Target = str;
    fn deref(&self) -> &str {
        &self.stamp
    }
}

impl From<&str> for Now {
    fn from(stamp: &str) -> Self {
        Now {
            stamp: stamp.to_string(),
            today: None,
        }
    }
}

impl From<&String> for Now {
    fn from(stamp: &String) -> Self {
        Now::from(stamp.as_str())
    }
}

impl From<&Now> for Now {
    fn from(now: &Now) -> Self {
        now.clone()
    }
}

/// The year of a date, if valid.
pub fn year_of(date: &str) -> Option<i32> {
    parse_date(date).map(|d| d.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_yet_allows_the_day_after_the_utc_date_and_nothing_later() {
        // 07:30 in Beijing on 07-01 is 23:30 UTC on 06-30.
        let now = "2026-06-30T23:30:00.000Z";
        assert!(!not_yet("2026-06-30", now));
        assert!(!not_yet("2026-07-01", now), "today in Beijing");
        assert!(not_yet("2026-07-02", now));
        assert!(not_yet("2062-06-30", now));
        // Across a year's end.
        assert!(!not_yet("2027-01-01", "2026-12-31T20:00:00Z"));
        assert!(not_yet("2027-01-02", "2026-12-31T20:00:00Z"));
    }

    #[test]
    fn a_moment_with_the_local_date_refuses_tomorrow() {
        // 09:00 in Beijing on 07-01 is 01:00 UTC on 07-01.
        let now = Now::at("2026-07-01T01:00:00.000Z", "2026-07-01");
        assert!(!now.has_not_come("2026-07-01"));
        assert!(!now.has_not_come("2026-06-30"));
        assert!(now.has_not_come("2026-07-02"), "tomorrow, refused");
        // 07:30 in Beijing on 07-01 is still 06-30 in UTC: today is the local date.
        let early = Now::at("2026-06-30T23:30:00.000Z", "2026-07-01");
        assert!(!early.has_not_come("2026-07-01"));
        assert!(early.has_not_come("2026-07-02"));
        assert_eq!(&*early, "2026-06-30T23:30:00.000Z", "reads as its stamp");
        // A stamp alone keeps the day's leeway; a broken local date falls back to it.
        let bare = Now::from("2026-07-01T01:00:00.000Z");
        assert!(!bare.has_not_come("2026-07-02"));
        assert!(bare.has_not_come("2026-07-03"));
        assert!(!Now::at("2026-07-01T01:00:00.000Z", "").has_not_come("2026-07-02"));
    }

    #[test]
    fn today_is_the_local_date_near_midnight_in_beijing() {
        // 2026-12-01T15:59:59Z is 23:59:59 in Beijing; one second later it is the 2nd.
        let before = 1_796_140_799_000.0;
        assert_eq!(local_date(before, 0), "2026-12-01");
        assert_eq!(local_date(before, 480), "2026-12-01");
        assert_eq!(local_date(before + 1_000.0, 480), "2026-12-02");
        assert_eq!(
            local_date(before + 1_000.0, 0),
            "2026-12-01",
            "still the 1st in UTC"
        );
        // 07:30 in Beijing is the previous day in UTC: the local date wins.
        assert_eq!(local_date(1_796_167_800_000.0, 480), "2026-12-02");
        assert_eq!(local_date(1_796_167_800_000.0, 0), "2026-12-01");
        // West of UTC, and the last second of a year.
        assert_eq!(local_date(1_798_761_599_000.0, 480), "2027-01-01");
        assert_eq!(local_date(1_798_761_599_000.0, -300), "2026-12-31");
    }

    #[test]
    fn parses_strictly() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2026-2-28").is_none());
        assert!(parse_date("2026/02/28").is_none());
        assert!(parse_date("2026-13-01").is_none());
        assert!(parse_date("２０２６-01-01").is_none());
        assert!(parse_date("").is_none());
    }

    #[test]
    fn adds_months_clamping_the_day() {
        assert_eq!(add_months("2026-08-31", 6).as_deref(), Some("2027-02-28"));
        assert_eq!(add_months("2026-01-15", 3).as_deref(), Some("2026-04-15"));
        assert_eq!(add_months("2026-12-01", 1).as_deref(), Some("2027-01-01"));
        assert_eq!(add_months("bad", 1), None);
    }

    #[test]
    fn adds_days() {
        assert_eq!(add_days("2026-01-31", 1).as_deref(), Some("2026-02-01"));
        assert_eq!(add_days("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("2026-03-01", -1).as_deref(), Some("2026-02-28"));
        assert_eq!(add_days("2026-12-31", 1).as_deref(), Some("2027-01-01"));
        assert_eq!(add_days("2026-05-10", 400).as_deref(), Some("2027-06-14"));
        assert_eq!(add_days("2999-12-31", 1), None);
        assert_eq!(add_days("bad", 1), None);
        for d in ["2026-05-10", "2000-02-29", "1999-12-31"] {
            for k in [-800, -1, 0, 1, 59, 366] {
                let to = add_days(d, k).unwrap_or_default();
                assert_eq!(days_between(d, &to), Some(k), "{d} + {k}");
            }
        }
    }

    #[test]
    fn counts_days() {
        assert_eq!(days_between("2026-01-01", "2026-01-31"), Some(30));
        assert_eq!(days_between("2024-02-28", "2024-03-01"), Some(2));
        assert_eq!(days_between("2026-03-01", "2026-02-01"), Some(-28));
        assert_eq!(days_between("1970-01-01", "1970-01-02"), Some(1));
    }
}
