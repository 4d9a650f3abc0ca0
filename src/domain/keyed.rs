//! Unit enums stored as short strings ("d", "lowercase"), written and read through one shared
//! path. serde's derive gives every such enum its own visitor (~1.2 KB of wasm each); here each
//! enum is two tables and the reading is one function.

use serde::{de::Error, Deserialize, Deserializer};

/// The position of the stored key in `keys`, or an error naming the keys expected.
pub fn index<'de, D: Deserializer<'de>>(d: D, keys: &'static [&'static str]) -> Result<usize, D::Error> {
    let text = String::deserialize(d)?;
    keys.iter()
        .position(|k| *k == text)
        .ok_or_else(|| D::Error::unknown_variant(&text, keys))
}

/// `stored_as_keys!(Type, [Type::A => "a", …])`: serializes each variant as its key and reads
/// it back, and gives `Type::key` and `Type::from_key`; the list must name every variant.
macro_rules! stored_as_keys {
    ($ty:ty, [$($variant:expr => $key:literal),+ $(,)?]) => {
        impl $ty {
            const STORED: &'static [($ty, &'static str)] = &[$(($variant, $key)),+];
            const KEYS: &'static [&'static str] = &[$($key),+];
            /// The key it is stored as (and a form's option value).
            pub fn key(self) -> &'static str {
                Self::STORED.iter().find(|(v, _)| *v == self).map_or("", |(_, k)| *k)
            }
            pub fn from_key(key: &str) -> Option<Self> {
                Self::STORED.iter().find(|(_, k)| *k == key).map(|(v, _)| *v)
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::domain::keyed::index(d, Self::KEYS).map(|i| Self::STORED[i].0)
            }
        }
    };
}
pub(crate) use stored_as_keys;

/// `stored_as_array!(Type via Stored { field: FieldType, … })`: `Type` (which must carry
/// `#[derive(Deserialize)] #[serde(from = "Stored")]`) is stored as a JSON array of the listed
/// fields in order: written from borrowed fields, read through the tuple struct `Stored`. A
/// tuple's decoder is a third of a keyed struct's in the wasm, and the record is shorter. At
/// most 16 fields (serde's tuples).
macro_rules! stored_as_array {
    ($ty:ident via $stored:ident { $($field:ident: $fty:ty),+ $(,)? }) => {
        #[derive(serde::Deserialize)]
        struct $stored($($fty),+);
        impl From<$stored> for $ty {
            fn from(s: $stored) -> Self {
                let $stored($($field),+) = s;
                $ty { $($field),+ }
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&($(&self.$field,)+), s)
            }
        }
    };
}
pub(crate) use stored_as_array;

/// A key of a stored object: borrowed from the text when it has no escapes.
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(v.into()))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(v.to_owned().into()))
            }
        }
        d.deserialize_str(Visit)
    }
}

/// What a required field holds until it is read (never seen outside the reader: a record
/// missing the field is refused). Its default; an id, which has none, is blank (see `id.rs`).
pub trait Blank {
    fn blank() -> Self;
}

impl<T: Default> Blank for T {
    fn blank() -> T {
        T::default()
    }
}

/// `stored_as_object!(Type { field: "key", field: "key" = default, field: "key" via Wrapper, … })`:
/// reads `Type` (or `Type<'de>`, borrowing from the text) from a JSON object (serializing stays
/// derived). Each field is read under its
/// key; a field with `= default` may be missing, one without is required; unknown keys are
/// skipped; `via Wrapper` reads the field through a `Wrapper(FieldType)` that implements
/// `Deserialize` (a stored shape of its own, as serde's `deserialize_with`).
/// What serde's derive reads too, minus reading a struct from an array, which no stored record
/// does: the derive's array half and its field visitor were ~30 KB of the wasm for all records.
/// The record is read in place: it starts from its defaults (a required field from its
/// [`Blank`]), each key read sets the field and its bit, and a required field whose bit is
/// unset is "missing field `key`" — not one `Option` per field taken out at the end, which was
/// 2.2 KB more wasm (gzip) for all records. A default is made even when its key is present:
/// defaults are constants (`None`, `Vec::new()`, …). At most 64 fields (one `u64` of bits).
macro_rules! stored_as_object {
    ($ty:ident $(<$de:lifetime>)? { $($field:ident: $key:literal $(via $via:ty)? $(= $default:expr)?),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty $(<$de>)? {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visit;
                impl<'de> serde::de::Visitor<'de> for Visit {
                    type Value = $ty $(<$de>)?;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object")
                    }
                    // A record without required fields never reads `seen`.
                    #[allow(unused_assignments, unused_variables)]
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                        // Each field's bit in `seen`.
                        #[allow(non_camel_case_types)]
                        enum Bit { $($field),+ }
                        const _: () = assert!([$(Bit::$field as u32),+].len() <= 64, "more fields than bits");
                        let mut out = $ty {
                            $($field: $crate::domain::keyed::stored_as_object!(@start $($default)?),)+
                        };
                        let mut seen = 0u64;
                        while let Some(key) = map.next_key::<$crate::domain::keyed::Key>()? {
                            match &*key {
                                $($key => {
                                    out.$field = $crate::domain::keyed::stored_as_object!(@read map $($via)?);
                                    seen |= 1 << Bit::$field as u32;
                                })+
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        $($crate::domain::keyed::stored_as_object!(@check seen, Bit::$field, $key $(, $default)?);)+
                        Ok(out)
                    }
                }
                d.deserialize_map(Visit)
            }
        }
    };
    (@read $map:ident) => { $map.next_value()? };
    (@read $map:ident $via:ty) => { $map.next_value::<$via>()?.0 };
    (@start) => { $crate::domain::keyed::Blank::blank() };
    (@start $default:expr) => { $default };
    (@check $seen:ident, $bit:expr, $key:literal) => {
        if $seen & (1 << $bit as u32) == 0 {
            return Err(serde::de::Error::missing_field($key));
        }
    };
    (@check $seen:ident, $bit:expr, $key:literal, $default:expr) => {};
}
pub(crate) use stored_as_object;

#[cfg(test)]
mod tests {
    use crate::domain::{CallKind, EvidenceLevel, Outcome, Preset, Role, Stage};

    fn round_trip<T>(all: &[T], keys: &[&str])
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        assert_eq!(all.len(), keys.len());
        for (value, key) in all.iter().zip(keys) {
            let text = serde_json::to_string(value).unwrap();
            assert_eq!(text, format!("\"{key}\""));
            assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value);
        }
        let error = serde_json::from_str::<T>("\"nope\"").unwrap_err().to_string();
        assert!(error.contains("unknown variant `nope`"), "{error}");
        assert!(serde_json::from_str::<T>("3").is_err());
    }

    /// The stored keys are a contract with every browser that holds data: these are the keys
    /// serde's derive wrote before.
    #[test]
    fn every_variant_keeps_its_stored_key() {
        round_trip(
            &Stage::ALL,
            &[
                "prospect",
                "discovery",
                "qualification",
                "solution",
                "proposal",
                "commit",
                "closed",
            ],
        );
        round_trip(&CallKind::ALL, &["d", "m", "f", "n", "x"]);
        round_trip(
            &[
                EvidenceLevel::Unknown,
                EvidenceLevel::Assumed,
                EvidenceLevel::Heard,
                EvidenceLevel::Confirmed,
            ],
            &["u", "a", "h", "c"],
        );
        round_trip(
            &[Preset::Standard, Preset::Meddicc, Preset::Bant, Preset::Spiced],
            &["standard", "meddicc", "bant", "spiced"],
        );
        round_trip(&Outcome::ALL, &["open", "won", "lost", "nodecision"]);
        round_trip(&Role::ALL, &["dm", "ch", "co", "tb", "us", "pl", "bl"]);
    }

    /// `stored_as_object!` reads what the derive read: keys in any order, escaped or not,
    /// unknown keys skipped, missing optional fields defaulted, a missing required field named.
    #[test]
    fn objects_are_read_as_the_derive_read_them() {
        use crate::domain::testing::id;
        use crate::domain::{Call, Stakeholder};

        let person: Stakeholder =
            serde_json::from_str(r#"{"zz":[1,{"a":null}],"n":"Ana","\u0069":"p1","e":true}"#).unwrap();
        assert_eq!(
            (person.id, person.name.as_str(), person.engaged),
            (id("p1"), "Ana", true)
        );
        assert_eq!(
            (person.title.as_str(), person.roles.len(), person.last_contact),
            ("", 0, None)
        );

        let call: Call = serde_json::from_str(r#"{"i":"c1","at":60,"ck":"a b"}"#).unwrap();
        assert_eq!(
            (call.kind, call.plan.checked),
            (CallKind::default(), vec![id("a"), id("b")])
        );

        let missing = serde_json::from_str::<Stakeholder>(r#"{"i":"p1"}"#).unwrap_err();
        assert!(missing.to_string().contains("missing field `n`"), "{missing}");
        let wrong = serde_json::from_str::<Stakeholder>(r#"{"i":"p1","n":3}"#).unwrap_err();
        assert!(wrong.to_string().contains("invalid type"), "{wrong}");
        assert!(serde_json::from_str::<Stakeholder>(r#"["p1","Ana"]"#).is_err());
    }

    /// Each struct's stored keys are written twice (`#[serde(rename)]` to write, the macro's list
    /// to read): every field of every record, set to something other than its default, must come
    /// back from what was written.
    #[test]
    fn every_field_of_every_record_survives_a_round_trip() {
        use crate::domain::action::ReviewDraft;
        use crate::domain::call::EvidenceChange;
        use crate::domain::proof::Proof;
        use crate::domain::testing::id;
        use crate::domain::*;

        fn back<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(v: &T) {
            let text = serde_json::to_string(v).unwrap();
            assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), v, "{text}");
        }
        let line = |i: &str| ListItem {
            id: id(i),
            text: "Asked".into(),
            done: true,
            note: "Yes".into(),
        };
        let pair = Pair {
            id: id("m"),
            left: "Speed".into(),
            right: "Pilot".into(),
        };
        let mut call = Call::new(id("c"), Minutes(60), CallKind::Demo);
        call.attendees = vec![id("p")];
        call.plan = CallPlan {
            objective: "Why".into(),
            ask: "Pilot".into(),
            agenda: vec![line("a")],
            discovery: vec![line("b")],
            pain: vec![line("d")],
            cares: vec![pair.clone()],
            objections: vec![pair],
            checked: vec![id("x"), id("y")],
        };
        call.review = Some(Review {
            happened: "Met".into(),
            next_step: "Send".into(),
            next_step_on: Some(Day(3)),
            cues: "Keen".into(),
            how: ["1".into(), "2".into(), "3".into(), "4".into()],
            evidence: vec![EvidenceChange {
                key: "budget".into(),
                from: EvidenceLevel::Assumed,
                to: EvidenceLevel::Heard,
            }],
            we_promised: vec!["Deck".into()],
            they_promised: vec!["Data".into()],
        });
        call.draft = Some(ReviewDraft {
            happened: "h".into(),
            next_step: "n".into(),
            next_step_on: "2026-12-02".into(),
            cues: "c".into(),
            how: ["a".into(), "b".into(), "c".into(), "d".into()],
            evidence: vec![("budget".into(), EvidenceLevel::Confirmed)],
            we_promised: "w".into(),
            they_promised: "t".into(),
            suggested: vec![("need".into(), EvidenceLevel::Heard)],
        });
        let mut deal = Deal::new(id("d"), "Acme".into(), "Pilot".into(), id("t"), Minutes(5));
        deal.stage = Stage::Solution;
        deal.value = "€40k".into();
        deal.target = Some(Day(9));
        deal.outcome = Outcome::Won;
        deal.archived = true;
        deal.sample = true;
        deal.updated = Minutes(7);
        deal.rev = 4;
        deal.preset = Preset::Bant;
        deal.people = vec![Stakeholder {
            id: id("p"),
            name: "Ana".into(),
            title: "CFO".into(),
            roles: vec![Role::ALL[0]],
            engaged: true,
            last_contact: Some(Day(2)),
            notes: "Likes data".into(),
        }];
        deal.calls = vec![call];
        deal.moves = vec![StageMove {
            at: Minutes(6),
            from: Stage::Prospect,
            to: Stage::Solution,
            skipped: 2,
        }];
        deal.jumped = vec![SkippedStep {
            stage: Stage::Discovery,
            key: "need".into(),
        }];
        deal.snapshots = vec![(Minutes(8), 42)];
        back(&deal);

        let mut template = Template::default_template();
        template.items[0].hint = "Hint".into();
        template.items[0].weight = 3;
        template.items[0].retired = true;
        template.items[1].proof = Proof::Hand;
        back(&template);
    }
}
