//! The forecast: named risks a deal carries, each with what to do about it, and the "weather"
//! they add up to. "Prepare for any weather": a deal is never assumed to be closing while a step
//! of the process is open.

use super::proof::{progress, readiness};
use super::{Deal, Minutes, Role, Stage, Template};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Minor,
    Major,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RiskKind {
    DecisionMakerNotEngaged,
    SingleThreaded,
    NoNextStep,
    JumpedAhead,
    CallUnprepared,
    Stale,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Risk {
    pub kind: RiskKind,
    pub severity: Severity,
    pub title: String,
    pub advice: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weather {
    Clear,
    Cloudy,
    Stormy,
    /// Nothing to judge yet: no people, no call, still in Prospect.
    TooEarly,
}

impl Weather {
    pub fn label(self) -> &'static str {
        match self {
            Weather::Clear => "Clear",
            Weather::Cloudy => "Cloudy",
            Weather::Stormy => "Stormy",
            Weather::TooEarly => "Too early to tell",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Weather::Clear => "clear",
            Weather::Cloudy => "cloudy",
            Weather::Stormy => "stormy",
            Weather::TooEarly => "early",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forecast {
    pub weather: Weather,
    pub risks: Vec<Risk>,
}

/// Days without any change before an open deal counts as gone quiet.
pub const STALE_DAYS: i64 = 21;

/// The risks of an open, unarchived deal at `now`. Closed or archived deals carry none.
pub fn forecast(deal: &Deal, template: &Template, now: Minutes) -> Forecast {
    let mut risks = Vec::new();
    if deal.is_active() {
        let mut add = |kind, severity, title: String, advice: &str| {
            risks.push(Risk {
                kind,
                severity,
                title,
                advice: advice.to_owned(),
            })
        };
        let engaged = deal.people.iter().filter(|p| p.engaged).count();
        let dm = deal.people.iter().find(|p| p.has(Role::DecisionMaker));
        if deal.stage > Stage::Qualification && !dm.is_some_and(|p| p.engaged) {
            let stage = deal.stage.label();
            add(
                RiskKind::DecisionMakerNotEngaged,
                Severity::Major,
                match dm {
                    Some(p) => format!("Decision maker {} not engaged yet in {stage}", p.name),
                    None => format!("No decision maker named in {stage}"),
                },
                "Ask your champion to bring the decision maker into the next call; the champion's enthusiasm is not a decision.",
            );
        }
        // From Discovery on someone must be engaged; after it, two people.
        if deal.stage >= Stage::Discovery && engaged < 1 + usize::from(deal.stage > Stage::Discovery) {
            add(
                RiskKind::SingleThreaded,
                Severity::Minor,
                if engaged == 0 {
                    format!("Nobody on the client side engaged in {}", deal.stage.label())
                } else {
                    "Single-threaded: 1 engaged on the client side".to_owned()
                },
                "Meet a second stakeholder (technical buyer, user or procurement) so the deal doesn't hang on one person.",
            );
        }
        if let Some(last) = deal.last_reviewed() {
            let review = last.review.as_ref();
            let dated = review.is_some_and(|r| r.has_dated_next_step());
            let later_planned = deal.calls.iter().any(|c| c.at > last.at && c.review.is_none());
            if !dated && !later_planned {
                let day = last.at.day();
                add(
                    RiskKind::NoNextStep,
                    Severity::Major,
                    if review.is_some_and(|r| !r.next_step.trim().is_empty()) {
                        format!("The next step after the call of {day} has no date")
                    } else {
                        format!("No next step agreed after the call of {day}")
                    },
                    "Agree a concrete, dated next step with the client and plan the call for it.",
                );
            }
        }
        if !deal.jumped.is_empty() {
            let steps = deal.jumped.iter().map(|s| s.describe(deal.preset));
            add(
                RiskKind::JumpedAhead,
                Severity::Minor,
                format!("Jumped ahead: {}", super::text::join(steps, ", ")),
                "Go back for the skipped steps before pushing on; a wrong turn costs more later.",
            );
        }
        if let Some(call) = deal.next_call(now) {
            if call.at >= now && call.at <= now.plus_hours(24) && readiness(deal, call, template) < 0.5 {
                let (done, total) = progress(deal, call, template);
                add(
                    RiskKind::CallUnprepared,
                    Severity::Major,
                    format!("Call at {} is {done} of {total} ready", call.at.human()),
                    "Block time before the call to finish the checklist: objective, questions and objections first.",
                );
            }
        }
        if deal.updated < now.plus_days(-STALE_DAYS) {
            add(
                RiskKind::Stale,
                Severity::Minor,
                format!("No activity since {}", deal.updated.day()),
                "Reach out with something useful for them, or decide to archive the deal.",
            );
        }
    }
    let nothing_yet = deal.stage == Stage::Prospect && deal.calls.is_empty() && deal.people.is_empty();
    let weather = match risks.iter().map(|r| r.severity).max() {
        None if nothing_yet && deal.is_active() => Weather::TooEarly,
        None => Weather::Clear,
        Some(Severity::Minor) => Weather::Cloudy,
        Some(Severity::Major) => Weather::Stormy,
    };
    Forecast { weather, risks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{id, now};
    use crate::domain::{Call, CallKind, Outcome, Review, Stakeholder};

    fn deal() -> Deal {
        crate::domain::deal::fixture(now())
    }
    fn kinds(d: &Deal) -> Vec<RiskKind> {
        forecast(d, &crate::domain::template::by_hand(), now())
            .risks
            .iter()
            .map(|r| r.kind)
            .collect()
    }
    fn engaged(pid: &str, role: Option<Role>) -> Stakeholder {
        let mut p = Stakeholder::new(id(pid), pid.into());
        p.engaged = true;
        p.roles.extend(role);
        p
    }

    #[test]
    fn a_fresh_deal_is_too_early_to_tell_until_there_is_something_to_judge() {
        let mut d = deal();
        let f = forecast(&d, &Template::default_template(), now());
        assert_eq!(f.weather, Weather::TooEarly);
        assert!(f.risks.is_empty());
        d.people.push(Stakeholder::new(id("p"), "Pat".into()));
        let f = forecast(&d, &Template::default_template(), now());
        assert_eq!(f.weather, Weather::Clear);
    }

    #[test]
    fn an_unengaged_discovery_deal_is_at_least_cloudy() {
        let mut d = deal();
        d.stage = Stage::Discovery;
        let f = forecast(&d, &Template::default_template(), now());
        assert_eq!(f.weather, Weather::Cloudy);
        assert_eq!(f.risks[0].title, "Nobody on the client side engaged in Discovery");
        d.people.push(engaged("a", None));
        assert_eq!(
            forecast(&d, &Template::default_template(), now()).weather,
            Weather::Clear
        );
    }

    #[test]
    fn decision_maker_not_engaged_past_qualification() {
        let mut d = deal();
        d.stage = Stage::Qualification;
        assert!(!kinds(&d).contains(&RiskKind::DecisionMakerNotEngaged));
        d.stage = Stage::Solution;
        assert!(kinds(&d).contains(&RiskKind::DecisionMakerNotEngaged));
        d.people.push(Stakeholder::new(id("dana"), "Dana".into()));
        d.people[0].roles.push(Role::DecisionMaker);
        let f = forecast(&d, &Template::default_template(), now());
        assert_eq!(
            f.risks[0].title,
            "Decision maker Dana not engaged yet in Solution"
        );
        d.people.clear();
        d.people.push(engaged("dm", Some(Role::DecisionMaker)));
        assert!(!kinds(&d).contains(&RiskKind::DecisionMakerNotEngaged));
    }

    #[test]
    fn single_threaded_past_discovery() {
        let mut d = deal();
        d.stage = Stage::Qualification;
        d.people.push(engaged("a", None));
        assert!(kinds(&d).contains(&RiskKind::SingleThreaded));
        d.people.push(engaged("b", None));
        assert!(!kinds(&d).contains(&RiskKind::SingleThreaded));
    }

    #[test]
    fn no_next_step_after_the_last_reviewed_call() {
        let mut d = deal();
        let mut call = Call::new(id("c1"), now().plus_days(-1), CallKind::Discovery);
        call.review = Some(Review::default());
        d.calls.push(call);
        let title = |d: &Deal| {
            forecast(d, &Template::default_template(), now()).risks[0]
                .title
                .clone()
        };
        assert_eq!(title(&d), "No next step agreed after the call of 2026-11-25");
        let r = d.calls[0].review.as_mut().unwrap();
        r.next_step = "Demo to IT".into();
        assert_eq!(
            title(&d),
            "The next step after the call of 2026-11-25 has no date"
        );
        let r = d.calls[0].review.as_mut().unwrap();
        r.next_step_on = Some(now().day().plus(2));
        assert!(!kinds(&d).contains(&RiskKind::NoNextStep));
    }

    #[test]
    fn jumped_ahead_steps_open() {
        let mut d = deal();
        d.move_to(Stage::Discovery, now());
        assert!(
            !kinds(&d).contains(&RiskKind::JumpedAhead),
            "Prospect has no exit criteria"
        );
        d.move_to(Stage::Qualification, now());
        assert!(kinds(&d).contains(&RiskKind::JumpedAhead));
    }

    #[test]
    fn call_tomorrow_with_checklist_under_half_done() {
        let mut d = deal();
        d.calls
            .push(Call::new(id("c1"), now().plus_hours(20), CallKind::Demo));
        assert!(kinds(&d).contains(&RiskKind::CallUnprepared));
        let t = Template::default_template();
        d.calls[0].plan.checked = t.items.iter().take(5).map(|i| i.id.clone()).collect();
        assert!(
            !kinds(&d).contains(&RiskKind::CallUnprepared),
            "13 of 24 weight is over half"
        );
        d.calls[0].plan.checked.clear();
        d.calls[0].at = now().plus_hours(30);
        assert!(
            !kinds(&d).contains(&RiskKind::CallUnprepared),
            "more than 24 h away"
        );
    }

    #[test]
    fn no_activity_for_three_weeks() {
        let mut d = deal();
        d.updated = now().plus_days(-22);
        assert!(kinds(&d).contains(&RiskKind::Stale));
        d.updated = now().plus_days(-20);
        assert!(!kinds(&d).contains(&RiskKind::Stale));
    }

    #[test]
    fn weather_is_the_worst_severity_and_closed_deals_have_none() {
        let mut d = deal();
        d.stage = Stage::Qualification;
        let f = forecast(&d, &Template::default_template(), now());
        assert_eq!(f.weather, Weather::Cloudy, "{:?}", f.risks);
        d.stage = Stage::Solution;
        assert_eq!(
            forecast(&d, &Template::default_template(), now()).weather,
            Weather::Stormy
        );
        d.outcome = Outcome::Lost;
        assert_eq!(
            forecast(&d, &Template::default_template(), now()).weather,
            Weather::Clear
        );
    }
}
