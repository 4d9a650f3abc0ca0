//! Calendar files (RFC 5545) for a planned call and for a review's dated next step, which
//! Outlook and Google Calendar import: CRLF lines folded at 75 octets, text escaped, times in
//! UTC, and a UID that stays the same for the same call (importing again updates the event).

use std::fmt::Write;

use super::time::MINUTES_PER_DAY;
use super::{Call, Day, Deal, Minutes};

/// How long a call is assumed to last, for the event's end.
pub const CALL_MINUTES: i64 = 45;

/// Escapes a TEXT value: backslash, semicolon, comma, and line breaks as `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so no line is longer than 75 octets (a continuation line
/// starts with a space), never inside a UTF-8 sequence.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The local offset east of UTC, in minutes, in force at a local time (it moves with daylight
/// saving: a call planned across the change has another offset than the moment a file is made).
pub type Offset = fn(Minutes) -> i64;

/// `YYYYMMDDTHHMMSSZ` for a local time `at`.
fn utc(at: Minutes, offset: Offset) -> String {
    let utc = Minutes(at.0.saturating_sub(offset(at)));
    let (y, m, d) = utc.day().ymd();
    let minute = utc.0.rem_euclid(MINUTES_PER_DAY);
    format!("{y:04}{m:02}{d:02}T{:02}{:02}00Z", minute / 60, minute % 60)
}

fn date(day: Day) -> String {
    let (y, m, d) = day.ymd();
    format!("{y:04}{m:02}{d:02}")
}

fn calendar(uid: &str, stamp: &str, when: [String; 2], summary: &str, description: &str) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Deal Prep//Deal Prep//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
    ] {
        line(&mut out, l);
    }
    line(&mut out, &format!("UID:{uid}"));
    line(&mut out, &format!("DTSTAMP:{stamp}"));
    for l in when {
        line(&mut out, &l);
    }
    line(&mut out, &format!("SUMMARY:{}", escape(summary)));
    if !description.is_empty() {
        line(&mut out, &format!("DESCRIPTION:{}", escape(description)));
    }
    line(&mut out, "END:VEVENT");
    line(&mut out, "END:VCALENDAR");
    out
}

/// The event for a planned call: its time in UTC, the deal in the summary, the objective and
/// the ask in the description. `now` stamps it (in UTC by the offset in force now).
pub fn call_event(deal: &Deal, call: &Call, now: Minutes, offset: Offset) -> String {
    let summary = format!("{} call — {} / {}", call.kind.label(), deal.client, deal.name);
    let mut description = String::new();
    for (label, text) in [("Objective", &call.plan.objective), ("Ask for", &call.plan.ask)] {
        if !text.trim().is_empty() {
            let _ = writeln!(description, "{label}: {}", text.trim());
        }
    }
    let start = utc(call.at, offset);
    let end = utc(Minutes(call.at.0.saturating_add(CALL_MINUTES)), offset);
    calendar(
        &format!("call-{}-{}@deal-prep", deal.id, call.id),
        &utc(now, offset),
        [format!("DTSTART:{start}"), format!("DTEND:{end}")],
        &summary,
        description.trim(),
    )
}

/// The all-day event for the next step a call's review agreed, when it is written and dated.
pub fn next_step_event(deal: &Deal, call: &Call, now: Minutes, offset: Offset) -> Option<String> {
    let review = call.review.as_ref()?;
    let day = review.next_step_on?;
    let step = review.next_step.trim();
    if step.is_empty() {
        return None;
    }
    Some(calendar(
        &format!("next-{}-{}@deal-prep", deal.id, call.id),
        &utc(now, offset),
        [
            format!("DTSTART;VALUE=DATE:{}", date(day)),
            format!("DTEND;VALUE=DATE:{}", date(day.plus(1))),
        ],
        &format!("Next step: {step} — {} / {}", deal.client, deal.name),
        &format!(
            "Agreed in the {} call of {}.",
            call.kind.label().to_ascii_lowercase(),
            call.at.day()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CallKind, Id, Review};

    fn now() -> Minutes {
        Minutes::parse("2026-12-01T09:15").unwrap()
    }

    /// Unfolds and splits a calendar file as an importer does, checking the line rules.
    pub(crate) fn parse(text: &str) -> Vec<(String, String)> {
        assert!(text.ends_with("\r\n"));
        for raw in text.split("\r\n") {
            assert!(raw.len() <= 75, "line over 75 octets: {raw:?}");
            assert!(!raw.contains('\n'), "bare newline in {raw:?}");
        }
        let unfolded = text.replace("\r\n ", "");
        unfolded
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (name, value) = l.split_once(':').expect("name:value");
                (name.to_owned(), value.to_owned())
            })
            .collect()
    }

    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') | Some('N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn value<'a>(props: &'a [(String, String)], name: &str) -> &'a str {
        &props
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    }

    fn deal_and_call() -> (Deal, Call) {
        let mut deal = crate::domain::deal::fixture(now());
        deal.client = "Acme; Sons, \\ Co".into();
        let mut call = Call::new(
            Id::new("c1").unwrap(),
            Minutes::parse("2026-12-02T10:00").unwrap(),
            CallKind::Demo,
        );
        call.plan.objective = "Show the scanner flow, end to end — with the warehouse lead in the room, and the ops manager if she can make it".into();
        call.plan.ask = "A two-week pilot".into();
        (deal, call)
    }

    #[test]
    fn a_call_event_is_a_valid_calendar_in_utc_with_a_stable_uid() {
        let (deal, call) = deal_and_call();
        // Local time is UTC+01:00: 10:00 local is 09:00 UTC.
        let text = call_event(&deal, &call, now(), |_| 60);
        let props = parse(&text);
        assert_eq!(props.first().map(|p| p.1.as_str()), Some("VCALENDAR"));
        assert_eq!(value(&props, "VERSION"), "2.0");
        assert_eq!(value(&props, "DTSTART"), "20261202T090000Z");
        assert_eq!(value(&props, "DTEND"), "20261202T094500Z");
        assert_eq!(value(&props, "DTSTAMP"), "20261201T081500Z");
        assert_eq!(value(&props, "UID"), "call-d1-c1@deal-prep");
        assert_eq!(
            unescape(value(&props, "SUMMARY")),
            "Demo call — Acme; Sons, \\ Co / Rollout"
        );
        let description = unescape(value(&props, "DESCRIPTION"));
        assert!(
            description.starts_with("Objective: Show the scanner flow"),
            "{description}"
        );
        assert!(
            description.ends_with("\nAsk for: A two-week pilot"),
            "{description}"
        );
        assert_eq!(
            call_event(&deal, &call, now().plus_days(3), |_| 60)
                .lines()
                .find(|l| l.starts_with("UID")),
            text.lines().find(|l| l.starts_with("UID"))
        );
    }

    #[test]
    fn the_stamp_is_in_utc_by_the_offset_in_force_now_not_at_the_call() {
        let (deal, call) = deal_and_call();
        // Made in summer time (UTC+02:00) for a call after the change to winter (UTC+01:00).
        let summer_until_the_call = |at: Minutes| {
            if at.day() < Day::parse("2026-12-02").unwrap() {
                120
            } else {
                60
            }
        };
        let props = parse(&call_event(&deal, &call, now(), summer_until_the_call));
        assert_eq!(value(&props, "DTSTART"), "20261202T090000Z");
        assert_eq!(value(&props, "DTSTAMP"), "20261201T071500Z");
    }

    #[test]
    fn a_dated_next_step_is_an_all_day_event_and_an_undated_one_none() {
        let (deal, mut call) = deal_and_call();
        call.review = Some(Review {
            next_step: "Send the pilot plan".into(),
            ..Review::default()
        });
        assert_eq!(next_step_event(&deal, &call, now(), |_| 0), None);
        call.review.as_mut().unwrap().next_step_on = Some(Day::parse("2026-12-31").unwrap());
        let props = parse(&next_step_event(&deal, &call, now(), |_| 0).unwrap());
        assert_eq!(value(&props, "DTSTART;VALUE=DATE"), "20261231");
        assert_eq!(value(&props, "DTEND;VALUE=DATE"), "20270101");
        assert!(value(&props, "SUMMARY").starts_with("Next step: Send the pilot plan"));
    }

    #[test]
    fn folding_never_splits_a_character_and_escaping_round_trips() {
        let text = "Zürich; Straße, \\ 東京\nnext line ".repeat(9);
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", escape(&text)));
        let props = parse(&out);
        assert_eq!(unescape(value(&props, "SUMMARY")), text);
    }
}
