//! Native property tests for the process score's invariants and for serialization, plus the
//! storage-size budget of the generated 1,000 deals × 20 calls.
#![cfg(not(target_arch = "wasm32"))]

use deal_prep::domain::action::ReviewDraft;
use deal_prep::domain::json;
use deal_prep::domain::proof::{checklist, Rule};
use deal_prep::domain::sample::{generate, Rng};
use deal_prep::domain::{
    score, Action, Book, Deal, DealAction, EvidenceLevel, Id, ListItem, Minutes, Outcome, Pair, Preset, Role,
    Stage, Template,
};
use proptest::prelude::*;

fn now() -> Minutes {
    Minutes::parse("2026-11-26T09:00").unwrap()
}

/// A generated deal with its evidence, stage and checklist scrambled by the seed.
fn any_deal() -> impl Strategy<Value = Deal> {
    (any::<u64>(), 0usize..6, 0usize..7, 0usize..4).prop_map(|(seed, calls, stage, preset)| {
        let mut deal = generate(1, calls, seed, now()).remove(0);
        let mut rng = Rng::new(seed ^ 0xabcdef);
        deal.stage = Stage::ALL[stage];
        deal.switch_preset(Preset::ALL[preset]);
        let people: Vec<Id> = deal.people.iter().map(|p| p.id.clone()).collect();
        for call in &mut deal.calls {
            call.plan.checked.retain(|_| rng.chance(50));
            // Plans of every size, some entries blank, so the proof rules are exercised.
            let mut line = |rng: &mut Rng| {
                if rng.chance(20) {
                    " ".to_owned()
                } else {
                    format!("line {}", rng.below(9))
                }
            };
            let item = |rng: &mut Rng, line: &mut dyn FnMut(&mut Rng) -> String| ListItem {
                id: rng.short_id('i'),
                text: line(rng),
                done: false,
                note: String::new(),
            };
            for _ in 0..rng.below(5) {
                let i = item(&mut rng, &mut line);
                call.plan.discovery.push(i);
            }
            for _ in 0..rng.below(4) {
                let i = item(&mut rng, &mut line);
                call.plan.pain.push(i);
            }
            for _ in 0..rng.below(4) {
                let i = item(&mut rng, &mut line);
                call.plan.agenda.push(i);
            }
            for _ in 0..rng.below(3) {
                let (left, right) = (line(&mut rng), line(&mut rng));
                call.plan.cares.push(Pair {
                    id: rng.short_id('m'),
                    left,
                    right,
                });
            }
            if rng.chance(50) {
                call.plan.ask = line(&mut rng);
            }
            call.attendees = people.iter().filter(|_| rng.chance(40)).cloned().collect();
        }
        deal
    })
}

fn written(text: &str) -> bool {
    !text.trim().is_empty()
}

/// What each rule means, written again from the plan itself: the oracle for the proof property.
fn holds(rule: Rule, deal: &Deal, call: &deal_prep::domain::Call) -> bool {
    let plan = &call.plan;
    let n = |items: &[ListItem]| items.iter().filter(|i| written(&i.text)).count();
    let attendees: Vec<_> = call.attendees.iter().filter_map(|a| deal.person(a)).collect();
    match rule {
        Rule::Objective => written(&plan.objective),
        Rule::Ask => written(&plan.ask),
        Rule::ObjectiveAndAsk => written(&plan.objective) && written(&plan.ask),
        Rule::Agenda(k) => n(&plan.agenda) >= usize::from(k),
        Rule::Discovery(k) => n(&plan.discovery) >= usize::from(k),
        Rule::Pain(k) => n(&plan.pain) >= usize::from(k),
        Rule::Cares => plan.cares.iter().any(|p| written(&p.left) && written(&p.right)),
        Rule::Objection => plan
            .objections
            .iter()
            .any(|p| written(&p.left) && written(&p.right)),
        Rule::Roles => !attendees.is_empty() && attendees.iter().all(|p| !p.roles.is_empty()),
        Rule::DecisionMaker => {
            attendees.iter().any(|p| p.has(Role::DecisionMaker))
                || ["authority", "process"]
                    .into_iter()
                    .find(|k| deal.preset.element(k).is_some())
                    .and_then(|k| deal.evidence(k))
                    .is_some_and(|e| written(&e.note))
        }
        Rule::BudgetAuthority => {
            let keys: Vec<&str> = ["budget", "authority"]
                .into_iter()
                .filter(|k| deal.preset.element(k).is_some())
                .collect();
            let keys = if keys.is_empty() { vec!["process"] } else { keys };
            keys.iter().all(|k| deal.level(k).is_known())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn score_stays_within_0_and_100(deal in any_deal()) {
        let s = score(&deal, &Template::default_template(), now());
        prop_assert!(s.total <= 100);
        let parts: f64 = s.parts.iter().map(|p| p.earned).sum();
        prop_assert!((0.0..=100.0 + 1e-9).contains(&parts));
    }

    #[test]
    fn identical_inputs_give_identical_output(deal in any_deal()) {
        let t = Template::default_template();
        prop_assert_eq!(score(&deal, &t, now()), score(&deal.clone(), &t, now()));
    }

    #[test]
    fn outcome_value_and_target_never_change_the_score(deal in any_deal(), outcome in 0usize..4, value in ".{0,20}", days in -500i32..500) {
        let t = Template::default_template();
        let before = score(&deal, &t, now());
        let mut changed = deal.clone();
        changed.outcome = Outcome::ALL[outcome];
        changed.value = value;
        changed.target = Some(now().day().plus(days));
        prop_assert_eq!(score(&changed, &t, now()), before.clone());
        changed.target = None;
        prop_assert_eq!(score(&changed, &t, now()), before);
    }

    #[test]
    fn checking_never_lowers_and_unchecking_never_raises(deal in any_deal(), pick in any::<usize>()) {
        let t = Template::default_template();
        prop_assume!(!deal.calls.is_empty());
        let call = pick % deal.calls.len();
        let item = t.items[pick % t.items.len()].id.clone();
        let mut checked = deal.clone();
        checked.calls[call].plan.checked.retain(|i| *i != item);
        let mut unchecked = checked.clone();
        checked.calls[call].plan.checked.push(item);
        let (on, off) = (score(&checked, &t, now()).total, score(&unchecked, &t, now()).total);
        prop_assert!(on >= off, "checking lowered {off} to {on}");
        unchecked.calls[call].plan.checked.clear();
        prop_assert!(score(&unchecked, &t, now()).total <= off);
    }

    #[test]
    fn evidence_of_later_stages_never_lowers_the_score(deal in any_deal(), level in 0usize..4) {
        let t = Template::default_template();
        let later: Vec<_> = deal.preset.elements().iter().filter(|e| e.exit_of > deal.stage).collect();
        let mut without = deal.clone();
        for e in &later {
            without.set_evidence(e.key, EvidenceLevel::Unknown, None);
        }
        let mut with = without.clone();
        for e in &later {
            with.set_evidence(e.key, EvidenceLevel::ALL[level], None);
        }
        prop_assert!(score(&with, &t, now()).total >= score(&without, &t, now()).total);
    }

    #[test]
    fn an_empty_deal_scores_zero(preset in 0usize..4, name in "[A-Za-z ]{1,20}") {
        let mut deal = Deal::new(Id::new("d1").unwrap(), name.clone(), name, Id::new("default").unwrap(), now());
        deal.switch_preset(Preset::ALL[preset]);
        let s = score(&deal, &Template::default_template(), now());
        prop_assert_eq!(s.total, 0);
        prop_assert_eq!(deal_prep::domain::forecast(&deal, &Template::default_template(), now()).weather, deal_prep::domain::Weather::TooEarly);
    }

    #[test]
    fn saving_a_review_never_lowers_the_score(deal in any_deal(), pick in any::<usize>(), next in ".{0,12}", dated in any::<bool>(), raise in 0usize..4) {
        // The first review of a call (editing a saved review is an edit like any other).
        let open: Vec<_> = deal.calls.iter().filter(|c| c.review.is_none()).collect();
        prop_assume!(!open.is_empty());
        let call = open[pick % open.len()].id.clone();
        let mut book = Book::default();
        book.deals.insert(deal.id.clone(), deal.clone());
        let t = book.template_for(&deal).clone();
        let before = score(&deal, &t, now()).total;
        // The review may raise evidence (what the call taught); lowering it is a separate, explicit choice.
        let key = deal.preset.elements()[pick % deal.preset.elements().len()].key;
        let level = EvidenceLevel::ALL[raise].max(deal.level(key));
        let draft = ReviewDraft {
            next_step: next,
            next_step_on: if dated { "2026-12-01".into() } else { String::new() },
            evidence: vec![(key.to_owned(), level)],
            ..ReviewDraft::default()
        };
        book.apply(Action::Edit { deal: deal.id.clone(), op: DealAction::SaveReview { call, draft: Box::new(draft) } }, now()).unwrap();
        let after = &book.deals[&deal.id];
        let value = score(after, &t, now()).total;
        prop_assert!(value >= before, "saving a review lowered {} to {}", before, value);
        prop_assert_eq!(after.snapshots.last().map(|s| s.1), Some(value), "the snapshot is the score after the review");
    }

    #[test]
    fn a_proof_item_is_checked_exactly_when_its_proof_holds(deal in any_deal(), pick in any::<usize>()) {
        prop_assume!(!deal.calls.is_empty());
        let call = &deal.calls[pick % deal.calls.len()];
        let t = Template::default_template();
        for check in checklist(&deal, call, &t) {
            match check.item.rule() {
                Some(rule) => prop_assert_eq!(check.checked, holds(rule, &deal, call), "{:?}", rule),
                None => prop_assert_eq!(check.checked, call.plan.is_checked(&check.item.id)),
            }
        }
    }

    #[test]
    fn writing_a_plan_entry_never_lowers_the_score(deal in any_deal(), pick in any::<usize>(), list in 0usize..3) {
        prop_assume!(!deal.calls.is_empty());
        let t = Template::default_template();
        let mut more = deal.clone();
        let plan = &mut more.calls[pick % deal.calls.len()].plan;
        let entry = ListItem { id: Id::new("inew").unwrap(), text: "What changed since we last spoke?".into(), done: false, note: String::new() };
        [&mut plan.discovery, &mut plan.pain, &mut plan.agenda][list].push(entry);
        prop_assert!(score(&more, &t, now()).total >= score(&deal, &t, now()).total);
    }

    #[test]
    fn raising_evidence_never_lowers_the_score(deal in any_deal(), pick in any::<usize>()) {
        let t = Template::default_template();
        let elements = deal.preset.elements();
        let key = elements[pick % elements.len()].key;
        let mut up = deal.clone();
        up.set_evidence(key, EvidenceLevel::Confirmed, None);
        prop_assert!(score(&up, &t, now()).total >= score(&deal, &t, now()).total);
    }

    #[test]
    fn deals_survive_a_json_round_trip(deal in any_deal()) {
        let text = json::to_string(&deal);
        let back: Deal = json::from_str(&text).unwrap();
        prop_assert_eq!(back, deal);
    }
}

#[test]
fn a_template_and_the_sample_deal_survive_a_json_round_trip() {
    let t = Template::default_template();
    let back: Template = json::from_str(&json::to_string(&t)).unwrap();
    assert_eq!(back, t);
    let sample = deal_prep::domain::sample::sample_deal(Id::new("dsample").unwrap(), now(), &mut Rng::new(1));
    let back: Deal = json::from_str(&json::to_string(&sample)).unwrap();
    assert_eq!(back, sample);
}

#[test]
fn missing_optional_fields_default_so_older_records_load() {
    let minimal = r#"{"i":"d1","c":"Acme","n":"Rollout","cr":0,"up":0,"tp":"default"}"#;
    let deal: Deal = json::from_str(minimal).unwrap();
    assert_eq!(
        (deal.stage, deal.outcome, deal.rev),
        (Stage::Prospect, Outcome::Open, 0)
    );
}

/// The storage budget (README, "Storage"): 1,000 deals × 20 calls with realistic notes must stay under half the 5 MB quota.
#[test]
fn a_thousand_deals_with_twenty_calls_fit_in_half_the_quota() {
    let deals = generate(1_000, 20, 42, now());
    let chars: usize = deals.iter().map(|d| json::to_string(d).chars().count()).sum();
    println!("1,000 deals x 20 calls: {chars} characters of JSON");
    assert!(chars < 2_600_000, "{chars} characters");
}

/// The domain is plain Rust: no framework, browser binding or storage crate may appear in it
/// (the layering in docs/ARCHITECTURE.md; the compiler alone would not stop an import).
#[test]
fn the_domain_uses_no_framework_or_browser_api() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let banned = [
        "yew",
        "web_sys",
        "js_sys",
        "wasm_bindgen",
        "gloo",
        "crate::app",
        "crate::store",
    ];
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/domain is readable") {
        let path = entry.expect("a directory entry").path();
        let text = std::fs::read_to_string(&path).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for word in banned {
                let used = code.match_indices(word).any(|(at, _)| {
                    let before = code[..at].chars().last();
                    let after = code[at + word.len()..].chars().next();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                        && matches!(after, Some(':' | ';' | ' ' | ',' | '}' | '_') | None)
                });
                if used {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the domain must stay pure:\n{}",
        found.join("\n")
    );
}

/// The call brief renders as intended in a real Markdown renderer (the npm `marked` package,
/// pinned in package.json and installed by the set-up): each header field on its own line,
/// sections as headings, lists as lists, and user text literal.
#[test]
fn the_markdown_brief_renders_as_intended_in_a_real_renderer() {
    use deal_prep::domain::sample::{sample_deal, Rng};
    use deal_prep::domain::{brief, Id, Minutes, Template};
    let mut deal = sample_deal(
        Id::new("d1").unwrap(),
        Minutes::parse("2026-11-26T09:00").unwrap(),
        &mut Rng::new(1),
    );
    deal.calls[0].plan.objective = "Win *big* <today>".into();
    let text = brief::markdown(&deal, &deal.calls[0], &Template::default_template());
    let html = render_markdown(&text);
    let between = |a: &str, b: &str| {
        let start = html.find(a).unwrap_or_else(|| panic!("no {a} in {html}"));
        let end = html[start..]
            .find(b)
            .unwrap_or_else(|| panic!("no {b} after {a} in {html}"));
        html[start..start + end].to_owned()
    };
    for (field, next) in [
        ("<strong>When:</strong>", "<strong>Stage:</strong>"),
        ("<strong>Stage:</strong>", "<strong>Attendees:</strong>"),
    ] {
        assert!(
            between(field, next).contains("<br>"),
            "{field} runs into {next}: {html}"
        );
    }
    rest_of_the_brief_checks(&html);

    // The agenda for the client: its fields on their own lines, nothing internal.
    let agenda = render_markdown(&brief::client_agenda(&deal, &deal.calls[0]));
    let start = agenda.find("<strong>When:</strong>").unwrap();
    assert!(
        agenda[start..agenda.find("<strong>With:</strong>").unwrap()].contains("<br>"),
        "{agenda}"
    );
    assert!(
        agenda.contains("<li>Their goals for this quarter</li>"),
        "{agenda}"
    );
    for internal in ["We tried tracking before", "Checklist", "Who else feels it"] {
        assert!(
            !agenda.contains(internal),
            "{internal} must not reach the client: {agenda}"
        );
    }
}

/// The HTML the npm `marked` package renders from `text`.
fn render_markdown(text: &str) -> String {
    use std::io::Write;
    let root = env!("CARGO_MANIFEST_DIR");
    assert!(
        std::path::Path::new(root).join("node_modules/marked").exists(),
        "node_modules/marked is missing: run `make setup` (npm ci) first"
    );
    let mut node = std::process::Command::new("node")
        .current_dir(root)
        .args([
            "--input-type=module",
            "-e",
            "import { marked } from 'marked'; import { readFileSync } from 'node:fs'; process.stdout.write(marked.parse(readFileSync(0, 'utf8')));",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs");
    node.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success(), "marked failed");
    String::from_utf8(out.stdout).unwrap()
}

/// What the internal brief must render as: headings, literal user text, lists.
fn rest_of_the_brief_checks(html: &str) {
    assert!(html.contains("<h2>Objective</h2>"), "{html}");
    assert!(
        html.contains("Win *big* &lt;today&gt;"),
        "user text stays literal: {html}"
    );
    assert!(html.contains("<li>"), "{html}");
}
