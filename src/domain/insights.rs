//! Insights: the seller compared with their own past, never with anyone else. Score trend by
//! week (from review snapshots), calls fully prepared per week, and closed deals' score beside
//! their outcome.

use super::{score, Day, Deal, Id, Minutes, Outcome, Template};

/// Average process score of the snapshots taken in one week.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub week: Day,
    pub average: f64,
    pub snapshots: usize,
}

/// Calls held in one week and how many of them were fully prepared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrepWeek {
    pub week: Day,
    pub prepared: usize,
    pub calls: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosedDeal {
    pub id: Id,
    pub label: String,
    /// The last snapshot's score, or today's score when none was taken.
    pub score: u8,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Insights {
    pub trend: Vec<TrendPoint>,
    pub prepared: Vec<PrepWeek>,
    pub closed: Vec<ClosedDeal>,
}

/// How many weeks back the weekly series reach.
pub const WEEKS: i32 = 26;

/// Computes the insights over `deals`; `template_of` gives each deal's checklist template.
pub fn insights<'a>(
    deals: impl IntoIterator<Item = &'a Deal>,
    template_of: impl Fn(&Deal) -> &'a Template,
    now: Minutes,
) -> Insights {
    let since = now.day().week_start().plus(-7 * (WEEKS - 1));
    // One slot per week of the window, oldest first (no map: the weeks are known ahead).
    // Outside the window: none, or past the slots' end.
    let slot_of = |day: Day| usize::try_from((day.week_start().0 - since.0) / 7).ok();
    let mut trend = [(0.0f64, 0usize); WEEKS as usize];
    let mut prepared = [(0usize, 0usize); WEEKS as usize];
    let mut closed = Vec::new();
    for deal in deals {
        let template = template_of(deal);
        for (at, value) in &deal.snapshots {
            if let Some(week) = slot_of(at.day()).and_then(|w| trend.get_mut(w)) {
                week.0 += f64::from(*value);
                week.1 += 1;
            }
        }
        for call in deal.calls.iter().filter(|c| c.is_past(now)) {
            if let Some(week) = slot_of(call.at.day()).and_then(|w| prepared.get_mut(w)) {
                week.1 += 1;
                if super::proof::readiness(deal, call, template) >= 1.0 {
                    week.0 += 1;
                }
            }
        }
        if deal.outcome != Outcome::Open {
            let score = deal
                .snapshots
                .last()
                .map_or_else(|| score(deal, template, now).total, |s| s.1);
            let label = format!("{} — {}", deal.client, deal.name);
            closed.push(ClosedDeal {
                id: deal.id.clone(),
                label,
                score,
                outcome: deal.outcome,
            });
        }
    }
    super::order::sort_by(&mut closed, &|a, b| {
        b.score.cmp(&a.score).then_with(|| a.label.cmp(&b.label))
    });
    Insights {
        trend: (0..)
            .zip(trend)
            .filter(|(_, (_, n))| *n > 0)
            .map(|(w, (sum, n))| TrendPoint {
                week: since.plus(7 * w),
                average: sum / n as f64,
                snapshots: n,
            })
            .collect(),
        prepared: (0..)
            .zip(prepared)
            .filter(|(_, (_, calls))| *calls > 0)
            .map(|(w, (prepared, calls))| PrepWeek {
                week: since.plus(7 * w),
                prepared,
                calls,
            })
            .collect(),
        closed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::now;
    use crate::domain::{Call, CallKind};

    #[test]
    fn trend_prep_and_closed_deals_are_computed_per_week() {
        let t = crate::domain::template::by_hand();
        let mut a = Deal::new(
            Id::new("a").unwrap(),
            "Acme".into(),
            "A".into(),
            t.id.clone(),
            now(),
        );
        a.snapshots = vec![(now().plus_days(-8), 40), (now().plus_days(-1), 60), (now(), 80)];
        let mut ready = Call::new(Id::new("c1").unwrap(), now().plus_days(-1), CallKind::Demo);
        ready.plan.checked = t.items.iter().map(|i| i.id.clone()).collect();
        a.calls.push(ready);
        a.calls.push(Call::new(
            Id::new("c2").unwrap(),
            now().plus_hours(-2),
            CallKind::Demo,
        ));
        a.calls.push(Call::new(
            Id::new("c3").unwrap(),
            now().plus_days(2),
            CallKind::Demo,
        ));
        let mut b = a.clone();
        b.id = Id::new("b").unwrap();
        b.outcome = Outcome::Won;
        // The window's first week counts; the day before it does not.
        let first = Minutes::parse("2026-06-01T10:00").unwrap();
        b.snapshots = vec![
            (now().plus_days(-400), 10),
            (first.plus_days(-1), 99),
            (first, 50),
            (now().plus_days(-1), 70),
        ];
        b.calls.clear();

        let i = insights([&a, &b], |_| &t, now());
        let weeks: Vec<_> = i
            .trend
            .iter()
            .map(|p| (p.week.to_string(), p.average, p.snapshots))
            .collect();
        assert_eq!(
            weeks,
            [
                ("2026-06-01".to_string(), 50.0, 1),
                ("2026-11-16".to_string(), 40.0, 1),
                ("2026-11-23".to_string(), 70.0, 3)
            ],
            "old snapshots fall outside the window"
        );
        assert_eq!(
            i.prepared,
            [PrepWeek {
                week: Day::parse("2026-11-23").unwrap(),
                prepared: 1,
                calls: 2
            }]
        );
        assert_eq!(i.closed.len(), 1);
        assert_eq!((i.closed[0].score, i.closed[0].outcome), (70, Outcome::Won));
    }
}
