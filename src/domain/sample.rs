//! Made-up but realistic deals: the one-click sample deal a new user can try (marked as a
//! sample, removable), and a seeded generator of large data sets for size and speed budgets
//! (1,000 deals × 20 calls must fit in half the 5 MB localStorage quota).

use super::{
    Call, CallKind, Deal, EvidenceLevel, Id, ListItem, Minutes, Outcome, Pair, Preset, Review, Role, Stage,
    Stakeholder, Template,
};

/// A small deterministic random source (SplitMix64): the same seed gives the same data set.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    /// A short id with the given prefix, unique enough within one deal.
    pub fn short_id(&mut self, prefix: char) -> Id {
        let full = Id::from_random(prefix, self.next_u64());
        full.prefix(6)
    }
}

const CLIENTS: &[&str] = &[
    "Acme Logistics",
    "Northwind Foods",
    "Helios Energy",
    "Brightline Health",
    "Kestrel Bank",
    "Orbit Retail",
    "Summit Insurance",
    "Bluewater Ports",
    "Vantage Media",
    "Greenfield Farms",
];
const PRODUCTS: &[&str] = &[
    "Fleet tracking",
    "Analytics rollout",
    "Support renewal",
    "Pilot",
    "Expansion",
    "Migration",
];
const PEOPLE: &[&str] = &[
    "Dana Kim",
    "Chris Olsen",
    "Priya Shah",
    "Marco Rossi",
    "Ana Costa",
    "Lee Wong",
    "Sam Patel",
];
const OBJECTIVES: &[&str] = &[
    "Map how they track trucks",
    "Agree pilot scope",
    "Reporting demo for IT",
    "Confirm budget owner",
    "Contract walk-through",
    "Review pilot results",
];
const ASKS: &[&str] = &[
    "Intro to CFO",
    "Pilot date",
    "Security review",
    "Signed order",
    "Ops demo",
];
const QUESTIONS: &[&str] = &[
    "How do you handle this today?",
    "What happens if nothing changes this year?",
    "Who else feels this problem?",
    "What would success look like in 90 days?",
    "What did you try before?",
];
const HAPPENED: &[&str] = &[
    "Ops lead joined late",
    "IT raised SSO",
    "Compare us to doing nothing",
    "Budget sits with finance",
    "Champion pitches Friday",
];
const NEXT_STEPS: &[&str] = &[
    "Send pilot plan",
    "Demo to IT",
    "Send pricing",
    "Draft action plan",
];

/// Generates `deals` deals with `calls` calls each, around `now`, from `seed`.
pub fn generate(deals: usize, calls: usize, seed: u64, now: Minutes) -> Vec<Deal> {
    let mut rng = Rng::new(seed);
    (0..deals)
        .map(|n| generated_deal(&mut rng, n, calls, now))
        .collect()
}

fn generated_deal(rng: &mut Rng, n: usize, calls: usize, now: Minutes) -> Deal {
    let id = Id::from_random('d', rng.next_u64()).prefix(9);
    let client = rng.pick(CLIENTS).to_owned();
    let name = format!("{} #{n}", rng.pick(PRODUCTS));
    let created = now.plus_days(-(calls as i64) * 7 - 10);
    let mut deal = Deal::new(id, client, name, Id::default_template(), created);
    deal.stage = Stage::ALL[rng.below(Stage::ALL.len())];
    deal.outcome = if deal.stage == Stage::Closed {
        [Outcome::Won, Outcome::Lost, Outcome::NoDecision][rng.below(3)]
    } else {
        Outcome::Open
    };
    if rng.chance(60) {
        deal.value = format!("€{}k", 5 + rng.below(200));
    }
    deal.target = rng.chance(50).then(|| now.day().plus(rng.below(120) as i32));
    deal.preset = Preset::ALL[rng.below(4)];
    for e in deal.preset.elements() {
        let level = EvidenceLevel::ALL[rng.below(4)];
        if level != EvidenceLevel::Unknown {
            deal.set_evidence(e.key, level, None);
        }
    }
    for _ in 0..2 + rng.below(3) {
        let mut p = Stakeholder::new(rng.short_id('p'), rng.pick(PEOPLE).to_owned());
        p.roles.push(Role::ALL[rng.below(Role::ALL.len())]);
        p.engaged = rng.chance(60);
        deal.people.push(p);
    }
    let template = Template::default_template();
    for c in 0..calls {
        // Most calls are in the past (reviewed), the last two are coming up.
        let at = now
            .plus_days(c as i64 * 7 - (calls as i64 - 2) * 7)
            .plus_hours(rng.below(8) as i64);
        let mut call = Call::new(rng.short_id('c'), at, CallKind::ALL[rng.below(5)]);
        if rng.chance(70) {
            call.plan.objective = rng.pick(OBJECTIVES).to_owned();
        }
        if rng.chance(15) {
            call.plan.ask = rng.pick(ASKS).to_owned();
        }
        if rng.chance(8) {
            let id = rng.short_id('q');
            call.plan.discovery.push(ListItem {
                id,
                text: rng.pick(QUESTIONS).to_owned(),
                done: false,
                note: String::new(),
            });
        }
        // Half the calls were prepared with the checklist, to a varying degree.
        let done = if rng.chance(50) {
            rng.below(template.items.len() + 1)
        } else {
            0
        };
        call.plan.checked = template.items.iter().take(done).map(|i| i.id.clone()).collect();
        if at < now && rng.chance(75) {
            call.review = Some(Review {
                happened: if rng.chance(20) {
                    rng.pick(HAPPENED).to_owned()
                } else {
                    String::new()
                },
                next_step: rng.pick(NEXT_STEPS).to_owned(),
                next_step_on: rng.chance(80).then(|| at.day().plus(7)),
                ..Review::default()
            });
            deal.snapshots.push((at, 30 + rng.below(70) as u8));
        }
        deal.calls.push(call);
    }
    deal.updated = now.plus_days(-(rng.below(30) as i64));
    deal.rev = 1 + rng.below(200) as u64;
    deal
}

/// The sample deal offered on first run: a fully worked example, marked as a sample.
pub fn sample_deal(id: Id, now: Minutes, rng: &mut Rng) -> Deal {
    let mut deal = Deal::new(
        id,
        "Acme Logistics (sample)".into(),
        "Fleet tracking pilot".into(),
        Id::default_template(),
        now,
    );
    deal.sample = true;
    deal.value = "€48k".into();
    deal.set_evidence(
        "need",
        EvidenceLevel::Heard,
        Some("Late deliveries cost them two key accounts last quarter.".into()),
    );
    deal.set_evidence(
        "cares",
        EvidenceLevel::Assumed,
        Some("On-time rate and fewer support calls.".into()),
    );
    deal.move_to(Stage::Discovery, now);
    let mut dana = Stakeholder::new(rng.short_id('p'), "Dana Kim".into());
    dana.title = "Head of Operations".into();
    dana.roles = vec![Role::Champion];
    dana.engaged = true;
    let mut chris = Stakeholder::new(rng.short_id('p'), "Chris Olsen".into());
    chris.title = "CFO".into();
    chris.roles = vec![Role::DecisionMaker];
    let attendees = vec![dana.id.clone()];
    deal.people = vec![dana, chris];
    let mut call = Call::new(
        rng.short_id('c'),
        now.day().plus(1).start().plus_hours(10),
        CallKind::Discovery,
    );
    call.attendees = attendees;
    call.plan.objective = "Understand how late deliveries hurt them and who owns fixing it".into();
    call.plan.ask = "A 30-minute intro to Chris (CFO) next week".into();
    for text in [
        "Their goals for this quarter",
        "How tracking works today",
        "Next steps",
    ] {
        let id = rng.short_id('g');
        call.plan.agenda.push(ListItem {
            id,
            text: text.into(),
            done: false,
            note: String::new(),
        });
    }
    for text in [
        "How do dispatchers find a late truck today?",
        "What would on-time delivery be worth?",
        "Who else feels it when a delivery is late?",
    ] {
        let id = rng.short_id('q');
        call.plan.discovery.push(ListItem {
            id,
            text: text.into(),
            done: false,
            note: String::new(),
        });
    }
    let id = rng.short_id('q');
    call.plan.pain.push(ListItem {
        id,
        text: "Which accounts are at risk if this continues?".into(),
        done: false,
        note: String::new(),
    });
    let id = rng.short_id('m');
    call.plan.cares.push(Pair {
        id,
        left: "Fewer “where is my truck” calls".into(),
        right: "Live ETA links for their customers".into(),
    });
    let id = rng.short_id('o');
    call.plan.objections.push(Pair {
        id,
        left: "“We tried tracking before”".into(),
        right: "Ask what failed; show the 2-week pilot with their own routes".into(),
    });
    // Six of ten ready: five proven by the plan and People, one ticked by hand.
    call.plan.checked = vec![Id::known("rr")];
    deal.calls.push(call);
    deal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic() {
        let now = Minutes::parse("2026-11-26T09:00").unwrap();
        assert_eq!(generate(3, 5, 7, now), generate(3, 5, 7, now));
        assert_ne!(generate(3, 5, 7, now), generate(3, 5, 8, now));
    }
}
