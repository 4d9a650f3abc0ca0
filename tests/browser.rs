//! Browser tests (wasm-bindgen-test; `make test` runs them in headless Chromium and Firefox):
//! the app mounted into a fresh element, and the store against the real localStorage,
//! including its faults.
#![cfg(target_arch = "wasm32")]

use deal_prep::app::root::{App, AppProps};
use deal_prep::domain::playbook::{Entry, Kind};
use deal_prep::domain::{Deal, Id, Minutes, Template};
use deal_prep::store::{codec, IndexEntry, SaveError, Store};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Removes every key of a namespace, so each test starts clean.
fn clear(ns: &str) {
    let s = storage();
    let keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .collect();
    for k in keys.into_iter().filter(|k| k.starts_with(&format!("{ns}:"))) {
        s.remove_item(&k).unwrap();
    }
}

fn keys_of(ns: &str) -> Vec<String> {
    let s = storage();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(&format!("{ns}:")))
        .collect()
}

/// Mounts the app into a fresh element attached to the body.
async fn mount(ns: &str) -> web_sys::Element {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        host.clone(),
        AppProps {
            namespace: ns.to_owned().into(),
            hash: true,
            theme: Default::default(),
            host: host.clone(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    host
}

fn type_into(host: &web_sys::Element, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = host.query_selector(selector).unwrap().unwrap().unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn click(host: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = host.query_selector(selector).unwrap().unwrap().unchecked_into();
    el.click();
}

fn deal(id: &str, rev: u64) -> Deal {
    let mut d = Deal::new(
        Id::new(id).unwrap(),
        "Acme".into(),
        format!("Deal {id}"),
        Id::new("default").unwrap(),
        Minutes(1),
    );
    d.rev = rev;
    d
}

fn entry(d: &Deal) -> IndexEntry {
    IndexEntry::of(d, &Template::default_template(), Minutes(1))
}

#[wasm_bindgen_test]
async fn adding_a_deal_shows_it_and_stores_it_under_the_namespace() {
    let ns = "test-add";
    clear(ns);
    let host = mount(ns).await;
    assert!(
        host.text_content().unwrap().contains("Try a sample deal"),
        "empty state first: {}",
        host.inner_html()
    );

    type_into(&host, "input[name=client]", "Acme <b>Corp</b>");
    type_into(&host, "input[name=deal-name]", "Fleet pilot");
    yew::scheduler::flush().await;
    click(&host, ".dp-new-deal button[type=submit]");
    yew::scheduler::flush().await;
    // Creating opens the new deal.
    sleep_ms(20).await;
    yew::scheduler::flush().await;
    let heading = host
        .query_selector(".dp-deal h1")
        .unwrap()
        .expect("the new deal is open");
    let text = heading.text_content().unwrap();
    assert!(
        text.contains("Fleet pilot") && text.contains("Acme <b>Corp</b>"),
        "{text}"
    );
    assert!(
        heading.query_selector("b").unwrap().is_none(),
        "user text is rendered as text"
    );
    set_hash("#/").await;
    let row = host.query_selector(".dp-deal-row").unwrap().expect("and listed");
    assert!(row.text_content().unwrap().contains("Fleet pilot"));

    let keys = keys_of(ns);
    let deal_key = keys
        .iter()
        .find(|k| k.starts_with("test-add:deal:"))
        .expect("a deal record");
    let raw = storage().get_item(deal_key).unwrap().unwrap();
    assert!(raw.contains("\"n\":\"Fleet pilot\""), "{raw}");
    assert!(keys.iter().any(|k| k.starts_with("test-add:index:")), "{keys:?}");
    assert!(
        !keys_of("deal-prep").iter().any(|k| k.contains("Fleet")),
        "nothing leaks into another namespace"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_stored_deal_is_listed_after_a_fresh_mount() {
    let ns = "test-reload";
    clear(ns);
    let store = Store::open(ns);
    let d = deal("dkept", 1);
    store.save_deal(&d, &entry(&d), None).unwrap();
    let host = mount(ns).await;
    assert!(host.text_content().unwrap().contains("Deal dkept"));
    host.remove();
}

#[wasm_bindgen_test]
fn a_newer_stored_revision_is_never_overwritten() {
    let ns = "test-stale";
    clear(ns);
    let store = Store::open(ns);
    let newer = deal("d1", 5);
    store.save_deal(&newer, &entry(&newer), None).unwrap();
    // This tab last saw revision 4; storage holds 5 (another tab's), so even a higher revision
    // of ours (unsaved edits piled up while storage was full) must not overwrite it.
    let mut stale = deal("d1", 9);
    stale.name = "Edits made while storage was full".into();
    match store.save_deal(&stale, &entry(&stale), Some(4)) {
        Err(SaveError::Stale(stored)) => assert_eq!(stored.rev, 5),
        other => panic!("expected Stale, got {other:?}"),
    }
    assert!(storage()
        .get_item("test-stale:deal:d1")
        .unwrap()
        .unwrap()
        .contains("Deal d1"));
    let mut next = newer.clone();
    next.rev = 6;
    assert!(store.save_deal(&next, &entry(&next), Some(5)).is_ok());
}

#[wasm_bindgen_test]
fn a_deal_deleted_elsewhere_is_not_brought_back_by_a_late_write() {
    let ns = "test-deleted";
    clear(ns);
    let store = Store::open(ns);
    let mut d = deal("d1", 1);
    store.save_deal(&d, &entry(&d), None).unwrap();
    // Another tab deletes it.
    storage().remove_item("test-deleted:deal:d1").unwrap();
    storage().remove_item("test-deleted:index:d1").unwrap();
    d.rev = 2;
    assert_eq!(store.save_deal(&d, &entry(&d), Some(1)), Err(SaveError::Deleted));
    assert!(keys_of(ns).is_empty(), "{:?}", keys_of(ns));
}

#[wasm_bindgen_test]
fn templates_are_written_only_over_the_revision_this_tab_saw() {
    let ns = "test-templates";
    clear(ns);
    let store = Store::open(ns);
    let mut mine = vec![Template::default_template()];
    assert_eq!(store.save_templates(&mine, 0), Ok(1));
    // Another tab writes revision 2.
    let mut theirs = mine.clone();
    theirs[0].name = "Their checklist".into();
    assert_eq!(store.save_templates(&theirs, 1), Ok(2));
    mine[0].name = "My checklist".into();
    match store.save_templates(&mine, 1) {
        Err(SaveError::TemplatesChanged(changed)) if changed.1 == 2 => {
            assert_eq!(changed.0[0].name, "Their checklist")
        }
        other => panic!("expected TemplatesChanged, got {other:?}"),
    }
    assert_eq!(store.load_templates().unwrap().0[0].name, "Their checklist");
    // Records written before revisions existed read as revision 0.
    storage()
        .set_item("test-templates:settings", &codec::encode(&theirs))
        .unwrap();
    assert_eq!(store.load_templates().unwrap().1, 0);
}

fn pb_entry(id: &str, text: &str, updated: i64) -> Entry {
    Entry::new(Id::new(id).unwrap(), Kind::Discovery, text, Minutes(updated))
}

#[wasm_bindgen_test]
fn the_playbook_merges_another_tabs_writes_and_never_overwrites_them() {
    let ns = "test-playbook";
    clear(ns);
    let store = Store::open(ns);
    let a = pb_entry("pa", "Who signs?", 10);
    assert_eq!(
        store.save_playbook(std::slice::from_ref(&a), &[], 0),
        Ok((None, 1))
    );
    // Another tab (which read revision 1) renames "a" and adds "b".
    let theirs = vec![
        pb_entry("pa", "Who signs the order?", 20),
        pb_entry("pb", "What is the budget?", 20),
    ];
    assert_eq!(store.save_playbook(&theirs, &[], 1), Ok((None, 2)));
    // This tab, still at revision 1, pins "a" later and adds "c": both sides are kept.
    let mut mine_a = a.clone();
    mine_a.pinned = true;
    mine_a.updated = Minutes(30);
    let mine = vec![mine_a.clone(), pb_entry("pc", "Who else decides?", 30)];
    let changed_here = [mine_a.id.clone(), Id::new("pc").unwrap()];
    let (merged, rev) = store.save_playbook(&mine, &changed_here, 1).unwrap();
    let merged = merged.expect("merged with their entries");
    assert_eq!(rev, 3);
    let texts: Vec<&str> = merged.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Who signs?", "What is the budget?", "Who else decides?"],
        "theirs, with the later change of this tab's own"
    );
    assert_eq!(
        store.load_playbook(),
        Some((merged.clone(), 3)),
        "what is stored is the merge"
    );
    let loaded = store.load(&[Template::default_template()], Minutes(1));
    assert_eq!((loaded.playbook, loaded.playbook_rev), (merged.clone(), 3));
    // Another tab rewords "a" within the same minute as the pin here; this tab, still at
    // revision 3 with nothing of its own unwritten, writes: their words stay, not its older ones
    // (on the tie this tab kept its own and wrote them back over theirs).
    let mut reworded = merged.clone();
    reworded[0].text = "Who signs, and when?".into();
    assert_eq!(store.save_playbook(&reworded, &[], 3), Ok((None, 4)));
    let (written, rev) = store.save_playbook(&merged, &[], 3).unwrap();
    assert_eq!(
        (written, rev),
        (Some(reworded), 5),
        "their words, not this tab's older ones"
    );

    // An unreadable record is kept aside at startup and never written over.
    storage().set_item("test-playbook:playbook", "[broken").unwrap();
    let loaded = store.load(&[Template::default_template()], Minutes(1));
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].key, "test-playbook:playbook");
    assert_eq!(store.save_playbook(&mine, &[], 5), Err(SaveError::Protected));
    assert_eq!(
        storage().get_item("test-playbook:playbook").unwrap().unwrap(),
        "[broken"
    );
    // Without storage, a write is refused without a panic.
    let none = Store::in_memory("test-none", "blocked by the test");
    assert!(matches!(
        none.save_playbook(&mine, &[], 0),
        Err(SaveError::Unavailable(_))
    ));
}

#[wasm_bindgen_test]
fn corrupt_and_newer_records_are_reported_and_left_untouched() {
    let ns = "test-corrupt";
    clear(ns);
    let s = storage();
    s.set_item("test-corrupt:deal:dbad", "{not json").unwrap();
    s.set_item("test-corrupt:deal:dnew", r#"{"v":99,"d":{"i":"dnew"}}"#)
        .unwrap();
    let good = deal("dgood", 1);
    let store = Store::open(ns);
    store.save_deal(&good, &entry(&good), None).unwrap();

    let loaded = store.load(&[Template::default_template()], Minutes(1));
    assert_eq!(loaded.index.len(), 1, "the readable deal still loads");
    assert_eq!(loaded.problems.len(), 2);
    let mut bad = deal("dbad", 9);
    bad.rev = 9;
    assert_eq!(
        store.save_deal(&bad, &entry(&bad), None),
        Err(SaveError::Protected)
    );
    assert_eq!(
        store.save_deal(&bad, &entry(&bad), Some(8)),
        Err(SaveError::Protected)
    );
    assert_eq!(
        s.get_item("test-corrupt:deal:dbad").unwrap().unwrap(),
        "{not json"
    );
    assert!(s
        .get_item("test-corrupt:deal:dnew")
        .unwrap()
        .unwrap()
        .contains("\"v\":99"));
}

#[wasm_bindgen_test]
fn an_old_record_is_migrated_and_written_back() {
    let ns = "test-migrate";
    clear(ns);
    storage()
        .set_item(
            "test-migrate:deal:dold",
            r#"{"v":1,"id":"dold","name":"Legacy","created":100}"#,
        )
        .unwrap();
    let store = Store::open(ns);
    let loaded = store.load(&[Template::default_template()], Minutes(1));
    assert_eq!(loaded.index.len(), 1);
    assert_eq!(
        loaded.index.values().next().map(|e| e.name.as_str()),
        Some("Legacy")
    );
    let raw = storage().get_item("test-migrate:deal:dold").unwrap().unwrap();
    assert!(
        raw.starts_with(&format!("{{\"v\":{}", codec::SCHEMA_VERSION)),
        "{raw}"
    );
}

#[wasm_bindgen_test]
fn a_missing_index_is_rebuilt_from_the_deal_records() {
    let ns = "test-index";
    clear(ns);
    let store = Store::open(ns);
    let d = deal("d1", 3);
    store.save_deal(&d, &entry(&d), None).unwrap();
    storage().remove_item("test-index:index:d1").unwrap();
    let loaded = store.load(&[Template::default_template()], Minutes(1));
    assert_eq!((loaded.index.len(), loaded.rebuilt), (1, 1));
    assert!(storage().get_item("test-index:index:d1").unwrap().is_some());
}

#[wasm_bindgen_test]
fn a_full_quota_fails_the_write_and_keeps_the_previous_data() {
    let ns = "test-quota";
    clear(ns);
    clear("test-filler");
    let store = Store::open(ns);
    let mut d = deal("d1", 1);
    store.save_deal(&d, &entry(&d), None).unwrap();
    let before = storage().get_item("test-quota:deal:d1").unwrap().unwrap();
    let (_, playbook_rev) = store
        .save_playbook(&[pb_entry("pa", "Who signs?", 1)], &[], 0)
        .unwrap();
    let playbook_before = storage().get_item("test-quota:playbook").unwrap().unwrap();

    // Fill storage to the limit with halving chunks.
    let s = storage();
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    while chunk.len() >= 16 {
        if s.set_item(&format!("test-filler:{n}"), &chunk).is_err() {
            chunk.truncate(chunk.len() / 2);
        }
        n += 1;
    }
    d.rev = 2;
    d.name = "A much longer name that will not fit any more".repeat(20);
    let result = store.save_deal(&d, &entry(&d), Some(1));
    let long = "A playbook line that will not fit any more ".repeat(20);
    let playbook = store.save_playbook(&[pb_entry("pa", &long, 1)], &[], playbook_rev);
    clear("test-filler");
    assert_eq!(result, Err(SaveError::Quota));
    assert_eq!(playbook, Err(SaveError::Quota));
    assert_eq!(
        storage().get_item("test-quota:playbook").unwrap().unwrap(),
        playbook_before,
        "the playbook as it was"
    );
    assert_eq!(
        storage().get_item("test-quota:deal:d1").unwrap().unwrap(),
        before,
        "previous data intact"
    );
}

#[wasm_bindgen_test]
fn an_unavailable_store_refuses_writes_without_panicking() {
    let store = Store::in_memory("test-none", "blocked by the test");
    let d = deal("d1", 1);
    assert!(matches!(
        store.save_deal(&d, &entry(&d), None),
        Err(SaveError::Unavailable(_))
    ));
    assert!(store
        .load(&[Template::default_template()], Minutes(1))
        .index
        .is_empty());
}

// ---- Components -------------------------------------------------------------------------

use deal_prep::app::parts::list_editor::{lines, list_editor, ListEdit};
use deal_prep::app::parts::score_gauge::score_gauge;
use deal_prep::domain::score::ProcessScore;
use deal_prep::domain::score::{score, Target};
use deal_prep::domain::Placed;
use deal_prep::domain::{CallKind, ListItem};
use std::cell::RefCell;
use std::rc::Rc;

fn fresh_host() -> web_sys::Element {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

async fn set_hash(hash: &str) {
    web_sys::window().unwrap().location().set_hash(hash).unwrap();
    // hashchange is dispatched asynchronously; let it run, then let Yew render.
    sleep_ms(20).await;
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_score_gauge_shows_total_breakdown_and_linked_actions() {
    let d = deal("dgauge", 1);
    let s = score(&d, &Template::default_template(), Minutes(1));
    let host = fresh_host();
    #[derive(yew::Properties, PartialEq)]
    struct GaugeProps {
        score: ProcessScore,
    }
    #[yew::component]
    fn Gauge(props: &GaugeProps) -> yew::Html {
        let why = ["Preparation 0 → 5 of 40: Call of 1970-01-02 (next): 1 of 10 ready".to_owned()];
        score_gauge(&props.score, &why, |t| {
            format!("#/target/{}", matches!(t, Target::PlanCall))
        })
    }
    yew::Renderer::<Gauge>::with_root_and_props(host.clone(), GaugeProps { score: s.clone() }).render();
    yew::scheduler::flush().await;
    let meter = host.query_selector("[role=meter]").unwrap().unwrap();
    assert_eq!(meter.get_attribute("aria-valuenow").unwrap(), s.total.to_string());
    assert_eq!(host.query_selector_all(".dp-score__part").unwrap().length(), 4);
    let first_action = host.query_selector(".dp-actions a").unwrap().unwrap();
    assert_eq!(
        first_action.get_attribute("href").unwrap(),
        "#/target/true",
        "plan a call comes first"
    );
    assert_eq!(
        first_action.text_content().unwrap(),
        "Plan a call — then prepare it for up to +73"
    );
    // Whole points, and parts with nothing to judge say so instead of paying out.
    let points: Vec<String> = (0..4)
        .map(|n| {
            let part = host
                .query_selector_all(".dp-score__part summary .dp-score__points")
                .unwrap()
                .get(n)
                .unwrap();
            part.text_content().unwrap()
        })
        .collect();
    assert_eq!(points, ["0 of 40", "0 of 15", "not yet", "not yet"]);
    let why = host.query_selector(".dp-score__why li").unwrap().unwrap();
    assert!(why.text_content().unwrap().starts_with("Preparation 0 → 5 of 40"));
    host.remove();
}

#[wasm_bindgen_test]
async fn the_list_editor_emits_domain_edits_from_the_keyboard() {
    let edits = Rc::new(RefCell::new(Vec::new()));
    let sink = edits.clone();
    let host = fresh_host();
    #[derive(yew::Properties, PartialEq)]
    struct EditorProps {
        on_edit: yew::Callback<ListEdit>,
    }
    #[yew::component]
    fn Editor(props: &EditorProps) -> yew::Html {
        let items = [
            ListItem {
                id: Id::new("l1").unwrap(),
                text: "First".into(),
                done: false,
                note: String::new(),
            },
            ListItem {
                id: Id::new("l2").unwrap(),
                text: "Second".into(),
                done: false,
                note: String::new(),
            },
        ];
        list_editor(
            "test-list-editor",
            "Agenda",
            "agenda item",
            lines(&items),
            None,
            vec!["How do you plan today?".into()],
            props.on_edit.clone(),
        )
    }
    let props = EditorProps {
        on_edit: yew::Callback::from(move |e: ListEdit| sink.borrow_mut().push(e)),
    };
    yew::Renderer::<Editor>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;

    type_into(&host, ".dp-list-editor__add input", "Third");
    yew::scheduler::flush().await;
    click(&host, ".dp-list-editor__add button");
    yew::scheduler::flush().await;
    let add: web_sys::HtmlInputElement = host
        .query_selector(".dp-list-editor__add input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(add.value(), "", "the add field is cleared for the next line");

    let second: web_sys::HtmlElement = host
        .query_selector_all(".dp-list-editor__item textarea")
        .unwrap()
        .get(1)
        .unwrap()
        .unchecked_into();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowUp");
    init.set_alt_key(true);
    init.set_bubbles(true);
    second
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
    click(&host, "button[aria-label='Delete agenda item 1']");
    yew::scheduler::flush().await;

    let l1 = Id::new("l1").unwrap();
    let l2 = Id::new("l2").unwrap();
    let edits = edits.borrow();
    assert_eq!(edits.len(), 3, "{edits:?}");
    assert!(
        matches!(&edits[0], ListEdit::Add(Placed { left, right, .. }) if left == "Third" && right.is_empty()),
        "a new line, with a fresh id: {:?}",
        edits[0]
    );
    assert_eq!(
        edits[1..],
        [ListEdit::Move { id: l2, delta: -1 }, ListEdit::Remove(l1)]
    );
    assert!(host
        .query_selector("button[aria-label='Move agenda item 1 up']")
        .unwrap()
        .unwrap()
        .has_attribute("disabled"));
    host.remove();
}

#[wasm_bindgen_test]
async fn the_wrong_turn_dialog_names_skipped_steps_and_esc_cancels() {
    let ns = "test-wrong-turn";
    clear(ns);
    let d = deal("dturn", 1);
    Store::open(ns).save_deal(&d, &entry(&d), None).unwrap();
    let host = mount(ns).await;
    set_hash("#/deal/dturn").await;
    click(&host, ".dp-stepper__step:nth-child(4) button"); // Solution
    yew::scheduler::flush().await;
    let dialog = host
        .query_selector("[role=dialog]")
        .unwrap()
        .expect("the wrong-turn dialog opens");
    let text = dialog.text_content().unwrap();
    for step in [
        "Need and pain",
        "What the client cares about",
        "Timeline",
        "Champion",
    ] {
        assert!(text.contains(step), "{text}");
    }
    assert!(
        !text.contains("Budget"),
        "Solution's own exit criteria are not skipped yet: {text}"
    );

    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    dialog
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    assert!(
        host.query_selector("[role=dialog]").unwrap().is_none(),
        "Esc closes it"
    );
    let current = host
        .query_selector(".dp-stepper__step--current")
        .unwrap()
        .unwrap();
    assert_eq!(current.text_content().unwrap(), "Prospect", "nothing moved");

    click(&host, ".dp-stepper__step:nth-child(4) button");
    yew::scheduler::flush().await;
    click(&host, ".dp-dialog__buttons .dp-button--primary");
    yew::scheduler::flush().await;
    assert!(
        host.query_selector(".dp-tag--warn").unwrap().is_some(),
        "jumped-ahead mark"
    );
    let raw = storage().get_item("test-wrong-turn:deal:dturn").unwrap().unwrap();
    assert!(
        raw.contains("\"s\":\"solution\"") && raw.contains("\"j\":["),
        "{raw}"
    );
    set_hash("#/").await;
    host.remove();
}

#[wasm_bindgen_test]
async fn checking_an_item_updates_progress_score_and_storage() {
    let ns = "test-checklist";
    clear(ns);
    let mut d = deal("dcheck", 1);
    let call_id = Id::new("cnext").unwrap();
    let soon = deal_prep::app::platform::now().plus_days(2);
    d.calls.push(deal_prep::domain::Call::new(
        call_id.clone(),
        soon,
        CallKind::Demo,
    ));
    Store::open(ns).save_deal(&d, &entry(&d), None).unwrap();
    let host = mount(ns).await;
    set_hash("#/deal/dcheck/call/cnext").await;
    let progress = || {
        host.query_selector(".dp-checklist__progress")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(progress(), "0 of 10 ready");
    // The first item proves itself from the plan: its box is not for ticking.
    let first: web_sys::HtmlInputElement = host
        .query_selector(".dp-checklist__item:first-child input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(first.disabled());
    // The second ("Agenda confirmed with the client") is ticked by hand.
    click(&host, ".dp-checklist__item:nth-child(2) input");
    yew::scheduler::flush().await;
    assert_eq!(progress(), "1 of 10 ready");
    let raw = storage().get_item("test-checklist:deal:dcheck").unwrap().unwrap();
    assert!(raw.contains("\"ck\":\"ag\""), "{raw}");
    let index = storage()
        .get_item("test-checklist:index:dcheck")
        .unwrap()
        .unwrap();
    let before = entry(&d).score;
    let after: IndexEntry = codec::decode(&index).unwrap();
    assert!(after.score > before, "score {before} -> {}", after.score);
    set_hash("#/").await;
    host.remove();
}

#[wasm_bindgen_test]
async fn the_playbook_page_collects_plans_and_a_pinned_question_joins_another_plan() {
    let ns = "test-pb-page";
    clear(ns);
    let mut a = deal("dpa", 1);
    let mut call = deal_prep::domain::Call::new(Id::new("c1").unwrap(), Minutes(5), CallKind::Discovery);
    for (i, q) in ["Who signs the order?", "  who SIGNS the order? "]
        .iter()
        .enumerate()
    {
        call.plan.discovery.push(ListItem {
            id: Id::new(format!("q{i}")).unwrap(),
            text: (*q).into(),
            done: false,
            note: String::new(),
        });
    }
    a.calls.push(call);
    let mut b = deal("dpb", 1);
    let soon = deal_prep::app::platform::now().plus_days(2);
    b.calls.push(deal_prep::domain::Call::new(
        Id::new("c2").unwrap(),
        soon,
        CallKind::Discovery,
    ));
    let store = Store::open(ns);
    store.save_deal(&a, &entry(&a), None).unwrap();
    store.save_deal(&b, &entry(&b), None).unwrap();
    let host = mount(ns).await;
    set_hash("#/playbook").await;
    let rows = host.query_selector_all(".dp-playbook__row").unwrap();
    assert_eq!(rows.length(), 1, "one line, however it was spaced or cased");
    let row = host.query_selector(".dp-playbook__row").unwrap().unwrap();
    assert!(
        row.text_content().unwrap().contains("1 call"),
        "{:?}",
        row.text_content()
    );
    click(&host, ".dp-playbook__row button[aria-pressed]");
    yew::scheduler::flush().await;
    let stored = storage().get_item("test-pb-page:playbook").unwrap().unwrap();
    let (kept, _) = codec::decode_rev::<Vec<Entry>>(&stored).unwrap();
    assert_eq!(kept.len(), 1, "{stored}");
    assert!(
        kept[0].pinned && kept[0].key == "who signs the order?",
        "{stored}"
    );

    // The other deal's call plan suggests it, and adds it in one step as pinned.
    set_hash("#/deal/dpb/call/c2").await;
    let options = host
        .query_selector_all(&format!("#dp-suggest-{ns}-discovery option"))
        .unwrap();
    assert_eq!(options.length(), 1);
    let add = host
        .query_selector_all(".dp-plan__pinned button")
        .unwrap()
        .get(0)
        .expect("the pinned questions button");
    add.unchecked_into::<web_sys::HtmlElement>().click();
    yew::scheduler::flush().await;
    let raw = storage().get_item("test-pb-page:deal:dpb").unwrap().unwrap();
    assert!(raw.contains("Who signs the order?"), "{raw}");
    assert!(
        host.query_selector(".dp-plan__pinned").unwrap().is_none(),
        "nothing left to add"
    );
    set_hash("#/").await;
    host.remove();
}

/// A stored deal on the shipped template behind an entry `spoil` made stale (its score 45,
/// what the old rule gave an empty deal): mounted, the list shows the deal's real score, and
/// the rebuilt entry is written back. Returns it.
async fn rebuilt_at_startup(ns: &str, spoil: impl FnOnce(&mut IndexEntry)) -> IndexEntry {
    clear(ns);
    let d = deal("dold", 1);
    let mut old = entry(&d);
    old.score = 45;
    spoil(&mut old);
    Store::open(ns).save_deal(&d, &old, None).unwrap();
    let host = mount(ns).await;
    let row = host.query_selector(".dp-deal-row__score").unwrap().unwrap();
    assert_eq!(row.text_content().unwrap(), "0 / 100");
    host.remove();
    let key = format!("{ns}:index:dold");
    let stored: IndexEntry = codec::decode(&storage().get_item(&key).unwrap().unwrap()).unwrap();
    assert_eq!(stored.score, 0, "written back once rebuilt");
    stored
}

#[wasm_bindgen_test]
async fn an_index_entry_of_an_older_score_rule_is_rebuilt_from_its_deal() {
    let stored = rebuilt_at_startup("test-old-rule", |old| old.rule = 0).await;
    assert_eq!(stored.rule, codec::SCORE_RULE);
}

/// An entry scored with a template as it no longer is (edited in a tab that closed before the
/// list was scored again, or by an update of the shipped one) is rebuilt at startup.
#[wasm_bindgen_test]
async fn an_index_entry_scored_with_a_template_as_it_no_longer_is_is_rebuilt_from_its_deal() {
    let stamp = Template::default_template().stamp();
    let stored = rebuilt_at_startup("test-old-template", |old| old.stamp = stamp.wrapping_add(1)).await;
    assert_eq!(stored.stamp, stamp);
}

#[wasm_bindgen_test]
async fn a_corrupt_deal_behind_a_good_index_entry_is_reported_when_opened() {
    let ns = "test-corrupt-open";
    clear(ns);
    let d = deal("dbroken", 1);
    Store::open(ns).save_deal(&d, &entry(&d), None).unwrap();
    storage()
        .set_item("test-corrupt-open:deal:dbroken", "{\"v\":2,\"d\":{\"i\":")
        .unwrap();
    let host = mount(ns).await;
    assert!(
        host.text_content().unwrap().contains("Deal dbroken"),
        "listed from its index entry"
    );
    set_hash("#/deal/dbroken").await;
    let text = host.text_content().unwrap();
    assert!(text.contains("This deal can't be opened"), "{text}");
    assert!(
        host.query_selector(".dp-banner--error").unwrap().is_some(),
        "the user is told"
    );
    assert_eq!(
        storage()
            .get_item("test-corrupt-open:deal:dbroken")
            .unwrap()
            .unwrap(),
        "{\"v\":2,\"d\":{\"i\":"
    );
    set_hash("#/").await;
    host.remove();
}

#[wasm_bindgen_test]
async fn opening_a_deal_refreshes_an_index_entry_a_failed_write_left_behind() {
    let ns = "test-refresh";
    clear(ns);
    let store = Store::open(ns);
    let mut d = deal("dold", 1);
    store.save_deal(&d, &entry(&d), None).unwrap();
    let old_entry = storage().get_item("test-refresh:index:dold").unwrap().unwrap();
    d.rev = 2;
    d.name = "New name".into();
    store.save_deal(&d, &entry(&d), Some(1)).unwrap();
    storage().set_item("test-refresh:index:dold", &old_entry).unwrap(); // the entry write "failed"
    let host = mount(ns).await;
    set_hash("#/deal/dold").await;
    let fresh = storage().get_item("test-refresh:index:dold").unwrap().unwrap();
    assert!(fresh.contains("New name"), "{fresh}");
    set_hash("#/").await;
    host.remove();
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn typing_is_written_after_a_pause_and_at_once_when_the_page_hides() {
    let ns = "test-typing";
    clear(ns);
    let d = deal("dtype", 1);
    Store::open(ns).save_deal(&d, &entry(&d), None).unwrap();
    set_hash("#/deal/dtype").await;
    let host = mount(ns).await;
    let stored = || storage().get_item("test-typing:deal:dtype").unwrap().unwrap();

    type_into(&host, "input[name=deal-value]", "EUR 40k");
    yew::scheduler::flush().await;
    assert!(
        !stored().contains("EUR 40k"),
        "keystrokes are coalesced, not written one by one"
    );
    let hide = web_sys::Event::new("pagehide").unwrap();
    web_sys::window().unwrap().dispatch_event(&hide).unwrap();
    assert!(
        stored().contains("EUR 40k"),
        "written when the page hides: {}",
        stored()
    );

    type_into(&host, "input[name=deal-value]", "EUR 50k");
    yew::scheduler::flush().await;
    sleep_ms(450).await;
    assert!(
        stored().contains("EUR 50k"),
        "written after the pause: {}",
        stored()
    );
    // The backup reminder counts one edit for the field, however many writes it took; after
    // focus leaves the field, the next edit counts again.
    let edits = || {
        let meta = storage()
            .get_item("test-typing:meta")
            .unwrap()
            .unwrap_or_default();
        meta.split("\"ed\":")
            .nth(1)
            .and_then(|rest| rest.split([',', '}']).next()?.parse::<u32>().ok())
    };
    assert_eq!(edits(), Some(1), "two writes of one field are one edit");
    let blur = web_sys::Event::new("focusout").unwrap();
    document().dispatch_event(&blur).unwrap();
    type_into(&host, "input[name=deal-value]", "EUR 60k");
    yew::scheduler::flush().await;
    web_sys::window().unwrap().dispatch_event(&hide).unwrap();
    assert_eq!(
        edits(),
        Some(2),
        "a field edited again after leaving it is another edit"
    );
    set_hash("#/").await;
    host.remove();
}

/// Another tab's templates found as this tab writes its own, inside `pagehide` (no storage
/// event: this document wrote them, as a tab whose event has not arrived yet): the words
/// typed here are replayed over theirs and written before the handler returns — a closing
/// page may never render again.
#[wasm_bindgen_test]
async fn template_words_found_stale_as_the_page_hides_are_written_over_theirs() {
    let ns = "test-tpl-race";
    clear(ns);
    set_hash("#/templates").await;
    let host = mount(ns).await;
    let key = "test-tpl-race:settings";
    let hide = web_sys::Event::new("pagehide").unwrap();
    type_into(&host, "input[name=item-text]", "Objective, written");
    yew::scheduler::flush().await;
    web_sys::window().unwrap().dispatch_event(&hide).unwrap();
    let (mut theirs, rev) = Store::open(ns).load_templates().unwrap();
    theirs[0].items[1].text = "Agenda, theirs".into();
    type_into(&host, "input[name=item-text]", "Objective, mine");
    yew::scheduler::flush().await;
    storage()
        .set_item(key, &codec::encode_rev(&theirs, rev + 1))
        .unwrap();
    web_sys::window().unwrap().dispatch_event(&hide).unwrap();
    let stored = storage().get_item(key).unwrap().unwrap();
    assert!(
        stored.contains("Objective, mine") && stored.contains("Agenda, theirs"),
        "both tabs' words, written within pagehide: {stored}"
    );
    set_hash("#/").await;
    host.remove();
}

#[wasm_bindgen_test]
fn a_get_item_that_throws_is_an_error_never_a_missing_record() {
    let ns = "test-throwing";
    clear(ns);
    let store = Store::open(ns);
    let d = deal("d1", 1);
    store.save_deal(&d, &entry(&d), None).unwrap();
    // Firefox can throw from getItem when its storage is damaged or locked.
    let break_it = js_sys::Function::new_no_args(
        "Storage.prototype.__getItem = Storage.prototype.getItem;
         Storage.prototype.getItem = function () { throw new DOMException('locked', 'UnknownError'); };",
    );
    let mend = js_sys::Function::new_no_args(
        "Storage.prototype.getItem = Storage.prototype.__getItem; delete Storage.prototype.__getItem;",
    );
    break_it.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let mut next = d.clone();
    next.rev = 2;
    next.name = "Written blind".into();
    let written = store.save_deal(&next, &entry(&next), Some(1));
    let seen = store.seen_deal(&d.id);
    mend.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    assert!(matches!(written, Err(SaveError::Unavailable(_))), "{written:?}");
    assert!(seen.is_err(), "a read that throws is not \"missing\"");
    assert!(!storage()
        .get_item("test-throwing:deal:d1")
        .unwrap()
        .unwrap()
        .contains("Written blind"));
}

#[wasm_bindgen_test]
fn the_crash_panel_works_under_the_csp_and_only_says_data_is_safe_when_it_is() {
    // The panic hook's panel goes into the page's #deal-prep element.
    let host = document().create_element("div").unwrap();
    host.set_id(deal_prep::app::HOST_ID);
    document().body().unwrap().append_child(&host).unwrap();
    deal_prep::app::show_crash_panel();
    let text = host.text_content().unwrap();
    assert!(text.contains("Deal Prep stopped unexpectedly"), "{text}");
    // Storage works in this page, so it may say so; and it never claims more than that.
    assert!(text.contains("What you saved is safe in this browser"), "{text}");
    let button = host.query_selector("button").unwrap().expect("a Reload button");
    assert!(
        button.get_attribute("onclick").is_none(),
        "no inline handler: the Content-Security-Policy forbids them"
    );
    host.remove();
}

thread_local! {
    static HOOK_LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn hook_log() -> Vec<String> {
    HOOK_LOG.with(|log| log.borrow().clone())
}

/// The app's shared hooks: a `UiCell` reads back what was set, an effect runs again (after
/// undoing its last run) only when its key changed, a memo is made again only then, and the
/// last run is undone when the app goes away.
#[wasm_bindgen_test]
async fn keyed_effects_memos_and_ui_cells_follow_their_keys() {
    use deal_prep::app::hooks::{use_keyed_effect, use_keyed_memo, use_ui_cell};
    #[yew::component]
    fn Counter() -> yew::Html {
        let count = use_ui_cell(|| 0u32);
        let label = use_ui_cell(|| "start".to_owned());
        let pair = *count / 2;
        use_keyed_effect(
            pair.to_string(),
            Box::new(move || {
                HOOK_LOG.with(|log| log.borrow_mut().push(format!("run {pair}")));
                Box::new(move || HOOK_LOG.with(|log| log.borrow_mut().push(format!("undo {pair}"))))
            }),
        );
        let made = use_keyed_memo(pair.to_string(), move || {
            HOOK_LOG.with(|log| log.borrow_mut().push(format!("memo {pair}")));
            pair * 10
        });
        let onclick = {
            let (count, label) = (count.clone(), label.clone());
            move |_| {
                let next = *count + 1;
                count.set(next);
                label.set(format!("clicked {next}"));
            }
        };
        yew::html! {
            <button {onclick}>{ format!("{} {} {}", *count, *label, *made) }</button>
        }
    }
    HOOK_LOG.with(|log| log.borrow_mut().clear());
    let host = fresh_host();
    let app = yew::Renderer::<Counter>::with_root(host.clone()).render();
    yew::scheduler::flush().await;
    let text = || host.text_content().unwrap();
    assert_eq!(text(), "0 start 0");
    assert_eq!(hook_log(), ["memo 0", "run 0"]);
    click(&host, "button");
    yew::scheduler::flush().await;
    assert_eq!(text(), "1 clicked 1 0");
    assert_eq!(hook_log(), ["memo 0", "run 0"], "same key: nothing runs again");
    click(&host, "button");
    yew::scheduler::flush().await;
    assert_eq!(text(), "2 clicked 2 10");
    assert_eq!(hook_log(), ["memo 0", "run 0", "memo 1", "undo 0", "run 1"]);
    app.destroy();
    yew::scheduler::flush().await;
    assert_eq!(hook_log().last().map(String::as_str), Some("undo 1"));
    host.remove();
}

/// `platform::settled`, through which the app waits on every promise (clipboard, file text,
/// storage manager): a fulfilled promise gives `Ok` with its value, a rejected one `Err` with
/// its reason, each once, after the current task; no promise gives `Err` at once.
#[wasm_bindgen_test]
async fn a_settled_promise_reaches_its_callback_once_with_its_outcome() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsValue;
    let seen: Rc<RefCell<Vec<Result<JsValue, JsValue>>>> = Rc::default();
    let record = |seen: &Rc<RefCell<Vec<_>>>| {
        let seen = seen.clone();
        Box::new(move |outcome| seen.borrow_mut().push(outcome)) as Box<dyn FnOnce(_)>
    };
    let ok = js_sys::Promise::resolve(&JsValue::from_str("copied"));
    let refused = js_sys::Promise::reject(&JsValue::from_str("refused"));
    deal_prep::app::platform::settled(Some(ok), record(&seen));
    deal_prep::app::platform::settled(Some(refused), record(&seen));
    assert!(
        seen.borrow().is_empty(),
        "a promise settles after the current task"
    );
    deal_prep::app::platform::settled(None, record(&seen));
    assert_eq!(*seen.borrow(), [Err(JsValue::UNDEFINED)], "no promise: at once");
    sleep_ms(20).await;
    assert_eq!(
        *seen.borrow(),
        [
            Err(JsValue::UNDEFINED),
            Ok(JsValue::from_str("copied")),
            Err(JsValue::from_str("refused"))
        ]
    );
}

/// Yew's keyed-list reorder, patched in vendor/yew (its changed middle is searched in a `Vec`,
/// not a hash set): after each new order the rows are in it, each kept row is the same DOM
/// node it was, removed rows are gone and new ones added.
#[wasm_bindgen_test]
async fn a_keyed_list_reordered_keeps_each_rows_node() {
    #[derive(yew::Properties, PartialEq)]
    struct RowsProps {
        keys: Vec<String>,
    }
    #[yew::component]
    fn Rows(props: &RowsProps) -> yew::Html {
        yew::html! {
            <ul>{ for props.keys.iter().map(|k| yew::html! { <li key={k.as_str()}>{ k.clone() }</li> }) }</ul>
        }
    }
    fn keys(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }
    fn rows(host: &web_sys::Element) -> Vec<web_sys::Element> {
        let list = host.query_selector_all("li").unwrap();
        (0..list.length())
            .map(|i| list.get(i).unwrap().unchecked_into())
            .collect()
    }
    let host = fresh_host();
    let mut app = yew::Renderer::<Rows>::with_root_and_props(
        host.clone(),
        RowsProps {
            keys: keys("a b c d e f g h"),
        },
    )
    .render();
    yew::scheduler::flush().await;
    // Same ends, a reversed middle; a shuffle with removals and additions; a key moved from the
    // end to the front; everything replaced.
    for order in [
        "a g f e d c b h",
        "x d a h c y",
        "y x d a h c",
        "y d x a h c",
        "p q",
    ] {
        let before: Vec<(String, web_sys::Element)> = rows(&host)
            .into_iter()
            .map(|r| (r.text_content().unwrap(), r))
            .collect();
        app.update(RowsProps { keys: keys(order) });
        yew::scheduler::flush().await;
        let after = rows(&host);
        let texts: Vec<String> = after.iter().map(|r| r.text_content().unwrap()).collect();
        assert_eq!(texts, keys(order), "the rows in the new order");
        for row in &after {
            let text = row.text_content().unwrap();
            if let Some((_, old)) = before.iter().find(|(t, _)| *t == text) {
                assert!(old.is_same_node(Some(row)), "row {text} kept its node in {order}");
            }
        }
    }
    app.destroy();
    host.remove();
}
