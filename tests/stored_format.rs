//! The stored format is a contract with every browser that holds data and every file exported:
//! each record kind, with every field set (and text that needs escaping), is written to exactly
//! the bytes in `tests/fixtures/stored-format.txt`, and read back to the same value.
//!
//! The fixture was written by the serde_json-based codec before the app's own JSON reader and
//! writer replaced it. `UPDATE_STORED_FORMAT=1 cargo test --test stored_format` rewrites it: only
//! for a deliberate change of format (and a migration for it).

use deal_prep::domain::action::ReviewDraft;
use deal_prep::domain::call::EvidenceChange;
use deal_prep::domain::playbook::{Entry, Kind};
use deal_prep::domain::proof::{Proof, Rule};
use deal_prep::domain::{
    sample, Call, CallKind, Day, Deal, EvidenceLevel, Id, ListItem, Minutes, Outcome, Pair, Preset, Review,
    Role, SkippedStep, Stage, StageMove, Stakeholder, Template, TemplateItem,
};
use deal_prep::store::codec::{self, IndexEntry};
use deal_prep::store::local::Meta;
use deal_prep::store::transfer;

const FIXTURE: &str = "tests/fixtures/stored-format.txt";

fn id(text: &str) -> Id {
    Id::new(text).expect("a valid id")
}

/// Text that a JSON writer must escape, and some it must not.
const HOSTILE: &str = "Quote \" backslash \\ slash / tab \t newline \n return \r nul \u{0} bell \u{7} \
    esc \u{1b} del \u{7f} é 漢字 😀 \u{2028} </script><b>";

/// A deal with every field set.
fn full_deal(now: Minutes) -> Deal {
    let mut deal = Deal::new(
        id("d-full_1"),
        HOSTILE.into(),
        "Every field".into(),
        id("t2"),
        now,
    );
    deal.stage = Stage::Proposal;
    deal.value = "€1,200 \"net\"".into();
    deal.target = Some(Day(20_800));
    deal.outcome = Outcome::NoDecision;
    deal.archived = true;
    deal.sample = true;
    deal.updated = Minutes(now.0 + 90);
    deal.rev = (1 << 53) - 1;
    deal.preset = Preset::Meddicc;
    deal.set_evidence("budget", EvidenceLevel::Confirmed, Some(HOSTILE.into()));
    deal.set_evidence("need", EvidenceLevel::Assumed, None);
    let mut person = Stakeholder::new(id("p1"), "Ana \"A\" Lima".into());
    person.title = "CFO\tFinance".into();
    person.roles = vec![Role::DecisionMaker, Role::Blocker, Role::ProcurementLegal];
    person.engaged = true;
    person.last_contact = Some(Day(-3));
    person.notes = HOSTILE.into();
    deal.people = vec![person, Stakeholder::new(id("p2"), "Bo".into())];
    let item = |i: &str, text: &str, done: bool, note: &str| ListItem {
        id: id(i),
        text: text.into(),
        done,
        note: note.into(),
    };
    let mut call = Call::new(id("c1"), Minutes(-60), CallKind::Negotiation);
    call.attendees = vec![id("p1"), id("p2")];
    call.plan.objective = "Agree the \\terms\\".into();
    call.plan.ask = "Sign".into();
    call.plan.agenda = vec![item("g1", "Intro", true, "done\nwell"), item("g2", "", false, "")];
    call.plan.discovery = vec![item("q1", "Why now?", false, "because")];
    call.plan.pain = vec![item("q2", "What breaks?", true, "")];
    call.plan.cares = vec![
        Pair {
            id: id("m1"),
            left: "Speed".into(),
            right: "Fast \"lane\"".into(),
        },
        Pair {
            id: id("m2"),
            left: "Only left".into(),
            right: String::new(),
        },
    ];
    call.plan.objections = vec![Pair {
        id: id("o1"),
        left: "Too dear".into(),
        right: "ROI".into(),
    }];
    call.plan.checked = vec![id("rr"), id("ag"), id("x_1")];
    call.review = Some(Review {
        happened: HOSTILE.into(),
        next_step: "Send the contract".into(),
        next_step_on: Some(Day(20_500)),
        cues: "Smiled".into(),
        how: ["a".into(), String::new(), "c\"".into(), "d".into()],
        evidence: vec![EvidenceChange {
            key: "budget".into(),
            from: EvidenceLevel::Heard,
            to: EvidenceLevel::Confirmed,
        }],
        we_promised: vec!["Pricing".into(), "A demo".into()],
        they_promised: vec!["Names".into()],
    });
    call.draft = Some(ReviewDraft {
        happened: "Typing…".into(),
        next_step: String::new(),
        next_step_on: "2026-12-24".into(),
        cues: String::new(),
        how: [String::new(), "b".into(), String::new(), String::new()],
        evidence: vec![("need".into(), EvidenceLevel::Heard)],
        we_promised: "One\nTwo".into(),
        they_promised: String::new(),
        suggested: vec![("budget".into(), EvidenceLevel::Unknown)],
    });
    // A call with nothing but its required fields, and one whose draft is all defaults.
    let bare = Call::new(id("c2"), Minutes(i64::MAX), CallKind::Discovery);
    let mut drafted = Call::new(id("c3"), Minutes(i64::MIN), CallKind::Other);
    drafted.draft = Some(ReviewDraft::default());
    drafted.review = Some(Review::default());
    deal.calls = vec![call, bare, drafted];
    deal.moves = vec![
        StageMove {
            at: Minutes(1),
            from: Stage::Prospect,
            to: Stage::Proposal,
            skipped: 2,
        },
        StageMove {
            at: Minutes(2),
            from: Stage::Proposal,
            to: Stage::Discovery,
            skipped: 0,
        },
    ];
    deal.jumped = vec![SkippedStep {
        stage: Stage::Discovery,
        key: "champion".into(),
    }];
    deal.snapshots = vec![(Minutes(10), 0), (Minutes(-20), 100)];
    deal
}

fn templates() -> Vec<Template> {
    let mut custom = Template {
        id: id("t2"),
        name: HOSTILE.into(),
        items: Vec::new(),
    };
    for (n, proof) in [
        Proof::Shipped,
        Proof::Hand,
        Proof::Rule(Rule::Agenda(3)),
        Proof::Rule(Rule::BudgetAuthority),
    ]
    .into_iter()
    .enumerate()
    {
        custom.items.push(TemplateItem {
            id: id(&format!("i{n}")),
            text: format!("Item {n}"),
            hint: if n % 2 == 0 {
                "A hint".into()
            } else {
                String::new()
            },
            weight: 1 + n as u8 % 3,
            retired: n == 3,
            proof,
        });
    }
    vec![Template::default_template(), custom]
}

fn playbook() -> Vec<Entry> {
    let mut pinned = Entry::new(id("e1"), Kind::Objection, "Too \"dear\"", Minutes(5));
    pinned.response = HOSTILE.into();
    pinned.stage = Some(Stage::Commit);
    pinned.element = "budget".into();
    pinned.pinned = true;
    let mut removed = Entry::new(id("e2"), Kind::Cares, "Speed", Minutes(-5));
    removed.removed = true;
    vec![
        pinned,
        removed,
        Entry::new(id("e3"), Kind::Discovery, "Why?", Minutes(0)),
    ]
}

/// Every record kind the app writes, by name, as the codec writes it.
fn records() -> Vec<(String, String)> {
    let now = Minutes(29_400_000);
    let full = full_deal(now);
    let generated = sample::generate(3, 6, 11, now);
    let mut rng = sample::Rng::new(3);
    let sample_deal = sample::sample_deal(id("d-sample"), now, &mut rng);
    let template = Template::default_template();
    let mut out = vec![("deal full".to_owned(), codec::encode(&full))];
    for (n, deal) in generated.iter().chain([&sample_deal]).enumerate() {
        out.push((format!("deal {n}"), codec::encode(deal)));
    }
    for (n, deal) in [&full]
        .into_iter()
        .chain(&generated)
        .chain([&sample_deal])
        .enumerate()
    {
        let entry = IndexEntry::of(deal, &template, now);
        out.push((format!("index {n}"), codec::encode(&entry)));
    }
    out.push(("templates".into(), codec::encode_rev(&templates(), 7)));
    out.push(("playbook".into(), codec::encode_rev(&playbook(), 1 << 40)));
    let meta = Meta {
        last_export: Some(Minutes(-1)),
        edits_since_export: u32::MAX,
        first_unexported_edit: None,
    };
    out.push(("meta".into(), codec::encode(&meta)));
    out.push(("meta empty".into(), codec::encode(&Meta::default())));
    let mut file = transfer::export(vec![full.clone(), sample_deal.clone()], templates(), now);
    file.playbook = playbook();
    file.aside = vec![("deal-prep:deal:x".into(), "{\"v\":9}".into())];
    out.push(("export".into(), transfer::to_json(&file)));
    let plain = transfer::export(generated, vec![template], now);
    out.push(("export plain".into(), transfer::to_json(&plain)));
    out
}

fn fixture_text(records: &[(String, String)]) -> String {
    records
        .iter()
        .map(|(name, json)| format!("{name}\t{json}\n"))
        .collect()
}

#[test]
fn every_record_kind_is_written_byte_for_byte_as_before() {
    let records = records();
    let text = fixture_text(&records);
    if std::env::var_os("UPDATE_STORED_FORMAT").is_some() {
        std::fs::write(FIXTURE, &text).expect("write the fixture");
    }
    let expected = std::fs::read_to_string(FIXTURE).expect("the fixture exists");
    for ((name, json), line) in records.iter().zip(expected.lines()) {
        assert_eq!(format!("{name}\t{json}"), line, "record {name}");
    }
    assert_eq!(text.lines().count(), expected.lines().count());
}

#[test]
fn every_record_kind_reads_back_to_the_same_value() {
    let now = Minutes(29_400_000);
    let full = full_deal(now);
    let decoded = codec::decode_deal(&codec::encode(&full)).expect("the full deal reads");
    assert_eq!(decoded.deal, full);
    assert!(!decoded.migrated);
    // Each deal's own index entry (the full deal's too: every call mark and the top risk).
    for deal in sample::generate(3, 6, 11, now).into_iter().chain([full.clone()]) {
        let entry = IndexEntry::of(&deal, &Template::default_template(), now);
        assert_eq!(
            codec::decode_deal(&codec::encode(&deal)).map(|d| d.deal),
            Ok(deal)
        );
        assert_eq!(codec::decode::<IndexEntry>(&codec::encode(&entry)), Ok(entry));
    }
    let (back, rev) =
        codec::decode_rev::<Vec<Template>>(&codec::encode_rev(&templates(), 7)).expect("templates");
    assert_eq!((back, rev), (templates(), 7));
    let (back, rev) = codec::decode_rev::<Vec<Entry>>(&codec::encode_rev(&playbook(), 9)).expect("playbook");
    assert_eq!((back, rev), (playbook(), 9));
    let meta = Meta {
        last_export: Some(Minutes(-1)),
        edits_since_export: 4,
        first_unexported_edit: Some(Minutes(3)),
    };
    assert_eq!(codec::decode::<Meta>(&codec::encode(&meta)), Ok(meta));
    // An import refuses times outside the years 1–9999.
    let mut importable = full;
    importable.calls[1].at = Minutes(0);
    importable.calls[2].at = Minutes(1);
    let mut file = transfer::export(vec![importable], templates(), now);
    file.playbook = playbook();
    let back = transfer::parse_import(&transfer::to_json(&file)).expect("the export imports");
    assert_eq!(back.deals, file.deals);
    assert_eq!(back.templates, file.templates);
    assert_eq!(back.playbook, file.playbook);
    // Every line of the fixture reads, and writes back to the same bytes.
    let expected = std::fs::read_to_string(FIXTURE).expect("the fixture exists");
    for line in expected.lines() {
        let (name, json) = line.split_once('\t').expect("name<TAB>json");
        let again = if name.starts_with("deal") {
            codec::encode(&codec::decode_deal(json).expect(name).deal)
        } else if name.starts_with("index") {
            codec::encode(&codec::decode::<IndexEntry>(json).expect(name))
        } else {
            continue;
        };
        assert_eq!(again, json, "{name}");
    }
}
