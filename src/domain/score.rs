//! The process score: 0–100 for how well the seller ran the part of the sale they control.
//!
//! The rule (the README's "The process score" says the same), with every point explained:
//! - **Preparation, 40 points**: the weighted share of the active checklist items checked for the
//!   next call to prepare (none planned: 0, with "plan the next call" as the action).
//! - **Qualification, 30 points**: split evenly over the preset's elements whose exit stage is at
//!   or before the current stage; each earns Unknown 0, Assumed 0.25, Heard 0.75, Confirmed 1.
//!   Elements of later stages are not counted, so they never lower it. Nothing required yet: full.
//! - **People, 15 points**: 10 for engaged stakeholders (5 each, up to two); 5 for the decision
//!   maker — identified while in Prospect–Qualification, engaged from Solution on.
//! - **Follow-through, 15 points**: split over the calls whose time has passed; a call earns half
//!   when reviewed and all of it when the review has a written, dated next step. No past call: full.
//!
//! It reads neither the outcome, the value nor the target date, and is never stored: only
//! snapshots taken when a review is saved are kept, for the trend.

use super::{Deal, Id, Minutes, Role, Stage, Template};

pub const PREPARATION: f64 = 40.0;
pub const QUALIFICATION: f64 = 30.0;
pub const PEOPLE: f64 = 15.0;
pub const FOLLOW_THROUGH: f64 = 15.0;

/// Where in the app an action is done.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The call plan's checklist.
    Checklist(Id),
    /// Plan a new call.
    PlanCall,
    /// One qualification element.
    Qualification(String),
    /// The stakeholder list.
    People,
    /// A call's review.
    Review(Id),
}

/// One open item that would raise the score.
#[derive(Clone, Debug, PartialEq)]
pub struct NextAction {
    pub text: String,
    pub gain: f64,
    pub target: Target,
}

/// One line of a part's breakdown.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreItem {
    pub label: String,
    pub earned: f64,
    pub possible: f64,
    /// What to do to earn the missing points (`None` when nothing is missing).
    pub action: Option<NextAction>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartKind {
    Preparation,
    Qualification,
    People,
    FollowThrough,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub kind: PartKind,
    pub name: &'static str,
    pub earned: f64,
    pub possible: f64,
    pub items: Vec<ScoreItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProcessScore {
    pub total: u8,
    pub parts: Vec<Part>,
    /// Open items, most points first.
    pub next_actions: Vec<NextAction>,
}

/// A breakdown line; `action` says how to earn the missing points and is asked only when some
/// are missing.
fn item(label: String, earned: f64, possible: f64, action: impl FnOnce() -> (String, Target)) -> ScoreItem {
    let gain = possible - earned;
    let action = (gain > 1e-9).then(|| {
        let (text, target) = action();
        NextAction { text, gain, target }
    });
    ScoreItem {
        label,
        earned,
        possible,
        action,
    }
}

/// A line with nothing to earn (e.g. no past calls to follow up yet).
fn full(label: impl Into<String>, possible: f64) -> ScoreItem {
    ScoreItem {
        label: label.into(),
        earned: possible,
        possible,
        action: None,
    }
}

fn part(kind: PartKind, name: &'static str, possible: f64, items: Vec<ScoreItem>) -> Part {
    let earned = items.iter().map(|i| i.earned).sum::<f64>().min(possible);
    Part {
        kind,
        name,
        earned,
        possible,
        items,
    }
}

fn preparation(deal: &Deal, template: &Template, now: Minutes) -> Part {
    let name = "Preparation of the next call";
    let Some(call) = deal.next_call(now) else {
        let missing = item("No upcoming call planned".into(), 0.0, PREPARATION, || {
            ("Plan the next call and its checklist".into(), Target::PlanCall)
        });
        return part(PartKind::Preparation, name, PREPARATION, vec![missing]);
    };
    let total = template.total_weight();
    if total == 0 {
        let done = full("The checklist has no items", PREPARATION);
        return part(PartKind::Preparation, name, PREPARATION, vec![done]);
    }
    let items = template
        .active()
        .map(|t| {
            let possible = PREPARATION * f64::from(t.weight) / f64::from(total);
            let earned = if call.plan.is_checked(&t.id) {
                possible
            } else {
                0.0
            };
            item(t.text.clone(), earned, possible, || {
                (format!("Prepare: {}", t.text), Target::Checklist(call.id.clone()))
            })
        })
        .collect();
    part(PartKind::Preparation, name, PREPARATION, items)
}

fn qualification(deal: &Deal) -> Part {
    let name = "Qualification evidence";
    let required: Vec<_> = deal
        .preset
        .elements()
        .iter()
        .filter(|e| e.exit_of <= deal.stage)
        .collect();
    if required.is_empty() {
        let label = format!("Nothing must be known yet in {}", deal.stage.label());
        let done = full(label, QUALIFICATION);
        return part(PartKind::Qualification, name, QUALIFICATION, vec![done]);
    }
    let each = QUALIFICATION / required.len() as f64;
    let items = required
        .into_iter()
        .map(|e| {
            let level = deal.level(e.key);
            let label = format!("{}: {}", e.label, level.label());
            item(label, each * level.credit(), each, || {
                let text = if level.is_known() {
                    format!("Confirm {} with the right person", e.label.to_lowercase())
                } else {
                    format!("Find out {}: {}", e.label.to_lowercase(), e.question)
                };
                (text, Target::Qualification(e.key.to_owned()))
            })
        })
        .collect();
    part(PartKind::Qualification, name, QUALIFICATION, items)
}

fn people(deal: &Deal) -> Part {
    let engaged = deal.people.iter().filter(|p| p.engaged).count();
    let threads = 5.0 * engaged.min(2) as f64;
    let threads_item = item(
        format!("{engaged} engaged on the client side"),
        threads,
        10.0,
        || {
            let text = if engaged == 0 {
                "Engage someone on the client side"
            } else {
                "Engage a second person: don't stay single-threaded"
            };
            (text.into(), Target::People)
        },
    );
    let dm_required = deal.stage > Stage::Qualification;
    let dm_ok = deal
        .people
        .iter()
        .any(|p| p.has(Role::DecisionMaker) && (p.engaged || !dm_required));
    let (label, action) = if dm_required {
        (
            "Decision maker engaged",
            "Involve the decision maker before going further",
        )
    } else {
        ("Decision maker identified", "Find out who the decision maker is")
    };
    let dm_item = item(label.into(), if dm_ok { 5.0 } else { 0.0 }, 5.0, || {
        (action.into(), Target::People)
    });
    part(PartKind::People, "People", PEOPLE, vec![threads_item, dm_item])
}

fn follow_through(deal: &Deal, now: Minutes) -> Part {
    let name = "Follow-through";
    let past = deal.past_calls(now);
    if past.is_empty() {
        let done = full("No past calls to follow up yet", FOLLOW_THROUGH);
        return part(PartKind::FollowThrough, name, FOLLOW_THROUGH, vec![done]);
    }
    let each = FOLLOW_THROUGH / past.len() as f64;
    let items = past
        .into_iter()
        .map(|call| {
            let day = call.at.day();
            let (label, earned) = match &call.review {
                Some(r) if r.has_dated_next_step() => {
                    (format!("Call of {day} reviewed, next step dated"), each)
                }
                Some(_) => (format!("Call of {day} reviewed, no dated next step"), each / 2.0),
                None => (format!("Call of {day} not reviewed"), 0.0),
            };
            item(label, earned, each, || {
                (
                    format!("Review the call of {day} and agree a dated next step"),
                    Target::Review(call.id.clone()),
                )
            })
        })
        .collect();
    part(PartKind::FollowThrough, name, FOLLOW_THROUGH, items)
}

/// Scores a deal against its checklist template at `now`.
pub fn score(deal: &Deal, template: &Template, now: Minutes) -> ProcessScore {
    let parts = vec![
        preparation(deal, template, now),
        qualification(deal),
        people(deal),
        follow_through(deal, now),
    ];
    let sum: f64 = parts.iter().map(|p| p.earned).sum();
    let total = sum.round().clamp(0.0, 100.0) as u8;
    let mut next_actions: Vec<NextAction> = parts
        .iter()
        .flat_map(|p| p.items.iter().filter_map(|i| i.action.clone()))
        .collect();
    // Stable sort: equal gains keep the breakdown's order.
    super::order::sort_by(&mut next_actions, &|a, b| b.gain.total_cmp(&a.gain));
    ProcessScore {
        total,
        parts,
        next_actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Call, CallKind, EvidenceLevel, Outcome, Review, Stakeholder};

    fn now() -> Minutes {
        Minutes::parse("2026-11-26T09:00").unwrap()
    }
    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }
    fn blank() -> (Deal, Template) {
        let deal = crate::domain::deal::fixture(now());
        (deal, Template::default_template())
    }

    #[test]
    fn an_empty_prospect_scores_qualification_and_follow_through_only() {
        let (deal, t) = blank();
        let s = score(&deal, &t, now());
        let earned: Vec<_> = s.parts.iter().map(|p| p.earned).collect();
        assert_eq!(earned, [0.0, 30.0, 0.0, 15.0]);
        assert_eq!(s.total, 45);
        assert_eq!(
            s.next_actions[0].target,
            Target::PlanCall,
            "40 points: the biggest gain"
        );
    }

    #[test]
    fn every_missing_point_maps_to_an_action() {
        let (mut deal, t) = blank();
        deal.move_to(Stage::Proposal, now());
        deal.calls
            .push(Call::new(id("c1"), now().plus_days(1), CallKind::Demo));
        deal.calls
            .push(Call::new(id("c0"), now().plus_days(-3), CallKind::Discovery));
        let s = score(&deal, &t, now());
        for part in &s.parts {
            for i in &part.items {
                assert_eq!(i.action.is_some(), i.earned < i.possible, "{}", i.label);
            }
        }
        let missing: f64 = s.next_actions.iter().map(|a| a.gain).sum();
        let earned: f64 = s.parts.iter().map(|p| p.earned).sum();
        assert!((missing + earned - 100.0).abs() < 1e-9);
        assert!(s.next_actions.windows(2).all(|w| w[0].gain >= w[1].gain));
    }

    #[test]
    fn checklist_weights_decide_preparation_points() {
        let (mut deal, t) = blank();
        let mut call = Call::new(id("c1"), now().plus_days(1), CallKind::Demo);
        call.plan.checked.push(id("ob")); // weight 3 of 24
        deal.calls.push(call);
        let s = score(&deal, &t, now());
        assert!((s.parts[0].earned - 40.0 * 3.0 / 24.0).abs() < 1e-9);
    }

    #[test]
    fn qualification_counts_only_elements_up_to_the_stage() {
        let (mut deal, t) = blank();
        deal.stage = Stage::Discovery;
        deal.set_evidence("need", EvidenceLevel::Confirmed, None);
        deal.set_evidence("cares", EvidenceLevel::Assumed, None);
        let q = &score(&deal, &t, now()).parts[1];
        assert_eq!(q.items.len(), 2);
        assert!((q.earned - (15.0 + 15.0 * 0.25)).abs() < 1e-9);
        // Evidence for a later stage neither lowers nor counts.
        deal.set_evidence("paper", EvidenceLevel::Unknown, None);
        assert_eq!(score(&deal, &t, now()).parts[1], *q);
    }

    #[test]
    fn people_rewards_two_threads_and_the_decision_maker_when_due() {
        let (mut deal, t) = blank();
        let mut dm = Stakeholder::new(id("p1"), "Dana".into());
        dm.roles.push(Role::DecisionMaker);
        deal.people.push(dm);
        assert_eq!(
            score(&deal, &t, now()).parts[2].earned,
            5.0,
            "identified is enough early on"
        );
        deal.stage = Stage::Solution;
        assert_eq!(
            score(&deal, &t, now()).parts[2].earned,
            0.0,
            "must be engaged from Solution"
        );
        deal.people[0].engaged = true;
        let mut champ = Stakeholder::new(id("p2"), "Chris".into());
        champ.engaged = true;
        deal.people.push(champ);
        assert_eq!(score(&deal, &t, now()).parts[2].earned, 15.0);
    }

    #[test]
    fn follow_through_needs_a_review_with_a_dated_next_step() {
        let (mut deal, t) = blank();
        let mut call = Call::new(id("c0"), now().plus_days(-2), CallKind::Discovery);
        deal.calls.push(call.clone());
        assert_eq!(score(&deal, &t, now()).parts[3].earned, 0.0);
        call.review = Some(Review {
            next_step: "Send proposal".into(),
            ..Review::default()
        });
        deal.calls[0] = call.clone();
        assert_eq!(score(&deal, &t, now()).parts[3].earned, 7.5);
        call.review.as_mut().unwrap().next_step_on = Some(now().day().plus(3));
        deal.calls[0] = call;
        assert_eq!(score(&deal, &t, now()).parts[3].earned, 15.0);
    }

    #[test]
    fn outcome_value_and_target_date_never_change_the_score() {
        let (mut deal, t) = blank();
        deal.calls
            .push(Call::new(id("c1"), now().plus_days(1), CallKind::Demo));
        let before = score(&deal, &t, now());
        deal.outcome = Outcome::Won;
        deal.value = "€1,000,000".into();
        deal.target = Some(now().day().plus(30));
        assert_eq!(score(&deal, &t, now()), before);
    }
}
