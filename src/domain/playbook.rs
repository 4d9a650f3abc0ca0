//! The personal playbook: every discovery question, pain question, cares-about line and
//! objection → response written in any call plan, collected and de-duplicated (case and spacing
//! aside), with how often and when each was last used; the seller curates it — edits the
//! wording, tags a stage and a qualification element, pins, removes.
//!
//! What is collected is computed from the deals, never stored. What is stored is the curation:
//! one [`Entry`] per line the seller touched, matched to the plans' lines by its `key` (the
//! folded text it was first kept from), so an edited wording still counts its uses and a
//! removed line stays removed (listed last, never suggested) however often it is written
//! again. Stored as `ns:playbook` (see docs/ARCHITECTURE.md); the page is `#/playbook`.

use super::carry::fold;
use super::{limit, Deal, DomainError, Id, Minutes, Refusal, Stage, LINE_MAX};

/// Which plan list a line comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Discovery,
    Pain,
    Cares,
    Objection,
}

super::keyed::stored_as_keys!(
    Kind,
    [
        Kind::Discovery => "dq",
        Kind::Pain => "pq",
        Kind::Cares => "cm",
        Kind::Objection => "ob",
    ]
);

/// A line the seller curated. Stored as a JSON array of its fields in order (see
/// `stored_as_array!` below).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: Id,
    pub kind: Kind,
    /// The folded text of the plan line it was kept from: how uses are matched.
    pub key: String,
    pub text: String,
    /// The response, for an objection (or how we meet what they care about).
    pub response: String,
    pub stage: Option<Stage>,
    /// A qualification element's key ("budget"), or empty.
    pub element: String,
    pub pinned: bool,
    /// Removed by the seller: hidden, and not collected again.
    pub removed: bool,
    /// When the seller last changed it: the newer side wins a merge.
    pub updated: Minutes,
}

impl Entry {
    /// The line `text` of `kind` kept as it is: no response, tag or pin (for tests and
    /// fixtures; `apply` keeps a line from the row shown).
    pub fn new(id: Id, kind: Kind, text: &str, updated: Minutes) -> Entry {
        Entry {
            id,
            kind,
            key: fold(text),
            text: text.to_owned(),
            response: String::new(),
            stage: None,
            element: String::new(),
            pinned: false,
            removed: false,
            updated,
        }
    }
}

super::keyed::stored_as_array!(Entry {
    id: Id,
    kind: Kind,
    key: String,
    text: String,
    response: String,
    stage: Option<Stage>,
    element: String,
    pinned: bool,
    removed: bool,
    updated: Minutes,
});

/// A line as the playbook shows it: the curated entry if there is one, and its use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub kind: Kind,
    pub key: String,
    pub text: String,
    pub response: String,
    pub entry: Option<Entry>,
    /// How many calls hold it.
    pub uses: usize,
    /// The latest of those calls.
    pub last_used: Option<Minutes>,
}

/// Every line of every plan, de-duplicated per kind (case and spacing aside), with its uses,
/// its last use and its latest wording. What [`rows`] joins with the curation; collected once
/// when a page needs it (it reads every deal), not at every render.
pub fn collect<'a>(deals: impl IntoIterator<Item = &'a Deal>) -> Vec<Row> {
    let mut found = Collector::default();
    for deal in deals {
        found.add(deal);
    }
    found.finish()
}

/// [`collect`] one deal at a time, so every stored deal can be read without holding them all.
/// Each line is found among those already collected by a linear search: fine for thousands of
/// distinct lines (a sorted map measured 240 B more wasm).
#[derive(Default)]
pub struct Collector(Vec<Row>);

impl Collector {
    pub fn add(&mut self, deal: &Deal) {
        for call in &deal.calls {
            let plan = &call.plan;
            let lines = plan
                .discovery
                .iter()
                .map(|l| (Kind::Discovery, &l.text, ""))
                .chain(plan.pain.iter().map(|l| (Kind::Pain, &l.text, "")))
                .chain(
                    plan.cares
                        .iter()
                        .map(|p| (Kind::Cares, &p.left, p.right.as_str())),
                )
                .chain(
                    plan.objections
                        .iter()
                        .map(|p| (Kind::Objection, &p.left, p.right.as_str())),
                );
            let mut seen: Vec<(Kind, String)> = Vec::new();
            for (kind, text, response) in lines {
                let key = (kind, fold(text));
                if key.1.is_empty() || seen.contains(&key) {
                    continue;
                }
                seen.push(key.clone());
                let (text, response) = (text.trim(), response.trim());
                let at = match self.0.iter().position(|r| r.kind == kind && r.key == key.1) {
                    Some(at) => at,
                    None => {
                        self.0.push(Row {
                            kind,
                            key: key.1,
                            text: String::new(),
                            response: String::new(),
                            entry: None,
                            uses: 0,
                            last_used: None,
                        });
                        self.0.len() - 1
                    }
                };
                let row = &mut self.0[at];
                row.uses += 1;
                if row.last_used.is_none_or(|at| at < call.at) {
                    row.last_used = Some(call.at);
                    (row.text, row.response) = (text.to_owned(), response.to_owned());
                }
            }
        }
    }

    pub fn finish(self) -> Vec<Row> {
        self.0
    }
}

/// The playbook as shown: the `collected` lines joined with the curated entries (a curated
/// line shows its entry's wording and counts the uses of the line it was kept from). Pinned
/// first, then the most used, then by text; removed ones last.
pub fn rows(collected: &[Row], entries: &[Entry]) -> Vec<Row> {
    let mut rows: Vec<Row> = entries
        .iter()
        .map(|e| Row {
            kind: e.kind,
            key: e.key.clone(),
            text: e.text.clone(),
            response: e.response.clone(),
            entry: Some(e.clone()),
            uses: 0,
            last_used: None,
        })
        .collect();
    // A curated line also counts the plans that hold its new wording (added from the
    // playbook, or typed so again), not only those holding the wording it was kept from.
    let worded: Vec<String> = rows.iter().map(|r| fold(&r.text)).collect();
    for line in collected {
        let curated = rows.iter().zip(&worded).position(|(r, w)| {
            r.entry.is_some() && r.kind == line.kind && (r.key == line.key || *w == line.key)
        });
        match curated.and_then(|at| rows.get_mut(at)) {
            Some(row) => {
                row.uses += line.uses;
                row.last_used = row.last_used.max(line.last_used);
            }
            None => rows.push(line.clone()),
        }
    }
    let pinned = |r: &Row| r.entry.as_ref().is_some_and(|e| e.pinned);
    super::order::sort_by(&mut rows, &|a, b| {
        a.removed()
            .cmp(&b.removed())
            .then(pinned(b).cmp(&pinned(a)))
            .then(b.uses.cmp(&a.uses))
            .then(a.key.cmp(&b.key))
    });
    rows
}

impl Row {
    /// Removed by the seller: listed last on the playbook page (to bring back), never suggested.
    pub fn removed(&self) -> bool {
        self.entry.as_ref().is_some_and(|e| e.removed)
    }
}

/// A change the seller makes to a line of the playbook. `key` and `kind` name the line; the
/// first change keeps it as an entry with `id`.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The line's wording, as typed (a blank one is refused).
    Text(String),
    /// The response, as typed.
    Response(String),
    Tag {
        stage: Option<Stage>,
        element: String,
    },
    Pin(bool),
    /// `true` hides the line; `false` brings a removed line back.
    Remove(bool),
}

/// Applies `change` to the line (`kind`, `key`, shown as `text`/`response`): to its entry in
/// `entries` (found by kind and key, whatever `line.entry` held when it was shown), or kept as
/// the new entry `id`. Returns the changed entry's id; on an error nothing has changed.
pub fn apply(
    entries: &mut Vec<Entry>,
    line: &Row,
    id: Id,
    change: Change,
    now: Minutes,
) -> Result<Id, Refusal> {
    let kept = entries.iter().find(|e| e.kind == line.kind && e.key == line.key);
    let mut entry = kept.cloned().unwrap_or_else(|| Entry {
        id,
        kind: line.kind,
        key: line.key.clone(),
        text: line.text.clone(),
        response: line.response.clone(),
        stage: None,
        element: String::new(),
        pinned: false,
        removed: false,
        updated: now,
    });
    match change {
        // Kept as typed, not trimmed: the field shows what is stored, and a trimmed "What "
        // would eat the space before the next word typed.
        Change::Text(text) => {
            if text.trim().is_empty() {
                return Err(DomainError::EmptyName.into());
            }
            entry.text = limit(&text, "line", LINE_MAX)?;
        }
        Change::Response(response) => entry.response = limit(&response, "response", LINE_MAX)?,
        Change::Tag { stage, element } => (entry.stage, entry.element) = (stage, element),
        Change::Pin(pinned) => entry.pinned = pinned,
        Change::Remove(removed) => entry.removed = removed,
    }
    entry.updated = now;
    let id = entry.id.clone();
    match entries.iter_mut().find(|e| e.id == id) {
        Some(slot) => *slot = entry,
        None => entries.push(entry),
    }
    Ok(id)
}

/// `base` with the entries of `over` laid on it: one `base` lacks is added, one both hold
/// replaces base's when it changed later.
///
/// - A file's over this browser's (`mine` is `None`): every entry of the file, ours kept on a
///   tie of their minutes.
/// - This tab's over another tab's written playbook (`base`): only the entries `mine`, changed
///   here and not yet written, and they win a tie. Every other entry is what this tab last read
///   or wrote, which theirs, written since, supersedes (one theirs lacks was removed there, by a
///   replace) — on a tie too: kept, this tab's older wording undid a word changed there within
///   the same minute, and was written back at the other tab without end.
pub fn merge(base: &[Entry], over: &[Entry], mine: Option<&[Id]>) -> Vec<Entry> {
    let mut merged = base.to_vec();
    for o in over.iter().filter(|o| mine.is_none_or(|m| m.contains(&o.id))) {
        match merged.iter_mut().find(|b| b.id == o.id) {
            Some(b) if o.updated > b.updated || mine.is_some() && o.updated == b.updated => *b = o.clone(),
            Some(_) => {}
            None => merged.push(o.clone()),
        }
    }
    merged
}

/// The lines of `kind` matching what is being typed (anywhere in the line, case aside), for
/// suggestions in a plan: at most `max`, in the playbook's order.
pub fn suggest<'a>(rows: &'a [Row], kind: Kind, typed: &str, max: usize) -> Vec<&'a Row> {
    let typed = fold(typed);
    rows.iter()
        .filter(|r| r.kind == kind && !r.removed() && crate::domain::text::contains(&r.key, &typed))
        .take(max)
        .collect()
}

/// The pinned discovery and pain questions for `stage` (tagged with it, or with no stage), as
/// (kind, text), for "Add my pinned questions for this stage".
pub fn pinned_questions(entries: &[Entry], stage: Stage) -> Vec<(Kind, &str)> {
    entries
        .iter()
        .filter(|e| e.pinned && !e.removed && matches!(e.kind, Kind::Discovery | Kind::Pain))
        .filter(|e| e.stage.is_none_or(|s| s == stage))
        .map(|e| (e.kind, e.text.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::id;
    use crate::domain::{deal::fixture, Call, CallKind, ListItem, Pair};

    /// A call's time, its discovery questions, its objections → responses.
    type Plan<'a> = (i64, Vec<&'a str>, Vec<(&'a str, &'a str)>);

    fn deal_with(calls: Vec<Plan>) -> Deal {
        let mut deal = fixture(Minutes(0));
        for (n, (at, questions, objections)) in calls.into_iter().enumerate() {
            let mut call = Call::new(id(&format!("c{n}")), Minutes(at), CallKind::Discovery);
            call.plan.discovery = questions
                .iter()
                .enumerate()
                .map(|(i, q)| ListItem {
                    id: id(&format!("q{i}")),
                    text: (*q).into(),
                    done: false,
                    note: String::new(),
                })
                .collect();
            call.plan.objections = objections
                .iter()
                .enumerate()
                .map(|(i, (l, r))| Pair {
                    id: id(&format!("o{i}")),
                    left: (*l).into(),
                    right: (*r).into(),
                })
                .collect();
            deal.calls.push(call);
        }
        deal
    }

    #[test]
    fn lines_are_collected_once_with_their_uses_and_last_use() {
        let a = deal_with(vec![
            (
                10,
                vec!["How do you plan today?", "how do  you plan TODAY?"],
                vec![("Too pricey", "Cost of delay")],
            ),
            (30, vec!["  How do you plan today? "], vec![]),
        ]);
        let mut b = deal_with(vec![(
            20,
            vec!["Who signs?"],
            vec![("too PRICEY", "ROI in 6 months")],
        )]);
        b.id = id("d2");
        let rows = rows(&collect([&a, &b]), &[]);
        let find = |kind, text: &str| {
            rows.iter()
                .find(|r| r.kind == kind && r.key == fold(text))
                .unwrap()
        };
        let plan = find(Kind::Discovery, "how do you plan today?");
        assert_eq!(
            (plan.uses, plan.last_used),
            (2, Some(Minutes(30))),
            "twice in one call counts once"
        );
        assert_eq!(plan.text, "How do you plan today?");
        let pricey = find(Kind::Objection, "too pricey");
        assert_eq!(pricey.uses, 2);
        assert_eq!(
            pricey.response, "ROI in 6 months",
            "the latest wording and response"
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].key, fold("How do you plan today?"), "the most used first");
    }

    /// The wording and the response are edited one at a time: each edit keeps the other as
    /// stored, not as it was when the row was drawn.
    #[test]
    fn wording_and_response_are_edited_apart() {
        let deal = deal_with(vec![(10, vec![], vec![("Too pricey", "Show the payback")])]);
        let mut entries = Vec::new();
        let row = rows(&collect([&deal]), &entries)[0].clone();
        apply(
            &mut entries,
            &row,
            id("e1"),
            Change::Response("Payback in 6 months".into()),
            Minutes(20),
        )
        .unwrap();
        // The row as drawn before the response was typed: its wording edit keeps the response.
        apply(
            &mut entries,
            &row,
            id("e2"),
            Change::Text("Too expensive".into()),
            Minutes(21),
        )
        .unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(
            (entries[0].text.as_str(), entries[0].response.as_str()),
            ("Too expensive", "Payback in 6 months")
        );
    }

    #[test]
    fn curation_is_kept_by_key_and_removed_lines_stay_hidden() {
        let deal = deal_with(vec![(10, vec!["Who signs?", "What is the budget?"], vec![])]);
        let mut entries = Vec::new();
        let rows0 = rows(&collect([&deal]), &entries);
        let signs = rows0.iter().find(|r| r.key == "who signs?").unwrap().clone();
        apply(
            &mut entries,
            &signs,
            id("e1"),
            Change::Text("Who signs the order?".into()),
            Minutes(50),
        )
        .unwrap();
        let budget = rows0
            .iter()
            .find(|r| r.key == "what is the budget?")
            .unwrap()
            .clone();
        apply(&mut entries, &budget, id("e2"), Change::Pin(true), Minutes(51)).unwrap();
        // Typed word by word: a space typed last is kept for the next word.
        let typing = rows(&collect([&deal]), &entries)[1].clone();
        let mut typed = entries.clone();
        for text in ["What ", "What is"] {
            apply(
                &mut typed,
                &typing,
                id("e9"),
                Change::Text(text.into()),
                Minutes(52),
            )
            .unwrap();
            let edited = typed.iter().find(|e| e.key == typing.key).unwrap();
            assert_eq!(edited.text, text, "kept as typed");
        }
        // A row shown before its line was kept (no entry then) changes the same entry.
        apply(&mut entries, &signs, id("e3"), Change::Pin(false), Minutes(51)).unwrap();
        assert_eq!(
            entries.len(),
            2,
            "one entry per line, however stale the row shown"
        );
        assert_eq!(entries[0].text, "Who signs the order?", "the edit kept");
        let rows1 = rows(&collect([&deal]), &entries);
        assert_eq!(rows1[0].text, "What is the budget?", "pinned first");
        let edited = rows1.iter().find(|r| r.key == "who signs?").unwrap();
        assert_eq!(
            (edited.text.as_str(), edited.uses),
            ("Who signs the order?", 1),
            "an edit keeps counting its uses"
        );
        // A plan that holds the new wording counts for the same line, not a second one.
        let mut later = deal_with(vec![(40, vec!["who signs the ORDER?"], vec![])]);
        later.id = id("d9");
        let both = rows(&collect([&deal, &later]), &entries);
        let signs: Vec<&Row> = both.iter().filter(|r| r.text.contains("signs")).collect();
        assert_eq!(signs.len(), 1, "{signs:?}");
        assert_eq!((signs[0].uses, signs[0].last_used), (2, Some(Minutes(40))));
        // Removed: hidden, even though the plans still hold it.
        let edited = edited.clone();
        apply(
            &mut entries,
            &edited,
            id("unused"),
            Change::Remove(true),
            Minutes(52),
        )
        .unwrap();
        assert_eq!(entries.len(), 2, "the same entry, changed");
        let after = rows(&collect([&deal]), &entries);
        assert!(
            after.last().is_some_and(|r| r.key == "who signs?" && r.removed()),
            "listed last"
        );
        assert!(
            suggest(&after, Kind::Discovery, "", 9)
                .iter()
                .all(|r| !r.removed()),
            "never suggested"
        );
        // Brought back, with its wording.
        let mut restored = entries.clone();
        apply(
            &mut restored,
            &edited,
            id("unused"),
            Change::Remove(false),
            Minutes(53),
        )
        .unwrap();
        let back = rows(&collect([&deal]), &restored);
        assert!(back
            .iter()
            .any(|r| r.text == "Who signs the order?" && r.uses == 1));
        // A refused edit changes nothing.
        let before = entries.clone();
        let pinned = rows(&collect([&deal]), &entries)[0].clone();
        assert!(apply(
            &mut entries,
            &pinned,
            id("x"),
            Change::Text("  ".into()),
            Minutes(60)
        )
        .is_err());
        assert!(apply(
            &mut entries,
            &pinned,
            id("x"),
            Change::Text("x".repeat(LINE_MAX + 1)),
            Minutes(60)
        )
        .is_err());
        assert_eq!(entries, before);
        assert_eq!(
            pinned_questions(&entries, Stage::Discovery),
            [(Kind::Discovery, "What is the budget?")]
        );
    }

    #[test]
    fn merging_keeps_every_entry_and_the_newer_change() {
        let entry = |i: &str, text: &str, at: i64| Entry::new(id(i), Kind::Discovery, text, Minutes(at));
        let ours = vec![
            entry("a", "Ours newer", 20),
            entry("b", "Only ours", 1),
            entry("c", "Tie ours", 5),
        ];
        let theirs = vec![
            entry("a", "Theirs older", 10),
            entry("d", "Only theirs", 3),
            entry("c", "Tie theirs", 5),
        ];
        let merged = merge(&ours, &theirs, None);
        let texts: Vec<&str> = merged.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["Ours newer", "Only ours", "Tie ours", "Only theirs"]);
        assert_eq!(merge(&theirs, &ours, None).len(), 4);
        let newer = vec![entry("b", "Theirs, later", 9)];
        assert_eq!(merge(&ours, &newer, None)[1].text, "Theirs, later");

        // This tab's over another tab's: theirs (what ours holds was read or written before
        // theirs), but for the entries changed here and not yet written: the later change of
        // those wins, ours on a tie.
        let texts = |mine: &[Id]| -> Vec<String> {
            merge(&theirs, &ours, Some(mine))
                .into_iter()
                .map(|e| e.text)
                .collect()
        };
        assert_eq!(texts(&[]), ["Theirs older", "Only theirs", "Tie theirs"]);
        assert_eq!(
            texts(&[id("a"), id("b"), id("c")]),
            ["Ours newer", "Only theirs", "Tie ours", "Only ours"]
        );
        assert_eq!(merge(&newer, &ours, Some(&[id("b")]))[0].text, "Theirs, later");
    }

    #[test]
    fn suggestions_match_anywhere_in_the_line_and_pins_follow_the_stage() {
        let deal = deal_with(vec![(
            10,
            vec!["What is the budget?", "Who owns the budget?", "Who signs?"],
            vec![],
        )]);
        let all = rows(&collect([&deal]), &[]);
        let found: Vec<&str> = suggest(&all, Kind::Discovery, "BUDGET", 5)
            .iter()
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(suggest(&all, Kind::Objection, "budget", 5).is_empty());
        assert_eq!(suggest(&all, Kind::Discovery, "", 1).len(), 1);
        let mut entries = Vec::new();
        apply(&mut entries, &all[0], id("e1"), Change::Pin(true), Minutes(1)).unwrap();
        let row = rows(&collect([&deal]), &entries)[0].clone();
        apply(
            &mut entries,
            &row,
            id("e1"),
            Change::Tag {
                stage: Some(Stage::Proposal),
                element: "budget".into(),
            },
            Minutes(2),
        )
        .unwrap();
        assert!(pinned_questions(&entries, Stage::Discovery).is_empty());
        assert_eq!(pinned_questions(&entries, Stage::Proposal).len(), 1);
    }

    #[test]
    fn entries_are_stored_compactly_and_read_back() {
        let e = Entry {
            id: id("e1"),
            kind: Kind::Objection,
            key: "too pricey".into(),
            text: "Too pricey".into(),
            response: "Cost of delay".into(),
            stage: Some(Stage::Proposal),
            element: "budget".into(),
            pinned: true,
            removed: false,
            updated: Minutes(7),
        };
        let text = crate::domain::json::to_string(&e);
        assert_eq!(
            text,
            r#"["e1","ob","too pricey","Too pricey","Cost of delay","proposal","budget",true,false,7]"#
        );
        assert_eq!(crate::domain::json::from_str::<Entry>(&text).unwrap(), e);
    }
}
