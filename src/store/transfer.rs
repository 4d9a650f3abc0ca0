//! Export and import: one JSON file with every deal, the templates and the schema version.
//! Imports are validated field by field before anything is written, previewed, and merged by id
//! so that a newer revision is never replaced silently. Pure Rust, tested natively.

use crate::domain::json::{self, Decode, Raw};

use super::codec::SCHEMA_VERSION;
use crate::domain::playbook::Entry;
use crate::domain::{Deal, Id, Minutes, Template, KEY_MAX, LINE_MAX, NAME_MAX, NOTE_MAX, VALUE_MAX};

/// The file's `app` field: refuses files from other tools early, with a clear message.
pub const APP: &str = "deal-prep";
/// Largest file accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_DEALS: usize = 20_000;
pub const MAX_ITEMS: usize = 1_000;

/// Written by `export`; read only through `parse_import`, which checks every field.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportFile {
    pub app: String,
    pub app_version: String,
    pub schema: u32,
    /// Local wall-clock minutes.
    pub exported_at: Minutes,
    pub deals: Vec<Deal>,
    pub templates: Vec<Template>,
    /// The playbook's curated entries (what it collects comes with the deals).
    pub playbook: Vec<Entry>,
    /// Records kept aside (unreadable, or from a newer version), as `[key, raw text]`: a backup
    /// carries them too. An import leaves them out; they are restored by hand if ever needed.
    pub aside: Vec<(String, String)>,
}

crate::domain::keyed::stored_as_object!(write ExportFile {
    app: "app",
    app_version: "app_version",
    schema: "schema",
    exported_at: "exported_at",
    deals: "deals",
    templates: "templates",
    #[omit_empty]
    playbook: "playbook",
    #[omit_empty]
    aside: "aside",
});

/// Builds the export file for `deals` and `templates`.
pub fn export(deals: Vec<Deal>, templates: Vec<Template>, now: Minutes) -> ExportFile {
    ExportFile {
        app: APP.to_owned(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema: SCHEMA_VERSION,
        exported_at: now,
        deals,
        templates,
        playbook: Vec::new(),
        aside: Vec::new(),
    }
}

pub fn to_json(file: &ExportFile) -> String {
    json::to_string(file)
}

/// `deal-prep-2026-11-26.json` for the `kind` "json", or with the deal's name for a single-deal
/// export (or a call's calendar file, `kind` "ics").
pub fn file_name(now: Minutes, what: Option<&str>, kind: &str) -> String {
    // The first six runs of ASCII letters and digits, lowercased, joined by dashes.
    let (mut slug, mut words, mut gap) = (String::new(), 0, true);
    for c in what.unwrap_or("").chars() {
        if !c.is_ascii_alphanumeric() {
            gap = true;
            continue;
        }
        if gap {
            if words == 6 {
                break;
            }
            if words > 0 {
                slug.push('-');
            }
            (words, gap) = (words + 1, false);
        }
        slug.push(c.to_ascii_lowercase());
    }
    let day = now.day();
    if slug.is_empty() {
        format!("deal-prep-{day}.{kind}")
    } else {
        format!("deal-prep-{slug}-{day}.{kind}")
    }
}

/// Why an import file was refused, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("The file is {0} MB; the limit is 10 MB.")]
    TooLarge(usize),
    #[error("The file is not valid JSON: {message} (line {line}, column {column}).")]
    Syntax {
        message: String,
        line: usize,
        column: usize,
    },
    #[error("This is not a Deal Prep export (no \"app\": \"deal-prep\" field).")]
    NotOurs,
    #[error("This file was exported by a newer Deal Prep (schema {0}); update the app to import it.")]
    Newer(u32),
    #[error("Problem at {place}: {message}")]
    Invalid { place: String, message: String },
}

/// What the checks pass back: boxed, so each of their many results is one pointer, not the
/// two texts of a refusal (measured: 852 B of gzip wasm).
pub type Refused = Box<ImportError>;

fn invalid(place: impl Into<String>, message: impl Into<String>) -> Refused {
    Box::new(ImportError::Invalid {
        place: place.into(),
        message: message.into(),
    })
}

/// Keys that mean something special to JavaScript objects; a file carrying them is refused
/// outright, whatever they hold.
const FORBIDDEN_KEYS: [&str; 3] = ["__proto__", "constructor", "prototype"];

/// Finds an object key from [`FORBIDDEN_KEYS`] anywhere in `text` (valid JSON), with its line.
/// A string is a key exactly when the next character after it (spaces aside) is a colon.
fn forbidden_key(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'"' {
            at += 1;
            continue;
        }
        let start = at;
        at += 1;
        while at < bytes.len() && bytes[at] != b'"' {
            at += if bytes[at] == b'\\' { 2 } else { 1 };
        }
        let literal = text.get(start..=at)?;
        at += 1;
        let rest = text.get(at..).unwrap_or_default().trim_start();
        if !rest.starts_with(':') {
            continue;
        }
        // Keys are compared decoded, so `"\u005f_proto__"` is caught too.
        let Ok(key) = json::from_str::<String>(literal) else {
            continue;
        };
        if FORBIDDEN_KEYS.contains(&key.as_str()) {
            let line = 1 + bytes[..start].iter().filter(|&&b| b == b'\n').count();
            return Some((key, line));
        }
    }
    None
}

/// The top level of an import file, each field kept as raw JSON so that every problem is
/// reported in the file's own terms (and each deal is parsed, and blamed, on its own).
struct Incoming<'a> {
    app: Option<Raw<'a>>,
    app_version: Option<Raw<'a>>,
    schema: Option<Raw<'a>>,
    exported_at: Option<Raw<'a>>,
    deals: Option<Raw<'a>>,
    templates: Option<Raw<'a>>,
    playbook: Option<Raw<'a>>,
}

crate::domain::keyed::stored_as_object!(read Incoming<'de> {
    app: "app" = None,
    app_version: "app_version" = None,
    schema: "schema" = None,
    exported_at: "exported_at" = None,
    deals: "deals" = None,
    templates: "templates" = None,
    playbook: "playbook" = None,
});

/// `raw` read as a `T`, or `None` when it is missing or of another type.
fn field<'a, T: Decode<'a>>(raw: Option<Raw<'a>>) -> Option<T> {
    json::from_str(raw?.0).ok()
}

/// A part of the file read as a `T`, or what is wrong with it and where.
fn part<'a, T: Decode<'a>>(raw: Raw<'a>, place: &str) -> Result<T, Refused> {
    json::from_str(raw.0).map_err(|e| invalid(place, e.message()))
}

fn check_len(text: &str, max: usize, place: &str) -> Result<(), Refused> {
    let n = text.chars().count();
    if n > max {
        Err(invalid(place, format!("text of {n} characters (at most {max})")))
    } else {
        Ok(())
    }
}

fn check_count(n: usize, place: &str) -> Result<(), Refused> {
    if n > MAX_ITEMS {
        Err(invalid(place, format!("{n} entries (at most {MAX_ITEMS})")))
    } else {
        Ok(())
    }
}

fn unique<'a>(ids: impl Iterator<Item = &'a Id>, place: &str) -> Result<(), Refused> {
    match crate::domain::order::first_twice(ids) {
        Some(id) => Err(invalid(place, format!("the id \"{id}\" appears twice"))),
        None => Ok(()),
    }
}

/// The largest revision a file may carry: 2^53, what a JavaScript number holds exactly. Edits
/// add to it with saturating arithmetic, so even this one cannot wrap.
pub const MAX_REV: u64 = 1 << 53;

/// The first minute of the year 1 and the last of 9999: every imported time lies between —
/// the years a date field takes (see `Day::parse`), so every export imports back.
const FIRST_MINUTE: i64 = -719_162 * 1_440;
const LAST_MINUTE: i64 = 2_932_896 * 1_440 + 1_439;

fn check_time(at: Minutes, place: &str) -> Result<(), Refused> {
    if (FIRST_MINUTE..=LAST_MINUTE).contains(&at.0) {
        Ok(())
    } else {
        Err(invalid(
            place,
            format!("the time {} is outside the years 1–9999", at.0),
        ))
    }
}

fn check_day(day: Option<crate::domain::Day>, place: &str) -> Result<(), Refused> {
    day.map_or(Ok(()), |d| check_time(d.start(), place))
}

/// Every limit a stored deal must respect (beyond what its types already enforce).
pub fn validate_deal(deal: &Deal, place: &str) -> Result<(), Refused> {
    if deal.rev > MAX_REV {
        return Err(invalid(
            format!("{place}.rev"),
            format!("revision {} (at most 2^53)", deal.rev),
        ));
    }
    check_time(deal.created, &format!("{place}.created"))?;
    check_time(deal.updated, &format!("{place}.updated"))?;
    check_day(deal.target, &format!("{place}.target"))?;
    for m in &deal.moves {
        check_time(m.at, &format!("{place}.moves"))?;
    }
    for (at, _) in &deal.snapshots {
        check_time(*at, &format!("{place}.snapshots"))?;
    }
    for p in &deal.people {
        check_day(p.last_contact, &format!("{place}.people"))?;
    }
    check_len(&deal.name, NAME_MAX, &format!("{place}.name"))?;
    if deal.name.trim().is_empty() {
        return Err(invalid(format!("{place}.name"), "a deal needs a name"));
    }
    check_len(&deal.client, NAME_MAX, &format!("{place}.client"))?;
    check_len(&deal.value, VALUE_MAX, &format!("{place}.value"))?;
    check_count(deal.people.len(), &format!("{place}.people"))?;
    check_count(deal.calls.len(), &format!("{place}.calls"))?;
    check_count(deal.evidence.len(), &format!("{place}.evidence"))?;
    check_count(deal.snapshots.len(), &format!("{place}.snapshots"))?;
    check_count(deal.moves.len(), &format!("{place}.moves"))?;
    unique(deal.people.iter().map(|p| &p.id), &format!("{place}.people"))?;
    unique(deal.calls.iter().map(|c| &c.id), &format!("{place}.calls"))?;
    for e in &deal.evidence {
        check_len(&e.key, KEY_MAX, &format!("{place}.evidence"))?;
        check_len(&e.note, NOTE_MAX, &format!("{place}.evidence.{}", e.key))?;
    }
    for (i, p) in deal.people.iter().enumerate() {
        let at = format!("{place}.people[{i}]");
        check_len(&p.name, NAME_MAX, &at)?;
        check_len(&p.title, NAME_MAX, &at)?;
        check_len(&p.notes, NOTE_MAX, &at)?;
    }
    for (i, c) in deal.calls.iter().enumerate() {
        let at = format!("{place}.calls[{i}]");
        check_time(c.at, &format!("{at}.at"))?;
        check_day(
            c.review.as_ref().and_then(|r| r.next_step_on),
            &format!("{at}.review"),
        )?;
        let plan = &c.plan;
        check_len(&plan.objective, LINE_MAX, &at)?;
        check_len(&plan.ask, LINE_MAX, &at)?;
        for list in [&plan.agenda, &plan.discovery, &plan.pain] {
            check_count(list.len(), &at)?;
            unique(list.iter().map(|l| &l.id), &at)?;
            list.iter()
                .try_for_each(|l| check_len(&l.text, LINE_MAX, &at).and(check_len(&l.note, LINE_MAX, &at)))?;
        }
        for pairs in [&plan.cares, &plan.objections] {
            check_count(pairs.len(), &at)?;
            unique(pairs.iter().map(|l| &l.id), &at)?;
            pairs.iter().try_for_each(|p| {
                check_len(&p.left, LINE_MAX, &at).and(check_len(&p.right, LINE_MAX, &at))
            })?;
        }
        check_count(plan.checked.len(), &at)?;
        check_count(c.attendees.len(), &at)?;
        if let Some(d) = &c.draft {
            let long = [&d.happened, &d.cues, &d.we_promised, &d.they_promised];
            for text in long.into_iter().chain(&d.how) {
                check_len(text, NOTE_MAX, &format!("{at}.draft"))?;
            }
            check_len(&d.next_step, LINE_MAX, &format!("{at}.draft"))?;
            check_count(d.evidence.len(), &format!("{at}.draft"))?;
            check_count(d.suggested.len(), &format!("{at}.draft"))?;
        }
        if let Some(r) = &c.review {
            for text in [&r.happened, &r.cues, &r.how[0], &r.how[1], &r.how[2], &r.how[3]] {
                check_len(text, NOTE_MAX, &format!("{at}.review"))?;
            }
            check_len(&r.next_step, LINE_MAX, &format!("{at}.review"))?;
            for promises in [&r.we_promised, &r.they_promised] {
                check_count(promises.len(), &format!("{at}.review"))?;
                promises
                    .iter()
                    .try_for_each(|p| check_len(p, LINE_MAX, &format!("{at}.review")))?;
            }
        }
    }
    Ok(())
}

fn validate_template(t: &Template, place: &str) -> Result<(), Refused> {
    check_len(&t.name, NAME_MAX, &format!("{place}.name"))?;
    check_count(t.items.len(), &format!("{place}.items"))?;
    unique(t.items.iter().map(|i| &i.id), &format!("{place}.items"))?;
    for (i, item) in t.items.iter().enumerate() {
        let at = format!("{place}.items[{i}]");
        check_len(&item.text, NAME_MAX, &at)?;
        check_len(&item.hint, LINE_MAX, &at)?;
        if !(1..=3).contains(&item.weight) {
            return Err(invalid(at, format!("weight {} (must be 1, 2 or 3)", item.weight)));
        }
    }
    Ok(())
}

/// Parses and validates an import file. Nothing is written here; a malformed or hostile file
/// is refused with the problem and where it is.
pub fn parse_import(text: &str) -> Result<ExportFile, Refused> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(text.len().div_ceil(1024 * 1024)).into());
    }
    let Raw(top) = json::from_str(text).map_err(|e| {
        let (line, column) = e.position(text);
        ImportError::Syntax {
            message: e.message(),
            line,
            column,
        }
    })?;
    let Ok(file) = json::from_str::<Incoming>(top) else {
        return Err(ImportError::NotOurs.into());
    };
    if field::<String>(file.app).as_deref() != Some(APP) {
        return Err(ImportError::NotOurs.into());
    }
    if let Some((key, line)) = forbidden_key(text) {
        return Err(invalid(
            format!("line {line}"),
            format!("the key \"{key}\" is not allowed"),
        ));
    }
    let schema: u64 = field(file.schema).ok_or_else(|| invalid("schema", "missing or not a number"))?;
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(ImportError::Newer(schema.min(u64::from(u32::MAX)) as u32).into());
    }
    if schema < 2 {
        return Err(invalid(
            "schema",
            format!("schema {schema} files are not supported"),
        ));
    }
    let deals: Vec<Raw> = field(file.deals).ok_or_else(|| invalid("deals", "missing or not a list"))?;
    if deals.len() > MAX_DEALS {
        return Err(invalid(
            "deals",
            format!("{} deals (at most {MAX_DEALS})", deals.len()),
        ));
    }
    let mut parsed = Vec::with_capacity(deals.len());
    for (i, raw) in deals.iter().enumerate() {
        let place = format!("deals[{i}]");
        let deal: Deal = part(*raw, &place)?;
        validate_deal(&deal, &place)?;
        parsed.push(deal);
    }
    unique(parsed.iter().map(|d| &d.id), "deals")?;
    let templates: Vec<Template> = match file.templates {
        None => Vec::new(),
        Some(t) => part(t, "templates")?,
    };
    for (i, t) in templates.iter().enumerate() {
        validate_template(t, &format!("templates[{i}]"))?;
    }
    unique(templates.iter().map(|t| &t.id), "templates")?;
    let playbook: Vec<Entry> = match file.playbook {
        None => Vec::new(),
        Some(p) => part(p, "playbook")?,
    };
    check_count(playbook.len(), "playbook")?;
    let long = |t: &str, max| t.chars().count() > max;
    if let Some(i) = playbook.iter().position(|e| {
        e.text.trim().is_empty()
            || [&e.key, &e.text, &e.response].iter().any(|t| long(t, LINE_MAX))
            || long(&e.element, KEY_MAX)
            || check_time(e.updated, "").is_err()
    }) {
        return Err(invalid(
            format!("playbook[{i}]"),
            "an empty or too long line, or an impossible time",
        ));
    }
    unique(playbook.iter().map(|e| &e.id), "playbook")?;
    let exported_at = field(file.exported_at).map(Minutes).unwrap_or_default();
    let app_version = field::<String>(file.app_version)
        .unwrap_or_default()
        .chars()
        .take(20)
        .collect();
    Ok(ExportFile {
        app: APP.to_owned(),
        app_version,
        schema: SCHEMA_VERSION,
        exported_at,
        deals: parsed,
        templates,
        playbook,
        aside: Vec::new(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::domain::sample::generate;
    use crate::domain::testing::now;
    use crate::store::local::Meta;

    #[test]
    fn a_backup_is_due_after_a_week_or_fifty_edits() {
        let mut meta = Meta::default();
        assert!(!meta.backup_due(now()), "no data edited yet");
        meta.record_edit(now());
        assert!(!meta.backup_due(now().plus_days(6)));
        assert!(meta.backup_due(now().plus_days(7)));
        let mut busy = Meta::default();
        for _ in 0..50 {
            busy.record_edit(now());
        }
        assert!(busy.backup_due(now()));
    }

    fn file() -> String {
        to_json(&export(
            generate(3, 2, 1, now()),
            vec![Template::default_template()],
            now(),
        ))
    }

    #[test]
    fn an_export_imports_back_unchanged() {
        let original = export(
            generate(5, 3, 9, now()),
            vec![Template::default_template()],
            now(),
        );
        assert_eq!(parse_import(&to_json(&original)), Ok(original));
    }

    #[test]
    fn the_playbook_travels_in_the_file_and_a_bad_entry_is_refused_with_its_place() {
        use crate::domain::playbook::Kind;
        let entry = |id: &str, text: &str| Entry {
            response: "Cost of delay".into(),
            stage: Some(crate::domain::Stage::Proposal),
            element: "budget".into(),
            pinned: true,
            ..Entry::new(Id::new(id).unwrap(), Kind::Objection, text, now())
        };
        let mut file = export(generate(1, 1, 3, now()), vec![], now());
        file.playbook = vec![entry("p1", "Too pricey"), entry("p2", "No time")];
        assert_eq!(
            parse_import(&to_json(&file)).map(|f| f.playbook),
            Ok(file.playbook.clone())
        );
        let place = |f: &ExportFile| match refused(&to_json(f)) {
            ImportError::Invalid { place, .. } => place,
            other => panic!("{other:?}"),
        };
        let mut bad = file.clone();
        bad.playbook[1].text = "   ".into();
        assert_eq!(place(&bad), "playbook[1]");
        let mut bad = file.clone();
        bad.playbook[0].response = "x".repeat(LINE_MAX + 1);
        assert_eq!(place(&bad), "playbook[0]");
        let mut bad = file.clone();
        bad.playbook[1].id = bad.playbook[0].id.clone();
        assert_eq!(place(&bad), "playbook");
        let text = to_json(&file).replace("\"ob\"", "\"zz\"");
        assert!(matches!(refused(&text), ImportError::Invalid { place, .. } if place == "playbook"));
    }

    #[test]
    fn file_names_are_dated_and_safe() {
        assert_eq!(file_name(now(), None, "json"), "deal-prep-2026-11-26.json");
        assert_eq!(
            file_name(now(), Some("Acme / <Pilot>!"), "ics"),
            "deal-prep-acme-pilot-2026-11-26.ics"
        );
        // Six words at most, runs of anything else one dash, nothing but ASCII kept.
        assert_eq!(
            file_name(
                now(),
                Some("--Ünïcode  one two three four five six seven--"),
                "json"
            ),
            "deal-prep-n-code-one-two-three-four-2026-11-26.json"
        );
        assert_eq!(file_name(now(), Some("¿?"), "json"), "deal-prep-2026-11-26.json");
    }

    fn refused(text: &str) -> ImportError {
        *parse_import(text).expect_err("the file must be refused")
    }

    #[test]
    fn a_corpus_of_bad_files_is_refused_with_the_place() {
        let good = file();
        // Truncated: a syntax error with line and column.
        match refused(&good[..good.len() / 2]) {
            ImportError::Syntax { line, column, .. } => assert!(line >= 1 && column > 0),
            other => panic!("{other:?}"),
        }
        let broken = "{\n  \"app\": \"deal-prep\",\n  \"schema\": 2 \"deals\": []\n}";
        assert_eq!(
            refused(broken).to_string(),
            "The file is not valid JSON: expected `,` or `}`, found text (line 3, column 15)."
        );
        assert_eq!(refused(r#"{"hello":1}"#), ImportError::NotOurs);
        assert_eq!(
            refused(r#"{"app":7,"schema":2,"deals":[]}"#),
            ImportError::NotOurs
        );
        assert_eq!(refused("[1, 2]"), ImportError::NotOurs);
        // The app's name may be written with escapes: it is compared decoded.
        assert!(parse_import(r#"{"app":"deal\u002dprep","schema":2,"deals":[]}"#).is_ok());
        assert_eq!(
            refused(r#"{"app":"deal-prep","schema":99,"deals":[]}"#),
            ImportError::Newer(99)
        );
        // Wrong types and enums.
        let wrong_type = good.replacen(r#""s":""#, r#""s":7,"x":""#, 1);
        assert!(matches!(refused(&wrong_type), ImportError::Invalid { place, .. } if place == "deals[0]"));
        let bad_enum =
            good.replacen(r#""o":"open""#, r#""o":"maybe""#, 1)
                .replacen(r#""o":"won""#, r#""o":"maybe""#, 1);
        if bad_enum != good {
            assert!(matches!(refused(&bad_enum), ImportError::Invalid { .. }));
        }
        // Huge strings.
        let mut huge = export(generate(1, 1, 1, now()), vec![], now());
        huge.deals[0].name = "x".repeat(201);
        assert!(
            matches!(refused(&to_json(&huge)), ImportError::Invalid { place, .. } if place == "deals[0].name")
        );
        // Call mode's answers and a review's promises are held to a line each.
        let mut answer = export(generate(1, 1, 1, now()), vec![], now());
        let call = &mut answer.deals[0].calls[0];
        call.plan.agenda.push(crate::domain::ListItem {
            id: Id::new("zz").unwrap(),
            text: "Intros".into(),
            done: true,
            note: "x".repeat(LINE_MAX + 1),
        });
        assert!(
            matches!(refused(&to_json(&answer)), ImportError::Invalid { place, .. } if place == "deals[0].calls[0]")
        );
        let mut promised = export(generate(1, 1, 1, now()), vec![], now());
        promised.deals[0].calls[0].review = Some(crate::domain::Review {
            they_promised: vec!["x".repeat(LINE_MAX + 1)],
            ..Default::default()
        });
        assert!(
            matches!(refused(&to_json(&promised)), ImportError::Invalid { place, .. } if place == "deals[0].calls[0].review")
        );
        // Duplicate ids.
        let mut dup = export(generate(2, 1, 1, now()), vec![], now());
        dup.deals[1].id = dup.deals[0].id.clone();
        assert!(matches!(refused(&to_json(&dup)), ImportError::Invalid { place, .. } if place == "deals"));
        // Bad id format.
        let bad_id = good.replacen(r#""i":"d"#, r#""i":"D B"#, 1);
        assert!(matches!(refused(&bad_id), ImportError::Invalid { .. }));
        // Prototype-pollution style keys.
        let polluted = good.replacen(
            r#""app":"deal-prep","#,
            r#""app":"deal-prep","__proto__":{"admin":true},"#,
            1,
        );
        assert!(
            matches!(refused(&polluted), ImportError::Invalid { message, .. } if message.contains("__proto__"))
        );
        // Too large.
        assert!(matches!(
            refused(&" ".repeat(MAX_BYTES + 1)),
            ImportError::TooLarge(_)
        ));
        // Template weights.
        let mut heavy = export(vec![], vec![Template::default_template()], now());
        heavy.templates[0].items[0].weight = 9;
        assert!(matches!(refused(&to_json(&heavy)), ImportError::Invalid { .. }));
    }

    #[test]
    fn forbidden_keys_are_found_wherever_they_are_and_however_spelled() {
        assert_eq!(
            forbidden_key(r#"{"a":{"b":[{"constructor":1}]}}"#),
            Some(("constructor".into(), 1))
        );
        assert_eq!(
            forbidden_key("{\n\"a\":1,\n  \"\\u005f_proto__\" :2}"),
            Some(("__proto__".into(), 3))
        );
        // As a value, or inside another string, the word is only text.
        assert_eq!(
            forbidden_key(r#"{"note":"__proto__","x":["prototype"],"y":"a \"constructor\": b"}"#),
            None
        );
        let mut f = export(generate(1, 1, 1, now()), vec![], now());
        f.deals[0].name = "__proto__".into();
        assert!(parse_import(&to_json(&f)).is_ok());
    }

    #[test]
    fn script_tags_in_text_are_kept_as_plain_text() {
        let mut f = export(generate(1, 1, 1, now()), vec![], now());
        f.deals[0].name = "<script>alert(1)</script>".into();
        let back = parse_import(&to_json(&f)).unwrap();
        assert_eq!(back.deals[0].name, "<script>alert(1)</script>");
    }

    /// Whatever a date field takes travels in the file: a year typed digit by digit passes
    /// through 0002, 0020 and 0202 (each saved as typed), and a deal holding one — or a typo
    /// like 1950 — must not make the backup unreadable.
    #[test]
    fn every_date_a_field_takes_travels_in_the_file() {
        use crate::domain::Day;
        assert_eq!(Day::parse("0001-01-01").unwrap().start().0, FIRST_MINUTE);
        let mut f = export(generate(1, 1, 1, now()), vec![], now());
        let deal = &mut f.deals[0];
        deal.target = Some(Day::parse("0002-12-15").unwrap());
        deal.people[0].last_contact = Some(Day::parse("1950-06-01").unwrap());
        deal.calls[0].at = Minutes::parse("0202-03-04T10:00").unwrap();
        assert_eq!(parse_import(&to_json(&f)), Ok(f));
    }

    #[test]
    fn numbers_from_outside_are_bounded_and_named() {
        let mut f = export(generate(1, 1, 1, now()), vec![], now());
        f.deals[0].rev = u64::MAX;
        assert!(
            matches!(refused(&to_json(&f)), ImportError::Invalid { place, .. } if place == "deals[0].rev")
        );
        f.deals[0].rev = MAX_REV;
        assert!(parse_import(&to_json(&f)).is_ok(), "2^53 itself is fine");
        let mut f = export(generate(1, 1, 1, now()), vec![], now());
        f.deals[0].updated = Minutes(i64::MAX);
        assert!(
            matches!(refused(&to_json(&f)), ImportError::Invalid { place, .. } if place == "deals[0].updated")
        );
        let mut f = export(generate(1, 2, 1, now()), vec![], now());
        f.deals[0].calls[1].at = Minutes(FIRST_MINUTE - 1);
        assert!(
            matches!(refused(&to_json(&f)), ImportError::Invalid { place, .. } if place == "deals[0].calls[1].at")
        );
        let mut f = export(generate(1, 1, 1, now()), vec![], now());
        f.deals[0].target = Some(crate::domain::Day(i32::MAX));
        assert!(matches!(refused(&to_json(&f)), ImportError::Invalid { .. }));
    }
}
