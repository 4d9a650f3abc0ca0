//! Pure encoding of stored records: the version envelope, migrations from every earlier schema
//! version, and the deal-list index. Tested natively; no browser API here.

use crate::domain::json::{self, Decode, Encode, Raw};
use crate::domain::{forecast, score, Call, CallKind, Deal, Id, Minutes, Outcome, Stage, Template, Weather};

/// The schema version this build writes. Version 1 was the foundation slice's deal record
/// (`{"v":1,"id","name","created"}`); version 2 is the full domain deal.
pub const SCHEMA_VERSION: u32 = 2;

/// Why a stored record could not be used. The record itself is never touched because of it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("it is not readable ({0})")]
    Corrupt(String),
    #[error("it was written by a newer version of Deal Prep (schema {0}); update the app to edit it")]
    Newer(u32),
}

/// A record's envelope, its data left unparsed: one decoder for every record kind (the data's
/// own decoder is the one an import uses too), instead of one envelope decoder per kind.
struct EnvelopeIn<'a> {
    v: Option<u32>,
    r: u64,
    d: Option<Raw<'a>>,
}

crate::domain::keyed::stored_as_object!(read EnvelopeIn<'de> {
    v: "v" = None,
    r: "r" = 0,
    d: "d" = None,
});

fn corrupt(e: json::Error) -> RecordError {
    RecordError::Corrupt(e.message())
}

/// A record's data (absent in a schema 1 deal) and revision, when its version is one this
/// build reads; else why not.
fn open(text: &str) -> Result<(u32, Option<Raw<'_>>, u64), RecordError> {
    let env: EnvelopeIn = json::from_str(text).map_err(corrupt)?;
    match env.v {
        None => Err(RecordError::Corrupt("no schema version".into())),
        Some(v) if v > SCHEMA_VERSION => Err(RecordError::Newer(v)),
        Some(v) => Ok((v, env.d, env.r)),
    }
}

/// A current-version record's data read as a `T`.
fn data<T: for<'de> Decode<'de>>(d: Option<Raw>) -> Result<T, RecordError> {
    let d = d.ok_or_else(|| RecordError::Corrupt("missing field `d`".into()))?;
    json::from_str(d.0).map_err(corrupt)
}

/// Encodes a value in the current version's envelope.
pub fn encode<T: Encode + ?Sized>(value: &T) -> String {
    encode_rev(value, 0)
}

/// Encodes a value with its revision in the envelope (records whose data has none), as
/// `{"v":<schema>,"r":<revision, when not 0>,"d":<data>}`: every record is stored so.
pub fn encode_rev<T: Encode + ?Sized>(value: &T, rev: u64) -> String {
    let mut out = envelope(rev);
    value.encode(&mut out);
    out.push('}');
    out
}

/// The envelope up to its data: one function for every record kind.
fn envelope(rev: u64) -> String {
    let mut out = String::from("{\"v\":");
    SCHEMA_VERSION.encode(&mut out);
    if rev != 0 {
        json::key(&mut out, "r");
        rev.encode(&mut out);
    }
    json::key(&mut out, "d");
    out
}

/// Result of decoding a deal: the deal, and whether it was migrated (so the caller writes the
/// migrated record back, and only then).
#[derive(Debug, PartialEq)]
pub struct Decoded {
    pub deal: Deal,
    pub migrated: bool,
}

/// The foundation slice's deal record (schema 1).
struct DealV1 {
    id: Id,
    name: String,
    created: i64,
}

crate::domain::keyed::stored_as_object!(read DealV1 {
    id: "id",
    name: "name",
    created: "created" = 0,
});

/// Migration 1 → 2: a named deal becomes a full deal at Prospect with the default template.
fn migrate_v1(old: DealV1) -> Deal {
    let at = Minutes(old.created);
    let template = Id::default_template();
    Deal::new(old.id, String::new(), old.name, template, at)
}

/// Decodes a deal record of any known version, migrating older ones.
pub fn decode_deal(text: &str) -> Result<Decoded, RecordError> {
    match open(text)? {
        (1, ..) => {
            let old: DealV1 = json::from_str(text).map_err(corrupt)?;
            Ok(Decoded {
                deal: migrate_v1(old),
                migrated: true,
            })
        }
        (SCHEMA_VERSION, d, _) => Ok(Decoded {
            deal: data(d)?,
            migrated: false,
        }),
        (v, ..) => Err(RecordError::Corrupt(format!("unknown schema version {v}"))),
    }
}

/// Decodes any current-version record (index, settings, meta).
pub fn decode<T: for<'de> Decode<'de>>(text: &str) -> Result<T, RecordError> {
    decode_rev(text).map(|(d, _)| d)
}

/// Decodes a record with the revision its envelope carries (0 when none).
pub fn decode_rev<T: for<'de> Decode<'de>>(text: &str) -> Result<(T, u64), RecordError> {
    let (_, d, rev) = open(text)?;
    Ok((data(d)?, rev))
}

/// What the deal list shows for one deal, kept in the index so the list renders without
/// parsing every deal. A cache: rebuilt from the deal records whenever it disagrees with them
/// (or cannot be read: an entry of the older keyed-object layout, or one without the template
/// stamp, is rebuilt once). Stored as a JSON array of its fields in order (see
/// `stored_as_array!` below).
#[derive(Clone, Debug, PartialEq)]
pub struct IndexEntry {
    pub id: Id,
    pub client: String,
    pub name: String,
    pub stage: Stage,
    pub outcome: Outcome,
    pub archived: bool,
    pub sample: bool,
    pub updated: Minutes,
    pub rev: u64,
    /// Score and weather when the deal was last written (the deal page recomputes them live).
    pub score: u8,
    pub weather: u8,
    pub next_call: Option<Minutes>,
    /// The forecast's first risk, described on the row.
    pub top_risk: String,
    /// Moved past a stage with steps still open.
    pub jumped: bool,
    /// The score rule the entry was computed with; an entry of an older rule is rebuilt.
    pub rule: u8,
    /// Calls without a review on an open deal: up to 3 soonest ahead and 3 latest past, for
    /// "Next calls" and "Calls to review" on the deals view.
    pub calls: Vec<CallMark>,
    /// The [stamp](Template::stamp) of the template it was scored with: once no template has
    /// it (the template was edited, here or in another tab, or deleted), the entry is scored
    /// again from its deal (see `Writer::rescore` and `Store::load`).
    pub stamp: u32,
}

// Read at every startup for every deal: as an array it is shorter to store and to parse.
crate::domain::keyed::stored_as_array!(IndexEntry {
    id: Id,
    client: String,
    name: String,
    stage: Stage,
    outcome: Outcome,
    archived: bool,
    sample: bool,
    updated: Minutes,
    rev: u64,
    score: u8,
    weather: u8,
    next_call: Option<Minutes>,
    top_risk: String,
    jumped: bool,
    rule: u8,
    calls: Vec<CallMark>,
    stamp: u32,
});

/// One call in an index entry, stored as `[id, at, kind, done, total]`: its checklist progress
/// when the deal was last written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallMark(pub Id, pub Minutes, pub CallKind, pub u8, pub u8);

impl Encode for CallMark {
    fn encode(&self, out: &mut String) {
        out.push('[');
        self.0.encode(out);
        out.push(',');
        self.1.encode(out);
        out.push(',');
        self.2.encode(out);
        out.push(',');
        self.3.encode(out);
        out.push(',');
        self.4.encode(out);
        out.push(']');
    }
}

impl<'a> Decode<'a> for CallMark {
    fn decode(r: &mut json::Reader<'a>) -> json::Result<CallMark> {
        r.array()?;
        r.expect_item()?;
        let id = Id::decode(r)?;
        r.expect_item()?;
        let at = Minutes::decode(r)?;
        r.expect_item()?;
        let kind = CallKind::decode(r)?;
        r.expect_item()?;
        let done = u8::decode(r)?;
        r.expect_item()?;
        let total = u8::decode(r)?;
        r.end()?;
        Ok(CallMark(id, at, kind, done, total))
    }
}

/// How many calls ahead and behind an entry keeps.
const MARKS: usize = 3;

fn call_marks(deal: &Deal, template: &Template, now: Minutes) -> Vec<CallMark> {
    if deal.archived || deal.outcome != Outcome::Open {
        return Vec::new();
    }
    let mut open: Vec<&Call> = deal.calls.iter().filter(|c| c.review.is_none()).collect();
    crate::domain::order::sort_by(&mut open, &|a, b| a.at.cmp(&b.at));
    let ahead = open.iter().position(|c| c.at > now).unwrap_or(open.len());
    let (past, future) = open.split_at(ahead);
    past.iter()
        .rev()
        .take(MARKS)
        .rev()
        .chain(future.iter().take(MARKS))
        .map(|call| {
            let (done, total) = crate::domain::proof::progress(deal, call, template);
            let small = |n: usize| n.min(u8::MAX.into()) as u8;
            CallMark(call.id.clone(), call.at, call.kind, small(done), small(total))
        })
        .collect()
}

/// The rule of today's entries (2: parts apply only with something to judge, proofs, the top
/// risk and the jumped-ahead mark; 3: the calls without a review).
pub const SCORE_RULE: u8 = 3;

impl IndexEntry {
    pub fn of(deal: &Deal, template: &Template, now: Minutes) -> IndexEntry {
        let forecast = forecast(deal, template, now);
        IndexEntry {
            id: deal.id.clone(),
            client: deal.client.clone(),
            name: deal.name.clone(),
            stage: deal.stage,
            outcome: deal.outcome,
            archived: deal.archived,
            sample: deal.sample,
            updated: deal.updated,
            rev: deal.rev,
            score: score(deal, template, now).total,
            weather: forecast.weather as u8,
            next_call: deal.next_call(now).map(|c| c.at),
            top_risk: forecast
                .risks
                .into_iter()
                .next()
                .map(|r| r.title)
                .unwrap_or_default(),
            jumped: !deal.jumped.is_empty(),
            rule: SCORE_RULE,
            calls: call_marks(deal, template, now),
            stamp: template.stamp(),
        }
    }
    /// Scored by today's rule with a template as it is now (its stamp among `stamps`).
    #[allow(
        clippy::manual_contains,
        reason = "`contains` on `u32`s is a specialised search: 55 B more of gzip wasm for a few stamps"
    )]
    pub fn fresh(&self, stamps: &[u32]) -> bool {
        self.rule == SCORE_RULE && stamps.iter().any(|s| *s == self.stamp)
    }
    pub fn weather(&self) -> Weather {
        match self.weather {
            0 => Weather::Clear,
            1 => Weather::Cloudy,
            2 => Weather::Stormy,
            _ => Weather::TooEarly,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// An entry is fresh while a template scores as the one it was scored with (a new name
    /// changes no score), and no longer once that template changed (an item's weight, an item
    /// more) or is gone, or the rule moved on.
    #[test]
    fn an_entry_is_fresh_only_while_its_template_is_as_it_was() {
        let template = Template::default_template();
        let entry = IndexEntry::of(&deal(), &template, Minutes(5));
        assert!(entry.fresh(&[Template::default_template().stamp()]));
        let mut renamed = template.clone();
        renamed.name = "Field visits".into();
        assert!(entry.fresh(&[renamed.stamp()]));
        let mut weighed = template.clone();
        weighed.items[0].weight = 1;
        let mut longer = template.clone();
        longer.items.push(template.items[0].clone());
        let mut copy = template.clone();
        copy.id = Id::new("t2").unwrap();
        assert!(!entry.fresh(&[weighed.stamp(), longer.stamp(), copy.stamp()]));
        assert!(!entry.fresh(&[]));
        let older = IndexEntry {
            rule: SCORE_RULE - 1,
            ..entry.clone()
        };
        assert!(!older.fresh(&[template.stamp()]));
    }

    fn deal() -> Deal {
        crate::domain::deal::fixture(Minutes(5))
    }

    #[test]
    fn the_meta_record_round_trips() {
        let meta = crate::store::local::Meta {
            last_export: Some(Minutes(1)),
            edits_since_export: 3,
            first_unexported_edit: Some(Minutes(2)),
        };
        assert_eq!(decode(&encode(&meta)), Ok(meta));
    }

    #[test]
    fn current_records_round_trip() {
        let d = deal();
        let text = encode(&d);
        assert!(text.starts_with(r#"{"v":2,"#), "{text}");
        assert_eq!(
            decode_deal(&text),
            Ok(Decoded {
                deal: d,
                migrated: false
            })
        );
    }

    #[test]
    fn a_version_1_record_is_migrated() {
        let fixture = r#"{"v":1,"id":"d-old","name":"Legacy deal","created":29000000}"#;
        let decoded = decode_deal(fixture).unwrap();
        assert!(decoded.migrated);
        assert_eq!(decoded.deal.name, "Legacy deal");
        assert_eq!(decoded.deal.created, Minutes(29_000_000));
        assert_eq!(decoded.deal.stage, Stage::Prospect);
        // Written back in the current version, it reads as current.
        assert!(!decode_deal(&encode(&decoded.deal)).unwrap().migrated);
    }

    /// The deals view's "Next calls" and "Calls to review" read these marks, never the deal.
    #[test]
    fn the_entry_marks_the_calls_without_a_review_nearest_now() {
        let now = Minutes(100_000);
        let mut d = deal();
        let call = |n: i64| Call {
            id: Id::new(format!("c{n}")).unwrap(),
            at: Minutes(now.0 + n * 60),
            kind: CallKind::default(),
            attendees: vec![],
            plan: Default::default(),
            review: None,
            draft: None,
        };
        // Five past calls (one reviewed), four ahead, out of order.
        for n in [3, -5, 1, -1, -4, 4, -3, 2, -2] {
            d.calls.push(call(n));
        }
        d.calls.push(Call {
            review: Some(Default::default()),
            ..call(-6)
        });
        d.calls
            .iter_mut()
            .find(|c| c.id.as_str() == "c-1")
            .unwrap()
            .review = Some(Default::default());
        let first = d.calls.iter_mut().find(|c| c.id.as_str() == "c1").unwrap();
        (first.plan.objective, first.plan.ask) = ("Why".into(), "Pilot".into());
        let template = Template::default_template();
        let entry = IndexEntry::of(&d, &template, now);
        let ids: Vec<&str> = entry.calls.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(ids, ["c-4", "c-3", "c-2", "c1", "c2", "c3"]);
        let total = template.active().count() as u8;
        assert_eq!(entry.calls[3].4, total);
        assert_eq!(
            entry.calls[3].3,
            entry.calls[4].3 + 1,
            "the objective and the ask prove one item"
        );
        // Stored compactly, and read back the same.
        let text = encode(&entry);
        assert!(text.contains(r#"["c1",100060,"d","#), "{text}");
        assert_eq!(decode::<IndexEntry>(&text).unwrap(), entry);
        // A closed or archived deal has nothing to hold or review.
        d.outcome = Outcome::Won;
        assert!(IndexEntry::of(&d, &template, now).calls.is_empty());
        d.outcome = Outcome::Open;
        d.archived = true;
        assert!(IndexEntry::of(&d, &template, now).calls.is_empty());
    }

    #[test]
    fn newer_and_corrupt_records_are_errors() {
        assert_eq!(decode_deal(r#"{"v":99,"d":{}}"#), Err(RecordError::Newer(99)));
        for bad in [
            "",
            "{",
            "[]",
            r#"{"d":{}}"#,
            r#"{"v":2,"d":{"i":"BAD ID"}}"#,
            r#"{"v":0}"#,
        ] {
            assert!(matches!(decode_deal(bad), Err(RecordError::Corrupt(_))), "{bad}");
        }
    }
}
