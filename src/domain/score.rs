//! The process score: 0–100 for how well the seller ran the part of the sale they control.
//!
//! The rule (the README's "The process score" says the same, with a worked example):
//! - **Preparation, 40 points**, from the start: the weighted share of the checklist ready,
//!   averaged over the last three calls held and the next one planned. Items with a proof rule
//!   are checked by the plan (see [`super::proof`]). No call yet: 0, "plan a call".
//! - **People, 15 points**, from the start: 10 for engaged stakeholders (5 each, up to two);
//!   5 for the decision maker — named while in Prospect–Qualification, engaged from Solution on.
//! - **Qualification, 30 points**, once the stage requires an element: split evenly over the
//!   preset's elements whose exit stage is at or before the current stage; each earns Unknown 0,
//!   Assumed 0.25, Heard 0.75, Confirmed 1 (a role named in People counts as at least Heard).
//! - **Follow-through, 15 points**, once a call has been held: split over the calls whose time
//!   has passed; a call earns half when reviewed and all of it with a written, dated next step.
//!
//! A part that does not apply yet shows "not yet" and counts neither way: the total is the
//! points earned over the points of the parts that apply, × 100, in whole points. So an empty
//! deal scores 0. It reads neither the outcome, the value nor the target date, and is never
//! stored: only snapshots taken when a review is saved or the deal is closed are kept.

use super::proof::{checklist, done, share};
use super::{Call, Deal, EvidenceLevel, Id, Minutes, Role, Stage, Template};

pub const PREPARATION: f64 = 40.0;
pub const QUALIFICATION: f64 = 30.0;
pub const PEOPLE: f64 = 15.0;
pub const FOLLOW_THROUGH: f64 = 15.0;
/// How many held calls preparation looks back over.
pub const HELD_CALLS: usize = 3;

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
    /// What this action alone adds to the total, in points (0 for "plan a call", whose points
    /// come with preparing it: the text says how many).
    pub gain: f64,
    /// What the action opens the way to, for ordering.
    pub worth: f64,
    pub target: Target,
}

/// One line of a part's breakdown, in the part's own points.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreItem {
    /// Stable across changes (a call id, an element key), to say what moved.
    pub key: String,
    pub label: String,
    pub earned: f64,
    pub possible: f64,
    /// What to do to earn the missing points (`None` when nothing is missing).
    pub action: Option<(String, Target)>,
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
    /// Whether the part counts yet; one that does not shows "not yet" and why.
    pub applies: bool,
    pub earned: f64,
    pub possible: f64,
    pub items: Vec<ScoreItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProcessScore {
    pub total: u8,
    /// Points earned and possible over the parts that apply.
    pub earned: f64,
    pub possible: f64,
    pub parts: Vec<Part>,
    /// Open items, most points first.
    pub next_actions: Vec<NextAction>,
}

/// A breakdown line; `action` says how to earn the missing points and is asked only when some
/// are missing.
fn item(
    key: impl Into<String>,
    label: String,
    earned: f64,
    possible: f64,
    action: impl FnOnce() -> (String, Target),
) -> ScoreItem {
    ScoreItem {
        key: key.into(),
        label,
        earned,
        possible,
        action: (possible - earned > 1e-9).then(action),
    }
}

fn part(kind: PartKind, name: &'static str, possible: f64, items: Vec<ScoreItem>) -> Part {
    let earned = items.iter().map(|i| i.earned).sum::<f64>().min(possible);
    Part {
        kind,
        name,
        applies: true,
        earned,
        possible,
        items,
    }
}

/// A part with nothing to judge yet: no points either way, and the line that says when it starts.
fn not_yet(kind: PartKind, name: &'static str, possible: f64, why: String) -> Part {
    let line = ScoreItem {
        key: String::new(),
        label: why,
        earned: 0.0,
        possible: 0.0,
        action: None,
    };
    Part {
        kind,
        name,
        applies: false,
        earned: 0.0,
        possible,
        items: vec![line],
    }
}

/// The calls preparation is judged over: the last [`HELD_CALLS`] whose time has passed and the
/// next one planned, oldest first. Reviews do not move a call in or out.
pub fn judged_calls(deal: &Deal, now: Minutes) -> Vec<&Call> {
    let past = deal.past_calls(now);
    let mut calls: Vec<&Call> = past[past.len().saturating_sub(HELD_CALLS)..].to_vec();
    if let Some(next) = deal.calls.iter().filter(|c| !c.is_past(now)).min_by_key(|c| c.at) {
        calls.push(next);
    }
    calls
}

fn preparation(deal: &Deal, template: &Template, now: Minutes) -> Part {
    let name = "Preparation";
    let calls = judged_calls(deal, now);
    if calls.is_empty() {
        let missing = item("", "No call planned yet".into(), 0.0, PREPARATION, || {
            ("Plan a call".into(), Target::PlanCall)
        });
        return part(PartKind::Preparation, name, PREPARATION, vec![missing]);
    }
    let each = PREPARATION / calls.len() as f64;
    let items = calls
        .into_iter()
        .map(|call| {
            let list = checklist(deal, call, template);
            let done = done(&list);
            let day = call.at.day();
            let held = call.is_past(now);
            let when = if held { "held" } else { "next" };
            let label = format!("Call of {day} ({when}): {done} of {} ready", list.len());
            item(call.id.as_str(), label, each * share(&list), each, || {
                let open = list
                    .iter()
                    .find(|c| !c.checked)
                    .map_or("", |c| c.item.text.as_str());
                let text = if held {
                    format!("Complete the checklist of the call of {day}: {open}")
                } else {
                    format!("Prepare the call of {day}: {open}")
                };
                (text, Target::Checklist(call.id.clone()))
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
        let why = format!(
            "Not yet: nothing must be known in {}; from {} on, the stage's questions count",
            deal.stage.label(),
            Stage::Discovery.label()
        );
        return not_yet(PartKind::Qualification, name, QUALIFICATION, why);
    }
    let each = QUALIFICATION / required.len() as f64;
    let items = required
        .into_iter()
        .map(|e| {
            let level = deal.level(e.key);
            let mut label = format!("{}: {}", e.label, level.label());
            let from_people = deal.recorded_level(e.key) < EvidenceLevel::Heard;
            if let Some(p) = deal.named_for(e.key).filter(|_| from_people) {
                label = format!("{label} (from People: {})", p.name);
            }
            item(e.key, label, each * level.credit(), each, || {
                let text = if level.is_known() {
                    format!("Confirm {} with the right person", e.label.to_ascii_lowercase())
                } else {
                    format!("Find out {}: {}", e.label.to_ascii_lowercase(), e.question)
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
        "threads",
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
        ("Decision maker named", "Find out who the decision maker is")
    };
    let dm_item = item("dm", label.into(), if dm_ok { 5.0 } else { 0.0 }, 5.0, || {
        (action.into(), Target::People)
    });
    part(PartKind::People, "People", PEOPLE, vec![threads_item, dm_item])
}

fn follow_through(deal: &Deal, now: Minutes) -> Part {
    let name = "Follow-through";
    let past = deal.past_calls(now);
    if past.is_empty() {
        let why = "Not yet: counts once a call's time has passed".to_owned();
        return not_yet(PartKind::FollowThrough, name, FOLLOW_THROUGH, why);
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
                Some(r) if r.next_step.trim().is_empty() => {
                    (format!("Call of {day} reviewed, no next step"), each / 2.0)
                }
                Some(_) => (
                    format!("Call of {day} reviewed, next step has no date"),
                    each / 2.0,
                ),
                None => (format!("Call of {day} not reviewed"), 0.0),
            };
            item(call.id.as_str(), label, earned, each, || {
                (
                    format!("Review the call of {day} and agree a dated next step"),
                    Target::Review(call.id.clone()),
                )
            })
        })
        .collect();
    part(PartKind::FollowThrough, name, FOLLOW_THROUGH, items)
}

/// Whole points for people: the rounding every number on screen goes through.
pub fn whole(points: f64) -> i64 {
    points.round() as i64
}

/// Scores a deal against its checklist template at `now`.
pub fn score(deal: &Deal, template: &Template, now: Minutes) -> ProcessScore {
    let parts = vec![
        preparation(deal, template, now),
        people(deal),
        qualification(deal),
        follow_through(deal, now),
    ];
    let applying = || parts.iter().filter(|p| p.applies);
    let earned: f64 = applying().map(|p| p.earned).sum();
    let possible: f64 = applying().map(|p| p.possible).sum();
    let scale = 100.0 / possible;
    let total = (earned * scale).round().clamp(0.0, 100.0) as u8;
    let mut next_actions: Vec<NextAction> = applying()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| {
            let (text, target) = i.action.clone()?;
            let missing = (i.possible - i.earned) * scale;
            Some(if target == Target::PlanCall {
                NextAction {
                    text: format!("{text} — then prepare it for up to +{}", whole(missing)),
                    gain: 0.0,
                    worth: missing,
                    target,
                }
            } else {
                NextAction {
                    text,
                    gain: missing,
                    worth: missing,
                    target,
                }
            })
        })
        .collect();
    // Stable sort: equal worth keeps the breakdown's order.
    super::order::sort_by(&mut next_actions, &|a, b| b.worth.total_cmp(&a.worth));
    ProcessScore {
        total,
        earned,
        possible,
        parts,
        next_actions,
    }
}

/// Why the score moved from `before` to `after`, one sentence per part that changed, for the
/// deal page to show after a change ("Qualification now counts: Discovery asks for …").
pub fn why_moved(before: &ProcessScore, after: &ProcessScore, stage: Stage) -> Vec<String> {
    let mut out = Vec::new();
    for (b, a) in before.parts.iter().zip(&after.parts) {
        if (b.applies, whole(b.earned), whole(b.possible)) == (a.applies, whole(a.earned), whole(a.possible))
            && b.items.len() == a.items.len()
        {
            continue;
        }
        if !a.applies {
            // A part that does not apply has one line: why.
            if let (true, Some(why)) = (b.applies, a.items.first()) {
                out.push(format!("{} no longer counts: {}", a.name, why.label));
            }
            continue;
        }
        let changed: Vec<&str> = a
            .items
            .iter()
            .filter(|i| {
                !b.items
                    .iter()
                    .any(|o| o.key == i.key && whole(o.earned) == whole(i.earned) && b.applies)
            })
            .map(|i| i.label.as_str())
            .collect();
        let head = if !b.applies && a.kind == PartKind::Qualification {
            let labels = a.items.iter().map(|i| i.label.split(':').next().unwrap_or(""));
            format!(
                "{} asks for {}: {} points of {} to earn",
                stage.label(),
                super::text::join(labels, ", "),
                whole(a.possible - a.earned),
                a.name.to_ascii_lowercase()
            )
        } else if !b.applies {
            format!(
                "{} now counts, {} of {}",
                a.name,
                whole(a.earned),
                whole(a.possible)
            )
        } else {
            format!(
                "{} {} → {} of {}",
                a.name,
                whole(b.earned),
                whole(a.earned),
                whole(a.possible)
            )
        };
        match changed.is_empty() || !b.applies && a.kind == PartKind::Qualification {
            true => out.push(head),
            false => out.push(format!("{head}: {}", super::text::join(&changed, "; "))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{id, now};
    use crate::domain::{Call, CallKind, EvidenceLevel, ListItem, Outcome, Review, Stakeholder};

    fn blank() -> (Deal, Template) {
        let deal = crate::domain::deal::fixture(now());
        (deal, Template::default_template())
    }
    fn earned(s: &ProcessScore) -> Vec<(bool, f64)> {
        s.parts.iter().map(|p| (p.applies, p.earned)).collect()
    }
    fn questions(n: usize) -> Vec<ListItem> {
        (0..n)
            .map(|i| ListItem {
                id: id(&format!("q{i}")),
                text: format!("Question {i}?"),
                done: false,
                note: String::new(),
            })
            .collect()
    }

    #[test]
    fn an_empty_deal_scores_zero_with_what_is_not_yet_judged_saying_so() {
        let (deal, t) = blank();
        let s = score(&deal, &t, now());
        assert_eq!(s.total, 0);
        assert_eq!(earned(&s), [(true, 0.0), (true, 0.0), (false, 0.0), (false, 0.0)]);
        assert_eq!(s.possible, 55.0, "preparation and people apply from the start");
        assert!(s.parts[2].items[0]
            .label
            .starts_with("Not yet: nothing must be known in Prospect"));
        let first = &s.next_actions[0];
        assert_eq!(first.target, Target::PlanCall);
        assert_eq!(first.gain, 0.0, "planning alone adds nothing");
        assert_eq!(first.text, "Plan a call — then prepare it for up to +73");
    }

    #[test]
    fn every_missing_point_maps_to_an_action_in_total_points() {
        let (mut deal, t) = blank();
        deal.move_to(Stage::Proposal, now());
        deal.calls
            .push(Call::new(id("c1"), now().plus_days(1), CallKind::Demo));
        deal.calls
            .push(Call::new(id("c0"), now().plus_days(-3), CallKind::Discovery));
        let s = score(&deal, &t, now());
        for part in s.parts.iter().filter(|p| p.applies) {
            for i in &part.items {
                assert_eq!(i.action.is_some(), i.earned < i.possible, "{}", i.label);
            }
        }
        let missing: f64 = s.next_actions.iter().map(|a| a.gain).sum();
        assert!((missing + s.earned * 100.0 / s.possible - 100.0).abs() < 1e-9);
        assert!(s.next_actions.windows(2).all(|w| w[0].worth >= w[1].worth));
    }

    #[test]
    fn writing_the_plan_checks_proof_items_and_raises_the_score() {
        let (mut deal, t) = blank();
        deal.calls
            .push(Call::new(id("c1"), now().plus_days(1), CallKind::Demo));
        let before = score(&deal, &t, now());
        assert_eq!(before.total, 0, "a planned call, nothing prepared");
        deal.calls[0].plan.discovery = questions(3);
        let after = score(&deal, &t, now());
        // "Discovery questions ready" weighs 3 of 24: 5 of 40 points, of 55 that apply.
        assert_eq!(after.parts[0].earned, 5.0);
        assert_eq!(after.total, 9);
        // A hand tick on a proof item earns nothing.
        deal.calls[0].plan.discovery.clear();
        deal.calls[0].plan.checked.push(id("dq"));
        assert_eq!(score(&deal, &t, now()).total, 0);
    }

    #[test]
    fn preparation_counts_the_calls_held_so_holding_and_reviewing_never_lowers_it() {
        let (mut deal, t) = blank();
        let mut call = Call::new(id("c1"), now().plus_hours(1), CallKind::Discovery);
        call.plan.checked = t.items.iter().map(|i| i.id.clone()).collect();
        call.plan.objective = "Map their process".into();
        call.plan.ask = "Pilot date".into();
        call.plan.discovery = questions(3);
        call.plan.pain = questions(2);
        deal.calls.push(call);
        let before = score(&deal, &t, now());
        // Two hours later the call is held: preparation stays, follow-through starts (unreviewed).
        let later = now().plus_hours(2);
        let held = score(&deal, &t, later);
        assert_eq!(held.parts[0].earned, before.parts[0].earned);
        assert!(held.parts[3].applies && held.parts[3].earned == 0.0);
        deal.calls[0].review = Some(Review {
            next_step: "Send the pilot plan".into(),
            next_step_on: Some(later.day().plus(2)),
            ..Review::default()
        });
        let reviewed = score(&deal, &t, later);
        assert!(
            reviewed.total >= before.total,
            "{} < {}",
            reviewed.total,
            before.total
        );
        assert_eq!(
            reviewed.parts[0].items[0].label,
            "Call of 2026-11-26 (held): 5 of 10 ready"
        );
    }

    #[test]
    fn preparation_looks_at_the_last_three_held_calls_and_the_next_one() {
        let (mut deal, _) = blank();
        for d in 1..=5 {
            deal.calls.push(Call::new(
                id(&format!("p{d}")),
                now().plus_days(-d),
                CallKind::Demo,
            ));
        }
        deal.calls
            .push(Call::new(id("n1"), now().plus_days(1), CallKind::Demo));
        deal.calls
            .push(Call::new(id("n2"), now().plus_days(2), CallKind::Demo));
        let keys: Vec<_> = judged_calls(&deal, now())
            .iter()
            .map(|c| c.id.as_str().to_owned())
            .collect();
        assert_eq!(keys, ["p3", "p2", "p1", "n1"]);
    }

    #[test]
    fn qualification_counts_once_the_stage_asks_and_only_up_to_it() {
        let (mut deal, t) = blank();
        deal.stage = Stage::Discovery;
        deal.set_evidence("need", EvidenceLevel::Confirmed, None);
        deal.set_evidence("cares", EvidenceLevel::Assumed, None);
        let q = &score(&deal, &t, now()).parts[2];
        assert!(q.applies);
        assert_eq!(q.items.len(), 2);
        assert!((q.earned - (15.0 + 15.0 * 0.25)).abs() < 1e-9);
        // Evidence for a later stage neither lowers nor counts.
        deal.set_evidence("paper", EvidenceLevel::Unknown, None);
        assert_eq!(score(&deal, &t, now()).parts[2], *q);
    }

    #[test]
    fn a_role_named_in_people_counts_as_heard_in_qualification() {
        let (mut deal, t) = blank();
        deal.stage = Stage::Solution;
        let mut dana = Stakeholder::new(id("p1"), "Dana".into());
        dana.roles.push(Role::DecisionMaker);
        deal.people.push(dana);
        let q = &score(&deal, &t, now()).parts[2];
        let dm = q.items.iter().find(|i| i.key == "authority").unwrap();
        assert_eq!(
            dm.label,
            "Decision maker: Heard from the client (from People: Dana)"
        );
        assert_eq!(dm.earned, 30.0 / 7.0 * 0.75);
        // Confirmed by the seller stays Confirmed, and no longer says "from People".
        deal.set_evidence("authority", EvidenceLevel::Confirmed, None);
        let q = &score(&deal, &t, now()).parts[2];
        let dm = q.items.iter().find(|i| i.key == "authority").unwrap();
        assert_eq!(dm.label, "Decision maker: Confirmed by the right person");
    }

    #[test]
    fn people_rewards_two_threads_and_the_decision_maker_when_due() {
        let (mut deal, t) = blank();
        let mut dm = Stakeholder::new(id("p1"), "Dana".into());
        dm.roles.push(Role::DecisionMaker);
        deal.people.push(dm);
        assert_eq!(
            score(&deal, &t, now()).parts[1].earned,
            5.0,
            "named is enough early on"
        );
        deal.stage = Stage::Solution;
        assert_eq!(
            score(&deal, &t, now()).parts[1].earned,
            0.0,
            "must be engaged from Solution"
        );
        deal.people[0].engaged = true;
        let mut champ = Stakeholder::new(id("p2"), "Chris".into());
        champ.engaged = true;
        deal.people.push(champ);
        assert_eq!(score(&deal, &t, now()).parts[1].earned, 15.0);
    }

    #[test]
    fn follow_through_needs_a_review_with_a_dated_next_step() {
        let (mut deal, t) = blank();
        let mut call = Call::new(id("c0"), now().plus_days(-2), CallKind::Discovery);
        deal.calls.push(call.clone());
        let label = |d: &Deal| score(d, &t, now()).parts[3].items[0].label.clone();
        assert_eq!(score(&deal, &t, now()).parts[3].earned, 0.0);
        call.review = Some(Review {
            next_step: "Send proposal".into(),
            ..Review::default()
        });
        deal.calls[0] = call.clone();
        assert_eq!(score(&deal, &t, now()).parts[3].earned, 7.5);
        assert_eq!(label(&deal), "Call of 2026-11-24 reviewed, next step has no date");
        call.review.as_mut().unwrap().next_step_on = Some(now().day().plus(3));
        deal.calls[0] = call;
        assert_eq!(score(&deal, &t, now()).parts[3].earned, 15.0);
    }

    #[test]
    fn a_stage_move_says_what_it_asks_for() {
        let (mut deal, t) = blank();
        let mut p = Stakeholder::new(id("p1"), "Pat".into());
        p.engaged = true;
        deal.people.push(p);
        let before = score(&deal, &t, now());
        deal.move_to(Stage::Discovery, now());
        let after = score(&deal, &t, now());
        assert!(after.total < before.total);
        assert_eq!(
            why_moved(&before, &after, deal.stage),
            ["Discovery asks for Need and pain, What the client cares about: 30 points of qualification evidence to earn"]
        );
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

    /// The README's worked example ("The process score"), step by step: keep the two in step.
    #[test]
    fn the_readme_worked_example() {
        let (mut deal, t) = blank();
        let total = |d: &Deal, at: Minutes| score(d, &t, at).total;
        assert_eq!(total(&deal, now()), 0, "1. created");
        deal.calls
            .push(Call::new(id("c1"), now().plus_days(2), CallKind::Discovery));
        assert_eq!(total(&deal, now()), 0, "2. a call planned");
        deal.calls[0].plan.discovery = questions(3);
        assert_eq!(total(&deal, now()), 9, "3. three discovery questions: 5 of 55");
        let mut chris = Stakeholder::new(id("p1"), "Chris Olsen".into());
        chris.roles.push(Role::DecisionMaker);
        deal.people.push(chris);
        assert_eq!(total(&deal, now()), 18, "4. decision maker named: 10 of 55");
        deal.calls[0].plan.objective = "Map how stores report today".into();
        deal.calls[0].plan.ask = "A pilot in two stores".into();
        assert_eq!(total(&deal, now()), 27, "5. objective and ask: 15 of 55");
        let before = score(&deal, &t, now());
        deal.move_to(Stage::Discovery, now());
        let after = score(&deal, &t, now());
        assert_eq!(after.total, 18, "6. Discovery asks for two elements: 15 of 85");
        assert_eq!(
            why_moved(&before, &after, deal.stage)[0],
            "Discovery asks for Need and pain, What the client cares about: 30 points of qualification evidence to earn"
        );
        let held = now().plus_days(3);
        assert_eq!(
            total(&deal, held),
            15,
            "7. the call's time passed, not reviewed: 15 of 100"
        );
        deal.calls[0].review = Some(Review {
            next_step: "Send the pilot plan".into(),
            next_step_on: Some(held.day().plus(2)),
            ..Review::default()
        });
        assert_eq!(
            total(&deal, held),
            30,
            "8. reviewed with a dated next step: 30 of 100"
        );
    }
}
