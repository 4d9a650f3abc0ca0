//! Wall-clock time as whole minutes since 1970-01-01 00:00, with parsing and formatting of the
//! `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM` forms that HTML date inputs produce.
//!
//! The app passes "now" in as local wall-clock minutes, so every comparison in the domain is
//! between values on the same clock and the core never reads a clock itself.

use std::fmt;

use super::{DomainError, Refusal};

/// A point in time, in wall-clock minutes since the Unix epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minutes(pub i64);

/// A calendar day, in days since the Unix epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

/// Both stored as their bare number.
macro_rules! stored_as_number {
    ($($ty:ident($inner:ty)),+) => {$(
        impl super::json::Encode for $ty {
            fn encode(&self, out: &mut String) {
                self.0.encode(out);
            }
        }
        impl<'a> super::json::Decode<'a> for $ty {
            fn decode(r: &mut super::json::Reader<'a>) -> super::json::Result<$ty> {
                <$inner>::decode(r).map($ty)
            }
        }
    )+};
}

stored_as_number!(Minutes(i64), Day(i32));

pub const MINUTES_PER_DAY: i64 = 24 * 60;

impl Minutes {
    pub fn day(self) -> Day {
        Day(self.0.div_euclid(MINUTES_PER_DAY) as i32)
    }
    /// Saturating, like every arithmetic on times here: a stored extreme never overflows.
    pub fn plus_hours(self, hours: i64) -> Minutes {
        Minutes(self.0.saturating_add(hours.saturating_mul(60)))
    }
    pub fn plus_days(self, days: i64) -> Minutes {
        Minutes(self.0.saturating_add(days.saturating_mul(MINUTES_PER_DAY)))
    }
    /// `YYYY-MM-DD HH:MM`, for people.
    pub fn human(self) -> String {
        format!("{} {}", self.day(), self.clock())
    }
    /// `HH:MM`, the time of day.
    fn clock(self) -> String {
        let minute_of_day = self.0.rem_euclid(MINUTES_PER_DAY);
        format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
    }
    /// When this is, said from `now`: "in 40 min", "today 15:00", "tomorrow 10:00", "Thu
    /// 10:00" within the week; "12 min ago", "yesterday 16:00"; further off, the date.
    pub fn when(self, now: Minutes) -> String {
        let ahead = self.0.saturating_sub(now.0);
        let clock = self.clock();
        match (ahead, self.day().0 - now.day().0) {
            (0, _) => "now".into(),
            (1..=59, _) => format!("in {ahead} min"),
            (-59..=-1, _) => format!("{} min ago", -ahead),
            (_, 0) => format!("today {clock}"),
            (_, 1) => format!("tomorrow {clock}"),
            (_, -1) => format!("yesterday {clock}"),
            (_, 2..=6) => {
                // 1970-01-01 was a Thursday.
                let day = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
                format!("{} {clock}", day[self.day().0.rem_euclid(7) as usize])
            }
            _ => self.human(),
        }
    }
    /// Parses `YYYY-MM-DDTHH:MM` (seconds, if present, are ignored).
    pub fn parse(text: &str) -> Result<Minutes, Refusal> {
        let bad = || -> Refusal { DomainError::BadDate(text.chars().take(40).collect()).into() };
        let (date, time) = text.trim().split_once(['T', ' ']).ok_or_else(bad)?;
        let day = Day::parse(date).map_err(|_| bad())?;
        let mut parts = time.split(':');
        let hour = number(parts.next(), 2).ok_or_else(bad)? as i64;
        let minute = number(parts.next(), 2).ok_or_else(bad)? as i64;
        if hour > 23 || minute > 59 {
            return Err(bad());
        }
        Ok(Minutes(day.0 as i64 * MINUTES_PER_DAY + hour * 60 + minute))
    }
}

impl fmt::Display for Minutes {
    /// `YYYY-MM-DDTHH:MM`, the value an `<input type="datetime-local">` takes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}", self.day(), self.clock())
    }
}

impl Day {
    pub fn plus(self, days: i32) -> Day {
        Day(self.0.saturating_add(days))
    }
    pub fn start(self) -> Minutes {
        Minutes(i64::from(self.0) * MINUTES_PER_DAY)
    }
    /// The Monday that starts this day's ISO week.
    pub fn week_start(self) -> Day {
        // 1970-01-01 was a Thursday: day 0 has weekday index 3 counting from Monday.
        Day(self.0 - (self.0 + 3).rem_euclid(7))
    }
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year } as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day((era * 146_097 + doe - 719_468) as i32))
    }
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        (y, m, d)
    }
    /// Parses `YYYY-MM-DD`, years 1–9999: what a date field holds while its year is typed
    /// digit by digit (0002, 0020, 0202, 2027 — each saved as typed; refusing them put the old
    /// date back at every keystroke), and what an import takes back.
    pub fn parse(text: &str) -> Result<Day, Refusal> {
        let bad = || -> Refusal { DomainError::BadDate(text.chars().take(40).collect()).into() };
        let mut parts = text.trim().split('-');
        let year = number(parts.next(), 4).ok_or_else(bad)? as i32;
        let month = number(parts.next(), 2).ok_or_else(bad)? as u32;
        let day = number(parts.next(), 2).ok_or_else(bad)? as u32;
        if parts.next().is_some() || !(1..=9999).contains(&year) {
            return Err(bad());
        }
        Day::from_ymd(year, month, day).ok_or_else(bad)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// A part of a date or time of exactly `width` digits.
fn number(part: Option<&str>, width: usize) -> Option<u64> {
    part.filter(|p| p.len() == width).and_then(super::text::digits)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_through_text() {
        for (text, days) in [("1970-01-01", 0), ("2000-02-29", 11_016), ("2026-11-26", 20_783)] {
            let day = Day::parse(text).unwrap();
            assert_eq!(day, Day(days), "{text}");
            assert_eq!(day.to_string(), text);
        }
    }

    #[test]
    fn when_reads_from_now() {
        let now = Minutes::parse("2026-12-01T10:20").unwrap(); // a Tuesday
        for (at, said) in [
            ("2026-12-01T10:20", "now"),
            ("2026-12-01T11:00", "in 40 min"),
            ("2026-12-01T10:08", "12 min ago"),
            ("2026-12-01T15:00", "today 15:00"),
            ("2026-12-01T08:05", "today 08:05"),
            ("2026-12-02T10:00", "tomorrow 10:00"),
            ("2026-12-01T00:10", "today 00:10"),
            ("2026-11-30T16:00", "yesterday 16:00"),
            ("2026-12-03T09:00", "Thu 09:00"),
            ("2026-12-07T09:00", "Mon 09:00"),
            ("2026-12-08T09:00", "2026-12-08 09:00"),
            ("2026-11-28T09:00", "2026-11-28 09:00"),
        ] {
            assert_eq!(Minutes::parse(at).unwrap().when(now), said, "{at}");
        }
    }

    #[test]
    fn minutes_round_trip_through_text() {
        let at = Minutes::parse("2026-11-26T14:05").unwrap();
        assert_eq!(at.to_string(), "2026-11-26T14:05");
        assert_eq!(at.day(), Day::parse("2026-11-26").unwrap());
        assert_eq!(Minutes::parse("2026-11-26T14:05:59").unwrap(), at);
    }

    #[test]
    fn bad_dates_are_errors_not_panics() {
        for text in [
            "",
            "2026-02-30",
            "2026-13-01",
            "26-11-26",
            "2026-11-26T24:00",
            "2026-11-26",
            "x",
            "2026-1-1",
        ] {
            assert!(
                Minutes::parse(text).is_err() || Day::parse(text).is_err(),
                "{text} should not parse as both"
            );
        }
        assert!(Day::parse("2026-02-30").is_err());
        assert!(Day::parse("0000-01-01").is_err() && Day::parse("0001-01-01").is_ok());
        assert!(Minutes::parse("2026-11-26T10:60").is_err());
        assert!(Minutes::parse("2026-11-26").is_err());
    }

    #[test]
    fn weeks_start_on_monday() {
        let thursday = Day::parse("2026-11-26").unwrap();
        assert_eq!(thursday.week_start().to_string(), "2026-11-23");
        let monday = Day::parse("2026-11-23").unwrap();
        assert_eq!(monday.week_start(), monday);
        let sunday = Day::parse("2026-11-29").unwrap();
        assert_eq!(sunday.week_start(), monday);
    }
}
